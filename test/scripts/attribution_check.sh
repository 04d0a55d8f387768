#!/usr/bin/env bash
# Attribution against a second implementation in python (TAP), written from the
# definitions in doc/attribution.md, not from the C code:
#   - markov_attribution on random path sets (3 to 40 channels, converting and not, repeated
#     channels, direct visits): the conversion probability and every removal effect equal a
#     numpy solve of the absorbing chain built from the paths to 1e-9; shares and attributed
#     conversions follow; attributed values add up exactly to the converting value and lie
#     within one unit of value * share; the three-channel example of sql/attribution.sql
#     in exact fractions;
#   - attribute() on 3,000 random conversions per model: last_touch, first_touch, linear
#     and position credits equal an exact largest-remainder split in python Fractions
#     (ties to the later touchpoint) exactly; time_decay credits add up exactly and lie
#     within one unit of value * 2^(-age/half_life) / sum; the lookback drops the same
#     touchpoints.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin attribution
PY=/usr/bin/python3
"$PGBIN/dropdb" --if-exists attr_check 2>/dev/null
"$PGBIN/createdb" attr_check || { echo "Bail out! createdb"; exit 1; }
"$PGBIN/psql" -X -q -d attr_check -c "CREATE EXTENSION kolmetrics" || { echo "Bail out! extension"; exit 1; }
PGDATABASE=attr_check "$PY" - <<'PY'
import os, sys
from fractions import Fraction
from decimal import Decimal
import numpy as np
import psycopg2
from psycopg2.extras import execute_values

conn = psycopg2.connect(dbname="attr_check", host=os.environ["PGHOST"], port=os.environ["PGPORT"],
                        user=os.environ.get("PGUSER", "postgres"),
                        options="-csearch_path=kolmetrics,public -cTimeZone=UTC")
conn.autocommit = True
cur = conn.cursor()
t = 0
status = 0

def check(cond, name):
    global t, status
    t += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (t, name))
    if not cond:
        status = 1

# ---------------------------------------------------------------- Markov
def markov(paths):
    """Removal effects from paths [(channels, converted)] by numpy (dense solve)."""
    chans = sorted({c for p, _ in paths for c in p}, key=lambda s: s.encode())
    idx = {c: i + 1 for i, c in enumerate(chans)}
    n = len(chans) + 1                  # start + channels
    T = np.zeros((n, n)); conv = np.zeros(n); null = np.zeros(n)
    for p, cv in paths:
        s = 0
        for c in p:
            T[s, idx[c]] += 1; s = idx[c]
        (conv if cv else null)[s] += 1
    def p_conv(removed):
        out = T.sum(1) + conv + null
        Q = np.divide(T, out[:, None], out=np.zeros_like(T), where=out[:, None] > 0)
        r = np.divide(conv, out, out=np.zeros_like(conv), where=out > 0)
        if removed is not None:
            Q[removed, :] = 0; r[removed] = 0
        return np.linalg.solve(np.eye(n) - Q, r)[0]
    P = p_conv(None)
    eff = [1 - p_conv(idx[c]) / P for c in chans] if P > 0 else [None] * len(chans)
    return chans, P, eff

