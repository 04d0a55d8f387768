/*
 * ingest.c
 *	  SQL face of payload ingest: parse_count, count_is_floor, ingest_post,
 *	  ingest_posts and ingest_live over text, json and jsonb.  The mapping
 *	  lives in src/core/ingest*.c; this file unpacks arguments, builds the
 *	  kolmetrics.ingested_post and kolmetrics.ingested_live rows and raises
 *	  core errors.
 */
#include "km_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "mb/pg_wchar.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "count.h"
#include "ingest.h"
#include "ingest_json.h"

PG_FUNCTION_INFO_V1(km_parse_count_sql);
PG_FUNCTION_INFO_V1(km_count_is_floor);
PG_FUNCTION_INFO_V1(km_ingest_post_text);
PG_FUNCTION_INFO_V1(km_ingest_post_jsonb);
PG_FUNCTION_INFO_V1(km_ingest_posts_text);
PG_FUNCTION_INFO_V1(km_ingest_posts_jsonb);
PG_FUNCTION_INFO_V1(km_ingest_live_text);
PG_FUNCTION_INFO_V1(km_ingest_live_jsonb);

/* Columns of kolmetrics.ingested_post. */
enum
{
	COL_PLATFORM,
	COL_SHAPE,
	COL_POST_ID,
	COL_AUTHOR_ID,
	COL_POSTED_AT,
	COL_LIKES,					/* then comments ... followers, in KmField order */
	COL_ROUNDED = COL_LIKES + KM_F_COUNT,
	COL_FLOORS,
	COL_ABSENT,
	COL_ERROR,
	NCOLS
};


/* One parse state per backend: the json-c tokener is reused across calls. */
static KmIngest backend_ingest;
static bool backend_ingest_ready = false;

/* The backend's parse state, set up on first use. */
static KmIngest *
get_ingest(void)
{
	if (!backend_ingest_ready)
	{
		KmError		err;

		km_clear(&err);
		if (km_ingest_init(&backend_ingest, &err) != KM_OK)
			km_raise(&err, "could not set up the JSON parser");
		backend_ingest_ready = true;
	}
	return &backend_ingest;
}

#define FLAG_SETS (1 << KM_F_COUNT)

/*
 * Per-call-site cache: the result row's shape, and the text[] of every set
 * of counter names, built on first use (rows of a bulk load share a handful
 * of them).
 */
/* What every ingest call site keeps: its checked row shape and its field names as text. */
typedef struct CallCache
{
	TupleDesc	tupdesc;
	Datum	   *names;
} CallCache;

typedef struct IngestCache
{
	CallCache	h;				/* names: the counters' */
	Datum		flag_sets[FLAG_SETS];	/* text[] by bit set of KmField; 0 = not built */
} IngestCache;

/*
 * The blessed result row descriptor of an ingest function (in the current
 * memory context), checked to have ncols columns of the composite typname.
 */
static TupleDesc
result_tupdesc(FunctionCallInfo fcinfo, int ncols, const char *typname)
{
	TupleDesc	td;

	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "ingest function must return a composite type");
	if (td->natts != ncols)
		elog(ERROR, "kolmetrics.%s has %d columns, expected %d", typname, td->natts, ncols);
	return BlessTupleDesc(CreateTupleDescCopy(td));
}

/*
 * A call site's cache (fn_extra) of size bytes, a CallCache first, allocated
 * zeroed and filled on first use in the call site's memory context.
 */
