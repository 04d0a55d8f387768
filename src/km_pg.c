/*
 * km_pg.c
 *	  Module magic, the mapping of core error codes to SQLSTATEs, the
 *	  reading of count arguments bound as bigint, double precision or numeric,
 *	  and the snapshot stamps of the per-backend configuration copies.
 */
#include "km_pg.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/float.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/snapmgr.h"

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

/* ------------------------------------------- snapshots of configuration copies */

#define KM_MAX_STAMPS 8
static KmSnapStamp *tracked[KM_MAX_STAMPS];
static int	ntracked = 0;

/*
 * A subtransaction rolled back: its edits are gone, but a snapshot taken after
 * the rollback may carry the same command id and transaction lists as the one
 * a copy was read with.  Drop every copy.
 */
static void
km_snap_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						 SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		for (int i = 0; i < ntracked; i++)
			tracked[i]->valid = false;
}

/* Transaction end: drop every copy. */
static void
km_snap_xact_callback(XactEvent event, void *arg)
{
	if (event == XACT_EVENT_ABORT || event == XACT_EVENT_COMMIT ||
		event == XACT_EVENT_PARALLEL_ABORT || event == XACT_EVENT_PARALLEL_COMMIT)
		for (int i = 0; i < ntracked; i++)
			tracked[i]->valid = false;
}

/* Invalidate stamp at every transaction end and subtransaction abort (once per stamp). */
void
km_snap_track(KmSnapStamp *stamp)
{
	for (int i = 0; i < ntracked; i++)
		if (tracked[i] == stamp)
			return;
	if (ntracked == KM_MAX_STAMPS)
		elog(ERROR, "kolmetrics: too many configuration caches");
	if (ntracked == 0)
	{
		RegisterSubXactCallback(km_snap_subxact_callback, NULL);
		RegisterXactCallback(km_snap_xact_callback, NULL);
	}
	stamp->valid = false;
	tracked[ntracked++] = stamp;
}

/* Does snap (as the current role) see exactly what the stamped snapshot saw? */
bool
km_snap_matches(const KmSnapStamp *c, Snapshot snap)
{
	return c->valid &&
		c->userid == GetUserId() &&
		c->lxid == KM_MY_LXID() &&
		c->curcid == snap->curcid &&
		c->xmin == snap->xmin &&
		c->xmax == snap->xmax &&
		c->xcnt == snap->xcnt &&
		c->subxcnt == snap->subxcnt &&
		c->suboverflowed == snap->suboverflowed &&
		memcmp(c->xip, snap->xip, sizeof(TransactionId) * snap->xcnt) == 0 &&
		memcmp(c->subxip, snap->subxip, sizeof(TransactionId) * snap->subxcnt) == 0;
}

/* Remember snap and the current role in the stamp (lists copied into cxt); valid. */
void
km_snap_remember(KmSnapStamp *c, MemoryContext cxt, Snapshot snap)
{
	c->userid = GetUserId();
	c->lxid = KM_MY_LXID();
	c->curcid = snap->curcid;
	c->xmin = snap->xmin;
	c->xmax = snap->xmax;
	c->xcnt = snap->xcnt;
	c->subxcnt = snap->subxcnt;
	c->suboverflowed = snap->suboverflowed;
	c->xip = MemoryContextAlloc(cxt, sizeof(TransactionId) * (snap->xcnt + 1));
	memcpy(c->xip, snap->xip, sizeof(TransactionId) * snap->xcnt);
	c->subxip = MemoryContextAlloc(cxt, sizeof(TransactionId) * (snap->subxcnt + 1));
	memcpy(c->subxip, snap->subxip, sizeof(TransactionId) * snap->subxcnt);
	c->valid = true;
}

/* The active snapshot a configuration table is read with. */
Snapshot
km_snap_active(const char *what)
{
	if (!ActiveSnapshotSet())
		elog(ERROR, "kolmetrics: no active snapshot to read %s with", what);
	return GetActiveSnapshot();
}

/* A read-only SPI query with search_path pinned to pg_catalog, pg_temp. */
void
km_spi_select(const char *sql, int nargs, Oid *argtypes, Datum *values, const char *what)
{
	int			nestlevel = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	if (SPI_execute_with_args(sql, nargs, argtypes, values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "kolmetrics: could not read %s", what);
	AtEOXact_GUC(true, nestlevel);
}
