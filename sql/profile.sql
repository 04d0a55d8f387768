-- kol_profile and kol_relevance: properties and hand-computed values.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;

-- Canonical output: labels sorted, sections in a fixed order, whitespace
-- normalised, histograms normalised to sum 1 (gender 3:1 -> 0.75/0.25),
-- category weights kept as given.
SELECT '{ "countries": ["SG", "CN"], "audience": {"gender": {"m": 1, "f": 3}},
          "categories": {"skincare": 0.6, "beauty": 0.8}, "languages": ["zh"] }'::kol_profile;
SELECT '{}'::kol_profile AS empty_profile;
-- null sections and empty lists are absent sections
SELECT '{"categories": null, "audience": {}, "languages": [], "countries": null}'::kol_profile;
-- a histogram already summing to 1 (within 1e-9) is kept as given
SELECT '{"audience": {"age": {"18-24": 0.45, "25-34": 0.4, "35+": 0.15}}}'::kol_profile;
-- 1 : 2 : 3 -> 1/6, 2/6, 3/6 printed with the shortest exact digits
SELECT '{"audience": {"x": {"a": 1, "b": 2, "c": 3}}}'::kol_profile;
-- escapes: a quote and a backslash in labels, a \u escape, non-ASCII labels
SELECT '{"categories": {"a\"b": 1, "c\\d": 2, "\u00e9t\u00e9": 3, "美妆": 4}}'::kol_profile;
-- negative zero is zero; exponents and integers are numbers
SELECT '{"categories": {"a": -0, "b": 1E2, "c": 2.5e-1}}'::kol_profile;

-- The worked example: KOL K1 and brief B1.
CREATE TABLE prof (name text PRIMARY KEY, p kol_profile);
INSERT INTO prof VALUES
 ('K1', '{"categories": {"beauty": 0.8, "skincare": 0.6},
          "audience": {"gender": {"f": 0.7, "m": 0.3},
                       "age": {"18-24": 0.45, "25-34": 0.4, "35+": 0.15},
                       "city_tier": {"1": 0.5, "2": 0.3, "3+": 0.2}}}'),
 ('B1', '{"categories": {"skincare": 1},
          "audience": {"gender": {"f": 0.8, "m": 0.2}, "age": {"18-24": 0.5, "25-34": 0.5}}}'),
 -- K1 with every weight scaled (categories x10, histograms as counts)
 ('K1x', '{"categories": {"beauty": 8, "skincare": 6},
          "audience": {"gender": {"f": 7000, "m": 3000},
                       "age": {"18-24": 45, "25-34": 40, "35+": 15},
                       "city_tier": {"1": 5, "2": 3, "3+": 2}}}'),
 ('K2', '{"categories": {"beauty": 0.8, "skincare": 0.6},
          "audience": {"gender": {"f": 0.7, "m": 0.3},
                       "age": {"18-24": 0.45, "25-34": 0.4, "35+": 0.15}},
          "languages": ["zh"], "countries": ["CN", "SG"]}'),
 ('B2', '{"categories": {"skincare": 1},
          "audience": {"gender": {"f": 0.8, "m": 0.2}, "age": {"18-24": 0.5, "25-34": 0.5}},
          "languages": ["en", "zh"], "countries": ["SG", "MY"]}'),
 ('G', '{"categories": {"gaming": 1}, "audience": {"gender": {"m": 1}}, "languages": ["ko"]}'),
 ('F', '{"categories": {"skincare": 2}, "audience": {"gender": {"f": 1}}, "languages": ["en"]}'),
 ('cats_only', '{"categories": {"skincare": 1}}'),
 ('aud_only', '{"audience": {"gender": {"f": 1}}}'),
 ('empty', '{}');

-- category cosine K1.B1 = (0.6 * 1) / (sqrt(0.8^2 + 0.6^2) * 1) = 0.6 / 1 = 0.6
SELECT round(category_similarity(k.p, b.p)::numeric, 12) AS cos_0_6
  FROM prof k, prof b WHERE k.name = 'K1' AND b.name = 'B1';
-- gender intersection: min(0.7, 0.8) + min(0.3, 0.2) = 0.7 + 0.2 = 0.9
-- age: min(0.45, 0.5) + min(0.4, 0.5) + 0 (35+ only in K1) = 0.85
-- city_tier: only K1 has it -> NULL
SELECT round(audience_similarity(k.p, b.p, 'gender')::numeric, 12) AS gender_0_9,
       round(audience_similarity(k.p, b.p, 'age')::numeric, 12) AS age_0_85,
       audience_similarity(k.p, b.p, 'city_tier') IS NULL AS city_tier_null,
       audience_similarity(k.p, b.p, 'nonexistent') IS NULL AS unknown_null
  FROM prof k, prof b WHERE k.name = 'K1' AND b.name = 'B1';
