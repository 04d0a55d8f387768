#!/usr/bin/env bash
# The test command (`make test`): sets up a fresh Debian 12 machine as needed, builds and
# installs the extension, starts a throwaway PostgreSQL 15 server and runs every suite:
#   1. pg_regress over sql/*.sql and isolation specs/*.spec against expected/*.out,
#      each test counted on its own
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

skipped=0

# count_tap NAME FILE STATUS: add a TAP file's results to the totals.  "ok ... # SKIP"
# counts as a skip; the plan line (1..N) must be there and match the number of test
# lines; a suite that exits non-zero without a "not ok" line counts one failure.
count_tap() {
	local name=$1 file=$2 status=$3 p f k n plan
	k=$(grep -ciE '^ok [0-9]+.*# *skip' "$file")
	p=$(( $(grep -cE '^ok [0-9]+' "$file") - k ))
	f=$(grep -cE '^not ok [0-9]+' "$file")
	n=$((p + k + f))
	plan=$(grep -oE '^1\.\.[0-9]+' "$file" | tail -n 1)
	if [ -z "$plan" ]; then
		echo "!! $name printed no TAP plan line (1..N)"; f=$((f + 1))
	elif [ "${plan#1..}" != "$n" ]; then
		echo "!! $name planned ${plan#1..} tests but ran $n"; f=$((f + 1))
	fi
	if [ "$status" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "!! $name exited with status $status:"; tail -n 30 "$file"
	fi
	[ "$f" != 0 ] && grep -E -A3 '^not ok' "$file" | sed "s/^/   $name: /"
	if [ "$k" != 0 ]; then
		printf '%-34s %4d passed, %d failed, %d skipped\n' "$name" "$p" "$f" "$k"
	else
		printf '%-34s %4d passed, %d failed\n' "$name" "$p" "$f"
	fi
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
}

# count_regress KIND OUTDIR TESTS...: one result per pg_regress or isolation test,
# from the files it leaves rather than from its console output (whose format changes
# between majors): a test passed when its results file exists and regression.diffs
# has no diff for it.  The console output only serves to show what failed.
count_regress() {
	local kind=$1 out=$2 t p=0 f=0
	shift 2
	for t in "$@"; do
		if [ -f "$out/results/$t.out" ] &&
		   ! { [ -f "$out/regression.diffs" ] &&
		       grep -qE "^diff .*/results/$t\.out\$" "$out/regression.diffs"; }; then
			p=$((p + 1))
		else
			f=$((f + 1)); echo "   $kind: $t FAILED"
		fi
	done
	printf '%-34s %4d passed, %d failed\n' "$kind" "$p" "$f"
	passed=$((passed + p)); failed=$((failed + f))
}

# Regress and isolation tests run separately, so that a failing regress test still
# leaves the isolation results.
REGRESS_TESTS=$(make -s --no-print-directory print-REGRESS)
ISOLATION_TESTS=$(make -s --no-print-directory print-ISOLATION)
echo "== pg_regress (sql/)"
rm -rf results regression.diffs regression.out output_iso
make -s installcheck PG_CONFIG=$PG_CONFIG ISOLATION= >"$LOG/regress.out" 2>&1
rs=$?
count_regress "pg_regress" . $REGRESS_TESTS
if [ $rs != 0 ]; then
	tail -n 20 "$LOG/regress.out"
	[ -f regression.diffs ] && { echo "---- regression.diffs"; cat regression.diffs; }
fi
echo "== isolation (specs/)"
make -s installcheck PG_CONFIG=$PG_CONFIG REGRESS= >"$LOG/isolation.out" 2>&1
is=$?
count_regress "isolation" output_iso $ISOLATION_TESTS
if [ $is != 0 ]; then
	tail -n 20 "$LOG/isolation.out"
	[ -f output_iso/regression.diffs ] && { echo "---- output_iso/regression.diffs"; cat output_iso/regression.diffs; }
fi

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

if [ "$skipped" != 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
