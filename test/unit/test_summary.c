/*
 * Unit tests of src/core/summary.c, summary_io.c and sketch.c; expected values
 * worked out by hand (see sql/summary.sql for the six-post example).
 */
#include <stdlib.h>

#include "km_test.h"
#include "summary.h"
#include "km_malloc.h"

static int	live_allocs;


static KmPost
post(int64_t l, int64_t c, int64_t s, int64_t sv, int64_t e, int64_t v, int64_t f)
{
	KmPost		p;

	/* -1 marks SQL NULL in these tests */
	p.counter[0] = l;
	p.counter[1] = c;
	p.counter[2] = s;
	p.counter[3] = sv;
	p.counter[4] = e;
	for (int i = 0; i < KM_ER_NCOUNTERS; i++)
	{
		p.present[i] = p.counter[i] != -1;
		if (!p.present[i])
			p.counter[i] = 0;
	}
	p.has_views = v != -1;
	p.views = p.has_views ? v : 0;
	p.has_followers = f != -1;
	p.followers = p.has_followers ? f : 0;
	return p;
}

/* The packed form of s (malloc'd; caller frees). */
static uint8_t *
packed(const KmSummary *s, size_t *len)
{
	uint8_t    *buf = malloc(km_summary_pack_bound(km_sk_nonempty(&s->sk)));

	*len = km_summary_pack_state(s, buf);
	ok(*len == km_summary_pack_state(s, NULL), "pack writes the size it counts");
	return buf;
}

/* dst += src through src's packed form (what combine does). */
static KmCode
merge_state(KmSummary *dst, const KmSummary *src, KmError *err)
{
	size_t		len;
	uint8_t    *buf = packed(src, &len);
	KmCode		rc = km_summary_merge(dst, buf, len, &KM_MALLOC, err);

	free(buf);
	return rc;
}

