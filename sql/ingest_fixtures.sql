-- ingest_post / ingest_posts over every real payload in test/fixtures/platform-payloads
-- (copies of the published files, see SOURCES.md there).  psql reads each file on the
-- client side (\set with backquotes), so the server needs no access to the checkout.
-- Every expected value below was read off the JSON by hand.
SET search_path = kolmetrics, public;
SET timezone = 'UTC';
\pset null '(null)'

-- ---------------------------------------------------------------- Weibo
-- weibo-statuses-show.json: data.id "4645748019299849", data.user.id 6279793937,
-- created_at "Tue Jun 08 09:35:04 +0800 2021" = 2021-06-08 01:35:04 UTC,
-- attitudes_count 39018 -> likes, comments_count 2203, reposts_count 7299 -> shares,
-- page_info.type "video", play_count "185万次播放" -> views 1850000 (rounded),
-- user.followers_count "258.3万" -> 2583000 (rounded).  No saves, no extra.
\set fx `cat test/fixtures/platform-payloads/weibo-statuses-show.json`
SELECT * FROM ingest_post('weibo', :'fx');

-- weibo-container-getindex-userinfo.json: a profile; data.userInfo.id 6279793937,
-- followers_count "145.5万" -> 1455000 (rounded); no post counters.
\set fx `cat test/fixtures/platform-payloads/weibo-container-getindex-userinfo.json`
SELECT shape, post_id, author_id, followers, rounded, absent FROM ingest_post('weibo', :'fx');

-- weibo-container-getindex-mblogs.json: 10 cards, all card_type 9 (read by hand):
--   id                 created_at (+0800)      reposts comments attitudes  page_info
--   4645748019299849   Tue Jun 08 09:35:04      9079    2126    37053      video "87万次播放"
--   4649031014551911   Thu Jun 17 11:00:31        83     577    16368
--   4648806186747944   Wed Jun 16 20:07:07         7     147     1340      (repost of 4645748019299849)
--   4648004356937383   Mon Jun 14 15:00:57      1849    1277    40504
--   4647212359090479   Sat Jun 12 10:33:49       333     441     9348
--   4647211990255467   Sat Jun 12 10:32:21      1092     490    12019
--   4646917039199914   Fri Jun 11 15:00:20       813     707    28729
--   4646569834450357   Thu Jun 10 16:00:40       733    1773    35761
--   4646502071534367   Thu Jun 10 11:31:23       944     806    13944
--   4646192191903210   Wed Jun 09 15:00:03       756    1947    30432
-- followers_count is the integer 1363591 on every card.  The repost 4648806186747944 keeps
-- its own 7 / 147 / 1340: the retweeted_status's 9079 / 2126 / 37053 are not added.
\set fx `cat test/fixtures/platform-payloads/weibo-container-getindex-mblogs.json`
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, saves, views, followers,
       rounded, floors, absent
  FROM ingest_posts('weibo', :'fx');
-- sums as a second check: likes 37053+16368+1340+40504+9348+12019+28729+35761+13944+30432 = 225498;
-- comments 2126+577+147+1277+441+490+707+1773+806+1947 = 10291;
-- shares 9079+83+7+1849+333+1092+813+733+944+756 = 15689
SELECT count(*) AS posts, sum(likes) AS likes, sum(comments) AS comments, sum(shares) AS shares
  FROM ingest_posts('weibo', :'fx');
-- the same list as json and as jsonb maps to the same rows
SELECT (SELECT array_agg(t ORDER BY t.post_id) FROM ingest_posts('weibo', :'fx'::json) t)
     = (SELECT array_agg(t ORDER BY t.post_id) FROM ingest_posts('weibo', :'fx'::jsonb) t) AS json_eq_jsonb,
       (SELECT array_agg(t ORDER BY t.post_id) FROM ingest_posts('weibo', :'fx'::text) t)
     = (SELECT array_agg(t ORDER BY t.post_id) FROM ingest_posts('weibo', :'fx'::jsonb) t) AS text_eq_jsonb;
-- ingest_post refuses a list of 10
SELECT * FROM ingest_post('weibo', :'fx');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- ------------------------------------------------------------- Bilibili
-- bilibili-dynamic-space-feed.json: 13 items in data.items[] (read by hand):
--   id_str               type      mid        pub_ts      like    comment forward  archive.stat
--   916751749918752793   DRAW      161775300  1712286300   26249   5954    303
--   917925942426337285   DRAW      161775300  1712559688      60     13      1
--   917569936907305028   DRAW      161775300  1712476801   13928    754     80
--   917554475026088034   DRAW      161775300  1712473200   15941   1839    190
--   917199977014362112   DRAW      161775300  1712390661   18528    967    125
--   917184089903071286   DRAW      161775300  1712386962   16675   2838    164
--   917121546589306880   DRAW      161775300  1712372400   17022    908    120
--   917092495452536836   FORWARD   161775300  1712365636   10443   3308    765  (orig not added)
--   916750508666912773   AV        161775300  1712286011  144036  10941   1383  play "190.3万" danmaku "1万"
--   916101118201692165   DRAW      161775300  1712134813   16343   1458     74
--   916023825994350755   AV        161775300  1712116817   87002   3303    410  play "97.8万" danmaku "2137"
--   915793667264872453   DRAW      161775300  1712063229   24064   3492  43636
--   965806534205374473   FORWARD     6050499  1723707757       0      0      0
-- AV items: views 1903000 and 978000 (rounded), extra = danmaku 10000 (rounded) and 2137
-- (exact); the feed has no coins, so extra is danmaku only.  pub_ts 1712286300 = 2024-04-05 03:05:00 UTC.
\set fx `cat test/fixtures/platform-payloads/bilibili-dynamic-space-feed.json`
SELECT shape, post_id, author_id, posted_at, likes, comments, shares, views, extra, rounded, absent
  FROM ingest_posts('bilibili', :'fx');

