-- ingest_live: live-room payloads into live-session rows (doc/live.md "Ingest").
-- The real payload is test/fixtures/platform-payloads/douyin-webcast-room-reflow-info.json
-- (a trimmed capture, see SOURCES.md there), read on the client side with \set.  Every
-- other payload below is SYNTHETIC, written for one rule each.  Expected values were read
-- off the JSON by hand.
SET search_path = kolmetrics, public;
SET timezone = 'UTC';
\pset null '(null)'

-- ---------------------------------------------------------------- the real capture
-- data.room of webcast/room/reflow/info (Dec 2023, a finished room, status 4):
--   id_str "7318296342189919011" -> room_id; owner.id_str "100000000000001" (replaced
--   in the fixture) -> author_id; title "分析头像";
--   start_time 1703923690 = 2023-12-30 08:08:10 UTC -> started_at (create_time
--   1703923686 is 4 s earlier and not used); finish_time 1703931645 = 10:20:45 UTC;
--   room_view_stats.display_type 3, display_value 9635 ("9635人看过") -> pv 9635;
--   stats.total_user 6130 -> uv 6130; like_count 8166 -> likes;
--   stats.follow_count 222 -> followers_gained.  stats.like_count, digg_count,
--   comment_count and enter_count are 0 (placeholders): not read.  No money, orders,
--   watch time, peak or exposures: those 14 fields are absent.
\set fx `cat test/fixtures/platform-payloads/douyin-webcast-room-reflow-info.json`
\x on
SELECT * FROM ingest_live('douyin', :'fx');
\x off

-- the three payload types give the same row
SELECT (SELECT l FROM ingest_live('douyin', :'fx') l) IS NOT DISTINCT FROM
       (SELECT l FROM ingest_live('douyin', :'fx'::json) l) AS json_same,
       (SELECT l FROM ingest_live('douyin', :'fx') l) IS NOT DISTINCT FROM
       (SELECT l FROM ingest_live('douyin', :'fx'::jsonb) l) AS jsonb_same;

-- the row feeds live_agg as it is (the 18-column form): one session, pv 9635, uv 6130,
-- likes 8166, followers gained 222; GPM and UV value are NULL (no GMV in the payload),
-- views per viewer would be 9635 / 6130.
SELECT live_sessions(s), pv(s), uv_sum(s), live_likes(s), followers_gained(s), gmv(s), gpm(s),
       uv_value(s)
  FROM (SELECT live_agg(l.gmv, l.paid_orders, l.buyers, l.pv, l.uv, l.watch_seconds,
                        l.peak_viewers, l.product_exposures, l.product_clicks,
                        l.created_orders, l.refund_amount, l.refund_orders,
                        l.followers_gained, l.comments, l.likes, l.room_exposures,
                        l.ad_spend, l.ad_gmv) AS s
          FROM ingest_live('douyin', :'fx') l) x;

-- ------------------------------------------------------- synthetic variants of the shape
-- A bare room object (the data.room node alone) maps the same way; id (an integer) stands
-- in for id_str and owner_user_id for owner.id_str; a live room: finish_time 0 -> ended_at
-- NULL; start_time 0 -> create_time 1735689600 = 2025-01-01 00:00 UTC.
SELECT shape, room_id, author_id, title, started_at, ended_at, pv, uv, likes, followers_gained,
       rounded, floors
  FROM ingest_live('douyin', '{"id": 42, "owner_user_id": 7, "title": "直播", "start_time": 0,
       "create_time": 1735689600, "finish_time": 0, "like_count": 10,
       "stats": {"total_user": 5, "follow_count": 1},
       "room_view_stats": {"display_type": 3, "display_value": 9, "is_hidden": false}}');

-- count strings: total_user_str "3万+" (no total_user) is 30000, rounded and a floor;
-- like_count "1.2万" is 12000, rounded.  display_type 1 ("N在线观众", viewers now) is
-- not PV: pv absent.  A time string without a zone is Beijing time: 2025-01-01 08:00
-- +08:00 = 00:00 UTC.
SELECT room_id, started_at, pv, uv, likes, rounded, floors, 'pv' = ANY (absent) AS pv_absent
  FROM ingest_live('douyin', '{"data": {"room": {"id_str": "9", "start_time": "2025-01-01 08:00:00",
       "like_count": "1.2万", "stats": {"total_user_str": "3万+"},
       "room_view_stats": {"display_type": 1, "display_value": 2252}}}}');

