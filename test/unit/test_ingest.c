/* Unit tests of src/core/ingest*.c; expected values worked out by hand. */
#include "km_test.h"
#include "ingest.h"

#include <stdlib.h>

static KmIngest ing;

/* Run one payload; returns the code. */
static KmCode
run(KmPlatform p, const char *json, bool list, KmError *err)
{
	km_clear(err);
	return km_ingest_run(&ing, p, json, strlen(json), list, err);
}

static int64_t
val(int i, KmField f)
{
	return (ing.posts[i].flags[f] & KM_V_PRESENT) ? ing.posts[i].value[f] : -1;
}

static bool
id_is(const char *got, size_t len, const char *want)
{
	return got != NULL && strlen(want) == len && memcmp(got, want, len) == 0;
}

static void
test_time(void)
{
	int64_t		us = 0;

	ok(km_parse_time("2021-08-17T19:00:42+0000", 24, 0, &us), "IG timestamp parses");
	is_int(us, INT64_C(1629226842) * 1000000, "2021-08-17T19:00:42+0000");
	ok(km_parse_time("2019-03-21T20:37:49.000Z", 24, 0, &us), "YouTube publishedAt parses");
	is_int(us, INT64_C(1553200669) * 1000000, "2019-03-21T20:37:49Z");
	ok(km_parse_time("2019-03-21T20:37:49.25Z", 23, 0, &us), "fraction parses");
	is_int(us, INT64_C(1553200669) * 1000000 + 250000, "fraction .25 s");
	ok(km_parse_time("Tue Jun 08 09:35:04 +0800 2021", 30, 0, &us), "Weibo created_at parses");
	is_int(us, INT64_C(1623116104) * 1000000, "Weibo +0800 -> 01:35:04 UTC");
	ok(km_parse_time("2025-07-26 19:12:27", 19, 8 * 3600, &us), "naive time parses");
	is_int(us, INT64_C(1753528347) * 1000000, "naive time at +08:00");
	ok(km_parse_time("2024-02-29T00:00:00+08:00", 25, 0, &us), "leap day");
	is_int(us, INT64_C(1709136000) * 1000000, "2024-02-29 +08:00");
	ok(km_parse_time("1701020508", 10, 0, &us), "epoch seconds");
	is_int(us, INT64_C(1701020508) * 1000000, "epoch seconds value");
	ok(km_parse_time("1705300000000", 13, 0, &us), "epoch milliseconds");
	is_int(us, INT64_C(1705300000) * 1000000, "epoch ms value");
	ok(!km_parse_time("2023-02-29T00:00:00Z", 20, 0, &us), "no Feb 29 in 2023");
	ok(!km_parse_time("2021-13-01", 10, 0, &us), "month 13");
	ok(!km_parse_time("3天前", strlen("3天前"), 0, &us), "relative time is not a time");
	ok(!km_parse_time("Tue Jun 08 09:35:04 +0800 20", 28, 0, &us), "short Weibo time");
	ok(!km_parse_time("", 0, 0, &us), "empty");
	ok(!km_parse_time("99999999999999999", 17, 0, &us), "epoch beyond year 9999");
}

