/*
 * km_stats.c
 *	  Student's t distribution for the interval estimates of trend_summary
 *	  (doc/trend.md).  Definitions: the regularized incomplete beta function
 *	  and its continued fraction (Abramowitz and Stegun 26.5.8), the t
 *	  distribution's tail as I_{df/(df+t^2)}(df/2, 1/2) / 2 (A&S 26.7.1);
 *	  the quantile's starting point is the Cornish-Fisher expansion of
 *	  A&S 26.7.5 around the normal quantile.
 */
#include "km_stats.h"

#include <float.h>
#include <math.h>

/*
 * ln Gamma(a + b) - ln Gamma(a) for a, b > 0.  For a >= 100 from Stirling's
 * series (A&S 6.1.41) written as differences, so that the two large
 * logarithms never cancel (lgamma(a + b) - lgamma(a) loses ~1e-9 at a ~ 1e6).
 */
static double
lgamma_ratio(double a, double b)
{
	double		z = a + b;

	if (a < 100)
		return lgamma(z) - lgamma(a);
	return (z - 0.5) * log1p(b / a) + b * log(a) - b +
		(1.0 / z - 1.0 / a) / 12.0 -
		(1.0 / (z * z * z) - 1.0 / (a * a * a)) / 360.0 +
		(1.0 / (z * z * z * z * z) - 1.0 / (a * a * a * a * a)) / 1260.0;
}

/* ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), the larger one as base. */
static double
lbeta(double a, double b)
{
	return a >= b ? lgamma(b) - lgamma_ratio(a, b) : lgamma(a) - lgamma_ratio(b, a);
}

/* One term num of a continued fraction in the modified Lentz method: updates c and d, returns c d. */
static inline double
lentz_step(double num, double *c, double *d)
{
	const double tiny = 1e-300;

	*d = 1.0 + num * *d;
	if (fabs(*d) < tiny)
		*d = tiny;
	*c = 1.0 + num / *c;
	if (fabs(*c) < tiny)
		*c = tiny;
	*d = 1.0 / *d;
	return *c * *d;
}

/*
 * The continued fraction of I_x(a, b) (A&S 26.5.8), evaluated by the modified
 * Lentz method.
 */
static double
incbeta_cf(double a, double b, double x)
{
	double		c = 1.0,
				d = 1.0 - (a + b) * x / (a + 1.0),
				f;
	int			m;

	/* the first term: d = 1 / (1 - (a + b) x / (a + 1)), f = d */
	if (fabs(d) < 1e-300)
		d = 1e-300;
	d = 1.0 / d;
	f = d;
	for (m = 1; m <= 10000; m++)
	{
		double		m2 = 2.0 * m,
					delta;

		/* even step: m (b - m) x / ((a + 2m - 1)(a + 2m)) */
		f *= lentz_step(m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)), &c, &d);
		/* odd step: -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) */
		delta = lentz_step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)), &c, &d);
		f *= delta;
		if (fabs(delta - 1.0) < 1e-16)
			break;
	}
	return f;
}

/* I_x(a, b) with y = 1 - x given exactly (no cancellation near x = 1). */
static double
incbeta_xy(double a, double b, double x, double y)
{
	double		front;

	if (!(x > 0))
		return 0;
	if (!(y > 0))
		return 1;
	front = exp(a * log(x) + b * log(y) - lbeta(a, b));
	/*
	 * The fraction converges fast for x < (a + 1) / (a + b + 2); else use the
	 * symmetry I_x(a, b) = 1 - I_y(b, a), once (rounding may put both x and y
	 * past their thresholds, where a second swap would never end).
	 */
	if (x > (a + 1.0) / (a + b + 2.0))
		return 1.0 - front / b * incbeta_cf(b, a, y);
	return front / a * incbeta_cf(a, b, x);
}

double
km_incbeta(double a, double b, double x)
{
	return incbeta_xy(a, b, x, 1.0 - x);
}

