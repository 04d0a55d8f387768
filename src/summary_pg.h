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

/*
 * An engagement_summary argument: the packed form, read in place (a short
 * varlena header is not expanded).  Values are validated when made (_in,
 * _recv, the aggregates); reading stays memory-safe on corrupt bytes.
 */
static inline const uint8_t *
km_summary_arg(FunctionCallInfo fcinfo, int n, size_t *len)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n));

	*len = VARSIZE_ANY_EXHDR(v);
	return (const uint8_t *) VARDATA_ANY(v);
}

static inline void
km_summary_corrupt(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt engagement_summary value")));
}

/* The fixed part of a summary argument. */
static inline void
km_summary_head_arg(FunctionCallInfo fcinfo, int n, KmSummaryHead *h)
{
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, n, &len);
	KmPackReader r;

	if (!km_summary_unpack_head(buf, len, h, &r))
		km_summary_corrupt();
}

/* A varlena (of type engagement_summary or bytea) holding len packed bytes. */
static inline Datum
km_summary_bytes_datum(const uint8_t *buf, size_t len)
{
	struct varlena *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	memcpy(VARDATA(v), buf, len);
	return PointerGetDatum(v);
}

/* The packed Datum of an aggregate state, in the current context. */
static inline Datum
km_summary_state_datum(const KmSummary *s)
{
	/* one pass into a buffer of the largest size the bucket count allows */
	struct varlena *v = palloc(VARHDRSZ + km_summary_pack_bound(km_sk_nonempty(&s->sk)));

	SET_VARSIZE(v, VARHDRSZ + km_summary_pack_state(s, (uint8_t *) VARDATA(v)));
	return PointerGetDatum(v);
}

#endif							/* KM_SUMMARY_PG_H */
