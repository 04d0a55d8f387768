/*
 * test_text.c
 *	  Unit tests of the text core (src/core/text_*.c): normalisation, the
 *	  automaton's matches, and sentiment scores worked out by hand from a
 *	  small seed lexicon with the rules of doc/text.md (S / sqrt(S^2 + 15)).
 */
#include <stdlib.h>
#include <string.h>

#include "km_test.h"

#include "text.h"
#include "km_malloc.h"

static const KmTextEntry seed[] = {
	{"好", 3, KM_TK_SENTIMENT, 2.0, -1},
	{"差", 3, KM_TK_SENTIMENT, -2.0, -1},
	{"喜欢", 6, KM_TK_SENTIMENT, 2.0, -1},
	{"good", 4, KM_TK_SENTIMENT, 1.9, -1},
	{"Good", 4, KM_TK_SENTIMENT, 9.0, -1},	/* same normalised term: the first wins */
	{"bad", 3, KM_TK_SENTIMENT, -2.5, -1},
	{"[哈哈]", 8, KM_TK_SENTIMENT, 1.5, -1},
	{"很", 3, KM_TK_DEGREE, 1.5, -1},
	{"very", 4, KM_TK_DEGREE, 1.5, -1},
	{"不", 3, KM_TK_NEGATOR, -1.0, -1},
	{"not", 3, KM_TK_NEGATOR, -0.74, -1},
	{"但是", 6, KM_TK_CONTRAST, 1.5, -1},
	{"but", 3, KM_TK_CONTRAST, 1.5, -1},
	{"兰蔻", 6, KM_TK_BRAND, 0, 7},
	{"lancome", 7, KM_TK_BRAND, 0, 7},
	{"#ad", 3, KM_TK_DISCLOSURE, 1, 1},
	{"广告", 6, KM_TK_DISCLOSURE, 1, 0},
};

/* The VADER normalisation of a sum. */
static double
norm(double s)
{
	return s / sqrt(s * s + 15);
}

static KmMatcher *M;

/* sentiment of a C string. */
static double
sent(const char *s)
{
	return km_sentiment(M, s, strlen(s), NULL);
}

/* Normalisation of single code points. */
static void
test_fold(void)
{
	is_int(km_text_fold(0xFF21), 'a', "full-width A folds to a");
	is_int(km_text_fold(0xFF01), '!', "full-width ! to !");
	is_int(km_text_fold(0x3000), ' ', "ideographic space to space");
	is_int(km_text_fold(0x6B61), 0x6B22, "歡 -> 欢 (OpenCC)");
	is_int(km_text_fold(0x8AAA), 0x8BF4, "說 -> 说");
	is_int(km_text_fold(0x597D), 0x597D, "好 unchanged");
	is_int(km_text_fold(0xC9), 0xE9, "É -> é");
	is_int(km_text_fold(0xFE0F), 0, "variation selector dropped");
	ok(km_text_is_word('a') && !km_text_is_word(0x597D) && !km_text_is_word('#'), "word characters");
}

/* Term checks. */
static void
test_terms(void)
{
	KmError		err;
	char		big[300];

	km_clear(&err);
	ok(km_text_check_term("好", 3, &err) == KM_OK, "a term");
	ok(km_text_check_term("", 0, &err) == KM_EPARAM, "empty term refused");
	km_clear(&err);
	ok(km_text_check_term("a\tb", 3, &err) == KM_EPARAM, "control character refused");
	km_clear(&err);
	ok(km_text_check_term("\xef\xb8\x8f", 3, &err) == KM_EPARAM, "empty once normalised refused");
	km_clear(&err);
	ok(km_text_check_term("\xe5\xa5", 2, &err) == KM_EPARAM, "cut UTF-8 refused");
	memset(big, 'a', sizeof(big));
	km_clear(&err);
	ok(km_text_check_term(big, 257, &err) == KM_EPARAM, "257 bytes refused");
	km_clear(&err);
	ok(km_text_check_term(big, 65, &err) == KM_EPARAM, "65 characters refused");
	km_clear(&err);
	ok(km_text_check_term(big, 64, &err) == KM_OK, "64 characters accepted");
}

typedef struct Hits
{
	int			n;
	int32_t		label[8];
	size_t		start[8];
	size_t		char_start[8];
} Hits;

/* Collect matches. */
static bool
collect(void *arg, const KmTextMatch *mt)
{
	Hits	   *h = arg;
	int32_t		i = M->pay_first[mt->pat];

	if (h->n < 8)
	{
		h->label[h->n] = M->pay[i].label;
		h->start[h->n] = mt->start;
		h->char_start[h->n] = mt->char_start;
	}
	h->n++;
	return true;
}

