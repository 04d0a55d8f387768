/*
 * authenticity_score.c
 *	  follower_summary (follower_agg, rollup, I/O) and the score and report
 *	  over the three summaries (sql/kolmetrics--1.0--1.1/80_authenticity.sql,
 *	  core in src/core/auth_follower.c and auth_score.c).
 *
 * Signal weights come from the configuration table authenticity_weight, read
 * once per execution of a query (through SPI, as the calling role, with the
 * query's snapshot) and kept in the call site's fn_extra: a query sees the
 * weights a STABLE SQL function reading the table would see, and an edit
 * shows in the next statement.  A signal without a row weighs 0.
 */
#include "authenticity.h"

#include <math.h>

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(km_fs_in);
PG_FUNCTION_INFO_V1(km_fs_out);
PG_FUNCTION_INFO_V1(km_fs_recv);
PG_FUNCTION_INFO_V1(km_fs_send);
PG_FUNCTION_INFO_V1(km_fs_agg_trans);
PG_FUNCTION_INFO_V1(km_fs_rollup_trans);
PG_FUNCTION_INFO_V1(km_fs_combine);
PG_FUNCTION_INFO_V1(km_fs_serial);
PG_FUNCTION_INFO_V1(km_fs_deserial);
PG_FUNCTION_INFO_V1(km_fs_final);
PG_FUNCTION_INFO_V1(km_fs_snapshots);
PG_FUNCTION_INFO_V1(km_auth_score_fn);
PG_FUNCTION_INFO_V1(km_auth_report_fn);

/* The aggregate state: snapshots in a growing array, normalized when it fills. */
typedef struct FolState
{
	KmFollowers f;
	int64		room;
	MemoryContext cxt;
} FolState;

/* A varlena holding the packed form of a normalized summary. */
static Datum
fol_datum(const KmFollowers *f)
{
	size_t		len = km_fol_len(f);
	struct varlena *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	km_fol_pack(f, (uint8_t *) VARDATA(v));
	return PointerGetDatum(v);
}

/* Read packed bytes (validated) into f, whose array is allocated here. */
static void
fol_read(const uint8_t *buf, size_t len, KmFollowers *f, int code, const char *what)
{
	KmError		err;

	km_clear(&err);
	f->s = palloc(sizeof(KmSnap) * KM_FOL_CAP);
	if (km_fol_unpack(buf, len, f, &err) != KM_OK)
		ereport(ERROR,
				(errcode(code),
				 errmsg("%s", what),
				 errdetail("%s", err.detail)));
}

/* Argument n, a stored follower_summary. */
static void
fol_arg(FunctionCallInfo fcinfo, int n, KmFollowers *f)
{
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n));

	fol_read((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), f,
			 ERRCODE_DATA_CORRUPTED, "corrupt follower_summary value");
}

/* follower_summary_in(cstring): parse and validate (22P02). */
Datum
km_fs_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	KmFollowers f = {0, 0, palloc(sizeof(KmSnap) * KM_FOL_CAP)};
	KmError		err;

	km_clear(&err);
	if (km_fol_parse(str, &f, &err) != KM_OK)
		km_raise(&err, "invalid input syntax for type follower_summary: \"%.*s\"",
				 km_utf8_cut(str, 200), str);
	PG_RETURN_DATUM(fol_datum(&f));
}

/* follower_summary_out: the text form. */
Datum
km_fs_out(PG_FUNCTION_ARGS)
{
	KmFollowers f;
	char	   *out;
	size_t		size;

	fol_arg(fcinfo, 0, &f);
	size = km_fol_text_max(&f);
	out = palloc(size);
	km_fol_format(&f, out, size);
	PG_RETURN_CSTRING(out);
}

/* follower_summary_recv: the packed form, validated (22P03). */
Datum
km_fs_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KmFollowers f;

	fol_read((const uint8_t *) buf->data + buf->cursor, (size_t) (buf->len - buf->cursor), &f,
			 ERRCODE_INVALID_BINARY_REPRESENTATION,
			 "invalid external representation for type follower_summary");
	buf->cursor = buf->len;
	PG_RETURN_DATUM(fol_datum(&f));
}

/* follower_summary_send */
Datum
km_fs_send(PG_FUNCTION_ARGS)
{
	KmFollowers f;

	fol_arg(fcinfo, 0, &f);
	PG_RETURN_DATUM(fol_datum(&f));
}

/* The state in argument 0, or a new empty one. */
static FolState *
fol_state(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext cxt = km_agg_context(fcinfo, fname);
	FolState   *st;

	if (!PG_ARGISNULL(0))
		return (FolState *) PG_GETARG_POINTER(0);
	st = MemoryContextAllocZero(cxt, sizeof(FolState));
	st->cxt = cxt;
	st->room = 64;
	st->f.s = MemoryContextAlloc(cxt, sizeof(KmSnap) * st->room);
	return st;
}

