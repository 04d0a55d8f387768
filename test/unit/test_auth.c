/*
 * test_auth.c
 *	  Unit tests of the authenticity cores (src/core/auth*.c, km_flat.c).
 *	  Expected values by hand in the comments.
 */
#include "km_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"

#define DAY 86400000000LL

/* One post of counters (negative: NULL) at day d, 10:00 UTC. */
static KmCode
post(KmAuth *a, int64_t l, int64_t c, int64_t s, int64_t v, int64_t f, int d, KmError *err)
{
	KmAuthPost	p;

	memset(&p, 0, sizeof(p));
	p.c[0] = l;
	p.has[0] = l >= 0;
	p.c[1] = c;
	p.has[1] = c >= 0;
	p.c[2] = s;
	p.has[2] = s >= 0;
	p.c[4] = v;
	p.has[4] = v >= 0;
	p.followers = f;
	p.has_followers = f >= 0;
	p.at = d * DAY + 10 * 3600000000LL;
	p.has_at = true;
	return km_auth_add(a, &p, err);
}

/* Counters, first digits, extremes, the near-zero rule and the post signals. */
static void
test_summary(void)
{
	KmAuth		a;
	KmError		err;
	double		x;
	int64_t		have,
				need;
	const char *why;

	km_auth_init(&a);
	km_clear(&err);
	/* interactions 110, 0, 1100 (likes + comments + shares); followers 1000 */
	is_int(post(&a, 100, 10, 0, 5000, 1000, 1, &err), KM_OK, "post 1");
	is_int(post(&a, 0, 0, 0, 900, 1000, 2, &err), KM_OK, "post 2: no interactions");
	is_int(post(&a, 1000, 90, 10, 70000, 1000, 3, &err), KM_OK, "post 3");
	is_int(a.n, 3, "3 posts");
	is_int(a.i_sum, 1210, "interactions 110 + 0 + 1100");
	is_int(a.low, 1, "one post under 0.1% of 1000 followers");
	is_int(a.digits[0][0], 2, "likes 100 and 1000 start with 1");
	is_int(a.digits[1][8], 1, "comments 90 start with 9");
	is_int(a.digits[4][6], 1, "views 70000 start with 7");
	is_int(a.cmin[4], 900, "smallest views");
	is_int(a.cmax[4], 70000, "largest views");
	is_int(a.peak_i, 1100, "peak post");
	is_int(a.peak_at, 3 * DAY + 10 * 3600000000LL, "its time");
	is_int(a.hours[10], 3, "all at 10:00");
	ok(km_auth_signal(&a, KM_SIG_LIKES_PER_COMMENT, &x, &have, &need, &why), "likes per comment with 3 posts");
	is_near(x, log10(1101.0 / 101.0), 1e-15, "log10((1100 + 1) / (100 + 1))");
	ok(!km_auth_signal(&a, KM_SIG_CV, &x, &have, &need, &why), "CV needs 5 posts");
	is_int(have, 3, "has 3");
	is_int(need, 5, "needs 5");
	ok(km_auth_signal(&a, KM_SIG_ER_FOLLOWERS, &x, &have, &need, &why), "ER by followers");
	is_near(x, (log(111.0 / 1000) + log(1.0 / 1000) + log(1101.0 / 1000)) / 3 / log(10), 1e-14,
			"geometric mean of (i + 1) / followers");
	is_int(km_auth_validate(&a, KM_EBINARY, &err), KM_OK, "valid");
	/* errors */
	is_int(post(&a, -1, 0, 0, 0, 0, 1, &err), KM_OK, "NULL likes accepted");
	{
		KmAuthPost	p;

		memset(&p, 0, sizeof(p));
		p.c[1] = -3;
		p.has[1] = true;
		km_clear(&err);
		is_int(km_auth_add(&a, &p, &err), KM_EPARAM, "negative comments");
		is_str(err.message, "comments must not be negative: -3", "message names it");
		p.c[1] = INT64_MAX;
		p.c[0] = 1;
		p.has[0] = true;
		km_clear(&err);
		is_int(km_auth_add(&a, &p, &err), KM_ERANGE, "interactions overflow");
	}
}

