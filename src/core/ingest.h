/*
 * ingest.h
 *	  Map one platform's raw API JSON (a post, a list of posts, or a profile)
 *	  to the common counters: likes, comments, shares, saves, views, extra,
 *	  followers, with per-counter flags (present, rounded, floor).  Parsed with
 *	  json-c; the mapping table is in doc/ingest.md.
 */
#ifndef KM_INGEST_H
#define KM_INGEST_H

#include "km_core.h"

/* Same order as the SQL enum kolmetrics.platform (00_base.sql). */
typedef enum KmPlatform
{
	KM_P_WEIBO,
	KM_P_WECHAT,
	KM_P_WECHAT_CHANNELS,
	KM_P_DOUYIN,
	KM_P_XIAOHONGSHU,
	KM_P_BILIBILI,
	KM_P_KUAISHOU,
	KM_P_TAOBAO_LIVE,
	KM_P_TIKTOK,
	KM_P_INSTAGRAM,
	KM_P_YOUTUBE,
	KM_P_COUNT
} KmPlatform;

extern const char *const km_platform_names[KM_P_COUNT];

/* Platform by its SQL enum label; false when unknown. */
extern bool km_platform_from_name(const char *name, KmPlatform *p);

/* WeChat shows read_num above 100,000 as "10万+" and its API returns 100001. */
#define KM_WECHAT_READ_CAP	100001

/*
 * Is a count a lower bound rather than a value?  Counts parsed with a "+"
 * (flags from km_parse_count: KM_COUNT_FLOOR), and a platform's known caps
 * given exactly (WeChat's read_num 100001; has_platform false when none is
 * given).
 */
extern bool km_count_is_floor_of(int64_t v, unsigned flags, bool has_platform, KmPlatform p);

/* The counters of an ingested post, in the column order of kolmetrics.ingested_post. */
typedef enum KmField
{
	KM_F_LIKES,
	KM_F_COMMENTS,
	KM_F_SHARES,
	KM_F_SAVES,
	KM_F_VIEWS,
	KM_F_EXTRA,
	KM_F_FOLLOWERS,
	KM_F_COUNT
} KmField;

extern const char *const km_field_names[KM_F_COUNT];

#define KM_V_PRESENT	0x01
#define KM_V_ROUNDED	0x02	/* display-rounded by the platform */
#define KM_V_FLOOR		0x04	/* a lower bound ("10万+", WeChat read_num 100001) */

/* Limits on one payload. */
#define KM_INGEST_MAX_BYTES		(64 * 1024 * 1024)	/* 64 MiB */
#define KM_INGEST_MAX_DEPTH		64	/* nesting of arrays and objects */
#define KM_INGEST_MAX_ID		256 /* bytes of a post or author id */
/*
 * json-c builds a tree: an object costs about 760 bytes of memory, a value about
 * 60, so a 64 MiB payload of "{}" would need gigabytes.  These bound the tree
 * (about 80 + 60 MB) before parsing starts.
 */
#define KM_INGEST_MAX_OBJECTS	100000
#define KM_INGEST_MAX_VALUES	1000000 /* array elements and object members */
#define KM_INGEST_MAX_POSTS		100000	/* items of one list */

/*
 * One mapped post.  post_id and author_id point into the parsed tree and stay
 * valid until the next km_ingest_run / km_ingest_free; they are NULL when
 * absent.  err.code != KM_OK marks an item that could not be mapped (list
 * mode only; a single payload that cannot be mapped fails km_ingest_run).
 */
typedef struct KmPost
{
	const char *shape;			/* e.g. "weibo.statuses_show"; NULL on error */
	const char *post_id;
	size_t		post_id_len;
	const char *author_id;
	size_t		author_id_len;
	bool		has_posted_at;
	int64_t		posted_at_us;	/* microseconds since 1970-01-01 00:00:00 UTC */
	int64_t		value[KM_F_COUNT];
	uint8_t		flags[KM_F_COUNT];
	KmError		err;
} KmPost;

typedef struct KmIngest
{
	void	   *tok;			/* struct json_tokener *, reused across payloads */
	void	   *root;			/* struct json_object * of the last payload, when json-c parsed it */
	size_t		root_bytes;		/* bytes of the text json-c parsed into root */
	void	   *tree;			/* KmJTree (ingest_json.h): the tree the mappers walk */
	bool		use_jsonc;		/* always parse with json-c (tests compare both parsers) */
	KmPost	   *posts;
	int			nposts;
	int			cap;
	int			nbad;			/* items with err.code != KM_OK */
} KmIngest;

/* Prepare a reusable ingest state.  KM_ENOMEM when json-c cannot allocate. */
extern KmCode km_ingest_init(KmIngest *ing, KmError *err);

