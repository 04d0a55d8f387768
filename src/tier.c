/*
 * tier.c
 *	  kol_tier() and tier_label() over the configuration tables
 *	  kolmetrics.tier_threshold and kolmetrics.tier_scheme.
 *
 * Both tables are small and read on every call, so each backend keeps a copy
 * of each, read as the calling role (its privileges and row-level security
 * policies apply; a change of role reloads).  A copy is read through SPI with
 * the calling query's snapshot and is kept only while the active snapshot is
 * the same: same top-level transaction, same command id (so the transaction's
 * own edits show in its next statement), and the same xmin, xmax and
 * in-progress transactions (so an edit committed by another session shows as
 * soon as a snapshot sees it).  A function therefore sees exactly what a
 * STABLE SQL function reading the tables would see: a READ COMMITTED statement sees every edit committed
 * before it started, a REPEATABLE READ transaction keeps its snapshot's view,
 * and a rolled-back edit is never seen.  A reload costs one small query per
 * statement at most; the per-row lookup is a binary search.
 */
#include "km_pg.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "tier.h"


/* Which table a copy holds: each is read (and its privileges checked) alone. */
typedef enum TierTable
{
	TIER_THRESHOLDS,			/* tier_threshold, for kol_tier */
	TIER_SCHEMES				/* tier_scheme, for tier_label */
} TierTable;

typedef struct TierCache
{
	KmSnapStamp stamp;			/* the snapshot and user the copy was read with */
	MemoryContext cxt;			/* holds everything below */
	/* kol_tier: bounds ascending, tier enum values */
	int			ntiers;
	int64	   *tier_mins;
	Oid		   *tiers;
	/* tier_label: schemes sorted by name (C collation), bands ascending */
	int			nschemes;
	const char **scheme_names;	/* for km_scheme_find */
	int		   *scheme_first;	/* index of its first band in the band arrays */
	int		   *scheme_nbands;
	int64	   *band_mins;
	text	  **band_labels;
} TierCache;

static TierCache caches[2];

/* Fetch column col of row i as a non-NULL Datum. */
static Datum
tier_spi_get(int i, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
								  col, &isnull);

	if (isnull)
		elog(ERROR, "kolmetrics: NULL in the tier configuration");
	return d;
}

