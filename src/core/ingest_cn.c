/*
 * ingest_cn.c
 *	  Payload shapes of the Chinese platforms: Weibo, WeChat Official Accounts,
 *	  WeChat Channels, Douyin, Xiaohongshu, Bilibili, Kuaishou.  The mapping
 *	  table is in doc/ingest.md; field names in doc/formulas.md ("Platform
 *	  fields and count strings") and test/fixtures/platform-payloads/SOURCES.md.
 */
#include "ingest_int.h"

#include <string.h>

#define TRY(expr) do { KmCode rc_ = (expr); if (rc_ != KM_OK) return rc_; } while (0)

/* True when v is the JSON string lit. */
static bool
str_is(const KmJ *v, const char *lit)
{
	return v != NULL && kj_is(v, KJ_STRING) &&
		strcmp(kj_str(v), lit) == 0;
}

/* First of the keys present in o (as a JSON value), with its name in *which. */
static const KmJ *
first_of(const KmJ *o, const char *const *keys, const char **which)
{
	for (; *keys; keys++)
	{
		const KmJ *v = km_j(o, *keys);

		if (v != NULL && !kj_is(v, KJ_NULL))
		{
			*which = *keys;
			return v;
		}
	}
	*which = keys[-1];
	return NULL;
}

/* The id under the first of keys present in o. */
static KmCode
take_id_first(KmMap *m, bool author, const KmJ *o, const char *const *keys)
{
	const char *which = NULL;
	const KmJ *v = first_of(o, keys, &which);

	return km_take_id(m, author, v, which);
}

/* ---------------------------------------------------------------- Weibo */

/* The posts array of a Weibo list: data.cards, statuses or data.statuses. */
static const KmJ *
weibo_find_list(const KmJ *root, char *path, size_t n)
{
	static const char *const paths[] = {"data.cards", "statuses", "data.statuses", NULL};

	return km_list_first(root, paths, path, n);
}

/* Timeline cards: only card_type 9 carries a post (mblog). */
static bool
weibo_keep(const KmJ *it)
{
	const KmJ *ct = km_j(it, "card_type");

	if (ct == NULL)
		return true;
	return kj_is(ct, KJ_INT) && kj_int64(ct) == 9;
}

/* Whether o has a Weibo status's counters (attitudes, comments, reposts). */
static bool
weibo_is_status(const KmJ *o)
{
	return km_j(o, "attitudes_count") || km_j(o, "reposts_count") ||
		km_j(o, "comments_count");
}

/* The Weibo status object's ids, time and counters into m. */
static KmCode
weibo_status(KmMap *m, const KmJ *s)
{
	static const char *const idkeys[] = {"idstr", "id", "mid", NULL};
	const KmJ *pi = km_j(s, "page_info");

	TRY(take_id_first(m, false, s, idkeys));
	TRY(km_take_id(m, true, km_jpath(s, "user.id"), "user.id"));
	km_take_time(m, km_j(s, "created_at"));
	TRY(km_take_count(m, KM_F_LIKES, km_j(s, "attitudes_count"), "attitudes_count"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(s, "comments_count"), "comments_count"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(s, "reposts_count"), "reposts_count"));
	/* video posts: page_info.play_count "185万次播放" / "…次观看" (display-rounded) */
	if (str_is(km_j(pi, "type"), "video"))
	{
		static const char *const plays[] = {
			"\xe6\xac\xa1\xe6\x92\xad\xe6\x94\xbe",	/* 次播放 */
			"\xe6\xac\xa1\xe8\xa7\x82\xe7\x9c\x8b",	/* 次观看 */
			NULL
		};

		TRY(km_take_count_suffix(m, KM_F_VIEWS, km_j(pi, "play_count"),
								 "page_info.play_count", plays));
	}
	TRY(km_take_count(m, KM_F_FOLLOWERS, km_jpath(s, "user.followers_count"),
					  "user.followers_count"));
	/* retweeted_status carries the original's counts: never added here */
	return KM_OK;
}

/* A Weibo userInfo profile: its user id and followers_count into m. */
static KmCode
weibo_profile(KmMap *m, const KmJ *u)
{
	m->post->shape = "weibo.profile";
	TRY(km_take_id(m, true, km_j(u, "id"), "id"));
	return km_take_count(m, KM_F_FOLLOWERS, km_j(u, "followers_count"), "followers_count");
}

