-- trend_agg, rollup(trend_summary) and the accessors (doc/trend.md).
-- Expected values worked by hand: x = days since 2025-01-01 = 0..4, y = 1, 3, 2, 5, 4:
--   mean x 2, mean y 3, sxx 10, syy 4+0+1+4+1 = 10, sxy 4+0+0+2+2 = 8;
--   slope 0.8 per day; r^2 = 64 / 100 = 0.64; SSR = 10 - 0.8 * 8 = 3.6;
--   s = sqrt(3.6 / 3) = 1.0954451150103321; se(slope) = s / sqrt(10) = 0.34641016151377546;
--   t(0.975, 3) = 3.182446305284263: slope CI 0.8 -/+ 1.1024317386 = [-0.30243, 1.90243];
--   forecast on 2025-01-07 (x = 6): 3 + 0.8 * 4 = 6.2; 90% prediction interval there:
--   t(0.95, 3) = 2.353363434801823, half = 2.3534 * 1.09545 * sqrt(1 + 1/5 + 16/10)
--   = 4.31378643: [1.88621, 10.51379].
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;
CREATE TABLE trend_pts (kol int, t timestamptz, y float8);
INSERT INTO trend_pts
SELECT 1, timestamptz '2025-01-01 00:00+00' + i * interval '1 day', (ARRAY[1, 3, 2, 5, 4])[i + 1]
  FROM generate_series(0, 4) i;

SELECT points(s), slope(s), r_squared(s), residual_stderr(s), slope_stderr(s),
       slope_ci(s), slope_ci(s, 0.5) AS ci50,
       forecast(s, '2025-01-07 00:00+00'), prediction_interval(s, '2025-01-07 00:00+00', 0.9)
  FROM (SELECT trend_agg(t, y) AS s FROM trend_pts) x;
-- the intercept is the line at 1970-01-01 (x = 0): 3 - 0.8 * (20089 + 2) = -16069.8
SELECT intercept(trend_agg(t, y)) FROM trend_pts;
-- a second method: PostgreSQL's regr_* over x = epoch days agree
SELECT abs(slope(s) - b) < 1e-12 AS slope_same, abs(intercept(s) - a) < 1e-8 AS intercept_same,
       abs(r_squared(s) - r2) < 1e-12 AS r2_same
  FROM (SELECT trend_agg(t, y) AS s, regr_slope(y, x) AS b, regr_intercept(y, x) AS a, regr_r2(y, x) AS r2
          FROM (SELECT t, y, extract(epoch FROM t)::float8 / 86400 AS x FROM trend_pts) p) q;
-- the value: means, centred sums, span in days since 1970-01-01 (2025-01-01 is day 20089)
SELECT trend_agg(t, y) FROM trend_pts;

-- NULL and too few points
SELECT trend_agg(t, y) FROM trend_pts WHERE false;          -- no rows: 0 points
SELECT points(s), slope(s), r_squared(s), slope_ci(s), forecast(s, now())
  FROM (SELECT trend_agg(t, y) AS s FROM trend_pts WHERE y = 1) x;   -- one point
SELECT points(s), slope(s), r_squared(s), residual_stderr(s), slope_ci(s)
  FROM (SELECT trend_agg(t, y) AS s FROM trend_pts WHERE y < 3) x;  -- two points: a line, no interval
SELECT points(s), slope(s), r_squared(s)                               -- same time twice: no slope
  FROM (SELECT trend_agg(timestamptz '2025-01-01 00:00+00', y) AS s FROM trend_pts) x;
SELECT r_squared(trend_agg(t, 7)) FROM trend_pts;                   -- flat y: slope 0, r^2 undefined
SELECT points(trend_agg(t, y)) FROM (VALUES (NULL::timestamptz, 1.0::float8), (now(), NULL)) v(t, y);

