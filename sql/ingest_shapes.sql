-- ingest_post / ingest_posts on payloads written by hand from the field names in the
-- references (platforms and shapes with no licensed fixture), flags, lists, bad input,
-- strict => false and bulk loading.  Expected values worked out by hand in the comments.
SET search_path = kolmetrics, public;
SET timezone = 'UTC';
\pset null '(null)'

-- ---------------------------------------------------------------- WeChat
-- getappmsgext, current shape: read_num 100001 is the "10万+" cap -> views 100001, a floor;
-- old_like_num 4567 = 点赞 -> likes; like_num 321 = 在看 -> extra; share_num 89; collect_num 12;
-- comment_count 210 sits beside appmsgstat.
SELECT shape, likes, comments, shares, saves, views, extra, floors, absent
  FROM ingest_post('wechat', '{"appmsgstat": {"show": true, "read_num": 100001, "like_num": 321,
       "old_like_num": 4567, "share_num": 89, "collect_num": 12, "real_read_num": 0},
       "comment_count": 210, "appmsgid": "2247483661"}');
-- older shape (before 在看): like_num is 点赞 -> likes 88, no extra; read_num "10万+" -> 100000 floor
SELECT shape, likes, views, extra, floors, absent
  FROM ingest_post('wechat', '{"appmsgstat": {"read_num": "10万+", "like_num": 88}}');
-- a top-level array of responses is a list: 2 rows (read_num 5 and 7)
SELECT views, likes FROM ingest_posts('wechat', '[{"appmsgstat": {"read_num": 5, "like_num": 1}},
       {"read_num": 7, "old_like_num": 2, "like_num": 0}]');

-- ------------------------------------------------------- WeChat Channels
-- count_info: fav_count 3400 is the thumbs-up (点赞) -> likes; like_count 120 is the heart
-- (推荐) -> extra; comment_count 56; forward_count 78 -> shares.
-- createtime 1700000000 = 2023-11-14 22:13:20 UTC
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, extra, absent
  FROM ingest_post('wechat_channels', '{"object": {"id": "14389", "username": "v2_0600@finder",
       "createtime": 1700000000, "count_info": {"like_count": 120, "fav_count": 3400,
       "comment_count": 56, "forward_count": 78}}}');

-- ---------------------------------------------------------------- Douyin
-- web aweme_detail: digg 15234, comment 321, share 45, collect 678; play_count 0 is the web
-- API's placeholder -> views NULL and listed absent; author.follower_count 0 likewise.
-- create_time 1699999999 = 2023-11-14 22:13:19 UTC
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, saves, views, followers, absent
  FROM ingest_post('douyin', '{"aweme_detail": {"aweme_id": "7301234567890123456",
       "create_time": 1699999999, "author": {"uid": "1234", "follower_count": 0},
       "statistics": {"digg_count": 15234, "comment_count": 321, "share_count": 45,
       "collect_count": 678, "play_count": 0, "admire_count": 3}}}');
-- aweme_list: a real play_count (open platform data) is kept; follower_count 98765 kept
SELECT post_id, likes, views, followers
  FROM ingest_posts('douyin', '{"aweme_list": [
       {"aweme_id": "1", "statistics": {"digg_count": 10, "play_count": 500}, "author": {"uid": "9", "follower_count": 98765}},
       {"aweme_id": "2", "statistics": {"digg_count": 20, "play_count": 0}}]}');

-- ----------------------------------------------------------- Xiaohongshu
-- note detail with string counts: "1.2万" = 12000 (rounded), "3456", "10+" = 10 (floor),
-- "1k+" = 1000 (floor); time 1705300000000 ms = 2024-01-15 06:26:40 UTC
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, saves, rounded, floors, absent
  FROM ingest_post('xiaohongshu', '{"note": {"note_id": "65a4e1f0000000001f03a1b2", "time": 1705300000000,
       "user": {"user_id": "5f0c1e2d000000000101d4e3"}, "interact_info": {"liked_count": "1.2万",
       "collected_count": "3456", "comment_count": "10+", "share_count": "1k+"}}}');
