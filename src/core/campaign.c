/*
 * campaign.c
 *	  Exact campaign sums: fixed-point money, counters, text and binary forms.
 */
#include "campaign.h"
#include "km_bytes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

const char *const km_camp_field_names[KM_CF_N] = {
	"revenue", "cost", "impressions", "views", "engagements", "clicks", "conversions"
};

/* 10^0 .. 10^18 as int64 */
const int64_t km_camp_pow10[19] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000, 100000000000, 1000000000000, 10000000000000,
	100000000000000, 1000000000000000, 10000000000000000,
	100000000000000000, 1000000000000000000
};

/* An empty summary. */
void
km_campaign_init(KmCampaign *s)
{
	memset(s, 0, sizeof(*s));
}

/*
 * Add one row: each non-NULL field to its sum; rows + 1.  On error *s is left
 * partly updated (an aggregate discards its state on error).
 */
KmCode
km_campaign_add_row(KmCampaign *s,
					const KmMoney money[KM_CAMP_NMONEY],
					const bool money_present[KM_CAMP_NMONEY],
					const int64_t counters[KM_CAMP_NCOUNTERS],
					const bool counter_present[KM_CAMP_NCOUNTERS],
					KmError *err)
{
	uint8_t		present = s->present;
	int			i;

	for (i = 0; i < KM_CAMP_NMONEY; i++)
	{
		if (!money_present[i])
			continue;
		if (money[i].units < 0)
		{
			char		b[KM_MONEY_BUFLEN];

			if (km_money_format(money[i].units, money[i].dscale, b, sizeof(b)) < 0)
				strcpy(b, "?");
			return km_money_error(KM_MONEY_NEGATIVE, km_camp_field_names[i], b, err);
		}
		if (__builtin_add_overflow(s->money[i], money[i].units, &s->money[i]))
			return km_fail_msg(err, KM_ERANGE,
						   "sum of %s is out of range for campaign_summary",
						   km_camp_field_names[i]);
		if (money[i].dscale > s->dscale[i])
			s->dscale[i] = money[i].dscale;
		present |= KM_CF_BIT(i);
	}
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
	{
		if (!counter_present[i])
			continue;
		if (counters[i] < 0)
			return km_fail_msg(err, KM_EPARAM, "%s must not be negative: %" PRId64,
						   km_camp_field_names[KM_CAMP_NMONEY + i], counters[i]);
		if (km_add_i64_overflow(s->counters[i], counters[i], &s->counters[i]))
			return km_fail_msg(err, KM_ERANGE, "sum of %s is out of range for type bigint",
						   km_camp_field_names[KM_CAMP_NMONEY + i]);
		present |= KM_CF_BIT(KM_CAMP_NMONEY + i);
	}
	if (km_add_i64_overflow(s->rows, 1, &s->rows))
		return km_fail_msg(err, KM_ERANGE, "campaign_summary row count is out of range for type bigint");
	s->present = present;
	return KM_OK;
}

/* a += b, field by field. */
KmCode
km_campaign_combine(KmCampaign *a, const KmCampaign *b, KmError *err)
{
	KmCampaign	t = *a;
	int			i;

	if (km_add_i64_overflow(t.rows, b->rows, &t.rows))
		return km_fail_msg(err, KM_ERANGE, "campaign_summary row count is out of range for type bigint");
	for (i = 0; i < KM_CAMP_NMONEY; i++)
	{
		if (__builtin_add_overflow(t.money[i], b->money[i], &t.money[i]))
			return km_fail_msg(err, KM_ERANGE,
						   "sum of %s is out of range for campaign_summary",
						   km_camp_field_names[i]);
		if (b->dscale[i] > t.dscale[i])
			t.dscale[i] = b->dscale[i];
	}
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
		if (km_add_i64_overflow(t.counters[i], b->counters[i], &t.counters[i]))
			return km_fail_msg(err, KM_ERANGE, "sum of %s is out of range for type bigint",
						   km_camp_field_names[KM_CAMP_NMONEY + i]);
	t.present |= b->present;
	*a = t;
	return KM_OK;
}

