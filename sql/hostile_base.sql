-- Hostile input through SQL for the base types and functions: the platform domain and
-- the tier enum (text input and binary receive), kol_tier(), tier_label() and the configuration
-- tables behind them, and engagement_rate() at its extremes.  Every malformed input must be
-- rejected with the SQLSTATE named next to it, and the server must still answer afterwards.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;
\ir test/regress/try_in.sql
\ir test/regress/recv.sql

-- ---------------------------------------------------------------------------
-- platform: 36 malformed text inputs, each 22P02 "invalid input value for enum"
-- (enum labels are exact, case- and space-sensitive; no aliases, no lists).
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE bad_platform (n int, what text, input text);
INSERT INTO bad_platform VALUES
	(1, 'empty', ''),
	(2, 'one space', ' '),
	(3, 'capitalised', 'Weibo'),
	(4, 'upper case', 'WEIBO'),
	(5, 'leading space', ' weibo'),
	(6, 'trailing space', 'weibo '),
	(7, 'trailing tab', E'weibo\t'),
	(8, 'trailing newline', E'weibo\n'),
	(9, 'inner space', 'wei bo'),
	(10, 'tik tok', 'tik tok'),
	(11, 'tik-tok', 'tik-tok'),
	(12, 'TikTok', 'TikTok'),
	(13, 'wechat-channels', 'wechat-channels'),
	(14, 'wechatchannels', 'wechatchannels'),
	(15, 'taobao live', 'taobao live'),
	(16, 'xhs (alias)', 'xhs'),
	(17, 'red (alias)', 'red'),
	(18, 'Chinese name 小红书', '小红书'),
	(19, 'Chinese name 抖音', '抖音'),
	(20, 'comma list', 'weibo,douyin'),
	(21, 'array literal', '{weibo}'),
	(22, 'record literal', '(weibo)'),
	(23, 'double quoted', '"weibo"'),
	(24, 'single quoted', '''weibo'''),
	(25, 'SQL injection', 'weibo''; DROP TABLE kolmetrics.tier_scheme; --'),
	(26, 'null word', 'null'),
	(27, 'NULL word', 'NULL'),
	(28, 'zero', '0'),
	(29, 'one (enum position)', '1'),
	(30, '63 bytes', repeat('a', 63)),
	(31, '64 bytes (> NAMEDATALEN)', repeat('a', 64)),
	(32, '500 kB', repeat('weibo', 100000)),
	(33, 'e acute', E'w\u00e9ibo'),
	(34, 'zero-width space', E'wei\u200bbo'),
	(35, 'full-width letters', E'\uff57\uff45\uff49\uff42\uff4f'),
	(36, 'a kol_tier label', 'mega');
SELECT n, what, pg_temp.try_in('kolmetrics.platform', input) AS result
  FROM bad_platform ORDER BY n;
SELECT count(*) AS inputs,
       count(*) FILTER (WHERE pg_temp.try_in('kolmetrics.platform', input) LIKE '22P02: %') AS rejected_22p02
  FROM bad_platform;

