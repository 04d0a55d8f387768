/*
 * summary_pack.c
 *	  The packed form of engagement_summary (version 2), its one binary form:
 *	  what a table column holds, what send() writes and recv() reads, and the
 *	  serial form of a partial aggregate state.  Compact for the common case
 *	  of a per-KOL-per-day summary of one to three posts, canonical (one
 *	  value, one byte string), and merged straight into an aggregate state.
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
 * strict reader (km_summary_check) enforces both, so equal summaries always
 * have equal bytes (= and the hash compare bytes).
 */
#include "summary.h"
#include "km_bytes.h"

#include <math.h>
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

/* Append byte b (only counted when w->p is NULL). */
static inline void
wr_byte(Writer *w, uint8_t b)
{
	if (w->p)
		w->p[w->n] = b;
	w->n++;
}

/* Append v as an unsigned LEB128 varint. */
static inline void
wr_varint(Writer *w, uint64_t v)
{
	while (v >= 0x80)
	{
		wr_byte(w, (uint8_t) (v | 0x80));
		v >>= 7;
	}
	wr_byte(w, (uint8_t) v);
}

/* Append the IEEE 754 bits of x, little-endian. */
static inline void
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

/* The sketch is the one bucket of the one followers ER (count 1). */
static bool
sketch1(const KmSummaryHead *h, uint32_t nb, int32_t index0, int64_t count0)
{
	const KmBasis *f = &h->basis[KM_BASIS_FOLLOWERS];

	return f->rated == 1 && h->zero == 0 && nb == 1 && count0 == 1 &&
		index0 == km_sk_index(f->max);
}

/* Version, flags and the fixed part. */
static void
pack_head(Writer *w, const KmSummaryHead *h, uint8_t flags)
{
	int			k;

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
}

/* The flags of a value whose first bucket is (index0, count0). */
static uint8_t
pack_flags(const KmSummaryHead *h, uint32_t nb, int32_t index0, int64_t count0)
{
	uint8_t		flags = 0;

	if (derivable(&h->basis[KM_BASIS_FOLLOWERS]))
		flags |= PK_DERIVED_F;
	if (derivable(&h->basis[KM_BASIS_VIEWS]))
		flags |= PK_DERIVED_V;
	if (sketch1(h, nb, index0, count0))
		flags |= PK_SKETCH1;
	return flags;
}

/* Bucket j (index, count) after the one of index prev. */
static inline void
pack_bucket(Writer *w, uint32_t j, int32_t index, int32_t prev, int64_t count)
{
	if (j == 0)
		wr_varint(w, index < 0 ? ((uint32_t) -(index + 1) << 1) | 1	/* zigzag */
				  : (uint32_t) index << 1);
	else
		wr_varint(w, (uint64_t) (index - prev - 1));
	wr_varint(w, (uint64_t) count);
}

/* Write the packed form of decoded parts (buf NULL: count); its length. */
size_t
km_summary_pack(const KmSummaryParts *v, uint8_t *buf)
{
	Writer		w = {buf, 0};
	uint8_t		flags = pack_flags(&v->h, v->nb, v->nb ? v->index[0] : 0,
								   v->nb ? v->counts[0] : 0);
	uint32_t	j;

	pack_head(&w, &v->h, flags);
	if (flags & PK_SKETCH1)
		return w.n;
	wr_varint(&w, v->nb);
	for (j = 0; j < v->nb; j++)
		pack_bucket(&w, j, v->index[j], j ? v->index[j - 1] : 0, v->counts[j]);
	return w.n;
}

/*
 * The next non-empty bucket of a state at or after offset j (sk->cap when
 * none is left), eight bytes of counts at a time: a group's dense range is
 * mostly empty (~100 posts over ~200 buckets).  Counts are 1, 2, 4 or 8
 * bytes, so each 8-byte word from the array's start holds whole counts, and
 * the word read little-endian puts its lowest-addressed non-zero byte, which
 * belongs to the first non-zero count in it, lowest (any host byte order).
 */
