/*
 * anomaly.c
 *	  SQL face of the anomaly scores (sql/kolmetrics--1.0--1.1/62_anomaly.sql)
 *	  over src/core/anomaly.c: the ordered-set aggregate
 *	  anomalies([threshold]) WITHIN GROUP (ORDER BY t, y) returning an
 *	  anomaly_result row of arrays.
 *
 * As for every ordered-set aggregate, the rows reach the transition function
 * in no particular order: it collects them, and the final function sorts
 * them by time (whatever direction the WITHIN GROUP clause names: a series
 * is read forwards in time).
 */
#include "km_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "anomaly.h"

/* Most points one series may hold (doc/trend.md). */
#define KM_SERIES_MAX_POINTS 10000000

PG_FUNCTION_INFO_V1(km_anomaly_trans);
PG_FUNCTION_INFO_V1(km_anomaly_final);
PG_FUNCTION_INFO_V1(km_anomaly_final0);

/* The collected points, in the aggregate's memory context. */
typedef struct SeriesState
{
	KmSeriesPoint *p;
	size_t		n;
	size_t		cap;
} SeriesState;

/* anomaly_transition(state, t, y): append (t, y); skip a NULL; 22023 / 22008 for non-finite. */
Datum
km_anomaly_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = km_agg_context(fcinfo, "anomaly_transition");
	SeriesState *st = PG_ARGISNULL(0) ? NULL : (SeriesState *) PG_GETARG_POINTER(0);
	TimestampTz t;
	double		y;

	if (st == NULL)
	{
		st = MemoryContextAllocZero(aggctx, sizeof(SeriesState));
		st->cap = 64;
		st->p = MemoryContextAlloc(aggctx, st->cap * sizeof(KmSeriesPoint));
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	t = PG_GETARG_TIMESTAMPTZ(1);
	y = PG_GETARG_FLOAT8(2);
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("series time must be finite: %s", TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity")));
	if (!isfinite(y))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("series value must be finite: %s", float8out_internal(y))));
	if (st->n == st->cap)
	{
		if (st->cap >= KM_SERIES_MAX_POINTS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("series has more than %d points", KM_SERIES_MAX_POINTS),
					 errhint("Aggregate the series to a coarser time step (date_trunc) first.")));
		st->cap = Min(st->cap * 2, KM_SERIES_MAX_POINTS);
		st->p = repalloc_huge(st->p, st->cap * sizeof(KmSeriesPoint));
	}
	st->p[st->n].t = t;
	st->p[st->n].y = y;
	st->n++;
	PG_RETURN_POINTER(st);
}

/* A one-dimensional array of n Datums of a pass-by-value 8-byte type. */
static Datum
array8(Datum *e, int n, Oid type)
{
	return PointerGetDatum(construct_array(e, n, type, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * The anomaly_result of the collected series at threshold th, or NULL below
 * KM_ANOMALY_MIN_POINTS points.
 */
static Datum
anomaly_result(FunctionCallInfo fcinfo, double th)
{
	SeriesState *st = PG_ARGISNULL(0) ? NULL : (SeriesState *) PG_GETARG_POINTER(0);
	TupleDesc	desc;
	KmAnomalyStats stats;
	KmError		err;
	int64_t		dup = 0;
	double	   *rate,
			   *score,
			   *work;
	Datum	   *col[5];
	Datum		v[10];
	bool		isnull[10] = {0};
	size_t		i;
	int			k = 0,
				c;

	if (!(th >= 0 && isfinite(th)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("anomaly threshold must be a finite number >= 0: %s", float8out_internal(th)),
				 errhint("3.5 is Iglewicz and Hoaglin's cut-off for the modified z-score.")));
	if (st == NULL || st->n < KM_ANOMALY_MIN_POINTS)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != 10)
		elog(ERROR, "anomalies must return anomaly_result");
	km_clear(&err);
	if (km_series_sort(st->p, st->n, &dup, &err) != KM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("series has two points at %s", timestamptz_to_str(dup)),
				 errhint("Keep one value per time (the last snapshot, or an aggregate per time) before calling anomalies.")));
	rate = palloc_extended(3 * (st->n - 1) * sizeof(double), MCXT_ALLOC_HUGE);
	score = rate + (st->n - 1);
	work = score + (st->n - 1);
	if (km_anomaly_scores(st->p, st->n, rate, score, work, &stats, &err) != KM_OK)
		km_raise(&err, "anomalies failed");
	for (c = 0; c < 5; c++)
		col[c] = palloc_extended((st->n - 1) * sizeof(Datum), MCXT_ALLOC_HUGE);
	for (i = 0; i + 1 < st->n; i++)
		if (fabs(score[i]) > th)
		{
			col[0][k] = TimestampTzGetDatum(st->p[i + 1].t);
			col[1][k] = Float8GetDatum(st->p[i + 1].y);
			col[2][k] = Float8GetDatum(st->p[i + 1].y - st->p[i].y);
			col[3][k] = Float8GetDatum(rate[i]);
			col[4][k] = Float8GetDatum(score[i]);
			/* a change of two finite values may overflow where the rate did not */
			if (!isfinite(DatumGetFloat8(col[2][k])))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("change of the series at %s is out of range for type double precision",
								timestamptz_to_str(st->p[i + 1].t))));
			k++;
		}
	v[0] = Int64GetDatum((int64) st->n);
	v[1] = Float8GetDatum(stats.median);
	v[2] = Float8GetDatum(stats.scale);
	v[3] = CStringGetTextDatum(km_anomaly_scale_name(stats.method));
	v[4] = Float8GetDatum(th);
	v[5] = array8(col[0], k, TIMESTAMPTZOID);
	for (c = 1; c < 5; c++)
		v[5 + c] = array8(col[c], k, FLOAT8OID);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, isnull)));
}

/* anomaly_final(state, threshold, t, y): anomalies(threshold); NULL for a NULL threshold. */
Datum
km_anomaly_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	return anomaly_result(fcinfo, PG_GETARG_FLOAT8(1));
}

/* anomaly_final(state, t, y): anomalies(3.5). */
Datum
km_anomaly_final0(PG_FUNCTION_ARGS)
{
	return anomaly_result(fcinfo, KM_ANOMALY_THRESHOLD);
}
