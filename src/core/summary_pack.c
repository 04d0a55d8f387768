/*
 * summary_pack.c
 *	  The packed stored form of engagement_summary (version 2): what a table
 *	  column holds.  Compact for the common case of a per-KOL-per-day summary
 *	  of one to three posts, canonical (one value, one byte string), and
 *	  decoded straight into an aggregate state by rollup.
 *
 * Layout (after the varlena header):
 *	 u8 version (KM_SUMMARY_PACK_VERSION)
 *	 u8 flags: PK_DERIVED_F, PK_DERIVED_V, PK_SKETCH1; other bits 0
 *	 varint posts, likes, comments, shares, saves, extra, views
 *	 per basis (followers, views):
 *		varint rated, interactions, base
 *		rated = 0: nothing (mean, m2, min, max are 0)
 *		rated = 1 and the basis' flag set: nothing; mean = min = max =
 *			interactions / base (the ER the aggregate computed), m2 = 0
 *		rated = 1, flag clear: f64 mean (= min = max), m2 = 0
 *		rated >= 2: f64 mean, m2, min, max
 *	 varint zero
 *	 PK_SKETCH1 set: nothing; the one bucket km_sk_index(max by followers),
 *		count 1 (only when one post is rated by followers, its ER above 0)
 *	 else: varint nbuckets, then per bucket: the index (the first as a zigzag
 *		varint, the next ones as the gap to the previous index minus 1) and
 *		the count as a varint
 * Derived: total interactions (the sum of the five counters) and unrated
 * (posts - rated).  varint = unsigned LEB128, minimal, at most 9 bytes (63
 * bits); f64 = IEEE 754 bits, little-endian.
 *
 * Canonical: a field is derived whenever it can be (the flags are set exactly
 * when the derivation gives the stored value), varints are minimal.  The
 * strict reader enforces this by packing what it read again and comparing the
 * bytes, so equal summaries always have equal bytes (= and the hash compare
 * bytes).
 */
#include "summary.h"

#include <string.h>

#define PK_DERIVED_F	0x01	/* followers basis: rated = 1, ER = inter / base */
#define PK_DERIVED_V	0x02	/* views basis: same */
#define PK_SKETCH1		0x04	/* the sketch is the bucket of the one ER */
#define PK_FLAGS		(PK_DERIVED_F | PK_DERIVED_V | PK_SKETCH1)

/* ------------------------------------------------------------------ writer */

typedef struct Writer
{
	uint8_t    *p;				/* NULL: only count */
	size_t		n;
} Writer;

static void
wr_byte(Writer *w, uint8_t b)
{
	if (w->p)
		w->p[w->n] = b;
	w->n++;
}

static void
wr_varint(Writer *w, uint64_t v)
{
	while (v >= 0x80)
	{
		wr_byte(w, (uint8_t) (v | 0x80));
		v >>= 7;
	}
	wr_byte(w, (uint8_t) v);
}

static void
wr_f64(Writer *w, double x)
{
	uint64_t	u;
	int			i;

	memcpy(&u, &x, sizeof(u));
	for (i = 0; i < 8; i++, u >>= 8)
		wr_byte(w, (uint8_t) u);
}

/* The ER a one-post basis was given by the aggregate. */
static bool
derivable(const KmBasis *b)
{
	return b->rated == 1 && b->base > 0 &&
		b->mean == (double) b->interactions / (double) b->base &&
		b->min == b->mean && b->max == b->mean && b->m2 == 0;
}

static bool
sketch1(const KmSummaryDisk *d)
{
	const KmBasis *f = &d->h.basis[KM_BASIS_FOLLOWERS];

	return f->rated == 1 && d->h.zero == 0 && d->nbuckets == 1 &&
		km_disk_counts(d)[0] == 1 && km_disk_index(d)[0] == km_sk_index(f->max);
}

