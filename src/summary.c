/*
 * summary.c
 *	  SQL face of engagement_summary: text and binary I/O, equality, the
 *	  aggregates engagement_agg(...) and rollup(engagement_summary) (an
 *	  internal KmSummary state in the aggregate context, with combine, serial
 *	  and deserial functions for parallel plans) and the accessors.  The
 *	  arithmetic and the packed form are in core/summary.c and
 *	  core/summary_pack.c.
 */
#include "km_pg.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "summary.h"

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

/* A stored value that does not read: XX001 (data corrupted). */
static void
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

PG_FUNCTION_INFO_V1(km_es_in);
PG_FUNCTION_INFO_V1(km_es_out);
PG_FUNCTION_INFO_V1(km_es_recv);
PG_FUNCTION_INFO_V1(km_es_send);
PG_FUNCTION_INFO_V1(km_es_eq);
PG_FUNCTION_INFO_V1(km_es_ne);
PG_FUNCTION_INFO_V1(km_es_hash);

/* engagement_summary_in(cstring): parse and validate the text form. */
Datum
km_es_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	KmAlloc		a = km_pg_allocator(CurrentMemoryContext);
	uint8_t    *buf = NULL;
	size_t		len = 0;
	KmError		err;
	Datum		r;

	km_clear(&err);
	if (km_summary_parse(str, &a, &buf, &len, &err) != KM_OK)
		km_raise(&err, "invalid input syntax for type engagement_summary: \"%s\"", str);
	r = km_summary_bytes_datum(buf, len);
	pfree(buf);
	PG_RETURN_DATUM(r);
}

/* engagement_summary_out(engagement_summary): the text form. */
Datum
km_es_out(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, 0, &len);
	KmSummaryHead h;
	KmPackReader r;
	size_t		size;
	char	   *out;

	if (!km_summary_unpack_head(buf, len, &h, &r))
		km_summary_corrupt();
	size = km_summary_text_bound(r.nb);
	out = palloc(size);
	if (!km_summary_format(buf, len, out, size))
		km_summary_corrupt();
	PG_RETURN_CSTRING(out);
}

/*
 * engagement_summary_recv(internal, oid, integer): the packed form, checked
 * strictly (well formed, valid, canonical), stored as it came.
 */
Datum
km_es_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KmAlloc		a = km_pg_allocator(CurrentMemoryContext);
	const uint8_t *p = (const uint8_t *) buf->data + buf->cursor;
	size_t		len = (size_t) (buf->len - buf->cursor);
	KmError		err;

	km_clear(&err);
	if (km_summary_check(p, len, &a, &err) != KM_OK)
		km_raise(&err, "invalid external representation for type engagement_summary");
	buf->cursor = buf->len;
	PG_RETURN_DATUM(km_summary_bytes_datum(p, len));
}

/* engagement_summary_send(engagement_summary): the packed form as stored. */
Datum
km_es_send(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, 0, &len);

	PG_RETURN_DATUM(km_summary_bytes_datum(buf, len));
}

/* = : the packed form is canonical, so equal values have equal bytes. */
Datum
km_es_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(km_canonical_equal(fcinfo));
}

/* <> */
Datum
km_es_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!km_canonical_equal(fcinfo));
}

/* Hash of the packed stored form; consistent with =. */
Datum
km_es_hash(PG_FUNCTION_ARGS)
{
	return km_canonical_hash(fcinfo);
}

/* ------------------------------------------------------------ accessors */

/* The basis named by argument n, or 22023 naming it. */
static KmBasisKind
basis_arg(FunctionCallInfo fcinfo, int n)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(n));
	KmBasisKind k = KM_BASIS_FOLLOWERS;
	KmError		err;

	km_clear(&err);
	if (!km_summary_basis(name, &k, &err))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", err.message),
				 errhint("The basis is 'followers' or 'views'.")));
	return k;
}

/* Basis: argument 1 when given, followers otherwise. */
#define BASIS_OR_FOLLOWERS() (PG_NARGS() > 1 ? basis_arg(fcinfo, 1) : KM_BASIS_FOLLOWERS)

#define HEAD_ACCESSOR(fname, expr) \
PG_FUNCTION_INFO_V1(fname); \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	KmSummaryHead hd; \
	const KmSummaryHead *h = &hd; \
	km_summary_head_arg(fcinfo, 0, &hd); \
	PG_RETURN_INT64(expr); \
}

/* posts(s) and the exact per-counter sums. */
HEAD_ACCESSOR(km_es_posts, h->posts)
HEAD_ACCESSOR(km_es_likes, h->likes)
HEAD_ACCESSOR(km_es_comments, h->comments)
HEAD_ACCESSOR(km_es_shares, h->shares)
HEAD_ACCESSOR(km_es_saves, h->saves)
HEAD_ACCESSOR(km_es_extra, h->extra)
HEAD_ACCESSOR(km_es_interactions, h->interactions)
HEAD_ACCESSOR(km_es_views, h->views)

