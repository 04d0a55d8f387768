/*
 * fuzz_text.c
 *	  libFuzzer harness for the text core: the same bytes as a
 *	  sentiment_summary (the 40-byte packed form and the text form), as text
 *	  to normalise and match (km_text_scan over every kind, km_sentiment with
 *	  its term list) and as a lexicon term.  Properties: an accepted summary
 *	  packs back to the same bytes, prints to a text that parses to the same
 *	  value and merges with itself (or overflows); a score is in [-1, 1] and
 *	  its terms lie inside the text; an accepted term builds an automaton that
 *	  finds it in itself; nothing crashes and every pass is linear in the input.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "km_malloc.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const KmTextEntry seed[] = {
	{"好", 3, KM_TK_SENTIMENT, 2.0, -1},
	{"差", 3, KM_TK_SENTIMENT, -2.0, -1},
	{"太甜", 6, KM_TK_SENTIMENT, -1.4, -1},
	{"good", 4, KM_TK_SENTIMENT, 1.9, -1},
	{"no", 2, KM_TK_SENTIMENT, -1.2, -1},
	{"no", 2, KM_TK_NEGATOR, -0.74, -1},
	{"[哈哈]", 8, KM_TK_SENTIMENT, 1.5, -1},
	{"😡", 4, KM_TK_SENTIMENT, -3.2, -1},
	{"很", 3, KM_TK_DEGREE, 1.5, -1},
	{"太", 3, KM_TK_DEGREE, 1.7, -1},
	{"不", 3, KM_TK_NEGATOR, -1.0, -1},
	{"but", 3, KM_TK_CONTRAST, 1.5, -1},
	{"但是", 6, KM_TK_CONTRAST, 1.5, -1},
	{"兰蔻", 6, KM_TK_BRAND, 0, 1},
	{"#ad", 3, KM_TK_DISCLOSURE, 1, 0},
	{"广告", 6, KM_TK_DISCLOSURE, 1, 0},
	{"测评", 6, KM_TK_CONTENT, 0, 2},
};

static KmMatcher *M;

/* Check a match lies inside the text (km_text_scan's callback). */
static bool
check_match(void *arg, const KmTextMatch *mt)
{
	size_t		len = *(size_t *) arg;

	if (mt->start >= mt->end || mt->end > len || mt->pat < 0 || mt->pat >= M->npat)
		abort();
	return true;
}

/* Find the term in itself (km_text_scan's callback). */
static bool
count_match(void *arg, const KmTextMatch *mt)
{
	(void) mt;
	(*(int *) arg)++;
	return true;
}

/* An accepted summary survives its forms and a self-merge. */
static void
exercise(const KmSentSum *s)
{
	uint8_t		buf[KM_SENTSUM_PACKED_LEN];
	char		txt[KM_SENTSUM_TEXT_LEN];
	KmSentSum	u,
				m;
	KmError		err;

	km_clear(&err);
	km_sentsum_pack(s, buf);
	if (km_sentsum_unpack(buf, sizeof(buf), &u, &err) != KM_OK || memcmp(&u, s, sizeof(u)) != 0)
		abort();
	km_sentsum_format(s, txt, sizeof(txt));
	if (km_sentsum_parse(txt, &u, &err) != KM_OK || memcmp(&u, s, sizeof(u)) != 0)
		abort();
	m = *s;
	km_clear(&err);
	if (km_sentsum_merge(&m, s, &err) == KM_OK && km_sentsum_check(&m, &err, KM_ESYNTAX) != KM_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KmAlloc		a = KM_MALLOC;
	char	   *text = malloc(size + 1);
	KmSentSum	s;
	KmSentTerms terms;
	KmError		err;
	double		score;
	size_t		i;

	if (text == NULL)
		return 0;
	if (M == NULL)
	{
		km_clear(&err);
		M = km_matcher_build(seed, (int) (sizeof(seed) / sizeof(seed[0])), a, &err);
		if (M == NULL)
			abort();
	}
	memcpy(text, data, size);
	text[size] = '\0';
	/* the summary's readers */
	km_clear(&err);
	if (km_sentsum_unpack(data, size, &s, &err) == KM_OK)
		exercise(&s);
	km_clear(&err);
	if (km_sentsum_parse(text, &s, &err) == KM_OK)
		exercise(&s);
	/* normalisation and matching of arbitrary bytes */
	km_text_scan(M, text, size, ~0u, check_match, &size);
	memset(&terms, 0, sizeof(terms));
	terms.alloc = a;
	score = km_sentiment(M, text, size, &terms);
	if (!(score >= -1 && score <= 1))
		abort();
	for (i = 0; i < terms.n; i++)
		if (terms.terms[i].start >= terms.terms[i].end || terms.terms[i].end > size ||
			!isfinite(terms.terms[i].score))
			abort();
	free(terms.terms);
	/* the bytes as a lexicon term */
	km_clear(&err);
	if (km_text_check_term(text, size, &err) == KM_OK)
	{
		KmTextEntry e[2] = {{text, size, KM_TK_BRAND, 0, 5}, {"好", 3, KM_TK_SENTIMENT, 2.0, -1}};
		KmMatcher  *m1;
		int			found = 0;

		km_clear(&err);
		m1 = km_matcher_build(e, 2, a, &err);
		if (m1 == NULL)
			abort();
		km_text_scan(m1, text, size, 1u << KM_TK_BRAND, count_match, &found);
		if (found < 1)
			abort();
		km_matcher_free(m1);
	}
	free(text);
	return 0;
}
