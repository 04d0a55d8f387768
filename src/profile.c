/*
 * profile.c
 *	  SQL face of kol_profile (type I/O, binary send/recv) and of the
 *	  relevance functions: kol_relevance, category_similarity,
 *	  audience_similarity, market_similarity, Jaccard over text[].
 */
#include "km_pg.h"

#include <stdlib.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "profile.h"

PG_FUNCTION_INFO_V1(km_profile_in);
PG_FUNCTION_INFO_V1(km_profile_out);
PG_FUNCTION_INFO_V1(km_profile_recv);
PG_FUNCTION_INFO_V1(km_profile_send);
PG_FUNCTION_INFO_V1(km_profile_relevance_default);
PG_FUNCTION_INFO_V1(km_profile_relevance_weighted);
PG_FUNCTION_INFO_V1(km_profile_category_sim);
PG_FUNCTION_INFO_V1(km_profile_audience_sim);
PG_FUNCTION_INFO_V1(km_profile_market_sim);
PG_FUNCTION_INFO_V1(km_tags_jaccard);

/*
 * The stored bytes of a kol_profile argument, read in place when the datum
 * is not compressed or external (short varlena headers included: the stored
 * form needs no alignment).  Values on disk came through _in or _recv, which
 * validated them; only the version byte is checked here.
 */
static const uint8_t *
profile_arg_len(FunctionCallInfo fcinfo, int n, size_t *len)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n));
	const uint8_t *p = (const uint8_t *) VARDATA_ANY(v);

	if (VARSIZE_ANY_EXHDR(v) < KM_PROFILE_HDR || p[0] != KM_PROFILE_VERSION)
		elog(ERROR, "kol_profile value has an unknown stored format (version %d)",
			 VARSIZE_ANY_EXHDR(v) > 0 ? p[0] : -1);
	*len = VARSIZE_ANY_EXHDR(v);
	return p;
}

/* The stored bytes of kol_profile argument n (profile_arg_len, no length). */
static const uint8_t *
profile_arg(FunctionCallInfo fcinfo, int n)
{
	size_t		len;

	return profile_arg_len(fcinfo, n, &len);
}

/* A varlena holding a copy of len bytes from a malloc'd buffer, which is freed. */
static Datum
profile_datum(uint8_t *buf, size_t len)
{
	bytea	   *res = (bytea *) palloc(VARHDRSZ + len);

	SET_VARSIZE(res, VARHDRSZ + len);
	memcpy(VARDATA(res), buf, len);
	free(buf);
	PG_RETURN_POINTER(res);
}

/* kol_profile_in(cstring): JSON text -> stored form. */
Datum
km_profile_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	uint8_t    *buf = NULL;
	size_t		len = 0;
	KmError		err;

	km_clear(&err);
	switch (km_profile_from_json(text, strlen(text), &buf, &len, &err))
	{
		case KM_OK:
			break;
		case KM_ELIMIT:
			km_raise(&err, "kol_profile input is too long");
			break;
		case KM_ENOMEM:
			km_raise(&err, "out of memory");
			break;
		default:
			km_raise(&err, "invalid input syntax for type kol_profile: \"%s\"", text);
	}
	return profile_datum(buf, len);
}

/* kol_profile_out(kol_profile): canonical JSON text. */
Datum
km_profile_out(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *p = profile_arg_len(fcinfo, 0, &len);
	char	   *json = NULL;
	char	   *res;
	KmError		err;

	km_clear(&err);
	if (km_profile_to_json(p, len, &json, &err) != KM_OK)
		km_raise(&err, "out of memory");
	res = pstrdup(json);
	free(json);
	PG_RETURN_CSTRING(res);
}

/* kol_profile_recv(internal, oid, int4): the stored form, validated. */
Datum
km_profile_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const uint8_t *p = (const uint8_t *) buf->data + buf->cursor;
	size_t		len = buf->len - buf->cursor;
	bytea	   *res;
	KmError		err;

	km_clear(&err);
	if (km_profile_check(p, len, &err) != KM_OK)
		km_raise(&err, "invalid binary representation for type kol_profile");
	res = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(res, VARHDRSZ + len);
	memcpy(VARDATA(res), p, len);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(res);
}

/* kol_profile_send(kol_profile): the stored form (little-endian, versioned). */
Datum
km_profile_send(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8_t *p = profile_arg_len(fcinfo, 0, &len);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) p, len);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* float8 or NULL. */
#define RETURN_SIM(sim, defined) \
	do { \
		if (!(defined)) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(sim); \
	} while (0)