PG_FUNCTION_INFO_V1(km_es_rated);
PG_FUNCTION_INFO_V1(km_es_unrated);
PG_FUNCTION_INFO_V1(km_es_er);
PG_FUNCTION_INFO_V1(km_es_avg);
PG_FUNCTION_INFO_V1(km_es_stddev);
PG_FUNCTION_INFO_V1(km_es_min);
PG_FUNCTION_INFO_V1(km_es_max);
PG_FUNCTION_INFO_V1(km_es_percentile);

/* rated_posts(s [, basis]): posts with a defined ER by the basis. */
Datum
km_es_rated(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;

	km_summary_head_arg(fcinfo, 0, &h);
	PG_RETURN_INT64(h.basis[BASIS_OR_FOLLOWERS()].rated);
}

/* unrated_posts(s [, basis]): posts without one (base NULL or 0, ...). */
Datum
km_es_unrated(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;

	km_summary_head_arg(fcinfo, 0, &h);
	PG_RETURN_INT64(h.basis[BASIS_OR_FOLLOWERS()].unrated);
}

/* engagement_rate(s [, basis]): pooled ER = sum interactions / sum base. */
Datum
km_es_er(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;
	double		r;

	km_summary_head_arg(fcinfo, 0, &h);
	if (!km_summary_pooled(&h, BASIS_OR_FOLLOWERS(), &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* avg_engagement_rate(s [, basis]): mean of per-post ER. */
Datum
km_es_avg(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;
	const KmBasis *b = &h.basis[BASIS_OR_FOLLOWERS()];

	km_summary_head_arg(fcinfo, 0, &h);

	if (b->rated == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(b->mean);
}

/* stddev_engagement_rate(s [, basis]): sample standard deviation. */
Datum
km_es_stddev(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;
	double		r;

	km_summary_head_arg(fcinfo, 0, &h);
	if (!km_summary_stddev(&h, BASIS_OR_FOLLOWERS(), &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* min_engagement_rate(s [, basis]) */
Datum
km_es_min(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;
	const KmBasis *b = &h.basis[BASIS_OR_FOLLOWERS()];

	km_summary_head_arg(fcinfo, 0, &h);

	if (b->rated == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(b->min);
}

/* max_engagement_rate(s [, basis]) */
Datum
km_es_max(PG_FUNCTION_ARGS)
{
	KmSummaryHead h;
	const KmBasis *b = &h.basis[BASIS_OR_FOLLOWERS()];

	km_summary_head_arg(fcinfo, 0, &h);

	if (b->rated == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(b->max);
}

/* engagement_rate_percentile(s, p): p-quantile of per-post ER by followers. */
Datum
km_es_percentile(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, 0, &len);
	double		r = 0;
	bool		defined = false;
	KmError		err;

	km_clear(&err);
	if (km_summary_percentile(buf, len, PG_GETARG_FLOAT8(1), &r, &defined, &err) != KM_OK)
	{
		if (err.code == KM_EBINARY)
			km_summary_corrupt();
		ereport(ERROR,
				(errcode(km_sqlstate(err.code)),
				 errmsg("%s", err.message),
				 errhint("Pass a fraction: 0.5 for the median, 0.9 for the 90th percentile.")));
	}
	if (!defined)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* ----------------------------------------------------------- aggregates */

PG_FUNCTION_INFO_V1(km_es_agg_trans);
PG_FUNCTION_INFO_V1(km_es_rollup_trans);
PG_FUNCTION_INFO_V1(km_es_combine);
PG_FUNCTION_INFO_V1(km_es_serial);
PG_FUNCTION_INFO_V1(km_es_deserial);
PG_FUNCTION_INFO_V1(km_es_final);

/* A new empty state in cxt. */
static KmSummary *
new_state(MemoryContext cxt)
{
	KmSummary  *s = MemoryContextAlloc(cxt, sizeof(KmSummary));

	km_summary_init(s);
	return s;
}

/* The state in argument 0, or a new empty one in cxt (the first row). */
static KmSummary *
state_arg(FunctionCallInfo fcinfo, MemoryContext cxt)
{
	return PG_ARGISNULL(0) ? new_state(cxt) : (KmSummary *) PG_GETARG_POINTER(0);
}

/* Return argument 0, the state unchanged (NULL while no row has counted). */
#define RETURN_STATE_UNCHANGED() \
	do { \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_NULL(); \
		PG_RETURN_POINTER(PG_GETARG_POINTER(0)); \
	} while (0)

/* Raise a core error from an aggregate step. */
static void
agg_raise(KmError *err)
{
	km_raise(err, "engagement_summary aggregate failed");
}

/*
 * engagement_agg transition: (state, likes, comments, shares, saves, views,
 * followers [, extra]); extra omitted counts as 0.  A row whose arguments
 * are all NULL (extra NULL or omitted) is not a post.
 */
Datum
km_es_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "engagement_agg");
	KmSummary  *s;
	/* argument positions of likes, comments, shares, saves, extra */
	static const int argpos[KM_ER_NCOUNTERS] = {1, 2, 3, 4, 7};
	KmPost		p;
	bool		any;
	KmAlloc		a;
	KmError		err;
	int			i;

	any = false;
	for (i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		if (argpos[i] >= PG_NARGS())
		{
			/* extra omitted: 0, as engagement_rate's DEFAULT 0 */
			p.present[i] = true;
			p.counter[i] = 0;
			continue;
		}
		p.present[i] = !PG_ARGISNULL(argpos[i]);
		p.counter[i] = p.present[i] ? PG_GETARG_INT64(argpos[i]) : 0;
		any |= p.present[i];
	}
	p.has_views = !PG_ARGISNULL(5);
	p.views = p.has_views ? PG_GETARG_INT64(5) : 0;
	p.has_followers = !PG_ARGISNULL(6);
	p.followers = p.has_followers ? PG_GETARG_INT64(6) : 0;
	/* a row of NULLs (an outer join's filler) is not a post */
	if (!any && !p.has_views && !p.has_followers)
		RETURN_STATE_UNCHANGED();
	s = state_arg(fcinfo, cxt);
	a = km_pg_allocator(cxt);
	km_clear(&err);
	if (km_summary_add(s, &p, &a, &err) != KM_OK)
		agg_raise(&err);
	PG_RETURN_POINTER(s);
}

/* rollup transition: (state, engagement_summary); NULL summaries are skipped. */
Datum
km_es_rollup_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "rollup");
	KmSummary  *s;
	KmAlloc		a;
	KmError		err;
	size_t		len;
	const uint8_t *buf;

	if (PG_ARGISNULL(1))
		RETURN_STATE_UNCHANGED();
	s = state_arg(fcinfo, cxt);
	a = km_pg_allocator(cxt);
	km_clear(&err);
	buf = km_summary_arg(fcinfo, 1, &len);
	if (km_summary_merge(s, buf, len, &a, &err) != KM_OK)
		agg_raise(&err);
	PG_RETURN_POINTER(s);
}

/*
 * Combine two partial states; either may be NULL (a worker that saw no rows).
 * s2 goes through its packed form into the one merge.
 */
Datum
km_es_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "engagement_summary combine");
	KmSummary  *s1 = PG_ARGISNULL(0) ? NULL : (KmSummary *) PG_GETARG_POINTER(0);
	KmSummary  *s2 = PG_ARGISNULL(1) ? NULL : (KmSummary *) PG_GETARG_POINTER(1);
	KmAlloc		a;
	KmError		err;
	uint8_t    *buf;
	size_t		len;

	if (s2 == NULL)
		RETURN_STATE_UNCHANGED();
	/* copy rather than adopt s2: the result must live in the aggregate context */
	if (s1 == NULL)
		s1 = new_state(cxt);
	a = km_pg_allocator(cxt);
	km_clear(&err);
	buf = palloc(km_summary_pack_bound(km_sk_nonempty(&s2->sk)));
	len = km_summary_pack_state(s2, buf);
	if (km_summary_merge(s1, buf, len, &a, &err) != KM_OK)
		agg_raise(&err);
	pfree(buf);
	PG_RETURN_POINTER(s1);
}

/* Serialize a state as the packed form (a bytea with the bytes a column stores). */
Datum
km_es_serial(PG_FUNCTION_ARGS)
{
	(void) km_agg_context(fcinfo, "engagement_summary serial");
	PG_RETURN_DATUM(km_summary_state_datum((KmSummary *) PG_GETARG_POINTER(0)));
}

/*
 * Deserialize: check the bytes strictly (as recv does: well formed, valid,
 * canonical; 22P03 otherwise), then merge them into a new state.
 */
Datum
km_es_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "engagement_summary deserial");
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, 0, &len);
	KmSummary  *s = new_state(cxt);
	KmAlloc		a = km_pg_allocator(cxt);
	KmAlloc		tmp = km_pg_allocator(CurrentMemoryContext);
	KmError		err;

	km_clear(&err);
	if (km_summary_check(buf, len, &tmp, &err) != KM_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("corrupt engagement_summary partial state"),
				 errdetail_internal("%s", err.detail)));
	if (km_summary_merge(s, buf, len, &a, &err) != KM_OK)
		agg_raise(&err);
	PG_RETURN_POINTER(s);
}

/* Final: the packed stored form; no rows at all give the empty summary (posts 0). */
Datum
km_es_final(PG_FUNCTION_ARGS)
{
	KmSummary	empty;
	const KmSummary *s;

	(void) km_agg_context(fcinfo, "engagement_summary final");
	if (PG_ARGISNULL(0))
	{
		km_summary_init(&empty);
		s = &empty;
	}
	else
		s = (const KmSummary *) PG_GETARG_POINTER(0);
	PG_RETURN_DATUM(km_summary_state_datum(s));
}
