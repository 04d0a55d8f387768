/*
 * tier.c
 *	  Binary search over the inclusive lower bounds of tier bands.
 */
#include "tier.h"

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
