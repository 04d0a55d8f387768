/*
 * live.c
 *	  Exact sums of live-stream sessions: row checks, sums and the peak
 *	  maximum, merge, text and packed forms, ratio plans (see live.h).
 */
#include "live.h"
#include "km_bytes.h"
#include "km_text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

const KmLiveFieldInfo km_live_fields[KM_LF_N] = {
	{"gmv", KM_LK_MONEY, 0},
	{"paid_orders", KM_LK_SUM, 0},
	{"buyers", KM_LK_SUM, 1},
	{"pv", KM_LK_SUM, 2},
	{"uv", KM_LK_SUM, 3},
	{"watch_seconds", KM_LK_SUM, 4},
	{"peak_viewers", KM_LK_MAX, 5},
	{"product_exposures", KM_LK_SUM, 6},
	{"product_clicks", KM_LK_SUM, 7},
	{"created_orders", KM_LK_SUM, 8},
	{"refund_amount", KM_LK_MONEY, 1},
	{"refund_orders", KM_LK_SUM, 9},
	{"followers_gained", KM_LK_SUM, 10},
	{"comments", KM_LK_SUM, 11},
	{"likes", KM_LK_SUM, 12},
	{"room_exposures", KM_LK_SUM, 13},
	{"ad_spend", KM_LK_MONEY, 2},
	{"ad_gmv", KM_LK_MONEY, 3}
};

#define SLOT(f) (km_live_fields[f].slot)

/* An empty summary. */
void
km_live_init(KmLive *s)
{
	memset(s, 0, sizeof(*s));
}

/* Whether the row gives both fields a and b. */
static bool
both(const KmLiveRow *r, KmLiveField a, KmLiveField b)
{
	return (r->present & KM_LF_BIT(a)) && (r->present & KM_LF_BIT(b));
}

/* "a N exceeds b M" for two counters of a row. */
static KmCode
count_above(const KmLiveRow *r, KmLiveField a, KmLiveField b, KmError *err)
{
	return km_fail_msg(err, KM_EPARAM, "%s %" PRId64 " exceeds %s %" PRId64 " in one session",
					   km_live_fields[a].name, r->count[SLOT(a)],
					   km_live_fields[b].name, r->count[SLOT(b)]);
}

/* Check one row (see live.h for the rules). */
KmCode
km_live_check_row(const KmLiveRow *r, KmError *err)
{
	static const KmLiveField pairs[][2] = {
		{KM_LF_PAID_ORDERS, KM_LF_CREATED_ORDERS},
		{KM_LF_REFUND_ORDERS, KM_LF_PAID_ORDERS},
		{KM_LF_BUYERS, KM_LF_PAID_ORDERS},
		{KM_LF_UV, KM_LF_PV}
	};
	uint32_t	todo = r->present;
	size_t		i;

	while (todo != 0)
	{
		const KmLiveFieldInfo *fi = &km_live_fields[__builtin_ctz(todo)];

		todo &= todo - 1;
		if (fi->kind == KM_LK_MONEY && r->money[fi->slot].units < 0)
		{
			char		b[KM_MONEY_BUFLEN];

			if (km_money_format(r->money[fi->slot].units, r->money[fi->slot].dscale,
								b, sizeof(b)) < 0)
				strcpy(b, "?");
			return km_money_error(KM_MONEY_NEGATIVE, fi->name, b, err);
		}
		if (fi->kind != KM_LK_MONEY && r->count[fi->slot] < 0)
			return km_fail_msg(err, KM_EPARAM, "%s must not be negative: %" PRId64,
							   fi->name, r->count[fi->slot]);
	}
	if (both(r, KM_LF_REFUND_AMOUNT, KM_LF_GMV) &&
		r->money[SLOT(KM_LF_REFUND_AMOUNT)].units > r->money[SLOT(KM_LF_GMV)].units)
	{
		char		ra[KM_MONEY_BUFLEN];
		char		g[KM_MONEY_BUFLEN];
		const KmMoney *m = r->money;

		if (km_money_format(m[SLOT(KM_LF_REFUND_AMOUNT)].units,
							m[SLOT(KM_LF_REFUND_AMOUNT)].dscale, ra, sizeof(ra)) < 0 ||
			km_money_format(m[SLOT(KM_LF_GMV)].units, m[SLOT(KM_LF_GMV)].dscale,
							g, sizeof(g)) < 0)
			strcpy(ra, "?"), strcpy(g, "?");
		return km_fail_msg(err, KM_EPARAM, "refund_amount %s exceeds gmv %s in one session", ra, g);
	}
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (both(r, pairs[i][0], pairs[i][1]) &&
			r->count[SLOT(pairs[i][0])] > r->count[SLOT(pairs[i][1])])
			return count_above(r, pairs[i][0], pairs[i][1], err);
	return KM_OK;
}

