/*
 * fuzz_tier.c
 *	  libFuzzer harness for src/core/tier.c: km_band_find over tier bounds.
 *
 * Input bytes:
 *	  bytes 0..7		little-endian int64 follower count
 *	  then			little-endian int64 values, each a lower bound
 * The bounds are sorted and made unique (the function's precondition: strictly
 * increasing), copied into a buffer of exactly their size (so ASan sees any read
 * past the end), and the answer is checked against a linear scan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tier.h"

static int
cmp_i64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a;
	int64_t		y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

static int64_t
get_i64(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t) p[i] << (8 * i);
	return (int64_t) v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t		followers;
	int64_t    *mins;
	int			n = 0;
	int			got;
	int			want = -1;
	size_t		k;
	int			i;

	if (size < 8)
		return 0;
	followers = get_i64(data);
	k = (size - 8) / 8;
	if (k > 4096)
		k = 4096;
	mins = malloc(k ? k * sizeof(int64_t) : 1);
	if (mins == NULL)
		return 0;
	for (i = 0; i < (int) k; i++)
		mins[i] = get_i64(data + 8 + 8 * (size_t) i);
	qsort(mins, k, sizeof(int64_t), cmp_i64);
	for (i = 0; i < (int) k; i++)
		if (n == 0 || mins[n - 1] != mins[i])
			mins[n++] = mins[i];
	if (n > 0)
	{
		int64_t    *exact = malloc((size_t) n * sizeof(int64_t));

		if (exact == NULL)
		{
			free(mins);
			return 0;
		}
		memcpy(exact, mins, (size_t) n * sizeof(int64_t));
		free(mins);
		mins = exact;
	}

	for (i = 0; i < n; i++)
		if (mins[i] <= followers)
			want = i;
	got = km_band_find(n > 0 ? mins : NULL, n, followers);
	if (got != want)
		abort();
	free(mins);
	return 0;
}
