/*
 * summary.c
 *	  SQL face of engagement_summary: text and binary I/O, equality and the
 *	  accessors.  The aggregates are in summary_agg.c.
 */
#include "summary_pg.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

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

/* The packed form is canonical: equal values have equal bytes. */
static bool
summary_equal(FunctionCallInfo fcinfo)
{
	size_t		la,
				lb;
	const uint8_t *a = km_summary_arg(fcinfo, 0, &la);
	const uint8_t *b = km_summary_arg(fcinfo, 1, &lb);

	return la == lb && memcmp(a, b, la) == 0;
}

Datum
km_es_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summary_equal(fcinfo));
}

Datum
km_es_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summary_equal(fcinfo));
}

/* Hash of the packed stored form; consistent with = (equal values, equal bytes). */
Datum
km_es_hash(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *buf = km_summary_arg(fcinfo, 0, &len);

	return hash_any(buf, (int) len);
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
