#!/usr/bin/env bash
# Scale-out (doc/scale-out.md): a 12-month scorecard per KOL (pooled, mean and median ER of
# the year's posts) through a postgres_fdw coordinator, on 1 and on 3 shard servers of this
# machine started by the recipe test/scaleout/setup.sh.  For each way of writing it:
#   summaries rolled up on the shards  rollup(engagement) FROM kol_month GROUP BY kol_id,
#                                      enable_partitionwise_aggregate on (pushed down)
#   summaries pulled                   the same with it off: the monthly summaries travel
#   raw posts aggregated on the shards engagement_agg FROM posts GROUP BY kol_id, pushed down
#   raw posts pulled                   the same with it off: every post travels
# it prints the rows and bytes moved from the shards (rows: the Foreign Scans' actual rows
# in EXPLAIN ANALYZE; bytes: their Remote SQL run on the shard as COPY TO STDOUT, i.e. the
# text of every value sent), and the median wall time with async_capable off and on.
# Baseline: the scorecard from the raw posts on one server (the bench server).
# Size: the first BENCH_SCALEOUT_KOLS KOLs of the sample (default min(BENCH_KOLS, 10000)).
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/bench/lib.sh
runs=${BENCH_RUNS:-5}; [ "$runs" -gt 3 ] && runs=3
kols=${BENCH_SCALEOUT_KOLS:-$(( ${BENCH_KOLS:-100000} < 10000 ? ${BENCH_KOLS:-100000} : 10000 ))}
SRC="-h $PGHOST -p $PGPORT -d $PGDATABASE"
src() { command psql -X -q -v ON_ERROR_STOP=1 $SRC "$@"; }
. test/scaleout/setup.sh
CONF=("shared_buffers = 256MB" "work_mem = '256MB'" "jit = off" "max_parallel_workers_per_gather = 0")
COLS="post_id, kol_id, platform, posted_at, likes, comments, shares, saves, views, extra, followers"
YEAR="'2025-01-01' AND month < '2026-01-01'"
ACC="kolmetrics.posts(s), kolmetrics.pooled_engagement_rate(s), kolmetrics.avg_engagement_rate(s), kolmetrics.engagement_rate_percentile(s, 0.5)"
Q_SUM="SELECT kol_id, $ACC FROM (SELECT kol_id, kolmetrics.rollup(engagement) AS s FROM kol_month WHERE month >= $YEAR GROUP BY kol_id) x"
Q_RAW="SELECT kol_id, $ACC FROM (SELECT kol_id, kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM posts WHERE posted_at >= '2025-01-01 00:00+00' AND posted_at < '2026-01-01 00:00+00' GROUP BY kol_id) x"
Q_ONE="SELECT kol_id, $ACC FROM (SELECT kol_id, kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM sample.posts WHERE kol_id <= $kols AND posted_at >= '2025-01-01 00:00+00' AND posted_at < '2026-01-01 00:00+00' GROUP BY kol_id) x"

src -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS public.bench_scaleout_route" \
    -c "CREATE TABLE public.bench_scaleout_route (kol_id bigint) PARTITION BY HASH (kol_id)"
nposts=$(src -At -c "SELECT count(*) FROM sample.posts WHERE kol_id <= $kols")
t_one=$(bench_median_ms "$runs" "$Q_ONE")
echo "12-month scorecard per KOL of $kols KOLs ($nposts posts), $(nproc) cores; one server from the raw posts: $t_one ms"

# moved PWA: rows and bytes the shards send for the coordinator's query (PWA on|off)
moved() {
	local pwa=$1 sql=$2
	so_coord -At -c "SET enable_partitionwise_aggregate = $pwa" \
		-c "EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) $sql" >"$SCRATCH/plan.json"
	python3 - "$SCRATCH/plan.json" >"$SCRATCH/scans" <<'PY'
import json, re, sys
def walk(n):
    if n.get('Node Type') == 'Foreign Scan':
        rel = n.get('Relations') or n.get('Relation Name', '')
        shard = re.search(r'_(\d+)\b', rel).group(1)
        print('%s\t%d\t%s' % (shard, n['Actual Rows'] * n['Actual Loops'], n['Remote SQL'].replace('\n', ' ')))
    for c in n.get('Plans', []):
        walk(c)
walk(json.load(open(sys.argv[1]))[0]['Plan'])
PY
	local rows=0 bytes=0 shard r rsql b
	while IFS=$'\t' read -r shard r rsql; do
		b=$(so_shard "$shard" -c "COPY ($rsql) TO STDOUT" | wc -c)
		rows=$((rows + r)); bytes=$((bytes + b))
	done <"$SCRATCH/scans"
	echo "$rows $bytes"
}

# timed PWA ASYNC SQL: median ms on the coordinator
timed() {
	local i
	for i in $(seq 1 "$n"); do so_coord -c "ALTER SERVER shard$i OPTIONS (SET async_capable '$2')"; done
	PGOPTIONS="-c enable_partitionwise_aggregate=$1" bench_median_ms "$runs" "$3"
}

SCRATCH=$(mktemp -d /tmp/kolmetrics-bench-scaleout.XXXXXX)
trap 'scaleout_stop; rm -rf "$SCRATCH"; src -c "DROP TABLE IF EXISTS public.bench_scaleout_route" 2>/dev/null || true' EXIT
printf '%-7s %-36s %12s %14s %14s %13s\n' shards "scorecard from" "rows moved" "bytes moved" "async off ms" "async on ms"
for n in 1 3; do
	t0=$(date +%s)
	scaleout_start "$n" "${CONF[@]}" >/dev/null
	pids=()
	for i in $(seq 1 "$n"); do
		src -c "COPY (SELECT $COLS FROM sample.posts WHERE kol_id <= $kols
		   AND satisfies_hash_partition('public.bench_scaleout_route'::regclass, $n, $((i - 1)), kol_id)) TO STDOUT" |
			so_shard "$i" -c "COPY posts ($COLS) FROM STDIN" & pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	for i in $(seq 1 "$n"); do so_shard "$i" -c "ANALYZE posts"; done
	scaleout_refresh 2025-01-01 >/dev/null
	nm=$(so_coord -At -c "SELECT count(*) FROM kol_month WHERE month >= $YEAR")
	echo "# $n shard(s): loaded and summarised ($nm monthly summaries) in $(( $(date +%s) - t0 )) s"
	for w in "on|summaries rolled up on the shards|$Q_SUM" "off|summaries pulled (monthly rows)|$Q_SUM" \
	         "on|raw posts aggregated on the shards|$Q_RAW" "off|raw posts pulled|$Q_RAW"; do
		IFS='|' read -r pwa what sql <<<"$w"
		read -r rows bytes <<<"$(moved "$pwa" "$sql")"
		t_off=$(timed "$pwa" false "$sql")
		t_on=$(timed "$pwa" true "$sql")
		printf '%-7s %-36s %12s %14s %14s %13s\n' "$n" "$what" "$rows" "$bytes" "$t_off" "$t_on"
	done
	scaleout_stop
done
