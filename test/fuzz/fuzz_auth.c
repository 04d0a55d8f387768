/*
 * fuzz_auth.c
 *	  libFuzzer harness for the authenticity types' readers (src/core/auth*.c,
 *	  km_flat.c): the bytes as the packed form and as the text form of
 *	  authenticity_summary, authenticity_cohort, follower_summary and
 *	  comment_summary, and as a comment to normalize.  Properties: an accepted
 *	  value packs and prints back to an identical value, merges with itself into
 *	  a valid value (or overflows), and its signals and score are computed
 *	  without a crash and within [0, 100]; anything else is refused, never misread.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double weights[KM_SIG_COUNT] = {
	0.6, 0.5, 0.6, 0.3, 0.2, 0.1, 0.3, 0.15, 0.15, 0.5, 0.3, 0.4, 0.4, 0.5, 0.3, 0.6, 0.6
};

/* A flat value: forms, self-merge (validated), signals. */
static void
flat_exercise(const KmFlatType *t, const void *rec, size_t size,
			  KmCode (*validate) (const void *, KmCode, KmError *),
			  KmCode (*merge) (void *, const void *, KmError *), void (*settle) (void *))
{
	size_t		len = km_flat_len(t),
				tl = km_flat_text_max(t);
	uint8_t    *buf = malloc(len);
	char	   *txt = malloc(tl);
	void	   *u = calloc(1, size);
	KmError		err;

	km_clear(&err);
	km_flat_pack(t, rec, buf);
	if (km_flat_unpack(t, buf, len, u, &err) != KM_OK)
		abort();
	if (settle)
		settle(u);
	if (memcmp(u, rec, size) != 0)
		abort();
	km_flat_format(t, rec, txt, tl);
	memset(u, 0, size);
	if (km_flat_parse(t, txt, u, &err) != KM_OK)
		abort();
	if (settle)
		settle(u);
	if (memcmp(u, rec, size) != 0)
		abort();
	memcpy(u, rec, size);
	if (merge(u, rec, &err) == KM_OK && validate(u, KM_EBINARY, &err) != KM_OK)
		abort();
	free(buf);
	free(txt);
	free(u);
}

/* The cores' validators, merges and settle, untyped. */
static KmCode
v_auth(const void *r, KmCode c, KmError *e)
{
	return km_auth_validate(r, c, e);
}
static KmCode
m_auth(void *d, const void *s, KmError *e)
{
	return km_auth_merge(d, s, e);
}
static KmCode
v_cohort(const void *r, KmCode c, KmError *e)
{
	return km_cohort_validate(r, c, e);
}
static KmCode
m_cohort(void *d, const void *s, KmError *e)
{
	return km_cohort_merge(d, s, e);
}
static KmCode
v_cmt(const void *r, KmCode c, KmError *e)
{
	return km_cmt_validate(r, c, e);
}
static KmCode
m_cmt(void *d, const void *s, KmError *e)
{
	return km_cmt_merge(d, s, e);
}
static void
s_cmt(void *r)
{
	km_cmt_settle(r);
}

