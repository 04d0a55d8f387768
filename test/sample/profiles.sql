-- Sample kol_profiles for sample.kols, and a few brand briefs (runs after generate.sql).
--   psql -v seed=42 -f test/sample/profiles.sql
-- Deterministic: every draw is sample.u / sample.n (hashint8extended of the KOL's id and
-- the seed) with salts 100-199, which generate.sql does not use.
-- Categories follow the KOL's niche (sample.kols.categories: first 1.0, then decreasing,
-- sometimes one side interest).  Audiences follow the platform, shifted by the niche:
--   xiaohongshu mostly women 18-34 in tier-1/2 cities; bilibili young (<18 and 18-24);
--   douyin broad; kuaishou older and lower-tier cities; weibo broader and balanced;
--   wechat and wechat_channels older; taobao_live women 25-44 shoppers;
--   beauty/skincare/fashion/parenting audiences lean female, gaming/tech/finance male.
-- Languages and countries come from sample.kols.country.
\set ON_ERROR_STOP on
\if :{?seed} \else \set seed 42 \endif

CREATE FUNCTION sample.profile_json(seed bigint, id bigint, platform text, niche text,
									cats text[], country text)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
WITH cat AS (
	SELECT jsonb_object_agg(c, w) AS h
	  FROM (SELECT c, CASE WHEN i = 1 THEN 1.0
	                       ELSE round((0.3 + 0.5 * sample.u(seed, id, 100 + i::int))::numeric / (i - 1), 3) END AS w
	          FROM unnest(cats) WITH ORDINALITY AS t(c, i)
	        UNION ALL
	        -- a side interest for ~30% of the accounts (unless it is one of theirs already)
	        SELECT side, round((0.05 + 0.2 * sample.u(seed, id, 111))::numeric, 3)
	          FROM (SELECT (ARRAY['lifestyle', 'travel', 'food', 'fashion', 'tech', 'fitness', 'music', 'pets'])
	                         [1 + floor(8 * sample.u(seed, id, 110))::int] AS side) x
	         WHERE sample.u(seed, id, 112) < 0.3 AND NOT (side = ANY (cats))) s
), female AS (
	SELECT least(0.97, greatest(0.03,
	         CASE platform WHEN 'xiaohongshu' THEN 0.82 WHEN 'taobao_live' THEN 0.72
	                       WHEN 'douyin' THEN 0.55 WHEN 'kuaishou' THEN 0.46 WHEN 'bilibili' THEN 0.43
	                       WHEN 'weibo' THEN 0.55 WHEN 'wechat' THEN 0.5 WHEN 'wechat_channels' THEN 0.45
	                       WHEN 'tiktok' THEN 0.56 WHEN 'instagram' THEN 0.6 WHEN 'youtube' THEN 0.45
	                       ELSE 0.5 END
	       + CASE niche WHEN 'beauty' THEN 0.13 WHEN 'skincare' THEN 0.12 WHEN 'fashion' THEN 0.1
	                    WHEN 'parenting' THEN 0.2 WHEN 'gaming' THEN -0.25 WHEN 'tech' THEN -0.22
	                    WHEN 'finance' THEN -0.12 WHEN 'fitness' THEN -0.03 ELSE 0 END
	       + 0.05 * sample.n(seed, id, 120))) AS f
), age AS (
	SELECT jsonb_object_agg(band, round((w * exp(0.25 * sample.n(seed, id, 130 + i::int)))::numeric, 4)) AS h
	  FROM unnest(ARRAY['<18', '18-24', '25-34', '35-44', '45+'],
	              CASE platform
	                WHEN 'xiaohongshu' THEN ARRAY[0.05, 0.40, 0.38, 0.12, 0.05]
	                WHEN 'bilibili' THEN ARRAY[0.18, 0.45, 0.25, 0.08, 0.04]
	                WHEN 'douyin' THEN ARRAY[0.08, 0.30, 0.32, 0.18, 0.12]
	                WHEN 'kuaishou' THEN ARRAY[0.08, 0.25, 0.30, 0.20, 0.17]
	                WHEN 'weibo' THEN ARRAY[0.06, 0.30, 0.34, 0.18, 0.12]
	                WHEN 'wechat' THEN ARRAY[0.02, 0.15, 0.33, 0.28, 0.22]
	                WHEN 'wechat_channels' THEN ARRAY[0.02, 0.10, 0.25, 0.30, 0.33]
	                WHEN 'taobao_live' THEN ARRAY[0.02, 0.22, 0.38, 0.24, 0.14]
	                WHEN 'tiktok' THEN ARRAY[0.15, 0.40, 0.28, 0.11, 0.06]
	                WHEN 'instagram' THEN ARRAY[0.06, 0.32, 0.34, 0.17, 0.11]
	                ELSE ARRAY[0.08, 0.26, 0.30, 0.20, 0.16] END)
	       WITH ORDINALITY AS t(band, w, i)
), tier AS (
	-- city tiers only for accounts in mainland China
	SELECT jsonb_object_agg(band, round((w * exp(0.3 * sample.n(seed, id, 140 + i::int)))::numeric, 4)) AS h
	  FROM unnest(ARRAY['1', '2', '3', '4+'],
	              CASE platform
	                WHEN 'xiaohongshu' THEN ARRAY[0.45, 0.30, 0.17, 0.08]
	                WHEN 'kuaishou' THEN ARRAY[0.12, 0.20, 0.30, 0.38]
	                WHEN 'douyin' THEN ARRAY[0.22, 0.28, 0.28, 0.22]
	                WHEN 'bilibili' THEN ARRAY[0.35, 0.30, 0.22, 0.13]
	                ELSE ARRAY[0.30, 0.30, 0.25, 0.15] END)
	       WITH ORDINALITY AS t(band, w, i)
	 WHERE country = 'CN'
)
SELECT jsonb_strip_nulls(jsonb_build_object(
	'categories', cat.h,
	'audience', jsonb_build_object(
		'gender', jsonb_build_object('f', round(female.f::numeric, 4), 'm', round(1 - female.f::numeric, 4)),
		'age', age.h,
		'city_tier', tier.h),
	'languages', CASE country WHEN 'CN' THEN '["zh"]' WHEN 'US' THEN '["en"]' WHEN 'GB' THEN '["en"]'
	                          WHEN 'SG' THEN '["en", "zh"]' WHEN 'MY' THEN '["ms", "en", "zh"]'
	                          WHEN 'TH' THEN '["th"]' WHEN 'ID' THEN '["id"]' WHEN 'JP' THEN '["ja"]'
	                          WHEN 'KR' THEN '["ko"]' END::jsonb,
	'countries', jsonb_build_array(country)))
  FROM cat, female, age, tier
