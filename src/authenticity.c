/*
 * authenticity.c
 *	  SQL face of the authenticity types (sql/kolmetrics--1.0--1.1/80_authenticity.sql)
 *	  over src/core/auth*.c: authenticity_summary (authenticity_agg, rollup),
 *	  authenticity_cohort (authenticity_cohort_agg, rollup), comment_summary
 *	  (comment_agg, rollup), their text and
 *	  binary I/O, equality, combine/serial/deserial, and the signal accessor.
 *	  follower_summary and the score: authenticity_score.c.
 *
 * Stored forms: a varlena whose payload is the core's packed form (km_flat.h:
 * version byte, three zero bytes, little-endian fields).  The same bytes are
 * the send/recv form and the serialised aggregate state, read by one
 * validating function.
 */
#include "km_pg.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

#include "auth.h"
#include "authenticity.h"

PG_FUNCTION_INFO_V1(km_as_in);
PG_FUNCTION_INFO_V1(km_as_out);
PG_FUNCTION_INFO_V1(km_as_recv);
PG_FUNCTION_INFO_V1(km_as_send);
PG_FUNCTION_INFO_V1(km_as_agg_trans);
PG_FUNCTION_INFO_V1(km_as_rollup_trans);
PG_FUNCTION_INFO_V1(km_as_combine);
PG_FUNCTION_INFO_V1(km_as_serial);
PG_FUNCTION_INFO_V1(km_as_deserial);
PG_FUNCTION_INFO_V1(km_as_final);
PG_FUNCTION_INFO_V1(km_as_signals);
PG_FUNCTION_INFO_V1(km_ac_in);
PG_FUNCTION_INFO_V1(km_ac_out);
PG_FUNCTION_INFO_V1(km_ac_recv);
PG_FUNCTION_INFO_V1(km_ac_send);
PG_FUNCTION_INFO_V1(km_ac_agg_trans);
PG_FUNCTION_INFO_V1(km_ac_rollup_trans);
PG_FUNCTION_INFO_V1(km_ac_combine);
PG_FUNCTION_INFO_V1(km_ac_serial);
PG_FUNCTION_INFO_V1(km_ac_deserial);
PG_FUNCTION_INFO_V1(km_ac_final);
PG_FUNCTION_INFO_V1(km_ac_agg_trans2);
PG_FUNCTION_INFO_V1(km_cs_in);
PG_FUNCTION_INFO_V1(km_cs_out);
PG_FUNCTION_INFO_V1(km_cs_recv);
PG_FUNCTION_INFO_V1(km_cs_send);
PG_FUNCTION_INFO_V1(km_cs_agg_trans);
PG_FUNCTION_INFO_V1(km_cs_rollup_trans);
PG_FUNCTION_INFO_V1(km_cs_combine);
PG_FUNCTION_INFO_V1(km_cs_serial);
PG_FUNCTION_INFO_V1(km_cs_deserial);
PG_FUNCTION_INFO_V1(km_cs_final);
PG_FUNCTION_INFO_V1(km_cs_signals);
PG_FUNCTION_INFO_V1(km_auth_eq);
PG_FUNCTION_INFO_V1(km_auth_ne);
PG_FUNCTION_INFO_V1(km_auth_hash);

/* The three fixed-layout types of this file: codec, size, validator, initializer, merge. */
typedef struct FlatPg
{
	const KmFlatType *type;
	size_t		size;
	KmCode		(*validate) (const void *rec, KmCode code, KmError *err);
	void		(*init) (void *rec);
	KmCode		(*merge) (void *d, const void *s, KmError *err);
	void		(*settle) (void *rec);	/* derives what is not stored, after a read; or NULL */
} FlatPg;

/* authenticity_summary's validator, untyped for FlatPg. */
static KmCode
as_validate(const void *r, KmCode c, KmError *e)
{
	return km_auth_validate(r, c, e);
}

/* Its initializer. */
static void
as_init(void *r)
{
	km_auth_init(r);
}

/* Its merge. */
static KmCode
as_merge(void *d, const void *s, KmError *e)
{
	return km_auth_merge(d, s, e);
}

/* authenticity_cohort's validator. */
static KmCode
ac_validate(const void *r, KmCode c, KmError *e)
{
	return km_cohort_validate(r, c, e);
}

/* Its initializer. */
static void
ac_init(void *r)
{
	km_cohort_init(r);
}

/* Its merge. */
static KmCode
ac_merge(void *d, const void *s, KmError *e)
{
	return km_cohort_merge(d, s, e);
}

