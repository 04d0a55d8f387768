/*
 * text_fn.c
 *	  The SQL face of the text core (doc/text.md): sentiment, sentiment_label,
 *	  sentiment_terms, disclosure, brand_mentions and content_types, and the
 *	  sentiment_summary type with sentiment_agg, rollup and its accessors.
 */
#include "km_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "text.h"
#include "text_pg.h"

PG_FUNCTION_INFO_V1(km_sentiment_fn);
PG_FUNCTION_INFO_V1(km_sentiment_label);
PG_FUNCTION_INFO_V1(km_sentiment_terms);
PG_FUNCTION_INFO_V1(km_disclosure);
PG_FUNCTION_INFO_V1(km_disclosure_agg_trans);
PG_FUNCTION_INFO_V1(km_brand_mentions);
PG_FUNCTION_INFO_V1(km_content_types);
PG_FUNCTION_INFO_V1(km_ss_in);
PG_FUNCTION_INFO_V1(km_ss_out);
PG_FUNCTION_INFO_V1(km_ss_recv);
PG_FUNCTION_INFO_V1(km_ss_send);
PG_FUNCTION_INFO_V1(km_ss_eq);
PG_FUNCTION_INFO_V1(km_ss_ne);
PG_FUNCTION_INFO_V1(km_ss_hash);
PG_FUNCTION_INFO_V1(km_ss_agg_trans);
PG_FUNCTION_INFO_V1(km_ss_combine);
PG_FUNCTION_INFO_V1(km_ss_positive);
PG_FUNCTION_INFO_V1(km_ss_negative);
PG_FUNCTION_INFO_V1(km_ss_neutral);
PG_FUNCTION_INFO_V1(km_ss_texts);
PG_FUNCTION_INFO_V1(km_ss_mean);
PG_FUNCTION_INFO_V1(km_ss_net);

/* The score of text argument 0. */
static double
score_arg(FunctionCallInfo fcinfo, KmSentTerms *terms)
{
	const TextCache *c = text_cache(fcinfo);
	text	   *t = PG_GETARG_TEXT_PP(0);

	return km_sentiment(c->m, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), terms);
}

/* sentiment(text): S / sqrt(S^2 + 15) of the text's terms (doc/text.md). */
Datum
km_sentiment_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(score_arg(fcinfo, NULL));
}

/* sentiment_label(text): positive (score >= 0.05), negative (<= -0.05) or neutral. */
Datum
km_sentiment_label(PG_FUNCTION_ARGS)
{
	int			sign = km_sentiment_sign(score_arg(fcinfo, NULL));

	PG_RETURN_TEXT_P(cstring_to_text(sign > 0 ? "positive" : sign < 0 ? "negative" : "neutral"));
}

/* sentiment_terms(text): one row per counted term, in text order. */
Datum
km_sentiment_terms(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	KmSentTerms terms;
	size_t		i;

	InitMaterializedSRF(fcinfo, 0);
	memset(&terms, 0, sizeof(terms));
	terms.alloc = km_pg_allocator(CurrentMemoryContext);
	(void) score_arg(fcinfo, &terms);
	if (terms.failed)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory listing sentiment terms")));
	for (i = 0; i < terms.n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		const KmSentTerm *tm = &terms.terms[i];

		values[0] = PointerGetDatum(cstring_to_text_with_len(s + tm->start, (int) (tm->end - tm->start)));
		values[1] = Float8GetDatum(tm->weight);
		values[2] = Float8GetDatum(tm->score);
		values[3] = Int32GetDatum((int32) pg_mbstrlen_with_len(s, (int) tm->start) + 1);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- scans */

typedef struct LabelScan
{
	const TextCache *c;
	KmTextKind	kind;
	bool	   *seen;			/* per label */
	Datum	   *out;
	int			nout;
} LabelScan;

/* Collect the distinct labels of the matches' payloads of one kind, in order. */
static bool
collect_labels(void *arg, const KmTextMatch *mt)
{
	LabelScan  *ls = arg;
	const KmMatcher *m = ls->c->m;
	int32_t		i;

	for (i = m->pay_first[mt->pat]; i < m->pay_first[mt->pat] + m->pay_count[mt->pat]; i++)
	{
		const KmTextPayload *p = &m->pay[i];
		int			j;
		bool		dup = false;

		if (p->kind != ls->kind || p->label < 0 || ls->seen[p->label])
			continue;
		ls->seen[p->label] = true;
		/* two rows may name the same brand or type: compare the names */
		for (j = 0; j < ls->nout && !dup; j++)
			dup = DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, ls->out[j],
												   PointerGetDatum(ls->c->labels[p->label])));
		if (!dup)
			ls->out[ls->nout++] = PointerGetDatum(ls->c->labels[p->label]);
	}
	return true;
}

