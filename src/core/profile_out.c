/*
 * profile_out.c
 *	  Canonical JSON text of a stored kol_profile: sections in a fixed order,
 *	  labels in stored (sorted) order, numbers in the shortest form that reads
 *	  back to the same float8, so text round trips are exact.
 */
#include "profile.h"
#include "profile_int.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Shortest "%.*g" text (1 to 17 significant digits) that reads back as v.
 * For a normal double, 15 digits read back whenever any text of 15 or fewer
 * digits does (DBL_DIG), and %g drops trailing zeros, so "%.15g" is then
 * already the shortest; only subnormals need the search below 15 digits.
 */
void
km_format_double(double v, char *buf, size_t buflen)
{
	if (v == 0)
		v = 0.0;				/* no "-0" */
	snprintf(buf, buflen, "%.15g", v);
	if (strtod(buf, NULL) == v)
	{
		int			prec;

		if (fabs(v) >= DBL_MIN || v == 0)
			return;
		for (prec = 1; prec < 15; prec++)
		{
			snprintf(buf, buflen, "%.*g", prec, v);
			if (strtod(buf, NULL) == v)
				return;
		}
		snprintf(buf, buflen, "%.15g", v);
		return;
	}
	snprintf(buf, buflen, "%.16g", v);
	if (strtod(buf, NULL) == v)
		return;
	snprintf(buf, buflen, "%.17g", v);
}

_Static_assert(KM_PROFILE_MAX_TEXT <= KM_PROFILE_MAX_INPUT,
			   "the canonical text of every kol_profile must be accepted as input");

typedef struct Buf
{
	char	   *s;
	size_t		len;
	size_t		cap;
	bool		oom;
} Buf;

/* Append n bytes at s, keeping b NUL-terminated; out of memory sets b->oom. */
static void
buf_put(Buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = (b->cap ? b->cap : 256);
		char	   *ns;

		while (cap < b->len + n + 1)
			cap *= 2;
		ns = realloc(b->s, cap);
		if (ns == NULL)
		{
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append the NUL-terminated string s. */
static void
buf_str(Buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

/* A label as a JSON string: labels hold no control characters. */
static void
buf_label(Buf *b, const uint8_t *p)
{
	size_t		len = p[0];
	const char *s = (const char *) p + 1;
	size_t		i,
				from = 0;

	buf_put(b, "\"", 1);
	for (i = 0; i < len; i++)
		if (s[i] == '"' || s[i] == '\\')
		{
			buf_put(b, s + from, i - from);
			buf_put(b, "\\", 1);
			from = i;
		}
	buf_put(b, s + from, len - from);
	buf_put(b, "\"", 1);
}

/* Write n { label, f64 } records as a JSON object; returns the end. */
static const uint8_t *
buf_weights(Buf *b, const uint8_t *p, int n)
{
	char		num[40];
	int			i;

	buf_put(b, "{", 1);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			buf_put(b, ", ", 2);
		buf_label(b, p);
		p += 1 + p[0];
		km_format_double(km_rdf64(p), num, sizeof(num));
		p += 8;
		buf_put(b, ": ", 2);
		buf_str(b, num);
	}
	buf_put(b, "}", 1);
	return p;
}

/* Write n labels as a JSON array; returns the end. */
static const uint8_t *
buf_list(Buf *b, const uint8_t *p, int n)
{
	int			i;

	buf_put(b, "[", 1);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			buf_put(b, ", ", 2);
		buf_label(b, p);
		p += 1 + p[0];
	}
	buf_put(b, "]", 1);
	return p;
}

/* Canonical JSON text of a checked stored profile (malloc'd). */
KmCode
km_profile_to_json(const uint8_t *p, size_t len, char **out, KmError *err)
{
	Buf			b = {NULL, 0, 0, false};
	int			ncat = km_rd16(p + 4),
				ndim = km_rd16(p + 6),
				nlang = km_rd16(p + 8),
				ncountry = km_rd16(p + 10);
	const uint8_t *q = p + KM_PROFILE_HDR;
	bool		first = true;

	(void) len;
	*out = NULL;
	buf_put(&b, "{", 1);
	if (ncat > 0)
	{
		buf_str(&b, "\"categories\": ");
		q = buf_weights(&b, q, ncat);
		first = false;
	}
	if (ndim > 0)
	{
		int			i;

		buf_str(&b, first ? "\"audience\": {" : ", \"audience\": {");
		for (i = 0; i < ndim; i++)
		{
			int			n;

			if (i > 0)
				buf_put(&b, ", ", 2);
			buf_label(&b, q);
			q += 1 + q[0];
			n = km_rd16(q);
			q += 6;
			buf_put(&b, ": ", 2);
			q = buf_weights(&b, q, n);
		}
		buf_put(&b, "}", 1);
		first = false;
	}
	if (nlang > 0)
	{
		buf_str(&b, first ? "\"languages\": " : ", \"languages\": ");
		q = buf_list(&b, q, nlang);
		first = false;
	}
	if (ncountry > 0)
	{
		buf_str(&b, first ? "\"countries\": " : ", \"countries\": ");
		(void) buf_list(&b, q, ncountry);
	}
	buf_put(&b, "}", 1);
	if (b.oom)
	{
		free(b.s);
		return km_fail(err, KM_ENOMEM, "Out of memory.");
	}
	*out = b.s;
	return KM_OK;
}