static void
pack(const KmSummaryDisk *d, Writer *w)
{
	const KmSummaryHead *h = &d->h;
	const int64_t *counts = km_disk_counts(d);
	const int32_t *index = km_disk_index(d);
	uint8_t		flags = 0;
	uint32_t	j;
	int			k;

	if (derivable(&h->basis[KM_BASIS_FOLLOWERS]))
		flags |= PK_DERIVED_F;
	if (derivable(&h->basis[KM_BASIS_VIEWS]))
		flags |= PK_DERIVED_V;
	if (sketch1(d))
		flags |= PK_SKETCH1;
	wr_byte(w, KM_SUMMARY_PACK_VERSION);
	wr_byte(w, flags);
	wr_varint(w, (uint64_t) h->posts);
	wr_varint(w, (uint64_t) h->likes);
	wr_varint(w, (uint64_t) h->comments);
	wr_varint(w, (uint64_t) h->shares);
	wr_varint(w, (uint64_t) h->saves);
	wr_varint(w, (uint64_t) h->extra);
	wr_varint(w, (uint64_t) h->views);
	for (k = 0; k < KM_NBASES; k++)
	{
		const KmBasis *b = &h->basis[k];

		wr_varint(w, (uint64_t) b->rated);
		wr_varint(w, (uint64_t) b->interactions);
		wr_varint(w, (uint64_t) b->base);
		if (b->rated == 0 || (flags & (k == KM_BASIS_FOLLOWERS ? PK_DERIVED_F : PK_DERIVED_V)))
			continue;
		wr_f64(w, b->mean);
		if (b->rated == 1)
			continue;
		wr_f64(w, b->m2);
		wr_f64(w, b->min);
		wr_f64(w, b->max);
	}
	wr_varint(w, (uint64_t) h->zero);
	if (flags & PK_SKETCH1)
		return;
	wr_varint(w, d->nbuckets);
	for (j = 0; j < d->nbuckets; j++)
	{
		if (j == 0)
			wr_varint(w, index[0] < 0 ? ((uint32_t) -(index[0] + 1) << 1) | 1	/* zigzag */
					  : (uint32_t) index[0] << 1);
		else
			wr_varint(w, (uint64_t) (index[j] - index[j - 1] - 1));
		wr_varint(w, (uint64_t) counts[j]);
	}
}

size_t
km_summary_pack_size(const KmSummaryDisk *d)
{
	Writer		w = {NULL, 0};

	pack(d, &w);
	return w.n;
}

/* Write the packed form into buf (km_summary_pack_bound bytes); its length. */
size_t
km_summary_pack(const KmSummaryDisk *d, uint8_t *buf)
{
	Writer		w = {buf, 0};

	pack(d, &w);
	return w.n;
}

/*
 * At least the packed size of a value with nb buckets: version and flags,
 * nine-byte varints (7 head fields, 3 per basis, zero, the bucket count, two
 * per bucket) and four floats per basis.
 */
size_t
km_summary_pack_bound(uint32_t nb)
{
	return 2 + 9 * (7 + 3 * KM_NBASES + 2) + 32 * KM_NBASES + (size_t) nb * 18;
}

/* ------------------------------------------------------------------ reader */

static uint64_t rd_varint_slow(KmPackReader *r);

/* Most varints are one byte. */
static inline uint64_t
rd_varint(KmPackReader *r)
{
	if (r->p < r->end && *r->p < 0x80)
		return *r->p++;
	return rd_varint_slow(r);
}

static uint64_t
rd_varint_slow(KmPackReader *r)
{
	uint64_t	v = 0;
	int			shift;

	for (shift = 0; shift < 63; shift += 7)
	{
		uint8_t		b;

		if (r->p >= r->end)
			break;
		b = *r->p++;
		v |= (uint64_t) (b & 0x7f) << shift;
		if ((b & 0x80) == 0)
			return v;			/* a ninth byte holds bits 56..62: no overflow */
	}
	r->bad = true;
	return 0;
}

static double
rd_f64(KmPackReader *r)
{
	uint64_t	u = 0;
	double		x;
	int			i;

	if (r->end - r->p < 8)
	{
		r->bad = true;
		return 0;
	}
	for (i = 7; i >= 0; i--)
		u = (u << 8) | r->p[i];
	r->p += 8;
	memcpy(&x, &u, sizeof(x));
	return x;
}