/* comment_summary's validator. */
static KmCode
cs_validate(const void *r, KmCode c, KmError *e)
{
	return km_cmt_validate(r, c, e);
}

/* Its initializer. */
static void
cs_init(void *r)
{
	km_cmt_init(r);
}

/* Its merge. */
static KmCode
cs_merge(void *d, const void *s, KmError *e)
{
	return km_cmt_merge(d, s, e);
}

/* Its derived fields. */
static void
cs_settle(void *r)
{
	km_cmt_settle(r);
}

static const FlatPg cs_pg = {&km_comments_type, sizeof(KmComments), cs_validate, cs_init, cs_merge, cs_settle};
static const FlatPg as_pg = {&km_auth_type, sizeof(KmAuth), as_validate, as_init, as_merge, NULL};
static const FlatPg ac_pg = {&km_cohort_type, sizeof(KmCohort), ac_validate, ac_init, ac_merge, NULL};

/* A varlena holding the packed form of rec. */
static Datum
flat_datum(const FlatPg *fp, const void *rec)
{
	size_t		len = km_flat_len(fp->type);
	struct varlena *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	km_flat_pack(fp->type, rec, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

/* Unpack and validate bytes into rec; errors raised with code and message what. */
static void
flat_read(const FlatPg *fp, const uint8_t *buf, size_t len, void *rec, int code, const char *what)
{
	KmError		err;

	km_clear(&err);
	if (km_flat_unpack(fp->type, buf, len, rec, &err) != KM_OK ||
		fp->validate(rec, KM_EBINARY, &err) != KM_OK)
		ereport(ERROR,
				(errcode(code),
				 errmsg("%s", what),
				 errdetail("%s", err.detail)));
	if (fp->settle)
		fp->settle(rec);
}

/* Argument n, a stored value of the type, into rec. */
static void
flat_arg(const FlatPg *fp, FunctionCallInfo fcinfo, int n, void *rec)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n));

	flat_read(fp, (const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), rec,
			  ERRCODE_DATA_CORRUPTED, psprintf("corrupt %s value", fp->type->name));
}

/* Text input: parse and validate (22P02). */
static Datum
flat_in(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	char	   *str = PG_GETARG_CSTRING(0);
	void	   *rec = palloc0(fp->size);
	KmError		err;

	km_clear(&err);
	fp->init(rec);
	if (km_flat_parse(fp->type, str, rec, &err) != KM_OK ||
		fp->validate(rec, KM_ESYNTAX, &err) != KM_OK)
		km_raise(&err, "invalid input syntax for type %s: \"%.*s\"", fp->type->name,
				 km_utf8_cut(str, 200), str);
	if (fp->settle)
		fp->settle(rec);
	return flat_datum(fp, rec);
}

/* Text output. */
static Datum
flat_out(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	void	   *rec = palloc(fp->size);
	size_t		size = km_flat_text_max(fp->type);
	char	   *out = palloc(size);

	flat_arg(fp, fcinfo, 0, rec);
	km_flat_format(fp->type, rec, out, size);
	PG_RETURN_CSTRING(out);
}

/* Binary input: the packed form, validated (22P03). */
static Datum
flat_recv(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	void	   *rec = palloc(fp->size);

	flat_read(fp, (const uint8_t *) buf->data + buf->cursor, (size_t) (buf->len - buf->cursor),
			  rec, ERRCODE_INVALID_BINARY_REPRESENTATION,
			  psprintf("invalid external representation for type %s", fp->type->name));
	buf->cursor = buf->len;
	return flat_datum(fp, rec);
}

/* Binary output: the stored bytes, checked. */
static Datum
flat_send(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	void	   *rec = palloc(fp->size);

	flat_arg(fp, fcinfo, 0, rec);
	return flat_datum(fp, rec);
}

/* The state in argument 0, or a new empty one in the aggregate's context. */
static void *
flat_state(const FlatPg *fp, FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext cxt = km_agg_context(fcinfo, fname);
	void	   *rec;

	if (!PG_ARGISNULL(0))
		return PG_GETARG_POINTER(0);
	rec = MemoryContextAlloc(cxt, fp->size);
	fp->init(rec);
	return rec;
}

/* Combine two partial states; either may be NULL. */
static Datum
flat_combine(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	void	   *rec;
	KmError		err;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	rec = flat_state(fp, fcinfo, "combine");
	km_clear(&err);
	if (fp->merge(rec, PG_GETARG_POINTER(1), &err) != KM_OK)
		km_raise(&err, "%s combine failed", fp->type->name);
	PG_RETURN_POINTER(rec);
}

