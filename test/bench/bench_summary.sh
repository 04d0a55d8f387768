#!/usr/bin/env bash
# engagement_agg / rollup (issue 3) against named baselines over sample.posts:
#   1. engagement_agg + accessors vs one SQL statement computing the same statistics with
#      built-in aggregates (count, sum, avg, stddev_samp, min, max, percentile_cont over
#      per-post ER)                                                       target <= 0.8
#   2. engagement_agg vs the scan floor: the same scan and columns with a trivial
#      aggregate, count(likes + comments + shares + saves + views + followers + extra)
#                                                                          target <= 1.25
#   3. both again with GROUP BY kol_id, with the peak memory of each plan's aggregate
#      node from EXPLAIN (ANALYZE, BUFFERS): HashAggregate "Memory Usage"/"Disk Usage",
#      Sort "Memory"/"Disk"
#   4. 12-month scorecard per KOL: rollup over a daily per-KOL summary table (and over a
#      monthly one) vs recomputing from the raw posts           target >= 20x faster
#      and a check that the answers agree; the size per row of both tables, and each
#      rollup against its own floor (the same scan and grouping with count(s)).
# Every query returns one row (sums over the groups), so the client transfer is not timed.
# BENCH_RUNS timed runs (median) for our queries and the floor, at most 3 for the slow
# sort-based SQL baselines.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
# the sort-based SQL baselines take ~10x longer: fewer timed runs of them (still a median)
sruns=$(( runs < 3 ? runs : 3 ))
psql() { command psql -X -v ON_ERROR_STOP=1 "$@"; }
n=$(psql -At -c "SELECT count(*) FROM sample.posts")
k=$(psql -At -c "SELECT count(DISTINCT kol_id) FROM sample.posts")
echo "sample.posts: $n posts, $k KOLs; work_mem $(psql -At -c 'show work_mem')"

ER="(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0))"
AGG="kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra)"
# the statistics read from a summary s
ACC="kolmetrics.posts(s) AS posts, kolmetrics.total_interactions(s) AS inter,
     kolmetrics.pooled_engagement_rate(s) AS pooled_f, kolmetrics.pooled_engagement_rate(s, 'views') AS pooled_v,
     kolmetrics.avg_engagement_rate(s) AS avg_f, kolmetrics.avg_engagement_rate(s, 'views') AS avg_v,
     kolmetrics.stddev_engagement_rate(s) AS sd_f, kolmetrics.stddev_engagement_rate(s, 'views') AS sd_v,
     kolmetrics.min_engagement_rate(s) AS min_f, kolmetrics.max_engagement_rate(s) AS max_f,
     kolmetrics.engagement_rate_percentile(s, 0.5) AS p50_f"
# the same statistics with built-in aggregates, as an analyst would write them
SQLSTATS="count(*) AS posts, sum(inter) AS inter,
     sum(inter) FILTER (WHERE er_f IS NOT NULL)::float8 / sum(followers) FILTER (WHERE er_f IS NOT NULL) AS pooled_f,
     sum(inter) FILTER (WHERE er_v IS NOT NULL)::float8 / sum(views) FILTER (WHERE er_v IS NOT NULL) AS pooled_v,
     avg(er_f) AS avg_f, avg(er_v) AS avg_v, stddev_samp(er_f) AS sd_f, stddev_samp(er_v) AS sd_v,
     min(er_f) AS min_f, max(er_f) AS max_f,
     percentile_cont(0.5) WITHIN GROUP (ORDER BY er_f) AS p50_f"
PER_POST="SELECT *, $ER AS inter, $ER::float8 / nullif(followers, 0) AS er_f,
                 $ER::float8 / nullif(views, 0) AS er_v FROM sample.posts"
FLOOR="count(likes + comments + shares + saves + views + followers + extra)"
SUMS="sum(posts) AS posts, sum(pooled_f) AS pooled_f, sum(avg_f) AS avg_f, sum(sd_f) AS sd_f, sum(p50_f) AS p50_f"

# --- 1 and 2: one aggregate over every post
q_ours="SELECT $ACC FROM (SELECT $AGG AS s FROM sample.posts) x"
q_sql="SELECT $SQLSTATS FROM ($PER_POST) p"
q_floor="SELECT $FLOOR FROM sample.posts"
t_ours=$(bench_median_ms "$runs" "$q_ours")
t_sql=$(bench_median_ms "$sruns" "$q_sql")
t_floor=$(bench_median_ms "$runs" "$q_floor")
echo "engagement_agg over $n posts: $t_ours ms (baseline SQL built-ins: $t_sql ms) ratio $(bench_ratio "$t_ours" "$t_sql") (target <= 0.8)"
echo "engagement_agg over $n posts: $t_ours ms (baseline scan floor $FLOOR: $t_floor ms) ratio $(bench_ratio "$t_ours" "$t_floor") (target <= 1.25)"