static inline int32_t
next_nonempty(const KmSketch *sk, int32_t j)
{
	const uint8_t *c = sk->counts;
	int			shift = sk->width == 1 ? 0 : sk->width == 2 ? 1 : sk->width == 4 ? 2 : 3;
	size_t		end = (size_t) sk->cap << shift,
				b = (size_t) j << shift;

	while (b < end)
	{
		size_t		base = b & ~(size_t) 7;

		if (base + 8 <= end)
		{
			uint64_t	word = km_rd64(c + base) & (~UINT64_C(0) << (8 * (b - base)));

			if (word != 0)
				return (int32_t) ((base + (size_t) (__builtin_ctzll(word) >> 3)) >> shift);
			b = base + 8;
			continue;
		}
		/* the last, partial word */
		for (; b < end; b++)
			if (c[b] != 0)
				return (int32_t) (b >> shift);
	}
	return sk->cap;
}

/* Write the packed form of an aggregate state (buf NULL: count); its length. */
size_t
km_summary_pack_state(const KmSummary *s, uint8_t *buf)
{
	Writer		w = {buf, 0};
	const KmSketch *sk = &s->sk;
	uint32_t	nb = km_sk_nonempty(sk),
				n;
	int32_t		j,
				prev = 0;
	uint8_t		flags;

	j = nb ? next_nonempty(sk, 0) : sk->cap;
	flags = pack_flags(&s->h, nb, sk->lo + j, nb ? km_sk_count(sk, j) : 0);
	pack_head(&w, &s->h, flags);
	if (flags & PK_SKETCH1)
		return w.n;
	wr_varint(&w, nb);
	for (n = 0; n < nb; n++, j = next_nonempty(sk, j + 1))
	{
		pack_bucket(&w, n, sk->lo + j, prev, km_sk_count(sk, j));
		prev = sk->lo + j;
	}
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

/* A varint of any length; sets r->loose when not minimal, and r->bad (returning
 * 0) when cut short or longer than 9 bytes. */
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
		{
			if (b == 0 && shift > 0)
				r->loose = true;	/* a zero last byte: not minimal */
			return v;			/* a ninth byte holds bits 56..62: no overflow */
		}
	}
	r->bad = true;
	return 0;
}

/* The next little-endian double; 0 and r->bad when fewer than 8 bytes are left. */
static inline double
rd_f64(KmPackReader *r)
{
	double		x;

	if (r->end - r->p < 8)
	{
		r->bad = true;
		return 0;
	}
	x = km_rdf64(r->p);
	r->p += 8;
	return x;
}

#define VARINT_BAD "A varint runs past the end of the value or is longer than 9 bytes."

/* Record why the head does not read; false. */
static inline bool
head_fail(KmPackReader *r, const char *why)
{
	r->why = why;
	return false;
}

/*
 * Read the fixed part and position r at the buckets.  Memory-safe on any
 * bytes (false on a short or malformed value); the values themselves are
 * checked by km_summary_validate in the strict reader (km_summary_check) only.
 */
static KM_ALWAYS_INLINE bool
unpack_head(const uint8_t *buf, size_t len, KmSummaryHead *h, KmPackReader *r)
{
	uint8_t		flags;
	int			k;
	int64_t		sum;

	r->p = buf;
	r->end = buf + len;
	r->bad = false;
	r->loose = false;
	r->nb = 0;
	r->last = 0;
	r->sketch1 = false;
	r->flags = 0;
	r->why = NULL;
	if (len < 2)
		return head_fail(r, "The value is shorter than its version and flags bytes.");
	if (buf[0] != KM_SUMMARY_PACK_VERSION)
		return head_fail(r, "The version byte is not 2.");
	if ((buf[1] & ~PK_FLAGS) != 0)
		return head_fail(r, "Reserved flag bits are set.");
	flags = r->flags = buf[1];
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
		return head_fail(r, r->bad ? VARINT_BAD : "likes + comments + shares + saves + extra is beyond bigint.");
	h->interactions = sum;
	for (k = 0; k < KM_NBASES; k++)
	{
		KmBasis    *b = &h->basis[k];
		bool		derived = (flags & (k == KM_BASIS_FOLLOWERS ? PK_DERIVED_F : PK_DERIVED_V)) != 0;

		b->rated = (int64_t) rd_varint(r);
		b->interactions = (int64_t) rd_varint(r);
		b->base = (int64_t) rd_varint(r);
		if (r->bad)
			return head_fail(r, VARINT_BAD);
		if (b->rated > h->posts)
			return head_fail(r, "More posts are rated than there are posts.");
		if (derived && (b->rated != 1 || b->base == 0))
			return head_fail(r, "An ER is flagged as derived without exactly one rated post of positive base.");
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
			return head_fail(r, "The one-bucket sketch flag is set without exactly one post rated by followers at a non-zero ER.");
		r->sketch1 = true;
		r->nb = 1;
	}
	else
	{
		uint64_t	nb = rd_varint(r);

		if (nb > KM_SK_MAX_BUCKETS)
			return head_fail(r, "The bucket count is above 4601.");
		r->nb = (uint32_t) nb;
	}
	return r->bad ? head_fail(r, VARINT_BAD) : true;
}

