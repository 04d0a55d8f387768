/*
 * fuzz_anomaly.c
 *	  libFuzzer harness for the anomaly scores: any bytes as a series of
 *	  (time, value) points, 16 bytes each (times clamped into timestamptz's
 *	  range, values that are not finite dropped, as the SQL glue refuses
 *	  them).  Properties: sorting leaves times strictly increasing or reports
 *	  a duplicate that exists; scoring either refuses an overflow or gives
 *	  finite rates, a finite non-negative scale and scores that are not NaN
 *	  and are 0 wherever the scale is 0.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "anomaly.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MIN_T (-211813488000000000LL)
#define MAX_T (9223371331200000000LL - 1)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		n = 0,
				cap = size / 16,
				i;
	KmSeriesPoint *p;
	double	   *buf;
	KmAnomalyStats st;
	KmError		err;
	int64_t		dup = 0;

	if (cap < KM_ANOMALY_MIN_POINTS)
		return 0;
	p = malloc(cap * sizeof(*p));
	buf = malloc(3 * cap * sizeof(double));
	if (p == NULL || buf == NULL)
		abort();
	for (i = 0; i < cap; i++)
	{
		int64_t		t;
		double		y;

		memcpy(&t, data + 16 * i, 8);
		memcpy(&y, data + 16 * i + 8, 8);
		if (!isfinite(y))
			continue;
		p[n].t = t < MIN_T ? MIN_T : t > MAX_T ? MAX_T : t;
		p[n].y = y;
		n++;
	}
	km_clear(&err);
	if (n >= KM_ANOMALY_MIN_POINTS)
	{
		if (km_series_sort(p, n, &dup, &err) != KM_OK)
		{
			for (i = 1; i < n && p[i].t != dup; i++)
				;
			if (i == n)
				abort();
		}
		else
		{
			double	   *rate = buf,
					   *score = buf + n - 1,
					   *work = buf + 2 * (n - 1);

			for (i = 1; i < n; i++)
				if (p[i].t <= p[i - 1].t)
					abort();
			if (km_anomaly_scores(p, n, rate, score, work, &st, &err) == KM_OK)
			{
				if (!isfinite(st.scale) || st.scale < 0 || !isfinite(st.median))
					abort();
				for (i = 0; i + 1 < n; i++)
					if (!isfinite(rate[i]) || isnan(score[i]) || (st.scale == 0 && score[i] != 0))
						abort();
			}
			else if (err.code != KM_ERANGE)
				abort();
		}
	}
	free(p);
	free(buf);
	return 0;
}
