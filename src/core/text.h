/*
 * text.h
 *	  The text core (doc/text.md): normalisation of UTF-8 text, one
 *	  Aho-Corasick automaton in a double-array layout over the lexicon's
 *	  terms, and the rules that turn its matches into sentiment scores.
 *
 * Terms and text are normalised the same way (km_text_fold): full-width forms
 * to half-width, Latin, Greek and Cyrillic capitals to small letters,
 * traditional Chinese characters to simplified ones (OpenCC's character table),
 * curly apostrophes to ', and variation selectors dropped.  The automaton reads
 * the raw text: each code point's normalised form is folded into the
 * character map, so normalisation costs nothing per character.
 */
#ifndef KM_TEXTSIG_H
#define KM_TEXTSIG_H

#include "km_core.h"

/* Limits of a lexicon term. */
#define KM_TEXT_TERM_MAX_BYTES 256
#define KM_TEXT_TERM_MAX_CHARS 64

/* What a term does; a term may have one payload of each kind (several labels for the last three). */
typedef enum KmTextKind
{
	KM_TK_SENTIMENT = 0,		/* value: polarity, VADER's scale -4..4 */
	KM_TK_DEGREE,				/* value: multiplier of the next term, (0, 4] */
	KM_TK_NEGATOR,				/* value: factor of the next term, [-1, 1] */
	KM_TK_CONTRAST,				/* value: weight of the clause after it, (0, 4] */
	KM_TK_DISCLOSURE,			/* label: jurisdiction; value 1 clear, 0 ambiguous */
	KM_TK_BRAND,				/* label: brand */
	KM_TK_CONTENT,				/* label: content type */
	KM_TK_NKINDS
} KmTextKind;

/* One lexicon row handed to the builder (term need not be normalised). */
typedef struct KmTextEntry
{
	const char *term;
	size_t		len;
	KmTextKind	kind;
	double		value;
	int32_t		label;			/* caller's label number, or -1 */
} KmTextEntry;

/* One meaning of a pattern. */
typedef struct KmTextPayload
{
	uint8_t		kind;
	double		value;
	int32_t		label;
} KmTextPayload;

/*
 * One state of the double array, its fields side by side so that a step of
 * the scan reads one cache line: the child of s by code c is t = base + c of
 * s when check of t is s.
 */
typedef struct KmDaCell
{
	int32_t		base;			/* 0 for a state without children */
	int32_t		check;			/* the parent, -1 for a free cell */
	int32_t		fail;			/* Aho-Corasick failure link */
	int32_t		out;			/* the first state ending a pattern on the failure chain from here (itself included), 0 if none */
} KmDaCell;

/* The compiled automaton: read-only once built, shared by every call. */
typedef struct KmMatcher
{
	KmAlloc		alloc;
	int32_t		size;
	KmDaCell   *cell;
	int32_t    *base;			/* the build's arrays, NULL once built */
	int32_t    *check;
	int32_t    *fail;
	int32_t    *dict;			/* next state on the failure chain that ends a pattern, 0 if none */
	int32_t    *pat;			/* pattern ending at the state, -1 if none */
	/* character map: code point -> code (0 = in no term, 1 = skip) */
	uint16_t  **pages;			/* 0x1100 pages of 256; unused pages share zero_page */
	uint16_t   *zero_page;
	int			ncodes;
	/* patterns */
	int32_t		npat;
	int32_t    *pay_first;		/* first payload of each pattern */
	uint16_t   *pay_count;
	uint8_t    *pat_chars;		/* length in (normalised) characters */
	uint8_t    *pat_flags;		/* KM_PF_* */
	uint32_t   *pat_kinds;		/* bit per KmTextKind */
	KmTextPayload *pay;
	int32_t		npay;
	size_t		bytes;			/* memory held */
} KmMatcher;

#define KM_PF_LEFT_WORD 1		/* starts with a word character: needs a boundary before */
#define KM_PF_RIGHT_WORD 2		/* ends with one: needs a boundary after */

#define KM_TEXT_CODE_NONE 0
#define KM_TEXT_CODE_SKIP 1

/* The normalised form of one code point; 0 when it is dropped (variation selectors). */
extern uint32_t km_text_fold(uint32_t cp);

/* True for letters, digits and ' (of the normalised form): parts of a Latin word. */
extern bool km_text_is_word(uint32_t folded);

/*
 * Decode the code point at p (left bytes available) into *cp; returns its
 * length.  A byte that starts no valid sequence is one character U+FFFD.
 */
