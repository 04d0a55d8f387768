/*
 * trend.c
 *	  SQL face of trend_summary (sql/kolmetrics--1.0--1.1/60_trend.sql) over
 *	  the core in src/core/trend.c: the type (text and binary I/O, equality),
 *	  the aggregates trend_agg(timestamptz, float8) and rollup(trend_summary)
 *	  with combine, serial and deserial functions for parallel plans, and the
 *	  accessors (slope, intercept, r_squared, ..., forecast, intervals).
 *
 * trend_summary on disk: a varlena whose payload is the KM_TREND_PACKED_LEN
 * byte form of the core (version byte, zero flags, little-endian n and
 * doubles).  The same bytes are the send/recv form and the serialised
 * aggregate state, all read by one validating function, km_trend_unpack().
 */
#include "km_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "trend.h"

/* Days from 1970-01-01 (x = 0) to 2000-01-01 (PostgreSQL's timestamp zero). */
#define UNIX_TO_PG_DAYS 10957.0

PG_FUNCTION_INFO_V1(km_ts_in);
PG_FUNCTION_INFO_V1(km_ts_out);
PG_FUNCTION_INFO_V1(km_ts_recv);
PG_FUNCTION_INFO_V1(km_ts_send);
PG_FUNCTION_INFO_V1(km_ts_eq);
PG_FUNCTION_INFO_V1(km_ts_ne);
PG_FUNCTION_INFO_V1(km_ts_hash);
PG_FUNCTION_INFO_V1(km_ts_agg_trans);
PG_FUNCTION_INFO_V1(km_ts_rollup_trans);
PG_FUNCTION_INFO_V1(km_ts_combine);
PG_FUNCTION_INFO_V1(km_ts_serial);
PG_FUNCTION_INFO_V1(km_ts_deserial);
PG_FUNCTION_INFO_V1(km_ts_final);
PG_FUNCTION_INFO_V1(km_ts_points);
PG_FUNCTION_INFO_V1(km_ts_slope);
PG_FUNCTION_INFO_V1(km_ts_intercept);
PG_FUNCTION_INFO_V1(km_ts_r_squared);
PG_FUNCTION_INFO_V1(km_ts_residual_stderr);
PG_FUNCTION_INFO_V1(km_ts_slope_stderr);
PG_FUNCTION_INFO_V1(km_ts_slope_ci);
PG_FUNCTION_INFO_V1(km_ts_forecast);
PG_FUNCTION_INFO_V1(km_ts_prediction_interval);
PG_FUNCTION_INFO_V1(km_ts_campaign_lift);

/*
 * A varlena (trend_summary or bytea) holding the packed form of t, settled
 * first (22003 when a sum overflowed).
 */
static Datum
trend_datum(KmTrend *t)
{
	struct varlena *v = palloc(VARHDRSZ + KM_TREND_PACKED_LEN);
	KmError		err;

	km_clear(&err);
	if (km_trend_settle(t, &err) != KM_OK)
		km_raise(&err, "trend_summary is out of range");
	SET_VARSIZE(v, VARHDRSZ + KM_TREND_PACKED_LEN);
	km_trend_pack(t, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

/*
 * Read packed bytes into t; a failure is raised with code (22P03 for recv
 * and partial states, XX001 for a stored value that does not read).
 */
static void
trend_read(const uint8_t *buf, size_t len, KmTrend *t, int code, const char *what)
{
	KmError		err;

	km_clear(&err);
	if (km_trend_unpack(buf, len, t, &err) != KM_OK)
		ereport(ERROR,
				(errcode(code),
				 errmsg("%s", what),
				 errdetail("%s", err.detail)));
}

/* Argument n, a stored trend_summary, unpacked and checked. */
static void
trend_arg(FunctionCallInfo fcinfo, int n, KmTrend *t)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n));

	trend_read((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), t,
			   ERRCODE_DATA_CORRUPTED, "corrupt trend_summary value");
}

