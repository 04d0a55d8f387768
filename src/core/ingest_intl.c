/*
 * ingest_intl.c
 *	  Payload shapes of TikTok (web item and official API video), Instagram
 *	  (media, insights, user) and YouTube (videos and channels resources).
 *	  The mapping table is in doc/ingest.md.
 */
#include "ingest_int.h"

#include <stdio.h>
#include <string.h>

#define TRY(expr) do { KmCode rc_ = (expr); if (rc_ != KM_OK) return rc_; } while (0)

/* ----------------------------------------------------------------- TikTok */

/*
 * TikTok web "stats" print large counts as 210.7K, 1.7M, 19.1M, 1.2B and send
 * the value of that display: from 10,000 up, a multiple of 100 below 10^6, of
 * 10^5 below 10^9, of 10^8 above.  Such a value may be rounded; values that
 * break the pattern are exact.
 */
static bool
tiktok_display_rounded(int64_t v)
{
	if (v < 10000)
		return false;
	if (v < 1000000)
		return v % 100 == 0;
	if (v < 1000000000)
		return v % 100000 == 0;
	return v % 100000000 == 0;
}

/* The posts array of a TikTok list: itemList, items or data.videos. */
static const KmJ *
tiktok_find_list(const KmJ *root, char *path, size_t n)
{
	static const char *const paths[] = {"itemList", "items", "data.videos", NULL};

	return km_list_first(root, paths, path, n);
}

/* "a.b" into rel (cut to its size, like snprintf; called six times a post). */
static void
join_rel(char *rel, size_t size, const char *a, const char *b)
{
	size_t		la = strlen(a),
				lb = strlen(b);

	if (la + 1 + lb >= size)
	{
		snprintf(rel, size, "%s.%s", a, b);
		return;
	}
	memcpy(rel, a, la);
	rel[la] = '.';
	memcpy(rel + la + 1, b, lb + 1);
}

/* One counter from statsV2 (exact strings) or else stats (display-rounded). */
static KmCode
tiktok_stat(KmMap *m, KmField f, const KmJ *it, const char *key,
			const char *v2name, const char *v1name)
{
	char		rel[64];
	const KmJ *v2 = km_j(km_j(it, v2name), key);

	if (v2 != NULL && !kj_is(v2, KJ_NULL))
	{
		join_rel(rel, sizeof(rel), v2name, key);
		return km_take_count(m, f, v2, rel);
	}
	join_rel(rel, sizeof(rel), v1name, key);
	TRY(km_take_count(m, f, km_j(km_j(it, v1name), key), rel));
	if ((m->post->flags[f] & KM_V_PRESENT) && tiktok_display_rounded(m->post->value[f]))
		m->post->flags[f] |= KM_V_ROUNDED;
	return KM_OK;
}

/* The TikTok web item's ids, time and counters (statsV2, else stats) into m. */
static KmCode
tiktok_item(KmMap *m, const KmJ *it)
{
	m->post->shape = "tiktok.item";
	TRY(km_take_id(m, false, km_j(it, "id"), "id"));
	TRY(km_take_id(m, true, km_jpath(it, "author.id"), "author.id"));
	km_take_time(m, km_j(it, "createTime"));
	TRY(tiktok_stat(m, KM_F_LIKES, it, "diggCount", "statsV2", "stats"));
	TRY(tiktok_stat(m, KM_F_COMMENTS, it, "commentCount", "statsV2", "stats"));
	TRY(tiktok_stat(m, KM_F_SHARES, it, "shareCount", "statsV2", "stats"));
	TRY(tiktok_stat(m, KM_F_SAVES, it, "collectCount", "statsV2", "stats"));
	TRY(tiktok_stat(m, KM_F_VIEWS, it, "playCount", "statsV2", "stats"));
	TRY(tiktok_stat(m, KM_F_FOLLOWERS, it, "followerCount", "authorStatsV2", "authorStats"));
	return KM_OK;
}

