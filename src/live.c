/*
 * live.c
 *	  SQL face of live_summary (sql/kolmetrics--1.0--1.1/71_live.sql) over the
 *	  core in src/core/live.c: the type (text and binary I/O, equality, hash),
 *	  the aggregates live_agg (15 or 18 columns) and rollup(live_summary) with
 *	  combine, serial and deserial functions for parallel plans, and the
 *	  accessors (sums, GPM, UV value, AOV, refund rate, funnel rates, ROI).
 *
 * live_summary on disk: a varlena whose payload is the KM_LIVE_PACKED_LEN
 * byte form of the core (version, display scales, reserved zero bytes,
 * presence bits, little-endian sums).  The same bytes are the send/recv form
 * and the serialised aggregate state, all read by km_live_unpack(), and they
 * are canonical, so = and hash compare them directly.
 */
#include "money_pg.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "live.h"

PG_FUNCTION_INFO_V1(km_live_in);
PG_FUNCTION_INFO_V1(km_live_out);
PG_FUNCTION_INFO_V1(km_live_recv);
PG_FUNCTION_INFO_V1(km_live_send);
PG_FUNCTION_INFO_V1(km_live_eq);
PG_FUNCTION_INFO_V1(km_live_ne);
PG_FUNCTION_INFO_V1(km_live_hash);
PG_FUNCTION_INFO_V1(km_live_agg_trans);
PG_FUNCTION_INFO_V1(km_live_rollup_trans);
PG_FUNCTION_INFO_V1(km_live_agg_combine);
PG_FUNCTION_INFO_V1(km_live_agg_serial);
PG_FUNCTION_INFO_V1(km_live_agg_deserial);
PG_FUNCTION_INFO_V1(km_live_agg_final);
PG_FUNCTION_INFO_V1(km_live_sessions);
PG_FUNCTION_INFO_V1(km_live_refund_rate);

/* A varlena (live_summary or bytea) holding the packed form of s. */
static Datum
live_datum(const KmLive *s)
{
	bytea	   *v = (bytea *) palloc(VARHDRSZ + KM_LIVE_PACKED_LEN);

	SET_VARSIZE(v, VARHDRSZ + KM_LIVE_PACKED_LEN);
	km_live_pack(s, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

/* Unpack a stored live_summary; a bad one is corrupt data. */
static void
live_unpack(Datum d, KmLive *s)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(d);
	KmError		err;

	km_clear(&err);
	if (km_live_unpack((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), s, &err) != KM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt live_summary value"),
				 errdetail("%s", err.detail)));
}

/* ------------------------------------------------------------------ the type */

/* live_summary_in(cstring): parse and validate the v1 text form. */
Datum
km_live_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	KmLive		s;
	KmError		err;

	km_clear(&err);
	if (km_live_parse(text, &s, &err) != KM_OK)
	{
		if (err.code == KM_ERANGE)
			km_raise(&err, "value \"%s\" is out of range for type live_summary", text);
		km_raise(&err, "invalid input syntax for type live_summary: \"%s\"", text);
	}
	return live_datum(&s);
}

/* live_summary_out(live_summary): the v1 text form, exact. */
Datum
km_live_out(PG_FUNCTION_ARGS)
{
	KmLive		s;
	char	   *buf = palloc(KM_LIVE_TEXT_MAX);

	live_unpack(PG_GETARG_DATUM(0), &s);
	if (km_live_format(&s, buf, KM_LIVE_TEXT_MAX) < 0)
		elog(ERROR, "live_summary text form does not fit its buffer");
	PG_RETURN_CSTRING(buf);
}

/* live_summary_recv(internal, oid, int4): validate hostile bytes. */
Datum
km_live_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KmLive		s;
	KmError		err;

	km_clear(&err);
	if (km_live_unpack((const uint8_t *) buf->data + buf->cursor,
					   (size_t) (buf->len - buf->cursor), &s, &err) != KM_OK)
		km_raise(&err, "invalid external live_summary value");
	buf->cursor = buf->len;
	return live_datum(&s);
}