static void *
call_cache(FunctionCallInfo fcinfo, size_t size, const char *const *fields, int nfields,
		   int ncols, const char *typname)
{
	CallCache  *c = (CallCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		int			i;

		c = palloc0(size);
		c->names = palloc(sizeof(Datum) * nfields);
		for (i = 0; i < nfields; i++)
			c->names[i] = PointerGetDatum(cstring_to_text(fields[i]));
		c->tupdesc = result_tupdesc(fcinfo, ncols, typname);
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* The call site's IngestCache, built and checked on first use. */
static IngestCache *
get_cache(FunctionCallInfo fcinfo)
{
	return call_cache(fcinfo, sizeof(IngestCache), km_field_names, KM_F_COUNT, NCOLS, "ingested_post");
}

/*
 * The core platform named by a text datum; 22P02 naming the value, with the
 * list of names as hint, for anything else.  Functions take the platform as
 * text (a literal then needs no domain coercion, which would keep the call
 * out of parallel workers); the domain kolmetrics.platform, for columns,
 * checks its values with this same rule (check_platform).
 */
static KmPlatform
platform_of(Datum platform)
{
	text	   *t = DatumGetTextPP(platform);
	int			len = VARSIZE_ANY_EXHDR(t);
	char		name[32];
	KmPlatform	p;

	if (len < (int) sizeof(name))
	{
		memcpy(name, VARDATA_ANY(t), len);
		name[len] = '\0';
		if (km_platform_from_name(name, &p))
			return p;
	}
	{
		char	   *s = text_to_cstring(t);
		StringInfoData names;
		int			i;

		initStringInfo(&names);
		for (i = 0; i < KM_P_COUNT; i++)
			appendStringInfo(&names, "%s%s", i ? ", " : "", km_platform_names[i]);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid platform: \"%.*s\"", km_utf8_cut(s, 60), s),
				 errhint("The platforms are %s (lower case).", names.data)));
	}
	return KM_P_COUNT;			/* not reached */
}

PG_FUNCTION_INFO_V1(km_check_platform);

/* check_platform(text): its argument when it names a platform, else 22P02. */
Datum
km_check_platform(PG_FUNCTION_ARGS)
{
	(void) platform_of(PG_GETARG_DATUM(0));
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* ---------------------------------------------------------- parse_count */

/* Parse a count string, raising 22P02 / 22003 naming it. */
static int64
parse_count_or_raise(text *t, unsigned *flags)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int64_t		v = 0;
	KmError		err;

	km_clear(&err);
	if (km_parse_count(s, (size_t) len, &v, flags, &err) != KM_OK)
	{
		char	   *str = text_to_cstring(t);

		if (err.code == KM_ERANGE)
			km_raise(&err, "count \"%s\" is out of range for type bigint", str);
		km_raise(&err, "invalid input syntax for a count: \"%s\"", str);
	}
	return v;
}

/* parse_count(text): "1.2万" -> 12000, "10万+" -> 100000, "1,234" -> 1234. */
Datum
km_parse_count_sql(PG_FUNCTION_ARGS)
{
	unsigned	flags;

	PG_RETURN_INT64(parse_count_or_raise(PG_GETARG_TEXT_PP(0), &flags));
}

/*
 * count_is_floor(count text, platform DEFAULT NULL): true for "+" counts
 * ("10万+"), and for the known caps of a platform: WeChat read_num 100001.
 */
Datum
km_count_is_floor(PG_FUNCTION_ARGS)
{
	unsigned	flags = 0;
	int64		v;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	v = parse_count_or_raise(PG_GETARG_TEXT_PP(0), &flags);
	PG_RETURN_BOOL(km_count_is_floor_of(v, flags, !PG_ARGISNULL(1),
										PG_ARGISNULL(1) ? KM_P_COUNT : platform_of(PG_GETARG_DATUM(1))));
}

/* ---------------------------------------------------------- ingest_post */

/* text[] of the counter names whose flags match (any bit of mask, or none when mask 0). */
static Datum
flag_array(IngestCache *c, const KmPost *p, uint8_t mask)
{
	unsigned	set = 0;
	int			i;

	for (i = 0; i < KM_F_COUNT; i++)
		if (mask ? (p->flags[i] & mask) != 0 : (p->flags[i] & KM_V_PRESENT) == 0)
			set |= 1u << i;
	if (c->flag_sets[set] == (Datum) 0)
	{
		MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(c));
		Datum		elems[KM_F_COUNT];
		int			n = 0;

		for (i = 0; i < KM_F_COUNT; i++)
			if (set & (1u << i))
				elems[n++] = c->h.names[i];
		c->flag_sets[set] = n == 0
			? PointerGetDatum(construct_empty_array(TEXTOID))
			: PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
		MemoryContextSwitchTo(old);
	}
	return c->flag_sets[set];
}

