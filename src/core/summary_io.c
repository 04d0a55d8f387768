/*
 * summary_io.c
 *	  engagement_summary text form and network-order binary form.
 *
 * Text (one line, keys in this order, whitespace allowed between tokens):
 *	 (v:1,posts:N,likes:N,comments:N,shares:N,saves:N,extra:N,interactions:N,
 *	  views:N,
 *	  by_followers:(rated:N,unrated:N,interactions:N,base:N,mean:F,m2:F,min:F,max:F),
 *	  by_views:(...same keys...),zero:N,buckets:{I:C,I:C,...})
 * Floats are printed with %.17g, so text -> value -> text is exact.
 *
 * Binary (network order): u8 version, u8 flags, u16 reserved, u32 nbuckets,
 * u32 reserved, the 25 eight-byte head fields in KmSummaryHead order (int64 or
 * IEEE float8 bits), then nbuckets x (int32 index, int64 count).
 */
#include "summary.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD_WORDS 25
_Static_assert(sizeof(KmSummaryHead) == HEAD_WORDS * 8, "KmSummaryHead must be 25 packed words");
_Static_assert(sizeof(KmSummaryDisk) == 16 + HEAD_WORDS * 8, "KmSummaryDisk layout");

#define SEND_HEAD_SIZE (12 + HEAD_WORDS * 8)
#define SEND_BUCKET_SIZE 12

/* Names of the per-basis fields, in order; the first four are integers. */
static const char *const basis_keys[8] = {
	"rated", "unrated", "interactions", "base", "mean", "m2", "min", "max"
};
static const char *const head_keys[8] = {
	"posts", "likes", "comments", "shares", "saves", "extra", "interactions", "views"
};

/* ---------------------------------------------------------------- text out */

size_t
km_summary_text_bound(const KmSummaryDisk *d)
{
	/* 24 fields of at most 24 chars + keys and punctuation, 40 per bucket */
	return 1024 + (size_t) d->nbuckets * 40;
}

static size_t
put_basis(char *buf, size_t size, const char *name, const KmBasis *b)
{
	return (size_t) snprintf(buf, size,
							 "%s:(rated:%" PRId64 ",unrated:%" PRId64 ",interactions:%" PRId64
							 ",base:%" PRId64 ",mean:%.17g,m2:%.17g,min:%.17g,max:%.17g)",
							 name, b->rated, b->unrated, b->interactions, b->base,
							 b->mean, b->m2, b->min, b->max);
}

/* Write the text form of a validated value into buf (km_summary_text_bound bytes). */
void
km_summary_format(const KmSummaryDisk *d, char *buf, size_t size)
{
	const KmSummaryHead *h = &d->h;
	const int64_t *counts = km_disk_counts(d);
	const int32_t *index = km_disk_index(d);
	size_t		n;
	uint32_t	j;

	n = (size_t) snprintf(buf, size,
						  "(v:%d,posts:%" PRId64 ",likes:%" PRId64 ",comments:%" PRId64
						  ",shares:%" PRId64 ",saves:%" PRId64 ",extra:%" PRId64
						  ",interactions:%" PRId64 ",views:%" PRId64 ",",
						  (int) d->version, h->posts, h->likes, h->comments, h->shares,
						  h->saves, h->extra, h->interactions, h->views);
	n += put_basis(buf + n, size - n, "by_followers", &h->basis[KM_BASIS_FOLLOWERS]);
	n += (size_t) snprintf(buf + n, size - n, ",");
	n += put_basis(buf + n, size - n, "by_views", &h->basis[KM_BASIS_VIEWS]);
	n += (size_t) snprintf(buf + n, size - n, ",zero:%" PRId64 ",buckets:{", h->zero);
	for (j = 0; j < d->nbuckets; j++)
		n += (size_t) snprintf(buf + n, size - n, "%s%d:%" PRId64,
							   j ? "," : "", (int) index[j], counts[j]);
	snprintf(buf + n, size - n, "})");
}

/* ----------------------------------------------------------------- text in */

typedef struct Cursor
{
	const char *s;
	const char *p;
	KmError    *err;
} Cursor;

static KmCode
syntax(Cursor *c, const char *what)
{
	if (*c->p == '\0')
		return km_fail(c->err, KM_ESYNTAX, "Expected %s at the end of the input.", what);
	return km_fail(c->err, KM_ESYNTAX, "Expected %s at character %d.", what,
				   (int) (c->p - c->s) + 1);
}

