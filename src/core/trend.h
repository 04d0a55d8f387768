/*
 * trend.h
 *	  trend_summary: the least-squares line of y on time, as centred sums
 *	  that merge exactly in any order up to rounding (Welford's update for one
 *	  point, Chan, Golub and LeVeque's pairwise merge), and the statistics
 *	  read from it: slope, intercept, r squared, residual standard error,
 *	  confidence interval of the slope, fitted values and prediction
 *	  intervals (doc/trend.md).  Plain C, no postgres.h.
 *
 * x is time in days since 1970-01-01 00:00 UTC (the glue converts
 * timestamptz), so the slope is per day.
 */
#ifndef KM_TREND_H
#define KM_TREND_H

#include "km_core.h"

/*
 * The state and the value.  Invariants (km_trend_validate): n >= 0; all
 * fields finite; n = 0: every field 0; xmin <= mx <= xmax; sxx, syy >= 0;
 * n = 1: sxx = syy = sxy = 0 and xmin = mx = xmax; sxx at most
 * n (xmax - mx)(mx - xmin) (Bhatia-Davis); |sxy| <= sqrt(sxx) sqrt(syy)
 * (Cauchy-Schwarz); x within timestamptz's range; no negative zero.
 * Aggregate states may stray by rounding; km_trend_settle restores them.
 */
typedef struct KmTrend
{
	int64_t		n;				/* points */
	double		mx;				/* mean of x (days) */
	double		my;				/* mean of y */
	double		sxx;			/* sum of (x - mx)^2 */
	double		syy;			/* sum of (y - my)^2 */
	double		sxy;			/* sum of (x - mx)(y - my) */
	double		xmin;			/* earliest x */
	double		xmax;			/* latest x */
} KmTrend;

/* timestamptz's range in days since 1970-01-01: 4714-11-24 BC to 294276 AD. */
#define KM_TREND_MIN_X (-2440588.0)
#define KM_TREND_MAX_X 106751992.0

/* Stored and binary form: version 1, flags 0, two zero bytes, n, 7 doubles (LE). */
#define KM_TREND_VERSION 1
#define KM_TREND_PACKED_LEN (4 + 8 + 7 * 8)

/* Text form: (v:1,n:N,mean_x:F,mean_y:F,sxx:F,syy:F,sxy:F,min_x:F,max_x:F) */
#define KM_TREND_TEXT_VERSION 1
#define KM_TREND_TEXT_LEN 320

extern void km_trend_init(KmTrend *t);
/* Add the point (x, y); 22023 for a y that is not finite or an x out of range. */
extern KmCode km_trend_add(KmTrend *t, double x, double y, KmError *err);
/* d += s (either may be empty); 22003 when the point count overflows. */
extern KmCode km_trend_merge(KmTrend *d, const KmTrend *s, KmError *err);

/*
 * Make a state a value, once, before it is packed (not per point: two square
 * roots): 22003 when a sum overflowed; else restore the invariants that
 * rounding may break by a few ulps (a mean just outside [xmin, xmax], sxx
 * just above its bound, |sxy| just above sqrt(sxx syy)) and turn negative
 * zeros positive, so that every value an aggregate makes passes
 * km_trend_validate and has one stored form.  A no-op on a valid value.
 */
extern KmCode km_trend_settle(KmTrend *t, KmError *err);
/* Check every invariant; KM_EBINARY with the reason as detail. */
extern KmCode km_trend_validate(const KmTrend *t, KmError *err);

extern void km_trend_pack(const KmTrend *t, uint8_t *buf);
/* Read KM_TREND_PACKED_LEN bytes and validate them (recv, deserial, stored values). */
extern KmCode km_trend_unpack(const uint8_t *buf, size_t len, KmTrend *t, KmError *err);
extern void km_trend_format(const KmTrend *t, char *out, size_t size);
extern KmCode km_trend_parse(const char *str, KmTrend *t, KmError *err);

/*
 * Statistics; each returns false where it is undefined (too few points, no
 * spread in x or y: the SQL functions return NULL there).
 */
extern bool km_trend_slope(const KmTrend *t, double *r);
extern bool km_trend_intercept(const KmTrend *t, double *r);
extern bool km_trend_r2(const KmTrend *t, double *r);
extern bool km_trend_resid_se(const KmTrend *t, double *r);
extern bool km_trend_slope_se(const KmTrend *t, double *r);
extern bool km_trend_fitted(const KmTrend *t, double x, double *r);

/*
 * Two-sided intervals at a confidence level in (0, 1) from Student's t with
 * n - 2 degrees of freedom: of the slope, and of a new observation at x
 * (prediction interval).  KM_EPARAM for a bad level; *defined false where
 * the statistic is undefined.
 */
extern KmCode km_trend_slope_ci(const KmTrend *t, double level, double *lo, double *hi,
								bool *defined, KmError *err);
extern KmCode km_trend_predict(const KmTrend *t, double x, double level, double *lo,
							   double *hi, bool *defined, KmError *err);

/*
 * Lift of a period over the baseline line of an earlier one (an interrupted
 * time series judged against the counterfactual of the baseline's trend):
 * baseline = the before-line's mean over the during points' times,
 * lift = mean(during y) - baseline, its interval from Student's t with
 * n_before - 2 degrees of freedom and
 *   se = s sqrt(1/n_during + 1/n_before + (mean x_during - mean x_before)^2 / sxx_before),
 * p the two-sided p-value of lift = 0 (doc/formulas.md, campaign lift).
 */
typedef struct KmLift
{
	double		baseline;		/* mean of the before-line over the during times */
	double		actual;			/* mean of during y */
	double		lift;			/* actual - baseline */
	double		total;			/* lift x n_during */
	double		relative;		/* lift / baseline; has_relative false when baseline is 0 */
	double		lo;				/* interval of lift */
	double		hi;
	double		p;				/* two-sided p-value */
	bool		has_lift;		/* before has a line (>= 2 points, spread in time), during >= 1 point */
	bool		has_relative;
	bool		has_interval;	/* before has >= 3 points */
} KmLift;

/* KM_EPARAM for a level outside (0, 1), KM_ERANGE when a result overflows. */
extern KmCode km_trend_lift(const KmTrend *before, const KmTrend *during, double level,
							KmLift *out, KmError *err);

#endif							/* KM_TREND_H */
