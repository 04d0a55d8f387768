/*
 * json_lex.h
 *	  The one JSON lexer of the cores: tokens, the RFC 8259 string and number
 *	  grammar, one string-unescape routine and one UTF-8 / UTF-16 surrogate rule.
 *
 * Its users:
 *	  - profile_json.c re-scans kol_profile text json-c accepted, strictly
 *	    (json-c is lenient: NaN, "1.", "-01", lone surrogates, \u0000, control
 *	    bytes), and decodes object keys to find duplicates;
 *	  - ingest_json.c's fast parser reads payloads in place and declines
 *	    whatever the lexer refuses (json-c then parses and reports it);
 *	  - ingest.c finds lone surrogates in payloads json-c accepted (which are
 *	    otherwise well-formed) and reads decimal counters exactly from json-c's
 *	    number text.
 *
 * By default the lexer is strict RFC 8259 and does not look at UTF-8 (json-c
 * validated it already).  Flags relax or tighten it where a user needs to:
 *	  KJ_LEX_UTF8		refuse byte sequences that are not shortest-form UTF-8
 *						(RFC 3629; km_utf8_len), as json-c's own check is loose;
 *	  KJ_LEX_CTRL_OK	raw control bytes (< 0x20) inside strings pass (json-c's rule);
 *	  KJ_LEX_NUL_OK		the escape \u0000 passes (json-c's rule);
 *	  KJ_LEX_LONE_OK	lone surrogate escapes pass; the first is noted in the
 *						token (lone, lone_at) so the caller can refuse it with its
 *						own words;
 *	  KJ_LEX_ZEROS_OK	numbers may have leading zeros ("01.5", json-c's rule).
 *
 * The text need not be NUL-terminated: every read is bounded by its length.
 */
#ifndef KM_JSON_LEX_H
#define KM_JSON_LEX_H

#include "km_core.h"

#define KJ_LEX_UTF8		0x01
#define KJ_LEX_CTRL_OK	0x02
#define KJ_LEX_NUL_OK	0x04
#define KJ_LEX_LONE_OK	0x08
#define KJ_LEX_ZEROS_OK 0x10

typedef enum KmJTok
{
	KJT_EOF,					/* only whitespace is left */
	KJT_LBRACE,					/* { */
	KJT_RBRACE,					/* } */
	KJT_LBRACKET,				/* [ */
	KJT_RBRACKET,				/* ] */
	KJT_COLON,
	KJT_COMMA,
	KJT_STRING,
	KJT_NUMBER,
	KJT_TRUE,
	KJT_FALSE,
	KJT_NULL,
	KJT_ERROR					/* see KmJLexErr */
} KmJTok;

typedef enum KmJLexErr
{
	KJE_NONE,
	KJE_UNTERMINATED,			/* a string runs to the end of the text */
	KJE_CTRL,					/* an unescaped control byte in a string */
	KJE_ESCAPE,					/* "\x" with x not one of "\/bfnrtu */
	KJE_HEX,					/* "\u" without four hex digits */
	KJE_NUL,					/* \u0000 */
	KJE_SURROGATE,				/* a lone UTF-16 surrogate escape (cp) */
	KJE_UTF8,					/* not shortest-form UTF-8 (KJ_LEX_UTF8) */
	KJE_NUMBER,					/* not an RFC 8259 number */
	KJE_CHAR					/* no token starts here */
} KmJLexErr;

/* A number's parts, as written: -? int (. frac)? ([eE] [+-]? digits)? */
typedef struct KmJNum
{
	bool		neg;
	bool		frac;			/* a fraction was written */
	bool		exp;			/* an exponent was written */
	uint32_t	nint;			/* integer digits, at s + int_at */
	uint32_t	nfrac;			/* fraction digits, at s + frac_at */
	size_t		int_at,
				frac_at;
	long		e;				/* the exponent's value, saturated near +-10^10 */
} KmJNum;

typedef struct KmJToken
{
	KmJTok		type;
	size_t		start;			/* offset of the token's first byte (a string's opening quote) */
	size_t		end;			/* offset just past it */
	/* KJT_STRING */
	bool		escaped;		/* the body has escapes: decode with km_jlex_unescape */
	unsigned	lone;			/* KJ_LEX_LONE_OK: the first lone surrogate, or 0 */
	size_t		lone_at;		/* ... and the offset of its backslash */
	/* KJT_NUMBER */
	KmJNum		num;
	/* KJT_ERROR */
	KmJLexErr	err;
	size_t		err_at;			/* offset of the offending byte or escape */
	unsigned	cp;				/* KJE_SURROGATE: the code unit */
	char		esc;			/* KJE_ESCAPE: the escaped byte */
} KmJToken;