/* First digits of powers of ten and their neighbours, via the summary. */
static void
test_digits(void)
{
	static const int64_t v[] = {1, 9, 10, 99, 100, 999999999999999999LL, 1000000000000000000LL, INT64_MAX};
	static const int	d[] = {1, 9, 1, 9, 1, 9, 1, 9};
	KmError		err;

	for (int i = 0; i < 8; i++)
	{
		KmAuth		a;
		char		name[64];

		km_auth_init(&a);
		km_clear(&err);
		post(&a, v[i], -1, -1, -1, -1, 0, &err);
		snprintf(name, sizeof(name), "first digit of %lld", (long long) v[i]);
		is_int(a.digits[0][d[i] - 1], 1, name);
	}
}

/* Text normalization and classification of comments. */
static void
test_normalize(void)
{
	static const struct
	{
		const char *in;
		const char *out;
		int			kind;
	}			cases[] = {
		{"Where did you get THIS?!", "wheredidyougetthis", 0},
		{"ＷＨＥＲＥ　did you", "wheredidyou", 0},
		{"+1", "1", 2},
		{"＋１！", "1", 2},
		{"沙发！！", "沙发", 2},
		{"  nice  ", "nice", 2},
		{"打卡", "打卡", 2},
		{"[赞][赞]", "[赞][赞]", 1},
		{"【笑哭】", "【笑哭】", 1},
		{"[笑哭R] [笑哭R]", "[笑哭R][笑哭R]", 1},
		{"👍👍", "👍👍", 1},
		{"😂 好", "😂好", 0},
		{"...", "", 2},
		{"", "", 2},
		{"[not an emote because it is far too long]", "notanemotebecauseitisfartoolong", 0},
		{"\xff\xfe", "\xff\xfe", 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char		out[128];
		int			kind;
		char		name[96];

		km_cmt_normalize(cases[i].in, strlen(cases[i].in), out, &kind);
		snprintf(name, sizeof(name), "normalized \"%s\"", cases[i].in);
		is_str(out, cases[i].out, name);
		snprintf(name, sizeof(name), "kind of \"%s\"", cases[i].in);
		is_int(kind, cases[i].kind, name);
	}
}

/* Bottom-k samples: a merge of two halves equals one pass; distinct estimate. */
static void
test_comments(void)
{
	KmComments	all,
				a,
				b;
	KmError		err;
	char		author[32];
	double		x;
	int64_t		have,
				need;
	const char *why;

	km_cmt_init(&all);
	km_cmt_init(&a);
	km_cmt_init(&b);
	km_clear(&err);
	for (int i = 0; i < 5000; i++)
	{
		int			len = snprintf(author, sizeof(author), "user%d", i % 1000);

		km_cmt_add(&all, "hello", 5, author, (size_t) len, true, (int64_t) i * 60000000LL, &err);
		km_cmt_add(i % 3 ? &a : &b, "hello", 5, author, (size_t) len, true, (int64_t) i * 60000000LL, &err);
	}
	is_int(km_cmt_merge(&a, &b, &err), KM_OK, "merged");
	ok(memcmp(&a, &all, sizeof(a)) == 0, "merge of two parts = one pass, byte for byte");
	is_int(km_cmt_validate(&all, KM_EBINARY, &err), KM_OK, "valid");
	ok(km_cmt_signal(&all, KM_SIG_AUTHORS, &x, &have, &need, &why), "authors per comment");
	/* 1000 distinct of 5000: 0.2, estimated from 64 of them (standard error ~ 1/8) */
	ok(x > 0.2 * 0.7 && x < 0.2 * 1.3, "about 1000 distinct authors per 5000 comments");
	ok(km_cmt_signal(&all, KM_SIG_CONCENTRATION, &x, &have, &need, &why), "concentration");
	/* 5 comments each: N x HHI = 5000 x 1000 x (5/5000)^2 = 5 */
	ok(pow(10, x) > 5 * 0.7 && pow(10, x) < 5 * 1.3, "five comments per effective author");
	ok(km_cmt_signal(&all, KM_SIG_DUPLICATE, &x, &have, &need, &why), "duplicates");
	is_near(x, 1, 0, "every comment says hello");
	ok(km_cmt_signal(&all, KM_SIG_BURST, &x, &have, &need, &why), "bursts");
	is_near(x, 0, 0, "one a minute: no burst");
}

/* Follower snapshots: sort, one per time (the larger count), cap, signals. */
static void
test_followers(void)
{
	KmSnap		s[1200];
	KmFollowers f = {0, 0, s};
	KmFolSignals sig;
	static const int64_t v[] = {1000, 1010, 1022, 1030, 1041, 5041, 5050, 5060, 3060, 3071};
	void	   *work;
	KmError		err;

	for (int i = 9; i >= 0; i--)
	{
		s[f.n].t = i * DAY;
		s[f.n++].f = v[i];
	}
	s[f.n].t = 3 * DAY;
	s[f.n++].f = 7;				/* the same time: the larger count (1030) stays */
	km_fol_normalize(&f);
	is_int(f.n, 10, "ten distinct times");
	is_int(s[3].f, 1030, "the larger count kept");
	work = malloc(km_fol_work_size(f.n));
	km_clear(&err);
	is_int(km_fol_signals(&f, NULL, &sig, work, &err), KM_OK, "signals");
	/* changes 10 12 8 11 4000 9 10 -2000 11: median 10, MAD 1 */
	is_near(sig.jump_z, 3990 / 1.482602218505602, 1e-9, "jump z = 3990 / 1.4826");
	is_int(sig.jump, 4000, "rise 4000");
	is_near(sig.jump_susp, 1, 0, "unexplained, material: suspicion 1");
	is_near(sig.drop_z, -2010 / 1.482602218505602, 1e-9, "drop z");
	is_near(sig.purge_susp, 1, 0, "purge suspicion 1");
	free(work);
	/* 1200 snapshots: the latest 1000 kept */
	f.n = 0;
	for (int i = 0; i < 1200; i++)
	{
		s[i].t = (int64_t) i * DAY;
		s[i].f = i;
	}
	f.n = 1200;
	km_fol_normalize(&f);
	is_int(f.n, KM_FOL_CAP, "capped");
	is_int(f.dropped, 200, "200 dropped");
	is_int(s[0].f, 200, "the oldest kept is the 201st");
}

/* Cohort median and MAD from the histogram; the score's product and contributions. */
static void
test_cohort_score(void)
{
	KmCohort   *c = calloc(1, sizeof(KmCohort));
	KmAuth		a;
	KmScore		sc;
	KmError		err;
	double		med,
				scale,
				w[KM_SIG_COUNT];
	int64_t		kols;
	char		buf[320];

	/* likes per comment: 10 KOLs in bin 43 ([0.95, 1.0)), 10 in bin 47 ([1.15, 1.2)) */
	c->kols = 20;
	c->bins[KM_SIG_LIKES_PER_COMMENT][43] = 10;
	c->bins[KM_SIG_LIKES_PER_COMMENT][47] = 10;
	ok(km_cohort_stats(c, KM_SIG_LIKES_PER_COMMENT, &med, &scale, &kols), "stats");
	/* median: the 10th of 20 at the top of bin 43: 1.0; deviations 0..0.05 and 0.15..0.2: MAD 0.05 */
	is_near(med, 1.0, 1e-12, "median at the edge of the two bins");
	is_near(scale, 0.1, 0, "1.4826 x MAD = 0.0741, floored at the signal's 0.1");
	is_int(kols, 20, "20 KOLs");
	ok(!km_cohort_stats(c, KM_SIG_ER_VIEWS, &med, &scale, &kols), "no KOL has ER by views");
	/* a KOL with likes per comment (3000 + 1) / (30 + 1): log10 1.98590 */
	km_auth_init(&a);
	km_clear(&err);
	for (int i = 0; i < 3; i++)
		post(&a, 1000, 10, -1, -1, 1000, i, &err);
	for (int s = 0; s < KM_SIG_COUNT; s++)
		w[s] = 0.5;
	is_int(km_auth_score(&a, c, NULL, NULL, w, NULL, &sc, &err), KM_OK, "scored");
	/* z = (1.98590 - 1.0) / 0.1 = 9.86: suspicion 1, weight 0.5: 50 */
	is_near(sc.score, 50, 1e-12, "100 x (1 - 0.5)");
	is_near(sc.sig[KM_SIG_LIKES_PER_COMMENT].contribution, -50, 1e-12, "it takes all 50 points");
	is_int(sc.used, 1, "one signal used (ER by followers: no KOL of the cohort has it)");
	km_auth_sentence(&sc, KM_SIG_LIKES_PER_COMMENT, buf, sizeof(buf));
	is_str(buf, "likes per comment 96.8 against a median of 10 in the cohort (20 KOLs; robust z 9.9)", "sentence");
	km_auth_sentence(&sc, KM_SIG_CV, buf, sizeof(buf));
	is_str(buf, "coefficient of variation of interactions: left out, needs at least 5 posts, has 3", "missing");
	free(c);
}

/* Dates of the report: microseconds since 2000-01-01. */
static void
test_dates(void)
{
	char		buf[32];

	km_format_date(0, buf, sizeof(buf));
	is_str(buf, "2000-01-01", "the epoch");
	km_format_date(-1, buf, sizeof(buf));
	is_str(buf, "1999-12-31", "a microsecond before");
	/* 2025-01-01 is day 25 x 365 + 7 leap days = 9132; March 6th 9132 + 31 + 28 + 5 */
	km_format_date(9196LL * DAY + 5, buf, sizeof(buf));
	is_str(buf, "2025-03-06", "day 9196");
	km_format_date(59LL * DAY, buf, sizeof(buf));
	is_str(buf, "2000-02-29", "a leap day");
}

/* The flat codec: text and packed forms of a summary read back identical. */
static void
test_codec(void)
{
	KmAuth		a,
				b;
	KmError		err;
	uint8_t    *buf = malloc(km_flat_len(&km_auth_type));
	char	   *txt = malloc(km_flat_text_max(&km_auth_type));

	km_auth_init(&a);
	km_clear(&err);
	post(&a, 123, 4, 5, 6789, 1000, 7, &err);
	post(&a, 1, 0, -1, -1, 50, 8, &err);
	km_flat_pack(&km_auth_type, &a, buf);
	is_int(km_flat_unpack(&km_auth_type, buf, km_flat_len(&km_auth_type), &b, &err), KM_OK, "unpacked");
	ok(memcmp(&a, &b, sizeof(a)) == 0, "packed form reads back identical");
	km_flat_format(&km_auth_type, &a, txt, km_flat_text_max(&km_auth_type));
	memset(&b, 0, sizeof(b));
	is_int(km_flat_parse(&km_auth_type, txt, &b, &err), KM_OK, "parsed");
	ok(memcmp(&a, &b, sizeof(a)) == 0, "text form reads back identical");
	buf[0] = 2;
	is_int(km_flat_unpack(&km_auth_type, buf, km_flat_len(&km_auth_type), &b, &err), KM_EBINARY, "version 2 refused");
	free(buf);
	free(txt);
}

int
main(void)
{
	test_summary();
	test_digits();
	test_normalize();
	test_comments();
	test_followers();
	test_cohort_score();
	test_dates();
	test_codec();
	return done_testing();
}
