/*
 * summary.h
 *	  engagement_summary: a mergeable summary of per-post engagement
 *	  (doc/engagement.md; formulas in doc/formulas.md).  doc/internals/
 *	  engagement_summary.md describes every form byte by byte.
 *
 * One binary form, the packed form (summary_pack.c, version 2): what a
 * column stores, what send() returns and recv() takes, and what the serial
 * and deserial functions of parallel plans exchange.  Besides it:
 *	 - KmSummary: the working state of an aggregate.  Fixed statistics plus a
 *	   dense, growable range of sketch buckets (memory from a KmAlloc).
 *	 - KmSummaryParts: a decoded value in memory (the fixed part and sparse
 *	   bucket arrays), what the text parser builds and the validator reads;
 *	   never stored or sent.
 *	 - the text form (summary_io.c, version 1), for _in/_out.
 * Every value from outside (text, or binary from recv and deserial) is
 * checked by the one validator, km_summary_validate(), before it is used;
 * km_summary_check() is the strict reader of hostile packed bytes that runs
 * it.  Every merge goes through km_summary_merge(), from packed bytes.
 */
#ifndef KM_SUMMARY_H
#define KM_SUMMARY_H

#include "engagement.h"
#include "km_core.h"
#include "sketch.h"

#define KM_SUMMARY_TEXT_VERSION 1	/* the text form's "v:" */
#define KM_SUMMARY_PACK_VERSION 2	/* the packed form's first byte (summary_pack.c) */

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

/*
 * A decoded value: the fixed part and nb sparse sketch buckets, indexes
 * strictly increasing (arrays borrowed, not owned).
 */
typedef struct KmSummaryParts
{
	KmSummaryHead h;
	uint32_t	nb;
	const int32_t *index;
	const int64_t *counts;
} KmSummaryParts;

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
/*
 * dst += a packed value (the one merge: rollup, combine, deserial), decoded
 * on the fly into the state without an intermediate copy.  Memory-safe on
 * any bytes (KM_EBINARY on malformed ones); the values themselves are
 * trusted: hostile bytes go through km_summary_check() first.
 */
extern KmCode km_summary_merge(KmSummary *dst, const uint8_t *buf, size_t len,
							   const KmAlloc *a, KmError *err);

/* dst += src for the fixed part only (sketch buckets are the caller's). */
extern KmCode km_summary_head_merge(KmSummaryHead *dst, const KmSummaryHead *src,
									KmError *err);

/*
 * The validator: every field of a decoded value and the invariants tying
 * them together (doc/internals/engagement_summary.md); KM_EBINARY with a
 * detail.
 */
extern KmCode km_summary_validate(const KmSummaryParts *v, KmError *err);

/* Text form (version 1): upper bound of its length (with NUL), and writing it. */
extern size_t km_summary_text_bound(uint32_t nbuckets);
/* false on malformed packed bytes */
extern bool km_summary_format(const uint8_t *buf, size_t len, char *out, size_t size);
/*
 * Parse and validate the text form into packed bytes allocated with a (*out,
 * *outlen); KM_ESYNTAX with a detail on anything malformed or inconsistent.
 */
extern KmCode km_summary_parse(const char *str, const KmAlloc *a,
							   uint8_t **out, size_t *outlen, KmError *err);

/*
 * The packed form (summary_pack.c).  Writing it from decoded parts or from
 * a state into a buffer of km_summary_pack_bound(buckets) bytes (buf NULL:
 * only its length), and the strict reader of hostile bytes: well formed,
 * km_summary_validate()'d, canonical (a temporary from a).
 */
extern size_t km_summary_pack_bound(uint32_t nb);
extern size_t km_summary_pack(const KmSummaryParts *v, uint8_t *buf);
extern size_t km_summary_pack_state(const KmSummary *s, uint8_t *buf);
extern KmCode km_summary_check(const uint8_t *buf, size_t len, const KmAlloc *a,
							   KmError *err);

/* Reading a packed value piecewise: the fixed part, then the buckets. */
typedef struct KmPackReader
{
	const uint8_t *p;
	const uint8_t *end;
	bool		bad;
	bool		loose;			/* a varint was not minimal (not canonical) */
	bool		sketch1;		/* one bucket, derived from the largest ER */
	uint8_t		flags;
	uint32_t	nb;				/* buckets */
	int32_t		last;			/* index of the previous bucket */
	const char *why;			/* why the head did not read (for the strict reader) */
} KmPackReader;
extern bool km_summary_unpack_head(const uint8_t *buf, size_t len, KmSummaryHead *h,
								   KmPackReader *r);
extern bool km_summary_next_bucket(KmPackReader *r, const KmSummaryHead *h, uint32_t j,
								   int32_t *index, int64_t *count);

/* Accessors. */
extern bool km_summary_basis(const char *name, KmBasisKind *kind, KmError *err);
/* pooled ER = sum interactions / sum base; false when no rated post */
extern bool km_summary_pooled(const KmSummaryHead *h, KmBasisKind k, double *r);
/* sample standard deviation (n - 1); false below two rated posts */
extern bool km_summary_stddev(const KmSummaryHead *h, KmBasisKind k, double *r);
/*
 * p-quantile of per-post ER by followers (rank ceil(p n)) of a packed value,
 * read in place; KM_EPARAM on bad p, KM_EBINARY on malformed bytes.
 */
extern KmCode km_summary_percentile(const uint8_t *buf, size_t len, double p,
									double *r, bool *defined, KmError *err);

#endif							/* KM_SUMMARY_H */
