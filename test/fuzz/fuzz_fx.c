/*
 * fuzz_fx.c
 *	  libFuzzer harness for src/core/fx.c: km_fx_code and km_fx_pick.
 *
 * Input bytes:
 *	  byte 0			length L of a currency code (0..7)
 *	  bytes 1..L		the code, copied into a buffer of exactly L bytes
 *	  then 4 + 4		little-endian int32 day and int32 max age (made >= 0)
 *	  then			little-endian int32 days, sorted and made unique
 * Checked against plain re-statements: a code is accepted exactly when it is three
 * bytes 'A'..'Z', packed big-endian; the pick is the last day <= day, found when no
 * older than max age.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fx.h"

static int
cmp_i64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a;
	int64_t		y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

static int32_t
get_i32(const uint8_t *p)
{
	return (int32_t) ((uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		len,
				k;
	char	   *code;
	uint32_t	packed = 0;
	bool		want_ok;
	int64_t		day,
				max_age,
			   *days;
	int			n = 0,
				idx,
				want = -1;
	KmFxPick	got;

	if (size < 1)
		return 0;
	len = data[0] % 8;
	if (size < 1 + len + 8)
		return 0;
	code = malloc(len ? len : 1);
	if (code == NULL)
		return 0;
	memcpy(code, data + 1, len);
	want_ok = len == 3;
	for (size_t i = 0; i < len && want_ok; i++)
		want_ok = code[i] >= 'A' && code[i] <= 'Z';
	if (km_fx_code(code, len, &packed) != want_ok)
		abort();
	if (want_ok && packed != ((uint32_t) (unsigned char) code[0] << 16 |
							  (uint32_t) (unsigned char) code[1] << 8 | (unsigned char) code[2]))
		abort();
	free(code);

	data += 1 + len;
	size -= 1 + len;
	day = get_i32(data);
	max_age = get_i32(data + 4);
	if (max_age < 0)
		max_age = -max_age;
	data += 8;
	size -= 8;
	k = size / 4;
	if (k > 4096)
		k = 4096;
	days = malloc(k ? k * sizeof(int64_t) : 1);
	if (days == NULL)
		return 0;
	for (size_t i = 0; i < k; i++)
		days[i] = get_i32(data + 4 * i);
	qsort(days, k, sizeof(int64_t), cmp_i64);
	for (size_t i = 0; i < k; i++)
		if (n == 0 || days[n - 1] != days[i])
			days[n++] = days[i];
	for (int i = 0; i < n; i++)
		if (days[i] <= day)
			want = i;
	got = km_fx_pick(days, n, day, max_age, &idx);
	if (idx != want ||
		got != (want < 0 ? KM_FX_NONE_BEFORE : day - days[want] > max_age ? KM_FX_TOO_OLD : KM_FX_FOUND))
		abort();
	free(days);
	return 0;
}