/* Append snapshots; a full array is normalized (at most KM_FOL_CAP kept) or grown. */
static void
fol_append(FolState *st, const KmSnap *s, int64 n, int64 dropped)
{
	int64		i;

	st->f.dropped += dropped;
	for (i = 0; i < n; i++)
	{
		if (st->f.n == st->room)
		{
			if (st->room >= 2 * KM_FOL_CAP)
				km_fol_normalize(&st->f);
			if (st->f.n == st->room)
			{
				st->room *= 2;
				st->f.s = repalloc(st->f.s, sizeof(KmSnap) * st->room);
			}
		}
		st->f.s[st->f.n++] = s[i];
	}
}

/* follower_agg transition: (state, observed_at, followers); rows with a NULL skipped. */
Datum
km_fs_agg_trans(PG_FUNCTION_ARGS)
{
	FolState   *st = fol_state(fcinfo, "follower_agg");
	KmSnap		s;
	KmError		err;
	TimestampTz ts;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(st);
	ts = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("observed_at must be finite")));
	s.t = ts;
	s.f = PG_GETARG_INT64(2);
	km_clear(&err);
	if (km_fol_check(s.f, &err) != KM_OK)
		km_raise(&err, "follower_agg failed");
	fol_append(st, &s, 1, 0);
	PG_RETURN_POINTER(st);
}

/* rollup(follower_summary) transition. */
Datum
km_fs_rollup_trans(PG_FUNCTION_ARGS)
{
	FolState   *st = fol_state(fcinfo, "rollup");
	KmFollowers f;

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);
	fol_arg(fcinfo, 1, &f);
	fol_append(st, f.s, f.n, f.dropped);
	pfree(f.s);
	PG_RETURN_POINTER(st);
}

/* combine: append the second state's snapshots. */
Datum
km_fs_combine(PG_FUNCTION_ARGS)
{
	FolState   *st,
			   *o;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	st = fol_state(fcinfo, "follower_summary combine");
	o = (FolState *) PG_GETARG_POINTER(1);
	fol_append(st, o->f.s, o->f.n, o->f.dropped);
	PG_RETURN_POINTER(st);
}

/* serial: normalized, packed. */
Datum
km_fs_serial(PG_FUNCTION_ARGS)
{
	FolState   *st;

	(void) km_agg_context(fcinfo, "follower_summary serial");
	st = (FolState *) PG_GETARG_POINTER(0);
	km_fol_normalize(&st->f);
	PG_RETURN_DATUM(fol_datum(&st->f));
}

/* deserial: validated (22P03). */
Datum
km_fs_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = km_agg_context(fcinfo, "follower_summary deserial");
	struct varlena *v = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	MemoryContext old = MemoryContextSwitchTo(cxt);
	FolState   *st = palloc0(sizeof(FolState));

	fol_read((const uint8_t *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &st->f,
			 ERRCODE_INVALID_BINARY_REPRESENTATION, "corrupt follower_summary partial state");
	st->room = KM_FOL_CAP;
	st->cxt = cxt;
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

/* final: normalized, packed; no rows give the empty summary. */
Datum
km_fs_final(PG_FUNCTION_ARGS)
{
	KmFollowers empty = {0, 0, NULL};
	FolState   *st;

	(void) km_agg_context(fcinfo, "follower_summary final");
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(fol_datum(&empty));
	st = (FolState *) PG_GETARG_POINTER(0);
	km_fol_normalize(&st->f);
	PG_RETURN_DATUM(fol_datum(&st->f));
}

/* follower_snapshots(follower_summary): snapshots held. */
Datum
km_fs_snapshots(PG_FUNCTION_ARGS)
{
	KmFollowers f;

	fol_arg(fcinfo, 0, &f);
	PG_RETURN_INT64(f.n);
}

/* ----------------------------------------------------------------- score */

/* The weights of the call site, read once per execution of its query. */
static const double *
score_weights(FunctionCallInfo fcinfo)
{
	double	   *w = fcinfo->flinfo->fn_extra;
	char	   *nsp;
	char	   *sql;
	int			nestlevel,
				i,
				k;

	if (w != NULL)
		return w;
	w = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(double) * KM_SIG_COUNT);
	nsp = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
	sql = psprintf("SELECT signal, weight FROM %s.authenticity_weight", quote_identifier(nsp));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "kolmetrics: could not read authenticity_weight");
	AtEOXact_GUC(true, nestlevel);
	for (i = 0; i < (int) SPI_processed; i++)
	{
		bool		n1,
					n2;
		char	   *name = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &n1));
		Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &n2);

		if (n1 || n2)
			continue;
		for (k = 0; k < KM_SIG_COUNT; k++)
			if (strcmp(name, km_signal_info[k].name) == 0)
				w[k] = DatumGetFloat8(d);
	}
	SPI_finish();
	fcinfo->flinfo->fn_extra = w;
	return w;
}

