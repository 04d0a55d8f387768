/*
 * sketch.c
 *	  Logarithmic-bucket quantile sketch of positive engagement rates.
 */
#include "sketch.h"

#include <string.h>

/* Bucket i answers 2 gamma^i / (gamma + 1). */
double
km_sk_value(int32_t i)
{
	return 2.0 * exp((double) i * KM_SK_LOG_GAMMA) / (KM_SK_GAMMA + 1.0);
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
	sk->width = 1;
	sk->nonempty = 0;
	sk->counts = NULL;
}

void
km_sk_free(KmSketch *sk, const KmAlloc *a)
{
	if (sk->counts)
		a->free(a->ctx, sk->counts);
	km_sk_init(sk);
}

/* counts[k] = c in an array of width-byte counts (c fits the width). */
static inline void
sk_set(void *counts, uint8_t width, int32_t k, int64_t c)
{
	if (width == 1)
		((uint8_t *) counts)[k] = (uint8_t) c;
	else if (width == 2)
		((uint16_t *) counts)[k] = (uint16_t) c;
	else if (width == 4)
		((uint32_t *) counts)[k] = (uint32_t) c;
	else
		((int64_t *) counts)[k] = c;
}

/*
 * Move the counts into a new array of cap buckets starting at lo, width bytes
 * per count (not narrower than now); the new range must cover the old one.
 */
static KmCode
sk_realloc(KmSketch *sk, int32_t lo, int32_t cap, uint8_t width, const KmAlloc *a,
		   KmError *err)
{
	char	   *counts = a->alloc(a->ctx, (size_t) cap * width);
	int32_t		j;

	if (counts == NULL)
		return km_fail(err, KM_ENOMEM, "out of memory for the quantile sketch");
	if (sk->cap > 0 && width == sk->width)
	{
		/* zero only what the old range does not cover */
		size_t		below = (size_t) (sk->lo - lo) * width,
					old = (size_t) sk->cap * width;

		memset(counts, 0, below);
		memcpy(counts + below, sk->counts, old);
		memset(counts + below + old, 0, (size_t) cap * width - below - old);
	}
	else
	{
		memset(counts, 0, (size_t) cap * width);
		for (j = 0; j < sk->cap; j++)
		{
			int64_t		c = km_sk_count(sk, j);
			int32_t		k = sk->lo + j - lo;

			sk_set(counts, width, k, c);
		}
	}
	if (sk->counts)
		a->free(a->ctx, sk->counts);
	sk->counts = counts;
	sk->lo = lo;
	sk->cap = cap;
	sk->width = width;
	return KM_OK;
}

/*
 * Make room for buckets lo .. hi plus a little slack on the side that grows.
 * A group's range widens only when a new smallest or largest ER arrives
 * (O(log n) times for n posts in random order), so tight growth keeps memory
 * per group close to the ER range actually seen.
 */
KmCode
km_sk_reserve(KmSketch *sk, int32_t lo, int32_t hi, const KmAlloc *a, KmError *err)
{
	int32_t		slack;

	if (sk->cap > 0 && lo >= sk->lo && hi < sk->lo + sk->cap)
		return KM_OK;
	if (lo < KM_SK_MIN_INDEX || hi > KM_SK_MAX_INDEX || lo > hi)
		return km_fail(err, KM_ERANGE, "sketch buckets %d .. %d are out of range", (int) lo, (int) hi);
	slack = sk->cap / 4 + 8;
	if (sk->cap == 0)
	{
		lo -= 8;
		hi += 7;
	}
	else
	{
		if (lo < sk->lo)
			lo -= slack;
		else
			lo = sk->lo;
		if (hi >= sk->lo + sk->cap)
			hi += slack;
		else
			hi = sk->lo + sk->cap - 1;
	}
	/*
	 * Allocators round a request up to a power of two (palloc's AllocSet up
	 * to 8 kB): use that room as more slack on the growing side(s) rather
	 * than leave it idle, so that fewer merges need to move the counts.
	 */
	{
		size_t		bytes = (size_t) (hi - lo + 1) * sk->width,
					room = 16;
		int32_t		extra;

		while (room < bytes && room < 8192)
			room <<= 1;
		extra = room > bytes ? (int32_t) ((room - bytes) / sk->width) : 0;
		if (sk->cap == 0 || (lo < sk->lo && hi >= sk->lo + sk->cap))
		{
			lo -= extra / 2;
			hi += extra - extra / 2;
		}
		else if (lo < sk->lo)
			lo -= extra;
		else
			hi += extra;
	}
	if (lo < KM_SK_MIN_INDEX)
		lo = KM_SK_MIN_INDEX;
	if (hi > KM_SK_MAX_INDEX)
		hi = KM_SK_MAX_INDEX;
	return sk_realloc(sk, lo, hi - lo + 1, sk->width, a, err);
}

/* counts[i] += n */
KmCode
km_sk_add(KmSketch *sk, int32_t i, int64_t n, const KmAlloc *a, KmError *err)
{
	int64_t		c,
				old;
	uint8_t		need;

	if (i < KM_SK_MIN_INDEX || i > KM_SK_MAX_INDEX)
		return km_fail(err, KM_ERANGE, "sketch bucket %d is out of range", (int) i);
	if (n < 0)
		return km_fail(err, KM_ERANGE, "sketch bucket count must not be negative");
	if (km_sk_reserve(sk, i, i, a, err) != KM_OK)
		return err->code;
	old = km_sk_count(sk, i - sk->lo);
	if (km_add_i64_overflow(old, n, &c))
		return km_fail(err, KM_ERANGE, "sketch bucket count is out of range for type bigint");
	need = (uint64_t) c > UINT32_MAX ? 8 : (uint64_t) c > UINT16_MAX ? 4 :
		(uint64_t) c > UINT8_MAX ? 2 : 1;
	if (need > sk->width &&
		sk_realloc(sk, sk->lo, sk->cap, need, a, err) != KM_OK)
		return err->code;
	sk_set(sk->counts, sk->width, i - sk->lo, c);
	if (old == 0 && c != 0)
		sk->nonempty++;
	return KM_OK;
}
