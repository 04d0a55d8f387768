/*
 * holt.c
 *	  SQL face of damped-trend forecasting (sql/kolmetrics--1.0--1.1/61_holt.sql)
 *	  over the core in src/core/holt.c: the ordered-set aggregate
 *	  holt_forecast(...) WITHIN GROUP (ORDER BY t, y) in four forms (fitted or
 *	  fixed parameters, with or without a season) returning holt_result.
 *
 * The transition function collects the points (time, value) in a growing
 * array in the aggregate's memory context; the final function sorts them by
 * time (rows may arrive in any order), refuses two rows at one time, and
 * hands the values to the core.  Ordered-set aggregates have no partial
 * (parallel) form.
 */
#include "km_pg.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "holt.h"

PG_FUNCTION_INFO_V1(km_holt_trans);
PG_FUNCTION_INFO_V1(km_holt_final_fit);
PG_FUNCTION_INFO_V1(km_holt_final_fit_season);
PG_FUNCTION_INFO_V1(km_holt_final_fixed);
PG_FUNCTION_INFO_V1(km_holt_final_fixed_season);

/* One point of the series. */
typedef struct HoltPoint
{
	TimestampTz t;
	double		y;
} HoltPoint;

/* The aggregate's state: the points so far, in arrival order. */
typedef struct HoltState
{
	int64		n;
	int64		cap;
	HoltPoint  *pts;
} HoltState;

/* Number of columns of holt_result. */
#define HOLT_RESULT_NATTS 12

/*
 * Transition: (state, t timestamptz, y float8).  Rows with a NULL time or
 * value are skipped; an infinite time is 22008, a value that is not finite
 * 22023, both naming it.
 */
Datum
km_holt_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "holt_forecast");
	HoltState  *s;
	TimestampTz t;
	double		y;

	if (PG_ARGISNULL(0))
	{
		s = MemoryContextAllocZero(cxt, sizeof(HoltState));
		s->cap = 64;
		s->pts = MemoryContextAlloc(cxt, s->cap * sizeof(HoltPoint));
	}
	else
		s = (HoltState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(s);
	t = PG_GETARG_TIMESTAMPTZ(1);
	y = PG_GETARG_FLOAT8(2);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("holt_forecast time must be finite: %s",
						TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity")));
	if (!isfinite(y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("holt_forecast value must be a finite number: %s", float8out_internal(y)),
				 errhint("Filter the rows out, or map them to a number, before holt_forecast.")));
	if (s->n == s->cap)
	{
		s->cap *= 2;
		s->pts = repalloc_huge(s->pts, s->cap * sizeof(HoltPoint));
	}
	s->pts[s->n].t = t;
	s->pts[s->n].y = y;
	s->n++;
	PG_RETURN_POINTER(s);
}

/* qsort order of points: by time, then value (ties are refused later). */
static int
point_cmp(const void *a, const void *b)
{
	const HoltPoint *p = a,
			   *q = b;

	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}

/* A float8[] of n values. */
static Datum
float8_array(const double *v, int n)
{
	Datum	   *e = palloc(n * sizeof(Datum));
	int			i;

	for (i = 0; i < n; i++)
		e[i] = Float8GetDatum(v[i]);
	return PointerGetDatum(construct_array(e, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
										   TYPALIGN_DOUBLE));
}

/*
 * The times of steps 1..h: last + k * age(last, previous), in the session's
 * time zone (age keeps calendar months: month starts stay month starts).
 */
static Datum
step_times(TimestampTz prev, TimestampTz last, int h)
{
	Datum		step = DirectFunctionCall2(timestamptz_age, TimestampTzGetDatum(last),
										   TimestampTzGetDatum(prev));
	Datum	   *e = palloc(h * sizeof(Datum));
	int			k;

	for (k = 1; k <= h; k++)
		e[k - 1] = DirectFunctionCall2(timestamptz_pl_interval, TimestampTzGetDatum(last),
									   DirectFunctionCall2(interval_mul, step,
														   Float8GetDatum((double) k)));
	return PointerGetDatum(construct_array(e, h, TIMESTAMPTZOID, sizeof(TimestampTz),
										   true, TYPALIGN_DOUBLE));
}

/*
 * The common final step: p holds the period and (fixed) the parameters;
 * NULL when fewer points than the form needs, else the holt_result.
 */
static Datum
holt_final(FunctionCallInfo fcinfo, KmHoltParams *p, bool fixed, int h, double level)
{
	HoltState  *s;
	KmError		err;
	KmHoltOut	out;
	TupleDesc	tupdesc;
	Datum		values[HOLT_RESULT_NATTS];
	bool		nulls[HOLT_RESULT_NATTS] = {0};
	double	   *y,
			   *fc,
			   *lo,
			   *hi;
	int64		i;

	(void) km_agg_context(fcinfo, "holt_forecast");
	km_clear(&err);
	if (km_holt_check(p, fixed, h, level, &err) != KM_OK)
		km_raise(&err, "holt_forecast: invalid parameter");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (HoltState *) PG_GETARG_POINTER(0);
	if (s->n < km_holt_min_points(p->season))
		PG_RETURN_NULL();

	/* sorting in place is idempotent: FINALFUNC_MODIFY = SHAREABLE */
	qsort(s->pts, s->n, sizeof(HoltPoint), point_cmp);
	y = palloc_extended(s->n * sizeof(double), MCXT_ALLOC_HUGE);
	for (i = 0; i < s->n; i++)
	{
		if (i > 0 && s->pts[i].t == s->pts[i - 1].t)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("holt_forecast got two rows at the same time: %s",
							timestamptz_to_str(s->pts[i].t)),
					 errhint("Give one row per period: aggregate each day, week or month first.")));
		y[i] = s->pts[i].y;
	}

	if (!fixed && km_holt_fit(y, s->n, p, &err) != KM_OK)
		km_raise(&err, "holt_forecast: fit failed");
	fc = palloc(3 * h * sizeof(double));
	lo = fc + h;
	hi = lo + h;
	if (km_holt_forecast(y, s->n, p, h, level, fc, lo, hi, &out, &err) != KM_OK)
		km_raise(&err, "holt_forecast failed");

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
		tupdesc->natts != HOLT_RESULT_NATTS)
		elog(ERROR, "holt_forecast: return type must be holt_result");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(p->alpha);
	values[1] = Float8GetDatum(p->beta);
	values[2] = Float8GetDatum(p->phi);
	values[3] = Float8GetDatum(p->gamma);
	nulls[3] = (p->season == 0);
	values[4] = Int32GetDatum(p->season);
	nulls[4] = (p->season == 0);
	values[5] = Int64GetDatum(s->n);
	values[6] = Float8GetDatum(out.sse);
	values[7] = Float8GetDatum(out.sigma);
	values[8] = step_times(s->pts[s->n - 2].t, s->pts[s->n - 1].t, h);
	values[9] = float8_array(fc, h);
	values[10] = float8_array(lo, h);
	values[11] = float8_array(hi, h);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* True when any of the direct arguments first..last is NULL. */