-- rollup equals one pass up to rounding: two halves merged give the same statistics
-- (x near 20,000 days: the slope agrees to ~3e-12 relative, tested at 1e-10)
INSERT INTO trend_pts
SELECT 2, timestamptz '2024-06-01 00:00+00' + i * interval '7 hours', 100 + 0.25 * i + 3 * sin(i)
  FROM generate_series(0, 999) i;
CREATE TABLE trend_parts AS
SELECT kol, (t < '2024-07-15') AS early, trend_agg(t, y) AS s FROM trend_pts GROUP BY 1, 2;
SELECT kol, points(r.s) = points(a.s) AS points_same,
       abs(slope(r.s) - slope(a.s)) <= 1e-10 * abs(slope(a.s)) AS slope_same,
       abs(r_squared(r.s) - r_squared(a.s)) <= 1e-12 AS r2_same,
       abs(residual_stderr(r.s) - residual_stderr(a.s)) <= 1e-9 * residual_stderr(a.s) AS se_same
  FROM (SELECT kol, rollup(s) AS s FROM trend_parts GROUP BY kol) r
  JOIN (SELECT kol, trend_agg(t, y) AS s FROM trend_pts GROUP BY kol) a USING (kol)
 ORDER BY kol;
SELECT points(rollup(s)) FROM trend_parts WHERE false;    -- rollup of nothing: 0 points
SELECT points(rollup(s)) FROM (SELECT NULL::trend_summary AS s UNION ALL SELECT s FROM trend_parts) x;

-- parallel plans: partial aggregates in workers, combined through the serial form, equal
-- to the serial answer (a regular table; parallel costs at zero)
CREATE TABLE trend_par AS
SELECT i % 50 AS kol, timestamptz '2025-01-01 00:00+00' + i * interval '1 hour' AS t,
       (i % 97) * 1.5 + i * 0.01 AS y
  FROM generate_series(1, 60000) i;
ANALYZE trend_par;
CREATE TABLE trend_serial AS SELECT trend_agg(t, y) AS s FROM trend_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT trend_agg(t, y) FROM trend_par;
SELECT abs(slope(p.s) - slope(q.s)) <= 1e-10 * abs(slope(q.s)) AS parallel_slope_same,
       points(p.s) = points(q.s) AS parallel_points_same,
       abs(residual_stderr(p.s) - residual_stderr(q.s)) <= 1e-9 * residual_stderr(q.s) AS parallel_se_same
  FROM (SELECT trend_agg(t, y) AS s FROM trend_par) p, trend_serial q;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- log scale: monthly growth of a series growing 2% a month exactly
SELECT round((exp(slope(s) * 30) - 1)::numeric, 12) AS growth_per_30_days
  FROM (SELECT trend_agg(d, ln(1000 * 1.02 ^ (extract(epoch FROM d - '2025-01-01 00:00+00') / 86400 / 30)))
          AS s FROM generate_series(timestamptz '2025-01-01 00:00+00', '2025-12-31', interval '1 day') d) x;

-- equality, hashing, text and binary round trips of values built by aggregates and rollups
SELECT count(*) AS distinct_values FROM (SELECT s FROM trend_parts UNION SELECT s FROM trend_parts) x;
SELECT bool_and(s::text::trend_summary = s) AS text_round_trip FROM trend_parts;
SELECT bool_and(r::text::trend_summary = r) AS rollup_round_trip
  FROM (SELECT rollup(s) AS r FROM trend_parts GROUP BY kol) x;
SELECT '(v:1, n:1, mean_x:-0, mean_y:-0, sxx:0, syy:0, sxy:0, min_x:-0, max_x:0)'::trend_summary
     = '(v:1,n:1,mean_x:0,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0)'::trend_summary AS negative_zero_is_zero;

-- binary form: 68 bytes (version 1, three zero bytes, n, seven doubles, little-endian)
\ir test/regress/recv.sql
SELECT kol, early, pg_temp.try_recv('kolmetrics.trend_summary', pg_temp.send_bytes(s)) = 'ok: ' || s::text AS binary_round_trip,
       length(pg_temp.send_bytes(s)) AS bytes
  FROM trend_parts ORDER BY 1, 2;
