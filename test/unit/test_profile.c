/*
 * Unit tests of src/core/profile*.c (kol_profile); expected values worked out
 * by hand in the comments.  Built with ASan (leak detection on) and UBSan.
 */
#include <stdlib.h>

#include "km_test.h"
#include "profile.h"

/* Parse text; returns the code, sets *p and *n (caller frees *p). */
static KmCode
parse(const char *text, uint8_t **p, size_t *n, KmError *err)
{
	km_clear(err);
	return km_profile_from_json(text, strlen(text), p, n, err);
}

/* Canonical text of a JSON input, or NULL; malloc'd. */
static char *
canon(const char *text)
{
	KmError		err;
	uint8_t    *p;
	size_t		n;
	char	   *out = NULL;

	if (parse(text, &p, &n, &err) != KM_OK)
		return NULL;
	km_profile_to_json(p, n, &out, &err);
	free(p);
	return out;
}

/* Error detail of a rejected input ("" when it was accepted). */
static const char *
reject(const char *text, KmCode want, const char *name)
{
	static KmError err;
	uint8_t    *p = NULL;
	size_t		n;
	KmCode		rc = parse(text, &p, &n, &err);

	is_int(rc, want, name);
	free(p);
	return rc == KM_OK ? "" : err.detail;
}

typedef struct Prof
{
	uint8_t    *p;
	size_t		n;
} Prof;

static Prof
mk(const char *text)
{
	Prof		r = {NULL, 0};
	KmError		err;

	if (parse(text, &r.p, &r.n, &err) != KM_OK)
		printf("# unexpected parse error: %s\n", err.detail);
	return r;
}

static double
rel(Prof a, Prof b, bool *def)
{
	double		s;

	km_profile_relevance(a.p, b.p, km_rel_default_weights, &s, def);
	return s;
}

