#!/usr/bin/env bash
# holt_forecast against an independent implementation (TAP): statsmodels' ETSModel (Debian
# python3-statsmodels), additive errors, damped additive trend, optionally an additive season
# of period 7, with initialization_method='known' and the initial states of statsmodels' own
# "simple" rule (_initialization_simple, which holt_forecast uses too).  Parameters map as
# ETSModel smoothing_level = alpha, smoothing_trend = alpha * beta (our beta is Holt's beta*),
# smoothing_seasonal = gamma, damping_trend = phi.
#   - fixed parameters (10 series, 2 to 500 points, with and without season): SSE, sigma,
#     forecasts and prediction-interval bounds equal statsmodels' smooth(params) and
#     get_prediction().summary_frame() to 1e-9 relative;
#   - the normal quantile behind the intervals equals scipy's norm.ppf to 1e-12 relative;
#   - fitted parameters (8 series): our SSE at most statsmodels' fitted SSE (L-BFGS-B on
#     the same bounds) times 1 + 1e-6, and every forecast within 0.05 sigma of its
#     forecast when both SSEs agree to 1e-6 (a flat optimum may leave the parameters apart).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin holt
PY=/usr/bin/python3
"$PGBIN/dropdb" --if-exists holt_sm 2>/dev/null
"$PGBIN/createdb" holt_sm || { echo "Bail out! createdb"; exit 1; }
"$PGBIN/psql" -X -q -d holt_sm -c "CREATE EXTENSION kolmetrics" || { echo "Bail out! extension"; exit 1; }
PGDATABASE=holt_sm exec "$PY" - <<'PY'
import os, sys, math, warnings
import numpy as np
import pandas as pd
import psycopg2
from scipy.stats import norm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.exponential_smoothing.initialization import _initialization_simple

warnings.simplefilter("ignore")
conn = psycopg2.connect(dbname="holt_sm", host=os.environ["PGHOST"], port=os.environ["PGPORT"],
                        user=os.environ.get("PGUSER", "postgres"),
                        options="-csearch_path=kolmetrics,public")
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

def rel(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))

def model(y, m):
    lvl, trd, sea = _initialization_simple(y, trend="add", seasonal="add" if m else None,
                                           seasonal_periods=m)
    kw = dict(initial_seasonal=sea, seasonal="add", seasonal_periods=m) if m else {}
    return ETSModel(pd.Series(y), error="add", trend="add", damped_trend=True,
                    initialization_method="known", initial_level=lvl, initial_trend=trd, **kw)

cur.execute("CREATE TABLE pts (series int, t timestamptz, y float8)")
def load(k, y):
    # daily points from 2025-01-01, inserted in reverse: the aggregate sorts by time itself
    rows = ",".join("(%d, timestamptz '2025-01-01 00:00+00' + %d * interval '1 day', %r)"
                    % (k, i, float(v)) for i, v in reversed(list(enumerate(y))))
    cur.execute("INSERT INTO pts VALUES " + rows)

def series(rng, n, m):
    i = np.arange(n)
    y = rng.uniform(-1000, 10000) + rng.normal(0, 30) * i + rng.normal(0, rng.uniform(1, 200), n)
    if m:
        y += rng.normal(0, 300, m)[i % m]
    return y