/* Unix microseconds to timestamptz. */
static Datum
unix_us_to_timestamptz(int64_t us)
{
	TimestampTz ts = us - ((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY);

	return TimestampTzGetDatum(ts);
}

/* The message of a payload error: "invalid weibo payload: <detail>". */
static char *
payload_error_text(KmPlatform p, const KmError *err)
{
	return psprintf("invalid %s payload: %s", km_platform_names[p], err->detail);
}

/*
 * A result row carrying only the platform (first column) and an error (last
 * column), every other column NULL: ingested_post and ingested_live alike.
 */
static HeapTuple
platform_error_tuple(TupleDesc td, Datum platform, KmPlatform p, const KmError *err)
{
	Datum	   *values = palloc0(sizeof(Datum) * td->natts);
	bool	   *nulls = palloc(sizeof(bool) * td->natts);
	HeapTuple	tup;

	memset(nulls, true, sizeof(bool) * td->natts);
	values[0] = platform;
	nulls[0] = false;
	values[td->natts - 1] = CStringGetTextDatum(payload_error_text(p, err));
	nulls[td->natts - 1] = false;
	tup = heap_form_tuple(td, values, nulls);
	pfree(DatumGetPointer(values[td->natts - 1]));
	pfree(values);
	pfree(nulls);
	return tup;
}

/* A row of kolmetrics.ingested_post carrying only the platform and an error. */
static HeapTuple
error_tuple(IngestCache *c, Datum platform, KmPlatform p, const KmError *err)
{
	StaticAssertStmt(COL_PLATFORM == 0 && COL_ERROR == NCOLS - 1,
					 "platform first, error last");
	return platform_error_tuple(c->h.tupdesc, platform, p, err);
}

/* A row of kolmetrics.ingested_post from a mapped post. */
static HeapTuple
post_tuple(IngestCache *c, Datum platform, const KmPost *post)
{
	Datum		values[NCOLS];
	bool		nulls[NCOLS];
	int			i;

	memset(nulls, true, sizeof(nulls));
	values[COL_PLATFORM] = platform;
	nulls[COL_PLATFORM] = false;
	values[COL_SHAPE] = CStringGetTextDatum(post->shape);
	nulls[COL_SHAPE] = false;
	if (post->post_id)
	{
		values[COL_POST_ID] = PointerGetDatum(cstring_to_text_with_len(post->post_id,
																	   (int) post->post_id_len));
		nulls[COL_POST_ID] = false;
	}
	if (post->author_id)
	{
		values[COL_AUTHOR_ID] = PointerGetDatum(cstring_to_text_with_len(post->author_id,
																		 (int) post->author_id_len));
		nulls[COL_AUTHOR_ID] = false;
	}
	if (post->has_posted_at)
	{
		values[COL_POSTED_AT] = unix_us_to_timestamptz(post->posted_at_us);
		nulls[COL_POSTED_AT] = false;
	}
	for (i = 0; i < KM_F_COUNT; i++)
		if (post->flags[i] & KM_V_PRESENT)
		{
			values[COL_LIKES + i] = Int64GetDatum(post->value[i]);
			nulls[COL_LIKES + i] = false;
		}
	values[COL_ROUNDED] = flag_array(c, post, KM_V_ROUNDED);
	values[COL_FLOORS] = flag_array(c, post, KM_V_FLOOR);
	values[COL_ABSENT] = flag_array(c, post, 0);
	nulls[COL_ROUNDED] = nulls[COL_FLOORS] = nulls[COL_ABSENT] = false;
	return heap_form_tuple(c->h.tupdesc, values, nulls);
}

/* Raise a payload error of function fname (strict mode). */
static void
raise_payload_error(KmPlatform p, const KmError *err, const char *fname)
{
	ereport(ERROR,
			(errcode(km_sqlstate(err->code)),
			 errmsg("invalid %s payload for %s", km_platform_names[p], fname),
			 errdetail("%s", err->detail),
			 err->code == KM_ELIMIT
			 ? errhint("A payload may have at most %d bytes, %d levels of nesting, %d objects, %d values and %d items in its list.",
					   KM_INGEST_MAX_BYTES, KM_INGEST_MAX_DEPTH, KM_INGEST_MAX_OBJECTS,
					   KM_INGEST_MAX_VALUES, KM_INGEST_MAX_POSTS)
			 : errhint("Pass strict => false to get a row with the error instead.")));
}

/*
 * A jsonb number for the tree.  Integers (scale 0) that fit int4 are formatted
 * here; anything else as numeric_out prints it, which is the text
 * JsonbToCString would have given json-c.
 */
static KmJFast
jsonb_number(KmJBuild *b, Numeric num)
{
	if (!numeric_is_nan(num) && !numeric_is_inf(num) &&
		DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(num))) == 0)
	{
		bool		overflow = false;
		int32		i = numeric_int4_opt_error(num, &overflow);

		if (!overflow)
		{
			char		buf[16];
			char	   *w = buf + sizeof(buf);
			uint32		u = i < 0 ? (uint32) 0 - (uint32) i : (uint32) i;

			do
				*--w = (char) ('0' + u % 10);
			while ((u /= 10) != 0);
			if (i < 0)
				*--w = '-';
			return km_jbuild_number(b, w, (size_t) (buf + sizeof(buf) - w));
		}
	}
	{
		char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));

		return km_jbuild_number(b, s, strlen(s));
	}
}

