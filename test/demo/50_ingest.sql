-- Demo report: raw platform payloads into comparable counters with ingest_post.
SET search_path = kolmetrics, public;
SET timezone = 'UTC';
\pset footer off

\echo
\echo '== Count strings as platforms print them (parse_count / count_is_floor)'
SELECT s AS shown, parse_count(s) AS count, count_is_floor(s) AS is_floor
  FROM unnest(ARRAY['1,234', '1.2万', '2.15亿', '2.1w', '1.5k', '3千', '4.3M', '10万+', '1k+']) AS s;

\echo
\echo '== One post per platform, mapped from its raw API JSON (rounded / floor / absent flags)'
CREATE TEMP TABLE demo_raw (platform platform, body text);
INSERT INTO demo_raw VALUES
	('weibo', '{"ok": 1, "data": {"id": "4645748019299849", "created_at": "Tue Jun 08 09:35:04 +0800 2021",
	  "user": {"id": 6279793937, "followers_count": "258.3万"}, "reposts_count": 7299, "comments_count": 2203,
	  "attitudes_count": 39018, "page_info": {"type": "video", "play_count": "185万次播放"}}}'),
	('wechat', '{"appmsgstat": {"read_num": 100001, "like_num": 321, "old_like_num": 4567, "share_num": 89},
	  "comment_count": 210, "appmsgid": "2247483661"}'),
	('douyin', '{"aweme_detail": {"aweme_id": "7301234567890123456", "create_time": 1699999999,
	  "author": {"uid": "1234"}, "statistics": {"digg_count": 15234, "comment_count": 321, "share_count": 45,
	  "collect_count": 678, "play_count": 0}}}'),
	('xiaohongshu', '{"id": "64cf3fda000000000c037503", "note_card": {"user": {"user_id": "58154eeb"},
	  "interact_info": {"liked_count": "1.2万", "collected_count": "3456", "comment_count": "10+"}}}'),
	('bilibili', '{"data": {"bvid": "BV1xx411c7mD", "pubdate": 1256993000, "owner": {"mid": 2},
	  "stat": {"view": 123456, "danmaku": 789, "reply": 1011, "favorite": 1213, "coin": 1415, "share": 1617, "like": 1819}}}'),
	('tiktok', '{"itemInfo": {"itemStruct": {"id": "7305827432509082913", "createTime": 1701020508,
	  "author": {"id": "6839815725969687558"}, "stats": {"collectCount": 210700, "commentCount": 7121,
	  "diggCount": 1700000, "playCount": 19100000, "shareCount": 8829}}}}'),
	('instagram', '{"id": "17896129349106152", "timestamp": "2021-07-26T10:45:20+0000", "like_count": 1,
	  "comments_count": 0, "insights": {"data": [{"name": "saved", "values": [{"value": 0}]},
	  {"name": "impressions", "values": [{"value": 8}]}]}}'),
	('youtube', '{"kind": "youtube#videoListResponse", "items": [{"kind": "youtube#video", "id": "D-lhorsDlUQ",
	  "snippet": {"publishedAt": "2019-03-21T20:37:49.000Z", "channelId": "UC_x5XG1OV2P6uZZ5FSM9Ttw"},
	  "statistics": {"viewCount": "7920", "likeCount": "190", "favoriteCount": "0", "commentCount": "32"}}]}');
SELECT p.platform, p.post_id, p.posted_at::date AS posted, p.likes, p.comments, p.shares, p.saves,
       p.views, p.extra, p.followers, p.rounded, p.floors, p.absent
  FROM demo_raw r, LATERAL ingest_post(r.platform, r.body) p
 ORDER BY p.platform;

\echo
\echo '== Engagement rate by views straight from the payloads (absent counters add nothing; NULL without views)'
SELECT p.platform, p.post_id,
       round(engagement_rate(p.likes, p.comments, p.shares, p.saves, p.views, p.extra)::numeric, 4) AS er_by_views,
       cardinality(p.rounded) > 0 AS uses_rounded_counts, cardinality(p.floors) > 0 AS uses_floors
  FROM demo_raw r, LATERAL ingest_post(r.platform, r.body) p
 ORDER BY p.platform;

\echo
\echo '== A bulk load that keeps going: strict => false turns bad payloads into rows with an error'
INSERT INTO demo_raw VALUES
	('youtube', '{"kind": "youtube#video", "id": "v2", "statistics": {"viewCount": "lots"}}'),
	('douyin', '{"aweme_detail": '),
	('kuaishou', '{"photo": {"id": "3x1", "realLikeCount": 15234, "likeCount": "1.5万", "viewCount": "120.3万"}}');
SELECT count(*) AS payloads, count(*) FILTER (WHERE p.error IS NULL) AS loaded,
       count(*) FILTER (WHERE p.error IS NOT NULL) AS rejected
  FROM demo_raw r, LATERAL ingest_post(r.platform, r.body, strict => false) p;
SELECT p.platform, p.error
  FROM demo_raw r, LATERAL ingest_post(r.platform, r.body, strict => false) p
 WHERE p.error IS NOT NULL ORDER BY p.platform;
DROP TABLE demo_raw;
