-- The workspace's relationship signals (workspace_part_30_signals): relationship_sentiment
-- per brand, KOL and month, and relationship_sentiment_trend, against a second method in
-- plain SQL (sentiment_label per comment, regr_slope over the months) and hand counts.
SET client_min_messages = warning;
SET extra_float_digits = 0;
\set VERBOSITY terse
CREATE SCHEMA s;
SELECT kolmetrics.create_workspace('s');
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 's'::regnamespace AND c.relname LIKE 'relationship_sentiment%' AND a.attnum > 0
 ORDER BY c.relname, a.attnum;

-- refusals: the part twice (42P07), no workspace (22023)
\set VERBOSITY sqlstate
SELECT kolmetrics.workspace_part_30_signals('s');
SELECT kolmetrics.workspace_part_30_signals('public');
\set VERBOSITY terse

INSERT INTO s.brand (brand_id, name, category) VALUES (1, 'Panda Tea', 'food'), (2, 'Orbit Phones', 'tech');
INSERT INTO s.kol (kol_id, name) VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO s.account (account_id, kol_id, platform, platform_account_id) VALUES
	(10, 1, 'douyin', 'd10'), (11, 1, 'weibo', 'w11'), (20, 2, 'douyin', 'd20');
-- Ann names Panda Tea on two accounts (posts 1, 2, 3), Bo names it once (post 4); post 5
-- names no brand, so its comments count for no relationship.
INSERT INTO s.post (post_id, account_id, platform_post_id, posted_at, likes, brand_id) VALUES
	(1, 10, 'p1', '2025-01-10 08:00+00', 100, 1), (2, 11, 'p2', '2025-02-10 08:00+00', 100, 1),
	(3, 10, 'p3', '2025-03-10 08:00+00', 100, 1), (4, 20, 'p4', '2025-01-20 08:00+00', 100, 1),
	(5, 10, 'p5', '2025-01-25 08:00+00', 100, NULL);
-- Comments: a clear positive, a clear negative, a neutral question; one without a time
-- counts in its post's month (February).
INSERT INTO s.comment (post_id, platform_comment_id, commented_at, content) VALUES
	(1, 'c1', '2025-01-11 09:00+00', '很好喝，推荐！'),
	(1, 'c2', '2025-01-12 09:00+00', '太难喝了，失望'),
	(1, 'c3', '2025-01-12 10:00+00', '在哪里买？'),
	(2, 'c4', NULL, '好喝好喝，回购！'),
	(2, 'c5', '2025-02-11 09:00+00', 'love it, so good'),
	(3, 'c6', '2025-03-11 09:00+00', '垃圾，再也不买'),
	(3, 'c7', '2025-03-12 09:00+00', 'terrible taste'),
	(4, 'c8', '2025-01-21 09:00+00', '不错'),
	(5, 'c9', '2025-01-26 09:00+00', '很好');
-- the labels the counts rest on (one per comment, by sentiment_label)
SELECT platform_comment_id, kolmetrics.sentiment_label(content) FROM s.comment ORDER BY 1;

-- Ann x Panda Tea: January 3 comments, February 2, March 2; Bo x Panda Tea: January 1
SELECT brand_id, kol_id, month, comments, positive, negative, neutral, round(net_sentiment::numeric, 6) AS net
  FROM s.relationship_sentiment ORDER BY 1, 2, 3;
-- a second method: the same counts and net sentiment from sentiment_label per comment, the
-- mean from sentiment() (sentiment_agg sums scores rounded to 1e-9, doc/text.md)
WITH l AS (
	SELECT p.brand_id, a.kol_id, date_trunc('month', coalesce(c.commented_at, p.posted_at) AT TIME ZONE 'UTC')::date AS month,
	       kolmetrics.sentiment_label(c.content) AS label, kolmetrics.sentiment(c.content) AS score
	  FROM s.comment c JOIN s.post p USING (post_id) JOIN s.account a ON a.account_id = p.account_id
	 WHERE p.brand_id IS NOT NULL)
