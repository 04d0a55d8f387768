#!/usr/bin/env bash
# trend_agg (doc/trend.md) against named baselines over sample.posts (likes over time):
#   1. trend_agg + slope, intercept, r_squared, slope_stderr vs the built-ins regr_slope,
#      regr_intercept, regr_r2 over the same x (epoch days), one pass   target <= 1.0
#   2. the same GROUP BY kol_id
#   3. rollup of monthly per-KOL trend summaries vs trend_agg over the raw posts: time and
#      the largest relative difference of the slopes (same answers up to rounding)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
psql() { command psql -X -v ON_ERROR_STOP=1 "$@"; }
n=$(psql -At -c "SELECT count(*) FROM sample.posts")
X="extract(epoch FROM posted_at)::float8 / 86400"
ACC="kolmetrics.slope(s) + kolmetrics.intercept(s) + kolmetrics.r_squared(s) + coalesce(kolmetrics.slope_stderr(s), 0)"
q_ours="SELECT $ACC FROM (SELECT kolmetrics.trend_agg(posted_at, likes) AS s FROM sample.posts) x"
q_sql="SELECT regr_slope(likes, $X) + regr_intercept(likes, $X) + regr_r2(likes, $X) FROM sample.posts"
t_ours=$(bench_median_ms "$runs" "$q_ours")
t_sql=$(bench_median_ms "$runs" "$q_sql")
echo "trend_agg + 4 accessors over $n posts: $t_ours ms (baseline regr_slope/regr_intercept/regr_r2: $t_sql ms) ratio $(bench_ratio "$t_ours" "$t_sql") (target <= 1.0)"
g_ours="SELECT sum($ACC) FROM (SELECT kol_id, kolmetrics.trend_agg(posted_at, likes) AS s FROM sample.posts GROUP BY kol_id) x"
g_sql="SELECT sum(b + a + r) FROM (SELECT kol_id, regr_slope(likes, $X) AS b, regr_intercept(likes, $X) AS a, regr_r2(likes, $X) AS r FROM sample.posts GROUP BY kol_id) x"
t_gours=$(bench_median_ms "$runs" "$g_ours")
t_gsql=$(bench_median_ms "$runs" "$g_sql")
echo "trend_agg GROUP BY kol_id: $t_gours ms (baseline regr_* GROUP BY kol_id: $t_gsql ms) ratio $(bench_ratio "$t_gours" "$t_gsql") (target <= 1.0)"
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_trend_monthly;
CREATE TABLE public.bench_trend_monthly AS
SELECT kol_id, date_trunc('month', posted_at AT TIME ZONE 'UTC') AS month,
       kolmetrics.trend_agg(posted_at, likes) AS s
  FROM sample.posts GROUP BY 1, 2 ORDER BY 1, 2;
VACUUM ANALYZE public.bench_trend_monthly;
SQL
r_roll="SELECT sum(kolmetrics.slope(s)) FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_trend_monthly GROUP BY kol_id) x"
r_raw="SELECT sum(kolmetrics.slope(s)) FROM (SELECT kol_id, kolmetrics.trend_agg(posted_at, likes) AS s FROM sample.posts GROUP BY kol_id) x"
t_roll=$(bench_median_ms "$runs" "$r_roll")
t_raw=$(bench_median_ms "$runs" "$r_raw")
nm=$(psql -At -c "SELECT count(*) FROM public.bench_trend_monthly")
echo "per-KOL slope: rollup of $nm monthly trend summaries $t_roll ms (baseline trend_agg over the raw posts: $t_raw ms) speedup $(bench_ratio "$t_raw" "$t_roll")x"
psql -At -c "SELECT format('same answers: largest relative slope difference, rollup against one pass, over %s KOLs: %s',
  count(*), max(abs(kolmetrics.slope(r.s) - kolmetrics.slope(a.s)) / nullif(abs(kolmetrics.slope(a.s)), 0)))
  FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_trend_monthly GROUP BY kol_id) r
  JOIN (SELECT kol_id, kolmetrics.trend_agg(posted_at, likes) AS s FROM sample.posts GROUP BY kol_id) a USING (kol_id)"
psql -q -c "DROP TABLE public.bench_trend_monthly"