$$;
COMMENT ON FUNCTION sample.profile_json(bigint, bigint, text, text, text[], text) IS
	'Deterministic sample profile (jsonb) of a KOL from its platform, niche, categories and country';

CREATE TABLE sample.kol_profiles (
	kol_id bigint PRIMARY KEY REFERENCES sample.kols,
	profile kolmetrics.kol_profile NOT NULL
);
COMMENT ON TABLE sample.kol_profiles IS 'Audience and category profile of every sample KOL';

INSERT INTO sample.kol_profiles
SELECT kol_id, sample.profile_json(:seed, kol_id, platform::text, niche, categories, country)::kolmetrics.kol_profile
  FROM sample.kols;

CREATE TABLE sample.briefs (
	brief_id int PRIMARY KEY,
	brand text NOT NULL,
	name text NOT NULL,
	profile kolmetrics.kol_profile NOT NULL
);
COMMENT ON TABLE sample.briefs IS 'Sample brand briefs as kol_profiles, to rank KOLs against';
INSERT INTO sample.briefs VALUES
	(1, 'Lumi Skin', 'Barrier-repair serum launch: women 18-34 in tier-1/2 cities',
	 '{"categories": {"skincare": 1, "beauty": 0.6},
	   "audience": {"gender": {"f": 0.9, "m": 0.1},
	                "age": {"18-24": 0.45, "25-34": 0.45, "35-44": 0.1},
	                "city_tier": {"1": 0.5, "2": 0.35, "3": 0.15}}}'),
	(2, 'Pixel Forge', 'Mobile game pre-registration: young men',
	 '{"categories": {"gaming": 1, "tech": 0.4},
	   "audience": {"gender": {"m": 0.75, "f": 0.25}, "age": {"<18": 0.2, "18-24": 0.55, "25-34": 0.25}}}'),
	(3, 'Lumi Skin', 'Cross-border launch in Singapore and Malaysia',
	 '{"categories": {"skincare": 1, "beauty": 0.8},
	   "audience": {"gender": {"f": 0.85, "m": 0.15}, "age": {"18-24": 0.5, "25-34": 0.5}},
	   "languages": ["en", "zh", "ms"], "countries": ["SG", "MY"]}');

ANALYZE sample.kol_profiles;
