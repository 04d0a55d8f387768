#!/usr/bin/env bash
# Soak test (`make soak`): load with pgbench over the hot functions, aggregates and casts,
# then a memory check in one backend.  TAP output and the figures.
#
# Workload: every test/soak/*.sql is a pgbench script (base.sql: engagement_rate both forms,
# kol_tier, tier_label, enum casts, an aggregate over sample posts); a concept adds its own
# by dropping test/soak/<concept>.sql next to it (optional one-time setup in
# test/soak/setup/<concept>.sql, run by psql first).  The database holds the sample data of
# test/sample/generate.sql at soak scale (schema sample).  Scripts may use only
# "\set name random(lo, hi)" meta-commands, because the memory check replays them in psql.
#
#   1. pgbench -c SOAK_CLIENTS -j SOAK_THREADS -t SOAK_TX with every script: every
#      transaction must succeed (no failed or aborted client);
#   2. memory: one psql session runs SOAK_BATCHES batches of SOAK_ITER rounds of every
#      script, and after each batch reads sum(total_bytes) of pg_backend_memory_contexts;
#      after the first (warm-up) batch it must not grow by more than SOAK_MEM_SLACK bytes;
#   3. the server log shows no crash.
# Defaults take about a minute; raise SOAK_TX, SOAK_BATCHES, SOAK_ITER for longer runs.
set -uo pipefail
cd "$(dirname "$0")/../.."
TOP=$PWD
CLIENTS=${SOAK_CLIENTS:-4}
THREADS=${SOAK_THREADS:-2}
TX=${SOAK_TX:-5000}
BATCHES=${SOAK_BATCHES:-8}
ITER=${SOAK_ITER:-800}
SLACK=${SOAK_MEM_SLACK:-65536}
KOLS=${SOAK_KOLS:-400}
POSTS=${SOAK_POSTS_PER_KOL:-20}
OUT=$TOP/test/build/soak
mkdir -p "$OUT"

bash test/setup.sh >/dev/null || { echo "Bail out! setup failed"; exit 1; }
. test/pgtmp.sh
pgtmp_start || { echo "Bail out! no server"; exit 1; }
trap pgtmp_stop EXIT
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)
DB=km_soak

t=0
status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }

mapfile -t scripts < <(ls test/soak/*.sql | sort)
"$PGBIN/createdb" "$DB" || { echo "Bail out! createdb"; exit 1; }
{
	"${PSQL[@]}" -d "$DB" -c 'CREATE EXTENSION kolmetrics' &&
	"${PSQL[@]}" -d "$DB" -v seed=42 -v kols="$KOLS" -v posts_per_kol="$POSTS" -v campaigns=10 \
		-f test/sample/generate.sql &&
	for f in test/soak/setup/*.sql; do
		[ -f "$f" ] && { "${PSQL[@]}" -d "$DB" -f "$f" || exit 1; }
	done
	"${PSQL[@]}" -d "$DB" -c 'VACUUM ANALYZE'
} >"$OUT/setup.log" 2>&1
if [ $? = 0 ]; then
	pass "database $DB with sample data ($KOLS KOLs x $POSTS posts); scripts: ${scripts[*]##*/}"
else
	fail "setting up $DB"; tail -n 20 "$OUT/setup.log" | sed 's/^/#   /'
	echo "1..$t"; exit 1
fi

# 1. pgbench
fargs=()
for s in "${scripts[@]}"; do fargs+=(-f "$s"); done
logstart=$(stat -c %s "$PGTMP/server.log")
"$PGBIN/pgbench" -n -c "$CLIENTS" -j "$THREADS" -t "$TX" "${fargs[@]}" "$DB" >"$OUT/pgbench.log" 2>&1
rc=$?
done_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\)\/\([0-9]*\).*/\1 \2/p' "$OUT/pgbench.log")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench.log")
tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench.log" | head -n1)
lat=$(sed -n 's/^latency average = \(.*\)$/\1/p' "$OUT/pgbench.log")
set -- $done_tx
if [ $rc = 0 ] && [ -n "${1:-}" ] && [ "$1" = "${2:-}" ] && [ "${failed:-0}" = 0 ] &&
   ! grep -q 'aborted' "$OUT/pgbench.log"; then
	pass "pgbench: $1 of $2 transactions, ${failed:-0} failed, $CLIENTS clients, $THREADS threads: tps $tps, latency $lat"