static void
test_sketch(void)
{
	double		alpha = km_sk_alpha();
	double		worst = 0;
	KmSketch	sk;
	KmError		err;
	int			i;

	is_near(alpha, 1.0 / 101, 1e-15, "alpha = 0.02 / 2.02 = 1/101");
	/* 0.01 lies in (1.02^-233, 1.02^-232]: ln 0.01 / ln 1.02 = -232.56 */
	is_int(km_sk_index(0.01), -232, "index of 0.01");
	is_int(km_sk_index(1.0), 0, "index of 1");
	is_int(km_sk_index(1.02), 1, "index of gamma (upper edge of bucket 1)");
	is_int(km_sk_index(1.0 / INT64_MAX), -2205, "smallest ratio of bigints");
	is_int(km_sk_index((double) INT64_MAX), 2206, "largest ratio of bigints");
	is_int(km_sk_index(1e300), KM_SK_MAX_INDEX, "beyond the range clamps");
	is_int(km_sk_index(nextafter(1.0, 2.0)), 1, "just above 1 is bucket 1");
	is_int(km_sk_index(1e-30), KM_SK_MIN_INDEX, "below the range clamps");
	is_int(km_sk_index(NAN), KM_SK_MIN_INDEX, "NaN gives the lowest index");
	/* the table bound(i) = 1.02^i: bound(i) is in bucket i, the next double in i + 1 */
	{
		int			bad = 0;

		for (i = KM_SK_MIN_INDEX + 1; i < KM_SK_MAX_INDEX; i++)
		{
			double		b = km_sk_bounds[i - KM_SK_MIN_INDEX];

			bad += km_sk_index(b) != i || km_sk_index(nextafter(b, 2 * b)) != i + 1 ||
				fabs(b / exp(i * KM_SK_LOG_GAMMA) - 1) > 1e-13;
		}
		is_int(bad, 0, "every bucket edge: bound(i) in i, the next double in i + 1, bound = 1.02^i");
	}
	/* away from the edges the table agrees with ceil(ln x / ln 1.02) */
	{
		int			bad = 0;

		for (i = 0; i < 400000; i++)
		{
			double		x = exp(-45.0 + 90.0 * ((double) i + 0.37) / 400000.0);
			double		c = ceil(log(x) * KM_SK_INV_LOG_GAMMA);

			if (fabs(log(x) * KM_SK_INV_LOG_GAMMA - c + 0.5) < 0.4999)
				bad += km_sk_index(x) != (int32_t) c;
		}
		is_int(bad, 0, "table index = ceil(ln x / ln gamma) over 1e-19 .. 1e19");
	}
	/* relative error of every answer over 1e-19 .. 1e19 stays within alpha */
	for (i = 0; i < 200000; i++)
	{
		double		x = pow(10, -19 + 38.0 * i / 200000.0);
		double		r = fabs(km_sk_value(km_sk_index(x)) - x) / x;

		if (r > worst)
			worst = r;
	}
	ok(worst <= alpha * (1 + 1e-9), "every answer within alpha of its value");
	ok(worst > alpha * 0.99, "the bound is tight (worst case near alpha)");

	km_clear(&err);
	km_sk_init(&sk);
	is_int(km_sk_add(&sk, 10, 1, &KM_MALLOC, &err), KM_OK, "first bucket");
	is_int(km_sk_add(&sk, -500, 2, &KM_MALLOC, &err), KM_OK, "grow down");
	is_int(km_sk_add(&sk, 900, 3, &KM_MALLOC, &err), KM_OK, "grow up");
	is_int(km_sk_add(&sk, KM_SK_MIN_INDEX, 1, &KM_MALLOC, &err), KM_OK, "lowest index");
	is_int(km_sk_add(&sk, KM_SK_MAX_INDEX, 1, &KM_MALLOC, &err), KM_OK, "highest index");
	ok(sk.cap <= KM_SK_MAX_BUCKETS, "never more than the maximum");
	is_int(km_sk_nonempty(&sk), 5, "five buckets");
	{
		int32_t		j,
					n = 0;

		for (j = 0; j < sk.cap; j++)
			n += km_sk_count(&sk, j) != 0;
		is_int(n, 5, "non-empty count agrees with the array");
	}
	is_int(km_sk_add(&sk, 10, 0, &KM_MALLOC, &err), KM_OK, "adding 0 to a bucket");
	is_int(km_sk_add(&sk, 11, 0, &KM_MALLOC, &err), KM_OK, "adding 0 to an empty bucket");
	is_int(km_sk_nonempty(&sk), 5, "still five buckets");
	is_int(km_sk_count(&sk, 900 - sk.lo), 3, "count kept across growth");
	is_int(sk.width, 1, "8-bit counts so far");
	is_int(km_sk_add(&sk, 900, UINT8_MAX - 3, &KM_MALLOC, &err), KM_OK, "count to UINT8_MAX");
	is_int(sk.width, 1, "still 8-bit at UINT8_MAX");
	is_int(km_sk_add1(&sk, 900, &KM_MALLOC, &err), KM_OK, "one more");
	is_int(sk.width, 2, "widened to 16 bits");
	is_int(km_sk_count(&sk, 900 - sk.lo), UINT8_MAX + 1, "count exact after widening to 16 bits");
	is_int(km_sk_count(&sk, -500 - sk.lo), 2, "other counts kept when widening to 16 bits");
	is_int(km_sk_add(&sk, 900, UINT16_MAX - UINT8_MAX - 1, &KM_MALLOC, &err), KM_OK, "count to UINT16_MAX");
	is_int(sk.width, 2, "still 16-bit at UINT16_MAX");
	is_int(km_sk_add1(&sk, 900, &KM_MALLOC, &err), KM_OK, "one more");
	is_int(sk.width, 4, "widened to 32 bits");
	is_int(km_sk_count(&sk, 900 - sk.lo), (int64_t) UINT16_MAX + 1, "count exact after widening to 32 bits");
	is_int(km_sk_count(&sk, -500 - sk.lo), 2, "other counts kept when widening to 32 bits");
	is_int(km_sk_add(&sk, 900, (int64_t) UINT32_MAX - UINT16_MAX - 1 + 3, &KM_MALLOC, &err), KM_OK, "count past UINT32_MAX");
	is_int(sk.width, 8, "widened to int64");
	is_int(km_sk_count(&sk, 900 - sk.lo), (int64_t) UINT32_MAX + 3, "count exact after widening");
	is_int(km_sk_count(&sk, -500 - sk.lo), 2, "other counts kept when widening");
	is_int(km_sk_add(&sk, KM_SK_MAX_INDEX + 1, 1, &KM_MALLOC, &err), KM_ERANGE, "index beyond range");
	is_int(km_sk_add(&sk, 10, INT64_MAX, &KM_MALLOC, &err), KM_ERANGE, "count overflow");
	km_sk_free(&sk, &KM_MALLOC);
}

