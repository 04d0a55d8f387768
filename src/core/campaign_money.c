/*
 * campaign_money.c
 *	  Exact money for campaign sums: PostgreSQL numeric bytes to 128-bit fixed
 *	  point (units of 10^-10) and back to decimal text.
 */
#include "campaign.h"

#include <string.h>

#define KM_MONEY_LIM4 (KM_MONEY_MAX / 10000)
#define KM_MONEY_LIM2 (KM_MONEY_MAX / 100)

/*
 * PostgreSQL numeric storage (src/backend/utils/adt/numeric.c): a uint16
 * header, then for the long form an int16 weight, then base-10000 digits
 * (int16).  This layout is part of the on-disk format that pg_upgrade keeps
 * stable, so it can be read here without the server's headers.
 */
#define NUM_SIGN_MASK		0xC000
#define NUM_NEG				0x4000
#define NUM_SHORT			0x8000
#define NUM_SPECIAL			0xC000
#define NUM_NAN				0xC000
#define NUM_EXT_MASK		0xF000
#define NUM_SHORT_SIGN		0x2000
#define NUM_SHORT_DSCALE	0x1F80
#define NUM_SHORT_DSCALE_SHIFT 7
#define NUM_SHORT_WSIGN		0x0040
#define NUM_SHORT_WMASK		0x003F
#define NUM_DSCALE_MASK		0x3FFF

/* Decode a stored numeric into exact units of 10^-10 (see header). */
KmMoneyStatus
km_money_from_numeric(const uint8_t *data, size_t len, KmMoney *out)
{
	uint16_t	hdr;
	int			weight;
	int			dscale;
	bool		neg;
	size_t		off;
	size_t		ndigits;
	size_t		i;
	int			last = -1;		/* last digit at or above 10^-10 */
	km_i128		acc = 0;
	int			p;

	out->units = 0;
	out->dscale = 0;
	if (len < 2)
		return KM_MONEY_MALFORMED;
	memcpy(&hdr, data, 2);
	if ((hdr & NUM_SIGN_MASK) == NUM_SPECIAL)
		return (hdr & NUM_EXT_MASK) == NUM_NAN ? KM_MONEY_NAN : KM_MONEY_INFINITE;
	if (hdr & NUM_SHORT)
	{
		neg = (hdr & NUM_SHORT_SIGN) != 0;
		dscale = (hdr & NUM_SHORT_DSCALE) >> NUM_SHORT_DSCALE_SHIFT;
		weight = (hdr & NUM_SHORT_WSIGN) ? (int) (hdr & NUM_SHORT_WMASK) - 64
			: (int) (hdr & NUM_SHORT_WMASK);
		off = 2;
	}
	else
	{
		int16_t		w;

		if (len < 4)
			return KM_MONEY_MALFORMED;
		neg = (hdr & NUM_SIGN_MASK) == NUM_NEG;
		dscale = hdr & NUM_DSCALE_MASK;
		memcpy(&w, data + 2, 2);
		weight = w;
		off = 4;
	}
	if ((len - off) % 2 != 0)
		return KM_MONEY_MALFORMED;
	ndigits = (len - off) / 2;
	out->dscale = (uint8_t) (dscale > KM_CAMP_SCALE ? KM_CAMP_SCALE : dscale);

	/*
	 * Fast path (typical money: up to 16 significant digits, the last one at
	 * 10^-8 or above): Horner in 64 bits, then one exact scaling by 10^p of
	 * the last digit, p in 2..18, which cannot overflow 128 bits (< 10^34).
	 */
	p = 4 * (weight - (int) ndigits + 1) + KM_CAMP_SCALE;
	if (ndigits >= 1 && ndigits <= 4 && p >= 2 && p <= 18)
	{
		uint64_t	acc64 = 0;

		for (i = 0; i < ndigits; i++)
		{
			int16_t		d;

			memcpy(&d, data + off + 2 * i, 2);
			if (d < 0 || d > 9999)
				return KM_MONEY_MALFORMED;
			acc64 = acc64 * 10000 + (uint64_t) d;
		}
		acc = (km_i128) acc64 * km_camp_pow10[p];
		if (neg && acc != 0)
		{
			out->units = -acc;
			return KM_MONEY_NEGATIVE;
		}
		out->units = acc;
		return KM_MONEY_OK;
	}

	/*
	 * Digit i stands for digit * 10000^(weight - i) = digit * 10^(p - 10)
	 * with p = 4 (weight - i) + 10, i.e. p is its power of ten in units.
	 * p takes the values ..., 6, 2, -2, -6, ...: a digit at p = -2 holds
	 * decimals 9..12 (its last two must be zero), below that nothing may be
	 * non-zero.
	 */
	for (i = 0; i < ndigits; i++)
	{
		int16_t		d;

		memcpy(&d, data + off + 2 * i, 2);
		if (d < 0 || d > 9999)
			return KM_MONEY_MALFORMED;
		p = 4 * (weight - (int) i) + KM_CAMP_SCALE;
		if (p >= -2)
			last = (int) i;
		if ((p == -2 && d % 100 != 0) || (p < -2 && d != 0))
			return KM_MONEY_TOO_PRECISE;
	}
	/*
	 * Horner in base 10000; a digit at p = -2 only contributes its first two
	 * decimals (the last two are zero), i.e. one step of base 100.
	 */
	for (i = 0; last >= 0 && i <= (size_t) last; i++)
	{
		int16_t		d;

		memcpy(&d, data + off + 2 * i, 2);
		p = 4 * (weight - (int) i) + KM_CAMP_SCALE;
		if (p == -2)
		{
			if (acc > KM_MONEY_LIM2)
				return KM_MONEY_TOO_LARGE;
			acc *= 100;
			d /= 100;
		}
		else
		{
			if (acc > KM_MONEY_LIM4)
				return KM_MONEY_TOO_LARGE;
			acc *= 10000;
		}
		if (__builtin_add_overflow(acc, (km_i128) d, &acc))
			return KM_MONEY_TOO_LARGE;
	}
	if (last >= 0)
	{
		p = 4 * (weight - last) + KM_CAMP_SCALE;
		for (; p >= 4; p -= 4)
		{
			if (acc > KM_MONEY_LIM4)
				return KM_MONEY_TOO_LARGE;
			acc *= 10000;
		}
		if (p == 2)
		{
			if (acc > KM_MONEY_LIM2)
				return KM_MONEY_TOO_LARGE;
			acc *= 100;
		}
	}
	if (neg && acc != 0)
	{
		out->units = -acc;
		return KM_MONEY_NEGATIVE;
	}
	out->units = acc;
	return KM_MONEY_OK;
}

