-- live_agg, rollup(live_summary) and the accessors (doc/live.md).
-- Three sessions, sums worked by hand:
--   A: gmv 12000.00, paid 100, buyers 80, pv 20000, uv 8000, watch 960000 s, peak 1500,
--      product exposures 30000, clicks 3000, created 150, refunded 1200.00 / 10 orders,
--      followers 300, comments 5000, likes 100000, room exposures 50000, spend 3000.00,
--      ad GMV 6000.00
--   B: gmv 8000.50, 60, 50, 10000, 5000, 400000, 2500, 20000, 1000, 90, 400.25 / 4, 100,
--      2000, 50000; no room exposures, spend or ad GMV (NULL)
--   C: gmv 0, 0, 0, 500, 400, 20000, 80, no product exposures or clicks, 0, 0 / 0, 5, 30, 800
--      (the 15-column form)
--   sums: gmv 20000.50, paid 160, buyers 130, pv 30500, uv 13400, watch 1380000, peak
--   max(1500, 2500, 80) = 2500, product exposures 50000, clicks 4000, created 240, refunded
--   1600.25 / 14, followers 405, comments 7030, likes 150800, room exposures 50000 (A only),
--   spend 3000.00, ad GMV 6000.00.
--   GPM 20000.50 * 1000 / 30500 = 655.754098..., product GPM 20000500 / 50000 = 400.01,
--   UV value 20000.50 / 13400 = 1.492575, AOV 20000.50 / 130 = 153.85, refund rate by amount
--   1600.25 / 20000.50 = 0.080010, by orders 14 / 160 = 0.0875; funnel 13400 / 50000 = 0.268,
--   50000 / 13400 = 3.731343, 4000 / 50000 = 0.08, 240 / 4000 = 0.06, 160 / 240 = 0.666667,
--   130 / 13400 = 0.009701; live ROI 20000.50 / 3000 = 6.666833, ad ROI 6000 / 3000 = 2,
--   average watch 1380000 / 13400 = 102.985075 s.
SET search_path = kolmetrics, public;
CREATE TABLE live_t (id text, gmv numeric, paid bigint, buyers bigint, pv bigint, uv bigint,
                     watch bigint, peak bigint, pexp bigint, pclick bigint, created bigint,
                     refund numeric, refund_n bigint, followers bigint, comments bigint,
                     likes bigint, room_exp bigint, spend numeric, ad_gmv numeric);
INSERT INTO live_t VALUES
  ('A', 12000.00, 100, 80, 20000, 8000, 960000, 1500, 30000, 3000, 150, 1200.00, 10, 300, 5000, 100000, 50000, 3000.00, 6000.00),
  ('B', 8000.50, 60, 50, 10000, 5000, 400000, 2500, 20000, 1000, 90, 400.25, 4, 100, 2000, 50000, NULL, NULL, NULL),
  ('C', 0, 0, 0, 500, 400, 20000, 80, NULL, NULL, 0, 0, 0, 5, 30, 800, NULL, NULL, NULL);
CREATE TABLE live_s AS
SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes, room_exp, spend, ad_gmv) AS s FROM live_t;

SELECT s FROM live_s;
SELECT live_sessions(s), gmv(s), paid_orders(s), buyers_sum(s), pv(s), uv_sum(s), watch_seconds(s),
       peak_viewers(s), product_exposures(s), product_clicks(s), created_orders(s)
  FROM live_s;
SELECT refund_amount(s), refund_orders(s), followers_gained(s), live_comments(s), live_likes(s),
       room_exposures(s), ad_spend(s), ad_gmv(s)
  FROM live_s;
SELECT round(gpm(s), 6) AS gpm, round(product_gpm(s), 6) AS product_gpm, round(uv_value(s), 6) AS uv_value,
       round(aov(s), 6) AS aov, round(refund_rate(s, 'amount'), 6) AS refund_amount_rate,
       round(refund_rate(s, 'orders'), 6) AS refund_order_rate
  FROM live_s;
SELECT round(exposure_entry_rate(s), 6) AS exposure_entry, round(entry_product_exposure_rate(s), 6) AS entry_product,
       round(product_click_rate(s), 6) AS product_click, round(click_order_rate(s), 6) AS click_order,
       round(order_pay_rate(s), 6) AS order_pay, round(entry_pay_rate(s), 6) AS entry_pay,
       round(live_roi(s), 6) AS live_roi, round(ad_roi(s), 6) AS ad_roi,
       round(avg_watch_seconds(s), 6) AS avg_watch_seconds
  FROM live_s;
