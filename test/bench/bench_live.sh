#!/usr/bin/env bash
# live_agg (doc/live.md) against the same statistics with built-in aggregates, over a table
# of live sessions (the sample's sessions repeated to ${BENCH_LIVE_ROWS:-500000} rows, with
# their money columns numeric as in sample.live_sessions):
#   1. live_agg + 14 accessors (sums, GPM, product GPM, UV value, AOV, both refund rates,
#      six funnel rates, live and ad ROI, average watch) vs sum()/max() over the same
#      columns and the same ratios in SQL, one pass                       target <= 0.8
#   2. the same GROUP BY KOL
#   3. rollup of per-KOL monthly summaries vs live_agg over the raw sessions (speedup)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
rows=${BENCH_LIVE_ROWS:-500000}
psql() { command psql -X -v ON_ERROR_STOP=1 "$@"; }
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_live;
CREATE TABLE public.bench_live AS
SELECT l.kol_id, l.started_at + (i / n) * interval '1 day' AS started_at, l.gmv, l.paid_orders, l.buyers,
       l.pv, l.uv, l.watch_seconds, l.peak_viewers, l.product_exposures, l.product_clicks,
       l.created_orders, l.refund_amount, l.refund_orders, l.followers_gained, l.comments, l.likes,
       l.room_exposures, l.ad_spend, l.ad_gmv
  FROM (SELECT count(*) AS n FROM sample.live_sessions) c,
       generate_series(0, $rows - 1) i
  JOIN (SELECT row_number() OVER (ORDER BY session_id) - 1 AS k, * FROM sample.live_sessions) l
    ON l.k = i % (SELECT count(*) FROM sample.live_sessions);
VACUUM ANALYZE public.bench_live;
SQL
n=$(psql -At -c "SELECT count(*) FROM public.bench_live")
COLS="gmv, paid_orders, buyers, pv, uv, watch_seconds, peak_viewers, product_exposures, product_clicks, created_orders, refund_amount, refund_orders, followers_gained, comments, likes, room_exposures, ad_spend, ad_gmv"
ACC="kolmetrics.gmv(s), kolmetrics.peak_viewers(s), kolmetrics.gpm(s), kolmetrics.product_gpm(s), kolmetrics.uv_value(s), kolmetrics.aov(s),
     kolmetrics.refund_rate(s, 'amount'), kolmetrics.refund_rate(s, 'orders'), kolmetrics.exposure_entry_rate(s),
     kolmetrics.entry_product_exposure_rate(s), kolmetrics.product_click_rate(s), kolmetrics.click_order_rate(s),
     kolmetrics.order_pay_rate(s), kolmetrics.entry_pay_rate(s), kolmetrics.live_roi(s), kolmetrics.ad_roi(s),
     kolmetrics.avg_watch_seconds(s), kolmetrics.followers_gained(s), kolmetrics.live_comments(s), kolmetrics.live_likes(s)"
SUMS="sum(gmv) AS g, sum(paid_orders) AS po, sum(buyers) AS b, sum(pv) AS pv, sum(uv) AS uv,
      sum(watch_seconds) AS w, max(peak_viewers) AS pk, sum(product_exposures) AS pe, sum(product_clicks) AS pc,
      sum(created_orders) AS co, sum(refund_amount) AS ra, sum(refund_orders) AS ro, sum(followers_gained) AS fg,
      sum(comments) AS cm, sum(likes) AS lk, sum(room_exposures) AS re, sum(ad_spend) AS sp, sum(ad_gmv) AS ag"
RAT="g, pk, g * 1000 / nullif(pv, 0), g * 1000 / nullif(pe, 0), g / nullif(uv, 0), g / nullif(b, 0),
     ra / nullif(g, 0), ro / nullif(po, 0), uv / nullif(re, 0), pe / nullif(uv, 0), pc / nullif(pe, 0),
     co / nullif(pc, 0), po / nullif(co, 0), b / nullif(uv, 0), g / nullif(sp, 0), ag / nullif(sp, 0),
     w / nullif(uv, 0), fg, cm, lk"
q_ours="SELECT $ACC FROM (SELECT kolmetrics.live_agg($COLS) AS s FROM public.bench_live) x"
q_sql="SELECT $RAT FROM (SELECT $SUMS FROM public.bench_live) x"
t_ours=$(bench_median_ms "$runs" "$q_ours")
t_sql=$(bench_median_ms "$runs" "$q_sql")
echo "live_agg + accessors over $n sessions: $t_ours ms (baseline sum()/max() and the ratios in SQL: $t_sql ms) ratio $(bench_ratio "$t_ours" "$t_sql") (target <= 0.8)"
g_ours="SELECT count(*) FROM (SELECT kol_id, $ACC FROM (SELECT kol_id, kolmetrics.live_agg($COLS) AS s FROM public.bench_live GROUP BY kol_id) x) y"
g_sql="SELECT count(*) FROM (SELECT kol_id, $RAT FROM (SELECT kol_id, $SUMS FROM public.bench_live GROUP BY kol_id) x) y"
t_gours=$(bench_median_ms "$runs" "$g_ours")
t_gsql=$(bench_median_ms "$runs" "$g_sql")
echo "live_agg GROUP BY kol_id: $t_gours ms (baseline sum()/max() GROUP BY kol_id: $t_gsql ms) ratio $(bench_ratio "$t_gours" "$t_gsql") (target <= 0.8)"
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_live_monthly;
CREATE TABLE public.bench_live_monthly AS
SELECT kol_id, date_trunc('month', started_at AT TIME ZONE 'UTC') AS month, kolmetrics.live_agg($COLS) AS s
  FROM public.bench_live GROUP BY 1, 2;
VACUUM ANALYZE public.bench_live_monthly;
SQL
r_roll="SELECT count(kolmetrics.gpm(s)) FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_live_monthly GROUP BY kol_id) x"
r_raw="SELECT count(kolmetrics.gpm(s)) FROM (SELECT kol_id, kolmetrics.live_agg($COLS) AS s FROM public.bench_live GROUP BY kol_id) x"
t_roll=$(bench_median_ms "$runs" "$r_roll")
t_raw=$(bench_median_ms "$runs" "$r_raw")
nm=$(psql -At -c "SELECT count(*) FROM public.bench_live_monthly")
echo "per-KOL GPM: rollup of $nm monthly live summaries $t_roll ms (baseline live_agg over the raw sessions: $t_raw ms) speedup $(bench_ratio "$t_raw" "$t_roll")x"
psql -At -c "SELECT format('same answers: rollup equals one pass for %s of %s KOLs', count(*) FILTER (WHERE r.s OPERATOR(kolmetrics.=) a.s), count(*))
  FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_live_monthly GROUP BY kol_id) r
  JOIN (SELECT kol_id, kolmetrics.live_agg($COLS) AS s FROM public.bench_live GROUP BY kol_id) a USING (kol_id)"
psql -q -c "DROP TABLE public.bench_live_monthly" -c "DROP TABLE public.bench_live"
