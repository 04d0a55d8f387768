/*
 * Fuzz harness: the packed stored form of engagement_summary (summary_pack.c).
 * The strict reader must accept only canonical values (whatever it accepts
 * packs back to exactly the input bytes, validates, prints and reparses); the
 * trusting readers (non-strict unpack, merge_packed, used on values this build
 * wrote) must stay memory-safe on any bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary_fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmSummaryDisk *d = NULL;
	size_t		len = 0;
	KmError		err;
	KmSummary	s;

	km_clear(&err);
	if (km_summary_unpack(data, size, true, &A, &d, &len, &err) == KM_OK)
	{
		uint8_t    *again;
		size_t		bound = km_summary_text_bound(d);
		char	   *txt = malloc(bound);
		KmSummaryDisk *d2 = NULL;
		size_t		len2 = 0;
		double		r;
		bool		def;

		if (km_summary_validate(d, len, &err) != KM_OK)
			abort();
		if (km_summary_pack_size(d) != size || size > km_summary_pack_bound(d->nbuckets))
			abort();
		again = malloc(size);
		km_summary_pack(d, again);
		if (memcmp(again, data, size) != 0)
			abort();
		free(again);
		km_summary_format(d, txt, bound);
		if (km_summary_parse(txt, &A, &d2, &len2, &err) != KM_OK ||
			len2 != len || memcmp((char *) d + 4, (char *) d2 + 4, len - 4) != 0)
			abort();
		free(d2);
		free(txt);
		km_summary_percentile(d, 0.5, &r, &def, &err);
		free(d);
	}
	/* trusting readers: any bytes, no crash, no leak */
	if (km_summary_unpack(data, size, false, &A, &d, &len, &err) == KM_OK)
		free(d);
	km_summary_init(&s);
	km_summary_merge_packed(&s, data, size, &A, &err);
	km_summary_merge_packed(&s, data, size, &A, &err);
	km_summary_free(&s, &A);
	return 0;
}
