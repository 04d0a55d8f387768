/*
 * json_lex.c
 *	  The JSON lexer of the cores (see json_lex.h): strings, escapes, the UTF-8
 *	  and surrogate rules, RFC 8259 numbers and literals.
 */
#include "json_lex.h"

#include <string.h>

/* Bytes that end a run of plain string bytes: '"', '\\', control bytes, non-ASCII. */
const unsigned char km_jlex_stop[256] = {
	[0x00 ... 0x1f] = 1,
	['"'] = 1, ['\\'] = 1,
	[0x80 ... 0xff] = 1
};

/* Value of hex digit c, or -1. */
static inline int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at p, of which left bytes may be read; -1 when not hex. */
static long
hex4(const unsigned char *p, size_t left)
{
	long		v = 0;
	int			i;

	if (left < 4)
		return -1;
	for (i = 0; i < 4; i++)
	{
		int			h = hexval(p[i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Whether cp is a high (leading) UTF-16 surrogate. */
static inline bool
is_high(long cp)
{
	return cp >= 0xD800 && cp <= 0xDBFF;
}

/* Whether cp is a low (trailing) UTF-16 surrogate. */
static inline bool
is_low(long cp)
{
	return cp >= 0xDC00 && cp <= 0xDFFF;
}

#define lex_error km_jlex_error

KmJTok
km_jlex_string_rest(KmJLex *lx, KmJToken *t, size_t p)
{
	const unsigned char *s = (const unsigned char *) lx->s;
	size_t		n = lx->n;
	unsigned	flags = lx->flags;

	for (;;)
	{
		unsigned char c;

		while (p < n && !km_jlex_stop[s[p]])
			p++;
		if (p >= n)
			return lex_error(t, KJE_UNTERMINATED, p);
		c = s[p];
		if (c == '"')
			break;
		if (c >= 0x80)
		{
			int			k = 1;

			if ((flags & KJ_LEX_UTF8) && (k = km_utf8_len(s + p, n - p)) == 0)
				return lex_error(t, KJE_UTF8, p);
			p += k;
			continue;
		}
		if (c < 0x20)
		{
			if (!(flags & KJ_LEX_CTRL_OK))
				return lex_error(t, KJE_CTRL, p);
			p++;
			continue;
		}
		/* an escape */
		t->escaped = true;
		if (p + 1 >= n)
			return lex_error(t, KJE_UNTERMINATED, p);
		switch (s[p + 1])
		{
			case '"':
			case '\\':
			case '/':
			case 'b':
			case 'f':
			case 'n':
			case 'r':
			case 't':
				p += 2;
				continue;
			case 'u':
				break;
			default:
				t->esc = (char) s[p + 1];
				return lex_error(t, KJE_ESCAPE, p);
		}
		{
			long		cp = hex4(s + p + 2, n - p - 2);
			bool		lone = false;

			if (cp < 0)
				return lex_error(t, KJE_HEX, p);
			if (cp == 0 && !(flags & KJ_LEX_NUL_OK))
				return lex_error(t, KJE_NUL, p);
			if (is_low(cp))
				lone = true;
			else if (is_high(cp))
			{
				long		lo = (p + 7 < n && s[p + 6] == '\\' && s[p + 7] == 'u')
					? hex4(s + p + 8, n - p - 8) : -1;

				if (is_low(lo))
					p += 6;		/* the pair's low half */
				else
					lone = true;
			}
			if (lone)
			{
				if (!(flags & KJ_LEX_LONE_OK))
				{
					t->cp = (unsigned) cp;
					return lex_error(t, KJE_SURROGATE, p);
				}
				if (t->lone == 0)
				{
					t->lone = (unsigned) cp;
					t->lone_at = p;
				}
			}
			p += 6;
		}
	}
	t->type = KJT_STRING;
	t->end = p + 1;
	lx->pos = p + 1;
	return KJT_STRING;
}

/* Append code point cp as UTF-8 (a lone surrogate is encoded as such). */
static size_t
put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80)
	{
		o[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		o[0] = (char) (0xC0 | (cp >> 6));
		o[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		o[0] = (char) (0xE0 | (cp >> 12));
		o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char) (0xF0 | (cp >> 18));
	o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

size_t
km_jlex_unescape(const char *body, size_t n, char *out)
{
	const unsigned char *s = (const unsigned char *) body;
	size_t		i = 0,
				o = 0;

	while (i < n)
	{
		if (s[i] != '\\')
		{
			out[o++] = (char) s[i++];
			continue;
		}
		switch (s[i + 1])
		{
			case 'b':
				out[o++] = '\b';
				break;
			case 'f':
				out[o++] = '\f';
				break;
			case 'n':
				out[o++] = '\n';
				break;
			case 'r':
				out[o++] = '\r';
				break;
			case 't':
				out[o++] = '\t';
				break;
			case 'u':
				{
					long		cp = hex4(s + i + 2, n - i - 2);

					i += 6;
					/* a surrogate pair becomes one code point */
					if (is_high(cp) && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u')
					{
						long		lo = hex4(s + i + 2, n - i - 2);

						if (is_low(lo))
						{
							cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
							i += 6;
						}
					}
					o += put_utf8(out + o, (unsigned) cp);
					continue;
				}
			default:			/* " \ / */
				out[o++] = (char) s[i + 1];
		}
		i += 2;
	}
	return o;
}

KmCode
km_jlex_fail(const KmJToken *t, KmError *err)
{
	size_t		at = t->err_at;

	switch (t->err)
	{
		case KJE_UNTERMINATED:
			return km_fail(err, KM_ESYNTAX, "A string is not terminated.");
		case KJE_CTRL:
			return km_fail(err, KM_ESYNTAX,
						   "A string contains an unescaped control character at offset %zu.", at);
		case KJE_ESCAPE:
			return km_fail(err, KM_ESYNTAX, "Invalid escape \"\\%c\" at offset %zu.", t->esc, at);
		case KJE_HEX:
			return km_fail(err, KM_ESYNTAX, "Invalid \\u escape at offset %zu.", at);
		case KJE_NUL:
			return km_fail(err, KM_ESYNTAX, "A string contains \\u0000 at offset %zu.", at);
		case KJE_SURROGATE:
			return km_fail(err, KM_ESYNTAX,
						   "A string contains an unpaired surrogate \\u%04X at offset %zu.", t->cp, at);
		case KJE_UTF8:
			return km_fail(err, KM_ESYNTAX, "A string contains invalid UTF-8 at offset %zu.", at);
		case KJE_NUMBER:
			return km_fail(err, KM_ESYNTAX, "Invalid number at offset %zu.", at);
		case KJE_CHAR:
		case KJE_NONE:
			break;
	}
	return km_fail(err, KM_ESYNTAX, "Unexpected character at offset %zu.", at);
}
