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

/* malloc for the cores. */
static void *
t_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

/* free for the cores. */
static void
t_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

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
	KmAlloc		a = {t_alloc, t_free, NULL};

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

int
main(void)
{
	KmError		err;
	KmAlloc		a = {t_alloc, t_free, NULL};

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
	is_near(sent("好"), norm(2), 0, "still 好 after everything");
	km_matcher_free(M);
	return done_testing();
}