/* Map a Weibo timeline card (mblog), statuses/show, userInfo or bare status. */
static KmCode
weibo_map(KmMap *m, const KmJ *node)
{
	const KmJ *v;

	if (km_is_obj(v = km_j(node, "mblog")))
	{
		km_map_descend(m, "mblog", 0);
		m->post->shape = "weibo.mblog";
		return weibo_status(m, v);
	}
	if (km_is_obj(v = km_j(node, "data")))
	{
		if (km_is_obj(km_j(v, "userInfo")))
		{
			km_map_descend(m, "data", 0);
			km_map_descend(m, "userInfo", 0);
			return weibo_profile(m, km_j(v, "userInfo"));
		}
		if (weibo_is_status(v))
		{
			km_map_descend(m, "data", 0);
			m->post->shape = "weibo.statuses_show";
			return weibo_status(m, v);
		}
	}
	if (weibo_is_status(node))
	{
		m->post->shape = "weibo.status";
		return weibo_status(m, node);
	}
	return km_shape_error(m, "Expected a Weibo status at %s: statuses/show (data.attitudes_count), a timeline card (mblog) or a status object (attitudes_count); found none of these.",
						  m->path);
}

const KmShapeOps km_ops_weibo = {
	weibo_find_list, weibo_keep, weibo_map,
	"data.cards[] (card_type 9) or statuses[]"
};

/* ------------------------------------------------- WeChat Official Accounts */

/* find_list of a platform without list responses: always NULL. */
static const KmJ *
no_list(const KmJ *root, char *path, size_t n)
{
	(void) root;
	(void) path;
	(void) n;
	return NULL;
}

/* Map a WeChat getappmsgext response (appmsgstat, or its fields at the top). */
static KmCode
wechat_map(KmMap *m, const KmJ *node)
{
	const KmJ *st = km_j(node, "appmsgstat");
	const KmJ *old;
	static const char *const idkeys[] = {"appmsgid", "mid", "msgid", NULL};

	if (!km_is_obj(st))
	{
		if (!km_j(node, "read_num"))
			return km_shape_error(m, "Expected a WeChat getappmsgext response at %s: appmsgstat.read_num or read_num; found neither.",
								  m->path);
		st = node;
	}
	m->post->shape = "wechat.appmsgstat";
	TRY(take_id_first(m, false, node, idkeys));
	km_take_time(m, km_j(node, "create_time"));
	/* getappmsgext puts comment_count beside appmsgstat */
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(node, "comment_count"), "comment_count"));
	if (st != node)
		km_map_descend(m, "appmsgstat", 0);
	TRY(km_take_count(m, KM_F_VIEWS, km_j(st, "read_num"), "read_num"));
	if ((m->post->flags[KM_F_VIEWS] & KM_V_PRESENT) &&
		m->post->value[KM_F_VIEWS] == KM_WECHAT_READ_CAP)
		m->post->flags[KM_F_VIEWS] |= KM_V_FLOOR;
	old = km_j(st, "old_like_num");
	if (old != NULL && !kj_is(old, KJ_NULL))
	{
		/* since 2019: old_like_num = 点赞 (likes), like_num = 在看 (extra) */
		TRY(km_take_count(m, KM_F_LIKES, old, "old_like_num"));
		TRY(km_take_count(m, KM_F_EXTRA, km_j(st, "like_num"), "like_num"));
	}
	else						/* older payloads: like_num = 点赞 */
		TRY(km_take_count(m, KM_F_LIKES, km_j(st, "like_num"), "like_num"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(st, "share_num"), "share_num"));
	TRY(km_take_count(m, KM_F_SAVES, km_j(st, "collect_num"), "collect_num"));
	if (st != node && km_j(st, "comment_count"))
		TRY(km_take_count(m, KM_F_COMMENTS, km_j(st, "comment_count"), "comment_count"));
	return KM_OK;
}

const KmShapeOps km_ops_wechat = {
	no_list, NULL, wechat_map, "a top-level array of getappmsgext responses"
};

/* ----------------------------------------------------------- WeChat Channels */

/* The posts array of a Channels list: object_list or data.object_list. */
static const KmJ *
channels_find_list(const KmJ *root, char *path, size_t n)
{
	static const char *const paths[] = {"object_list", "data.object_list", NULL};

	return km_list_first(root, paths, path, n);
}

