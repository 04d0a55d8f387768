/*
 * km_flat.c
 *	  The table-driven codec of km_flat.h: packed and text forms of
 *	  fixed-layout records of int64 and double fields.
 */
#include "km_flat.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "km_bytes.h"
#include "km_text.h"
#include "profile.h"			/* km_format_double */

/* Bytes of the packed form: the header and 8 bytes per element. */
size_t
km_flat_len(const KmFlatType *t)
{
	size_t		len = KM_FLAT_HEADER;
	int			i;

	for (i = 0; i < t->nfields; i++)
		len += 8 * (size_t) t->fields[i].count;
	return len;
}

/* Longest text: 24 characters per number (and its index), the keys, punctuation. */
size_t
km_flat_text_max(const KmFlatType *t)
{
	size_t		len = 16;
	int			i;

	for (i = 0; i < t->nfields; i++)
		len += strlen(t->fields[i].name) + 4 + 32 * (size_t) t->fields[i].count;
	return len;
}

/* Pack rec: version, three zero bytes, every element little-endian. */
void
km_flat_pack(const KmFlatType *t, const void *rec, uint8_t *buf)
{
	const uint8_t *r = rec;
	uint8_t    *p = buf + KM_FLAT_HEADER;
	int			i,
				j;

	buf[0] = t->version;
	buf[1] = buf[2] = buf[3] = 0;
	for (i = 0; i < t->nfields; i++)
	{
		const KmFlatField *f = &t->fields[i];

		for (j = 0; j < f->count; j++, p += 8)
		{
			if (f->kind == KM_FLAT_F64)
			{
				double		d;

				memcpy(&d, r + f->offset + 8 * j, 8);
				km_wrf64(p, d == 0 ? 0.0 : d);
			}
			else
			{
				int64_t		v;

				memcpy(&v, r + f->offset + 8 * j, 8);
				km_wr64(p, (uint64_t) v);
			}
		}
	}
}

/* Unpack and check the header, the length and the doubles' finiteness. */
KmCode
km_flat_unpack(const KmFlatType *t, const uint8_t *buf, size_t len, void *rec, KmError *err)
{
	uint8_t    *r = rec;
	const uint8_t *p = buf + KM_FLAT_HEADER;
	size_t		want = km_flat_len(t);
	int			i,
				j;

	if (len < KM_FLAT_HEADER)
		return km_fail(err, KM_EBINARY, "The %s form needs %zu bytes, got %zu.", t->name, want, len);
	if (buf[0] != t->version)
		return km_fail(err, KM_EBINARY, "Unsupported %s format version %u (this version reads %u).",
					   t->name, buf[0], t->version);
	if (buf[1] || buf[2] || buf[3])
		return km_fail(err, KM_EBINARY, "Reserved bytes of the %s form must be zero.", t->name);
	if (len != want)
		return km_fail(err, KM_EBINARY, "The %s form needs %zu bytes, got %zu.", t->name, want, len);
	for (i = 0; i < t->nfields; i++)
	{
		const KmFlatField *f = &t->fields[i];

		for (j = 0; j < f->count; j++, p += 8)
		{
			if (f->kind == KM_FLAT_F64)
			{
				double		d = km_rdf64(p);

				if (!isfinite(d))
					return km_fail(err, KM_EBINARY, "Field \"%s\" must be a finite number.", f->name);
				if (d == 0)
					d = 0.0;
				memcpy(r + f->offset + 8 * j, &d, 8);
			}
			else
			{
				int64_t		v = (int64_t) km_rd64(p);

				memcpy(r + f->offset + 8 * j, &v, 8);
			}
		}
	}
	return KM_OK;
}

/* Append to out at *pos (bounded by size). */
static void
put(char *out, size_t size, size_t *pos, const char *s)
{
	size_t		n = strlen(s);

	if (*pos + n >= size)
		n = (*pos + 1 < size) ? size - 1 - *pos : 0;
	memcpy(out + *pos, s, n);
	*pos += n;
	out[*pos] = '\0';
}

/* One element as text. */
static void
element_text(const KmFlatField *f, const uint8_t *r, int j, char *num, size_t size)
{
	if (f->kind == KM_FLAT_F64)
	{
		double		d;

		memcpy(&d, r + f->offset + 8 * j, 8);
		km_format_double(d, num, size);
	}
	else
	{
		int64_t		v;

		memcpy(&v, r + f->offset + 8 * j, 8);
		snprintf(num, size, "%" PRId64, v);
	}
}

