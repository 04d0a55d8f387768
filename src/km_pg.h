/*
 * km_pg.h
 *	  The bridge from the plain-C cores to PostgreSQL: error reporting, memory.
 */
#ifndef KM_PG_H
#define KM_PG_H

#include "compat.h"
#include "km_core.h"

#include "fmgr.h"
#include "utils/memutils.h"
#include "utils/snapshot.h"

/* The SQLSTATE a core error code stands for. */
extern int	km_sqlstate(KmCode code);

/*
 * Raise a core error as ERROR: the core's message when it wrote one (argument
 * checks), else the caller's (printf-style, naming the bad value); the core's
 * detail sentence, if any, becomes errdetail.
 */
#define km_raise(err, ...) \
	ereport(ERROR, \
			(errcode(km_sqlstate((err)->code)), \
			 (err)->message[0] ? errmsg("%s", (err)->message) : errmsg(__VA_ARGS__), \
			 (err)->detail[0] ? errdetail("%s", (err)->detail) : 0))

/* Argument argno, a count declared bigint, double precision or numeric. */
extern int64 km_count_arg(FunctionCallInfo fcinfo, int argno, const char *what);

/* The calling aggregate's memory context, or 0A000 outside an aggregate. */
extern MemoryContext km_agg_context(FunctionCallInfo fcinfo, const char *fname);

/* = and hash over canonical stored bytes (arguments 0 and 1; argument 0). */
extern bool km_canonical_equal(FunctionCallInfo fcinfo);
extern Datum km_canonical_hash(FunctionCallInfo fcinfo);

/* A KmAlloc that pallocs in a memory context. */
static inline void *
km_pg_alloc(void *ctx, size_t size)
{
	return MemoryContextAlloc((MemoryContext) ctx, size);
}

/* Its free: pfree. */
static inline void
km_pg_free(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

/* The KmAlloc of memory context cxt, for the cores. */
static inline KmAlloc
km_pg_allocator(MemoryContext cxt)
{
	KmAlloc		a = {km_pg_alloc, km_pg_free, cxt};

	return a;
}

/*
 * The snapshot (and role) a per-backend copy of a configuration table was read
 * with.  A copy stays in use only while the calling query's snapshot sees
 * exactly what that one saw (km_snap_matches); km_snap_track makes the stamp
 * invalid at every transaction end and subtransaction abort.
 */
typedef struct KmSnapStamp
{
	bool		valid;
	Oid			userid;
	LocalTransactionId lxid;
	CommandId	curcid;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	TransactionId *xip;
	TransactionId *subxip;
} KmSnapStamp;

extern void km_snap_track(KmSnapStamp *stamp);
extern bool km_snap_matches(const KmSnapStamp *stamp, Snapshot snap);
extern void km_snap_remember(KmSnapStamp *stamp, MemoryContext cxt, Snapshot snap);

/* The calling query's active snapshot, or an error naming what was to be read. */
extern Snapshot km_snap_active(const char *what);

/* Run a read-only query through SPI (connected) with search_path pg_catalog, pg_temp. */
extern void km_spi_select(const char *sql, int nargs, Oid *argtypes, Datum *values,
						  const char *what);

#endif							/* KM_PG_H */