/* Every invariant a stored summary must satisfy. */
KmCode
km_campaign_check(const KmCampaign *s, KmCode code, KmError *err)
{
	int			i;

	if (s->rows < 0)
		return km_fail(err, code, "The row count %" PRId64 " is negative.", s->rows);
	if (s->present & ~KM_CF_ALLBITS)
		return km_fail(err, code, "Reserved presence bits are set (0x%02x).", s->present);
	if (s->rows == 0 && s->present != 0)
		return km_fail(err, code, "A summary of zero rows cannot hold any value.");
	for (i = 0; i < KM_CAMP_NMONEY; i++)
	{
		const char *name = km_camp_field_names[i];

		if (s->dscale[i] > KM_CAMP_SCALE)
			return km_fail(err, code, "The display scale %d of %s exceeds %d.",
						   s->dscale[i], name, KM_CAMP_SCALE);
		if (s->money[i] < 0)
			return km_fail(err, code, "The sum of %s is negative.", name);
		if (!(s->present & KM_CF_BIT(i)) && (s->money[i] != 0 || s->dscale[i] != 0))
			return km_fail(err, code, "The sum of %s is absent but not zero.", name);
		if (s->money[i] % km_camp_pow10[KM_CAMP_SCALE - s->dscale[i]] != 0)
			return km_fail(err, code,
						   "The sum of %s has more decimal places than its display scale %d.",
						   name, s->dscale[i]);
	}
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
	{
		const char *name = km_camp_field_names[KM_CAMP_NMONEY + i];

		if (s->counters[i] < 0)
			return km_fail(err, code, "The sum of %s is negative.", name);
		if (!(s->present & KM_CF_BIT(KM_CAMP_NMONEY + i)) && s->counters[i] != 0)
			return km_fail(err, code, "The sum of %s is absent but not zero.", name);
	}
	return KM_OK;
}

/* Field-by-field identity. */
bool
km_campaign_equal(const KmCampaign *a, const KmCampaign *b)
{
	int			i;

	if (a->rows != b->rows || a->present != b->present)
		return false;
	for (i = 0; i < KM_CAMP_NMONEY; i++)
		if (a->money[i] != b->money[i] || a->dscale[i] != b->dscale[i])
			return false;
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
		if (a->counters[i] != b->counters[i])
			return false;
	return true;
}

/* ---------------------------------------------------------------------------
 * Text form
 * ---------------------------------------------------------------------------
 */

/* Whether c is whitespace of the text form (space, tab, newline, CR). */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Parse "key=" at *pp; advances past '='. */
static KmCode
expect_key(const char **pp, const char *key, KmError *err)
{
	const char *p = *pp;
	size_t		n = strlen(key);

	while (is_blank(*p))
		p++;
	if (strncmp(p, key, n) != 0 || p[n] != '=')
		return km_fail(err, KM_ESYNTAX, "Expected \"%s=\" at \"%.*s\".", key, km_utf8_cut(p, 20), p);
	*pp = p + n + 1;
	return KM_OK;
}

/* After a value: a blank or the end must follow. */
static KmCode
expect_end_of_value(const char *p, const char *key, KmError *err)
{
	if (*p != '\0' && !is_blank(*p))
		return km_fail(err, KM_ESYNTAX, "Unexpected character \"%c\" in the value of %s.",
					   *p, key);
	return KM_OK;
}

/* "null" at *pp? */
static bool
take_null(const char **pp)
{
	if (strncmp(*pp, "null", 4) == 0 && ((*pp)[4] == '\0' || is_blank((*pp)[4])))
	{
		*pp += 4;
		return true;
	}
	return false;
}

/* Unsigned decimal integer into int64. */
static KmCode
parse_i64(const char **pp, const char *key, int64_t *out, KmError *err)
{
	const char *p = *pp;
	int64_t		v = 0;

	if (*p < '0' || *p > '9')
		return km_fail(err, KM_ESYNTAX, "The value of %s must be a non-negative integer or null.", key);
	for (; *p >= '0' && *p <= '9'; p++)
	{
		if (km_mul_i64_overflow(v, 10, &v) || km_add_i64_overflow(v, *p - '0', &v))
			return km_fail(err, KM_ERANGE, "The value of %s is out of range for type bigint.", key);
	}
	*out = v;
	*pp = p;
	return expect_end_of_value(p, key, err);
}

/* Unsigned decimal with at most 10 decimals into units. */
static KmCode
parse_money(const char **pp, const char *key, KmMoney *out, KmError *err)
{
	const char *p = *pp;
	km_i128		v = 0;
	int			frac = 0;

	if (*p < '0' || *p > '9')
		return km_fail(err, KM_ESYNTAX,
					   "The value of %s must be a non-negative decimal number or null.", key);
	for (; *p >= '0' && *p <= '9'; p++)
	{
		if (v > (KM_MONEY_MAX / km_camp_pow10[KM_CAMP_SCALE] - (*p - '0')) / 10)
			return km_fail(err, KM_ERANGE, "The value of %s is out of range for campaign_summary.", key);
		v = v * 10 + (*p - '0');
	}
	v *= km_camp_pow10[KM_CAMP_SCALE];
	if (*p == '.')
	{
		p++;
		if (*p < '0' || *p > '9')
			return km_fail(err, KM_ESYNTAX, "A digit must follow the decimal point in the value of %s.", key);
		for (; *p >= '0' && *p <= '9'; p++)
		{
			if (++frac > KM_CAMP_SCALE)
				return km_fail(err, KM_ESYNTAX,
							   "The value of %s has more than %d decimal places.", key, KM_CAMP_SCALE);
			if (__builtin_add_overflow(v, (km_i128) (*p - '0') * km_camp_pow10[KM_CAMP_SCALE - frac], &v))
				return km_fail(err, KM_ERANGE, "The value of %s is out of range for campaign_summary.", key);
		}
	}
	out->units = v;
	out->dscale = (uint8_t) frac;
	*pp = p;
	return expect_end_of_value(p, key, err);
}