static void
skip_ws(Cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

static bool
eat(Cursor *c, char ch)
{
	skip_ws(c);
	if (*c->p != ch)
		return false;
	c->p++;
	return true;
}

/* "key:" */
static KmCode
expect_key(Cursor *c, const char *key)
{
	size_t		len = strlen(key);
	char		what[48];

	skip_ws(c);
	if (strncmp(c->p, key, len) == 0)
	{
		c->p += len;
		if (eat(c, ':'))
			return KM_OK;
	}
	snprintf(what, sizeof(what), "\"%s:\"", key);
	return syntax(c, what);
}

static KmCode
expect_char(Cursor *c, char ch)
{
	char		what[8];

	if (eat(c, ch))
		return KM_OK;
	snprintf(what, sizeof(what), "\"%c\"", ch);
	return syntax(c, what);
}

/* A decimal int64: optional '-', digits, no overflow. */
static KmCode
parse_int(Cursor *c, const char *key, int64_t *out)
{
	bool		neg = false;
	uint64_t	v = 0;
	const char *start;

	skip_ws(c);
	if (*c->p == '-')
	{
		neg = true;
		c->p++;
	}
	start = c->p;
	while (*c->p >= '0' && *c->p <= '9')
	{
		unsigned	dgt = (unsigned) (*c->p - '0');

		if (v > (UINT64_C(9223372036854775808) - dgt) / 10)
			return km_fail(c->err, KM_ESYNTAX, "Value of \"%s\" is out of range for type bigint.", key);
		v = v * 10 + dgt;
		c->p++;
	}
	if (c->p == start)
	{
		char		what[48];

		snprintf(what, sizeof(what), "an integer for \"%s\"", key);
		return syntax(c, what);
	}
	if (!neg && v > (uint64_t) INT64_MAX)
		return km_fail(c->err, KM_ESYNTAX, "Value of \"%s\" is out of range for type bigint.", key);
	*out = neg ? (int64_t) (0 - v) : (int64_t) v;
	return KM_OK;
}

/* A finite decimal float: [-+]digits[.digits][e[-+]digits], via strtod. */
static KmCode
parse_float(Cursor *c, const char *key, double *out)
{
	char		tok[64];
	size_t		n = 0;
	char	   *end;
	double		v;

	skip_ws(c);
	while (c->p[n] && strchr("0123456789+-.eE", c->p[n]) != NULL)
		n++;
	if (n == 0 || n >= sizeof(tok))
	{
		char		what[48];

		snprintf(what, sizeof(what), "a number for \"%s\"", key);
		return syntax(c, what);
	}
	memcpy(tok, c->p, n);
	tok[n] = '\0';
	v = strtod(tok, &end);
	if (end != tok + n || end == tok)
	{
		char		what[48];

		snprintf(what, sizeof(what), "a number for \"%s\"", key);
		return syntax(c, what);
	}
	if (!isfinite(v))
		return km_fail(c->err, KM_ESYNTAX, "Value of \"%s\" must be a finite number.", key);
	c->p += n;
	*out = v;
	return KM_OK;
}

static KmCode
parse_basis(Cursor *c, const char *name, KmBasis *b)
{
	int64_t    *ints[4] = {&b->rated, &b->unrated, &b->interactions, &b->base};
	double	   *flts[4] = {&b->mean, &b->m2, &b->min, &b->max};
	int			i;

	if (expect_key(c, name) != KM_OK || expect_char(c, '(') != KM_OK)
		return c->err->code;
	for (i = 0; i < 8; i++)
	{
		if ((i > 0 && expect_char(c, ',') != KM_OK) ||
			expect_key(c, basis_keys[i]) != KM_OK ||
			(i < 4 ? parse_int(c, basis_keys[i], ints[i])
			 : parse_float(c, basis_keys[i], flts[i - 4])) != KM_OK)
			return c->err->code;
	}
	return expect_char(c, ')');
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

static KmCode
parse_text(Cursor *c, KmSummaryHead *h, int64_t *counts, int32_t *index,
		   uint32_t cap, uint32_t *nb)
{
	int64_t    *heads[8] = {&h->posts, &h->likes, &h->comments, &h->shares,
	&h->saves, &h->extra, &h->interactions, &h->views};
	int64_t		v;
	int			i;

	if (expect_char(c, '(') != KM_OK || expect_key(c, "v") != KM_OK ||
		parse_int(c, "v", &v) != KM_OK)
		return c->err->code;
	if (v != KM_SUMMARY_VERSION)
		return km_fail(c->err, KM_ESYNTAX, "Version %" PRId64 " is not supported (this build reads version %d).",
					   v, KM_SUMMARY_VERSION);
	for (i = 0; i < 8; i++)
		if (expect_char(c, ',') != KM_OK || expect_key(c, head_keys[i]) != KM_OK ||
			parse_int(c, head_keys[i], heads[i]) != KM_OK)
			return c->err->code;
	if (expect_char(c, ',') != KM_OK ||
		parse_basis(c, "by_followers", &h->basis[KM_BASIS_FOLLOWERS]) != KM_OK ||
		expect_char(c, ',') != KM_OK ||
		parse_basis(c, "by_views", &h->basis[KM_BASIS_VIEWS]) != KM_OK ||
		expect_char(c, ',') != KM_OK || expect_key(c, "zero") != KM_OK ||
		parse_int(c, "zero", &h->zero) != KM_OK ||
		expect_char(c, ',') != KM_OK || expect_key(c, "buckets") != KM_OK ||
		expect_char(c, '{') != KM_OK)
		return c->err->code;
	*nb = 0;
	if (!eat(c, '}'))
	{
		do
		{
			int64_t		idx,
						cnt;

			if (parse_int(c, "bucket index", &idx) != KM_OK ||
				expect_char(c, ':') != KM_OK ||
				parse_int(c, "bucket count", &cnt) != KM_OK)
				return c->err->code;
			if (idx < KM_SK_MIN_INDEX || idx > KM_SK_MAX_INDEX)
				return km_fail(c->err, KM_ESYNTAX, "Sketch bucket %" PRId64 " is outside [%d, %d].",
							   idx, KM_SK_MIN_INDEX, KM_SK_MAX_INDEX);
			if (*nb >= cap)
				return km_fail(c->err, KM_ESYNTAX, "More than %d sketch buckets.", KM_SK_MAX_BUCKETS);
			index[*nb] = (int32_t) idx;
			counts[*nb] = cnt;
			(*nb)++;
		} while (eat(c, ','));
		if (expect_char(c, '}') != KM_OK)
			return c->err->code;
	}
	if (expect_char(c, ')') != KM_OK)
		return c->err->code;
	skip_ws(c);
	if (*c->p != '\0')
		return syntax(c, "the end of the input");
	return KM_OK;
}

/* Build an expanded form from parsed parts and validate it. */
static KmCode
build_disk(const KmSummaryHead *h, const int64_t *counts, const int32_t *index,
		   uint32_t nb, const KmAlloc *a, KmSummaryDisk **out, size_t *outlen,
		   KmCode code, KmError *err)
{
	size_t		len = KM_SUMMARY_DISK_SIZE(nb);
	KmSummaryDisk *d = a->alloc(a->ctx, len);

	if (d == NULL)
		return km_fail(err, KM_ENOMEM, "out of memory");
	memset(d, 0, sizeof(KmSummaryDisk));
	d->version = KM_SUMMARY_VERSION;
	d->nbuckets = nb;
	d->h = *h;
	if (nb > 0)
	{
		memcpy(km_disk_counts(d), counts, nb * sizeof(int64_t));
		memcpy(km_disk_index(d), index, nb * sizeof(int32_t));
	}
	if (km_summary_validate(d, len, err) != KM_OK)
	{
		a->free(a->ctx, d);
		err->code = code;
		return code;
	}
	*out = d;
	*outlen = len;
	return KM_OK;
}

KmCode
km_summary_parse(const char *str, const KmAlloc *a, KmSummaryDisk **out,
				 size_t *outlen, KmError *err)
{
	Cursor		c = {str, str, err};
	KmSummaryHead h;
	uint32_t	cap = bucket_bound(str),
				nb = 0;
	int64_t    *counts;
	int32_t    *index;
	KmCode		rc;

	memset(&h, 0, sizeof(h));
	counts = a->alloc(a->ctx, cap * sizeof(int64_t));
	index = a->alloc(a->ctx, cap * sizeof(int32_t));
	if (counts == NULL || index == NULL)
		rc = km_fail(err, KM_ENOMEM, "out of memory");
	else
		rc = parse_text(&c, &h, counts, index, cap, &nb);
	if (rc == KM_OK)
		rc = build_disk(&h, counts, index, nb, a, out, outlen, KM_ESYNTAX, err);
	if (counts)
		a->free(a->ctx, counts);
	if (index)
		a->free(a->ctx, index);
	return rc;
}

/* ------------------------------------------------------------------ binary */

static void
put_u64(uint8_t *p, uint64_t v)
{
	int			i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t) v;
}

static uint64_t
get_u64(const uint8_t *p)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

static uint32_t
get_u32(const uint8_t *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
		((uint32_t) p[2] << 8) | (uint32_t) p[3];
}

size_t
km_summary_send_size(const KmSummaryDisk *d)
{
	return SEND_HEAD_SIZE + (size_t) d->nbuckets * SEND_BUCKET_SIZE;
}

void
km_summary_send(const KmSummaryDisk *d, uint8_t *buf)
{
	uint64_t	words[HEAD_WORDS];
	const int64_t *counts = km_disk_counts(d);
	const int32_t *index = km_disk_index(d);
	uint32_t	j;
	int			i;

	buf[0] = d->version;
	buf[1] = d->flags;
	buf[2] = (uint8_t) (d->reserved >> 8);
	buf[3] = (uint8_t) d->reserved;
	put_u32(buf + 4, d->nbuckets);
	put_u32(buf + 8, d->reserved2);
	memcpy(words, &d->h, sizeof(words));
	for (i = 0; i < HEAD_WORDS; i++)
		put_u64(buf + 12 + 8 * i, words[i]);
	buf += SEND_HEAD_SIZE;
	for (j = 0; j < d->nbuckets; j++, buf += SEND_BUCKET_SIZE)
	{
		put_u32(buf, (uint32_t) index[j]);
		put_u64(buf + 4, (uint64_t) counts[j]);
	}
}

KmCode
km_summary_recv(const uint8_t *buf, size_t len, const KmAlloc *a,
				KmSummaryDisk **out, size_t *outlen, KmError *err)
{
	uint64_t	words[HEAD_WORDS];
	uint32_t	nb;
	size_t		dlen;
	KmSummaryDisk *d;
	int64_t    *counts;
	int32_t    *index;
	uint32_t	j;
	int			i;

	if (len < SEND_HEAD_SIZE)
		return km_fail(err, KM_EBINARY, "The value is %zu bytes long, shorter than its %d-byte header.",
					   len, SEND_HEAD_SIZE);
	if (buf[0] != KM_SUMMARY_VERSION)
		return km_fail(err, KM_EBINARY, "Version %u is not supported (this build reads version %d).",
					   (unsigned) buf[0], KM_SUMMARY_VERSION);
	nb = get_u32(buf + 4);
	if (nb > KM_SK_MAX_BUCKETS)
		return km_fail(err, KM_EBINARY, "%u sketch buckets exceed the maximum of %d.",
					   (unsigned) nb, KM_SK_MAX_BUCKETS);
	if (len != SEND_HEAD_SIZE + (size_t) nb * SEND_BUCKET_SIZE)
		return km_fail(err, KM_EBINARY, "The value is %zu bytes long, but %u sketch buckets need %zu.",
					   len, (unsigned) nb, SEND_HEAD_SIZE + (size_t) nb * SEND_BUCKET_SIZE);
	dlen = KM_SUMMARY_DISK_SIZE(nb);
	d = a->alloc(a->ctx, dlen);
	if (d == NULL)
		return km_fail(err, KM_ENOMEM, "out of memory");
	memset(d, 0, dlen);
	d->version = buf[0];
	d->flags = buf[1];
	d->reserved = (uint16_t) ((buf[2] << 8) | buf[3]);
	d->nbuckets = nb;
	d->reserved2 = get_u32(buf + 8);
	for (i = 0; i < HEAD_WORDS; i++)
		words[i] = get_u64(buf + 12 + 8 * i);
	memcpy(&d->h, words, sizeof(words));
	counts = km_disk_counts(d);
	index = km_disk_index(d);
	buf += SEND_HEAD_SIZE;
	for (j = 0; j < nb; j++, buf += SEND_BUCKET_SIZE)
	{
		index[j] = (int32_t) get_u32(buf);
		counts[j] = (int64_t) get_u64(buf + 4);
	}
	if (km_summary_validate(d, dlen, err) != KM_OK)
	{
		a->free(a->ctx, d);
		return err->code;
	}
	*out = d;
	*outlen = dlen;
	return KM_OK;
}
