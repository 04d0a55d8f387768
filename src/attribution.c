/*
 * attribution.c
 *	  SQL face of attribution (sql/kolmetrics--1.0--1.1/72_attribution.sql)
 *	  over src/core/attribution.c and attribution_markov.c: the set-returning
 *	  attribute(model, keys, touch_times, converted_at, value, ...) that splits
 *	  one conversion's value over its touchpoints, and the parallel aggregate
 *	  markov_attribution(path, converted [, value]) -> markov_result.
 */
#include "money_pg.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/fmgroids.h"
#include "utils/timestamp.h"

#include "attribution.h"

PG_FUNCTION_INFO_V1(km_attribute);
PG_FUNCTION_INFO_V1(km_markov_trans);
PG_FUNCTION_INFO_V1(km_markov_combine_fn);
PG_FUNCTION_INFO_V1(km_markov_serial);
PG_FUNCTION_INFO_V1(km_markov_deserial);
PG_FUNCTION_INFO_V1(km_markov_final);

/* 10^(10 - dscale): units of 10^-10 per indivisible unit of a value of that scale. */
static km_i128
unit_of_scale(int dscale)
{
	km_i128		u = 1;

	for (int i = dscale; i < KM_CAMP_SCALE; i++)
		u *= 10;
	return u;
}

/* units (a multiple of 10^(10 - dscale)) as a numeric of scale dscale. */
static Datum
units_numeric(km_i128 units, int dscale)
{
	km_i128		q = units / unit_of_scale(dscale);

	if (q <= PG_INT64_MAX)
		return NumericGetDatum(int64_div_fast_to_numeric((int64) q, dscale));
	return NumericGetDatum(km_money_numeric(units, dscale));
}

/* A one-dimensional array argument's elements; 22023 for more dimensions. */
static int
array_arg(ArrayType *a, Oid type, int16 len, bool byval, char align, const char *what,
		  Datum **d, bool **nulls)
{
	int			n;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, not %d dimensions", what, ARR_NDIM(a))));
	deconstruct_array(a, type, len, byval, align, d, nulls, &n);
	return n;
}

/* The position shares argument in units of 10^-10, checked to add up to 1. */
static void
position_shares(ArrayType *a, int64_t shares[3])
{
	Datum	   *d;
	bool	   *nulls;
	int			n = array_arg(a, NUMERICOID, -1, false, TYPALIGN_INT, "position shares", &d, &nulls);
	km_i128		sum = 0;

	if (n != 3 || nulls[0] || nulls[1] || nulls[2])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("position shares must be three numbers (first, middle, last): %s",
						OidOutputFunctionCall(F_ARRAY_OUT, PointerGetDatum(a))),
				 errhint("The default is '{0.4,0.2,0.4}'.")));
	for (int i = 0; i < 3; i++)
	{
		KmMoney		m;

		km_money_arg(d[i], "position share", &m);
		if (m.units > (km_i128) 10000000000LL)
			m.units = (km_i128) 10000000001LL;	/* fails the sum below */
		shares[i] = (int64_t) m.units;
		sum += m.units;
	}
	if (sum != (km_i128) 10000000000LL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("position shares must add up to 1: %s",
						OidOutputFunctionCall(F_ARRAY_OUT, PointerGetDatum(a))),
				 errhint("The default is '{0.4,0.2,0.4}'.")));
}

/*
 * attribute(model, keys, touch_times, converted_at, value, lookback,
 * half_life, position_shares): one row per touchpoint in the lookback
 * window, in time order, with its credit (exact, summing to value) and share.
 */
