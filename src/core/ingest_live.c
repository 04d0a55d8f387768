/*
 * ingest_live.c
 *	  Live-room payloads into one live-session row (the columns of live_agg
 *	  plus room id, anchor id, title, start and end).  Only shapes seen in a
 *	  real, licensed capture are mapped: Douyin's webcast room object
 *	  (webcast/room/reflow/info, test/fixtures/platform-payloads/SOURCES.md).
 *	  The mapping table is in doc/live.md ("Ingest").  Counters are read with
 *	  the post mappers' readers (ingest.c), so count strings, limits and
 *	  JSON-path errors are the same as in ingest_post.
 */
#include "ingest_int.h"

#include <string.h>

#define TRY(expr) do { KmCode rc_ = (expr); if (rc_ != KM_OK) return rc_; } while (0)

const char *const km_live_field_names[KM_L_COUNT] = {
	"gmv", "paid_orders", "buyers", "pv", "uv", "watch_seconds", "peak_viewers",
	"product_exposures", "product_clicks", "created_orders", "refund_amount",
	"refund_orders", "followers_gained", "comments", "likes", "room_exposures",
	"ad_spend", "ad_gmv"
};

/* A counter at m->path + "." + rel into room->value[f] (absent stays absent). */
static KmCode
take_live(KmMap *m, KmLiveRoom *room, KmLiveField f, const KmJ *v, const char *rel)
{
	int64_t		val;
	uint8_t		fl;
	bool		present;

	TRY(km_read_count(m, v, rel, &val, &fl, &present));
	if (present)
	{
		room->value[f] = val;
		room->flags[f] = (uint8_t) (fl | KM_V_PRESENT);
	}
	return KM_OK;
}

/*
 * A Unix time (seconds, or milliseconds from 10^11) or time string into
 * *us; 0 (Douyin's "not yet", as finish_time while live) and anything
 * unreadable leave *has false.
 */
static void
take_epoch(KmMap *m, const KmJ *v, bool *has, int64_t *us)
{
	if (v == NULL || (kj_is(v, KJ_INT) && kj_int64(v) <= 0))
		return;
	m->post->has_posted_at = false;
	km_take_time(m, v);
	if (m->post->has_posted_at)
	{
		*has = true;
		*us = m->post->posted_at_us;
	}
	m->post->has_posted_at = false;
}

/* The room title: a string without \u0000, at most KM_INGEST_MAX_TITLE bytes; "" or null = absent. */
static KmCode
take_title(KmMap *m, KmLiveRoom *room, const KmJ *v, const char *rel)
{
	if (v == NULL || kj_is(v, KJ_NULL))
		return KM_OK;
	if (!kj_is(v, KJ_STRING))
		return km_fail(&m->post->err, KM_ESYNTAX, "%s.%s is %s; a title must be a string.",
					   m->path, rel, km_jtype(v));
	if (kj_len(v) == 0)
		return KM_OK;
	if (kj_len(v) > KM_INGEST_MAX_TITLE || memchr(kj_str(v), '\0', kj_len(v)) != NULL)
		return km_fail(&m->post->err, KM_ESYNTAX,
					   "%s.%s is not a title (longer than %d bytes or contains \\u0000).",
					   m->path, rel, KM_INGEST_MAX_TITLE);
	room->title = kj_str(v);
	room->title_len = kj_len(v);
	return KM_OK;
}

/* Whether o looks like a Douyin webcast room object (stats or room_view_stats). */
static bool
douyin_is_room(const KmJ *o)
{
	return km_is_obj(o) && (km_is_obj(km_j(o, "stats")) || km_is_obj(km_j(o, "room_view_stats")));
}

/*
 * A Douyin webcast room object (data.room of webcast/room/reflow/info) into
 * room.  Read: id_str (else id), owner.id_str (else owner_user_id), title,
 * start_time (else create_time), finish_time, room_view_stats.display_value
 * as PV when display_type is 3 ("N人看过", viewers so far) and the count is
 * not hidden, stats.total_user (else total_user_str) as UV, like_count as
 * likes, stats.follow_count as followers gained.  Not read: stats.like_count,
 * digg_count, comment_count and enter_count (0 in the capture while the room
 * had 8,166 likes: placeholders), user_count (current viewers, 0 once
 * ended), stats.money and fan_ticket (gift income, not GMV).
 */