/*
 * Parse json (len bytes) as a payload of platform p and map it.
 * list = false: exactly one post (or profile); a list response holding exactly
 * one item is accepted.  list = true: a list response (or a top-level array),
 * one KmPost per item, items that cannot be mapped carry their own err.
 * Whole-payload failures (malformed JSON, limits, unknown shape) return the
 * error: KM_ESYNTAX, KM_ELIMIT (size, depth), KM_EPARAM (no shape known for
 * the platform), KM_ENOMEM.
 */
extern KmCode km_ingest_run(KmIngest *ing, KmPlatform p, const char *json,
							size_t len, bool list, KmError *err);

/*
 * Map a tree built in ing->tree with km_jbuild_* (ingest_json.h) after
 * km_ingest_reset, as km_ingest_run maps a parsed payload.
 */
extern KmCode km_ingest_map_built(KmIngest *ing, KmPlatform p, bool list, KmError *err);

/*
 * Release the tree of the last payload; the posts array stays allocated for
 * reuse unless it grew beyond 1 MB (a large list), which is freed.
 */
extern void km_ingest_reset(KmIngest *ing);

/* Release everything. */
extern void km_ingest_free(KmIngest *ing);

/*
 * Parse json (len bytes) into ing->tree without mapping it (after
 * km_ingest_reset): the limits, the fast parser and json-c as in
 * km_ingest_run.  KM_ESYNTAX, KM_ELIMIT, KM_ENOMEM.
 */
extern KmCode km_ingest_parse(KmIngest *ing, const char *json, size_t len, KmError *err);

/*
 * Live sessions (ingest_live.c).  The fields of a live-session row, in the
 * argument order of live_agg (doc/live.md); the money fields (gmv,
 * refund_amount, ad_spend, ad_gmv) are carried by no known payload shape and
 * are always absent.
 */
typedef enum KmLiveField
{
	KM_L_GMV,
	KM_L_PAID_ORDERS,
	KM_L_BUYERS,
	KM_L_PV,
	KM_L_UV,
	KM_L_WATCH_SECONDS,
	KM_L_PEAK_VIEWERS,
	KM_L_PRODUCT_EXPOSURES,
	KM_L_PRODUCT_CLICKS,
	KM_L_CREATED_ORDERS,
	KM_L_REFUND_AMOUNT,
	KM_L_REFUND_ORDERS,
	KM_L_FOLLOWERS_GAINED,
	KM_L_COMMENTS,
	KM_L_LIKES,
	KM_L_ROOM_EXPOSURES,
	KM_L_AD_SPEND,
	KM_L_AD_GMV,
	KM_L_COUNT
} KmLiveField;

extern const char *const km_live_field_names[KM_L_COUNT];

#define KM_INGEST_MAX_TITLE 4096	/* bytes of a live room's title */

/*
 * One mapped live session.  room_id, author_id and title point into the
 * parsed tree (valid until the next km_ingest_reset); NULL when absent.
 * value[f] is meaningful when flags[f] has KM_V_PRESENT.
 */
typedef struct KmLiveRoom
{
	const char *shape;			/* e.g. "douyin.webcast_room" */
	const char *room_id;
	size_t		room_id_len;
	const char *author_id;
	size_t		author_id_len;
	const char *title;
	size_t		title_len;
	bool		has_started_at;
	int64_t		started_at_us;	/* microseconds since 1970-01-01 00:00:00 UTC */
	bool		has_ended_at;
	int64_t		ended_at_us;
	int64_t		value[KM_L_COUNT];
	uint8_t		flags[KM_L_COUNT];
} KmLiveRoom;

/*
 * Map the payload in ing->tree (parsed with km_ingest_parse or built with
 * km_jbuild_*) as one live session of platform p into *room.  KM_EPARAM when
 * no live payload shape is known for p (every platform but Douyin);
 * KM_ESYNTAX / KM_ERANGE naming the JSON path for a payload that is not a
 * known room or has a field that cannot be read.
 */
extern KmCode km_ingest_live(KmIngest *ing, KmPlatform p, KmLiveRoom *room, KmError *err);

/* KM_OK when a live payload shape is known for p; else KM_EPARAM, as km_ingest_live. */
extern KmCode km_ingest_live_check(KmPlatform p, KmError *err);

/*
 * Timestamps as platforms write them, to microseconds since the Unix epoch:
 * ISO 8601 ("2021-08-17T19:00:42+0000", "2019-03-21T20:37:49.000Z",
 * "2025-07-26 19:12:27"), Weibo's "Tue Jun 08 09:35:04 +0800 2021", and
 * decimal Unix seconds (milliseconds when >= 10^11).  A time without a zone
 * is taken at default_offset_s seconds east of UTC.  false when the text is
 * none of these or lies outside the years 1..9999.
 */
extern bool km_parse_time(const char *s, size_t len, int default_offset_s,
						  int64_t *us);

#endif							/* KM_INGEST_H */
