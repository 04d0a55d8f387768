-- Deterministic sample generator for the demo and the benchmarks.
--   psql -v seed=42 -v kols=2000 -v posts_per_kol=40 -v campaigns=30 -f test/sample/generate.sql
-- Same seed and sizes, same data: every random draw is hashint8extended(key, seed) of a
-- row's own key, never random(), so parallel plans and row order cannot change it.
-- Followers are Pareto-distributed (alpha 0.5, from 1,000) across every tier; engagement
-- falls with tier (doc/formulas.md, "Benchmark engagement rates") and varies by platform; ~2% of accounts look
-- bought: inflated followers and tiny engagement.
\set ON_ERROR_STOP on
\if :{?seed} \else \set seed 42 \endif
\if :{?kols} \else \set kols 2000 \endif
\if :{?posts_per_kol} \else \set posts_per_kol 40 \endif
\if :{?campaigns} \else \set campaigns 30 \endif

DROP SCHEMA IF EXISTS sample CASCADE;
CREATE SCHEMA sample;

-- u(seed, key, salt): a uniform draw in [0, 1) for this key and salt.
CREATE FUNCTION sample.u(seed bigint, key bigint, salt int) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ((hashint8extended(key * 97 + salt, seed) >> 11) & 9007199254740991)::float8 / 9007199254740992.0;

-- n(seed, key, salt): a standard normal draw (Box-Muller over two uniforms).
CREATE FUNCTION sample.n(seed bigint, key bigint, salt int) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN sqrt(-2 * ln(1 - sample.u(seed, key, salt))) * cos(2 * pi() * sample.u(seed, key, salt + 50));

CREATE TABLE sample.platform_traits (
	platform kolmetrics.platform PRIMARY KEY,
	er_factor float8,         -- multiplies the tier's base ER
	views_per_interaction float8,
	has_saves boolean,
	has_views boolean,
	extra_share float8,       -- platform-specific interactions relative to likes
	weight int                -- share of accounts
);
INSERT INTO sample.platform_traits VALUES
	('weibo', 0.35, 0, false, false, 0, 14),
	('wechat', 0.5, 25, false, true, 0.05, 8),
	('wechat_channels', 0.9, 20, true, true, 0, 5),
	('douyin', 1.8, 18, true, true, 0, 16),
	('xiaohongshu', 1.5, 10, true, true, 0, 14),
	('bilibili', 1.2, 14, true, true, 0.35, 9),
	('kuaishou', 1.4, 20, true, true, 0, 7),
	('taobao_live', 0.6, 40, false, true, 0, 3),
	('tiktok', 2.0, 16, true, true, 0, 10),
	('instagram', 0.5, 12, true, true, 0, 9),
	('youtube', 0.8, 25, false, true, 0, 5);

CREATE TABLE sample.niches (niche_id int PRIMARY KEY, niche text, categories text[]);
INSERT INTO sample.niches VALUES
	(0, 'beauty', '{beauty,skincare,makeup}'),
	(1, 'skincare', '{skincare,beauty}'),
	(2, 'fashion', '{fashion,lifestyle}'),
	(3, 'food', '{food,lifestyle}'),
	(4, 'travel', '{travel,lifestyle}'),
	(5, 'gaming', '{gaming,tech}'),
	(6, 'tech', '{tech,gadgets}'),
	(7, 'fitness', '{fitness,health}'),
	(8, 'parenting', '{parenting,family}'),
	(9, 'finance', '{finance,education}');

CREATE TABLE sample.kols (
	kol_id bigint PRIMARY KEY,
	platform kolmetrics.platform NOT NULL,
	handle text NOT NULL,
	followers bigint NOT NULL,
	niche text NOT NULL,
	categories text[] NOT NULL,
	country text NOT NULL,
	is_bought boolean NOT NULL,
	base_er float8 NOT NULL        -- the generator's own per-post ER centre (kept for checks)
);