# --- 3: GROUP BY kol_id
g_ours="SELECT $SUMS FROM (SELECT kol_id, $ACC FROM (SELECT kol_id, $AGG AS s FROM sample.posts GROUP BY kol_id) x) y"
g_sql="SELECT $SUMS FROM (SELECT kol_id, $SQLSTATS FROM ($PER_POST) p GROUP BY kol_id) y"
g_floor="SELECT sum(c) FROM (SELECT kol_id, $FLOOR AS c FROM sample.posts GROUP BY kol_id) y"
t_gours=$(bench_median_ms "$runs" "$g_ours")
t_gsql=$(bench_median_ms "$sruns" "$g_sql")
t_gfloor=$(bench_median_ms "$runs" "$g_floor")
# peak memory of the aggregation: the aggregate or sort node's own report
mem() {
	psql -At -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) $1" |
		grep -E 'Memory Usage|Disk Usage|Sort Method' | sed -E 's/^[ >-]*//; s/  +/ /g' | paste -sd ';' | sed 's/;/; /g'
}
echo "engagement_agg GROUP BY kol_id ($k groups): $t_gours ms (baseline SQL built-ins: $t_gsql ms) ratio $(bench_ratio "$t_gours" "$t_gsql") (target <= 0.8)"
echo "engagement_agg GROUP BY kol_id ($k groups): $t_gours ms (baseline scan floor: $t_gfloor ms) ratio $(bench_ratio "$t_gours" "$t_gfloor") (target <= 1.25)"
echo "  peak memory engagement_agg GROUP BY: $(mem "$g_ours")"
echo "  peak memory SQL built-ins GROUP BY:  $(mem "$g_sql")"
echo "  peak memory scan floor GROUP BY:     $(mem "$g_floor")"

# --- 4: 12-month scorecard per KOL
# The summary tables are written in the physical order of sample.posts (generate.sql
# inserts KOL by KOL: kol_id correlation ~1), so that the rollup and the recompute from
# raw posts read their groups with the same locality.  (In hash order, as GROUP BY
# leaves them, each row of a rollup lands on a random one of the 20,000 states.)
t0=$(date +%s%N)
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_kol_daily, public.bench_kol_monthly;
CREATE TABLE public.bench_kol_daily AS
SELECT kol_id, (posted_at AT TIME ZONE 'UTC')::date AS day, $AGG AS s
  FROM sample.posts GROUP BY 1, 2 ORDER BY 1, 2;
CREATE TABLE public.bench_kol_monthly AS
SELECT kol_id, date_trunc('month', day)::date AS month, kolmetrics.rollup(s) AS s
  FROM public.bench_kol_daily GROUP BY 1, 2 ORDER BY 1, 2;
VACUUM ANALYZE public.bench_kol_daily, public.bench_kol_monthly;
SQL
t_build=$(( ($(date +%s%N) - t0) / 1000000 ))
nd=$(psql -At -c "SELECT count(*) FROM public.bench_kol_daily")
nm=$(psql -At -c "SELECT count(*) FROM public.bench_kol_monthly")
echo "summary tables built in $t_build ms: $nd daily rows ($(psql -At -c "SELECT pg_size_pretty(pg_total_relation_size('public.bench_kol_daily'))")), $nm monthly rows ($(psql -At -c "SELECT pg_size_pretty(pg_total_relation_size('public.bench_kol_monthly'))")); sample.posts $(psql -At -c "SELECT pg_size_pretty(pg_total_relation_size('sample.posts'))")"
# size per row (table bytes / rows) and of the summary value itself, with posts per summary
for t in daily monthly; do
	psql -At -c "SELECT format('  %s summaries: %s posts per row, %s bytes per row in the table, summary value %s bytes on average (%s%% of rows hold one post)',
	                   '$t', round(avg(kolmetrics.posts(s)), 2),
	                   round(pg_total_relation_size('public.bench_kol_$t') / count(*)::numeric),
	                   round(avg(pg_column_size(s)), 1),
	                   round(100.0 * count(*) FILTER (WHERE kolmetrics.posts(s) = 1) / count(*), 1))
	             FROM public.bench_kol_$t"