/* Map a WeChat Channels feed object (count_info), unwrapping data and object. */
static KmCode
channels_map(KmMap *m, const KmJ *node)
{
	static const char *const idkeys[] = {"id", "object_id", "objectId", NULL};
	static const char *const tkeys[] = {"createtime", "create_time", NULL};
	const char *which;
	const KmJ *ci;

	if (!km_is_obj(km_j(node, "count_info")))
	{
		const KmJ *o = km_j(node, "object");

		if (!km_is_obj(o) && km_is_obj(km_j(node, "data")))
		{
			km_map_descend(m, "data", 0);
			node = km_j(node, "data");
			o = km_j(node, "object");
		}
		if (!km_is_obj(km_j(o, "count_info")))
			return km_shape_error(m, "Expected a WeChat Channels feed object at %s: count_info (or object.count_info); found neither.",
								  m->path);
		km_map_descend(m, "object", 0);
		node = o;
	}
	ci = km_j(node, "count_info");
	m->post->shape = "wechat_channels.feed";
	TRY(take_id_first(m, false, node, idkeys));
	TRY(km_take_id(m, true, km_j(node, "username"), "username"));
	km_take_time(m, first_of(node, tkeys, &which));
	/* fav_count is the thumbs-up (点赞); like_count is the heart (推荐/喜欢) */
	TRY(km_take_count(m, KM_F_LIKES, km_j(ci, "fav_count"), "count_info.fav_count"));
	TRY(km_take_count(m, KM_F_EXTRA, km_j(ci, "like_count"), "count_info.like_count"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(ci, "comment_count"), "count_info.comment_count"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(ci, "forward_count"), "count_info.forward_count"));
	return KM_OK;
}

const KmShapeOps km_ops_wechat_channels = {
	channels_find_list, NULL, channels_map, "object_list[] or data.object_list[]"
};

/* ----------------------------------------------------------------- Douyin */

/* The posts array of a Douyin list: aweme_list, data.list or data.aweme_list. */
static const KmJ *
douyin_find_list(const KmJ *root, char *path, size_t n)
{
	static const char *const paths[] = {"aweme_list", "data.list", "data.aweme_list", NULL};

	return km_list_first(root, paths, path, n);
}

/* The Douyin aweme's ids, time, statistics and author's followers into m. */
static KmCode
douyin_aweme(KmMap *m, const KmJ *a)
{
	static const char *const idkeys[] = {"aweme_id", "item_id", NULL};
	const KmJ *st = km_j(a, "statistics");

	m->post->shape = "douyin.aweme";
	TRY(take_id_first(m, false, a, idkeys));
	TRY(km_take_id(m, true, km_jpath(a, "author.uid"), "author.uid"));
	km_take_time(m, km_j(a, "create_time"));
	TRY(km_take_count(m, KM_F_LIKES, km_j(st, "digg_count"), "statistics.digg_count"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(st, "comment_count"), "statistics.comment_count"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(st, "share_count"), "statistics.share_count"));
	TRY(km_take_count(m, KM_F_SAVES, km_j(st, "collect_count"), "statistics.collect_count"));
	TRY(km_take_count(m, KM_F_VIEWS, km_j(st, "play_count"), "statistics.play_count"));
	/* the web API always sends play_count 0 (no real plays): absent, not zero */
	if (m->post->value[KM_F_VIEWS] == 0)
		m->post->flags[KM_F_VIEWS] = 0;
	TRY(km_take_count(m, KM_F_FOLLOWERS, km_jpath(a, "author.follower_count"),
					  "author.follower_count"));
	/* feeds send follower_count 0 as a placeholder, like play_count */
	if (m->post->value[KM_F_FOLLOWERS] == 0)
		m->post->flags[KM_F_FOLLOWERS] = 0;
	return KM_OK;
}

/* Map a Douyin aweme (bare or under aweme_detail etc.) or billboard item. */
static KmCode
douyin_map(KmMap *m, const KmJ *node)
{
	static const char *const wraps[] = {"aweme_detail", "aweme", "aweme_info", NULL};
	const char *const *w;

	for (w = wraps; *w; w++)
	{
		const KmJ *a = km_j(node, *w);

		if (km_is_obj(a) && km_is_obj(km_j(a, "statistics")))
		{
			km_map_descend(m, *w, 0);
			return douyin_aweme(m, a);
		}
	}
	if (km_is_obj(km_j(node, "statistics")))
		return douyin_aweme(m, node);
	if (km_j(node, "digg_count") && (km_j(node, "play_count") || km_j(node, "rank")))
	{
		/* open platform billboard item: real play_count; hot_value is a score */
		m->post->shape = "douyin.billboard_item";
		TRY(km_take_count(m, KM_F_LIKES, km_j(node, "digg_count"), "digg_count"));
		TRY(km_take_count(m, KM_F_COMMENTS, km_j(node, "comment_count"), "comment_count"));
		TRY(km_take_count(m, KM_F_VIEWS, km_j(node, "play_count"), "play_count"));
		return KM_OK;
	}
	return km_shape_error(m, "Expected a Douyin aweme at %s: aweme_detail.statistics, aweme.statistics, statistics, or a billboard item (digg_count, play_count); found none of these.",
						  m->path);
}