/* rollup transition: merge a stored value (NULLs skipped). */
static Datum
flat_rollup(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	void	   *rec = flat_state(fp, fcinfo, "rollup");
	void	   *s;
	KmError		err;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(rec);
	s = palloc(fp->size);
	flat_arg(fp, fcinfo, 1, s);
	km_clear(&err);
	if (fp->merge(rec, s, &err) != KM_OK)
		km_raise(&err, "rollup of %s failed", fp->type->name);
	pfree(s);
	PG_RETURN_POINTER(rec);
}

/* Deserialize a partial state (validated, 22P03). */
static Datum
flat_deserial(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	MemoryContext cxt = km_agg_context(fcinfo, "deserial");
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	void	   *rec = MemoryContextAlloc(cxt, fp->size);

	flat_read(fp, (const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), rec,
			  ERRCODE_INVALID_BINARY_REPRESENTATION,
			  psprintf("corrupt %s partial state", fp->type->name));
	PG_RETURN_POINTER(rec);
}

/* Final: the value; no rows give the empty value. */
static Datum
flat_final(const FlatPg *fp, FunctionCallInfo fcinfo)
{
	void	   *rec;

	(void) km_agg_context(fcinfo, "final");
	if (PG_ARGISNULL(0))
	{
		rec = palloc(fp->size);
		fp->init(rec);
	}
	else
		rec = PG_GETARG_POINTER(0);
	return flat_datum(fp, rec);
}

/* ------------------------------------------------- authenticity_summary */

/* authenticity_summary_in(cstring) */
Datum
km_as_in(PG_FUNCTION_ARGS)
{
	return flat_in(&as_pg, fcinfo);
}

/* authenticity_summary_out */
Datum
km_as_out(PG_FUNCTION_ARGS)
{
	return flat_out(&as_pg, fcinfo);
}

/* authenticity_summary_recv */
Datum
km_as_recv(PG_FUNCTION_ARGS)
{
	return flat_recv(&as_pg, fcinfo);
}

/* authenticity_summary_send */
Datum
km_as_send(PG_FUNCTION_ARGS)
{
	return flat_send(&as_pg, fcinfo);
}

/* A timestamptz (microseconds since 2000-01-01 UTC) as the cores take it; false for infinities. */
static bool
finite_at(TimestampTz ts, int64 *out)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		return false;
	*out = ts;
	return true;
}

/*
 * authenticity_agg transition: (state, likes, comments, shares, saves,
 * views, followers, posted_at); NULL counters absent, an infinite time is 22008.
 */
Datum
km_as_agg_trans(PG_FUNCTION_ARGS)
{
	KmAuth	   *a = flat_state(&as_pg, fcinfo, "authenticity_agg");
	KmAuthPost	p;
	KmError		err;
	int			k;

	for (k = 0; k < KM_AUTH_NCOUNTERS; k++)
	{
		p.has[k] = !PG_ARGISNULL(k + 1);
		p.c[k] = p.has[k] ? PG_GETARG_INT64(k + 1) : 0;
	}
	p.has_followers = !PG_ARGISNULL(6);
	p.followers = p.has_followers ? PG_GETARG_INT64(6) : 0;
	p.has_at = !PG_ARGISNULL(7);
	p.at = 0;
	if (p.has_at && !finite_at(PG_GETARG_TIMESTAMPTZ(7), &p.at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("posted_at must be finite")));
	km_clear(&err);
	if (km_auth_add(a, &p, &err) != KM_OK)
		km_raise(&err, "authenticity_agg failed");
	PG_RETURN_POINTER(a);
}

/* rollup(authenticity_summary) transition */
Datum
km_as_rollup_trans(PG_FUNCTION_ARGS)
{
	return flat_rollup(&as_pg, fcinfo);
}

/* combine */
Datum
km_as_combine(PG_FUNCTION_ARGS)
{
	return flat_combine(&as_pg, fcinfo);
}

/* serial: the packed form */
Datum
km_as_serial(PG_FUNCTION_ARGS)
{
	(void) km_agg_context(fcinfo, "authenticity_summary serial");
	return flat_datum(&as_pg, PG_GETARG_POINTER(0));
}

/* deserial */
Datum
km_as_deserial(PG_FUNCTION_ARGS)
{
	return flat_deserial(&as_pg, fcinfo);
}

/* final */
Datum
km_as_final(PG_FUNCTION_ARGS)
{
	return flat_final(&as_pg, fcinfo);
}

