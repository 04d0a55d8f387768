/*
 * test_anomaly.c
 *	  Unit tests of src/core/anomaly.c.  Expected values by hand (the series
 *	  of sql/anomaly.sql, worked there).
 */
#include "km_test.h"

#include "anomaly.h"

#define DAY 86400000000LL

/* The daily series with a jump and a purge, sorted from a shuffled order. */
static void
test_scores(void)
{
	static const double v[] = {100, 103, 105, 108, 110, 113, 160, 118, 121, 123, 126};
	static const int order[] = {7, 2, 10, 0, 5, 3, 9, 1, 8, 6, 4};
	KmSeriesPoint p[11];
	double		rate[10],
				score[10],
				work[10];
	KmAnomalyStats st;
	KmError		err;
	int64_t		dup = 0;

	for (int i = 0; i < 11; i++)
	{
		p[i].t = order[i] * DAY;
		p[i].y = v[order[i]];
	}
	km_clear(&err);
	is_int(km_series_sort(p, 11, &dup, &err), KM_OK, "sorted");
	ok(p[0].y == 100 && p[6].y == 160 && p[10].y == 126, "in time order");
	is_int(km_anomaly_scores(p, 11, rate, score, work, &st, &err), KM_OK, "scored");
	is_near(st.median, 3, 0, "median change 3");
	is_near(st.scale, 0.5 / 0.6744897501960817, 1e-15, "scale = MAD / Phi^-1(3/4)");
	is_str(km_anomaly_scale_name(st.method), "mad", "by MAD");
	is_near(score[5], 44 / st.scale, 1e-15, "the jump scores 59.36");
	is_near(score[6], -45 / st.scale, 1e-15, "the purge scores -60.70");
	is_near(score[0], 0, 0, "an ordinary change scores 0");
	is_near(rate[5], 47, 0, "rate of the jump");

	/* two points at one time */
	p[3].t = p[4].t;
	is_int(km_series_sort(p, 11, &dup, &err), KM_EPARAM, "duplicate time refused");
	ok(dup == p[3].t, "the duplicate time is reported");
}

/* MAD 0 falls back to the mean absolute deviation; all equal changes score 0. */
static void
test_fallback(void)
{
	static const double v[] = {0, 10, 20, 40, 50, 200};
	static const int64_t d[] = {0, 1, 2, 4, 5, 6};
	KmSeriesPoint p[6];
	double		rate[5],
				score[5],
				work[5];
	KmAnomalyStats st;
	KmError		err;

	km_clear(&err);
	for (int i = 0; i < 6; i++)
	{
		p[i].t = d[i] * DAY;
		p[i].y = v[i];
	}
	is_int(km_anomaly_scores(p, 6, rate, score, work, &st, &err), KM_OK, "scored");
	is_near(rate[2], 10, 0, "a two-day gap halves the change");
	is_str(km_anomaly_scale_name(st.method), "meanad", "MAD 0: mean absolute deviation");
	is_near(st.scale, 1.2533141373155003 * 28, 1e-15, "scale 1.2533 x 140 / 5");
	is_near(score[4], 140 / (1.2533141373155003 * 28), 1e-15, "score 3.989");
	for (int i = 0; i < 6; i++)
	{
		p[i].t = i * DAY;
		p[i].y = 7.0 * (double) i;
	}
	is_int(km_anomaly_scores(p, 6, rate, score, work, &st, &err), KM_OK, "a straight line");
	is_str(km_anomaly_scale_name(st.method), "none", "no spread");
	ok(score[0] == 0 && score[4] == 0 && st.scale == 0, "scores 0");
	/* the extremes of timestamptz: the gap does not overflow */
	for (int i = 0; i < 5; i++)
		p[i].t = -211813488000000000LL + i;
	p[5].t = 9223371331200000000LL - 1;
	is_int(km_anomaly_scores(p, 6, rate, score, work, &st, &err), KM_OK, "a gap of 9.4e18 us, beyond int64");
	is_near(rate[4], 7.0 / (9435184819199999995.0 / DAY), 1e-15, "the gap is positive and exact");
	p[1].y = 1e308;
	p[2].y = -1e308;
	is_int(km_anomaly_scores(p, 6, rate, score, work, &st, &err), KM_ERANGE, "an overflowing change");
}

int
main(void)
{
	test_scores();
	test_fallback();
	return done_testing();
}