typedef struct KmJLex
{
	const char *s;
	size_t		n;
	size_t		pos;
	unsigned	flags;
} KmJLex;

/* Start lexing the n bytes at s with KJ_LEX_* flags. */
static inline void
km_jlex_init(KmJLex *lx, const char *s, size_t n, unsigned flags)
{
	lx->s = s;
	lx->n = n;
	lx->pos = 0;
	lx->flags = flags;
}

/* Whether c is JSON whitespace (space, tab, newline, CR). */
static inline bool
km_jlex_is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip whitespace; the next byte, or -1 at the end of the text. */
static inline int
km_jlex_peek(KmJLex *lx)
{
	while (lx->pos < lx->n && km_jlex_is_ws((unsigned char) lx->s[lx->pos]))
		lx->pos++;
	return lx->pos < lx->n ? (unsigned char) lx->s[lx->pos] : -1;
}

/* Internals of the inline scanners below (json_lex.c). */
extern const unsigned char km_jlex_stop[256];	/* '"', '\\', < 0x20, >= 0x80 */
extern KmJTok km_jlex_string_rest(KmJLex *lx, KmJToken *t, size_t p);

/* Make t a KJT_ERROR token: error e at offset at; returns KJT_ERROR. */
static inline KmJTok
km_jlex_error(KmJToken *t, KmJLexErr e, size_t at)
{
	t->type = KJT_ERROR;
	t->err = e;
	t->err_at = at;
	return KJT_ERROR;
}

/*
 * A string whose opening quote is at lx->pos (KJT_STRING or KJT_ERROR).
 * Inline: a run of plain bytes up to the closing quote is the common case;
 * escapes, UTF-8 and errors are json_lex.c's.
 */
static inline KmJTok
km_jlex_string(KmJLex *lx, KmJToken *t)
{
	const unsigned char *s = (const unsigned char *) lx->s;
	size_t		p = lx->pos + 1,
				n = lx->n;

	t->start = lx->pos;
	t->escaped = false;
	t->lone = 0;
	while (p < n && !km_jlex_stop[s[p]])
		p++;
	if (p < n && s[p] == '"')
	{
		t->type = KJT_STRING;
		t->end = p + 1;
		lx->pos = p + 1;
		return KJT_STRING;
	}
	return km_jlex_string_rest(lx, t, p);
}

/* Whether s[p] is a decimal digit (false when p is past n). */
static inline bool
km_jlex_digit(const char *s, size_t p, size_t n)
{
	return p < n && s[p] >= '0' && s[p] <= '9';
}

/*
 * A number starting at lx->pos (KJT_NUMBER, or KJT_ERROR with KJE_NUMBER):
 * RFC 8259 -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, leading
 * zeros admitted with KJ_LEX_ZEROS_OK.
 */
static inline KmJTok
km_jlex_number(KmJLex *lx, KmJToken *t)
{
	const char *s = lx->s;
	size_t		n = lx->n,
				p = lx->pos;
	KmJNum	   *num = &t->num;

	t->start = p;
	num->neg = false;
	num->frac = num->exp = false;
	num->nfrac = 0;
	num->frac_at = 0;
	num->e = 0;
	if (p < n && s[p] == '-')
	{
		num->neg = true;
		p++;
	}
	num->int_at = p;
	if (p < n && s[p] == '0' && !(lx->flags & KJ_LEX_ZEROS_OK))
		p++;
	else if (km_jlex_digit(s, p, n))
		while (km_jlex_digit(s, p, n))
			p++;
	else
		return km_jlex_error(t, KJE_NUMBER, t->start);
	num->nint = (uint32_t) (p - num->int_at);
	if (p < n && s[p] == '.')
	{
		num->frac = true;
		num->frac_at = ++p;
		if (!km_jlex_digit(s, p, n))
			return km_jlex_error(t, KJE_NUMBER, t->start);
		while (km_jlex_digit(s, p, n))
			p++;
		num->nfrac = (uint32_t) (p - num->frac_at);
	}
	if (p < n && (s[p] == 'e' || s[p] == 'E'))
	{
		bool		eneg = false;

		num->exp = true;
		p++;
		if (p < n && (s[p] == '+' || s[p] == '-'))
			eneg = (s[p++] == '-');
		if (!km_jlex_digit(s, p, n))
			return km_jlex_error(t, KJE_NUMBER, t->start);
		while (km_jlex_digit(s, p, n))
		{
			if (num->e < 1000000000L)	/* saturate: far beyond any digit count */
				num->e = num->e * 10 + (s[p] - '0');
			p++;
		}
		if (eneg)
			num->e = -num->e;
	}
	t->type = KJT_NUMBER;
	t->end = p;
	lx->pos = p;
	return KJT_NUMBER;
}