-- a hidden view count is not read; null and "" are absent; no counter at all is a row
-- with every field absent
SELECT room_id, title, pv, uv, likes, cardinality(absent) AS n_absent
  FROM ingest_live('douyin', '{"id_str": "", "title": "", "like_count": null,
       "stats": {"total_user": null},
       "room_view_stats": {"display_type": 3, "display_value": 77, "is_hidden": true}}');

-- a fractional JSON number is rounded half up and flagged (as in ingest_post)
SELECT uv, rounded FROM ingest_live('douyin', '{"stats": {"total_user": 12.5}}');

-- ---------------------------------------------------------------- platforms
-- only Douyin has a known live shape: Taobao Live (no licensed real sample) and the others
-- are 22023; an unknown platform is 22P02
SELECT * FROM ingest_live('taobao_live', '{"data": {}}');
SELECT * FROM ingest_live('weibo', :'fx');
SELECT * FROM ingest_live('douyinn', :'fx');
SELECT platform, error FROM ingest_live('taobao_live', 'not json', strict => false);

-- ---------------------------------------------------------------- hostile payloads
-- malformed JSON, not an object, not a room
SELECT * FROM ingest_live('douyin', '{"data": {"room": ');
SELECT * FROM ingest_live('douyin', '[1, 2]');
SELECT * FROM ingest_live('douyin', '{"data": {"room": {"title": "x"}}}');
SELECT * FROM ingest_live('douyin', '{"aweme_detail": {"statistics": {"digg_count": 1}}}');
-- wrong types name the JSON path
SELECT * FROM ingest_live('douyin', '{"data": {"room": {"stats": {}, "like_count": true}}}');
SELECT * FROM ingest_live('douyin', '{"stats": {"total_user": -3}}');
SELECT * FROM ingest_live('douyin', '{"stats": {"follow_count": "lots"}}');
SELECT * FROM ingest_live('douyin', '{"stats": {}, "title": {"zh": "x"}}');
SELECT * FROM ingest_live('douyin', '{"stats": {}, "title": "a\u0000b"}');
SELECT * FROM ingest_live('douyin', '{"stats": {}, "id_str": [1]}');
SELECT * FROM ingest_live('douyin', '{"stats": {}, "title": "\ud800"}');
-- beyond bigint is 22003
SELECT * FROM ingest_live('douyin', '{"stats": {"total_user": 1e19}}');
SELECT * FROM ingest_live('douyin', '{"stats": {"total_user": "999999999999亿"}}');
-- a title longer than 4096 bytes; nesting deeper than 64 levels (54000)
SELECT * FROM ingest_live('douyin', '{"stats": {}, "title": "' || repeat('x', 4097) || '"}');
SELECT * FROM ingest_live('douyin', repeat('{"a":', 70) || '1' || repeat('}', 70));
-- strict => false: one row with the platform and the error, everything else NULL
SELECT platform, shape, room_id, pv, absent, error
  FROM ingest_live('douyin', '{"stats": {"total_user": -3}}', strict => false);
SELECT platform, error IS NOT NULL AS has_error,
       (SELECT count(*) FROM json_each(row_to_json(l)) WHERE value::text = 'null') AS nulls_of_29
  FROM ingest_live('douyin', '[]'::jsonb, false) l;
-- NULL arguments give NULL (STRICT)
SELECT ingest_live('douyin', NULL::text) IS NULL AS null_payload,
       ingest_live(NULL, :'fx') IS NULL AS null_platform;
-- a bad payload leaves nothing behind: the next call maps normally
SELECT room_id, uv FROM ingest_live('douyin', :'fx');

-- the SQLSTATEs: 22023 no shape for the platform, 22P02 unknown platform / malformed /
-- wrong type, 22003 beyond bigint, 54000 a limit
CREATE FUNCTION pg_temp.state(platform text, payload text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ingest_live(platform, payload);
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
SELECT pg_temp.state('taobao_live', '{}') AS taobao, pg_temp.state('kuaishou', '{}') AS kuaishou,
       pg_temp.state('douyinn', '{}') AS unknown, pg_temp.state('douyin', '{') AS malformed,
       pg_temp.state('douyin', '{"stats": {"total_user": true}}') AS wrong_type,
       pg_temp.state('douyin', '{"stats": {"total_user": 1e19}}') AS beyond,
       pg_temp.state('douyin', repeat('[', 70) || repeat(']', 70)) AS deep,
       pg_temp.state('douyin', '{"stats": {}}') AS fine;

-- the SQL-level definitions: IMMUTABLE, STRICT, PARALLEL SAFE
SELECT p.oid::regprocedure, p.provolatile, p.proisstrict, p.proparallel
  FROM pg_proc p WHERE p.proname = 'ingest_live' ORDER BY 1::text;
