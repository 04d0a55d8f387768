#!/usr/bin/env bash
# Writes report.html from the database in PGDATABASE (which holds the workspace ws and the
# sample's briefs): installs the pinned node packages when missing (npm ci), reads the data
# with report.sql, inlines ECharts.   bash test/report/make_report.sh OUT.html
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
if [ ! -f "$here/node_modules/echarts/dist/echarts.min.js" ] || [ ! -d "$here/node_modules/puppeteer-core" ]; then
	npm ci --prefix "$here" --no-audit --no-fund >"$(dirname "$out")/npm.log" 2>&1 ||
		{ echo "kolmetrics: npm ci in test/report failed (see $(dirname "$out")/npm.log)" >&2; exit 1; }
fi
psql -X -At -v ON_ERROR_STOP=1 -f "$here/report.sql" >"${out%.html}.json"
node "$here/build.js" "${out%.html}.json" "$out" >/dev/null
