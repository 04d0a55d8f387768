/*
 * ingest_json.h
 *	  The read-only JSON tree the payload mappers walk.  Two builders fill it:
 *	  a single-pass parser for the common, unambiguous subset of JSON (no
 *	  allocation per value, one copy of the text), and a conversion of the tree
 *	  json-c builds, used for everything else.  The fast parser declines any
 *	  input it is not sure json-c would read the same way (numbers with a
 *	  fraction or exponent, integers of 19 digits or more, \u0000, lone
 *	  surrogates, control bytes, non-shortest UTF-8, deep nesting, a payload
 *	  near the size limits, anything malformed); json-c then parses it and
 *	  reports its errors exactly as before.  So both builders give the same tree
 *	  for every input the fast parser accepts (test/fuzz/fuzz_ingest.c checks it).
 */
#ifndef KM_INGEST_JSON_H
#define KM_INGEST_JSON_H

#include "km_core.h"

#include <string.h>

typedef enum KmJType
{
	KJ_NULL,
	KJ_BOOL,
	KJ_DOUBLE,
	KJ_INT,
	KJ_STRING,
	KJ_ARRAY,
	KJ_OBJECT
} KmJType;

/* Nesting the fast parser and the builder take; deeper payloads go to json-c (limit 64). */
#define KM_JTREE_MAX_DEPTH 32

#define KJ_F_TRUE	0x01		/* boolean true */
#define KJ_F_BIG	0x02		/* integer beyond INT64_MAX (i saturated, as json-c) */
#define KJ_F_SAT	0x04		/* integer json-c saturated (>= 2^64 - 1 or <= -2^63): its digits are lost */

struct KmJTree;

/* One JSON value. */
typedef struct KmJ
{
	uint8_t		type;			/* KmJType */
	uint8_t		flags;			/* KJ_F_* */
	uint32_t	n;				/* string/number: bytes of s; array/object: members */
	uint32_t	kid0;			/* array/object: first member in tree->kids */
	uint32_t	keylen;			/* as an object member: bytes of key */
	const char *key;			/* as an object member: its key, NUL-terminated */
	const char *s;				/* string: NUL-terminated value; number: its text (n bytes) */
	union
	{
		int64_t		i;			/* KJ_INT */
		double		d;			/* KJ_DOUBLE */
	}			u;
	const struct KmJTree *t;	/* the tree holding this value's members */
} KmJ;

typedef struct KmJTree
{
	KmJ		   *nodes;
	uint32_t	nnodes,
				capnodes;
	uint32_t   *kids;			/* members of each array/object, contiguous */
	uint32_t	nkids,
				capkids;
	uint32_t   *scratch;		/* members of the containers still open */
	uint32_t	capscratch;
	char	   *buf;			/* fast parser: the payload text, strings unescaped in place */
	size_t		capbuf;
} KmJTree;

/* Result of the fast parser. */
typedef enum KmJFast
{
	KJ_FAST_OK,					/* tree built */
	KJ_FAST_DECLINED,			/* not in the fast subset: parse with json-c */
	KJ_FAST_NOMEM
} KmJFast;

/* Empty the tree (keeps the arrays; frees them when they grew large). */
extern void km_jtree_reset(KmJTree *t);
extern void km_jtree_free(KmJTree *t);

/* Build t from json (len bytes) with the fast parser; the root is t->nodes[0]. */
extern KmJFast km_jtree_parse_fast(KmJTree *t, const char *json, size_t len);

/*
 * Build t from a json-c tree (struct json_object *); strings point into it, so
 * it must outlive t's use.  false when out of memory.
 */
extern bool km_jtree_from_jsonc(KmJTree *t, void *jroot);

/*
 * Building a tree value by value, in document order (the SQL face walks a
 * jsonb with it).  Each call returns KJ_FAST_OK, or KJ_FAST_DECLINED for
 * anything the fast parser would decline (a number outside its integers,
 * nesting over 32, the object and value limits), or KJ_FAST_NOMEM; after
 * anything but OK the build is abandoned.  Strings are copied.
 */
typedef struct KmJBuild
{
	KmJTree    *t;
	int			depth;
	uint32_t	open[KM_JTREE_MAX_DEPTH];	/* nodes of the open containers */
	uint32_t	base[KM_JTREE_MAX_DEPTH];	/* their first member in t->scratch */
	uint32_t	top;
	size_t		used;			/* bytes of t->buf holding copied strings */
	size_t		objects,
				values;
	bool		has_key;
	size_t		key;			/* pending member key: offset in t->buf */
	uint32_t	keylen;
} KmJBuild;

extern void km_jbuild_begin(KmJBuild *b, KmJTree *t);
extern KmJFast km_jbuild_key(KmJBuild *b, const char *s, size_t n);
extern KmJFast km_jbuild_open(KmJBuild *b, bool object);
extern KmJFast km_jbuild_close(KmJBuild *b);
extern KmJFast km_jbuild_string(KmJBuild *b, const char *s, size_t n);
/* A number as JSON text (e.g. "123", "-4", "1.5"). */
extern KmJFast km_jbuild_number(KmJBuild *b, const char *text, size_t n);
extern KmJFast km_jbuild_bool(KmJBuild *b, bool v);
extern KmJFast km_jbuild_null(KmJBuild *b);
/* Complete the tree: OK once exactly one top-level array or object is closed. */
extern KmJFast km_jbuild_finish(KmJBuild *b);

/* Internals shared by ingest_json.c and ingest_jbuild.c. */
extern bool km_jtree_grow(void **arr, uint32_t *cap, uint32_t used, size_t elem);
extern KmJ *km_jtree_new_node(KmJTree *t, uint32_t *idx);
extern bool km_jtree_close_container(KmJTree *t, uint32_t idx, uint32_t base, uint32_t top);
/* A string, number or literal at *pp (a NUL or delimiter must follow); false: declined. */
extern bool km_jtree_scalar(unsigned char **pp, const unsigned char *end, KmJ *v);

/* The root value of t; NULL when t is empty. */
static inline const KmJ *
km_jroot(const KmJTree *t)
{
	return t->nnodes ? &t->nodes[0] : NULL;
}

/* Member i of an array or object (no bounds check beyond the caller's). */
static inline const KmJ *
kj_kid(const KmJ *o, uint32_t i)
{
	return &o->t->nodes[o->t->kids[o->kid0 + i]];
}

/* Whether v is a value of type type (false for NULL). */
static inline bool
kj_is(const KmJ *v, KmJType type)
{
	return v != NULL && v->type == type;
}

/* Type of value v (not NULL). */
static inline KmJType
kj_type(const KmJ *v)
{
	return (KmJType) v->type;
}

/* Array elements; 0 for anything else. */
static inline size_t
kj_alen(const KmJ *a)
{
	return kj_is(a, KJ_ARRAY) ? a->n : 0;
}

/* Element i of an array; NULL when out of range or not an array. */
static inline const KmJ *
kj_aget(const KmJ *a, size_t i)
{
	return (kj_is(a, KJ_ARRAY) && i < a->n) ? kj_kid(a, (uint32_t) i) : NULL;
}

/*
 * Member key of an object (the last one when a key repeats, as json-c keeps);
 * NULL when o is not an object or lacks the key.
 */
extern const KmJ *kj_getn(const KmJ *o, const char *key, size_t klen);

/* kj_getn with a NUL-terminated key. */
static inline const KmJ *
kj_get(const KmJ *o, const char *key)
{
	return kj_getn(o, key, strlen(key));
}

#endif							/* KM_INGEST_JSON_H */
