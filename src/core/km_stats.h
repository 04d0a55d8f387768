/*
 * km_stats.h
 *	  Distribution functions the interval estimates need (doc/trend.md):
 *	  Student's t distribution through the regularized incomplete beta
 *	  function, and the standard normal quantile.  Plain C, no postgres.h.
 */
#ifndef KM_STATS_H
#define KM_STATS_H

/*
 * Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1, by its
 * continued fraction (relative error ~1e-15).
 */
extern double km_incbeta(double a, double b, double x);

/* P(T <= t) for Student's t with df > 0 degrees of freedom. */
extern double km_t_cdf(double t, double df);

/*
 * The p-quantile of Student's t with df > 0 degrees of freedom, 0 < p < 1:
 * closed forms for df 1 and 2, else Newton steps on km_t_cdf inside a
 * bracket (agrees with a reference implementation to ~1e-13 relative).
 */
extern double km_t_quantile(double p, double df);

/*
 * The p-quantile of the standard normal distribution, 0 < p < 1 (NaN
 * otherwise), to ~1e-15 relative: the prediction intervals of holt_forecast.
 */
extern double km_norm_quantile(double p);

#endif							/* KM_STATS_H */