/* Parse the text form (see header). */
KmCode
km_campaign_parse(const char *text, KmCampaign *out, KmError *err)
{
	const char *p = text;
	KmCampaign	s;
	int			i;
	KmCode		rc;

	km_campaign_init(&s);
	while (is_blank(*p))
		p++;
	if (p[0] != 'v' || p[1] < '0' || p[1] > '9')
		return km_fail(err, KM_ESYNTAX, "A campaign_summary starts with a version such as \"v1\".");
	if (p[1] != '1' || (p[2] != '\0' && !is_blank(p[2])))
		return km_fail(err, KM_ESYNTAX, "Version \"%.*s\" is not supported; this build reads v1.", km_utf8_cut(p, 8), p);
	p += 2;
	if ((rc = expect_key(&p, "rows", err)) != KM_OK ||
		(rc = parse_i64(&p, "rows", &s.rows, err)) != KM_OK)
		return rc;
	for (i = 0; i < KM_CF_N; i++)
	{
		const char *key = km_camp_field_names[i];

		if ((rc = expect_key(&p, key, err)) != KM_OK)
			return rc;
		if (take_null(&p))
			continue;
		if (i < KM_CAMP_NMONEY)
		{
			KmMoney		m = {0, 0};

			if ((rc = parse_money(&p, key, &m, err)) != KM_OK)
				return rc;
			s.money[i] = m.units;
			s.dscale[i] = m.dscale;
		}
		else if ((rc = parse_i64(&p, key, &s.counters[i - KM_CAMP_NMONEY], err)) != KM_OK)
			return rc;
		s.present |= KM_CF_BIT(i);
	}
	while (is_blank(*p))
		p++;
	if (*p != '\0')
		return km_fail(err, KM_ESYNTAX, "Unexpected text \"%.*s\" after conversions.", km_utf8_cut(p, 20), p);
	if ((rc = km_campaign_check(&s, KM_ESYNTAX, err)) != KM_OK)
		return rc;
	*out = s;
	return KM_OK;
}

/* Write the text form; returns its length or -1 when buf is too small. */
int
km_campaign_format(const KmCampaign *s, char *buf, size_t buflen)
{
	size_t		len;
	int			i;
	int			n;

	n = snprintf(buf, buflen, "v%d rows=%" PRId64, KM_CAMP_VERSION, s->rows);
	if (n < 0 || (size_t) n >= buflen)
		return -1;
	len = (size_t) n;
	for (i = 0; i < KM_CF_N; i++)
	{
		char		val[KM_MONEY_BUFLEN];

		if (!(s->present & KM_CF_BIT(i)))
			strcpy(val, "null");
		else if (i < KM_CAMP_NMONEY)
		{
			if (km_money_format(s->money[i], s->dscale[i], val, sizeof(val)) < 0)
				return -1;
		}
		else
			snprintf(val, sizeof(val), "%" PRId64, s->counters[i - KM_CAMP_NMONEY]);
		n = snprintf(buf + len, buflen - len, " %s=%s", km_camp_field_names[i], val);
		if (n < 0 || (size_t) n >= buflen - len)
			return -1;
		len += (size_t) n;
	}
	return (int) len;
}

/* ---------------------------------------------------------------------------
 * Binary form
 * ---------------------------------------------------------------------------
 */

/* Store a 128-bit money sum big-endian at p (16 bytes). */
static void
put_i128(uint8_t *p, km_i128 v)
{
	unsigned __int128 u = (unsigned __int128) v;

	km_wr64_be(p, (uint64_t) (u >> 64));
	km_wr64_be(p + 8, (uint64_t) u);
}

/* The big-endian 128-bit money sum at p. */
static km_i128
get_i128(const uint8_t *p)
{
	unsigned __int128 u = ((unsigned __int128) km_rd64_be(p) << 64) | km_rd64_be(p + 8);

	return (km_i128) u;
}

