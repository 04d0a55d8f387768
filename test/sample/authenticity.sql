-- Labelled sample for authenticity (doc/authenticity.md); runs after generate.sql.
--   psql -v seed=42 -f test/sample/authenticity.sql
-- Deterministic: draws are sample.u / sample.n with salts 200-299 (generate.sql and
-- profiles.sql use others).  Nothing of generate.sql's tables is changed: the new
-- accounts live in their own tables, and the view sample.authenticity_posts is
-- sample.posts plus sample.auth_posts.
--
--   sample.auth_kols           extra accounts for the patterns below, kol_id from
--                              900,000,001 (generate.sql numbers from 1 to its :kols);
--   sample.auth_posts          their posts, post_id = kol_id * 10000 + n (n < 10000), so
--                              from 9,000,000,010,000: beyond any post_id of generate.sql;
--   sample.follower_snapshots  (kol_id, observed_at, followers) every 3 days over 2025 for
--                              the extra accounts and generate.sql's first 2,000 accounts;
--   sample.comments            (kol_id, author, body, posted_at), 30-60 a account, for the
--                              same accounts as the snapshots;
--   sample.authenticity_labels (kol_id, platform, pattern, is_fraud) for every account.
--
-- Patterns (each max(5, KOLs / 100) accounts; honest ones must not be flagged):
--   honest            generate.sql's accounts that are not bought
--   bought_followers  generate.sql's is_bought: followers x 20 + 50,000, engagement unchanged
--   bought_likes      likes x 4-12 on about 70% of the posts, comments unchanged
--   bought_views      views x 6-20 on every post (platforms that show views)
--   comment_farm      comments x 5-12; 60% of the comments generic or emoji, from 5
--                     accounts, in bursts of 5-8 within seconds
--   engagement_pod    comments x 2-3.5 and likes x 1.3 on every post; 70% of the comments
--                     (genuine-looking texts) from a ring of 12 accounts
--   follower_purge    followers +100-300% in three days, then -30-80% of the jump 10-60 days later
--   honest_viral      one post with 40-80x the interactions, and the followers it earned
--                     (5% of its interactions) right after it, and 100 more comments
--                     from new accounts in the half hour after it
--   honest_nano       200-2,000 followers with an engagement rate of 6-15%
--   honest_new        2-4 posts
-- Every account otherwise follows generate.sql's model (likes 80%, comments 8%, shares
-- 5%, saves 7% of interactions; ER by tier and platform; occasional hit posts).
\set ON_ERROR_STOP on
\if :{?seed} \else \set seed 42 \endif

CREATE TABLE sample.auth_kols (
	kol_id bigint PRIMARY KEY,
	platform kolmetrics.platform NOT NULL,
	pattern text NOT NULL,
	followers bigint NOT NULL,          -- followers at the start of 2025
	base_er float8 NOT NULL,
	posts int NOT NULL,
	event_day int NOT NULL              -- day of 2025 of the pattern's event (viral post, purchase)
);

WITH n AS (SELECT greatest(5, (SELECT count(*) FROM sample.kols) / 100)::int AS per),
pat AS (SELECT p, row_number() OVER () - 1 AS pi
          FROM unnest(ARRAY['bought_likes', 'bought_views', 'comment_farm', 'engagement_pod',
                            'follower_purge', 'honest_viral', 'honest_nano', 'honest_new']) p),