static void
test_fixture_like(void)
{
	KmError		err;

	/* Weibo statuses/show; "258.3万" followers; repost counts not added */
	is_int(run(KM_P_WEIBO, "{\"ok\":1,\"data\":{\"id\":\"46\",\"created_at\":\"Tue Jun 08 09:35:04 +0800 2021\","
			   "\"user\":{\"id\":6279793937,\"followers_count\":\"258.3万\"},\"reposts_count\":7299,"
			   "\"comments_count\":2203,\"attitudes_count\":39018,\"retweeted_status\":{\"reposts_count\":1,"
			   "\"attitudes_count\":99999}}}", false, &err), KM_OK, "weibo statuses/show ok");
	is_str(ing.posts[0].shape, "weibo.statuses_show", "weibo shape");
	ok(id_is(ing.posts[0].post_id, ing.posts[0].post_id_len, "46"), "weibo post id");
	ok(id_is(ing.posts[0].author_id, ing.posts[0].author_id_len, "6279793937"), "integer author id as text");
	is_int(val(0, KM_F_LIKES), 39018, "weibo likes = attitudes_count, not + retweeted");
	is_int(val(0, KM_F_SHARES), 7299, "weibo shares");
	is_int(val(0, KM_F_FOLLOWERS), 2583000, "258.3万 followers");
	ok(ing.posts[0].flags[KM_F_FOLLOWERS] & KM_V_ROUNDED, "followers rounded");
	is_int(val(0, KM_F_SAVES), -1, "weibo saves absent");

	/* Weibo video views: "次播放" and "次观看" display suffixes */
	is_int(run(KM_P_WEIBO, "{\"mblog\":{\"id\":\"1\",\"attitudes_count\":1,\"page_info\":{\"type\":\"video\","
			   "\"play_count\":\"3.5万次观看\"}}}", false, &err), KM_OK, "weibo 次观看 ok");
	is_int(val(0, KM_F_VIEWS), 35000, "3.5万次观看 = 35000 views");
	is_int(run(KM_P_WEIBO, "{\"mblog\":{\"id\":\"1\",\"attitudes_count\":1,\"page_info\":{\"type\":\"article\","
			   "\"play_count\":\"3.5万次观看\"}}}", false, &err), KM_OK, "weibo article ok");
	is_int(val(0, KM_F_VIEWS), -1, "no views unless page_info is a video");
	is_int(run(KM_P_WEIBO, "{\"mblog\":{\"id\":\"1\",\"attitudes_count\":1,\"page_info\":{\"type\":\"video\","
			   "\"play_count\":\"很多次播放\"}}}", false, &err), KM_ESYNTAX, "unreadable play_count is an error");

	/* Bilibili video: extra = coin + danmaku */
	is_int(run(KM_P_BILIBILI, "{\"data\":{\"bvid\":\"BV1\",\"stat\":{\"view\":\"1.5万\",\"danmaku\":5,"
			   "\"coin\":\"1万\",\"like\":3}}}", false, &err), KM_OK, "bilibili video ok");
	is_int(val(0, KM_F_VIEWS), 15000, "views from 1.5万");
	is_int(val(0, KM_F_EXTRA), 10005, "coin 1万 + danmaku 5");
	ok(ing.posts[0].flags[KM_F_EXTRA] & KM_V_ROUNDED, "extra rounded because coin is");

	/* Douyin: play_count 0 is absent */
	is_int(run(KM_P_DOUYIN, "{\"aweme\":{\"aweme_id\":\"7\",\"statistics\":{\"digg_count\":1,\"play_count\":0}}}",
			   false, &err), KM_OK, "douyin aweme ok");
	is_int(val(0, KM_F_VIEWS), -1, "douyin play_count 0 -> absent");
	is_int(val(0, KM_F_LIKES), 1, "douyin digg");

	/* WeChat cap */
	is_int(run(KM_P_WECHAT, "{\"appmsgstat\":{\"read_num\":100001,\"like_num\":3,\"old_like_num\":9}}",
			   false, &err), KM_OK, "wechat ok");
	ok(ing.posts[0].flags[KM_F_VIEWS] & KM_V_FLOOR, "read_num 100001 is a floor");
	is_int(val(0, KM_F_LIKES), 9, "old_like_num -> likes");
	is_int(val(0, KM_F_EXTRA), 3, "like_num -> extra");

	/* TikTok rounding pattern */
	is_int(run(KM_P_TIKTOK, "{\"id\":\"1\",\"stats\":{\"diggCount\":210700,\"commentCount\":210701,"
			   "\"shareCount\":9900,\"playCount\":19100000}}", false, &err), KM_OK, "tiktok ok");
	ok(ing.posts[0].flags[KM_F_LIKES] & KM_V_ROUNDED, "210700 rounded");
	ok(!(ing.posts[0].flags[KM_F_COMMENTS] & KM_V_ROUNDED), "210701 exact");
	ok(!(ing.posts[0].flags[KM_F_SHARES] & KM_V_ROUNDED), "9900 exact (below 10K)");
	ok(ing.posts[0].flags[KM_F_VIEWS] & KM_V_ROUNDED, "19100000 rounded");
}

