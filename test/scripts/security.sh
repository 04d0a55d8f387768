#!/usr/bin/env bash
# search_path and privilege security of the extension (TAP).
#
# In a fresh database, BEFORE CREATE EXTENSION, hostile functions and operators with our
# names and argument types are planted in public and in a schema "evil", and the database's
# search_path is set to  evil, public, pg_catalog, kolmetrics  (pg_catalog named late, so
# unqualified built-in operators resolve to the planted ones).  Every planted object RAISEs
# 'HOSTILE ...'.  Then: CREATE EXTENSION must not call any of them; our functions, called
# schema-qualified, must give their true results; configuration edits (triggers) must work;
# more hostile operators on our own types are planted after install and must not matter.
# Catalog checks: no SECURITY DEFINER member but config_record and text_config_touch (which
# refuse other tables); every SQL/PL member function has either a
# BEGIN ATOMIC body or a pinned search_path; C files that run SQL pin search_path (or
# read through km_spi_select, which does);
# a non-superuser can call every member function and read, but not change, every
# configuration table unless granted.  Finally a schema kolmetrics pre-created by an
# ordinary role is refused by CREATE EXTENSION.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
OWN=0
cleanup() { [ $OWN = 1 ] && pgtmp_stop; }
trap cleanup EXIT
if ! "$PGBIN/psql" -X -Atqc 'SELECT 1' >/dev/null 2>&1; then
	bash test/setup.sh >/dev/null || { echo "Bail out! setup failed"; exit 1; }
	pgtmp_start || { echo "Bail out! no server"; exit 1; }
	OWN=1
fi
DB=km_security
ROLE=km_sec_analyst
BAD=km_sec_mallory

t=0
status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }

