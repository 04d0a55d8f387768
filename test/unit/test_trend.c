/*
 * test_trend.c
 *	  Unit tests of src/core/trend.c and km_stats.c.  Expected values by hand
 *	  (the five-point example of sql/trend.sql) and, for the t quantiles, from
 *	  published tables (Abramowitz and Stegun table 26.10) and closed forms.
 */
#include "km_test.h"

#include "km_stats.h"
#include "trend.h"

/* |got - want| <= tol * |want| (or tol when want is 0). */
static int
near(double got, double want, double tol)
{
	return fabs(got - want) <= tol * (want == 0 ? 1 : fabs(want));
}

/* The t quantiles against table values and closed forms. */
static void
test_t(void)
{
	/* df 1: tan(pi (p - 1/2)); df 2: (2p - 1) / sqrt(2 p (1 - p)) */
	ok(near(km_t_quantile(0.975, 1), 12.706204736174703, 1e-14), "t(0.975, 1) = tan(0.475 pi)");
	ok(near(km_t_quantile(0.9, 2), 0.8 / sqrt(0.18), 1e-14), "t(0.9, 2) closed form");
	/* A&S table 26.10 (upper points), 5 significant decimals */
	ok(near(km_t_quantile(0.975, 3), 3.18245, 2e-6), "t(0.975, 3) = 3.18245");
	ok(near(km_t_quantile(0.975, 10), 2.22814, 2e-6), "t(0.975, 10) = 2.22814");
	ok(near(km_t_quantile(0.995, 30), 2.75000, 2e-6), "t(0.995, 30) = 2.750");
	ok(near(km_t_quantile(0.95, 120), 1.65765, 2e-6), "t(0.95, 120) = 1.65765");
	ok(near(km_t_quantile(0.025, 3), -3.18245, 2e-6), "lower quantile by symmetry");
	ok(km_t_quantile(0.5, 7) == 0, "median 0");
	ok(isnan(km_t_quantile(1, 5)) && isnan(km_t_quantile(0.5, 0)), "p = 1 or df = 0: NaN");
	/* the quantile inverts the CDF to ~1e-15 */
	{
		static const double ps[] = {1e-9, 0.01, 0.2, 0.7, 0.975, 0.999999};
		static const double dfs[] = {1, 3, 4.5, 28, 1000};
		int			bad = 0;

		for (int i = 0; i < 6; i++)
			for (int j = 0; j < 5; j++)
			{
				double		q = km_t_quantile(ps[i], dfs[j]),
							c = km_t_cdf(q, dfs[j]);

				if (!(fabs(c - ps[i]) <= 1e-13 * fmin(ps[i], 1 - ps[i])))
					bad++;
			}
		is_int(bad, 0, "km_t_cdf(km_t_quantile(p)) = p over 30 (p, df) pairs");
	}
	ok(near(km_incbeta(2, 3, 0.4), 0.5248, 1e-13), "I_0.4(2, 3) = 0.5248 (by expansion)");
}

/* The five-point example: x 0..4, y 1 3 2 5 4. */
static void
test_fit(void)
{
	static const double y[5] = {1, 3, 2, 5, 4};
	KmTrend		t,
				a,
				b;
	KmError		err;
	double		r,
				lo,
				hi;
	bool		def;

	km_clear(&err);
	km_trend_init(&t);
	km_trend_init(&a);
	km_trend_init(&b);
	for (int i = 0; i < 5; i++)
	{
		km_trend_add(&t, i, y[i], &err);
		km_trend_add(i < 2 ? &a : &b, i, y[i], &err);
	}
	is_int(err.code, KM_OK, "five points added");
	ok(t.mx == 2 && t.my == 3 && t.sxx == 10 && t.syy == 10 && t.sxy == 8, "sums 2, 3, 10, 10, 8");
	ok(km_trend_slope(&t, &r) && r == 0.8, "slope 0.8");
	ok(km_trend_intercept(&t, &r) && near(r, 1.4, 1e-15), "intercept 3 - 0.8 * 2 = 1.4");
	ok(km_trend_r2(&t, &r) && near(r, 0.64, 1e-15), "r^2 0.64");
	ok(km_trend_resid_se(&t, &r) && near(r, sqrt(1.2), 1e-15), "s = sqrt(3.6 / 3)");
	ok(km_trend_slope_se(&t, &r) && near(r, sqrt(0.12), 1e-15), "se(slope) = sqrt(1.2 / 10)");
	is_int(km_trend_slope_ci(&t, 0.95, &lo, &hi, &def, &err), KM_OK, "slope CI");
	ok(def && near(lo, 0.8 - 3.182446305284263 * sqrt(0.12), 1e-12) &&
	   near(hi, 0.8 + 3.182446305284263 * sqrt(0.12), 1e-12), "slope CI 0.8 -/+ t(0.975, 3) se");
	is_int(km_trend_predict(&t, 6, 0.9, &lo, &hi, &def, &err), KM_OK, "prediction interval");
	ok(def && near(0.5 * (lo + hi), 6.2, 1e-14) &&
	   near(0.5 * (hi - lo), 2.353363434801823 * sqrt(1.2) * sqrt(2.8), 1e-12), "PI at x = 6: 6.2 -/+ t s sqrt(1 + 1/5 + 16/10)");
	is_int(km_trend_merge(&a, &b, &err), KM_OK, "merge of the halves");
	ok(a.n == 5 && near(a.mx, 2, 1e-15) && near(a.sxx, 10, 1e-14) && near(a.sxy, 8, 1e-14) &&
	   near(a.syy, 10, 1e-14), "merge equals one pass");
	is_int(km_trend_slope_ci(&t, 1, &lo, &hi, &def, &err), KM_EPARAM, "level 1 refused");
	km_clear(&err);
	is_int(km_trend_add(&t, 0, NAN, &err), KM_EPARAM, "NaN value refused");
	km_clear(&err);
	is_int(km_trend_add(&t, 1e12, 1, &err), KM_EPARAM, "time beyond timestamptz refused");
	km_clear(&err);
	km_trend_init(&t);
	km_trend_add(&t, 1, 1e300, &err);
	km_trend_add(&t, 2, -1e300, &err);
	is_int(km_trend_settle(&t, &err), KM_ERANGE, "sum of squares overflow is 22003 when settled");
}