/* (Re)load one table into its copy; fn_oid locates the extension's schema. */
static void
tier_cache_load(TierCache *c, TierTable which, Oid fn_oid)
{
	Oid			nsp = get_func_namespace(fn_oid);
	const char *qnsp = quote_identifier(get_namespace_name(nsp));
	StringInfoData sql;
	MemoryContext old;
	int			i;

	if (c->cxt == NULL)
		c->cxt = AllocSetContextCreate(TopMemoryContext, "kolmetrics tier cache",
									   ALLOCSET_SMALL_SIZES);
	c->stamp.valid = false;
	MemoryContextReset(c->cxt);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	initStringInfo(&sql);

	if (which == TIER_THRESHOLDS)
	{
		appendStringInfo(&sql, "SELECT tier, min_followers FROM %s.tier_threshold "
						 "ORDER BY min_followers", qnsp);
		km_spi_select(sql.data, 0, NULL, NULL, "the tier configuration");
		old = MemoryContextSwitchTo(c->cxt);
		c->ntiers = (int) SPI_processed;
		c->tier_mins = palloc(sizeof(int64) * (c->ntiers + 1));
		c->tiers = palloc(sizeof(Oid) * (c->ntiers + 1));
		for (i = 0; i < c->ntiers; i++)
		{
			c->tiers[i] = DatumGetObjectId(tier_spi_get(i, 1));
			c->tier_mins[i] = DatumGetInt64(tier_spi_get(i, 2));
		}
		MemoryContextSwitchTo(old);
	}
	else
	{
		appendStringInfo(&sql, "SELECT scheme, label, min_followers FROM %s.tier_scheme "
						 "ORDER BY scheme COLLATE \"C\", min_followers", qnsp);
		km_spi_select(sql.data, 0, NULL, NULL, "the tier configuration");
		old = MemoryContextSwitchTo(c->cxt);
		c->nschemes = 0;
		c->scheme_names = palloc(sizeof(char *) * (SPI_processed + 1));
		c->scheme_first = palloc(sizeof(int) * (SPI_processed + 1));
		c->scheme_nbands = palloc(sizeof(int) * (SPI_processed + 1));
		c->band_mins = palloc(sizeof(int64) * (SPI_processed + 1));
		c->band_labels = palloc(sizeof(text *) * (SPI_processed + 1));
		for (i = 0; i < (int) SPI_processed; i++)
		{
			char	   *name = TextDatumGetCString(tier_spi_get(i, 1));

			if (c->nschemes == 0 ||
				strcmp(c->scheme_names[c->nschemes - 1], name) != 0)
			{
				c->scheme_names[c->nschemes] = name;
				c->scheme_first[c->nschemes] = i;
				c->scheme_nbands[c->nschemes] = 0;
				c->nschemes++;
			}
			c->scheme_nbands[c->nschemes - 1]++;
			c->band_labels[i] = DatumGetTextPCopy(tier_spi_get(i, 2));
			c->band_mins[i] = DatumGetInt64(tier_spi_get(i, 3));
		}
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
}

/* One configuration table as the calling query's snapshot and role see it. */
static TierCache *
tier_cache(FunctionCallInfo fcinfo, TierTable which)
{
	TierCache  *c = &caches[which];
	Snapshot	snap = km_snap_active("the tier configuration");

	km_snap_track(&c->stamp);
	if (!km_snap_matches(&c->stamp, snap))
	{
		tier_cache_load(c, which, fcinfo->flinfo->fn_oid);
		km_snap_remember(&c->stamp, c->cxt, snap);
	}
	return c;
}

/* 22023 for a negative follower count. */
static void
check_followers(int64 followers)
{
	if (followers < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("followers must not be negative: " INT64_FORMAT, followers)));
}

PG_FUNCTION_INFO_V1(km_check_followers);

/* check_followers(bigint | float8 | numeric): the count as bigint, or 22023 when negative. */
Datum
km_check_followers(PG_FUNCTION_ARGS)
{
	int64		followers = km_count_arg(fcinfo, 0, "followers");

	check_followers(followers);
	PG_RETURN_INT64(followers);
}

PG_FUNCTION_INFO_V1(km_kol_tier);

/* kol_tier(followers): the tier whose threshold is the largest <= followers. */
Datum
km_kol_tier(PG_FUNCTION_ARGS)
{
	int64		followers = km_count_arg(fcinfo, 0, "followers");
	TierCache  *c;
	int			i;

	check_followers(followers);
	c = tier_cache(fcinfo, TIER_THRESHOLDS);
	i = km_band_find(c->tier_mins, c->ntiers, followers);
	if (i < 0)
		PG_RETURN_NULL();
	PG_RETURN_OID(c->tiers[i]);
}

PG_FUNCTION_INFO_V1(km_tier_label);

/* tier_label(followers, scheme): the label of the scheme's band for followers. */
Datum
km_tier_label(PG_FUNCTION_ARGS)
{
	int64		followers = km_count_arg(fcinfo, 0, "followers");
	char	   *scheme = text_to_cstring(PG_GETARG_TEXT_PP(1));
	TierCache  *c;
	int			k,
				i;

	check_followers(followers);
	c = tier_cache(fcinfo, TIER_SCHEMES);
	k = km_scheme_find(c->scheme_names, c->nschemes, scheme);
	if (k >= 0)
	{
		i = km_band_find(c->band_mins + c->scheme_first[k], c->scheme_nbands[k], followers);
		if (i < 0)
			PG_RETURN_NULL();
		/*
		 * A copy in the caller's memory: the cache is reset when a later call
		 * (say in a volatile function of the same query) sees another
		 * snapshot, and the result may still be in use then.
		 */
		PG_RETURN_TEXT_P(DatumGetTextPCopy(PointerGetDatum(c->band_labels[c->scheme_first[k] + i])));
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown tier scheme \"%s\"", scheme),
			 errhint("Known schemes are listed by SELECT DISTINCT scheme FROM kolmetrics.tier_scheme.")));
	PG_RETURN_NULL();			/* not reached */
}

