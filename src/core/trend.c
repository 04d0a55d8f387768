/*
 * trend.c
 *	  trend_summary (trend.h): ordinary least squares of y on x from centred
 *	  sums (doc/trend.md).
 *
 *	  One point (Welford 1962): n += 1, dx = x - mx, mx += dx / n,
 *	  dy = y - my, my += dy / n, sxx += dx (x - mx), syy += dy (y - my),
 *	  sxy += dx (y - my).
 *	  Two summaries (Chan, Golub and LeVeque 1979): n = na + nb,
 *	  dx = mxb - mxa, mx = mxa + dx nb / n, sxx = sxxa + sxxb + dx^2 na nb / n,
 *	  and likewise for y and the co-moment sxy (dx dy na nb / n).
 *	  Slope b = sxy / sxx, fitted value my + b (x - mx), r^2 = sxy^2 /
 *	  (sxx syy), residual sum of squares SSR = syy - b sxy, s^2 = SSR / (n - 2),
 *	  se(b) = s / sqrt(sxx); slope interval b -/+ t se(b), prediction interval
 *	  at x0: yhat -/+ t s sqrt(1 + 1/n + (x0 - mx)^2 / sxx), t the (1 + level)
 *	  / 2 quantile of Student's t with n - 2 degrees of freedom.
 */
#include "trend.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "km_bytes.h"
#include "km_stats.h"
#include "km_text.h"

void
km_trend_init(KmTrend *t)
{
	memset(t, 0, sizeof(*t));
}

/* The Bhatia-Davis bound of sxx: n values in [xmin, xmax] with mean mx. */
static double
sxx_bound(const KmTrend *t)
{
	return (double) t->n * (t->xmax - t->mx) * (t->mx - t->xmin);
}

/* The Cauchy-Schwarz bound of |sxy|. */
static double
sxy_bound(const KmTrend *t)
{
	return sqrt(t->sxx) * sqrt(t->syy);
}

KmCode
km_trend_settle(KmTrend *t, KmError *err)
{
	double		lim;

	if (!isfinite(t->mx) || !isfinite(t->my) || !isfinite(t->sxx) ||
		!isfinite(t->syy) || !isfinite(t->sxy))
		return km_fail_msg(err, KM_ERANGE,
						   "trend sums are out of range for type double precision");
	t->mx = fmin(fmax(t->mx, t->xmin), t->xmax);
	t->sxx = fmin(fmax(t->sxx, 0), sxx_bound(t));
	t->syy = fmax(t->syy, 0);
	lim = sxy_bound(t);
	t->sxy = fmin(fmax(t->sxy, -lim), lim);
	/* x + 0.0 is +0.0 for x = -0.0 and x itself otherwise */
	t->mx += 0.0;
	t->my += 0.0;
	t->sxx += 0.0;
	t->syy += 0.0;
	t->sxy += 0.0;
	t->xmin += 0.0;
	t->xmax += 0.0;
	return KM_OK;
}

KmCode
km_trend_add(KmTrend *t, double x, double y, KmError *err)
{
	double		dx,
				dy;

	if (!isfinite(y))
		return km_fail_msg(err, KM_EPARAM, "trend value %g is not a finite number", y);
	if (!(x >= KM_TREND_MIN_X && x <= KM_TREND_MAX_X))
		return km_fail_msg(err, KM_EPARAM, "trend time is outside the range of timestamp with time zone");
	if (t->n == INT64_MAX)
		return km_fail_msg(err, KM_ERANGE, "trend point count is out of range for type bigint");
	if (t->n == 0)
	{
		km_trend_init(t);
		t->n = 1;
		t->mx = t->xmin = t->xmax = x;
		t->my = y;
		return KM_OK;
	}
	t->n++;
	t->xmin = fmin(t->xmin, x);
	t->xmax = fmax(t->xmax, x);
	dx = x - t->mx;
	t->mx += dx / (double) t->n;
	dy = y - t->my;
	t->my += dy / (double) t->n;
	t->sxx += dx * (x - t->mx);
	t->syy += dy * (y - t->my);
	t->sxy += dx * (y - t->my);
	return KM_OK;
}