/*
 * Read the fixed part and position r at the buckets.  Memory-safe on any
 * bytes (false on a short or malformed value); the values themselves are
 * checked by km_summary_validate in the strict reader only.
 */
bool
km_summary_unpack_head(const uint8_t *buf, size_t len, KmSummaryHead *h,
					   KmPackReader *r)
{
	uint8_t		flags;
	int			k;
	int64_t		sum;

	r->p = buf;
	r->end = buf + len;
	r->bad = false;
	r->nb = 0;
	r->last = 0;
	r->sketch1 = false;
	if (len < 2 || buf[0] != KM_SUMMARY_PACK_VERSION || (buf[1] & ~PK_FLAGS) != 0)
		return false;
	flags = buf[1];
	r->p += 2;
	h->posts = (int64_t) rd_varint(r);
	h->likes = (int64_t) rd_varint(r);
	h->comments = (int64_t) rd_varint(r);
	h->shares = (int64_t) rd_varint(r);
	h->saves = (int64_t) rd_varint(r);
	h->extra = (int64_t) rd_varint(r);
	h->views = (int64_t) rd_varint(r);
	sum = h->likes;
	if (km_add_i64_overflow(sum, h->comments, &sum) ||
		km_add_i64_overflow(sum, h->shares, &sum) ||
		km_add_i64_overflow(sum, h->saves, &sum) ||
		km_add_i64_overflow(sum, h->extra, &sum))
		return false;
	h->interactions = sum;
	for (k = 0; k < KM_NBASES; k++)
	{
		KmBasis    *b = &h->basis[k];
		bool		derived = (flags & (k == KM_BASIS_FOLLOWERS ? PK_DERIVED_F : PK_DERIVED_V)) != 0;

		b->rated = (int64_t) rd_varint(r);
		b->interactions = (int64_t) rd_varint(r);
		b->base = (int64_t) rd_varint(r);
		if (r->bad || b->rated > h->posts || (derived && (b->rated != 1 || b->base == 0)))
			return false;
		b->unrated = h->posts - b->rated;
		b->m2 = 0;
		if (b->rated == 0)
			b->mean = b->min = b->max = 0;
		else if (derived)
			b->mean = b->min = b->max = (double) b->interactions / (double) b->base;
		else if (b->rated == 1)
			b->mean = b->min = b->max = rd_f64(r);
		else
		{
			b->mean = rd_f64(r);
			b->m2 = rd_f64(r);
			b->min = rd_f64(r);
			b->max = rd_f64(r);
		}
	}
	h->zero = (int64_t) rd_varint(r);
	if (flags & PK_SKETCH1)
	{
		const KmBasis *f = &h->basis[KM_BASIS_FOLLOWERS];

		if (f->rated != 1 || h->zero != 0)
			return false;
		r->sketch1 = true;
		r->nb = 1;
	}
	else
	{
		uint64_t	nb = rd_varint(r);

		if (nb > KM_SK_MAX_BUCKETS)
			return false;
		r->nb = (uint32_t) nb;
	}
	return !r->bad;
}

/*
 * The next bucket (r->nb of them, in increasing index order); false at the
 * end or on malformed bytes (then r->bad).  h is what unpack_head filled.
 */
bool
km_summary_next_bucket(KmPackReader *r, const KmSummaryHead *h, uint32_t j,
					   int32_t *index, int64_t *count)
{
	uint64_t	v,
				c;

	if (j >= r->nb || r->bad)
		return false;
	if (r->sketch1)
	{
		*index = km_sk_index(h->basis[KM_BASIS_FOLLOWERS].max);
		*count = 1;
		return true;
	}
	v = rd_varint(r);
	c = rd_varint(r);
	if (j == 0)
	{
		if (v > 2 * (uint64_t) KM_SK_MAX_INDEX + 1)
			r->bad = true;
		else
			r->last = (int32_t) (v >> 1) ^ -(int32_t) (v & 1);
	}
	else if (v >= (uint64_t) (KM_SK_MAX_INDEX - r->last))
		r->bad = true;
	else
		r->last += (int32_t) v + 1;
	if (r->bad || r->last < KM_SK_MIN_INDEX || r->last > KM_SK_MAX_INDEX || c == 0)
	{
		r->bad = true;
		return false;
	}
	*index = r->last;
	*count = (int64_t) c;
	return true;
}