/*
 * The packed form lists every non-empty bucket and only those, whatever the
 * count width and wherever they fall in the 8-byte words the packer scans:
 * the first and last slot of the array, both sides of a word boundary.
 */
static void
test_pack_widths(void)
{
	static const int64_t base[] = {1, 300, 70000, INT64_C(5000000000)};
	static const int32_t at[] = {0, 7, 8, 9, 15, 16, 23, 40};

	for (int w = 0; w < 4; w++)
	{
		KmSummary	s,
					d;
		KmError		err;
		int32_t		last;
		uint32_t	nb;
		bool		same = true;

		km_clear(&err);
		km_summary_init(&s);
		km_summary_init(&d);
		for (int k = 0; k < 8; k++)
			km_sk_add(&s.sk, 100 + at[k], base[w] + k, &KM_MALLOC, &err);
		last = s.sk.lo + s.sk.cap - 1;
		km_sk_add(&s.sk, last, base[w], &KM_MALLOC, &err);
		is_int(s.sk.width, (int64_t) 1 << w, "counts of the width under test");
		nb = km_sk_nonempty(&s.sk);
		is_int(nb, last == 140 ? 8 : 9, "non-empty buckets before packing");
		is_int(merge_state(&d, &s, &err), KM_OK, "merge through the packed form");
		is_int(km_sk_nonempty(&d.sk), nb, "every non-empty bucket packed once");
		for (int32_t i = s.sk.lo; i <= last; i++)
		{
			int64_t		want = km_sk_count(&s.sk, i - s.sk.lo),
						got = i >= d.sk.lo && i < d.sk.lo + d.sk.cap ?
			km_sk_count(&d.sk, i - d.sk.lo) : 0;

			same = same && want == got;
		}
		ok(same, "every count read back from the packed form");
		km_summary_free(&s, &KM_MALLOC);
		km_summary_free(&d, &KM_MALLOC);
	}
}

