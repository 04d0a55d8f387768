-- anomalies(...) WITHIN GROUP (ORDER BY t, y) and anomaly_rows (doc/trend.md).
-- Expected values worked by hand: daily follower counts 100, 103, 105, 108, 110, 113,
-- 160, 118, 121, 123, 126 (a bought jump on day 6, purged the next day):
--   changes per day 3, 2, 3, 2, 3, 47, -42, 3, 2, 3; sorted -42, 2, 2, 2, 3, 3, 3, 3, 3, 47:
--   median (3 + 3) / 2 = 3; |change - 3| = 0, 1, 0, 1, 0, 44, 45, 0, 1, 0, sorted
--   0 x5, 1 x3, 44, 45: MAD = (0 + 1) / 2 = 0.5; scale = 0.5 / 0.6744897501960817
--   = 0.741301109252801; scores (47 - 3) / scale = 59.3550980..., (-42 - 3) / scale
--   = -60.7040775..., (2 - 3) / scale = -1.3489795...; |score| > 3.5: days 6 and 7 only.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;
CREATE TABLE snap (kol int, t timestamptz, y float8);
INSERT INTO snap
SELECT 1, timestamptz '2025-03-01 00:00+00' + (i - 1) * interval '24 hours', v
  FROM unnest(ARRAY[100, 103, 105, 108, 110, 113, 160, 118, 121, 123, 126]) WITH ORDINALITY AS u(v, i);

SELECT (anomalies() WITHIN GROUP (ORDER BY t, y)).* FROM snap;
SELECT a.* FROM (SELECT anomalies() WITHIN GROUP (ORDER BY t, y) AS r FROM snap) s, anomaly_rows(s.r) a;
-- threshold 1: the changes of 2 (score -1.349) join the jump and the drop
SELECT count(*), min(a.score), max(a.score)
  FROM (SELECT anomalies(1) WITHIN GROUP (ORDER BY t, y) AS r FROM snap) s, anomaly_rows(s.r) a;
-- rows arrive in any order and WITHIN GROUP's direction does not matter: read forwards in time
SELECT (SELECT anomalies() WITHIN GROUP (ORDER BY t DESC, y) FROM (SELECT * FROM snap ORDER BY random()) r)
     = (SELECT anomalies() WITHIN GROUP (ORDER BY t, y) FROM snap) AS same;
-- a second method: the same scores from SQL's own percentile_cont over the changes
WITH d AS (SELECT t, y - lag(y) OVER (ORDER BY t) AS c FROM snap),
     m AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY c) AS med FROM d),
     s AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(c - med)) / 0.6744897501960817 AS sc FROM d, m)
SELECT array_agg(round(((c - med) / sc)::numeric, 9) ORDER BY t) AS sql_scores,
       (SELECT array_agg(round(a.score::numeric, 9)) FROM (SELECT anomalies(0) WITHIN GROUP (ORDER BY t, y) AS r FROM snap) x,
               anomaly_rows(x.r) a WHERE a.score <> 0) AS ours
  FROM d, m, s WHERE c IS NOT NULL AND c <> med;

-- irregular snapshots: changes are per day.  Days 0, 1, 2, 4, 5, 6 (a gap of two days) and
-- values 0, 10, 20, 40, 50, 200: rates 10, 10, 10, 10, 150; median 10, MAD 0, so the scale is
-- 1.2533141373155003 x the mean absolute deviation (0 + 0 + 0 + 0 + 140) / 5 = 28 = 35.0927958...,
-- score 140 / 35.0927958 = 3.98942280...
SELECT r.points, r.median_rate, r.scale_method, r.scale, a.*
  FROM (SELECT anomalies() WITHIN GROUP (ORDER BY t, y) AS r
          FROM (VALUES ('2025-01-01'::timestamptz, 0::float8), ('2025-01-02', 10), ('2025-01-03', 20),
                       ('2025-01-05', 40), ('2025-01-06', 50), ('2025-01-07', 200)) v(t, y)) s,
       anomaly_rows(s.r) a, LATERAL (SELECT (s.r).*) r;
-- a series whose changes are all equal has no anomaly: scale 0, method none, scores 0
SELECT (anomalies(0) WITHIN GROUP (ORDER BY t, y)).*
  FROM (SELECT timestamptz '2025-01-01' + i * interval '1 hour' AS t, 5.0 * i AS y FROM generate_series(1, 6) i) v;
