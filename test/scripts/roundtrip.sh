#!/usr/bin/env bash
# Dump/restore and binary COPY round trips (TAP).
#
#   1. database rt_src: CREATE EXTENSION kolmetrics, then every test/roundtrip/*.sql fragment
#      (tables of each type in schema rt, edits to the configuration tables);
#   2. pg_dump --format=custom, pg_restore into a fresh database rt_dst;
#   3. every table of schema rt and every configuration table of the extension
#      (pg_extension.extconfig) is compared row by row by text form, EXCEPT ALL both ways,
#      between rt_src and rt_dst: one TAP line per table;
#   4. in rt_dst, every rt table is copied out with COPY (FORMAT binary) and back into an
#      empty table of the same column types, and compared again (text form, and with the
#      types' own equality when every column type has one): one TAP line per table.
# Uses the server in PGHOST/PGPORT when it answers (the test command's), else starts its own.
set -uo pipefail
cd "$(dirname "$0")/../.."
TOP=$PWD
. test/pgtmp.sh
pgtmp_script_begin rt
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)

t=0
status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
diag() { sed 's/^/#   /'; }

"$PGBIN/dropdb" --if-exists rt_src 2>/dev/null
"$PGBIN/dropdb" --if-exists rt_dst 2>/dev/null
"$PGBIN/createdb" rt_src && "$PGBIN/createdb" rt_dst ||
	{ echo "Bail out! cannot create databases"; exit 1; }

if "${PSQL[@]}" -d rt_src -c 'CREATE EXTENSION kolmetrics' >"$SCRATCH/ext.log" 2>&1; then
	pass "rt_src: CREATE EXTENSION kolmetrics"
else
	fail "rt_src: CREATE EXTENSION kolmetrics"; diag <"$SCRATCH/ext.log"
fi