picks AS (
	SELECT 900000001 + pat.pi * 100000 + j AS kol_id, pat.p AS pattern, j
	  FROM pat, n, generate_series(0, n.per - 1) j
), plat AS (
	SELECT platform, er_factor, has_views,
	       (sum(weight) OVER (ORDER BY platform) - weight)::float8 / sum(weight) OVER () AS lo,
	       sum(weight) OVER (ORDER BY platform)::float8 / sum(weight) OVER () AS hi
	  FROM sample.platform_traits
), drawn AS (
	SELECT p.*,
	       -- bought views need a platform that shows views: redraw among those
	       CASE WHEN p.pattern = 'bought_views' THEN 0.14 + 0.86 * sample.u(:seed, p.kol_id, 201)
	            ELSE sample.u(:seed, p.kol_id, 201) END AS u_platform,
	       CASE WHEN p.pattern = 'honest_nano' THEN 200 + 1800 * sample.u(:seed, p.kol_id, 202)
	            ELSE least(200000000, floor(1000 / power(1 - sample.u(:seed, p.kol_id, 202), 2))) END AS organic
	  FROM picks p
)
INSERT INTO sample.auth_kols
SELECT d.kol_id, pl.platform, d.pattern, d.organic::bigint,
       CASE WHEN d.pattern = 'honest_nano' THEN 0.06 + 0.09 * sample.u(:seed, d.kol_id, 203)
            ELSE (CASE WHEN d.organic < 10000 THEN 0.04 WHEN d.organic < 100000 THEN 0.025
                       WHEN d.organic < 500000 THEN 0.018 WHEN d.organic < 1000000 THEN 0.013
                       ELSE 0.010 END) * pl.er_factor * exp(0.35 * sample.n(:seed, d.kol_id, 204)) END,
       CASE WHEN d.pattern = 'honest_new' THEN 2 + floor(3 * sample.u(:seed, d.kol_id, 205))::int
            ELSE 12 + floor(sample.u(:seed, d.kol_id, 205) * 60)::int END,
       60 + floor(240 * sample.u(:seed, d.kol_id, 206))::int
  FROM drawn d
  JOIN plat pl ON d.u_platform >= pl.lo AND d.u_platform < pl.hi
 WHERE d.pattern <> 'bought_views' OR pl.has_views;

-- Followers on a day of 2025 for each extra account: organic growth of 5-40% a year,
-- noise of 0.1%, and the pattern's event.
CREATE FUNCTION sample.auth_followers(seed bigint, k sample.auth_kols, day int, viral_inter float8)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN greatest(0, round(
	k.followers * (1 + (0.05 + 0.35 * sample.u(seed, k.kol_id, 207)) * day / 365.0)
	+ k.followers * 0.001 * sample.n(seed, k.kol_id * 1000 + day, 208)
	+ CASE WHEN k.pattern = 'honest_viral' AND day > k.event_day THEN 0.05 * viral_inter ELSE 0 END
	+ CASE WHEN k.pattern = 'follower_purge' AND day >= k.event_day
	       THEN k.followers * (1 + 2 * sample.u(seed, k.kol_id, 209))
	            * least(1, (day - k.event_day + 1) / 3.0)
	            * CASE WHEN day >= k.event_day + 10 + floor(50 * sample.u(seed, k.kol_id, 210))
	                   THEN 1 - (0.3 + 0.5 * sample.u(seed, k.kol_id, 211)) ELSE 1 END
	       ELSE 0 END)::bigint);

-- The interactions of the viral post of an honest_viral account (for its follower jump).
CREATE TABLE sample.auth_viral AS
SELECT k.kol_id, k.followers * k.base_er * (40 + 40 * sample.u(:seed, k.kol_id, 212)) AS viral_inter
  FROM sample.auth_kols k WHERE k.pattern = 'honest_viral';

CREATE TABLE sample.auth_posts (LIKE sample.posts);
ALTER TABLE sample.auth_posts ADD PRIMARY KEY (post_id);

-- Posts spread over 2025; an honest_viral account's viral post on its event day.
INSERT INTO sample.auth_posts
SELECT k.kol_id * 10000 + i, k.kol_id, k.platform, at,
       (inter * 0.80 * CASE WHEN k.pattern = 'bought_likes' AND sample.u(:seed, key, 220) < 0.7
                            THEN 4 + 8 * sample.u(:seed, key, 221)
                            WHEN k.pattern = 'engagement_pod' THEN 1.3 ELSE 1 END)::bigint,
       (inter * 0.08 * CASE WHEN k.pattern = 'comment_farm' THEN 5 + 7 * sample.u(:seed, key, 222)
                            WHEN k.pattern = 'engagement_pod' THEN 2 + 1.5 * sample.u(:seed, key, 223)
                            ELSE 1 END)::bigint,
       (inter * 0.05)::bigint,
       CASE WHEN t.has_saves THEN (inter * 0.07)::bigint END,
       CASE WHEN t.has_views THEN (inter * t.views_per_interaction * exp(0.3 * sample.n(:seed, key, 224))
                                   * CASE WHEN k.pattern = 'bought_views' THEN 6 + 14 * sample.u(:seed, key, 225) ELSE 1 END)::bigint END,
       (inter * 0.80 * t.extra_share)::bigint,
       sample.auth_followers(:seed, k, day, coalesce(v.viral_inter, 0)),
       false,
       k.pattern || ' post ' || i
  FROM sample.auth_kols k
  JOIN sample.platform_traits t USING (platform)
  LEFT JOIN sample.auth_viral v USING (kol_id)
 CROSS JOIN LATERAL generate_series(1, k.posts) AS i
 CROSS JOIN LATERAL (SELECT k.kol_id * 10000 + i AS key) AS kk
 CROSS JOIN LATERAL (SELECT CASE WHEN k.pattern = 'honest_viral' AND i = 1 THEN k.event_day
                                 ELSE floor(365 * sample.u(:seed, key, 226))::int END AS day) AS dd
 CROSS JOIN LATERAL (SELECT date_trunc('second', timestamptz '2025-01-01 00:00+00' + day * interval '1 day'
                                       + sample.u(:seed, key, 227) * interval '1 day') AS at) AS tt
 CROSS JOIN LATERAL (SELECT CASE WHEN k.pattern = 'honest_viral' AND i = 1 THEN v.viral_inter
                                 ELSE k.followers * k.base_er * exp(0.6 * sample.n(:seed, key, 228))
                                      * CASE WHEN sample.u(:seed, key, 229) < 0.02 THEN 8 ELSE 1 END END AS inter) AS d;

