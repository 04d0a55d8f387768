/*
 * libFuzzer harness: kol_profile binary receive (km_profile_check), the
 * validator of untrusted bytes.  Bytes it accepts must be safe for every
 * reader (output, similarities) and must be canonical: their JSON text
 * parses back to exactly the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed brief to score accepted inputs against. */
static const char brief_json[] =
	"{\"categories\":{\"a\":1,\"skincare\":0.5},\"audience\":{\"g\":{\"f\":0.6,\"m\":0.4},"
	"\"age\":{\"18-24\":1}},\"languages\":[\"en\",\"zh\"],\"countries\":[\"CN\"]}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *brief = NULL;
	static size_t brief_len = 0;
	KmError		err;
	uint8_t    *copy,
			   *q = NULL;
	size_t		m = 0;
	char	   *txt = NULL;
	double		s;
	bool		def;

	km_clear(&err);
	if (brief == NULL &&
		km_profile_from_json(brief_json, strlen(brief_json), &brief, &brief_len, &err) != KM_OK)
		abort();
	/* an exact-size heap copy, so ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	if (km_profile_check(copy, size, &err) != KM_OK)
	{
		if (err.detail[0] == '\0')
			abort();
		free(copy);
		return 0;
	}
	if (km_profile_to_json(copy, size, &txt, &err) != KM_OK)
		abort();
	if (km_profile_from_json(txt, strlen(txt), &q, &m, &err) != KM_OK ||
		m != size || memcmp(q, copy, size) != 0)
	{
		fprintf(stderr, "accepted bytes are not canonical: %s (%s)\n", txt, err.detail);
		abort();
	}
	km_profile_relevance(copy, brief, km_rel_default_weights, &s, &def);
	if (def && !(s >= 0 && s <= 1))
		abort();
	km_profile_audience_similarity(copy, brief, "g", 1, &s, &def);
	if (def && !(s >= 0 && s <= 1))
		abort();
	free(txt);
	free(q);
	free(copy);
	return 0;
}