-- a second method: each ratio equals the SQL expression over sum() of the same rows, value and scale
SELECT gpm(s)::text = (sum(gmv) * 1000 / sum(pv))::text AS gpm_same,
       product_gpm(s)::text = (sum(gmv) * 1000 / sum(pexp))::text AS product_gpm_same,
       uv_value(s)::text = (sum(gmv) / sum(uv))::text AS uv_value_same,
       aov(s)::text = (sum(gmv) / sum(buyers))::text AS aov_same,
       refund_rate(s, 'amount')::text = (sum(refund) / sum(gmv))::text AS refund_amount_same,
       refund_rate(s, 'orders')::text = (sum(refund_n)::numeric / sum(paid))::text AS refund_orders_same,
       exposure_entry_rate(s)::text = (sum(uv)::numeric / sum(room_exp))::text AS exposure_entry_same,
       click_order_rate(s)::text = (sum(created)::numeric / sum(pclick))::text AS click_order_same,
       live_roi(s)::text = (sum(gmv) / sum(spend))::text AS live_roi_same,
       ad_roi(s)::text = (sum(ad_gmv) / sum(spend))::text AS ad_roi_same,
       avg_watch_seconds(s)::text = (sum(watch)::numeric / sum(uv))::text AS avg_watch_same
  FROM live_t, live_s GROUP BY s;

-- the 15-column form equals the 18-column form with the last three NULL
SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes)
     = live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes, NULL, NULL, NULL) AS short_form_same
  FROM live_t;

-- rollup: per-session summaries rolled up equal one pass (sums add, the peak is a maximum)
CREATE TABLE live_parts AS
SELECT id, live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                    followers, comments, likes, room_exp, spend, ad_gmv) AS s
  FROM live_t GROUP BY id;
SELECT rollup(p.s) = (SELECT s FROM live_s) AS rollup_same, peak_viewers(rollup(p.s)) FROM live_parts p;
SELECT rollup(s) = (SELECT s FROM live_s) AS rollup_of_rollups_same
  FROM (SELECT rollup(s) AS s FROM live_parts GROUP BY id < 'B') x;
SELECT rollup(s) IS NULL AS rollup_of_nothing, rollup(NULL::live_summary) IS NULL AS rollup_of_null
  FROM live_parts WHERE false;

-- absent and zero denominators are NULL, never 0 or an error
SELECT s AS session_c, gpm(s) AS gpm_zero_gmv, aov(s) AS aov_no_buyers, refund_rate(s, 'amount') AS refund_zero_gmv,
       refund_rate(s, 'orders') AS refund_zero_paid, product_gpm(s) AS product_gpm_absent,
       product_click_rate(s) AS click_rate_absent, live_roi(s) AS roi_no_spend, room_exposures(s) AS room_absent
  FROM live_parts WHERE id = 'C';
SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes) IS NULL AS empty_is_null
  FROM live_t WHERE false;
