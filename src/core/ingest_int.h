/*
 * ingest_int.h
 *	  Internals shared by the payload mappers (ingest.c, ingest_cn.c,
 *	  ingest_intl.c): JSON lookups that tolerate any shape, and the helpers
 *	  that read counters, ids and times into a KmPost with JSON-path errors.
 */
#ifndef KM_INGEST_INT_H
#define KM_INGEST_INT_H

#include "ingest.h"

#include "ingest_json.h"

#define KM_PATH_MAX 160

/* The post being mapped and the JSON path of the node it is mapped from. */
typedef struct KmMap
{
	KmPost	   *post;
	KmPlatform	platform;
	int			tz_offset_s;	/* zone of naive times: +08:00 on Chinese platforms */
	const KmJ *root;			/* the whole payload (list-level fields) */
	char		path[KM_PATH_MAX];
} KmMap;

/* A platform's payload knowledge. */
typedef struct KmShapeOps
{
	/*
	 * The array of posts in a list response, or NULL when root is not one;
	 * writes the array's JSON path to path.
	 */
	const KmJ *(*find_list) (const KmJ *root, char *path, size_t pathlen);
	/* Whether a list item is a post to map (false: skip it silently). */
	bool		(*keep_item) (const KmJ *item);
	/* Map one post (or profile) object; may unwrap known envelopes. */
	KmCode		(*map_one) (KmMap *m, const KmJ *node);
	const char *list_desc;		/* the list shapes, for error details */
} KmShapeOps;

extern const KmShapeOps km_ops_weibo, km_ops_wechat, km_ops_wechat_channels,
			km_ops_douyin, km_ops_xiaohongshu, km_ops_bilibili, km_ops_kuaishou,
			km_ops_tiktok, km_ops_instagram, km_ops_youtube;

/* Child of an object, NULL when o is not an object or lacks the key. */
static inline const KmJ *
km_j(const KmJ *o, const char *key)
{
	return kj_get(o, key);
}

/* Values of scalars (callers check the type first). */
static inline const char *
kj_str(const KmJ *v)
{
	return v->s;
}

/* Bytes of a string's value or a number's text. */
static inline size_t
kj_len(const KmJ *v)
{
	return v->n;
}

/* Value of a JSON integer (saturated when KJ_F_BIG). */
static inline int64_t
kj_int64(const KmJ *v)
{
	return v->u.i;
}

/* Value of a JSON boolean. */
static inline bool
kj_bool(const KmJ *v)
{
	return (v->flags & KJ_F_TRUE) != 0;
}

/* Follow a dotted path of object keys ("data.stat.view"); NULL when missing. */
extern const KmJ *km_jpath(const KmJ *o, const char *dotted);

/* Whether o is a JSON object (false for NULL). */
static inline bool
km_is_obj(const KmJ *o)
{
	return kj_is(o, KJ_OBJECT);
}

/* Whether o is a JSON array (false for NULL). */
static inline bool
km_is_arr(const KmJ *o)
{
	return kj_is(o, KJ_ARRAY);
}

/* Append ".key" (or "[i]" when key is NULL) to m->path: the mapper descended. */
extern void km_map_descend(KmMap *m, const char *key, int index);

/*
 * Read a counter at m->path + "." + rel from v (NULL or JSON null or "" =
 * absent).  JSON integers, numbers and count strings are accepted (count
 * strings through km_parse_count, so "1.2万" is 12000 and flagged rounded;
 * numbers with a fraction or exponent exactly from their digits, a fraction
 * rounded half up and flagged rounded).
 * On success *present tells whether there was a value.  Errors name the path.
 */
extern KmCode km_read_count(KmMap *m, const KmJ *v, const char *rel,
							int64_t *value, uint8_t *flags, bool *present);

/* km_read_count into post->value[f] (absent leaves the field absent). */
extern KmCode km_take_count(KmMap *m, KmField f, const KmJ *v, const char *rel);

/* Same, after dropping the first matching display suffix ("次播放") of a string value. */
extern KmCode km_take_count_suffix(KmMap *m, KmField f, const KmJ *v,
								   const char *rel, const char *const *suffixes);

/* Set a counter directly. */
static inline void
km_set(KmPost *p, KmField f, int64_t v, uint8_t flags)
{
	p->value[f] = v;
	p->flags[f] = (uint8_t) (flags | KM_V_PRESENT);
}

/* Post or author id from a string or an integer; "" or null = absent. */
extern KmCode km_take_id(KmMap *m, bool author, const KmJ *v, const char *rel);

/* posted_at from a time string or Unix seconds/milliseconds; unreadable = absent. */
extern void km_take_time(KmMap *m, const KmJ *v);

/* A "this is not the shape expected" error naming the path; returns KM_ESYNTAX. */
extern KmCode km_shape_error(KmMap *m, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/* Name of a JSON value's type for error details ("a string", "an array"). */
extern const char *km_jtype(const KmJ *v);

/* Helper for find_list: the array at root's dotted path, with its JSON path. */
extern const KmJ *km_list_at(const KmJ *root, const char *dotted,
							   char *path, size_t pathlen);

/* Helper for find_list: the first of the NULL-terminated dotted paths that is an array. */
extern const KmJ *km_list_first(const KmJ *root, const char *const *dotted,
								char *path, size_t pathlen);

#endif							/* KM_INGEST_INT_H */