/* The distinct labels of one kind found in text argument 0, as text[]. */
static Datum
labels_of(FunctionCallInfo fcinfo, KmTextKind kind)
{
	const TextCache *c = text_cache(fcinfo);
	text	   *t = PG_GETARG_TEXT_PP(0);
	LabelScan	ls;

	ls.c = c;
	ls.kind = kind;
	ls.seen = palloc0(sizeof(bool) * (c->nlabels + 1));
	ls.out = palloc(sizeof(Datum) * (c->nlabels + 1));
	ls.nout = 0;
	km_text_scan(c->m, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), 1u << kind, collect_labels, &ls);
	PG_RETURN_ARRAYTYPE_P(construct_array(ls.out, ls.nout, TEXTOID, -1, false, TYPALIGN_INT));
}

/* brand_mentions(text): brands whose aliases occur, in order of first mention. */
Datum
km_brand_mentions(PG_FUNCTION_ARGS)
{
	return labels_of(fcinfo, KM_TK_BRAND);
}

/* content_types(text): content types whose cues occur, in order of first cue. */
Datum
km_content_types(PG_FUNCTION_ARGS)
{
	return labels_of(fcinfo, KM_TK_CONTENT);
}

typedef struct DiscScan
{
	const TextCache *c;
	text	   *jurisdiction;
	const char *text;
	bool		clear;
	bool		ambiguous;
	size_t		first_char;		/* of the first clear marker */
	size_t		first_end_char;
	size_t		first_start_byte;
	size_t		first_end_byte;
	Datum	   *markers;		/* NULL: markers are not collected */
	int			nmarkers;
	int			cap;
} DiscScan;

/* One disclosure match: keep it when it is a marker of the jurisdiction. */
static bool
collect_marker(void *arg, const KmTextMatch *mt)
{
	DiscScan   *ds = arg;
	const KmMatcher *m = ds->c->m;
	int32_t		i;

	for (i = m->pay_first[mt->pat]; i < m->pay_first[mt->pat] + m->pay_count[mt->pat]; i++)
	{
		const KmTextPayload *p = &m->pay[i];
		text	   *found;
		int			j;
		bool		dup = false;

		if (p->kind != KM_TK_DISCLOSURE || p->value < 0 ||
			!DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, PointerGetDatum(ds->c->labels[p->label]),
											  PointerGetDatum(ds->jurisdiction))))
			continue;
		if (p->value > 0)
		{
			/* the first clear marker: leftmost start, then longest */
			if (!ds->clear || mt->start < ds->first_start_byte)
			{
				ds->first_start_byte = mt->start;
				ds->first_end_byte = mt->end;
				ds->first_char = mt->char_start;
			}
			ds->clear = true;
		}
		else
			ds->ambiguous = true;
		if (ds->markers == NULL)
			break;
		found = cstring_to_text_with_len(ds->text + mt->start, (int) (mt->end - mt->start));
		for (j = 0; j < ds->nmarkers && !dup; j++)
			dup = DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, ds->markers[j], PointerGetDatum(found)));
		if (!dup && ds->nmarkers < 1000)
		{
			if (ds->nmarkers == ds->cap)
			{
				ds->cap *= 2;
				ds->markers = repalloc(ds->markers, sizeof(Datum) * ds->cap);
			}
			ds->markers[ds->nmarkers++] = PointerGetDatum(found);
		}
		break;
	}
	return true;
}

/*
 * disclosure(text, jurisdiction, fold): (disclosed, markers, first_position,
 * before_fold, clarity); first_position is the 1-based character position of
 * the first clear marker, before_fold whether it ends within fold characters.
 */
/*
 * Scan t for the disclosure markers of jurisdiction jur (22023 for one no
 * marker names) into ds; the markers found are collected when collect.
 */
static void
disclosure_scan(FunctionCallInfo fcinfo, text *t, text *jur, bool collect, DiscScan *ds)
{
	const TextCache *c = text_cache(fcinfo);
	int			i;
	bool		known = false;

	for (i = 0; i < c->m->npay && !known; i++)
		known = c->m->pay[i].kind == KM_TK_DISCLOSURE &&
			DatumGetBool(DirectFunctionCall2Coll(texteq, C_COLLATION_OID, PointerGetDatum(c->labels[c->m->pay[i].label]),
											 PointerGetDatum(jur)));
	if (!known)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown disclosure jurisdiction \"%s\"", text_to_cstring(jur)),
				 errhint("Jurisdictions are listed by SELECT DISTINCT jurisdiction FROM kolmetrics.disclosure_marker.")));
	memset(ds, 0, sizeof(*ds));
	ds->c = c;
	ds->jurisdiction = jur;
	ds->text = VARDATA_ANY(t);
	if (collect)
	{
		ds->cap = 8;
		ds->markers = palloc(sizeof(Datum) * ds->cap);
	}
	km_text_scan(c->m, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), 1u << KM_TK_DISCLOSURE,
				 collect_marker, ds);
}