/* The TikTok API video object's ids, time and counters into m. */
static KmCode
tiktok_video(KmMap *m, const KmJ *v)
{
	m->post->shape = "tiktok.video";
	TRY(km_take_id(m, false, km_j(v, "id"), "id"));
	TRY(km_take_id(m, true, km_j(v, "username"), "username"));
	km_take_time(m, km_j(v, "create_time"));
	TRY(km_take_count(m, KM_F_LIKES, km_j(v, "like_count"), "like_count"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(v, "comment_count"), "comment_count"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(v, "share_count"), "share_count"));
	TRY(km_take_count(m, KM_F_VIEWS, km_j(v, "view_count"), "view_count"));
	TRY(km_take_count(m, KM_F_SAVES, km_j(v, "favourites_count"), "favourites_count"));
	return KM_OK;
}

/* Map a TikTok web item (itemInfo.itemStruct, itemStruct, bare) or API video. */
static KmCode
tiktok_map(KmMap *m, const KmJ *node)
{
	const KmJ *it;

	if (km_is_obj(it = km_jpath(node, "itemInfo.itemStruct")))
	{
		km_map_descend(m, "itemInfo", 0);
		km_map_descend(m, "itemStruct", 0);
		return tiktok_item(m, it);
	}
	if (km_is_obj(it = km_j(node, "itemStruct")))
	{
		km_map_descend(m, "itemStruct", 0);
		return tiktok_item(m, it);
	}
	if (km_is_obj(km_j(node, "stats")) || km_is_obj(km_j(node, "statsV2")))
		return tiktok_item(m, node);
	if (km_j(node, "like_count") || km_j(node, "view_count") || km_j(node, "comment_count"))
		return tiktok_video(m, node);
	return km_shape_error(m, "Expected a TikTok post at %s: itemInfo.itemStruct.stats, itemStruct, an item with stats or statsV2, or an API video object (like_count, view_count); found none of these.",
						  m->path);
}

const KmShapeOps km_ops_tiktok = {
	tiktok_find_list, NULL, tiktok_map, "itemList[], items[] or data.videos[]"
};

/* -------------------------------------------------------------- Instagram */

/* An insights array: data[] of {name, values[{value}]} or {name, total_value}. */
static bool
ig_is_insights(const KmJ *a)
{
	const KmJ *e;

	if (!km_is_arr(a) || kj_alen(a) == 0)
		return false;
	e = kj_aget(a, 0);
	return km_j(e, "name") != NULL &&
		(km_j(e, "values") != NULL || km_j(e, "total_value") != NULL);
}

/* The media array of an Instagram list: business_discovery.media.data, or data
 * when it is not an insights array. */
static const KmJ *
ig_find_list(const KmJ *root, char *path, size_t n)
{
	const KmJ *a;

	if ((a = km_list_at(root, "business_discovery.media.data", path, n)) != NULL)
		return a;
	a = km_list_at(root, "data", path, n);
	if (a != NULL && !ig_is_insights(a))
		return a;
	return NULL;
}

/* The metric named name in an insights array, with its JSON path. */
static const KmJ *
ig_metric(const KmJ *arr, const char *name, char *rel, size_t rellen,
		  const char *arrpath)
{
	size_t		i,
				n = kj_alen(arr);

	for (i = 0; i < n; i++)
	{
		const KmJ *e = kj_aget(arr, i);
		const KmJ *nm = km_j(e, "name");
		const KmJ *vals;

		if (nm == NULL || !kj_is(nm, KJ_STRING) ||
			strcmp(kj_str(nm), name) != 0)
			continue;
		vals = km_j(e, "values");
		if (km_is_arr(vals) && kj_alen(vals) > 0)
		{
			snprintf(rel, rellen, "%s[%zu].values[0].value", arrpath, i);
			return km_j(kj_aget(vals, 0), "value");
		}
		snprintf(rel, rellen, "%s[%zu].total_value.value", arrpath, i);
		return km_jpath(e, "total_value.value");
	}
	return NULL;
}

