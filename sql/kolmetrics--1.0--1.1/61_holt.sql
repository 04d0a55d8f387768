
-- ---------------------------------------------------------------------------
-- Damped-trend forecasting (doc/trend.md, formulas in doc/formulas.md): Holt's
-- linear method with a damping factor, optionally with an additive season, as
-- an ordered-set aggregate over a series, with prediction intervals.
-- C: src/holt.c over src/core/holt.c and src/core/km_stats.c (normal quantile).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.holt_result AS (
	alpha double precision,
	beta double precision,
	phi double precision,
	gamma double precision,
	season integer,
	points bigint,
	sse double precision,
	sigma double precision,
	at timestamp with time zone[],
	forecast double precision[],
	lower double precision[],
	upper double precision[]
);
COMMENT ON TYPE @extschema@.holt_result IS
	'Result of holt_forecast: the parameters used (alpha, Holt''s beta, damping phi; gamma and the season period, NULL without a season), points, SSE of the one-step errors, sigma = sqrt(SSE / points), and per forecast step its time, forecast and prediction interval bounds';

CREATE FUNCTION @extschema@.holt_forecast_trans(internal, timestamp with time zone, double precision)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_holt_trans';
COMMENT ON FUNCTION @extschema@.holt_forecast_trans(internal, timestamp with time zone, double precision) IS
	'Transition function of holt_forecast: collects one point (rows with a NULL time or value skipped; the value must be finite)';

-- Final functions: STABLE because the step times follow the session's time zone
-- (t_n + k * age(t_n, t_n-1)); the numbers do not depend on it.
CREATE FUNCTION @extschema@.holt_forecast_final(internal, integer, double precision)
RETURNS @extschema@.holt_result LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_holt_final_fit';
COMMENT ON FUNCTION @extschema@.holt_forecast_final(internal, integer, double precision) IS
	'Final function of holt_forecast(horizon, level): fits alpha, beta, phi by least squares and forecasts';
CREATE FUNCTION @extschema@.holt_forecast_final(internal, integer, integer, double precision)
RETURNS @extschema@.holt_result LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_holt_final_fit_season';
COMMENT ON FUNCTION @extschema@.holt_forecast_final(internal, integer, integer, double precision) IS
	'Final function of holt_forecast(horizon, season, level): fits alpha, beta, phi, gamma by least squares and forecasts';
CREATE FUNCTION @extschema@.holt_forecast_final(internal, integer, double precision, double precision,
												double precision, double precision)
RETURNS @extschema@.holt_result LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_holt_final_fixed';
COMMENT ON FUNCTION @extschema@.holt_forecast_final(internal, integer, double precision, double precision, double precision, double precision) IS
	'Final function of holt_forecast(horizon, alpha, beta, phi, level): forecasts with fixed parameters';
CREATE FUNCTION @extschema@.holt_forecast_final(internal, integer, integer, double precision, double precision,
												double precision, double precision, double precision)
RETURNS @extschema@.holt_result LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_holt_final_fixed_season';
COMMENT ON FUNCTION @extschema@.holt_forecast_final(internal, integer, integer, double precision, double precision, double precision, double precision, double precision) IS
	'Final function of holt_forecast(horizon, season, alpha, beta, phi, gamma, level): forecasts with fixed parameters';

-- Four forms of 2, 3, 5 and 7 direct arguments: no call is ambiguous, even with
-- every argument an untyped literal or parameter.
CREATE AGGREGATE @extschema@.holt_forecast(horizon integer, level double precision
										   ORDER BY t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.holt_forecast_trans,
	STYPE = internal,
	FINALFUNC = @extschema@.holt_forecast_final,
	FINALFUNC_MODIFY = SHAREABLE,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.holt_forecast(integer, double precision ORDER BY timestamp with time zone, double precision) IS
	'Damped-trend (Holt) forecast of y for horizon steps with prediction intervals at level: alpha, beta, phi fitted by minimising squared one-step errors; NULL below 2 points';
CREATE AGGREGATE @extschema@.holt_forecast(horizon integer, season integer, level double precision
										   ORDER BY t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.holt_forecast_trans,
	STYPE = internal,
	FINALFUNC = @extschema@.holt_forecast_final,
	FINALFUNC_MODIFY = SHAREABLE,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.holt_forecast(integer, integer, double precision ORDER BY timestamp with time zone, double precision) IS
	'Damped-trend forecast with an additive season of the given period (7: weekly for daily rows), alpha, beta, phi, gamma fitted; NULL below two whole seasons';
CREATE AGGREGATE @extschema@.holt_forecast(horizon integer, alpha double precision, beta double precision,
										   phi double precision, level double precision
										   ORDER BY t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.holt_forecast_trans,
	STYPE = internal,
	FINALFUNC = @extschema@.holt_forecast_final,
	FINALFUNC_MODIFY = SHAREABLE,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.holt_forecast(integer, double precision, double precision, double precision, double precision ORDER BY timestamp with time zone, double precision) IS
	'Damped-trend forecast with fixed alpha, beta (Holt''s form) in [0, 1] and damping phi in (0, 1]; NULL below 2 points';
CREATE AGGREGATE @extschema@.holt_forecast(horizon integer, season integer, alpha double precision,
										   beta double precision, phi double precision, gamma double precision,
										   level double precision
										   ORDER BY t timestamp with time zone, y double precision) (
	SFUNC = @extschema@.holt_forecast_trans,
	STYPE = internal,
	FINALFUNC = @extschema@.holt_forecast_final,
	FINALFUNC_MODIFY = SHAREABLE,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.holt_forecast(integer, integer, double precision, double precision, double precision, double precision, double precision ORDER BY timestamp with time zone, double precision) IS
	'Damped-trend forecast with an additive season and fixed alpha, beta, gamma in [0, 1] and damping phi in (0, 1]; NULL below two whole seasons';

CREATE FUNCTION @extschema@.forecast_rows(r @extschema@.holt_result)
RETURNS TABLE (step integer, at timestamp with time zone, forecast double precision,
			   lower double precision, upper double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
SELECT x.k::integer, x.a, x.f, x.l, x.u
  FROM ROWS FROM (pg_catalog.unnest(r.at), pg_catalog.unnest(r.forecast), pg_catalog.unnest(r.lower),
                  pg_catalog.unnest(r.upper)) WITH ORDINALITY AS x(a, f, l, u, k);
END;
COMMENT ON FUNCTION @extschema@.forecast_rows(@extschema@.holt_result) IS
	'The forecast steps of a holt_result as rows (step, at, forecast, lower, upper), for BI tools; none for NULL';