KmCode
km_summary_unpack(const uint8_t *buf, size_t len, bool strict, const KmAlloc *a,
				  KmSummaryDisk **out, size_t *outlen, KmError *err)
{
	KmSummaryHead h;
	KmPackReader r;
	KmSummaryDisk *d;
	size_t		dlen;
	uint32_t	j;
	uint8_t    *again;

	if (!km_summary_unpack_head(buf, len, &h, &r))
		return km_fail(err, KM_EBINARY, "The packed summary's header is malformed or truncated.");
	dlen = KM_SUMMARY_DISK_SIZE(r.nb);
	d = a->alloc(a->ctx, dlen);
	if (d == NULL)
		return km_fail(err, KM_ENOMEM, "out of memory");
	memset(d, 0, sizeof(KmSummaryDisk));
	d->version = KM_SUMMARY_VERSION;
	d->nbuckets = r.nb;
	d->h = h;
	for (j = 0; j < r.nb; j++)
		if (!km_summary_next_bucket(&r, &h, j, &km_disk_index(d)[j], &km_disk_counts(d)[j]))
			break;
	if (j < r.nb || r.p != r.end)
	{
		a->free(a->ctx, d);
		return km_fail(err, KM_EBINARY, "The packed summary's buckets are malformed or its length is wrong.");
	}
	if (strict)
	{
		if (km_summary_validate(d, dlen, err) != KM_OK)
		{
			a->free(a->ctx, d);
			return err->code;
		}
		/* canonical: packing it again must give the same bytes */
		again = len == km_summary_pack_size(d) ? a->alloc(a->ctx, len) : NULL;
		if (again)
			km_summary_pack(d, again);
		if (again == NULL || memcmp(again, buf, len) != 0)
		{
			if (again)
				a->free(a->ctx, again);
			a->free(a->ctx, d);
			return km_fail(err, KM_EBINARY, "The packed summary is not in canonical form.");
		}
		a->free(a->ctx, again);
	}
	*out = d;
	*outlen = dlen;
	return KM_OK;
}

static inline int32_t
fmax_i32(int32_t x, int32_t y)
{
	return x > y ? x : y;
}

/* dst += a packed value (rollup's transition: no intermediate copy). */
KmCode
km_summary_merge_packed(KmSummary *dst, const uint8_t *buf, size_t len,
						const KmAlloc *a, KmError *err)
{
	KmSummaryHead h;
	KmPackReader r;
	uint32_t	j;
	int32_t		index;
	int64_t		count;

	if (!km_summary_unpack_head(buf, len, &h, &r))
		return km_fail(err, KM_EBINARY, "The packed summary's header is malformed or truncated.");
	if (km_summary_head_merge(&dst->h, &h, err) != KM_OK)
		return err->code;
	if (r.sketch1)
		return km_sk_add1(&dst->sk, km_sk_index(h.basis[KM_BASIS_FOLLOWERS].max), a, err);
	for (j = 0; j < r.nb; j++)
	{
		if (!km_summary_next_bucket(&r, &h, j, &index, &count))
			return km_fail(err, KM_EBINARY, "The packed summary's buckets are malformed.");
		/*
		 * Room for all of them at once: from the first bucket to the one of
		 * the largest ER (the last bucket, give or take one).
		 */
		if (j == 0 &&
			km_sk_reserve(&dst->sk, index,
						  fmax_i32(index, km_sk_index(h.basis[KM_BASIS_FOLLOWERS].max)),
						  a, err) != KM_OK)
			return err->code;
		if (km_sk_addn(&dst->sk, index, count, a, err) != KM_OK)
			return err->code;
	}
	return KM_OK;
}
