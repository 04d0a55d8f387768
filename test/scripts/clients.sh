#!/usr/bin/env bash
# Client-driver test (TAP): the README's analyst queries (test/clients/queries.json) run
# unchanged through psycopg2, pgjdbc, psqlODBC (pyodbc) and node-postgres, with parameters
# bound the way each driver binds them, and compared with psql running the same SQL with the
# parameters inlined as typed literals (test/clients/reference.py, compare.py).  One TAP
# line per driver per case.  Starts its own server listening on 127.0.0.1 (JDBC needs TCP).
set -uo pipefail
cd "$(dirname "$0")/../.."
TOP=$PWD
CL=$TOP/test/clients
unset PGHOST PGPORT PGTMP PGUSER PGDATABASE PGOPTIONS PGSERVICE PGSERVICEFILE PGTZ
# One time zone for the server (initdb takes it from TZ), psql, the JVM and node, so that a
# timestamptz a driver shows without its offset (JDBC's Timestamp, ODBC) is read as UTC.
export TZ=UTC
. test/pgtmp.sh
PY=/usr/bin/python3          # Debian's, which has python3-psycopg2 and python3-pyodbc
start=$(date +%s)
SCRATCH=$(mktemp -d /tmp/kolmetrics-clients.XXXXXX)
trap 'pgtmp_stop; rm -rf "$SCRATCH"' EXIT
if [ ! -f "$KM_DESTDIR$("$PG_CONFIG" --sharedir)/extension/kolmetrics.control" ]; then
	bash test/setup.sh >"$SCRATCH/setup.log" 2>&1 || { echo "Bail out! setup failed"; tail -n 20 "$SCRATCH/setup.log"; exit 1; }
fi
pgtmp_start "listen_addresses = '127.0.0.1'" || { echo "Bail out! no server"; exit 1; }
DB=kolmetrics_clients
"$PGBIN/createdb" "$DB" || { echo "Bail out! createdb"; exit 1; }
"$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["setup"])' "$CL/queries.json" >"$SCRATCH/setup.sql"
if ! { echo 'CREATE EXTENSION kolmetrics;'; echo 'SET search_path = kolmetrics, public;'; cat "$SCRATCH/setup.sql"; } |
	"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$DB" >"$SCRATCH/setup-db.log" 2>&1; then
	echo "Bail out! setup SQL of queries.json failed"; sed 's/^/# /' "$SCRATCH/setup-db.log"; exit 1
fi

# The reference: psql with the search path every driver's connection sets.
PGOPTIONS='-csearch_path=kolmetrics,public' PGDATABASE=$DB \
	"$PY" "$CL/reference.py" "$CL/queries.json" "$PGBIN/psql" >"$SCRATCH/psql.jsonl" 2>"$SCRATCH/psql.err"

run() { # run NAME COMMAND...: a driver's JSON lines into $SCRATCH/NAME.jsonl
	local name=$1; shift
	"$@" >"$SCRATCH/$name.jsonl" 2>"$SCRATCH/$name.err" ||
		{ echo "# $name runner exited with status $?:"; tail -n 15 "$SCRATCH/$name.err" | sed 's/^/#   /'; }
}
run psycopg2 "$PY" "$CL/run_python.py" psycopg2 "$CL/queries.json" 127.0.0.1 "$PGPORT" "$DB"
run jdbc java -cp /usr/share/java/postgresql.jar "$CL/Clients.java" "$CL/queries.json" 127.0.0.1 "$PGPORT" "$DB"
run odbc "$PY" "$CL/run_python.py" odbc "$CL/queries.json" 127.0.0.1 "$PGPORT" "$DB"
if [ ! -d "$CL/node_modules/pg" ]; then
	npm ci --prefix "$CL" --no-audit --no-fund >"$SCRATCH/npm.log" 2>&1 ||
		{ echo "# npm ci failed:"; tail -n 15 "$SCRATCH/npm.log" | sed 's/^/#   /'; }
fi
run node node "$CL/clients.js" "$CL/queries.json" 127.0.0.1 "$PGPORT" "$DB"

"$PY" "$CL/compare.py" "$CL/queries.json" "$SCRATCH/psql.jsonl" psycopg2="$SCRATCH/psycopg2.jsonl" \
	jdbc="$SCRATCH/jdbc.jsonl" odbc="$SCRATCH/odbc.jsonl" node="$SCRATCH/node.jsonl"
status=$?
[ -n "${CLIENTS_KEEP:-}" ] && cp "$SCRATCH"/*.jsonl "$CLIENTS_KEEP"/ 2>/dev/null
echo "# clients.sh took $(( $(date +%s) - start )) s"
exit $status
