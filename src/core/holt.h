/*
 * holt.h
 *	  Damped-trend exponential smoothing (Holt's linear method with a damping
 *	  factor, ETS(A,Ad,N)) with an optional additive season (ETS(A,Ad,A)):
 *	  one-step errors, their sum of squares, parameters fitted by minimising
 *	  it, and forecasts with prediction intervals (doc/trend.md,
 *	  doc/formulas.md).  Plain C, no postgres.h.
 *
 * Parameters, in the component form of Hyndman and Athanasopoulos (FPP3
 * 8.2, 8.3): alpha smooths the level, beta the trend in Holt's form (beta*:
 * the ETS and statsmodels ETSModel "smoothing_trend" is alpha * beta), phi
 * damps the trend, gamma smooths the season (the same gamma as ETS).
 */
#ifndef KM_HOLT_H
#define KM_HOLT_H

#include "km_core.h"

/* Limits of the SQL arguments. */
#define KM_HOLT_MAX_HORIZON 10000
#define KM_HOLT_MAX_SEASON 1000

/* Bounds of fitted parameters (statsmodels ETSModel's defaults, doc/formulas.md). */
#define KM_HOLT_FIT_LO 1e-4
#define KM_HOLT_FIT_HI (1 - 1e-4)
#define KM_HOLT_PHI_LO 0.8
#define KM_HOLT_PHI_HI 0.98

typedef struct KmHoltParams
{
	double		alpha;			/* level, [0, 1] */
	double		beta;			/* trend, Holt's beta*, [0, 1] */
	double		phi;			/* damping, (0, 1] */
	double		gamma;			/* season, [0, 1]; ignored without season */
	int			season;			/* period m >= 2, or 0 for none */
} KmHoltParams;

/* What a forecast gives back besides the arrays. */
typedef struct KmHoltOut
{
	double		sse;			/* sum of squared one-step errors over all n points */
	double		sigma;			/* sqrt(sse / n) */
} KmHoltOut;

/*
 * Check the period (0 for none, else as km_holt_check_season), the horizon
 * (1 .. KM_HOLT_MAX_HORIZON), the interval level (0, 1) and, when fixed, the
 * parameters: KM_EPARAM naming the value ("damping factor 1.5 is outside
 * (0, 1]").
 */
extern KmCode km_holt_check(const KmHoltParams *p, bool fixed, int horizon, double level,
							KmError *err);

/* KM_EPARAM naming the period unless 2 <= m <= KM_HOLT_MAX_SEASON. */
extern KmCode km_holt_check_season(int m, KmError *err);

/* Points a series needs: 2, or two whole seasons (2m). */
extern int64_t km_holt_min_points(int season);

/*
 * Sum of squared one-step errors of y[0..n-1] (n >= km_holt_min_points) under
 * p, from the initial states of statsmodels' "simple" rule: level y1, trend
 * y2 - y1; with a season, level the mean of the first season, trend the mean
 * difference of the second season from the first over m, seasonals the first
 * season minus that level.  +Inf when it overflows.
 */
extern double km_holt_sse(const double *y, int64_t n, const KmHoltParams *p);

/*
 * Fit alpha, beta, phi (and gamma with a season) by minimising the SSE within
 * the bounds above: Nelder-Mead on the unit box from the best points of a
 * grid, restarted until it stops improving.  Deterministic.  p->season is
 * read; the rest written.  KM_ERANGE when every SSE overflows.
 */
extern KmCode km_holt_fit(const double *y, int64_t n, KmHoltParams *p, KmError *err);

/*
 * Forecasts fc[0..h-1] for steps 1..h and the bounds lo, hi of the
 * prediction intervals at level (ETS class 1 variance with sigma^2 = SSE/n,
 * normal quantile).  KM_ERANGE when a number overflows.
 */
extern KmCode km_holt_forecast(const double *y, int64_t n, const KmHoltParams *p, int h,
							   double level, double *fc, double *lo, double *hi,
							   KmHoltOut *out, KmError *err);

#endif							/* KM_HOLT_H */
