/* Unit tests of src/core/fx.c: currency codes and the staleness rule, by hand. */
#include "km_test.h"
#include "fx.h"

int
main(void)
{
	/* 2025-01-02, -03, -06 (a Thursday, Friday and the next Monday) as day numbers */
	const int64_t days[] = {9133, 9134, 9137};
	uint32_t	code = 0;
	int			i = 99;

	ok(km_fx_code("USD", 3, &code) && code == (('U' << 16) | ('S' << 8) | 'D'), "USD packs");
	ok(km_fx_code("CNY", 3, &code) && code == 0x434E59, "CNY packs as 0x434E59");
	ok(!km_fx_code("usd", 3, &code), "lower case refused");
	ok(!km_fx_code("US", 2, &code), "two letters refused");
	ok(!km_fx_code("USDX", 4, &code), "four letters refused");
	ok(!km_fx_code("US ", 3, &code), "a space refused");
	ok(!km_fx_code("U$D", 3, &code), "a symbol refused");
	ok(!km_fx_code("\xc3\x9c" "S", 3, &code), "non-ASCII refused");
	ok(!km_fx_code("@[D", 3, &code), "the neighbours of A and Z refused");
	ok(!km_fx_code(NULL, 3, &code), "NULL refused");

	is_int(km_fx_pick(days, 3, 9134, 0, &i), KM_FX_FOUND, "rate on the day, max age 0");
	is_int(i, 1, "  the day's own rate");
	is_int(km_fx_pick(days, 3, 9136, 2, &i), KM_FX_FOUND, "Sunday: Friday's rate is 2 days old, max 2");
	is_int(i, 1, "  Friday's");
	is_int(km_fx_pick(days, 3, 9136, 1, &i), KM_FX_TOO_OLD, "Sunday, max age 1: too old");
	is_int(i, 1, "  the latest is still Friday's");
	is_int(km_fx_pick(days, 3, 9132, 10, &i), KM_FX_NONE_BEFORE, "before the first rate");
	is_int(i, -1, "  no index");
	is_int(km_fx_pick(days, 3, 9147, 10, &i), KM_FX_FOUND, "10 days after the last, max 10");
	is_int(km_fx_pick(days, 3, 9148, 10, &i), KM_FX_TOO_OLD, "11 days after the last, max 10");
	is_int(km_fx_pick(days, 0, 9148, 10, &i), KM_FX_NONE_BEFORE, "no rates at all");
	is_int(km_fx_pick(days, 3, -2451545 - 1000000, 10, &i), KM_FX_NONE_BEFORE, "far past");
	is_int(km_fx_pick(days, 3, 2147483647, 2147483647, &i), KM_FX_FOUND, "infinity's day number, huge max age");
	return done_testing();
}
