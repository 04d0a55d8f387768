/*
 * sketch.c
 *	  Logarithmic-bucket quantile sketch of positive engagement rates.
 */
#include "sketch.h"

#include <math.h>
#include <string.h>

/* 1 / log(gamma), computed once per call site by the compiler-free way */
static double
inv_log_gamma(void)
{
	static double v = 0;

	if (v == 0)
		v = 1.0 / log(KM_SK_GAMMA);
	return v;
}

/* i = ceil(log(x) / log(gamma)), clamped to [KM_SK_MIN_INDEX, KM_SK_MAX_INDEX]. */
int32_t
km_sk_index(double x)
{
	double		i = ceil(log(x) * inv_log_gamma());

	if (!(i >= KM_SK_MIN_INDEX))
		return KM_SK_MIN_INDEX;
	if (i > KM_SK_MAX_INDEX)
		return KM_SK_MAX_INDEX;
	return (int32_t) i;
}

/* Bucket i answers 2 gamma^i / (gamma + 1). */
double
km_sk_value(int32_t i)
{
	return 2.0 * exp((double) i / inv_log_gamma()) / (KM_SK_GAMMA + 1.0);
}

/* alpha = (gamma - 1) / (gamma + 1) */
double
km_sk_alpha(void)
{
	return (KM_SK_GAMMA - 1.0) / (KM_SK_GAMMA + 1.0);
}

void
km_sk_init(KmSketch *sk)
{
	sk->lo = 0;
	sk->cap = 0;
	sk->counts = NULL;
}

void
km_sk_free(KmSketch *sk, const KmAlloc *a)
{
	if (sk->counts)
		a->free(a->ctx, sk->counts);
	km_sk_init(sk);
}

/*
 * Make room for bucket i: grow the dense range geometrically toward i, never
 * past the index range, so adding stays amortised O(1).
 */
static KmCode
sk_reserve(KmSketch *sk, int32_t i, const KmAlloc *a, KmError *err)
{
	int32_t		lo,
				hi,
				cap;
	int64_t    *counts;

	if (sk->cap > 0 && i >= sk->lo && i < sk->lo + sk->cap)
		return KM_OK;
	if (sk->cap == 0)
	{
		cap = 32;
		lo = i - cap / 2;
	}
	else
	{
		int32_t		need_lo = i < sk->lo ? i : sk->lo;
		int32_t		need_hi = i >= sk->lo + sk->cap ? i : sk->lo + sk->cap - 1;
		int32_t		need = need_hi - need_lo + 1;

		cap = sk->cap * 2;
		if (cap < need + need / 4)
			cap = need + need / 4;
		/* slack goes on the side we are growing toward */
		lo = (i < sk->lo) ? need_hi - cap + 1 : need_lo;
	}
	if (cap > KM_SK_MAX_BUCKETS)
		cap = KM_SK_MAX_BUCKETS;
	if (lo < KM_SK_MIN_INDEX)
		lo = KM_SK_MIN_INDEX;
	hi = lo + cap - 1;
	if (hi > KM_SK_MAX_INDEX)
		lo = KM_SK_MAX_INDEX - cap + 1;

	counts = a->alloc(a->ctx, (size_t) cap * sizeof(int64_t));
	if (counts == NULL)
		return km_fail(err, KM_ENOMEM, "out of memory for the quantile sketch");
	memset(counts, 0, (size_t) cap * sizeof(int64_t));
	if (sk->cap > 0)
	{
		memcpy(counts + (sk->lo - lo), sk->counts, (size_t) sk->cap * sizeof(int64_t));
		a->free(a->ctx, sk->counts);
	}
	sk->counts = counts;
	sk->lo = lo;
	sk->cap = cap;
	return KM_OK;
}

/* counts[i] += n */
KmCode
km_sk_add(KmSketch *sk, int32_t i, int64_t n, const KmAlloc *a, KmError *err)
{
	int64_t    *c;

	if (i < KM_SK_MIN_INDEX || i > KM_SK_MAX_INDEX)
		return km_fail(err, KM_ERANGE, "sketch bucket %d is out of range", (int) i);
	if (sk_reserve(sk, i, a, err) != KM_OK)
		return err->code;
	c = &sk->counts[i - sk->lo];
	if (km_add_i64_overflow(*c, n, c))
		return km_fail(err, KM_ERANGE, "sketch bucket count is out of range for type bigint");
	return KM_OK;
}

uint32_t
km_sk_nonempty(const KmSketch *sk)
{
	uint32_t	n = 0;
	int32_t		j;

	for (j = 0; j < sk->cap; j++)
		n += sk->counts[j] != 0;
	return n;
}
