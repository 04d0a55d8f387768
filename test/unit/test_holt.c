/*
 * test_holt.c
 *	  Unit tests of the damped-trend core (src/core/holt.c) and the normal
 *	  quantile (src/core/km_stats.c): a series worked by hand in exact
 *	  fractions (the same as sql/holt.sql), the undamped limit, an exact
 *	  weekly pattern, the fit's bounds and optimality, parameter checks and
 *	  overflow.
 */
#include "km_test.h"

#include <math.h>

#include "holt.h"
#include "km_stats.h"

static const double y5[5] = {10, 12, 13, 15, 16};

/* The 5-point series of sql/holt.sql: alpha 0.5, beta 0.5, phi 0.9. */
static void
test_hand(void)
{
	KmHoltParams p = {0.5, 0.5, 0.9, 0, 0};
	KmHoltOut	out;
	KmError		err;
	double		fc[3],
				lo[3],
				hi[3];

	km_clear(&err);
	is_int(km_holt_forecast(y5, 5, &p, 3, 0.95, fc, lo, hi, &out, &err), KM_OK, "forecast ok");
	is_near(out.sse, 732235055162961.0 / 163840000000000.0, 1e-15, "SSE exact fraction");
	is_near(out.sigma, 0.9454319753805527, 1e-15, "sigma = sqrt(SSE / 5)");
	is_near(fc[0], 16.838815044921876, 1e-15, "forecast 1");
	is_near(fc[1], 17.790336393945314, 1e-15, "forecast 2");
	is_near(fc[2], 18.646705608066405, 1e-15, "forecast 3");
	is_near(lo[0], 14.985802423343435, 1e-15, "lower 1");
	is_near(hi[1], 20.079107044938237, 1e-15, "upper 2 (variance factor 1.525625)");
	is_near(lo[2], 15.784487074434486, 1e-15, "lower 3 (variance factor 2.38588125)");
	is_near(km_holt_sse(y5, 5, &p), out.sse, 0, "km_holt_sse agrees");
}

/* alpha = beta = phi = 1: forecast 16 + h, SSE 11, variance factors 1, 5, 14. */
static void
test_undamped(void)
{
	KmHoltParams p = {1, 1, 1, 0, 0};
	KmHoltOut	out;
	KmError		err;
	double		fc[3],
				lo[3],
				hi[3],
				z = km_norm_quantile(0.9);
	int			h;

	km_clear(&err);
	is_int(km_holt_forecast(y5, 5, &p, 3, 0.8, fc, lo, hi, &out, &err), KM_OK, "undamped ok");
	is_near(out.sse, 11, 1e-15, "undamped SSE 11");
	for (h = 0; h < 3; h++)
	{
		double		v = (h == 0) ? 1 : (h == 1) ? 5 : 14;

		is_near(fc[h], 17 + h, 1e-15, "undamped forecast 16 + h");
		is_near(hi[h] - fc[h], z * sqrt(11.0 / 5 * v), 1e-13, "undamped half-width");
	}
}

/* An exact weekly pattern: every error 0, the pattern continues. */
static void
test_season(void)
{
	double		y[21],
				fc[9],
				lo[9],
				hi[9];
	KmHoltParams p = {0.3, 0.2, 0.95, 0.1, 7};
	KmHoltOut	out;
	KmError		err;
	int			i;

	for (i = 0; i < 21; i++)
		y[i] = 10 * (i % 7 + 1);
	km_clear(&err);
	is_int(km_holt_forecast(y, 21, &p, 9, 0.9, fc, lo, hi, &out, &err), KM_OK, "seasonal ok");
	is_near(out.sse, 0, 0, "seasonal SSE 0");
	for (i = 0; i < 9; i++)
		is_near(fc[i], 10 * (i % 7 + 1), 1e-14, "seasonal forecast continues the pattern");
	is_near(hi[8] - lo[8], 0, 0, "zero-width interval");
	is_int(km_holt_min_points(7), 14, "two weeks needed");
	is_int(km_holt_forecast(y, 13, &p, 1, 0.9, fc, lo, hi, &out, &err), KM_EPARAM,
		   "13 points refused for a weekly season");
	ok(isinf(km_holt_sse(y, 13, &p)), "SSE of too few points is +Inf");
}

