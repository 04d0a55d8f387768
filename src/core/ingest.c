/*
 * ingest.c
 *	  Payload parsing (json-c), limits, list handling and the shared readers
 *	  of counters, ids and times.  Platform mappers: ingest_cn.c, ingest_intl.c.
 */
#include "ingest_int.h"
#include "count.h"
#include "json_lex.h"

#include <json-c/json.h>

#include <inttypes.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Posts arrays (and payloads) larger than this are released by km_ingest_reset. */
#define KEEP_POSTS_BYTES	(1024 * 1024)

const char *const km_platform_names[KM_P_COUNT] = {
	"weibo", "wechat", "wechat_channels", "douyin", "xiaohongshu", "bilibili",
	"kuaishou", "taobao_live", "tiktok", "instagram", "youtube"
};

const char *const km_field_names[KM_F_COUNT] = {
	"likes", "comments", "shares", "saves", "views", "extra", "followers"
};

static const KmShapeOps *const platform_ops[KM_P_COUNT] = {
	&km_ops_weibo, &km_ops_wechat, &km_ops_wechat_channels, &km_ops_douyin,
	&km_ops_xiaohongshu, &km_ops_bilibili, &km_ops_kuaishou, NULL,
	&km_ops_tiktok, &km_ops_instagram, &km_ops_youtube
};

/* Platform by its SQL enum label. */
bool
km_platform_from_name(const char *name, KmPlatform *p)
{
	int			i;

	for (i = 0; i < KM_P_COUNT; i++)
		if (strcmp(name, km_platform_names[i]) == 0)
		{
			*p = (KmPlatform) i;
			return true;
		}
	return false;
}

/* A "+" count, or a platform's known cap given exactly. */
bool
km_count_is_floor_of(int64_t v, unsigned flags, bool has_platform, KmPlatform p)
{
	if (flags & KM_COUNT_FLOOR)
		return true;
	return has_platform && p == KM_P_WECHAT && v == KM_WECHAT_READ_CAP &&
		!(flags & KM_COUNT_ROUNDED);
}

/* ---------------------------------------------------------------- JSON */

const KmJ *
km_jpath(const KmJ *o, const char *dotted)
{
	while (o != NULL && *dotted)
	{
		size_t		n = 0;

		while (dotted[n] != '\0' && dotted[n] != '.')
			n++;
		if (n >= 64)
			return NULL;		/* no key of a known shape is this long */
		o = kj_getn(o, dotted, n);
		dotted += n + (dotted[n] == '.' ? 1 : 0);
	}
	return o;
}

const char *
km_jtype(const KmJ *v)
{
	if (v == NULL)
		return "missing";
	switch (kj_type(v))
	{
		case KJ_NULL:
			return "null";
		case KJ_BOOL:
			return "a boolean";
		case KJ_DOUBLE:
		case KJ_INT:
			return "a number";
		case KJ_STRING:
			return "a string";
		case KJ_ARRAY:
			return "an array";
		case KJ_OBJECT:
			return "an object";
	}
	return "unknown";
}

void
km_map_descend(KmMap *m, const char *key, int index)
{
	size_t		used = strlen(m->path);

	if (key)
	{
		/* ".key", cut at the end of the buffer like snprintf */
		size_t		klen = strlen(key);

		if (used + 1 < sizeof(m->path))
		{
			size_t		room = sizeof(m->path) - used - 2;

			m->path[used] = '.';
			if (klen > room)
				klen = room;
			memcpy(m->path + used + 1, key, klen);
			m->path[used + 1 + klen] = '\0';
		}
	}
	else
		snprintf(m->path + used, sizeof(m->path) - used, "[%d]", index);
}

const KmJ *
km_list_at(const KmJ *root, const char *dotted, char *path, size_t pathlen)
{
	const KmJ *a = km_jpath(root, dotted);

	if (!km_is_arr(a))
		return NULL;
	snprintf(path, pathlen, "$.%s", dotted);
	return a;
}

