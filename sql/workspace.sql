-- The analyst workspace: create_workspace, its constraints, ingest_workspace's upsert,
-- refresh_workspace (incremental, idempotent, deletes, late posts, moved posts) and
-- every BI view on a tiny workspace whose answers are worked out by hand below.
SET client_min_messages = warning;
\set VERBOSITY terse
CREATE SCHEMA t;
SELECT kolmetrics.create_workspace('t');

-- refusals: a second workspace (42P07), no such schema (3F000), a bad time zone (22023),
-- a schema of another role (42501)
\set VERBOSITY sqlstate
SELECT kolmetrics.create_workspace('t');
SELECT kolmetrics.create_workspace('nosuch');
CREATE SCHEMA t2;
SELECT kolmetrics.create_workspace('t2', 'Mars/Olympus');
CREATE ROLE km_ws_tester;
SET ROLE km_ws_tester;
SELECT kolmetrics.create_workspace('t2');
RESET ROLE;
DROP ROLE km_ws_tester;
SELECT kolmetrics.refresh_workspace('t2');
\set VERBOSITY terse
SELECT kolmetrics.create_workspace('t', 'UTC');

-- every table, with keys: 8 tables of data, the 2 summaries, the log, the marker
SELECT c.relname, c.relkind,
       (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM pg_index x
          CROSS JOIN unnest(x.indkey) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.n
         WHERE x.indrelid = c.oid AND x.indisprimary) AS pkey,
       (SELECT count(*) FROM pg_constraint f WHERE f.conrelid = c.oid AND f.contype = 'f') AS fkeys
  FROM pg_class c WHERE c.relnamespace = 't'::regnamespace AND c.relkind IN ('r', 'v')
 ORDER BY c.relkind, c.relname;
-- not members of the extension
SELECT count(*) AS members FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
 WHERE d.deptype = 'e' AND c.relnamespace = 't'::regnamespace;

-- ---------------------------------------------------------------------------
-- Data (hand-sized).  KOL 1 (Ann) has account 10 on douyin (20000 followers) and 11 on
-- weibo (5000); KOL 2 (Bo) account 20 on douyin (200000).  Brands A and B compete
-- (beauty), C is food.  interactions = likes + comments + shares + saves:
--   p1 acc 10 2025-01-05 10:00  900+80+20+0   = 1000, ER 1000/20000 = 0.05, views 10000: 0.10   sponsored A
--   p2 acc 10 2025-01-05 20:00  300+50+40+10  =  400, ER 0.02,  views  8000: 0.05
--   p3 acc 10 2025-01-20 10:00  150+30+20+0   =  200, ER 0.01,  views  5000: 0.04   sponsored A
--   p4 acc 10 2025-02-10 10:00  500+60+40+0   =  600, ER 0.03,  views 12000: 0.05   sponsored B
--   p5 acc 10 2025-02-24 10:00  350+30+20+0   =  400, ER 0.02,  views  8000: 0.05   sponsored A
--   p6 acc 11 2025-01-07 10:00   80+15+5      =  100, ER 0.02,  no views, no saves
--   p7 acc 20 2025-01-10 10:00 2000+500+300+200 = 3000, ER 0.015, views 100000: 0.03 sponsored C
-- ---------------------------------------------------------------------------
INSERT INTO t.kol (kol_id, name) VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO t.brand (brand_id, name, category) VALUES (1, 'A', 'beauty'), (2, 'B', 'beauty'), (3, 'C', 'food');
INSERT INTO t.account (account_id, kol_id, platform, platform_account_id, handle, followers)
VALUES (10, 1, 'douyin', 'd1', 'ann_dy', 20000), (11, 1, 'weibo', 'w1', 'ann_wb', 5000),
       (20, 2, 'douyin', 'd2', 'bo_dy', 200000);
INSERT INTO t.post (post_id, account_id, platform_post_id, posted_at, likes, comments, shares, saves, views, followers, is_sponsored, brand_id)
VALUES (1, 10, 'p1', '2025-01-05 10:00+00', 900, 80, 20, 0, 10000, 20000, true, 1),
       (2, 10, 'p2', '2025-01-05 20:00+00', 300, 50, 40, 10, 8000, 20000, false, NULL),
       (3, 10, 'p3', '2025-01-20 10:00+00', 150, 30, 20, 0, 5000, 20000, true, 1),
       (4, 10, 'p4', '2025-02-10 10:00+00', 500, 60, 40, 0, 12000, 20000, true, 2),
       (5, 10, 'p5', '2025-02-24 10:00+00', 350, 30, 20, 0, 8000, 20000, true, 1),
       (6, 11, 'p6', '2025-01-07 10:00+00', 80, 15, 5, NULL, NULL, 5000, false, NULL),
       (7, 20, 'p7', '2025-01-10 10:00+00', 2000, 500, 300, 200, 100000, 200000, true, 3);
