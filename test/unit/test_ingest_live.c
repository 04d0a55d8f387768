/*
 * Unit tests of src/core/ingest_live.c (live-room payloads); expected values
 * worked out by hand from the payloads.  The first payload is the real
 * capture in test/fixtures/platform-payloads/douyin-webcast-room-reflow-info.json,
 * cut to the fields the mapper reads; the others are synthetic.
 */
#include "km_test.h"
#include "ingest.h"
#include "ingest_json.h"

static KmIngest ing;
static KmIngest ref;			/* json-c only */

/* Parse and map json as a live room of p into *room, on state st. */
static KmCode
live(KmIngest *st, KmPlatform p, const char *json, KmLiveRoom *room, KmError *err)
{
	KmCode		rc;

	km_clear(err);
	km_ingest_reset(st);
	rc = km_ingest_parse(st, json, strlen(json), err);
	if (rc != KM_OK)
		return rc;
	return km_ingest_live(st, p, room, err);
}

/* The value of field f, or -1 when absent. */
static int64_t
lv(const KmLiveRoom *r, KmLiveField f)
{
	return (r->flags[f] & KM_V_PRESENT) ? r->value[f] : -1;
}

static bool
bytes_are(const char *got, size_t len, const char *want)
{
	return got != NULL && strlen(want) == len && memcmp(got, want, len) == 0;
}

/* Number of fields present in r. */
static int
present(const KmLiveRoom *r)
{
	int			n = 0;

	for (int f = 0; f < KM_L_COUNT; f++)
		n += (r->flags[f] & KM_V_PRESENT) != 0;
	return n;
}

static void
test_capture(KmIngest *st)
{
	/* the fields of the capture the mapper reads, as published (owner id replaced) */
	static const char *const capture =
	"{\"data\":{\"room\":{\"id\":7318296342189919011,\"id_str\":\"7318296342189919011\","
	"\"status\":4,\"owner_user_id\":100000000000001,\"title\":\"\xe5\x88\x86\xe6\x9e\x90\xe5\xa4\xb4\xe5\x83\x8f\","
	"\"user_count\":0,\"create_time\":1703923686,\"finish_time\":1703931645,"
	"\"stats\":{\"total_user\":6130,\"follow_count\":222,\"digg_count\":0,\"enter_count\":0,"
	"\"like_count\":0,\"total_user_str\":\"6130\",\"user_count_str\":\"0\",\"comment_count\":0},"
	"\"owner\":{\"id\":100000000000001,\"id_str\":\"100000000000001\"},\"start_time\":1703923690,"
	"\"like_count\":8166,\"room_view_stats\":{\"is_hidden\":false,\"display_value\":9635,"
	"\"display_type\":3,\"display_long\":\"9635\xe4\xba\xba\xe7\x9c\x8b\xe8\xbf\x87\"}}},"
	"\"extra\":{\"now\":1703935854759},\"status_code\":0}";
	KmLiveRoom	r;
	KmError		err;

	is_int(live(st, KM_P_DOUYIN, capture, &r, &err), KM_OK, "the capture maps");
	ok(r.shape && strcmp(r.shape, "douyin.webcast_room") == 0, "shape douyin.webcast_room");
	ok(bytes_are(r.room_id, r.room_id_len, "7318296342189919011"), "room id from id_str");
	ok(bytes_are(r.author_id, r.author_id_len, "100000000000001"), "anchor id from owner.id_str");
	ok(bytes_are(r.title, r.title_len, "\xe5\x88\x86\xe6\x9e\x90\xe5\xa4\xb4\xe5\x83\x8f"), "title");
	ok(r.has_started_at, "started_at present");
	is_int(r.started_at_us, INT64_C(1703923690) * 1000000, "started_at = start_time, not create_time");
	ok(r.has_ended_at, "ended_at present");
	is_int(r.ended_at_us, INT64_C(1703931645) * 1000000, "ended_at = finish_time");
	is_int(lv(&r, KM_L_PV), 9635, "pv = room_view_stats.display_value (display_type 3)");
	is_int(lv(&r, KM_L_UV), 6130, "uv = stats.total_user");
	is_int(lv(&r, KM_L_LIKES), 8166, "likes = room like_count, not stats.like_count 0");
	is_int(lv(&r, KM_L_FOLLOWERS_GAINED), 222, "followers gained = stats.follow_count");
	is_int(lv(&r, KM_L_COMMENTS), -1, "stats.comment_count 0 is not read");
	is_int(lv(&r, KM_L_PEAK_VIEWERS), -1, "user_count is not the peak");
	is_int(present(&r), 4, "four fields present");
	for (int f = 0; f < KM_L_COUNT; f++)
		if (r.flags[f] & (KM_V_ROUNDED | KM_V_FLOOR))
			ok(0, "no field of the capture is rounded or a floor");
}

