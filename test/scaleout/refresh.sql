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
COMMIT;
ANALYZE kol_month, kol_campaign;
