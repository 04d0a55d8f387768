-- Parameters bound the way client drivers bind them (README "Connecting from
-- clients"): untyped (node-postgres, psqlODBC's server-side prepare, and any
-- quoted literal), bigint (Java long), double precision (Java double, JS numbers
-- sent typed), numeric (Java BigDecimal, Python Decimal and float literals) and
-- varchar (pgjdbc's default stringtype).  Every call resolves to one function,
-- and every overload gives the bigint form's answer.
SET search_path = kolmetrics, public;

-- Untyped parameters: one candidate each, never "is not unique".
PREPARE t1 AS SELECT kol_tier($1), tier_label($1, $2), check_followers($1);
EXECUTE t1('150000', 'later');
PREPARE e2 AS SELECT engagement_rate($1, $2);
EXECUTE e2('5', '100');
PREPARE e5 AS SELECT engagement_rate($1, $2, $3, $4, $5);
EXECUTE e5('1', '2', '3', '4', '100');
PREPARE e6 AS SELECT engagement_rate($1, $2, $3, $4, $5, $6);
EXECUTE e6('1', '2', '3', '4', '100', '10');
PREPARE r2 AS SELECT roi($1, $2), pg_typeof(roi($1, $2));
EXECUTE r2('1200.50', '1000');
PREPARE k2 AS SELECT kol_relevance($1, $2);
EXECUTE k2('{"categories": {"beauty": 1}}', '{"categories": {"beauty": 2}}');
PREPARE g2 AS SELECT tag_relevance($1, $2);
EXECUTE g2('{beauty,skincare}', '{skincare}');
-- the types the untyped parameters resolved to
SELECT name, parameter_types FROM pg_prepared_statements ORDER BY name;

-- The same counts as bigint, double precision and numeric: equal answers.
SELECT f, kol_tier(f::bigint) AS as_bigint, kol_tier(f::float8) AS as_float8, kol_tier(f::numeric) AS as_numeric,
       tier_label(f::float8, 'xiaohongshu') AS label_float8, tier_label(f::numeric, 'xiaohongshu') AS label_numeric
  FROM unnest(ARRAY[0, 9999, 10000, 99999, 100000, 499999, 500000, 999999, 1000000]) f;
SELECT engagement_rate(34::bigint, 1000::bigint) AS as_bigint, engagement_rate(34::float8, 1000::float8) AS as_float8,
       engagement_rate(34::numeric, 1000::numeric) AS as_numeric, engagement_rate(34::float8, 1000::bigint) AS mixed,
       engagement_rate(34.000, 1000.0) AS trailing_zeros;
SELECT engagement_rate(10::float8, 2::float8, 1::float8, NULL::float8, 200::float8) AS f8_counters,
       engagement_rate(10.0, 2.0, 1.0, NULL, 200.0, 7.0) AS numeric_counters,
       engagement_rate(10::bigint, 2, 1, NULL, 200, 7) AS bigint_counters;
-- doubles read as the numeric of their shortest text: 1200.5 exactly
SELECT roi(1200.5::float8, 1000::bigint) AS double_and_long, roi(1200.5, 1000) AS numeric,
       roi(0.1::float8, 0.3::float8) AS tenth_over_three_tenths;
-- the largest double that holds every integer below it, and numeric up to bigint
SELECT check_followers(9007199254740991::float8), check_followers(9223372036854775807::numeric);

-- Bad counts through the overloads: named, with the bigint form's SQLSTATEs.
SELECT kol_tier(12.5::float8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(12.5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier('NaN'::float8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier('Infinity'::numeric);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(9007199254740992::float8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(9223372036854775808::numeric);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(-1::float8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1.5, 10.0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1::float8, 2::float8, 3::float8, 0.25::float8, 100::float8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi('NaN'::float8, 1::float8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a count beyond 2^53 as an untyped parameter: the hint says how to bind it
EXECUTE t1('9223372036854775807', 'later');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
PREPARE t1b(bigint) AS SELECT kol_tier($1);
EXECUTE t1b('9223372036854775807');

-- Strings bound as varchar (pgjdbc) or text: platform and tier comparisons.
CREATE TEMP TABLE dp (id int, platform platform, followers bigint);
INSERT INTO dp VALUES (1, 'weibo', 5000), (2, 'douyin', 150000), (3, 'youtube', 2000000), (4, 'weibo', 600000), (5, NULL, 0);
PREPARE p1(varchar) AS SELECT id FROM dp WHERE platform = $1 ORDER BY id;
EXECUTE p1('weibo');
PREPARE p2(varchar[]) AS SELECT id FROM dp WHERE platform = ANY($1) ORDER BY id;
EXECUTE p2('{douyin,youtube}');
PREPARE p3(text[]) AS SELECT id FROM dp WHERE platform = ANY($1) ORDER BY id;
EXECUTE p3('{weibo}');
PREPARE p4(varchar) AS SELECT id, kol_tier(followers) FROM dp WHERE kol_tier(followers) >= $1 ORDER BY id;
EXECUTE p4('mid');
PREPARE p5 AS SELECT id FROM dp WHERE kol_tier(followers) = $1 ORDER BY id;
EXECUTE p5('macro');
PREPARE p6(varchar) AS SELECT emv($1, 1000, 10, 1, 1, 1);
EXECUTE p6('youtube');
-- every comparison of a tier with a string, both ways, against the enum's own order
SELECT t, s,
       t = s AS eq, t <> s AS ne, t < s AS lt, t <= s AS le, t > s AS gt, t >= s AS ge,
       s = t AS eq_r, s <> t AS ne_r, s < t AS lt_r, s <= t AS le_r, s > t AS gt_r, s >= t AS ge_r
  FROM unnest(enum_range(NULL::tier)) t, (VALUES ('micro'::varchar), ('macro'::text)) v(s)
 ORDER BY t, s;
SELECT bool_and((t = s::tier) = (t = s) AND (t < s::tier) = (t < s) AND (t >= s::tier) = (s <= t)) AS agrees
  FROM unnest(enum_range(NULL::tier)) t, unnest(ARRAY['nano', 'micro', 'mid', 'macro', 'mega']) s;
SELECT kol_tier(600000) >= 'Mid'::varchar;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a misspelt name compared with a platform column matches nothing
EXECUTE p1('Weibo');
SELECT ingest_post('Weibo', '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT emv('TikTok', 1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

DEALLOCATE ALL;
