/*
 * fx.h
 *	  Currency codes and the choice of an exchange rate by day (doc/currency.md).
 */
#ifndef KM_FX_H
#define KM_FX_H

#include "km_core.h"

/*
 * An ISO 4217 alphabetic code: exactly three ASCII capital letters.  True and
 * *code packed as (c0 << 16) | (c1 << 8) | c2; false for anything else.
 */
extern bool km_fx_code(const char *s, size_t len, uint32_t *code);

/* What km_fx_pick found. */
typedef enum KmFxPick
{
	KM_FX_FOUND,				/* a rate at most max_age days old */
	KM_FX_NONE_BEFORE,			/* no rate on or before the day */
	KM_FX_TOO_OLD				/* the latest rate on or before it is older */
} KmFxPick;

/*
 * The rate of day among rates on days[0..n-1] (strictly increasing day
 * numbers): the latest on or before day, if day minus its day is at most
 * max_age (>= 0).  *idx is that latest rate's index, -1 when there is none.
 */
extern KmFxPick km_fx_pick(const int64_t *days, int n, int64_t day, int64_t max_age, int *idx);

#endif							/* KM_FX_H */
