/*
 * text_summary.c
 *	  sentiment_summary: counts of positive, negative and neutral texts and the
 *	  exact sum of their scores in units of 1e-9 (so that any grouping of a
 *	  rollup gives the same value), with its text and 40-byte binary forms.
 *
 * Binary form (little-endian): byte 0 version (1), bytes 1-7 zero, then
 * positive, negative, neutral (int64 each) and the score sum in 1e-9 units
 * (int64).  Text form: (v:1,positive:N,negative:N,neutral:N,score_nanos:N).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "km_bytes.h"
#include "km_text.h"
#include "text.h"

/* Add one text's score (see text.h). */
KmCode
km_sentsum_add(KmSentSum *s, double score, KmError *err)
{
	int64_t		nanos;
	int			sign;

	if (!(score >= -1 && score <= 1))
		return km_fail_msg(err, KM_ERANGE, "sentiment score out of range: %g", score);
	nanos = (int64_t) llround(score * KM_SENTSUM_SCALE);
	sign = km_sentiment_sign(score);
	if (s->positive + s->negative + s->neutral == INT64_MAX ||	/* the total must fit */
		__builtin_add_overflow(s->score_nanos, nanos, &s->score_nanos))
		return km_fail_msg(err, KM_ERANGE, "sentiment_summary overflows");
	if (sign > 0)
		s->positive++;
	else if (sign < 0)
		s->negative++;
	else
		s->neutral++;
	return KM_OK;
}

/* a += b (see text.h). */
KmCode
km_sentsum_merge(KmSentSum *a, const KmSentSum *b, KmError *err)
{
	KmSentSum	r;

	if (__builtin_add_overflow(a->positive, b->positive, &r.positive) ||
		__builtin_add_overflow(a->negative, b->negative, &r.negative) ||
		__builtin_add_overflow(a->neutral, b->neutral, &r.neutral) ||
		__builtin_add_overflow(a->score_nanos, b->score_nanos, &r.score_nanos) ||
		km_sentsum_check(&r, err, KM_ERANGE) != KM_OK)	/* the total must fit too */
		return km_fail_msg(err, KM_ERANGE, "sentiment_summary overflows");
	*a = r;
	return KM_OK;
}

/* Counts >= 0, a total that fits, and |sum| <= 1e9 per text. */
KmCode
km_sentsum_check(const KmSentSum *s, KmError *err, KmCode code)
{
	int64_t		total;
	__int128	bound;

	if (s->positive < 0 || s->negative < 0 || s->neutral < 0)
		return km_fail(err, code, "Counts must not be negative.");
	if (__builtin_add_overflow(s->positive, s->negative, &total) ||
		__builtin_add_overflow(total, s->neutral, &total))
		return km_fail(err, code, "The total count overflows bigint.");
	bound = (__int128) total * (int64_t) KM_SENTSUM_SCALE;
	if ((__int128) s->score_nanos > bound || -(__int128) s->score_nanos > bound)
		return km_fail(err, code, "score_nanos %" PRId64 " exceeds 1e9 times the %" PRId64 " texts.",
					   s->score_nanos, total);
	return KM_OK;
}

/* The 40-byte binary form. */
void
km_sentsum_pack(const KmSentSum *s, uint8_t *out)
{
	memset(out, 0, 8);
	out[0] = KM_SENTSUM_VERSION;
	km_wr64(out + 8, (uint64_t) s->positive);
	km_wr64(out + 16, (uint64_t) s->negative);
	km_wr64(out + 24, (uint64_t) s->neutral);
	km_wr64(out + 32, (uint64_t) s->score_nanos);
}

/* Read and validate the binary form (22P03). */
KmCode
km_sentsum_unpack(const uint8_t *in, size_t len, KmSentSum *s, KmError *err)
{
	int			i;

	if (len != KM_SENTSUM_PACKED_LEN)
		return km_fail(err, KM_EBINARY, "Expected %d bytes, got %zu.", KM_SENTSUM_PACKED_LEN, len);
	if (in[0] != KM_SENTSUM_VERSION)
		return km_fail(err, KM_EBINARY, "Version %d is not supported (this build reads version %d).",
					   in[0], KM_SENTSUM_VERSION);
	for (i = 1; i < 8; i++)
		if (in[i] != 0)
			return km_fail(err, KM_EBINARY, "Reserved byte %d is not zero.", i);
	s->positive = (int64_t) km_rd64(in + 8);
	s->negative = (int64_t) km_rd64(in + 16);
	s->neutral = (int64_t) km_rd64(in + 24);
	s->score_nanos = (int64_t) km_rd64(in + 32);
	return km_sentsum_check(s, err, KM_EBINARY);
}

/* The text form. */
void
km_sentsum_format(const KmSentSum *s, char *out, size_t size)
{
	snprintf(out, size, "(v:%d,positive:%" PRId64 ",negative:%" PRId64 ",neutral:%" PRId64
			 ",score_nanos:%" PRId64 ")",
			 KM_SENTSUM_VERSION, s->positive, s->negative, s->neutral, s->score_nanos);
}

/* Parse and validate the text form (22P02). */
KmCode
km_sentsum_parse(const char *str, KmSentSum *s, KmError *err)
{
	static const char *const keys[4] = {"positive", "negative", "neutral", "score_nanos"};
	int64_t    *f[4] = {&s->positive, &s->negative, &s->neutral, &s->score_nanos};
	KmCursor	c = {str, str, err};
	int64_t		v;
	int			i;

	memset(s, 0, sizeof(*s));
	if (km_cur_char(&c, '(') != KM_OK || km_cur_key(&c, "v") != KM_OK ||
		km_cur_int(&c, "v", &v) != KM_OK)
		return err->code;
	if (v != KM_SENTSUM_VERSION)
		return km_fail(err, KM_ESYNTAX, "Text version %" PRId64 " is not supported (this build reads version %d).",
					   v, KM_SENTSUM_VERSION);
	for (i = 0; i < 4; i++)
		if (km_cur_char(&c, ',') != KM_OK || km_cur_key(&c, keys[i]) != KM_OK ||
			km_cur_int(&c, keys[i], f[i]) != KM_OK)
			return err->code;
	if (km_cur_char(&c, ')') != KM_OK)
		return err->code;
	km_cur_skip_ws(&c);
	if (*c.p != '\0')
		return km_cur_syntax(&c, "the end of the input");
	return km_sentsum_check(s, err, KM_ESYNTAX);
}