SELECT pg_temp.send_bytes(trend_agg(t, y)) FROM trend_pts WHERE kol = 1;
-- hostile bytes: each edit of the value above is refused with 22P03 and the reason
CREATE TEMP TABLE good AS SELECT pg_temp.send_bytes(trend_agg(t, y)) AS b FROM trend_pts WHERE kol = 1;
SELECT e AS edit, pg_temp.try_recv('kolmetrics.trend_summary', x) AS result FROM good, LATERAL (VALUES
  ('short',      substring(b FROM 1 FOR 67)),
  ('long',       b || '\x00'::bytea),
  ('version 2',  overlay(b PLACING '\x02' FROM 1)),
  ('reserved',   overlay(b PLACING '\x01' FROM 3)),
  ('n negative', overlay(b PLACING '\xffffffffffffffff' FROM 5)),
  ('n zero',     overlay(b PLACING '\x0000000000000000' FROM 5)),
  ('mean_x NaN', overlay(b PLACING '\x000000000000f87f' FROM 13)),
  ('sxx -1',     overlay(b PLACING '\x000000000000f0bf' FROM 29)),
  ('sxy 1e300',  overlay(b PLACING '\x9c7500883ce4377e' FROM 45)),
  ('max_x 1e9',  overlay(b PLACING '\x0000000065cdcd41' FROM 61)),
  ('empty',      ''::bytea)) v(e, x);
SELECT pg_temp.try_recv('kolmetrics.trend_summary',
         overlay(pg_temp.send_bytes('(v:1,n:1,mean_x:0,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0)'::trend_summary)
                 PLACING '\x0000000000000080' FROM 53)) AS negative_zero_min_x;

-- bad input: SQLSTATE and a message naming the value
\set VERBOSITY default
SELECT trend_agg(t, 'NaN') FROM trend_pts;
SELECT trend_agg(t, '-Infinity') FROM trend_pts;
SELECT trend_agg('infinity', y) FROM trend_pts;
SELECT slope_ci(trend_agg(t, y), 1) FROM trend_pts;
SELECT prediction_interval(trend_agg(t, y), now(), 0) FROM trend_pts;
SELECT slope_ci(trend_agg(t, y), 'NaN') FROM trend_pts;
SELECT forecast(trend_agg(t, y), '-infinity') FROM trend_pts;
SELECT '(v:2,n:0,mean_x:0,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0)'::trend_summary;
SELECT '(v:1,n:-1,mean_x:0,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0)'::trend_summary;
SELECT '(v:1,n:0,mean_x:1,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0)'::trend_summary;
SELECT '(v:1,n:3,mean_x:5,mean_y:0,sxx:1,syy:1,sxy:0,min_x:0,max_x:4)'::trend_summary;
SELECT '(v:1,n:3,mean_x:2,mean_y:0,sxx:1,syy:1,sxy:2,min_x:0,max_x:4)'::trend_summary;
SELECT '(v:1,n:3,mean_x:2,mean_y:0,sxx:100,syy:1,sxy:0,min_x:0,max_x:4)'::trend_summary;
SELECT '(v:1,n:1,mean_x:2,mean_y:0,sxx:0,syy:1,sxy:0,min_x:2,max_x:2)'::trend_summary;
SELECT '(v:1,n:2,mean_x:1e9,mean_y:0,sxx:0,syy:0,sxy:0,min_x:1e9,max_x:1e9)'::trend_summary;
SELECT '(v:1,n:2,mean_x:nan,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0)'::trend_summary;
SELECT '(v:1,n:2,mean_x:0,mean_y:0,sxx:0,syy:0,sxy:0,min_x:0,max_x:0) x'::trend_summary;
SELECT '(v:1,n:2,mean_x:0)'::trend_summary;
SELECT trend_agg(t, y * 1e300) FROM trend_pts;
