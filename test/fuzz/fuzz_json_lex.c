/*
 * libFuzzer harness: the one JSON lexer (src/core/json_lex.c) against json-c.
 * The bytes are read as one JSON text twice: by a small recursive-descent
 * checker over the lexer's tokens (strict RFC 8259 with shortest-form UTF-8),
 * and by json-c in its strict mode with UTF-8 validation.
 *   - What the lexer accepts, json-c accepts too, and a top-level string or
 *     number decodes to the same value (strings byte for byte, numbers as the
 *     same double).
 *   - What json-c accepts and the lexer refuses must be one of json-c's
 *     documented leniencies: lone surrogates, \u0000, raw control bytes, and
 *     numbers RFC 8259 does not allow (NaN, "1.", "-01").
 *   - Known json-c defect, not compared: some valid surrogate pairs decode to
 *     U+FFFD in json-c (fffd_for_pair).
 */
#include <json-c/json.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_lex.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DEPTH 16

typedef struct Check
{
	KmJLex		lx;
	KmJToken	t;
	KmJLexErr	why;			/* the lexer's refusal, or KJE_NONE for a grammar error */
	int			deepest;		/* the deepest nesting reached */
	bool		bigint;			/* an integer of 19 digits or more (json-c refuses some) */
} Check;

/* Read the next token into c->t; false on a lexer error (reason in c->why). */
static bool
next(Check *c)
{
	if (km_jlex_next(&c->lx, &c->t) == KJT_ERROR)
	{
		c->why = c->t.err;
		return false;
	}
	if (c->t.type == KJT_NUMBER && !c->t.num.frac && !c->t.num.exp && c->t.num.nint >= 19)
		c->bigint = true;
	return true;
}

/* One value starting at the current token; false when the text is not JSON. */
static bool
value(Check *c, int depth)
{
	KmJTok		type = c->t.type;

	if (depth > c->deepest)
		c->deepest = depth;
	if (type == KJT_STRING || type == KJT_NUMBER || type == KJT_TRUE ||
		type == KJT_FALSE || type == KJT_NULL)
		return true;
	if ((type != KJT_LBRACE && type != KJT_LBRACKET) || depth >= MAX_DEPTH)
		return false;
	if (!next(c))
		return false;
	if (c->t.type == (type == KJT_LBRACE ? KJT_RBRACE : KJT_RBRACKET))
		return true;
	for (;;)
	{
		if (type == KJT_LBRACE)
		{
			if (c->t.type != KJT_STRING || !next(c) || c->t.type != KJT_COLON || !next(c))
				return false;
		}
		if (!value(c, depth + 1) || !next(c))
			return false;
		if (c->t.type == (type == KJT_LBRACE ? KJT_RBRACE : KJT_RBRACKET))
			return true;
		if (c->t.type != KJT_COMMA || !next(c))
			return false;
	}
}

/*
 * json-c 0.16 decodes some valid surrogate-pair escapes (e.g. \ud836\ude09,
 * U+1DA09) as U+FFFD; the lexer gives the character.  A string whose json-c
 * decoding holds U+FFFD is not compared.
 */
static bool
fffd_for_pair(const char *s, int len)
{
	int			i;

	for (i = 0; i + 2 < len; i++)
		if ((unsigned char) s[i] == 0xEF && (unsigned char) s[i + 1] == 0xBF &&
			(unsigned char) s[i + 2] == 0xBD)
			return true;
	return false;
}

