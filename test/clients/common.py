"""Shared by the Python parts of the client-driver tests (test/scripts/clients.sh)."""
import json


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def split_placeholders(sql):
    """The SQL cut at each ? placeholder outside quoted strings and identifiers."""
    parts, cur, quote = [], [], None
    for ch in sql:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            cur.append(ch)
        elif ch == "?":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def convert(sql, style):
    """? placeholders as a driver wants them: 'pyformat' (%s, and % doubled), 'qmark' (?), 'numeric' ($1..$n)."""
    parts = split_placeholders(sql)
    if style == "pyformat":
        parts = [p.replace("%", "%%") for p in parts]
    out = parts[0]
    for k, p in enumerate(parts[1:], 1):
        out += {"pyformat": "%s", "qmark": "?", "numeric": "$%d" % k}[style] + p
    return out


def pg_array_literal(items):
    """A one-dimensional PostgreSQL array literal of text items."""
    def q(x):
        if x is None:
            return "NULL"
        return '"' + x.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "{" + ",".join(q(x) for x in items) + "}"


def parse_pg_array(text):
    """A one-dimensional PostgreSQL array's text form as a list of str / None."""
    assert text[0] == "{" and text[-1] == "}", text
    body, out, i = text[1:-1], [], 0
    if body == "":
        return out
    while i <= len(body):
        if i < len(body) and body[i] == '"':
            i += 1
            buf = []
            while body[i] != '"':
                if body[i] == "\\":
                    i += 1
                buf.append(body[i])
                i += 1
            i += 1
            out.append("".join(buf))
        else:
            j = body.find(",", i)
            j = len(body) if j < 0 else j
            tok = body[i:j].strip()
            out.append(None if tok.upper() == "NULL" else tok)
            i = j
        i += 1  # the comma
    return out


def emit(name, columns=None, error=None):
    """One JSON line: {name, ok, columns: [{name, type, kinds, values}], error}."""
    print(json.dumps({"name": name, "ok": error is None, "columns": columns or [], "error": error},
                     ensure_ascii=False), flush=True)
