/*
 * summary_pg.h
 *	  Helpers shared by the SQL face of engagement_summary (summary.c,
 *	  summary_agg.c).
 */
#ifndef KM_SUMMARY_PG_H
#define KM_SUMMARY_PG_H

#include "km_pg.h"

#include "fmgr.h"
#include "utils/memutils.h"

#include "summary.h"

/* A KmAlloc that pallocs in a memory context. */
static inline void *
km_pg_alloc(void *ctx, size_t size)
{
	return MemoryContextAlloc((MemoryContext) ctx, size);
}

static inline void
km_pg_free(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

static inline KmAlloc
km_pg_allocator(MemoryContext cxt)
{
	KmAlloc		a = {km_pg_alloc, km_pg_free, cxt};

	return a;
}

/* A stored engagement_summary argument (validated when it was made). */
#define KM_GETARG_SUMMARY(n) ((const KmSummaryDisk *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

#endif							/* KM_SUMMARY_PG_H */
