#!/usr/bin/env bash
# The benchmark command (`make bench`): builds the extension, starts a throwaway server,
# generates the sample at bench scale (default 100,000 KOLs x ~100 posts = ~10M posts) and
# runs every test/bench/bench_*.sh, which print medians and ratios against named baselines.
#   BENCH_KOLS=2000 BENCH_POSTS_PER_KOL=40 make bench    small, for a quick look
#   BENCH_RUNS=5                                          timed runs per measurement
#   BENCH_ONLY="summary ingest"                           only these bench_<name>.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export BENCH_KOLS=${BENCH_KOLS:-100000} BENCH_POSTS_PER_KOL=${BENCH_POSTS_PER_KOL:-100}
export BENCH_RUNS=${BENCH_RUNS:-5}

bash test/setup.sh
# the summary bench's baseline: the t-digest extension (Debian postgresql-15-tdigest)
if ! dpkg-query -W -f='${Status}' postgresql-15-tdigest 2>/dev/null | grep -q 'install ok installed'; then
	SUDO=; [ "$(id -u)" != 0 ] && SUDO=sudo
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15-tdigest >/dev/null ||
		echo "!! postgresql-15-tdigest could not be installed: the summary bench's t-digest baseline will fail"
fi
. test/pgtmp.sh
trap pgtmp_stop EXIT
pgtmp_start "work_mem = '256MB'" "max_parallel_workers_per_gather = 0" "jit = off"
export PGDATABASE=kolmetrics_bench
psql -X -q -d postgres -c "CREATE DATABASE kolmetrics_bench"
psql -X -q -c "CREATE EXTENSION kolmetrics"
echo "== bench: PostgreSQL $(psql -XAtc 'show server_version'), $(nproc) cores; serial plans (max_parallel_workers_per_gather = 0), jit off"
t0=$(date +%s)
psql -X -q -v seed=42 -v kols="$BENCH_KOLS" -v posts_per_kol="$BENCH_POSTS_PER_KOL" \
	-v campaigns=1000 -f test/sample/generate.sql
for f in test/sample/*.sql; do
	[ "$f" = test/sample/generate.sql ] && continue
	psql -X -q -v ON_ERROR_STOP=1 -v seed=42 -f "$f"
done
psql -X -q -c "VACUUM ANALYZE"
echo "== sample generated in $(( $(date +%s) - t0 )) s"
for b in test/bench/bench_*.sh; do
	[ -f "$b" ] || continue
	name=$(basename "$b" .sh); name=${name#bench_}
	if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then continue; fi
	echo
	echo "== $(basename "$b" .sh)"
	bash "$b" || echo "!! $(basename "$b") failed"
done
