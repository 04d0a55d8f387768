-- Live sessions of the sample's Douyin and Taobao Live accounts (doc/live.md), loaded after
-- generate.sql by the demo, the docs check and the benchmarks.
--   psql -v seed=42 -f test/sample/live.sql
-- One row per live session in 2025: 4 .. 23 sessions per account with at least 50,000
-- followers.  Magnitudes are the generator's assumptions, picked to land in the ranges that
-- brands and agencies publish for these rooms (doc/live.md "Sample"): UV 2% .. 20% of
-- followers, PV 1.3 .. 2.2 x UV, average watch 40 .. 160 s, peak concurrent viewers 1% .. 4%
-- of UV, product exposures 0.4 .. 0.9 x PV, click rate 5% .. 15%, click -> order 8% .. 20%,
-- 75% .. 95% of created orders paid, buyers 85% .. 100% of paid orders, AOV 60 .. 260 CNY,
-- refunds 5% .. 35% of GMV (apparel the highest); about half the Douyin sessions buy
-- Qianchuan ads (spend 10% .. 40% of GMV, ad GMV 30% .. 70% of GMV).  Taobao Live rows have
-- no room exposures, ad spend or ad GMV (NULL: not reported), and one session in 20 ends with
-- no sale.  Every draw is sample.u(seed, key, salt), so the same seed gives the same rows.
\if :{?seed} \else \set seed 42 \endif

SET client_min_messages = warning;
DROP TABLE IF EXISTS sample.live_sessions;
RESET client_min_messages;
CREATE TABLE sample.live_sessions (
	session_id bigint PRIMARY KEY,
	kol_id bigint NOT NULL REFERENCES sample.kols,
	platform kolmetrics.platform NOT NULL,
	started_at timestamptz NOT NULL,
	duration interval NOT NULL,
	gmv numeric(14, 2),            -- paid order amount, CNY, later refunds included
	paid_orders bigint,
	buyers bigint,
	pv bigint,                     -- viewer visits (场观人次)
	uv bigint,                     -- unique viewers (场观人数)
	watch_seconds bigint,
	peak_viewers bigint,
	product_exposures bigint,
	product_clicks bigint,
	created_orders bigint,
	refund_amount numeric(14, 2),
	refund_orders bigint,
	followers_gained bigint,
	comments bigint,
	likes bigint,
	room_exposures bigint,         -- people shown the room (Douyin only)
	ad_spend numeric(14, 2),       -- Qianchuan spend (Douyin only)
	ad_gmv numeric(14, 2)          -- Qianchuan ad-attributed GMV
);
COMMENT ON TABLE sample.live_sessions IS 'Generated live sessions of the sample''s Douyin and Taobao Live accounts (test/sample/live.sql)';

WITH accounts AS (
  SELECT kol_id, platform, followers FROM sample.kols
   WHERE platform IN ('douyin', 'taobao_live') AND followers >= 50000),
sessions AS (
  SELECT a.*, a.kol_id * 1000 + i AS sid
    FROM accounts a, generate_series(1, 4 + (sample.u(:seed, a.kol_id, 301) * 20)::int) i),
base AS (
  SELECT s.*, (s.followers * (0.02 + 0.18 * sample.u(:seed, sid, 302)))::bigint + 50 AS uv0,
         1.3 + 0.9 * sample.u(:seed, sid, 303) AS pv_per_uv,
         40 + 120 * sample.u(:seed, sid, 304) AS avg_watch,
         0.4 + 0.5 * sample.u(:seed, sid, 305) AS exposure_per_pv,
         0.05 + 0.10 * sample.u(:seed, sid, 306) AS click_rate,
         0.08 + 0.12 * sample.u(:seed, sid, 307) AS order_rate,
         0.75 + 0.20 * sample.u(:seed, sid, 308) AS pay_rate,
         60 + 200 * sample.u(:seed, sid, 309) AS aov,
         0.05 + 0.30 * sample.u(:seed, sid, 310) AS refund_share,
         sample.u(:seed, sid, 311) < 0.05 AS no_sale,
         s.platform = 'douyin' AND sample.u(:seed, sid, 312) < 0.5 AS has_ads
    FROM sessions s),
funnel AS (
  SELECT b.*, (b.uv0 * b.pv_per_uv)::bigint AS pv0,
         (b.uv0 * b.pv_per_uv * b.exposure_per_pv)::bigint AS pexp0,
         (b.uv0 * b.pv_per_uv * b.exposure_per_pv * b.click_rate)::bigint AS clicks0
    FROM base b),
orders AS (
  SELECT f.*, CASE WHEN no_sale THEN 0 ELSE (f.clicks0 * f.order_rate)::bigint END AS created0
    FROM funnel f),
paid AS (
  SELECT o.*, (o.created0 * o.pay_rate)::bigint AS paid0 FROM orders o)
INSERT INTO sample.live_sessions
SELECT sid, kol_id, platform,
       date_trunc('minute', timestamptz '2025-01-01 11:00+00' + sample.u(:seed, sid, 313) * interval '364 days'),
       interval '1 hour' + sample.u(:seed, sid, 314) * interval '4 hours',
       round((paid0 * aov)::numeric, 2),
       paid0,
       (paid0 * (0.85 + 0.15 * sample.u(:seed, sid, 315)))::bigint,
       pv0, uv0,
       (uv0 * avg_watch)::bigint,
       greatest(1, (uv0 * (0.01 + 0.03 * sample.u(:seed, sid, 316)))::bigint),
       pexp0, clicks0, created0,
       round((paid0 * aov * refund_share)::numeric, 2),
       (paid0 * refund_share * (0.8 + 0.2 * sample.u(:seed, sid, 317)))::bigint,
       (uv0 * (0.002 + 0.01 * sample.u(:seed, sid, 318)))::bigint,
       (pv0 * (0.01 + 0.05 * sample.u(:seed, sid, 319)))::bigint,
       (pv0 * (0.5 + 3 * sample.u(:seed, sid, 320)))::bigint,
       CASE WHEN platform = 'douyin' THEN (uv0 / (0.05 + 0.25 * sample.u(:seed, sid, 321)))::bigint END,
       CASE WHEN has_ads THEN round((paid0 * aov * (0.10 + 0.30 * sample.u(:seed, sid, 322)))::numeric, 2)
            WHEN platform = 'douyin' THEN 0 END,
       CASE WHEN has_ads THEN round((paid0 * aov * (0.30 + 0.40 * sample.u(:seed, sid, 323)))::numeric, 2)
            WHEN platform = 'douyin' THEN 0 END
  FROM paid;
ANALYZE sample.live_sessions;
