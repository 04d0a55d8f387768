#!/usr/bin/env bash
# The demo command (`make demo`): sets up what is missing, builds and installs the
# extension, starts a throwaway PostgreSQL 15 server, creates the extension, generates the
# sample data and prints an analyst's report (every test/demo/*.sql in name order).
#   KEEP=1 make demo     leave the server running afterwards and print how to connect
#   SEED, KOLS, POSTS_PER_KOL, CAMPAIGNS   size of the generated sample
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash test/setup.sh
. test/pgtmp.sh
if [ "${KEEP:-0}" != 1 ]; then trap pgtmp_stop EXIT; fi
pgtmp_start

export PGDATABASE=kolmetrics_demo
psql -X -q -d postgres -c "CREATE DATABASE kolmetrics_demo"
psql -X -q -c "CREATE EXTENSION kolmetrics"
echo "== Generating the sample (seed ${SEED:-42}: ${KOLS:-2000} KOLs, ~${POSTS_PER_KOL:-40} posts each, ${CAMPAIGNS:-30} campaigns)"
psql -X -q -v seed="${SEED:-42}" -v kols="${KOLS:-2000}" -v posts_per_kol="${POSTS_PER_KOL:-40}" \
	-v campaigns="${CAMPAIGNS:-30}" -f test/sample/generate.sql
for f in test/sample/*.sql; do
	[ "$f" = test/sample/generate.sql ] && continue
	psql -X -q -v ON_ERROR_STOP=1 -v seed="${SEED:-42}" -f "$f"
done
for f in test/demo/*.sql; do
	psql -X -q -v ON_ERROR_STOP=1 -f "$f"
done

# the report with charts (ECharts, inlined): test/build/report/report.html
mkdir -p test/build/report
if command -v node >/dev/null && command -v npm >/dev/null &&
   bash test/report/make_report.sh "$PWD/test/build/report/report.html"; then
	echo
	echo "== Report with charts: $PWD/test/build/report/report.html"
else
	echo "!! report.html not written (needs node and npm, see test/report)"
fi

echo
echo "== Demo finished in $(( $(date +%s) - start )) s"
if [ "${KEEP:-0}" = 1 ]; then
	echo "The server is still running. Connect with:"
	echo "    psql -h $PGHOST -p $PGPORT -U postgres kolmetrics_demo"
	echo "Stop and remove it with:"
	echo "    $( [ "$(id -u)" = 0 ] && echo 'runuser -u postgres -- ')$PGBIN/pg_ctl -D $PGTMP/data stop && rm -rf $PGTMP"
fi