-- account 10's followers: 19000 on Jan 1, 19500 on Jan 31, 20000 on Feb 28
INSERT INTO t.follower_snapshot VALUES (10, '2025-01-01 00:00+00', 19000), (10, '2025-01-31 00:00+00', 19500),
       (10, '2025-02-28 00:00+00', 20000);
INSERT INTO t.campaign (campaign_id, brand_id, name, starts_on, ends_on) VALUES (1, 1, 'A launch', '2025-01-01', '2025-01-31');
SELECT setval(pg_get_serial_sequence('t.kol', 'kol_id'), 2), setval(pg_get_serial_sequence('t.account', 'account_id'), 20),
       setval(pg_get_serial_sequence('t.post', 'post_id'), 7), setval(pg_get_serial_sequence('t.campaign', 'campaign_id'), 1);
INSERT INTO t.campaign_account VALUES (1, 10, 'CNY', 1000, 1500, 50000, 20000, 1500, 500, 20),
       (1, 20, 'CNY', 3000, 2500, 150000, 60000, 3000, 1000, 30);

-- constraints: negative counter, checks, duplicate platform id, missing parent
\set VERBOSITY sqlstate
INSERT INTO t.post (account_id, platform_post_id, posted_at, likes) VALUES (10, 'x', now(), -1);
INSERT INTO t.post (account_id, platform_post_id, posted_at) VALUES (10, 'p1', now());
INSERT INTO t.post (account_id, platform_post_id, posted_at) VALUES (99, 'x', now());
INSERT INTO t.account (kol_id, platform, platform_account_id) VALUES (1, 'douyin', 'd1');
INSERT INTO t.account (kol_id, platform, platform_account_id) VALUES (1, 'myspace', 'm1');
INSERT INTO t.campaign (brand_id, name, starts_on, ends_on) VALUES (1, 'bad', '2025-02-01', '2025-01-01');
INSERT INTO t.campaign_account (campaign_id, account_id, currency) VALUES (1, 11, 'yuan');
INSERT INTO t.follower_snapshot VALUES (10, now(), -5);
INSERT INTO t.account_month VALUES (10, '2025-01-02', kolmetrics.engagement_agg(1, 1, 1, 1, 1, 1));
DELETE FROM t.brand WHERE brand_id = 1;
\set VERBOSITY terse

-- ---------------------------------------------------------------------------
-- Refresh.  Days: account 10 Jan 5, Jan 20, Feb 10, Feb 24; 11 Jan 7; 20 Jan 10 = 6;
-- months: 10 Jan, Feb; 11 Jan; 20 Jan = 4.  Before the refresh the current view
-- already answers (from the log); a second refresh has nothing to do.
-- ---------------------------------------------------------------------------
SELECT account_id, day, kolmetrics.posts(summary), kolmetrics.total_interactions(summary)
  FROM t.account_day_current ORDER BY 1, 2;
SELECT * FROM kolmetrics.refresh_workspace('t');
SELECT * FROM kolmetrics.refresh_workspace('t');
SELECT count(*) AS logged FROM t.post_change;
-- account 10, January: 3 posts, 1600 interactions / 60000 followers = 0.026667;
-- by views 1600 / 23000 = 0.069565; median ER = 0.02 (rank 2 of 0.01, 0.02, 0.05), p90 0.05
SELECT account_id, month, kolmetrics.posts(summary), kolmetrics.total_interactions(summary),
       round(kolmetrics.pooled_engagement_rate(summary)::numeric, 6) AS er,
       round(kolmetrics.pooled_engagement_rate(summary, 'views')::numeric, 6) AS er_views
  FROM t.account_month ORDER BY 1, 2;

-- an update (p2 +100 likes: Jan 5 of account 10, 1700 interactions in January),
-- a delete (p6: account 11 loses its only day and month), a late post for an old day
-- (account 20, Jan 25, 50 interactions at 1000 followers) and a post moved from February
-- to March (p5): 5 days, 5 months (10 Jan, 10 Feb, 10 Mar, 11 Jan, 20 Jan)
UPDATE t.post SET likes = likes + 100 WHERE post_id = 2;
DELETE FROM t.post WHERE post_id = 6;
INSERT INTO t.post (account_id, platform_post_id, posted_at, likes, comments, shares, saves, views, followers)
VALUES (20, 'late', '2025-01-25 12:00+00', 40, 10, 0, 0, 900, 1000);
UPDATE t.post SET posted_at = '2025-03-02 10:00+00' WHERE post_id = 5;
-- the current views see it all before the refresh
SELECT account_id, month, kolmetrics.posts(summary), kolmetrics.total_interactions(summary)
  FROM t.account_month_current ORDER BY 1, 2;
