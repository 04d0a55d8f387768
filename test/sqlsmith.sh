#!/usr/bin/env bash
# Random SQL against the extension with Debian's sqlsmith (TAP).
#
#   bash test/sqlsmith.sh [--max-queries N] [--timeout S] [--seed N]
#
# Defaults: 20000 queries or 300 s, whichever comes first (`make sqlsmith`); the test
# command runs a short bounded run through test/scripts/sqlsmith.sh.
#
# A database km_sqlsmith gets CREATE EXTENSION kolmetrics, every test/roundtrip/*.sql
# fragment (tables in schema rt holding values of every kolmetrics type, and configuration
# edits) and a table of posts with extreme counters.  sqlsmith has no option to restrict it
# to one schema's functions, so it connects as an ordinary role whose search_path puts a
# schema "smith" before pg_catalog: smith.pg_proc is a view of pg_catalog.pg_proc holding
# only kolmetrics' functions and aggregates and a few built-ins, and sqlsmith reads its
# routines from the unqualified pg_proc.  The role may only read the tables (its random
# INSERT/UPDATE/DELETE are refused; sqlsmith rolls back anyway), and statement_timeout
# bounds each query.  Afterwards the server must answer and its log must hold no crash.
set -uo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD
MAXQ=20000
LIMIT=300
SEED=${SQLSMITH_SEED:-$(( $(date +%s) % 100000 ))}
while [ $# -gt 0 ]; do
	case $1 in
		--max-queries) MAXQ=$2; shift 2 ;;
		--timeout) LIMIT=$2; shift 2 ;;
		--seed) SEED=$2; shift 2 ;;
		*) echo "sqlsmith.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done

. test/pgtmp.sh
OWN=0
OUT=$TOP/test/build/sqlsmith
mkdir -p "$OUT"
cleanup() { [ $OWN = 1 ] && pgtmp_stop; }
trap cleanup EXIT
if ! "$PGBIN/psql" -X -Atqc 'SELECT 1' >/dev/null 2>&1; then
	bash test/setup.sh >/dev/null || { echo "Bail out! setup failed"; exit 1; }
	pgtmp_start || { echo "Bail out! no server"; exit 1; }
	OWN=1
fi
SMITH=/usr/bin/sqlsmith
[ -x "$SMITH" ] || SMITH=$(command -v sqlsmith) || { echo "1..0 # SKIP sqlsmith is not installed"; exit 0; }
LOGFILE=${PGTMP:+$PGTMP/server.log}
DB=km_sqlsmith
ROLE=km_smith

t=0
status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)