/*
 * Build the payload tree straight from a jsonb (no printing and reparsing).
 * false when the jsonb holds anything the text path would not take on its
 * fast path (see km_jbuild_*): the caller then prints it and parses the text,
 * so that results and errors are those of the text path.
 */
static bool
jsonb_tree(KmIngest *ing, Jsonb *jb)
{
	KmJBuild	b;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	KmJFast		r = KJ_FAST_OK;

	/*
	 * Big values could print beyond the byte limit, and text in another
	 * server encoding is UTF-8-checked by the parsers: both go through text.
	 */
	if (GetDatabaseEncoding() != PG_UTF8 || VARSIZE(jb) > 1024 * 1024 || JB_ROOT_IS_SCALAR(jb))
		return false;
	km_ingest_reset(ing);
	km_jbuild_begin(&b, (KmJTree *) ing->tree);
	it = JsonbIteratorInit(&jb->root);
	while (r == KJ_FAST_OK && (tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		switch (tok)
		{
			case WJB_BEGIN_OBJECT:
				r = km_jbuild_open(&b, true);
				break;
			case WJB_BEGIN_ARRAY:
				r = km_jbuild_open(&b, false);
				break;
			case WJB_END_OBJECT:
			case WJB_END_ARRAY:
				r = km_jbuild_close(&b);
				break;
			case WJB_KEY:
				r = km_jbuild_key(&b, v.val.string.val, (size_t) v.val.string.len);
				break;
			case WJB_VALUE:
			case WJB_ELEM:
				switch (v.type)
				{
					case jbvNull:
						r = km_jbuild_null(&b);
						break;
					case jbvBool:
						r = km_jbuild_bool(&b, v.val.boolean);
						break;
					case jbvString:
						r = km_jbuild_string(&b, v.val.string.val, (size_t) v.val.string.len);
						break;
					case jbvNumeric:
						r = jsonb_number(&b, v.val.numeric);
						break;
					default:
						r = KJ_FAST_DECLINED;
						break;
				}
				break;
			default:
				r = KJ_FAST_DECLINED;
				break;
		}
	}
	if (r == KJ_FAST_OK)
		r = km_jbuild_finish(&b);
	if (r != KJ_FAST_OK)
		km_ingest_reset(ing);
	return r == KJ_FAST_OK;
}

/*
 * Map argument 1 as a payload of platform p: text and json as they are, jsonb
 * walked into the tree directly or else printed once.
 */
static KmCode
ingest_arg(FunctionCallInfo fcinfo, KmIngest *ing, KmPlatform p, bool is_jsonb, bool list,
		   KmError *err)
{
	if (is_jsonb)
	{
		Jsonb	   *jb = PG_GETARG_JSONB_P(1);
		char	   *s;

		if (jsonb_tree(ing, jb))
			return km_ingest_map_built(ing, p, list, err);
		/* print it once and parse the text */
		s = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
		return km_ingest_run(ing, p, s, strlen(s), list, err);
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(1);

		return km_ingest_run(ing, p, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), list, err);
	}
}

/*
 * Read the payload argument (ingest_arg), with the error handling both
 * functions share: the parse state is reset, then out of memory raises, any
 * other error raises when strict and is returned otherwise (for an error row).
 */