-- relevance with default weights (categories 0.4, audience 0.4, markets 0.2);
-- no markets on either side, so the weights re-normalise over 0.8:
-- audience = mean(0.9, 0.85) = 0.875;
-- (0.4 * 0.6 + 0.4 * 0.875) / 0.8 = (0.24 + 0.35) / 0.8 = 0.59 / 0.8 = 0.7375
SELECT round(kol_relevance(k.p, b.p)::numeric, 12) AS rel_0_7375
  FROM prof k, prof b WHERE k.name = 'K1' AND b.name = 'B1';
-- own weights: (1 * 0.6 + 3 * 0.875) / 4 = (0.6 + 2.625) / 4 = 0.80625
-- categories only: 0.6; audience only: 0.875; markets only: no market lists -> NULL
SELECT round(kol_relevance(k.p, b.p, 1, 3, 0)::numeric, 12) AS rel_0_80625,
       round(kol_relevance(k.p, b.p, 1, 0, 0)::numeric, 12) AS cat_only_0_6,
       round(kol_relevance(k.p, b.p, 0, 1, 0)::numeric, 12) AS aud_only_0_875,
       kol_relevance(k.p, b.p, 0, 0, 1) IS NULL AS markets_only_null,
       round(kol_relevance(k.p, b.p, category_weight => 0.5, audience_weight => 0.5,
                           market_weight => 10)::numeric, 12) AS markets_left_out_0_7375
  FROM prof k, prof b WHERE k.name = 'K1' AND b.name = 'B1';
-- only the ratios of the weights count: (1, 3, 0) scaled by 10^307 or 10^-320 gives the
-- same 0.80625; identical profiles score exactly 1 under huge and subnormal weights
-- (before, 1e308 x 3 overflowed to Infinity and the score was NaN)
SELECT round(kol_relevance(k.p, b.p, 1e307, 3e307, 0)::numeric, 12) AS huge_0_80625,
       round(kol_relevance(k.p, b.p, 1e-320, 3e-320, 0)::numeric, 12) AS subnormal_0_80625,
       kol_relevance(k.p, k.p, 1e308, 1e308, 1e308) AS identical_huge_1,
       kol_relevance(k.p, k.p, 1e-300, 1e-300, 1e-300) AS identical_tiny_1,
       kol_relevance(k.p, k.p, 5e-324, 5e-324, 5e-324) AS identical_subnormal_1
  FROM prof k, prof b WHERE k.name = 'K1' AND b.name = 'B1';
-- with markets (K2, B2): languages {zh} vs {en, zh}: 1/2; countries {CN, SG} vs {MY, SG}: 1/3;
-- markets = (1/2 + 1/3) / 2 = 5/12 = 0.416666666667
-- relevance = 0.4 * 0.6 + 0.4 * 0.875 + 0.2 * 5/12 = 0.24 + 0.35 + 0.083333333333 = 0.673333333333
SELECT round(market_similarity(k.p, b.p)::numeric, 12) AS markets_5_12,
       round(kol_relevance(k.p, b.p)::numeric, 12) AS rel_0_673333
  FROM prof k, prof b WHERE k.name = 'K2' AND b.name = 'B2';

-- Properties.
-- identical profiles give exactly 1 (every profile with some component)
SELECT name, kol_relevance(p, p) AS self, category_similarity(p, p) AS cat_self,
       market_similarity(p, p) AS market_self
  FROM prof ORDER BY name;
-- disjoint categories, audiences and markets give 0
SELECT kol_relevance(g.p, f.p) AS disjoint_0, category_similarity(g.p, f.p) AS cat_0,
       audience_similarity(g.p, f.p, 'gender') AS gender_0, market_similarity(g.p, f.p) AS markets_0
  FROM prof g, prof f WHERE g.name = 'G' AND f.name = 'F';
-- scaling all weights of one side leaves every score unchanged (K1x = 10 x K1 etc.)
SELECT b.name,
       round(kol_relevance(k.p, b.p)::numeric, 12) = round(kol_relevance(kx.p, b.p)::numeric, 12) AS same_relevance,
       round(category_similarity(k.p, b.p)::numeric, 12) = round(category_similarity(kx.p, b.p)::numeric, 12) AS same_cat,
       round(audience_similarity(k.p, b.p, 'age')::numeric, 12)
         IS NOT DISTINCT FROM round(audience_similarity(kx.p, b.p, 'age')::numeric, 12) AS same_age
  FROM prof k, prof kx, prof b
 WHERE k.name = 'K1' AND kx.name = 'K1x' ORDER BY b.name;
