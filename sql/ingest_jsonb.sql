-- ingest_post / ingest_posts on jsonb: the jsonb is walked straight into the mapper's
-- tree; whatever the text parser's fast path would not take (fractions such as 1.0,
-- integers of 19 digits or more, nesting over 32, a scalar at the top) is printed once
-- and parsed as text instead.  Either way a jsonb payload must map exactly as its
-- printed text does, so every case is also compared with ingest_post(p, body::text).
SET search_path = kolmetrics, public;
SET timezone = 'UTC';
\pset null '(null)'

CREATE TEMP TABLE jb (n int, platform platform, body jsonb);
INSERT INTO jb VALUES
-- 1: 2147483647 is int4's largest, 2147483648 is beyond it (printed by numeric_out),
--    1e2 is stored as the integer 100, 18 digits stay exact; extra = coin "1.2万" 12000
--    (rounded) + danmaku 3 = 12003, rounded; aid 170001 is the post id as text
(1, 'bilibili', '{"aid":170001,"stat":{"view":2147483647,"like":2147483648,"reply":0,"share":1e2,"favorite":123456789012345678,"coin":"1.2万","danmaku":3}}'),
-- 2: jsonb keeps 1.0 and 2.5 as written: views 1 (exact), likes 2.5 rounded half up = 3
(2, 'bilibili', '{"stat":{"view":1.0,"like":2.5}}'),
-- 3: beyond bigint: an error (22003 when strict)
(3, 'bilibili', '{"stat":{"view":9223372036854775808}}'),
-- 4: jsonb keeps the last of a repeated key: likes 2; idstr "aé" from a \u escape
(4, 'weibo', '{"mblog":{"idstr":"a\u00e9","attitudes_count":1,"attitudes_count":2}}'),
-- 5: nested 41 deep beside the counter: likes 1
(5, 'weibo', ('{"attitudes_count":1,"x":' || repeat('[', 40) || repeat(']', 40) || '}')::jsonb),
-- 6: a scalar is not a post
(6, 'weibo', '"x"'),
-- 7: negative count
(7, 'douyin', '{"aweme_detail":{"aweme_id":"7","statistics":{"digg_count":-5}}}'),
-- 8: empty object: no shape
(8, 'youtube', '{}');

SELECT n, (p).shape, (p).post_id, (p).likes, (p).comments, (p).shares, (p).saves, (p).views,
       (p).extra, (p).rounded, (p).error
  FROM (SELECT n, ingest_post(platform, body, false) AS p FROM jb) s ORDER BY n;

-- the same rows as the printed text, for every case (all true)
SELECT n, ingest_post(platform, body, false) IS NOT DISTINCT FROM ingest_post(platform, body::text, false) AS same
  FROM jb ORDER BY n;

-- strict errors on jsonb are those of the text
SELECT ingest_post('bilibili', '{"stat":{"view":9223372036854775808}}'::jsonb);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT ingest_post('douyin', '{"aweme_detail":{"statistics":{"digg_count":-5}}}'::jsonb);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- a list as jsonb: item a maps (views "7" = 7), item b carries its error
SELECT post_id, views, error
  FROM ingest_posts('youtube', '{"items":[{"kind":"youtube#video","id":"a","statistics":{"viewCount":"7"}},{"kind":"youtube#video","id":"b","statistics":{"viewCount":[]}}]}'::jsonb, false);
