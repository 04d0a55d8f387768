/*
 * profile.h
 *	  kol_profile: category weights, audience histograms and market lists of a
 *	  KOL or a brand brief; parsing (JSON through json-c), the compact stored
 *	  form, its validation, canonical JSON output and the similarity math of
 *	  kol_relevance (doc/profile.md; formulas in doc/formulas.md).
 *
 * Stored form, version 1 (all integers and float8 little-endian, no alignment:
 * readers copy with memcpy, so a short-header varlena is read in place):
 *
 *	 0	u8	 version (1)
 *	 1	u8	 reserved, 0
 *	 2	u16  reserved, 0
 *	 4	u16  ncat		 category entries
 *	 6	u16  ndim		 audience dimensions
 *	 8	u16  nlang		 languages
 *	10	u16  ncountry	 countries
 *	12	u32  off_dims	 byte offset of the first dimension
 *	16	u32  off_langs	 byte offset of the first language
 *	20	u32  off_countries	byte offset of the first country
 *	24	f64  cat_max	 largest category weight m (0 when ncat = 0)
 *	32	f64  cat_ss		 sum((w_i / m)^2) in label order (0 when ncat = 0)
 *	40	categories: ncat x { u8 len, label[len], f64 weight }
 *		dimensions: ndim x { u8 len, name[len], u16 n, u32 bytes,
 *							 n x { u8 len, label[len], f64 share } }
 *		languages:	nlang x { u8 len, label[len] }
 *		countries:	ncountry x { u8 len, label[len] }
 *
 * Every list is sorted by label bytes (memcmp order, shorter first on a
 * common prefix) with no duplicates; each histogram sums to 1 within
 * KM_PROFILE_SUM_TOL; category weights are finite, 0 <= w <= KM_PROFILE_MAX_WEIGHT,
 * with a positive sum.  km_profile_check() verifies all of this.
 */
#ifndef KM_PROFILE_H
#define KM_PROFILE_H

#include "km_core.h"

#define KM_PROFILE_VERSION		1
#define KM_PROFILE_HDR			40
#define KM_PROFILE_MAX_LABEL	64		/* bytes of UTF-8 per label */
#define KM_PROFILE_MAX_ENTRIES	256		/* per histogram, categories, list */
#define KM_PROFILE_MAX_DIMS		32		/* audience dimensions */
#define KM_PROFILE_MAX_INPUT	(2 * 1024 * 1024)	/* bytes of JSON text */

/*
 * Longest canonical text km_profile_to_json can print for a value within the
 * limits above: every label escaped to twice its bytes plus quotes, every
 * number at its longest (%.17g of a non-negative double: 23 bytes), and the
 * separators.  It is below KM_PROFILE_MAX_INPUT (checked at compile time in
 * profile_out.c), so the text of every accepted value is accepted again.
 */
#define KM_PROFILE_LABEL_TEXT	(2 * KM_PROFILE_MAX_LABEL + 2)
#define KM_PROFILE_WEIGHT_TEXT	(2 + KM_PROFILE_LABEL_TEXT + 2 + 23)
#define KM_PROFILE_MAX_TEXT \
	(64 + KM_PROFILE_MAX_ENTRIES * KM_PROFILE_WEIGHT_TEXT + \
	 KM_PROFILE_MAX_DIMS * (4 + KM_PROFILE_LABEL_TEXT + 4 + \
							 KM_PROFILE_MAX_ENTRIES * KM_PROFILE_WEIGHT_TEXT) + \
	 2 * (32 + KM_PROFILE_MAX_ENTRIES * (2 + KM_PROFILE_LABEL_TEXT)))
#define KM_PROFILE_MAX_DEPTH	8		/* JSON nesting */
#define KM_PROFILE_MAX_WEIGHT	1e15	/* largest weight accepted */
#define KM_PROFILE_SUM_TOL		1e-9	/* |sum - 1| a stored histogram may show */

/* Component weights of kol_relevance, in this order. */
#define KM_REL_CATEGORIES	0
#define KM_REL_AUDIENCE		1
#define KM_REL_MARKETS		2
#define KM_REL_NCOMP		3
extern const double km_rel_default_weights[KM_REL_NCOMP];

