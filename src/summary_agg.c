/*
 * summary_agg.c
 *	  The aggregates engagement_agg(...) and rollup(engagement_summary): an
 *	  internal KmSummary state in the aggregate context, with combine, serial
 *	  and deserial functions for parallel plans.
 */
#include "summary_pg.h"

PG_FUNCTION_INFO_V1(km_es_agg_trans);
PG_FUNCTION_INFO_V1(km_es_rollup_trans);
PG_FUNCTION_INFO_V1(km_es_combine);
PG_FUNCTION_INFO_V1(km_es_serial);
PG_FUNCTION_INFO_V1(km_es_deserial);
PG_FUNCTION_INFO_V1(km_es_final);

/* The aggregate context, or an error when not called as an aggregate. */
static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext cxt;

	if (!AggCheckCallContext(fcinfo, &cxt))
		elog(ERROR, "%s called in non-aggregate context", fname);
	return cxt;
}

/* A new empty state in cxt. */
static KmSummary *
new_state(MemoryContext cxt)
{
	KmSummary  *s = MemoryContextAlloc(cxt, sizeof(KmSummary));

	km_summary_init(s);
	return s;
}

/* Raise a core error from an aggregate step. */
static void
agg_raise(KmError *err)
{
	km_raise(err, "engagement_summary aggregate failed");
}

/*
 * engagement_agg transition: (state, likes, comments, shares, saves, views,
 * followers [, extra]); extra omitted counts as 0.  A row whose arguments
 * are all NULL (extra NULL or omitted) is not a post.
 */
Datum
km_es_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "engagement_agg");
	KmSummary  *s = PG_ARGISNULL(0) ? NULL : (KmSummary *) PG_GETARG_POINTER(0);
	/* argument positions of likes, comments, shares, saves, extra */
	static const int argpos[KM_ER_NCOUNTERS] = {1, 2, 3, 4, 7};
	KmPost		p;
	bool		any;
	KmAlloc		a;
	KmError		err;
	int			i;

	any = false;
	for (i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		if (argpos[i] >= PG_NARGS())
		{
			/* extra omitted: 0, as engagement_rate's DEFAULT 0 */
			p.present[i] = true;
			p.counter[i] = 0;
			continue;
		}
		p.present[i] = !PG_ARGISNULL(argpos[i]);
		p.counter[i] = p.present[i] ? PG_GETARG_INT64(argpos[i]) : 0;
		any |= p.present[i];
	}
	p.has_views = !PG_ARGISNULL(5);
	p.views = p.has_views ? PG_GETARG_INT64(5) : 0;
	p.has_followers = !PG_ARGISNULL(6);
	p.followers = p.has_followers ? PG_GETARG_INT64(6) : 0;
	/* a row of NULLs (an outer join's filler) is not a post */
	if (!any && !p.has_views && !p.has_followers)
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	if (s == NULL)
		s = new_state(cxt);
	a = km_pg_allocator(cxt);
	km_clear(&err);
	if (km_summary_add(s, &p, &a, &err) != KM_OK)
		agg_raise(&err);
	PG_RETURN_POINTER(s);
}

/* rollup transition: (state, engagement_summary); NULL summaries are skipped. */
Datum
km_es_rollup_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "rollup");
	KmSummary  *s = PG_ARGISNULL(0) ? NULL : (KmSummary *) PG_GETARG_POINTER(0);
	KmAlloc		a;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	if (s == NULL)
		s = new_state(cxt);
	a = km_pg_allocator(cxt);
	km_clear(&err);
	{
		size_t		len;
		const uint8_t *buf = km_summary_arg(fcinfo, 1, &len);

		if (km_summary_merge(s, buf, len, &a, &err) != KM_OK)
			agg_raise(&err);
	}
	PG_RETURN_POINTER(s);
}

/*
 * Combine two partial states; either may be NULL (a worker that saw no rows).
 * s2 goes through its packed form into the one merge.
 */
Datum
km_es_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "engagement_summary combine");
	KmSummary  *s1 = PG_ARGISNULL(0) ? NULL : (KmSummary *) PG_GETARG_POINTER(0);
	KmSummary  *s2 = PG_ARGISNULL(1) ? NULL : (KmSummary *) PG_GETARG_POINTER(1);
	KmAlloc		a;
	KmError		err;
	uint8_t    *buf;
	size_t		len;

	if (s2 == NULL)
	{
		if (s1 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s1);
	}
	/* copy rather than adopt s2: the result must live in the aggregate context */
	if (s1 == NULL)
		s1 = new_state(cxt);
	a = km_pg_allocator(cxt);
	km_clear(&err);
	buf = palloc(km_summary_pack_bound(km_sk_nonempty(&s2->sk)));
	len = km_summary_pack_state(s2, buf);
	if (km_summary_merge(s1, buf, len, &a, &err) != KM_OK)
		agg_raise(&err);
	pfree(buf);
	PG_RETURN_POINTER(s1);
}

/* Serialize a state as the packed form (a bytea with the bytes a column stores). */
Datum
km_es_serial(PG_FUNCTION_ARGS)
{
	(void) agg_context(fcinfo, "engagement_summary serial");
	PG_RETURN_DATUM(km_summary_state_datum((KmSummary *) PG_GETARG_POINTER(0)));
}

/*
 * Deserialize: check the bytes strictly (as recv does: well formed, valid,
 * canonical; 22P03 otherwise), then merge them into a new state.
 */
Datum
km_es_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "engagement_summary deserial");
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, 0, &len);
	KmSummary  *s = new_state(cxt);
	KmAlloc		a = km_pg_allocator(cxt);
	KmAlloc		tmp = km_pg_allocator(CurrentMemoryContext);
	KmError		err;

	km_clear(&err);
	if (km_summary_check(buf, len, &tmp, &err) != KM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("corrupt engagement_summary partial state"),
				 errdetail_internal("%s", err.detail)));
	if (km_summary_merge(s, buf, len, &a, &err) != KM_OK)
		agg_raise(&err);
	PG_RETURN_POINTER(s);
}

/* Final: the packed stored form; no rows at all give the empty summary (posts 0). */
Datum
km_es_final(PG_FUNCTION_ARGS)
{
	KmSummary	empty;
	const KmSummary *s;

	(void) agg_context(fcinfo, "engagement_summary final");
	if (PG_ARGISNULL(0))
	{
		km_summary_init(&empty);
		s = &empty;
	}
	else
		s = (const KmSummary *) PG_GETARG_POINTER(0);
	PG_RETURN_DATUM(km_summary_state_datum(s));
}