const KmShapeOps km_ops_douyin = {
	douyin_find_list, NULL, douyin_map,
	"aweme_list[], data.list[] or data.aweme_list[]"
};

/* ------------------------------------------------------------ Xiaohongshu */

/* The posts array of a Xiaohongshu list: data.items, items or data.notes. */
static const KmJ *
xhs_find_list(const KmJ *root, char *path, size_t n)
{
	static const char *const paths[] = {"data.items", "items", "data.notes", NULL};

	return km_list_first(root, paths, path, n);
}

/* The Xiaohongshu note's ids, time and interact_info counters into m. */
static KmCode
xhs_note(KmMap *m, const KmJ *n)
{
	const KmJ *ii = km_j(n, "interact_info");
	static const char *const ukeys[] = {"user_id", "userId", NULL};

	if (m->post->post_id == NULL)
		TRY(km_take_id(m, false, km_j(n, "note_id"), "note_id"));
	if (m->post->post_id == NULL)
		TRY(km_take_id(m, false, km_j(n, "id"), "id"));
	TRY(take_id_first(m, true, km_j(n, "user"), ukeys));
	km_take_time(m, km_j(n, "time"));
	TRY(km_take_count(m, KM_F_LIKES, km_j(ii, "liked_count"), "interact_info.liked_count"));
	TRY(km_take_count(m, KM_F_SAVES, km_j(ii, "collected_count"), "interact_info.collected_count"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(ii, "comment_count"), "interact_info.comment_count"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(ii, "share_count"), "interact_info.share_count"));
	return KM_OK;
}

/* Map a Xiaohongshu homefeed item (note_card), note wrapper or bare note. */
static KmCode
xhs_map(KmMap *m, const KmJ *node)
{
	const KmJ *v;

	if (km_is_obj(v = km_j(node, "note_card")))
	{
		/* homefeed item: the note id is the item's id */
		TRY(km_take_id(m, false, km_j(node, "id"), "id"));
		km_map_descend(m, "note_card", 0);
		m->post->shape = "xiaohongshu.note_card";
		return xhs_note(m, v);
	}
	if (km_is_obj(v = km_j(node, "note")))
	{
		km_map_descend(m, "note", 0);
		m->post->shape = "xiaohongshu.note";
		return xhs_note(m, v);
	}
	if (km_is_obj(km_j(node, "interact_info")))
	{
		m->post->shape = "xiaohongshu.note";
		return xhs_note(m, node);
	}
	return km_shape_error(m, "Expected a Xiaohongshu note at %s: note_card.interact_info, note.interact_info or interact_info; found none of these.",
						  m->path);
}

/* Feed items other than notes (model_type "ads", "hot_query", ...) carry no post. */
static bool
xhs_keep(const KmJ *it)
{
	const KmJ *mt = km_j(it, "model_type");

	return mt == NULL || str_is(mt, "note");
}

const KmShapeOps km_ops_xiaohongshu = {
	xhs_find_list, xhs_keep, xhs_map, "data.items[], items[] or data.notes[]"
};

/* --------------------------------------------------------------- Bilibili */

/* The posts array of a Bilibili list: data.items. */
static const KmJ *
bili_find_list(const KmJ *root, char *path, size_t n)
{
	return km_list_at(root, "data.items", path, n);
}

