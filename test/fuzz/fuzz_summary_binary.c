/*
 * Fuzz harness: the engagement_summary binary receive and the stored-form
 * validator (km_summary_recv, km_summary_validate).  Whatever is accepted
 * must send back to exactly the input bytes, print as text and reparse, and
 * pack into the stored form and back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary_fuzz.h"

/* Everything an accepted value must survive. */
static void
exercise(const KmSummaryDisk *d, size_t len)
{
	size_t		bound = km_summary_text_bound(d);
	char	   *txt = malloc(bound);
	KmSummaryDisk *d2 = NULL;
	size_t		len2 = 0;
	KmError		err;
	double		r;
	bool		def;
	KmSummary	s;

	km_clear(&err);
	km_summary_format(d, txt, bound);
	if (km_summary_parse(txt, &A, &d2, &len2, &err) != KM_OK)
		abort();
	if (len2 != len || memcmp((const char *) d + 4, (char *) d2 + 4, len - 4) != 0)
		abort();
	free(d2);
	free(txt);
	check_packed(d, len);
	km_summary_percentile(d, 0.9, &r, &def, &err);
	km_summary_init(&s);
	km_summary_merge_disk(&s, d, &A, &err);
	km_summary_free(&s, &A);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmSummaryDisk *d = NULL;
	size_t		len = 0;
	KmError		err;

	km_clear(&err);
	/* network-order binary form */
	if (km_summary_recv(data, size, &A, &d, &len, &err) == KM_OK)
	{
		uint8_t    *out = malloc(km_summary_send_size(d));

		if (km_summary_send_size(d) != size)
			abort();
		km_summary_send(d, out);
		if (memcmp(out, data, size) != 0)
			abort();
		free(out);
		exercise(d, len);
		free(d);
	}
	/* the same bytes taken as a stored form (8-aligned copy, as after detoasting) */
	if (size >= sizeof(KmSummaryDisk))
	{
		KmSummaryDisk *raw = aligned_alloc(8, (size + 7) & ~(size_t) 7);

		memcpy(raw, data, size);
		if (km_summary_validate(raw, size, &err) == KM_OK)
			exercise(raw, size);
		free(raw);
	}
	return 0;
}