SELECT * FROM kolmetrics.refresh_workspace('t');
SELECT account_id, month, kolmetrics.posts(summary), kolmetrics.total_interactions(summary)
  FROM t.account_month ORDER BY 1, 2;
SELECT account_id, day, kolmetrics.posts(summary) FROM t.account_day ORDER BY 1, 2;
-- back as it was (p2 -100, p5 to Feb 24, the late post gone, p6 again)
UPDATE t.post SET likes = likes - 100 WHERE post_id = 2;
UPDATE t.post SET posted_at = '2025-02-24 10:00+00' WHERE post_id = 5;
DELETE FROM t.post WHERE platform_post_id = 'late';
INSERT INTO t.post (post_id, account_id, platform_post_id, posted_at, likes, comments, shares, saves, views, followers)
VALUES (6, 11, 'p6', '2025-01-07 10:00+00', 80, 15, 5, NULL, NULL, 5000);
SELECT * FROM kolmetrics.refresh_workspace('t');
-- a full recompute gives the same summaries
CREATE TABLE before AS SELECT * FROM t.account_day;
SELECT * FROM kolmetrics.refresh_workspace('t', full_recompute => true);
SELECT count(*) AS differ FROM before b FULL JOIN t.account_day d USING (account_id, day)
 WHERE NOT coalesce(b.summary OPERATOR(kolmetrics.=) d.summary, false);
DROP TABLE before;

-- ---------------------------------------------------------------------------
-- BI views, by hand:
-- account_scorecard, account 10: January 3 posts, 1600, ER 0.026667, median 0.02, p90 0.05,
--   views ER 0.069565; followers at month end 19500 (micro), growth 19500 - 19000 = 500,
--   500 / 19000 = 0.026316.  February: 2 posts, 1000 / 40000 = 0.025, views 1000/20000 = 0.05;
--   followers 20000, growth 500 / 19500 = 0.025641.  Account 11 has no snapshots:
--   followers 5000 from account (nano), growth NULL.
-- ---------------------------------------------------------------------------
SELECT account_id, platform, month, posts, interactions, views, round(er_followers::numeric, 6) AS er,
       round(er_followers_median::numeric, 4) AS med, round(er_followers_p90::numeric, 4) AS p90,
       round(er_views::numeric, 6) AS er_views, followers, tier, follower_growth,
       round(follower_growth_rate::numeric, 6) AS growth_rate
  FROM t.account_scorecard ORDER BY account_id, month;
-- kol_scorecard, Ann: 2 accounts, followers 20000 (latest snapshot) + 5000; 6 posts (5 douyin:
-- 0.8333, 1 weibo: 0.1667); pooled ER 2700 / 105000 = 0.025714; douyin 2600 / 100000 = 0.026,
-- weibo 0.02: best douyin; CV = stddev_pop(0.026, 0.02) / mean = 0.003 / 0.023 = 0.130435.
-- Bo: one platform, CV NULL.
SELECT kol_id, name, accounts, platforms, platform_list, followers_total, followers_by_platform, posts,
       platform_mix, round(er_followers::numeric, 6) AS er, best_platform,
       round(best_platform_er::numeric, 6) AS best_er, round(platform_er_cv::numeric, 6) AS cv
  FROM t.kol_scorecard ORDER BY kol_id;
-- campaign_report: cost 1000 + 3000 = 4000, revenue 4000: ROI 0, ROAS 1, CPM 4000 x 1000 /
-- 200000 = 20, CPC 4000 / 1500 = 2.6667, CPA 4000 / 50 = 80, conversions / clicks = 0.0333;
-- sponsored posts of brand A by its accounts in January: p1 and p3, 1200 / 40000 = 0.03
SELECT campaign, brand, currency, accounts, kols, cost, revenue, round(roi, 4) AS roi, round(roas, 4) AS roas,
       round(cpm, 4) AS cpm, round(cpc, 4) AS cpc, round(cpa, 4) AS cpa,
       round(conversion_rate_clicks, 4) AS cr, sponsored_posts, sponsored_interactions,
       round(sponsored_er_followers::numeric, 6) AS sponsored_er
  FROM t.campaign_report;
