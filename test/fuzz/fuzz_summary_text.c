/*
 * Fuzz harness: the engagement_summary text parser and validator
 * (km_summary_parse).  Whatever parses must print back to text that parses
 * to the same bytes, and every accessor must work on it.
 */
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
static void
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *str = malloc(size + 1);
	KmSummaryDisk *d = NULL,
			   *d2 = NULL;
	size_t		len = 0,
				len2 = 0;
	KmError		err;

	memcpy(str, data, size);
	str[size] = '\0';
	km_clear(&err);
	if (km_summary_parse(str, &A, &d, &len, &err) == KM_OK)
	{
		size_t		bound = km_summary_text_bound(d);
		char	   *txt = malloc(bound);
		double		r;
		bool		def;
		KmSummary	s;

		km_summary_format(d, txt, bound);
		if (strlen(txt) + 1 >= bound)
			abort();
		if (km_summary_parse(txt, &A, &d2, &len2, &err) != KM_OK)
			abort();
		if (len2 != len || memcmp((char *) d + 4, (char *) d2 + 4, len - 4) != 0)
			abort();
		check_packed(d, len);
		km_summary_percentile(d, 0.5, &r, &def, &err);
		km_summary_pooled(&d->h, KM_BASIS_VIEWS, &r);
		km_summary_stddev(&d->h, KM_BASIS_FOLLOWERS, &r);
		km_summary_init(&s);
		km_summary_merge_disk(&s, d, &A, &err);
		km_summary_merge_disk(&s, d, &A, &err);
		km_summary_free(&s, &A);
		free(d2);
		free(txt);
		free(d);
	}
	free(str);
	return 0;
}