-- ---------------------------------------------------------------------------
-- kol_tier: 34 malformed text inputs, each 22P02.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE bad_tier (n int, what text, input text);
INSERT INTO bad_tier VALUES
	(1, 'empty', ''),
	(2, 'capitalised', 'Nano'),
	(3, 'upper case', 'MEGA'),
	(4, 'trailing space', 'nano '),
	(5, 'leading space', ' mega'),
	(6, 'unknown tier', 'giant'),
	(7, 'micro-influencer', 'micro-influencer'),
	(8, 'mid-tier', 'mid-tier'),
	(9, 'medium', 'medium'),
	(10, 'middle', 'middle'),
	(11, 'kol', 'kol'),
	(12, 'koc', 'koc'),
	(13, 'a tier_label label 头部', '头部'),
	(14, 'a tier_label label 腰部', '腰部'),
	(15, 'tier1', 'tier1'),
	(16, 'one (enum position)', '1'),
	(17, 'zero', '0'),
	(18, 'minus one', '-1'),
	(19, 'NaN', 'NaN'),
	(20, 'Infinity', 'Infinity'),
	(21, 'comma list', 'nano,micro'),
	(22, 'pipe list', 'nano|micro'),
	(23, 'array literal', '{mega}'),
	(24, 'comment injection', 'mega''--'),
	(25, 'null word', 'null'),
	(26, '63 bytes', repeat('m', 63)),
	(27, '64 bytes (> NAMEDATALEN)', repeat('m', 64)),
	(28, '1 MB', repeat('mega', 250000)),
	(29, 'trailing tab', E'nano\t'),
	(30, 'zero-width space', E'mi\u200bcro'),
	(31, 'full-width letters', E'\uff4e\uff41\uff4e\uff4f'),
	(32, 'trailing semicolon', 'macro;'),
	(33, 'LIKE wildcard %', '%'),
	(34, 'a platform label', 'weibo');
SELECT n, what, pg_temp.try_in('kolmetrics.tier', input) AS result
  FROM bad_tier ORDER BY n;
SELECT count(*) AS inputs,
       count(*) FILTER (WHERE pg_temp.try_in('kolmetrics.tier', input) LIKE '22P02: %') AS rejected_22p02
  FROM bad_tier;

-- the plain error, with its message, once per type; then the server is still up
SELECT 'Weibo'::platform;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'giant'::tier;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'nano'::tier < 'giant'::tier;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 1 AS still_up;

-- ---------------------------------------------------------------------------
-- Binary receive of the enums (COPY ... FORMAT binary).  The field is the label's
-- UTF-8 bytes; enum_recv checks the encoding (22021) and the label (22P02).
-- ---------------------------------------------------------------------------
-- what send produces for a valid value, and that it is received back
SELECT pg_temp.send_bytes('xiaohongshu'::platform) AS xiaohongshu_bytes,
       pg_temp.send_bytes('mega'::tier) AS mega_bytes;
SELECT pg_temp.try_recv('kolmetrics.platform', pg_temp.send_bytes('xiaohongshu'::platform)) AS platform_back,
       pg_temp.try_recv('kolmetrics.tier', pg_temp.send_bytes('mega'::tier)) AS tier_back;

CREATE TEMP TABLE bad_bytes (n int, what text, payload bytea);
INSERT INTO bad_bytes VALUES
	(1, 'empty', '\x'),
	(2, 'capitalised label', convert_to('Weibo', 'UTF8')),
	(3, 'trailing space', convert_to('weibo ', 'UTF8')),
	(4, 'label then NUL', '\x776569626f00'),
	(5, 'NUL then label', '\x00776569626f'),
	(6, 'invalid UTF-8 ff fe', '\xfffe'),
	(7, 'truncated UTF-8 sequence', '\x776569c3'),
	(8, 'overlong encoding of /', '\xc0af'),
	(9, 'UTF-16 surrogate', '\xeda080'),
	(10, 'int4 like an enum position', '\x00000001'),
	(11, 'int4 like an OID', '\x00004000'),
	(12, '1000 bytes', convert_to(repeat('a', 1000), 'UTF8')),
	(13, 'label of the other enum', NULL);
SELECT n, what,
       left(pg_temp.try_recv('kolmetrics.platform', coalesce(payload, convert_to('mega', 'UTF8'))), 70) AS as_platform,
       left(pg_temp.try_recv('kolmetrics.tier', coalesce(payload, convert_to('weibo', 'UTF8'))), 70) AS as_kol_tier
  FROM bad_bytes ORDER BY n;
SELECT count(*) AS payloads,
       count(*) FILTER (WHERE pg_temp.try_recv('kolmetrics.platform', coalesce(payload, convert_to('mega', 'UTF8'))) ~ '^22(P02|021): ') AS platform_rejected,
       count(*) FILTER (WHERE pg_temp.try_recv('kolmetrics.tier', coalesce(payload, convert_to('weibo', 'UTF8'))) ~ '^22(P02|021): ') AS kol_tier_rejected
  FROM bad_bytes;