static void
test_variants(KmIngest *st)
{
	KmLiveRoom	r;
	KmError		err;

	/* bare room, integer ids, live (finish_time 0), start_time 0 -> create_time */
	is_int(live(st, KM_P_DOUYIN,
				"{\"id\":42,\"owner_user_id\":7,\"start_time\":0,\"create_time\":1735689600,"
				"\"finish_time\":0,\"stats\":{\"total_user\":5}}", &r, &err), KM_OK, "bare room maps");
	ok(bytes_are(r.room_id, r.room_id_len, "42"), "room id from the integer id");
	ok(bytes_are(r.author_id, r.author_id_len, "7"), "anchor id from owner_user_id");
	ok(r.has_started_at && r.started_at_us == INT64_C(1735689600) * 1000000, "start_time 0 -> create_time");
	ok(!r.has_ended_at, "finish_time 0: still live, no end");
	ok(r.title == NULL, "no title");

	/* count strings; display_type 1 (viewers now) is not PV */
	is_int(live(st, KM_P_DOUYIN,
				"{\"data\":{\"room\":{\"stats\":{\"total_user_str\":\"3\xe4\xb8\x87+\"},"
				"\"like_count\":\"1.2\xe4\xb8\x87\",\"room_view_stats\":{\"display_type\":1,"
				"\"display_value\":2252}}}}", &r, &err), KM_OK, "count strings map");
	is_int(lv(&r, KM_L_UV), 30000, "total_user_str 3万+ = 30000");
	ok((r.flags[KM_L_UV] & KM_V_FLOOR) && (r.flags[KM_L_UV] & KM_V_ROUNDED), "3万+ is a rounded floor");
	is_int(lv(&r, KM_L_LIKES), 12000, "like_count 1.2万 = 12000");
	is_int(lv(&r, KM_L_PV), -1, "display_type 1 is not PV");

	/* a hidden count is not read */
	is_int(live(st, KM_P_DOUYIN,
				"{\"room_view_stats\":{\"display_type\":3,\"display_value\":77,\"is_hidden\":true}}",
				&r, &err), KM_OK, "hidden room maps");
	is_int(present(&r), 0, "hidden display_value is absent");
}

static void
test_errors(KmIngest *st)
{
	KmLiveRoom	r;
	KmError		err;
	char		title[KM_INGEST_MAX_TITLE + 64];

	is_int(live(st, KM_P_TAOBAO_LIVE, "{\"stats\":{}}", &r, &err), KM_EPARAM, "taobao_live: no shape");
	ok(strstr(err.detail, "taobao_live") != NULL, "the detail names the platform");
	is_int(live(st, KM_P_WEIBO, "{\"stats\":{}}", &r, &err), KM_EPARAM, "weibo: no live shape");
	is_int(live(st, KM_P_DOUYIN, "[]", &r, &err), KM_ESYNTAX, "an array is not a room");
	is_int(live(st, KM_P_DOUYIN, "{\"title\":\"x\"}", &r, &err), KM_ESYNTAX, "no stats: not a room");
	ok(r.shape == NULL && r.room_id == NULL, "an error leaves an empty row");
	is_int(live(st, KM_P_DOUYIN, "{\"stats\":{\"total_user\":-1}}", &r, &err), KM_ESYNTAX, "negative");
	ok(strcmp(err.detail, "$.stats.total_user is negative (-1); a count cannot be negative.") == 0,
	   "the detail names the path");
	is_int(live(st, KM_P_DOUYIN, "{\"stats\":{\"follow_count\":1e19}}", &r, &err), KM_ERANGE,
		   "beyond bigint");
	is_int(live(st, KM_P_DOUYIN, "{\"stats\":{},\"title\":7}", &r, &err), KM_ESYNTAX, "a number title");
	is_int(live(st, KM_P_DOUYIN, "{\"stats\":{},\"title\":\"a\\u0000b\"}", &r, &err), KM_ESYNTAX,
		   "a title with \\u0000");
	memset(title, 0, sizeof(title));
	strcpy(title, "{\"stats\":{},\"title\":\"");
	memset(title + strlen(title), 'x', KM_INGEST_MAX_TITLE + 1);
	strcat(title, "\"}");
	is_int(live(st, KM_P_DOUYIN, title, &r, &err), KM_ESYNTAX, "a title over 4096 bytes");
	title[strlen("{\"stats\":{},\"title\":\"") + KM_INGEST_MAX_TITLE] = '"';
	title[strlen("{\"stats\":{},\"title\":\"") + KM_INGEST_MAX_TITLE + 1] = '}';
	title[strlen("{\"stats\":{},\"title\":\"") + KM_INGEST_MAX_TITLE + 2] = '\0';
	is_int(live(st, KM_P_DOUYIN, title, &r, &err), KM_OK, "a title of exactly 4096 bytes");
	is_int((int64_t) r.title_len, KM_INGEST_MAX_TITLE, "its length");
	is_int(live(st, KM_P_DOUYIN, "{\"stats\":", &r, &err), KM_ESYNTAX, "malformed");
}

int
main(void)
{
	KmError		err;

	km_clear(&err);
	is_int(km_ingest_init(&ing, &err), KM_OK, "init");
	is_int(km_ingest_init(&ref, &err), KM_OK, "init json-c-only state");
	ref.use_jsonc = true;
	/* both parsers, and the state reused across payloads */
	test_capture(&ing);
	test_capture(&ref);
	test_variants(&ing);
	test_variants(&ref);
	test_errors(&ing);
	test_errors(&ref);
	km_ingest_free(&ing);
	km_ingest_free(&ref);
	return done_testing();
}