/* Brand and disclosure matches with word boundaries. */
static void
test_scan(void)
{
	Hits		h;
	const char *t1 = "买了兰蔻LANCOME，#ad";
	const char *t2 = "#adventure lancomes 兰蔻";
	const char *t3 = "廣告: 蘭蔻";

	memset(&h, 0, sizeof(h));
	km_text_scan(M, t1, strlen(t1), 1u << KM_TK_BRAND, collect, &h);
	is_int(h.n, 2, "兰蔻 and LANCOME");
	is_int((int) h.start[0], 6, "兰蔻 at byte 6");
	is_int((int) h.char_start[1], 4, "LANCOME at character 4");
	memset(&h, 0, sizeof(h));
	km_text_scan(M, t1, strlen(t1), 1u << KM_TK_DISCLOSURE, collect, &h);
	is_int(h.n, 1, "#ad found");
	is_int((int) h.char_start[0], 12, "#ad at character 12");
	memset(&h, 0, sizeof(h));
	km_text_scan(M, t2, strlen(t2), (1u << KM_TK_DISCLOSURE) | (1u << KM_TK_BRAND), collect, &h);
	is_int(h.n, 1, "not inside #adventure or lancomes; 兰蔻 yes");
	memset(&h, 0, sizeof(h));
	km_text_scan(M, t3, strlen(t3), (1u << KM_TK_DISCLOSURE) | (1u << KM_TK_BRAND), collect, &h);
	is_int(h.n, 2, "traditional 廣告 and 蘭蔻 match");
}

/* Hand-computed scores of the rules. */
static void
test_sentiment(void)
{
	is_near(sent("好"), norm(2), 1e-12, "好: 2");
	is_near(sent("很好"), norm(3), 1e-12, "很好: 2 x 1.5");
	is_near(sent("不好"), norm(-2), 1e-12, "不好: 2 x -1");
	is_near(sent("不是很好"), norm(-1), 1e-12, "不是很好: negation over degree, damped: 2 x -1 x 0.5");
	is_near(sent("很不好"), norm(-3), 1e-12, "很不好: 2 x -1 x 1.5");
	is_near(sent("好，但是差"), norm(2 * 0.5 - 2 * 1.5), 1e-12, "contrast: 0.5 before, 1.5 after");
	is_near(sent("好好好"), norm(2 + 2 * 0.293), 1e-12, "repetition: +0.293 each");
	is_near(sent("好!!!"), norm(2 + 3 * 0.292), 1e-12, "exclamations: +0.292 each");
	is_near(sent("好！！！！！！"), norm(2 + 4 * 0.292), 1e-12, "full-width !, at most 4");
	is_near(sent("很喜歡"), norm(3), 1e-12, "traditional 喜歡 = 喜欢");
	is_near(sent("ＧＯＯＤ"), 0.4404, 1e-4, "full-width GOOD = good (VADER 0.4404)");
	is_near(sent("not good"), norm(-0.74 * 1.9), 1e-12, "not good");
	is_near(sent("not very good"), norm(-0.74 * 1.9 * 0.5), 1e-12, "not very good: damped");
	is_near(sent("goodness"), 0, 0, "no match inside a word");
	is_near(sent("[哈哈][哈哈]"), norm(1.5 + 0.293), 1e-12, "emote repeated");
	is_near(sent("I do not think it is good"), norm(1.9), 1e-12, "negator too far back");
	is_near(sent("good but bad"), norm(1.9 * 0.5 - 2.5 * 1.5), 1e-12, "but");
	is_near(sent("好。差"), norm(0), 1e-12, "two sentences cancel");
	is_near(sent(""), 0, 0, "empty text");
	is_near(sent("好吗"), 0, 0, "a question (ends in 吗) counts nothing");
	is_near(sent("good?"), 0, 0, "a question (ends in ?) counts nothing");
	is_near(sent("差！好吗？"), norm(-2 - 0.292), 1e-12, "only the question sentence is dropped; ! still counts");
	is_near(sent("不[哈哈]"), norm(1.5), 1e-12, "an emote is outside a negator's scope");
	is_near(sent("很[哈哈]"), norm(1.5), 1e-12, "and a degree adverb's");
	is_near(sent("\xff\xfe好"), norm(2), 1e-12, "bad bytes are characters that match nothing");
	is_int(km_sentiment_sign(0.05), 1, "0.05 is positive");
	is_int(km_sentiment_sign(-0.0499), 0, "-0.0499 is neutral");
	is_int(km_sentiment_sign(-0.05), -1, "-0.05 is negative");
}

/* The terms behind a score. */
static void
test_terms_list(void)
{
	KmSentTerms t;
	const char *s = "好，但是差";
	KmAlloc		a = KM_MALLOC;

	memset(&t, 0, sizeof(t));
	t.alloc = a;
	km_sentiment(M, s, strlen(s), &t);
	is_int((int) t.n, 2, "two terms");
	is_near(t.terms[0].score, 1.0, 1e-12, "好 halved before 但是");
	is_near(t.terms[1].score, -3.0, 1e-12, "差 x1.5 after");
	is_int((int) t.terms[1].start, 12, "差 at byte 12");
	free(t.terms);
}

