#!/usr/bin/python3
"""Runs every case through psycopg2 or through psqlODBC (pyodbc), binding each parameter as an
application would, and prints one JSON line per case (common.emit).
Usage: run_python.py psycopg2|odbc QUERIES.json HOST PORT DBNAME"""
import decimal, re, sys
from common import load, convert, pg_array_literal, emit

# What the README documents (section "Connecting from clients"); keep the two in step.
ODBC_DRIVER = "PostgreSQL Unicode"
ODBC_CONN = ("Driver={{{driver}}};Servername={host};Port={port};Database={db};Username=postgres;"
             "pqopt={{options=-csearch_path=kolmetrics,public}};"
             "UnknownsAsLongVarchar=1;MaxVarcharSize=65535;BoolsAsChar=0")


def value(p, driver):
    k, v = p["kind"], p["value"]
    if k == "null":
        return None
    if k == "int":
        return int(v)
    if k == "float":
        return float(v)
    if k == "decimal":
        return decimal.Decimal(v)
    if k == "list_of_string":
        # psycopg2 sends a list as ARRAY['a', 'b']; ODBC has no array parameters: an
        # application passes the array's text form as a string.
        return list(v) if driver == "psycopg2" else pg_array_literal(v)
    return v  # string, bool


def text_of(v):
    """(kind, text) of a fetched value: its Python type and PostgreSQL-like text."""
    if v is None:
        return "null", None
    if isinstance(v, bool):
        return "bool", "t" if v else "f"
    if isinstance(v, int):
        return "int", str(v)
    if isinstance(v, float):
        return "float", repr(v)
    if isinstance(v, decimal.Decimal):
        return "Decimal", format(v, "f")
    if isinstance(v, list):
        return "list", [text_of(x)[1] for x in v]
    if isinstance(v, str):
        return "str", v
    return type(v).__name__, str(v)


def odbc_error(e):
    """pyodbc gives (sqlstate, '[sqlstate] ERROR: message\\nDETAIL: ...\\nHINT: ...;\\nError while ...')."""
    state = e.args[0] if e.args else None
    text = e.args[1] if len(e.args) > 1 else str(e)
    text = re.sub(r"^\[[0-9A-Z]{5}\] ", "", text)
    text = re.sub(r";\n(Error while [^\n]*|[^\n]*\(SQL[A-Za-z]+\))$", "", text, flags=re.S)
    err = {"sqlstate": state, "message": text, "detail": None, "hint": None, "raw": e.args[1] if len(e.args) > 1 else None}
    m = re.match(r"^(?:ERROR|FATAL): (.*?)(?:\nDETAIL: (.*?))?(?:\nHINT: (.*?))?$", text, re.S)
    if m:
        err["message"], err["detail"], err["hint"] = m.group(1), m.group(2), m.group(3)
    return err


def main():
    driver, qpath, host, port, db = sys.argv[1:6]
    q = load(qpath)
    if driver == "psycopg2":
        import psycopg2
        conn = psycopg2.connect(host=host, port=port, dbname=db, user="postgres",
                                options="-csearch_path=kolmetrics,public")
        conn.autocommit = True
        style = "pyformat"
    else:
        import pyodbc
        conn = pyodbc.connect(ODBC_CONN.format(driver=ODBC_DRIVER, host=host, port=port, db=db), autocommit=True)
        style = "qmark"
    typenames = {}
    for case in q["cases"]:
        sql = convert(case["sql"], style)
        params = [value(p, driver) for p in case["params"]]
        cur = conn.cursor()
        try:
            if driver == "psycopg2":
                cur.execute(sql, params)
            else:
                cur.execute(sql, *params) if params else cur.execute(sql)
            rows = cur.fetchall()
            desc = cur.description
        except Exception as e:
            if driver == "psycopg2":
                d = getattr(e, "diag", None)
                err = {"sqlstate": getattr(e, "pgcode", None),
                       "message": d.message_primary if d else str(e),
                       "detail": d.message_detail if d else None,
                       "hint": d.message_hint if d else None}
            else:
                err = odbc_error(e)
            emit(case["name"], error=err)
            continue
        cols = []
        for i, dsc in enumerate(desc):
            if driver == "psycopg2":
                oid = dsc[1]
                if oid not in typenames:
                    c2 = conn.cursor()
                    c2.execute("SELECT format_type(%s, NULL)", (oid,))
                    typenames[oid] = c2.fetchone()[0]
                ty = typenames[oid]
            else:
                ty = dsc[1].__name__  # ODBC tells the Python type it maps the SQL type to
            kv = [text_of(r[i]) for r in rows]
            cols.append({"name": dsc[0], "type": ty, "kinds": [k for k, _ in kv], "values": [v for _, v in kv]})
        emit(case["name"], columns=cols)


if __name__ == "__main__":
    main()