/* P(T > t) for t >= 0: I_{df/(df+t^2)}(df/2, 1/2) / 2. */
static double
t_tail(double t, double df)
{
	double		t2 = t * t;

	if (!isfinite(t2))
		return 0;
	return 0.5 * incbeta_xy(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
}

double
km_t_cdf(double t, double df)
{
	if (isnan(t))
		return t;
	return t >= 0 ? 1.0 - t_tail(t, df) : t_tail(-t, df);
}

/* Density of Student's t at t. */
static double
t_pdf(double t, double df)
{
	return exp(lgamma_ratio(0.5 * df, 0.5) - 0.5 * log(df * M_PI) -
			   0.5 * (df + 1.0) * log1p(t * t / df));
}

/*
 * Standard normal quantile at 0 < p < 1, to ~1e-9 relative: a starting point
 * only (P. J. Acklam's rational approximation, published without
 * restriction).
 */
static double
normal_quantile(double p)
{
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
	2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
	2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
	2.445134137142996e+00, 3.754408661907416e+00};
	double		q,
				r;

	if (p < 0.02425)
	{
		q = sqrt(-2 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - 0.02425)
		return -normal_quantile(1 - p);
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
		(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/* t > 0 with P(T > t) = q, 0 < q < 1/2. */
static double
t_upper(double q, double df)
{
	double		z = normal_quantile(1.0 - q),
				z2 = z * z,
				t,
				lo = 0,
				hi;
	int			i;

	if (df == 1)
		return 1.0 / tan(M_PI * q);	/* tan(pi (1/2 - q)), exact for tiny q */
	if (df == 2)
		return (1.0 - 2.0 * q) / sqrt(2.0 * q * (1.0 - q));
	/* Cornish-Fisher start (A&S 26.7.5) */
	t = z + z * (z2 + 1) / (4 * df) + z * ((5 * z2 + 16) * z2 + 3) / (96 * df * df) +
		z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * df * df * df);
	if (!(t > 0) || !isfinite(t))
		t = z > 0 ? z : 1;
	/* a bracket [lo, hi] with tail(lo) >= q > tail(hi) */
	hi = t;
	while (t_tail(hi, df) >= q && hi < DBL_MAX / 4)
	{
		lo = hi;
		hi *= 2;
	}
	for (i = 0; i < 200; i++)
	{
		double		f = t_tail(t, df) - q,
					step,
					next;

		if (f > 0)
			lo = t > lo ? t : lo;
		else if (f < 0)
			hi = t < hi ? t : hi;
		else
			return t;
		step = f / t_pdf(t, df);	/* tail' = -pdf: Newton moves t by +f / pdf */
		next = t + step;
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 4 * DBL_EPSILON * t)
			return next;
		t = next;
	}
	return t;
}

double
km_t_quantile(double p, double df)
{
	if (!(p > 0 && p < 1) || !(df > 0))
		return NAN;
	if (p == 0.5)
		return 0;
	return p > 0.5 ? t_upper(1.0 - p, df) : -t_upper(p, df);
}

/*
 * The p-quantile of the standard normal distribution, 0 < p < 1: Acklam's
 * approximation refined by one Halley step on Phi(x) - p, with Phi from
 * erfc (Acklam's own refinement; ~1e-15 relative, checked against scipy's
 * ndtri in test/scripts/holt_statsmodels.sh).  For p > 1/2 the lower tail
 * 1 - p is exact (Sterbenz), so the upper quantile loses nothing.
 */
double
km_norm_quantile(double p)
{
	double		x,
				e,
				u;

	if (!(p > 0 && p < 1))
		return NAN;
	if (p > 0.5)
		return -km_norm_quantile(1.0 - p);
	if (p == 0.5)
		return 0;
	x = normal_quantile(p);
	e = 0.5 * erfc(-x / M_SQRT2) - p;
	u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}
