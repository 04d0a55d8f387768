-- campaign_lift(before, during, level) (doc/trend.md).
-- Expected values worked by hand: before = days 0..4 with y = 10, 12, 13, 15, 16:
--   mean x 2, mean y 13.2, sxx 10, sxy 15, slope 1.5; fitted 10.2, 11.7, 13.2, 14.7, 16.2,
--   residuals -0.2, 0.3, -0.2, 0.3, -0.2, SSR 0.3, s = sqrt(0.3 / 3) = 0.316227766;
-- during = days 5..7 with y = 20, 21, 23: mean x 6, actual 64 / 3 = 21.3333;
--   baseline 13.2 + 1.5 (6 - 2) = 19.2; lift 2.1333; total 3 x 2.1333 = 6.4;
--   relative 2.1333 / 19.2 = 0.1111; se = s sqrt(1/3 + 1/5 + 16/10) = 0.46188022;
--   t(0.975, 3) = 3.182446305: interval 2.1333 -/+ 1.469909 = [0.663424, 3.603242];
--   p = 2 P(T3 > 2.1333 / 0.46188) = 2 P(T3 > 4.618802) = 0.0191009.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;
CREATE TABLE lift_pts (kol int, t timestamptz, y float8);
INSERT INTO lift_pts
SELECT 1, timestamptz '2025-05-01 00:00+00' + i * interval '1 day', (ARRAY[10, 12, 13, 15, 16, 20, 21, 23])[i + 1]
  FROM generate_series(0, 7) i;

SELECT l.* FROM (SELECT trend_agg(t, y) FILTER (WHERE t < '2025-05-06 00:00+00') AS b,
                        trend_agg(t, y) FILTER (WHERE t >= '2025-05-06 00:00+00') AS d FROM lift_pts) s,
       campaign_lift(s.b, s.d) l;
-- 80% interval: t(0.9, 3) = 1.637744353696210, half 0.7564417
SELECT round(lift_lower::numeric, 6), round(lift_upper::numeric, 6)
  FROM (SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < '2025-05-06 00:00+00'),
                              trend_agg(t, y) FILTER (WHERE t >= '2025-05-06 00:00+00'), 0.8)).* FROM lift_pts) s;
-- a second method: the same baseline and lift from PostgreSQL's regr_* and avg
WITH p AS (SELECT t, y, extract(epoch FROM t) / 86400 AS x FROM lift_pts),
     b AS (SELECT regr_slope(y, x) AS sl, regr_intercept(y, x) AS ic FROM p WHERE t < '2025-05-06 00:00+00'),
     d AS (SELECT avg(x) AS mx, avg(y) AS my FROM p WHERE t >= '2025-05-06 00:00+00')
SELECT round((ic + sl * mx)::numeric, 9) AS baseline, round((my - ic - sl * mx)::numeric, 9) AS lift FROM b, d;
-- rollups of daily summaries give the same lift as one pass (to rounding)
WITH one AS (SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < '2025-05-06 00:00+00'),
                                   trend_agg(t, y) FILTER (WHERE t >= '2025-05-06 00:00+00'))).* FROM lift_pts),
     two AS (SELECT (campaign_lift(rollup(s) FILTER (WHERE t < '2025-05-06 00:00+00'),
                                   rollup(s) FILTER (WHERE t >= '2025-05-06 00:00+00'))).*
               FROM (SELECT t, trend_agg(t, y) AS s FROM lift_pts GROUP BY t) g)
SELECT abs(one.lift - two.lift) < 1e-12 AND abs(one.lift_lower - two.lift_lower) < 1e-12
       AND abs(one.p_value - two.p_value) < 1e-12 AS same
  FROM one, two;

-- NULL where undefined: a before line needs 2 points at different times, an interval 3;
-- an empty during period has no actual; a baseline of 0 has no relative lift
SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < '2025-05-03 00:00+00'), trend_agg(t, y) FILTER (WHERE t >= '2025-05-06 00:00+00'))).*
  FROM lift_pts;
SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < '2025-05-02 00:00+00'), trend_agg(t, y) FILTER (WHERE t >= '2025-05-06 00:00+00'))).*
  FROM lift_pts;
SELECT (campaign_lift(trend_agg(t, y), trend_agg(t, y) FILTER (WHERE false))).* FROM lift_pts;
-- (before: 2, 1 on days 0 and 1, a line 2 - x that is 0 on day 2, where during has 5)
SELECT baseline, lift, relative_lift IS NULL AS no_relative
  FROM (SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < '2025-01-03 00:00+00'),
                              trend_agg(t, y) FILTER (WHERE t >= '2025-01-03 00:00+00'))).*
          FROM (VALUES ('2025-01-01 00:00+00'::timestamptz, 2::float8), ('2025-01-02 00:00+00', 1),
                       ('2025-01-03 00:00+00', 5)) v(t, y)) s;
-- a perfect line before: the interval has no width, p is 0 for any lift
SELECT lift, lift_lower, lift_upper, p_value
  FROM (SELECT (campaign_lift(trend_agg(t, y) FILTER (WHERE t < '2025-01-04 00:00+00'),
                              trend_agg(t, y) FILTER (WHERE t >= '2025-01-04 00:00+00'))).*
          FROM (VALUES ('2025-01-01 00:00+00'::timestamptz, 1::float8), ('2025-01-02 00:00+00', 2),
                       ('2025-01-03 00:00+00', 3), ('2025-01-04 00:00+00', 5)) v(t, y)) s;

\set VERBOSITY default
SELECT campaign_lift(trend_agg(t, y), trend_agg(t, y), 1) FROM lift_pts;
SELECT campaign_lift(trend_agg(t, y), trend_agg(t, y), 'NaN') FROM lift_pts;
-- a lift beyond double precision
SELECT campaign_lift('(v:1,n:3,mean_x:1,mean_y:-1e308,sxx:2,syy:0,sxy:0,min_x:0,max_x:2)',
                     '(v:1,n:1,mean_x:3,mean_y:1e308,sxx:0,syy:0,sxy:0,min_x:3,max_x:3)');
\set VERBOSITY terse
DROP TABLE lift_pts;