/* live_summary_send(live_summary): the packed form, as stored. */
Datum
km_live_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	KmLive		s;
	StringInfoData buf;

	live_unpack(PointerGetDatum(v), &s);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* = : identical stored bytes (the form is canonical). */
Datum
km_live_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(km_canonical_equal(fcinfo));
}

/* <> */
Datum
km_live_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!km_canonical_equal(fcinfo));
}

/* Hash of the stored bytes, consistent with =. */
Datum
km_live_hash(PG_FUNCTION_ARGS)
{
	return km_canonical_hash(fcinfo);
}

/* ---------------------------------------------------------------- aggregates */

/*
 * The state in arg 0, created empty in the aggregate context when NULL (the
 * context check runs once per group).
 */
static KmLive *
state_arg(FunctionCallInfo fcinfo, const char *fname)
{
	KmLive	   *st;

	if (!PG_ARGISNULL(0))
		return (KmLive *) PG_GETARG_POINTER(0);
	st = (KmLive *) MemoryContextAlloc(km_agg_context(fcinfo, fname), sizeof(KmLive));
	km_live_init(st);
	return st;
}

/*
 * live_agg transition: (state, the 15 or 18 columns of live.h's field order).
 * Every row is a session; a NULL column adds nothing to its field.
 */
Datum
km_live_agg_trans(PG_FUNCTION_ARGS)
{
	KmLive	   *st = state_arg(fcinfo, "km_live_agg_trans");
	int			nfields = PG_NARGS() - 1;
	KmLiveRow	row;
	KmError		err;
	int			f;

	if (nfields != KM_LIVE_NARGS_SHORT && nfields != KM_LIVE_NARGS_LONG)
		elog(ERROR, "km_live_agg_trans called with %d arguments", PG_NARGS());
	row.present = 0;
	for (f = 0; f < nfields; f++)
	{
		const KmLiveFieldInfo *fi = &km_live_fields[f];

		if (PG_ARGISNULL(1 + f))
			continue;
		row.present |= KM_LF_BIT(f);
		if (fi->kind == KM_LK_MONEY)
			km_money_arg(PG_GETARG_DATUM(1 + f), fi->name, &row.money[fi->slot]);
		else
			row.count[fi->slot] = PG_GETARG_INT64(1 + f);
	}
	km_clear(&err);
	if (km_live_check_row(&row, &err) != KM_OK || km_live_add(st, &row, &err) != KM_OK)
		km_raise(&err, "invalid live session");
	PG_RETURN_POINTER(st);
}

/* rollup transition: merge a stored summary; a NULL one adds nothing. */
Datum
km_live_rollup_trans(PG_FUNCTION_ARGS)
{
	KmLive	   *st;
	KmLive		in;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	st = state_arg(fcinfo, "km_live_rollup_trans");
	live_unpack(PG_GETARG_DATUM(1), &in);
	km_clear(&err);
	if (km_live_combine(st, &in, &err) != KM_OK)
		km_raise(&err, "live_summary out of range");
	PG_RETURN_POINTER(st);
}

/* combine: a += b; either side may be NULL (a worker that saw no rows). */
Datum
km_live_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = km_agg_context(fcinfo, "km_live_agg_combine");
	KmLive	   *a;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	if (PG_ARGISNULL(0))
	{
		a = (KmLive *) MemoryContextAlloc(aggctx, sizeof(KmLive));
		*a = *(KmLive *) PG_GETARG_POINTER(1);
		PG_RETURN_POINTER(a);
	}
	a = (KmLive *) PG_GETARG_POINTER(0);
	km_clear(&err);
	if (km_live_combine(a, (KmLive *) PG_GETARG_POINTER(1), &err) != KM_OK)
		km_raise(&err, "live_summary out of range");
	PG_RETURN_POINTER(a);
}