done
Y="'2025-01-01' AND '2025-12-31'"
s_daily="SELECT $SUMS FROM (SELECT kol_id, $ACC FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_kol_daily WHERE day BETWEEN $Y GROUP BY kol_id) x) y"
s_monthly="SELECT $SUMS FROM (SELECT kol_id, $ACC FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_kol_monthly WHERE month BETWEEN $Y GROUP BY kol_id) x) y"
s_raw_sql="SELECT $SUMS FROM (SELECT kol_id, $SQLSTATS FROM ($PER_POST) p WHERE posted_at >= timestamptz '2025-01-01 00:00+00' AND posted_at < timestamptz '2026-01-01 00:00+00' GROUP BY kol_id) y"
s_raw_agg="SELECT $SUMS FROM (SELECT kol_id, $ACC FROM (SELECT kol_id, $AGG AS s FROM sample.posts WHERE posted_at >= timestamptz '2025-01-01 00:00+00' AND posted_at < timestamptz '2026-01-01 00:00+00' GROUP BY kol_id) x) y"
t_sd=$(bench_median_ms "$runs" "$s_daily")
t_sm=$(bench_median_ms "$runs" "$s_monthly")
t_rs=$(bench_median_ms "$sruns" "$s_raw_sql")
t_ra=$(bench_median_ms "$runs" "$s_raw_agg")
# the floor of a rollup: the same scan and grouping of the summary table, a trivial aggregate
f_daily="SELECT sum(c) FROM (SELECT kol_id, count(s) AS c FROM public.bench_kol_daily WHERE day BETWEEN $Y GROUP BY kol_id) y"
f_monthly="SELECT sum(c) FROM (SELECT kol_id, count(s) AS c FROM public.bench_kol_monthly WHERE month BETWEEN $Y GROUP BY kol_id) y"
t_fd=$(bench_median_ms "$runs" "$f_daily")
t_fm=$(bench_median_ms "$runs" "$f_monthly")
echo "12-month scorecard, $k KOLs: rollup over daily summaries $t_sd ms (baseline recompute from raw posts in SQL: $t_rs ms) speedup $(bench_ratio "$t_rs" "$t_sd")x (target >= 20x)"
echo "12-month scorecard, $k KOLs: rollup over daily summaries $t_sd ms (baseline engagement_agg over raw posts: $t_ra ms) speedup $(bench_ratio "$t_ra" "$t_sd")x"
echo "12-month scorecard, $k KOLs: rollup over monthly summaries $t_sm ms (baseline recompute from raw posts in SQL: $t_rs ms) speedup $(bench_ratio "$t_rs" "$t_sm")x (target >= 20x)"
echo "12-month scorecard, $k KOLs: rollup over monthly summaries $t_sm ms (baseline engagement_agg over raw posts: $t_ra ms) speedup $(bench_ratio "$t_ra" "$t_sm")x"
echo "12-month scorecard: rollup over daily summaries $t_sd ms (baseline scan floor of the daily table, count(s): $t_fd ms) ratio $(bench_ratio "$t_sd" "$t_fd"); $(awk -v a="$t_sd" -v b="$t_fd" -v n="$nd" 'BEGIN { printf "%.0f ns", (a - b) * 1e6 / n }') per summary above the floor"
echo "12-month scorecard: rollup over monthly summaries $t_sm ms (baseline scan floor of the monthly table, count(s): $t_fm ms) ratio $(bench_ratio "$t_sm" "$t_fm"); $(awk -v a="$t_sm" -v b="$t_fm" -v n="$nm" 'BEGIN { printf "%.0f ns", (a - b) * 1e6 / n }') per summary above the floor"