/* The packed and text forms read back equal; hostile bytes are refused. */
static void
test_forms(void)
{
	KmTrend		t,
				u;
	KmError		err;
	uint8_t		buf[KM_TREND_PACKED_LEN];
	char		txt[KM_TREND_TEXT_LEN];
	int			i,
				refused = 0,
				noncanonical = 0;

	km_clear(&err);
	km_trend_init(&t);
	for (i = 0; i < 100; i++)
		km_trend_add(&t, 20000 + i * 0.37, sin(i) * 1e3 + i, &err);
	is_int(km_trend_settle(&t, &err), KM_OK, "a state settles into a value");
	is_int(km_trend_validate(&t, &err), KM_OK, "the settled value is valid");
	km_trend_pack(&t, buf);
	is_int(km_trend_unpack(buf, sizeof(buf), &u, &err), KM_OK, "packed form reads back");
	ok(memcmp(&t, &u, sizeof(t)) == 0, "packed round trip exact");
	km_trend_format(&t, txt, sizeof(txt));
	is_int(km_trend_parse(txt, &u, &err), KM_OK, "text form reads back");
	ok(memcmp(&t, &u, sizeof(t)) == 0, "text round trip exact");
	/* every single-byte change of the packed form either reads as a valid value or is refused */
	for (i = 0; i < KM_TREND_PACKED_LEN; i++)
	{
		uint8_t		bad[KM_TREND_PACKED_LEN];

		memcpy(bad, buf, sizeof(bad));
		bad[i] ^= 0xff;
		km_clear(&err);
		if (km_trend_unpack(bad, sizeof(bad), &u, &err) != KM_OK)
			refused++;
		else
		{
			uint8_t		again[KM_TREND_PACKED_LEN];

			km_trend_pack(&u, again);
			noncanonical += memcmp(again, bad, sizeof(bad)) != 0;
		}
	}
	printf("# %d of %d byte flips refused\n", refused, KM_TREND_PACKED_LEN);
	ok(refused >= 10, "byte flips of the version, flags, count and exponents refused");
	is_int(noncanonical, 0, "every accepted flip packs back to its own bytes");
	km_clear(&err);
	is_int(km_trend_unpack(buf, 67, &u, &err), KM_EBINARY, "67 bytes refused");
	ok(strstr(err.detail, "68 bytes") != NULL, "the detail names the length");
}

/* campaign lift: the example of sql/lift.sql, worked by hand there. */
static void
test_lift(void)
{
	static const double yb[] = {10, 12, 13, 15, 16},
				yd[] = {20, 21, 23};
	KmTrend		b,
				d,
				one;
	KmLift		l;
	KmError		err;

	km_trend_init(&b);
	km_trend_init(&d);
	km_trend_init(&one);
	km_clear(&err);
	for (int i = 0; i < 5; i++)
		km_trend_add(&b, 20000 + i, yb[i], &err);
	for (int i = 0; i < 3; i++)
		km_trend_add(&d, 20005 + i, yd[i], &err);
	is_int(km_trend_lift(&b, &d, 0.95, &l, &err), KM_OK, "lift computed");
	ok(l.has_lift && l.has_interval && l.has_relative, "every part defined");
	is_near(l.baseline, 19.2, 1e-12, "baseline 13.2 + 1.5 x 4");
	is_near(l.lift, 64.0 / 3 - 19.2, 1e-12, "lift 2.1333");
	is_near(l.total, 6.4, 1e-12, "total 3 x lift");
	is_near(l.relative, 1.0 / 9, 1e-12, "relative 2.1333 / 19.2");
	is_near(l.lo, 0.6634243485034237, 1e-12, "lower 2.1333 - 3.18245 x 0.46188");
	is_near(l.hi, 3.6032423181632636, 1e-12, "upper");
	is_near(l.p, 0.01910085125047423, 1e-9, "p-value 2 P(T3 > 4.6188)");
	is_int(km_trend_lift(&b, &d, 1.0, &l, &err), KM_EPARAM, "level 1 refused");
	km_trend_add(&one, 20000, 1, &err);
	is_int(km_trend_lift(&one, &d, 0.9, &l, &err), KM_OK, "one point before");
	ok(!l.has_lift && !l.has_interval, "no line: nothing defined");
	km_trend_init(&one);
	is_int(km_trend_lift(&b, &one, 0.9, &l, &err), KM_OK, "no point during");
	ok(!l.has_lift, "no actual: nothing defined");
}

int
main(void)
{
	test_t();
	test_fit();
	test_forms();
	test_lift();
	return done_testing();
}
