/*
 * engagement.h
 *	  Engagement-rate arithmetic (doc/engagement.md; formulas in doc/formulas.md).
 */
#ifndef KM_ENGAGEMENT_H
#define KM_ENGAGEMENT_H

#include "km_core.h"

/*
 * Sum the interaction counters of one post: likes + comments + shares + saves
 * + extra.  present[i] false means the counter is absent (SQL NULL) and adds
 * nothing.  Fails with KM_EPARAM on a negative counter (naming it) and
 * KM_ERANGE when the sum overflows int64.
 */
#define KM_ER_NCOUNTERS 5
extern const char *const km_er_counter_names[KM_ER_NCOUNTERS];

extern KmCode km_interactions(const int64_t counters[KM_ER_NCOUNTERS],
							  const bool present[KM_ER_NCOUNTERS],
							  int64_t *sum, KmError *err);

/*
 * ER = interactions / base, a fraction.  *defined is false (SQL NULL) when
 * base is 0.  Negative interactions or base: KM_EPARAM.
 */
extern KmCode km_engagement_rate(int64_t interactions, int64_t base,
								 double *rate, bool *defined, KmError *err);

#endif							/* KM_ENGAGEMENT_H */