static void
test_lists_and_errors(void)
{
	KmError		err;
	char	   *big;
	size_t		i,
				n = 0;

	/* a list longer than the initial post array (16): 40 items */
	big = malloc(40 * 96 + 64);
	n += sprintf(big + n, "{\"items\":[");
	for (i = 0; i < 40; i++)
		n += sprintf(big + n, "%s{\"kind\":\"youtube#video\",\"id\":\"v%zu\",\"statistics\":{\"viewCount\":\"%zu\"}}",
					 i ? "," : "", i, i * 10);
	sprintf(big + n, "]}");
	is_int(run(KM_P_YOUTUBE, big, true, &err), KM_OK, "40-item list ok");
	is_int(ing.nposts, 40, "40 posts");
	is_int(val(39, KM_F_VIEWS), 390, "last item views 390");
	is_int(run(KM_P_YOUTUBE, big, false, &err), KM_ESYNTAX, "ingest_post refuses 40 items");
	free(big);

	/* Weibo cards: only card_type 9 */
	is_int(run(KM_P_WEIBO, "{\"data\":{\"cards\":[{\"card_type\":11},{\"card_type\":9,\"mblog\":{\"id\":\"1\","
			   "\"attitudes_count\":1}}]}}", true, &err), KM_OK, "weibo cards ok");
	is_int(ing.nposts, 1, "card_type 11 skipped");
	is_int(run(KM_P_WEIBO, "{\"data\":{\"cards\":[{\"card_type\":11},{\"card_type\":9,\"mblog\":{\"id\":\"1\","
			   "\"attitudes_count\":1}}]}}", false, &err), KM_OK, "one post among cards is a post");

	/* a bad item in a list */
	is_int(run(KM_P_WECHAT, "[{\"read_num\":1},{\"read_num\":[]},3]", true, &err), KM_OK, "list with bad items ok");
	is_int(ing.nposts, 3, "3 rows");
	is_int(ing.nbad, 2, "2 bad");
	is_str(ing.posts[1].err.detail, "$[1].read_num is an array; a count must be a number or a count string.",
		   "item error names its path");
	is_str(ing.posts[2].err.detail, "$[2] is a number; a wechat post must be an object.", "non-object item");

	/* whole-payload errors */
	is_int(run(KM_P_WEIBO, "{", false, &err), KM_ESYNTAX, "truncated JSON");
	is_int(run(KM_P_WEIBO, "{} {}", false, &err), KM_ESYNTAX, "trailing value");
	is_int(run(KM_P_WEIBO, "{\"a\":'x'}", false, &err), KM_ESYNTAX, "single quotes rejected (strict)");
	is_int(run(KM_P_WEIBO, "{\"a\":\"\xff\"}", false, &err), KM_ESYNTAX, "invalid UTF-8 rejected");
	is_int(run(KM_P_WEIBO, "{}", false, &err), KM_ESYNTAX, "empty object is not a status");
	is_int(run(KM_P_TAOBAO_LIVE, "{}", false, &err), KM_EPARAM, "taobao_live has no shapes");
	is_int(run(KM_P_WEIBO, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
				   false, &err), KM_ELIMIT, "70 levels: depth limit");
	/* tree-size limits, checked before parsing */
	{
		size_t		k = 0,
					j;
		char	   *b = malloc(4 * 1000002 + 8);

		b[k++] = '[';
		for (j = 0; j <= KM_INGEST_MAX_OBJECTS; j++)
			k += (size_t) sprintf(b + k, "%s{}", j ? "," : "");
		b[k++] = ']';
		b[k] = '\0';
		is_int(run(KM_P_WECHAT, b, true, &err), KM_ELIMIT, "100001 objects refused");
		is_str(err.detail, "The payload has more than 100000 JSON objects.", "objects limit detail");
		k = 0;
		b[k++] = '[';
		for (j = 0; j <= KM_INGEST_MAX_VALUES; j++)
			k += (size_t) sprintf(b + k, "%s1", j ? "," : "");
		b[k++] = ']';
		b[k] = '\0';
		is_int(run(KM_P_WECHAT, b, true, &err), KM_ELIMIT, "1000001 values refused");
		k = 0;
		b[k++] = '[';
		for (j = 0; j <= KM_INGEST_MAX_POSTS; j++)
			k += (size_t) sprintf(b + k, "%s1", j ? "," : "");
		b[k++] = ']';
		b[k] = '\0';
		is_int(run(KM_P_WECHAT, b, true, &err), KM_ELIMIT, "100001 list items refused");
		/* braces inside strings do not count */
		k = 0;
		k += (size_t) sprintf(b + k, "{\"read_num\":1,\"x\":\"");
		for (j = 0; j <= KM_INGEST_MAX_OBJECTS; j++)
			b[k++] = '{';
		sprintf(b + k, "\\\"\"}");
		is_int(run(KM_P_WECHAT, b, false, &err), KM_OK, "braces in a string are not objects");
		free(b);
	}
	is_int(run(KM_P_WEIBO, "{\"attitudes_count\":1.5}", false, &err), KM_OK, "a JSON decimal count");
	is_int(val(0, KM_F_LIKES), 2, "1.5 rounds half up to 2");
	ok(ing.posts[0].flags[KM_F_LIKES] & KM_V_ROUNDED, "1.5 flagged rounded");
	is_int(run(KM_P_WEIBO, "{\"attitudes_count\":-1.5}", false, &err), KM_ESYNTAX, "negative decimal");
	is_int(run(KM_P_WEIBO, "{\"attitudes_count\":1e300}", false, &err), KM_ERANGE, "1e300 out of range");
	is_int(run(KM_P_WEIBO, "{\"attitudes_count\":1,\"id\":{\"x\":1}}", false, &err), KM_ESYNTAX, "object id");
}