-- one point per microsecond: the gap is exact (as doubles, these times would round equal)
SELECT (r).points, (r).median_rate
  FROM (SELECT anomalies() WITHIN GROUP (ORDER BY t, y) AS r
          FROM (SELECT timestamptz '2200-01-01' + i * interval '1 microsecond' AS t, i::float8 AS y
                  FROM generate_series(1, 5) i) v) s;
-- one result per group
SELECT kol, (r).points, cardinality((r).at) AS flagged
  FROM (SELECT kol, anomalies() WITHIN GROUP (ORDER BY t, y) AS r FROM snap GROUP BY kol) g;

-- rates are per 24 hours of elapsed time: across the session's switch to daylight saving
-- time (2025-03-09 in PST8PDT) a local day is 23 hours, and its change of 2 is 2 x 24 / 23
SELECT (r).median_rate, (r).rate
  FROM (SELECT anomalies(0) WITHIN GROUP (ORDER BY t, y) AS r
          FROM (SELECT timestamptz '2025-03-07 00:00' + i * interval '1 day' AS t, 2.0 * i + (i = 4)::int * 10 AS y
                  FROM generate_series(0, 5) i) v) s;

-- NULL: fewer than 5 points, no rows, a NULL threshold; NULL times or values are skipped
SELECT anomalies() WITHIN GROUP (ORDER BY t, y) IS NULL AS four_points FROM (SELECT * FROM snap ORDER BY t LIMIT 4) v;
SELECT anomalies() WITHIN GROUP (ORDER BY t, y) IS NULL AS no_rows FROM snap WHERE false;
SELECT anomalies(NULL) WITHIN GROUP (ORDER BY t, y) IS NULL AS null_threshold FROM snap;
SELECT (anomalies() WITHIN GROUP (ORDER BY t, y)).points AS skipped_nulls
  FROM (SELECT t, y FROM snap UNION ALL SELECT NULL, 1 UNION ALL SELECT now(), NULL) v;
SELECT count(*) AS rows_of_null FROM anomaly_rows(NULL);

-- bad input
\set VERBOSITY default
SELECT anomalies(-1) WITHIN GROUP (ORDER BY t, y) FROM snap;
SELECT anomalies('NaN') WITHIN GROUP (ORDER BY t, y) FROM snap;
SELECT anomalies('infinity') WITHIN GROUP (ORDER BY t, y) FROM snap;
SELECT anomalies() WITHIN GROUP (ORDER BY t, y) FROM (SELECT t, CASE WHEN y = 160 THEN 'infinity' ELSE y END AS y FROM snap) v;
SELECT anomalies() WITHIN GROUP (ORDER BY t, y) FROM (SELECT t, CASE WHEN y = 160 THEN 'NaN' ELSE y END AS y FROM snap) v;
SELECT anomalies() WITHIN GROUP (ORDER BY t, y) FROM (SELECT CASE WHEN y = 160 THEN 'infinity' ELSE t END AS t, y FROM snap) v;
SELECT anomalies() WITHIN GROUP (ORDER BY t, y) FROM (SELECT t, y FROM snap UNION ALL SELECT t, y + 1 FROM snap WHERE y = 108) v;
-- a change that overflows double precision
SELECT anomalies() WITHIN GROUP (ORDER BY t, y)
  FROM (VALUES ('2025-01-01'::timestamptz, -1e308::float8), ('2025-01-02', 1e308), ('2025-01-03', 0),
               ('2025-01-04', 1), ('2025-01-05', 2)) v(t, y);
-- a change per day that overflows (one microsecond apart)
SELECT anomalies() WITHIN GROUP (ORDER BY t, y)
  FROM (VALUES ('2025-01-01'::timestamptz, 0::float8), ('2025-01-01 00:00:00.000001', 1e300), ('2025-01-03', 0),
               ('2025-01-04', 1), ('2025-01-05', 2)) v(t, y);
\set VERBOSITY terse

-- the result reads back through its text form, equal (with floats printed exactly)
SET extra_float_digits = 1;
SELECT r::text::anomaly_result = r AS text_round_trip
  FROM (SELECT anomalies(0) WITHIN GROUP (ORDER BY t, y) AS r FROM snap) s;
DROP TABLE snap;