/*
 * The next bucket (r->nb of them, in increasing index order); false at the
 * end or on malformed bytes (then r->bad).  h is what unpack_head filled.
 */
static KM_ALWAYS_INLINE bool
next_bucket(KmPackReader *r, const KmSummaryHead *h, uint32_t j, int32_t *index,
			int64_t *count)
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

bool
km_summary_unpack_head(const uint8_t *buf, size_t len, KmSummaryHead *h,
					   KmPackReader *r)
{
	return unpack_head(buf, len, h, r);
}

bool
km_summary_next_bucket(KmPackReader *r, const KmSummaryHead *h, uint32_t j,
					   int32_t *index, int64_t *count)
{
	return next_bucket(r, h, j, index, count);
}

/*
 * The strict reader of hostile bytes (recv, deserial): well formed, the
 * validator's checks, and canonical (minimal varints; each flag set exactly
 * when its derivation holds, as km_summary_pack would write it).
 */
KmCode
km_summary_check(const uint8_t *buf, size_t len, const KmAlloc *a, KmError *err)
{
	KmSummaryParts v;
	KmPackReader r;
	int32_t    *index = NULL;
	int64_t    *counts = NULL;
	uint32_t	j;
	KmCode		rc = KM_OK;
	int			k;

	if (len >= 1 && buf[0] != KM_SUMMARY_PACK_VERSION)
		return km_fail(err, KM_EBINARY, "Version %u is not supported (this build reads version %d).",
					   (unsigned) buf[0], KM_SUMMARY_PACK_VERSION);
	if (!km_summary_unpack_head(buf, len, &v.h, &r))
		return km_fail(err, KM_EBINARY, "%s",
					   r.why ? r.why : "The packed summary's header is malformed.");
	if (r.nb > 0)
	{
		index = a->alloc(a->ctx, r.nb * sizeof(int32_t));
		counts = a->alloc(a->ctx, r.nb * sizeof(int64_t));
		if (index == NULL || counts == NULL)
		{
			rc = km_fail(err, KM_ENOMEM, "out of memory");
			goto done;
		}
	}
	for (j = 0; j < r.nb; j++)
		if (!km_summary_next_bucket(&r, &v.h, j, &index[j], &counts[j]))
			break;
	if (j < r.nb)
	{
		rc = km_fail(err, KM_EBINARY,
					 "Bucket %u of %u is malformed: truncated, a count of 0, or an index out of [-2300, 2300] or not increasing.",
					 j + 1, r.nb);
		goto done;
	}
	if (r.p != r.end)
	{
		rc = km_fail(err, KM_EBINARY, "The value goes on for %zu byte%s after its last bucket.",
					 (size_t) (r.end - r.p), r.end - r.p == 1 ? "" : "s");
		goto done;
	}
	v.nb = r.nb;
	v.index = index;
	v.counts = counts;
	if ((rc = km_summary_validate(&v, err)) != KM_OK)
		goto done;
	for (k = 0; k < KM_NBASES; k++)
		if (!(r.flags & (k == KM_BASIS_FOLLOWERS ? PK_DERIVED_F : PK_DERIVED_V)) &&
			derivable(&v.h.basis[k]))
			r.loose = true;
	if (!r.sketch1 && v.nb > 0 && sketch1(&v.h, v.nb, index[0], counts[0]))
		r.loose = true;
	if (r.loose)
		rc = km_fail(err, KM_EBINARY, "The packed summary is not in canonical form.");
done:
	if (index)
		a->free(a->ctx, index);
	if (counts)
		a->free(a->ctx, counts);
	return rc;
}