for f in test/roundtrip/*.sql; do
	[ -f "$f" ] || continue
	if "${PSQL[@]}" -d rt_src -f "$f" >"$SCRATCH/frag.log" 2>&1; then
		pass "fragment $(basename "$f") loaded into rt_src"
	else
		fail "fragment $(basename "$f") fails in rt_src"; diag <"$SCRATCH/frag.log"
	fi
done

# The tables to compare: schema rt, the configuration tables and config_state.
mapfile -t tables < <("${PSQL[@]}" -At -d rt_src -c "
	SELECT c.oid::regclass FROM pg_class c
	 WHERE c.relnamespace = 'rt'::regnamespace AND c.relkind IN ('r', 'p')
	UNION
	SELECT unnest(e.extconfig)::regclass FROM pg_extension e
	 WHERE e.extname = 'kolmetrics' AND e.extconfig IS NOT NULL
	UNION
	SELECT unnest('{kolmetrics.tier_threshold,kolmetrics.tier_scheme,kolmetrics.emv_rate}'::regclass[])
	ORDER BY 1" 2>"$SCRATCH/list.log")
printf '%s\n' "${tables[@]}" | grep -qxF kolmetrics.config_state ||
	fail "kolmetrics.config_state is not registered in extconfig"

if "$PGBIN/pg_dump" --format=custom -d rt_src -f "$SCRATCH/rt.dump" 2>"$SCRATCH/dump.log"; then
	pass "pg_dump --format=custom rt_src ($(stat -c %s "$SCRATCH/rt.dump") bytes)"
else
	fail "pg_dump rt_src"; diag <"$SCRATCH/dump.log"
fi
if "$PGBIN/pg_restore" --exit-on-error -d rt_dst "$SCRATCH/rt.dump" >"$SCRATCH/restore.log" 2>&1; then
	pass "pg_restore into a fresh database rt_dst"
else
	fail "pg_restore into rt_dst"; diag <"$SCRATCH/restore.log"
fi

# rows DB TABLE FILE: the table's rows by text form, one per line (COPY text escaping).
rows() {
	"${PSQL[@]}" -d "$1" -c "COPY (SELECT x::text FROM $2 AS x) TO STDOUT" >"$3" 2>>"$SCRATCH/rows.log"
}

# compare DB TABLE FILE: rows of FILE (text forms) against DB's TABLE, EXCEPT ALL both
# ways; prints "missing extra".
compare() {
	"${PSQL[@]}" -At -F' ' -d "$1" <<-EOF 2>>"$SCRATCH/rows.log"
		CREATE TEMP TABLE want (r text);
		\copy want FROM '$3'
		SELECT (SELECT count(*) FROM (SELECT r FROM want EXCEPT ALL SELECT x::text FROM $2 AS x) m),
		       (SELECT count(*) FROM (SELECT x::text FROM $2 AS x EXCEPT ALL SELECT r FROM want) e);
	EOF
}

# 3. dump/restore: rt_src against rt_dst, table by table
for tb in "${tables[@]}"; do
	: >"$SCRATCH/rows.log"
	if ! rows rt_src "$tb" "$SCRATCH/src.rows"; then
		fail "dump/restore $tb: cannot read it in rt_src"; diag <"$SCRATCH/rows.log"; continue
	fi
	n=$(wc -l <"$SCRATCH/src.rows")
	res=$(compare rt_dst "$tb" "$SCRATCH/src.rows")
	if [ -z "$res" ]; then
		fail "dump/restore $tb: cannot compare it in rt_dst"; diag <"$SCRATCH/rows.log"
	elif [ "$n" = 0 ] && [[ $tb == rt.* ]]; then
		fail "dump/restore $tb: holds no rows in rt_src, nothing to compare"
	elif [ "$res" = "0 0" ]; then
		pass "dump/restore $tb: $n rows identical by text form"
	else
		set -- $res
		fail "dump/restore $tb: $1 of $n source rows missing after restore, $2 rows extra"
		"${PSQL[@]}" -d rt_dst -c "COPY (SELECT x::text FROM $tb AS x) TO STDOUT" 2>&1 |
			sort >"$SCRATCH/dst.rows"
		sort "$SCRATCH/src.rows" | diff - "$SCRATCH/dst.rows" | head -n 20 | diag
	fi
done

# 4. binary COPY out of each rt table in rt_dst and into an empty copy, then compare
"${PSQL[@]}" -d rt_dst -c 'DROP SCHEMA IF EXISTS rt_bin CASCADE; CREATE SCHEMA rt_bin' 2>/dev/null
for tb in "${tables[@]}"; do
	[[ $tb == rt.* ]] || continue
	copy=rt_bin.${tb#rt.}
	: >"$SCRATCH/rows.log"
	if ! "${PSQL[@]}" -d rt_dst >"$SCRATCH/bin.log" 2>&1 <<-EOF
		CREATE TABLE $copy AS SELECT * FROM $tb WITH NO DATA;
		\copy (SELECT * FROM $tb) TO '$SCRATCH/bin.copy' WITH (FORMAT binary)
		\copy $copy FROM '$SCRATCH/bin.copy' WITH (FORMAT binary)
	EOF
	then
		fail "binary COPY $tb: out and in fails"; diag <"$SCRATCH/bin.log"; continue
	fi
	rows rt_dst "$tb" "$SCRATCH/dst.rows"
	n=$(wc -l <"$SCRATCH/dst.rows")
	res=$(compare rt_dst "$copy" "$SCRATCH/dst.rows")
	# the types' own equality: whole rows where every column type has an operator class
	eq=$("${PSQL[@]}" -At -F' ' -d rt_dst -c "
		SELECT (SELECT count(*) FROM (TABLE $tb EXCEPT ALL TABLE $copy) m),
		       (SELECT count(*) FROM (TABLE $copy EXCEPT ALL TABLE $tb) e)" 2>"$SCRATCH/eq.log")
	if [ -n "$eq" ]; then
		eqnote="identical by text form and by ="
	else
		# Some column type has = but no operator class (EXCEPT needs one), or no = at all.
		# Pair the rows by scan order (the copy was filled from a scan of the table) and
		# compare column by column with each type's = (IS DISTINCT FROM), where it has one
		# (our types' operators live in schema kolmetrics).
		mapfile -t cols < <("${PSQL[@]}" -At -d rt_dst -c "SELECT quote_ident(attname) FROM pg_attribute
			WHERE attrelid = '$tb'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")
		noeq=()
		diffs=0
		for c in "${cols[@]}"; do
			d=$("${PSQL[@]}" -At -d rt_dst -c "SET search_path = pg_catalog, kolmetrics;
				WITH a AS (SELECT row_number() OVER () AS n, $c AS v FROM $tb),
				     b AS (SELECT row_number() OVER () AS n, $c AS v FROM $copy)
				SELECT count(*) FROM a FULL JOIN b USING (n) WHERE a.v IS DISTINCT FROM b.v" 2>/dev/null)
			if [ -z "$d" ]; then noeq+=("$c"); else diffs=$((diffs + d)); fi
		done
		eq="$diffs 0"
		if [ ${#noeq[@]} = 0 ]; then
			eqnote="identical by text form and, column by column, by ="
		elif [ ${#noeq[@]} = ${#cols[@]} ]; then
			eqnote="identical by text form (no column type has =)"
		else
			eqnote="identical by text form and, column by column, by = (no = for: ${noeq[*]})"
		fi
	fi
	if [ "$res" = "0 0" ] && [ "$eq" = "0 0" ]; then
		pass "binary COPY $tb: $n rows $eqnote"
	else
		fail "binary COPY $tb: text form differs ($res missing/extra), by = ($eq rows differ)"
		diag <"$SCRATCH/rows.log"
	fi
done

# keep the databases for a look when something failed
if [ $status = 0 ]; then
	"$PGBIN/dropdb" --if-exists rt_src 2>/dev/null
	"$PGBIN/dropdb" --if-exists rt_dst 2>/dev/null
fi
echo "1..$t"
exit $status