-- K1x stores the same normalised histograms as K1 (only categories differ)
SELECT profile_audience(k.p, 'gender') = profile_audience(kx.p, 'gender') AS same_gender_hist
  FROM prof k, prof kx WHERE k.name = 'K1' AND kx.name = 'K1x';
-- symmetry: every pair, every function (0 rows expected)
SELECT a.name, b.name FROM prof a, prof b
 WHERE kol_relevance(a.p, b.p) IS DISTINCT FROM kol_relevance(b.p, a.p)
    OR category_similarity(a.p, b.p) IS DISTINCT FROM category_similarity(b.p, a.p)
    OR audience_similarity(a.p, b.p, 'gender') IS DISTINCT FROM audience_similarity(b.p, a.p, 'gender')
    OR market_similarity(a.p, b.p) IS DISTINCT FROM market_similarity(b.p, a.p)
    OR kol_relevance(a.p, b.p, 0.2, 0.3, 0.5) IS DISTINCT FROM kol_relevance(b.p, a.p, 0.2, 0.3, 0.5);
-- range: every score in [0, 1] (0 rows expected)
SELECT a.name, b.name FROM prof a, prof b
 WHERE NOT (kol_relevance(a.p, b.p) BETWEEN 0 AND 1)
    OR NOT (category_similarity(a.p, b.p) BETWEEN 0 AND 1);
-- missing components: no shared component at all gives NULL
SELECT kol_relevance(c.p, a.p) IS NULL AS cats_vs_audience_null,
       kol_relevance(c.p, e.p) IS NULL AS vs_empty_null,
       kol_relevance(e.p, e.p) IS NULL AS empty_empty_null,
       category_similarity(a.p, c.p) IS NULL AS no_categories_null,
       market_similarity(c.p, c.p) IS NULL AS no_markets_null,
       -- cats_only vs B1: only categories are shared: cosine = 1
       kol_relevance(c.p, b.p) AS cats_only_vs_b1_1,
       -- aud_only vs B1: gender only: min(1, 0.8) = 0.8
       round(kol_relevance(a.p, b.p)::numeric, 12) AS aud_only_vs_b1_0_8
  FROM prof c, prof a, prof e, prof b
 WHERE c.name = 'cats_only' AND a.name = 'aud_only' AND e.name = 'empty' AND b.name = 'B1';
-- NULL arguments: STRICT
SELECT kol_relevance(NULL::kol_profile, p) IS NULL AS null_in_null_out FROM prof WHERE name = 'K1';

-- Second method: the same formulas in plain SQL over the canonical jsonb.
CREATE FUNCTION pg_temp.cos_sql(a jsonb, b jsonb) RETURNS float8 LANGUAGE sql AS $$
  SELECT sum(x.value::float8 * y.value::float8)
         / sqrt((SELECT sum(v.value::float8 ^ 2) FROM jsonb_each(a -> 'categories') v)
              * (SELECT sum(v.value::float8 ^ 2) FROM jsonb_each(b -> 'categories') v))
    FROM jsonb_each(a -> 'categories') x JOIN jsonb_each(b -> 'categories') y USING (key)
   HAVING a ? 'categories' AND b ? 'categories' $$;
CREATE FUNCTION pg_temp.aud_sql(a jsonb, b jsonb) RETURNS float8 LANGUAGE sql AS $$
  SELECT avg(s) FROM (
    SELECT da.key, coalesce((SELECT sum(least(x.value::float8, y.value::float8))
                               FROM jsonb_each(da.value) x JOIN jsonb_each(db.value) y USING (key)), 0) AS s
      FROM jsonb_each(a -> 'audience') da JOIN jsonb_each(b -> 'audience') db USING (key)) d $$;
