-- Refreshes the summary tables of one shard from its own rows; no row leaves the shard.
-- Run on every shard (in parallel if you like), e.g. nightly or after a load:
--   psql -v since=2025-01-01 -f refresh.sql
-- Months from :'since' on are recomputed (a month is rebuilt whole, so a late post or a
-- corrected counter is picked up); older months are kept as they are.
BEGIN;
DELETE FROM kol_month WHERE month >= date_trunc('month', :'since'::date);
INSERT INTO kol_month
SELECT kol_id, date_trunc('month', posted_at AT TIME ZONE 'UTC')::date,
       kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra),
       kolmetrics.trend_agg(posted_at, likes)
  FROM posts
 WHERE posted_at >= date_trunc('month', :'since'::date) AT TIME ZONE 'UTC'
 GROUP BY 1, 2;
-- campaign rows carry no date here: rebuilt whole
TRUNCATE kol_campaign;
INSERT INTO kol_campaign
SELECT kol_id, campaign_id,
       kolmetrics.campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions)
  FROM campaign_kols
 GROUP BY 1, 2;
-- series results are rebuilt whole: an 8-week damped-trend forecast of weekly likes (fitted)
-- and the anomalies of daily likes
TRUNCATE kol_series;
INSERT INTO kol_series
SELECT w.kol_id, w.f, d.a
  FROM (SELECT kol_id, kolmetrics.holt_forecast(8, 0.9) WITHIN GROUP (ORDER BY week, likes) AS f
          FROM (SELECT kol_id, date_trunc('week', posted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week,
                       sum(likes)::float8 AS likes
                  FROM posts GROUP BY 1, 2) x GROUP BY 1) w
  FULL JOIN (SELECT kol_id, kolmetrics.anomalies() WITHIN GROUP (ORDER BY day, likes) AS a
               FROM (SELECT kol_id, date_trunc('day', posted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
                            sum(likes)::float8 AS likes
                       FROM posts GROUP BY 1, 2) x GROUP BY 1) d USING (kol_id);
COMMIT;
ANALYZE kol_month, kol_campaign, kol_series;