-- brand_report: A has the campaign, 3 mentions (p1, p3, p5), 1600 sponsored interactions /
-- 60000 = 0.026667; B one mention (p4, 0.03); C one (p7, 0.015), no campaign
SELECT brand, category, currency, campaigns, campaign_accounts, cost, round(roi, 4) AS roi, mentions,
       sponsored_posts, kols_mentioning, sponsored_interactions, round(sponsored_er_followers::numeric, 6) AS er
  FROM t.brand_report ORDER BY brand, currency;
-- tier_benchmarks (followers now: 10 micro (20000), 11 nano (5000), 20 mid (200000)):
-- micro: post ERs 0.01, 0.02, 0.02, 0.03, 0.05, median rank 3 = 0.02; account pooled 0.026
SELECT tier, tier_order, accounts, posts, round(median_post_er::numeric, 4) AS median_post_er,
       round(median_account_er::numeric, 6) AS median_account_er, published_er, published_source
  FROM t.tier_benchmarks ORDER BY tier_order;
SELECT platform, tier, accounts, posts, round(median_account_er::numeric, 6) AS median_account_er, published_er
  FROM t.platform_benchmarks ORDER BY platform, tier_order;
-- relationship: A x Ann: p1 Jan 5, p3 Jan 20, p5 Feb 24: gaps 15 and 35 days, mean 25,
-- stddev_pop 10, CV 0.4; 2 months; Ann's sponsored posts p1, p3, p4, p5 = 4, one (p4) for
-- B, a competitor: 0.25.  B x Ann: one mention, CV NULL, competing share 3/4.  C x Bo: 0.
SELECT brand, kol, mentions, sponsored_posts, months_active, mention_gap_days_mean, mention_gap_cv,
       kol_sponsored_posts, competitor_share, campaigns
  FROM t.relationship ORDER BY brand, kol;

-- ---------------------------------------------------------------------------
-- Ingest with upsert on the platform's ids.  A YouTube video list: a new channel UC9
-- gets an account and a KOL; seen again with more views, the post is updated, not added;
-- a payload without the like count keeps the known one.  A channel payload sets the
-- account's followers and adds a snapshot.
-- ---------------------------------------------------------------------------
SELECT kolmetrics.ingest_workspace('t', 'youtube',
  '{"items":[{"id":"v1","snippet":{"publishedAt":"2025-01-05T10:00:00Z","channelId":"UC9"},"statistics":{"viewCount":"1000","likeCount":"50","commentCount":"5"}},
             {"id":"v2","snippet":{"publishedAt":"2025-01-06T10:00:00Z","channelId":"UC9"},"statistics":{"viewCount":"300","likeCount":"9","commentCount":"1"}}]}');
SELECT kolmetrics.ingest_workspace('t', 'youtube',
  '{"items":[{"id":"v1","snippet":{"publishedAt":"2025-01-05T10:00:00Z","channelId":"UC9"},"statistics":{"viewCount":"2500","commentCount":"7"}}]}');
SELECT kolmetrics.ingest_workspace('t', 'youtube',
  '{"kind":"youtube#channelListResponse","items":[{"kind":"youtube#channel","id":"UC9","statistics":{"subscriberCount":"12000"}}]}');
SELECT k.name, a.platform, a.platform_account_id, a.followers, p.platform_post_id, p.posted_at, p.likes, p.comments, p.views
  FROM t.post p JOIN t.account a USING (account_id) JOIN t.kol k USING (kol_id)
 WHERE a.platform_account_id = 'UC9' ORDER BY p.platform_post_id;
SELECT count(*) AS snapshots FROM t.follower_snapshot s JOIN t.account a USING (account_id) WHERE a.platform_account_id = 'UC9';
-- into a named account; errors: no such account, no workspace, a new post without a time
SELECT kolmetrics.ingest_workspace('t', 'youtube',
  '{"items":[{"id":"v3","snippet":{"publishedAt":"2025-01-07T10:00:00Z"},"statistics":{"viewCount":"10"}}]}', account_id => 20);
\set VERBOSITY sqlstate
SELECT kolmetrics.ingest_workspace('t', 'youtube', '{"items":[{"id":"v4","snippet":{"publishedAt":"2025-01-07T10:00:00Z"},"statistics":{"viewCount":"10"}}]}', account_id => 999);
SELECT kolmetrics.ingest_workspace('t', 'youtube', '{"items":[{"id":"v5","snippet":{"channelId":"UC9"},"statistics":{"viewCount":"10"}}]}');
SELECT kolmetrics.ingest_workspace('t', 'youtube', '{"items":[{"id":"v4","snippet":{"publishedAt":"2025-01-07T10:00:00Z"},"statistics":{"viewCount":"10"}}]}');
SELECT kolmetrics.ingest_workspace('t2', 'youtube', '{"items":[]}');
\set VERBOSITY terse
-- ingest logged its days: the refresh picks them up
SELECT * FROM kolmetrics.refresh_workspace('t');