static inline int
km_text_decode(const unsigned char *p, size_t left, uint32_t *cp)
{
	int			n;

	if (p[0] < 0x80)
	{
		*cp = p[0];
		return 1;
	}
	n = km_utf8_len(p, left);
	switch (n)
	{
		case 2:
			*cp = ((uint32_t) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
			return 2;
		case 3:
			*cp = ((uint32_t) (p[0] & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			return 3;
		case 4:
			*cp = ((uint32_t) (p[0] & 0x07) << 18) | ((uint32_t) (p[1] & 0x3F) << 12) |
				((uint32_t) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
			return 4;
		default:
			*cp = 0xFFFD;
			return 1;
	}
}

/* The code of code point cp in the matcher's character map. */
static inline uint16_t
km_text_code(const KmMatcher *m, uint32_t cp)
{
	return cp < 0x110000 ? m->pages[cp >> 8][cp & 0xFF] : KM_TEXT_CODE_NONE;
}

/* The traditional -> simplified table (text_t2s.c): pairs sorted by source. */
extern const uint32_t km_text_t2s[][2];
extern const int km_text_t2s_len;

/*
 * Check one lexicon term: valid UTF-8, 1 to KM_TEXT_TERM_MAX_BYTES bytes, at
 * most KM_TEXT_TERM_MAX_CHARS characters, no control characters, and not
 * empty once normalised.  22023 naming the term otherwise.
 */
extern KmCode km_text_check_term(const char *term, size_t len, KmError *err);

/*
 * Build the automaton of n entries (in priority order: for sentiment, degree,
 * negator and contrast, the first entry of a normalised term wins; for the
 * labelled kinds every distinct label is kept).  NULL with err set on a bad
 * term (22023), too many characters (54000) or out of memory.
 */
extern KmMatcher *km_matcher_build(const KmTextEntry *entries, int n, KmAlloc alloc,
								   KmError *err);
extern void km_matcher_free(KmMatcher *m);

/* A match: pattern, byte range in the text, 0-based character index of its start. */
typedef struct KmTextMatch
{
	int32_t		pat;
	size_t		start;
	size_t		end;
	size_t		char_start;
} KmTextMatch;

/*
 * Every occurrence of every pattern having a kind in kinds_mask (overlapping
 * ones included, word boundaries respected), in order of its end; fn returns
 * false to stop.  Returns the number reported.
 */
typedef bool (*KmTextMatchFn) (void *arg, const KmTextMatch *match);
extern size_t km_text_scan(const KmMatcher *m, const char *text, size_t len,
						   uint32_t kinds_mask, KmTextMatchFn fn, void *arg);

/* ------------------------------------------------------------ sentiment */

/* A term that counted in a score: where, its lexicon weight and its final score. */
typedef struct KmSentTerm
{
	size_t		start;			/* byte range in the text */
	size_t		end;
	double		weight;			/* lexicon polarity */
	double		score;			/* after degree, negation, repetition and contrast */
	int32_t		pat;
	int32_t		seg;			/* contrast words before it in its sentence */
	int32_t		repeats;		/* immediate repetitions folded into it */
} KmSentTerm;

/* The terms of one text, for sentiment_terms; grown through alloc. */
typedef struct KmSentTerms
{
	KmSentTerm *terms;
	size_t		n;
	size_t		cap;
	KmAlloc		alloc;
	bool		failed;			/* out of memory: the list is incomplete */
} KmSentTerms;

/* Cut-offs of the labels (VADER's). */
#define KM_SENT_POSITIVE 0.05
#define KM_SENT_NEGATIVE -0.05

/*
 * The sentiment of a text in [-1, 1]: the sum S of its terms' scores plus
 * exclamation emphasis, normalised as S / sqrt(S^2 + 15) (doc/text.md).
 */
extern double km_sentiment(const KmMatcher *m, const char *text, size_t len,
						   KmSentTerms *terms);

/* -1, 0 or 1: the label of a score by the cut-offs. */
extern int	km_sentiment_sign(double score);

/* -------------------------------------------------- sentiment_summary */

#define KM_SENTSUM_VERSION 1
#define KM_SENTSUM_PACKED_LEN 40
#define KM_SENTSUM_TEXT_LEN 160
#define KM_SENTSUM_SCALE 1e9	/* scores are summed exactly in units of 1e-9 */

typedef struct KmSentSum
{
	int64_t		positive;
	int64_t		negative;
	int64_t		neutral;
	int64_t		score_nanos;	/* sum of round(score * 1e9) */
} KmSentSum;

/* Add one score; KM_ERANGE when a count or the sum would overflow. */
extern KmCode km_sentsum_add(KmSentSum *s, double score, KmError *err);
/* a += b; KM_ERANGE on overflow. */
extern KmCode km_sentsum_merge(KmSentSum *a, const KmSentSum *b, KmError *err);
/* Validate a value (counts >= 0, |sum| <= 1e9 * total). */
extern KmCode km_sentsum_check(const KmSentSum *s, KmError *err, KmCode code);
extern void km_sentsum_pack(const KmSentSum *s, uint8_t *out);
extern KmCode km_sentsum_unpack(const uint8_t *in, size_t len, KmSentSum *s, KmError *err);
extern void km_sentsum_format(const KmSentSum *s, char *out, size_t size);
extern KmCode km_sentsum_parse(const char *str, KmSentSum *s, KmError *err);

#endif							/* KM_TEXTSIG_H */