/* A float8 as JSON: a number, or null when not finite. */
static void
json_num(StringInfo s, double v)
{
	if (isfinite(v))
		appendStringInfoString(s, float8out_internal(v));
	else
		appendStringInfoString(s, "null");
}

/* jsonb from JSON text built here. */
Datum
km_jsonb_from_text(StringInfo s)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(s->data));
}

/*
 * authenticity_signals(authenticity_summary) -> jsonb: posts counted and each
 * post signal in its natural unit, null where it cannot be computed.
 */
Datum
km_as_signals(PG_FUNCTION_ARGS)
{
	KmAuth		a;
	StringInfoData s;
	int			k;

	flat_arg(&as_pg, fcinfo, 0, &a);
	initStringInfo(&s);
	appendStringInfo(&s, "{\"posts\": " INT64_FORMAT, a.n);
	for (k = 0; k < KM_SIG_NPOST; k++)
	{
		double		x;
		int64_t		have,
					need;
		const char *why;

		appendStringInfo(&s, ", \"%s\": ", km_signal_info[k].name);
		if (km_auth_signal(&a, (KmSignal) k, &x, &have, &need, &why))
			json_num(&s, km_signal_natural((KmSignal) k, x));
		else
			appendStringInfoString(&s, "null");
	}
	appendStringInfoChar(&s, '}');
	PG_RETURN_DATUM(km_jsonb_from_text(&s));
}

/* -------------------------------------------------- authenticity_cohort */

/* authenticity_cohort_in */
Datum
km_ac_in(PG_FUNCTION_ARGS)
{
	return flat_in(&ac_pg, fcinfo);
}

/* authenticity_cohort_out */
Datum
km_ac_out(PG_FUNCTION_ARGS)
{
	return flat_out(&ac_pg, fcinfo);
}

/* authenticity_cohort_recv */
Datum
km_ac_recv(PG_FUNCTION_ARGS)
{
	return flat_recv(&ac_pg, fcinfo);
}

/* authenticity_cohort_send */
Datum
km_ac_send(PG_FUNCTION_ARGS)
{
	return flat_send(&ac_pg, fcinfo);
}

/* Add one KOL (posts in argument 1, comments in 2 when given; NULLs skipped). */
static Datum
cohort_trans(FunctionCallInfo fcinfo, bool with_comments)
{
	KmCohort   *c = flat_state(&ac_pg, fcinfo, "authenticity_cohort_agg");
	KmAuth		a;
	KmComments *cm = NULL;
	KmError		err;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(c);
	flat_arg(&as_pg, fcinfo, 1, &a);
	if (with_comments && !PG_ARGISNULL(2))
	{
		cm = palloc(sizeof(KmComments));
		flat_arg(&cs_pg, fcinfo, 2, cm);
	}
	km_clear(&err);
	if (km_cohort_add(c, &a, cm, &err) != KM_OK)
		km_raise(&err, "authenticity_cohort_agg failed");
	if (cm)
		pfree(cm);
	PG_RETURN_POINTER(c);
}

/* authenticity_cohort_agg(posts) transition */
Datum
km_ac_agg_trans(PG_FUNCTION_ARGS)
{
	return cohort_trans(fcinfo, false);
}

/* authenticity_cohort_agg(posts, comments) transition */
Datum
km_ac_agg_trans2(PG_FUNCTION_ARGS)
{
	return cohort_trans(fcinfo, true);
}

/* rollup(authenticity_cohort) transition */
Datum
km_ac_rollup_trans(PG_FUNCTION_ARGS)
{
	return flat_rollup(&ac_pg, fcinfo);
}

/* combine */
Datum
km_ac_combine(PG_FUNCTION_ARGS)
{
	return flat_combine(&ac_pg, fcinfo);
}

/* serial */
Datum
km_ac_serial(PG_FUNCTION_ARGS)
{
	(void) km_agg_context(fcinfo, "authenticity_cohort serial");
	return flat_datum(&ac_pg, PG_GETARG_POINTER(0));
}

/* deserial */
Datum
km_ac_deserial(PG_FUNCTION_ARGS)
{
	return flat_deserial(&ac_pg, fcinfo);
}

/* final */
Datum
km_ac_final(PG_FUNCTION_ARGS)
{
	return flat_final(&ac_pg, fcinfo);
}

/* ------------------------------------------------------ comment_summary */

/* comment_summary_in */
Datum
km_cs_in(PG_FUNCTION_ARGS)
{
	return flat_in(&cs_pg, fcinfo);
}