/* The whole text as one JSON value under flags; the first token in *first. */
static bool
check_text(Check *c, const char *s, size_t size, unsigned flags, KmJToken *first)
{
	bool		ok;

	memset(c, 0, sizeof(*c));
	km_jlex_init(&c->lx, s, size, flags);
	ok = next(c) && value(c, 0);
	*first = c->t;
	return ok && next(c) && c->t.type == KJT_EOF;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	Check		c;
	bool		ours;
	KmJToken	first;
	struct json_tokener *tok;
	json_object *root;
	bool		theirs;

	if (size > 4096 || memchr(data, '\0', size) != NULL)
		return 0;				/* json-c reads NUL-terminated text */
	ours = check_text(&c, s, size, KJ_LEX_UTF8, &first);

	tok = json_tokener_new_ex(MAX_DEPTH + 1);
	if (tok == NULL)
		return 0;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	{
		/* with its NUL, so that a number at the very end is complete */
		char	   *z = malloc(size + 1);

		if (z == NULL)
			abort();
		memcpy(z, s, size);
		z[size] = '\0';
		root = json_tokener_parse_ex(tok, z, (int) size + 1);
		free(z);
	}
	/* json-c gives NULL for the text "null": success is the tokener's verdict */
	theirs = json_tokener_get_error(tok) == json_tokener_success && tok->char_offset >= (int) size;
	json_tokener_free(tok);

	if (ours && !theirs)
	{
		/* json-c's depth counts differently at the limit, and it refuses
		 * integers beyond 64 bits in strict mode; anything else is a bug */
		if (c.deepest >= MAX_DEPTH - 1 || c.bigint)
			return 0;
		fprintf(stderr, "the lexer accepts what json-c refuses\n");
		abort();
	}
	if (!ours && theirs)
	{
		Check		lenient;
		KmJToken	f2;
		KmJLexErr	w;

		/* json-c's leniencies, which the lexer has flags for: raw control bytes,
		 * \u0000, lone surrogates, leading zeros; with them the lexer accepts */
		if (check_text(&lenient, s, size,
					   KJ_LEX_CTRL_OK | KJ_LEX_NUL_OK | KJ_LEX_LONE_OK | KJ_LEX_ZEROS_OK, &f2))
		{
			json_object_put(root);
			return 0;
		}
		/* and those it has none for: NaN / Infinity (no token), "1." and "-"
		 * forms of numbers, and the depth limit, counted differently */
		w = lenient.why;
		if (w == KJE_CHAR || w == KJE_NUMBER || c.deepest >= MAX_DEPTH - 1 ||
			lenient.deepest >= MAX_DEPTH - 1)
		{
			json_object_put(root);
			return 0;
		}
		fprintf(stderr, "json-c accepts what the lexer refuses, even with its leniencies (%d)\n", (int) w);
		abort();
	}
	if (ours && theirs && root != NULL)
	{
		if (first.type == KJT_STRING)
		{
			size_t		len;
			size_t		off = km_jlex_body(&first, &len);
			char	   *buf = malloc(len + 1);
			size_t		n;

			if (buf == NULL)
				abort();
			n = first.escaped ? km_jlex_unescape(s + off, len, buf) : (memcpy(buf, s + off, len), len);
			if (!json_object_is_type(root, json_type_string) ||
				((size_t) json_object_get_string_len(root) != n ||
				 memcmp(json_object_get_string(root), buf, n) != 0) &&
				!fffd_for_pair(json_object_get_string(root), json_object_get_string_len(root)))
			{
				fprintf(stderr, "a string decodes differently\n");
				abort();
			}
			free(buf);
		}
		else if (first.type == KJT_NUMBER)
		{
			size_t		tl = first.end - first.start;
			char	   *txt = malloc(tl + 1);
			double		ours_d;
			double		theirs = json_object_get_double(root);

			if (txt == NULL)
				abort();
			memcpy(txt, s + first.start, tl);
			txt[tl] = '\0';
			ours_d = strtod(txt, NULL);

			free(txt);
			if (!(ours_d == theirs || (isnan(ours_d) && isnan(theirs))) &&
				!json_object_is_type(root, json_type_int))
			{
				fprintf(stderr, "a number decodes differently\n");
				abort();
			}
		}
	}
	if (root != NULL)
		json_object_put(root);
	return 0;
}