static KmCode
ingest_payload(FunctionCallInfo fcinfo, KmIngest *ing, KmPlatform p, bool is_jsonb,
			   bool list, bool strict, KmError *err)
{
	KmCode		rc;

	km_clear(err);
	rc = ingest_arg(fcinfo, ing, p, is_jsonb, list, err);
	if (rc == KM_OK)
		return rc;
	km_ingest_reset(ing);
	if (rc == KM_ENOMEM)
		km_raise(err, "out of memory while ingesting a %s payload", km_platform_names[p]);
	if (strict)
		raise_payload_error(p, err, list ? "ingest_posts" : "ingest_post");
	return rc;
}

/* ingest_post(platform, payload, strict): one post as kolmetrics.ingested_post. */
static HeapTuple
ingest_post_tuple(FunctionCallInfo fcinfo, IngestCache *c, KmIngest *ing, bool is_jsonb)
{
	Datum		platform = PG_GETARG_DATUM(0);
	KmPlatform	p = platform_of(platform);
	bool		strict = PG_GETARG_BOOL(2);
	KmError		err;
	KmCode		rc;
	HeapTuple	tup;

	rc = ingest_payload(fcinfo, ing, p, is_jsonb, false, strict, &err);
	if (rc != KM_OK)
		tup = error_tuple(c, platform, p, &err);
	else
	{
		tup = post_tuple(c, platform, &ing->posts[0]);
		km_ingest_reset(ing);
	}
	return tup;
}

/* ingest_post on a text or jsonb payload; the parse state is reset on error. */
static Datum
ingest_post_common(FunctionCallInfo fcinfo, bool is_jsonb)
{
	IngestCache *c = get_cache(fcinfo);
	KmIngest   *ing = get_ingest();
	HeapTuple	tup;

	/* any error on the way leaves nothing of the payload behind (malloc'd) */
	PG_TRY();
	{
		tup = ingest_post_tuple(fcinfo, c, ing, is_jsonb);
	}
	PG_CATCH();
	{
		km_ingest_reset(ing);
		PG_RE_THROW();
	}
	PG_END_TRY();
	PG_RETURN_DATUM(HeapTupleGetDatum(tup));
}

Datum
km_ingest_post_text(PG_FUNCTION_ARGS)
{
	return ingest_post_common(fcinfo, false);
}

Datum
km_ingest_post_jsonb(PG_FUNCTION_ARGS)
{
	return ingest_post_common(fcinfo, true);
}

/*
 * ingest_posts(platform, payload, strict): one row per post of a list
 * response.  A materialized SRF: every row goes into the tuplestore in this
 * one call.  The parsed tree and the posts are malloc'd in the backend's
 * parse state (json-c allocates with malloc); they are released before
 * returning, and on any error (strict errors, a failed palloc or
 * tuplestore write), so that a large list leaves nothing behind.
 */
static void
ingest_posts_fill(FunctionCallInfo fcinfo, IngestCache *c, KmIngest *ing, bool is_jsonb)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum		platform = PG_GETARG_DATUM(0);
	KmPlatform	p = platform_of(platform);
	bool		strict = PG_GETARG_BOOL(2);
	KmError		err;
	KmCode		rc;
	int			i;

	rc = ingest_payload(fcinfo, ing, p, is_jsonb, true, strict, &err);
	if (rc != KM_OK)
	{
		tuplestore_puttuple(rsinfo->setResult, error_tuple(c, platform, p, &err));
		return;
	}
	if (strict && ing->nbad > 0)
	{
		for (i = 0; i < ing->nposts; i++)
			if (ing->posts[i].err.code != KM_OK)
			{
				err = ing->posts[i].err;
				km_ingest_reset(ing);
				raise_payload_error(p, &err, "ingest_posts");
			}
	}
	for (i = 0; i < ing->nposts; i++)
	{
		const KmPost *post = &ing->posts[i];
		HeapTuple	tup = post->err.code != KM_OK
			? error_tuple(c, platform, p, &post->err)
			: post_tuple(c, platform, post);

		tuplestore_puttuple(rsinfo->setResult, tup);
		heap_freetuple(tup);
	}
	km_ingest_reset(ing);
}