Datum
km_attribute(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *model_name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ArrayType  *keys = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *times = PG_GETARG_ARRAYTYPE_P(2);
	TimestampTz conv = PG_GETARG_TIMESTAMPTZ(3);
	Datum		value = PG_GETARG_DATUM(4);
	Interval   *lookback = PG_GETARG_INTERVAL_P(5);
	Interval   *half_life = PG_GETARG_INTERVAL_P(6);
	KmAttrModel model;
	KmError		err;
	KmMoney		v;
	int64_t		shares[3];
	double		hl_us;
	TimestampTz window;
	Datum	   *kd,
			   *td;
	bool	   *kn,
			   *tn;
	int			nk,
				nt;
	size_t		n = 0;
	KmTouch    *touch;
	uint64_t   *w;
	double	   *share;
	km_i128    *credit,
			   *rem;
	size_t	   *order;
	km_i128		unit;

	km_clear(&err);
	if (km_attr_model(model_name, &model, &err) != KM_OK)
		ereport(ERROR,
				(errcode(km_sqlstate(err.code)), errmsg("%s", err.message),
				 errhint("The models are %s.", KM_ATTR_MODEL_LIST)));
	km_money_arg(value, "conversion value", &v);
	hl_us = DatumGetFloat8(DirectFunctionCall2(interval_part, CStringGetTextDatum("epoch"),
											   IntervalPGetDatum(half_life))) * 1e6;
	if (!(hl_us > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("half-life must be positive: %s",
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(half_life))))));
	position_shares(PG_GETARG_ARRAYTYPE_P(7), shares);
	if (TIMESTAMP_NOT_FINITE(conv))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("conversion time must be finite: %s", timestamptz_to_str(conv))));
	window = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_mi_interval,
													 TimestampTzGetDatum(conv),
													 IntervalPGetDatum(lookback)));
	if (window > conv)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lookback window must not be negative: %s",
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(lookback))))));
	nk = array_arg(keys, TEXTOID, -1, false, TYPALIGN_INT, "touchpoint keys", &kd, &kn);
	nt = array_arg(times, TIMESTAMPTZOID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, "touchpoint times", &td, &tn);
	if (nk != nt)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("touchpoint keys and times differ in length: %d keys, %d times", nk, nt)));
	if (nk > KM_ATTR_MAX_TOUCHES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("conversion has more than %d touchpoints: %d", KM_ATTR_MAX_TOUCHES, nk)));

	InitMaterializedSRF(fcinfo, 0);
	touch = palloc(Max(nk, 1) * sizeof(KmTouch));
	for (int i = 0; i < nk; i++)
	{
		TimestampTz t;

		if (kn[i] || tn[i])
			continue;			/* a NULL key or time is no touchpoint */
		t = DatumGetTimestampTz(td[i]);
		if (t > conv)
		{
			/* timestamptz_to_str returns a static buffer: copy the first */
			char	   *shown = pstrdup(timestamptz_to_str(t));

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("touchpoint %d at %s is after its conversion at %s",
							i + 1, shown, timestamptz_to_str(conv)),
					 errhint("Keep the touchpoints up to the conversion time (touched_at <= converted_at).")));
		}
		if (t < window)
			continue;
		touch[n].t = t;
		touch[n].index = i;
		n++;
	}
	if (n == 0)
		return (Datum) 0;
	km_attr_sort(touch, n);
	w = palloc(n * sizeof(uint64_t));
	share = palloc(n * sizeof(double));
	credit = palloc(n * sizeof(km_i128));
	rem = palloc(n * sizeof(km_i128));
	order = palloc(n * sizeof(size_t));
	km_attr_weights(model, touch, n, hl_us, shares, w, share);
	unit = unit_of_scale(v.dscale);
	km_attr_apportion(v.units / unit, w, n, credit, order, rem);
	for (size_t i = 0; i < n; i++)
	{
		Datum		out[5];
		bool		nulls[5] = {0};

		out[0] = Int32GetDatum(touch[i].index + 1);
		out[1] = kd[touch[i].index];
		out[2] = TimestampTzGetDatum(touch[i].t);
		out[3] = units_numeric(credit[i] * unit, v.dscale);
		out[4] = Float8GetDatum(share[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, nulls);
	}
	return (Datum) 0;
}

/* ------------------------------------------------------------- Markov */