KmCode
km_trend_merge(KmTrend *d, const KmTrend *s, KmError *err)
{
	int64_t		n;
	double		na,
				nb,
				nn,
				dx,
				dy,
				w;

	if (s->n == 0)
		return KM_OK;
	if (d->n == 0)
	{
		*d = *s;
		return KM_OK;
	}
	if (km_add_i64_overflow(d->n, s->n, &n))
		return km_fail_msg(err, KM_ERANGE, "trend point count is out of range for type bigint");
	na = (double) d->n;
	nb = (double) s->n;
	nn = (double) n;
	dx = s->mx - d->mx;
	dy = s->my - d->my;
	w = na * nb / nn;
	d->mx += dx * (nb / nn);
	d->my += dy * (nb / nn);
	d->sxx += s->sxx + dx * dx * w;
	d->syy += s->syy + dy * dy * w;
	d->sxy += s->sxy + dx * dy * w;
	d->xmin = fmin(d->xmin, s->xmin);
	d->xmax = fmax(d->xmax, s->xmax);
	d->n = n;
	return KM_OK;
}

KmCode
km_trend_validate(const KmTrend *t, KmError *err)
{
	const double f[7] = {t->mx, t->my, t->sxx, t->syy, t->sxy, t->xmin, t->xmax};
	int			i;

	if (t->n < 0)
		return km_fail(err, KM_EBINARY, "The point count %" PRId64 " is negative.", t->n);
	for (i = 0; i < 7; i++)
	{
		if (!isfinite(f[i]))
			return km_fail(err, KM_EBINARY, "Every mean and sum must be a finite number.");
		if (f[i] == 0 && signbit(f[i]))
			return km_fail(err, KM_EBINARY, "Negative zero is not a stored value (write 0).");
	}
	if (t->n == 0)
	{
		for (i = 0; i < 7; i++)
			if (f[i] != 0)
				return km_fail(err, KM_EBINARY, "With no points, every mean and sum must be 0.");
		return KM_OK;
	}
	if (!(t->xmin >= KM_TREND_MIN_X && t->xmax <= KM_TREND_MAX_X))
		return km_fail(err, KM_EBINARY,
					   "min_x %.17g and max_x %.17g must lie within timestamp with time zone's range, days %.0f to %.0f.",
					   t->xmin, t->xmax, KM_TREND_MIN_X, KM_TREND_MAX_X);
	if (!(t->xmin <= t->mx && t->mx <= t->xmax))
		return km_fail(err, KM_EBINARY, "mean_x %.17g is not between min_x %.17g and max_x %.17g.",
					   t->mx, t->xmin, t->xmax);
	if (t->sxx < 0 || t->syy < 0)
		return km_fail(err, KM_EBINARY, "sxx and syy are sums of squares and must not be negative.");
	if (t->n == 1 && (t->sxx != 0 || t->syy != 0 || t->sxy != 0 || t->xmin != t->xmax))
		return km_fail(err, KM_EBINARY, "One point has no spread: sxx, syy and sxy must be 0 and min_x = max_x.");
	if (t->sxx > sxx_bound(t))
		return km_fail(err, KM_EBINARY,
					   "sxx %.17g exceeds %.17g, the most that %" PRId64 " points between min_x and max_x with this mean allow.",
					   t->sxx, sxx_bound(t), t->n);
	if (fabs(t->sxy) > sxy_bound(t))
		return km_fail(err, KM_EBINARY, "|sxy| %.17g exceeds sqrt(sxx) sqrt(syy) = %.17g.",
					   fabs(t->sxy), sxy_bound(t));
	return KM_OK;
}

/* ------------------------------------------------------------------- forms */

void
km_trend_pack(const KmTrend *t, uint8_t *buf)
{
	const double f[7] = {t->mx, t->my, t->sxx, t->syy, t->sxy, t->xmin, t->xmax};
	int			i;

	buf[0] = KM_TREND_VERSION;
	buf[1] = buf[2] = buf[3] = 0;
	km_wr64(buf + 4, (uint64_t) t->n);
	for (i = 0; i < 7; i++)
		km_wrf64(buf + 12 + 8 * i, f[i]);
}