/* Message for a money argument that cannot be used. */
KmCode
km_money_error(KmMoneyStatus st, const char *what, const char *shown, KmError *err)
{
	switch (st)
	{
		case KM_MONEY_OK:
			break;
		case KM_MONEY_NEGATIVE:
			return km_fail_msg(err, KM_EPARAM, "%s must not be negative: %s", what, shown);
		case KM_MONEY_NAN:
		case KM_MONEY_INFINITE:
			return km_fail_msg(err, KM_EPARAM, "%s must be a finite number: %s", what, shown);
		case KM_MONEY_TOO_PRECISE:
			return km_fail_msg(err, KM_EPARAM,
						   "%s has more than %d decimal places: %s", what,
						   KM_CAMP_SCALE, shown);
		case KM_MONEY_TOO_LARGE:
			return km_fail_msg(err, KM_ERANGE,
						   "%s is out of range for exact money arithmetic: %s", what, shown);
		case KM_MONEY_MALFORMED:
			return km_fail_msg(err, KM_EPARAM, "%s is not a valid numeric", what);
	}
	km_clear(err);
	return KM_OK;
}

/* Decimal text of units with exactly dscale decimals. */
int
km_money_format(km_i128 units, int dscale, char *buf, size_t buflen)
{
	char		tmp[64];
	int			n = 0;
	int			len = 0;
	unsigned __int128 mag;
	int			drop = KM_CAMP_SCALE - dscale;

	if (dscale < 0 || dscale > KM_CAMP_SCALE)
		return -1;
	mag = units < 0 ? (unsigned __int128) 0 - (unsigned __int128) units
		: (unsigned __int128) units;
	/* digits, least significant first, of mag / 10^drop */
	while (drop-- > 0)
		mag /= 10;
	do
	{
		tmp[n++] = (char) ('0' + (int) (mag % 10));
		mag /= 10;
	} while (mag != 0 || n <= dscale);
	if ((size_t) n + 3 > buflen)
		return -1;
	if (units < 0)
		buf[len++] = '-';
	while (n > 0)
	{
		if (n == dscale)
			buf[len++] = '.';
		buf[len++] = tmp[--n];
	}
	buf[len] = '\0';
	return len;
}

