-- Demo report: a monthly scorecard rolled up from a daily summary table.
SET search_path = kolmetrics, public;
\pset footer off

-- One engagement_summary per KOL per day, the table a dashboard would keep and refresh daily.
CREATE TEMP TABLE kol_daily AS
SELECT (posted_at AT TIME ZONE 'UTC')::date AS day, kol_id, platform,
       engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM sample.posts
 GROUP BY 1, 2, 3;

\echo
SELECT format('== Monthly scorecard, 2025: rollup() of %s daily per-KOL summaries (%s posts); no raw post is read',
              count(*), sum(posts(s))) AS heading FROM kol_daily \gset
\echo :heading
\echo '   ER = interactions / followers at posting. pooled = sum / sum; mean, median and p90 of per-post ER (median and p90 from the sketch, within 1%)'
SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month,
       posts(m.s) AS posts,
       total_interactions(m.s) AS interactions,
       round((100 * pooled_engagement_rate(m.s))::numeric, 2) AS "pooled ER %",
       round((100 * avg_engagement_rate(m.s))::numeric, 2) AS "mean ER %",
       round((100 * engagement_rate_percentile(m.s, 0.5))::numeric, 2) AS "median ER %",
       round((100 * engagement_rate_percentile(m.s, 0.9))::numeric, 2) AS "p90 ER %",
       round((100 * pooled_engagement_rate(m.s, 'views'))::numeric, 2) AS "ER by views %",
       unrated_posts(m.s, 'views') AS "posts w/o views"
  FROM (SELECT date_trunc('month', day) AS day, rollup(s) AS s FROM kol_daily GROUP BY 1) m
 ORDER BY 1;

\echo
\echo '== Q4 2025 by platform (rolled up from the same daily table)'
SELECT platform, posts(q.s) AS posts,
       round((100 * engagement_rate_percentile(q.s, 0.5))::numeric, 2) AS "median ER %",
       round((100 * avg_engagement_rate(q.s))::numeric, 2) AS "mean ER %",
       round((100 * stddev_engagement_rate(q.s))::numeric, 2) AS "sd ER %",
       round((100 * max_engagement_rate(q.s))::numeric, 1) AS "best post ER %",
       round((100 * pooled_engagement_rate(q.s, 'views'))::numeric, 2) AS "ER by views %"
  FROM (SELECT platform, rollup(s) AS s FROM kol_daily
         WHERE day >= date '2025-10-01' GROUP BY platform) q
 ORDER BY engagement_rate_percentile(q.s, 0.5) DESC;

\echo
\echo '== Most consistent engagers, H2 2025: highest median ER among KOLs with >= 20 posts, with their spread'
SELECT k.handle, k.platform, kol_tier(k.followers) AS tier, posts(h.s) AS posts,
       round((100 * engagement_rate_percentile(h.s, 0.5))::numeric, 2) AS "median ER %",
       round((100 * engagement_rate_percentile(h.s, 0.1))::numeric, 2) AS "p10 ER %",
       round((stddev_engagement_rate(h.s) / avg_engagement_rate(h.s))::numeric, 2) AS "CV"
  FROM (SELECT kol_id, rollup(s) AS s FROM kol_daily WHERE day >= date '2025-07-01' GROUP BY kol_id) h
  JOIN sample.kols k USING (kol_id)
 WHERE posts(h.s) >= 20
 ORDER BY engagement_rate_percentile(h.s, 0.5) DESC, k.kol_id
 LIMIT 8;

\echo
\echo '== Check: the rolled-up year equals one pass over the raw posts'
WITH r AS (SELECT rollup(s) AS s FROM kol_daily),
     a AS (SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM sample.posts)
SELECT posts(r.s) = posts(a.s) AND total_interactions(r.s) = total_interactions(a.s)
       AND pooled_engagement_rate(r.s) = pooled_engagement_rate(a.s) AS "counters and pooled ER identical",
       abs(avg_engagement_rate(r.s) / avg_engagement_rate(a.s) - 1) < 1e-12
       AND abs(stddev_engagement_rate(r.s) / stddev_engagement_rate(a.s) - 1) < 1e-12 AS "mean and sd within 1e-12",
       engagement_rate_percentile(r.s, 0.5) = engagement_rate_percentile(a.s, 0.5) AS "same median"
  FROM r, a;
