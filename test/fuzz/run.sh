#!/usr/bin/env bash
# Builds and runs every libFuzzer harness test/fuzz/fuzz_<name>.c against all of src/core,
# with AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer.  TAP output.
#
#   bash test/fuzz/run.sh [--seconds N] [--total T] [--only NAME] [--jobs J] [--build-only]
#
#   --seconds N  fuzzing time per harness (default 4; `make fuzz` passes 300)
#   --total T    cap on the summed fuzzing time of a short run (N <= 10): when the harnesses
#                times N exceed T, each gets T / count seconds (at least 2).  Default 40
#                (20 s of wall time with two jobs); 0 turns the cap off.  Long runs
#                (N > 10) are never shortened.
#   --only NAME  run only fuzz_NAME (repeatable)
#   --jobs J     harnesses built and run at the same time (default 2)
#   --build-only build, do not run
#
# For each harness:
#   1. its seed corpus test/fuzz/corpus/<name>/ is copied into a scratch directory under
#      test/build/fuzz/work/ (new inputs libFuzzer finds stay there, not in the repository);
#   2. every committed regression input in test/fuzz/regressions/<name>/ (crash inputs kept
#      forever) is replayed once: one TAP line;
#   3. it fuzzes for N seconds: one TAP line "ok - fuzz_<name>: <execs> executions in <s> s",
#      or "not ok" with the crash file (test/build/fuzz/crashes/) and the sanitizer report head.
# A crash found here is fixed in the core, and its input is committed to
# test/fuzz/regressions/<name>/ so that every later run replays it.
set -uo pipefail
cd "$(dirname "$0")/../.."
TOP=$PWD

SECONDS_PER=4
TOTAL=40
BUILD_ONLY=0
JOBS=${FUZZ_JOBS:-2}
ONLY=()
while [ $# -gt 0 ]; do
	case $1 in
		--seconds) SECONDS_PER=$2; shift 2 ;;
		--seconds=*) SECONDS_PER=${1#*=}; shift ;;
		--total) TOTAL=$2; shift 2 ;;
		--total=*) TOTAL=${1#*=}; shift ;;
		--only) ONLY+=("$2"); shift 2 ;;
		--jobs) JOBS=$2; shift 2 ;;
		--build-only) BUILD_ONLY=1; shift ;;
		-h|--help) sed -n '2,24p' "$0"; exit 0 ;;
		*) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
case $SECONDS_PER$TOTAL in *[!0-9]*) echo "run.sh: --seconds and --total take whole seconds" >&2; exit 2 ;; esac

CC=${FUZZ_CC:-clang-14}
OUT=$TOP/test/build/fuzz
WORK=$OUT/work
CRASHES=$OUT/crashes
LOGS=$OUT/logs
mkdir -p "$OUT" "$CRASHES" "$LOGS"
mkdir -p "$WORK"

# -fno-sanitize-recover: a UBSan finding stops the run like an ASan one (by default UBSan
# only prints and carries on, and libFuzzer would not count it).
CFLAGS=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
        -fno-omit-frame-pointer -Isrc/core $(pkg-config --cflags json-c))
