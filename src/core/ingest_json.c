/*
 * ingest_json.c
 *	  The JSON tree of a payload: a fast single-pass parser for the common
 *	  subset, a conversion of json-c's tree for the rest, and member lookup.
 *	  See ingest_json.h for why the two agree.
 */
#include "ingest_json.h"
#include "ingest.h"
#include "json_lex.h"

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

/*
 * The scalar at *pp (a string, number or literal) with the cores' lexer, which
 * refuses non-shortest UTF-8 here (json-c's check is looser); strings are
 * unescaped in place and NUL-terminated.  false: declined.
 */
bool
km_jtree_scalar(unsigned char **pp, const unsigned char *end, KmJ *v)
{
	unsigned char *p = *pp;
	KmJLex		lx;
	KmJToken	t;
	size_t		at,
				len;
	int64_t		i;

	km_jlex_init(&lx, (const char *) p, (size_t) (end - p), KJ_LEX_UTF8);
	switch (km_jlex_next(&lx, &t))
	{
		case KJT_STRING:
			at = km_jlex_body(&t, &len);
			if (t.escaped)
				len = km_jlex_unescape((const char *) p + at, len, (char *) p + at);
			p[at + len] = '\0';	/* at most the closing quote */
			v->type = KJ_STRING;
			v->s = (const char *) p + at;
			v->n = (uint32_t) len;
			break;
		case KJT_NUMBER:
			/*
			 * Integers of up to 18 digits only: json-c decides near the int64
			 * limits and keeps the text and value of a fraction or exponent;
			 * it reads "-0" as 0 and prints it so.
			 */
			if ((t.num.neg && p[t.num.int_at] == '0') ||
				!km_jnum_int18((const char *) p, &t.num, &i))
				return false;
			v->type = KJ_INT;
			v->u.i = i;
			v->s = (const char *) p;
			v->n = (uint32_t) t.end;
			break;
		case KJT_TRUE:
			v->type = KJ_BOOL;
			v->flags = KJ_F_TRUE;
			break;
		case KJT_FALSE:
			v->type = KJ_BOOL;
			break;
		case KJT_NULL:
			v->type = KJ_NULL;
			break;
		default:
			return false;
	}
	*pp = p + t.end;
	return true;
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

	while (km_jlex_is_ws(*p))
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
			KmJ			k;

			if (*p != '"' || !km_jtree_scalar(&p, end, &k))
				return KJ_FAST_DECLINED;
			key = k.s;
			keylen = k.n;
			while (km_jlex_is_ws(*p))
				p++;
			if (p >= end || *p != ':')
				return KJ_FAST_DECLINED;
			p++;
			while (km_jlex_is_ws(*p))
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
			while (km_jlex_is_ws(*p))
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
			while (km_jlex_is_ws(*p))
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
				while (km_jlex_is_ws(*p))
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
			while (km_jlex_is_ws(*p))
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