"$PGBIN/dropdb" --if-exists "$DB" 2>/dev/null
"$PGBIN/createdb" "$DB" || { echo "Bail out! createdb $DB"; exit 1; }
{
	"${PSQL[@]}" -d "$DB" -c 'CREATE EXTENSION kolmetrics' &&
	for f in test/roundtrip/*.sql; do
		[ -f "$f" ] && { "${PSQL[@]}" -d "$DB" -f "$f" || exit 1; }
	done &&
	"${PSQL[@]}" -d "$DB" <<-SQL
		CREATE SCHEMA IF NOT EXISTS rt;
		CREATE TABLE rt.smith_posts AS
		SELECT i AS post_id,
		       ('{weibo,wechat,wechat_channels,douyin,xiaohongshu,bilibili,kuaishou,taobao_live,tiktok,instagram,youtube}'::kolmetrics.platform[])[1 + i % 11] AS platform,
		       CASE WHEN i % 7 = 0 THEN NULL ELSE (enum_range(NULL::kolmetrics.tier))[1 + i % 5] END AS tier,
		       (ARRAY[0, 1, 9999, 10000, 9223372036854775807, NULL]::bigint[])[1 + i % 6] AS followers,
		       (ARRAY[0, 3, 120, 4611686018427387904, NULL]::bigint[])[1 + i % 5] AS likes,
		       (ARRAY[0, 1, 30, NULL]::bigint[])[1 + i % 4] AS comments,
		       (i * 37 % 1000)::bigint AS shares,
		       CASE WHEN i % 3 = 0 THEN NULL ELSE i::bigint END AS saves,
		       (ARRAY['later', 'mediakix', 'xiaohongshu', 'nosuch', '']::text[])[1 + i % 5] AS scheme
		  FROM generate_series(1, 60) AS i;
		DO \$\$ BEGIN
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
				CREATE ROLE $ROLE LOGIN;
			END IF;
		END \$\$;
		GRANT USAGE ON SCHEMA rt TO $ROLE;
		GRANT SELECT ON ALL TABLES IN SCHEMA rt TO $ROLE;
		CREATE SCHEMA smith;
		CREATE VIEW smith.pg_proc AS
		SELECT * FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace = 'kolmetrics'::regnamespace
		    OR (p.pronamespace = 'pg_catalog'::regnamespace AND p.proname IN
		        ('count', 'sum', 'min', 'max', 'avg', 'abs', 'length', 'round', 'left',
		         'enum_first', 'enum_last', 'enum_range', 'bool_and', 'bool_or', 'concat',
		         'cardinality', 'md5'));
		GRANT USAGE ON SCHEMA smith TO $ROLE;
		GRANT SELECT ON smith.pg_proc TO $ROLE;
		ALTER ROLE $ROLE IN DATABASE $DB SET search_path = smith, pg_catalog, public, kolmetrics;
		ALTER ROLE $ROLE IN DATABASE $DB SET statement_timeout = '2s';
	SQL
} >"$OUT/setup.log" 2>&1
if [ $? = 0 ]; then
	fns=$("${PSQL[@]}" -At -d "$DB" -c "SELECT count(*) FROM smith.pg_proc WHERE pronamespace = 'kolmetrics'::regnamespace")
	tbs=$("${PSQL[@]}" -At -d "$DB" -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'rt'::regnamespace AND relkind = 'r'")
	pass "database $DB: kolmetrics ($fns functions and aggregates offered), $tbs sample tables"
else
	fail "setting up $DB"; sed 's/^/#   /' "$OUT/setup.log"
	echo "1..$t"; exit 1
fi

logstart=0
[ -n "$LOGFILE" ] && [ -r "$LOGFILE" ] && logstart=$(stat -c %s "$LOGFILE")
start=$(date +%s)
conn="host=$PGHOST port=$PGPORT dbname=$DB user=$ROLE"
timeout -s INT -k 10 "$LIMIT" "$SMITH" --target="$conn" --max-queries="$MAXQ" --seed="$SEED" \
	--exclude-catalog --verbose --dump-all-queries >"$OUT/queries.sql" 2>"$OUT/sqlsmith.log"
rc=$?
secs=$(( $(date +%s) - start ))
# progress characters: '.' ok, 'e' error, 't' timeout, 'S' syntax error, 'C' lost connection
prog=$(grep -E '^[.eStC]+$' "$OUT/sqlsmith.log" | tr -d '\n')
nok=$(tr -cd . <<<"$prog" | wc -c)
nerr=$(tr -cd e <<<"$prog" | wc -c)
nto=$(tr -cd t <<<"$prog" | wc -c)
nsyn=$(tr -cd S <<<"$prog" | wc -c)
ncrash=$(tr -cd C <<<"$prog" | wc -c)
total=$((nok + nerr + nto + nsyn + ncrash))
calls=$(grep -oE 'kolmetrics\.[a-z_0-9]+\(' "$OUT/queries.sql" | sort | uniq -c |
	awk '{ sub(/^kolmetrics\./, "", $2); sub(/\($/, "", $2); printf "%s%s %d", sep, $2, $1; sep = ", " }')
ours=$(grep -oE 'kolmetrics\.[a-z_0-9]+\(' "$OUT/queries.sql" | wc -l)
summary="$total queries in $secs s (seed $SEED): $nok ok, $nerr errors, $nto timeouts, $nsyn syntax errors, $ncrash lost connections"
if [ "$total" -gt 0 ] && [ "$ncrash" = 0 ] && { [ $rc = 0 ] || [ $rc = 124 ] || [ $rc = 130 ]; }; then
	pass "sqlsmith: $summary"
else
	fail "sqlsmith (exit $rc): $summary"
	tail -n 20 "$OUT/sqlsmith.log" | sed 's/^/#   /'
	echo "#   last queries: $OUT/queries.sql"
fi
if [ "$ours" -gt 0 ]; then
	pass "sqlsmith called kolmetrics functions $ours times ($calls)"
else
	fail "sqlsmith never called a kolmetrics function"
fi
# the most frequent errors, for the reader
awk '/^queries: / { n = 0; delete e } /^[0-9]+[ \t]+ERROR/ { e[++n] = $0 }
	END { for (i = 1; i <= n && i <= 8; i++) print "#   " e[i] }' "$OUT/sqlsmith.log"

if "$PGBIN/psql" -X -Atqc 'SELECT 1' -d "$DB" >/dev/null 2>&1; then
	pass "server still answers after sqlsmith"
else
	fail "server does not answer after sqlsmith"
fi
if [ -n "$LOGFILE" ] && [ -r "$LOGFILE" ]; then
	bad=$(tail -c +"$((logstart + 1))" "$LOGFILE" |
		grep -E 'terminated by signal|PANIC|was terminated|server process .* exited with exit code|TRAP:|out of memory' | head -n 10)
	if [ -z "$bad" ]; then
		pass "server log: no crash, PANIC or out-of-memory during the run"
	else
		fail "server log shows a crash"
		echo "$bad" | sed 's/^/#   /'
		echo "#   queries: $OUT/queries.sql (the crashing one is among the last)"
	fi
else
	echo "# server log not readable here; skipped the log check"
fi
"$PGBIN/dropdb" --if-exists "$DB" 2>/dev/null
echo "1..$t"
exit $status
