/*
 * libFuzzer harness: kol_profile JSON input (src/core/profile_json.c).
 * Whatever the bytes, parsing must not crash or leak; an accepted profile must
 * pass the binary check, print canonical JSON that parses back to the same
 * bytes, and score in [0, 1] (exactly 1 against itself when defined).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmError		err;
	uint8_t    *p = NULL,
			   *q = NULL;
	size_t		n = 0,
				m = 0;
	char	   *txt = NULL;
	double		s;
	bool		def;

	km_clear(&err);
	if (km_profile_from_json((const char *) data, size, &p, &n, &err) != KM_OK)
	{
		if (p != NULL || err.detail[0] == '\0')
			abort();			/* failures leave nothing behind and say why */
		return 0;
	}
	if (km_profile_check(p, n, &err) != KM_OK)
	{
		fprintf(stderr, "parsed profile fails check: %s\n", err.detail);
		abort();
	}
	if (km_profile_to_json(p, n, &txt, &err) != KM_OK)
		abort();
	if (km_profile_from_json(txt, strlen(txt), &q, &m, &err) != KM_OK ||
		m != n || memcmp(p, q, n) != 0)
	{
		fprintf(stderr, "canonical text does not round-trip: %s (%s)\n", txt, err.detail);
		abort();
	}
	km_profile_relevance(p, p, km_rel_default_weights, &s, &def);
	if (def && s != 1.0)
	{
		fprintf(stderr, "self relevance %.17g of %s\n", s, txt);
		abort();
	}
	free(txt);
	free(q);
	free(p);
	return 0;
}
