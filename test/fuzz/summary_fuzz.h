/*
 * summary_fuzz.h
 *	  What the engagement_summary fuzz harnesses share: a malloc allocator for
 *	  the core, and the round trips every accepted value must pass.
 */
#ifndef KM_SUMMARY_FUZZ_H
#define KM_SUMMARY_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "km_malloc.h"


/*
 * Everything an accepted value (packed bytes that passed km_summary_check)
 * must survive: the strict reader accepts it again, it prints as text that
 * parses back to the same bytes, merged into an empty state it packs back to
 * exactly these bytes (canonical: one value, one byte string), and the
 * accessors and a rollup with itself run.
 */
static inline void
exercise_accepted(const uint8_t *buf, size_t len)
{
	KmSummaryHead h;
	KmPackReader r;
	KmSummary	s;
	KmError		err;
	uint8_t    *again = NULL,
			   *out;
	size_t		alen = 0,
				bound;
	char	   *txt;
	double		x;
	bool		def;

	km_clear(&err);
	if (km_summary_check(buf, len, &KM_MALLOC, &err) != KM_OK ||
		!km_summary_unpack_head(buf, len, &h, &r))
		abort();
	bound = km_summary_text_bound(r.nb);
	txt = malloc(bound);
	if (!km_summary_format(buf, len, txt, bound) || strlen(txt) + 1 >= bound)
		abort();
	if (km_summary_parse(txt, &KM_MALLOC, &again, &alen, &err) != KM_OK ||
		alen != len || memcmp(again, buf, len) != 0)
		abort();
	free(again);
	free(txt);
	km_summary_init(&s);
	if (km_summary_merge(&s, buf, len, &KM_MALLOC, &err) != KM_OK ||
		km_sk_nonempty(&s.sk) != (r.sketch1 ? 1 : r.nb))
		abort();
	out = malloc(km_summary_pack_bound(km_sk_nonempty(&s.sk)));
	if (km_summary_pack_state(&s, out) != len || memcmp(out, buf, len) != 0 ||
		km_summary_pack_state(&s, NULL) != len || len > km_summary_pack_bound(r.nb))
		abort();
	free(out);
	if (km_summary_percentile(buf, len, 0.9, &x, &def, &err) != KM_OK)
		abort();
	km_summary_pooled(&h, KM_BASIS_VIEWS, &x);
	km_summary_stddev(&h, KM_BASIS_FOLLOWERS, &x);
	km_summary_merge(&s, buf, len, &KM_MALLOC, &err);
	km_summary_free(&s, &KM_MALLOC);
}

#endif							/* KM_SUMMARY_FUZZ_H */