static void
test_small(void)
{
	KmSummary	s;
	KmPost		p[6];
	KmError		err;
	uint8_t    *d;
	size_t		len;
	double		r;
	bool		def;
	int			i;

	p[0] = post(100, 20, 5, 25, -1, 5000, 10000);
	p[1] = post(40, 10, -1, -1, 50, 2000, 10000);
	p[2] = post(0, 0, 0, 0, 0, 1000, 20000);
	p[3] = post(300, 60, 20, 20, -1, -1, 20000);
	p[4] = post(10, 0, 0, 0, -1, 0, 0);
	p[5] = post(-1, -1, -1, -1, -1, 100, 1000);
	km_clear(&err);
	km_summary_init(&s);
	for (i = 0; i < 6; i++)
		is_int(km_summary_add(&s, &p[i], &KM_MALLOC, &err), KM_OK, "add post");
	is_int(s.h.posts, 6, "posts");
	is_int(s.h.interactions, 660, "interactions 660");
	is_int(s.h.views, 8100, "views 8100 (rated or not)");
	is_int(s.h.basis[0].rated, 4, "rated by followers");
	is_int(s.h.basis[0].unrated, 2, "unrated by followers");
	is_int(s.h.basis[0].base, 60000, "followers sum");
	is_int(s.h.basis[1].rated, 3, "rated by views");
	is_int(s.h.zero, 1, "one zero ER");
	is_near(s.h.basis[0].mean, 0.01125, 1e-15, "mean by followers");
	is_near(s.h.basis[0].m2, 2.1875e-4, 1e-15, "m2 by followers");
	ok(km_summary_stddev(&s.h, KM_BASIS_FOLLOWERS, &r), "stddev defined");
	is_near(r, sqrt(2.1875e-4 / 3), 1e-15, "stddev by followers");
	ok(km_summary_pooled(&s.h, KM_BASIS_VIEWS, &r), "pooled by views defined");
	is_near(r, 0.03125, 0, "pooled by views 250/8000");

	d = packed(&s, &len);
	is_int(km_summary_check(d, len, &KM_MALLOC, &err), KM_OK, "own packed form checks");
	is_int(km_sk_nonempty(&s.sk), 3, "three buckets");
	is_int(km_summary_percentile(d, len, 0.5, &r, &def, &err), KM_OK, "median");
	is_near(r, 0.01, 0.0001, "median ~ 0.01");
	ok(fabs(r - 0.01) <= 0.01 / 101, "median within 1/101");
	km_summary_percentile(d, len, 0.25, &r, &def, &err);
	is_near(r, 0, 0, "p25 is a zero ER");
	km_summary_percentile(d, len, 1, &r, &def, &err);
	is_near(r, 0.02, 0, "p100 is max exactly");
	is_int(km_summary_percentile(d, len, 1.01, &r, &def, &err), KM_EPARAM, "p > 1");
	is_int(km_summary_percentile(d, len, NAN, &r, &def, &err), KM_EPARAM, "p NaN");
	is_int(km_summary_percentile(d, 1, 0.5, &r, &def, &err), KM_EBINARY, "truncated bytes");
	free(d);
	km_summary_free(&s, &KM_MALLOC);
}