/* ------------------------------------------------ editing the configuration */

PG_FUNCTION_INFO_V1(km_config_edit_lock);

/*
 * BEFORE ... FOR EACH STATEMENT trigger on every configuration table: take
 * SHARE ROW EXCLUSIVE on the table, a mode that conflicts with itself and with
 * the ROW EXCLUSIVE lock every INSERT, UPDATE and DELETE holds, so editors of
 * one table go one at a time: a second editor waits until the first commits
 * or rolls back, and its commit-time checks then see the first one's rows.
 * Readers (the functions' ACCESS SHARE) are not blocked.  Taken here, at the
 * first edit, rather than at commit, where two editors would deadlock.
 */
Datum
km_config_edit_lock(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("config_edit_lock must be called as a statement trigger")));
	LockRelationOid(RelationGetRelid(td->tg_relation), ShareRowExclusiveLock);
	return PointerGetDatum(NULL);
}

/* Run the order check of tier_threshold with snap; true and the pair if out of order. */
static bool
tier_order_violation(Oid nsp, Snapshot snap, StringInfo msg)
{
	StringInfoData sql;
	SPIPlanPtr	plan;
	bool		bad;

	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "SELECT a.tier::text, a.min_followers, b.tier::text, b.min_followers "
					 "FROM %s.tier_threshold a JOIN %s.tier_threshold b "
					 "ON a.tier OPERATOR(pg_catalog.<) b.tier "
					 "AND a.min_followers OPERATOR(pg_catalog.>) b.min_followers "
					 "ORDER BY a.tier, b.tier LIMIT 1",
					 quote_identifier(get_namespace_name(nsp)),
					 quote_identifier(get_namespace_name(nsp)));
	plan = SPI_prepare(sql.data, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "kolmetrics: could not prepare the tier order check");
	if (SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "kolmetrics: could not run the tier order check");
	bad = SPI_processed > 0;
	if (bad && msg != NULL)
		appendStringInfo(msg, "%s starts at %s followers but %s starts at %s",
						 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1),
						 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2),
						 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3),
						 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4));
	return bad;
}

PG_FUNCTION_INFO_V1(km_tier_threshold_check);

/*
 * Deferred constraint trigger on tier_threshold: at commit, the thresholds as
 * they will be once this transaction commits (the latest snapshot, which sees
 * every editor that committed before us, since km_config_edit_lock makes
 * editors wait for each other) must grow with the tier order: 23514 if not.
 * Under REPEATABLE READ or SERIALIZABLE, when only a concurrent commit that
 * the transaction's snapshot does not see breaks the order, the edit was
 * valid as the transaction saw it: 40001, retry.
 */
Datum
km_tier_threshold_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Oid			nsp;
	StringInfoData msg;
	bool		concurrent = false;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("tier_threshold_check must be called as a trigger")));
	nsp = RelationGetNamespace(td->tg_relation);
	initStringInfo(&msg);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "kolmetrics: SPI_connect failed");
	if (tier_order_violation(nsp, GetLatestSnapshot(), &msg))
		concurrent = IsolationUsesXactSnapshot() &&
			!tier_order_violation(nsp, GetTransactionSnapshot(), NULL);
	else
	{
		SPI_finish();
		return PointerGetDatum(NULL);
	}
	SPI_finish();
	if (concurrent)
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not serialize access due to a concurrent edit of the tier thresholds"),
				 errdetail("With the edit committed meanwhile, %s.", msg.data),
				 errhint("Retry the transaction.")));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("tier thresholds out of order: %s", msg.data),
			 errhint("Each tier must start above the tiers below it (nano < micro < mid < macro < mega).")));
	return PointerGetDatum(NULL);	/* not reached */
}