/* Sum overflow message of field f. */
static KmCode
overflow(int f, KmError *err)
{
	return km_fail_msg(err, KM_ERANGE, "sum of %s is out of range for live_summary",
					   km_live_fields[f].name);
}

/*
 * Add a checked row in place: sums, the peak's maximum, display scales,
 * presence.  On overflow *s is partly updated (an aggregate discards its
 * state on error).
 */
KmCode
km_live_add(KmLive *s, const KmLiveRow *r, KmError *err)
{
	uint32_t	todo = r->present;

	if (km_add_i64_overflow(s->sessions, 1, &s->sessions))
		return km_fail_msg(err, KM_ERANGE, "live_summary session count is out of range for type bigint");
	while (todo != 0)
	{
		int			f = __builtin_ctz(todo);
		int			k = km_live_fields[f].slot;

		todo &= todo - 1;
		switch (km_live_fields[f].kind)
		{
			case KM_LK_MONEY:
				if (__builtin_add_overflow(s->money[k], r->money[k].units, &s->money[k]))
					return overflow(f, err);
				if (r->money[k].dscale > s->dscale[k])
					s->dscale[k] = r->money[k].dscale;
				break;
			case KM_LK_SUM:
				if (km_add_i64_overflow(s->count[k], r->count[k], &s->count[k]))
					return overflow(f, err);
				break;
			case KM_LK_MAX:
				if (r->count[k] > s->count[k])
					s->count[k] = r->count[k];
				break;
		}
	}
	s->present |= r->present;
	return KM_OK;
}

/* a += b, field by field (peak: the larger). */
KmCode
km_live_combine(KmLive *a, const KmLive *b, KmError *err)
{
	KmLive		t = *a;
	int			f;

	if (km_add_i64_overflow(t.sessions, b->sessions, &t.sessions))
		return km_fail_msg(err, KM_ERANGE, "live_summary session count is out of range for type bigint");
	for (f = 0; f < KM_LF_N; f++)
	{
		int			k = km_live_fields[f].slot;

		switch (km_live_fields[f].kind)
		{
			case KM_LK_MONEY:
				if (__builtin_add_overflow(t.money[k], b->money[k], &t.money[k]))
					return overflow(f, err);
				if (b->dscale[k] > t.dscale[k])
					t.dscale[k] = b->dscale[k];
				break;
			case KM_LK_SUM:
				if (km_add_i64_overflow(t.count[k], b->count[k], &t.count[k]))
					return overflow(f, err);
				break;
			case KM_LK_MAX:
				if (b->count[k] > t.count[k])
					t.count[k] = b->count[k];
				break;
		}
	}
	t.present |= b->present;
	*a = t;
	return KM_OK;
}

