/*
 * fuzz_trend.c
 *	  libFuzzer harness for trend_summary's readers: the same bytes as the
 *	  68-byte packed form (recv, deserial, stored values) and as text.
 *	  Properties: an accepted value packs back to the same bytes, prints to a
 *	  text that parses to an identical value, merges with itself into a state
 *	  that settles into a valid value (or overflows), and every statistic,
 *	  interval and lift of it is computed without a crash; anything else is refused, never misread.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trend.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An accepted value survives its forms, a self-merge and every statistic. */
static void
exercise(const KmTrend *t)
{
	uint8_t		buf[KM_TREND_PACKED_LEN];
	char		txt[KM_TREND_TEXT_LEN];
	KmTrend		u,
				m;
	KmError		err;
	double		r,
				lo,
				hi;
	bool		def;

	km_clear(&err);
	km_trend_pack(t, buf);
	if (km_trend_unpack(buf, sizeof(buf), &u, &err) != KM_OK || memcmp(&u, t, sizeof(u)) != 0)
		abort();
	km_trend_format(t, txt, sizeof(txt));
	if (km_trend_parse(txt, &u, &err) != KM_OK || memcmp(&u, t, sizeof(u)) != 0)
		abort();
	m = *t;
	if (km_trend_merge(&m, t, &err) == KM_OK && km_trend_settle(&m, &err) == KM_OK &&
		km_trend_validate(&m, &err) != KM_OK)
		abort();
	(void) km_trend_slope(t, &r);
	(void) km_trend_intercept(t, &r);
	(void) km_trend_r2(t, &r);
	(void) km_trend_slope_se(t, &r);
	(void) km_trend_slope_ci(t, 0.95, &lo, &hi, &def, &err);
	(void) km_trend_predict(t, t->xmax + 30, 0.8, &lo, &hi, &def, &err);
	{
		KmLift		l;

		/* a lift that is computed is finite */
		if (km_trend_lift(t, t, 0.9, &l, &err) == KM_OK && l.has_interval &&
			!(isfinite(l.lift) && isfinite(l.lo) && isfinite(l.hi) && l.p >= 0 && l.p <= 1))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	KmTrend		t;
	KmError		err;

	if (text == NULL)
		return 0;
	km_clear(&err);
	if (km_trend_unpack(data, size, &t, &err) == KM_OK)
		exercise(&t);
	memcpy(text, data, size);
	text[size] = '\0';
	km_clear(&err);
	if (km_trend_parse(text, &t, &err) == KM_OK)
		exercise(&t);
	free(text);
	return 0;
}