/* The fit: inside its bounds, no worse than any grid point or a dense scan of phi. */
static void
test_fit(void)
{
	double		y[60];
	KmHoltParams p = {0, 0, 0, 0, 0},
				q;
	KmError		err;
	double		best = INFINITY;
	int			i,
				a,
				b,
				f;

	for (i = 0; i < 60; i++)
		y[i] = 100 + 3 * i - 0.02 * i * i + 5 * sin(i * 1.7) + 3 * cos(i * 0.3);
	km_clear(&err);
	is_int(km_holt_fit(y, 60, &p, &err), KM_OK, "fit ok");
	ok(p.alpha >= KM_HOLT_FIT_LO && p.alpha <= KM_HOLT_FIT_HI, "alpha in bounds");
	ok(p.beta >= KM_HOLT_FIT_LO && p.beta <= KM_HOLT_FIT_HI, "beta in bounds");
	ok(p.phi >= KM_HOLT_PHI_LO && p.phi <= KM_HOLT_PHI_HI, "phi in bounds");
	q.season = 0;
	q.gamma = 0;
	for (a = 1; a <= 19; a++)
		for (b = 1; b <= 19; b++)
			for (f = 0; f <= 9; f++)
			{
				double		s;

				q.alpha = a / 20.0;
				q.beta = b / 20.0;
				q.phi = 0.8 + 0.02 * f;
				s = km_holt_sse(y, 60, &q);
				if (s < best)
					best = s;
			}
	ok(km_holt_sse(y, 60, &p) <= best, "fitted SSE <= every point of a 19x19x10 scan");
	p.season = 5;
	is_int(km_holt_fit(y, 60, &p, &err), KM_OK, "seasonal fit ok");
	ok(p.gamma >= KM_HOLT_FIT_LO && p.gamma <= fmax(KM_HOLT_FIT_LO, KM_HOLT_FIT_HI - p.alpha) + 1e-15,
	   "gamma within [1e-4, 1 - 1e-4 - alpha]");
	p.season = 0;
	is_int(km_holt_fit(y, 1, &p, &err), KM_EPARAM, "fit of 1 point refused");
}

/* Parameter checks name the value; overflow is KM_ERANGE. */
static void
test_errors(void)
{
	KmHoltParams p = {0.5, 0.5, 1.5, 0, 0};
	KmError		err;
	double		big[4] = {1e308, -1e308, 1e308, -1e308},
				fc[1],
				lo[1],
				hi[1];
	KmHoltOut	out;

	km_clear(&err);
	is_int(km_holt_check(&p, true, 3, 0.9, &err), KM_EPARAM, "phi 1.5 refused");
	is_str(err.message, "damping factor 1.5 is outside (0, 1]", "message names phi");
	p.phi = 1;
	km_clear(&err);
	is_int(km_holt_check(&p, true, 3, 0.9, &err), KM_OK, "phi 1 accepted");
	p.alpha = nextafter(1, 2);
	km_clear(&err);
	is_int(km_holt_check(&p, true, 3, 0.9, &err), KM_EPARAM, "alpha just above 1 refused");
	is_str(err.message, "smoothing parameter alpha 1.0000000000000002 is outside [0, 1]",
		   "the value printed in full");
	p.alpha = 0.5;
	km_clear(&err);
	is_int(km_holt_check(&p, false, 3, 1, &err), KM_EPARAM, "level 1 refused");
	is_int(km_holt_check_season(1, &err), KM_EPARAM, "period 1 refused");
	is_int(km_holt_check_season(7, &err), KM_OK, "period 7 accepted");
	km_clear(&err);
	is_int(km_holt_forecast(big, 4, &p, 1, 0.9, fc, lo, hi, &out, &err), KM_ERANGE,
		   "overflowing series: KM_ERANGE");
	km_clear(&err);
	is_int(km_holt_fit(big, 4, &p, &err), KM_ERANGE, "fit of an overflowing series: KM_ERANGE");
}

/* The normal quantile against known values (scipy's norm.ppf). */
static void
test_norm(void)
{
	is_near(km_norm_quantile(0.975), 1.959963984540054, 1e-15, "z(0.975)");
	is_near(km_norm_quantile(0.9), 1.2815515655446004, 1e-15, "z(0.9)");
	is_near(km_norm_quantile(0.5), 0, 0, "z(0.5) = 0");
	is_near(km_norm_quantile(0.025), -1.959963984540054, 1e-15, "z(0.025) by symmetry");
	is_near(km_norm_quantile(1e-10) / -6.361340902404056, 1, 1e-14, "z(1e-10), lower tail");
	ok(isnan(km_norm_quantile(0)) && isnan(km_norm_quantile(1)), "0 and 1 give NaN");
}

int
main(void)
{
	test_hand();
	test_undamped();
	test_season();
	test_fit();
	test_errors();
	test_norm();
	return done_testing();
}