/* Score the arguments (posts, cohort, followers, comments); false when posts or cohort is NULL. */
static bool
score_args(FunctionCallInfo fcinfo, KmScore *sc)
{
	KmAuth		a;
	KmCohort   *c;
	KmFollowers f,
			   *fp = NULL;
	KmComments *cm = NULL;
	KmError		err;
	void	   *work = NULL;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return false;
	km_auth_summary_arg(fcinfo, 0, &a);
	c = palloc(sizeof(KmCohort));
	km_auth_cohort_arg(fcinfo, 1, c);
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		fol_arg(fcinfo, 2, &f);
		fp = &f;
		work = palloc(km_fol_work_size(f.n));
	}
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
	{
		cm = palloc(sizeof(KmComments));
		km_auth_comments_arg(fcinfo, 3, cm);
	}
	km_clear(&err);
	if (km_auth_score(&a, c, fp, cm, score_weights(fcinfo), work, sc, &err) != KM_OK)
		km_raise(&err, "authenticity_score failed");
	pfree(c);
	return true;
}

/* authenticity_score(posts, cohort, followers): 100 x prod(1 - weight x suspicion). */
Datum
km_auth_score_fn(PG_FUNCTION_ARGS)
{
	KmScore		sc;

	if (!score_args(fcinfo, &sc))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sc.score);
}

/* A JSON string literal of s. */
static void
json_str(StringInfo out, const char *s)
{
	escape_json(out, s);
}

/* A float8 as JSON, rounded to 4 significant decimals of its use; null when not finite. */
static void
json_num(StringInfo s, double v)
{
	if (isfinite(v))
		appendStringInfo(s, "%.6g", v == 0 ? 0.0 : v);
	else
		appendStringInfoString(s, "null");
}

/* The score whose signals cmp_contribution orders (qsort takes no context). */
static const KmScore *sort_score;

/* qsort order of signals: largest loss (most negative contribution) first. */
static int
cmp_contribution(const void *a, const void *b)
{
	double		x = sort_score->sig[*(const int *) a].contribution,
				y = sort_score->sig[*(const int *) b].contribution;

	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *) a - *(const int *) b;
}

/*
 * authenticity_report(posts, cohort, followers) -> jsonb: the score, the
 * signals used (largest loss first) with value, cohort reference, z,
 * suspicion, weight, contribution and a sentence, and the signals left out
 * with the reason.
 */
Datum
km_auth_report_fn(PG_FUNCTION_ARGS)
{
	KmScore		sc;
	StringInfoData s;
	int			order[KM_SIG_COUNT],
				i,
				n = 0;
	char		sentence[320];
	bool		first = true;

	if (!score_args(fcinfo, &sc))
		PG_RETURN_NULL();
	for (i = 0; i < KM_SIG_COUNT; i++)
		if (sc.sig[i].has)
			order[n++] = i;
	sort_score = &sc;
	qsort(order, n, sizeof(int), cmp_contribution);
	initStringInfo(&s);
	appendStringInfoString(&s, "{\"score\": ");
	json_num(&s, sc.score);
	appendStringInfo(&s, ", \"signals_used\": %d, \"signals\": [", sc.used);
	for (i = 0; i < n; i++)
	{
		const KmSignalResult *r = &sc.sig[order[i]];
		bool		post = order[i] < KM_SIG_NCOHORT;

		appendStringInfo(&s, "%s{\"signal\": \"%s\", \"value\": ", i ? ", " : "",
						 km_signal_info[order[i]].name);
		json_num(&s, r->value);
		appendStringInfoString(&s, ", \"reference\": ");
		if (post)
			json_num(&s, r->reference);
		else
			appendStringInfoString(&s, "null");
		appendStringInfoString(&s, ", \"z\": ");
		/* signed: above (+) or below (-) the cohort's median, or the change's own z */
		json_num(&s, post ? (r->x - r->median) / r->scale :
				 order[i] == KM_SIG_FOLLOWER_JUMP ? sc.fol.jump_z : sc.fol.drop_z);
		appendStringInfoString(&s, ", \"suspicion\": ");
		json_num(&s, r->suspicion);
		appendStringInfoString(&s, ", \"weight\": ");
		json_num(&s, r->weight);
		appendStringInfoString(&s, ", \"contribution\": ");
		json_num(&s, r->contribution);
		appendStringInfoString(&s, ", \"reason\": ");
		km_auth_sentence(&sc, (KmSignal) order[i], sentence, sizeof(sentence));
		json_str(&s, sentence);
		appendStringInfoChar(&s, '}');
	}
	appendStringInfoString(&s, "], \"missing\": [");
	for (i = 0; i < KM_SIG_COUNT; i++)
	{
		if (sc.sig[i].has)
			continue;
		appendStringInfo(&s, "%s{\"signal\": \"%s\", \"reason\": ", first ? "" : ", ",
						 km_signal_info[i].name);
		json_str(&s, sc.sig[i].why);
		appendStringInfoChar(&s, '}');
		first = false;
	}
	appendStringInfoString(&s, "]}");
	PG_RETURN_DATUM(km_jsonb_from_text(&s));
}