# sql [psql args...] < script: run in $DB, output unaligned, errors as "ERROR:  message"
# (terse: no HINT or CONTEXT lines; -v VERBOSITY=sqlstate for the SQLSTATE alone).
sql() { "$PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -v VERBOSITY=terse -d "$DB" "$@" 2>&1; }

# is DESC EXPECTED SQL...: the statements' output must equal EXPECTED exactly.
is() {
	local desc=$1 want=$2 got
	shift 2
	got=$(sql -c "$*")
	if [ "$got" = "$want" ]; then
		pass "$desc"
	else
		fail "$desc"
		echo "#   want: $want"; echo "$got" | sed 's/^/#   got:  /'
	fi
}

"$PGBIN/dropdb" --if-exists "$DB" 2>/dev/null
"$PGBIN/createdb" "$DB" || { echo "Bail out! createdb"; exit 1; }
"$PGBIN/psql" -X -q -d postgres >/dev/null 2>&1 <<-EOF
	DO \$\$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN CREATE ROLE $ROLE; END IF;
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$BAD') THEN CREATE ROLE $BAD; END IF;
	END \$\$;
EOF

# ---------------------------------------------------------------------------
# 1. Plant hostile objects before CREATE EXTENSION.
# ---------------------------------------------------------------------------
plant=$(sql <<-'EOF'
	CREATE SCHEMA evil;
	CREATE FUNCTION evil.hostile() RETURNS void LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'HOSTILE object called'; END $$;
	DO $do$
	DECLARE
		s text;
		f text;
	BEGIN
		FOREACH s IN ARRAY ARRAY['evil', 'public'] LOOP
			FOREACH f IN ARRAY ARRAY[
				'engagement_rate(a bigint, b bigint) RETURNS float8',
				'engagement_rate(a bigint, b bigint, c bigint, d bigint, e bigint, f bigint DEFAULT 0) RETURNS float8',
				'engagement_rate(a integer, b integer) RETURNS float8',
				'kol_tier(a bigint) RETURNS text',
				'kol_tier(a integer) RETURNS text',
				'tier_label(a bigint, b text) RETURNS text',
				'check_followers(a bigint) RETURNS bigint',
				'check_followers(a numeric) RETURNS bigint',
				'config_upsert_trigger() RETURNS trigger',
				'tier_threshold_check() RETURNS trigger',
				'pg_extension_config_dump(a regclass, b text) RETURNS void',
				'hostile_bool(a bigint, b bigint) RETURNS boolean',
				'hostile_bool(a text, b text) RETURNS boolean',
				'hostile_bool(a integer, b integer) RETURNS boolean',
				'hostile_bool(a name, b name) RETURNS boolean',
				'hostile_bool(a oid, b oid) RETURNS boolean'] LOOP
				EXECUTE format('CREATE FUNCTION %I.%s LANGUAGE plpgsql AS %L', s, f,
					format('BEGIN RAISE EXCEPTION %L; END', 'HOSTILE ' || s || '.' || f));
			END LOOP;
			-- the comparison operators the install script and our functions use
			EXECUTE format('CREATE OPERATOR %I.<= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.>= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.< (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.> (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.= (LEFTARG = text, RIGHTARG = text, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.= (LEFTARG = name, RIGHTARG = name, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.<> (LEFTARG = name, RIGHTARG = name, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.= (LEFTARG = oid, RIGHTARG = oid, FUNCTION = %I.hostile_bool)', s, s);
		END LOOP;
	END
	$do$;
	GRANT USAGE ON SCHEMA evil TO PUBLIC;
	SELECT count(*) FROM pg_proc WHERE pronamespace IN ('evil'::regnamespace, 'public'::regnamespace);
EOF
)
"$PGBIN/psql" -X -q -d postgres -c "ALTER DATABASE $DB SET search_path = evil, public, pg_catalog, kolmetrics" >/dev/null
if [ "$(tail -n1 <<<"$plant")" = 33 ]; then
	pass "planted 32 hostile functions and 22 operators in evil and public"
else
	fail "planting hostile objects"; echo "$plant" | sed 's/^/#   /'
fi

# The plants are live: an unqualified built-in comparison now hits them (so the checks
# below can fail).
is "control: unqualified bigint <= resolves to the hostile operator" \
	"ERROR:  HOSTILE evil.hostile_bool(a bigint, b bigint) RETURNS boolean" \
	"SELECT 1::bigint <= 2::bigint"
is "control: unqualified text = resolves to the hostile operator" \
	"ERROR:  HOSTILE evil.hostile_bool(a text, b text) RETURNS boolean" \
	"SELECT 'a'::text = 'a'::text"

# ---------------------------------------------------------------------------
# 2. CREATE EXTENSION with the hostile search_path.
# ---------------------------------------------------------------------------
out=$(sql -c 'SHOW search_path' -c 'CREATE EXTENSION kolmetrics')
if [ "$out" = "evil, public, pg_catalog, kolmetrics" ]; then
	pass "CREATE EXTENSION with search_path evil, public, pg_catalog calls no planted object"
else
	fail "CREATE EXTENSION with a hostile search_path"; echo "$out" | sed 's/^/#   /'
fi

# Hostile operators on our own types, planted after install, before the calls.
sql >/dev/null <<-'EOF'
	DO $do$
	DECLARE s text;
	BEGIN
		FOREACH s IN ARRAY ARRAY['evil', 'public'] LOOP
			EXECUTE format('CREATE FUNCTION %I.hostile_bool(a kolmetrics.tier, b kolmetrics.tier) RETURNS boolean LANGUAGE plpgsql AS %L', s, 'BEGIN RAISE EXCEPTION ''HOSTILE kol_tier operator''; END');
			EXECUTE format('CREATE OPERATOR %I.< (LEFTARG = kolmetrics.tier, RIGHTARG = kolmetrics.tier, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.> (LEFTARG = kolmetrics.tier, RIGHTARG = kolmetrics.tier, FUNCTION = %I.hostile_bool)', s, s);
			EXECUTE format('CREATE OPERATOR %I.= (LEFTARG = kolmetrics.tier, RIGHTARG = kolmetrics.tier, FUNCTION = %I.hostile_bool)', s, s);
		END LOOP;
	END
	$do$;
EOF

# ---------------------------------------------------------------------------
# 3. Our functions, called schema-qualified under the hostile search_path, as the owner
#    and as an ordinary role.  Expected values: 34/1000; (120+30+10+40)/10000 = 0.02;
#    150000 is mid (100000 <= f < 500000) in the default and Later schemes;
#    50000 is 腰部 on Xiaohongshu (50000 <= f < 500000).
# ---------------------------------------------------------------------------
calls="SELECT kolmetrics.engagement_rate(34::bigint, 1000::bigint),
       kolmetrics.engagement_rate(120::bigint, 30::bigint, 10::bigint, 40::bigint, 10000::bigint),
       kolmetrics.kol_tier(150000::bigint),
       kolmetrics.tier_label(150000::bigint, 'later'::text),
       kolmetrics.tier_label(50000::bigint, 'xiaohongshu'::text)"
is "owner: our functions run, not the planted ones" "0.034|0.02|mid|mid|腰部" "$calls"
is "ordinary role: our functions run, not the planted ones" "0.034|0.02|mid|mid|腰部" \
	"SET ROLE $ROLE; $calls"
is "ordinary role: errors are ours (22023 unknown scheme)" \
	'ERROR:  unknown tier scheme "nosuch"' \
	"SET ROLE $ROLE; SELECT kolmetrics.tier_label(5::bigint, 'nosuch'::text)"
is "negative followers: our check_followers raises, not the planted one" \
	'ERROR:  followers must not be negative: -1' \
	"SELECT kolmetrics.kol_tier((-1)::bigint)"

# configuration edits run the triggers (upsert, deferred order check) under the hostile path;
# with micro moved to 5000, 9999 followers are micro; scheme "mine": 41 small, 42 big
is "owner: configuration edits and their triggers run under the hostile search_path" \
	"micro|5000
mine|0|small
mine|42|big
micro|small|big" \
	"BEGIN;
	 INSERT INTO kolmetrics.tier_threshold VALUES ('micro', 5000);
	 INSERT INTO kolmetrics.tier_scheme (scheme, label, min_followers) VALUES ('mine', 'small', 0), ('mine', 'big', 42);
	 SET CONSTRAINTS ALL IMMEDIATE;
	 SELECT tier, min_followers FROM kolmetrics.tier_threshold WHERE tier OPERATOR(pg_catalog.=) 'micro';
	 SELECT scheme, min_followers, label FROM kolmetrics.tier_scheme
	  WHERE scheme OPERATOR(pg_catalog.=) 'mine' ORDER BY min_followers;
	 SELECT kolmetrics.kol_tier(9999::bigint), kolmetrics.tier_label(41::bigint, 'mine'::text),
	        kolmetrics.tier_label(42::bigint, 'mine'::text);
	 ROLLBACK;"
is "owner: an out-of-order edit is still caught (23514) under the hostile search_path" \
	"ERROR:  tier thresholds out of order: nano starts at 20000 followers but micro starts at 10000" \
	"BEGIN;
	 UPDATE kolmetrics.tier_threshold SET min_followers = 20000 WHERE tier OPERATOR(pg_catalog.=) 'nano';
	 COMMIT;"

# ---------------------------------------------------------------------------
# 4. Catalog checks over every member of the extension (later concepts included).
# ---------------------------------------------------------------------------
members="SELECT p.oid, p.oid::regprocedure AS sig, p.prosecdef, p.proconfig, p.prosqlbody,
                l.lanname, p.prokind
           FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid AND d.classid = 'pg_proc'::regclass
           JOIN pg_language l ON l.oid = p.prolang
          WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
            AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kolmetrics')"
is "the only SECURITY DEFINER members are config_record and text_config_touch, and PUBLIC may not execute them" "kolmetrics.config_record()|f
kolmetrics.text_config_touch()|f" \
	"SET search_path = pg_catalog; SELECT sig, has_function_privilege('$ROLE', m.oid, 'EXECUTE') FROM ($members) m WHERE prosecdef ORDER BY 1"
# config_record (which writes config_state as its owner) refuses to run for any table
# but the extension's configuration tables, even attached to a look-alike table.
out=$(sql -v VERBOSITY=sqlstate <<-SQL
	\set ON_ERROR_STOP 0
	SET client_min_messages = warning;
	CREATE SCHEMA lookalike;
	CREATE TABLE lookalike.tier_threshold (tier text, min_followers bigint);
	CREATE TRIGGER record AFTER INSERT ON lookalike.tier_threshold
		FOR EACH STATEMENT EXECUTE FUNCTION kolmetrics.config_record();
	INSERT INTO lookalike.tier_threshold VALUES ('mega', 0);
	SELECT count(*) FROM kolmetrics.config_state;
	DROP SCHEMA lookalike CASCADE;
SQL
)
if [ "$out" = "ERROR:  42501
0" ]; then
	pass "config_record attached to another table refuses (42501) and records nothing"
else
	fail "config_record on a look-alike table"; echo "$out" | sed 's/^/#   /'
fi
# text_config_touch (which bumps text_config_version as its owner) likewise refuses any
# table but the text lexicon tables.
out=$(sql -v VERBOSITY=sqlstate <<-SQL
	\set ON_ERROR_STOP 0
	SET client_min_messages = warning;
	CREATE SCHEMA lookalike;
	CREATE TABLE lookalike.lexicon (term text);
	CREATE TRIGGER touch AFTER INSERT ON lookalike.lexicon
		FOR EACH STATEMENT EXECUTE FUNCTION kolmetrics.text_config_touch();
	SELECT version AS v0 FROM kolmetrics.text_config_version \gset
	INSERT INTO lookalike.lexicon VALUES ('x');
	SELECT version = :v0 FROM kolmetrics.text_config_version;
	DROP SCHEMA lookalike CASCADE;
SQL
)
if [ "$out" = "ERROR:  42501
t" ]; then
	pass "text_config_touch attached to another table refuses (42501) and bumps nothing"
else
	fail "text_config_touch on a look-alike table"; echo "$out" | sed 's/^/#   /'
fi
is "every SQL or PL member function has a BEGIN ATOMIC body or a pinned search_path" "" \
	"SET search_path = pg_catalog;
	 SELECT sig || ' (' || lanname || ')' FROM ($members) m
	  WHERE lanname NOT IN ('c', 'internal') AND prosqlbody IS NULL
	    AND NOT coalesce(EXISTS (SELECT FROM unnest(proconfig) c WHERE c LIKE 'search\_path=%'), false)
	  ORDER BY 1"
spi=$(grep -lE '\bSPI_(connect|execute|exec|prepare|cursor_open)' src/*.c 2>/dev/null)
unpinned=""
# km_spi_select (src/km_pg.c) is the shared reader that pins it
for f in $spi; do grep -qE 'search_path|km_spi_select' "$f" || unpinned="$unpinned $f"; done
if [ -z "$unpinned" ]; then
	pass "C code that runs SQL pins search_path (files using SPI: ${spi:-none})"
else
	fail "C files run SQL through SPI without pinning search_path:$unpinned"
fi

# ---------------------------------------------------------------------------
# 5. Privileges of an ordinary role.
# ---------------------------------------------------------------------------
is "ordinary role: USAGE on the schema and EXECUTE on every member function" "" \
	"SET search_path = pg_catalog;
	 SELECT 'no USAGE on schema kolmetrics' WHERE NOT has_schema_privilege('$ROLE', 'kolmetrics', 'USAGE')
	 UNION ALL
	 SELECT 'no EXECUTE on ' || sig FROM ($members) m WHERE NOT has_function_privilege('$ROLE', m.oid, 'EXECUTE')
	   AND sig::text NOT IN ('kolmetrics.config_record()', 'kolmetrics.text_config_touch()')"
is "ordinary role: USAGE on every member type" "" \
	"SET search_path = pg_catalog;
	 SELECT t.oid::regtype::text FROM pg_depend d JOIN pg_type t ON t.oid = d.objid AND d.classid = 'pg_type'::regclass
	  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kolmetrics')
	    AND NOT has_type_privilege('$ROLE', t.oid, 'USAGE')"
conf=$(sql -c "SET search_path = pg_catalog;
	SELECT unnest(extconfig)::regclass FROM pg_extension WHERE extname = 'kolmetrics'
	UNION SELECT unnest('{kolmetrics.tier_threshold,kolmetrics.tier_scheme,kolmetrics.emv_rate}'::regclass[])
	ORDER BY 1")
[ -n "$conf" ] || fail "no configuration tables registered with pg_extension_config_dump"
for tb in $conf; do
	is "ordinary role: may read $tb, not insert, update, delete or truncate it" "t|f|f|f|f" \
		"SET search_path = pg_catalog;
		 SELECT has_table_privilege('$ROLE', '$tb', 'SELECT'), has_table_privilege('$ROLE', '$tb', 'INSERT'),
		        has_table_privilege('$ROLE', '$tb', 'UPDATE'), has_table_privilege('$ROLE', '$tb', 'DELETE'),
		        has_table_privilege('$ROLE', '$tb', 'TRUNCATE')"
	out=$(sql -v VERBOSITY=sqlstate <<-SQL
		SET ROLE $ROLE;
		\set ON_ERROR_STOP 0
		SELECT count(*) >= 0 FROM $tb;
		UPDATE $tb SET $(sql -c "SET search_path = pg_catalog; SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '$tb'::regclass AND attnum = 1") = NULL;
		DELETE FROM $tb;
		TRUNCATE $tb;
	SQL
	)
	if [ "$out" = "t
ERROR:  42501
ERROR:  42501
ERROR:  42501" ]; then
		pass "ordinary role: reads $tb; UPDATE, DELETE, TRUNCATE are refused (42501)"
	else
		fail "ordinary role edits $tb"; echo "$out" | sed 's/^/#   /'
	fi
done
out=$(sql -v VERBOSITY=sqlstate <<-SQL
	SET ROLE $ROLE;
	\set ON_ERROR_STOP 0
	INSERT INTO kolmetrics.tier_threshold VALUES ('micro', 1);
	INSERT INTO kolmetrics.tier_scheme VALUES ('mine', 'x', 0);
SQL
)
if [ "$out" = "ERROR:  42501
ERROR:  42501" ]; then
	pass "ordinary role: INSERT into tier_threshold and tier_scheme refused (42501)"
else
	fail "ordinary role inserts configuration"; echo "$out" | sed 's/^/#   /'
fi
# once granted, the role can edit (the upsert trigger deletes as the caller: DELETE too)
is "ordinary role granted INSERT, UPDATE, DELETE on tier_scheme can add a scheme, recorded in config_state" "small
recorded" \
	"BEGIN;
	 GRANT INSERT, UPDATE, DELETE ON kolmetrics.tier_scheme TO $ROLE;
	 SET ROLE $ROLE;
	 INSERT INTO kolmetrics.tier_scheme (scheme, label, min_followers) VALUES ('mine', 'small', 0);
	 SELECT kolmetrics.tier_label(7::bigint, 'mine'::text);
	 RESET ROLE;
	 SET search_path = pg_catalog;
	 SELECT CASE WHEN contents @> '[{\"scheme\": \"mine\"}]' THEN 'recorded' END FROM kolmetrics.config_state WHERE config = 'tier_scheme';
	 ROLLBACK;"

# ---------------------------------------------------------------------------
# 6. A schema kolmetrics created beforehand by an ordinary role is refused.
# ---------------------------------------------------------------------------
"$PGBIN/dropdb" --if-exists "${DB}_pre" 2>/dev/null
"$PGBIN/createdb" "${DB}_pre"
out=$("$PGBIN/psql" -X -At -q -d "${DB}_pre" 2>&1 <<-SQL
	CREATE SCHEMA kolmetrics AUTHORIZATION $BAD;
	SET ROLE $BAD;
	CREATE FUNCTION kolmetrics.engagement_rate(a integer, b integer) RETURNS float8
		LANGUAGE sql AS 'SELECT -1::float8';
	RESET ROLE;
	\set VERBOSITY sqlstate
	CREATE EXTENSION kolmetrics;
	SELECT count(*) FROM pg_extension WHERE extname = 'kolmetrics';
SQL
)
if [ "$out" = "ERROR:  42501
0" ]; then
	pass "CREATE EXTENSION refuses a schema kolmetrics owned by an ordinary role (42501)"
else
	fail "CREATE EXTENSION into a schema kolmetrics owned by an ordinary role"; echo "$out" | sed 's/^/#   /'
fi
"$PGBIN/dropdb" --if-exists "${DB}_pre" 2>/dev/null
"$PGBIN/dropdb" --if-exists "$DB" 2>/dev/null

echo "1..$t"
exit $status