/* serial: the state's packed form as bytea. */
Datum
km_live_agg_serial(PG_FUNCTION_ARGS)
{
	km_agg_context(fcinfo, "km_live_agg_serial");
	return live_datum((KmLive *) PG_GETARG_POINTER(0));
}

/* deserial: validate and decode a serialised state. */
Datum
km_live_agg_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = km_agg_context(fcinfo, "km_live_agg_deserial");
	bytea	   *in = PG_GETARG_BYTEA_PP(0);
	KmLive	   *st = (KmLive *) MemoryContextAlloc(aggctx, sizeof(KmLive));
	KmError		err;

	km_clear(&err);
	if (km_live_unpack((const uint8_t *) VARDATA_ANY(in), VARSIZE_ANY_EXHDR(in), st, &err) != KM_OK)
		km_raise(&err, "invalid serialized live aggregate state");
	PG_RETURN_POINTER(st);
}

/* final of live_agg and rollup: the summary, NULL over no rows. */
Datum
km_live_agg_final(PG_FUNCTION_ARGS)
{
	km_agg_context(fcinfo, "km_live_agg_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return live_datum((KmLive *) PG_GETARG_POINTER(0));
}

/* ----------------------------------------------------------------- accessors */

/* live_sessions(s): rows aggregated. */
Datum
km_live_sessions(PG_FUNCTION_ARGS)
{
	KmLive		s;

	live_unpack(PG_GETARG_DATUM(0), &s);
	PG_RETURN_INT64(s.sessions);
}

/* The value of field f (sum, or the peak's maximum); NULL when absent. */
static Datum
field_accessor(FunctionCallInfo fcinfo, KmLiveField f)
{
	const KmLiveFieldInfo *fi = &km_live_fields[f];
	KmLive		s;

	live_unpack(PG_GETARG_DATUM(0), &s);
	if (!(s.present & KM_LF_BIT(f)))
		PG_RETURN_NULL();
	if (fi->kind == KM_LK_MONEY)
		PG_RETURN_NUMERIC(km_money_numeric(s.money[fi->slot], s.dscale[fi->slot]));
	PG_RETURN_INT64(s.count[fi->slot]);
}

#define KM_LIVE_FIELD(fname, field) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	return field_accessor(fcinfo, field); \
}

/* gmv, refund_amount, ad_spend, ad_gmv -> numeric; the counters -> bigint */
KM_LIVE_FIELD(km_live_gmv, KM_LF_GMV)
KM_LIVE_FIELD(km_live_paid_orders, KM_LF_PAID_ORDERS)
KM_LIVE_FIELD(km_live_buyers_sum, KM_LF_BUYERS)
KM_LIVE_FIELD(km_live_pv, KM_LF_PV)
KM_LIVE_FIELD(km_live_uv_sum, KM_LF_UV)
KM_LIVE_FIELD(km_live_watch_seconds, KM_LF_WATCH_SECONDS)
KM_LIVE_FIELD(km_live_peak_viewers, KM_LF_PEAK_VIEWERS)
KM_LIVE_FIELD(km_live_product_exposures, KM_LF_PRODUCT_EXPOSURES)
KM_LIVE_FIELD(km_live_product_clicks, KM_LF_PRODUCT_CLICKS)
KM_LIVE_FIELD(km_live_created_orders, KM_LF_CREATED_ORDERS)
KM_LIVE_FIELD(km_live_refund_amount, KM_LF_REFUND_AMOUNT)
KM_LIVE_FIELD(km_live_refund_orders, KM_LF_REFUND_ORDERS)
KM_LIVE_FIELD(km_live_followers_gained, KM_LF_FOLLOWERS_GAINED)
KM_LIVE_FIELD(km_live_comments, KM_LF_COMMENTS)
KM_LIVE_FIELD(km_live_likes, KM_LF_LIKES)
KM_LIVE_FIELD(km_live_room_exposures, KM_LF_ROOM_EXPOSURES)
KM_LIVE_FIELD(km_live_ad_spend, KM_LF_AD_SPEND)
KM_LIVE_FIELD(km_live_ad_gmv, KM_LF_AD_GMV)

