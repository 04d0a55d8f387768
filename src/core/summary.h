/*
 * summary.h
 *	  engagement_summary: a mergeable summary of per-post engagement (README
 *	  "engagement_summary"; domain reference §1).
 *
 * Four representations:
 *	 - KmSummary: the working state of an aggregate.  Fixed statistics plus a
 *	   dense, growable range of sketch buckets (memory from a KmAlloc).
 *	 - KmSummaryDisk + arrays: the expanded form (a varlena whose first four
 *	   bytes belong to the caller), every field in native order, read by the
 *	   validator, the text and binary forms and the percentile.  Sketch
 *	   buckets are sparse: int64 counts[n] followed by int32 indexes[n],
 *	   indexes strictly increasing.
 *	 - the packed form (summary_pack.c): what a column stores, varints and
 *	   derived fields omitted, canonical.
 *	 - text and network-order binary, for _in/_out and _recv/_send.
 * Every way into the expanded form (text, binary, packed bytes) goes through
 * km_summary_validate() before anything reads it.
 */
#ifndef KM_SUMMARY_H
#define KM_SUMMARY_H

#include "engagement.h"
#include "km_core.h"
#include "sketch.h"

#define KM_SUMMARY_VERSION 1		/* text form and expanded form */
#define KM_SUMMARY_PACK_VERSION 2	/* packed stored form (summary_pack.c) */

/* The two ER bases. */
typedef enum KmBasisKind
{
	KM_BASIS_FOLLOWERS = 0,
	KM_BASIS_VIEWS = 1
} KmBasisKind;
#define KM_NBASES 2
extern const char *const km_basis_names[KM_NBASES];

/*
 * Statistics of per-post ER by one basis.  "rated" posts have a defined ER
 * (base present and > 0, at least one counter present); the others are
 * "unrated" and stay out of every ratio statistic.
 */
typedef struct KmBasis
{
	int64_t		rated;			/* posts with a defined ER */
	int64_t		unrated;		/* posts without one (base NULL or 0, ...) */
	int64_t		interactions;	/* sum of interactions over rated posts */
	int64_t		base;			/* sum of the base over rated posts */
	double		mean;			/* Welford/Chan mean of per-post ER */
	double		m2;				/* sum of squared deviations from mean */
	double		min;			/* smallest per-post ER (0 when rated = 0) */
	double		max;			/* largest per-post ER (0 when rated = 0) */
} KmBasis;

/* The fixed part of a summary. */
typedef struct KmSummaryHead
{
	int64_t		posts;
	int64_t		likes;
	int64_t		comments;
	int64_t		shares;
	int64_t		saves;
	int64_t		extra;
	int64_t		interactions;	/* = likes + comments + shares + saves + extra */
	int64_t		views;			/* sum of views over all posts (NULL adds 0) */
	KmBasis		basis[KM_NBASES];
	int64_t		zero;			/* followers-rated posts whose ER is exactly 0 */
} KmSummaryHead;

/* Working state of an aggregate. */
typedef struct KmSummary
{
	KmSummaryHead h;
	KmSketch	sk;				/* positive per-post ER by followers */
} KmSummary;

/* Expanded form header; followed by int64 counts[nbuckets], int32 index[nbuckets]. */
typedef struct KmSummaryDisk
{
	int32_t		vl_len_;		/* varlena header: the caller's, never read */
	uint8_t		version;		/* KM_SUMMARY_VERSION */
	uint8_t		flags;			/* reserved, 0 */
	uint16_t	reserved;		/* reserved, 0 */
	uint32_t	nbuckets;		/* non-empty sketch buckets */
	uint32_t	reserved2;		/* reserved, 0 */
	KmSummaryHead h;
} KmSummaryDisk;

#define KM_SUMMARY_DISK_SIZE(nb) \
	(sizeof(KmSummaryDisk) + (size_t) (nb) * (sizeof(int64_t) + sizeof(int32_t)))

static inline int64_t *
km_disk_counts(const KmSummaryDisk *d)
{
	return (int64_t *) ((char *) d + sizeof(KmSummaryDisk));
}

static inline int32_t *
km_disk_index(const KmSummaryDisk *d)
{
	return (int32_t *) ((char *) d + sizeof(KmSummaryDisk) +
						(size_t) d->nbuckets * sizeof(int64_t));
}

/* One post, as engagement_agg sees it. */
typedef struct KmPost
{
	int64_t		counter[KM_ER_NCOUNTERS];	/* likes, comments, shares, saves, extra */
	bool		present[KM_ER_NCOUNTERS];	/* false: SQL NULL, absent */
	int64_t		views;
	bool		has_views;
	int64_t		followers;
	bool		has_followers;
} KmPost;