LIBS=($(pkg-config --libs json-c) -lm)
CORE=($(ls src/core/*.c | sort))

# Leaks are errors: the cores must free everything on every path.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_string_checks=1:strict_memcmp=1:handle_abort=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-report_objects=1}

harnesses=()
for f in test/fuzz/fuzz_*.c; do
	[ -f "$f" ] || continue
	n=$(basename "$f" .c); n=${n#fuzz_}
	if [ ${#ONLY[@]} -gt 0 ]; then
		keep=0
		for o in "${ONLY[@]}"; do [ "$o" = "$n" ] && keep=1; done
		[ $keep = 1 ] || continue
	fi
	harnesses+=("$n")
done
count=${#harnesses[@]}

# Regression inputs whose harness no longer exists are an error, not silently skipped.
orphans=()
for d in test/fuzz/regressions/*/; do
	[ -d "$d" ] || continue
	n=$(basename "$d")
	[ -f "test/fuzz/fuzz_$n.c" ] || orphans+=("$n")
done

per=$SECONDS_PER
if [ "$SECONDS_PER" -le 10 ] && [ "$TOTAL" -gt 0 ] && [ "$count" -gt 0 ] &&
   [ $((SECONDS_PER * count)) -gt "$TOTAL" ]; then
	per=$((TOTAL / count)); [ "$per" -lt 2 ] && per=2
fi

ntests=0
for n in "${harnesses[@]}"; do
	ntests=$((ntests + 1))
	[ -d "test/fuzz/regressions/$n" ] && ntests=$((ntests + 1))
done
[ $BUILD_ONLY = 1 ] && ntests=$count
ntests=$((ntests + ${#orphans[@]}))
if [ $ntests = 0 ]; then
	echo "1..0 # SKIP no harnesses test/fuzz/fuzz_*.c"
	exit 0
fi
echo "1..$ntests"
echo "# $count harnesses, $per s each; ASAN_OPTIONS=$ASAN_OPTIONS"

t=0
status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }

# The head of a sanitizer or libFuzzer report, as TAP comments.
report_head() {
	grep -m1 -n -E '^==[0-9]+==(ERROR|WARNING)|runtime error:|ERROR: libFuzzer|^SUMMARY:' "$1" |
		cut -d: -f1 | while read -r first; do
			sed -n "${first},$((first + 14))p" "$1"
		done | sed 's/^/#   /'
}

# newer TARGET SOURCES...: true when TARGET is missing or older than one of SOURCES.
stale() {
	local target=$1 s
	shift
	[ -e "$target" ] || return 0
	for s in "$@"; do
		[ -e "$s" ] && [ "$s" -nt "$target" ] && return 0
	done
	return 1
}

# parallel CMD ARGS...: run "CMD ARG" for each ARG, $JOBS at a time; sets rcs[ARG].
declare -A rcs
parallel() {
	local cmd=$1 a p pids=()
	shift
	for a in "$@"; do
		"$cmd" "$a" &
		pids+=("$!:$a")
		if [ ${#pids[@]} -ge "$JOBS" ]; then
			p=${pids[0]}; wait "${p%%:*}"; rcs[${p#*:}]=$?; pids=("${pids[@]:1}")
		fi
	done
	for p in "${pids[@]}"; do wait "${p%%:*}"; rcs[${p#*:}]=$?; done
}

# The cores are compiled once, with coverage instrumentation, and linked into each harness.
mkdir -p "$OUT/obj"
compile_core() {
	local c=$1 o=$OUT/obj/$(basename "$1" .c).o
	stale "$o" "$c" src/core/*.h "$0" || return 0
	"$CC" "${OBJFLAGS[@]}" -c "$c" -o "$o.tmp" >"$LOGS/obj-$(basename "$c" .c).build" 2>&1 &&
		mv "$o.tmp" "$o"
}
link_harness() {
	local n=$1 bin=$OUT/fuzz_$1 src=test/fuzz/fuzz_$1.c
	stale "$bin" "$src" "${OBJS[@]}" test/fuzz/*.h "$0" || return 0
	"$CC" "${CFLAGS[@]}" -Itest/fuzz "$src" "${OBJS[@]}" "${LIBS[@]}" -o "$bin.tmp" \
		>"$LOGS/$n.build" 2>&1 && mv "$bin.tmp" "$bin"
}
OBJFLAGS=("${CFLAGS[@]}")
for i in "${!OBJFLAGS[@]}"; do
	[ "${OBJFLAGS[$i]}" = -fsanitize=fuzzer,address,undefined ] &&
		OBJFLAGS[$i]=-fsanitize=fuzzer-no-link,address,undefined
done
OBJS=()
for c in "${CORE[@]}"; do OBJS+=("$OUT/obj/$(basename "$c" .c).o"); done
parallel compile_core "${CORE[@]}"
core_ok=1
for c in "${CORE[@]}"; do
	[ "${rcs[$c]}" = 0 ] || { core_ok=0; echo "# $c does not compile:"; sed 's/^/#   /' "$LOGS/obj-$(basename "$c" .c).build" | head -n 30; }
done
if [ $core_ok = 1 ]; then
	parallel link_harness "${harnesses[@]}"
else
	for n in "${harnesses[@]}"; do rcs[$n]=1; done
fi

# run_one NAME: replay the kept inputs and fuzz; writes TAP lines without numbers
# ("ok - ..." / "not ok - ...", diagnostics "#") to $LOGS/NAME.result.
run_one() {
	local n=$1 bin=$OUT/fuzz_$1 res=$LOGS/$1.result inputs bad seeds start rc secs execs crash
	: >"$res"
	if [ -d "test/fuzz/regressions/$n" ]; then
		mapfile -t inputs < <(find "test/fuzz/regressions/$n" -type f ! -name 'README*' | sort)
		if [ ${#inputs[@]} = 0 ]; then
			echo "ok - fuzz_$n regressions: none kept yet" >>"$res"
		elif "$bin" -runs=1 "${inputs[@]}" >"$LOGS/$n.regressions" 2>&1; then
			echo "ok - fuzz_$n regressions: ${#inputs[@]} inputs replayed" >>"$res"
		else
			bad=$(grep -oE 'Running: [^ ]+' "$LOGS/$n.regressions" | tail -n1 | cut -d' ' -f2)
			echo "not ok - fuzz_$n regressions: crashes again on ${bad:-one of ${#inputs[@]} inputs}" >>"$res"
			report_head "$LOGS/$n.regressions" >>"$res"
		fi
	fi
	rm -rf "$WORK/$n"; mkdir -p "$WORK/$n"
	seeds=0
	if [ -d "test/fuzz/corpus/$n" ]; then
		cp -R "test/fuzz/corpus/$n/." "$WORK/$n/"
		seeds=$(find "$WORK/$n" -type f | wc -l)
	fi
	start=$(date +%s.%N)
	"$bin" -max_total_time="$per" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$CRASHES/$n-" "$WORK/$n" >"$LOGS/$n.log" 2>&1
	rc=$?
	secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOGS/$n.log" | tail -n1)
	if [ $rc = 0 ] && [ -n "$execs" ]; then
		echo "ok - fuzz_$n: $execs executions in $secs s ($seeds seeds)" >>"$res"
	else
		crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$LOGS/$n.log" | tail -n1)
		echo "not ok - fuzz_$n: exit $rc after ${execs:-?} executions in $secs s; crash input: ${crash:-none written} (log $LOGS/$n.log)" >>"$res"
		report_head "$LOGS/$n.log" >>"$res"
		[ -n "$crash" ] && echo "#   keep it: cp $crash test/fuzz/regressions/$n/ once the core is fixed" >>"$res"
	fi
	return 0
}

for o in "${orphans[@]}"; do
	fail "regressions/$o: no harness test/fuzz/fuzz_$o.c replays these inputs"
done

runnable=()
for n in "${harnesses[@]}"; do
	[ "${rcs[$n]}" = 0 ] && runnable+=("$n")
done
[ $BUILD_ONLY = 0 ] && parallel run_one "${runnable[@]}"

for n in "${harnesses[@]}"; do
	if [ "${rcs[$n]}" != 0 ]; then
		fail "fuzz_$n: does not build"
		[ -f "$LOGS/$n.build" ] && sed 's/^/#   /' "$LOGS/$n.build" | head -n 30
		[ -d "test/fuzz/regressions/$n" ] && [ $BUILD_ONLY = 0 ] && fail "fuzz_$n regressions: not replayed (no build)"
		continue
	fi
	if [ $BUILD_ONLY = 1 ]; then
		pass "fuzz_$n: built"
		continue
	fi
	while IFS= read -r line; do
		case $line in
			"ok - "*) pass "${line#ok - }" ;;
			"not ok - "*) fail "${line#not ok - }" ;;
			*) echo "$line" ;;
		esac
	done <"$LOGS/$n.result"
done
exit $status
