/*
 * anomaly.c
 *	  Robust anomaly scores of a series (anomaly.h): modified z-scores of
 *	  the changes per day, Iglewicz and Hoaglin (1993), with the mean
 *	  absolute deviation standing in when more than half the changes are
 *	  equal (MAD = 0).
 */
#include "anomaly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define US_PER_DAY 86400000000.0
/* 1 / Phi^-1(3/4): MAD x this estimates a normal standard deviation */
#define MAD_TO_SD 1.482602218505602
/* sqrt(pi / 2): mean absolute deviation x this estimates it too */
#define MEANAD_TO_SD 1.2533141373155003

/* qsort order of points: time, then value. */
static int
cmp_point(const void *a, const void *b)
{
	const KmSeriesPoint *x = a,
			   *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->y > y->y) - (x->y < y->y);
}

/* qsort order of finite doubles. */
static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

KmCode
km_series_sort(KmSeriesPoint *p, size_t n, int64_t *dup_t, KmError *err)
{
	size_t		i;

	if (n > 1)
		qsort(p, n, sizeof(*p), cmp_point);
	for (i = 1; i < n; i++)
		if (p[i].t == p[i - 1].t)
		{
			*dup_t = p[i].t;
			return km_fail_msg(err, KM_EPARAM, "two points of the series are at one time");
		}
	return KM_OK;
}

/* Median of v[0 .. n-1], n >= 1; sorts v.  The mean of the middle two for even n. */
static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	if (n % 2)
		return v[n / 2];
	/* halves first: the sum of two large doubles may overflow */
	return v[n / 2 - 1] / 2 + v[n / 2] / 2;
}

KmCode
km_anomaly_scores(const KmSeriesPoint *p, size_t n, double *rate, double *score, double *work,
				  KmAnomalyStats *st, KmError *err)
{
	size_t		m = n - 1,
				i;
	double		med,
				mad,
				meanad = 0;

	for (i = 0; i < m; i++)
	{
		/*
		 * t strictly increases: the gap is positive and below 2^64, exact in
		 * unsigned arithmetic (as doubles, times 1 us apart may round equal)
		 */
		double		days = (double) ((uint64_t) p[i + 1].t - (uint64_t) p[i].t) / US_PER_DAY;

		rate[i] = (p[i + 1].y - p[i].y) / days;
		if (!isfinite(rate[i]))
			return km_fail_msg(err, KM_ERANGE, "change per day between two points is out of range");
		work[i] = rate[i];
	}
	med = median(work, m);
	for (i = 0; i < m; i++)
	{
		work[i] = fabs(rate[i] - med);
		if (!isfinite(work[i]))
			return km_fail_msg(err, KM_ERANGE, "deviation of a change from the median is out of range");
		/* a running mean cannot overflow: every term is finite and >= 0 */
		meanad += (work[i] - meanad) / (double) (i + 1);
	}
	mad = median(work, m);
	st->median = med;
	if (mad > 0)
	{
		st->method = KM_SCALE_MAD;
		st->scale = MAD_TO_SD * mad;
	}
	else if (meanad > 0)
	{
		st->method = KM_SCALE_MEANAD;
		st->scale = MEANAD_TO_SD * meanad;
	}
	else
	{
		st->method = KM_SCALE_NONE;
		st->scale = 0;
	}
	if (!isfinite(st->scale))
		return km_fail_msg(err, KM_ERANGE, "spread of the changes is out of range");
	for (i = 0; i < m; i++)
		/* a tiny scale may overflow a score: it stays infinite, the most anomalous */
		score[i] = st->scale > 0 ? (rate[i] - med) / st->scale : 0.0;
	return KM_OK;
}

const char *
km_anomaly_scale_name(KmAnomalyScale m)
{
	switch (m)
	{
		case KM_SCALE_MAD:
			return "mad";
		case KM_SCALE_MEANAD:
			return "meanad";
		case KM_SCALE_NONE:
			break;
	}
	return "none";
}