/* An empty working state. */
extern void km_summary_init(KmSummary *s);
/* Release the sketch memory of a working state. */
extern void km_summary_free(KmSummary *s, const KmAlloc *a);

/* Add one post (Welford); KM_EPARAM on negative input, KM_ERANGE on overflow. */
extern KmCode km_summary_add(KmSummary *s, const KmPost *p, const KmAlloc *a,
							 KmError *err);
/* dst += src (Chan et al.); KM_ERANGE on overflow. */
extern KmCode km_summary_merge(KmSummary *dst, const KmSummary *src,
							   const KmAlloc *a, KmError *err);
/* dst += a validated expanded form. */
extern KmCode km_summary_merge_disk(KmSummary *dst, const KmSummaryDisk *d,
									const KmAlloc *a, KmError *err);

/* dst += src for the fixed part only (sketch buckets are the caller's). */
extern KmCode km_summary_head_merge(KmSummaryHead *dst, const KmSummaryHead *src,
									KmError *err);

/* Size of the expanded form of s, and writing it (buf of that size, 8-aligned). */
extern size_t km_summary_disk_size(const KmSummary *s);
extern void km_summary_to_disk(const KmSummary *s, KmSummaryDisk *d);

/* Check an expanded form of len bytes completely; KM_EBINARY with a detail. */
extern KmCode km_summary_validate(const KmSummaryDisk *d, size_t len, KmError *err);

/* Text form: upper bound of its length (with NUL), and writing it. */
extern size_t km_summary_text_bound(const KmSummaryDisk *d);
extern void km_summary_format(const KmSummaryDisk *d, char *buf, size_t size);
/*
 * Parse the text form into an expanded form allocated with a (*out, *outlen);
 * KM_ESYNTAX with a detail on anything malformed or inconsistent.
 */
extern KmCode km_summary_parse(const char *str, const KmAlloc *a,
							   KmSummaryDisk **out, size_t *outlen, KmError *err);

/* Network-order binary form: its size, writing it, and reading it back. */
extern size_t km_summary_send_size(const KmSummaryDisk *d);
extern void km_summary_send(const KmSummaryDisk *d, uint8_t *buf);
extern KmCode km_summary_recv(const uint8_t *buf, size_t len, const KmAlloc *a,
							  KmSummaryDisk **out, size_t *outlen, KmError *err);

/*
 * The packed stored form (summary_pack.c): what a column holds.  Packing an
 * expanded form, its size; unpacking it into a new expanded form (strict: the
 * bytes are hostile, everything is validated and the encoding must be
 * canonical; not strict: only memory-safe, for values this build wrote).
 */
extern size_t km_summary_pack_size(const KmSummaryDisk *d);
extern size_t km_summary_pack(const KmSummaryDisk *d, uint8_t *buf);
extern size_t km_summary_pack_bound(uint32_t nb);
extern KmCode km_summary_unpack(const uint8_t *buf, size_t len, bool strict,
								const KmAlloc *a, KmSummaryDisk **out,
								size_t *outlen, KmError *err);
/* dst += a packed value, decoded on the fly (memory-safe, not validated). */
extern KmCode km_summary_merge_packed(KmSummary *dst, const uint8_t *buf, size_t len,
									  const KmAlloc *a, KmError *err);

/* Reading a packed value piecewise: the fixed part, then the buckets. */
typedef struct KmPackReader
{
	const uint8_t *p;
	const uint8_t *end;
	bool		bad;
	bool		sketch1;		/* one bucket, derived from the largest ER */
	uint32_t	nb;				/* buckets */
	int32_t		last;			/* index of the previous bucket */
} KmPackReader;
extern bool km_summary_unpack_head(const uint8_t *buf, size_t len, KmSummaryHead *h,
								   KmPackReader *r);
extern bool km_summary_next_bucket(KmPackReader *r, const KmSummaryHead *h, uint32_t j,
								   int32_t *index, int64_t *count);

/* Accessors on a validated expanded form. */
extern bool km_summary_basis(const char *name, KmBasisKind *kind, KmError *err);
/* pooled ER = sum interactions / sum base; false when no rated post */
extern bool km_summary_pooled(const KmSummaryHead *h, KmBasisKind k, double *r);
/* sample standard deviation (n - 1); false below two rated posts */
extern bool km_summary_stddev(const KmSummaryHead *h, KmBasisKind k, double *r);
/* p-quantile of per-post ER by followers (rank ceil(p n)); KM_EPARAM on bad p */
extern KmCode km_summary_percentile(const KmSummaryDisk *d, double p,
									double *r, bool *defined, KmError *err);

#endif							/* KM_SUMMARY_H */
