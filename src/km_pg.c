/*
 * km_pg.c
 *	  Module magic, the mapping of core error codes to SQLSTATEs, and the
 *	  reading of count arguments bound as bigint, double precision or numeric.
 */
#include "km_pg.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

PG_MODULE_MAGIC;

/* The SQLSTATE a core error code stands for. */
int
km_sqlstate(KmCode code)
{
	switch (code)
	{
		case KM_ESYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case KM_EBINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case KM_ERANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case KM_EPARAM:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case KM_ELIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case KM_ENOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case KM_OK:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

/*
 * A count argument declared bigint, double precision or numeric (one C entry
 * point serves the three overloads drivers bind: Java long, double and
 * BigDecimal; untyped parameters resolve to double precision).  A count is a
 * whole number: a fractional, infinite or NaN value is 22023, a double at or
 * beyond 2^53 (where doubles stop holding every integer) and a numeric beyond
 * bigint are 22003.  The sign is left to the caller's own check.
 */
int64
km_count_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(type))
	{
		Oid		   *types;
		int			nargs;

		get_func_signature(fcinfo->flinfo->fn_oid, &types, &nargs);
		type = argno < nargs ? types[argno] : InvalidOid;
	}
	if (type == FLOAT8OID)
	{
		double		v = PG_GETARG_FLOAT8(argno);

		if (isnan(v) || isinf(v) || v != floor(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a whole number: %s", what,
							float8out_internal(v)),
					 errhint("Counts are whole numbers: round the value, or divide sums rather than averages.")));
		if (fabs(v) >= 9007199254740992.0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s %s is too large for double precision to hold exactly", what,
							float8out_internal(v)),
					 errhint("Bind counts of 2^53 or more as bigint or numeric (cast the parameter: $1::bigint).")));
		return (int64) v;
	}
	if (type == NUMERICOID)
	{
		Datum		num = PG_GETARG_DATUM(argno);
		Numeric		n = DatumGetNumeric(num);
		Datum		whole;
		char	   *digits;
		char	   *end;
		long long	v;

		if (numeric_is_nan(n) || numeric_is_inf(n))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a whole number: %s", what,
							DatumGetCString(DirectFunctionCall1(numeric_out, num)))));
		whole = DirectFunctionCall2(numeric_trunc, num, Int32GetDatum(0));
		if (!DatumGetBool(DirectFunctionCall2(numeric_eq, num, whole)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be a whole number: %s", what,
							DatumGetCString(DirectFunctionCall1(numeric_out, num))),
					 errhint("Counts are whole numbers: round the value, or divide sums rather than averages.")));
		digits = DatumGetCString(DirectFunctionCall1(numeric_out, whole));
		errno = 0;
		v = strtoll(digits, &end, 10);
		if (errno == ERANGE || *end != '\0')
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s %s is out of range for type bigint", what, digits)));
		return (int64) v;
	}
	return PG_GETARG_INT64(argno);
}

/*
 * The memory context of the aggregate calling fcinfo; 0A000 naming fname
 * when a support function is called outside an aggregate.
 */
MemoryContext
km_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggctx;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
	return aggctx;
}

/*
 * Equality and hash of types whose stored bytes are canonical (equal values
 * have equal bytes: kol_profile, engagement_summary): the payloads of
 * arguments 0 and 1, compared and hashed as they are, without unpacking.
 */
bool
km_canonical_equal(FunctionCallInfo fcinfo)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

/* Hash of argument 0's canonical payload, consistent with km_canonical_equal. */
Datum
km_canonical_hash(FunctionCallInfo fcinfo)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));

	return hash_any((const unsigned char *) VARDATA_ANY(v), (int) VARSIZE_ANY_EXHDR(v));
}
