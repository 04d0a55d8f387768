/*
 * ingest_json.c
 *	  The JSON tree of a payload: a fast single-pass parser for the common
 *	  subset, a conversion of json-c's tree for the rest, and member lookup.
 *	  See ingest_json.h for why the two agree.
 */
#include "ingest_json.h"
#include "ingest.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* Arrays larger than this are released by km_jtree_reset (a huge payload passed). */
#define KEEP_BYTES		(1024 * 1024)
#define FAST_MAX_DEPTH	KM_JTREE_MAX_DEPTH

void
km_jtree_reset(KmJTree *t)
{
	t->nnodes = 0;
	t->nkids = 0;
	if ((size_t) t->capnodes * sizeof(KmJ) > KEEP_BYTES ||
		(size_t) t->capkids * sizeof(uint32_t) > KEEP_BYTES ||
		(size_t) t->capscratch * sizeof(uint32_t) > KEEP_BYTES ||
		t->capbuf > KEEP_BYTES)
		km_jtree_free(t);
}

void
km_jtree_free(KmJTree *t)
{
	free(t->nodes);
	free(t->kids);
	free(t->scratch);
	free(t->buf);
	memset(t, 0, sizeof(*t));
}

/* Room for one more element in an array of capacity *cap (grows by doubling). */
bool
km_jtree_grow(void **arr, uint32_t *cap, uint32_t used, size_t elem)
{
	uint32_t	ncap;
	void	   *p;

	if (used < *cap)
		return true;
	if (*cap >= UINT32_MAX / 2)
		return false;
	ncap = *cap ? *cap * 2 : 64;
	p = realloc(*arr, (size_t) ncap * elem);
	if (p == NULL)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

/* A new node (index in *idx), zeroed but for t; NULL when out of memory. */
KmJ *
km_jtree_new_node(KmJTree *t, uint32_t *idx)
{
	KmJ		   *n;

	if (!km_jtree_grow((void **) &t->nodes, &t->capnodes, t->nnodes, sizeof(KmJ)))
		return NULL;
	*idx = t->nnodes;
	n = &t->nodes[t->nnodes++];
	memset(n, 0, sizeof(*n));
	n->t = t;
	return n;
}

/* Move the members scratch[base..top) of node idx to kids. */
bool
km_jtree_close_container(KmJTree *t, uint32_t idx, uint32_t base, uint32_t top)
{
	uint32_t	n = top - base,
				i;

	while (t->capkids - t->nkids < n)
		if (!km_jtree_grow((void **) &t->kids, &t->capkids, t->capkids, sizeof(uint32_t)))
			return false;
	for (i = 0; i < n; i++)		/* a few members: a loop beats a memcpy call */
		t->kids[t->nkids + i] = t->scratch[base + i];
	t->nodes[idx].kid0 = t->nkids;
	t->nodes[idx].n = n;
	t->nkids += n;
	return true;
}

const KmJ *
kj_getn(const KmJ *o, const char *key, size_t klen)
{
	uint32_t	i;

	if (o == NULL || o->type != KJ_OBJECT)
		return NULL;
	for (i = o->n; i-- > 0;)
	{
		const KmJ  *c = kj_kid(o, i);

		if (c->keylen == klen && (klen == 0 || c->key[0] == key[0]) &&
			memcmp(c->key, key, klen) == 0)
			return c;
	}
	return NULL;
}

/* ------------------------------------------------------------ fast parser */

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at p (p + 4 <= end); -1 when not hex. */
static long
hex4(const unsigned char *p, const unsigned char *end)
{
	long		v = 0;
	int			i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++)
	{
		int			h = hexval(p[i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/*
 * Length of the shortest-form UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, at most U+10FFFF), or 0.
 */
static int
utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	ptrdiff_t	left = end - p;

	if (c >= 0xc2 && c <= 0xdf)
		return (left >= 2 && (p[1] & 0xc0) == 0x80) ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef)
	{
		unsigned char lo = (c == 0xe0) ? 0xa0 : 0x80,
					hi = (c == 0xed) ? 0x9f : 0xbf;

		return (left >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80) ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4)
	{
		unsigned char lo = (c == 0xf0) ? 0x90 : 0x80,
					hi = (c == 0xf4) ? 0x8f : 0xbf;

		return (left >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 &&
				(p[3] & 0xc0) == 0x80) ? 4 : 0;
	}
	return 0;
}

/* JSON whitespace; the fast parser's buffer ends with a NUL, which is not. */
static const unsigned char ws_byte[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};

/* Bytes that end a run of plain string bytes: '"', '\\', control bytes, non-ASCII. */
static const unsigned char string_stop[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
	[0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
	[0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
	['"'] = 1, ['\\'] = 1,
	[0x80 ... 0xff] = 1
};

/*
 * The string whose opening quote is at *pp - 1: unescaped in place, NUL-
 * terminated; *pp is left after the closing quote.  false: declined.  The
 * buffer ends with a NUL (a stop byte), so the plain run needs no bounds test.
 */
static bool
fast_string(unsigned char **pp, const unsigned char *end, const char **s, uint32_t *n)
{
	unsigned char *p = *pp,
			   *w;

	/* the common case: no escapes */
	while (!string_stop[*p])
		p++;
	w = p;
	for (;;)
	{
		unsigned char c;

		if (p >= end)
			return false;
		c = *p;
		if (c == '"')
			break;
		if (c < 0x20)
			return false;
		if (c < 0x80 && c != '\\')
		{
			*w++ = *p++;
			continue;
		}
		if (c >= 0x80)
		{
			int			k = utf8_len(p, end);

			if (k == 0)
				return false;
			while (k-- > 0)
				*w++ = *p++;
			continue;
		}
		/* an escape */
		if (end - p < 2)
			return false;
		switch (p[1])
		{
			case '"':
			case '\\':
			case '/':
				*w++ = p[1];
				break;
			case 'b':
				*w++ = '\b';
				break;
			case 'f':
				*w++ = '\f';
				break;
			case 'n':
				*w++ = '\n';
				break;
			case 'r':
				*w++ = '\r';
				break;
			case 't':
				*w++ = '\t';
				break;
			case 'u':
				{
					long		cp = hex4(p + 2, end);

					if (cp <= 0 || (cp >= 0xdc00 && cp <= 0xdfff))
						return false;	/* \u0000, bad hex, lone low surrogate */
					if (cp >= 0xd800 && cp <= 0xdbff)
					{
						long		lo;

						if (end - p < 12 || p[6] != '\\' || p[7] != 'u')
							return false;
						lo = hex4(p + 8, end);
						if (lo < 0xdc00 || lo > 0xdfff)
							return false;
						cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
						p += 6;
					}
					if (cp < 0x80)
						*w++ = (unsigned char) cp;
					else if (cp < 0x800)
					{
						*w++ = (unsigned char) (0xc0 | (cp >> 6));
						*w++ = (unsigned char) (0x80 | (cp & 0x3f));
					}
					else if (cp < 0x10000)
					{
						*w++ = (unsigned char) (0xe0 | (cp >> 12));
						*w++ = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
						*w++ = (unsigned char) (0x80 | (cp & 0x3f));
					}
					else
					{
						*w++ = (unsigned char) (0xf0 | (cp >> 18));
						*w++ = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
						*w++ = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
						*w++ = (unsigned char) (0x80 | (cp & 0x3f));
					}
					p += 4;
					break;
				}
			default:
				return false;
		}
		p += 2;
	}
	*s = (const char *) *pp;
	*n = (uint32_t) (w - *pp);
	*w = '\0';
	*pp = p + 1;
	return true;
}

/* A value that is not an array or object, starting at *pp.  false: declined. */
bool
km_jtree_scalar(unsigned char **pp, const unsigned char *end, KmJ *v)
{
	unsigned char *p = *pp;

	if (*p == '"')
	{
		*pp = p + 1;
		v->type = KJ_STRING;
		return fast_string(pp, end, &v->s, &v->n);
	}
	if (*p == '-' || (*p >= '0' && *p <= '9'))
	{
		unsigned char *start = p;
		bool		neg = (*p == '-');
		int64_t		i = 0;
		int			nd = 0;

		if (neg)
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return false;
		if (*p == '0')
		{
			/* "0" alone: no leading zeros, no "-0" */
			if (neg || (p + 1 < end && p[1] >= '0' && p[1] <= '9'))
				return false;
		}
		while (p < end && *p >= '0' && *p <= '9')
		{
			if (++nd > 18)
				return false;	/* near the int64 limits: json-c decides */
			i = i * 10 + (*p++ - '0');
		}
		if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
			return false;		/* a double: json-c keeps its text and value */
		v->type = KJ_INT;
		v->u.i = neg ? -i : i;
		v->s = (const char *) start;
		v->n = (uint32_t) (p - start);
		*pp = p;
		return true;
	}
	if (end - p >= 4 && memcmp(p, "true", 4) == 0)
	{
		v->type = KJ_BOOL;
		v->flags = KJ_F_TRUE;
		*pp = p + 4;
		return true;
	}
	if (end - p >= 5 && memcmp(p, "false", 5) == 0)
	{
		v->type = KJ_BOOL;
		*pp = p + 5;
		return true;
	}
	if (end - p >= 4 && memcmp(p, "null", 4) == 0)
	{
		v->type = KJ_NULL;
		*pp = p + 4;
		return true;
	}
	return false;
}

typedef struct Frame
{
	uint32_t	node;			/* the open container */
	uint32_t	base;			/* its first member in scratch */
} Frame;

KmJFast
km_jtree_parse_fast(KmJTree *t, const char *json, size_t len)
{
	Frame		stack[FAST_MAX_DEPTH] = {{0, 0}};
	int			depth = 0;
	uint32_t	top = 0;		/* used entries of scratch */
	size_t		objects = 0,
				values = 0;
	unsigned char *p,
			   *end;
	uint32_t	idx;
	KmJ		   *v;

	t->nnodes = 0;
	t->nkids = 0;
	if (len >= t->capbuf)
	{
		char	   *nb;

		if (len > KM_INGEST_MAX_BYTES)
			return KJ_FAST_DECLINED;
		nb = realloc(t->buf, len + 1);
		if (nb == NULL)
			return KJ_FAST_NOMEM;
		t->buf = nb;
		t->capbuf = len + 1;
	}
	memcpy(t->buf, json, len);
	t->buf[len] = '\0';
	p = (unsigned char *) t->buf;
	end = p + len;

	while (ws_byte[*p])
		p++;
	if (p == end || (*p != '{' && *p != '['))
		return KJ_FAST_DECLINED;	/* scalars and errors: json-c's words */

	for (;;)
	{
		const char *key = NULL;
		uint32_t	keylen = 0;

		/* p is at a value, or at a key when the innermost container is an object */
		if (depth > 0 && t->nodes[stack[depth - 1].node].type == KJ_OBJECT)
		{
			if (*p != '"')
				return KJ_FAST_DECLINED;
			p++;
			if (!fast_string(&p, end, &key, &keylen))
				return KJ_FAST_DECLINED;
			while (ws_byte[*p])
				p++;
			if (p >= end || *p != ':')
				return KJ_FAST_DECLINED;
			p++;
			while (ws_byte[*p])
				p++;
			if (p >= end)
				return KJ_FAST_DECLINED;
		}
		if ((v = km_jtree_new_node(t, &idx)) == NULL)
			return KJ_FAST_NOMEM;
		v->key = key;
		v->keylen = keylen;
		if (depth > 0)
		{
			if (!km_jtree_grow((void **) &t->scratch, &t->capscratch, top, sizeof(uint32_t)))
				return KJ_FAST_NOMEM;
			t->scratch[top++] = idx;
		}
		if (*p == '{' || *p == '[')
		{
			v->type = (*p == '{') ? KJ_OBJECT : KJ_ARRAY;
			/* count as check_size does: over the limits, json-c's path reports it */
			if (*p == '{' && ++objects > KM_INGEST_MAX_OBJECTS)
				return KJ_FAST_DECLINED;
			if (++values > KM_INGEST_MAX_VALUES || depth == FAST_MAX_DEPTH)
				return KJ_FAST_DECLINED;
			stack[depth].node = idx;
			stack[depth].base = top;
			depth++;
			p++;
			while (ws_byte[*p])
				p++;
			if (p >= end)
				return KJ_FAST_DECLINED;
			if (*p != (v->type == KJ_OBJECT ? '}' : ']'))
				continue;		/* first member */
			/* empty container: fall through to closing it */
		}
		else
		{
			if (!km_jtree_scalar(&p, end, v))
				return KJ_FAST_DECLINED;
			while (ws_byte[*p])
				p++;
			if (p >= end)
				return KJ_FAST_DECLINED;
		}

		/* after a value: ',' for the next member, or close containers */
		for (;;)
		{
			Frame	   *f = &stack[depth - 1];
			char		closer = (t->nodes[f->node].type == KJ_OBJECT) ? '}' : ']';

			if (*p == ',')
			{
				if (++values > KM_INGEST_MAX_VALUES)
					return KJ_FAST_DECLINED;
				p++;
				while (ws_byte[*p])
					p++;
				if (p >= end || *p == closer)
					return KJ_FAST_DECLINED;	/* trailing comma */
				break;
			}
			if (*p != closer)
				return KJ_FAST_DECLINED;
			if (!km_jtree_close_container(t, f->node, f->base, top))
				return KJ_FAST_NOMEM;
			top = f->base;
			depth--;
			p++;
			while (ws_byte[*p])
				p++;
			if (depth == 0)
				return (p == end) ? KJ_FAST_OK : KJ_FAST_DECLINED;
			if (p >= end)
				return KJ_FAST_DECLINED;
		}
	}
}

/* ------------------------------------------------------ json-c conversion */

/*
 * Convert jo (a member named key of its parent, or none) into a new node;
 * its members' indices wait in scratch above *top until it is complete.
 */
static bool
from_jsonc(KmJTree *t, json_object *jo, const char *key, uint32_t *top)
{
	KmJ		   *v;
	uint32_t	me,
				base,
				i,
				n;

	if ((v = km_jtree_new_node(t, &me)) == NULL)
		return false;
	if (key)
	{
		v->key = key;
		v->keylen = (uint32_t) strlen(key);
	}
	switch (json_object_get_type(jo))
	{
		case json_type_null:
			v->type = KJ_NULL;
			return true;
		case json_type_boolean:
			v->type = KJ_BOOL;
			v->flags = json_object_get_boolean(jo) ? KJ_F_TRUE : 0;
			return true;
		case json_type_double:
			v->type = KJ_DOUBLE;
			v->u.d = json_object_get_double(jo);
			v->s = json_object_get_string(jo);	/* the text as written */
			v->n = (uint32_t) strlen(v->s);
			return true;
		case json_type_int:
			v->type = KJ_INT;
			v->u.i = json_object_get_int64(jo);
			/* json-c reads larger integers as uint64, saturating int64 */
			if (v->u.i == INT64_MAX && json_object_get_uint64(jo) > (uint64_t) INT64_MAX)
				v->flags = KJ_F_BIG;
			/* beyond uint64 json-c keeps only the limit: the digits are gone */
			if (json_object_get_uint64(jo) == UINT64_MAX || v->u.i == INT64_MIN)
				v->flags |= KJ_F_SAT;
			v->s = json_object_get_string(jo);
			v->n = (uint32_t) strlen(v->s);
			return true;
		case json_type_string:
			v->type = KJ_STRING;
			v->s = json_object_get_string(jo);
			v->n = (uint32_t) json_object_get_string_len(jo);
			return true;
		case json_type_array:
			v->type = KJ_ARRAY;
			base = *top;
			n = (uint32_t) json_object_array_length(jo);
			for (i = 0; i < n; i++)
			{
				if (!km_jtree_grow((void **) &t->scratch, &t->capscratch, *top, sizeof(uint32_t)))
					return false;
				t->scratch[(*top)++] = t->nnodes;
				if (!from_jsonc(t, json_object_array_get_idx(jo, i), NULL, top))
					return false;
			}
			break;
		case json_type_object:
			v->type = KJ_OBJECT;
			base = *top;
			{
				json_object_object_foreach(jo, k, val)
				{
					if (!km_jtree_grow((void **) &t->scratch, &t->capscratch, *top, sizeof(uint32_t)))
						return false;
					t->scratch[(*top)++] = t->nnodes;
					if (!from_jsonc(t, val, k, top))
						return false;
				}
			}
			break;
		default:
			return false;
	}
	/* v may have moved: nodes grew while the members were added */
	if (!km_jtree_close_container(t, me, base, *top))
		return false;
	*top = base;
	return true;
}

bool
km_jtree_from_jsonc(KmJTree *t, void *jroot)
{
	uint32_t	top = 0;

	t->nnodes = 0;
	t->nkids = 0;
	return from_jsonc(t, (json_object *) jroot, NULL, &top);
}