else
	fail "pgbench (exit $rc): ${1:-?} of ${2:-?} transactions, ${failed:-?} failed"
	grep -iE 'error|abort' "$OUT/pgbench.log" | head -n 10 | sed 's/^/#   /'
fi
grep -E '^SQL script [0-9]+:' "$OUT/pgbench.log" | sed 's/^/#   /'

# 2. memory in one backend: replay every script ITER times per batch, random values drawn
#    here the way pgbench would (only "\set x random(lo, hi)" is supported).
awk -v batches="$BATCHES" -v iter="$ITER" '
	FNR == 1 { nf++ }
	/^\\set[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+random\(/ {
		line = $0
		sub(/^\\set[ \t]+/, "", line)
		name = line; sub(/[ \t].*/, "", name)
		args = line; sub(/^[^(]*\(/, "", args); sub(/\).*/, "", args)
		split(args, a, ",")
		nv[nf]++; vn[nf, nv[nf]] = name; lo[nf, nv[nf]] = a[1] + 0; hi[nf, nv[nf]] = a[2] + 0
		next
	}
	/^\\/ { printf "unsupported meta-command in %s: %s\n", FILENAME, $0 > "/dev/stderr"; bad = 1; next }
	{ body[nf] = body[nf] $0 "\n" }
	END {
		if (bad) exit 1
		srand(42)
		print "\\set ON_ERROR_STOP on"
		for (b = 0; b <= batches; b++) {
			print "\\o /dev/null"
			for (i = 0; i < iter; i++)
				for (f = 1; f <= nf; f++) {
					for (v = 1; v <= nv[f]; v++)
						printf "\\set %s %d\n", vn[f, v], lo[f, v] + int(rand() * (hi[f, v] - lo[f, v] + 1))
					printf "%s", body[f]
				}
			print "\\o"
			printf "SELECT %d, sum(total_bytes), count(*) FROM pg_backend_memory_contexts;\n", b
		}
		print "SELECT '"'"'context'"'"', name, total_bytes FROM pg_backend_memory_contexts ORDER BY total_bytes DESC LIMIT 8;"
	}' "${scripts[@]}" >"$OUT/memory.sql" 2>"$OUT/memory.err"
if [ $? != 0 ]; then
	fail "memory check: cannot replay the scripts in psql"; sed 's/^/#   /' "$OUT/memory.err"
else
	start=$(date +%s)
	"$PGBIN/psql" -X -At -F' ' -d "$DB" -f "$OUT/memory.sql" >"$OUT/memory.out" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	mapfile -t mem < <(grep -E '^[0-9]+ [0-9]+ [0-9]+$' "$OUT/memory.out")
	if [ $rc != 0 ] || [ ${#mem[@]} != $((BATCHES + 1)) ]; then
		fail "memory check: the replay failed (exit $rc)"; tail -n 10 "$OUT/memory.out" | sed 's/^/#   /'
	else
		figures=$(printf '%s\n' "${mem[@]}" | awk '{ printf "%s%d", (NR > 1 ? " " : ""), $2 }')
		first=$(awk '{ print $2 }' <<<"${mem[1]}")
		last=$(awk '{ print $2 }' <<<"${mem[$BATCHES]}")
		peak=$(printf '%s\n' "${mem[@]:1}" | awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }')
		growth=$((last - first))
		stmts=$(( (BATCHES + 1) * ITER * ${#scripts[@]} ))
		echo "# backend memory (bytes) after warm-up and each of $BATCHES batches: $figures"
		if [ $growth -le "$SLACK" ] && [ $((peak - first)) -le "$SLACK" ]; then
			pass "memory: $stmts script rounds in one backend in $secs s; after warm-up $first bytes, last $last, peak $peak (growth $growth <= $SLACK)"
		else
			fail "memory grows: after warm-up $first bytes, last $last, peak $peak (growth $growth > $SLACK)"
			echo "#   largest memory contexts of that backend at the end:"
			grep '^context ' "$OUT/memory.out" | sed 's/^context /#     /'
		fi
	fi
fi

# 3. the server log
bad=$(tail -c +"$((logstart + 1))" "$PGTMP/server.log" |
	grep -E 'terminated by signal|PANIC|was terminated|exited with exit code|TRAP:|out of memory' | head -n 10)
if [ -z "$bad" ]; then
	pass "server log: no crash, PANIC or out-of-memory"
else
	fail "server log shows trouble"; echo "$bad" | sed 's/^/#   /'
fi
echo "1..$t"
exit $status
