-- ---------------------------------------------------------------------------
-- Anomalies (doc/trend.md, formulas in doc/formulas.md): robust scores of the
-- changes per day of a series (median and MAD), the flagged points as one
-- row of arrays and as a set of rows.
-- C: src/anomaly.c over src/core/anomaly.c.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.anomaly_result AS (
	points bigint,
	median_rate double precision,
	scale double precision,
	scale_method text,
	threshold double precision,
	at timestamp with time zone[],
	value double precision[],
	change double precision[],
	rate double precision[],
	score double precision[]
);
COMMENT ON TYPE @extschema@.anomaly_result IS
	'Anomalies of a series: points counted, the median change per day, its robust scale (1.4826 MAD, or 1.2533 x the mean absolute deviation when MAD is 0), the method (mad, meanad, none), the threshold, and for each flagged point its time, value, change from the point before, change per day and modified z-score';

CREATE FUNCTION @extschema@.anomaly_transition(internal, timestamp with time zone, double precision)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_anomaly_trans';
COMMENT ON FUNCTION @extschema@.anomaly_transition(internal, timestamp with time zone, double precision) IS
	'Transition function of anomalies: collects the points (rows with a NULL time or value are skipped)';
CREATE FUNCTION @extschema@.anomaly_final(internal, double precision, timestamp with time zone, double precision)
RETURNS @extschema@.anomaly_result LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_anomaly_final';
COMMENT ON FUNCTION @extschema@.anomaly_final(internal, double precision, timestamp with time zone, double precision) IS
	'Final function of anomalies(threshold): sorts the points by time and scores their changes';
CREATE FUNCTION @extschema@.anomaly_final(internal, timestamp with time zone, double precision)
RETURNS @extschema@.anomaly_result LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_anomaly_final0';
COMMENT ON FUNCTION @extschema@.anomaly_final(internal, timestamp with time zone, double precision) IS
	'Final function of anomalies(): sorts the points by time and scores their changes with the threshold 3.5';

CREATE AGGREGATE @extschema@.anomalies(threshold double precision
									   ORDER BY t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.anomaly_transition,
	STYPE = internal,
	FINALFUNC = @extschema@.anomaly_final,
	FINALFUNC_EXTRA
);
COMMENT ON AGGREGATE @extschema@.anomalies(double precision ORDER BY timestamp with time zone, double precision) IS
	'Ordered-set aggregate: the points whose change per day from the point before has a modified z-score (change - median change) / (1.4826 MAD) beyond the threshold in absolute value; NULL below 5 points, 22023 for two points at one time or a non-finite value';
CREATE AGGREGATE @extschema@.anomalies(ORDER BY t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.anomaly_transition,
	STYPE = internal,
	FINALFUNC = @extschema@.anomaly_final,
	FINALFUNC_EXTRA
);
COMMENT ON AGGREGATE @extschema@.anomalies(ORDER BY timestamp with time zone, double precision) IS
	'Ordered-set aggregate: anomalies(3.5), Iglewicz and Hoaglin''s cut-off for the modified z-score';

CREATE FUNCTION @extschema@.anomaly_rows(r @extschema@.anomaly_result,
										 OUT at timestamp with time zone, OUT value double precision,
										 OUT change double precision, OUT rate double precision,
										 OUT score double precision)
RETURNS SETOF record LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
SELECT x.a, x.v, x.c, x.r, x.s
  FROM ROWS FROM (pg_catalog.unnest(r.at), pg_catalog.unnest(r.value), pg_catalog.unnest(r.change),
                  pg_catalog.unnest(r.rate), pg_catalog.unnest(r.score)) AS x(a, v, c, r, s);
END;
COMMENT ON FUNCTION @extschema@.anomaly_rows(@extschema@.anomaly_result) IS
	'The flagged points of an anomalies() result as rows, in time order: time, value, change from the point before, change per day, modified z-score';
