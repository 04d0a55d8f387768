/* Unit tests of src/core/count.c; expected values worked out by hand. */
#include "km_test.h"
#include "count.h"

/* Parse s; returns the code, value and flags through pointers. */
static KmCode
pc(const char *s, int64_t *v, unsigned *f)
{
	KmError		err;

	km_clear(&err);
	*v = -1;
	*f = 99;
	return km_parse_count(s, strlen(s), v, f, &err);
}

#define COUNT_IS(s, want, wantflags) do { \
	int64_t v_; unsigned f_; \
	KmCode rc_ = pc((s), &v_, &f_); \
	is_int(rc_, KM_OK, s " parses"); \
	is_int(v_, (want), s " value"); \
	is_int(f_, (wantflags), s " flags"); \
} while (0)

#define COUNT_BAD(s, code) do { \
	int64_t v_; unsigned f_; \
	is_int(pc((s), &v_, &f_), (code), s " rejected"); \
} while (0)

int
main(void)
{
	KmError		err;
	int64_t		v;
	unsigned	f;
	const char	nul[] = {'1', '\0', '2'};

	COUNT_IS("0", 0, 0);
	COUNT_IS("307", 307, 0);
	COUNT_IS("1,234", 1234, 0);
	COUNT_IS("1,234,567", 1234567, 0);
	km_clear(&err);
	is_int(km_parse_count(" \t42\r\n", 6, &v, &f, &err), KM_OK, "surrounding whitespace allowed");
	is_int(v, 42, "whitespace-wrapped 42");
	/* units, exact decimal */
	COUNT_IS("1.2万", 12000, KM_COUNT_ROUNDED);
	COUNT_IS("1.2亿", 120000000, KM_COUNT_ROUNDED);
	COUNT_IS("2.15亿", 215000000, KM_COUNT_ROUNDED);
	COUNT_IS("2.1w", 21000, KM_COUNT_ROUNDED);
	COUNT_IS("2.1W", 21000, KM_COUNT_ROUNDED);
	COUNT_IS("1.5k", 1500, KM_COUNT_ROUNDED);
	COUNT_IS("3千", 3000, KM_COUNT_ROUNDED);
	COUNT_IS("1.2M", 1200000, KM_COUNT_ROUNDED);
	COUNT_IS("4.3B", 4300000000LL, KM_COUNT_ROUNDED);
	COUNT_IS("1万", 10000, KM_COUNT_ROUNDED);
	COUNT_IS("1.2千万", 12000000, KM_COUNT_ROUNDED);
	COUNT_IS("0.1亿", 10000000, KM_COUNT_ROUNDED);
	/* 0.1 + 0.2 style binary errors cannot happen: 0.3万 = 3000 exactly */
	COUNT_IS("0.3万", 3000, KM_COUNT_ROUNDED);
	COUNT_IS("1.15万", 11500, KM_COUNT_ROUNDED);
	/* half up */
	COUNT_IS("1.23455万", 12346, KM_COUNT_ROUNDED);
	COUNT_IS("0.100000000000000000000000亿亿", 1000000000000000, KM_COUNT_ROUNDED);
	COUNT_IS("0.99999999999999995亿亿", 10000000000000000, KM_COUNT_ROUNDED);
	COUNT_IS("0.99999999999999994999亿亿", 9999999999999999, KM_COUNT_ROUNDED);
	COUNT_IS("1.000000000000000000000000000000000001", 1, KM_COUNT_ROUNDED);
	COUNT_IS("十万", 100000, KM_COUNT_ROUNDED);
	COUNT_IS("百万", 1000000, KM_COUNT_ROUNDED);
	COUNT_IS("千万+", 10000000, KM_COUNT_ROUNDED | KM_COUNT_FLOOR);
	COUNT_IS("十", 10, KM_COUNT_ROUNDED);
	COUNT_IS("1.23454万", 12345, KM_COUNT_ROUNDED);
	COUNT_IS("0.5", 1, KM_COUNT_ROUNDED);
	COUNT_IS("2.4", 2, KM_COUNT_ROUNDED);
	COUNT_IS("7.000", 7, 0);
	/* floors */
	COUNT_IS("10万+", 100000, KM_COUNT_ROUNDED | KM_COUNT_FLOOR);
	COUNT_IS("1k+", 1000, KM_COUNT_ROUNDED | KM_COUNT_FLOOR);
	COUNT_IS("10+", 10, KM_COUNT_FLOOR);
	COUNT_IS(" 999 + ", 999, KM_COUNT_FLOOR);
	/* bigint edge */
	COUNT_IS("9223372036854775807", INT64_MAX, 0);
	COUNT_IS("0.000000000000000000000000000001", 0, KM_COUNT_ROUNDED);
	COUNT_BAD("9223372036854775808", KM_ERANGE);
	COUNT_BAD("922337203685477580.8k", KM_ERANGE);
	COUNT_BAD("100000000000000000000000000000000000000000", KM_ERANGE);
	COUNT_BAD("10000000万亿", KM_ERANGE);
	/* garbage */
	COUNT_BAD("", KM_ESYNTAX);
	COUNT_BAD("  ", KM_ESYNTAX);
	COUNT_BAD("abc", KM_ESYNTAX);
	COUNT_BAD("-1", KM_ESYNTAX);
	COUNT_BAD("+1", KM_ESYNTAX);
	COUNT_BAD("1.", KM_ESYNTAX);
	COUNT_BAD(".1", KM_ESYNTAX);
	COUNT_BAD("1..2", KM_ESYNTAX);
	COUNT_BAD("1,23", KM_ESYNTAX);
	COUNT_BAD("1,2345", KM_ESYNTAX);
	COUNT_BAD("1234,567", KM_ESYNTAX);
	COUNT_BAD(",123", KM_ESYNTAX);
	COUNT_BAD("1,,234", KM_ESYNTAX);
	COUNT_BAD("1.2,345", KM_ESYNTAX);
	COUNT_BAD("1kk", KM_ESYNTAX);
	COUNT_BAD("1万万万", KM_ESYNTAX);
	COUNT_BAD("1++", KM_ESYNTAX);
	COUNT_BAD("1e5", KM_ESYNTAX);
	COUNT_BAD("0x10", KM_ESYNTAX);
	COUNT_BAD("\xe4\xb8", KM_ESYNTAX);	/* truncated UTF-8 */
	COUNT_BAD("1\xe4\xb8", KM_ESYNTAX);
	is_int(km_parse_count(nul, sizeof(nul), &v, &f, &err), KM_ESYNTAX, "embedded NUL rejected");
	/* length is honoured: "12" of "123" */
	km_clear(&err);
	is_int(km_parse_count("123", 2, &v, &f, &err), KM_OK, "prefix parses");
	is_int(v, 12, "only len bytes read");
	/* details name the problem */
	km_clear(&err);
	km_parse_count("12x", 3, &v, &f, &err);
	is_str(err.detail, "Unexpected character \"x\" after the count.", "detail names the character");
	km_clear(&err);
	km_parse_count("1万次", strlen("1万次"), &v, &f, &err);
	is_str(err.detail, "Unexpected character \"次\" after the count.", "detail names a CJK character");
	km_clear(&err);
	km_parse_count("-3", 2, &v, &f, &err);
	is_str(err.detail, "A count cannot be negative.", "negative detail");
	return done_testing();
}
