/*
 * summary_fuzz.h
 *	  What the engagement_summary fuzz harnesses share: a malloc allocator for
 *	  the core, and the packed-form round trip every accepted value must pass.
 */
#ifndef KM_SUMMARY_FUZZ_H
#define KM_SUMMARY_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"

static void *
f_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void
f_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

static const KmAlloc A = {f_alloc, f_free, NULL};

/*
 * Every accepted value packs into the stored form within its bound, and the
 * strict reader takes those bytes back to the same value (canonical).
 */
static inline void
check_packed(const KmSummaryDisk *d, size_t len)
{
	size_t		plen = km_summary_pack_size(d),
				len3 = 0;
	uint8_t    *buf = malloc(km_summary_pack_bound(d->nbuckets));
	KmSummaryDisk *d3 = NULL;
	KmError		err;

	km_clear(&err);
	if (plen > km_summary_pack_bound(d->nbuckets) || km_summary_pack(d, buf) != plen)
		abort();
	if (km_summary_unpack(buf, plen, true, &A, &d3, &len3, &err) != KM_OK ||
		len3 != len || memcmp((const char *) d + 4, (char *) d3 + 4, len - 4) != 0)
		abort();
	free(d3);
	free(buf);
}

#endif							/* KM_SUMMARY_FUZZ_H */
