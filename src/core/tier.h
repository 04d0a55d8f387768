/*
 * tier.h
 *	  Band lookup for follower tiers and tier schemes (doc/tiers.md).
 */
#ifndef KM_TIER_H
#define KM_TIER_H

#include "km_core.h"

/*
 * Index of the band a follower count falls in: the last i with mins[i] <=
 * followers, where mins[0..n-1] are strictly increasing lower bounds
 * (inclusive).  -1 when followers is below mins[0] or n = 0.
 */
extern int	km_band_find(const int64_t *mins, int n, int64_t followers);

/*
 * Index of the scheme named name among n names sorted by strcmp (byte
 * order, the C collation the configuration is read in), or -1.
 */
extern int	km_scheme_find(const char *const *names, int n, const char *name);

#endif							/* KM_TIER_H */
