/*
 * campaign.c
 *	  SQL face of campaign economics (sql/kolmetrics--1.0/50_campaign.sql) over
 *	  the exact core in src/core/campaign*.c: money arguments and numeric
 *	  results, the campaign_summary type (text and binary I/O, equality,
 *	  accessors), the scalar roi(revenue, cost), and the campaign_agg,
 *	  campaign_roi and rollup aggregates.
 *
 * campaign_summary on disk: a varlena whose payload is the KM_CAMP_WIRE_LEN
 * byte binary form of the core (version byte, presence bits, display scales,
 * reserved zero bytes, big-endian sums).  The same bytes are the send/recv
 * form and the serialised aggregate state, so all three are validated by one
 * function, km_campaign_from_wire().
 */
#include "km_pg.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "money_pg.h"

/* ------------------------------------------------ money and numeric results */

/* Decode a numeric argument as exact money, raising on a bad value. */
void
km_money_arg(Datum d, const char *what, KmMoney *out)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	KmMoneyStatus st;

	/* PG_DETOAST_DATUM_PACKED without a call for the usual in-line datum */
	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = pg_detoast_datum_packed(v);

	st = km_money_from_numeric((const uint8_t *) VARDATA_ANY(v),
							   VARSIZE_ANY_EXHDR(v), out);
	if (st != KM_MONEY_OK)
	{
		KmError		err;
		char	   *shown;

		shown = DatumGetCString(DirectFunctionCall1(numeric_out, d));
		km_clear(&err);
		km_money_error(st, what, shown, &err);
		km_raise(&err, "invalid campaign argument");
	}
}

/* units / 10^10 as a numeric of display scale dscale (exact). */
Numeric
km_money_numeric(km_i128 units, int dscale)
{
	char		buf[KM_MONEY_BUFLEN];

	if (km_money_format(units, dscale, buf, sizeof(buf)) < 0)
		elog(ERROR, "campaign money value cannot be formatted");
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/* The sum of one field as numeric. */
static Numeric
field_numeric(const KmCampaign *s, KmCampField f)
{
	if (f < KM_CAMP_NMONEY)
		return km_money_numeric(s->money[f], s->dscale[f]);
	return int64_to_numeric(s->counters[f - KM_CAMP_NMONEY]);
}

/*
 * Ratio of sums with PostgreSQL's numeric operators, so the result (value and
 * scale) is exactly what the SQL expression over sum() gives, e.g. ROI =
 * (sum(revenue) - sum(cost)) / sum(cost), CPM = sum(cost) * 1000 / sum(impressions).
 */
static Numeric
km_campaign_ratio(const KmCampaign *s, KmRatio r, bool *isnull)
{
	KmRatioPlan plan;
	Numeric		num;
	Numeric		den;

	km_campaign_ratio_plan(s, r, &plan);
	*isnull = !plan.defined;
	if (!plan.defined)
		return NULL;
	num = field_numeric(s, plan.num);
	den = field_numeric(s, plan.den);
	if (plan.multiplier != 1)
		num = numeric_mul_opt_error(num, int64_to_numeric(plan.multiplier), NULL);
	if (plan.num_minus_den)
		num = numeric_sub_opt_error(num, den, NULL);
	return numeric_div_opt_error(num, den, NULL);
}

/* Pack a summary into a campaign_summary datum. */
static Datum
km_campaign_datum(const KmCampaign *s)
{
	bytea	   *v = (bytea *) palloc(VARHDRSZ + KM_CAMP_WIRE_LEN);

	SET_VARSIZE(v, VARHDRSZ + KM_CAMP_WIRE_LEN);
	km_campaign_to_wire(s, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

/* Unpack a stored campaign_summary; a bad one is corrupt data. */
static void
km_campaign_unpack(Datum d, KmCampaign *s)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);
	KmError		err;

	km_clear(&err);
	if (km_campaign_from_wire((const uint8_t *) VARDATA_ANY(v),
							  VARSIZE_ANY_EXHDR(v), s, &err) != KM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt campaign_summary value"),
				 errdetail("%s", err.detail)));
}

/* --------------------------------------------------------- the type */

PG_FUNCTION_INFO_V1(km_campaign_summary_in);
PG_FUNCTION_INFO_V1(km_campaign_summary_out);
PG_FUNCTION_INFO_V1(km_campaign_summary_recv);
PG_FUNCTION_INFO_V1(km_campaign_summary_send);
PG_FUNCTION_INFO_V1(km_campaign_summary_eq);
PG_FUNCTION_INFO_V1(km_campaign_summary_ne);

/* campaign_summary_in(cstring): parse the v1 text form. */
Datum
km_campaign_summary_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	KmCampaign	s;
	KmError		err;

	km_clear(&err);
	if (km_campaign_parse(text, &s, &err) != KM_OK)
	{
		if (err.code == KM_ERANGE)
			km_raise(&err, "value \"%s\" is out of range for type campaign_summary", text);
		km_raise(&err, "invalid input syntax for type campaign_summary: \"%s\"", text);
	}
	return km_campaign_datum(&s);
}