const KmJ *
km_list_first(const KmJ *root, const char *const *dotted, char *path, size_t pathlen)
{
	for (; *dotted != NULL; dotted++)
	{
		const KmJ  *a = km_list_at(root, *dotted, path, pathlen);

		if (a != NULL)
			return a;
	}
	return NULL;
}

KmCode
km_shape_error(KmMap *m, const char *fmt,...)
{
	char		buf[KM_DETAIL_LEN];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return km_fail(&m->post->err, KM_ESYNTAX, "%s", buf);
}

/* ------------------------------------------------------------ counters */

/*
 * A JSON number with a fraction or an exponent ("12.0", "1.5e3", "12e2",
 * "9007199254740993.0") as a count, exactly from its digits, never through a
 * double: integral values are exact; a fraction is rounded half up (half away
 * from zero, counts being non-negative) and *rounded set when any non-zero
 * fraction digit was dropped.  -0.0 is 0.
 */
typedef enum
{
	DEC_OK,
	DEC_SYNTAX,					/* not a decimal, or negative */
	DEC_RANGE					/* beyond bigint (after rounding) */
} DecResult;

/* The one JSON number s (n bytes) as a count into *value, as above. */
static DecResult
decimal_count(const char *s, size_t n, int64_t *value, bool *rounded)
{
	KmJLex		lx;
	KmJToken	t;
	const char *ip,
			   *fp;
	size_t		ni,
				nf,
				nd,
				lead = 0,
				k;
	long		exp;
	long		pos;			/* digits of the mantissa before the point */
	uint64_t	u = 0;
	int			first;			/* first dropped fraction digit */

	*value = 0;
	*rounded = false;
	/* the whole text is one number; json-c's text may have leading zeros ("01.5") */
	km_jlex_init(&lx, s, n, KJ_LEX_ZEROS_OK);
	if (km_jlex_number(&lx, &t) != KJT_NUMBER || t.end != n)
		return DEC_SYNTAX;
	ip = s + t.num.int_at;
	fp = s + t.num.frac_at;
	ni = t.num.nint;
	nf = t.num.nfrac;
	exp = t.num.e;

	/* the mantissa digits D = integer digits then fraction digits */
#define DIGIT(i) ((i) < ni ? ip[(i)] : fp[(i) - ni])
	nd = ni + nf;
	while (lead < nd && DIGIT(lead) == '0')
		lead++;
	if (lead == nd)
		return DEC_OK;			/* zero, also "-0.0" */
	if (t.num.neg)
		return DEC_SYNTAX;
	pos = (long) ni - (long) lead + exp;	/* integer digits of D[lead..] */
	if (pos > 19)
		return DEC_RANGE;		/* >= 10^19 */
	for (k = 0; (long) k < pos; k++)
	{
		int			d = lead + k < nd ? DIGIT(lead + k) - '0' : 0;

		u = u * 10 + (uint64_t) d;	/* at most 19 digits: fits uint64 */
	}
	/* the fraction: D[lead + pos ..], preceded by -pos zeros when pos < 0 */
	first = 0;
	if (pos >= 0 && lead + (size_t) pos < nd)
		first = DIGIT(lead + (size_t) pos) - '0';
	for (k = lead + (size_t) (pos > 0 ? pos : 0); k < nd; k++)
		if (DIGIT(k) != '0')
		{
			*rounded = true;
			break;
		}
#undef DIGIT
	if (first >= 5)
		u++;
	if (u > (uint64_t) INT64_MAX)
		return DEC_RANGE;
	*value = (int64_t) u;
	return DEC_OK;
}