/*
 * Counters from an insights array, for the fields not set yet: saved -> saves,
 * shares, likes, comments; views, else plays, else impressions -> views.
 */
static KmCode
ig_insights(KmMap *m, const KmJ *arr, const char *arrpath)
{
	static const struct
	{
		const char *metric;
		KmField		field;
	}			map[] = {
		{"saved", KM_F_SAVES}, {"shares", KM_F_SHARES}, {"likes", KM_F_LIKES},
		{"comments", KM_F_COMMENTS}, {"views", KM_F_VIEWS}, {"plays", KM_F_VIEWS},
		{"impressions", KM_F_VIEWS}
	};
	size_t		i;
	char		rel[96];

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
	{
		const KmJ *v;

		if (m->post->flags[map[i].field] & KM_V_PRESENT)
			continue;
		v = ig_metric(arr, map[i].metric, rel, sizeof(rel), arrpath);
		TRY(km_take_count(m, map[i].field, v, rel));
	}
	return KM_OK;
}

/*
 * Media listed by business_discovery belong to the account discovered: its id
 * (and followers_count when the query asked for it) apply to every item.
 */
static KmCode
ig_discovered_account(KmMap *m)
{
	const KmJ *bd = km_j(m->root, "business_discovery");
	char		saved[KM_PATH_MAX];
	KmCode		rc = KM_OK;

	memcpy(saved, m->path, sizeof(saved));
	snprintf(m->path, sizeof(m->path), "$.business_discovery");
	if (m->post->author_id == NULL)
		rc = km_take_id(m, true, km_j(bd, "id"), "id");
	if (rc == KM_OK)
		rc = km_take_count(m, KM_F_FOLLOWERS, km_j(bd, "followers_count"), "followers_count");
	memcpy(m->path, saved, sizeof(saved));
	return rc;
}

/* Map Instagram media insights, a media object (with its insights) or a user. */
static KmCode
ig_map(KmMap *m, const KmJ *node)
{
	const KmJ *d = km_j(node, "data");

	if (ig_is_insights(d))
	{
		/* GET /{media-id}/insights: the media id starts each metric's id */
		const KmJ *id = km_j(kj_aget(d, 0), "id");

		m->post->shape = "instagram.insights";
		if (id != NULL && kj_is(id, KJ_STRING))
		{
			const char *s = kj_str(id);
			const char *slash = strchr(s, '/');

			if (slash != NULL && slash > s && slash - s <= KM_INGEST_MAX_ID)
			{
				m->post->post_id = s;
				m->post->post_id_len = (size_t) (slash - s);
			}
		}
		return ig_insights(m, d, "data");
	}
	if (km_j(node, "media_type") || km_j(node, "like_count") || km_j(node, "comments_count"))
	{
		const KmJ *ins = km_jpath(node, "insights.data");

		m->post->shape = "instagram.media";
		TRY(km_take_id(m, false, km_j(node, "id"), "id"));
		if (km_jpath(node, "owner.id"))
			TRY(km_take_id(m, true, km_jpath(node, "owner.id"), "owner.id"));
		else
			TRY(km_take_id(m, true, km_j(node, "username"), "username"));
		km_take_time(m, km_j(node, "timestamp"));
		if (strncmp(m->path, "$.business_discovery.media.data[", 32) == 0)
			TRY(ig_discovered_account(m));
		/* like_count is left out when the owner hides likes: absent */
		TRY(km_take_count(m, KM_F_LIKES, km_j(node, "like_count"), "like_count"));
		TRY(km_take_count(m, KM_F_COMMENTS, km_j(node, "comments_count"), "comments_count"));
		if (km_is_arr(ins))
			TRY(ig_insights(m, ins, "insights.data"));
		return KM_OK;
	}
	if (km_j(node, "followers_count"))
	{
		m->post->shape = "instagram.user";
		TRY(km_take_id(m, true, km_j(node, "id"), "id"));
		return km_take_count(m, KM_F_FOLLOWERS, km_j(node, "followers_count"), "followers_count");
	}
	return km_shape_error(m, "Expected an Instagram media object at %s (media_type, like_count, comments_count), its insights (data[] of name/values) or a user (followers_count); found none of these.",
						  m->path);
}