static void
test_merge_and_io(void)
{
	KmSummary	all,
				part[3],
				merged;
	KmError		err;
	uint8_t    *d,
			   *d2;
	size_t		len,
				len2;
	char	   *txt,
			   *txt2;
	int			i;

	km_clear(&err);
	km_summary_init(&all);
	km_summary_init(&merged);
	for (i = 0; i < 3; i++)
		km_summary_init(&part[i]);
	for (i = 1; i <= 3000; i++)
	{
		KmPost		p = post(i % 977, i % 31, i % 7 ? i % 13 : -1, i % 5, -1,
							 i % 11 ? 1000 + i * 7 : 0, 100 + (i * 7919) % 100000);

		km_summary_add(&all, &p, &KM_MALLOC, &err);
		km_summary_add(&part[i % 2], &p, &KM_MALLOC, &err);		/* part[2] stays empty */
	}
	is_int(merge_state(&merged, &part[2], &err), KM_OK, "empty into empty");
	is_int(merge_state(&merged, &part[0], &err), KM_OK, "into empty");
	is_int(merge_state(&merged, &part[2], &err), KM_OK, "empty into full");
	is_int(merge_state(&merged, &part[1], &err), KM_OK, "full into full");
	is_int(merged.h.posts, all.h.posts, "posts equal");
	is_int(merged.h.interactions, all.h.interactions, "interactions equal");
	is_int(merged.h.basis[0].base, all.h.basis[0].base, "followers sum equal");
	ok(fabs(merged.h.basis[0].mean / all.h.basis[0].mean - 1) < 1e-12, "mean within 1e-12");
	ok(fabs(merged.h.basis[0].m2 / all.h.basis[0].m2 - 1) < 1e-12, "m2 within 1e-12");
	ok(fabs(merged.h.basis[1].m2 / all.h.basis[1].m2 - 1) < 1e-12, "views m2 within 1e-12");
	is_int(km_sk_nonempty(&merged.sk), km_sk_nonempty(&all.sk), "same buckets");

	/* text round trip: parse(format(d)) has the same bytes */
	d = packed(&all, &len);
	txt = malloc(km_summary_text_bound(km_sk_nonempty(&all.sk)));
	ok(km_summary_format(d, len, txt, km_summary_text_bound(km_sk_nonempty(&all.sk))), "format");
	is_int(km_summary_parse(txt, &KM_MALLOC, &d2, &len2, &err), KM_OK, "parse own text");
	ok(len2 == len && memcmp(d, d2, len) == 0, "text round trip exact");
	txt2 = malloc(km_summary_text_bound(km_sk_nonempty(&all.sk)));
	km_summary_format(d2, len2, txt2, km_summary_text_bound(km_sk_nonempty(&all.sk)));
	is_str(txt2, txt, "text stable");
	KM_MALLOC.free(NULL, d2);
	free(txt2);

	/* the binary form is the packed one: checked strictly */
	is_int(km_summary_check(d, len, &KM_MALLOC, &err), KM_OK, "check own bytes");
	d[0] = 1;
	is_int(km_summary_check(d, len, &KM_MALLOC, &err), KM_EBINARY, "bad version");
	is_str(err.detail, "Version 1 is not supported (this build reads version 2).", "names the version");
	d[0] = 2;
	is_int(km_summary_check(d, len - 1, &KM_MALLOC, &err), KM_EBINARY, "short");

	/* merging the packed form into an empty state copies it */
	{
		KmSummary	m2;

		km_summary_init(&m2);
		is_int(km_summary_merge(&m2, d, len, &KM_MALLOC, &err), KM_OK, "merge packed form");
		is_int(m2.h.posts, 3000, "3000 posts");
		ok(m2.h.basis[0].mean == all.h.basis[0].mean, "merge into empty copies mean exactly");
		km_summary_free(&m2, &KM_MALLOC);
	}

	/* text errors */
	is_int(km_summary_parse("(v:1)", &KM_MALLOC, &d2, &len2, &err), KM_ESYNTAX, "truncated text");
	is_str(err.detail, "Expected \",\" at character 5.", "detail names the place");
	txt[strlen(txt) - 3] = '9';		/* change the last bucket count */
	is_int(km_summary_parse(txt, &KM_MALLOC, &d2, &len2, &err), KM_ESYNTAX, "inconsistent counts");

	free(txt);
	free(d);
	km_summary_free(&all, &KM_MALLOC);
	km_summary_free(&merged, &KM_MALLOC);
	for (i = 0; i < 3; i++)
		km_summary_free(&part[i], &KM_MALLOC);
}

/* The strict reader's verdict. */
static KmCode
unpack_code(const uint8_t *buf, size_t len, KmError *err)
{
	return km_summary_check(buf, len, &KM_MALLOC, err);
}

/* Pack s; check that the bytes pass the strict reader and text round trip. */
static uint8_t *
pack_checked(const KmSummary *s, size_t *plen, const char *what)
{
	uint8_t    *buf = packed(s, plen),
			   *again = NULL;
	size_t		blen = km_summary_text_bound(km_sk_nonempty(&s->sk)),
				alen = 0;
	char	   *txt = malloc(blen);
	KmError		err;

	km_clear(&err);
	ok(*plen <= km_summary_pack_bound(km_sk_nonempty(&s->sk)), "packed size within its bound");
	is_int(km_summary_check(buf, *plen, &KM_MALLOC, &err), KM_OK, what);
	ok(km_summary_format(buf, *plen, txt, blen), "packed form prints");
	is_int(km_summary_parse(txt, &KM_MALLOC, &again, &alen, &err), KM_OK, "and parses back");
	ok(again != NULL && alen == *plen && memcmp(buf, again, alen) == 0,
	   "to the same bytes");
	if (again)
		KM_MALLOC.free(NULL, again);
	free(txt);
	return buf;
}