/*
 * An integer token with at most 18 digits (no fraction, no exponent) into *v:
 * such values convert exactly and fit int64 with room to spare.
 */
static inline bool
km_jnum_int18(const char *s, const KmJNum *num, int64_t *v)
{
	const char *d = s + num->int_at;
	int64_t		i = 0;
	uint32_t	k;

	if (num->frac || num->exp || num->nint > 18)
		return false;
	for (k = 0; k < num->nint; k++)
		i = i * 10 + (d[k] - '0');
	*v = num->neg ? -i : i;
	return true;
}

/* Make t a token of type type and len bytes at lx->pos, and move past it. */
static inline KmJTok
km_jlex_single(KmJLex *lx, KmJToken *t, KmJTok type, size_t len)
{
	t->type = type;
	t->start = lx->pos;
	t->end = lx->pos + len;
	lx->pos += len;
	return type;
}

/* The next token after whitespace; lx->pos moves past it (not past an error). */
static inline KmJTok
km_jlex_next(KmJLex *lx, KmJToken *t)
{
	int			c = km_jlex_peek(lx);
	size_t		left = lx->n - lx->pos;
	const char *p = lx->s + lx->pos;

	switch (c)
	{
		case -1:
			return km_jlex_single(lx, t, KJT_EOF, 0);
		case '{':
			return km_jlex_single(lx, t, KJT_LBRACE, 1);
		case '}':
			return km_jlex_single(lx, t, KJT_RBRACE, 1);
		case '[':
			return km_jlex_single(lx, t, KJT_LBRACKET, 1);
		case ']':
			return km_jlex_single(lx, t, KJT_RBRACKET, 1);
		case ':':
			return km_jlex_single(lx, t, KJT_COLON, 1);
		case ',':
			return km_jlex_single(lx, t, KJT_COMMA, 1);
		case '"':
			return km_jlex_string(lx, t);
		case 't':
			if (left >= 4 && p[1] == 'r' && p[2] == 'u' && p[3] == 'e')
				return km_jlex_single(lx, t, KJT_TRUE, 4);
			break;
		case 'f':
			if (left >= 5 && p[1] == 'a' && p[2] == 'l' && p[3] == 's' && p[4] == 'e')
				return km_jlex_single(lx, t, KJT_FALSE, 5);
			break;
		case 'n':
			if (left >= 4 && p[1] == 'u' && p[2] == 'l' && p[3] == 'l')
				return km_jlex_single(lx, t, KJT_NULL, 4);
			break;
		default:
			if (c == '-' || (c >= '0' && c <= '9'))
				return km_jlex_number(lx, t);
			break;
	}
	t->start = lx->pos;
	return km_jlex_error(t, KJE_CHAR, lx->pos);
}

/*
 * Decode the body of a string token (the n bytes between its quotes, which
 * the lexer accepted) into out, which has room for n bytes and may be the
 * body itself (decoding in place: the text never grows).  A surrogate pair
 * becomes one code point; a lone surrogate (KJ_LEX_LONE_OK) is encoded as
 * such.  Returns the decoded length; nothing is NUL-terminated.
 */
extern size_t km_jlex_unescape(const char *body, size_t n, char *out);

/* The body of string token t: offset and length. */
static inline size_t
km_jlex_body(const KmJToken *t, size_t *len)
{
	*len = t->end - t->start - 2;
	return t->start + 1;
}

/* The error of an KJT_ERROR token as a sentence (kol_profile's words). */
extern KmCode km_jlex_fail(const KmJToken *t, KmError *err);

#endif							/* KM_JSON_LEX_H */