/* A new, empty model in the aggregate's context. */
static KmMarkov *
markov_new(MemoryContext cxt)
{
	KmMarkov   *m = MemoryContextAllocZero(cxt, sizeof(KmMarkov));
	KmError		err;

	km_clear(&err);
	if (km_markov_init(m, km_pg_allocator(cxt), &err) != KM_OK)
		km_raise(&err, "out of memory");
	return m;
}

/*
 * markov_transition(state, path, converted [, value]): count one path.
 * A NULL path or converted is skipped; a NULL channel in a path is 22023.
 */
Datum
km_markov_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "markov_transition");
	KmMarkov   *m = PG_ARGISNULL(0) ? NULL : (KmMarkov *) PG_GETARG_POINTER(0);
	ArrayType  *path;
	Datum	   *d;
	bool	   *nulls;
	int32_t    *ids;
	int			n;
	bool		has_value = false;
	KmMoney		v = {0, 0};
	KmError		err;

	if (m == NULL)
		m = markov_new(cxt);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(m);
	path = PG_GETARG_ARRAYTYPE_P(1);
	n = array_arg(path, TEXTOID, -1, false, TYPALIGN_INT, "path", &d, &nulls);
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3) && PG_GETARG_BOOL(2))
	{
		km_money_arg(PG_GETARG_DATUM(3), "conversion value", &v);
		has_value = true;
	}
	ids = palloc(Max(n, 1) * sizeof(int32_t));
	km_clear(&err);
	for (int i = 0; i < n; i++)
	{
		text	   *t;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("path element %d is NULL", i + 1),
					 errhint("Drop NULL channels before building the path (array_remove, or FILTER in array_agg).")));
		t = DatumGetTextPP(d[i]);
		if (km_markov_channel(m, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &ids[i], &err) != KM_OK)
			km_raise(&err, "invalid channel");
	}
	if (km_markov_add(m, ids, n, PG_GETARG_BOOL(2), has_value, &v, &err) != KM_OK)
		km_raise(&err, "Markov attribution failed");
	pfree(ids);
	PG_RETURN_POINTER(m);
}

/* markov_combine(a, b): merge the counts of two partial states. */
Datum
km_markov_combine_fn(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "markov_combine");
	KmMarkov   *a = PG_ARGISNULL(0) ? NULL : (KmMarkov *) PG_GETARG_POINTER(0);
	KmMarkov   *b = PG_ARGISNULL(1) ? NULL : (KmMarkov *) PG_GETARG_POINTER(1);
	KmError		err;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = markov_new(cxt);
	km_clear(&err);
	if (km_markov_combine(a, b, &err) != KM_OK)
		km_raise(&err, "Markov attribution failed");
	PG_RETURN_POINTER(a);
}