WITH picks AS (
	SELECT k AS kol_id,
	       sample.u(:seed, k, 1) AS u_platform,
	       sample.u(:seed, k, 2) AS u_followers,
	       (sample.u(:seed, k, 3) * 10)::int % 10 AS niche_id,
	       sample.u(:seed, k, 4) < 0.02 AS is_bought,
	       sample.n(:seed, k, 5) AS z
	  FROM generate_series(1, :kols) AS k
), plat AS (
	SELECT platform, er_factor,
	       (sum(weight) OVER (ORDER BY platform) - weight)::float8 / sum(weight) OVER () AS lo,
	       sum(weight) OVER (ORDER BY platform)::float8 / sum(weight) OVER () AS hi
	  FROM sample.platform_traits
), sized AS (
	SELECT p.*, pl.platform, pl.er_factor,
	       least(200000000, floor(1000 / power(1 - p.u_followers, 2)))::bigint AS organic
	  FROM picks p JOIN plat pl ON p.u_platform >= pl.lo AND p.u_platform < pl.hi
)
INSERT INTO sample.kols
SELECT s.kol_id, s.platform,
       s.platform || '_' || n.niche || '_' || s.kol_id,
       CASE WHEN s.is_bought THEN s.organic * 20 + 50000 ELSE s.organic END,
       n.niche, n.categories,
       CASE WHEN s.platform IN ('tiktok', 'instagram', 'youtube')
            THEN (ARRAY['US', 'GB', 'SG', 'MY', 'TH', 'ID', 'JP', 'KR'])[1 + (s.kol_id % 8)]
            ELSE 'CN' END,
       s.is_bought,
       -- tier base ER (nano 4%, micro 2.5%, mid 1.8%, macro 1.3%, mega 1%) x platform factor
       (CASE WHEN s.organic < 10000 THEN 0.04 WHEN s.organic < 100000 THEN 0.025
             WHEN s.organic < 500000 THEN 0.018 WHEN s.organic < 1000000 THEN 0.013
             ELSE 0.010 END) * s.er_factor * exp(0.35 * s.z)
         * CASE WHEN s.is_bought THEN 0.05 ELSE 1 END  -- real audience ~1/20 of the count
  FROM sized s JOIN sample.niches n USING (niche_id);

CREATE TABLE sample.posts (
	post_id bigint PRIMARY KEY,
	kol_id bigint NOT NULL,
	platform kolmetrics.platform NOT NULL,
	posted_at timestamptz NOT NULL,
	likes bigint,
	comments bigint,
	shares bigint,
	saves bigint,
	views bigint,
	extra bigint,
	followers bigint,
	is_sponsored boolean NOT NULL,
	content text
);

-- Each KOL posts 1 .. 2 x posts_per_kol - 1 times over 2025; post_id = kol_id * 10000 + n.
INSERT INTO sample.posts
SELECT k.kol_id * 10000 + i AS post_id, k.kol_id, k.platform,
       date_trunc('second', timestamptz '2025-01-01 00:00:00+00' + sample.u(:seed, k.kol_id * 10000 + i, 11) * interval '365 days'),
       (inter * 0.80)::bigint AS likes,
       (inter * 0.08)::bigint AS comments,
       (inter * 0.05)::bigint AS shares,
       CASE WHEN t.has_saves THEN (inter * 0.07)::bigint END AS saves,
       CASE WHEN t.has_views THEN (inter * t.views_per_interaction * exp(0.3 * sample.n(:seed, k.kol_id * 10000 + i, 13)))::bigint END AS views,
       (inter * 0.80 * t.extra_share)::bigint AS extra,
       k.followers,
       sponsored,
       CASE WHEN sponsored
            THEN CASE WHEN k.country = 'CN' THEN '品牌合作 广告 ' ELSE '#ad ' END
            ELSE '' END
         || k.niche || ' post ' || i AS content
  FROM sample.kols k
  JOIN sample.platform_traits t USING (platform)
 CROSS JOIN LATERAL generate_series(1, greatest(1, floor(sample.u(:seed, k.kol_id, 6) * (2 * :posts_per_kol - 1))::int)) AS i
 CROSS JOIN LATERAL (SELECT
	k.followers * k.base_er * exp(0.6 * sample.n(:seed, k.kol_id * 10000 + i, 12))
	  -- an occasional hit post
	  * CASE WHEN sample.u(:seed, k.kol_id * 10000 + i, 14) < 0.02 THEN 8 ELSE 1 END AS inter,
	sample.u(:seed, k.kol_id * 10000 + i, 15) < 0.15 AS sponsored) AS d;

