/*
 * campaign_num.c
 *	  Between PostgreSQL numeric and the exact fixed-point sums of the
 *	  campaign core; ratios evaluated with numeric arithmetic.
 */
#include "campaign_pg.h"

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

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
		km_raise_msg(&err);
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
Numeric
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
Datum
km_campaign_datum(const KmCampaign *s)
{
	bytea	   *v = (bytea *) palloc(VARHDRSZ + KM_CAMP_WIRE_LEN);

	SET_VARSIZE(v, VARHDRSZ + KM_CAMP_WIRE_LEN);
	km_campaign_to_wire(s, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

/* Unpack a stored campaign_summary; a bad one is corrupt data. */
void
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