static void
test_packed(void)
{
	/*
	 * One post: likes 120, comments 7, shares 3, saves 10, extra NULL, views
	 * 5000, followers 40000.  ER 140/40000 and 140/5000 are derived, and so is
	 * the sketch: flags 0x07.  varints: 5000 = 0x88 0x27, 140 = 0x8c 0x01,
	 * 40000 = 0xc0 0xb8 0x02.  22 bytes (the expanded form is 228).
	 */
	static const uint8_t one[] = {
		0x02, 0x07, 0x01, 0x78, 0x07, 0x03, 0x0a, 0x00, 0x88, 0x27,
		0x01, 0x8c, 0x01, 0xc0, 0xb8, 0x02,
		0x01, 0x8c, 0x01, 0x88, 0x27,
		0x00
	};
	uint8_t		bad[64];
	KmSummary	s,
				big,
				m1,
				m2;
	KmPost		p;
	KmError		err;
	uint8_t    *buf,
			   *d,
			   *e;
	size_t		len,
				dlen;
	double		x = 0.0036;
	int			i;

	km_clear(&err);
	km_summary_init(&s);
	p = post(120, 7, 3, 10, -1, 5000, 40000);
	km_summary_add(&s, &p, &KM_MALLOC, &err);
	buf = pack_checked(&s, &len, "one post: strict unpack");
	is_int(len, sizeof(one), "one post packs into 22 bytes");
	ok(len == sizeof(one) && memcmp(buf, one, len) == 0, "one post: the bytes worked out by hand");
	free(buf);

	/* hostile packed bytes */
	memcpy(bad, one, sizeof(one));
	bad[0] = 1;
	is_int(unpack_code(bad, sizeof(one), &err), KM_EBINARY, "version 1 bytes rejected");
	memcpy(bad, one, sizeof(one));
	bad[1] = 0x0f;
	is_int(unpack_code(bad, sizeof(one), &err), KM_EBINARY, "reserved flag bit rejected");
	bad[1] = 0x03;
	is_int(unpack_code(bad, sizeof(one), &err), KM_EBINARY, "sketch flag cleared: buckets missing");
	memcpy(bad, one, sizeof(one));
	bad[sizeof(one)] = 0;
	is_int(unpack_code(bad, sizeof(one) + 1, &err), KM_EBINARY, "trailing byte rejected");
	is_int(unpack_code(bad, sizeof(one) - 1, &err), KM_EBINARY, "truncated value rejected");
	is_int(unpack_code(bad, 1, &err), KM_EBINARY, "one byte rejected");
	/* posts 1 written as 0x81 0x00: decodes to 1 but is not minimal */
	bad[2] = 0x81;
	bad[3] = 0x00;
	memcpy(bad + 4, one + 3, sizeof(one) - 3);
	is_int(unpack_code(bad, sizeof(one) + 1, &err), KM_EBINARY, "non-minimal varint rejected");
	is_str(err.detail, "The packed summary is not in canonical form.", "detail: not canonical");
	/* rated by followers 2 of 1 post */
	memcpy(bad, one, sizeof(one));
	bad[10] = 0x02;
	is_int(unpack_code(bad, sizeof(one), &err), KM_EBINARY, "rated above posts rejected");
	/* posts as a varint of nine 0xff bytes (beyond 63 bits) */
	memset(bad, 0xff, sizeof(bad));
	bad[0] = 0x02;
	bad[1] = 0x00;
	is_int(unpack_code(bad, 12, &err), KM_EBINARY, "varint beyond 63 bits rejected");

	/*
	 * The followers ER written out although it is derivable: not canonical.
	 * Written out with another value (a text form may say so): kept.
	 */
	memcpy(bad, one, 16);
	bad[1] = 0x06;
	x = 140.0 / 40000.0;
	for (i = 0; i < 8; i++)
		bad[16 + i] = (uint8_t) (((const uint8_t *) &x)[i]);	/* little-endian host */
	memcpy(bad + 24, one + 16, sizeof(one) - 16);
	is_int(unpack_code(bad, sizeof(one) + 8, &err), KM_EBINARY, "derivable ER written out rejected");
	x = 0.0036;
	for (i = 0; i < 8; i++)
		bad[16 + i] = (uint8_t) (((const uint8_t *) &x)[i]);
	is_int(km_summary_check(bad, sizeof(one) + 8, &KM_MALLOC, &err), KM_OK,
		   "an ER that is not inter/base is written out and accepted");
	{
		KmSummary	t;
		size_t		tlen;

		km_summary_init(&t);
		is_int(km_summary_merge(&t, bad, sizeof(one) + 8, &KM_MALLOC, &err), KM_OK, "merged");
		ok(t.h.basis[0].mean == 0.0036 && t.h.basis[0].max == 0.0036, "its value is kept");
		d = packed(&t, &tlen);
		ok(tlen == sizeof(one) + 8 && memcmp(d, bad, tlen) == 0, "and it packs back to the 30 bytes");
		free(d);
		km_summary_free(&t, &KM_MALLOC);
	}

	/* a big summary: round trip, and rollup of packed values = of states */
	km_summary_init(&big);
	km_summary_init(&m1);
	km_summary_init(&m2);
	for (i = 1; i <= 500; i++)
	{
		p = post(i % 97, i % 13, -1, i % 5, i % 3, i % 9 ? 500 + i : 0, i % 7 ? 100 + (i * 7919) % 9000 : -1);
		km_summary_add(&big, &p, &KM_MALLOC, &err);
	}
	buf = pack_checked(&big, &len, "500 posts: strict unpack");
	ok(len < 216 + 12 * km_sk_nonempty(&big.sk) / 2, "packed form under half the old expanded size");
	is_int(km_summary_merge(&m1, buf, len, &KM_MALLOC, &err), KM_OK, "merge packed big");
	is_int(merge_state(&m2, &big, &err), KM_OK, "merge state big");
	free(buf);
	buf = pack_checked(&s, &len, "one post again");
	is_int(km_summary_merge(&m1, buf, len, &KM_MALLOC, &err), KM_OK, "merge packed one");
	is_int(merge_state(&m2, &s, &err), KM_OK, "merge state one");
	free(buf);
	d = packed(&m1, &len);
	e = packed(&m2, &dlen);
	ok(len == dlen && memcmp(d, e, len) == 0,
	   "rollup of packed values equals rollup of states, every byte");
	free(d);
	free(e);
	km_summary_free(&s, &KM_MALLOC);
	km_summary_free(&big, &KM_MALLOC);
	km_summary_free(&m1, &KM_MALLOC);
	km_summary_free(&m2, &KM_MALLOC);
}