/*
 * Parse JSON text (len bytes, need not be NUL-terminated) into the stored
 * form: a malloc'd buffer the caller frees.  Errors: KM_ESYNTAX (bad JSON,
 * bad value, duplicate key, a label or count over its limit; the detail names
 * the key), KM_ELIMIT (text longer than KM_PROFILE_MAX_INPUT), KM_ENOMEM.
 */
extern KmCode km_profile_from_json(const char *text, size_t len,
								   uint8_t **out, size_t *outlen, KmError *err);

/*
 * Canonical JSON text of a stored profile, NUL-terminated, malloc'd (caller
 * frees).  Sections in the order categories, audience, languages, countries;
 * empty sections left out; numbers in the shortest form that reads back to
 * the same float8.  The input must have passed km_profile_check.
 */
extern KmCode km_profile_to_json(const uint8_t *p, size_t len,
								 char **out, KmError *err);

/* Validate untrusted bytes as a stored profile; KM_EBINARY with a detail. */
extern KmCode km_profile_check(const uint8_t *p, size_t len, KmError *err);

/*
 * Similarities of two checked profiles, each in [0, 1]; *defined false
 * (SQL NULL) when either side lacks the component.
 *	 category: cosine of the category weight vectors, computed on the
 *			   weights scaled by their maximum: sum(a'_i b'_i) / sqrt(ss_a ss_b).
 *	 audience: histogram intersection sum(min(p_i, q_i)) of one dimension,
 *			   divided by max(sum p, sum q) (both 1 up to rounding), so that
 *			   identical histograms score exactly 1.
 *	 markets:  mean over languages and countries (those both sides list) of
 *			   the Jaccard index of the two lists.
 *	 relevance: sum(w_c * s_c) / sum(w_c) over the components c with w_c > 0
 *			   that both sides have; the audience component is the mean over
 *			   shared dimensions.  Undefined when no such component exists.
 */
extern void km_profile_category_similarity(const uint8_t *a, const uint8_t *b,
										   double *sim, bool *defined);
extern void km_profile_audience_similarity(const uint8_t *a, const uint8_t *b,
										   const char *dim, size_t dimlen,
										   double *sim, bool *defined);
extern void km_profile_market_similarity(const uint8_t *a, const uint8_t *b,
										 double *sim, bool *defined);
extern void km_profile_relevance(const uint8_t *a, const uint8_t *b,
								 const double weights[KM_REL_NCOMP],
								 double *score, bool *defined);

/* Check relevance component weights: finite, >= 0, not all 0 (KM_EPARAM). */
extern KmCode km_profile_check_weights(const double weights[KM_REL_NCOMP],
									   KmError *err);

/* A label: bytes and length (no NUL needed). */
typedef struct KmLabel
{
	const char *s;
	size_t		len;
} KmLabel;

/* Order of labels: memcmp over the common prefix, then the shorter first. */
extern int	km_label_cmp(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Jaccard index |A n B| / |A u B| of two label sets.  The arrays are sorted
 * in place and duplicates ignored.  Undefined (*defined false) when both are
 * empty.
 */
extern void km_jaccard(KmLabel *a, size_t na, KmLabel *b, size_t nb,
					   double *sim, bool *defined);

/* Shortest "%.*g" text (1 to 17 digits) that reads back as v; buf >= 32. */
extern void km_format_double(double v, char *buf, size_t buflen);

/* Internal: build the stored form from parts (used by the JSON parser). */
typedef struct KmEntry
{
	const char *s;
	size_t		len;
	double		v;
} KmEntry;

typedef struct KmDim
{
	const char *s;
	size_t		len;
	KmEntry    *e;
	int			n;
} KmDim;

typedef struct KmProfileParts
{
	KmEntry    *cat;
	int			ncat;
	KmDim	   *dims;
	int			ndim;
	KmEntry    *lang;
	int			nlang;
	KmEntry    *country;
	int			ncountry;
} KmProfileParts;

/*
 * Sort, check and normalise the parts (in place) and write the stored form
 * into a malloc'd buffer.  KM_ESYNTAX names the offending section and label.
 */
extern KmCode km_profile_pack(KmProfileParts *parts, uint8_t **out,
							  size_t *outlen, KmError *err);

/* Check one label: 1..KM_PROFILE_MAX_LABEL bytes of UTF-8, no control chars. */
extern KmCode km_label_check(const char *s, size_t len, const char *where,
							 KmCode code, KmError *err);

#endif							/* KM_PROFILE_H */
