-- Dump/restore round-trip fragment for the base types and configuration (run by
-- test/scripts/roundtrip.sh in a database that has CREATE EXTENSION kolmetrics).
CREATE SCHEMA IF NOT EXISTS rt;

-- Configuration edits first, so that the stored function results below depend on them.
-- Thresholds moved so that mid takes micro's old bound (10000): on restore the
-- upsert trigger must replace, not collide with, the default rows.
UPDATE kolmetrics.tier_threshold SET min_followers = 5000 WHERE tier = 'micro';
UPDATE kolmetrics.tier_threshold SET min_followers = 10000 WHERE tier = 'mid';
UPDATE kolmetrics.tier_threshold SET min_followers = 2000000 WHERE tier = 'mega';
-- a user-added scheme (non-ASCII labels, a NULL source) and an edited default row
INSERT INTO kolmetrics.tier_scheme (scheme, label, min_followers, source) VALUES
	('agency "A"', 'seed ''KOC''', 0, NULL),
	('agency "A"', '中腰部\达人', 20000, 'our agency, 2024'),
	('agency "A"', 'star', 9223372036854775807, E'tab\tand newline\n');
UPDATE kolmetrics.tier_scheme SET label = 'micro (10K+)', source = 'edited by the user'
 WHERE scheme = 'later' AND min_followers = 10000;

-- every platform, NULL, and arrays of them (empty, NULL elements, repeated)
CREATE TABLE rt.base_platforms (id int PRIMARY KEY, p kolmetrics.platform, ps kolmetrics.platform[]);
INSERT INTO rt.base_platforms
SELECT row_number() OVER (ORDER BY p), p, ARRAY[p, NULL, p]
  FROM unnest('{weibo,wechat,wechat_channels,douyin,xiaohongshu,bilibili,kuaishou,taobao_live,tiktok,instagram,youtube}'::kolmetrics.platform[]) AS p;
INSERT INTO rt.base_platforms VALUES
	(100, NULL, NULL),
	(101, NULL, '{}'),
	(102, 'wechat_channels', '{weibo,wechat,wechat_channels,douyin,xiaohongshu,bilibili,kuaishou,taobao_live,tiktok,instagram,youtube}'::kolmetrics.platform[]),
	(103, 'taobao_live', '{NULL}');

-- every tier and NULL, plus the tiers and labels the functions give at band edges
-- under the edited configuration
CREATE TABLE rt.base_tiers (id int PRIMARY KEY, followers bigint, t kolmetrics.tier,
							ts kolmetrics.tier[], label text);
INSERT INTO rt.base_tiers
SELECT row_number() OVER (ORDER BY f), f, kolmetrics.kol_tier(f),
	   ARRAY[kolmetrics.kol_tier(f), 'mega'], kolmetrics.tier_label(f, 'agency "A"')
  FROM unnest(ARRAY[0, 4999, 5000, 9999, 10000, 19999, 20000, 499999, 500000, 1999999,
					2000000, 9223372036854775806, 9223372036854775807]::bigint[]) AS f;
INSERT INTO rt.base_tiers VALUES (100, NULL, NULL, '{}', NULL), (101, NULL, 'nano', '{NULL,nano}', '');

-- engagement rates at the extremes of float8 output (pg_dump must keep every digit)
CREATE TABLE rt.base_rates (id int PRIMARY KEY, interactions bigint, base bigint, er float8);
INSERT INTO rt.base_rates
SELECT row_number() OVER (ORDER BY i, b), i, b, kolmetrics.engagement_rate(i, b)
  FROM unnest(ARRAY[0, 1, 3, 7, 9223372036854775807]::bigint[]) AS i,
       unnest(ARRAY[0, 1, 3, 1000, 9223372036854775807]::bigint[]) AS b;
