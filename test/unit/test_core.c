/* Unit tests of src/core/km_core.c: UTF-8 cutting and sanitising of error texts. */
#include "km_test.h"
#include "km_core.h"

int
main(void)
{
	/* "12万万" is 31 32 e4 b8 87 e4 b8 87: cuts land before a character, never inside. */
	const char *wan = "12\xe4\xb8\x87\xe4\xb8\x87";
	char		buf[32];
	KmError		err;

	is_int(km_utf8_cut(wan, 0), 0, "cut: zero bytes");
	is_int(km_utf8_cut(wan, 2), 2, "cut: ASCII prefix");
	is_int(km_utf8_cut(wan, 3), 2, "cut: one byte into 万 stops before it");
	is_int(km_utf8_cut(wan, 4), 2, "cut: two bytes into 万 stops before it");
	is_int(km_utf8_cut(wan, 5), 5, "cut: whole first 万");
	is_int(km_utf8_cut(wan, 100), 8, "cut: limit past the end gives the whole string");
	is_int(km_utf8_cut("\xf0\x9f\x98\x80x", 3), 0, "cut: inside a 4-byte emoji gives nothing");
	is_int(km_utf8_cut("a\xffz", 2), 2, "cut: an invalid byte counts as one");

	strcpy(buf, "ab\xe4\xb8");
	km_utf8_sanitize(buf);
	is_str(buf, "ab", "sanitize: a character cut at the end is dropped");
	strcpy(buf, "a\xff" "b\xc0\xaf" "c");
	km_utf8_sanitize(buf);
	is_str(buf, "a?b??c", "sanitize: invalid and overlong bytes become ?");
	strcpy(buf, "\xed\xa0\x80x");
	km_utf8_sanitize(buf);
	is_str(buf, "???x", "sanitize: an encoded surrogate is invalid");
	strcpy(buf, "\xf4\x90\x80\x80");
	km_utf8_sanitize(buf);
	is_str(buf, "????", "sanitize: past U+10FFFF is invalid");
	strcpy(buf, "\xe4\xb8\x87\xf0\x9f\x98\x80");
	km_utf8_sanitize(buf);
	is_str(buf, "\xe4\xb8\x87\xf0\x9f\x98\x80", "sanitize: valid text is unchanged");
	strcpy(buf, "\xe4\xb8x");
	km_utf8_sanitize(buf);
	is_str(buf, "??x", "sanitize: a truncated sequence mid-string becomes ?");

	/* km_fail cuts its 256-byte buffer on a character boundary. */
	{
		char		big[400];
		int			i;

		for (i = 0; i < 133; i++)
			memcpy(big + 3 * i, "\xe4\xb8\x87", 3);
		big[399] = '\0';
		big[3 * 133] = '\0';
		km_fail(&err, KM_ESYNTAX, "x%s", big);
		is_int(strlen(err.detail), 1 + 3 * 84, "km_fail: truncated detail ends on a boundary");
		is_int(err.code, KM_ESYNTAX, "km_fail: code kept");
	}
	return done_testing();
}