/*
 * The fast JSON parser (ingest_json.c) and json-c must map every payload the
 * same way: each payload below is run with both and the results compared,
 * besides the values expected by hand.
 */
static KmIngest ref;			/* json-c only */

static bool
same_post(const KmPost *a, const KmPost *b)
{
	int			f;

	if ((a->shape == NULL) != (b->shape == NULL) || (a->shape && strcmp(a->shape, b->shape)) ||
		(a->post_id == NULL) != (b->post_id == NULL) || a->post_id_len != b->post_id_len ||
		(a->post_id && memcmp(a->post_id, b->post_id, a->post_id_len)) ||
		(a->author_id == NULL) != (b->author_id == NULL) || a->author_id_len != b->author_id_len ||
		(a->author_id && memcmp(a->author_id, b->author_id, a->author_id_len)) ||
		a->has_posted_at != b->has_posted_at || a->posted_at_us != b->posted_at_us ||
		a->err.code != b->err.code || strcmp(a->err.detail, b->err.detail))
		return false;
	for (f = 0; f < KM_F_COUNT; f++)
		if (a->flags[f] != b->flags[f] || a->value[f] != b->value[f])
			return false;
	return true;
}

/* run() and the same payload through json-c alone; true when they agree. */
static bool
run_both(KmPlatform p, const char *json, bool list, KmCode *rc, KmError *err)
{
	KmError		rerr;
	KmCode		rrc;
	int			i;

	*rc = run(p, json, list, err);
	km_clear(&rerr);
	rrc = km_ingest_run(&ref, p, json, strlen(json), list, &rerr);
	if (*rc != rrc || strcmp(err->detail, rerr.detail) != 0 || ing.nposts != ref.nposts)
		return false;
	for (i = 0; *rc == KM_OK && i < ing.nposts; i++)
		if (!same_post(&ing.posts[i], &ref.posts[i]))
			return false;
	return true;
}