/* A timestamptz argument as days since 1970-01-01; 22008 for infinity. */
static double
days_arg(FunctionCallInfo fcinfo, int n)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(n);

	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("trend time must be finite: %s", TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity")));
	return (double) ts / (double) USECS_PER_DAY + UNIX_TO_PG_DAYS;
}

/* A confidence level argument; 22023 naming it unless 0 < level < 1. */
static double
level_arg(FunctionCallInfo fcinfo, int n)
{
	double		level = PG_GETARG_FLOAT8(n);

	if (!(level > 0 && level < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level must be between 0 and 1 (exclusive): %s",
						float8out_internal(level)),
				 errhint("Pass a fraction: 0.95 for a 95%% interval.")));
	return level;
}

/* A float8[] of {lo, hi}. */
static Datum
interval_array(double lo, double hi)
{
	Datum		e[2] = {Float8GetDatum(lo), Float8GetDatum(hi)};

	return PointerGetDatum(construct_array(e, 2, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
										   TYPALIGN_DOUBLE));
}

/* A float8 result; 22003 when it is not finite (a corrupt value's extremes). */
static double
finite_result(double r, const char *what)
{
	if (!isfinite(r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range for type double precision", what)));
	return r;
}

/* ------------------------------------------------------------------- I/O */

/* trend_summary_in(cstring): parse and validate the text form. */
Datum
km_ts_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	KmTrend		t;
	KmError		err;

	km_clear(&err);
	if (km_trend_parse(str, &t, &err) != KM_OK)
		km_raise(&err, "invalid input syntax for type trend_summary: \"%.*s\"",
				 km_utf8_cut(str, 200), str);
	PG_RETURN_DATUM(trend_datum(&t));
}

/* trend_summary_out(trend_summary): the text form, floats exact (%.17g). */
Datum
km_ts_out(PG_FUNCTION_ARGS)
{
	KmTrend		t;
	char	   *out = palloc(KM_TREND_TEXT_LEN);

	trend_arg(fcinfo, 0, &t);
	km_trend_format(&t, out, KM_TREND_TEXT_LEN);
	PG_RETURN_CSTRING(out);
}

/* trend_summary_recv(internal, oid, integer): the packed form, validated. */
Datum
km_ts_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KmTrend		t;

	trend_read((const uint8_t *) buf->data + buf->cursor, (size_t) (buf->len - buf->cursor),
			   &t, ERRCODE_INVALID_BINARY_REPRESENTATION,
			   "invalid external representation for type trend_summary");
	buf->cursor = buf->len;
	PG_RETURN_DATUM(trend_datum(&t));
}

/* trend_summary_send(trend_summary): the packed form as stored. */
Datum
km_ts_send(PG_FUNCTION_ARGS)
{
	KmTrend		t;

	trend_arg(fcinfo, 0, &t);
	PG_RETURN_DATUM(trend_datum(&t));
}

/* = : one value, one packed form (negative zeros are stored as 0). */
Datum
km_ts_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(km_canonical_equal(fcinfo));
}

/* <> */
Datum
km_ts_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!km_canonical_equal(fcinfo));
}

/* Hash of the packed form; consistent with =. */
Datum
km_ts_hash(PG_FUNCTION_ARGS)
{
	return km_canonical_hash(fcinfo);
}

/* ------------------------------------------------------------ aggregates */

/* The state in argument 0, or a new empty one in the aggregate's context. */
static KmTrend *
state_arg(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext cxt = km_agg_context(fcinfo, fname);
	KmTrend    *t;

	if (!PG_ARGISNULL(0))
		return (KmTrend *) PG_GETARG_POINTER(0);
	t = MemoryContextAlloc(cxt, sizeof(KmTrend));
	km_trend_init(t);
	return t;
}

/*
 * trend_agg transition: (state, t timestamptz, y float8).  Rows with a NULL
 * time or value are skipped; a value that is not finite is 22023.
 */