# same answers: rollup of the daily table vs one pass over the raw posts (counters and
# pooled ER identical, mean and sd within 1e-12, same sketch), and vs SQL built-ins
# (counts and pooled ER identical, mean and sd within 1e-12, median within 1% of
# percentile_disc)
psql -At <<SQL
WITH r AS (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_kol_daily GROUP BY kol_id),
     a AS (SELECT kol_id, $AGG AS s FROM sample.posts GROUP BY kol_id),
     q AS (SELECT kol_id, $SQLSTATS, percentile_disc(0.5) WITHIN GROUP (ORDER BY er_f) AS p50d
             FROM ($PER_POST) p GROUP BY kol_id),
     c AS (
	SELECT kolmetrics.posts(r.s) = kolmetrics.posts(a.s)
	       AND kolmetrics.total_interactions(r.s) = kolmetrics.total_interactions(a.s)
	       AND kolmetrics.pooled_engagement_rate(r.s) IS NOT DISTINCT FROM kolmetrics.pooled_engagement_rate(a.s)
	       AND coalesce(abs(kolmetrics.avg_engagement_rate(r.s) - kolmetrics.avg_engagement_rate(a.s)) <= 1e-12 * kolmetrics.avg_engagement_rate(a.s), true)
	       AND coalesce(abs(kolmetrics.stddev_engagement_rate(r.s) - kolmetrics.stddev_engagement_rate(a.s)) <= 1e-12 * kolmetrics.stddev_engagement_rate(a.s), true)
	       AND kolmetrics.engagement_rate_percentile(r.s, 0.5) IS NOT DISTINCT FROM kolmetrics.engagement_rate_percentile(a.s, 0.5) AS same_as_single_pass,
	       kolmetrics.posts(r.s) = q.posts AND kolmetrics.total_interactions(r.s) = q.inter
	       AND kolmetrics.pooled_engagement_rate(r.s) IS NOT DISTINCT FROM q.pooled_f
	       AND coalesce(abs(kolmetrics.avg_engagement_rate(r.s) - q.avg_f) <= 1e-12 * q.avg_f, q.avg_f IS NULL)
	       AND coalesce(abs(kolmetrics.stddev_engagement_rate(r.s) - q.sd_f) <= 1e-12 * q.sd_f, q.sd_f IS NULL)
	       AND coalesce(abs(kolmetrics.engagement_rate_percentile(r.s, 0.5) - q.p50d) <= q.p50d / 101, q.p50d IS NULL) AS same_as_sql
	  FROM r JOIN a USING (kol_id) JOIN q USING (kol_id))
SELECT format('same answers: %s of %s KOLs equal to a single pass over the raw posts, %s of %s equal to SQL built-ins (median within 1%% of percentile_disc)',
              count(*) FILTER (WHERE same_as_single_pass), count(*), count(*) FILTER (WHERE same_as_sql), count(*))
  FROM c;
SQL

# --- 5: the cost of rollup itself, of the accessors on its results, and a t-digest baseline
# (issue "stored and wire forms, rollups"), all over the monthly table of N summaries.
#   rollup / scan floor: SELECT rollup(s) over all N rows against the scan floor
#     SELECT count(s) over the same N rows (the same scan, the same detoasting of nothing:
#     count only checks s for NULL)                                    target <= 2.0
#   the same GROUP BY kol_id, against count(s) GROUP BY kol_id
#   accessors overhead: six accessors on each per-KOL rollup against that rollup with
#     count(s) on top (the final function runs either way)              target <= 25%
#   scorecard ratio: the 12-month scorecard's speedup over engagement_agg on the raw posts,
#     divided by (raw rows / summary rows) of that year                 target >= 0.6
#   t-digest (postgresql-15-tdigest, compression 100) over the same per-post ER by
#     followers, one digest per KOL and month: its error against percentile_disc beside
#     ours, and its per-KOL rollup with a median beside ours
psql -q -c "CREATE EXTENSION IF NOT EXISTS tdigest"
nm=$(psql -At -c "SELECT count(*) FROM public.bench_kol_monthly")
r_one="SELECT kolmetrics.posts(kolmetrics.rollup(s)) FROM public.bench_kol_monthly"
f_one="SELECT count(s) FROM public.bench_kol_monthly"
r_grp="SELECT count(s) FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_kol_monthly GROUP BY kol_id) x"
f_grp="SELECT sum(c) FROM (SELECT kol_id, count(s) AS c FROM public.bench_kol_monthly GROUP BY kol_id) x"
SIX="kolmetrics.posts(s) + kolmetrics.total_interactions(s) + coalesce(kolmetrics.pooled_engagement_rate(s), 0)
     + coalesce(kolmetrics.avg_engagement_rate(s), 0) + coalesce(kolmetrics.stddev_engagement_rate(s), 0)
     + coalesce(kolmetrics.engagement_rate_percentile(s, 0.9), 0)"
