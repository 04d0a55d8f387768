#!/usr/bin/env bash
# The test command (`make test`): sets up a fresh Debian 12 machine as needed, builds and
# installs the extension, starts a throwaway PostgreSQL 15 server and runs every suite:
#   1. pg_regress over sql/*.sql and isolation specs/*.spec against expected/*.out
#   2. unit tests of src/core built with -fsanitize=address,undefined
#   3. scripted tests test/scripts/*.sh (dump/restore, COPY, security, ...), TAP output
#   4. every fuzz harness for a short fixed budget (test/fuzz/run.sh)
# and ends with one line "N passed, N failed" counting every test.  Exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD

bash test/setup.sh || { echo "0 passed, 1 failed"; exit 1; }


. test/pgtmp.sh
trap pgtmp_stop EXIT
pgtmp_start || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
LOG=$TOP/test/build/logs
rm -rf "$LOG"; mkdir -p "$LOG"

# count_tap NAME FILE STATUS: add a TAP file's ok / not ok lines to the totals;
# a suite that exits non-zero without a "not ok" line counts one failure.
count_tap() {
	local name=$1 file=$2 status=$3 p f
	p=$(grep -cE '^ok [0-9]+' "$file")
	f=$(grep -cE '^not ok [0-9]+' "$file")
	if [ "$status" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "!! $name exited with status $status:"; tail -n 30 "$file"
	fi
	[ "$f" != 0 ] && grep -E -A3 '^not ok' "$file" | sed "s/^/   $name: /"
	printf '%-34s %4d passed, %d failed\n' "$name" "$p" "$f"
	passed=$((passed + p)); failed=$((failed + f))
}

echo "== pg_regress (sql/) and isolation (specs/)"
rm -f regression.diffs output_iso/regression.diffs
make -s installcheck PG_CONFIG=$PG_CONFIG >"$LOG/regress.out" 2>&1
rs=$?
grep -E '\.\.\. (ok|FAILED|failed)' "$LOG/regress.out"
rp=$(grep -cE '\.\.\. ok' "$LOG/regress.out")
rf=$(grep -cE '\.\.\. (FAILED|failed)' "$LOG/regress.out")
if [ $rs != 0 ]; then
	[ "$rf" = 0 ] && { rf=1; tail -n 20 "$LOG/regress.out"; }
	[ -f regression.diffs ] && { echo "---- regression.diffs"; cat regression.diffs; }
	[ -f output_iso/regression.diffs ] && { echo "---- output_iso/regression.diffs"; cat output_iso/regression.diffs; }
fi
passed=$((passed + rp)); failed=$((failed + rf))

echo "== unit tests (src/core, ASan + UBSan)"
if make -s -C test/unit all >"$LOG/unit-build.out" 2>&1; then
	for t in test/build/unit/test_*; do
		[ -x "$t" ] || continue
		"$t" >"$LOG/$(basename "$t").tap" 2>&1
		count_tap "unit $(basename "$t")" "$LOG/$(basename "$t").tap" $?
	done
else
	cat "$LOG/unit-build.out"; failed=$((failed + 1))
fi

echo "== scripted tests"
for s in test/scripts/*.sh; do
	[ -f "$s" ] || continue
	bash "$s" >"$LOG/$(basename "$s").tap" 2>&1
	count_tap "script $(basename "$s" .sh)" "$LOG/$(basename "$s").tap" $?
done

if [ -f test/fuzz/run.sh ]; then
	echo "== fuzzing (short budget)"
	bash test/fuzz/run.sh --seconds "${FUZZ_SECONDS:-4}" >"$LOG/fuzz.tap" 2>&1
	count_tap "fuzz" "$LOG/fuzz.tap" $?
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