/* The Bilibili dynamic's ids, time and counters (module_stat, archive) into m. */
static KmCode
bili_dynamic(KmMap *m, const KmJ *it)
{
	const KmJ *mod = km_j(it, "modules");
	const KmJ *stat = km_j(mod, "module_stat");
	const KmJ *arch = km_jpath(mod, "module_dynamic.major.archive");

	m->post->shape = "bilibili.dynamic";
	TRY(km_take_id(m, false, km_j(it, "id_str"), "id_str"));
	TRY(km_take_id(m, true, km_jpath(mod, "module_author.mid"), "modules.module_author.mid"));
	km_take_time(m, km_jpath(mod, "module_author.pub_ts"));
	TRY(km_take_count(m, KM_F_LIKES, km_jpath(stat, "like.count"),
					  "modules.module_stat.like.count"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_jpath(stat, "comment.count"),
					  "modules.module_stat.comment.count"));
	TRY(km_take_count(m, KM_F_SHARES, km_jpath(stat, "forward.count"),
					  "modules.module_stat.forward.count"));
	/* video dynamics: archive.stat has play and danmaku (strings, "190.3万"); no coins */
	TRY(km_take_count(m, KM_F_VIEWS, km_jpath(arch, "stat.play"),
					  "modules.module_dynamic.major.archive.stat.play"));
	TRY(km_take_count(m, KM_F_EXTRA, km_jpath(arch, "stat.danmaku"),
					  "modules.module_dynamic.major.archive.stat.danmaku"));
	return KM_OK;
}

/* The Bilibili video's ids, time and stat into m; extra = coin + danmaku. */
static KmCode
bili_video(KmMap *m, const KmJ *v)
{
	static const char *const idkeys[] = {"bvid", "aid", NULL};
	const KmJ *st = km_j(v, "stat");
	int64_t		coin,
				dm;
	uint8_t		fc,
				fd;
	bool		pc,
				pd;

	m->post->shape = "bilibili.video";
	TRY(take_id_first(m, false, v, idkeys));
	TRY(km_take_id(m, true, km_jpath(v, "owner.mid"), "owner.mid"));
	km_take_time(m, km_j(v, "pubdate"));
	TRY(km_take_count(m, KM_F_VIEWS, km_j(st, "view"), "stat.view"));
	TRY(km_take_count(m, KM_F_LIKES, km_j(st, "like"), "stat.like"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(st, "reply"), "stat.reply"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(st, "share"), "stat.share"));
	TRY(km_take_count(m, KM_F_SAVES, km_j(st, "favorite"), "stat.favorite"));
	/* extra = coin + danmaku (三连's coin plus bullet comments) */
	TRY(km_read_count(m, km_j(st, "coin"), "stat.coin", &coin, &fc, &pc));
	TRY(km_read_count(m, km_j(st, "danmaku"), "stat.danmaku", &dm, &fd, &pd));
	if (pc || pd)
	{
		int64_t		sum;

		if (km_add_i64_overflow(coin, dm, &sum))
			return km_fail(&m->post->err, KM_ERANGE,
						   "%s.stat.coin + danmaku is beyond the range of bigint.", m->path);
		km_set(m->post, KM_F_EXTRA, sum, (uint8_t) (fc | fd));
	}
	return KM_OK;
}

/* Map a Bilibili dynamic, video (view/detail or stat) or profile (live, card). */
static KmCode
bili_map(KmMap *m, const KmJ *node)
{
	const KmJ *d = km_j(node, "data");

	if (km_is_obj(d))
	{
		const KmJ *v;

		if (km_is_obj(v = km_j(d, "item")) && km_is_obj(km_j(v, "modules")))
		{
			km_map_descend(m, "data", 0);
			km_map_descend(m, "item", 0);
			return bili_dynamic(m, v);
		}
		if (km_is_obj(v = km_j(d, "View")) && km_is_obj(km_j(v, "stat")))
		{
			/* view/detail: data.View is the video, data.Card the uploader */
			km_map_descend(m, "data", 0);
			TRY(km_take_count(m, KM_F_FOLLOWERS, km_jpath(d, "Card.card.fans"),
							  "Card.card.fans"));
			km_map_descend(m, "View", 0);
			return bili_video(m, v);
		}
		if (km_is_obj(km_j(d, "stat")))
		{
			km_map_descend(m, "data", 0);
			return bili_video(m, d);
		}
		if (km_j(d, "follower_num"))
		{
			km_map_descend(m, "data", 0);
			m->post->shape = "bilibili.live_master";
			TRY(km_take_id(m, true, km_jpath(d, "info.uid"), "info.uid"));
			return km_take_count(m, KM_F_FOLLOWERS, km_j(d, "follower_num"), "follower_num");
		}
		if (km_is_obj(v = km_j(d, "card")))
		{
			km_map_descend(m, "data", 0);
			m->post->shape = "bilibili.card";
			TRY(km_take_id(m, true, km_j(v, "mid"), "card.mid"));
			if (km_j(v, "fans"))
				return km_take_count(m, KM_F_FOLLOWERS, km_j(v, "fans"), "card.fans");
			return km_take_count(m, KM_F_FOLLOWERS, km_j(d, "follower"), "follower");
		}
	}
	if (km_is_obj(km_j(node, "modules")))
		return bili_dynamic(m, node);
	if (km_is_obj(km_j(node, "stat")))
		return bili_video(m, node);
	return km_shape_error(m, "Expected a Bilibili post at %s: a dynamic item (modules.module_stat), a video (data.stat or stat) or a profile (data.follower_num, data.card); found none of these.",
						  m->path);
}

