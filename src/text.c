/*
 * text.c
 *	  Text signals (doc/text.md): sentiment, sentiment_label, sentiment_terms,
 *	  disclosure, brand_mentions and content_types over one lexicon automaton.
 *
 * The automaton is built from the tables kolmetrics.lexicon,
 * disclosure_marker, content_cue and brand_alias and kept per backend.  It is
 * read as the calling role, with the calling query's snapshot, like the tier
 * cache (tier.c), but a rebuild costs more than one small query, so a copy is
 * also kept across snapshots as long as kolmetrics.text_config_version (bumped
 * from a sequence by a statement trigger on every edit of those tables) reads
 * the same: a sequence value is never reused, so a rolled-back edit, a
 * concurrent commit or another transaction's edit always show as a new
 * version.  A change of role or of kolmetrics.text_builtin_lexicon rebuilds.
 */
#include "km_pg.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "text.h"
#include "text_pg.h"

static bool text_builtin_lexicon = true;

static TextCache cache;

/*
 * The snapshot the version was last read with (km_pg.c's stamps, as the tier
 * and fx caches use), invalidated at every transaction end and subtransaction
 * abort, and the memory its transaction lists live in.
 */
static KmSnapStamp seen;
static MemoryContext seen_cxt;

void		_PG_init(void);

/*
 * Module load: the kolmetrics.text_builtin_lexicon setting (defined here, at
 * load, so that parallel workers receive the leader's value).
 */
void
_PG_init(void)
{
	DefineCustomBoolVariable("kolmetrics.text_builtin_lexicon",
							 "Whether the text functions use the lexicon rows kolmetrics ships.",
							 "When off, only rows of source 'user' in kolmetrics.lexicon count.",
							 &text_builtin_lexicon, true, PGC_USERSET, 0, NULL, NULL, NULL);
}

/* Run a read-only query with search_path pinned to pg_catalog, pg_temp. */
static void
text_spi_query(const char *sql)
{
	int			nestlevel = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "kolmetrics: could not read the text lexicon");
	AtEOXact_GUC(true, nestlevel);
}

/* The kind named in the lexicon query. */
static KmTextKind
kind_of(const char *k)
{
	static const char *const names[KM_TK_NKINDS] = {
		"sentiment", "degree", "negator", "contrast", "disclosure", "brand", "content"
	};
	int			i;

	for (i = 0; i < KM_TK_NKINDS; i++)
		if (strcmp(k, names[i]) == 0)
			return (KmTextKind) i;
	elog(ERROR, "kolmetrics: unknown lexicon kind \"%s\"", k);
	return KM_TK_SENTIMENT;		/* not reached */
}

/* Read the four tables and build the automaton in the cache's context. */
static void
text_cache_build(Oid fn_oid)
{
	const char *q = quote_identifier(get_namespace_name(get_func_namespace(fn_oid)));
	StringInfoData sql;
	MemoryContext old;
	KmTextEntry *entries;
	KmError		err;
	int			i,
				n;

	if (cache.cxt == NULL)
		cache.cxt = AllocSetContextCreate(TopMemoryContext, "kolmetrics text cache",
										  ALLOCSET_DEFAULT_SIZES);
	cache.valid = false;
	cache.m = NULL;
	MemoryContextReset(cache.cxt);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	initStringInfo(&sql);
	/* user rows first: for one normalised term and kind, the first row wins */
	appendStringInfo(&sql,
					 "SELECT k, term, weight, label FROM ("
					 " SELECT kind AS k, term, weight, NULL::text AS label, source"
					 "   FROM %s.lexicon %s"
					 " UNION ALL SELECT 'disclosure', marker,"
					 "   CASE clarity WHEN 'clear' THEN 1 WHEN 'ambiguous' THEN 0 ELSE -1 END,"
					 "   jurisdiction, source FROM %s.disclosure_marker"
					 " UNION ALL SELECT 'content', cue, 0, content_type, source FROM %s.content_cue"
					 " UNION ALL SELECT 'brand', alias, 0, brand, 'user' FROM %s.brand_alias"
					 ") x ORDER BY source OPERATOR(pg_catalog.<>) 'user', source COLLATE \"C\","
					 " k COLLATE \"C\", term COLLATE \"C\", label COLLATE \"C\"",
					 q, text_builtin_lexicon ? "" : "WHERE source OPERATOR(pg_catalog.=) 'user'",
					 q, q, q);
	text_spi_query(sql.data);
	n = (int) SPI_processed;
	old = MemoryContextSwitchTo(cache.cxt);
	entries = palloc(sizeof(KmTextEntry) * (n + 1));
	cache.labels = palloc(sizeof(text *) * (n + 1));
	cache.nlabels = 0;
	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		char	   *k = TextDatumGetCString(SPI_getbinval(tup, td, 1, &isnull));
		char	   *term = TextDatumGetCString(SPI_getbinval(tup, td, 2, &isnull));
		Datum		w = SPI_getbinval(tup, td, 3, &isnull);
		Datum		lab = SPI_getbinval(tup, td, 4, &isnull);

		entries[i].kind = kind_of(k);
		entries[i].term = term;
		entries[i].len = strlen(term);
		entries[i].value = DatumGetFloat8(w);
		entries[i].label = -1;
		if (!isnull)
		{
			cache.labels[cache.nlabels] = DatumGetTextPCopy(lab);
			entries[i].label = cache.nlabels++;
		}
	}
	MemoryContextSwitchTo(old);
	SPI_finish();
	km_clear(&err);
	cache.m = km_matcher_build(entries, n, km_pg_allocator(cache.cxt), &err);
	if (cache.m == NULL)
		km_raise(&err, "could not build the text lexicon");
	pfree(entries);
}

/* The version of the text configuration the active snapshot sees. */
static int64
text_config_version(Oid fn_oid)
{
	const char *q = quote_identifier(get_namespace_name(get_func_namespace(fn_oid)));
	char		sql[256];
	bool		isnull;
	int64		v;

	snprintf(sql, sizeof(sql), "SELECT version FROM %s.text_config_version", q);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	text_spi_query(sql);
	if (SPI_processed != 1)
		elog(ERROR, "kolmetrics: text_config_version must hold one row");
	v = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	return v;
}

/* The automaton as the calling query's snapshot and role see the tables. */
const TextCache *
text_cache(FunctionCallInfo fcinfo)
{
	static bool registered = false;
	Snapshot	snap;
	int64		v;

	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("kolmetrics text functions need a UTF8 database, not %s",
						GetDatabaseEncodingName())));
	if (!registered)
	{
		km_snap_track(&seen);
		seen_cxt = AllocSetContextCreate(TopMemoryContext, "kolmetrics text snapshot",
										 ALLOCSET_SMALL_SIZES);
		registered = true;
	}
	snap = km_snap_active("the text lexicon");
	if (cache.valid && cache.userid == GetUserId() && cache.builtin == text_builtin_lexicon &&
		km_snap_matches(&seen, snap))
		return &cache;
	v = text_config_version(fcinfo->flinfo->fn_oid);
	if (!(cache.valid && cache.userid == GetUserId() && cache.builtin == text_builtin_lexicon &&
		  cache.version == v))
	{
		text_cache_build(fcinfo->flinfo->fn_oid);
		cache.userid = GetUserId();
		cache.builtin = text_builtin_lexicon;
		cache.version = v;
		cache.valid = true;
	}
	MemoryContextReset(seen_cxt);
	km_snap_remember(&seen, seen_cxt, snap);
	return &cache;
}
