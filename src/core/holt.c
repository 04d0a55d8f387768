/*
 * holt.c
 *	  Damped-trend exponential smoothing with an optional additive season
 *	  (holt.h, doc/formulas.md#damped-trend-forecasting).  The recursion is
 *	  the error-correction form of ETS(A,Ad,A) (Hyndman, Koehler, Ord and
 *	  Snyder, Forecasting with Exponential Smoothing, 2008, table 2.1; FPP3
 *	  8.5, 8.7), algebraically the component form with beta = alpha beta*:
 *
 *	  e_t = y_t - (l + phi b + s_{t-m})
 *	  l  <- l + phi b + alpha e_t
 *	  b  <- phi b + alpha beta* e_t
 *	  s_t = s_{t-m} + gamma e_t
 *
 *	  Forecast h steps ahead: l + (phi + ... + phi^h) b + s_{n+h-m(k+1)},
 *	  k = (h - 1) div m.  Variance (class 1, Hyndman et al. 2008 ch. 6):
 *	  sigma^2 (1 + sum_{j=1}^{h-1} c_j^2), c_j = alpha + alpha beta*
 *	  (phi + ... + phi^j) + gamma [j mod m = 0], sigma^2 = SSE / n.
 */
#include "holt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "km_stats.h"
#include "profile.h"			/* km_format_double */

/* The states after a pass, and the pass's SSE. */
typedef struct HoltRun
{
	double		l;
	double		b;
	double		sse;
	double		s[KM_HOLT_MAX_SEASON];
} HoltRun;

