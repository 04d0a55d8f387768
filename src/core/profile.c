/*
 * profile.c
 *	  kol_profile stored form: labels, packing, validation of untrusted bytes.
 *	  JSON text in and out is in profile_json.c; similarities in profile_sim.c.
 */
#include "profile.h"
#include "profile_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Label order: memcmp over the common prefix, then the shorter first. */
int
km_label_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/*
 * Length of the valid UTF-8 sequence starting at s (at most n bytes), or 0
 * when it is not valid (overlong forms, surrogates, beyond U+10FFFF).
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF)
	{
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;			/* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0;			/* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4)
	{
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
			(s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;			/* overlong */
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;			/* beyond U+10FFFF */
		return 4;
	}
	return 0;
}

/* True when s[0..len) is UTF-8 without control characters. */
static bool
label_clean(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		size_t		k = utf8_seq(u + i, len - i);

		if (k == 0)
			return false;
		if (k == 1 && (u[i] < 0x20 || u[i] == 0x7F))
			return false;
		/* C1 controls U+0080..U+009F are C2 80..C2 9F */
		if (k == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0)
			return false;
		i += k;
	}
	return true;
}

/*
 * A printable rendering of a label for error details: at most 32 bytes cut at
 * a character boundary, "..." when cut; "(not printable)" for bytes that are
 * not clean UTF-8.
 */
void
km_label_repr(const char *s, size_t len, char *buf, size_t buflen)
{
	size_t		i = 0;

	if (!label_clean(s, len))
	{
		snprintf(buf, buflen, "(not printable)");
		return;
	}
	while (i < len)
	{
		size_t		k = utf8_seq((const unsigned char *) s + i, len - i);

		if (i + k > 32)
			break;
		i += k;
	}
	snprintf(buf, buflen, "%.*s%s", (int) i, s, i < len ? "..." : "");
}

/* Check one label: 1..KM_PROFILE_MAX_LABEL bytes of UTF-8, no control chars. */
KmCode
km_label_check(const char *s, size_t len, const char *where, KmCode code,
			   KmError *err)
{
	if (len == 0)
		return km_fail(err, code, "An empty label appears in \"%s\".", where);
	if (!label_clean(s, len))
		return km_fail(err, code,
					   "A label in \"%s\" is not valid UTF-8 or contains a control character.",
					   where);
	if (len > KM_PROFILE_MAX_LABEL)
	{
		char		repr[48];

		km_label_repr(s, len, repr, sizeof(repr));
		return km_fail(err, code,
					   "Label \"%s\" in \"%s\" is %zu bytes long; the limit is %d bytes.",
					   repr, where, len, KM_PROFILE_MAX_LABEL);
	}
	return KM_OK;
}

/* qsort comparator of entries by label. */
static int
entry_cmp(const void *x, const void *y)
{
	const KmEntry *a = x;
	const KmEntry *b = y;

	return km_label_cmp(a->s, a->len, b->s, b->len);
}

/* qsort comparator of dimensions by label. */
static int
dim_cmp(const void *x, const void *y)
{
	const KmDim *a = x;
	const KmDim *b = y;

	return km_label_cmp(a->s, a->len, b->s, b->len);
}

/*
 * Check, sort and (for histograms, weighted) validate a list of entries.
 * kind: 0 = plain list, 1 = category weights, 2 = histogram (normalised here).
 */
static KmCode
prepare_list(KmEntry *e, int n, int kind, const char *where, KmError *err)
{
	char		repr[48];
	double		sum = 0;
	int			i;

	if (n > KM_PROFILE_MAX_ENTRIES)
		return km_fail(err, KM_ESYNTAX,
					   "\"%s\" has %d entries; the limit is %d.",
					   where, n, KM_PROFILE_MAX_ENTRIES);
	for (i = 0; i < n; i++)
	{
		if (km_label_check(e[i].s, e[i].len, where, KM_ESYNTAX, err) != KM_OK)
			return err->code;
		if (kind == 0)
			continue;
		km_label_repr(e[i].s, e[i].len, repr, sizeof(repr));
		if (!isfinite(e[i].v))
			return km_fail(err, KM_ESYNTAX,
						   "The weight of \"%s\" in \"%s\" is not a finite number.", repr, where);
		if (e[i].v < 0)
			return km_fail(err, KM_ESYNTAX,
						   "The weight of \"%s\" in \"%s\" is negative.", repr, where);
		if (e[i].v > KM_PROFILE_MAX_WEIGHT)
			return km_fail(err, KM_ESYNTAX,
						   "The weight of \"%s\" in \"%s\" exceeds the limit 1e15.", repr, where);
		if (e[i].v == 0)
			e[i].v = 0.0;		/* no negative zero */
	}
	if (n > 0)
		qsort(e, n, sizeof(KmEntry), entry_cmp);
	for (i = 0; i < n; i++)
	{
		if (i > 0 && km_label_cmp(e[i - 1].s, e[i - 1].len, e[i].s, e[i].len) == 0)
		{
			km_label_repr(e[i].s, e[i].len, repr, sizeof(repr));
			return km_fail(err, KM_ESYNTAX, "\"%s\" appears twice in \"%s\".", repr, where);
		}
		sum += e[i].v;
	}
	if (kind == 0)
		return KM_OK;
	if (n == 0 || !(sum > 0))
		return km_fail(err, KM_ESYNTAX,
					   "The weights in \"%s\" sum to 0; give at least one positive weight.",
					   where);
	/* Normalise a histogram unless it already sums to 1 (idempotent). */
	if (kind == 2 && fabs(sum - 1.0) > KM_PROFILE_SUM_TOL)
		for (i = 0; i < n; i++)
			e[i].v /= sum;
	return KM_OK;
}

