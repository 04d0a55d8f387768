/*
 * engagement.c
 *	  SQL face of the engagement-rate functions.
 */
#include "km_pg.h"

#include "fmgr.h"

#include "engagement.h"

PG_FUNCTION_INFO_V1(km_engagement_rate_simple);
PG_FUNCTION_INFO_V1(km_engagement_rate_counters);

/* Turn a core result into float8 or SQL NULL, raising core errors. */
static Datum
er_result(FunctionCallInfo fcinfo, KmCode rc, KmError *err, double rate, bool defined)
{
	if (rc != KM_OK)
		km_raise(err, "invalid engagement_rate argument");
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate);
}

/* engagement_rate(interactions bigint, base bigint): interactions / base. */
Datum
km_engagement_rate_simple(PG_FUNCTION_ARGS)
{
	KmError		err;
	double		rate = 0;
	bool		defined = false;
	KmCode		rc;

	km_clear(&err);
	rc = km_engagement_rate(km_count_arg(fcinfo, 0, "interactions"),
							km_count_arg(fcinfo, 1, "base"),
							&rate, &defined, &err);
	return er_result(fcinfo, rc, &err, rate, defined);
}

/*
 * engagement_rate(likes, comments, shares, saves, base, extra):
 * (likes + comments + shares + saves + extra) / base.  A NULL counter is
 * absent and adds nothing; all counters NULL, base NULL or base 0 give NULL.
 */
Datum
km_engagement_rate_counters(PG_FUNCTION_ARGS)
{
	/* argument positions of likes, comments, shares, saves, extra */
	static const int argpos[KM_ER_NCOUNTERS] = {0, 1, 2, 3, 5};
	static const char *const argname[KM_ER_NCOUNTERS] = {
		"likes", "comments", "shares", "saves", "extra"
	};
	int64_t		counters[KM_ER_NCOUNTERS];
	bool		present[KM_ER_NCOUNTERS];
	bool		any = false;
	int64_t		interactions = 0;
	double		rate = 0;
	bool		defined = false;
	KmError		err;
	KmCode		rc;
	int			i;

	km_clear(&err);
	for (i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		present[i] = !PG_ARGISNULL(argpos[i]);
		counters[i] = present[i] ? km_count_arg(fcinfo, argpos[i], argname[i]) : 0;
		any |= present[i];
	}
	rc = km_interactions(counters, present, &interactions, &err);
	if (rc == KM_OK && !PG_ARGISNULL(4))
		rc = km_engagement_rate(interactions, km_count_arg(fcinfo, 4, "base"),
								&rate, &defined, &err);
	if (rc != KM_OK)
		return er_result(fcinfo, rc, &err, 0, false);
	if (!any || PG_ARGISNULL(4))
		PG_RETURN_NULL();
	return er_result(fcinfo, rc, &err, rate, defined);
}