/* x as SQL prints a float8: the shortest text that reads back (km_format_double), NaN, Infinity. */
static void
fmt_double(double x, char *buf, size_t size)
{
	if (isfinite(x))
		km_format_double(x, buf, size);
	else
		snprintf(buf, size, "%s", isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity"));
}

/* KM_EPARAM "<what> <x> is outside <range>" unless lo <= x <= hi (lo < x with open_lo). */
static bool
check_range(double x, double lo, double hi, bool open_lo, bool open_hi, const char *what,
			KmError *err)
{
	char		v[32];

	if ((open_lo ? x > lo : x >= lo) && (open_hi ? x < hi : x <= hi))
		return true;
	fmt_double(x, v, sizeof(v));
	km_fail_msg(err, KM_EPARAM, "%s %s is outside %s%g, %g%s", what, v, open_lo ? "(" : "[",
				lo, hi, open_hi ? ")" : "]");
	return false;
}

/* A season's period: 2 .. KM_HOLT_MAX_SEASON. */
KmCode
km_holt_check_season(int m, KmError *err)
{
	if (m < 2 || m > KM_HOLT_MAX_SEASON)
		return km_fail_msg(err, KM_EPARAM, "season period %d is outside 2 to %d", m,
						   KM_HOLT_MAX_SEASON);
	return KM_OK;
}

/* Check the period (0: none), the horizon, the level and fixed parameters. */
KmCode
km_holt_check(const KmHoltParams *p, bool fixed, int horizon, double level, KmError *err)
{
	if (p->season != 0 && km_holt_check_season(p->season, err) != KM_OK)
		return err->code;
	if (horizon < 1 || horizon > KM_HOLT_MAX_HORIZON)
		return km_fail_msg(err, KM_EPARAM, "forecast horizon %d is outside 1 to %d", horizon,
						   KM_HOLT_MAX_HORIZON);
	if (!check_range(level, 0, 1, true, true, "prediction interval level", err))
		return err->code;
	if (!fixed)
		return KM_OK;
	if (!check_range(p->alpha, 0, 1, false, false, "smoothing parameter alpha", err) ||
		!check_range(p->beta, 0, 1, false, false, "trend smoothing parameter beta", err) ||
		!check_range(p->phi, 0, 1, true, false, "damping factor", err) ||
		(p->season && !check_range(p->gamma, 0, 1, false, false,
								   "seasonal smoothing parameter gamma", err)))
		return err->code;
	return KM_OK;
}

/* 2 points, or two whole seasons. */
int64_t
km_holt_min_points(int season)
{
	return season ? 2 * (int64_t) season : 2;
}

/* Initial states by statsmodels' "simple" rule (FPP3 7.6 / holt.h). */
static void
holt_init(const double *y, int m, HoltRun *r)
{
	double		s1 = 0,
				s2 = 0;
	int			j;

	if (m == 0)
	{
		r->l = y[0];
		r->b = y[1] - y[0];
		return;
	}
	for (j = 0; j < m; j++)
	{
		s1 += y[j];
		s2 += y[m + j];
	}
	r->l = s1 / m;
	r->b = (s2 / m - s1 / m) / m;
	for (j = 0; j < m; j++)
		r->s[j] = y[j] - r->l;
}

/* One pass over the series: final states and SSE in r (SSE +Inf on overflow). */
static void
holt_run(const double *y, int64_t n, const KmHoltParams *p, HoltRun *r)
{
	int			m = p->season;
	double		ab = p->alpha * p->beta,
				sse = 0;
	int64_t		t;
	int			pos = 0;

	holt_init(y, m, r);
	for (t = 0; t < n; t++)
	{
		double		pb = p->phi * r->b,
					st = m ? r->s[pos] : 0,
					e = y[t] - (r->l + pb + st);

		sse += e * e;
		r->l += pb + p->alpha * e;
		r->b = pb + ab * e;
		if (m)
		{
			r->s[pos] = st + p->gamma * e;
			if (++pos == m)
				pos = 0;
		}
	}
	if (!isfinite(sse) || !isfinite(r->l) || !isfinite(r->b))
		sse = INFINITY;
	r->sse = sse;
}

double
km_holt_sse(const double *y, int64_t n, const KmHoltParams *p)
{
	HoltRun		r;

	if (n < km_holt_min_points(p->season))
		return INFINITY;
	holt_run(y, n, p, &r);
	return r.sse;
}

/* ------------------------------------------------------------ fitting */

#define FIT_MAXDIM 4

typedef struct FitProblem
{
	const double *y;
	int64_t		n;
	int			season;
	int			dim;
	int			evals;
} FitProblem;

/* Parameters at u in the unit box (holt.h bounds; gamma <= 1 - 1e-4 - alpha). */
static void
fit_params(const FitProblem *f, const double *u, KmHoltParams *p)
{
	double		span = KM_HOLT_FIT_HI - KM_HOLT_FIT_LO,
				ghi;

	p->season = f->season;
	p->alpha = KM_HOLT_FIT_LO + span * u[0];
	p->beta = KM_HOLT_FIT_LO + span * u[1];
	p->phi = KM_HOLT_PHI_LO + (KM_HOLT_PHI_HI - KM_HOLT_PHI_LO) * u[2];
	p->gamma = 0;
	if (f->season)
	{
		ghi = KM_HOLT_FIT_HI - p->alpha;
		if (ghi < KM_HOLT_FIT_LO)
			ghi = KM_HOLT_FIT_LO;
		p->gamma = KM_HOLT_FIT_LO + (ghi - KM_HOLT_FIT_LO) * u[3];
	}
}

/* SSE at u, clamped into the box first. */
static double
fit_eval(FitProblem *f, double *u)
{
	KmHoltParams p;
	int			i;

	for (i = 0; i < f->dim; i++)
		u[i] = u[i] < 0 ? 0 : (u[i] > 1 ? 1 : u[i]);
	fit_params(f, u, &p);
	f->evals++;
	return km_holt_sse(f->y, f->n, &p);
}

/*
 * Nelder-Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2) from
 * the simplex around u0 with edge step, points clamped into the unit box;
 * stops after maxeval evaluations or when the simplex is tiny in both
 * coordinates and SSE.  The best point goes back in u0, its SSE is returned.
 */
static double
nelder_mead(FitProblem *f, double *u0, double step, int maxeval)
{
	double		x[FIT_MAXDIM + 1][FIT_MAXDIM],
				fx[FIT_MAXDIM + 1],
				c[FIT_MAXDIM],
				xr[FIT_MAXDIM],
				xe[FIT_MAXDIM],
				fr,
				fe;
	int			d = f->dim,
				i,
				j,
				start = f->evals;

	for (i = 0; i <= d; i++)
	{
		memcpy(x[i], u0, sizeof(double) * d);
		if (i > 0)
			x[i][i - 1] += (u0[i - 1] + step <= 1) ? step : -step;
		fx[i] = fit_eval(f, x[i]);
	}
	while (f->evals - start < maxeval)
	{
		int			lo = 0,
					hi = 0,
					nh = 0;
		double		diam = 0;

		for (i = 1; i <= d; i++)
		{
			if (fx[i] < fx[lo])
				lo = i;
			if (fx[i] > fx[hi] || (fx[i] == fx[hi] && hi == 0))
				hi = i;
		}
		nh = (hi == 0) ? 1 : 0;
		for (i = 0; i <= d; i++)
			if (i != hi && fx[i] > fx[nh])
				nh = i;
		for (i = 0; i <= d; i++)
			for (j = 0; j < d; j++)
				diam = fmax(diam, fabs(x[i][j] - x[lo][j]));
		if (diam < 1e-10 ||
			(isfinite(fx[hi]) && fx[hi] - fx[lo] <= 1e-15 * fabs(fx[lo]) && diam < 1e-6))
			break;
		for (j = 0; j < d; j++)
		{
			c[j] = 0;
			for (i = 0; i <= d; i++)
				if (i != hi)
					c[j] += x[i][j];
			c[j] /= d;
			xr[j] = c[j] + (c[j] - x[hi][j]);
		}
		fr = fit_eval(f, xr);
		if (fr < fx[lo])
		{
			for (j = 0; j < d; j++)
				xe[j] = c[j] + 2 * (c[j] - x[hi][j]);
			fe = fit_eval(f, xe);
			if (fe < fr)
			{
				memcpy(x[hi], xe, sizeof(double) * d);
				fx[hi] = fe;
			}
			else
			{
				memcpy(x[hi], xr, sizeof(double) * d);
				fx[hi] = fr;
			}
			continue;
		}
		if (fr < fx[nh])
		{
			memcpy(x[hi], xr, sizeof(double) * d);
			fx[hi] = fr;
			continue;
		}
		/* contraction, outside or inside */
		for (j = 0; j < d; j++)
			xe[j] = (fr < fx[hi]) ? c[j] + 0.5 * (xr[j] - c[j]) : c[j] + 0.5 * (x[hi][j] - c[j]);
		fe = fit_eval(f, xe);
		if (fe < fmin(fr, fx[hi]))
		{
			memcpy(x[hi], xe, sizeof(double) * d);
			fx[hi] = fe;
			continue;
		}
		/* shrink towards the best */
		for (i = 0; i <= d; i++)
		{
			if (i == lo)
				continue;
			for (j = 0; j < d; j++)
				x[i][j] = x[lo][j] + 0.5 * (x[i][j] - x[lo][j]);
			fx[i] = fit_eval(f, x[i]);
		}
	}
	j = 0;
	for (i = 1; i <= d; i++)
		if (fx[i] < fx[j])
			j = i;
	memcpy(u0, x[j], sizeof(double) * d);
	return fx[j];
}

/*
 * Fit: the SSE on the grid {0.1, 0.5, 0.9}^dim of the unit box (27 or 81
 * points), Nelder-Mead from the best three, then restarts from the best
 * point with smaller simplices while a restart improves the SSE by more
 * than 1e-12 relative.
 */
KmCode
km_holt_fit(const double *y, int64_t n, KmHoltParams *p, KmError *err)
{
	static const double grid[3] = {0.1, 0.5, 0.9};
	FitProblem	f = {y, n, p->season, p->season ? 4 : 3, 0};
	double		best[3][FIT_MAXDIM],
				fbest[3] = {INFINITY, INFINITY, INFINITY},
				u[FIT_MAXDIM],
				ubest[FIT_MAXDIM],
				fu,
				fb = INFINITY,
				step;
	int			npts = f.dim == 4 ? 81 : 27,
				i,
				j,
				k;

	if (n < km_holt_min_points(p->season))
		return km_fail_msg(err, KM_EPARAM, "damped-trend fit needs %lld points, got %lld",
						   (long long) km_holt_min_points(p->season), (long long) n);

	for (i = 0; i < npts; i++)
	{
		for (j = 0, k = i; j < f.dim; j++, k /= 3)
			u[j] = grid[k % 3];
		fu = fit_eval(&f, u);
		/* keep the three lowest, in order; ties keep the earlier point */
		for (j = 0; j < 3; j++)
			if (fu < fbest[j])
			{
				for (k = 2; k > j; k--)
				{
					fbest[k] = fbest[k - 1];
					memcpy(best[k], best[k - 1], sizeof(u));
				}
				fbest[j] = fu;
				memcpy(best[j], u, sizeof(u));
				break;
			}
	}
	if (!isfinite(fbest[0]))
		return km_fail_msg(err, KM_ERANGE,
						   "damped-trend fit overflows: the series' values are too large");
	for (i = 0; i < 3 && isfinite(fbest[i]); i++)
	{
		memcpy(u, best[i], sizeof(u));
		fu = nelder_mead(&f, u, 0.2, 400 * f.dim);
		if (fu < fb)
		{
			fb = fu;
			memcpy(ubest, u, sizeof(u));
		}
	}
	for (step = 0.05, i = 0; i < 6; i++, step /= 4)
	{
		memcpy(u, ubest, sizeof(u));
		fu = nelder_mead(&f, u, step, 200 * f.dim);
		if (fu < fb)
		{
			bool		small = fb - fu <= 1e-12 * fb;

			fb = fu;
			memcpy(ubest, u, sizeof(u));
			if (small)
				break;
		}
		else
			break;
	}
	fit_params(&f, ubest, p);
	return KM_OK;
}

/* ------------------------------------------------------------ forecasts */

KmCode
km_holt_forecast(const double *y, int64_t n, const KmHoltParams *p, int h, double level,
				 double *fc, double *lo, double *hi, KmHoltOut *out, KmError *err)
{
	HoltRun		r;
	int			m = p->season,
				k;
	double		z = km_norm_quantile(0.5 + level / 2),
				sigma,
				phisum = 0,
				phipow = 1,
				c2 = 0;

	if (n < km_holt_min_points(m))
		return km_fail_msg(err, KM_EPARAM, "damped-trend forecast needs %lld points, got %lld",
						   (long long) km_holt_min_points(m), (long long) n);
	holt_run(y, n, p, &r);
	if (!isfinite(r.sse))
		return km_fail_msg(err, KM_ERANGE,
						   "damped-trend smoothing overflows: the series' values are too large for these parameters");
	sigma = sqrt(r.sse / (double) n);
	out->sse = r.sse;
	out->sigma = sigma;
	for (k = 1; k <= h; k++)
	{
		double		cj,
					half;

		phipow *= p->phi;
		phisum += phipow;
		fc[k - 1] = r.l + phisum * r.b + (m ? r.s[(n + k - 1) % m] : 0);
		half = z * sigma * sqrt(1 + c2);
		lo[k - 1] = fc[k - 1] - half;
		hi[k - 1] = fc[k - 1] + half;
		if (!isfinite(lo[k - 1]) || !isfinite(hi[k - 1]))
			return km_fail_msg(err, KM_ERANGE,
							   "damped-trend forecast is out of range for type double precision");
		/* c_k for the next step's variance */
		cj = p->alpha + p->alpha * p->beta * phisum + ((m && k % m == 0) ? p->gamma : 0);
		c2 += cj * cj;
	}
	return KM_OK;
}