Datum
km_ts_agg_trans(PG_FUNCTION_ARGS)
{
	KmTrend    *t = state_arg(fcinfo, "trend_agg");
	KmError		err;
	double		x,
				y;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(t);
	x = days_arg(fcinfo, 1);
	y = PG_GETARG_FLOAT8(2);
	if (!isfinite(y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trend value must be a finite number: %s", float8out_internal(y)),
				 errhint("Filter the rows out, or map them to a number, before trend_agg.")));
	km_clear(&err);
	if (km_trend_add(t, x, y, &err) != KM_OK)
		km_raise(&err, "trend_agg failed");
	PG_RETURN_POINTER(t);
}

/* rollup transition: (state, trend_summary); NULL summaries are skipped. */
Datum
km_ts_rollup_trans(PG_FUNCTION_ARGS)
{
	KmTrend    *t = state_arg(fcinfo, "rollup");
	KmTrend		s;
	KmError		err;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(t);
	trend_arg(fcinfo, 1, &s);
	km_clear(&err);
	if (km_trend_merge(t, &s, &err) != KM_OK)
		km_raise(&err, "rollup of trend_summary failed");
	PG_RETURN_POINTER(t);
}

/* Combine two partial states; either may be NULL (a worker that saw no rows). */
Datum
km_ts_combine(PG_FUNCTION_ARGS)
{
	KmTrend    *t;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	t = state_arg(fcinfo, "trend_summary combine");
	km_clear(&err);
	if (km_trend_merge(t, (const KmTrend *) PG_GETARG_POINTER(1), &err) != KM_OK)
		km_raise(&err, "trend_summary combine failed");
	PG_RETURN_POINTER(t);
}

/* Serialize a state as the packed form (a bytea). */
Datum
km_ts_serial(PG_FUNCTION_ARGS)
{
	(void) km_agg_context(fcinfo, "trend_summary serial");
	PG_RETURN_DATUM(trend_datum((KmTrend *) PG_GETARG_POINTER(0)));
}

/* Deserialize: the packed bytes validated (22P03 otherwise) into a new state. */
Datum
km_ts_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "trend_summary deserial");
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	KmTrend    *t = MemoryContextAlloc(cxt, sizeof(KmTrend));

	trend_read((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), t,
			   ERRCODE_INVALID_BINARY_REPRESENTATION, "corrupt trend_summary partial state");
	PG_RETURN_POINTER(t);
}

/* Final: the packed form; no rows at all give the empty summary (0 points). */
Datum
km_ts_final(PG_FUNCTION_ARGS)
{
	KmTrend		empty;

	(void) km_agg_context(fcinfo, "trend_summary final");
	if (PG_ARGISNULL(0))
	{
		km_trend_init(&empty);
		PG_RETURN_DATUM(trend_datum(&empty));
	}
	PG_RETURN_DATUM(trend_datum((KmTrend *) PG_GETARG_POINTER(0)));
}

/* ------------------------------------------------------------- accessors */

/* points(trend_summary): the number of points. */
Datum
km_ts_points(PG_FUNCTION_ARGS)
{
	KmTrend		t;

	trend_arg(fcinfo, 0, &t);
	PG_RETURN_INT64(t.n);
}

/* Return the statistic stat(&t, &r) of argument 0, or NULL where it is undefined. */
#define RETURN_STAT(stat, what) \
	do { \
		KmTrend		t_; \
		double		r_; \
		trend_arg(fcinfo, 0, &t_); \
		if (!stat(&t_, &r_)) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(finite_result(r_, what)); \
	} while (0)

/* slope(trend_summary): least-squares slope per day. */
Datum
km_ts_slope(PG_FUNCTION_ARGS)
{
	RETURN_STAT(km_trend_slope, "trend slope");
}

/* intercept(trend_summary): the fitted line at 1970-01-01 00:00 UTC. */
Datum
km_ts_intercept(PG_FUNCTION_ARGS)
{
	RETURN_STAT(km_trend_intercept, "trend intercept");
}

/* r_squared(trend_summary): the coefficient of determination. */
Datum
km_ts_r_squared(PG_FUNCTION_ARGS)
{
	RETURN_STAT(km_trend_r2, "r squared");
}

