#!/usr/bin/env bash
# The demo's report.html in a real browser (TAP): on a small sample with its workspace ws,
# test/report/make_report.sh writes the report; test/report/check.js opens it in headless
# Chromium (Debian's chromium, driven by the pinned puppeteer-core) and checks that it
# loads with no console error, no uncaught exception and no network request, and that
# every chart's every series has data (ECharts getOption in the page).  The screenshot is
# kept: test/build/report/report.png.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin report
PATH=$PGBIN:$PATH
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null; then
	echo "ok 1 - report in Chromium # SKIP chromium or node is not installed"; echo "1..1"; exit 0
fi
db=kolmetrics_report_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" || { echo "Bail out! createdb"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"; rm -rf "$SCRATCH"; [ $PGTMP_OWN = 1 ] && pgtmp_stop' EXIT
export PGDATABASE=$db
{
	echo 'CREATE EXTENSION kolmetrics;'
	cat test/sample/generate.sql
	for f in test/sample/*.sql; do [ "$f" = test/sample/generate.sql ] || cat "$f"; done
} | psql -X -q -v ON_ERROR_STOP=1 -v seed=7 -v kols=400 -v posts_per_kol=12 -v campaigns=10 \
	>"$SCRATCH/setup.log" 2>&1 || { echo "Bail out! sample"; sed 's/^/# /' "$SCRATCH/setup.log"; exit 1; }
out=test/build/report
mkdir -p "$out"
if ! bash test/report/make_report.sh "$SCRATCH/report.html" 2>"$SCRATCH/make.log"; then
	echo "Bail out! make_report.sh failed"; sed 's/^/# /' "$SCRATCH/make.log"; exit 1
fi
# chromium runs as the caller; the scratch directory is world-readable
timeout 120 node test/report/check.js "$SCRATCH/report.html" "$PWD/$out/report.png"
