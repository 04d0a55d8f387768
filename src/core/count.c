/*
 * count.c
 *	  Exact parsing of platform display counts ("1.2万", "10万+", "1,234", "4.3B").
 */
#include "count.h"

#include <string.h>

/* Fraction digits kept: the largest multiplier is 10^16 (亿亿), so digits
 * beyond the 17th can only decide whether the rounding digit is followed by
 * something nonzero, and half up never needs that. */
#define MAX_FRAC_DIGITS 17

typedef unsigned __int128 u128;

/* Whether c is ASCII whitespace (space, \t, \n, \r, \f, \v). */
static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Multiplier of the Chinese unit character at s (3 UTF-8 bytes), or 0. */
static int64_t
cjk_unit(const unsigned char *s, size_t left)
{
	static const struct
	{
		const char *utf8;
		int64_t		mult;
	}			units[] = {
		{"\xe5\x8d\x81", 10},	/* 十 */
		{"\xe7\x99\xbe", 100},	/* 百 */
		{"\xe5\x8d\x83", 1000}, /* 千 */
		{"\xe4\xb8\x87", 10000},	/* 万 */
		{"\xe8\x90\xac", 10000},	/* 萬 */
		{"\xe4\xba\xbf", 100000000},	/* 亿 */
		{"\xe5\x84\x84", 100000000},	/* 億 */
	};
	size_t		i;

	if (left < 3)
		return 0;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (memcmp(s, units[i].utf8, 3) == 0)
			return units[i].mult;
	return 0;
}

/* Describe the character at s for an error detail. */
static KmCode
bad_char(KmError *err, const unsigned char *s, size_t left, const char *where)
{
	if (*s >= 0x20 && *s < 0x7f)
		return km_fail(err, KM_ESYNTAX, "Unexpected character \"%c\" %s.", *s, where);
	if (*s >= 0xc0 && left >= 2)
	{
		size_t		n = (*s >= 0xf0) ? 4 : (*s >= 0xe0) ? 3 : 2;

		if (n <= left)
			return km_fail(err, KM_ESYNTAX, "Unexpected character \"%.*s\" %s.",
						   (int) n, (const char *) s, where);
	}
	return km_fail(err, KM_ESYNTAX, "Unexpected byte 0x%02x %s.", *s, where);
}

/* Parse a display count exactly; see count.h for the grammar. */
KmCode
km_parse_count(const char *str, size_t len, int64_t *value, unsigned *flags,
			   KmError *err)
{
	const unsigned char *s = (const unsigned char *) str;
	const unsigned char *end = s + len;
	u128		ipart = 0;
	unsigned char fdig[MAX_FRAC_DIGITS];	/* fraction digits kept */
	int			nfrac = 0;
	u128		total;
	int64_t		mult = 1;
	int			ndig = 0;
	int			group = -1;		/* digits since the last comma, -1: no comma */
	bool		big = false;
	bool		fraction_nonzero = false;
	unsigned	f = 0;

	while (s < end && is_space(*s))
		s++;
	if (s == end)
		return km_fail(err, KM_ESYNTAX, "A count must contain a number.");
	if (*s == '-')
		return km_fail(err, KM_ESYNTAX, "A count cannot be negative.");
	if (*s < '0' || *s > '9')
	{
		int64_t		m = cjk_unit(s, end - s);

		/* a bare 十 / 百 / 千 leading the units is one of them: 十万 = 10^5 */
		if (m < 10 || m > 1000)
			return bad_char(err, s, end - s, "where a count must start with a digit");
		ipart = 1;
		ndig = 1;
	}

	/* integer part, with optional thousands separators */
	while (s < end)
	{
		if (*s >= '0' && *s <= '9')
		{
			if (!big)
			{
				ipart = ipart * 10 + (*s - '0');
				if (ipart > (u128) INT64_MAX * 10)
					big = true;
			}
			ndig++;
			if (group >= 0 && ++group > 3)
				return km_fail(err, KM_ESYNTAX,
							   "Thousands separators must be followed by exactly three digits.");
			s++;
		}
		else if (*s == ',')
		{
			if ((group < 0 && ndig > 3) || group == 0 || (group > 0 && group != 3))
				return km_fail(err, KM_ESYNTAX,
							   "Thousands separators must separate groups of three digits.");
			group = 0;
			s++;
			if (s == end || *s < '0' || *s > '9')
				return km_fail(err, KM_ESYNTAX,
							   "A thousands separator must be followed by digits.");
		}
		else
			break;
	}
	if (group >= 0 && group != 3)
		return km_fail(err, KM_ESYNTAX,
					   "Thousands separators must be followed by exactly three digits.");

	/* fraction */
	if (s < end && *s == '.')
	{
		int			nf = 0;

		s++;
		if (s == end || *s < '0' || *s > '9')
			return km_fail(err, KM_ESYNTAX, "A decimal point must be followed by digits.");
		while (s < end && *s >= '0' && *s <= '9')
		{
			if (nf < MAX_FRAC_DIGITS)
				fdig[nf++] = *s - '0';
			if (*s != '0')
				fraction_nonzero = true;
			s++;
		}
		nfrac = nf;
	}

	while (s < end && is_space(*s))
		s++;

	/* unit */
	if (s < end)
	{
		int64_t		m;

		switch (*s)
		{
			case 'k':
			case 'K':
				mult = 1000;
				s++;
				break;
			case 'w':
			case 'W':
				mult = 10000;
				s++;
				break;
			case 'm':
			case 'M':
				mult = 1000000;
				s++;
				break;
			case 'b':
			case 'B':
				mult = 1000000000;
				s++;
				break;
			default:
				if ((m = cjk_unit(s, end - s)) != 0)
				{
					mult = m;
					s += 3;
					if ((m = cjk_unit(s, end - s)) != 0)
					{
						mult *= m;
						s += 3;
					}
				}
				break;
		}
	}

	while (s < end && is_space(*s))
		s++;
	if (s < end && *s == '+')
	{
		f |= KM_COUNT_FLOOR;
		s++;
		while (s < end && is_space(*s))
			s++;
	}
	if (s < end)
		return bad_char(err, s, end - s, "after the count");

	if (big)
		return km_fail(err, KM_ERANGE, "The count is beyond the range of bigint.");

	/*
	 * exact: ipart * mult + round_half_up(0.d1d2... * mult).  mult is 10^p, so
	 * the first p fraction digits are the integral part of the product and the
	 * digit after them alone decides the half-up rounding (>= 5: up).
	 */
	total = ipart * (u128) mult;
	if (fraction_nonzero)
	{
		u128		q = 0;
		int			p = 0;
		int64_t		m;
		int			i;

		for (m = mult; m > 1; m /= 10)
			p++;
		for (i = 0; i < p; i++)
			q = q * 10 + (i < nfrac ? fdig[i] : 0);
		if (p < nfrac && fdig[p] >= 5)
			q++;
		total += q;
	}
	if (total > (u128) INT64_MAX)
		return km_fail(err, KM_ERANGE, "The count is beyond the range of bigint.");
	if (mult > 1 || fraction_nonzero)
		f |= KM_COUNT_ROUNDED;
	*value = (int64_t) total;
	*flags = f;
	return KM_OK;
}