/* Every invariant a decoded summary must satisfy. */
KmCode
km_live_check(const KmLive *s, KmCode code, KmError *err)
{
	int			f;

	if (s->sessions < 0)
		return km_fail(err, code, "The session count %" PRId64 " is negative.", s->sessions);
	if (s->present & ~KM_LF_ALLBITS)
		return km_fail(err, code, "Reserved presence bits are set (0x%08" PRIx32 ").", s->present);
	if (s->sessions == 0 && s->present != 0)
		return km_fail(err, code, "A summary of zero sessions cannot hold any value.");
	for (f = 0; f < KM_LF_N; f++)
	{
		const KmLiveFieldInfo *fi = &km_live_fields[f];
		bool		present = (s->present & KM_LF_BIT(f)) != 0;

		if (fi->kind == KM_LK_MONEY)
		{
			km_i128		v = s->money[fi->slot];
			int			ds = s->dscale[fi->slot];

			if (ds > KM_CAMP_SCALE)
				return km_fail(err, code, "The display scale %d of %s exceeds %d.",
							   ds, fi->name, KM_CAMP_SCALE);
			if (v < 0)
				return km_fail(err, code, "The sum of %s is negative.", fi->name);
			if (!present && (v != 0 || ds != 0))
				return km_fail(err, code, "The sum of %s is absent but not zero.", fi->name);
			if (v % km_camp_pow10[KM_CAMP_SCALE - ds] != 0)
				return km_fail(err, code,
							   "The sum of %s has more decimal places than its display scale %d.",
							   fi->name, ds);
		}
		else
		{
			if (s->count[fi->slot] < 0)
				return km_fail(err, code, "The value of %s is negative.", fi->name);
			if (!present && s->count[fi->slot] != 0)
				return km_fail(err, code, "The value of %s is absent but not zero.", fi->name);
		}
	}
	return KM_OK;
}

/* ---------------------------------------------------------------- text form */

/* A non-negative decimal with at most 10 decimals, as exact units. */
static KmCode
cur_money(KmCursor *c, const char *key, KmMoney *out)
{
	km_i128		v = 0;
	int			frac = 0;
	char		what[48];

	km_cur_skip_ws(c);
	snprintf(what, sizeof(what), "a non-negative decimal for \"%s\"", key);
	if (*c->p < '0' || *c->p > '9')
		return km_cur_syntax(c, what);
	for (; *c->p >= '0' && *c->p <= '9'; c->p++)
	{
		if (v > (KM_MONEY_MAX / km_camp_pow10[KM_CAMP_SCALE] - (*c->p - '0')) / 10)
			return km_fail(c->err, KM_ERANGE, "Value of \"%s\" is out of range for live_summary.", key);
		v = v * 10 + (*c->p - '0');
	}
	v *= km_camp_pow10[KM_CAMP_SCALE];
	if (*c->p == '.')
	{
		c->p++;
		if (*c->p < '0' || *c->p > '9')
			return km_cur_syntax(c, "a digit after the decimal point");
		for (; *c->p >= '0' && *c->p <= '9'; c->p++)
		{
			if (++frac > KM_CAMP_SCALE)
				return km_fail(c->err, KM_ESYNTAX, "Value of \"%s\" has more than %d decimal places.",
							   key, KM_CAMP_SCALE);
			if (__builtin_add_overflow(v, (km_i128) (*c->p - '0') * km_camp_pow10[KM_CAMP_SCALE - frac], &v))
				return km_fail(c->err, KM_ERANGE, "Value of \"%s\" is out of range for live_summary.", key);
		}
	}
	out->units = v;
	out->dscale = (uint8_t) frac;
	return KM_OK;
}

/* The word null (then the field is absent). */
static bool
cur_null(KmCursor *c)
{
	km_cur_skip_ws(c);
	if (strncmp(c->p, "null", 4) != 0)
		return false;
	c->p += 4;
	return true;
}

/* Parse the v1 text form and validate it. */
KmCode
km_live_parse(const char *text, KmLive *out, KmError *err)
{
	KmCursor	c = {text, text, err};
	KmLive		s;
	int64_t		v;
	int			f;
	KmCode		rc;

	km_live_init(&s);
	if ((rc = km_cur_char(&c, '(')) != KM_OK || (rc = km_cur_key(&c, "v")) != KM_OK ||
		(rc = km_cur_int(&c, "v", &v)) != KM_OK)
		return rc;
	if (v != KM_LIVE_VERSION)
		return km_fail(err, KM_ESYNTAX, "Version %" PRId64 " is not supported; this build reads 1.", v);
	if ((rc = km_cur_char(&c, ',')) != KM_OK || (rc = km_cur_key(&c, "sessions")) != KM_OK ||
		(rc = km_cur_int(&c, "sessions", &s.sessions)) != KM_OK)
		return rc;
	for (f = 0; f < KM_LF_N; f++)
	{
		const KmLiveFieldInfo *fi = &km_live_fields[f];

		if ((rc = km_cur_char(&c, ',')) != KM_OK || (rc = km_cur_key(&c, fi->name)) != KM_OK)
			return rc;
		if (cur_null(&c))
			continue;
		if (fi->kind == KM_LK_MONEY)
		{
			KmMoney		m = {0, 0};

			if ((rc = cur_money(&c, fi->name, &m)) != KM_OK)
				return rc;
			s.money[fi->slot] = m.units;
			s.dscale[fi->slot] = m.dscale;
		}
		else if ((rc = km_cur_int(&c, fi->name, &s.count[fi->slot])) != KM_OK)
			return rc;
		s.present |= KM_LF_BIT(f);
	}
	if ((rc = km_cur_char(&c, ')')) != KM_OK)
		return rc;
	km_cur_skip_ws(&c);
	if (*c.p != '\0')
		return km_cur_syntax(&c, "the end of the input");
	if ((rc = km_live_check(&s, KM_ESYNTAX, err)) != KM_OK)
		return rc;
	*out = s;
	return KM_OK;
}

