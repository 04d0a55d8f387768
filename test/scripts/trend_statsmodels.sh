#!/usr/bin/env bash
# trend_summary against an independent implementation (TAP): statsmodels' OLS (Debian
# python3-statsmodels) on the same points, and the coverage of the slope's 95% interval.
#   - 12 series (random times, slopes, noise, sizes 3 to 2,000): slope, intercept, r^2,
#     residual standard error and the slope's standard error equal statsmodels' to 1e-9
#     relative; the slope's confidence interval and the prediction interval to 1e-8
#     (statsmodels takes its t quantile from scipy's stdtrit, itself off by up to ~3e-9:
#     scipy's own t CDF at our quantile gives the level back to ~1e-13, checked here);
#   - rollup of each series' 4 parts equals the single pass to 1e-10;
#   - 1,000 series with a known slope and normal noise: the 95% interval covers the true
#     slope in 93% to 97% of them.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin trend
PY=/usr/bin/python3
"$PGBIN/dropdb" --if-exists trend_sm 2>/dev/null
"$PGBIN/createdb" trend_sm || { echo "Bail out! createdb"; exit 1; }
"$PGBIN/psql" -X -q -d trend_sm -c "CREATE EXTENSION kolmetrics" || { echo "Bail out! extension"; exit 1; }
PGDATABASE=trend_sm exec "$PY" - <<'PY'
import os, sys, math
import numpy as np
import psycopg2
import statsmodels.api as sm
from scipy import stats

conn = psycopg2.connect(dbname="trend_sm", host=os.environ["PGHOST"], port=os.environ["PGPORT"],
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
    return abs(a - b) / max(abs(b), 1e-300)

EPOCH = 946684800  # 2000-01-01 in Unix seconds
cur.execute("CREATE TABLE pts (series int, part int, t timestamptz, y float8)")
rng = np.random.default_rng(20261207)
series = {}
for k, n in enumerate([3, 4, 5, 10, 30, 50, 100, 250, 500, 1000, 1500, 2000]):
    # whole microseconds since 2000-01-01, as timestamptz stores them
    us = np.sort(rng.integers(0, 3 * 365 * 86400 * 10**6, size=n)) + (20 * 365 * 86400 * 10**6)
    slope = rng.normal(0, 50)
    y = 1000 + slope * (us / 86400e6) + rng.normal(0, rng.uniform(1, 500), size=n)
    series[k] = (us, y)
    rows = [(k, i % 4, int(u), float(v)) for i, (u, v) in enumerate(zip(us, y))]
    args = ",".join(cur.mogrify("(%s,%s,timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond',%s)", r).decode() for r in rows)
    cur.execute("INSERT INTO pts VALUES " + args)

at_us = 24 * 365 * 86400 * 10**6  # a time beyond every series
cur.execute("""
SELECT series, points(s), slope(s), intercept(s), r_squared(s), residual_stderr(s), slope_stderr(s),
       slope_ci(s, 0.95), prediction_interval(s, timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond', 0.9),
       forecast(s, timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond')
  FROM (SELECT series, trend_agg(t, y) AS s FROM pts GROUP BY series) x ORDER BY series""", (at_us, at_us))
worst = {"fit": 0.0, "ci": 0.0}
for (k, n, b, a, r2, s, se, ci, pi, fc) in cur.fetchall():
    us, y = series[k]
    x = us / 86400e6 + 10957.0           # days since 1970-01-01, as the extension defines x
    res = sm.OLS(y, sm.add_constant(x)).fit()
    got = [b, a, r2] + ([s, se] if n > 2 else [])
    want = [res.params[1], res.params[0], res.rsquared] + ([math.sqrt(res.scale), res.bse[1]] if n > 2 else [])
    e = max(rel(g, w) for g, w in zip(got, want))
    worst["fit"] = max(worst["fit"], e)
    check(e <= 1e-9, "series %d (%d points): slope, intercept, r^2%s equal statsmodels (max rel %.1e)"
          % (k, n, ", s, se(slope)" if n > 2 else "", e))
    if n > 2:
        lo, hi = res.conf_int(0.05)[1]
        x0 = at_us / 86400e6 + 10957.0
        fr = res.get_prediction(np.array([[1.0, x0]])).summary_frame(alpha=0.1)
        want = [lo, hi, fr["obs_ci_lower"][0], fr["obs_ci_upper"][0], fr["mean"][0]]
        e = max(rel(g, w) for g, w in zip(list(ci) + list(pi) + [fc], want))
        worst["ci"] = max(worst["ci"], e)
        check(e <= 1e-8, "series %d: slope CI, 90%% prediction interval and forecast equal statsmodels (max rel %.1e)" % (k, e))
        # our t quantile, recovered from the interval, through scipy's CDF
        q = (ci[1] - ci[0]) / 2 / se
        check(abs(stats.t.cdf(q, n - 2) - 0.975) <= 1e-12, "series %d: the interval's t quantile gives 0.975 back through scipy's t CDF" % k)

cur.execute("""
SELECT count(*) FILTER (WHERE points(r.s) = points(a.s)
         AND abs(slope(r.s) - slope(a.s)) <= 1e-10 * abs(slope(a.s))
         AND coalesce(abs(residual_stderr(r.s) - residual_stderr(a.s)) <= 1e-9 * residual_stderr(a.s), true)), count(*)
  FROM (SELECT series, rollup(s) AS s FROM (SELECT series, part, trend_agg(t, y) AS s FROM pts GROUP BY 1, 2) p GROUP BY 1) r
  JOIN (SELECT series, trend_agg(t, y) AS s FROM pts GROUP BY 1) a USING (series)""")
same, total = cur.fetchone()
check(same == total, "rollup of 4 parts equals one pass for %d of %d series" % (same, total))

# coverage: 1,000 series of 30 daily points, true slope 0.7 per day, normal noise sd 5
zs = np.random.default_rng(7).normal(size=(1000, 30))
cur.execute("CREATE TABLE noise (seed int, i int, z float8)")
vals = ",".join("(%d,%d,%r)" % (s + 1, i, float(zs[s, i])) for s in range(1000) for i in range(30))
cur.execute("INSERT INTO noise VALUES " + vals)
cur.execute("""
SELECT avg((ci[1] <= 0.7 AND 0.7 <= ci[2])::int)
  FROM (SELECT seed, slope_ci(trend_agg(timestamptz '2025-01-01 00:00+00' + i * interval '1 day', 0.7 * i + 5 * z), 0.95) AS ci
          FROM noise GROUP BY seed) x""")
cov = float(cur.fetchone()[0])
check(0.93 <= cov <= 0.97, "95%% slope interval covers the true slope in %.1f%% of 1,000 series (93-97%%)" % (100 * cov))
print("# worst relative differences: fit %.2e, intervals %.2e; coverage %.3f" % (worst["fit"], worst["ci"], cov))
print("1..%d" % t)
sys.exit(status)
PY
