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
DELETE FROM kol_live WHERE month >= date_trunc('month', :'since'::date);
INSERT INTO kol_live
SELECT kol_id, date_trunc('month', started_at AT TIME ZONE 'UTC')::date,
       kolmetrics.live_agg(gmv, paid_orders, buyers, pv, uv, watch_seconds, peak_viewers, product_exposures,
                           product_clicks, created_orders, refund_amount, refund_orders, followers_gained,
                           comments, likes, room_exposures, ad_spend, ad_gmv)
  FROM live_sessions
 WHERE started_at >= date_trunc('month', :'since'::date) AT TIME ZONE 'UTC'
 GROUP BY 1, 2;
-- per-KOL results are rebuilt whole: an 8-week damped-trend forecast of weekly likes
-- (fitted), the anomalies of daily likes, the Markov attribution of the KOL's paths, the
-- sentiment and disclosure of its texts
TRUNCATE kol_series;
INSERT INTO kol_series
SELECT k.kol_id,
       (SELECT kolmetrics.holt_forecast(8, 0.9) WITHIN GROUP (ORDER BY week, likes)
          FROM (SELECT date_trunc('week', posted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week,
                       sum(likes)::float8 AS likes
                  FROM posts p WHERE p.kol_id = k.kol_id GROUP BY 1) w),
       (SELECT kolmetrics.anomalies() WITHIN GROUP (ORDER BY day, likes)
          FROM (SELECT date_trunc('day', posted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
                       sum(likes)::float8 AS likes
                  FROM posts p WHERE p.kol_id = k.kol_id GROUP BY 1) d),
       (SELECT kolmetrics.markov_attribution(path, converted, value) FROM paths x WHERE x.kol_id = k.kol_id),
       (SELECT kolmetrics.sentiment_agg(body) FROM texts x WHERE x.kol_id = k.kol_id),
       (SELECT kolmetrics.disclosure_agg(body, is_sponsored, 'cn') FROM texts x WHERE x.kol_id = k.kol_id),
       (SELECT kolmetrics.disclosure(body, 'cn', 40) FROM texts x WHERE x.kol_id = k.kol_id
         ORDER BY text_id DESC LIMIT 1),
       a.auth,
       (SELECT kolmetrics.follower_agg(observed_at, followers ORDER BY observed_at) FROM follower_snapshots x
         WHERE x.kol_id = k.kol_id),
       (SELECT kolmetrics.comment_agg(body, author, posted_at ORDER BY text_id) FROM texts x WHERE x.kol_id = k.kol_id),
       (SELECT kolmetrics.authenticity_cohort_agg(v.x) FROM (SELECT a.auth) v(x) WHERE v.x IS NOT NULL)
  FROM kols k
  LEFT JOIN LATERAL (SELECT kolmetrics.authenticity_agg(likes, comments, shares, saves, views, followers, posted_at
                                                        ORDER BY post_id) AS auth
                       FROM posts p WHERE p.kol_id = k.kol_id) a ON true;
COMMIT;
ANALYZE kol_month, kol_campaign, kol_live, kol_series;
