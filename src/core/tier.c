/*
 * tier.c
 *	  Binary searches of kol_tier and tier_label: over the inclusive lower
 *	  bounds of tier bands, and over the sorted names of the tier schemes.
 */
#include "tier.h"

#include <string.h>

/* The last band whose lower bound is <= followers, or -1. */
int
km_band_find(const int64_t *mins, int n, int64_t followers)
{
	int			lo = 0;
	int			hi = n;			/* answer is in [lo - 1, hi - 1] */

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (mins[mid] <= followers)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* The index of name among the sorted names, or -1. */
int
km_scheme_find(const char *const *names, int n, const char *name)
{
	int			lo = 0;
	int			hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			cmp = strcmp(names[mid], name);

		if (cmp == 0)
			return mid;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