/* markov_serialize(state): the state's bytes (attribution.h). */
Datum
km_markov_serial(PG_FUNCTION_ARGS)
{
	KmMarkov   *m = (KmMarkov *) PG_GETARG_POINTER(0);
	size_t		len = km_markov_size(m);
	bytea	   *out;

	if (len > MaxAllocSize - VARHDRSZ)
		elog(ERROR, "Markov state too large");
	out = palloc(VARHDRSZ + len);
	SET_VARSIZE(out, VARHDRSZ + len);
	km_markov_write(m, (uint8_t *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

/* markov_deserialize(bytes, internal): a state, every byte checked. */
Datum
km_markov_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "markov_deserialize");
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	KmMarkov   *m = MemoryContextAllocZero(cxt, sizeof(KmMarkov));
	KmError		err;

	km_clear(&err);
	m->a = km_pg_allocator(cxt);
	if (km_markov_read((const uint8_t *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), m, &err) != KM_OK)
		km_raise(&err, "invalid Markov attribution state");
	PG_RETURN_POINTER(m);
}

/*
 * markov_final(state, ...): the markov_result of the paths: totals, the
 * conversion probability, and per channel (in byte order of the names) the
 * removal effect, its share, and the conversions and value it is credited.
 */
Datum
km_markov_final(PG_FUNCTION_ARGS)
{
	KmMarkov   *m = PG_ARGISNULL(0) ? NULL : (KmMarkov *) PG_GETARG_POINTER(0);
	TupleDesc	desc;
	Datum		out[9];
	bool		isnull[9] = {0};
	int32_t		k;
	int32_t    *order;
	double	   *effect,
			   *work,
				p,
				sum = 0;
	Datum	   *col[5];
	bool	   *cnull[5];
	int			dims[1],
				lbs[1] = {1};
	uint64_t   *w;
	km_i128    *credit,
			   *rem;
	size_t	   *ord;

	if (m == NULL || m->paths == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != 9)
		elog(ERROR, "markov_attribution must return markov_result");
	k = m->nch;
	order = palloc(Max(k, 1) * sizeof(int32_t));
	effect = palloc(Max(k, 1) * sizeof(double));
	work = palloc(km_markov_work_size(k) * sizeof(double));
	km_markov_effects(m, order, &p, effect, work);
	for (int c = 0; c < 5; c++)
	{
		col[c] = palloc(Max(k, 1) * sizeof(Datum));
		cnull[c] = palloc0(Max(k, 1) * sizeof(bool));
	}
	for (int32_t i = 0; i < k; i++)
		if (!isnan(effect[i]))
			sum += effect[i];
	w = palloc0(Max(k, 1) * sizeof(uint64_t));
	credit = palloc(Max(k, 1) * sizeof(km_i128));
	rem = palloc(Max(k, 1) * sizeof(km_i128));
	ord = palloc(Max(k, 1) * sizeof(size_t));
	for (int32_t i = 0; i < k; i++)
	{
		double		share = sum > 0 ? effect[i] / sum : NAN;

		col[0][i] = PointerGetDatum(cstring_to_text_with_len(m->name[order[i]], m->namelen[order[i]]));
		col[1][i] = Float8GetDatum(effect[i]);
		cnull[1][i] = isnan(effect[i]);
		col[2][i] = Float8GetDatum(share);
		cnull[2][i] = isnan(share);
		col[3][i] = Float8GetDatum(share * (double) m->conversions);
		cnull[3][i] = isnan(share);
		if (!isnan(share))
			w[i] = (uint64_t) rint(ldexp(share, KM_ATTR_DECAY_BITS));
	}
	if (m->has_value && sum > 0 && k > 0)
	{
		km_i128		unit = unit_of_scale(m->dscale);

		/* all shares may round to 0 only when sum > 0 is below 2^-40 of itself: not possible */
		km_attr_apportion(m->value / unit, w, (size_t) k, credit, ord, rem);
		for (int32_t i = 0; i < k; i++)
			col[4][i] = units_numeric(credit[i] * unit, m->dscale);
	}
	else
		for (int32_t i = 0; i < k; i++)
			cnull[4][i] = true;
	out[0] = Int64GetDatum(m->paths);
	out[1] = Int64GetDatum(m->conversions);
	out[2] = m->has_value ? units_numeric(m->value, m->dscale) : (Datum) 0;
	isnull[2] = !m->has_value;
	out[3] = Float8GetDatum(p);
	dims[0] = k;
	if (k == 0)
	{
		/* only empty paths: no channel */
		out[4] = PointerGetDatum(construct_empty_array(TEXTOID));
		for (int c = 1; c < 4; c++)
			out[4 + c] = PointerGetDatum(construct_empty_array(FLOAT8OID));
		out[8] = PointerGetDatum(construct_empty_array(NUMERICOID));
	}
	else
	{
		out[4] = PointerGetDatum(construct_md_array(col[0], cnull[0], 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
		for (int c = 1; c < 4; c++)
			out[4 + c] = PointerGetDatum(construct_md_array(col[c], cnull[c], 1, dims, lbs, FLOAT8OID, 8,
															FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		out[8] = PointerGetDatum(construct_md_array(col[4], cnull[4], 1, dims, lbs, NUMERICOID, -1, false, TYPALIGN_INT));
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), out, isnull)));
}