static void
test_fast_parser(void)
{
	KmError		err;
	KmCode		rc;

	/* escapes: \u00e9 = é (c3 a9), a surrogate pair = U+1F600 (f0 9f 98 80), \/ = / */
	ok(run_both(KM_P_WEIBO, "{\"mblog\":{\"idstr\":\"a\\u00e9\\ud83d\\ude00\\/\\\"\\n\",\"attitudes_count\":5}}",
				false, &rc, &err), "escapes: fast = json-c");
	is_int(rc, KM_OK, "escapes ok");
	ok(id_is(ing.posts[0].post_id, ing.posts[0].post_id_len, "a\xc3\xa9\xf0\x9f\x98\x80/\"\n"),
	   "escapes decoded");
	/* a repeated key: the last one counts (json-c replaces the value) */
	ok(run_both(KM_P_WEIBO, "{\"attitudes_count\":1, \"id\":\"x\", \"attitudes_count\" : 2 }",
				false, &rc, &err), "repeated key: fast = json-c");
	is_int(val(0, KM_F_LIKES), 2, "repeated key: last value");
	/* integers: 18 digits on the fast path; 19 and beyond, fractions, exponents via json-c */
	ok(run_both(KM_P_BILIBILI, "{\"stat\":{\"view\":123456789012345678,\"like\":9223372036854775807,"
				"\"reply\":1.5,\"share\":2e3,\"favorite\":0,\"coin\":\"1.2万\",\"danmaku\":-0},\"aid\":170001}",
				false, &rc, &err), "numbers: fast = json-c");
	is_int(val(0, KM_F_VIEWS), INT64_C(123456789012345678), "18-digit integer");
	is_int(val(0, KM_F_LIKES), INT64_MAX, "int64 max");
	is_int(val(0, KM_F_COMMENTS), 2, "1.5 rounds half up to 2");
	is_int(val(0, KM_F_SHARES), 2000, "2e3 = 2000");
	is_int(val(0, KM_F_SAVES), 0, "0 is 0, not absent");
	is_int(val(0, KM_F_EXTRA), 12000, "coin 1.2万 + danmaku -0");
	ok(id_is(ing.posts[0].post_id, ing.posts[0].post_id_len, "170001"), "integer id as its text");
	ok(run_both(KM_P_BILIBILI, "{\"stat\":{\"view\":9223372036854775808}}", false, &rc, &err),
	   "beyond bigint: fast = json-c");
	is_int(rc, KM_ERANGE, "beyond bigint is out of range");
	/* declined by the fast parser, reported by json-c exactly as before */
	ok(run_both(KM_P_WEIBO, "{\"attitudes_count\":1,}", false, &rc, &err), "trailing comma");
	is_int(rc, KM_ESYNTAX, "trailing comma is malformed");
	ok(run_both(KM_P_WEIBO, "{\"attitudes_count\":01}", false, &rc, &err), "leading zero");
	ok(run_both(KM_P_WEIBO, "{\"id\":\"\\u0000\",\"attitudes_count\":1}", false, &rc, &err), "\\u0000");
	ok(run_both(KM_P_WEIBO, "{\"id\":\"\\udc00\",\"attitudes_count\":1}", false, &rc, &err), "lone low surrogate");
	ok(run_both(KM_P_WEIBO, "{\"id\":\"\xc0\x80\",\"attitudes_count\":1}", false, &rc, &err), "overlong UTF-8");
	ok(run_both(KM_P_WEIBO, "{\"id\":\"\xe4\xb8\",\"attitudes_count\":1}", false, &rc, &err), "truncated UTF-8");
	is_int(rc, KM_ESYNTAX, "truncated UTF-8 is malformed");
	ok(run_both(KM_P_WEIBO, "{\"id\":\"a\tb\",\"attitudes_count\":1}", false, &rc, &err), "raw tab in a string");
	ok(run_both(KM_P_WEIBO, "{\"attitudes_count\":1} x", false, &rc, &err), "text after the value");
	is_int(rc, KM_ESYNTAX, "text after the value is malformed");
	ok(run_both(KM_P_WEIBO, " \t\r\n{\"attitudes_count\":true}\n", false, &rc, &err), "boolean count");
	is_int(rc, KM_ESYNTAX, "a boolean is not a count");
	ok(run_both(KM_P_WEIBO, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
				true, &rc, &err), "nesting 40 (json-c's)");
	ok(run_both(KM_P_YOUTUBE, "{\"items\":[{\"kind\":\"youtube#video\",\"id\":\"a\",\"statistics\":{\"viewCount\":\"7\"}},"
				"{\"kind\":\"youtube#video\",\"id\":\"b\",\"statistics\":{\"viewCount\":[]}},{},[]]}",
				true, &rc, &err), "list with bad items");
	is_int(ing.nposts, 4, "4 items");
	is_int(ing.nbad, 3, "3 bad items");

	/*
	 * json-c 0.16 kept a pending high surrogate across json_tokener_reset: a
	 * payload cut inside a surrogate pair turned the next payload's first \u
	 * escape into U+FFFD.  Both payloads here go through json-c (the second
	 * has a fraction).
	 */
	is_int(run(KM_P_WEIBO, "{\"id\":\"\\ud83d", false, &err), KM_ESYNTAX, "payload cut in a surrogate pair");
	is_int(run(KM_P_WEIBO, "{\"id\":\"\\u00e9\",\"attitudes_count\":1.0}", false, &err), KM_OK,
		   "next payload ok");
	ok(id_is(ing.posts[0].post_id, ing.posts[0].post_id_len, "\xc3\xa9"), "next payload's \\u00e9 is é");
}

