#!/usr/bin/python3
"""The expected result of every case: psql runs the case's SQL with each parameter inlined as a
typed literal (int -> bigint, float -> float8, decimal -> numeric, string -> text,
list_of_string -> text[], bool -> boolean, null -> NULL), reads each column's type (\\gdesc, the
type pg_typeof reports) and value as text (CSV output), and the error fields of a failing case
(VERBOSITY verbose).  Usage: reference.py QUERIES.json PSQL (connection from PG* variables)."""
import csv, io, subprocess, sys
from common import load, split_placeholders, emit

NULL = "@@kolmetrics-null@@"
SPLIT = "@@kolmetrics-split@@"


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def literal(p):
    k, v = p["kind"], p["value"]
    if k == "null":
        return "NULL"
    if k == "int":
        return quote(str(int(v))) + "::bigint"
    if k == "float":
        return quote(repr(float(v))) + "::float8"
    if k == "decimal":
        return quote(str(v)) + "::numeric"
    if k == "string":
        return quote(v) + "::text"
    if k == "bool":
        return "true" if v else "false"
    if k == "list_of_string":
        return "ARRAY[" + ", ".join(quote(x) for x in v) + "]::text[]"
    raise ValueError(k)


def inline(case):
    parts = split_placeholders(case["sql"])
    assert len(parts) == len(case["params"]) + 1, case["name"]
    out = parts[0]
    for p, rest in zip(case["params"], parts[1:]):
        out += literal(p) + rest
    return out


def parse_error(stderr):
    """The last ERROR block of psql's verbose stderr as {sqlstate, message, detail, hint}."""
    err, field = None, None
    for line in stderr.splitlines():
        if "ERROR:  " in line and (line.startswith("psql:") or line.startswith("ERROR:")):
            rest = line.split("ERROR:  ", 1)[1]
            code, msg = rest.split(": ", 1)
            err = {"sqlstate": code, "message": msg, "detail": None, "hint": None}
            field = "message"
            continue
        if err is None:
            continue
        label = line.split(":  ", 1)[0]
        if label in ("DETAIL", "HINT", "QUERY", "CONTEXT", "LOCATION", "STATEMENT"):
            field = label.lower()
            if field in ("detail", "hint"):
                err[field] = line.split(":  ", 1)[1]
        elif field == "message" and (line.startswith("LINE ") or line.strip() == "^" or line.strip().endswith("^")):
            field = "position"  # psql's quote of the query around the error position
        elif field in ("message", "detail", "hint") and err.get(field) is not None:
            err[field] += "\n" + line
    return err


def main():
    q, psql = load(sys.argv[1]), sys.argv[2]
    for case in q["cases"]:
        sql = inline(case)
        script = ("\\set VERBOSITY verbose\n\\pset format csv\n\\pset tuples_only on\n"
                  "\\pset null '%s'\n%s \\gdesc\n\\echo %s\n%s ;\n" % (NULL, sql, SPLIT, sql))
        r = subprocess.run([psql, "-X", "-q", "-f", "-"], input=script, capture_output=True,
                           text=True, encoding="utf-8")
        desc, _, data = r.stdout.partition(SPLIT + "\n")
        if "ERROR:" in r.stderr:
            emit(case["name"], error=parse_error(r.stderr))
            continue
        cols = [{"name": row[0], "type": row[1], "kinds": [], "values": []}
                for row in csv.reader(io.StringIO(desc))]
        for row in csv.reader(io.StringIO(data)):
            assert len(row) == len(cols), (case["name"], row)
            for c, v in zip(cols, row):
                c["values"].append(None if v == NULL else v)
                c["kinds"].append("text")
        emit(case["name"], columns=cols)


if __name__ == "__main__":
    main()
