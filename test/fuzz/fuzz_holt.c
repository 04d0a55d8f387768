/*
 * fuzz_holt.c
 *	  libFuzzer harness for the damped-trend core (src/core/holt.c): any bytes
 *	  become a season choice, fixed parameters and a series of up to 256
 *	  doubles (every finite bit pattern, tiny and huge values included).
 *	  Properties: the parameter check, fit and forecast never crash or hang;
 *	  a fit that succeeds stays inside its bounds; a forecast that succeeds
 *	  has finite values with lower <= forecast <= upper, and a failure is
 *	  KM_ERANGE (overflow), never NaN.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "holt.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXN 256
#define H 16

/* Forecast under p and check the results. */
static void
check_forecast(const double *y, int64_t n, const KmHoltParams *p)
{
	double		fc[H],
				lo[H],
				hi[H];
	KmHoltOut	out;
	KmError		err;
	int			i;

	km_clear(&err);
	if (km_holt_forecast(y, n, p, H, 0.9, fc, lo, hi, &out, &err) != KM_OK)
	{
		if (err.code != KM_ERANGE)
			abort();
		return;
	}
	if (!isfinite(out.sse) || !isfinite(out.sigma) || out.sse < 0)
		abort();
	for (i = 0; i < H; i++)
		if (!isfinite(fc[i]) || !(lo[i] <= fc[i]) || !(fc[i] <= hi[i]))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double		y[MAXN];
	KmHoltParams p;
	KmError		err;
	int64_t		n = 0;
	uint8_t		head[5];
	size_t		off;

	if (size < sizeof(head))
		return 0;
	memcpy(head, data, sizeof(head));
	for (off = sizeof(head); off + 8 <= size && n < MAXN; off += 8)
	{
		double		v;

		memcpy(&v, data + off, 8);
		if (isfinite(v))
			y[n++] = v;
	}
	p.season = (head[0] & 1) ? 2 + head[0] % 9 : 0;
	p.alpha = head[1] / 255.0;
	p.beta = head[2] / 255.0;
	p.phi = (head[3] + 1) / 256.0;
	p.gamma = head[4] / 255.0;
	km_clear(&err);
	if (km_holt_check(&p, true, H, 0.9, &err) != KM_OK)
		abort();
	if (n < km_holt_min_points(p.season))
		return 0;
	check_forecast(y, n, &p);
	km_clear(&err);
	if (km_holt_fit(y, n, &p, &err) == KM_OK)
	{
		if (!(p.alpha >= KM_HOLT_FIT_LO && p.alpha <= KM_HOLT_FIT_HI &&
			  p.beta >= KM_HOLT_FIT_LO && p.beta <= KM_HOLT_FIT_HI &&
			  p.phi >= KM_HOLT_PHI_LO && p.phi <= KM_HOLT_PHI_HI))
			abort();
		check_forecast(y, n, &p);
	}
	else if (err.code != KM_ERANGE)
		abort();
	return 0;
}
