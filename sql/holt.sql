-- holt_forecast (damped-trend forecasting) and forecast_rows (doc/trend.md).
-- Expected values worked by hand (exact fractions, doc/formulas.md's recursion) for the daily
-- series y = 10, 12, 13, 15, 16 with alpha 0.5, beta 0.5 (Holt's form: alpha beta = 0.25),
-- phi 0.9; initial states level y1 = 10, trend y2 - y1 = 2:
--   t  one-step forecast  error        level              trend
--   1  10 + 1.8 = 11.8    -1.8         10.9               1.35
--   2  12.115             -0.115       12.0575            1.18625
--   3  13.125125          -0.125125    13.0625625         1.03634375
--   4  13.995271875        1.004728125 14.4976359375      1.18389140625
--   5  15.563138203125     0.436861796875 15.7815691015625 1.17471771484375
--   SSE = 3.24 + 0.013225 + 0.015656265625 + 1.00947... = 4.4692081004 (732235055162961 /
--   163840000000000), sigma = sqrt(SSE / 5) = 0.9454319754;
--   forecasts l + (0.9 + ... + 0.9^h) b = 16.8388150449, 17.7903363939, 18.6467056081;
--   variance factors 1, 1 + 0.725^2 = 1.525625, + 0.9275^2 = 2.38588125 (c_j = alpha +
--   alpha beta (phi + ... + phi^j)); z(0.975) = 1.959963984540054; 95% bounds
--   14.9858024233 .. 18.6918276665, 15.5015657430 .. 20.0791070449, 15.7844870744 .. 21.5089241417.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
CREATE TABLE holt_pts (kol int, t timestamptz, y float8);
INSERT INTO holt_pts
SELECT 1, timestamptz '2025-01-01 00:00+00' + i * interval '1 day', (ARRAY[10, 12, 13, 15, 16])[i + 1]
  FROM generate_series(0, 4) i;

SELECT r.alpha, r.beta, r.phi, r.gamma, r.season, r.points, round(r.sse::numeric, 10) AS sse,
       round(r.sigma::numeric, 10) AS sigma
  FROM (SELECT (holt_forecast(3, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY t, y)).* FROM holt_pts) r;
SELECT f.step, f.at, round(f.forecast::numeric, 10) AS forecast, round(f.lower::numeric, 10) AS lower,
       round(f.upper::numeric, 10) AS upper
  FROM (SELECT holt_forecast(3, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY t, y) AS r FROM holt_pts) x,
       forecast_rows(r) f;
-- the exact SSE as a fraction: 732235055162961 / 163840000000000
SELECT abs((holt_forecast(1, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY t, y)).sse
           - 732235055162961 / 163840000000000.0) < 1e-14 AS sse_exact FROM holt_pts;

-- undamped Holt with alpha = beta = phi = 1: the level is the last value and the trend the
-- last difference, so the forecast is 16 + h; errors -2, 2, -1, 1, -1, SSE 11; c_j = 1 + j,
-- variance factors 1, 5, 14: half-widths z(0.9) sqrt(11/5) sqrt(1, 5, 14)
--   = 1.9008482, 4.2504257, 7.1123225 (z(0.9) = 1.2815515655446004, sqrt(2.2) = 1.4832397)
SELECT f.step, f.forecast, round((f.upper - f.forecast)::numeric, 7) AS half,
       round((f.forecast - f.lower)::numeric, 7) AS half_below
  FROM (SELECT holt_forecast(3, 1, 1, 1, 0.8) WITHIN GROUP (ORDER BY t, y) AS r FROM holt_pts) x,
       forecast_rows(r) f;

-- the aggregate sorts by time itself: any ORDER BY, any row order, gives the same result
SELECT holt_forecast(3, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY t DESC, y)
     = holt_forecast(3, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY t, y) AS order_free
  FROM holt_pts;

-- drivers bind parameters as unknown: each form resolves with every argument untyped
PREPARE fixed5 AS SELECT (holt_forecast($1, $2, $3, $4, $5) WITHIN GROUP (ORDER BY t, y)).forecast[1] FROM holt_pts;
EXECUTE fixed5('1', '0.5', '0.5', '0.9', '0.95');
PREPARE fit2 AS SELECT (holt_forecast($1, $2) WITHIN GROUP (ORDER BY t, y)).points FROM holt_pts;
EXECUTE fit2('2', '0.9');
PREPARE fit3 AS SELECT (holt_forecast($1, $2, $3) WITHIN GROUP (ORDER BY t, y)).season FROM holt_pts;
EXECUTE fit3('1', '2', '0.9');
PREPARE fixed7 AS SELECT (holt_forecast($1, $2, $3, $4, $5, $6, $7) WITHIN GROUP (ORDER BY t, y)).gamma FROM holt_pts;
EXECUTE fixed7('1', '2', '0.5', '0.5', '0.9', '0.25', '0.95');
DEALLOCATE ALL;

-- fitted parameters: within the documented bounds, and an SSE no larger than fixed ones'
-- (a grid point and the fixed example above)
SELECT r.alpha BETWEEN 1e-4 AND 1 - 1e-4 AS alpha_in, r.beta BETWEEN 1e-4 AND 1 - 1e-4 AS beta_in,
       r.phi BETWEEN 0.8 AND 0.98 AS phi_in, r.gamma IS NULL AS no_gamma, r.points,
       r.sse <= (SELECT (holt_forecast(1, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY t, y)).sse FROM holt_pts) AS sse_le_fixed,
       r.sse <= (SELECT (holt_forecast(1, 0.1, 0.1, 0.8, 0.95) WITHIN GROUP (ORDER BY t, y)).sse FROM holt_pts) AS sse_le_grid,
       array_length(r.forecast, 1) AS steps
  FROM (SELECT (holt_forecast(4, 0.9) WITHIN GROUP (ORDER BY t, y)).* FROM holt_pts) r;

-- a weekly season (period 7): three weeks of an exact weekly pattern 10, 20, ..., 70 with no
-- trend.  Initial level = mean of week 1 = 40, trend (40 - 40) / 7 = 0, seasonals -30 .. 30:
-- every one-step error is 0 whatever the parameters, so SSE = sigma = 0, the forecast
-- continues the pattern (day 22 is a Monday-like day 1: 10, 20, ..., 70, 10, 20) and the
-- interval is the forecast itself.  Fitted or fixed, the same.
INSERT INTO holt_pts
SELECT 2, timestamptz '2025-01-01 00:00+00' + i * interval '1 day', 10 * (i % 7 + 1)
  FROM generate_series(0, 20) i;
SELECT r.season, r.points, r.sse, r.sigma, r.forecast, r.lower = r.forecast AS lower_same,
       r.upper = r.forecast AS upper_same
  FROM (SELECT (holt_forecast(9, 7, 0.3, 0.2, 0.95, 0.1, 0.9) WITHIN GROUP (ORDER BY t, y)).*
          FROM holt_pts WHERE kol = 2) r;
SELECT r.season, r.gamma <= 1 - r.alpha AS gamma_bound, r.sse, r.forecast
  FROM (SELECT (holt_forecast(9, 7, 0.9) WITHIN GROUP (ORDER BY t, y)).* FROM holt_pts WHERE kol = 2) r;

-- monthly rows (month starts in the session's time zone): the steps are calendar months
SET TimeZone = 'Asia/Shanghai';
SELECT (holt_forecast(3, 0.5, 0.5, 0.9, 0.95) WITHIN GROUP (ORDER BY m, v)).at
  FROM (SELECT date_trunc('month', d) AS m, extract(month FROM d)::float8 AS v
          FROM generate_series(timestamptz '2025-01-01', '2025-06-01', interval '1 month') d) x;
SET TimeZone = 'UTC';

-- NULL and too few points: no rows, one point, 13 points for a weekly season (needs 14),
-- NULL parameters; rows with a NULL time or value are skipped
SELECT holt_forecast(3, 0.9) WITHIN GROUP (ORDER BY t, y) IS NULL AS no_rows FROM holt_pts WHERE false;
SELECT holt_forecast(3, 0.5, 0.5, 0.9, 0.9) WITHIN GROUP (ORDER BY t, y) IS NULL AS one_point
  FROM holt_pts WHERE kol = 1 AND y = 10;
SELECT holt_forecast(3, 7, 0.9) WITHIN GROUP (ORDER BY t, y) IS NULL AS short_of_two_weeks
  FROM holt_pts WHERE kol = 2 AND t < '2025-01-14 00:00+00';
SELECT (holt_forecast(3, 7, 0.9) WITHIN GROUP (ORDER BY t, y)).points AS two_weeks
  FROM holt_pts WHERE kol = 2 AND t < '2025-01-15 00:00+00';
SELECT holt_forecast(3, NULL, 0.5, 0.9, 0.9) WITHIN GROUP (ORDER BY t, y) IS NULL AS null_alpha,
       holt_forecast(NULL, 0.9) WITHIN GROUP (ORDER BY t, y) IS NULL AS null_horizon
  FROM holt_pts WHERE kol = 1;
SELECT (holt_forecast(1, 0.9) WITHIN GROUP (ORDER BY t, y)).points AS null_rows_skipped
  FROM (SELECT t, y FROM holt_pts WHERE kol = 1
        UNION ALL VALUES (NULL::timestamptz, 1::float8), (now(), NULL)) x;
SELECT count(*) AS rows_of_null FROM forecast_rows(NULL);

-- bad input: SQLSTATE and a message naming the value (pg_temp.try_sql: '<SQLSTATE>: <message>')
\ir test/regress/try_in.sql
SELECT q AS call, pg_temp.try_sql('SELECT holt_forecast' || q || ' FROM holt_pts WHERE kol = 1') AS result
  FROM (VALUES
  ('(3, 0.9) WITHIN GROUP (ORDER BY t, ''NaN''::float8)'),
  ('(3, 0.9) WITHIN GROUP (ORDER BY t, ''-infinity''::float8)'),
  ('(3, 0.9) WITHIN GROUP (ORDER BY ''infinity''::timestamptz, y)'),
  ('(3, 0.9) WITHIN GROUP (ORDER BY date_trunc(''month'', t), y)'),
  ('(3, 1.5, 0.5, 0.9, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 0.5, -0.1, 0.9, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 0.5, 0.5, 1.5, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 0.5, 0.5, 0, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 0.5, 0.5, ''NaN'', 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 7, 0.5, 0.5, 0.9, 2, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 1) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 0) WITHIN GROUP (ORDER BY t, y)'),
  ('(0, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(10001, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 1, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  ('(3, 1001, 0.9) WITHIN GROUP (ORDER BY t, y)'),
  -- parameters are checked even when there are no rows
  ('(3, 0.5, 0.5, 1.01, 0.9) WITHIN GROUP (ORDER BY t, y) FILTER (WHERE false)'),
  -- values so large that the smoothing overflows: 22003
  ('(3, 1, 1, 1, 0.9) WITHIN GROUP (ORDER BY t, y * 1e306 * (-1) ^ extract(day FROM t))'),
  ('(3, 0.9) WITHIN GROUP (ORDER BY t, y * 1e306 * (-1) ^ extract(day FROM t))')) v(q);
