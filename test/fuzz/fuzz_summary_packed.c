/*
 * Fuzz harness: the trusting readers of the packed form (summary_pack.c),
 * which read stored values in place without validating them: the merge of
 * rollup, the percentile, the text output and the head accessors must stay
 * memory-safe (no crash, no leak) on any bytes; and whatever the strict
 * reader accepts survives exercise_accepted().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary_fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmSummaryHead h;
	KmPackReader r;
	KmError		err;
	KmSummary	s;
	double		x;
	bool		def;

	km_clear(&err);
	if (km_summary_check(data, size, &KM_MALLOC, &err) == KM_OK)
		exercise_accepted(data, size);
	/* trusting readers: any bytes */
	if (km_summary_unpack_head(data, size, &h, &r))
	{
		size_t		bound = km_summary_text_bound(r.nb);
		char	   *txt = malloc(bound);

		km_summary_format(data, size, txt, bound);
		free(txt);
	}
	km_summary_percentile(data, size, 0.5, &x, &def, &err);
	km_summary_init(&s);
	km_summary_merge(&s, data, size, &KM_MALLOC, &err);
	km_summary_merge(&s, data, size, &KM_MALLOC, &err);
	km_summary_free(&s, &KM_MALLOC);
	return 0;
}
