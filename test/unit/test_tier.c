/* Unit tests of src/core/tier.c, checked against a linear scan. */
#include "km_test.h"
#include "tier.h"

static int
linear(const int64_t *mins, int n, int64_t x)
{
	int			r = -1;

	for (int i = 0; i < n; i++)
		if (mins[i] <= x)
			r = i;
	return r;
}

int
main(void)
{
	const int64_t later[] = {0, 10000, 100000, 500000, 1000000};
	const int64_t mediakix[] = {1000, 10000, 50000, 500000, 1000000};
	const int64_t probes[] = {INT64_MIN, -1, 0, 1, 999, 1000, 9999, 10000, 49999, 50000,
		99999, 100000, 499999, 500000, 999999, 1000000, INT64_MAX};
	int			agree = 1;

	is_int(km_band_find(later, 5, 0), 0, "0 followers: nano");
	is_int(km_band_find(later, 5, 9999), 0, "9,999: nano");
	is_int(km_band_find(later, 5, 10000), 1, "10,000: micro (bounds inclusive)");
	is_int(km_band_find(later, 5, 499999), 2, "499,999: mid");
	is_int(km_band_find(later, 5, 500000), 3, "500,000: macro");
	is_int(km_band_find(later, 5, 1000000), 4, "1,000,000: mega");
	is_int(km_band_find(later, 5, INT64_MAX), 4, "INT64_MAX: mega");
	is_int(km_band_find(mediakix, 5, 999), -1, "below the lowest band: -1");
	is_int(km_band_find(mediakix, 0, 5), -1, "no bands: -1");
	is_int(km_band_find(mediakix, 1, 5000), 0, "one band");
	for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		for (int n = 0; n <= 5; n++)
			agree &= km_band_find(mediakix, n, probes[i]) == linear(mediakix, n, probes[i]) &&
				km_band_find(later, n, probes[i]) == linear(later, n, probes[i]);
	ok(agree, "binary search agrees with a linear scan on every probe and prefix");

	{
		/* sorted by strcmp: upper case and '_' before lower case, UTF-8 last */
		const char *const names[] = {"Later", "hypeauditor", "kasi_douyin", "kasi_douyin_2020",
			"later", "mediakix", "xiaohongshu", "小红书"};
		int			all = 1;

		is_int(km_scheme_find(names, 8, "later"), 4, "scheme 'later' found");
		is_int(km_scheme_find(names, 8, "Later"), 0, "names are case-sensitive: 'Later' is its own");
		is_int(km_scheme_find(names, 8, "kasi_douyin"), 2, "a name that prefixes another");
		is_int(km_scheme_find(names, 8, "小红书"), 7, "a UTF-8 name");
		is_int(km_scheme_find(names, 8, "kasi"), -1, "a prefix of a name is not the name");
		is_int(km_scheme_find(names, 8, "zzz"), -1, "past the last name");
		is_int(km_scheme_find(names, 0, "later"), -1, "no schemes");
		for (int i = 0; i < 8; i++)
			all &= km_scheme_find(names, 8, names[i]) == i;
		ok(all, "every name is found at its index");
	}
	return done_testing();
}