int
main(void)
{
	KmError		err;
	char	   *s;
	char		num[40];
	bool		def;
	double		v;
	int			i;

	/* canonical form */
	s = canon("{\"audience\":{\"gender\":{\"m\":1,\"f\":3}},\"categories\":{\"skincare\":0.6,\"beauty\":0.8},\"countries\":[\"SG\",\"CN\"]}");
	is_str(s, "{\"categories\": {\"beauty\": 0.8, \"skincare\": 0.6}, \"audience\": {\"gender\": {\"f\": 0.75, \"m\": 0.25}}, \"countries\": [\"CN\", \"SG\"]}",
		   "canonical: sorted, normalised, fixed section order");
	free(s);
	s = canon("  {}  ");
	is_str(s, "{}", "empty profile");
	free(s);
	s = canon("{\"categories\":{\"a\\\"b\":1,\"c\\\\d\":2}}");
	is_str(s, "{\"categories\": {\"a\\\"b\": 1, \"c\\\\d\": 2}}", "quote and backslash escaped on output");
	free(s);
	/* labels sort by bytes, shorter first: a < ab < b */
	s = canon("{\"languages\":[\"b\",\"ab\",\"a\"]}");
	is_str(s, "{\"languages\": [\"a\", \"ab\", \"b\"]}", "label order");
	free(s);
	ok(km_label_cmp("a", 1, "ab", 2) < 0 && km_label_cmp("ab", 2, "b", 1) < 0, "km_label_cmp");

	/* shortest round-trip numbers */
	km_format_double(0.1, num, sizeof(num));
	is_str(num, "0.1", "0.1");
	km_format_double(1.0 / 3, num, sizeof(num));
	is_str(num, "0.3333333333333333", "1/3 needs 16 digits");
	km_format_double(0.1 + 0.2, num, sizeof(num));
	is_str(num, "0.30000000000000004", "0.1 + 0.2 needs 17 digits");
	km_format_double(5e-324, num, sizeof(num));
	is_str(num, "5e-324", "smallest denormal");
	km_format_double(-0.0, num, sizeof(num));
	is_str(num, "0", "no negative zero");

	/* errors, each with its detail (offsets count from 0: in {"categories":{"a":NaN}} the N is byte 19) */
	is_str(reject("{\"categories\":{\"a\":1,\"a\":2}}", KM_ESYNTAX, "duplicate key"),
		   "Duplicate key \"a\" in \"categories\".", "duplicate key named");
	is_str(reject("{\"audience\":{\"g\":{\"f\":1,\"\\u0066\":2}}}", KM_ESYNTAX, "escaped duplicate"),
		   "Duplicate key \"f\" in \"audience.g\".", "escaped duplicate named with its path");
	is_str(reject("{\"categories\":{\"a\":NaN}}", KM_ESYNTAX, "NaN"),
		   "Unexpected character at offset 19.", "NaN rejected by the strict scanner");
	is_str(reject("{\"categories\":{\"a\":-1}}", KM_ESYNTAX, "negative"),
		   "The weight of \"a\" in \"categories\" is negative.", "negative weight named");
	is_str(reject("{\"audience\":{\"g\":{\"f\":0}}}", KM_ESYNTAX, "zero histogram"),
		   "The weights in \"audience.g\" sum to 0; give at least one positive weight.", "zero histogram named");
	is_str(reject("{\"categories\":{\"a\":1}", KM_ESYNTAX, "unterminated"),
		   "Malformed JSON at offset 21: unexpected end of data.", "unterminated object");
	reject("", KM_ESYNTAX, "empty input");
	reject("{\"x\":1}", KM_ESYNTAX, "unknown key");
	reject("{\"categories\":{\"\\ud800\":1}}", KM_ESYNTAX, "lone surrogate");
	reject("{\"categories\":{\"a\\u0000\":1}}", KM_ESYNTAX, "\\u0000");
	reject("{\"categories\":{\"\xff\":1}}", KM_ESYNTAX, "invalid UTF-8 byte");
	reject("{\"categories\":{\"\xc0\xaf\":1}}", KM_ESYNTAX, "overlong UTF-8");
	reject("{\"categories\":{\"a\":1e15}}", KM_OK, "1e15 is the largest weight");
	reject("{\"categories\":{\"a\":1.0000000000000002e15}}", KM_ESYNTAX, "just above 1e15");
	{
		/* NUL inside the text */
		uint8_t    *p = NULL;
		size_t		n;

		km_clear(&err);
		is_int(km_profile_from_json("{}\0{}", 5, &p, &n, &err), KM_ESYNTAX, "NUL byte");
		free(p);
	}
	{
		/* over 1 MB: 54000 */
		size_t		big = KM_PROFILE_MAX_INPUT + 1;
		char	   *t = malloc(big);
		uint8_t    *p = NULL;
		size_t		n;

		memset(t, ' ', big);
		t[0] = '{';
		t[big - 1] = '}';
		km_clear(&err);
		is_int(km_profile_from_json(t, big, &p, &n, &err), KM_ELIMIT, "input over 1 MB");
		free(p);
		free(t);
	}
	{
		/* 256 categories accepted, 257 rejected; 32 dimensions accepted, 33 not */
		char	   *t = malloc(64 * 300);
		int			k,
					len;

		for (k = 256; k <= 257; k++)
		{
			len = sprintf(t, "{\"categories\":{");
			for (i = 0; i < k; i++)
				len += sprintf(t + len, "%s\"c%d\":1", i ? "," : "", i);
			sprintf(t + len, "}}");
			reject(t, k == 256 ? KM_OK : KM_ESYNTAX, k == 256 ? "256 categories" : "257 categories");
		}
		for (k = 32; k <= 33; k++)
		{
			len = sprintf(t, "{\"audience\":{");
			for (i = 0; i < k; i++)
				len += sprintf(t + len, "%s\"d%d\":{\"a\":1}", i ? "," : "", i);
			sprintf(t + len, "}}");
			reject(t, k == 32 ? KM_OK : KM_ESYNTAX, k == 32 ? "32 dimensions" : "33 dimensions");
		}
		free(t);
	}

	/* similarities: K1 and B1 of sql/profile.sql */
	{
		Prof		k1 = mk("{\"categories\":{\"beauty\":0.8,\"skincare\":0.6},"
							"\"audience\":{\"gender\":{\"f\":0.7,\"m\":0.3},"
							"\"age\":{\"18-24\":0.45,\"25-34\":0.4,\"35+\":0.15},"
							"\"city_tier\":{\"1\":0.5,\"2\":0.3,\"3+\":0.2}}}");
		Prof		b1 = mk("{\"categories\":{\"skincare\":1},"
							"\"audience\":{\"gender\":{\"f\":0.8,\"m\":0.2},\"age\":{\"18-24\":0.5,\"25-34\":0.5}}}");
		Prof		k1x = mk("{\"categories\":{\"beauty\":8,\"skincare\":6},"
							 "\"audience\":{\"gender\":{\"f\":7000,\"m\":3000},"
							 "\"age\":{\"18-24\":45,\"25-34\":40,\"35+\":15}}}");
		Prof		k2 = mk("{\"categories\":{\"beauty\":0.8,\"skincare\":0.6},"
							"\"audience\":{\"gender\":{\"f\":0.7,\"m\":0.3},"
							"\"age\":{\"18-24\":0.45,\"25-34\":0.4,\"35+\":0.15}},"
							"\"languages\":[\"zh\"],\"countries\":[\"CN\",\"SG\"]}");
		Prof		b2 = mk("{\"categories\":{\"skincare\":1},"
							"\"audience\":{\"gender\":{\"f\":0.8,\"m\":0.2},\"age\":{\"18-24\":0.5,\"25-34\":0.5}},"
							"\"languages\":[\"en\",\"zh\"],\"countries\":[\"SG\",\"MY\"]}");
		Prof		g = mk("{\"categories\":{\"gaming\":1},\"audience\":{\"gender\":{\"m\":1}},\"languages\":[\"ko\"]}");
		Prof		f = mk("{\"categories\":{\"skincare\":1},\"audience\":{\"gender\":{\"f\":1}},\"languages\":[\"en\"]}");
		Prof		e = mk("{}");
		Prof		all[] = {k1, b1, k1x, k2, b2, g, f, e};
		double		w[KM_REL_NCOMP] = {1, 3, 0};
		int			j;

		/* cosine = 0.6 * 1 / (sqrt(0.64 + 0.36) * 1) = 0.6 */
		km_profile_category_similarity(k1.p, b1.p, &v, &def);
		ok(def, "cosine defined");
		is_near(v, 0.6, 1e-15, "cosine 0.6");
		/* gender: 0.7 + 0.2 = 0.9; age: 0.45 + 0.4 = 0.85; city_tier only on one side */
		km_profile_audience_similarity(k1.p, b1.p, "gender", 6, &v, &def);
		is_near(v, 0.9, 1e-15, "gender intersection 0.9");
		km_profile_audience_similarity(k1.p, b1.p, "age", 3, &v, &def);
		is_near(v, 0.85, 1e-15, "age intersection 0.85");
		km_profile_audience_similarity(k1.p, b1.p, "city_tier", 9, &v, &def);
		ok(!def, "city_tier on one side only: undefined");
		/* (0.4 * 0.6 + 0.4 * 0.875) / 0.8 = 0.7375 */
		is_near(rel(k1, b1, &def), 0.7375, 1e-15, "relevance 0.7375");
		/* (1 * 0.6 + 3 * 0.875) / 4 = 0.80625 */
		km_profile_relevance(k1.p, b1.p, w, &v, &def);
		is_near(v, 0.80625, 1e-15, "weighted relevance 0.80625");
		/* markets (1/2 + 1/3) / 2 = 5/12; 0.24 + 0.35 + 0.2 * 5/12 */
		km_profile_market_similarity(k2.p, b2.p, &v, &def);
		is_near(v, 5.0 / 12, 1e-15, "markets 5/12");
		is_near(rel(k2, b2, &def), 0.24 + 0.35 + 0.2 * 5.0 / 12, 1e-15, "relevance with markets");
		/* scaling one side changes nothing (up to rounding) */
		is_near(rel(k1x, b1, &def), rel(k2, b1, &def), 1e-15, "scale invariance");
		/* disjoint: 0 */
		is_near(rel(g, f, &def), 0, 0, "disjoint profiles give 0");
		ok(def, "disjoint is defined");
		/* identical: exactly 1; symmetric: bit for bit */
		for (i = 0; i < 7; i++)
		{
			ok(rel(all[i], all[i], &def) == 1.0 && def, "identical profiles give exactly 1");
			for (j = 0; j < 8; j++)
			{
				bool		d1,
							d2;
				double		r1 = rel(all[i], all[j], &d1),
							r2 = rel(all[j], all[i], &d2);

				if (r1 != r2 || d1 != d2 || r1 < 0 || r1 > 1)
					ok(0, "symmetric and in [0, 1]");
			}
		}
		rel(e, e, &def);
		ok(!def, "empty profiles share nothing: undefined");
		rel(k1, e, &def);
		ok(!def, "against an empty profile: undefined");

		/* every parsed profile passes the binary check and round-trips */
		for (i = 0; i < 8; i++)
		{
			char	   *txt = NULL;
			Prof		again;

			is_int(km_profile_check(all[i].p, all[i].n, &err), KM_OK, "parsed profile passes check");
			km_profile_to_json(all[i].p, all[i].n, &txt, &err);
			again = mk(txt);
			ok(again.n == all[i].n && memcmp(again.p, all[i].p, again.n) == 0, "text round trip is bit-exact");
			free(again.p);
			free(txt);
		}

		/* every truncation fails; every single-byte change is checked safely */
		for (i = 0; i < (int) k2.n; i++)
			if (km_profile_check(k2.p, i, &err) == KM_OK)
				ok(0, "a truncated profile passed the check");
		{
			uint8_t    *m = malloc(k2.n);
			int			accepted = 0;

			for (i = 0; i < (int) k2.n; i++)
				for (j = 0; j < 256; j += 17)
				{
					memcpy(m, k2.p, k2.n);
					m[i] ^= (uint8_t) (j + 1);
					if (km_profile_check(m, k2.n, &err) == KM_OK)
					{
						char	   *txt = NULL;

						accepted++;
						km_profile_to_json(m, k2.n, &txt, &err);
						km_profile_relevance(m, b2.p, km_rel_default_weights, &v, &def);
						free(txt);
					}
				}
			printf("# %d of %d one-byte mutations were still valid profiles\n", accepted, (int) k2.n * 16);
			ok(1, "mutated profiles checked without a crash");
			free(m);
		}
		for (i = 0; i < 8; i++)
			free(all[i].p);
	}

	/* component weights */
	{
		double		w1[3] = {0.5, 0.5, 0};
		double		w2[3] = {0, 0, 0};
		double		w3[3] = {1, -1, 0};
		double		w4[3] = {1, NAN, 0};

		is_int(km_profile_check_weights(w1, &err), KM_OK, "weights ok");
		is_int(km_profile_check_weights(w2, &err), KM_EPARAM, "all zero");
		is_int(km_profile_check_weights(w3, &err), KM_EPARAM, "negative");
		is_str(err.message, "audience_weight must be a finite number >= 0: -1", "names the weight");
		is_int(km_profile_check_weights(w4, &err), KM_EPARAM, "NaN");
	}

	/* Jaccard over tags */
	{
		KmLabel		a[] = {{"a", 1}, {"b", 1}, {"c", 1}, {"a", 1}};
		KmLabel		b[] = {{"d", 1}, {"c", 1}, {"b", 1}};

		/* {a,b,c} vs {b,c,d}: 2 / 4 */
		km_jaccard(a, 4, b, 3, &v, &def);
		is_near(v, 0.5, 0, "Jaccard 0.5");
		km_jaccard(a, 0, b, 0, &v, &def);
		ok(!def, "two empty sets: undefined");
		km_jaccard(a, 2, b, 0, &v, &def);
		ok(def && v == 0, "one empty set: 0");
	}
	return done_testing();
}