-- Snapshots every 3 days: the extra accounts (their model above) and generate.sql's
-- first 2,000 accounts (steady organic growth to the count they post with, noise 0.1%).
CREATE TABLE sample.follower_snapshots (
	kol_id bigint NOT NULL,
	observed_at timestamptz NOT NULL,
	followers bigint NOT NULL,
	PRIMARY KEY (kol_id, observed_at)
);
INSERT INTO sample.follower_snapshots
SELECT k.kol_id, timestamptz '2025-01-01 00:00+00' + day * interval '1 day',
       sample.auth_followers(:seed, k, day, coalesce(v.viral_inter, 0))
  FROM sample.auth_kols k
  LEFT JOIN sample.auth_viral v USING (kol_id)
 CROSS JOIN generate_series(0, 363, 3) AS day;
INSERT INTO sample.follower_snapshots
SELECT k.kol_id, timestamptz '2025-01-01 00:00+00' + day * interval '1 day',
       greatest(0, round(k.followers * (0.8 + 0.2 * day / 363.0)
                         + k.followers * 0.001 * sample.n(:seed, k.kol_id * 1000 + day, 230)))::bigint
  FROM sample.kols k
 CROSS JOIN generate_series(0, 363, 3) AS day
 WHERE k.kol_id <= 2000;