/* Field f's value as numeric (for ratios). */
static Numeric
field_numeric(const KmLive *s, KmLiveField f)
{
	const KmLiveFieldInfo *fi = &km_live_fields[f];

	if (fi->kind == KM_LK_MONEY)
		return km_money_numeric(s->money[fi->slot], s->dscale[fi->slot]);
	return int64_to_numeric(s->count[fi->slot]);
}

/*
 * num * multiplier / den with PostgreSQL's numeric operators, so the value
 * and scale are what the SQL expression over sum() gives (e.g. GPM =
 * sum(gmv) * 1000 / sum(pv)); NULL when undefined.
 */
static Datum
ratio_accessor(FunctionCallInfo fcinfo, KmLiveRatio r)
{
	KmLive		s;
	KmLiveRatioPlan plan;
	Numeric		num;

	live_unpack(PG_GETARG_DATUM(0), &s);
	km_live_ratio_plan(&s, r, &plan);
	if (!plan.defined)
		PG_RETURN_NULL();
	num = field_numeric(&s, plan.num);
	if (plan.multiplier != 1)
		num = numeric_mul_opt_error(num, int64_to_numeric(plan.multiplier), NULL);
	PG_RETURN_NUMERIC(numeric_div_opt_error(num, field_numeric(&s, plan.den), NULL));
}

#define KM_LIVE_RATIO(fname, ratio) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	return ratio_accessor(fcinfo, ratio); \
}

/* gpm = gmv * 1000 / pv; product_gpm = gmv * 1000 / product_exposures */
KM_LIVE_RATIO(km_live_gpm, KM_LR_GPM)
KM_LIVE_RATIO(km_live_product_gpm, KM_LR_PRODUCT_GPM)
/* uv_value = gmv / uv; aov = gmv / buyers */
KM_LIVE_RATIO(km_live_uv_value, KM_LR_UV_VALUE)
KM_LIVE_RATIO(km_live_aov, KM_LR_AOV)
/* funnel: uv / room_exposures, product_exposures / uv, clicks / product_exposures,
 * created_orders / clicks, paid_orders / created_orders, buyers / uv */
KM_LIVE_RATIO(km_live_exposure_entry_rate, KM_LR_EXPOSURE_ENTRY)
KM_LIVE_RATIO(km_live_entry_product_exposure_rate, KM_LR_ENTRY_PRODUCT)
KM_LIVE_RATIO(km_live_product_click_rate, KM_LR_PRODUCT_CLICK)
KM_LIVE_RATIO(km_live_click_order_rate, KM_LR_CLICK_ORDER)
KM_LIVE_RATIO(km_live_order_pay_rate, KM_LR_ORDER_PAY)
KM_LIVE_RATIO(km_live_entry_pay_rate, KM_LR_ENTRY_PAY)
/* live_roi = gmv / ad_spend; ad_roi = ad_gmv / ad_spend; watch_seconds / uv */
KM_LIVE_RATIO(km_live_live_roi, KM_LR_LIVE_ROI)
KM_LIVE_RATIO(km_live_ad_roi, KM_LR_AD_ROI)
KM_LIVE_RATIO(km_live_avg_watch_seconds, KM_LR_AVG_WATCH)

/* refund_rate(s, basis): refund_amount / gmv ('amount') or refund_orders / paid_orders ('orders'). */
Datum
km_live_refund_rate(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	KmLiveRatio r;
	KmError		err;

	km_clear(&err);
	if (km_live_refund_basis(name, &r, &err) != KM_OK)
		ereport(ERROR,
				(errcode(km_sqlstate(err.code)),
				 errmsg("%s", err.message),
				 errhint("The basis is 'amount' (refunded amount / GMV) or 'orders' (refunded orders / paid orders).")));
	return ratio_accessor(fcinfo, r);
}