/* comment_summary_out */
Datum
km_cs_out(PG_FUNCTION_ARGS)
{
	return flat_out(&cs_pg, fcinfo);
}

/* comment_summary_recv */
Datum
km_cs_recv(PG_FUNCTION_ARGS)
{
	return flat_recv(&cs_pg, fcinfo);
}

/* comment_summary_send */
Datum
km_cs_send(PG_FUNCTION_ARGS)
{
	return flat_send(&cs_pg, fcinfo);
}

/* comment_agg transition: (state, body, author, posted_at); NULLs counted, not sampled. */
Datum
km_cs_agg_trans(PG_FUNCTION_ARGS)
{
	KmComments *c = flat_state(&cs_pg, fcinfo, "comment_agg");
	text	   *body = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);
	text	   *author = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	int64		at = 0;
	KmError		err;

	if (!PG_ARGISNULL(3) && !finite_at(PG_GETARG_TIMESTAMPTZ(3), &at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("posted_at must be finite")));
	km_clear(&err);
	if (km_cmt_add(c, body ? VARDATA_ANY(body) : NULL, body ? VARSIZE_ANY_EXHDR(body) : 0,
				   author ? VARDATA_ANY(author) : NULL, author ? VARSIZE_ANY_EXHDR(author) : 0,
				   !PG_ARGISNULL(3), at, &err) != KM_OK)
		km_raise(&err, "comment_agg failed");
	PG_RETURN_POINTER(c);
}

/* rollup(comment_summary) transition */
Datum
km_cs_rollup_trans(PG_FUNCTION_ARGS)
{
	return flat_rollup(&cs_pg, fcinfo);
}

/* combine */
Datum
km_cs_combine(PG_FUNCTION_ARGS)
{
	return flat_combine(&cs_pg, fcinfo);
}

/* serial */
Datum
km_cs_serial(PG_FUNCTION_ARGS)
{
	(void) km_agg_context(fcinfo, "comment_summary serial");
	return flat_datum(&cs_pg, PG_GETARG_POINTER(0));
}

/* deserial */
Datum
km_cs_deserial(PG_FUNCTION_ARGS)
{
	return flat_deserial(&cs_pg, fcinfo);
}

/* final */
Datum
km_cs_final(PG_FUNCTION_ARGS)
{
	return flat_final(&cs_pg, fcinfo);
}

/* comment_signals(comment_summary) -> jsonb: counts and each comment signal, null where too few. */
Datum
km_cs_signals(PG_FUNCTION_ARGS)
{
	KmComments	c;
	StringInfoData s;
	int			k;

	flat_arg(&cs_pg, fcinfo, 0, &c);
	initStringInfo(&s);
	appendStringInfo(&s, "{\"comments\": " INT64_FORMAT, c.n);
	for (k = KM_SIG_NPOST; k < KM_SIG_NCOHORT; k++)
	{
		double		x;
		int64_t		have,
					need;
		const char *why;

		appendStringInfo(&s, ", \"%s\": ", km_signal_info[k].name);
		if (km_cmt_signal(&c, (KmSignal) k, &x, &have, &need, &why))
			json_num(&s, km_signal_natural((KmSignal) k, x));
		else
			appendStringInfoString(&s, "null");
	}
	appendStringInfoChar(&s, '}');
	PG_RETURN_DATUM(km_jsonb_from_text(&s));
}

/* Read a stored comment_summary argument (for authenticity_score.c). */
void
km_auth_comments_arg(FunctionCallInfo fcinfo, int n, KmComments *c)
{
	flat_arg(&cs_pg, fcinfo, n, c);
}

/* Read a stored authenticity_summary argument (for authenticity_score.c). */
void
km_auth_summary_arg(FunctionCallInfo fcinfo, int n, KmAuth *a)
{
	flat_arg(&as_pg, fcinfo, n, a);
}

/* Read a stored authenticity_cohort argument. */
void
km_auth_cohort_arg(FunctionCallInfo fcinfo, int n, KmCohort *c)
{
	flat_arg(&ac_pg, fcinfo, n, c);
}

/* = over canonical bytes, for all three types */
Datum
km_auth_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(km_canonical_equal(fcinfo));
}

/* <> */
Datum
km_auth_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!km_canonical_equal(fcinfo));
}

/* hash consistent with = */
Datum
km_auth_hash(PG_FUNCTION_ARGS)
{
	return km_canonical_hash(fcinfo);
}