static KmCode
douyin_room(KmMap *m, const KmJ *r, KmLiveRoom *room)
{
	const KmJ *st = km_j(r, "stats");
	const KmJ *vs = km_j(r, "room_view_stats");
	const KmJ *v;
	const KmJ *start;

	room->shape = "douyin.webcast_room";
	v = km_j(r, "id_str");
	if (v == NULL || kj_is(v, KJ_NULL))
		TRY(km_take_id(m, false, km_j(r, "id"), "id"));
	else
		TRY(km_take_id(m, false, v, "id_str"));
	v = km_jpath(r, "owner.id_str");
	if (v == NULL || kj_is(v, KJ_NULL))
		TRY(km_take_id(m, true, km_j(r, "owner_user_id"), "owner_user_id"));
	else
		TRY(km_take_id(m, true, v, "owner.id_str"));
	TRY(take_title(m, room, km_j(r, "title"), "title"));

	start = km_j(r, "start_time");
	if (start == NULL || (kj_is(start, KJ_INT) && kj_int64(start) <= 0))
		start = km_j(r, "create_time");
	take_epoch(m, start, &room->has_started_at, &room->started_at_us);
	take_epoch(m, km_j(r, "finish_time"), &room->has_ended_at, &room->ended_at_us);

	/* display_type 3 is "N人看过" (viewers so far); 1 is "N在线观众" (viewers now) */
	if (km_is_obj(vs) && kj_is(km_j(vs, "display_type"), KJ_INT) &&
		kj_int64(km_j(vs, "display_type")) == 3 &&
		!(kj_is(km_j(vs, "is_hidden"), KJ_BOOL) && kj_bool(km_j(vs, "is_hidden"))))
		TRY(take_live(m, room, KM_L_PV, km_j(vs, "display_value"),
					  "room_view_stats.display_value"));
	v = km_j(st, "total_user");
	if (v == NULL || kj_is(v, KJ_NULL))
		TRY(take_live(m, room, KM_L_UV, km_j(st, "total_user_str"), "stats.total_user_str"));
	else
		TRY(take_live(m, room, KM_L_UV, v, "stats.total_user"));
	TRY(take_live(m, room, KM_L_LIKES, km_j(r, "like_count"), "like_count"));
	TRY(take_live(m, room, KM_L_FOLLOWERS_GAINED, km_j(st, "follow_count"),
				  "stats.follow_count"));
	return KM_OK;
}

/* Map a Douyin live-room payload: reflow/info's data.room, or a bare room object. */
static KmCode
douyin_live(KmMap *m, const KmJ *root, KmLiveRoom *room)
{
	const KmJ *r = km_jpath(root, "data.room");

	if (douyin_is_room(r))
	{
		km_map_descend(m, "data", 0);
		km_map_descend(m, "room", 0);
		return douyin_room(m, r, room);
	}
	if (douyin_is_room(root))
		return douyin_room(m, root, room);
	return km_shape_error(m, "Expected a Douyin live room at %s: data.room (webcast/room/reflow/info) or a room object with stats or room_view_stats; found neither.",
						  m->path);
}

KmCode
km_ingest_live_check(KmPlatform p, KmError *err)
{
	if ((int) p < 0 || p >= KM_P_COUNT)
		return km_fail(err, KM_EPARAM, "Unknown platform number %d.", (int) p);
	if (p != KM_P_DOUYIN)
		return km_fail(err, KM_EPARAM, "No live payload shape is known for platform %s.",
					   km_platform_names[p]);
	return KM_OK;
}

KmCode
km_ingest_live(KmIngest *ing, KmPlatform p, KmLiveRoom *room, KmError *err)
{
	KmPost		scratch;		/* carries ids, times and the error for the readers */
	KmMap		m;
	const KmJ *root = km_jroot((const KmJTree *) ing->tree);
	KmCode		rc;

	memset(room, 0, sizeof(*room));
	if (km_ingest_live_check(p, err) != KM_OK)
		return err->code;
	if (root == NULL)
		return km_fail(err, KM_EPARAM, "No JSON tree was built.");
	memset(&scratch, 0, sizeof(scratch));
	km_clear(&scratch.err);
	m.post = &scratch;
	m.platform = p;
	m.tz_offset_s = 8 * 3600;	/* naive time strings are Beijing time */
	m.root = root;
	strcpy(m.path, "$");
	if (!km_is_obj(root))
		rc = km_shape_error(&m, "$ is %s; a %s live room must be an object.",
							km_jtype(root), km_platform_names[p]);
	else
		rc = douyin_live(&m, root, room);
	if (rc != KM_OK)
	{
		*err = scratch.err;
		if (err->code == KM_OK)
			km_fail(err, rc, "Could not map the live room.");
		memset(room, 0, sizeof(*room));
		return err->code;
	}
	room->room_id = scratch.post_id;
	room->room_id_len = scratch.post_id_len;
	room->author_id = scratch.author_id;
	room->author_id_len = scratch.author_id_len;
	return KM_OK;
}
