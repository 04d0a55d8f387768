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
#     slope in 93% to 97% of them;
#   - campaign_lift of each series' last 30% over its first 70%: baseline and lift equal
#     statsmodels' prediction of the mean at the during period's mean time to 1e-9
#     relative (the lift relative to the baseline, of which it is a difference), the interval (se from its se_mean and scale) to 1e-8; on the 1,000 series
#     without an effect the 95% lift interval covers 0 in 93% to 97% of them;
#   - anomalies: the changes per day, their median and scipy's median_abs_deviation
#     (scale 'normal') flag the same points with the same scores (1e-12) on series with
#     irregular times and injected jumps.
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

# campaign lift: last 30% of each series against the line of its first 70%
lift_worst = {"fit": 0.0, "ci": 0.0}
for k, (us, y) in series.items():
    n = len(us)
    nb = int(n * 0.7)
    if nb < 3 or n - nb < 1:
        continue
    x = us / 86400e6 + 10957.0   # days since 1970-01-01, as trend_summary's x
    cut = int(us[nb])
    cur.execute("""SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond'),
                                         trend_agg(t, y) FILTER (WHERE t >= timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond'))).*
                     FROM pts WHERE series = %s""", (cut, cut, k))
    r = cur.fetchone()
    xb, yb, xd, yd = x[:nb], y[:nb], x[nb:], y[nb:]
    res = sm.OLS(yb, sm.add_constant(xb - xb.mean())).fit()
    pred = res.get_prediction(np.array([[1.0, xd.mean() - xb.mean()]]))
    base = float(pred.predicted_mean[0])
    lift = yd.mean() - base
    se = math.sqrt(float(pred.se_mean[0]) ** 2 + res.scale / len(yd))
    q = stats.t.ppf(0.975, res.df_resid)
    p = 2 * stats.t.sf(abs(lift) / se, res.df_resid)
    # the lift is a difference of two means: its error is relative to the larger of them
    ef = max(rel(r[2], base), abs(r[4] - lift) / max(abs(base), abs(lift)))
    ec = max(rel(r[5], lift - q * se), rel(r[6], lift + q * se), abs(r[9] - p))
    lift_worst["fit"] = max(lift_worst["fit"], ef)
    lift_worst["ci"] = max(lift_worst["ci"], ec)
    check(r[0] == nb and r[1] == n - nb and ef <= 1e-9 and ec <= 1e-8,
          "series %d: campaign_lift (%d before, %d during) equals statsmodels (baseline, lift %.1e; interval, p %.1e)"
          % (k, nb, n - nb, ef, ec))

# lift interval coverage: the same 1,000 series have no campaign effect (days 20-29 keep the line)
cur.execute("""
SELECT avg((lift_lower <= 0 AND 0 <= lift_upper)::int)
  FROM (SELECT (campaign_lift(trend_agg(d, y) FILTER (WHERE i < 20), trend_agg(d, y) FILTER (WHERE i >= 20))).*
          FROM (SELECT seed, i, timestamptz '2025-01-01 00:00+00' + i * interval '1 day' AS d, 0.7 * i + 5 * z AS y FROM noise) p
         GROUP BY seed) x""")
lcov = float(cur.fetchone()[0])
check(0.93 <= lcov <= 0.97, "95%% lift interval covers 0 (no effect) in %.1f%% of 1,000 series (93-97%%)" % (100 * lcov))

# anomalies against numpy's median and scipy's MAD
arng = np.random.default_rng(11)
cur.execute("CREATE TABLE series_a (series int, t timestamptz, y float8)")
agree = 0
for k in range(20):
    n = int(arng.integers(5, 400))
    us = np.sort(arng.choice(200 * 86400 * 10**6, size=n, replace=False)) + 25 * 365 * 86400 * 10**6
    y = np.cumsum(arng.normal(50, 10, size=n))
    for j in arng.integers(1, n, size=3):
        y[j:] += arng.normal(0, 2000)      # a level shift: one jump in the changes
    cur.execute("INSERT INTO series_a VALUES " + ",".join(
        cur.mogrify("(%s, timestamptz '2000-01-01 00:00+00' + %s * interval '1 microsecond', %s)", (k, int(u), float(v))).decode()
        for u, v in zip(us, y)))
    d = np.diff(y) / (np.diff(us) / 86400e6)
    med = np.median(d)
    sc = stats.median_abs_deviation(d, scale="normal")
    z = (d - med) / sc
    want = [(int(us[i + 1]), float(z[i])) for i in range(n - 1) if abs(z[i]) > 3.5]
    cur.execute("""SELECT (extract(epoch FROM a.at - timestamptz '2000-01-01 00:00+00') * 1e6)::bigint, a.score
                     FROM (SELECT anomalies() WITHIN GROUP (ORDER BY t, y) AS r FROM series_a WHERE series = %s) s,
                          anomaly_rows(s.r) a""", (k,))
    got = cur.fetchall()
    ok = len(got) == len(want) and all(g[0] == w[0] and rel(g[1], w[1]) <= 1e-12 for g, w in zip(got, want))
    agree += ok
check(agree == 20, "anomalies flag the same points with the same scores as numpy/scipy in %d of 20 series" % agree)
print("# worst relative differences: fit %.2e, intervals %.2e; coverage %.3f; lift %.2e / %.2e, lift coverage %.3f"
      % (worst["fit"], worst["ci"], cov, lift_worst["fit"], lift_worst["ci"], lcov))
print("1..%d" % t)
sys.exit(status)
PY