-- ---------------------------------------------------------------------------
-- Random inserts, updates, deletes and late posts in rounds, refreshing between some
-- of them: the summaries equal a recompute from the posts (counts and sums exactly,
-- checked against plain SQL; the mean ER to 1e-12).
-- ---------------------------------------------------------------------------
SELECT setseed(0.15);
INSERT INTO t.post (account_id, platform_post_id, posted_at, likes, comments, shares, saves, views, followers)
SELECT (ARRAY[10, 11, 20])[1 + (i % 3)], 'r' || i, timestamptz '2025-01-01 00:00+00' + random() * interval '120 days',
       (random() * 1000)::bigint, (random() * 100)::bigint, (random() * 50)::bigint,
       CASE WHEN random() < 0.8 THEN (random() * 30)::bigint END, (random() * 20000)::bigint,
       CASE WHEN random() < 0.95 THEN 1000 + (random() * 50000)::bigint END
  FROM generate_series(1, 600) i;
DO $$
BEGIN
	FOR r IN 1..6 LOOP
		UPDATE t.post SET likes = likes + (random() * 10)::bigint WHERE random() < 0.1;
		UPDATE t.post SET posted_at = posted_at - interval '17 days' WHERE random() < 0.03;
		DELETE FROM t.post WHERE random() < 0.03 AND platform_post_id LIKE 'r%';
		INSERT INTO t.post (account_id, platform_post_id, posted_at, likes, comments, shares, views, followers)
		SELECT (ARRAY[10, 11, 20])[1 + (i % 3)], 'l' || r || '_' || i, timestamptz '2025-01-01 00:00+00' + random() * interval '60 days',
		       (random() * 500)::bigint, (random() * 40)::bigint, 0, (random() * 9000)::bigint, 20000
		  FROM generate_series(1, 40) i;
		IF r % 2 = 1 THEN PERFORM kolmetrics.refresh_workspace('t'); END IF;
	END LOOP;
END $$;
SELECT (SELECT count(*) FROM t.post_change) > 0 AS pending;
SELECT days > 0 AS refreshed FROM kolmetrics.refresh_workspace('t');
WITH truth AS (
	SELECT account_id, (posted_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts,
	       sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0)) AS interactions,
	       sum(views) AS views,
	       avg((coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0))::float8 / followers)
	         FILTER (WHERE followers > 0) AS avg_er
	  FROM t.post GROUP BY 1, 2
)
SELECT count(*) AS days, count(*) FILTER (WHERE d.account_id IS NULL OR tr.account_id IS NULL
         OR kolmetrics.posts(d.summary) <> tr.posts
         OR kolmetrics.total_interactions(d.summary) <> tr.interactions
         OR kolmetrics.total_views(d.summary) <> coalesce(tr.views, 0)
         OR abs(kolmetrics.avg_engagement_rate(d.summary) - tr.avg_er) > 1e-12 * tr.avg_er) AS wrong
  FROM truth tr FULL JOIN t.account_day d USING (account_id, day);
WITH truth AS (
	SELECT account_id, date_trunc('month', posted_at AT TIME ZONE 'UTC')::date AS month, count(*) AS posts,
	       sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0)) AS interactions
	  FROM t.post GROUP BY 1, 2
)
SELECT count(*) AS months, count(*) FILTER (WHERE m.account_id IS NULL OR tr.account_id IS NULL
         OR kolmetrics.posts(m.summary) <> tr.posts
         OR kolmetrics.total_interactions(m.summary) <> tr.interactions) AS wrong
  FROM truth tr FULL JOIN t.account_month m USING (account_id, month);

-- time zones: a workspace in Asia/Shanghai puts 2025-01-05 20:00 UTC on January 6
CREATE SCHEMA sh;
SELECT kolmetrics.create_workspace('sh', 'Asia/Shanghai');
INSERT INTO sh.kol VALUES (1, 'x');
INSERT INTO sh.account (account_id, kol_id, platform, platform_account_id) VALUES (1, 1, 'weibo', 'a');
INSERT INTO sh.post (account_id, platform_post_id, posted_at, likes, followers)
VALUES (1, 'a', '2025-01-05 20:00+00', 5, 100), (1, 'b', '2025-01-31 17:00+00', 5, 100);
SELECT day FROM sh.post_change ORDER BY 1;
SELECT * FROM kolmetrics.refresh_workspace('sh');
SELECT month, kolmetrics.posts(summary) FROM sh.account_month;

DROP SCHEMA t, t2, sh CASCADE;