SELECT count(*) FILTER (WHERE abs(r.net_sentiment - x.net) > 1e-12 OR abs(r.mean_sentiment - x.mean) > 1e-9
                         OR r.comments <> x.n) AS differing, count(*) AS rows
  FROM s.relationship_sentiment r
  JOIN (SELECT brand_id, kol_id, month, count(*) AS n, avg(score) AS mean,
               (count(*) FILTER (WHERE label = 'positive') - count(*) FILTER (WHERE label = 'negative'))::float8 / count(*) AS net
          FROM l GROUP BY 1, 2, 3) x USING (brand_id, kol_id, month);
-- the trend: Ann over 3 months, its slope per 30 days equal to regr_slope over the months in
-- days; Bo's single month has no slope
SELECT t.brand_id, t.kol_id, t.months, t.comments,
       abs(t.net_sentiment_per_30_days - 30 * r.b) < 1e-9 AS slope_same,
       t.per_30_days_low_95 < t.net_sentiment_per_30_days AND t.net_sentiment_per_30_days < t.per_30_days_high_95 AS interval_around
  FROM s.relationship_sentiment_trend t
  LEFT JOIN (SELECT brand_id, kol_id, regr_slope(net_sentiment, extract(epoch FROM month::timestamp AT TIME ZONE 'UTC') / 86400) AS b
               FROM s.relationship_sentiment GROUP BY 1, 2) r USING (brand_id, kol_id)
 ORDER BY 1, 2;
SELECT brand_id, kol_id, months, net_sentiment_per_30_days IS NULL AS no_slope
  FROM s.relationship_sentiment_trend WHERE kol_id = 2;

-- account_authenticity: the same score as authenticity_score called by hand on the month's
-- authenticity_agg against the platform-month cohort (a second method in plain SQL)
INSERT INTO s.post (post_id, account_id, platform_post_id, posted_at, likes, comments, shares, views, followers)
SELECT 100 + i, (ARRAY[10, 20])[1 + i % 2], 'q' || i, timestamptz '2025-01-01 00:00+00' + i * interval '61 hours',
       50 + (i * 37) % 400, 3 + (i * 11) % 40, (i * 7) % 9, 2000 + (i * 101) % 9000, 12000
  FROM generate_series(1, 60) i;
WITH m AS (SELECT p.account_id, a.platform, date_trunc('month', p.posted_at AT TIME ZONE 'UTC')::date AS month,
                  kolmetrics.authenticity_agg(p.likes, p.comments, p.shares, p.saves, p.views, p.followers, p.posted_at) AS s
             FROM s.post p JOIN s.account a USING (account_id) GROUP BY 1, 2, 3),
     c AS (SELECT platform, month, kolmetrics.authenticity_cohort_agg(s) AS cohort FROM m GROUP BY 1, 2)
SELECT count(*) AS rows, count(v.score) AS scored,
       count(*) FILTER (WHERE v.score IS DISTINCT FROM kolmetrics.authenticity_score(m.s, c.cohort)) AS differing,
       min(v.score) >= 0 AND max(v.score) <= 100 AS in_range
  FROM s.account_authenticity v
  JOIN m ON m.account_id = v.account_id AND m.month = v.month
  JOIN c ON c.platform = m.platform AND c.month = m.month;
-- kol_authenticity_trend: months and slope per 30 days against regr_slope of the KOL's
-- monthly mean score
SELECT t.kol_id, t.months, abs(coalesce(t.score_per_30_days, 0) - coalesce(30 * r.b, 0)) < 1e-9 AS slope_same
  FROM s.kol_authenticity_trend t
  JOIN (SELECT kol_id, regr_slope(score, extract(epoch FROM month::timestamp AT TIME ZONE 'UTC') / 86400) AS b
          FROM (SELECT kol_id, month, avg(score) AS score FROM s.account_authenticity WHERE score IS NOT NULL GROUP BY 1, 2) x
         GROUP BY 1) r USING (kol_id)
 ORDER BY 1;
DROP SCHEMA s CASCADE;