/* Largest weight and sum of squares of the weights scaled by it. */
void
km_cat_scale(const double *w, int n, double *max, double *ss)
{
	double		m = 0;
	double		s = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (w[i] > m)
			m = w[i];
	*max = m;
	*ss = 0;
	if (m == 0)
		return;
	for (i = 0; i < n; i++)
	{
		double		r = w[i] / m;

		s += r * r;
	}
	*ss = s;
}

/* Writers of the little-endian stored form. */
static uint8_t *
put_label(uint8_t *p, const char *s, size_t len)
{
	*p++ = (uint8_t) len;
	memcpy(p, s, len);
	return p + len;
}

/*
 * Sort, check and normalise the parts (in place) and write the stored form
 * into a malloc'd buffer.
 */
KmCode
km_profile_pack(KmProfileParts *parts, uint8_t **out, size_t *outlen, KmError *err)
{
	char		where[16 + 3 * KM_PROFILE_MAX_LABEL];
	char		repr[48];
	size_t		size = KM_PROFILE_HDR;
	size_t		off_dims, off_langs, off_countries;
	double	   *cw = NULL;
	double		cat_max = 0,
				cat_ss = 0;
	uint8_t    *buf, *p;
	int			i, j;

	*out = NULL;
	if (parts->ncat > 0 &&
		prepare_list(parts->cat, parts->ncat, 1, "categories", err) != KM_OK)
		return err->code;
	if (parts->ndim > KM_PROFILE_MAX_DIMS)
		return km_fail(err, KM_ESYNTAX,
					   "\"audience\" has %d dimensions; the limit is %d.",
					   parts->ndim, KM_PROFILE_MAX_DIMS);
	for (i = 0; i < parts->ndim; i++)
	{
		KmDim	   *d = &parts->dims[i];

		if (km_label_check(d->s, d->len, "audience", KM_ESYNTAX, err) != KM_OK)
			return err->code;
		snprintf(where, sizeof(where), "audience.%.*s", (int) d->len, d->s);
		if (prepare_list(d->e, d->n, 2, where, err) != KM_OK)
			return err->code;
	}
	if (parts->ndim > 0)
		qsort(parts->dims, parts->ndim, sizeof(KmDim), dim_cmp);
	for (i = 1; i < parts->ndim; i++)
		if (dim_cmp(&parts->dims[i - 1], &parts->dims[i]) == 0)
		{
			km_label_repr(parts->dims[i].s, parts->dims[i].len, repr, sizeof(repr));
			return km_fail(err, KM_ESYNTAX, "\"%s\" appears twice in \"audience\".", repr);
		}
	if (prepare_list(parts->lang, parts->nlang, 0, "languages", err) != KM_OK ||
		prepare_list(parts->country, parts->ncountry, 0, "countries", err) != KM_OK)
		return err->code;

	/* sizes */
	for (i = 0; i < parts->ncat; i++)
		size += 1 + parts->cat[i].len + 8;
	off_dims = size;
	for (i = 0; i < parts->ndim; i++)
	{
		size += 1 + parts->dims[i].len + 2 + 4;
		for (j = 0; j < parts->dims[i].n; j++)
			size += 1 + parts->dims[i].e[j].len + 8;
	}
	off_langs = size;
	for (i = 0; i < parts->nlang; i++)
		size += 1 + parts->lang[i].len;
	off_countries = size;
	for (i = 0; i < parts->ncountry; i++)
		size += 1 + parts->country[i].len;

	if (parts->ncat > 0)
	{
		cw = malloc(sizeof(double) * parts->ncat);
		if (cw == NULL)
			return km_fail(err, KM_ENOMEM, "Out of memory.");
		for (i = 0; i < parts->ncat; i++)
			cw[i] = parts->cat[i].v;
		km_cat_scale(cw, parts->ncat, &cat_max, &cat_ss);
		free(cw);
	}

	buf = calloc(1, size);
	if (buf == NULL)
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	buf[0] = KM_PROFILE_VERSION;
	km_wr16(buf + 4, (uint16_t) parts->ncat);
	km_wr16(buf + 6, (uint16_t) parts->ndim);
	km_wr16(buf + 8, (uint16_t) parts->nlang);
	km_wr16(buf + 10, (uint16_t) parts->ncountry);
	km_wr32(buf + 12, (uint32_t) off_dims);
	km_wr32(buf + 16, (uint32_t) off_langs);
	km_wr32(buf + 20, (uint32_t) off_countries);
	km_wrf64(buf + 24, cat_max);
	km_wrf64(buf + 32, cat_ss);
	p = buf + KM_PROFILE_HDR;
	for (i = 0; i < parts->ncat; i++)
	{
		p = put_label(p, parts->cat[i].s, parts->cat[i].len);
		km_wrf64(p, parts->cat[i].v);
		p += 8;
	}
	for (i = 0; i < parts->ndim; i++)
	{
		KmDim	   *d = &parts->dims[i];
		uint8_t    *sizep;
		uint8_t    *start;

		p = put_label(p, d->s, d->len);
		km_wr16(p, (uint16_t) d->n);
		sizep = p + 2;
		p += 6;
		start = p;
		for (j = 0; j < d->n; j++)
		{
			p = put_label(p, d->e[j].s, d->e[j].len);
			km_wrf64(p, d->e[j].v);
			p += 8;
		}
		km_wr32(sizep, (uint32_t) (p - start));
	}
	for (i = 0; i < parts->nlang; i++)
		p = put_label(p, parts->lang[i].s, parts->lang[i].len);
	for (i = 0; i < parts->ncountry; i++)
		p = put_label(p, parts->country[i].s, parts->country[i].len);
	*out = buf;
	*outlen = size;
	return KM_OK;
}

