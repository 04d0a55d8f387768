/*
 * sketch.h
 *	  A logarithmic-bucket quantile sketch (the idea of DDSketch, Masson, Rim
 *	  and Lee, VLDB 2019) of positive per-post engagement rates.
 *
 * A positive value x falls in bucket i = ceil(log(x) / log(gamma)), i.e.
 * gamma^(i-1) < x <= gamma^i, and bucket i answers 2 gamma^i / (gamma + 1),
 * which is within alpha = (gamma - 1) / (gamma + 1) of every value in it.
 * gamma = 1.02 gives alpha = 1/101 (0.990%).  An ER is a ratio of two int64
 * values in [1/(2^63 - 1), 2^63 - 1], so indexes lie in [-2206, 2206]: the
 * sketch can never hold more than KM_SK_MAX_BUCKETS buckets and never needs
 * to collapse any.  Zeros are counted apart (KmSummaryHead.zero).
 */
#ifndef KM_SKETCH_H
#define KM_SKETCH_H

#include <math.h>
#include <string.h>

#include "km_core.h"

#define KM_SK_GAMMA			1.02
/* 1 / ln(1.02) and ln(1.02), to double precision */
#define KM_SK_INV_LOG_GAMMA	50.4983497918439
#define KM_SK_LOG_GAMMA		0.01980262729617973
#define KM_SK_MIN_INDEX		(-2300)
#define KM_SK_MAX_INDEX		2300
#define KM_SK_MAX_BUCKETS	(KM_SK_MAX_INDEX - KM_SK_MIN_INDEX + 1)

/*
 * Dense range of buckets [lo, lo + cap) with counts; cap = 0 when empty.
 * Counts start as uint8 (a per-KOL group's range of ~200 buckets then takes
 * ~200 bytes: the memory a grouped aggregate touches is mostly these
 * arrays) and the whole array is widened to uint16, uint32, then int64, the
 * first time a count would pass what its width holds.
 */
typedef struct KmSketch
{
	int32_t		lo;
	int32_t		cap;
	uint8_t		width;			/* bytes per count: 1, 2, 4 or 8 */
	uint32_t	nonempty;		/* buckets with a count above 0 */
	void	   *counts;
} KmSketch;

/* Count of the j-th bucket of the range (bucket lo + j). */
static inline int64_t
km_sk_count(const KmSketch *sk, int32_t j)
{
	if (sk->width == 1)
		return (int64_t) ((const uint8_t *) sk->counts)[j];
	if (sk->width == 2)
		return (int64_t) ((const uint16_t *) sk->counts)[j];
	if (sk->width == 4)
		return (int64_t) ((const uint32_t *) sk->counts)[j];
	return ((const int64_t *) sk->counts)[j];
}

/* km_sk_bounds[i - KM_SK_MIN_INDEX] = 1.02^i rounded to nearest (sketch_bounds.c) */
extern const double km_sk_bounds[KM_SK_MAX_BUCKETS];

/*
 * Bucket index of a positive value: the i with bound(i - 1) < x <= bound(i),
 * bound(i) = 1.02^i correctly rounded, i.e. ceil(ln(x) / ln(gamma)) decided by
 * exact comparisons with a table instead of a rounded log(): the same answer on
 * every machine, and no log() per post.  Clamped to [KM_SK_MIN_INDEX,
 * KM_SK_MAX_INDEX] (NaN gives the lowest index).  A guess from the binary
 * exponent and a quadratic approximation of log2 of the mantissa (error below
 * 0.27 buckets) is corrected by at most one step along the table.
 */
static inline int32_t
km_sk_index(double x)
{
	const double *b = km_sk_bounds - KM_SK_MIN_INDEX;
	uint64_t	u;
	double		f;
	int32_t		i;

	if (!(x > b[KM_SK_MIN_INDEX]))
		return KM_SK_MIN_INDEX;
	if (x > b[KM_SK_MAX_INDEX - 1])
		return KM_SK_MAX_INDEX;
	/* x = (1 + f) 2^e, a normal double here: e and f from its bits */
	memcpy(&u, &x, sizeof(u));
	f = (double) (u & ((UINT64_C(1) << 52) - 1)) * (1.0 / 4503599627370496.0);
	/* log2(1 + f) ~ f + 0.3466 f (1 - f); 35.0027887811465 = ln 2 / ln 1.02 */
	i = (int32_t) ceil(((double) ((int) (u >> 52) - 1023) + f + 0.3466 * f * (1.0 - f)) *
					   35.0027887811465);
	if (i < KM_SK_MIN_INDEX + 1)
		i = KM_SK_MIN_INDEX + 1;
	else if (i > KM_SK_MAX_INDEX)
		i = KM_SK_MAX_INDEX;
	/* the guess is off by at most one: one branch-free step each way */
	i += x > b[i];
	i -= x <= b[i - 1];
	/* never taken (the unit test checks every bucket edge); kept for safety */
	while (x > b[i])
		i++;
	while (x <= b[i - 1])
		i--;
	return i;
}
/* The value bucket i answers. */
extern double km_sk_value(int32_t i);
/* The relative accuracy bound alpha. */
extern double km_sk_alpha(void);

extern void km_sk_init(KmSketch *sk);
extern void km_sk_free(KmSketch *sk, const KmAlloc *a);
/* Add n to bucket i; KM_ENOMEM, KM_ERANGE on count overflow. */
extern KmCode km_sk_add(KmSketch *sk, int32_t i, int64_t n, const KmAlloc *a,
						KmError *err);

/* Make room for buckets lo .. hi, with slack on the side that grows. */
extern KmCode km_sk_reserve(KmSketch *sk, int32_t lo, int32_t hi, const KmAlloc *a,
							KmError *err);

/* counts[i] += n, n > 0: the fast path of km_sk_add (no growth, no widening). */
static inline KmCode
km_sk_addn(KmSketch *sk, int32_t i, int64_t n, const KmAlloc *a, KmError *err)
{
	uint32_t	j = (uint32_t) (i - sk->lo);

	/* in range (j unsigned: below lo wraps past cap), n > 0, no widening */
	if (j < (uint32_t) sk->cap && n > 0)
	{
		if (sk->width == 1)
		{
			uint8_t    *c = &((uint8_t *) sk->counts)[j];

			if (n <= UINT8_MAX - *c)
			{
				sk->nonempty += *c == 0;
				*c = (uint8_t) (*c + n);
				return KM_OK;
			}
		}
		else if (sk->width == 2)
		{
			uint16_t   *c = &((uint16_t *) sk->counts)[j];

			if (n <= UINT16_MAX - *c)
			{
				sk->nonempty += *c == 0;
				*c = (uint16_t) (*c + n);
				return KM_OK;
			}
		}
	}
	return km_sk_add(sk, i, n, a, err);
}

/* Add one to bucket i: the per-post fast path of km_sk_add. */
static inline KmCode
km_sk_add1(KmSketch *sk, int32_t i, const KmAlloc *a, KmError *err)
{
	return km_sk_addn(sk, i, 1, a, err);
}
/* Number of non-empty buckets. */
static inline uint32_t
km_sk_nonempty(const KmSketch *sk)
{
	return sk->nonempty;
}

#endif							/* KM_SKETCH_H */