KmCode
km_trend_unpack(const uint8_t *buf, size_t len, KmTrend *t, KmError *err)
{
	double	   *f[7] = {&t->mx, &t->my, &t->sxx, &t->syy, &t->sxy, &t->xmin, &t->xmax};
	int			i;

	if (len != KM_TREND_PACKED_LEN)
		return km_fail(err, KM_EBINARY, "A trend_summary is %d bytes, not %zu.",
					   KM_TREND_PACKED_LEN, len);
	if (buf[0] != KM_TREND_VERSION)
		return km_fail(err, KM_EBINARY, "Version %u is not supported (this build reads version %d).",
					   (unsigned) buf[0], KM_TREND_VERSION);
	if (buf[1] != 0 || buf[2] != 0 || buf[3] != 0)
		return km_fail(err, KM_EBINARY, "The flags and reserved bytes must be 0.");
	t->n = (int64_t) km_rd64(buf + 4);
	for (i = 0; i < 7; i++)
		*f[i] = km_rdf64(buf + 12 + 8 * i);
	return km_trend_validate(t, err);
}

void
km_trend_format(const KmTrend *t, char *out, size_t size)
{
	snprintf(out, size,
			 "(v:%d,n:%" PRId64 ",mean_x:%.17g,mean_y:%.17g,sxx:%.17g,syy:%.17g,sxy:%.17g,min_x:%.17g,max_x:%.17g)",
			 KM_TREND_TEXT_VERSION, t->n, t->mx, t->my, t->sxx, t->syy, t->sxy, t->xmin, t->xmax);
}

KmCode
km_trend_parse(const char *str, KmTrend *t, KmError *err)
{
	static const char *const keys[7] = {"mean_x", "mean_y", "sxx", "syy", "sxy", "min_x", "max_x"};
	double	   *f[7] = {&t->mx, &t->my, &t->sxx, &t->syy, &t->sxy, &t->xmin, &t->xmax};
	KmCursor	c = {str, str, err};
	int64_t		v;
	int			i;

	km_trend_init(t);
	if (km_cur_char(&c, '(') != KM_OK || km_cur_key(&c, "v") != KM_OK ||
		km_cur_int(&c, "v", &v) != KM_OK)
		return err->code;
	if (v != KM_TREND_TEXT_VERSION)
		return km_fail(err, KM_ESYNTAX, "Text version %" PRId64 " is not supported (this build reads version %d).",
					   v, KM_TREND_TEXT_VERSION);
	if (km_cur_char(&c, ',') != KM_OK || km_cur_key(&c, "n") != KM_OK ||
		km_cur_int(&c, "n", &t->n) != KM_OK)
		return err->code;
	for (i = 0; i < 7; i++)
		if (km_cur_char(&c, ',') != KM_OK || km_cur_key(&c, keys[i]) != KM_OK ||
			km_cur_float(&c, keys[i], f[i]) != KM_OK)
			return err->code;
	if (km_cur_char(&c, ')') != KM_OK)
		return err->code;
	km_cur_skip_ws(&c);
	if (*c.p != '\0')
		return km_cur_syntax(&c, "the end of the input");
	/* -0 reads as 0: one value, one stored form */
	for (i = 0; i < 7; i++)
		*f[i] += 0.0;
	if (km_trend_validate(t, err) != KM_OK)
	{
		err->code = KM_ESYNTAX;
		return KM_ESYNTAX;
	}
	return KM_OK;
}

/* ------------------------------------------------------------- statistics */

bool
km_trend_slope(const KmTrend *t, double *r)
{
	if (t->n < 2 || t->sxx <= 0)
		return false;
	*r = t->sxy / t->sxx;
	return true;
}

bool
km_trend_fitted(const KmTrend *t, double x, double *r)
{
	double		b;

	if (!km_trend_slope(t, &b))
		return false;
	*r = t->my + b * (x - t->mx);
	return true;
}

bool
km_trend_intercept(const KmTrend *t, double *r)
{
	return km_trend_fitted(t, 0, r);
}

bool
km_trend_r2(const KmTrend *t, double *r)
{
	if (t->n < 2 || t->sxx <= 0 || t->syy <= 0)
		return false;
	*r = fmin(t->sxy / t->sxx * (t->sxy / t->syy), 1.0);
	return true;
}