Datum
km_disclosure(PG_FUNCTION_ARGS)
{
	text	   *t,
			   *jur;
	DiscScan	ds;
	TupleDesc	td;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	t = PG_GETARG_TEXT_PP(0);
	jur = PG_GETARG_TEXT_PP(1);
	if (!PG_ARGISNULL(2) && PG_GETARG_INT32(2) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fold must not be negative: %d", PG_GETARG_INT32(2))));
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "kolmetrics: disclosure must return a composite");
	disclosure_scan(fcinfo, t, jur, true, &ds);
	values[0] = BoolGetDatum(ds.clear);
	values[1] = PointerGetDatum(construct_array(ds.markers, ds.nmarkers, TEXTOID, -1, false, TYPALIGN_INT));
	if (ds.clear)
	{
		int64		first = (int64) ds.first_char + 1;
		int64		last = first - 1 + pg_mbstrlen_with_len(ds.text + ds.first_start_byte,
															(int) (ds.first_end_byte - ds.first_start_byte));

		if (first > PG_INT32_MAX)
			nulls[2] = true;
		else
			values[2] = Int32GetDatum((int32) first);
		if (PG_ARGISNULL(2))
			nulls[3] = true;
		else
			values[3] = BoolGetDatum(last <= PG_GETARG_INT32(2));
	}
	else
	{
		nulls[2] = true;
		if (PG_ARGISNULL(2))
			nulls[3] = true;
		else
			values[3] = BoolGetDatum(false);
	}
	values[4] = PointerGetDatum(cstring_to_text(ds.clear ? "clear" : ds.ambiguous ? "ambiguous" : "none"));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(td), values, nulls)));
}

/*
 * disclosure_agg_trans(state bigint[], t, is_sponsored, jurisdiction): the
 * counts {sponsored, sponsored disclosing clearly, unsponsored, unsponsored
 * carrying any marker}, updated in place in the aggregate's memory; a row
 * with a NULL argument is skipped.
 */
Datum
km_disclosure_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = km_agg_context(fcinfo, "disclosure_agg_trans");
	ArrayType  *state;
	int64	   *n;
	DiscScan	ds;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	disclosure_scan(fcinfo, PG_GETARG_TEXT_PP(1), PG_GETARG_TEXT_PP(3), false, &ds);
	if (PG_ARGISNULL(0))
	{
		Datum		zero[4] = {Int64GetDatum(0), Int64GetDatum(0), Int64GetDatum(0), Int64GetDatum(0)};
		MemoryContext old = MemoryContextSwitchTo(aggctx);

		state = construct_array(zero, 4, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
		MemoryContextSwitchTo(old);
	}
	else
	{
		state = PG_GETARG_ARRAYTYPE_P(0);
		if (ARR_NDIM(state) != 1 || ARR_DIMS(state)[0] != 4 || ARR_HASNULL(state) ||
			ARR_ELEMTYPE(state) != INT8OID)
			elog(ERROR, "disclosure_agg_trans: the state must be a bigint[4]");
	}
	n = (int64 *) ARR_DATA_PTR(state);
	if (PG_GETARG_BOOL(2))
	{
		n[0]++;
		n[1] += ds.clear;
	}
	else
	{
		n[2]++;
		n[3] += ds.clear || ds.ambiguous;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

/* ---------------------------------------------------- sentiment_summary */

/* The varlena of a summary. */
static Datum
ss_datum(const KmSentSum *s)
{
	bytea	   *b = palloc(VARHDRSZ + KM_SENTSUM_PACKED_LEN);

	SET_VARSIZE(b, VARHDRSZ + KM_SENTSUM_PACKED_LEN);
	km_sentsum_pack(s, (uint8_t *) VARDATA(b));
	return PointerGetDatum(b);
}

/* Unpack argument argno (validated again: a stored value may be corrupt). */
static void
ss_arg(FunctionCallInfo fcinfo, int argno, KmSentSum *s)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(argno);
	KmError		err;

	km_clear(&err);
	if (km_sentsum_unpack((const uint8_t *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), s, &err) != KM_OK)
		km_raise(&err, "invalid sentiment_summary value");
}

/* sentiment_summary_in(cstring) */
Datum
km_ss_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	KmSentSum	s;
	KmError		err;

	km_clear(&err);
	if (km_sentsum_parse(str, &s, &err) != KM_OK)
		km_raise(&err, "invalid input syntax for type sentiment_summary: \"%.*s\"",
				 km_utf8_cut(str, 200), str);
	PG_RETURN_DATUM(ss_datum(&s));
}