/* Write the text form; its length, or -1 when buf is too small. */
int
km_live_format(const KmLive *s, char *buf, size_t buflen)
{
	size_t		len;
	int			n;
	int			f;

	n = snprintf(buf, buflen, "(v:%d,sessions:%" PRId64, KM_LIVE_VERSION, s->sessions);
	if (n < 0 || (size_t) n >= buflen)
		return -1;
	len = (size_t) n;
	for (f = 0; f < KM_LF_N; f++)
	{
		const KmLiveFieldInfo *fi = &km_live_fields[f];
		char		val[KM_MONEY_BUFLEN];

		if (!(s->present & KM_LF_BIT(f)))
			strcpy(val, "null");
		else if (fi->kind == KM_LK_MONEY)
		{
			if (km_money_format(s->money[fi->slot], s->dscale[fi->slot], val, sizeof(val)) < 0)
				return -1;
		}
		else
			snprintf(val, sizeof(val), "%" PRId64, s->count[fi->slot]);
		n = snprintf(buf + len, buflen - len, ",%s:%s", fi->name, val);
		if (n < 0 || (size_t) n >= buflen - len)
			return -1;
		len += (size_t) n;
	}
	if (len + 2 > buflen)
		return -1;
	buf[len++] = ')';
	buf[len] = '\0';
	return (int) len;
}

/* -------------------------------------------------------------- packed form */

#define OFF_SESSIONS 16
#define OFF_MONEY 24
#define OFF_COUNT (OFF_MONEY + 16 * KM_LIVE_NMONEY)

/* Encode (layout in live.h). */
void
km_live_pack(const KmLive *s, uint8_t out[KM_LIVE_PACKED_LEN])
{
	int			k;

	memset(out, 0, OFF_SESSIONS);
	out[0] = KM_LIVE_VERSION;
	memcpy(out + 1, s->dscale, KM_LIVE_NMONEY);
	km_wr32(out + 8, s->present);
	km_wr64(out + OFF_SESSIONS, (uint64_t) s->sessions);
	for (k = 0; k < KM_LIVE_NMONEY; k++)
	{
		unsigned __int128 u = (unsigned __int128) s->money[k];

		km_wr64(out + OFF_MONEY + 16 * k, (uint64_t) u);
		km_wr64(out + OFF_MONEY + 16 * k + 8, (uint64_t) (u >> 64));
	}
	for (k = 0; k < KM_LIVE_NCOUNT; k++)
		km_wr64(out + OFF_COUNT + 8 * k, (uint64_t) s->count[k]);
}