/* The text form: (v:N,key:value,key:[a,b],key:{i:c}). */
void
km_flat_format(const KmFlatType *t, const void *rec, char *out, size_t size)
{
	const uint8_t *r = rec;
	size_t		pos = 0;
	char		num[64];
	int			i,
				j;

	out[0] = '\0';
	snprintf(num, sizeof(num), "(v:%u", t->version);
	put(out, size, &pos, num);
	for (i = 0; i < t->nfields; i++)
	{
		const KmFlatField *f = &t->fields[i];

		put(out, size, &pos, ",");
		put(out, size, &pos, f->name);
		put(out, size, &pos, ":");
		if (f->kind == KM_FLAT_SPARSE)
		{
			bool		first = true;

			put(out, size, &pos, "{");
			for (j = 0; j < f->count; j++)
			{
				int64_t		v;

				memcpy(&v, r + f->offset + 8 * j, 8);
				if (v == 0)
					continue;
				snprintf(num, sizeof(num), "%s%d:%" PRId64, first ? "" : ",", j, v);
				put(out, size, &pos, num);
				first = false;
			}
			put(out, size, &pos, "}");
			continue;
		}
		if (f->count > 1)
			put(out, size, &pos, "[");
		for (j = 0; j < f->count; j++)
		{
			if (j > 0)
				put(out, size, &pos, ",");
			element_text(f, r, j, num, sizeof(num));
			put(out, size, &pos, num);
		}
		if (f->count > 1)
			put(out, size, &pos, "]");
	}
	put(out, size, &pos, ")");
}

/* One element from text into the record. */
static KmCode
element_parse(KmCursor *c, const KmFlatField *f, uint8_t *r, int j)
{
	if (f->kind == KM_FLAT_F64)
	{
		double		d;

		if (km_cur_float(c, f->name, &d) != KM_OK)
			return c->err->code;
		if (d == 0)
			d = 0.0;
		memcpy(r + f->offset + 8 * j, &d, 8);
	}
	else
	{
		int64_t		v;

		if (km_cur_int(c, f->name, &v) != KM_OK)
			return c->err->code;
		memcpy(r + f->offset + 8 * j, &v, 8);
	}
	return KM_OK;
}

/* A sparse field: {i:c,...}, indexes strictly ascending, counts non-zero. */
static KmCode
sparse_parse(KmCursor *c, const KmFlatField *f, uint8_t *r)
{
	int64_t		last = -1;

	if (km_cur_char(c, '{') != KM_OK)
		return c->err->code;
	if (km_cur_eat(c, '}'))
		return KM_OK;
	for (;;)
	{
		int64_t		idx,
					v;

		if (km_cur_int(c, f->name, &idx) != KM_OK)
			return c->err->code;
		if (idx <= last || idx >= f->count)
			return km_fail(c->err, KM_ESYNTAX,
						   "Indexes of \"%s\" must ascend within 0 .. %d, got %" PRId64 ".",
						   f->name, f->count - 1, idx);
		if (km_cur_char(c, ':') != KM_OK || km_cur_int(c, f->name, &v) != KM_OK)
			return c->err->code;
		if (v <= 0)
			return km_fail(c->err, KM_ESYNTAX, "Counts of \"%s\" must be positive, got %" PRId64 ".",
						   f->name, v);
		memcpy(r + f->offset + 8 * idx, &v, 8);
		last = idx;
		if (km_cur_eat(c, '}'))
			return KM_OK;
		if (km_cur_char(c, ',') != KM_OK)
			return c->err->code;
	}
}

/* Parse the text form: every key in order, nothing after the closing parenthesis. */
KmCode
km_flat_parse(const KmFlatType *t, const char *str, void *rec, KmError *err)
{
	KmCursor	c = {str, str, err};
	uint8_t    *r = rec;
	int64_t		version;
	int			i,
				j;

	if (km_cur_char(&c, '(') != KM_OK || km_cur_key(&c, "v") != KM_OK ||
		km_cur_int(&c, "v", &version) != KM_OK)
		return err->code;
	if (version != t->version)
		return km_fail(err, KM_ESYNTAX, "Unsupported %s text version %" PRId64 " (this version reads %u).",
					   t->name, version, t->version);
	for (i = 0; i < t->nfields; i++)
	{
		const KmFlatField *f = &t->fields[i];

		if (f->kind == KM_FLAT_SPARSE)
			memset(r + f->offset, 0, 8 * (size_t) f->count);
		if (km_cur_char(&c, ',') != KM_OK || km_cur_key(&c, f->name) != KM_OK)
			return err->code;
		if (f->kind == KM_FLAT_SPARSE)
		{
			if (sparse_parse(&c, f, r) != KM_OK)
				return err->code;
			continue;
		}
		if (f->count > 1 && km_cur_char(&c, '[') != KM_OK)
			return err->code;
		for (j = 0; j < f->count; j++)
		{
			if (j > 0 && km_cur_char(&c, ',') != KM_OK)
				return err->code;
			if (element_parse(&c, f, r, j) != KM_OK)
				return err->code;
		}
		if (f->count > 1 && km_cur_char(&c, ']') != KM_OK)
			return err->code;
	}
	if (km_cur_char(&c, ')') != KM_OK)
		return err->code;
	km_cur_skip_ws(&c);
	if (*c.p != '\0')
		return km_cur_syntax(&c, "the end of input");
	return KM_OK;
}
