-- Dump/restore round trip of kolmetrics.ingested_post (a composite of standard types):
-- mapped posts with every flag, a profile, an error row, NULLs and bigint extremes.
CREATE SCHEMA IF NOT EXISTS rt;
CREATE TABLE rt.ingested (id int PRIMARY KEY, post kolmetrics.ingested_post);
INSERT INTO rt.ingested
SELECT 1, kolmetrics.ingest_post('weibo', '{"data": {"id": "4645748019299849", "created_at": "Tue Jun 08 09:35:04 +0800 2021",
       "user": {"id": 6279793937, "followers_count": "258.3万"}, "attitudes_count": "10万+", "comments_count": 2203,
       "reposts_count": 7299, "page_info": {"type": "video", "play_count": "185万次播放"}}}')
UNION ALL
SELECT 2, kolmetrics.ingest_post('youtube', '{"kind": "youtube#channel", "id": "UC \"quoted\", {braces}",
       "statistics": {"subscriberCount": "10700000"}}')
UNION ALL
SELECT 3, kolmetrics.ingest_post('douyin', '{"aweme_detail": ', strict => false)
UNION ALL
SELECT 4, kolmetrics.ingest_post('tiktok', '{"id": "7", "stats": {"diggCount": 9223372036854775807, "playCount": 0}}')
UNION ALL
SELECT 5, NULL::kolmetrics.ingested_post
UNION ALL
SELECT 6, ROW('xiaohongshu', 'xiaohongshu.note', '笔记 1', NULL, '0001-01-01 00:00:00+00', 0, NULL, NULL, NULL, NULL,
              NULL, NULL, '{}', '{likes}', '{comments,shares}', NULL)::kolmetrics.ingested_post;
