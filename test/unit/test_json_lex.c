/*
 * Unit tests of the JSON lexer (src/core/json_lex.c): tokens, the string and
 * number grammar of RFC 8259, unescaping and the surrogate rule, and the flags
 * that relax it.  Expected values by hand.
 */
#include <string.h>

#include "km_test.h"
#include "json_lex.h"

/* The type of the first token of s under flags; its error in *e. */
static KmJTok
first(const char *s, unsigned flags, KmJToken *t)
{
	KmJLex		lx;

	km_jlex_init(&lx, s, strlen(s), flags);
	return km_jlex_next(&lx, t);
}

/* s as one string token, unescaped into out (NUL-terminated); its length or -1. */
static long
decode(const char *s, char *out)
{
	KmJToken	t;
	size_t		len,
				off;
	size_t		n;

	if (first(s, KJ_LEX_UTF8, &t) != KJT_STRING)
		return -1;
	off = km_jlex_body(&t, &len);
	n = t.escaped ? km_jlex_unescape(s + off, len, out) : (memcpy(out, s + off, len), len);
	out[n] = '\0';
	return (long) n;
}

int
main(void)
{
	KmJLex		lx;
	KmJToken	t;
	char		buf[64];
	int64_t		v = 0;
	const char *doc = " {\"a\" : [1, true, false, null]} ";
	static const KmJTok want[] = {KJT_LBRACE, KJT_STRING, KJT_COLON, KJT_LBRACKET, KJT_NUMBER,
		KJT_COMMA, KJT_TRUE, KJT_COMMA, KJT_FALSE, KJT_COMMA, KJT_NULL, KJT_RBRACKET, KJT_RBRACE, KJT_EOF};
	int			all = 1;

	km_jlex_init(&lx, doc, strlen(doc), 0);
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		all &= km_jlex_next(&lx, &t) == want[i];
	ok(all, "the tokens of a small document, whitespace skipped, then EOF");

	is_int(decode("\"plain\"", buf), 5, "a plain string: 5 bytes");
	is_str(buf, "plain", "its body");
	is_int(decode("\"a\\n\\\"\\\\\\/\\t\"", buf), 6, "escapes \\n \\\" \\\\ \\/ \\t decode to one byte each");
	is_str(buf, "a\n\"\\/\t", "their bytes");
	is_int(decode("\"\\u00e9\\u4e07\"", buf), 5, "\\u00e9 is 2 bytes of UTF-8, \\u4e07 (万) 3");
	is_str(buf, "\xc3\xa9\xe4\xb8\x87", "their UTF-8");
	is_int(decode("\"\\ud83d\\ude00\"", buf), 4, "a surrogate pair is one 4-byte character");
	is_str(buf, "\xf0\x9f\x98\x80", "U+1F600");
	is_int(decode("\"\\ud836\\ude09\"", buf), 4, "the pair of U+1DA09 (one json-c turns into U+FFFD)");
	is_str(buf, "\xf0\x9d\xa8\x89", "U+1DA09");

	is_int(first("\"\\ud800\"", 0, &t), KJT_ERROR, "a lone high surrogate is refused");
	is_int(t.err, KJE_SURROGATE, "... as a surrogate");
	is_int(first("\"\\udc00x\"", 0, &t), KJT_ERROR, "a lone low surrogate is refused");
	is_int(first("\"\\ud800\"", KJ_LEX_LONE_OK, &t), KJT_STRING, "KJ_LEX_LONE_OK lets it through");
	is_int(t.lone, 0xD800, "... and notes it");
	is_int(first("\"\\u0000\"", 0, &t), KJT_ERROR, "\\u0000 is refused");
	is_int(first("\"\\u0000\"", KJ_LEX_NUL_OK, &t), KJT_STRING, "KJ_LEX_NUL_OK lets it through");
	is_int(first("\"a\tb\"", 0, &t), KJT_ERROR, "a raw tab inside a string is refused");
	is_int(t.err, KJE_CTRL, "... as a control byte");
	is_int(first("\"a\tb\"", KJ_LEX_CTRL_OK, &t), KJT_STRING, "KJ_LEX_CTRL_OK lets it through");
	is_int(first("\"\\x\"", 0, &t), KJT_ERROR, "\\x is not an escape");
	is_int(first("\"\\u12g4\"", 0, &t), KJT_ERROR, "\\u needs four hex digits");
	is_int(first("\"open", 0, &t), KJT_ERROR, "an unterminated string");
	is_int(t.err, KJE_UNTERMINATED, "... is said so");
	is_int(first("\"\xc0\xaf\"", KJ_LEX_UTF8, &t), KJT_ERROR, "an overlong UTF-8 form is refused with KJ_LEX_UTF8");
	is_int(first("\"\xc0\xaf\"", 0, &t), KJT_STRING, "... and passed without it (json-c checked)");

	is_int(first("-12.50e+3", 0, &t), KJT_NUMBER, "a number with sign, fraction and exponent");
	ok(t.num.neg && t.num.frac && t.num.exp && t.num.nint == 2 && t.num.nfrac == 2 && t.num.e == 3,
	   "... and its parts: negative, 2 integer and 2 fraction digits, exponent 3");
	is_int(first("01", 0, &t), KJT_NUMBER, "a leading zero ends the number at 0");
	is_int((long) t.end, 1, "... one byte long");
	is_int(first("01.5", KJ_LEX_ZEROS_OK, &t), KJT_NUMBER, "KJ_LEX_ZEROS_OK reads 01.5 whole");
	is_int((long) t.end, 4, "... four bytes");
	is_int(first("1.", 0, &t), KJT_ERROR, "1. is not a number");
	is_int(first("-", 0, &t), KJT_ERROR, "a lone minus is not a number");
	is_int(first("NaN", 0, &t), KJT_ERROR, "NaN is no token");
	is_int(first("922337203685477580", 0, &t), KJT_NUMBER, "18 digits");
	ok(km_jnum_int18("922337203685477580", &t.num, &v) && v == 922337203685477580LL,
	   "km_jnum_int18 reads 18 digits exactly");
	is_int(first("tru", 0, &t), KJT_ERROR, "a truncated literal");
	return done_testing();
}
