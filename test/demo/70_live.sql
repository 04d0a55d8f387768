-- Demo report: live-stream commerce per KOL (live_agg, rollup, GPM, UV value, AOV,
-- refund rate, funnel rates, ROI) over sample.live_sessions (test/sample/live.sql).
SET search_path = kolmetrics, public;
\pset footer off

-- One live_summary per KOL and month; every figure below is a rollup of these.
CREATE TEMP TABLE demo_live_monthly AS
SELECT kol_id, platform, date_trunc('month', started_at) AS month,
       live_agg(gmv, paid_orders, buyers, pv, uv, watch_seconds, peak_viewers, product_exposures,
                product_clicks, created_orders, refund_amount, refund_orders, followers_gained,
                comments, likes, room_exposures, ad_spend, ad_gmv) AS s
  FROM sample.live_sessions GROUP BY 1, 2, 3;

\echo
\echo '== Live commerce per KOL, top 10 by GMV in 2025 (CNY).  GPM = GMV x 1000 / viewer visits;'
\echo '   UV value = GMV / viewers and AOV = GMV / buyers, where viewers and buyers are sums of'
\echo '   the sessions'' counts (a person in two sessions counts twice); refunds by amount and'
\echo '   by orders; peak = the highest concurrent viewers of any session.'
SELECT k.handle, m.platform, live_sessions(r) AS sessions, round(gmv(r)) AS gmv,
       round(gpm(r), 1) AS gpm, round(uv_value(r), 2) AS uv_value, round(aov(r), 2) AS aov,
       round(refund_rate(r, 'amount'), 3) AS refund_amt, round(refund_rate(r, 'orders'), 3) AS refund_ord,
       peak_viewers(r) AS peak, round(avg_watch_seconds(r)) AS avg_watch_s
  FROM (SELECT kol_id, platform, rollup(s) AS r FROM demo_live_monthly GROUP BY 1, 2) m
  JOIN sample.kols k USING (kol_id)
 ORDER BY gmv(r) DESC, k.handle LIMIT 10;

\echo
\echo '== The live funnel of the same KOLs: room exposure -> entry (Douyin only), entry -> product'
\echo '   exposure (exposures per viewer), exposure -> click, click -> created order, created ->'
\echo '   paid, entry -> paid (buyers per viewer); Qianchuan ROI of the whole room and of the ads.'
SELECT k.handle, round(exposure_entry_rate(r), 3) AS exp_entry,
       round(entry_product_exposure_rate(r), 2) AS entry_pexp, round(product_click_rate(r), 3) AS click,
       round(click_order_rate(r), 3) AS click_order, round(order_pay_rate(r), 3) AS order_pay,
       round(entry_pay_rate(r), 4) AS entry_pay, round(live_roi(r), 2) AS live_roi, round(ad_roi(r), 2) AS ad_roi
  FROM (SELECT kol_id, rollup(s) AS r FROM demo_live_monthly GROUP BY 1) m
  JOIN sample.kols k USING (kol_id)
 ORDER BY gmv(r) DESC, k.handle LIMIT 10;

\echo
\echo '== Per platform and quarter: the monthly summaries rolled up (sums add, peaks are maxima).'
SELECT platform, extract(quarter FROM month) AS q, live_sessions(r) AS sessions, round(gmv(r)) AS gmv,
       round(gpm(r), 1) AS gpm, round(product_gpm(r), 1) AS product_gpm,
       round(refund_rate(r, 'amount'), 3) AS refund_amt, followers_gained(r) AS new_followers
  FROM (SELECT platform, date_trunc('quarter', month) AS month, rollup(s) AS r
          FROM demo_live_monthly GROUP BY 1, 2) x
 ORDER BY 1, 2;

\echo
\echo '== A live room''s own API response as a session row (ingest_live): the Douyin webcast room'
\echo '   captured in test/fixtures/platform-payloads (SOURCES.md; anchor ids replaced).  The'
\echo '   payload carries viewers, visits, likes and follows, no sales: GPM needs GMV, so it is'
\echo '   NULL, and the absent columns are listed.  No Taobao Live shape exists (no licensed sample).'
\set live_fx `cat test/fixtures/platform-payloads/douyin-webcast-room-reflow-info.json`
SELECT l.room_id, l.title, l.started_at, l.ended_at - l.started_at AS duration, l.pv, l.uv,
       l.likes, l.followers_gained, round(l.pv::numeric / l.uv, 2) AS visits_per_viewer,
       gpm(live_agg(l.gmv, l.paid_orders, l.buyers, l.pv, l.uv, l.watch_seconds, l.peak_viewers,
                    l.product_exposures, l.product_clicks, l.created_orders, l.refund_amount,
                    l.refund_orders, l.followers_gained, l.comments, l.likes, l.room_exposures,
                    l.ad_spend, l.ad_gmv)) AS gpm,
       cardinality(l.absent) AS absent_columns
  FROM ingest_live('douyin', :'live_fx') l
 GROUP BY l.room_id, l.title, l.started_at, l.ended_at, l.pv, l.uv, l.likes, l.followers_gained,
          l.absent;