SELECT live_agg(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
  FROM live_t WHERE id = 'A';
SELECT live_agg(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) AS zeros,
       gpm(live_agg(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) AS gpm_zero_pv;
-- display scale: the largest of the inputs, as sum(numeric); trailing zeros kept
SELECT gmv(live_agg(g, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)),
       sum(g) AS sum_numeric
  FROM (VALUES (1.5), (2.250), (3)) v(g);
-- exact at scale: 0.1 ten times is exactly 1.0; 10 decimals kept
SELECT gmv(live_agg(0.1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.0000000001, NULL, NULL, NULL, NULL)),
       refund_amount(live_agg(0.1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.0000000001, NULL, NULL, NULL, NULL))
  FROM generate_series(1, 10);

-- equality, hashing, text and binary round trips of values built by aggregates and rollups
SELECT count(*) AS distinct_values FROM (SELECT s FROM live_parts UNION SELECT s FROM live_parts) x;
SELECT bool_and(s::text::live_summary = s) AS text_round_trip FROM live_parts;
SELECT (SELECT rollup(s) FROM live_parts)::text::live_summary = (SELECT rollup(s) FROM live_parts) AS rollup_round_trip;
SELECT '( v:1 , sessions:1, gmv:1.50, paid_orders:null,buyers:null,pv:null,uv:null,watch_seconds:null,peak_viewers:null,product_exposures:null,product_clicks:null,created_orders:null,refund_amount:null,refund_orders:null,followers_gained:null,comments:null,likes:null,room_exposures:null,ad_spend:null,ad_gmv:null )'::live_summary AS blanks_allowed;
\ir test/regress/recv.sql
SELECT id, pg_temp.try_recv('kolmetrics.live_summary', pg_temp.send_bytes(s)) = 'ok: ' || s::text AS binary_round_trip,
       length(pg_temp.send_bytes(s)) AS bytes
  FROM live_parts ORDER BY id;
SELECT pg_temp.try_recv('kolmetrics.live_summary', pg_temp.send_bytes(s)) = 'ok: ' || s::text AS rollup_binary_round_trip
  FROM (SELECT rollup(s) AS s FROM live_parts) x;
-- hostile bytes: each edit of session C's value is refused with 22P03 and the reason
-- (layout: version, 4 display scales, 3 reserved, uint32 present, 4 reserved, int64 sessions at 17,
--  4 x int128 money at 25, 41, 57, 73, 14 x int64 counters from 89; little-endian)
CREATE TEMP TABLE good AS SELECT pg_temp.send_bytes(s) AS b FROM live_parts WHERE id = 'C';
SELECT e AS edit, pg_temp.try_recv('kolmetrics.live_summary', x) AS result FROM good, LATERAL (VALUES
  ('short',            substring(b FROM 1 FOR 199)),
  ('long',             b || '\x00'::bytea),
  ('empty',            ''::bytea),
  ('version 2',        overlay(b PLACING '\x02' FROM 1)),
  ('version 0',        overlay(b PLACING '\x00' FROM 1)),
  ('reserved 6',       overlay(b PLACING '\x01' FROM 6)),
  ('reserved 13',      overlay(b PLACING '\x01' FROM 13)),
  ('present bit 18',   overlay(b PLACING '\xffff0700' FROM 9)),
  ('absent field set', overlay(b PLACING '\x01' FROM 89 + 6 * 8)),
  ('sessions -1',      overlay(b PLACING '\xffffffffffffffff' FROM 17)),
  ('sessions 0',       overlay(b PLACING '\x0000000000000000' FROM 17)),
  ('gmv negative',     overlay(b PLACING '\xff' FROM 40)),
  ('gmv dscale 11',    overlay(b PLACING '\x0b' FROM 2)),
  ('gmv beyond scale', overlay(b PLACING '\x01' FROM 25)),
  ('count negative',   overlay(b PLACING '\xffffffffffffffff' FROM 89))) v(e, x);

-- hostile text: 22P02 (22003 out of range) with the reason, as edits of a valid value
CREATE FUNCTION pg_temp.live_in(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	d text;
BEGIN
	RETURN 'ok: ' || t::live_summary::text;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || d;
END
$$;
CREATE TEMP TABLE base AS SELECT s::text AS t FROM live_parts WHERE id = 'C';
SELECT e AS edit, pg_temp.live_in(x) AS result FROM base, LATERAL (VALUES
  ('empty',               ''),
  ('open only',           '('),
  ('no version',          '()'),
  ('no parentheses',      substring(t FROM 2 FOR length(t) - 2)),
  ('no closing',          left(t, -1)),
  ('trailing text',       t || ' x'),
  ('version 2',           replace(t, 'v:1', 'v:2')),
  ('version word',        replace(t, 'v:1', 'v:x')),
  ('capital V',           replace(t, 'v:1', 'V:1')),
  ('semicolon',           replace(t, 'v:1,', 'v:1;')),
  ('sessions negative',   replace(t, 'sessions:1', 'sessions:-1')),
  ('sessions zero',       replace(t, 'sessions:1', 'sessions:0')),
  ('sessions too big',    replace(t, 'sessions:1', 'sessions:99999999999999999999')),
  ('field missing',       replace(t, 'pv:500,', '')),
  ('fields swapped',      replace(t, 'pv:500,uv:400', 'uv:400,pv:500')),
  ('extra field',         replace(t, ')', ',extra:1)')),
  ('gmv negative',        replace(t, 'gmv:0', 'gmv:-1')),
  ('gmv bare point',      replace(t, 'gmv:0', 'gmv:1.')),
  ('gmv leading point',   replace(t, 'gmv:0', 'gmv:.5')),
  ('gmv 11 decimals',     replace(t, 'gmv:0', 'gmv:0.00000000001')),
  ('gmv exponent',        replace(t, 'gmv:0', 'gmv:1e3')),
  ('gmv NaN',             replace(t, 'gmv:0', 'gmv:NaN')),
  ('gmv too large',       replace(t, 'gmv:0', 'gmv:99999999999999999999999999999')),
  ('count negative',      replace(t, 'pv:500', 'pv:-500')),
  ('count too large',     replace(t, 'pv:500', 'pv:9223372036854775808')),
  ('count decimal',       replace(t, 'pv:500', 'pv:1.5')),
  ('misspelt null',       replace(t, 'ad_gmv:null', 'ad_gmv:nul')),
  ('not UTF-8 clean',     replace(t, 'ad_gmv:null', 'ad_gmv:é')),
  ('zero sessions, value', '(v:1,sessions:0' || substring(t FROM position(',gmv' IN t))),
  ('null with a tail',     replace(t, 'ad_gmv:null', 'ad_gmv:nullx'))) v(e, x);
SELECT pg_temp.live_in('(v:1,sessions:0,gmv:null,paid_orders:null,buyers:null,pv:null,uv:null,watch_seconds:null,peak_viewers:null,product_exposures:null,product_clicks:null,created_orders:null,refund_amount:null,refund_orders:null,followers_gained:null,comments:null,likes:null,room_exposures:null,ad_spend:null,ad_gmv:null)') AS zero_sessions_read_back;

-- bad session rows: 22023 naming the values
\set VERBOSITY default
SELECT live_agg(-1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
SELECT live_agg(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -7);
SELECT live_agg(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.01, 0);
SELECT live_agg(100.00, 2, 1, 10, 5, 0, 1, 0, 0, 2, 100.01, 1, 0, 0, 0);
SELECT live_agg(100.00, 3, 1, 10, 5, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0);
SELECT live_agg(100.00, 2, 1, 10, 5, 0, 1, 0, 0, 2, 0, 3, 0, 0, 0);
SELECT live_agg(100.00, 2, 3, 10, 5, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0);
SELECT live_agg(100.00, 2, 1, 10, 11, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0);
SELECT live_agg('NaN', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
SELECT live_agg(0.00000000001, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
SELECT live_agg(1e30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
SELECT live_agg(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, x) FROM (VALUES (9223372036854775807), (1)) v(x);
SELECT refund_rate(s, 'gmv') FROM live_s;
SELECT refund_rate(s, NULL) IS NULL AS null_basis FROM live_s;

-- parallel: the plan has a Partial Aggregate and the result equals the serial run exactly
CREATE TABLE live_par AS
SELECT i % 40 AS kol, (i % 997) * 12.34 + 0.01 AS gmv, (i % 50)::bigint AS paid, least(i % 41, i % 50)::bigint AS buyers,
       (1000 + i % 5000)::bigint AS pv, (500 + i % 500)::bigint AS uv, (i * 37 % 100000)::bigint AS watch,
       (i * 7919 % 30000)::bigint AS peak,
       CASE WHEN i % 9 = 0 THEN NULL ELSE (i % 20000)::bigint END AS pexp, (i % 700)::bigint AS pclick,
       (50 + i % 60)::bigint AS created, (i % 997) * 0.5 AS refund, least(i % 30, i % 50)::bigint AS refund_n,
       (i % 100)::bigint AS followers, (i % 1000)::bigint AS comments, (i % 100000)::bigint AS likes,
       CASE WHEN i % 2 = 0 THEN (10000 + i % 9000)::bigint END AS room_exp,
       CASE WHEN i % 3 = 0 THEN (i % 500) * 1.01 END AS spend, CASE WHEN i % 3 = 0 THEN (i % 500) * 2.5 END AS ad_gmv
  FROM generate_series(1, 60000) i;
ANALYZE live_par;
CREATE TABLE live_serial AS
SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes, room_exp, spend, ad_gmv) AS s FROM live_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes, room_exp, spend, ad_gmv) FROM live_par;
SELECT p.s = q.s AS parallel_same
  FROM (SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                        followers, comments, likes, room_exp, spend, ad_gmv) AS s FROM live_par) p, live_serial q;
CREATE TABLE live_par_kol AS
SELECT kol, live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                     followers, comments, likes, room_exp, spend, ad_gmv) AS s FROM live_par GROUP BY kol;
ANALYZE live_par_kol;
SELECT r.s = q.s AS parallel_rollup_same FROM (SELECT rollup(s) AS s FROM live_par_kol) r, live_serial q;
-- workers that see no rows
SELECT live_agg(gmv, paid, buyers, pv, uv, watch, peak, pexp, pclick, created, refund, refund_n,
                followers, comments, likes) IS NULL AS parallel_empty FROM live_par WHERE kol > 100;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
-- the sums against sum()/max() over the same rows (a second method)
SELECT gmv(s) = sum(gmv) AND paid_orders(s) = sum(paid) AND peak_viewers(s) = max(peak)
       AND product_exposures(s) = sum(pexp) AND room_exposures(s) = sum(room_exp)
       AND ad_spend(s)::text = sum(spend)::text AND refund_amount(s)::text = sum(refund)::text
       AND gpm(s)::text = (sum(gmv) * 1000 / sum(pv))::text AS sums_same
  FROM live_par, live_serial GROUP BY s;