/* Score a summary against a cohort of itself (and the given followers, comments). */
static void
score(const KmAuth *a, const KmCohort *given, const KmFollowers *f, const KmComments *cm)
{
	KmCohort   *c = calloc(1, sizeof(KmCohort));
	KmScore		sc;
	KmError		err;
	char		sentence[320];
	void	   *work = malloc(km_fol_work_size(f ? f->n : 1));

	km_clear(&err);
	if (given)
		memcpy(c, given, sizeof(*c));
	else
		for (int i = 0; i < 12; i++)
			km_cohort_add(c, a, cm, &err);
	if (km_auth_score(a, c, f, cm, weights, work, &sc, &err) == KM_OK)
	{
		if (!(sc.score >= 0 && sc.score <= 100))
			abort();
		for (int s = 0; s < KM_SIG_COUNT; s++)
			km_auth_sentence(&sc, (KmSignal) s, sentence, sizeof(sentence));
	}
	free(work);
	free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	KmAuth		a;
	KmCohort   *c = calloc(1, sizeof(KmCohort));
	KmComments	cm;
	KmSnap	   *snaps = malloc(sizeof(KmSnap) * KM_FOL_CAP);
	KmFollowers f = {0, 0, snaps};
	KmError		err;
	char		norm[1024];
	int			kind;

	memcpy(text, data, size);
	text[size] = '\0';

	km_clear(&err);
	if (km_flat_unpack(&km_auth_type, data, size, &a, &err) == KM_OK && km_auth_validate(&a, KM_EBINARY, &err) == KM_OK)
	{
		flat_exercise(&km_auth_type, &a, sizeof(a), v_auth, m_auth, NULL);
		score(&a, NULL, NULL, NULL);
	}
	memset(&a, 0, sizeof(a));
	if (km_flat_parse(&km_auth_type, text, &a, &err) == KM_OK && km_auth_validate(&a, KM_ESYNTAX, &err) == KM_OK)
		flat_exercise(&km_auth_type, &a, sizeof(a), v_auth, m_auth, NULL);
	if (km_flat_unpack(&km_cohort_type, data, size, c, &err) == KM_OK && km_cohort_validate(c, KM_EBINARY, &err) == KM_OK)
	{
		flat_exercise(&km_cohort_type, c, sizeof(*c), v_cohort, m_cohort, NULL);
		km_auth_init(&a);
		score(&a, c, NULL, NULL);
	}
	memset(c, 0, sizeof(*c));
	if (km_flat_parse(&km_cohort_type, text, c, &err) == KM_OK && km_cohort_validate(c, KM_ESYNTAX, &err) == KM_OK)
		flat_exercise(&km_cohort_type, c, sizeof(*c), v_cohort, m_cohort, NULL);
	memset(&cm, 0, sizeof(cm));
	if (km_flat_unpack(&km_comments_type, data, size, &cm, &err) == KM_OK && km_cmt_validate(&cm, KM_EBINARY, &err) == KM_OK)
	{
		km_cmt_settle(&cm);
		flat_exercise(&km_comments_type, &cm, sizeof(cm), v_cmt, m_cmt, s_cmt);
		km_auth_init(&a);
		score(&a, NULL, NULL, &cm);
	}
	memset(&cm, 0, sizeof(cm));
	if (km_flat_parse(&km_comments_type, text, &cm, &err) == KM_OK && km_cmt_validate(&cm, KM_ESYNTAX, &err) == KM_OK)
	{
		km_cmt_settle(&cm);
		flat_exercise(&km_comments_type, &cm, sizeof(cm), v_cmt, m_cmt, s_cmt);
	}
	for (int form = 0; form < 2; form++)
	{
		KmCode		r = form == 0 ? km_fol_unpack(data, size, &f, &err) : km_fol_parse(text, &f, &err);

		if (r == KM_OK)
		{
			uint8_t    *buf = malloc(km_fol_len(&f));
			char	   *txt = malloc(km_fol_text_max(&f));
			KmSnap	   *s2 = malloc(sizeof(KmSnap) * KM_FOL_CAP);
			KmFollowers g = {0, 0, s2};

			km_fol_pack(&f, buf);
			if (km_fol_unpack(buf, km_fol_len(&f), &g, &err) != KM_OK || g.n != f.n ||
				memcmp(s2, snaps, sizeof(KmSnap) * (size_t) f.n) != 0)
				abort();
			km_fol_format(&f, txt, km_fol_text_max(&f));
			if (km_fol_parse(txt, &g, &err) != KM_OK || g.n != f.n || g.dropped != f.dropped)
				abort();
			km_auth_init(&a);
			score(&a, NULL, &f, NULL);
			free(buf);
			free(txt);
			free(s2);
		}
	}
	/* any bytes as a comment (at most 511 bytes are read, as comment_agg does) */
	km_cmt_normalize(text, size < 511 ? size : 511, norm, &kind);
	km_cmt_init(&cm);
	km_cmt_add(&cm, text, size < 511 ? size : 511, text, size, true, (int64_t) size, &err);
	if (km_cmt_validate(&cm, KM_EBINARY, &err) != KM_OK)
		abort();
	free(text);
	free(c);
	free(snaps);
	return 0;
}
