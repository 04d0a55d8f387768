-- Soak set-up for the feature types: daily engagement summaries, profiles and raw
-- payloads built from the soak sample (sample.posts / sample.kols).
\set ON_ERROR_STOP on
CREATE TABLE soak_daily AS
SELECT kol_id, (posted_at AT TIME ZONE 'UTC')::date AS day,
       kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM sample.posts GROUP BY 1, 2;
CREATE TABLE soak_profiles AS
SELECT kol_id,
       format('{"categories": {"%s": 1, "lifestyle": %s}, "audience": {"age": {"18-24": %s, "25-34": 3, "35+": 1}, "gender": {"f": %s, "m": 2}}}',
              niche, kol_id % 5, kol_id % 7 + 1, kol_id % 4 + 1)::kolmetrics.kol_profile AS p
  FROM sample.kols;
CREATE TABLE soak_payloads AS
SELECT kol_id, post_id,
       json_build_object('aweme_detail', json_build_object('aweme_id', post_id::text,
           'create_time', extract(epoch FROM posted_at)::bigint,
           'author', json_build_object('uid', kol_id::text, 'follower_count', followers),
           'statistics', json_build_object('digg_count', likes, 'comment_count', comments,
               'share_count', shares, 'collect_count', coalesce(saves, 0), 'play_count', coalesce(views, 0))))::text AS body
  FROM sample.posts;
