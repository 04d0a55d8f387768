/*
 * km_text.c
 *	  The cursor of km_text.h.
 */
#include "km_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* KM_ESYNTAX: "Expected what" at the cursor's character or the end of input. */
KmCode
km_cur_syntax(KmCursor *c, const char *what)
{
	if (*c->p == '\0')
		return km_fail(c->err, KM_ESYNTAX, "Expected %s at the end of the input.", what);
	return km_fail(c->err, KM_ESYNTAX, "Expected %s at character %d.", what,
				   (int) (c->p - c->s) + 1);
}

/* Move the cursor past whitespace. */
void
km_cur_skip_ws(KmCursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

/* Consume ch when it is next after whitespace; whether it was. */
bool
km_cur_eat(KmCursor *c, char ch)
{
	km_cur_skip_ws(c);
	if (*c->p != ch)
		return false;
	c->p++;
	return true;
}

/* "key:" */
KmCode
km_cur_key(KmCursor *c, const char *key)
{
	size_t		len = strlen(key);
	char		what[48];

	km_cur_skip_ws(c);
	if (strncmp(c->p, key, len) == 0)
	{
		c->p += len;
		if (km_cur_eat(c, ':'))
			return KM_OK;
	}
	snprintf(what, sizeof(what), "\"%s:\"", key);
	return km_cur_syntax(c, what);
}

/* Consume ch (after whitespace), or a syntax error expecting it. */
KmCode
km_cur_char(KmCursor *c, char ch)
{
	char		what[8];

	if (km_cur_eat(c, ch))
		return KM_OK;
	snprintf(what, sizeof(what), "\"%c\"", ch);
	return km_cur_syntax(c, what);
}

/* A decimal int64: optional '-', digits, no overflow. */
KmCode
km_cur_int(KmCursor *c, const char *key, int64_t *out)
{
	bool		neg = false;
	uint64_t	v = 0;
	const char *start;

	km_cur_skip_ws(c);
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
		return km_cur_syntax(c, what);
	}
	if (!neg && v > (uint64_t) INT64_MAX)
		return km_fail(c->err, KM_ESYNTAX, "Value of \"%s\" is out of range for type bigint.", key);
	*out = neg ? (int64_t) (0 - v) : (int64_t) v;
	return KM_OK;
}

/* A finite decimal float: [-+]digits[.digits][e[-+]digits], via strtod. */
KmCode
km_cur_float(KmCursor *c, const char *key, double *out)
{
	char		tok[64];
	size_t		n = 0;
	char	   *end;
	double		v;

	km_cur_skip_ws(c);
	while (c->p[n] && strchr("0123456789+-.eE", c->p[n]) != NULL)
		n++;
	if (n == 0 || n >= sizeof(tok))
	{
		char		what[48];

		snprintf(what, sizeof(what), "a number for \"%s\"", key);
		return km_cur_syntax(c, what);
	}
	memcpy(tok, c->p, n);
	tok[n] = '\0';
	v = strtod(tok, &end);
	if (end != tok + n || end == tok)
	{
		char		what[48];

		snprintf(what, sizeof(what), "a number for \"%s\"", key);
		return km_cur_syntax(c, what);
	}
	if (!isfinite(v))
		return km_fail(c->err, KM_ESYNTAX, "Value of \"%s\" must be a finite number.", key);
	c->p += n;
	*out = v;
	return KM_OK;
}