-- a homefeed with an ad between two notes: the ad (model_type "ads") is skipped
SELECT post_id, likes FROM ingest_posts('xiaohongshu', '{"data": {"items": [
       {"id": "n1", "model_type": "note", "note_card": {"interact_info": {"liked_count": "5"}}},
       {"id": "ad1", "model_type": "ads", "ads": {"title": "..."}},
       {"id": "n2", "model_type": "note", "note_card": {"interact_info": {"liked_count": "1k+"}}}]}}');
-- an empty string count is absent, not 0
SELECT likes, saves, absent FROM ingest_post('xiaohongshu', '{"interact_info": {"liked_count": "", "collected_count": "2"}}');

-- -------------------------------------------------------------- Kuaishou
-- visionVideoDetail: realLikeCount 15234 (exact) wins over the display likeCount "1.5万";
-- viewCount "120.3万" = 1203000 (rounded); commentCount 410; timestamp 1700000000000 ms
SELECT shape, post_id, author_id, posted_at, likes, comments, views, rounded, absent
  FROM ingest_post('kuaishou', '{"data": {"visionVideoDetail": {"author": {"id": "3xauthor"},
       "photo": {"id": "3xphoto", "timestamp": 1700000000000, "likeCount": "1.5万",
       "realLikeCount": 15234, "viewCount": "120.3万", "commentCount": 410}}}}');
-- without realLikeCount the display string is used: "2.1w" = 21000, flagged rounded
SELECT likes, views, rounded FROM ingest_post('kuaishou', '{"photo": {"id": "3x1", "likeCount": "2.1w", "viewCount": 5000}}');
-- profile feed list: two photos
SELECT post_id, author_id, likes FROM ingest_posts('kuaishou', '{"data": {"visionProfilePhotoList": {"feeds": [
       {"author": {"id": "a1"}, "photo": {"id": "p1", "realLikeCount": 3}},
       {"author": {"id": "a1"}, "photo": {"id": "p2", "realLikeCount": 4}}]}}}');

-- ---------------------------------------------------------------- TikTok
-- statsV2 (exact strings) preferred over stats (rounded): nothing flagged rounded;
-- authorStatsV2.followerCount "2312345" exact
SELECT shape, likes, comments, shares, saves, views, followers, rounded
  FROM ingest_post('tiktok', '{"itemStruct": {"id": "7", "createTime": "1701020508", "author": {"id": "68"},
       "stats": {"diggCount": 1700000, "commentCount": 7121, "shareCount": 8829, "collectCount": 210700, "playCount": 19100000},
       "statsV2": {"diggCount": "1712345", "commentCount": "7121", "shareCount": "8829", "collectCount": "210733",
                   "playCount": "19134567", "repostCount": "0"},
       "authorStats": {"followerCount": 2300000}, "authorStatsV2": {"followerCount": "2312345"}}}');
-- stats only: 2300000 followers (2.3M) rounded; 12345 breaks the pattern: exact;
-- 9900 is below 10,000: exact; 1200000000 (1.2B) rounded
SELECT likes, comments, views, followers, rounded
  FROM ingest_post('tiktok', '{"id": "8", "stats": {"diggCount": 12345, "commentCount": 9900, "playCount": 1200000000},
       "authorStats": {"followerCount": 2300000}}');
-- official API video objects in data.videos[]; create_time 1701020508 = 2023-11-26 17:41:48 UTC
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, views, saves, absent
  FROM ingest_posts('tiktok', '{"data": {"videos": [
       {"id": "7305", "create_time": 1701020508, "username": "creator", "like_count": 1712345,
        "comment_count": 7121, "share_count": 8829, "view_count": 19134567},
       {"id": "7306", "like_count": 5, "view_count": 50, "favourites_count": 2}]}}');