-- Comments.  Honest: authors from a pool of a million (20% from 30 regular fans), texts
-- two phrases from 24 x 24 (10% generic, 5% emoji or emote codes), times spread over
-- the year.  Farms and pods as in the header.
CREATE TABLE sample.comments (
	kol_id bigint NOT NULL,
	author text NOT NULL,
	body text NOT NULL,
	posted_at timestamptz NOT NULL
);
CREATE FUNCTION sample.comment_text(seed bigint, key bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN sample.u(seed, key, 240) < 0.10
            THEN (ARRAY['+1', '沙发', 'nice', '打卡', '好看！', 'Nice!!', '支持', '666', '哈哈哈', 'wow'])[1 + floor(10 * sample.u(seed, key, 241))::int]
            WHEN sample.u(seed, key, 240) < 0.15
            THEN (ARRAY['[赞][赞]', '[笑哭R]', '👍👍', '😂', '❤️❤️❤️', '[doge]', '🔥', '[捂脸]'])[1 + floor(8 * sample.u(seed, key, 242))::int]
            ELSE (ARRAY['这个颜色好适合', '求链接', 'where did you get this', '已经下单了', '看起来很好用',
                        'the lighting here is great', '上次买的也不错', '想知道价格', 'love the colour',
                        '干皮能用吗', 'is it worth it', '教程太详细了', '学到了', 'how long did it take',
                        '第二张最好看', 'need this in my life', '已收藏', '背景音乐叫什么', 'my sister has this',
                        '终于等到更新', 'the second one!', '价格有点贵', 'tried it, works', '期待下一期'])
                     [1 + floor(24 * sample.u(seed, key, 243))::int]
                 || ' ' ||
                 (ARRAY['真的', '哈哈', 'honestly', '!', '～', 'so good', '太棒了', '?', '呀', 'lol', '✨', '嗯',
                        'wow', '好喜欢', 'omg', '啊啊', 'thanks', '👀', '欸', 'yes', '收到', 'haha', '对', 'ok'])
                     [1 + floor(24 * sample.u(seed, key, 244))::int] END;

WITH accts AS (
	SELECT kol_id, pattern, event_day FROM sample.auth_kols
	UNION ALL
	SELECT kol_id, 'honest', 0 FROM sample.kols WHERE kol_id <= 2000
), c AS (
	SELECT a.kol_id, a.pattern, a.event_day, j, a.kol_id * 1000 + j AS key
	  FROM accts a
	 CROSS JOIN LATERAL generate_series(1, 30 + floor(31 * sample.u(:seed, a.kol_id, 245))::int) AS j
)
INSERT INTO sample.comments
SELECT kol_id,
       CASE WHEN pattern = 'comment_farm' AND sample.u(:seed, key, 246) < 0.6
            THEN 'farm_' || kol_id || '_' || floor(5 * sample.u(:seed, key, 247))::int
            WHEN pattern = 'engagement_pod' AND sample.u(:seed, key, 246) < 0.7
            THEN 'pod_' || kol_id || '_' || floor(12 * sample.u(:seed, key, 247))::int
            WHEN sample.u(:seed, key, 246) < 0.2
            THEN 'fan_' || kol_id || '_' || floor(30 * sample.u(:seed, key, 247))::int
            ELSE 'user_' || floor(1000000 * sample.u(:seed, key, 248))::int END,
       CASE WHEN pattern = 'comment_farm' AND sample.u(:seed, key, 246) < 0.6
            THEN (ARRAY['+1', '[赞][赞]', '好看', 'nice!!', '支持', 'Nice', '好看！'])[1 + floor(7 * sample.u(:seed, key, 249))::int]
            ELSE sample.comment_text(:seed, key) END,
       CASE WHEN pattern = 'comment_farm' AND sample.u(:seed, key, 246) < 0.6
            -- bursts: groups of 6 comments a few seconds apart
            THEN timestamptz '2025-01-01 00:00+00' + floor(365 * sample.u(:seed, kol_id * 1000 + j / 6, 250)) * interval '1 day'
                 + (j % 6) * 1.5 * interval '1 second'
            ELSE timestamptz '2025-01-01 00:00+00' + sample.u(:seed, key, 251) * interval '365 days' END
  FROM c;
-- the comments a viral post earns: 100 from new accounts in the half hour after it
INSERT INTO sample.comments
SELECT p.kol_id, 'user_' || floor(1000000 * sample.u(:seed, p.post_id * 1000 + j, 252))::int,
       sample.comment_text(:seed, p.post_id * 1000 + j),
       p.posted_at + sample.u(:seed, p.post_id * 1000 + j, 253) * interval '30 minutes'
  FROM sample.auth_posts p JOIN sample.auth_kols k USING (kol_id)
 CROSS JOIN generate_series(1, 100) j
 WHERE k.pattern = 'honest_viral' AND p.post_id = k.kol_id * 10000 + 1;

CREATE TABLE sample.authenticity_labels (
	kol_id bigint PRIMARY KEY,
	platform kolmetrics.platform NOT NULL,
	pattern text NOT NULL,
	is_fraud boolean NOT NULL
);
COMMENT ON TABLE sample.authenticity_labels IS
	'Ground truth of the authenticity sample: every account of sample.kols and sample.auth_kols with its pattern';
INSERT INTO sample.authenticity_labels
SELECT kol_id, platform, CASE WHEN is_bought THEN 'bought_followers' ELSE 'honest' END, is_bought
  FROM sample.kols
UNION ALL
SELECT kol_id, platform, pattern, pattern NOT LIKE 'honest%'
  FROM sample.auth_kols;

CREATE VIEW sample.authenticity_posts AS
SELECT post_id, kol_id, platform, posted_at, likes, comments, shares, saves, views, followers
  FROM sample.posts
UNION ALL
SELECT post_id, kol_id, platform, posted_at, likes, comments, shares, saves, views, followers
  FROM sample.auth_posts;
COMMENT ON VIEW sample.authenticity_posts IS
	'Posts of every account of sample.authenticity_labels: sample.posts and sample.auth_posts';

DROP TABLE sample.auth_viral;
ANALYZE sample.auth_kols, sample.auth_posts, sample.follower_snapshots, sample.comments, sample.authenticity_labels;
