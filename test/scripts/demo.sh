#!/usr/bin/env bash
# The demo command (TAP): test/demo.sh, what `make demo` runs, on its own throwaway server
# with the sample data; every section of every test/demo/*.sql runs without an error
# (ON_ERROR_STOP) and prints its report.
set -uo pipefail
cd "$(dirname "$0")/../.."
unset PGHOST PGPORT PGTMP PGUSER PGDATABASE
out=$(mktemp /tmp/kolmetrics-demo.XXXXXX)
trap 'rm -f "$out"' EXIT
start=$(date +%s)
bash test/demo.sh >"$out" 2>&1
rc=$?
files=$(ls test/demo/*.sql | wc -l)
sections=$(grep -c '^== ' "$out")
if [ $rc = 0 ] && ! grep -q 'ERROR' "$out" && grep -q '^== Demo finished' "$out" && [ "$sections" -gt "$files" ]; then
	echo "ok 1 - the demo runs its $files report files ($sections sections) without an error in $(( $(date +%s) - start )) s"
else
	echo "not ok 1 - the demo failed (exit $rc)"
	grep -n -B3 -A3 'ERROR' "$out" | head -n 30 | sed 's/^/#   /'
	tail -n 5 "$out" | sed 's/^/#   /'
fi
echo "1..1"
[ $rc = 0 ] && ! grep -q 'ERROR' "$out"