-- -------------------------------------------------------------- Bilibili
-- x/web-interface/view data: view 123456, danmaku 789, reply 1011, favorite 1213, coin 1415,
-- share 1617, like 1819 -> extra = coin + danmaku = 1415 + 789 = 2204.
-- pubdate 1256993000 = 2009-10-31 12:43:20 UTC
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, saves, views, extra, absent
  FROM ingest_post('bilibili', '{"code": 0, "data": {"bvid": "BV1xx411c7mD", "aid": 2, "pubdate": 1256993000,
       "owner": {"mid": 2}, "stat": {"view": 123456, "danmaku": 789, "reply": 1011, "favorite": 1213,
       "coin": 1415, "share": 1617, "like": 1819, "dislike": 0}}}');
-- view/detail: data.View + data.Card.card.fans 1000000 -> followers; danmaku only (no coin) -> extra 7
SELECT shape, post_id, views, extra, followers, absent
  FROM ingest_post('bilibili', '{"data": {"View": {"bvid": "BV1", "stat": {"view": 10, "danmaku": 7}},
       "Card": {"card": {"mid": "5", "fans": 1000000}}}}');

-- ------------------------------------------------------------- Instagram
-- media with insights expanded: views from the newer total_value shape (500), saved 7,
-- shares 3; like_count 10 and comments_count 2 from the media object
SELECT shape, likes, comments, shares, saves, views, absent
  FROM ingest_post('instagram', '{"id": "1", "media_type": "REELS", "like_count": 10, "comments_count": 2,
       "insights": {"data": [{"name": "views", "total_value": {"value": 500}},
       {"name": "saved", "values": [{"value": 7}]}, {"name": "shares", "values": [{"value": 3}]},
       {"name": "impressions", "values": [{"value": 999}]}]}}');
-- business_discovery with followers_count asked for: its id is the author of items that name
-- none (m2 names its username "x"), and its followers_count applies to every item
SELECT post_id, author_id, likes, followers
  FROM ingest_posts('instagram', '{"business_discovery": {"id": "1784", "followers_count": 64363,
       "media": {"data": [{"id": "m1", "like_count": 87}, {"id": "m2", "like_count": 186, "username": "x"}]}}}');
-- hidden likes: like_count left out -> likes NULL, absent
SELECT likes, comments, absent FROM ingest_post('instagram', '{"id": "2", "media_type": "IMAGE", "comments_count": 5}');

-- --------------------------------------------------------------- YouTube
-- likes hidden, comments off: only viewCount "15"; a bare resource without items[]
SELECT shape, likes, comments, views, absent
  FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "x", "statistics": {"viewCount": "15"}}');
-- hiddenSubscriberCount true: followers absent
SELECT shape, followers, absent FROM ingest_post('youtube', '{"kind": "youtube#channel", "id": "UC1",
       "statistics": {"subscriberCount": "0", "hiddenSubscriberCount": true}}');

-- ----------------------------------------------------------------- Weibo
-- a bare status: counts as strings, "100万+" is a floor of 1000000; relative created_at
-- "3分钟前" cannot be placed in time -> posted_at NULL
SELECT shape, posted_at, likes, comments, shares, floors
  FROM ingest_post('weibo', '{"id": "1", "created_at": "3分钟前", "attitudes_count": "100万+",
       "comments_count": "2,345", "reposts_count": 0}');

