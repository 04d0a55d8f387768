/*
 * authenticity.h
 *	  Shared by the SQL faces of the authenticity types (authenticity.c,
 *	  authenticity_score.c).
 */
#ifndef KM_AUTHENTICITY_PG_H
#define KM_AUTHENTICITY_PG_H

#include "km_pg.h"
#include "lib/stringinfo.h"

#include "auth.h"

extern void km_auth_summary_arg(FunctionCallInfo fcinfo, int n, KmAuth *a);
extern void km_auth_cohort_arg(FunctionCallInfo fcinfo, int n, KmCohort *c);
extern void km_auth_comments_arg(FunctionCallInfo fcinfo, int n, KmComments *c);
extern Datum km_jsonb_from_text(StringInfo s);

#endif							/* KM_AUTHENTICITY_PG_H */
