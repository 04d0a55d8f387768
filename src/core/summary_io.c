/*
 * summary_io.c
 *	  engagement_summary text form (the binary form is the packed one,
 *	  summary_pack.c).
 *
 * Text (one line, keys in this order, whitespace allowed between tokens):
 *	 (v:1,posts:N,likes:N,comments:N,shares:N,saves:N,extra:N,interactions:N,
 *	  views:N,
 *	  by_followers:(rated:N,unrated:N,interactions:N,base:N,mean:F,m2:F,min:F,max:F),
 *	  by_views:(...same keys...),zero:N,buckets:{I:C,I:C,...})
 * Floats are printed with %.17g, so text -> value -> text is exact.  The text
 * carries the derived fields (interactions, unrated) the packed form omits;
 * the validator checks that they agree before the value is packed.
 */
#include "summary.h"
#include "km_text.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names of the per-basis fields, in order; the first four are integers. */
static const char *const basis_keys[8] = {
	"rated", "unrated", "interactions", "base", "mean", "m2", "min", "max"
};
static const char *const head_keys[8] = {
	"posts", "likes", "comments", "shares", "saves", "extra", "interactions", "views"
};

/* ---------------------------------------------------------------- text out */

size_t
km_summary_text_bound(uint32_t nbuckets)
{
	/* 24 fields of at most 24 chars + keys and punctuation, 40 per bucket */
	return 1024 + (size_t) nbuckets * 40;
}

/* Basis b as "name:(rated:N,...,max:F)" into buf; returns snprintf's length. */
static size_t
put_basis(char *buf, size_t size, const char *name, const KmBasis *b)
{
	return (size_t) snprintf(buf, size,
							 "%s:(rated:%" PRId64 ",unrated:%" PRId64 ",interactions:%" PRId64
							 ",base:%" PRId64 ",mean:%.17g,m2:%.17g,min:%.17g,max:%.17g)",
							 name, b->rated, b->unrated, b->interactions, b->base,
							 b->mean, b->m2, b->min, b->max);
}

/*
 * Write the text form of packed bytes into out (km_summary_text_bound of its
 * bucket count); false on malformed bytes.
 */
bool
km_summary_format(const uint8_t *buf, size_t len, char *out, size_t size)
{
	KmSummaryHead hd;
	const KmSummaryHead *h = &hd;
	KmPackReader r;
	size_t		n;
	uint32_t	j;

	if (!km_summary_unpack_head(buf, len, &hd, &r) || size < km_summary_text_bound(r.nb))
		return false;
	n = (size_t) snprintf(out, size,
						  "(v:%d,posts:%" PRId64 ",likes:%" PRId64 ",comments:%" PRId64
						  ",shares:%" PRId64 ",saves:%" PRId64 ",extra:%" PRId64
						  ",interactions:%" PRId64 ",views:%" PRId64 ",",
						  KM_SUMMARY_TEXT_VERSION, h->posts, h->likes, h->comments, h->shares,
						  h->saves, h->extra, h->interactions, h->views);
	n += put_basis(out + n, size - n, "by_followers", &h->basis[KM_BASIS_FOLLOWERS]);
	n += (size_t) snprintf(out + n, size - n, ",");
	n += put_basis(out + n, size - n, "by_views", &h->basis[KM_BASIS_VIEWS]);
	n += (size_t) snprintf(out + n, size - n, ",zero:%" PRId64 ",buckets:{", h->zero);
	for (j = 0; j < r.nb; j++)
	{
		int32_t		index;
		int64_t		count;

		if (!km_summary_next_bucket(&r, h, j, &index, &count))
			return false;
		n += (size_t) snprintf(out + n, size - n, "%s%d:%" PRId64,
							   j ? "," : "", (int) index, count);
	}
	snprintf(out + n, size - n, "})");
	return true;
}

/* ----------------------------------------------------------------- text in */

/* "name:(rated:N,...,max:F)" into b. */
static KmCode
parse_basis(KmCursor *c, const char *name, KmBasis *b)
{
	int64_t    *ints[4] = {&b->rated, &b->unrated, &b->interactions, &b->base};
	double	   *flts[4] = {&b->mean, &b->m2, &b->min, &b->max};
	int			i;

	if (km_cur_key(c, name) != KM_OK || km_cur_char(c, '(') != KM_OK)
		return c->err->code;
	for (i = 0; i < 8; i++)
	{
		if ((i > 0 && km_cur_char(c, ',') != KM_OK) ||
			km_cur_key(c, basis_keys[i]) != KM_OK ||
			(i < 4 ? km_cur_int(c, basis_keys[i], ints[i])
			 : km_cur_float(c, basis_keys[i], flts[i - 4])) != KM_OK)
			return c->err->code;
	}
	return km_cur_char(c, ')');
}

/* Upper bound of the bucket count: 1 + commas left in the input, capped. */
static uint32_t
bucket_bound(const char *p)
{
	uint32_t	n = 1;

	for (; *p && n <= KM_SK_MAX_BUCKETS; p++)
		n += *p == ',';
	return n;
}