-- ------------------------------------------------------------ bad input
-- malformed JSON
SELECT * FROM ingest_post('youtube', '{"kind": ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('youtube', '{"kind": "youtube#video"} x');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('youtube', '');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('youtube', '{"kind": tru}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- well-formed but not a post: the detail names the shape expected and the path
SELECT * FROM ingest_post('youtube', '{"kind": "youtube#playlist", "id": "PL1"}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('douyin', '{"data": {"error_code": 0}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('youtube', '{"items": [{"kind": "youtube#video", "statistics": {"viewCount": true}}]}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('bilibili', '{"data": {"stat": {"view": "12x"}}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('weibo', '{"data": {"attitudes_count": -5}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('wechat', '[1, 2]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_posts('wechat', '[{"read_num": 1}, 2]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_posts('youtube', '{"kind": "youtube#video", "statistics": {}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "a\u0000b", "statistics": {}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- beyond bigint: a count string and a JSON number
SELECT * FROM ingest_post('youtube', '{"kind": "youtube#video", "statistics": {"viewCount": "99999999999999999999"}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('youtube', '{"kind": "youtube#video", "statistics": {"viewCount": 99999999999999999999}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the largest bigint as a JSON number still fits
SELECT views FROM ingest_post('youtube', '{"kind": "youtube#video", "statistics": {"viewCount": 9223372036854775807}}');
-- no payload shape is known for live commerce
SELECT * FROM ingest_post('taobao_live', '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- limits: nesting deeper than 64 levels, payloads over 64 MiB (54000)
SELECT * FROM ingest_post('weibo', repeat('[', 100) || repeat(']', 100));
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_post('weibo', repeat(' ', 64 * 1024 * 1024) || '{}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the parse tree is bounded before parsing: 100,001 objects, 1,000,001 values, 100,001 list items
SELECT * FROM ingest_posts('wechat', '[' || repeat('{"read_num": 1},', 100000) || '{}]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_posts('wechat', '[' || repeat('1,', 1000000) || '1]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM ingest_posts('wechat', '[' || repeat('1,', 100000) || '1]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- 100,000 posts in one list are fine: sum of read_num 1..100000 = 100000 * 100001 / 2 = 5000050000
SELECT count(*), sum(views) FROM ingest_posts('wechat',
       (SELECT '[' || string_agg('{"read_num": ' || i || '}', ',') || ']' FROM generate_series(1, 100000) i));
-- NULL payload: NULL row (the functions are STRICT)
SELECT ingest_post('weibo', NULL::text) IS NULL AS null_payload;

-- ------------------------------------------------------ strict => false
-- the same bad inputs give a row with error text and NULL counters
SELECT platform, shape, likes, views, absent, error
  FROM ingest_post('youtube', '{"kind": ', strict => false);
SELECT platform, shape, likes, views, absent, error
  FROM ingest_post('bilibili', '{"data": {"stat": {"view": "12x"}}}', strict => false);
SELECT platform, error FROM ingest_post('taobao_live', '{}', strict => false);
SELECT platform, error FROM ingest_post('weibo', repeat('[', 100) || repeat(']', 100), strict => false);
-- a list with one bad item: the good ones still come out, the bad one carries its error
SELECT views, likes, error FROM ingest_posts('wechat', '[{"read_num": 1, "like_num": 2}, 2, {"read_num": "many"}, {"read_num": 4}]', strict => false);
SELECT error FROM ingest_posts('youtube', 'not json', strict => false);

-- a bulk INSERT ... SELECT over good and bad payloads loads every good row
CREATE TABLE ingest_raw (id int PRIMARY KEY, platform platform, body text);
INSERT INTO ingest_raw VALUES
	(1, 'youtube', '{"kind": "youtube#video", "id": "v1", "statistics": {"viewCount": "100", "likeCount": "7"}}'),
	(2, 'weibo', '{"mblog": {"id": "w1", "attitudes_count": 3, "comments_count": 1, "reposts_count": 0}}'),
	(3, 'youtube', '{"kind": "youtube#video", "id": "v2", "statistics": {"viewCount": "lots"}}'),
	(4, 'xiaohongshu', '{"note_card": {"interact_info": {"liked_count": "1.5万"}}, "id": "n1"}'),
	(5, 'douyin', '{oops'),
	(6, 'tiktok', '{"id": "t1", "stats": {"diggCount": 5, "playCount": 90}}');
CREATE TABLE ingest_counts AS
SELECT r.id, p.* FROM ingest_raw r, LATERAL ingest_post(r.platform, r.body, strict => false) p;
SELECT id, platform, post_id, likes, comments, shares, views, rounded, error IS NOT NULL AS failed
  FROM ingest_counts ORDER BY id;
-- 4 good rows, 2 kept visible with their reasons
SELECT count(*) FILTER (WHERE error IS NULL) AS loaded, count(*) FILTER (WHERE error IS NOT NULL) AS failed
  FROM ingest_counts;
SELECT id, error FROM ingest_counts WHERE error IS NOT NULL ORDER BY id;
-- text, json and jsonb payloads give the same rows
SELECT bool_and(ingest_post(platform, body::json) = ingest_post(platform, body::jsonb)
            AND ingest_post(platform, body) = ingest_post(platform, body::jsonb)) AS same
  FROM ingest_raw WHERE id IN (1, 2, 4, 6);
DROP TABLE ingest_counts, ingest_raw;

-- parallel workers each parse with their own json-c state: same answer as a serial scan.
-- 2000 YouTube payloads with viewCount i and likeCount "i%7" for i = 1..2000:
-- sum of views = 2000 * 2001 / 2 = 2001000; sum of likes = sum of i%7 = 285 * 21 + (1+2+3+4+5) = 6000
CREATE TABLE ingest_par (id int, body text);
INSERT INTO ingest_par SELECT i, '{"kind": "youtube#video", "id": "v' || i || '", "statistics": {"viewCount": "' || i
	|| '", "likeCount": "' || i % 7 || '"}}' FROM generate_series(1, 2000) i;
ANALYZE ingest_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF)
SELECT sum(p.views), sum(p.likes), count(p.post_id) FROM ingest_par b, LATERAL ingest_post('youtube', b.body) p;
SELECT sum(p.views), sum(p.likes), count(p.post_id) FROM ingest_par b, LATERAL ingest_post('youtube', b.body) p;
RESET force_parallel_mode;
SET max_parallel_workers_per_gather = 0;
SELECT sum(p.views), sum(p.likes), count(p.post_id) FROM ingest_par b, LATERAL ingest_post('youtube', b.body) p;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE ingest_par;

-- Integer ids json-c cannot hold exactly (2^64 - 1 and beyond, -2^63 and below) are
-- refused, never saturated to 18446744073709551615; text, json and jsonb agree.  The
-- largest and smallest kept ones come back digit for digit.
SELECT post_id, error FROM ingest_post('weibo', '{"id": 123456789012345678901, "attitudes_count": 5}', strict => false);
SELECT post_id, error FROM ingest_post('weibo', '{"id": 123456789012345678901, "attitudes_count": 5}'::jsonb, strict => false);
SELECT post_id, error FROM ingest_post('weibo', '{"id": -9223372036854775808, "attitudes_count": 5}'::json, strict => false);
SELECT post_id FROM ingest_post('weibo', '{"id": 18446744073709551614, "attitudes_count": 5}');
SELECT post_id FROM ingest_post('weibo', '{"id": -9223372036854775807, "attitudes_count": 5}');

-- JSON decimal counters are read exactly from their digits, never through a double:
-- 9007199254740993.0 is 2^53 + 1 (a double would give 2^53 = 9007199254740992), not
-- rounded; 1.5e3 = 1500, 12e2 = 1200, 1.000 = 1, 0e5 = 0, -0.0 = 0, all exact.  A fraction
-- is rounded half up (half away from zero) and flagged: 12.5 -> 13, 12.49 -> 12,
-- 0.05 -> 0, 1.25e1 = 12.5 -> 13, 5e-1 = 0.5 -> 1.  9223372036854775807.0 = 2^63 - 1
-- fits; 9223372036854775807.5 rounds to 2^63 and 1e19 are beyond bigint (22003 / error
-- row), -0.5 is negative.  Text, json and jsonb agree.
CREATE TABLE ingest_dec (id int, v text);
INSERT INTO ingest_dec VALUES (1, '9007199254740993.0'), (2, '1.5e3'), (3, '12e2'), (4, '1.000'),
	(5, '0e5'), (6, '-0.0'), (7, '12.5'), (8, '12.49'), (9, '0.05'), (10, '1.25e1'), (11, '5e-1'),
	(12, '9223372036854775807.0'), (13, '9223372036854775807.5'), (14, '1e19'), (15, '-0.5'),
	(16, '123456789012345678.90E1');
SELECT d.id, d.v, t.views, t.rounded, t.error,
	j.views IS NOT DISTINCT FROM t.views AND j.rounded IS NOT DISTINCT FROM t.rounded
	AND j.error IS NOT DISTINCT FROM t.error AS json_same,
	b.views IS NOT DISTINCT FROM t.views AND b.rounded IS NOT DISTINCT FROM t.rounded
	AND (b.error IS NULL) = (t.error IS NULL) AS jsonb_same
  FROM ingest_dec d,
	LATERAL ingest_post('youtube', '{"kind": "youtube#video", "id": "v", "statistics": {"viewCount": ' || d.v || '}}', strict => false) t,
	LATERAL ingest_post('youtube', ('{"kind": "youtube#video", "id": "v", "statistics": {"viewCount": ' || d.v || '}}')::json, strict => false) j,
	LATERAL ingest_post('youtube', ('{"kind": "youtube#video", "id": "v", "statistics": {"viewCount": ' || d.v || '}}')::jsonb, strict => false) b
  ORDER BY d.id;
-- the list function reads them the same way (one text and one jsonb list)
SELECT post_id, views, rounded FROM ingest_posts('youtube',
	'{"items": [{"kind": "youtube#video", "id": "a", "statistics": {"viewCount": 9007199254740993.0, "likeCount": 2.5}},
	            {"kind": "youtube#video", "id": "b", "statistics": {"viewCount": 12e2}}]}');
SELECT post_id, views, likes, rounded FROM ingest_posts('youtube',
	'{"items": [{"kind": "youtube#video", "id": "a", "statistics": {"viewCount": 9007199254740993.0, "likeCount": 2.5}},
	            {"kind": "youtube#video", "id": "b", "statistics": {"viewCount": 12e2}}]}'::jsonb);
SELECT views FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "v", "statistics": {"viewCount": 1e19}}');
DROP TABLE ingest_dec;

-- A lone UTF-16 surrogate in a string (a high half not followed by a low one, or a low
-- half alone) is refused with 22P02 naming the JSON path, as kol_profile input refuses
-- it, never turned into U+FFFD; with strict => false it is an error row.  A proper pair
-- (\ud83d\ude00 = U+1F600) is kept.  json accepts such text, so it reaches ingest as
-- text does; jsonb input itself refuses it (22P02 before ingest is called).
SELECT post_id FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "\ud800", "statistics": {}}');
SELECT post_id FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "a\ud800b", "statistics": {}}'::json);
SELECT post_id FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "\ud800\u0041", "statistics": {}}');
SELECT post_id, error FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "\udc00", "statistics": {}}', strict => false);
SELECT post_id FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "\ud800", "statistics": {}}'::jsonb);
SELECT post_id, error FROM ingest_posts('youtube',
	'{"items": [{"kind": "youtube#video", "id": "ok"}, {"kind": "youtube#video", "id": "x", "snippet": {"channelId": "\uDBFF"}}]}',
	strict => false);
SELECT post_id FROM ingest_posts('youtube',
	'{"items": [{"kind": "youtube#video", "id": "ok"}, {"kind": "youtube#video", "id": "x", "snippet": {"\udfff": 1}}]}'::json);
SELECT post_id, post_id = U&'\+01F600' AS pair_kept
  FROM ingest_post('youtube', '{"kind": "youtube#video", "id": "\ud83d\ude00", "statistics": {}}');