/* campaign_summary_out(campaign_summary): the v1 text form. */
Datum
km_campaign_summary_out(PG_FUNCTION_ARGS)
{
	KmCampaign	s;
	char	   *buf = palloc(KM_CAMP_TEXT_MAX);

	km_campaign_unpack(PG_GETARG_DATUM(0), &s);
	if (km_campaign_format(&s, buf, KM_CAMP_TEXT_MAX) < 0)
		elog(ERROR, "campaign_summary text form does not fit its buffer");
	PG_RETURN_CSTRING(buf);
}

/* campaign_summary_recv(internal, oid, int4): validate hostile bytes. */
Datum
km_campaign_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KmCampaign	s;
	KmError		err;
	size_t		len = (size_t) (buf->len - buf->cursor);

	km_clear(&err);
	if (km_campaign_from_wire((const uint8_t *) buf->data + buf->cursor, len,
							  &s, &err) != KM_OK)
		km_raise(&err, "invalid external campaign_summary value");
	buf->cursor = buf->len;
	return km_campaign_datum(&s);
}

/* campaign_summary_send(campaign_summary): the binary form. */
Datum
km_campaign_summary_send(PG_FUNCTION_ARGS)
{
	KmCampaign	s;
	uint8_t		wire[KM_CAMP_WIRE_LEN];
	StringInfoData buf;

	km_campaign_unpack(PG_GETARG_DATUM(0), &s);
	km_campaign_to_wire(&s, wire);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) wire, KM_CAMP_WIRE_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Identity: every sum, presence and display scale equal. */
static bool
summary_equal(FunctionCallInfo fcinfo)
{
	KmCampaign	a;
	KmCampaign	b;

	km_campaign_unpack(PG_GETARG_DATUM(0), &a);
	km_campaign_unpack(PG_GETARG_DATUM(1), &b);
	return km_campaign_equal(&a, &b);
}

Datum
km_campaign_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_equal(fcinfo));
}

Datum
km_campaign_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summary_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(km_campaign_summary_hash);

/* Hash of the canonical binary form: equal summaries have identical bytes. */
Datum
km_campaign_summary_hash(PG_FUNCTION_ARGS)
{
	KmCampaign	s;
	uint8_t		wire[KM_CAMP_WIRE_LEN];

	km_campaign_unpack(PG_GETARG_DATUM(0), &s);
	km_campaign_to_wire(&s, wire);
	return hash_any(wire, KM_CAMP_WIRE_LEN);
}

/* ---------------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------------
 */

/* One ratio accessor: NULL when undefined. */
static Datum
ratio_accessor(FunctionCallInfo fcinfo, KmRatio r)
{
	KmCampaign	s;
	bool		isnull;
	Numeric		n;

	km_campaign_unpack(PG_GETARG_DATUM(0), &s);
	n = km_campaign_ratio(&s, r, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(n);
}

#define KM_RATIO_ACCESSOR(fname, ratio) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	return ratio_accessor(fcinfo, ratio); \
}

/* roi = (revenue - cost) / cost; roas = revenue / cost; cpm = cost * 1000 / impressions */
KM_RATIO_ACCESSOR(km_campaign_summary_roi, KM_R_ROI)
KM_RATIO_ACCESSOR(km_campaign_summary_roas, KM_R_ROAS)
KM_RATIO_ACCESSOR(km_campaign_summary_cpm, KM_R_CPM)
/* cpv, cpe, cpc, cpa = cost / views, engagements, clicks, conversions */
KM_RATIO_ACCESSOR(km_campaign_summary_cpv, KM_R_CPV)
KM_RATIO_ACCESSOR(km_campaign_summary_cpe, KM_R_CPE)
KM_RATIO_ACCESSOR(km_campaign_summary_cpc, KM_R_CPC)
KM_RATIO_ACCESSOR(km_campaign_summary_cpa, KM_R_CPA)

PG_FUNCTION_INFO_V1(km_campaign_summary_conversion_rate);

/* conversion_rate(s, denominator): conversions / clicks | views | impressions. */
Datum
km_campaign_summary_conversion_rate(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	KmRatio		r;
	KmError		err;

	km_clear(&err);
	if (km_conversion_denominator(name, &r, &err) != KM_OK)
		ereport(ERROR,
				(errcode(km_sqlstate(err.code)),
				 errmsg("%s", err.message),
				 errhint("The denominator is one of 'clicks', 'views' or 'impressions'.")));
	return ratio_accessor(fcinfo, r);
}

/* The sum of field f, NULL if no non-NULL value of it was aggregated. */
static Datum
sum_accessor(FunctionCallInfo fcinfo, KmCampField f)
{
	KmCampaign	s;

	km_campaign_unpack(PG_GETARG_DATUM(0), &s);
	if (!(s.present & KM_CF_BIT(f)))
		PG_RETURN_NULL();
	if (f < KM_CAMP_NMONEY)
		PG_RETURN_NUMERIC(km_money_numeric(s.money[f], s.dscale[f]));
	PG_RETURN_INT64(s.counters[f - KM_CAMP_NMONEY]);
}