/* ingest_posts on a text or jsonb payload; the parse state is reset on error. */
static Datum
ingest_posts_common(FunctionCallInfo fcinfo, bool is_jsonb)
{
	IngestCache *c = get_cache(fcinfo);
	KmIngest   *ing = get_ingest();

	InitMaterializedSRF(fcinfo, 0);
	PG_TRY();
	{
		ingest_posts_fill(fcinfo, c, ing, is_jsonb);
	}
	PG_CATCH();
	{
		km_ingest_reset(ing);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return (Datum) 0;
}

Datum
km_ingest_posts_text(PG_FUNCTION_ARGS)
{
	return ingest_posts_common(fcinfo, false);
}

Datum
km_ingest_posts_jsonb(PG_FUNCTION_ARGS)
{
	return ingest_posts_common(fcinfo, true);
}

/* ---------------------------------------------------------- ingest_live */

/* Columns of kolmetrics.ingested_live. */
enum
{
	LCOL_PLATFORM,
	LCOL_SHAPE,
	LCOL_ROOM_ID,
	LCOL_AUTHOR_ID,
	LCOL_TITLE,
	LCOL_STARTED_AT,
	LCOL_ENDED_AT,
	LCOL_FIELDS,				/* gmv ... ad_gmv, in KmLiveField order */
	LCOL_ROUNDED = LCOL_FIELDS + KM_L_COUNT,
	LCOL_FLOORS,
	LCOL_ABSENT,
	LCOL_ERROR,
	LNCOLS
};

/* The money fields of a live session (numeric columns). */
#define LIVE_MONEY(f) ((f) == KM_L_GMV || (f) == KM_L_REFUND_AMOUNT || \
					   (f) == KM_L_AD_SPEND || (f) == KM_L_AD_GMV)

/* Per-call-site cache of ingest_live: the row shape and the field names as text. */
typedef struct LiveCache
{
	CallCache	h;				/* names: the live fields' */
} LiveCache;

/* The call site's LiveCache, built and checked on first use. */
static LiveCache *
get_live_cache(FunctionCallInfo fcinfo)
{
	return call_cache(fcinfo, sizeof(LiveCache), km_live_field_names, KM_L_COUNT, LNCOLS, "ingested_live");
}

/* text[] of the live fields whose flags match any bit of mask (mask 0: the absent ones). */
static Datum
live_flag_array(LiveCache *c, const KmLiveRoom *room, uint8_t mask)
{
	Datum		elems[KM_L_COUNT];
	int			n = 0,
				i;

	for (i = 0; i < KM_L_COUNT; i++)
		if (mask ? (room->flags[i] & mask) != 0 : (room->flags[i] & KM_V_PRESENT) == 0)
			elems[n++] = c->h.names[i];
	if (n == 0)
		return PointerGetDatum(construct_empty_array(TEXTOID));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* UTF-8 bytes of the payload as text in the database encoding. */
static Datum
utf8_text(const char *s, size_t len)
{
	char	   *conv = pg_any_to_server(s, (int) len, PG_UTF8);

	return PointerGetDatum(cstring_to_text_with_len(conv, conv == s ? (int) len : (int) strlen(conv)));
}

/* A row of kolmetrics.ingested_live from a mapped room. */
static HeapTuple
live_tuple(LiveCache *c, Datum platform, const KmLiveRoom *room)
{
	Datum		values[LNCOLS];
	bool		nulls[LNCOLS];
	int			i;

	memset(nulls, true, sizeof(nulls));
	values[LCOL_PLATFORM] = platform;
	nulls[LCOL_PLATFORM] = false;
	values[LCOL_SHAPE] = CStringGetTextDatum(room->shape);
	nulls[LCOL_SHAPE] = false;
	if (room->room_id)
	{
		values[LCOL_ROOM_ID] = utf8_text(room->room_id, room->room_id_len);
		nulls[LCOL_ROOM_ID] = false;
	}
	if (room->author_id)
	{
		values[LCOL_AUTHOR_ID] = utf8_text(room->author_id, room->author_id_len);
		nulls[LCOL_AUTHOR_ID] = false;
	}
	if (room->title)
	{
		values[LCOL_TITLE] = utf8_text(room->title, room->title_len);
		nulls[LCOL_TITLE] = false;
	}
	if (room->has_started_at)
	{
		values[LCOL_STARTED_AT] = unix_us_to_timestamptz(room->started_at_us);
		nulls[LCOL_STARTED_AT] = false;
	}
	if (room->has_ended_at)
	{
		values[LCOL_ENDED_AT] = unix_us_to_timestamptz(room->ended_at_us);
		nulls[LCOL_ENDED_AT] = false;
	}
	for (i = 0; i < KM_L_COUNT; i++)
		if (room->flags[i] & KM_V_PRESENT)
		{
			/* no known shape carries money; a whole amount would read as such */
			values[LCOL_FIELDS + i] = LIVE_MONEY(i)
				? NumericGetDatum(int64_to_numeric(room->value[i]))
				: Int64GetDatum(room->value[i]);
			nulls[LCOL_FIELDS + i] = false;
		}
	values[LCOL_ROUNDED] = live_flag_array(c, room, KM_V_ROUNDED);
	values[LCOL_FLOORS] = live_flag_array(c, room, KM_V_FLOOR);
	values[LCOL_ABSENT] = live_flag_array(c, room, 0);
	nulls[LCOL_ROUNDED] = nulls[LCOL_FLOORS] = nulls[LCOL_ABSENT] = false;
	return heap_form_tuple(c->h.tupdesc, values, nulls);
}

/*
 * Parse argument 1 into the tree (jsonb walked directly or printed once, as
 * ingest_arg does) and map it as a live room of platform p.
 */
static KmCode
ingest_live_arg(FunctionCallInfo fcinfo, KmIngest *ing, KmPlatform p, bool is_jsonb,
				KmLiveRoom *room, KmError *err)
{
	KmCode		rc;

	if (km_ingest_live_check(p, err) != KM_OK)
		return err->code;
	if (is_jsonb)
	{
		Jsonb	   *jb = PG_GETARG_JSONB_P(1);

		if (!jsonb_tree(ing, jb))
		{
			char	   *s = JsonbToCString(NULL, &jb->root, VARSIZE(jb));

			km_ingest_reset(ing);
			if ((rc = km_ingest_parse(ing, s, strlen(s), err)) != KM_OK)
				return rc;
		}
	}
	else
	{
		text	   *t = PG_GETARG_TEXT_PP(1);

		km_ingest_reset(ing);
		if ((rc = km_ingest_parse(ing, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), err)) != KM_OK)
			return rc;
	}
	return km_ingest_live(ing, p, room, err);
}