static void
test_errors(void)
{
	KmSummary	s;
	KmError		err;
	KmPost		p;

	km_clear(&err);
	km_summary_init(&s);
	p = post(-5, 0, 0, 0, -1, 10, 10);
	is_int(km_summary_add(&s, &p, &KM_MALLOC, &err), KM_EPARAM, "negative likes");
	is_str(err.message, "likes must not be negative: -5", "names likes");
	p = post(5, 0, 0, 0, -1, -1, -10);
	is_int(km_summary_add(&s, &p, &KM_MALLOC, &err), KM_EPARAM, "negative followers");
	p = post(INT64_MAX - 1, 0, 0, 0, -1, -1, 10);
	is_int(km_summary_add(&s, &p, &KM_MALLOC, &err), KM_OK, "near max");
	p = post(5, 0, 0, 0, -1, -1, 10);
	is_int(km_summary_add(&s, &p, &KM_MALLOC, &err), KM_ERANGE, "likes sum overflows");
	is_str(err.message, "sum of likes is out of range for type bigint", "names the sum");
	km_summary_free(&s, &KM_MALLOC);
}

int
main(void)
{
	test_sketch();
	test_pack_widths();
	test_small();
	test_merge_and_io();
	test_packed();
	test_errors();
	ok(live_allocs == 0, "every allocation freed");
	return done_testing();
}