/* Buckets decoded before room is made for them (a monthly summary has ~9). */
#define MERGE_BATCH 64

/*
 * dst += a packed value, straight from the bytes into the state: the fixed
 * part decoded on the stack and merged, then the buckets decoded a batch at a
 * time and added where they fall in the state's dense range, with room made
 * for a whole batch at once (from its first bucket to its last: buckets come
 * in increasing index order).
 */
KmCode
km_summary_merge(KmSummary *dst, const uint8_t *buf, size_t len,
				 const KmAlloc *a, KmError *err)
{
	KmSummaryHead h;
	KmPackReader r;
	KmSketch   *sk = &dst->sk;
	uint32_t	j = 0;
	int32_t		index[MERGE_BATCH];
	int64_t		count[MERGE_BATCH];

	if (!unpack_head(buf, len, &h, &r))
		return km_fail(err, KM_EBINARY, "The packed summary's header is malformed or truncated.");
	if (km_summary_head_merge(&dst->h, &h, err) != KM_OK)
		return err->code;
	if (r.sketch1)
		return km_sk_add1(sk, km_sk_index(h.basis[KM_BASIS_FOLLOWERS].max), a, err);
	while (j < r.nb)
	{
		uint32_t	n = r.nb - j < MERGE_BATCH ? r.nb - j : MERGE_BATCH,
					k;

		for (k = 0; k < n; k++)
			if (!next_bucket(&r, &h, j + k, &index[k], &count[k]))
				return km_fail(err, KM_EBINARY, "The packed summary's buckets are malformed.");
		if (km_sk_reserve(sk, index[0], index[n - 1], a, err) != KM_OK)
			return err->code;
		for (k = 0; k < n; k++)
			if (km_sk_addn(sk, index[k], count[k], a, err) != KM_OK)
				return err->code;
		j += n;
	}
	return KM_OK;
}

/*
 * The value of rank r = max(1, ceil(p n)) among the n per-post ERs by
 * followers in ascending order (percentile_disc's definition), as the sketch
 * knows it: 0 inside the zero count, else the answer of the bucket holding
 * rank r, clamped to [min, max]; p = 0 and p = 1 give min and max exactly.
 * Read from the packed bytes in place, up to the bucket holding the rank.
 */
KmCode
km_summary_percentile(const uint8_t *buf, size_t len, double p, double *r,
					  bool *defined, KmError *err)
{
	KmSummaryHead h;
	KmPackReader rd;
	const KmBasis *f = &h.basis[KM_BASIS_FOLLOWERS];
	double		rankd;
	int64_t		rank,
				seen,
				count = 0;
	int32_t		index = 0;
	uint32_t	j;

	if (!(p >= 0 && p <= 1))
		return km_fail_msg(err, KM_EPARAM, "percentile %g is not between 0 and 1", p);
	if (!unpack_head(buf, len, &h, &rd))
		return km_fail(err, KM_EBINARY, "The packed summary's header is malformed or truncated.");
	*defined = f->rated > 0;
	if (!*defined)
		return KM_OK;
	rankd = ceil(p * (double) f->rated);
	rank = rankd < 1 ? 1 : (rankd > (double) f->rated ? f->rated : (int64_t) rankd);
	if (rank == 1)
	{
		*r = f->min;
		return KM_OK;
	}
	if (rank == f->rated)
	{
		*r = f->max;
		return KM_OK;
	}
	seen = h.zero;
	if (rank <= seen)
	{
		*r = 0;
		return KM_OK;
	}
	for (j = 0; j < rd.nb; j++)
	{
		if (!next_bucket(&rd, &h, j, &index, &count))
			return km_fail(err, KM_EBINARY, "The packed summary's buckets are malformed.");
		/* a validated value's counts add up to rated; corrupt ones may not */
		if (km_add_i64_overflow(seen, count, &seen))
			return km_fail(err, KM_EBINARY, "The packed summary's bucket counts add up past bigint.");
		if (rank <= seen)
			break;
	}
	if (j == rd.nb && rd.nb == 0)	/* cannot happen on a validated value */
		return km_fail(err, KM_EBINARY, "The packed summary's buckets are malformed.");
	*r = fmin(fmax(km_sk_value(index), f->min), f->max);
	return KM_OK;
}