/* The summary's forms. */
static void
test_summary(void)
{
	KmSentSum	s,
				u;
	KmError		err;
	uint8_t		buf[KM_SENTSUM_PACKED_LEN];
	char		txt[KM_SENTSUM_TEXT_LEN];

	memset(&s, 0, sizeof(s));
	km_clear(&err);
	ok(km_sentsum_add(&s, 0.5, &err) == KM_OK && km_sentsum_add(&s, -0.25, &err) == KM_OK &&
	   km_sentsum_add(&s, 0.0, &err) == KM_OK, "three scores");
	ok(s.positive == 1 && s.negative == 1 && s.neutral == 1 && s.score_nanos == 250000000, "counts and sum");
	km_sentsum_format(&s, txt, sizeof(txt));
	is_str(txt, "(v:1,positive:1,negative:1,neutral:1,score_nanos:250000000)", "text form");
	ok(km_sentsum_parse(txt, &u, &err) == KM_OK && memcmp(&s, &u, sizeof(s)) == 0, "text round trip");
	km_sentsum_pack(&s, buf);
	ok(km_sentsum_unpack(buf, sizeof(buf), &u, &err) == KM_OK && memcmp(&s, &u, sizeof(s)) == 0, "binary round trip");
	buf[3] = 1;
	ok(km_sentsum_unpack(buf, sizeof(buf), &u, &err) == KM_EBINARY, "reserved byte");
	km_clear(&err);
	ok(km_sentsum_parse("(v:1,positive:1,negative:0,neutral:0,score_nanos:1000000001)", &u, &err) == KM_ESYNTAX,
	   "sum past 1e9 per text");
	km_clear(&err);
	ok(km_sentsum_add(&s, 1.5, &err) == KM_ERANGE, "score out of range");
}

/* ------------------------------------------------ random patterns vs naive */

static uint64_t rnd_state = 0x2545F4914F6CDD1DULL;

/* xorshift64: reproducible random numbers. */
static uint32_t
rnd(uint32_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (uint32_t) (rnd_state % n);
}

/* Append code point cp to buf as UTF-8; returns the new length. */
static size_t
put_utf8(char *buf, size_t len, uint32_t cp)
{
	if (cp < 0x80)
		buf[len++] = (char) cp;
	else if (cp < 0x800)
	{
		buf[len++] = (char) (0xC0 | (cp >> 6));
		buf[len++] = (char) (0x80 | (cp & 0x3F));
	}
	else
	{
		buf[len++] = (char) (0xE0 | (cp >> 12));
		buf[len++] = (char) (0x80 | ((cp >> 6) & 0x3F));
		buf[len++] = (char) (0x80 | (cp & 0x3F));
	}
	return len;
}

#define RP_MAXPAT 3000
#define RP_TEXT 300

typedef struct RpHits
{
	const KmMatcher *m;
	int64_t    *keys;
	int			n;
	int			cap;
} RpHits;

/* Collect a match as label * 1e6 + character position. */
static bool
rp_collect(void *arg, const KmTextMatch *mt)
{
	RpHits	   *h = arg;

	if (h->n < h->cap)
		h->keys[h->n] = (int64_t) h->m->pay[h->m->pay_first[mt->pat]].label * 1000000 +
			(int64_t) mt->char_start;
	h->n++;
	return true;
}

/* qsort: int64 ascending. */
static int
cmp_i64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a,
				y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

/*
 * One round: npat distinct random patterns of 1 to 4 characters from an
 * alphabet of nalpha CJK characters (those that are their own normalised
 * form) plus a, b, 说 and [, and random texts
 * mixing pieces of patterns, A (folds to a), 說 (to 说), x and spaces.  Every
 * match of km_text_scan must be a match of the naive search (each pattern
 * compared at each position of the folded text, Latin word boundaries
 * checked) and the other way round.  Returns the number of disagreeing texts.
 */