SELECT a.name AS kol, b.name AS brief,
       abs(coalesce(category_similarity(a.p, b.p), -1) - coalesce(pg_temp.cos_sql(a.p::jsonb, b.p::jsonb), 0)) < 1e-12
         OR (category_similarity(a.p, b.p) IS NULL AND pg_temp.cos_sql(a.p::jsonb, b.p::jsonb) IS NULL) AS cat_agrees,
       abs(coalesce(kol_relevance(a.p, b.p, 0, 1, 0), -1) - coalesce(pg_temp.aud_sql(a.p::jsonb, b.p::jsonb), 0)) < 1e-12
         OR (kol_relevance(a.p, b.p, 0, 1, 0) IS NULL AND pg_temp.aud_sql(a.p::jsonb, b.p::jsonb) IS NULL) AS aud_agrees,
       round(kol_relevance(a.p, b.p)::numeric, 6) AS relevance
  FROM prof a, prof b
 WHERE a.name IN ('K1', 'K1x', 'K2', 'G', 'aud_only') AND b.name IN ('B1', 'B2', 'F')
 ORDER BY 1, 2;

\ir test/regress/recv.sql
-- Round trips: text, json, jsonb and binary all give back the same value.
SELECT name,
       p::text::kol_profile::text = p::text AS text_rt,
       p::jsonb::kol_profile::text = p::text AS jsonb_rt,
       p::text::json::kol_profile::text = p::text AS json_rt,
       pg_temp.send_bytes(p::text::kol_profile) = pg_temp.send_bytes(p) AS bytes_rt
  FROM prof ORDER BY name;
-- awkward numbers survive text and binary round trips bit for bit
CREATE TABLE prof_num (v text);
INSERT INTO prof_num VALUES
 ('{"categories": {"a": 0.1, "b": 0.30000000000000004, "c": 1e-300, "d": 123456789012345}}'),
 ('{"categories": {"a": 5e-324, "b": 1e15}}'),
 ('{"audience": {"x": {"a": 1, "b": 1, "c": 1}}}'),
 ('{"audience": {"x": {"a": 0.1, "b": 0.7}}}');
SELECT v::kol_profile AS canonical,
       v::kol_profile::text::kol_profile::text = v::kol_profile::text AS text_rt,
       pg_temp.send_bytes(v::kol_profile::text::kol_profile) = pg_temp.send_bytes(v::kol_profile) AS bytes_rt,
       pg_temp.try_recv('kolmetrics.kol_profile', pg_temp.send_bytes(v::kol_profile))
         = 'ok: ' || v::kol_profile::text AS recv_rt
  FROM prof_num ORDER BY v;

-- accessors and jsonb for BI tools
SELECT profile_categories(p) AS categories, profile_audience(p, 'gender') AS gender,
       profile_audience(p, 'income') IS NULL AS no_income, p::jsonb -> 'countries' AS countries
  FROM prof WHERE name = 'K2';

-- ranking: top KOLs for brief B1
SELECT k.name, round(kol_relevance(k.p, b.p)::numeric, 4) AS relevance
  FROM prof k, prof b
 WHERE b.name = 'B1' AND k.name NOT LIKE 'B%' AND kol_relevance(k.p, b.p) IS NOT NULL
 ORDER BY round(kol_relevance(k.p, b.p)::numeric, 12) DESC, k.name LIMIT 4;

-- tag_relevance(text[], text[]): Jaccard |A n B| / |A u B|
-- {a,b,c} vs {b,c,d}: 2 / 4 = 0.5; duplicates and NULLs ignored: {a,a,NULL} vs {a}: 1/1
SELECT tag_relevance(ARRAY['a', 'b', 'c'], ARRAY['b', 'c', 'd']) AS half,
       tag_relevance(ARRAY['a', 'a', NULL], ARRAY['a']) AS one,
       tag_relevance(ARRAY['x'], ARRAY['y']) AS zero,
       tag_relevance(ARRAY['x'], ARRAY[]::text[]) AS one_empty_zero,
       tag_relevance(ARRAY[]::text[], ARRAY[]::text[]) IS NULL AS both_empty_null,
       tag_relevance(ARRAY[NULL]::text[], ARRAY[]::text[]) IS NULL AS only_nulls_null,
       tag_relevance(ARRAY['Beauty'], ARRAY['beauty']) AS case_sensitive_zero,
       -- {美妆, 护肤, 穿搭} vs {护肤, 美妆}: 2 / 3
       round(tag_relevance(ARRAY['美妆', '护肤', '穿搭'], ARRAY['护肤', '美妆'])::numeric, 12) AS two_thirds;

-- bad weights: 22023
SELECT kol_relevance(p, p, -1, 1, 1) FROM prof WHERE name = 'K1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_relevance(p, p, 0, 0, 0) FROM prof WHERE name = 'K1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_relevance(p, p, 'NaN', 1, 1) FROM prof WHERE name = 'K1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_relevance(p, p, 1, 'Infinity', 1) FROM prof WHERE name = 'K1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DROP TABLE prof, prof_num;