const KmShapeOps km_ops_bilibili = {
	bili_find_list, NULL, bili_map, "data.items[]"
};

/* --------------------------------------------------------------- Kuaishou */

/* A Kuaishou list's posts: data.visionProfilePhotoList.feeds or feeds. */
static const KmJ *
ks_find_list(const KmJ *root, char *path, size_t n)
{
	static const char *const paths[] = {"data.visionProfilePhotoList.feeds", "feeds", NULL};

	return km_list_first(root, paths, path, n);
}

/* Whether o is a Kuaishou photo (realLikeCount, likeCount or viewCount). */
static bool
ks_is_photo(const KmJ *o)
{
	return km_is_obj(o) && (km_j(o, "realLikeCount") || km_j(o, "likeCount") ||
							km_j(o, "viewCount"));
}

/* The Kuaishou photo's id, time and counters into m (realLikeCount first). */
static KmCode
ks_photo(KmMap *m, const KmJ *p)
{
	const KmJ *real = km_j(p, "realLikeCount");

	m->post->shape = "kuaishou.photo";
	TRY(km_take_id(m, false, km_j(p, "id"), "id"));
	km_take_time(m, km_j(p, "timestamp"));
	/* realLikeCount is exact; likeCount is the display string ("1.2万") */
	if (real != NULL && !kj_is(real, KJ_NULL))
		TRY(km_take_count(m, KM_F_LIKES, real, "realLikeCount"));
	else
		TRY(km_take_count(m, KM_F_LIKES, km_j(p, "likeCount"), "likeCount"));
	TRY(km_take_count(m, KM_F_COMMENTS, km_j(p, "commentCount"), "commentCount"));
	TRY(km_take_count(m, KM_F_VIEWS, km_j(p, "viewCount"), "viewCount"));
	TRY(km_take_count(m, KM_F_SHARES, km_j(p, "shareCount"), "shareCount"));
	return KM_OK;
}

/* Map a Kuaishou photo (visionVideoDetail, {photo, author}, bare) or profile. */
static KmCode
ks_map(KmMap *m, const KmJ *node)
{
	const KmJ *d = km_jpath(node, "data.visionVideoDetail");
	const KmJ *prof = km_jpath(node, "data.visionProfile.userProfile");

	if (km_is_obj(d) && ks_is_photo(km_j(d, "photo")))
	{
		km_map_descend(m, "data", 0);
		km_map_descend(m, "visionVideoDetail", 0);
		node = d;
	}
	if (ks_is_photo(km_j(node, "photo")))
	{
		/* {photo, author}: feed items and visionVideoDetail */
		TRY(km_take_id(m, true, km_jpath(node, "author.id"), "author.id"));
		km_map_descend(m, "photo", 0);
		return ks_photo(m, km_j(node, "photo"));
	}
	if (ks_is_photo(node))
		return ks_photo(m, node);
	if (km_is_obj(prof))
	{
		km_map_descend(m, "data", 0);
		km_map_descend(m, "visionProfile", 0);
		km_map_descend(m, "userProfile", 0);
		m->post->shape = "kuaishou.profile";
		TRY(km_take_id(m, true, km_jpath(prof, "profile.user_id"), "profile.user_id"));
		return km_take_count(m, KM_F_FOLLOWERS, km_jpath(prof, "ownerCount.fan"), "ownerCount.fan");
	}
	return km_shape_error(m, "Expected a Kuaishou photo at %s: data.visionVideoDetail.photo, photo, or an object with realLikeCount, likeCount or viewCount; found none of these.",
						  m->path);
}

const KmShapeOps km_ops_kuaishou = {
	ks_find_list, NULL, ks_map, "data.visionProfilePhotoList.feeds[] or feeds[]"
};