static bool
any_null(FunctionCallInfo fcinfo, int first, int last)
{
	int			i;

	for (i = first; i <= last; i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/* A season period argument: 22023 naming it unless 2 .. KM_HOLT_MAX_SEASON. */
static int
season_arg(FunctionCallInfo fcinfo, int n)
{
	int			m = PG_GETARG_INT32(n);
	KmError		err;

	km_clear(&err);
	if (km_holt_check_season(m, &err) != KM_OK)
		km_raise(&err, "holt_forecast: invalid season");
	return m;
}

/* holt_forecast(horizon, level): alpha, beta, phi fitted. */
Datum
km_holt_final_fit(PG_FUNCTION_ARGS)
{
	KmHoltParams p = {0, 0, 0, 0, 0};

	if (any_null(fcinfo, 1, 2))
		PG_RETURN_NULL();
	return holt_final(fcinfo, &p, false, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2));
}

/* holt_forecast(horizon, season, level): alpha, beta, phi, gamma fitted. */
Datum
km_holt_final_fit_season(PG_FUNCTION_ARGS)
{
	KmHoltParams p = {0, 0, 0, 0, 0};

	if (any_null(fcinfo, 1, 3))
		PG_RETURN_NULL();
	p.season = season_arg(fcinfo, 2);
	return holt_final(fcinfo, &p, false, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(3));
}

/* holt_forecast(horizon, alpha, beta, phi, level): fixed parameters. */
Datum
km_holt_final_fixed(PG_FUNCTION_ARGS)
{
	KmHoltParams p;

	if (any_null(fcinfo, 1, 5))
		PG_RETURN_NULL();
	p.alpha = PG_GETARG_FLOAT8(2);
	p.beta = PG_GETARG_FLOAT8(3);
	p.phi = PG_GETARG_FLOAT8(4);
	p.gamma = 0;
	p.season = 0;
	return holt_final(fcinfo, &p, true, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(5));
}

/* holt_forecast(horizon, season, alpha, beta, phi, gamma, level): fixed parameters. */
Datum
km_holt_final_fixed_season(PG_FUNCTION_ARGS)
{
	KmHoltParams p;

	if (any_null(fcinfo, 1, 7))
		PG_RETURN_NULL();
	p.season = season_arg(fcinfo, 2);
	p.alpha = PG_GETARG_FLOAT8(3);
	p.beta = PG_GETARG_FLOAT8(4);
	p.phi = PG_GETARG_FLOAT8(5);
	p.gamma = PG_GETARG_FLOAT8(6);
	return holt_final(fcinfo, &p, true, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(7));
}