a_grp="SELECT sum($SIX) FROM (SELECT kol_id, kolmetrics.rollup(s) AS s FROM public.bench_kol_monthly GROUP BY kol_id) x"
t_r1=$(bench_median_ms "$runs" "$r_one")
t_f1=$(bench_median_ms "$runs" "$f_one")
t_rg=$(bench_median_ms "$runs" "$r_grp")
t_fg=$(bench_median_ms "$runs" "$f_grp")
t_ag=$(bench_median_ms "$runs" "$a_grp")
echo "rollup over $nm monthly summaries: $t_r1 ms (baseline scan floor SELECT count(s) FROM monthly: $t_f1 ms) rollup/scan-floor ratio $(bench_ratio "$t_r1" "$t_f1") (target <= 2.0)"
echo "rollup GROUP BY kol_id over $nm monthly summaries: $t_rg ms (baseline scan floor count(s) GROUP BY kol_id: $t_fg ms) ratio $(bench_ratio "$t_rg" "$t_fg")"
echo "six accessors on each of $k rolled-up summaries: $t_ag ms (baseline the rollup alone: $t_rg ms) accessors overhead $(awk -v a="$t_ag" -v b="$t_rg" 'BEGIN { printf "%.1f%%", 100 * (a - b) / b }') (target <= 25%)"
nraw=$(psql -At -c "SELECT count(*) FROM sample.posts WHERE posted_at >= timestamptz '2025-01-01 00:00+00' AND posted_at < timestamptz '2026-01-01 00:00+00'")
nsum=$(psql -At -c "SELECT count(*) FROM public.bench_kol_monthly WHERE month BETWEEN $Y")
echo "scorecard ratio: speedup of the monthly rollup over engagement_agg $(bench_ratio "$t_ra" "$t_sm")x / (raw rows $nraw / summary rows $nsum = $(bench_ratio "$nraw" "$nsum")) = $(awk -v a="$t_ra" -v b="$t_sm" -v r="$nraw" -v s="$nsum" 'BEGIN { printf "%.3f", (a / b) / (r / s) }') (target >= 0.6)"

psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_td_monthly;
CREATE TABLE public.bench_td_monthly AS
SELECT kol_id, date_trunc('month', posted_at AT TIME ZONE 'UTC')::date AS month,
       tdigest($ER::float8 / nullif(followers, 0), 100) AS td
  FROM sample.posts WHERE $ER::float8 / nullif(followers, 0) IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
VACUUM ANALYZE public.bench_td_monthly;
SQL
q_ours_p="SELECT sum(p) FROM (SELECT kol_id, kolmetrics.engagement_rate_percentile(kolmetrics.rollup(s), 0.5) AS p FROM public.bench_kol_monthly WHERE month BETWEEN $Y GROUP BY kol_id) x"
q_td_p="SELECT sum(p) FROM (SELECT kol_id, tdigest_percentile(td, 0.5) AS p FROM public.bench_td_monthly WHERE month BETWEEN $Y GROUP BY kol_id) x"
t_op=$(bench_median_ms "$runs" "$q_ours_p")
t_tp=$(bench_median_ms "$runs" "$q_td_p")
echo "per-KOL 12-month median from monthly values: engagement_summary rollup $t_op ms, tdigest rollup (tdigest_percentile(td, 0.5)) $t_tp ms; ours/tdigest $(bench_ratio "$t_op" "$t_tp")"
# error of each median against percentile_disc over the raw posts (KOLs with a positive median)
psql -At <<SQL
WITH o AS (SELECT kol_id, kolmetrics.engagement_rate_percentile(kolmetrics.rollup(s), 0.5) AS p
             FROM public.bench_kol_monthly GROUP BY kol_id),
     t AS (SELECT kol_id, tdigest_percentile(td, 0.5) AS p FROM public.bench_td_monthly GROUP BY kol_id),
     q AS (SELECT kol_id, percentile_disc(0.5) WITHIN GROUP (ORDER BY er_f) AS p
             FROM ($PER_POST) p WHERE er_f IS NOT NULL GROUP BY kol_id),
     e AS (SELECT abs(o.p - q.p) / q.p AS eo, abs(t.p - q.p) / q.p AS et
             FROM q JOIN o USING (kol_id) JOIN t USING (kol_id) WHERE q.p > 0)
SELECT format('median error against percentile_disc over %s KOLs: engagement_summary mean %s%% max %s%% (bound %s%%); tdigest mean %s%% max %s%%',
              count(*), round(100 * avg(eo)::numeric, 4), round(100 * max(eo)::numeric, 4),
              round(100 / 101.0, 4), round(100 * avg(et)::numeric, 4), round(100 * max(et)::numeric, 4))
  FROM e;
SQL
psql -q -c "DROP TABLE public.bench_td_monthly"
psql -q -c "DROP TABLE public.bench_kol_daily, public.bench_kol_monthly"