/* The residual sum of squares, syy - b sxy, not below 0; false without a slope. */
static bool
ssr(const KmTrend *t, double *r)
{
	double		b;

	if (!km_trend_slope(t, &b))
		return false;
	*r = fmax(t->syy - b * t->sxy, 0);
	return true;
}

bool
km_trend_resid_se(const KmTrend *t, double *r)
{
	double		s;

	if (t->n < 3 || !ssr(t, &s))
		return false;
	*r = sqrt(s / (double) (t->n - 2));
	return true;
}

bool
km_trend_slope_se(const KmTrend *t, double *r)
{
	double		s;

	if (!km_trend_resid_se(t, &s))
		return false;
	*r = s / sqrt(t->sxx);
	return true;
}

/* t quantile for a two-sided interval at level with df = n - 2; KM_EPARAM on a bad level. */
static KmCode
t_multiplier(const KmTrend *t, double level, double *q, KmError *err)
{
	if (!(level > 0 && level < 1))
		return km_fail_msg(err, KM_EPARAM, "confidence level %g is not between 0 and 1 (exclusive)", level);
	*q = -km_t_quantile(0.5 * (1.0 - level), (double) (t->n - 2));
	return KM_OK;
}

KmCode
km_trend_slope_ci(const KmTrend *t, double level, double *lo, double *hi, bool *defined,
				  KmError *err)
{
	double		b,
				se,
				q = 0;

	if (t_multiplier(t, level, &q, err) != KM_OK)
		return err->code;
	*defined = km_trend_slope(t, &b) && km_trend_slope_se(t, &se);
	if (*defined)
	{
		*lo = b - q * se;
		*hi = b + q * se;
	}
	return KM_OK;
}

KmCode
km_trend_predict(const KmTrend *t, double x, double level, double *lo, double *hi,
				 bool *defined, KmError *err)
{
	double		yhat,
				s,
				q = 0,
				half;

	if (t_multiplier(t, level, &q, err) != KM_OK)
		return err->code;
	*defined = km_trend_fitted(t, x, &yhat) && km_trend_resid_se(t, &s);
	if (*defined)
	{
		half = q * s * sqrt(1.0 + 1.0 / (double) t->n + (x - t->mx) * (x - t->mx) / t->sxx);
		*lo = yhat - half;
		*hi = yhat + half;
	}
	return KM_OK;
}

KmCode
km_trend_lift(const KmTrend *before, const KmTrend *during, double level, KmLift *out,
			  KmError *err)
{
	double		q = 0,
				s,
				dx,
				se;

	memset(out, 0, sizeof(*out));
	if (t_multiplier(before, level, &q, err) != KM_OK)
		return err->code;
	if (during->n < 1 || !km_trend_fitted(before, during->mx, &out->baseline))
		return KM_OK;
	out->has_lift = true;
	out->actual = during->my;
	out->lift = during->my - out->baseline;
	out->total = out->lift * (double) during->n;
	if (!isfinite(out->baseline) || !isfinite(out->lift) || !isfinite(out->total))
		return km_fail_msg(err, KM_ERANGE, "campaign lift is out of range");
	out->has_relative = out->baseline != 0;
	if (out->has_relative)
		out->relative = out->lift / out->baseline;
	if (!isfinite(out->relative))
		return km_fail_msg(err, KM_ERANGE, "relative campaign lift is out of range");
	if (!km_trend_resid_se(before, &s))
		return KM_OK;
	dx = during->mx - before->mx;
	se = s * sqrt(1.0 / (double) during->n + 1.0 / (double) before->n + dx * dx / before->sxx);
	out->lo = out->lift - q * se;
	out->hi = out->lift + q * se;
	if (!isfinite(se) || !isfinite(out->lo) || !isfinite(out->hi))
		return km_fail_msg(err, KM_ERANGE, "campaign lift is out of range");
	out->has_interval = true;
	/* se = 0 (a perfect baseline line): p is 0 for any lift, 1 for none */
	if (se > 0)
		out->p = 2.0 * km_t_cdf(-fabs(out->lift) / se, (double) (before->n - 2));
	else
		out->p = out->lift == 0 ? 1.0 : 0.0;
	return KM_OK;
}