rng = np.random.default_rng(20261207)
H = 20
worst = 0.0
# ---- fixed parameters
cases = [(2, 0), (3, 0), (5, 0), (30, 0), (100, 0), (500, 0), (14, 7), (15, 7), (60, 7), (400, 7)]
for k, (n, m) in enumerate(cases):
    y = series(rng, n, m)
    load(k, y)
    a, b, phi, g = rng.uniform(0.05, 0.95), rng.uniform(0.05, 0.95), rng.uniform(0.5, 0.99), 0.0
    level = [0.8, 0.95, 0.5, 0.99][k % 4]
    if m:
        g = rng.uniform(0.01, 1 - a)
        cur.execute("""SELECT (r).* FROM (SELECT holt_forecast(%s, %s, %s, %s, %s, %s, %s)
                         WITHIN GROUP (ORDER BY t, y) AS r FROM pts WHERE series = %s) x""",
                    (H, m, a, b, phi, g, level, k))
        params = [a, a * b, g, phi]
    else:
        cur.execute("""SELECT (r).* FROM (SELECT holt_forecast(%s, %s, %s, %s, %s)
                         WITHIN GROUP (ORDER BY t, y) AS r FROM pts WHERE series = %s) x""",
                    (H, a, b, phi, level, k))
        params = [a, a * b, phi]
    row = cur.fetchone()
    res = model(y, m).smooth(params)
    fr = res.get_prediction(start=n, end=n + H - 1).summary_frame(alpha=1 - level)
    e = max(rel(row[6], res.sse), rel(row[7], math.sqrt(res.mse)),
            rel(row[9], fr["mean"].values), rel(row[10], fr["pi_lower"].values),
            rel(row[11], fr["pi_upper"].values))
    worst = max(worst, e)
    check(e <= 1e-9 and row[5] == n, "fixed, %d points%s: SSE, sigma, %d forecasts and %g%% intervals equal statsmodels (max rel %.1e)"
          % (n, ", season 7" if m else "", H, 100 * level, e))

# ---- the normal quantile: the one-step interval is forecast -/+ z sigma
# (a series about 0, so that the bounds' rounding stays far below the half-width)
load(99, [1, -1, 1, -1, 1, -1, 1, -1, 1, -1.5])
zq = 0.0
for level in [0.01, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999999]:
    cur.execute("""SELECT ((r).upper[1] - (r).lower[1]) / 2, (r).sigma FROM (SELECT holt_forecast(1, 0.5, 0.5, 0.9, %s)
                     WITHIN GROUP (ORDER BY t, y) AS r FROM pts WHERE series = 99) x""", (level,))
    half, sigma = cur.fetchone()
    zq = max(zq, rel(half / sigma, norm.ppf(0.5 + level / 2)))
check(zq <= 1e-12, "normal quantile at 7 levels (0.01 to 0.999999) equals scipy's norm.ppf (max rel %.1e)" % zq)

# ---- fitted parameters
ratios = []
fdiff = 0.0
for k, (n, m) in enumerate([(20, 0), (50, 0), (100, 0), (300, 0), (1000, 0), (28, 7), (100, 7), (365, 7)]):
    kk = 100 + k
    y = series(rng, n, m)
    load(kk, y)
    if m:
        cur.execute("""SELECT (r).* FROM (SELECT holt_forecast(%s, %s, 0.95) WITHIN GROUP (ORDER BY t, y) AS r
                         FROM pts WHERE series = %s) x""", (H, m, kk))
    else:
        cur.execute("""SELECT (r).* FROM (SELECT holt_forecast(%s, 0.95) WITHIN GROUP (ORDER BY t, y) AS r
                         FROM pts WHERE series = %s) x""", (H, kk))
    row = cur.fetchone()
    res = model(y, m).fit(disp=False)
    ratio = row[6] / res.sse
    ratios.append(ratio)
    fc = res.forecast(H).values
    d = float(np.max(np.abs(np.asarray(row[9]) - fc))) / row[7]
    close = abs(ratio - 1) <= 1e-6
    if close:
        fdiff = max(fdiff, d)
    check(ratio <= 1 + 1e-6 and (not close or d <= 0.05),
          "fitted, %d points%s: SSE / statsmodels' SSE = %.9f, forecasts %.2g sigma apart (alpha %.4f/%.4f, beta %.4f/%.4f, phi %.4f/%.4f)"
          % (n, ", season 7" if m else "", ratio, d, row[0], res.smoothing_level, row[1],
             res.smoothing_trend / res.smoothing_level, row[2], res.damping_trend))
print("# worst: fixed-parameter relative difference %.2e; normal quantile %.2e; fitted SSE ratio - 1 from %.2e to %.2e; forecast gap %.2g sigma"
      % (worst, zq, min(ratios) - 1, max(ratios) - 1, fdiff))
print("1..%d" % t)
sys.exit(status)
PY