/* Decode hostile bytes and validate everything. */
KmCode
km_live_unpack(const uint8_t *data, size_t len, KmLive *out, KmError *err)
{
	KmLive		s;
	int			k;
	KmCode		rc;

	if (len != KM_LIVE_PACKED_LEN)
		return km_fail(err, KM_EBINARY, "A live_summary is %d bytes long, not %zu.",
					   KM_LIVE_PACKED_LEN, len);
	if (data[0] != KM_LIVE_VERSION)
		return km_fail(err, KM_EBINARY, "Version %d is not supported; this build reads %d.",
					   data[0], KM_LIVE_VERSION);
	if (data[5] | data[6] | data[7] | data[12] | data[13] | data[14] | data[15])
		return km_fail(err, KM_EBINARY, "Reserved bytes are not zero.");
	km_live_init(&s);
	memcpy(s.dscale, data + 1, KM_LIVE_NMONEY);
	s.present = km_rd32(data + 8);
	s.sessions = (int64_t) km_rd64(data + OFF_SESSIONS);
	for (k = 0; k < KM_LIVE_NMONEY; k++)
		s.money[k] = (km_i128) (((unsigned __int128) km_rd64(data + OFF_MONEY + 16 * k + 8) << 64) |
								km_rd64(data + OFF_MONEY + 16 * k));
	for (k = 0; k < KM_LIVE_NCOUNT; k++)
		s.count[k] = (int64_t) km_rd64(data + OFF_COUNT + 8 * k);
	if ((rc = km_live_check(&s, KM_EBINARY, err)) != KM_OK)
		return rc;
	*out = s;
	return KM_OK;
}

/* ------------------------------------------------------------------ ratios */

/* Which sums a ratio divides, and whether it is defined. */
void
km_live_ratio_plan(const KmLive *s, KmLiveRatio r, KmLiveRatioPlan *plan)
{
	static const struct
	{
		KmLiveField num;
		KmLiveField den;
		int64_t		mult;
	}			plans[KM_LR_N] = {
		[KM_LR_GPM] = {KM_LF_GMV, KM_LF_PV, 1000},
		[KM_LR_PRODUCT_GPM] = {KM_LF_GMV, KM_LF_PRODUCT_EXPOSURES, 1000},
		[KM_LR_UV_VALUE] = {KM_LF_GMV, KM_LF_UV, 1},
		[KM_LR_AOV] = {KM_LF_GMV, KM_LF_BUYERS, 1},
		[KM_LR_REFUND_AMOUNT] = {KM_LF_REFUND_AMOUNT, KM_LF_GMV, 1},
		[KM_LR_REFUND_ORDERS] = {KM_LF_REFUND_ORDERS, KM_LF_PAID_ORDERS, 1},
		[KM_LR_EXPOSURE_ENTRY] = {KM_LF_UV, KM_LF_ROOM_EXPOSURES, 1},
		[KM_LR_ENTRY_PRODUCT] = {KM_LF_PRODUCT_EXPOSURES, KM_LF_UV, 1},
		[KM_LR_PRODUCT_CLICK] = {KM_LF_PRODUCT_CLICKS, KM_LF_PRODUCT_EXPOSURES, 1},
		[KM_LR_CLICK_ORDER] = {KM_LF_CREATED_ORDERS, KM_LF_PRODUCT_CLICKS, 1},
		[KM_LR_ORDER_PAY] = {KM_LF_PAID_ORDERS, KM_LF_CREATED_ORDERS, 1},
		[KM_LR_ENTRY_PAY] = {KM_LF_BUYERS, KM_LF_UV, 1},
		[KM_LR_LIVE_ROI] = {KM_LF_GMV, KM_LF_AD_SPEND, 1},
		[KM_LR_AD_ROI] = {KM_LF_AD_GMV, KM_LF_AD_SPEND, 1},
		[KM_LR_AVG_WATCH] = {KM_LF_WATCH_SECONDS, KM_LF_UV, 1}
	};
	const KmLiveFieldInfo *den;
	bool		den_zero;

	plan->num = plans[r].num;
	plan->den = plans[r].den;
	plan->multiplier = plans[r].mult;
	den = &km_live_fields[plan->den];
	den_zero = den->kind == KM_LK_MONEY ? s->money[den->slot] == 0 : s->count[den->slot] == 0;
	plan->defined = (s->present & KM_LF_BIT(plan->num)) &&
		(s->present & KM_LF_BIT(plan->den)) && !den_zero;
}

/* refund_rate's basis by name. */
KmCode
km_live_refund_basis(const char *name, KmLiveRatio *r, KmError *err)
{
	if (strcmp(name, "amount") == 0)
		*r = KM_LR_REFUND_AMOUNT;
	else if (strcmp(name, "orders") == 0)
		*r = KM_LR_REFUND_ORDERS;
	else
		return km_fail_msg(err, KM_EPARAM, "unknown refund-rate basis \"%.*s\"",
						   km_utf8_cut(name, 64), name);
	return KM_OK;
}
