/*
 * engagement.c
 *	  Engagement-rate arithmetic on plain integers.
 */
#include "engagement.h"

#include <inttypes.h>

const char *const km_er_counter_names[KM_ER_NCOUNTERS] = {
	"likes", "comments", "shares", "saves", "extra"
};

/* Interactions of one post = likes + comments + shares + saves + extra. */
KmCode
km_interactions(const int64_t counters[KM_ER_NCOUNTERS],
				const bool present[KM_ER_NCOUNTERS],
				int64_t *sum, KmError *err)
{
	int64_t		acc = 0;
	int			i;

	for (i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		if (!present[i])
			continue;
		if (counters[i] < 0)
			return km_fail_msg(err, KM_EPARAM,
						   "%s must not be negative: %" PRId64,
						   km_er_counter_names[i], counters[i]);
		if (km_add_i64_overflow(acc, counters[i], &acc))
			return km_fail_msg(err, KM_ERANGE,
						   "sum of likes, comments, shares, saves and extra is out of range for type bigint");
	}
	*sum = acc;
	return KM_OK;
}

/* ER = interactions / base (a fraction); undefined when base = 0. */
KmCode
km_engagement_rate(int64_t interactions, int64_t base,
				   double *rate, bool *defined, KmError *err)
{
	if (interactions < 0)
		return km_fail_msg(err, KM_EPARAM,
					   "interactions must not be negative: %" PRId64,
					   interactions);
	if (base < 0)
		return km_fail_msg(err, KM_EPARAM,
					   "base (followers, views, reach or impressions) must not be negative: %" PRId64,
					   base);
	if (base == 0)
	{
		*defined = false;
		return KM_OK;
	}
	*rate = (double) interactions / (double) base;
	*defined = true;
	return KM_OK;
}