#define KM_SUM_ACCESSOR(fname, field) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	return sum_accessor(fcinfo, field); \
}

/* revenue(s), cost(s) -> numeric; impressions(s) ... conversions(s) -> bigint */
KM_SUM_ACCESSOR(km_campaign_summary_revenue, KM_CF_REVENUE)
KM_SUM_ACCESSOR(km_campaign_summary_cost, KM_CF_COST)
KM_SUM_ACCESSOR(km_campaign_summary_impressions, KM_CF_IMPRESSIONS)
KM_SUM_ACCESSOR(km_campaign_summary_views, KM_CF_VIEWS)
KM_SUM_ACCESSOR(km_campaign_summary_engagements, KM_CF_ENGAGEMENTS)
KM_SUM_ACCESSOR(km_campaign_summary_clicks, KM_CF_CLICKS)
KM_SUM_ACCESSOR(km_campaign_summary_conversions, KM_CF_CONVERSIONS)

PG_FUNCTION_INFO_V1(km_campaign_summary_rows);

/* row_count(s): rows aggregated. */
Datum
km_campaign_summary_rows(PG_FUNCTION_ARGS)
{
	KmCampaign	s;

	km_campaign_unpack(PG_GETARG_DATUM(0), &s);
	PG_RETURN_INT64(s.rows);
}

/* (revenue - cost) / cost of one row, as campaign_roi over it; NULL when cost = 0. */
static Datum
roi_of(FunctionCallInfo fcinfo, Datum revenue, Datum cost)
{
	KmCampaign	s;
	KmMoney		m[KM_CAMP_NMONEY] = {{0, 0}, {0, 0}};
	static const bool mp[KM_CAMP_NMONEY] = {true, true};
	static const int64_t c[KM_CAMP_NCOUNTERS] = {0};
	static const bool cp[KM_CAMP_NCOUNTERS] = {false};
	KmError		err;
	bool		isnull;
	Numeric		n;

	km_money_arg(revenue, "revenue", &m[0]);
	km_money_arg(cost, "cost", &m[1]);
	km_campaign_init(&s);
	km_clear(&err);
	if (km_campaign_add_row(&s, m, mp, c, cp, &err) != KM_OK)
		km_raise(&err, "invalid campaign argument");
	n = km_campaign_ratio(&s, KM_R_ROI, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(n);
}

PG_FUNCTION_INFO_V1(km_roi_scalar);

/* roi(revenue numeric, cost numeric). */
Datum
km_roi_scalar(PG_FUNCTION_ARGS)
{
	return roi_of(fcinfo, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1));
}

PG_FUNCTION_INFO_V1(km_roi_float8);

/*
 * roi(revenue float8, cost float8), for drivers that bind doubles (and for
 * untyped parameters): each double becomes the numeric of its shortest exact
 * text (float8 -> numeric), so 1200.5 is 1200.5, then the numeric rule.
 */
Datum
km_roi_float8(PG_FUNCTION_ARGS)
{
	return roi_of(fcinfo, DirectFunctionCall1(float8_numeric, PG_GETARG_DATUM(0)),
				  DirectFunctionCall1(float8_numeric, PG_GETARG_DATUM(1)));
}

/* ------------------------------------------------------- aggregates */

PG_FUNCTION_INFO_V1(km_campaign_agg_trans);
PG_FUNCTION_INFO_V1(km_campaign_rollup_trans);
PG_FUNCTION_INFO_V1(km_campaign_roi_trans);
PG_FUNCTION_INFO_V1(km_campaign_agg_combine);
PG_FUNCTION_INFO_V1(km_campaign_agg_serial);
PG_FUNCTION_INFO_V1(km_campaign_agg_deserial);
PG_FUNCTION_INFO_V1(km_campaign_agg_final);
PG_FUNCTION_INFO_V1(km_campaign_roi_final);

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
	st = (KmCampaign *) MemoryContextAlloc(km_agg_context(fcinfo, fname), sizeof(KmCampaign));
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
		km_raise(&err, "invalid campaign argument");
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
		km_raise(&err, "invalid campaign argument");
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
		km_raise(&err, "invalid campaign argument");
	PG_RETURN_POINTER(st);
}

/* combine: a += b; either side may be NULL (a worker that saw no rows). */
Datum
km_campaign_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = km_agg_context(fcinfo, "km_campaign_agg_combine");
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
		km_raise(&err, "invalid campaign argument");
	PG_RETURN_POINTER(a);
}

/* serial: the state's binary form as bytea. */
Datum
km_campaign_agg_serial(PG_FUNCTION_ARGS)
{
	KmCampaign *st;
	bytea	   *out;

	km_agg_context(fcinfo, "km_campaign_agg_serial");
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
	MemoryContext aggctx = km_agg_context(fcinfo, "km_campaign_agg_deserial");
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
	km_agg_context(fcinfo, "km_campaign_agg_final");
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

	km_agg_context(fcinfo, "km_campaign_roi_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	n = km_campaign_ratio((KmCampaign *) PG_GETARG_POINTER(0), KM_R_ROI, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(n);
}