-- bilibili-live-master-info.json: profile, data.info.uid 161775300, data.follower_num 6734852
\set fx `cat test/fixtures/platform-payloads/bilibili-live-master-info.json`
SELECT shape, author_id, followers, rounded, absent FROM ingest_post('bilibili', :'fx');

-- --------------------------------------------------------------- Douyin
-- douyin-openapi-hot-video-billboard.json: data.list[] holds one billboard item:
-- digg_count 200 -> likes, comment_count 100, play_count 300 -> views (real on the open
-- platform); no id, no shares or saves; hot_value 10000 is a score, not mapped.
\set fx `cat test/fixtures/platform-payloads/douyin-openapi-hot-video-billboard.json`
SELECT * FROM ingest_post('douyin', :'fx');
SELECT shape, likes, comments, views FROM ingest_posts('douyin', :'fx');

-- ------------------------------------------------------------ Instagram
-- instagram-media.json: id "17896129349106152", owner.id "17841406338772941",
-- timestamp "2021-07-26T10:45:20+0000", like_count 1, comments_count 0 (a real 0, not absent);
-- children carry no counts.
\set fx `cat test/fixtures/platform-payloads/instagram-media.json`
SELECT * FROM ingest_post('instagram', :'fx');

-- instagram-media-insights.json: metrics impressions 8, reach 5, saved 0; media id from
-- "17846368219941692/insights/impressions/lifetime".  views = impressions (no views metric),
-- saves = saved 0; reach has no column.
\set fx `cat test/fixtures/platform-payloads/instagram-media-insights.json`
SELECT shape, post_id, likes, comments, shares, saves, views, absent FROM ingest_post('instagram', :'fx');
-- media and its insights together: media || {"insights": insights} (the field expansion shape)
\set fx2 `cat test/fixtures/platform-payloads/instagram-media.json`
SELECT shape, post_id, likes, comments, saves, views, absent
  FROM ingest_post('instagram', :'fx2'::jsonb || jsonb_build_object('insights', :'fx'::jsonb));

-- instagram-business-discovery-media.json: business_discovery.media.data[]:
--   17885103395504675  2021-08-17T19:00:42+0000  like_count 87   comments_count 11
--   17886271043461692  2021-08-16T17:35:10+0000  like_count 186  comments_count 16
-- the media carry no owner: the author is the account discovered, business_discovery.id
-- "17841407673135339" (the same account as instagram-user.json); no followers_count was asked for.
\set fx `cat test/fixtures/platform-payloads/instagram-business-discovery-media.json`
SELECT shape, post_id, author_id, posted_at, likes, comments, absent FROM ingest_posts('instagram', :'fx');

-- instagram-user.json: profile, id "17841407673135339", followers_count 64363
\set fx `cat test/fixtures/platform-payloads/instagram-user.json`
SELECT shape, author_id, followers, absent FROM ingest_post('instagram', :'fx');

-- --------------------------------------------------------------- TikTok
-- tiktok-web-item-detail.json: itemInfo.itemStruct, id "7305827432509082913",
-- author.id "6839815725969687558", createTime 1701020508 = 2023-11-26 17:41:48 UTC,
-- stats: diggCount 1700000 (1.7M), commentCount 7121, shareCount 8829, collectCount 210700
-- (210.7K), playCount 19100000 (19.1M).  No statsV2: the three large values fit the
-- display-rounding pattern and are flagged rounded; 7121 and 8829 are exact.
\set fx `cat test/fixtures/platform-payloads/tiktok-web-item-detail.json`
SELECT * FROM ingest_post('tiktok', :'fx');

-- ---------------------------------------------------------- Xiaohongshu
-- xiaohongshu-homefeed-note-card.json: a top-level array of one homefeed item,
-- id "64cf3fda000000000c037503", note_card.user.user_id "58154eeb82ec3910c8376c19",
-- interact_info.liked_count "307" (a string) -> likes 307; feed cards carry nothing else.
\set fx `cat test/fixtures/platform-payloads/xiaohongshu-homefeed-note-card.json`
SELECT * FROM ingest_post('xiaohongshu', :'fx');
SELECT shape, post_id, likes FROM ingest_posts('xiaohongshu', :'fx');

-- -------------------------------------------------------------- YouTube
-- youtube-videos-list.json: items[0] id "D-lhorsDlUQ", snippet.channelId
-- "UC_x5XG1OV2P6uZZ5FSM9Ttw", publishedAt "2019-03-21T20:37:49.000Z", statistics (strings):
-- viewCount "7920", likeCount "190", commentCount "32"; favoriteCount "0" is dead and
-- dislikeCount "23" private since 2021: neither is mapped.
\set fx `cat test/fixtures/platform-payloads/youtube-videos-list.json`
SELECT * FROM ingest_post('youtube', :'fx');

-- youtube-channels-list.json: two channels, subscriberCount "10700000" and "2260000":
-- 3 significant figures, flagged rounded.
\set fx `cat test/fixtures/platform-payloads/youtube-channels-list.json`
SELECT shape, author_id, followers, rounded FROM ingest_posts('youtube', :'fx');
-- youtube-channels-list-legacy.json: subscriberCount "1927873", not a 3-figure value: exact.
\set fx `cat test/fixtures/platform-payloads/youtube-channels-list-legacy.json`
SELECT shape, author_id, followers, rounded FROM ingest_post('youtube', :'fx');