/* ingest_live(platform, payload, strict): one live session as kolmetrics.ingested_live. */
static HeapTuple
ingest_live_tuple(FunctionCallInfo fcinfo, KmIngest *ing, bool is_jsonb)
{
	LiveCache  *c = get_live_cache(fcinfo);
	Datum		platform = PG_GETARG_DATUM(0);
	KmPlatform	p = platform_of(platform);
	bool		strict = PG_GETARG_BOOL(2);
	KmLiveRoom	room;
	KmError		err;
	KmCode		rc;
	HeapTuple	tup;

	km_clear(&err);
	rc = ingest_live_arg(fcinfo, ing, p, is_jsonb, &room, &err);
	if (rc != KM_OK)
	{
		km_ingest_reset(ing);
		if (rc == KM_ENOMEM)
			km_raise(&err, "out of memory while ingesting a %s payload", km_platform_names[p]);
		if (strict)
			raise_payload_error(p, &err, "ingest_live");
		StaticAssertStmt(LCOL_PLATFORM == 0 && LCOL_ERROR == LNCOLS - 1,
						 "platform first, error last");
		return platform_error_tuple(c->h.tupdesc, platform, p, &err);
	}
	tup = live_tuple(c, platform, &room);
	km_ingest_reset(ing);
	return tup;
}

/* ingest_live on a text or jsonb payload; the parse state is reset on error. */
static Datum
ingest_live_common(FunctionCallInfo fcinfo, bool is_jsonb)
{
	KmIngest   *ing = get_ingest();
	HeapTuple	tup;

	PG_TRY();
	{
		tup = ingest_live_tuple(fcinfo, ing, is_jsonb);
	}
	PG_CATCH();
	{
		km_ingest_reset(ing);
		PG_RE_THROW();
	}
	PG_END_TRY();
	PG_RETURN_DATUM(HeapTupleGetDatum(tup));
}

Datum
km_ingest_live_text(PG_FUNCTION_ARGS)
{
	return ingest_live_common(fcinfo, false);
}

Datum
km_ingest_live_jsonb(PG_FUNCTION_ARGS)
{
	return ingest_live_common(fcinfo, true);
}
