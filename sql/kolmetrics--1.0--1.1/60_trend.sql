-- ---------------------------------------------------------------------------
-- Trends (doc/trend.md, formulas in doc/formulas.md): the least-squares line
-- of a metric over time as a two-step aggregate, with its intervals.
-- C: src/trend.c over src/core/trend.c and src/core/km_stats.c (Student's t).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.trend_summary;

CREATE FUNCTION @extschema@.trend_summary_in(cstring) RETURNS @extschema@.trend_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_in';
CREATE FUNCTION @extschema@.trend_summary_out(@extschema@.trend_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_out';
CREATE FUNCTION @extschema@.trend_summary_recv(internal, oid, integer) RETURNS @extschema@.trend_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_recv';
CREATE FUNCTION @extschema@.trend_summary_send(@extschema@.trend_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_send';

CREATE TYPE @extschema@.trend_summary (
	INPUT = @extschema@.trend_summary_in,
	OUTPUT = @extschema@.trend_summary_out,
	RECEIVE = @extschema@.trend_summary_recv,
	SEND = @extschema@.trend_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.trend_summary IS
	'Least-squares line of a value over time (points, means, centred sums of squares and co-moment, time span) built by trend_agg and rollup; text form (v:1,n:N,mean_x:F,mean_y:F,sxx:F,syy:F,sxy:F,min_x:F,max_x:F), x in days since 1970-01-01 UTC';
COMMENT ON FUNCTION @extschema@.trend_summary_in(cstring) IS
	'Input function of trend_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.trend_summary_out(@extschema@.trend_summary) IS
	'Output function of trend_summary: the v1 text form, floats exact';
COMMENT ON FUNCTION @extschema@.trend_summary_recv(internal, oid, integer) IS
	'Binary receive function of trend_summary: validates all 68 bytes';
COMMENT ON FUNCTION @extschema@.trend_summary_send(@extschema@.trend_summary) IS
	'Binary send function of trend_summary: 68 bytes, little-endian, versioned';

CREATE FUNCTION @extschema@.trend_summary_eq(@extschema@.trend_summary, @extschema@.trend_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_eq';
COMMENT ON FUNCTION @extschema@.trend_summary_eq(@extschema@.trend_summary, @extschema@.trend_summary) IS
	'True when two trend summaries hold identical counts and sums (identical stored forms)';
CREATE FUNCTION @extschema@.trend_summary_ne(@extschema@.trend_summary, @extschema@.trend_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_ne';
COMMENT ON FUNCTION @extschema@.trend_summary_ne(@extschema@.trend_summary, @extschema@.trend_summary) IS
	'True when two trend summaries differ in any count or sum';
CREATE FUNCTION @extschema@.trend_summary_hash(@extschema@.trend_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_hash';
COMMENT ON FUNCTION @extschema@.trend_summary_hash(@extschema@.trend_summary) IS
	'Hash of a trend_summary consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.trend_summary, RIGHTARG = @extschema@.trend_summary,
	FUNCTION = @extschema@.trend_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.trend_summary, @extschema@.trend_summary) IS
	'Identity of trend summaries';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.trend_summary, RIGHTARG = @extschema@.trend_summary,
	FUNCTION = @extschema@.trend_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.trend_summary, @extschema@.trend_summary) IS
	'Trend summaries that differ';
CREATE OPERATOR CLASS @extschema@.trend_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.trend_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.trend_summary, @extschema@.trend_summary),
	FUNCTION 1 @extschema@.trend_summary_hash(@extschema@.trend_summary);
COMMENT ON OPERATOR CLASS @extschema@.trend_summary_hash_ops USING hash IS
	'Hash operator class of trend_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.trend_summary_hash_ops USING hash IS
	'Hash operator family of trend_summary';

-- Aggregate support: one internal state (the core's KmTrend) for trend_agg and rollup.
CREATE FUNCTION @extschema@.trend_agg_trans(internal, timestamp with time zone, double precision)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_agg_trans';
COMMENT ON FUNCTION @extschema@.trend_agg_trans(internal, timestamp with time zone, double precision) IS
	'Transition function of trend_agg: adds one point (rows with a NULL time or value skipped)';
CREATE FUNCTION @extschema@.trend_summary_rollup_trans(internal, @extschema@.trend_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_rollup_trans';
COMMENT ON FUNCTION @extschema@.trend_summary_rollup_trans(internal, @extschema@.trend_summary) IS
	'Transition function of rollup(trend_summary): merges one summary';
CREATE FUNCTION @extschema@.trend_summary_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_combine';
COMMENT ON FUNCTION @extschema@.trend_summary_combine(internal, internal) IS
	'Combine function of trend_agg and rollup(trend_summary) for parallel plans';
CREATE FUNCTION @extschema@.trend_summary_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_serial';
COMMENT ON FUNCTION @extschema@.trend_summary_serial(internal) IS
	'Serial function of trend_agg and rollup(trend_summary): the 68-byte stored form';
CREATE FUNCTION @extschema@.trend_summary_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_deserial';
COMMENT ON FUNCTION @extschema@.trend_summary_deserial(bytea, internal) IS
	'Deserial function of trend_agg and rollup(trend_summary): validates the 68 bytes';
CREATE FUNCTION @extschema@.trend_summary_final(internal) RETURNS @extschema@.trend_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_final';
COMMENT ON FUNCTION @extschema@.trend_summary_final(internal) IS
	'Final function of trend_agg and rollup(trend_summary): the summary (0 points for no rows)';

CREATE AGGREGATE @extschema@.trend_agg(t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.trend_agg_trans,
	STYPE = internal,
	SSPACE = 64,
	FINALFUNC = @extschema@.trend_summary_final,
	COMBINEFUNC = @extschema@.trend_summary_combine,
	SERIALFUNC = @extschema@.trend_summary_serial,
	DESERIALFUNC = @extschema@.trend_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.trend_agg(timestamp with time zone, double precision) IS
	'Least-squares line of y over time t (x in days): centred sums by Welford; rows with a NULL t or y skipped; y must be finite';

CREATE AGGREGATE @extschema@.rollup(@extschema@.trend_summary) (
	SFUNC = @extschema@.trend_summary_rollup_trans,
	STYPE = internal,
	SSPACE = 64,
	FINALFUNC = @extschema@.trend_summary_final,
	COMBINEFUNC = @extschema@.trend_summary_combine,
	SERIALFUNC = @extschema@.trend_summary_serial,
	DESERIALFUNC = @extschema@.trend_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.trend_summary) IS
	'Merges trend summaries (e.g. monthly into yearly) by Chan, Golub and LeVeque: the same line as one pass over the points, up to rounding; NULLs skipped';

-- Accessors: NULL where the statistic is undefined (fewer points than it needs, no spread in time).
CREATE FUNCTION @extschema@.points(s @extschema@.trend_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_points';
COMMENT ON FUNCTION @extschema@.points(@extschema@.trend_summary) IS
	'Number of points (rows with a time and a value) in a trend summary';
CREATE FUNCTION @extschema@.slope(s @extschema@.trend_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_slope';
COMMENT ON FUNCTION @extschema@.slope(@extschema@.trend_summary) IS
	'Least-squares slope in units of y per day, sxy / sxx; NULL below 2 points or when every point has the same time';
CREATE FUNCTION @extschema@.intercept(s @extschema@.trend_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_intercept';
COMMENT ON FUNCTION @extschema@.intercept(@extschema@.trend_summary) IS
	'The fitted line at 1970-01-01 00:00 UTC (x = 0 days), as regr_intercept(y, epoch days); NULL where slope is';
CREATE FUNCTION @extschema@.r_squared(s @extschema@.trend_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_r_squared';
COMMENT ON FUNCTION @extschema@.r_squared(@extschema@.trend_summary) IS
	'Coefficient of determination sxy^2 / (sxx syy); NULL below 2 points or without spread in time or value';
CREATE FUNCTION @extschema@.residual_stderr(s @extschema@.trend_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_residual_stderr';
COMMENT ON FUNCTION @extschema@.residual_stderr(@extschema@.trend_summary) IS
	'Residual standard error sqrt(SSR / (n - 2)); NULL below 3 points or without spread in time';
CREATE FUNCTION @extschema@.slope_stderr(s @extschema@.trend_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_slope_stderr';
COMMENT ON FUNCTION @extschema@.slope_stderr(@extschema@.trend_summary) IS
	'Standard error of the slope, residual_stderr / sqrt(sxx), per day; NULL where residual_stderr is';
CREATE FUNCTION @extschema@.slope_ci(s @extschema@.trend_summary, level double precision DEFAULT 0.95)
RETURNS double precision[] LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_slope_ci';
COMMENT ON FUNCTION @extschema@.slope_ci(@extschema@.trend_summary, double precision) IS
	'Two-sided confidence interval {low, high} of the slope per day at a level in (0, 1), from Student''s t with n - 2 degrees of freedom; NULL below 3 points';
CREATE FUNCTION @extschema@.forecast(s @extschema@.trend_summary, at timestamp with time zone)
RETURNS double precision LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_forecast';
COMMENT ON FUNCTION @extschema@.forecast(@extschema@.trend_summary, timestamp with time zone) IS
	'The fitted line''s value at a time (inside or beyond the data); NULL where slope is';
CREATE FUNCTION @extschema@.prediction_interval(s @extschema@.trend_summary, at timestamp with time zone,
												level double precision DEFAULT 0.95)
RETURNS double precision[] LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_prediction_interval';
COMMENT ON FUNCTION @extschema@.prediction_interval(@extschema@.trend_summary, timestamp with time zone, double precision) IS
	'Two-sided prediction interval {low, high} of a new observation at a time, at a level in (0, 1), from Student''s t with n - 2 degrees of freedom; NULL below 3 points';

-- Campaign lift: an interrupted time series judged against the counterfactual
-- of the baseline's line (doc/trend.md, formulas in doc/formulas.md).
CREATE FUNCTION @extschema@.campaign_lift(before @extschema@.trend_summary, during @extschema@.trend_summary,
										  level double precision DEFAULT 0.95,
										  OUT points_before bigint, OUT points_during bigint,
										  OUT baseline double precision, OUT actual double precision,
										  OUT lift double precision, OUT lift_lower double precision,
										  OUT lift_upper double precision, OUT relative_lift double precision,
										  OUT total_lift double precision, OUT p_value double precision)
RETURNS record LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ts_campaign_lift';
COMMENT ON FUNCTION @extschema@.campaign_lift(@extschema@.trend_summary, @extschema@.trend_summary, double precision) IS
	'Lift of a period over the line of the period before it: baseline = the before-line''s mean over the during points'' times, lift = mean during value - baseline, its interval at a level in (0, 1) from Student''s t with n_before - 2 degrees of freedom (se = s sqrt(1/n_during + 1/n_before + (mean x_during - mean x_before)^2 / sxx_before)), relative lift = lift / baseline, total lift = lift x n_during, and the two-sided p-value; NULL columns where undefined';
