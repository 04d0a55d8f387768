/*
 * Fuzz harness: the engagement_summary text parser and validator
 * (km_summary_parse).  Whatever parses must print back to text that parses
 * to the same bytes, and every accessor must work on it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary_fuzz.h"

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
