/*
 * campaign.c
 *	  SQL face of campaign_summary: text and binary I/O, equality, accessors,
 *	  and the scalar roi(revenue, cost).
 */
#include "campaign_pg.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

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
				 errmsg("%s", err.detail),
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
		km_raise_msg(&err);
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
