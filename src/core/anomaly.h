/*
 * anomaly.h
 *	  Robust anomaly scores of a series: the change per day between
 *	  consecutive points, judged by the median and the median absolute
 *	  deviation (MAD) of all the changes (Iglewicz and Hoaglin's modified
 *	  z-score), so that one jump does not hide itself by inflating the spread
 *	  (doc/trend.md, doc/formulas.md).  Plain C, no postgres.h.  The follower
 *	  signals of an authenticity score and drops in engagement use the same
 *	  scores.
 */
#ifndef KM_ANOMALY_H
#define KM_ANOMALY_H

#include "km_core.h"

/* One point of a series: t in microseconds (timestamptz's unit), y finite. */
typedef struct KmSeriesPoint
{
	int64_t		t;
	double		y;
} KmSeriesPoint;

/* Fewest points that get scores (four changes). */
#define KM_ANOMALY_MIN_POINTS 5
/* Iglewicz and Hoaglin's cut-off for |modified z| */
#define KM_ANOMALY_THRESHOLD 3.5

/* How the spread of the changes was measured. */
typedef enum KmAnomalyScale
{
	KM_SCALE_MAD,				/* 1.4826 x median absolute deviation */
	KM_SCALE_MEANAD,			/* MAD is 0: 1.2533 x mean absolute deviation */
	KM_SCALE_NONE				/* every change equals the median: all scores 0 */
} KmAnomalyScale;

typedef struct KmAnomalyStats
{
	double		median;			/* median change per day */
	double		scale;			/* robust standard deviation of the changes per day */
	KmAnomalyScale method;
} KmAnomalyStats;

/*
 * Sort points by time (then value) and refuse two points at one time:
 * KM_EPARAM naming the time (in microseconds; the glue prints it).
 */
extern KmCode km_series_sort(KmSeriesPoint *p, size_t n, int64_t *dup_t, KmError *err);

/*
 * Scores of a sorted series of n >= KM_ANOMALY_MIN_POINTS points with
 * distinct times: for i = 1 .. n - 1, rate[i - 1] = (y_i - y_{i-1}) / (days
 * between them) and score[i - 1] = (rate - median) / scale.  work holds
 * n - 1 doubles.  KM_ERANGE when a change per day overflows.
 */
extern KmCode km_anomaly_scores(const KmSeriesPoint *p, size_t n, double *rate, double *score,
								double *work, KmAnomalyStats *st, KmError *err);

extern const char *km_anomaly_scale_name(KmAnomalyScale m);

#endif							/* KM_ANOMALY_H */
