/*
 * fuzz_live.c
 *	  libFuzzer harness for live_summary's readers: the same bytes as the
 *	  200-byte packed form (recv, deserial, stored values) and as text.
 *	  Properties: an accepted value packs back to the same bytes, prints to a
 *	  text that parses to an identical value, merges with itself into a valid
 *	  value (or a reported overflow), and every ratio plan is computed without
 *	  a crash; anything else is refused, never misread.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "live.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An accepted value survives its forms, a self-merge and every ratio plan. */
static void
exercise(const KmLive *s)
{
	uint8_t		buf[KM_LIVE_PACKED_LEN];
	uint8_t		buf2[KM_LIVE_PACKED_LEN];
	char		txt[KM_LIVE_TEXT_MAX];
	KmLive		u;
	KmError		err;
	KmLiveRatioPlan plan;
	int			r;

	km_clear(&err);
	km_live_pack(s, buf);
	if (km_live_unpack(buf, sizeof(buf), &u, &err) != KM_OK)
		abort();
	km_live_pack(&u, buf2);
	if (memcmp(buf, buf2, sizeof(buf)) != 0)
		abort();
	if (km_live_format(s, txt, sizeof(txt)) < 0)
		abort();
	if (km_live_parse(txt, &u, &err) != KM_OK)
		abort();
	km_live_pack(&u, buf2);
	if (memcmp(buf, buf2, sizeof(buf)) != 0)
		abort();
	u = *s;
	if (km_live_combine(&u, s, &err) == KM_OK && km_live_check(&u, KM_EBINARY, &err) != KM_OK)
		abort();
	for (r = 0; r < KM_LR_N; r++)
		km_live_ratio_plan(s, (KmLiveRatio) r, &plan);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	KmLive		s;
	KmError		err;

	if (text == NULL)
		return 0;
	km_clear(&err);
	if (km_live_unpack(data, size, &s, &err) == KM_OK)
		exercise(&s);
	memcpy(text, data, size);
	text[size] = '\0';
	km_clear(&err);
	if (km_live_parse(text, &s, &err) == KM_OK)
		exercise(&s);
	free(text);
	return 0;
}