/* kol_relevance(kol, brief) with the default component weights. */
Datum
km_profile_relevance_default(PG_FUNCTION_ARGS)
{
	double		score;
	bool		defined;

	km_profile_relevance(profile_arg(fcinfo, 0), profile_arg(fcinfo, 1),
						 km_rel_default_weights, &score, &defined);
	RETURN_SIM(score, defined);
}

/* kol_relevance(kol, brief, category_weight, audience_weight, market_weight). */
Datum
km_profile_relevance_weighted(PG_FUNCTION_ARGS)
{
	double		w[KM_REL_NCOMP];
	double		score;
	bool		defined;
	KmError		err;
	int			i;

	km_clear(&err);
	for (i = 0; i < KM_REL_NCOMP; i++)
		w[i] = PG_GETARG_FLOAT8(2 + i);
	if (km_profile_check_weights(w, &err) != KM_OK)
		km_raise(&err, "invalid kol_relevance weights");
	km_profile_relevance(profile_arg(fcinfo, 0), profile_arg(fcinfo, 1),
						 w, &score, &defined);
	RETURN_SIM(score, defined);
}

/* category_similarity(a, b): cosine of the category weights. */
Datum
km_profile_category_sim(PG_FUNCTION_ARGS)
{
	double		sim;
	bool		defined;

	km_profile_category_similarity(profile_arg(fcinfo, 0), profile_arg(fcinfo, 1),
								   &sim, &defined);
	RETURN_SIM(sim, defined);
}

/* audience_similarity(a, b, dimension): histogram intersection. */
Datum
km_profile_audience_sim(PG_FUNCTION_ARGS)
{
	text	   *dim = PG_GETARG_TEXT_PP(2);
	double		sim;
	bool		defined;

	km_profile_audience_similarity(profile_arg(fcinfo, 0), profile_arg(fcinfo, 1),
								   VARDATA_ANY(dim), VARSIZE_ANY_EXHDR(dim),
								   &sim, &defined);
	RETURN_SIM(sim, defined);
}

/* market_similarity(a, b): mean Jaccard of languages and countries. */
Datum
km_profile_market_sim(PG_FUNCTION_ARGS)
{
	double		sim;
	bool		defined;

	km_profile_market_similarity(profile_arg(fcinfo, 0), profile_arg(fcinfo, 1),
								 &sim, &defined);
	RETURN_SIM(sim, defined);
}

/* The non-NULL elements of a text[] as labels (pointing into the array). */
static KmLabel *
array_labels(ArrayType *arr, size_t *n)
{
	Datum	   *elems;
	bool	   *nulls;
	int			nelems,
				i;
	KmLabel    *res;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &nelems);
	res = palloc(sizeof(KmLabel) * (nelems > 0 ? nelems : 1));
	*n = 0;
	for (i = 0; i < nelems; i++)
	{
		text	   *t;

		if (nulls[i])
			continue;
		t = (text *) DatumGetPointer(elems[i]);
		res[*n].s = VARDATA_ANY(t);
		res[*n].len = VARSIZE_ANY_EXHDR(t);
		(*n)++;
	}
	return res;
}

/* kol_relevance(kol_tags text[], brand_tags text[]): Jaccard index. */
Datum
km_tags_jaccard(PG_FUNCTION_ARGS)
{
	size_t		na,
				nb;
	KmLabel    *a = array_labels(PG_GETARG_ARRAYTYPE_P(0), &na);
	KmLabel    *b = array_labels(PG_GETARG_ARRAYTYPE_P(1), &nb);
	double		sim;
	bool		defined;

	km_jaccard(a, na, b, nb, &sim, &defined);
	RETURN_SIM(sim, defined);
}

PG_FUNCTION_INFO_V1(km_profile_eq);
PG_FUNCTION_INFO_V1(km_profile_ne);
PG_FUNCTION_INFO_V1(km_profile_hash);

/* kol_profile = kol_profile: identical stored forms (canonical: sorted, normalised). */
Datum
km_profile_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(km_canonical_equal(fcinfo));
}

/* kol_profile <> kol_profile */
Datum
km_profile_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!km_canonical_equal(fcinfo));
}

/* Hash of the stored form, which is canonical (sorted, normalised). */
Datum
km_profile_hash(PG_FUNCTION_ARGS)
{
	return km_canonical_hash(fcinfo);
}