/* residual_stderr(trend_summary): sqrt(SSR / (n - 2)). */
Datum
km_ts_residual_stderr(PG_FUNCTION_ARGS)
{
	RETURN_STAT(km_trend_resid_se, "residual standard error");
}

/* slope_stderr(trend_summary): the slope's standard error, per day. */
Datum
km_ts_slope_stderr(PG_FUNCTION_ARGS)
{
	RETURN_STAT(km_trend_slope_se, "slope standard error");
}

/* slope_ci(trend_summary, level): {lo, hi} of the slope from Student's t. */
Datum
km_ts_slope_ci(PG_FUNCTION_ARGS)
{
	KmTrend		t;
	KmError		err;
	double		level = level_arg(fcinfo, 1),
				lo,
				hi;
	bool		defined;

	trend_arg(fcinfo, 0, &t);
	km_clear(&err);
	if (km_trend_slope_ci(&t, level, &lo, &hi, &defined, &err) != KM_OK)
		km_raise(&err, "slope_ci failed");
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(interval_array(finite_result(lo, "slope interval"),
								   finite_result(hi, "slope interval")));
}

/* forecast(trend_summary, at): the fitted line's value at a time. */
Datum
km_ts_forecast(PG_FUNCTION_ARGS)
{
	KmTrend		t;
	double		x = days_arg(fcinfo, 1),
				r;

	trend_arg(fcinfo, 0, &t);
	if (!km_trend_fitted(&t, x, &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(finite_result(r, "forecast"));
}

/* prediction_interval(trend_summary, at, level): {lo, hi} for a new observation at a time. */
Datum
km_ts_prediction_interval(PG_FUNCTION_ARGS)
{
	KmTrend		t;
	KmError		err;
	double		x = days_arg(fcinfo, 1),
				level = level_arg(fcinfo, 2),
				lo,
				hi;
	bool		defined;

	trend_arg(fcinfo, 0, &t);
	km_clear(&err);
	if (km_trend_predict(&t, x, level, &lo, &hi, &defined, &err) != KM_OK)
		km_raise(&err, "prediction_interval failed");
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(interval_array(finite_result(lo, "prediction interval"),
								   finite_result(hi, "prediction interval")));
}

/*
 * campaign_lift(before, during, level): the during period's mean against the
 * before period's line over the same times, as one row (OUT columns of
 * 60_trend.sql: points_before, points_during, baseline, actual, lift,
 * lift_lower, lift_upper, relative_lift, total_lift, p_value).
 */
Datum
km_ts_campaign_lift(PG_FUNCTION_ARGS)
{
	KmTrend		before,
				during;
	KmLift		l;
	KmError		err;
	double		level = level_arg(fcinfo, 2);
	TupleDesc	desc;
	Datum		v[10];
	bool		isnull[10];

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != 10)
		elog(ERROR, "campaign_lift must return a row of 10 columns");
	trend_arg(fcinfo, 0, &before);
	trend_arg(fcinfo, 1, &during);
	km_clear(&err);
	if (km_trend_lift(&before, &during, level, &l, &err) != KM_OK)
		km_raise(&err, "campaign_lift failed");
	v[0] = Int64GetDatum(before.n);
	v[1] = Int64GetDatum(during.n);
	v[2] = Float8GetDatum(l.baseline);
	v[3] = Float8GetDatum(l.actual);
	v[4] = Float8GetDatum(l.lift);
	v[5] = Float8GetDatum(l.lo);
	v[6] = Float8GetDatum(l.hi);
	v[7] = Float8GetDatum(l.relative);
	v[8] = Float8GetDatum(l.total);
	v[9] = Float8GetDatum(l.p);
	isnull[0] = isnull[1] = false;
	isnull[2] = isnull[4] = isnull[8] = !l.has_lift;
	isnull[3] = during.n < 1;
	isnull[5] = isnull[6] = isnull[9] = !l.has_interval;
	isnull[7] = !l.has_relative;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, isnull)));
}
