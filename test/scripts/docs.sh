#!/usr/bin/env bash
# Every SQL-callable function and aggregate of the extension is documented in README.md
# (as "name(" in the reference), and every function named in the README's reference
# headings exists.  Type I/O, aggregate support, operator, cast and trigger functions are
# internal and exempt.  TAP output.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=kolmetrics_docs_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" || exit 1
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"' EXIT
psql -X -q -d $db -c "CREATE EXTENSION kolmetrics" || exit 1
names=$(psql -X -At -d $db <<'SQL'
SELECT DISTINCT p.proname
  FROM pg_proc p
  JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 WHERE p.prorettype <> 'trigger'::regtype
   AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend,
                                                          t.typmodin, t.typmodout, t.typanalyze))
   AND NOT EXISTS (SELECT 1 FROM pg_aggregate a WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                                                               a.aggserialfn, a.aggdeserialfn, a.aggmtransfn,
                                                               a.aggminvtransfn, a.aggmfinalfn))
   AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = p.oid OR o.oprrest = p.oid OR o.oprjoin = p.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_cast c WHERE c.castfunc = p.oid)
 ORDER BY 1
SQL
)
n=0
for f in $names; do
	n=$((n + 1))
	if grep -qE "(^|[^a-z_])$f\(" README.md; then echo "ok $n - README documents $f"
	else echo "not ok $n - README does not document $f"; fi
done
# every heading of the form #### `name(...)` names an existing function
for f in $(grep -oE '^#### `[a-z_0-9]+\(' README.md | sed -E 's/^#### `//; s/\($//' | sort -u); do
	n=$((n + 1))
	if printf '%s\n' $names | grep -qx "$f"; then echo "ok $n - $f in the README exists"
	else echo "not ok $n - README documents $f, which the extension does not have"; fi
done
echo "1..$n"