/*
 * Validate a list of n { u8 len, label, [f64] } records starting at *pos and
 * ending exactly at end; kind as in prepare_list.  Advances *pos.
 */
static KmCode
check_list(const uint8_t *p, size_t *pos, size_t end, int n, int kind,
		   const char *where, KmError *err)
{
	const uint8_t *prev = NULL;
	size_t		prevlen = 0;
	double		sum = 0;
	double		w[KM_PROFILE_MAX_ENTRIES];
	int			i;

	for (i = 0; i < n; i++)
	{
		size_t		len;

		if (*pos >= end)
			return km_fail(err, KM_EBINARY, "\"%s\" ends before its %d entries.", where, n);
		len = p[*pos];
		if (len > end - *pos - 1 || (kind != 0 && 8 > end - *pos - 1 - len))
			return km_fail(err, KM_EBINARY, "An entry of \"%s\" runs past its end.", where);
		if (km_label_check((const char *) p + *pos + 1, len, where, KM_EBINARY, err) != KM_OK)
			return err->code;
		if (prev && km_label_cmp((const char *) prev, prevlen,
								 (const char *) p + *pos + 1, len) >= 0)
			return km_fail(err, KM_EBINARY,
						   "The labels of \"%s\" are not in strictly ascending order.", where);
		prev = p + *pos + 1;
		prevlen = len;
		*pos += 1 + len;
		if (kind != 0)
		{
			double		v = km_rdf64(p + *pos);

			if (!isfinite(v) || v < 0 || v > KM_PROFILE_MAX_WEIGHT || (v == 0 && signbit(v)))
				return km_fail(err, KM_EBINARY,
							   "A weight in \"%s\" is negative, not finite or above 1e15.", where);
			w[i] = v;
			sum += v;
			*pos += 8;
		}
	}
	if (*pos != end)
		return km_fail(err, KM_EBINARY, "\"%s\" is followed by unexpected trailing data (%zu bytes).",
					   where, end - *pos);
	if (kind == 1 && n > 0)
	{
		double		m,
					ss;

		if (!(sum > 0))
			return km_fail(err, KM_EBINARY, "The weights in \"categories\" sum to 0.");
		km_cat_scale(w, n, &m, &ss);
		if (km_rdf64(p + 24) != m || km_rdf64(p + 32) != ss)
			return km_fail(err, KM_EBINARY,
						   "The stored scale of \"categories\" does not match its weights.");
	}
	if (kind == 2 && !(fabs(sum - 1.0) <= KM_PROFILE_SUM_TOL))
		return km_fail(err, KM_EBINARY,
					   "The histogram \"%s\" sums to %.17g, not 1.", where, sum);
	return KM_OK;
}

