/*
 * fuzz_engagement.c
 *	  libFuzzer harness for src/core/engagement.c: interaction sums and rates.
 *
 * The input bytes are read as one call's arguments:
 *	  byte 0			bit i (i < 5) set: counter i (likes, comments, shares,
 *					saves, extra) is present (not SQL NULL)
 *	  bytes 1..40		five little-endian int64 counters
 *	  bytes 41..48	little-endian int64 base
 * Missing bytes read as zero, so short inputs are valid too.  Each call's
 * result is checked against a second computation in 128-bit arithmetic; any
 * disagreement aborts, which libFuzzer reports as a crash.  A new harness
 * follows the same pattern: decode the bytes into the core's inputs, call
 * the core, check what must hold afterwards (result or error code, error
 * text NUL-terminated, nothing leaked), and abort() when it does not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engagement.h"

/* Little-endian int64 at *pos (zero-filled past the end); advances *pos. */
static int64_t
take_i64(const uint8_t *data, size_t size, size_t *pos)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
	{
		uint64_t	b = (*pos < size) ? data[*pos] : 0;

		v |= b << (8 * i);
		(*pos)++;
	}
	return (int64_t) v;
}

/*
 * The error texts must be terminated strings inside their buffers, and an
 * argument check's refusal carries a message (errmsg style), not a detail.
 */
static void
check_detail(const KmError *err, KmCode expect)
{
	if (err->code != expect)
		abort();
	if (memchr(err->detail, '\0', KM_DETAIL_LEN) == NULL ||
		memchr(err->message, '\0', KM_DETAIL_LEN) == NULL)
		abort();
	if (expect != KM_OK && (err->message[0] == '\0' || err->detail[0] != '\0'))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t		counters[KM_ER_NCOUNTERS];
	bool		present[KM_ER_NCOUNTERS];
	size_t		pos = 1;
	int64_t		base;
	int64_t		sum = 0;
	__int128	wide = 0;
	KmCode		want = KM_OK;
	KmCode		rc;
	KmError		err;
	double		rate = 0;
	bool		defined = false;
	int			i;

	for (i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		present[i] = size > 0 && (data[0] >> i) & 1;
		counters[i] = take_i64(data, size, &pos);
	}
	base = take_i64(data, size, &pos);

	/* Second method: negatives first in counter order, then the 128-bit sum. */
	for (i = 0; i < KM_ER_NCOUNTERS && want == KM_OK; i++)
	{
		if (!present[i])
			continue;
		if (counters[i] < 0)
			want = KM_EPARAM;
		else
		{
			wide += counters[i];
			if (wide > INT64_MAX)
				want = KM_ERANGE;
		}
	}

	km_clear(&err);
	rc = km_interactions(counters, present, &sum, &err);
	if (rc != want)
		abort();
	check_detail(&err, want);
	if (rc == KM_OK && sum != (int64_t) wide)
		abort();
	if (rc != KM_OK)
		sum = counters[0];		/* still exercise the rate on raw input */

	/* The rate: negative interactions, then negative base, are errors. */
	want = sum < 0 || base < 0 ? KM_EPARAM : KM_OK;
	km_clear(&err);
	rc = km_engagement_rate(sum, base, &rate, &defined, &err);
	if (rc != want)
		abort();
	check_detail(&err, want);
	if (rc == KM_OK)
	{
		if (defined != (base != 0))
			abort();
		if (defined && rate != (double) sum / (double) base)
			abort();
		if (defined && !(rate >= 0))
			abort();
	}
	return 0;
}
