/*
 * fx.c
 *	  Currency codes and the rate of a day: the latest rate on or before it,
 *	  within a maximum age (doc/currency.md).
 */
#include "fx.h"

#include "tier.h"

/* Three ASCII capitals, packed; false otherwise. */
bool
km_fx_code(const char *s, size_t len, uint32_t *code)
{
	uint32_t	v = 0;

	if (s == NULL || len != 3)
		return false;
	for (size_t i = 0; i < 3; i++)
	{
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
		v = (v << 8) | (uint32_t) (unsigned char) s[i];
	}
	*code = v;
	return true;
}

/* The latest rate on or before day, if at most max_age days older (band search). */
KmFxPick
km_fx_pick(const int64_t *days, int n, int64_t day, int64_t max_age, int *idx)
{
	int			i = km_band_find(days, n, day);

	*idx = i;
	if (i < 0)
		return KM_FX_NONE_BEFORE;
	/* days[i] <= day, both date numbers (32-bit): no overflow */
	if (day - days[i] > max_age)
		return KM_FX_TOO_OLD;
	return KM_FX_FOUND;
}