SELECT 1 AS still_up;

-- ---------------------------------------------------------------------------
-- kol_tier() and tier_label() at the edges of bigint and with absurd schemes
-- ---------------------------------------------------------------------------
-- largest bigint is mega; 0 is nano; any negative count is 22023 naming the value
SELECT kol_tier(9223372036854775807) AS max_bigint, kol_tier(0) AS zero;
SELECT kol_tier(-9223372036854775808);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(-1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- An untyped literal argument is read as bigint: no type is named kol_tier (the enum is
-- tier), so kol_tier('150000') is a function call, not a cast (docs "Type Conversion",
-- functions, step 3), and a driver binding an unknown-typed parameter gets the same.
SELECT kol_tier('150000') AS literal_is_a_call, kol_tier('150000'::bigint) AS typed_is_a_call;
PREPARE unknown_tier AS SELECT kol_tier($1) AS t;
EXECUTE unknown_tier('150000');
DEALLOCATE unknown_tier;
-- unknown-typed parameters of the two-argument functions resolve to one candidate each
-- (the summary accessor is pooled_engagement_rate, the text[] form tag_relevance):
-- 5 / 100 = 0.05; identical profiles score 1
PREPARE unknown_er AS SELECT engagement_rate($1, $2) AS er;
EXECUTE unknown_er('5', '100');
DEALLOCATE unknown_er;
PREPARE unknown_rel AS SELECT kol_relevance($1, $2) AS rel;
EXECUTE unknown_rel('{"categories": {"beauty": 1}}', '{"categories": {"beauty": 2}}');
DEALLOCATE unknown_rel;
SELECT kol_tier('mega');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier('12abc');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier('9223372036854775808');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier('NaN'::float8::bigint);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier('Infinity'::float8::bigint);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- the biggest scheme bands: 10000001 is the first 头部/超头部 count, max bigint stays in it
SELECT tier_label(9223372036854775807, 'kasi_douyin') AS max_kasi,
       tier_label(9223372036854775807, 'later') AS max_later,
       tier_label(99999, 'kasi_douyin') IS NULL AS below_lowest_band_is_null;

-- schemes: exact, case-sensitive names; no pattern matching; unknown is 22023
CREATE TEMP TABLE bad_scheme (n int, what text, scheme text);
INSERT INTO bad_scheme VALUES
	(1, 'empty', ''),
	(2, 'upper case', 'LATER'),
	(3, 'leading space', ' later'),
	(4, 'trailing space', 'later '),
	(5, 'LIKE wildcard', 'late%'),
	(6, 'LIKE any char', 'late_'),
	(7, 'regex', 'later|mediakix'),
	(8, 'quote injection', 'later'' OR ''1''=''1'),
	(9, 'comment injection', 'later''--'),
	(10, 'statement injection', 'x''; DELETE FROM kolmetrics.tier_scheme; --'),
	(11, '1 MB name', repeat('later', 200000)),
	(12, 'zero-width space', E'la\u200bter'),
	(13, 'backslash', E'later\\'),
	(14, 'newline', E'later\n');
SELECT n, what, pg_temp.try_sql(format('SELECT kolmetrics.tier_label(50000, %L)', scheme)) AS result
  FROM bad_scheme ORDER BY n;
-- nothing was deleted by the injections
SELECT count(*) AS scheme_rows, count(DISTINCT scheme) AS schemes FROM tier_scheme;
SELECT tier_label(-1, 'later');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT tier_label(-9223372036854775808, 'nosuch');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 1 AS still_up;

-- ---------------------------------------------------------------------------
-- Configuration tables: hostile edits are rejected, and nothing changes.
-- ---------------------------------------------------------------------------
SELECT n, pg_temp.try_sql(q) AS result FROM (VALUES
	(1, $$INSERT INTO kolmetrics.tier_threshold VALUES ('micro', -1)$$),
	(2, $$INSERT INTO kolmetrics.tier_threshold VALUES ('micro', NULL)$$),
	(3, $$INSERT INTO kolmetrics.tier_threshold VALUES (NULL, 5)$$),
	(4, $$INSERT INTO kolmetrics.tier_threshold VALUES ('giant', 5)$$),
	(5, $$UPDATE kolmetrics.tier_threshold SET min_followers = 9223372036854775808 WHERE tier = 'mega'$$),
	(6, $$UPDATE kolmetrics.tier_threshold SET min_followers = -9223372036854775808 WHERE tier = 'nano'$$),
	(7, $$UPDATE kolmetrics.tier_threshold SET min_followers = 10000 WHERE tier = 'mid'$$),
	(8, $$INSERT INTO kolmetrics.tier_scheme VALUES ('', 'x', 0)$$),
	(9, $$INSERT INTO kolmetrics.tier_scheme VALUES ('mine', '', 0)$$),
	(10, $$INSERT INTO kolmetrics.tier_scheme VALUES ('mine', 'x', -5)$$),
	(11, $$INSERT INTO kolmetrics.tier_scheme VALUES (NULL, 'x', 0)$$),
	(12, $$INSERT INTO kolmetrics.tier_scheme VALUES ('mine', NULL, 0)$$)
) AS t(n, q) ORDER BY n;
SELECT tier, min_followers FROM tier_threshold ORDER BY tier;
SELECT count(*) AS scheme_rows FROM tier_scheme;
-- out-of-order thresholds are checked at commit (deferred): 23514, rolled back
BEGIN;
UPDATE tier_threshold SET min_followers = 9223372036854775807 WHERE tier = 'nano';
COMMIT;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT tier, min_followers FROM tier_threshold ORDER BY tier;
-- with every threshold gone kol_tier has no tier to give: NULL, not an error
BEGIN;
DELETE FROM tier_threshold;
SELECT kol_tier(5000) IS NULL AS no_thresholds_null;
ROLLBACK;
-- extreme but ordered thresholds work: mega starts at max bigint
BEGIN;
UPDATE tier_threshold SET min_followers = 9223372036854775807 WHERE tier = 'mega';
SELECT kol_tier(9223372036854775806) AS macro, kol_tier(9223372036854775807) AS mega;
ROLLBACK;

-- ---------------------------------------------------------------------------
-- engagement_rate at the extremes of bigint
-- ---------------------------------------------------------------------------
-- max/1 = 9223372036854775807 as float8 = 9.22337203685478e+18; 1/max ~ 1.08420217248550e-19
SELECT engagement_rate(9223372036854775807, 1) AS max_over_one,
       engagement_rate(1, 9223372036854775807) AS one_over_max,
       engagement_rate(9223372036854775807, 9223372036854775807) AS max_over_max,
       engagement_rate(0, 9223372036854775807) AS zero_over_max,
       engagement_rate(0, 0) IS NULL AS zero_over_zero_null;
-- sum exactly at the bigint limit is fine; one more is 22003
SELECT engagement_rate(9223372036854775806, NULL, NULL, NULL, 1, 1) AS sum_is_max;
SELECT engagement_rate(9223372036854775807, 0, 0, 0, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(4611686018427387904, 4611686018427387904, 0, 0, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- negative anywhere is 22023 naming the counter, even next to an overflow later on
SELECT engagement_rate(-9223372036854775808, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1, -9223372036854775808);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(0, 0, -1, 9223372036854775807, 9223372036854775807, 9223372036854775807);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(NULL, NULL, NULL, -1, 10);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- negative base is an error even when every counter is NULL
SELECT engagement_rate(NULL, NULL, NULL, NULL, -1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- NaN and infinity cannot become bigint counters
SELECT engagement_rate('NaN'::float8::bigint, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1, '-Infinity'::float8::bigint);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1e19::numeric::bigint, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(''::bigint, 1::bigint);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 1 AS still_up;