/* Encode (see header for the layout). */
void
km_campaign_to_wire(const KmCampaign *s, uint8_t out[KM_CAMP_WIRE_LEN])
{
	int			i;

	out[0] = KM_CAMP_VERSION;
	out[1] = s->present;
	out[2] = s->dscale[0];
	out[3] = s->dscale[1];
	memset(out + 4, 0, 4);
	km_wr64_be(out + 8, (uint64_t) s->rows);
	put_i128(out + 16, s->money[0]);
	put_i128(out + 32, s->money[1]);
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
		km_wr64_be(out + 48 + 8 * i, (uint64_t) s->counters[i]);
}

/* Decode and validate completely. */
KmCode
km_campaign_from_wire(const uint8_t *data, size_t len, KmCampaign *out, KmError *err)
{
	KmCampaign	s;
	int			i;
	KmCode		rc;

	if (len != KM_CAMP_WIRE_LEN)
		return km_fail(err, KM_EBINARY, "A campaign_summary is %zu bytes long, not %d.",
					   len, KM_CAMP_WIRE_LEN);
	if (data[0] != KM_CAMP_VERSION)
		return km_fail(err, KM_EBINARY, "Version %d is not supported; this build reads %d.",
					   data[0], KM_CAMP_VERSION);
	if (data[4] | data[5] | data[6] | data[7])
		return km_fail(err, KM_EBINARY, "Reserved bytes are not zero.");
	km_campaign_init(&s);
	s.present = data[1];
	s.dscale[0] = data[2];
	s.dscale[1] = data[3];
	s.rows = (int64_t) km_rd64_be(data + 8);
	s.money[0] = get_i128(data + 16);
	s.money[1] = get_i128(data + 32);
	for (i = 0; i < KM_CAMP_NCOUNTERS; i++)
		s.counters[i] = (int64_t) km_rd64_be(data + 48 + 8 * i);
	if ((rc = km_campaign_check(&s, KM_EBINARY, err)) != KM_OK)
		return rc;
	*out = s;
	return KM_OK;
}

/* ---------------------------------------------------------------------------
 * Ratios
 * ---------------------------------------------------------------------------
 */

/* Which sums a ratio divides, and whether it is defined (both present, den > 0). */
void
km_campaign_ratio_plan(const KmCampaign *s, KmRatio r, KmRatioPlan *plan)
{
	bool		den_zero;

	plan->num = KM_CF_COST;
	plan->num_minus_den = false;
	plan->multiplier = 1;
	switch (r)
	{
		case KM_R_ROI:
			plan->num = KM_CF_REVENUE;
			plan->den = KM_CF_COST;
			plan->num_minus_den = true;
			break;
		case KM_R_ROAS:
			plan->num = KM_CF_REVENUE;
			plan->den = KM_CF_COST;
			break;
		case KM_R_CPM:
			plan->den = KM_CF_IMPRESSIONS;
			plan->multiplier = 1000;
			break;
		case KM_R_CPV:
			plan->den = KM_CF_VIEWS;
			break;
		case KM_R_CPE:
			plan->den = KM_CF_ENGAGEMENTS;
			break;
		case KM_R_CPC:
			plan->den = KM_CF_CLICKS;
			break;
		case KM_R_CPA:
			plan->den = KM_CF_CONVERSIONS;
			break;
		case KM_R_CONV_CLICKS:
			plan->num = KM_CF_CONVERSIONS;
			plan->den = KM_CF_CLICKS;
			break;
		case KM_R_CONV_VIEWS:
			plan->num = KM_CF_CONVERSIONS;
			plan->den = KM_CF_VIEWS;
			break;
		case KM_R_CONV_IMPRESSIONS:
		default:
			plan->num = KM_CF_CONVERSIONS;
			plan->den = KM_CF_IMPRESSIONS;
			break;
	}
	if (plan->den < KM_CAMP_NMONEY)
		den_zero = s->money[plan->den] == 0;
	else
		den_zero = s->counters[plan->den - KM_CAMP_NMONEY] == 0;
	plan->defined = (s->present & KM_CF_BIT(plan->num)) &&
		(s->present & KM_CF_BIT(plan->den)) && !den_zero;
}

/* Name of a conversion-rate denominator. */
KmCode
km_conversion_denominator(const char *name, KmRatio *r, KmError *err)
{
	if (strcmp(name, "clicks") == 0)
		*r = KM_R_CONV_CLICKS;
	else if (strcmp(name, "views") == 0)
		*r = KM_R_CONV_VIEWS;
	else if (strcmp(name, "impressions") == 0)
		*r = KM_R_CONV_IMPRESSIONS;
	else
		return km_fail_msg(err, KM_EPARAM, "unknown conversion-rate denominator \"%.*s\"", km_utf8_cut(name, 64), name);
	return KM_OK;
}