const KmShapeOps km_ops_instagram = {
	ig_find_list, NULL, ig_map, "data[] or business_discovery.media.data[]"
};

/* ---------------------------------------------------------------- YouTube */

/* The resources array of a YouTube list response: items. */
static const KmJ *
yt_find_list(const KmJ *root, char *path, size_t n)
{
	return km_list_at(root, "items", path, n);
}

/* subscriberCount is public rounded to 3 significant figures (since 2019). */
static bool
yt_three_sig(int64_t v)
{
	int64_t		p = 1;

	if (v < 1000)
		return false;
	while (v / p >= 1000)
		p *= 10;
	return v % p == 0;
}

/* Map a YouTube channels resource (subscribers) or videos resource. */
static KmCode
yt_map(KmMap *m, const KmJ *node)
{
	const KmJ *kind = km_j(node, "kind");
	const char *k = (kind && kj_is(kind, KJ_STRING))
		? kj_str(kind) : "";
	const KmJ *st = km_j(node, "statistics");

	if (strcmp(k, "youtube#channel") == 0 ||
		(k[0] == '\0' && km_j(st, "subscriberCount")))
	{
		const KmJ *hidden = km_j(st, "hiddenSubscriberCount");

		m->post->shape = "youtube.channel";
		TRY(km_take_id(m, true, km_j(node, "id"), "id"));
		/* hidden subscriber counts are unusable: absent */
		if (hidden && kj_is(hidden, KJ_BOOL) &&
			kj_bool(hidden))
			return KM_OK;
		TRY(km_take_count(m, KM_F_FOLLOWERS, km_j(st, "subscriberCount"),
						  "statistics.subscriberCount"));
		if ((m->post->flags[KM_F_FOLLOWERS] & KM_V_PRESENT) &&
			yt_three_sig(m->post->value[KM_F_FOLLOWERS]))
			m->post->flags[KM_F_FOLLOWERS] |= KM_V_ROUNDED;
		return KM_OK;
	}
	if (strcmp(k, "youtube#video") == 0 || (k[0] == '\0' && km_is_obj(st)))
	{
		const KmJ *id = km_j(node, "id");

		m->post->shape = "youtube.video";
		if (km_is_obj(id))		/* search results: id.videoId */
			TRY(km_take_id(m, false, km_j(id, "videoId"), "id.videoId"));
		else
			TRY(km_take_id(m, false, id, "id"));
		TRY(km_take_id(m, true, km_jpath(node, "snippet.channelId"), "snippet.channelId"));
		km_take_time(m, km_jpath(node, "snippet.publishedAt"));
		/* counts are strings; likeCount/commentCount missing when hidden/off */
		TRY(km_take_count(m, KM_F_VIEWS, km_j(st, "viewCount"), "statistics.viewCount"));
		TRY(km_take_count(m, KM_F_LIKES, km_j(st, "likeCount"), "statistics.likeCount"));
		TRY(km_take_count(m, KM_F_COMMENTS, km_j(st, "commentCount"), "statistics.commentCount"));
		return KM_OK;
	}
	return km_shape_error(m, "Expected a YouTube videos resource (kind youtube#video, statistics) or a channels resource (youtube#channel) at %s; found kind \"%.*s\"%s.",
						  m->path, km_utf8_cut(k, 40), k, st ? "" : " and no statistics");
}

const KmShapeOps km_ops_youtube = {
	yt_find_list, NULL, yt_map, "items[]"
};
