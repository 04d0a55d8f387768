/*
 * ingest_jbuild.c
 *	  Building the payload tree value by value (km_jbuild_*, ingest_json.h):
 *	  the SQL face feeds it the tokens of a jsonb.  It takes what the fast
 *	  parser takes and declines the rest, so that a jsonb maps exactly as its
 *	  printed text.
 */
#include "ingest_json.h"
#include "ingest.h"

#include <stdlib.h>
#include <string.h>

void
km_jbuild_begin(KmJBuild *b, KmJTree *t)
{
	memset(b, 0, sizeof(*b));
	b->t = t;
	t->nnodes = 0;
	t->nkids = 0;
}

/* Copy n bytes and a NUL to t->buf; the offset in *off. */
static bool
copy_text(KmJBuild *b, const char *s, size_t n, size_t *off)
{
	KmJTree    *t = b->t;

	if (n > KM_INGEST_MAX_BYTES)
		return false;
	if (b->used + n + 1 > t->capbuf)
	{
		size_t		ncap = t->capbuf ? t->capbuf : 256;
		char	   *nb;

		while (ncap < b->used + n + 1)
			ncap *= 2;
		if ((nb = realloc(t->buf, ncap)) == NULL)
			return false;
		t->buf = nb;
		t->capbuf = ncap;
	}
	memcpy(t->buf + b->used, s, n);
	t->buf[b->used + n] = '\0';
	*off = b->used;
	b->used += n + 1;
	return true;
}

/*
 * A new node for the next value: a member of the open container (with the
 * pending key when that is an object).  Text pointers hold offsets into t->buf
 * until km_jbuild_finish (the buffer may move).
 */
static KmJFast
build_node(KmJBuild *b, KmJ **out)
{
	KmJTree    *t = b->t;
	uint32_t	idx;
	KmJ		   *v;
	bool		in_object = b->depth > 0 && t->nodes[b->open[b->depth - 1]].type == KJ_OBJECT;

	if (b->depth == 0 ? t->nnodes > 0 : in_object != b->has_key)
		return KJ_FAST_DECLINED;	/* a second root, or a key out of place */
	if (b->depth > 0)
	{
		/* count as check_size does: ',' between members */
		if (b->top > b->base[b->depth - 1] && ++b->values > KM_INGEST_MAX_VALUES)
			return KJ_FAST_DECLINED;
		if (!km_jtree_grow((void **) &t->scratch, &t->capscratch, b->top, sizeof(uint32_t)))
			return KJ_FAST_NOMEM;
	}
	if ((v = km_jtree_new_node(t, &idx)) == NULL)
		return KJ_FAST_NOMEM;
	if (b->depth > 0)
		t->scratch[b->top++] = idx;
	if (b->has_key)
	{
		v->key = (const char *) (uintptr_t) (b->key + 1);	/* 0 stays "no key" */
		v->keylen = b->keylen;
		b->has_key = false;
	}
	*out = v;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_key(KmJBuild *b, const char *s, size_t n)
{
	if (b->has_key || b->depth == 0 || b->t->nodes[b->open[b->depth - 1]].type != KJ_OBJECT)
		return KJ_FAST_DECLINED;
	if (memchr(s, '\0', n) != NULL)
		return KJ_FAST_DECLINED;
	if (!copy_text(b, s, n, &b->key))
		return KJ_FAST_NOMEM;
	b->keylen = (uint32_t) n;
	b->has_key = true;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_open(KmJBuild *b, bool object)
{
	KmJ		   *v;
	KmJFast		r;

	if (b->depth == KM_JTREE_MAX_DEPTH || (object && ++b->objects > KM_INGEST_MAX_OBJECTS) ||
		++b->values > KM_INGEST_MAX_VALUES)
		return KJ_FAST_DECLINED;
	if ((r = build_node(b, &v)) != KJ_FAST_OK)
		return r;
	v->type = object ? KJ_OBJECT : KJ_ARRAY;
	b->open[b->depth] = (uint32_t) (v - b->t->nodes);
	b->base[b->depth] = b->top;
	b->depth++;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_close(KmJBuild *b)
{
	if (b->depth == 0 || b->has_key)
		return KJ_FAST_DECLINED;
	b->depth--;
	if (!km_jtree_close_container(b->t, b->open[b->depth], b->base[b->depth], b->top))
		return KJ_FAST_NOMEM;
	b->top = b->base[b->depth];
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_string(KmJBuild *b, const char *s, size_t n)
{
	KmJ		   *v;
	KmJFast		r;
	size_t		off;

	if (memchr(s, '\0', n) != NULL)
		return KJ_FAST_DECLINED;
	if ((r = build_node(b, &v)) != KJ_FAST_OK)
		return r;
	v->type = KJ_STRING;
	if (!copy_text(b, s, n, &off))
		return KJ_FAST_NOMEM;
	/* v may not move: copy_text does not add nodes */
	v->s = (const char *) (uintptr_t) off;
	v->n = (uint32_t) n;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_number(KmJBuild *b, const char *text, size_t n)
{
	KmJ			tmp;
	KmJ		   *v;
	KmJFast		r;
	size_t		off;
	unsigned char *p;

	/* the fast parser's integer rules, on a NUL-terminated copy */
	memset(&tmp, 0, sizeof(tmp));
	if (n == 0 || n > 24 || (text[0] != '-' && (text[0] < '0' || text[0] > '9')))
		return KJ_FAST_DECLINED;
	{
		unsigned char num[27];

		memcpy(num, text, n);
		num[n] = ',';			/* a delimiter for fast_scalar */
		num[n + 1] = '\0';
		p = num;
		if (!km_jtree_scalar(&p, num + n + 1, &tmp) || tmp.type != KJ_INT || p != num + n)
			return KJ_FAST_DECLINED;
	}
	if ((r = build_node(b, &v)) != KJ_FAST_OK)
		return r;
	v->type = KJ_INT;
	v->u.i = tmp.u.i;
	if (!copy_text(b, text, n, &off))
		return KJ_FAST_NOMEM;
	v->s = (const char *) (uintptr_t) off;
	v->n = (uint32_t) n;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_bool(KmJBuild *b, bool val)
{
	KmJ		   *v;
	KmJFast		r;

	if ((r = build_node(b, &v)) != KJ_FAST_OK)
		return r;
	v->type = KJ_BOOL;
	v->flags = val ? KJ_F_TRUE : 0;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_null(KmJBuild *b)
{
	KmJ		   *v;
	KmJFast		r;

	if ((r = build_node(b, &v)) != KJ_FAST_OK)
		return r;
	v->type = KJ_NULL;
	return KJ_FAST_OK;
}

KmJFast
km_jbuild_finish(KmJBuild *b)
{
	KmJTree    *t = b->t;
	uint32_t	i;

	if (b->depth != 0 || t->nnodes == 0 ||
		(t->nodes[0].type != KJ_OBJECT && t->nodes[0].type != KJ_ARRAY))
		return KJ_FAST_DECLINED;
	/* offsets into t->buf become pointers now that it stops moving */
	for (i = 0; i < t->nnodes; i++)
	{
		KmJ		   *v = &t->nodes[i];

		if (v->key != NULL)
			v->key = t->buf + ((uintptr_t) v->key - 1);
		if (v->type == KJ_STRING || v->type == KJ_INT)
			v->s = t->buf + (uintptr_t) v->s;
	}
	return KJ_FAST_OK;
}