static int
rp_round(int npat, int nalpha, int ntexts, int *nmatches)
{
	static uint32_t pats[RP_MAXPAT][4];
	static int	plen[RP_MAXPAT];
	static char pbuf[RP_MAXPAT][16];
	static KmTextEntry ents[RP_MAXPAT];
	static int64_t got[4 * RP_TEXT * 8],
				want[4 * RP_TEXT * 8];
	static const uint32_t extra[] = {'a', 'b', 0x8BF4, '['};
	KmAlloc		a = KM_MALLOC;
	KmError		err;
	KmMatcher  *m;
	int			i,
				j,
				t,
				bad = 0;

	for (i = 0; i < npat; i++)
	{
		bool		dup;

		do
		{
			plen[i] = 1 + (int) rnd(4);
			for (j = 0; j < plen[i]; j++)
			{
				uint32_t	r = rnd((uint32_t) nalpha + 4);

				pats[i][j] = r < 4 ? extra[r] : 0x4E00 + (r - 4);
				if (km_text_fold(pats[i][j]) != pats[i][j])
					pats[i][j] = extra[r % 4];	/* a traditional form: not a normalised term */
			}
			dup = false;
			for (t = 0; t < i && !dup; t++)
				dup = plen[t] == plen[i] && memcmp(pats[t], pats[i], sizeof(uint32_t) * plen[i]) == 0;
		} while (dup);
		ents[i].len = 0;
		for (j = 0; j < plen[i]; j++)
			ents[i].len = put_utf8(pbuf[i], ents[i].len, pats[i][j]);
		ents[i].term = pbuf[i];
		ents[i].kind = KM_TK_BRAND;
		ents[i].value = 0;
		ents[i].label = i;
	}
	km_clear(&err);
	m = km_matcher_build(ents, npat, a, &err);
	if (m == NULL)
	{
		printf("# %s\n", err.message);
		return ntexts;
	}
	for (t = 0; t < ntexts; t++)
	{
		uint32_t	raw[RP_TEXT],
					fold[RP_TEXT];
		char		buf[RP_TEXT * 4];
		size_t		len = 0;
		int			n = 0,
					nw = 0;
		RpHits		h = {m, got, 0, (int) (sizeof(got) / sizeof(got[0]))};

		while (n < RP_TEXT - 4)
		{
			uint32_t	r = rnd(10);

			if (r < 6)
			{
				int			p = (int) rnd((uint32_t) npat);

				for (j = 0; j < plen[p]; j++)
					raw[n++] = pats[p][j];
			}
			else
			{
				static const uint32_t noise[] = {'A', 0x8AAA, 'x', ' '};

				raw[n++] = noise[r - 6];
			}
		}
		for (i = 0; i < n; i++)
		{
			len = put_utf8(buf, len, raw[i]);
			fold[i] = km_text_fold(raw[i]);
		}
		for (i = 0; i < n; i++)
			for (j = 0; j < npat; j++)
			{
				int			k;

				if (i + plen[j] > n)
					continue;
				for (k = 0; k < plen[j] && fold[i + k] == pats[j][k]; k++)
					;
				if (k < plen[j])
					continue;
				if (km_text_is_word(pats[j][0]) && i > 0 && km_text_is_word(fold[i - 1]))
					continue;
				if (km_text_is_word(pats[j][plen[j] - 1]) && i + plen[j] < n &&
					km_text_is_word(fold[i + plen[j]]))
					continue;
				if (nw < (int) (sizeof(want) / sizeof(want[0])))
					want[nw] = (int64_t) j * 1000000 + i;
				nw++;
			}
		km_text_scan(m, buf, len, ~0u, rp_collect, &h);
		*nmatches += nw;
		if (h.n != nw || nw > (int) (sizeof(want) / sizeof(want[0])))
		{
			bad++;
			continue;
		}
		qsort(got, h.n, sizeof(int64_t), cmp_i64);
		qsort(want, nw, sizeof(int64_t), cmp_i64);
		if (memcmp(got, want, sizeof(int64_t) * nw) != 0)
			bad++;
	}
	km_matcher_free(m);
	return bad;
}

/* The automaton finds exactly what a naive multi-pattern search finds. */
static void
test_random_matches(void)
{
	int			nm = 0;

	is_int(rp_round(50, 6, 200, &nm), 0, "50 patterns over 10 characters: same matches as naive");
	is_int(rp_round(400, 40, 100, &nm), 0, "400 patterns over 44 characters: same matches as naive");
	is_int(rp_round(3000, 2000, 30, &nm), 0,
		   "3000 patterns over 2004 characters (sparse double array): same matches as naive");
	is_int(rp_round(3000, 60, 30, &nm), 0, "3000 patterns over 64 characters (dense): same matches as naive");
	ok(nm > 10000, "the random texts have matches to compare");
}

int
main(void)
{
	KmError		err;
	KmAlloc		a = KM_MALLOC;

	km_clear(&err);
	M = km_matcher_build(seed, (int) (sizeof(seed) / sizeof(seed[0])), a, &err);
	ok(M != NULL, "seed automaton builds");
	if (M == NULL)
	{
		printf("# %s %s\n", err.message, err.detail);
		return done_testing();
	}
	test_fold();
	test_terms();
	test_scan();
	test_sentiment();
	test_terms_list();
	test_summary();
	test_random_matches();
	is_near(sent("好"), norm(2), 0, "still 好 after everything");
	km_matcher_free(M);
	return done_testing();
}