KmCode
km_read_count(KmMap *m, const KmJ *v, const char *rel, int64_t *value,
			  uint8_t *flags, bool *present)
{
	KmError		sub;
	unsigned	cf = 0;
	const char *s;
	size_t		len;
	bool		rounded;

	*present = false;
	*flags = 0;
	*value = 0;
	if (v == NULL)
		return KM_OK;
	switch (kj_type(v))
	{
		case KJ_NULL:
			return KM_OK;
		case KJ_INT:
			{
				int64_t		i = kj_int64(v);

				if (i < 0)
					return km_fail(&m->post->err, KM_ESYNTAX,
								   "%s.%s is negative (%" PRId64 "); a count cannot be negative.",
								   m->path, rel, i);
				/* json-c reads larger integers as uint64, saturating */
				if (v->flags & KJ_F_BIG)
					return km_fail(&m->post->err, KM_ERANGE,
								   "%s.%s is beyond the range of bigint.", m->path, rel);
				*value = i;
				*present = true;
				return KM_OK;
			}
		case KJ_DOUBLE:
			switch (decimal_count(kj_str(v), kj_len(v), value, &rounded))
			{
				case DEC_OK:
					break;
				case DEC_RANGE:
					*value = 0;
					return km_fail(&m->post->err, KM_ERANGE,
								   "%s.%s (%s) is beyond the range of bigint.",
								   m->path, rel, kj_str(v));
				default:
					*value = 0;
					return km_fail(&m->post->err, KM_ESYNTAX,
								   "%s.%s is %s; a count must be a non-negative number.",
								   m->path, rel, kj_str(v));
			}
			*flags = rounded ? KM_V_ROUNDED : 0;
			*present = true;
			return KM_OK;
		case KJ_STRING:
			s = kj_str(v);
			len = (size_t) kj_len(v);
			if (len == 0)
				return KM_OK;
			km_clear(&sub);
			if (km_parse_count(s, len, value, &cf, &sub) != KM_OK)
				return km_fail(&m->post->err, sub.code, "%s.%s \"%.*s\" is not a count: %s",
							   m->path, rel, km_utf8_cut(s, len > 40 ? 40 : len), s, sub.detail);
			*flags = (uint8_t) (((cf & KM_COUNT_ROUNDED) ? KM_V_ROUNDED : 0) |
								((cf & KM_COUNT_FLOOR) ? KM_V_FLOOR : 0));
			*present = true;
			return KM_OK;
		default:
			return km_fail(&m->post->err, KM_ESYNTAX,
						   "%s.%s is %s; a count must be a number or a count string.",
						   m->path, rel, km_jtype(v));
	}
}

KmCode
km_take_count(KmMap *m, KmField f, const KmJ *v, const char *rel)
{
	int64_t		val;
	uint8_t		fl;
	bool		present;
	KmCode		rc = km_read_count(m, v, rel, &val, &fl, &present);

	if (rc == KM_OK && present)
		km_set(m->post, f, val, fl);
	return rc;
}

KmCode
km_take_count_suffix(KmMap *m, KmField f, const KmJ *v, const char *rel,
					 const char *const *suffixes)
{
	const char *s;
	size_t		len;
	KmJ			tmp;

	if (v == NULL || !kj_is(v, KJ_STRING))
		return km_take_count(m, f, v, rel);
	s = kj_str(v);
	len = (size_t) kj_len(v);
	for (; *suffixes; suffixes++)
	{
		size_t		sl = strlen(*suffixes);

		if (len >= sl && memcmp(s + len - sl, *suffixes, sl) == 0)
		{
			/* the same string, shorter (km_read_count reads it by length) */
			tmp = *v;
			tmp.n = (uint32_t) (len - sl);
			return km_take_count(m, f, &tmp, rel);
		}
	}
	return km_take_count(m, f, v, rel);
}

/* ---------------------------------------------------------------- ids */