CREATE TABLE sample.campaigns (
	campaign_id int PRIMARY KEY,
	brand text NOT NULL,
	name text NOT NULL,
	starts_on date NOT NULL,
	ends_on date NOT NULL
);
INSERT INTO sample.campaigns
SELECT c,
       (ARRAY['Lumière Skin', 'Panda Tea', 'Orbit Phones', 'Nova Sportswear', 'Jade Cosmetics'])[1 + c % 5],
       'Campaign ' || c,
       date '2025-01-01' + (sample.u(:seed, c, 21) * 300)::int,
       date '2025-01-01' + (sample.u(:seed, c, 21) * 300)::int + 14 + (sample.u(:seed, c, 22) * 45)::int
  FROM generate_series(1, :campaigns) AS c;

CREATE TABLE sample.campaign_kols (
	campaign_id int NOT NULL,
	kol_id bigint NOT NULL,
	cost numeric(14,2) NOT NULL,
	revenue numeric(14,2) NOT NULL,
	impressions bigint NOT NULL,
	views bigint NOT NULL,
	engagements bigint NOT NULL,
	clicks bigint NOT NULL,
	conversions bigint NOT NULL,
	PRIMARY KEY (campaign_id, kol_id)
);
-- 5 .. 24 KOLs per campaign; cost ~ CPM 30-80 on followers; revenue from conversions.
INSERT INTO sample.campaign_kols
SELECT c.campaign_id, k.kol_id,
       round((k.followers * (30 + 50 * sample.u(:seed, key, 31)) / 1000 + 200)::numeric, 2) AS cost,
       round((conv * (80 + 120 * sample.u(:seed, key, 32)))::numeric, 2) AS revenue,
       imp, (imp * 0.4)::bigint, (imp * k.base_er)::bigint, clk, conv
  FROM sample.campaigns c
 CROSS JOIN LATERAL generate_series(1, 5 + floor(sample.u(:seed, c.campaign_id, 23) * 20)::int) AS j
 CROSS JOIN LATERAL (SELECT 1 + (hashint8extended(c.campaign_id * 1000 + j, :seed) & 1073741823) % :kols AS pick,
                            c.campaign_id::bigint * 100000 + j AS key) AS p
  JOIN sample.kols k ON k.kol_id = p.pick
 CROSS JOIN LATERAL (SELECT (k.followers * (0.3 + sample.u(:seed, key, 33)))::bigint AS imp) AS i
 CROSS JOIN LATERAL (SELECT (imp * (0.002 + 0.02 * sample.u(:seed, key, 34)) * CASE WHEN k.is_bought THEN 0.1 ELSE 1 END)::bigint AS clk) AS cl
 CROSS JOIN LATERAL (SELECT (clk * (0.01 + 0.06 * sample.u(:seed, key, 35)))::bigint AS conv) AS cv
ON CONFLICT DO NOTHING;

ANALYZE sample.kols, sample.posts, sample.campaigns, sample.campaign_kols;
\echo sample data generated:
SELECT (SELECT count(*) FROM sample.kols) AS kols, (SELECT count(*) FROM sample.posts) AS posts,
       (SELECT count(*) FROM sample.campaigns) AS campaigns,
       (SELECT count(*) FROM sample.campaign_kols) AS campaign_kols;