rng = np.random.default_rng(20250510)
worst = 0.0
for case, k in enumerate([3, 4, 6, 10, 25, 40]):
    names = ["ch%02d" % i for i in range(k)]
    npaths = int(rng.integers(200, 3000))
    paths = []
    for _ in range(npaths):
        L = int(rng.integers(0, 7))
        pop = rng.dirichlet(np.ones(k))
        p = [names[int(j)] for j in rng.choice(k, size=L, p=pop)]
        conv_p = 0.1 + 0.5 * sum(1 for c in p if c in names[: k // 3]) / max(L, 1)
        cv = bool(rng.random() < conv_p)
        val = Decimal(int(rng.integers(0, 100000))) / 100 if cv else None
        paths.append((p, cv, val))
    cur.execute("DROP TABLE IF EXISTS mp; CREATE TABLE mp (path text[], converted boolean, value numeric)")
    execute_values(cur, "INSERT INTO mp VALUES %s", paths, template="(%s::text[], %s, %s)", page_size=5000)
    cur.execute("""SELECT (r).paths, (r).conversions, (r).value, (r).conversion_probability, x.*
                     FROM (SELECT markov_attribution(path, converted, value) r FROM mp) s, markov_rows(r) x""")
    rows = cur.fetchall()
    chans, P, eff = markov([(p, cv) for p, cv, _ in paths])
    check([r[4] for r in rows] == chans, "markov case %d (%d channels, %d paths): same channels in name order" % (case, k, npaths))
    d = abs(rows[0][3] - P)
    de = max(abs(r[5] - e) for r, e in zip(rows, eff))
    worst = max(worst, d, de)
    check(d < 1e-9 and de < 1e-9, "markov case %d: conversion probability and removal effects within 1e-9 of numpy (%.1e, %.1e)" % (case, d, de))
    se = sum(eff)
    check(max(abs(r[6] - e / se) for r, e in zip(rows, eff)) < 1e-9 and
          max(abs(r[7] - rows[0][1] * e / se) for r, e in zip(rows, eff)) < 1e-6,
          "markov case %d: shares and attributed conversions" % case)
    total = sum(v for _, cv, v in paths if cv)
    unit = Decimal(1) / 100
    check(rows[0][2] == total and sum(r[8] for r in rows) == total and
          all(abs(r[8] - total * Decimal(e / se)) <= unit for r, e in zip(rows, eff)),
          "markov case %d: attributed values add up to %s exactly, each within a cent of value x share" % (case, total))

# The three-channel example in exact fractions (sql/attribution.sql).
F = Fraction
PC, PB, PA = F(2, 3), F(1, 2) + F(1, 2) * F(2, 3), None
PA = F(1, 3) * PB + F(1, 3) * PC
P = F(3, 5) * PA + F(1, 5) * PB + F(1, 5) * PC
eA = 1 - (F(1, 5) * PB + F(1, 5) * PC) / P
eB = 1 - (F(3, 5) * (F(1, 3) * PC) + F(1, 5) * PC) / P
eC = 1 - (F(3, 5) * (F(1, 3) * F(1, 2)) + F(1, 5) * F(1, 2)) / P
cur.execute("""SELECT (r).conversion_probability, (r).removal_effect
                 FROM (SELECT markov_attribution(p, c) r FROM (VALUES ('{A,B}'::text[], true), ('{A}', false),
                       ('{B,C}', true), ('{C}', false), ('{A,C}', true)) v(p, c)) s""")
p, e = cur.fetchone()
check(abs(p - float(P)) < 1e-15 and all(abs(x - float(y)) < 1e-15 for x, y in zip(e, [eA, eB, eC])),
      "markov three-channel example: P = %s, effects %s, %s, %s" % (P, eA, eB, eC))

# ---------------------------------------------------------------- rule-based
def split(total_units, weights):
    """Exact largest remainder: floors of the quotas, leftover to the largest remainders, ties later."""
    W = sum(weights)
    q = [F(total_units) * w / W for w in weights]
    out = [x.numerator // x.denominator for x in q]
    left = total_units - sum(out)
    order = sorted(range(len(q)), key=lambda i: (q[i] - out[i], i), reverse=True)
    for i in order[:left]:
        out[i] += 1
    return out

def weights(model, n, shares):
    if model == "last_touch":
        return [0] * (n - 1) + [1]
    if model == "first_touch":
        return [1] + [0] * (n - 1)
    if model == "linear":
        return [1] * n
    s1, s2, s3 = shares
    if n == 1:
        return [1]
    if n == 2:
        return [s1, s3] if s1 + s3 > 0 else [1, 1]
    m = n - 2
    return [s1] + [s2 / m] * m + [s3]

H = 86400 * 10**6
DAY = 86400 * 10**6
BASE = 10**15 + 300 * DAY   # microseconds since 2000-01-01
convs = []
for c in range(3000):
    n = int(rng.integers(1, 10))
    conv_us = BASE + int(rng.integers(0, 30 * DAY))
    ages = sorted((int(a) for a in rng.integers(0, 45 * DAY, size=n)), reverse=True)
    if c % 7 == 0 and n > 1:
        ages[1] = ages[0]          # a tie in time
    scale = int(rng.integers(0, 4))
    value = Decimal(int(rng.integers(0, 10**7))).scaleb(-scale)
    convs.append((c, conv_us, ages, value, scale))
rows = []
for c, conv_us, ages, value, scale in convs:
    for i, a in enumerate(ages):
        rows.append((c, i + 1, "k%d" % int(rng.integers(0, 20)), conv_us - a))
cur.execute("CREATE TABLE tp (conversion int, pos int, key text, t timestamptz); CREATE TABLE cv (conversion int, t timestamptz, value numeric)")
execute_values(cur, "INSERT INTO tp VALUES %s", rows, template="(%s, %s, %s, timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond')", page_size=5000)
execute_values(cur, "INSERT INTO cv VALUES %s", [(c, u, v) for c, u, _, v, _ in convs],
               template="(%s, timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond', %s)", page_size=5000)
keys = {}
for c, pos, k, _ in rows:
    keys[(c, pos)] = k
for model, shares in [("last_touch", None), ("first_touch", None), ("linear", None),
                      ("position", (F(4, 10), F(2, 10), F(4, 10))), ("position", (F(3, 10), F(6, 10), F(1, 10))),
                      ("time_decay", None)]:
    sh = "{%s}" % ",".join(str(float(x)) for x in shares) if shares else "{0.4,0.2,0.4}"
    cur.execute("""SELECT cv.conversion, a.touch_index, a.key, a.credit
                     FROM cv JOIN (SELECT conversion, array_agg(key ORDER BY pos) k, array_agg(t ORDER BY pos) ts
                                     FROM tp GROUP BY conversion) p USING (conversion),
                          LATERAL attribute(%s, p.k, p.ts, cv.t, cv.value, '30 days', '7 days', %s::numeric[]) a
                    ORDER BY 1, a.touched_at, a.touch_index""", (model, sh))
    got = {}
    for c, ti, k, cr in cur.fetchall():
        got.setdefault(c, []).append((ti, k, cr))
    bad = 0
    dropped_ok = True
    for c, conv_us, ages, value, scale in convs:
        # touchpoints in the window (age <= 30 days), in time order then position
        kept = sorted([(conv_us - a, i + 1) for i, a in enumerate(ages) if a <= 30 * DAY])
        g = got.get(c, [])
        if [ti for ti, _, _ in g] != [i for _, i in kept] or any(k != keys[(c, ti)] for ti, k, _ in g):
            dropped_ok = False
            continue
        if not kept:
            continue
        units = int(value.scaleb(scale))
        credits = [int(cr.scaleb(scale)) for _, _, cr in g]
        if sum(credits) != units or any(cr.as_tuple().exponent != -scale for _, _, cr in g):
            bad += 1
            continue
        if model == "time_decay":
            w = [2.0 ** (-(conv_us - tt) / (7 * DAY)) for tt, _ in kept]
            q = [units * x / sum(w) for x in w]
            if any(abs(cr - x) > 1 + 1e-9 for cr, x in zip(credits, q)):
                bad += 1
        elif credits != split(units, weights(model, len(kept), shares)):
            bad += 1
    check(dropped_ok, "%s %s: the same touchpoints in the 30-day window, in time order" % (model, sh))
    check(bad == 0, "%s %s: 3000 conversions, credits %s (%d off)" %
          (model, sh, "within a unit of the quota, summing exactly" if model == "time_decay" else "equal the exact largest-remainder split", bad))
print("# worst Markov difference from numpy: %.2e" % worst)
print("1..%d" % t)
sys.exit(status)
PY
