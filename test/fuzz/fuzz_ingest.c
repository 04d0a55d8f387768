/*
 * fuzz_ingest.c
 *	  libFuzzer harness for the payload mapper: the first byte picks the
 *	  platform and the mode (one post, a list, or a live room: ingest_live),
 *	  the rest is the payload.  Every path must free what it allocates
 *	  (LeakSanitizer) and leave consistent posts and live rows.
 *	  Every payload is also mapped with json-c alone (use_jsonc): the fast
 *	  parser must give exactly the same result, error text included.  And a
 *	  tree the fast parser built is rebuilt value by value (km_jbuild_*, as the
 *	  SQL face does from a jsonb) and must map the same way again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "ingest_json.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static KmIngest ing;
static KmIngest ref;			/* json-c only */
static KmIngest rebuilt;		/* trees rebuilt with km_jbuild_* */

/* Feed v (and its members) to the builder; false when it declined. */
static bool
rebuild(KmJBuild *b, const KmJ *v)
{
	KmJFast		r = KJ_FAST_OK;
	uint32_t	i;

	if (v->key && km_jbuild_key(b, v->key, v->keylen) != KJ_FAST_OK)
		return false;
	switch (v->type)
	{
		case KJ_NULL:
			r = km_jbuild_null(b);
			break;
		case KJ_BOOL:
			r = km_jbuild_bool(b, (v->flags & KJ_F_TRUE) != 0);
			break;
		case KJ_INT:
		case KJ_DOUBLE:
			r = km_jbuild_number(b, v->s, v->n);
			break;
		case KJ_STRING:
			r = km_jbuild_string(b, v->s, v->n);
			break;
		case KJ_ARRAY:
		case KJ_OBJECT:
			if (km_jbuild_open(b, v->type == KJ_OBJECT) != KJ_FAST_OK)
				return false;
			for (i = 0; i < v->n; i++)
				if (!rebuild(b, kj_kid(v, i)))
					return false;
			r = km_jbuild_close(b);
			break;
	}
	return r == KJ_FAST_OK;
}
static int	ready;

static bool
same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	if (a == NULL || b == NULL)
		return a == b;
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* The fast parser's result equals json-c's. */
static void
compare(KmCode rc, const KmError *err, KmCode rrc, const KmError *rerr)
{
	if (rc != rrc || err->code != rerr->code || strcmp(err->detail, rerr->detail) != 0)
		abort();
	if (rc != KM_OK)
		return;
	if (ing.nposts != ref.nposts || ing.nbad != ref.nbad)
		abort();
	for (int i = 0; i < ing.nposts; i++)
	{
		const KmPost *a = &ing.posts[i],
				   *b = &ref.posts[i];

		if ((a->shape == NULL) != (b->shape == NULL) ||
			(a->shape && strcmp(a->shape, b->shape) != 0) ||
			!same_bytes(a->post_id, a->post_id_len, b->post_id, b->post_id_len) ||
			!same_bytes(a->author_id, a->author_id_len, b->author_id, b->author_id_len) ||
			a->has_posted_at != b->has_posted_at ||
			(a->has_posted_at && a->posted_at_us != b->posted_at_us) ||
			memcmp(a->flags, b->flags, sizeof(a->flags)) != 0 ||
			a->err.code != b->err.code || strcmp(a->err.detail, b->err.detail) != 0)
			abort();
		for (int f = 0; f < KM_F_COUNT; f++)
			if ((a->flags[f] & KM_V_PRESENT) && a->value[f] != b->value[f])
				abort();
	}
}

/* Both live rows are the same (ids by their bytes). */
static bool
same_live(const KmLiveRoom *a, const KmLiveRoom *b)
{
	if ((a->shape == NULL) != (b->shape == NULL) ||
		(a->shape && strcmp(a->shape, b->shape) != 0) ||
		!same_bytes(a->room_id, a->room_id_len, b->room_id, b->room_id_len) ||
		!same_bytes(a->author_id, a->author_id_len, b->author_id, b->author_id_len) ||
		!same_bytes(a->title, a->title_len, b->title, b->title_len) ||
		a->has_started_at != b->has_started_at || a->has_ended_at != b->has_ended_at ||
		(a->has_started_at && a->started_at_us != b->started_at_us) ||
		(a->has_ended_at && a->ended_at_us != b->ended_at_us) ||
		memcmp(a->flags, b->flags, sizeof(a->flags)) != 0)
		return false;
	for (int f = 0; f < KM_L_COUNT; f++)
		if ((a->flags[f] & KM_V_PRESENT) && a->value[f] != b->value[f])
			return false;
	return true;
}

/*
 * ingest_live's path: parse, then map as a live room.  The row must be
 * consistent, json-c alone must give the same row or error, and a tree
 * rebuilt value by value must map the same way.
 */
