#!/usr/bin/env bash
# trend_agg (doc/trend.md) against named baselines over sample.posts (likes over time):
#   1. trend_agg + slope, intercept, r_squared, slope_stderr vs the built-ins regr_slope,
#      regr_intercept, regr_r2 over the same x (epoch days), one pass   target <= 1.0
#   2. the same GROUP BY kol_id
#   3. rollup of monthly per-KOL trend summaries vs trend_agg over the raw posts: time and
#      the largest relative difference of the slopes (same answers up to rounding)
#   4. anomalies() per KOL over daily likes vs the same modified z-scores in plain SQL (lag,
#      percentile_cont for the median and the MAD), and the count of flagged points in each
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
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_daily_likes;
CREATE TABLE public.bench_daily_likes AS
SELECT kol_id, date_trunc('day', posted_at) AS day, sum(likes)::float8 AS likes
  FROM sample.posts GROUP BY 1, 2;
VACUUM ANALYZE public.bench_daily_likes;
SQL
a_ours="SELECT count(*) FROM (SELECT kol_id, kolmetrics.anomalies() WITHIN GROUP (ORDER BY day, likes) AS r
  FROM public.bench_daily_likes GROUP BY kol_id) s, kolmetrics.anomaly_rows(s.r) a"
a_sql="WITH d AS (SELECT kol_id, (likes - lag(likes) OVER w) / (extract(epoch FROM day - lag(day) OVER w) / 86400) AS r
                FROM public.bench_daily_likes WINDOW w AS (PARTITION BY kol_id ORDER BY day)),
     m AS (SELECT kol_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY r) AS med, count(r) AS n FROM d GROUP BY kol_id),
     s AS (SELECT kol_id, med, percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(r - med)) * 1.482602218505602 AS mad
             FROM d JOIN m USING (kol_id) WHERE n >= 4 GROUP BY kol_id, med)
SELECT count(*) FROM d JOIN s USING (kol_id) WHERE s.mad > 0 AND abs(r - med) / mad > 3.5"
t_an=$(bench_median_ms "$runs" "$a_ours")
t_asql=$(bench_median_ms "$runs" "$a_sql")
nd=$(psql -At -c "SELECT count(*) FROM public.bench_daily_likes")
echo "anomalies per KOL over $nd daily likes: $t_an ms (baseline lag + percentile_cont median and MAD in SQL: $t_asql ms) ratio $(bench_ratio "$t_an" "$t_asql")"
psql -At -c "SELECT format('flagged points: anomalies %s, SQL %s (the SQL leaves out KOLs whose MAD is 0; anomalies scales those by the mean absolute deviation)',
  ($a_ours), ($a_sql))"
psql -q -c "DROP TABLE public.bench_daily_likes"
