/*
 * fuzz_ingest.c
 *	  libFuzzer harness for the payload mapper: the first byte picks the
 *	  platform and list/single mode, the rest is the payload.  Every path must
 *	  free what it allocates (LeakSanitizer) and leave consistent posts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static KmIngest ing;
static int	ready;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmError		err;
	KmPlatform	p;
	bool		list;
	KmCode		rc;

	if (size < 1)
		return 0;
	if (!ready)
	{
		km_clear(&err);
		if (km_ingest_init(&ing, &err) != KM_OK)
			abort();
		ready = 1;
	}
	p = (KmPlatform) (data[0] % KM_P_COUNT);
	list = (data[0] / KM_P_COUNT) & 1;
	km_clear(&err);
	rc = km_ingest_run(&ing, p, (const char *) data + 1, size - 1, list, &err);
	if (rc != KM_OK && err.detail[0] == '\0')
		abort();
	if (rc == KM_OK)
	{
		if (!list && (ing.nposts != 1 || ing.nbad != 0))
			abort();
		for (int i = 0; i < ing.nposts; i++)
		{
			const KmPost *q = &ing.posts[i];

			if (q->err.code != KM_OK)
			{
				if (q->shape != NULL || q->err.detail[0] == '\0')
					abort();
				continue;
			}
			if (q->shape == NULL)
				abort();
			if (q->post_id && (q->post_id_len == 0 || q->post_id_len > KM_INGEST_MAX_ID ||
							   memchr(q->post_id, '\0', q->post_id_len)))
				abort();
			if (q->author_id && (q->author_id_len == 0 || q->author_id_len > KM_INGEST_MAX_ID ||
								 memchr(q->author_id, '\0', q->author_id_len)))
				abort();
			for (int f = 0; f < KM_F_COUNT; f++)
				if ((q->flags[f] & KM_V_PRESENT) && q->value[f] < 0)
					abort();
		}
	}
	km_ingest_reset(&ing);
	return 0;
}
