-- The sample's live sessions (test/sample/live.sql) in the analyst workspace `ws`
-- (test/sample/workspace.sql made it; account ids are the sample's kol ids), CNY, then
-- refreshed so that live_day holds them.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
INSERT INTO ws.live_session (account_id, platform_room_id, started_at, ended_at, currency, gmv, paid_orders,
                             buyers, pv, uv, watch_seconds, peak_viewers, product_exposures, product_clicks,
                             created_orders, refund_amount, refund_orders, followers_gained, comments, likes,
                             room_exposures, ad_spend, ad_gmv)
SELECT s.kol_id, s.session_id::text, s.started_at, s.started_at + s.duration, 'CNY', s.gmv, s.paid_orders,
       s.buyers, s.pv, s.uv, s.watch_seconds, s.peak_viewers, s.product_exposures, s.product_clicks,
       s.created_orders, s.refund_amount, s.refund_orders, s.followers_gained, s.comments, s.likes,
       s.room_exposures, s.ad_spend, s.ad_gmv
  FROM sample.live_sessions s;
\echo workspace ws live days refreshed:
SELECT kolmetrics.workspace_refresh_10_live('ws', true);
ANALYZE ws.live_session, ws.live_day, ws.live_change;