/* The whole text form into h and at most cap buckets (index[], counts[]), *nb of
 * them; nothing may follow. */
static KmCode
parse_text(KmCursor *c, KmSummaryHead *h, int64_t *counts, int32_t *index,
		   uint32_t cap, uint32_t *nb)
{
	int64_t    *heads[8] = {&h->posts, &h->likes, &h->comments, &h->shares,
	&h->saves, &h->extra, &h->interactions, &h->views};
	int64_t		v;
	int			i;

	if (km_cur_char(c, '(') != KM_OK || km_cur_key(c, "v") != KM_OK ||
		km_cur_int(c, "v", &v) != KM_OK)
		return c->err->code;
	if (v != KM_SUMMARY_TEXT_VERSION)
		return km_fail(c->err, KM_ESYNTAX, "Version %" PRId64 " is not supported (this build reads version %d).",
					   v, KM_SUMMARY_TEXT_VERSION);
	for (i = 0; i < 8; i++)
		if (km_cur_char(c, ',') != KM_OK || km_cur_key(c, head_keys[i]) != KM_OK ||
			km_cur_int(c, head_keys[i], heads[i]) != KM_OK)
			return c->err->code;
	if (km_cur_char(c, ',') != KM_OK ||
		parse_basis(c, "by_followers", &h->basis[KM_BASIS_FOLLOWERS]) != KM_OK ||
		km_cur_char(c, ',') != KM_OK ||
		parse_basis(c, "by_views", &h->basis[KM_BASIS_VIEWS]) != KM_OK ||
		km_cur_char(c, ',') != KM_OK || km_cur_key(c, "zero") != KM_OK ||
		km_cur_int(c, "zero", &h->zero) != KM_OK ||
		km_cur_char(c, ',') != KM_OK || km_cur_key(c, "buckets") != KM_OK ||
		km_cur_char(c, '{') != KM_OK)
		return c->err->code;
	*nb = 0;
	if (!km_cur_eat(c, '}'))
	{
		do
		{
			int64_t		idx,
						cnt;

			if (km_cur_int(c, "bucket index", &idx) != KM_OK ||
				km_cur_char(c, ':') != KM_OK ||
				km_cur_int(c, "bucket count", &cnt) != KM_OK)
				return c->err->code;
			if (idx < KM_SK_MIN_INDEX || idx > KM_SK_MAX_INDEX)
				return km_fail(c->err, KM_ESYNTAX, "Sketch bucket %" PRId64 " is outside [%d, %d].",
							   idx, KM_SK_MIN_INDEX, KM_SK_MAX_INDEX);
			if (*nb >= cap)
				return km_fail(c->err, KM_ESYNTAX, "More than %d sketch buckets.", KM_SK_MAX_BUCKETS);
			index[*nb] = (int32_t) idx;
			counts[*nb] = cnt;
			(*nb)++;
		} while (km_cur_eat(c, ','));
		if (km_cur_char(c, '}') != KM_OK)
			return c->err->code;
	}
	if (km_cur_char(c, ')') != KM_OK)
		return c->err->code;
	km_cur_skip_ws(c);
	if (*c->p != '\0')
		return km_cur_syntax(c, "the end of the input");
	return KM_OK;
}

/* Validate parsed parts and pack them (*out allocated with a). */
static KmCode
build_packed(const KmSummaryParts *v, const KmAlloc *a, uint8_t **out, size_t *outlen,
			 KmError *err)
{
	uint8_t    *buf;

	if (km_summary_validate(v, err) != KM_OK)
	{
		err->code = KM_ESYNTAX;
		return KM_ESYNTAX;
	}
	buf = a->alloc(a->ctx, km_summary_pack_bound(v->nb));
	if (buf == NULL)
		return km_fail(err, KM_ENOMEM, "out of memory");
	*outlen = km_summary_pack(v, buf);
	*out = buf;
	return KM_OK;
}

KmCode
km_summary_parse(const char *str, const KmAlloc *a, uint8_t **out, size_t *outlen,
				 KmError *err)
{
	KmCursor		c = {str, str, err};
	KmSummaryParts v;
	uint32_t	cap = bucket_bound(str);
	int64_t    *counts;
	int32_t    *index;
	KmCode		rc;

	memset(&v, 0, sizeof(v));
	counts = a->alloc(a->ctx, cap * sizeof(int64_t));
	index = a->alloc(a->ctx, cap * sizeof(int32_t));
	if (counts == NULL || index == NULL)
		rc = km_fail(err, KM_ENOMEM, "out of memory");
	else
		rc = parse_text(&c, &v.h, counts, index, cap, &v.nb);
	v.index = index;
	v.counts = counts;
	if (rc == KM_OK)
		rc = build_packed(&v, a, out, outlen, err);
	if (counts)
		a->free(a->ctx, counts);
	if (index)
		a->free(a->ctx, index);
	return rc;
}