/* sentiment_summary_out(sentiment_summary) */
Datum
km_ss_out(PG_FUNCTION_ARGS)
{
	KmSentSum	s;
	char	   *out = palloc(KM_SENTSUM_TEXT_LEN);

	ss_arg(fcinfo, 0, &s);
	km_sentsum_format(&s, out, KM_SENTSUM_TEXT_LEN);
	PG_RETURN_CSTRING(out);
}

/* sentiment_summary_recv(internal, oid, integer): the 40 bytes, validated. */
Datum
km_ss_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KmSentSum	s;
	KmError		err;

	km_clear(&err);
	if (km_sentsum_unpack((const uint8_t *) buf->data + buf->cursor,
						  (size_t) (buf->len - buf->cursor), &s, &err) != KM_OK)
		km_raise(&err, "invalid external representation for type sentiment_summary");
	buf->cursor = buf->len;
	PG_RETURN_DATUM(ss_datum(&s));
}

/* sentiment_summary_send(sentiment_summary): the 40 bytes as stored. */
Datum
km_ss_send(PG_FUNCTION_ARGS)
{
	KmSentSum	s;

	ss_arg(fcinfo, 0, &s);
	PG_RETURN_DATUM(ss_datum(&s));
}

/* = over the stored bytes */
Datum
km_ss_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(km_canonical_equal(fcinfo));
}

/* <> */
Datum
km_ss_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!km_canonical_equal(fcinfo));
}

/* hash over the stored bytes */
Datum
km_ss_hash(PG_FUNCTION_ARGS)
{
	return km_canonical_hash(fcinfo);
}

/* sentiment_agg's transition: add the sentiment of one text (NULL texts are skipped). */
Datum
km_ss_agg_trans(PG_FUNCTION_ARGS)
{
	KmSentSum	s;
	KmError		err;
	double		score;
	const TextCache *c;
	text	   *t;

	memset(&s, 0, sizeof(s));
	if (!PG_ARGISNULL(0))
		ss_arg(fcinfo, 0, &s);
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	c = text_cache(fcinfo);
	t = PG_GETARG_TEXT_PP(1);
	score = km_sentiment(c->m, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL);
	km_clear(&err);
	if (km_sentsum_add(&s, score, &err) != KM_OK)
		km_raise(&err, "sentiment_summary overflows");
	PG_RETURN_DATUM(ss_datum(&s));
}

/* Combine (and rollup's transition): the sum of two summaries; NULL is empty. */
Datum
km_ss_combine(PG_FUNCTION_ARGS)
{
	KmSentSum	a,
				b;
	KmError		err;

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	ss_arg(fcinfo, 0, &a);
	ss_arg(fcinfo, 1, &b);
	km_clear(&err);
	if (km_sentsum_merge(&a, &b, &err) != KM_OK)
		km_raise(&err, "sentiment_summary overflows");
	PG_RETURN_DATUM(ss_datum(&a));
}

/* The texts of a summary with label sign (2: all). */
static int64
ss_count(FunctionCallInfo fcinfo, int sign)
{
	KmSentSum	s;

	ss_arg(fcinfo, 0, &s);
	return sign > 1 ? s.positive + s.negative + s.neutral :
		sign > 0 ? s.positive : sign < 0 ? s.negative : s.neutral;
}

/* positive_count(sentiment_summary) */
Datum
km_ss_positive(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ss_count(fcinfo, 1));
}

/* negative_count(sentiment_summary) */
Datum
km_ss_negative(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ss_count(fcinfo, -1));
}

/* neutral_count(sentiment_summary) */
Datum
km_ss_neutral(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ss_count(fcinfo, 0));
}

/* text_count(sentiment_summary) */
Datum
km_ss_texts(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ss_count(fcinfo, 2));
}

/* mean_sentiment: score sum / texts; NULL for no texts. */
Datum
km_ss_mean(PG_FUNCTION_ARGS)
{
	KmSentSum	s;
	int64		n;

	ss_arg(fcinfo, 0, &s);
	n = s.positive + s.negative + s.neutral;
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(((double) s.score_nanos / KM_SENTSUM_SCALE) / (double) n);
}

/* net_sentiment: (positive - negative) / texts; NULL for no texts. */
Datum
km_ss_net(PG_FUNCTION_ARGS)
{
	KmSentSum	s;
	int64		n;

	ss_arg(fcinfo, 0, &s);
	n = s.positive + s.negative + s.neutral;
	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) (s.positive - s.negative) / (double) n);
}