/* Validate untrusted bytes as a stored profile. */
KmCode
km_profile_check(const uint8_t *p, size_t len, KmError *err)
{
	int			ncat, ndim, nlang, ncountry;
	size_t		off_dims, off_langs, off_countries;
	size_t		pos = KM_PROFILE_HDR;
	const uint8_t *prev = NULL;
	size_t		prevlen = 0;
	char		where[16 + 3 * KM_PROFILE_MAX_LABEL];
	int			i;

	if (len < KM_PROFILE_HDR)
		return km_fail(err, KM_EBINARY, "A kol_profile needs at least %d bytes; got %zu.",
					   KM_PROFILE_HDR, len);
	if (p[0] != KM_PROFILE_VERSION)
		return km_fail(err, KM_EBINARY, "Unknown kol_profile format version %d.", p[0]);
	if (p[1] != 0 || km_rd16(p + 2) != 0)
		return km_fail(err, KM_EBINARY, "Reserved header bytes are not zero.");
	ncat = km_rd16(p + 4);
	ndim = km_rd16(p + 6);
	nlang = km_rd16(p + 8);
	ncountry = km_rd16(p + 10);
	off_dims = km_rd32(p + 12);
	off_langs = km_rd32(p + 16);
	off_countries = km_rd32(p + 20);
	if (ncat > KM_PROFILE_MAX_ENTRIES || nlang > KM_PROFILE_MAX_ENTRIES ||
		ncountry > KM_PROFILE_MAX_ENTRIES || ndim > KM_PROFILE_MAX_DIMS)
		return km_fail(err, KM_EBINARY, "An entry or dimension count is over its limit.");
	if (off_dims < KM_PROFILE_HDR || off_dims > off_langs || off_langs > off_countries ||
		off_countries > len)
		return km_fail(err, KM_EBINARY, "The section offsets are out of order or out of range.");
	if (ncat == 0 && (km_rd32(p + 24) != 0 || km_rd32(p + 28) != 0 ||
					  km_rd32(p + 32) != 0 || km_rd32(p + 36) != 0))
		return km_fail(err, KM_EBINARY, "A profile without categories has a non-zero scale.");
	if (check_list(p, &pos, off_dims, ncat, 1, "categories", err) != KM_OK)
		return err->code;
	for (i = 0; i < ndim; i++)
	{
		size_t		nlen, bytes;
		int			n;

		if (pos >= off_langs || (nlen = p[pos]) + 7 > off_langs - pos)
			return km_fail(err, KM_EBINARY, "\"audience\" ends before its %d dimensions.", ndim);
		if (km_label_check((const char *) p + pos + 1, nlen, "audience", KM_EBINARY, err) != KM_OK)
			return err->code;
		if (prev && km_label_cmp((const char *) prev, prevlen,
								 (const char *) p + pos + 1, nlen) >= 0)
			return km_fail(err, KM_EBINARY,
						   "The dimensions of \"audience\" are not in strictly ascending order.");
		prev = p + pos + 1;
		prevlen = nlen;
		snprintf(where, sizeof(where), "audience.%.*s", (int) nlen, (const char *) prev);
		pos += 1 + nlen;
		n = km_rd16(p + pos);
		bytes = km_rd32(p + pos + 2);
		pos += 6;
		if (n < 1 || n > KM_PROFILE_MAX_ENTRIES)
			return km_fail(err, KM_EBINARY, "\"%s\" has %d entries; 1 to %d are allowed.",
						   where, n, KM_PROFILE_MAX_ENTRIES);
		if (bytes > off_langs - pos)
			return km_fail(err, KM_EBINARY, "\"%s\" runs past the end of \"audience\".", where);
		if (check_list(p, &pos, pos + bytes, n, 2, where, err) != KM_OK)
			return err->code;
	}
	if (pos != off_langs)
		return km_fail(err, KM_EBINARY, "\"audience\" is followed by unexpected trailing data (%zu bytes).", off_langs - pos);
	if (check_list(p, &pos, off_countries, nlang, 0, "languages", err) != KM_OK ||
		check_list(p, &pos, len, ncountry, 0, "countries", err) != KM_OK)
		return err->code;
	return KM_OK;
}