/* JSON decimals exactly from their digits; lone surrogates refused; big lists released. */
static void
test_decimals_surrogates_release(void)
{
	KmError		err;
	char	   *big;
	size_t		n = 5000,
				i,
				used = 0;

	is_int(run(KM_P_YOUTUBE, "{\"kind\":\"youtube#video\",\"statistics\":{\"viewCount\":9007199254740993.0,\"likeCount\":1.5e3,\"commentCount\":12.5}}", false, &err), KM_OK, "decimals map");
	is_int(val(0, KM_F_VIEWS), INT64_C(9007199254740993), "9007199254740993.0 exact (a double gives ...992)");
	ok(!(ing.posts[0].flags[KM_F_VIEWS] & KM_V_ROUNDED), "an integral decimal is not rounded");
	is_int(val(0, KM_F_LIKES), 1500, "1.5e3 = 1500");
	is_int(val(0, KM_F_COMMENTS), 13, "12.5 rounds half up to 13");
	ok(ing.posts[0].flags[KM_F_COMMENTS] & KM_V_ROUNDED, "12.5 is flagged rounded");
	is_int(run(KM_P_YOUTUBE, "{\"kind\":\"youtube#video\",\"statistics\":{\"viewCount\":9223372036854775807.5}}", false, &err), KM_ERANGE, "2^63 - 0.5 rounds beyond bigint");

	is_int(run(KM_P_YOUTUBE, "{\"kind\":\"youtube#video\",\"id\":\"\\ud800\",\"statistics\":{}}", false, &err), KM_ESYNTAX, "lone high surrogate refused");
	ok(strstr(err.detail, "$.id") != NULL, "the error names $.id");
	is_int(run(KM_P_YOUTUBE, "{\"kind\":\"youtube#video\",\"id\":\"\\udc00x\",\"statistics\":{}}", false, &err), KM_ESYNTAX, "lone low surrogate refused");
	is_int(run(KM_P_YOUTUBE, "{\"kind\":\"youtube#video\",\"id\":\"\\ud83d\\ude00\",\"statistics\":{}}", false, &err), KM_OK, "a surrogate pair is kept");
	ok(id_is(ing.posts[0].post_id, ing.posts[0].post_id_len, "\xf0\x9f\x98\x80"), "pair = U+1F600");

	/* a list of 5000 posts (some 2 MB of KmPost) is released by the reset */
	big = malloc(n * 40 + 64);
	used += (size_t) sprintf(big, "{\"items\":[");
	for (i = 0; i < n; i++)
		used += (size_t) sprintf(big + used, "%s{\"kind\":\"youtube#video\",\"id\":\"v%zu\"}", i ? "," : "", i);
	sprintf(big + used, "]}");
	km_clear(&err);
	is_int(km_ingest_run(&ing, KM_P_YOUTUBE, big, strlen(big), true, &err), KM_OK, "a 5000-item list maps");
	is_int(ing.nposts, (int64_t) n, "5000 posts");
	km_ingest_reset(&ing);
	ok(ing.posts == NULL && ing.cap == 0, "the reset frees a large posts array");
	free(big);
}

int
main(void)
{
	KmError		err;
	int			round;

	km_clear(&err);
	is_int(km_ingest_init(&ing, &err), KM_OK, "init");
	is_int(km_ingest_init(&ref, &err), KM_OK, "init json-c-only state");
	ref.use_jsonc = true;
	test_time();
	/* the state is reused across payloads: run everything twice */
	for (round = 0; round < 2; round++)
	{
		test_fixture_like();
		test_lists_and_errors();
		test_fast_parser();
		test_decimals_surrogates_release();
	}
	km_ingest_free(&ing);
	km_ingest_free(&ref);
	return done_testing();
}