KmCode
km_take_id(KmMap *m, bool author, const KmJ *v, const char *rel)
{
	const char *s;
	size_t		len;

	if (v == NULL)
		return KM_OK;
	switch (kj_type(v))
	{
		case KJ_NULL:
			return KM_OK;
		case KJ_STRING:
		case KJ_INT:
			/* a string, or an integer's text (as json-c prints it) */
			s = kj_str(v);
			len = kj_len(v);
			break;
		default:
			return km_fail(&m->post->err, KM_ESYNTAX,
						   "%s.%s is %s; an id must be a string or an integer.",
						   m->path, rel, km_jtype(v));
	}
	if (kj_type(v) == KJ_INT && (v->flags & KJ_F_SAT))
		return km_fail(&m->post->err, KM_ERANGE,
					   "%s.%s is an integer id outside [-2^63 + 1, 2^64 - 2], whose digits cannot be kept exactly; send it as a JSON string.",
					   m->path, rel);
	if (len == 0)
		return KM_OK;
	if (len > KM_INGEST_MAX_ID || memchr(s, '\0', len) != NULL)
		return km_fail(&m->post->err, KM_ESYNTAX,
					   "%s.%s is not an id (longer than %d bytes or contains \\u0000).",
					   m->path, rel, KM_INGEST_MAX_ID);
	if (author)
	{
		m->post->author_id = s;
		m->post->author_id_len = len;
	}
	else
	{
		m->post->post_id = s;
		m->post->post_id_len = len;
	}
	return KM_OK;
}

/* ------------------------------------------------------------- driver */

/*
 * A fresh json-c tokener.  json-c 0.16's json_tokener_reset leaves a pending
 * \u high surrogate behind, so that a payload that failed inside a surrogate
 * pair made the next one's first \u escape come out as U+FFFD; a tokener
 * that saw an error is therefore replaced rather than reset.
 */
