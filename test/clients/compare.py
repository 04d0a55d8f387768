#!/usr/bin/python3
"""Compares each driver's results with psql's reference and prints TAP, one line per driver
per case.  Usage: compare.py QUERIES.json REFERENCE.jsonl DRIVER=RESULTS.jsonl ...

A case passes for a driver when psql (parameters inlined as typed literals) and the driver
agree: same columns, each column's type (the driver's type OID or name mapped to the
PostgreSQL type name; for ODBC, which reports no PostgreSQL type, the Python type psqlODBC
maps it to), the same values as text (double precision within 1e-12 relative), booleans
arriving as the driver's boolean type.  An expect_error case passes when both fail with the
same SQLSTATE, message, detail and hint.  A case whose reference fails although it should not
is not ok for every driver: there is nothing to compare with (the driver's own outcome is
shown)."""
import json, math, re, sys
from datetime import datetime, timezone
from common import load, parse_pg_array

FLOAT_TYPES = {"double precision", "real"}
BOOL_KINDS = {"bool", "Boolean", "boolean"}
ODBC_KIND = {"bigint": "int", "integer": "int", "smallint": "int", "double precision": "float",
             "real": "float", "numeric": "Decimal", "boolean": "bool",
             "timestamp with time zone": "datetime"}
TS_TYPES = {"timestamp with time zone"}


def read(path):
    out = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line.startswith("{"):
                    r = json.loads(line)
                    out[r["name"]] = r
    except OSError:
        pass
    return out


def fmt_err(e):
    s = "%s %s" % (e.get("sqlstate"), (e.get("message") or "").split("\n")[0])
    return s


def same_float(a, b):
    x, y = float(a), float(b)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if x == y:
        return True
    return abs(x - y) <= 1e-12 * max(abs(x), abs(y))


def instant(text):
    """A timestamptz's text as each side prints it (psql '...+00', Python '...+00:00', JDBC
    '... 00:00:00.0' in the JVM's zone, node ISO 'T...Z', ODBC in the server's zone) as an
    instant; clients.sh runs the server and every client with TZ=UTC, so a time without an
    offset is UTC."""
    t = text.strip().replace("T", " ").replace("Z", "+00:00")
    m = re.match(r"^(.* \d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?$", t)
    if m:
        t = "%s%s:%s" % (m.group(1), m.group(2), m.group(3) or "00")
    d = datetime.fromisoformat(t)
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def compare(driver, case, ref, got):
    """None when equal, else a list of reasons."""
    if got is None:
        return ["no result from the %s runner (see its stderr above)" % driver]
    if case.get("expect_error"):
        if ref["ok"]:
            return ["reference did not fail"]
        if got["ok"]:
            return ["driver did not fail; expected %s" % fmt_err(ref["error"])]
        bad = []
        # psqlODBC puts the message and the DETAIL in the diagnostic text but drops the HINT
        fields = ("sqlstate", "message", "detail") if driver == "odbc" else ("sqlstate", "message", "detail", "hint")
        for k in fields:
            if (ref["error"].get(k) or None) != (got["error"].get(k) or None):
                bad.append("%s: driver %r, psql %r" % (k, got["error"].get(k), ref["error"].get(k)))
        return bad or None
    if not ref["ok"]:
        own = ("driver failed too: " + fmt_err(got["error"])) if not got["ok"] else \
              ("driver returned " + json.dumps([c["values"] for c in got["columns"]], ensure_ascii=False)[:200])
        return ["reference (psql, typed literals) failed: " + fmt_err(ref["error"]), own]
    if not got["ok"]:
        return ["driver error: " + fmt_err(got["error"])]
    rc, gc = ref["columns"], got["columns"]
    if len(rc) != len(gc):
        return ["%d columns, psql %d" % (len(gc), len(rc))]
    bad = []
    for r, g in zip(rc, gc):
        want = ODBC_KIND.get(r["type"], "str") if driver == "odbc" else r["type"]
        if g["type"] != want:
            bad.append("column %s: type %s, expected %s" % (r["name"], g["type"], want))
        if len(r["values"]) != len(g["values"]):
            bad.append("column %s: %d rows, psql %d" % (r["name"], len(g["values"]), len(r["values"])))
            continue
        for n, (rv, gv, gk) in enumerate(zip(r["values"], g["values"], g["kinds"]), 1):
            if r["type"] == "boolean" and gv is not None and gk not in BOOL_KINDS:
                bad.append("column %s row %d: boolean arrived as %s" % (r["name"], n, gk))
            if rv is None or gv is None:
                ok = rv is None and gv is None
            elif isinstance(gv, list):
                ok = r["type"].endswith("[]") and parse_pg_array(rv) == gv
            elif r["type"] in FLOAT_TYPES:
                ok = same_float(rv, gv)
            elif r["type"] in TS_TYPES:
                ok = instant(rv) == instant(gv)
            else:
                ok = rv == gv
            if not ok:
                bad.append("column %s row %d: %s, psql %s" % (r["name"], n, json.dumps(gv, ensure_ascii=False)[:300],
                                                             json.dumps(rv, ensure_ascii=False)[:300]))
    return bad or None


def main():
    q = load(sys.argv[1])
    ref = read(sys.argv[2])
    drivers = [a.split("=", 1) for a in sys.argv[3:]]
    results = {d: read(p) for d, p in drivers}
    t, failed = 0, []
    print("1..%d" % (len(q["cases"]) * len(drivers)))
    for case in q["cases"]:
        r = ref.get(case["name"])
        for d, _ in drivers:
            t += 1
            if r is None:
                reasons = ["no reference result (psql)"]
            else:
                reasons = compare(d, case, r, results[d].get(case["name"]))
            if reasons is None:
                print("ok %d - %s: %s" % (t, d, case["name"]))
            else:
                print("not ok %d - %s: %s: %s" % (t, d, case["name"], reasons[0]))
                for x in reasons[1:]:
                    print("#   " + x)
                failed.append((d, case["name"], reasons[0]))
    print("# %d of %d failed" % (len(failed), t))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