static void
live_one(KmPlatform p, const char *json, size_t len)
{
	KmError		err,
				rerr;
	KmCode		rc,
				rrc;
	KmLiveRoom	room,
				rroom;

	km_clear(&err);
	km_ingest_reset(&ing);
	rc = km_ingest_parse(&ing, json, len, &err);
	if (rc == KM_OK)
		rc = km_ingest_live(&ing, p, &room, &err);
	if (rc != KM_OK && err.detail[0] == '\0')
		abort();
	if (rc == KM_OK)
	{
		if (room.shape == NULL)
			abort();
		if (room.room_id && (room.room_id_len == 0 || room.room_id_len > KM_INGEST_MAX_ID ||
							 memchr(room.room_id, '\0', room.room_id_len)))
			abort();
		if (room.author_id && (room.author_id_len == 0 || room.author_id_len > KM_INGEST_MAX_ID ||
							   memchr(room.author_id, '\0', room.author_id_len)))
			abort();
		if (room.title && (room.title_len == 0 || room.title_len > KM_INGEST_MAX_TITLE ||
						   memchr(room.title, '\0', room.title_len)))
			abort();
		for (int f = 0; f < KM_L_COUNT; f++)
			if ((room.flags[f] & KM_V_PRESENT) &&
				(room.value[f] < 0 || f == KM_L_GMV || f == KM_L_REFUND_AMOUNT ||
				 f == KM_L_AD_SPEND || f == KM_L_AD_GMV))
				abort();		/* no shape carries money */
	}
	km_clear(&rerr);
	km_ingest_reset(&ref);
	rrc = km_ingest_parse(&ref, json, len, &rerr);
	if (rrc == KM_OK)
		rrc = km_ingest_live(&ref, p, &rroom, &rerr);
	if (rc != rrc || err.code != rerr.code || strcmp(err.detail, rerr.detail) != 0 ||
		(rc == KM_OK && !same_live(&room, &rroom)))
		abort();
	if (rc == KM_OK && ing.root == NULL)
	{
		/* the fast tree, value by value */
		KmJBuild	b;

		km_ingest_reset(&rebuilt);
		km_jbuild_begin(&b, (KmJTree *) rebuilt.tree);
		if (!rebuild(&b, km_jroot((KmJTree *) ing.tree)) || km_jbuild_finish(&b) != KJ_FAST_OK)
			abort();
		km_clear(&rerr);
		if (km_ingest_live(&rebuilt, p, &rroom, &rerr) != KM_OK || !same_live(&room, &rroom))
			abort();
	}
	km_ingest_reset(&ing);
	km_ingest_reset(&ref);
	km_ingest_reset(&rebuilt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmError		err;
	KmPlatform	p;
	bool		list;
	KmCode		rc;

	if (size < 1)
		return 0;
	if (!ready)
	{
		km_clear(&err);
		if (km_ingest_init(&ing, &err) != KM_OK || km_ingest_init(&ref, &err) != KM_OK ||
			km_ingest_init(&rebuilt, &err) != KM_OK)
			abort();
		ref.use_jsonc = true;
		ready = 1;
	}
	p = (KmPlatform) (data[0] % KM_P_COUNT);
	/* mode: 0 one post, 1 a list, 2 and 3 a live room */
	if ((data[0] / KM_P_COUNT) & 2)
	{
		live_one(p, (const char *) data + 1, size - 1);
		return 0;
	}
	list = (data[0] / KM_P_COUNT) & 1;
	km_clear(&err);
	rc = km_ingest_run(&ing, p, (const char *) data + 1, size - 1, list, &err);
	if (rc != KM_OK && err.detail[0] == '\0')
		abort();
	if (rc == KM_OK)
	{
		if (!list && (ing.nposts != 1 || ing.nbad != 0))
			abort();
		for (int i = 0; i < ing.nposts; i++)
		{
			const KmPost *q = &ing.posts[i];

			if (q->err.code != KM_OK)
			{
				if (q->shape != NULL || q->err.detail[0] == '\0')
					abort();
				continue;
			}
			if (q->shape == NULL)
				abort();
			if (q->post_id && (q->post_id_len == 0 || q->post_id_len > KM_INGEST_MAX_ID ||
							   memchr(q->post_id, '\0', q->post_id_len)))
				abort();
			if (q->author_id && (q->author_id_len == 0 || q->author_id_len > KM_INGEST_MAX_ID ||
								 memchr(q->author_id, '\0', q->author_id_len)))
				abort();
			for (int f = 0; f < KM_F_COUNT; f++)
				if ((q->flags[f] & KM_V_PRESENT) && q->value[f] < 0)
					abort();
		}
	}
	{
		KmError		rerr;
		KmCode		rrc;

		km_clear(&rerr);
		rrc = km_ingest_run(&ref, p, (const char *) data + 1, size - 1, list, &rerr);
		compare(rc, &err, rrc, &rerr);
	}
	{
		/* the fast tree, value by value (only trees of the fast parser) */
		KmJTree    *t = (KmJTree *) ing.tree;
		KmJBuild	b;
		KmError		rerr;
		KmCode		rrc;

		if (rc == KM_OK && ing.root == NULL && km_jroot(t) != NULL)
		{
			km_ingest_reset(&rebuilt);
			km_jbuild_begin(&b, (KmJTree *) rebuilt.tree);
			if (!rebuild(&b, km_jroot(t)) || km_jbuild_finish(&b) != KJ_FAST_OK)
				abort();		/* everything the fast parser takes rebuilds */
			km_clear(&rerr);
			rrc = km_ingest_map_built(&rebuilt, p, list, &rerr);
			if (rrc != rc || rebuilt.nposts != ing.nposts || rebuilt.nbad != ing.nbad)
				abort();
			for (int i = 0; i < ing.nposts; i++)
			{
				const KmPost *a = &ing.posts[i],
						   *c = &rebuilt.posts[i];

				if (!same_bytes(a->post_id, a->post_id_len, c->post_id, c->post_id_len) ||
					!same_bytes(a->author_id, a->author_id_len, c->author_id, c->author_id_len) ||
					memcmp(a->flags, c->flags, sizeof(a->flags)) != 0 ||
					memcmp(a->value, c->value, sizeof(a->value)) != 0 ||
					a->posted_at_us != c->posted_at_us ||
					strcmp(a->err.detail, c->err.detail) != 0)
					abort();
			}
		}
	}
	km_ingest_reset(&ing);
	km_ingest_reset(&ref);
	km_ingest_reset(&rebuilt);
	return 0;
}