static bool
new_tokener(KmIngest *ing)
{
	if (ing->tok)
		json_tokener_free(ing->tok);
	ing->tok = json_tokener_new_ex(KM_INGEST_MAX_DEPTH);
	if (ing->tok == NULL)
		return false;
	json_tokener_set_flags(ing->tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	return true;
}

KmCode
km_ingest_init(KmIngest *ing, KmError *err)
{
	memset(ing, 0, sizeof(*ing));
	ing->tree = calloc(1, sizeof(KmJTree));
	if (ing->tree == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory for the JSON tree.");
	if (!new_tokener(ing))
	{
		free(ing->tree);
		ing->tree = NULL;
		return km_fail(err, KM_ENOMEM, "json-c could not allocate a tokener.");
	}
	return KM_OK;
}

void
km_ingest_reset(KmIngest *ing)
{
	bool		big = false;

	if (ing->root)
	{
		/* json-c's tree: some 60 bytes a value, 760 an object, all malloc'd */
		big = ing->root_bytes > KEEP_POSTS_BYTES;
		json_object_put((json_object *) ing->root);
	}
	ing->root = NULL;
	ing->root_bytes = 0;
	if (ing->tree)
	{
		KmJTree    *t = (KmJTree *) ing->tree;

		big |= t->capbuf > KEEP_POSTS_BYTES;
		km_jtree_reset(t);
	}
	/*
	 * The posts of a large list (some 400 bytes each: 40 MB for 100,000) are
	 * released, not kept for the next payload: the state lives as long as the
	 * backend.
	 */
	if ((size_t) ing->cap * sizeof(KmPost) > KEEP_POSTS_BYTES)
	{
		free(ing->posts);
		ing->posts = NULL;
		ing->cap = 0;
		big = true;
	}
	ing->nposts = 0;
	ing->nbad = 0;
#ifdef __GLIBC__
	/*
	 * A large payload's many small blocks went back to malloc's free lists;
	 * give the pages back to the system too, or the backend stays that large.
	 */
	if (big)
		malloc_trim(0);
#endif
}

void
km_ingest_free(KmIngest *ing)
{
	km_ingest_reset(ing);
	if (ing->tok)
		json_tokener_free(ing->tok);
	if (ing->tree)
		km_jtree_free((KmJTree *) ing->tree);
	free(ing->tree);
	free(ing->posts);
	memset(ing, 0, sizeof(*ing));
}

/* A fresh KmPost at the end of ing->posts, or NULL when out of memory. */
static KmPost *
new_post(KmIngest *ing)
{
	KmPost	   *p;

	if (ing->nposts == ing->cap)
	{
		int			ncap = ing->cap ? ing->cap * 2 : 16;
		KmPost	   *np = realloc(ing->posts, sizeof(KmPost) * (size_t) ncap);

		if (np == NULL)
			return NULL;
		ing->posts = np;
		ing->cap = ncap;
	}
	p = &ing->posts[ing->nposts++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* Whether p is a Chinese platform (all but TikTok, Instagram and YouTube). */
static bool
chinese_platform(KmPlatform p)
{
	return p != KM_P_TIKTOK && p != KM_P_INSTAGRAM && p != KM_P_YOUTUBE;
}

/* Map node (at JSON path) into a new post; the post keeps its own error. */
static KmCode
map_into(KmIngest *ing, const KmShapeOps *ops, KmPlatform p, const KmJ *node,
		 const char *path, KmError *err)
{
	KmMap		m;
	KmCode		rc;

	m.post = new_post(ing);
	if (m.post == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory for %d posts.", ing->nposts);
	m.platform = p;
	m.tz_offset_s = chinese_platform(p) ? 8 * 3600 : 0;
	m.root = km_jroot((const KmJTree *) ing->tree);
	{
		size_t		pl = strnlen(path, sizeof(m.path) - 1);

		memcpy(m.path, path, pl);
		m.path[pl] = '\0';
	}
	km_clear(&m.post->err);
	if (!km_is_obj(node))
		rc = km_shape_error(&m, "%s is %s; a %s post must be an object.",
							path, km_jtype(node), km_platform_names[p]);
	else
		rc = ops->map_one(&m, node);
	if (rc != KM_OK)
	{
		if (m.post->err.code == KM_OK)
			km_fail(&m.post->err, rc, "Could not map %s.", path);
		m.post->shape = NULL;
		ing->nbad++;
	}
	return KM_OK;
}

/*
 * Count the objects and values of a JSON text without parsing it (strings are
 * skipped), so that a payload whose tree would be too large is refused before
 * json-c allocates it.  Malformed text is left for the parser to report.
 */
static KmCode
check_size(const char *json, size_t len, KmError *err)
{
	size_t		objects = 0,
				values = 0,
				i;
	bool		in_string = false;

	for (i = 0; i < len; i++)
	{
		char		ch = json[i];

		if (in_string)
		{
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = false;
			continue;
		}
		switch (ch)
		{
			case '"':
				in_string = true;
				break;
			case '{':
				if (++objects > KM_INGEST_MAX_OBJECTS)
					return km_fail(err, KM_ELIMIT,
								   "The payload has more than %d JSON objects.",
								   KM_INGEST_MAX_OBJECTS);
				/* FALLTHROUGH */
			case '[':
			case ',':
				if (++values > KM_INGEST_MAX_VALUES)
					return km_fail(err, KM_ELIMIT,
								   "The payload has more than %d JSON values.",
								   KM_INGEST_MAX_VALUES);
				break;
			default:
				break;
		}
	}
	return KM_OK;
}

/* The array of posts in root (a top-level array or the platform's list path). */
static const KmJ *
find_list(const KmShapeOps *ops, const KmJ *root, char *path, size_t pathlen)
{
	if (km_is_arr(root))
	{
		if (pathlen >= 2)
			memcpy(path, "$", 2);
		return root;
	}
	return ops->find_list(root, path, pathlen);
}

/*
 * Refuse a lone UTF-16 surrogate escape (\ud800 not followed by a low half,
 * or a low half \udc00 alone) anywhere in json, which json-c has parsed
 * (so it is well-formed): json-c would store U+FFFD in its place, silently
 * changing an id.  kol_profile input refuses them the same way, and so does
 * jsonb.  The error names the JSON path of the string (or of the member whose
 * key it is).  The fast parser declines such payloads, so only json-c's path
 * needs this walk.
 */
typedef struct SurrFrame
{
	bool		object;
	bool		expect_key;
	size_t		index;
	const char *key;
	size_t		keylen;
} SurrFrame;

/* The error for lone surrogate cp in the string (or key) at the path st[0..depth). */
static KmCode
lone_surrogate(KmError *err, bool is_key, unsigned cp, const SurrFrame *st, int depth)
{
	char		path[KM_PATH_MAX];
	size_t		used = 1;
	int			i;

	strcpy(path, "$");
	for (i = 0; i < depth && used < sizeof(path) - 1; i++)
	{
		int			w;

		if (st[i].object)
			w = snprintf(path + used, sizeof(path) - used, ".%.*s",
						 (int) (st[i].keylen > 64 ? 64 : st[i].keylen),
						 st[i].key ? st[i].key : "");
		else
			w = snprintf(path + used, sizeof(path) - used, "[%zu]", st[i].index);
		if (w < 0)
			break;
		used += (size_t) w;
	}
	if (used >= sizeof(path))
		used = sizeof(path) - 1;
	path[km_utf8_cut(path, used)] = '\0';
	return km_fail(err, KM_ESYNTAX,
				   "The %s at %s contains a lone UTF-16 surrogate \\u%04X (an unpaired half of a surrogate pair).",
				   is_key ? "key" : "string", path, cp);
}

/* The walk above: KM_OK, or the error for the first lone surrogate in json. */
static KmCode
check_surrogates(const char *json, size_t len, KmError *err)
{
	SurrFrame	st[KM_INGEST_MAX_DEPTH + 1];
	int			depth = 0;
	const char *end = json + len;
	KmJLex		lx;
	KmJToken	t;

	/* no \u escape at all: the common case */
	{
		const char *q = json;

		while ((q = memchr(q, 'u', (size_t) (end - q))) != NULL && (q == json || q[-1] != '\\'))
			q++;
		if (q == NULL)
			return KM_OK;
	}
	/* json-c's strings: raw control bytes and \u0000 pass, lone surrogates are noted */
	km_jlex_init(&lx, json, len, KJ_LEX_CTRL_OK | KJ_LEX_NUL_OK | KJ_LEX_LONE_OK);
	for (;;)
	{
		switch (km_jlex_next(&lx, &t))
		{
			case KJT_EOF:
				return KM_OK;
			case KJT_LBRACE:
			case KJT_LBRACKET:
				if (depth > KM_INGEST_MAX_DEPTH)
					return KM_OK;	/* json-c refused deeper payloads already */
				st[depth].object = (t.type == KJT_LBRACE);
				st[depth].expect_key = st[depth].object;
				st[depth].index = 0;
				st[depth].key = NULL;
				st[depth].keylen = 0;
				depth++;
				break;
			case KJT_RBRACE:
			case KJT_RBRACKET:
				if (depth > 0)
					depth--;
				break;
			case KJT_COMMA:
				if (depth > 0)
				{
					if (st[depth - 1].object)
						st[depth - 1].expect_key = true;
					else
						st[depth - 1].index++;
				}
				break;
			case KJT_STRING:
				{
					bool		is_key = depth > 0 && st[depth - 1].expect_key;

					if (is_key)
					{
						st[depth - 1].key = json + km_jlex_body(&t, &st[depth - 1].keylen);
						st[depth - 1].expect_key = false;
					}
					if (t.lone != 0)
						return lone_surrogate(err, is_key, t.lone, st, depth);
					break;
				}
			case KJT_ERROR:
				/* json-c's lenient numbers and literals (NaN, "-.5"): step over */
				if (t.err != KJE_NUMBER && t.err != KJE_CHAR)
					return KM_OK;	/* not in a string json-c accepted */
				lx.pos = t.err_at + 1;
				break;
			default:
				break;
		}
	}
}

/*
 * Parse with json-c (limits, syntax and UTF-8 errors reported here) and convert
 * its tree for the mappers.
 */
static KmCode
parse_jsonc(KmIngest *ing, const char *json, size_t len, KmError *err)
{
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	json_object *root;
	size_t		end;

	if (check_size(json, len, err) != KM_OK)
		return err->code;

	if (ing->tok == NULL && !new_tokener(ing))
		return km_fail(err, KM_ENOMEM, "json-c could not allocate a tokener.");
	tok = ing->tok;
	json_tokener_reset(tok);
	root = json_tokener_parse_ex(tok, json, (int) len);
	jerr = json_tokener_get_error(tok);
	if (jerr == json_tokener_continue || (root == NULL && jerr == json_tokener_success))
	{
		/* ran out of input; an empty payload never starts a value */
		json_object_put(root);
		json_tokener_free(tok);
		ing->tok = NULL;		/* see new_tokener */
		return km_fail(err, KM_ESYNTAX, "The JSON ends early at byte %zu.", len);
	}
	if (jerr != json_tokener_success)
	{
		size_t		at = json_tokener_get_parse_end(tok);

		json_object_put(root);
		json_tokener_free(tok);
		ing->tok = NULL;		/* see new_tokener */
		if (jerr == json_tokener_error_depth)
			return km_fail(err, KM_ELIMIT,
						   "The JSON nests deeper than %d levels (at byte %zu).",
						   KM_INGEST_MAX_DEPTH, at);
		return km_fail(err, KM_ESYNTAX, "Malformed JSON at byte %zu: %s.", at,
					   json_tokener_error_desc(jerr));
	}
	ing->root = root;
	ing->root_bytes = len;
	for (end = json_tokener_get_parse_end(tok); end < len; end++)
		if (json[end] != ' ' && json[end] != '\t' && json[end] != '\n' && json[end] != '\r')
			return km_fail(err, KM_ESYNTAX, "Unexpected content after the JSON value at byte %zu.",
						   end);
	if (check_surrogates(json, len, err) != KM_OK)
		return err->code;
	if (!km_jtree_from_jsonc((KmJTree *) ing->tree, root))
		return km_fail(err, KM_ENOMEM, "Out of memory for the JSON tree.");
	return KM_OK;
}

/* The shape knowledge of platform p, or an error. */
static const KmShapeOps *
ops_of(KmPlatform p, KmError *err)
{
	if ((int) p < 0 || p >= KM_P_COUNT)
	{
		km_fail(err, KM_EPARAM, "Unknown platform number %d.", (int) p);
		return NULL;
	}
	if (platform_ops[p] == NULL)
		km_fail(err, KM_EPARAM, "No payload shape is known for platform %s.",
				km_platform_names[p]);
	return platform_ops[p];
}

static KmCode map_tree(KmIngest *ing, const KmShapeOps *ops, KmPlatform p, bool list,
					   KmError *err);

KmCode
km_ingest_run(KmIngest *ing, KmPlatform p, const char *json, size_t len,
			  bool list, KmError *err)
{
	const KmShapeOps *ops;
	KmCode		rc;

	km_ingest_reset(ing);
	if ((ops = ops_of(p, err)) == NULL)
		return err->code;
	if ((rc = km_ingest_parse(ing, json, len, err)) != KM_OK)
		return rc;
	return map_tree(ing, ops, p, list, err);
}

KmCode
km_ingest_parse(KmIngest *ing, const char *json, size_t len, KmError *err)
{
	KmJTree    *tree = (KmJTree *) ing->tree;
	KmJFast		fast;
	KmCode		rc;

	if (len > KM_INGEST_MAX_BYTES)
		return km_fail(err, KM_ELIMIT, "The payload is %zu bytes; the limit is %d bytes.",
					   len, KM_INGEST_MAX_BYTES);
	if (len > INT32_MAX)
		return km_fail(err, KM_ELIMIT, "The payload is too large.");

	/*
	 * The fast parser takes well-formed payloads in its subset; json-c takes
	 * the rest and reports every error (ingest_json.h).
	 */
	fast = ing->use_jsonc ? KJ_FAST_DECLINED : km_jtree_parse_fast(tree, json, len);
	if (fast == KJ_FAST_NOMEM)
		return km_fail(err, KM_ENOMEM, "Out of memory for the JSON tree.");
	if (fast == KJ_FAST_DECLINED)
	{
		km_jtree_reset(tree);
		if ((rc = parse_jsonc(ing, json, len, err)) != KM_OK)
			return rc;
	}
	return KM_OK;
}

KmCode
km_ingest_map_built(KmIngest *ing, KmPlatform p, bool list, KmError *err)
{
	const KmShapeOps *ops;

	if ((ops = ops_of(p, err)) == NULL)
		return err->code;
	if (km_jroot((const KmJTree *) ing->tree) == NULL)
		return km_fail(err, KM_EPARAM, "No JSON tree was built.");
	return map_tree(ing, ops, p, list, err);
}

/* Map the tree in ing->tree: one post, or every item of a list. */
static KmCode
map_tree(KmIngest *ing, const KmShapeOps *ops, KmPlatform p, bool list, KmError *err)
{
	const KmJ  *root = km_jroot((const KmJTree *) ing->tree),
			   *arr;
	char		path[KM_PATH_MAX];
	size_t		i,
				n;
	KmCode		rc;

	arr = find_list(ops, root, path, sizeof(path));
	if (!list)
	{
		if (arr == NULL)
		{
			rc = map_into(ing, ops, p, root, "$", err);
			if (rc != KM_OK)
				return rc;
		}
		else
		{
			const KmJ *only = NULL;
			size_t		kept = 0,
						at = 0;

			n = kj_alen(arr);
			for (i = 0; i < n; i++)
			{
				const KmJ *it = kj_aget(arr, i);

				if (ops->keep_item == NULL || ops->keep_item(it))
				{
					kept++;
					only = it;
					at = i;
				}
			}
			if (kept != 1)
				return km_fail(err, KM_ESYNTAX,
							   "The payload is a %s list with %zu posts at %s; ingest_post takes one post (use ingest_posts).",
							   km_platform_names[p], kept, path);
			{
				char		ipath[KM_PATH_MAX + 24];

				snprintf(ipath, sizeof(ipath), "%s[%zu]", path, at);
				rc = map_into(ing, ops, p, only, ipath, err);
			}
			if (rc != KM_OK)
				return rc;
		}
		if (ing->nbad)
		{
			*err = ing->posts[0].err;
			return err->code;
		}
		return KM_OK;
	}

	if (arr == NULL)
		return km_fail(err, KM_ESYNTAX,
					   "A %s list response must be a JSON array or have %s; $ is %s without them.",
					   km_platform_names[p], ops->list_desc, km_jtype(root));
	n = kj_alen(arr);
	if (n > KM_INGEST_MAX_POSTS)
		return km_fail(err, KM_ELIMIT, "The list at %s has %zu items; the limit is %d.",
					   path, n, KM_INGEST_MAX_POSTS);
	for (i = 0; i < n; i++)
	{
		const KmJ *it = kj_aget(arr, i);
		char		ipath[KM_PATH_MAX + 24];

		if (ops->keep_item && !ops->keep_item(it))
			continue;
		snprintf(ipath, sizeof(ipath), "%s[%zu]", path, i);
		rc = map_into(ing, ops, p, it, ipath, err);
		if (rc != KM_OK)
			return rc;
	}
	return KM_OK;
}
