/*
 * campaign_agg.c
 *	  Aggregate support of campaign economics: campaign_agg, rollup and
 *	  campaign_roi share one internal state (a KmCampaign) and one set of
 *	  combine / serial / deserial functions, so all run in parallel plans.
 */
#include "campaign_pg.h"

#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(km_campaign_agg_trans);
PG_FUNCTION_INFO_V1(km_campaign_rollup_trans);
PG_FUNCTION_INFO_V1(km_campaign_roi_trans);
PG_FUNCTION_INFO_V1(km_campaign_agg_combine);
PG_FUNCTION_INFO_V1(km_campaign_agg_serial);
PG_FUNCTION_INFO_V1(km_campaign_agg_deserial);
PG_FUNCTION_INFO_V1(km_campaign_agg_final);
PG_FUNCTION_INFO_V1(km_campaign_roi_final);

/* The aggregate's memory context; errors out when called as a plain function. */
static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggctx;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
	return aggctx;
}

/*
 * The state in arg 0, created empty in the aggregate context when NULL.  The
 * context check runs once per group: a non-NULL internal state can only come
 * from the executor.
 */
static KmCampaign *
state_arg(FunctionCallInfo fcinfo, const char *fname)
{
	KmCampaign *st;

	if (!PG_ARGISNULL(0))
		return (KmCampaign *) PG_GETARG_POINTER(0);
	st = (KmCampaign *) MemoryContextAlloc(agg_context(fcinfo, fname), sizeof(KmCampaign));
	km_campaign_init(st);
	return st;
}

/*
 * campaign_agg transition: (state, revenue, cost, impressions, views,
 * engagements, clicks, conversions).  Every row counts; a NULL field adds
 * nothing to its sum.
 */
Datum
km_campaign_agg_trans(PG_FUNCTION_ARGS)
{
	KmCampaign *st = state_arg(fcinfo, "km_campaign_agg_trans");
	KmMoney		m[KM_CAMP_NMONEY] = {{0, 0}, {0, 0}};
	bool		mp[KM_CAMP_NMONEY];
	int64_t		c[KM_CAMP_NCOUNTERS];
	bool		cp[KM_CAMP_NCOUNTERS];
	KmError		err;
	int			i;

	for (i = 0; i < KM_CAMP_NMONEY; i++)
	{
		mp[i] = !PG_ARGISNULL(1 + i);
		if (mp[i])
			km_money_arg(PG_GETARG_DATUM(1 + i), km_camp_field_names[i], &m[i]);
	}
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
	{
		cp[i] = !PG_ARGISNULL(1 + KM_CAMP_NMONEY + i);
		c[i] = cp[i] ? PG_GETARG_INT64(1 + KM_CAMP_NMONEY + i) : 0;
	}
	km_clear(&err);
	if (km_campaign_add_row(st, m, mp, c, cp, &err) != KM_OK)
		km_raise_msg(&err);
	PG_RETURN_POINTER(st);
}

/* rollup transition: add a stored summary; a NULL summary adds nothing. */
Datum
km_campaign_rollup_trans(PG_FUNCTION_ARGS)
{
	KmCampaign *st;
	KmCampaign	in;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	st = state_arg(fcinfo, "km_campaign_rollup_trans");
	km_campaign_unpack(PG_GETARG_DATUM(1), &in);
	km_clear(&err);
	if (km_campaign_combine(st, &in, &err) != KM_OK)
		km_raise_msg(&err);
	PG_RETURN_POINTER(st);
}

/*
 * campaign_roi transition: (state, revenue, cost).  Each non-NULL value is
 * checked; a row with either value NULL is skipped.
 */
Datum
km_campaign_roi_trans(PG_FUNCTION_ARGS)
{
	KmCampaign *st;
	KmMoney		m[KM_CAMP_NMONEY] = {{0, 0}, {0, 0}};
	static const bool mp[KM_CAMP_NMONEY] = {true, true};
	static const int64_t c[KM_CAMP_NCOUNTERS] = {0};
	static const bool cp[KM_CAMP_NCOUNTERS] = {false};
	KmError		err;

	if (!PG_ARGISNULL(1))
		km_money_arg(PG_GETARG_DATUM(1), "revenue", &m[0]);
	if (!PG_ARGISNULL(2))
		km_money_arg(PG_GETARG_DATUM(2), "cost", &m[1]);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	st = state_arg(fcinfo, "km_campaign_roi_trans");
	km_clear(&err);
	if (km_campaign_add_row(st, m, mp, c, cp, &err) != KM_OK)
		km_raise_msg(&err);
	PG_RETURN_POINTER(st);
}

/* combine: a += b; either side may be NULL (a worker that saw no rows). */
Datum
km_campaign_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = agg_context(fcinfo, "km_campaign_agg_combine");
	KmCampaign *a;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (PG_ARGISNULL(0))
	{
		a = (KmCampaign *) MemoryContextAlloc(aggctx, sizeof(KmCampaign));
		*a = *(KmCampaign *) PG_GETARG_POINTER(1);
		PG_RETURN_POINTER(a);
	}
	a = (KmCampaign *) PG_GETARG_POINTER(0);
	km_clear(&err);
	if (km_campaign_combine(a, (KmCampaign *) PG_GETARG_POINTER(1), &err) != KM_OK)
		km_raise_msg(&err);
	PG_RETURN_POINTER(a);
}

/* serial: the state's binary form as bytea. */
Datum
km_campaign_agg_serial(PG_FUNCTION_ARGS)
{
	KmCampaign *st;
	bytea	   *out;

	agg_context(fcinfo, "km_campaign_agg_serial");
	st = (KmCampaign *) PG_GETARG_POINTER(0);
	out = (bytea *) palloc(VARHDRSZ + KM_CAMP_WIRE_LEN);
	SET_VARSIZE(out, VARHDRSZ + KM_CAMP_WIRE_LEN);
	km_campaign_to_wire(st, (uint8_t *) VARDATA(out));
	PG_RETURN_BYTEA_P(out);
}

/* deserial: validate and decode a serialised state. */
Datum
km_campaign_agg_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = agg_context(fcinfo, "km_campaign_agg_deserial");
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	KmCampaign *st = (KmCampaign *) MemoryContextAlloc(aggctx, sizeof(KmCampaign));
	KmError		err;

	km_clear(&err);
	if (km_campaign_from_wire((const uint8_t *) VARDATA_ANY(in),
							  VARSIZE_ANY_EXHDR(in), st, &err) != KM_OK)
		km_raise(&err, "invalid serialized campaign aggregate state");
	PG_RETURN_POINTER(st);
}

/* final of campaign_agg and rollup: the summary, NULL over no rows. */
Datum
km_campaign_agg_final(PG_FUNCTION_ARGS)
{
	agg_context(fcinfo, "km_campaign_agg_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return km_campaign_datum((KmCampaign *) PG_GETARG_POINTER(0));
}

/* final of campaign_roi: (sum(revenue) - sum(cost)) / sum(cost), NULL when no rows or sum(cost) = 0. */
Datum
km_campaign_roi_final(PG_FUNCTION_ARGS)
{
	bool		isnull;
	Numeric		n;

	agg_context(fcinfo, "km_campaign_roi_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	n = km_campaign_ratio((KmCampaign *) PG_GETARG_POINTER(0), KM_R_ROI, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(n);
}
