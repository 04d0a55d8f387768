#!/usr/bin/env python3
# Writes queries.json (kept in git; edit here and rerun: python3 gen_queries.py).
import json

SETUP = r"""
CREATE TABLE posts (post_id int PRIMARY KEY, kol_id int, platform platform, day date,
  likes bigint, comments bigint, shares bigint, saves bigint, views bigint, followers bigint, extra bigint);
INSERT INTO posts
SELECT i, 1 + i % 6, (ARRAY['weibo','douyin','xiaohongshu','bilibili','tiktok','youtube']::platform[])[1 + i % 6],
       date '2025-01-01' + (i * 7 % 59),
       (i * 37) % 900 + 10, (i * 13) % 60, CASE WHEN i % 6 = 0 THEN NULL ELSE (i * 7) % 40 END,
       CASE WHEN i % 6 IN (0, 5) THEN NULL ELSE (i * 11) % 50 END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 101) % 30000 + 100 END,
       (ARRAY[4000, 30000, 150000, 600000, 2500000, 80000])[1 + i % 6] + i * 10,
       CASE WHEN i % 6 = 3 THEN (i * 3) % 25 ELSE 0 END
  FROM generate_series(1, 240) i;
CREATE TABLE kol_daily AS
SELECT kol_id, day, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM posts GROUP BY 1, 2;
CREATE TABLE kol_profiles (kol_id int PRIMARY KEY, profile kol_profile);
INSERT INTO kol_profiles VALUES
 (1, '{"categories": {"beauty": 0.8, "skincare": 0.6}, "audience": {"gender": {"f": 0.7, "m": 0.3}, "age": {"18-24": 0.45, "25-34": 0.4, "35+": 0.15}, "city_tier": {"1": 0.5, "2": 0.3, "3+": 0.2}}}'),
 (2, '{"categories": {"gaming": 1}, "audience": {"gender": {"f": 0.2, "m": 0.8}}, "languages": ["zh"], "countries": ["CN"]}'),
 (3, '{"categories": {"skincare": 0.9, "fashion": 0.4}, "audience": {"gender": {"f": 0.9, "m": 0.1}, "age": {"18-24": 0.6, "25-34": 0.4}}, "languages": ["en", "zh"], "countries": ["SG", "MY"]}'),
 (4, '{"categories": {"food": 0.7, "travel": 0.5}}');
CREATE TABLE campaign_kols (campaign_id int, kol_id int, revenue numeric, cost numeric, impressions bigint,
  views bigint, engagements bigint, clicks bigint, conversions bigint);
INSERT INTO campaign_kols VALUES
 (1, 1, 1500.00, 1000.00, 200000, 50000, 4000, 800, 40),
 (1, 2, 300.50, 500.25, 100000, 20000, 1000, 200, 10),
 (2, 3, 12000.1234567891, 4000.5, 900000, 300000, 25000, 3000, 120),
 (2, 4, NULL, 250, 10000, NULL, 300, 20, 0),
 (3, 5, 0, 0, 0, 0, 0, 0, 0);
CREATE TABLE kol_campaign AS
SELECT campaign_id, kol_id,
       campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) AS s
  FROM campaign_kols GROUP BY 1, 2;
CREATE TABLE raw_payloads (id int PRIMARY KEY, platform platform, body text);
INSERT INTO raw_payloads VALUES
 (1, 'weibo', '{"ok": 1, "data": {"id": "4645748019299849", "created_at": "Tue Jun 08 09:35:04 +0800 2021", "user": {"id": 6279793937, "followers_count": "258.3万"}, "reposts_count": 7299, "comments_count": 2203, "attitudes_count": 39018, "page_info": {"type": "video", "play_count": "185万次播放"}}}'),
 (2, 'youtube', '{"kind": "youtube#video", "id": "a", "statistics": {"viewCount": "100", "likeCount": "7"}}'),
 (3, 'youtube', '{"kind": "youtube#video", "id": "b", "statistics": {"viewCount": "lots"}}'),
 (4, 'douyin', '{"aweme_detail": {"aweme_id": "7", "statistics": {"digg_count": 120, "comment_count": 8, "share_count": 3, "collect_count": 5, "play_count": 0}}}'),
 (5, 'weibo', '{"ok": 1, "data": {"id": "5", "user": {"id": 1, "followers_count": 500}, "reposts_count": 1, "comments_count": 2, "attitudes_count": "10万+"}}'),
 (6, 'wechat', '{"appmsgstat": {"read_num": 100001, "old_like_num": 40, "like_num": 12, "share_num": 3}}');
CREATE TABLE post_counts AS
SELECT r.id, p.* FROM raw_payloads r, LATERAL ingest_post(r.platform, r.body, strict => false) p;
"""

K1 = '{"categories": {"beauty": 0.8, "skincare": 0.6}, "audience": {"gender": {"f": 0.7, "m": 0.3}, "age": {"18-24": 0.45, "25-34": 0.4, "35+": 0.15}, "city_tier": {"1": 0.5, "2": 0.3, "3+": 0.2}}}'
B1 = '{"categories": {"skincare": 1}, "audience": {"gender": {"f": 0.8, "m": 0.2}, "age": {"18-24": 0.5, "25-34": 0.5}}}'
WEIBO = ('{"ok": 1, "data": {"id": "4645748019299849", "created_at": "Tue Jun 08 09:35:04 +0800 2021", '
         '"user": {"id": 6279793937, "followers_count": "258.3万"}, "reposts_count": 7299, '
         '"comments_count": 2203, "attitudes_count": 39018, '
         '"page_info": {"type": "video", "play_count": "185万次播放"}}}')
YT_LIST = ('{"items": [{"kind": "youtube#video", "id": "a", "statistics": {"viewCount": "100", "likeCount": "7"}}, '
           '{"kind": "youtube#video", "id": "b", "statistics": {"viewCount": "15"}}]}')
YT_BAD = '{"kind": "youtube#video", "id": "a", "statistics": {"viewCount": true}}'

def i(v): return {"kind": "int", "value": v}
def f(v): return {"kind": "float", "value": v}
def d(v): return {"kind": "decimal", "value": v}
def s(v): return {"kind": "string", "value": v}
def b(v): return {"kind": "bool", "value": v}
def l(*v): return {"kind": "list_of_string", "value": list(v)}
def n(): return {"kind": "null", "value": None}

C = []
def case(name, sql, *params, readme=None, error=False):
    c = {"name": name, "sql": " ".join(sql.split()), "params": list(params)}
    if readme: c["readme"] = readme
    if error: c["expect_error"] = True
    C.append(c)

# Connection: the search path each driver's connection string sets
case("search_path_setting", "SELECT current_setting('search_path') AS search_path")
# Tiers
case("kol_tier_int", "SELECT kol_tier(?)", i(150000), readme="Tiers")
case("kol_tier_float", "SELECT kol_tier(?)", f(150000.0), readme="Tiers")
case("kol_tier_decimal", "SELECT kol_tier(?)", d("150000"), readme="Tiers")
# A count bound as a Java String is varchar, not a number: as for PostgreSQL's own
# numeric functions, bind counts as numbers (setLong, setDouble, setBigDecimal).
case("tier_label_int", "SELECT tier_label(?, ?)", i(60000), s("xiaohongshu"), readme="Tiers")
case("tier_label_float", "SELECT tier_label(?, ?)", f(60000.0), s("mediakix"), readme="Tiers")
case("tier_at_least_mid",
     "SELECT kol_id, max(followers) AS followers, kol_tier(max(followers)) AS tier FROM posts"
     " GROUP BY kol_id HAVING kol_tier(max(followers)) >= ? ORDER BY kol_id", s("mid"), readme="Tiers")
case("tier_filter_where",
     "SELECT count(*) AS posts FROM posts WHERE kol_tier(followers) >= ?", s("mid"), readme="Tiers")
# Engagement rate
case("er2_int", "SELECT engagement_rate(?, ?)", i(34), i(1000), readme="Engagement rate")
case("er2_float", "SELECT engagement_rate(?, ?)", f(34.0), f(1000.0), readme="Engagement rate")
case("er5_int", "SELECT engagement_rate(?, ?, ?, ?, ?)", i(120), i(30), i(10), i(40), i(10000), readme="Engagement rate")
case("er5_float", "SELECT engagement_rate(?, ?, ?, ?, ?)", f(120.0), f(30.0), f(10.0), f(40.0), f(10000.0), readme="Engagement rate")
case("er6_extra_int", "SELECT engagement_rate(?, ?, ?, ?, ?, ?)", i(120), i(30), i(10), i(40), i(10000), i(50), readme="Engagement rate")
case("er5_null_saves", "SELECT engagement_rate(?, ?, ?, ?, ?)", i(100), i(20), i(30), n(), i(1000), readme="Engagement rate")
# engagement_summary
case("agg_where_followers",
     "SELECT platform::text AS platform, posts(s), pooled_engagement_rate(s, 'followers') AS pooled_er,"
     " pooled_engagement_rate(s, 'views') AS pooled_er_views, avg_engagement_rate(s) AS mean_er"
     " FROM (SELECT platform, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s"
     " FROM posts WHERE followers >= ? GROUP BY platform) x ORDER BY x.platform", i(100000), readme="engagement_summary")
case("agg_where_platform",
     "SELECT kol_id, posts(s), pooled_engagement_rate(s, 'followers') AS pooled_er, total_interactions(s)"
     " FROM (SELECT kol_id, engagement_agg(likes, comments, shares, saves, views, followers) AS s"
     " FROM posts WHERE platform = ? GROUP BY kol_id) x ORDER BY kol_id", s("douyin"), readme="engagement_summary")
case("agg_basis_param",
     "SELECT pooled_engagement_rate(engagement_agg(likes, comments, shares, saves, views, followers), ?) AS pooled_er"
     " FROM posts WHERE kol_id = ?", s("views"), i(2), readme="engagement_summary")
case("rollup_monthly",
     "SELECT kol_id, to_char(date_trunc('month', day), 'YYYY-MM') AS month, posts(rollup(s)),"
     " pooled_engagement_rate(rollup(s)) AS pooled_er, engagement_rate_percentile(rollup(s), ?) AS median_er"
     " FROM kol_daily WHERE kol_id <= ? GROUP BY 1, 2 ORDER BY 1, 2", f(0.5), i(3), readme="engagement_summary")
case("rollup_percentile_decimal",
     "SELECT engagement_rate_percentile(rollup(s), ?) AS p90 FROM kol_daily WHERE kol_id = ?", d("0.9"), i(4),
     readme="engagement_summary")
case("summary_text_over_255",
     "SELECT rollup(s) AS summary, length(rollup(s)::text) AS chars FROM kol_daily WHERE kol_id = ?", i(1),
     readme="engagement_summary")
# Relevance
case("relevance_column_vs_param",
     "SELECT kol_id, kol_relevance(profile, ?::kol_profile) AS relevance FROM kol_profiles"
     " ORDER BY kol_relevance(profile, ?::kol_profile) DESC NULLS LAST, kol_id", s(B1), s(B1), readme="Matching KOLs")
case("relevance_strings", "SELECT kol_relevance(?, ?)", s(K1), s(B1), readme="Matching KOLs")
case("relevance_weights_float",
     "SELECT kol_relevance(profile, ?::kol_profile, ?, ?, ?) FROM kol_profiles WHERE kol_id = ?",
     s(B1), f(1.0), f(3.0), f(0.0), i(1), readme="Matching KOLs")
case("relevance_weights_int",
     "SELECT kol_relevance(profile, ?::kol_profile, category_weight => ?, audience_weight => ?, market_weight => ?)"
     " FROM kol_profiles WHERE kol_id = ?", s(B1), i(1), i(3), i(0), i(1), readme="Matching KOLs")
case("tag_relevance_lists", "SELECT tag_relevance(?, ?)", l("a", "b", "c"), l("b", "c", "d"), readme="Matching KOLs")
case("profile_text_column", "SELECT profile FROM kol_profiles WHERE kol_id = ?", i(3), readme="Matching KOLs")
# Ingest
case("parse_count_one", "SELECT parse_count(?)", s("1.2万"), readme="Ingest")
case("parse_count_many", "SELECT parse_count(?), parse_count(?), parse_count(?), parse_count(?)",
     s("1.2万"), s("2.15亿"), s("10万+"), s("1,234"), readme="Ingest")
case("count_is_floor_bool", "SELECT count_is_floor(?) AS a, count_is_floor(?) AS b, count_is_floor(?, ?) AS c",
     s("10万+"), s("1.2万"), s("100001"), s("wechat"), readme="Ingest")
case("count_is_floor_column",
     "SELECT id, body, count_is_floor(body, CASE WHEN id = 2 THEN 'wechat'::platform END) AS floor"
     " FROM (VALUES (1, '10万+'), (2, '100001'), (3, '17'), (4, '100001')) v(id, body) WHERE id <= ? ORDER BY id",
     i(4), readme="Ingest")
case("ingest_post_weibo",
     "SELECT shape, post_id, likes, comments, shares, views, followers, rounded, absent FROM ingest_post(?, ?)",
     s("weibo"), s(WEIBO), readme="Ingest")
case("ingest_posts_youtube", "SELECT post_id, likes, comments, views FROM ingest_posts(?, ?)",
     s("youtube"), s(YT_LIST), readme="Ingest")
case("ingest_post_not_strict", "SELECT platform::text, error IS NOT NULL AS failed, error FROM ingest_post(?, ?, strict => ?)",
     s("youtube"), s(YT_BAD), b(False), readme="Ingest")
case("ingested_platform_eq", "SELECT id, post_id, likes, floors FROM post_counts WHERE platform = ? ORDER BY id",
     s("weibo"), readme="Ingest")
case("ingested_platform_any", "SELECT id, platform::text, shape FROM post_counts WHERE platform = ANY(?) ORDER BY id",
     l("weibo", "youtube"), readme="Ingest")
case("ingested_flags", "SELECT id, rounded, floors, absent, error FROM post_counts WHERE id <= ? ORDER BY id",
     i(3), readme="Ingest")
# Campaign economics
case("roi_decimal", "SELECT roi(?, ?)", d("1234.50"), d("1000.00"), readme="Campaign economics")
case("roi_float_int", "SELECT roi(?, ?)", f(1234.5), i(1000), readme="Campaign economics")
case("roi_int_int", "SELECT roi(?, ?)", i(150), i(200), readme="Campaign economics")
case("campaign_agg_accessors",
     "SELECT campaign_id, roi(s), roas(s), cpm(s), cpa(s), conversion_rate(s, ?) AS conversion_rate, row_count(s)"
     " FROM (SELECT campaign_id, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) AS s"
     " FROM campaign_kols WHERE cost >= ? GROUP BY campaign_id) x ORDER BY campaign_id",
     s("clicks"), d("0"), readme="Campaign economics")
case("campaign_rollup_stored",
     "SELECT campaign_id, round(roi(rollup(s)), 4) AS roi, round(cpa(rollup(s)), 2) AS cpa, revenue(rollup(s)),"
     " rollup(s) AS summary FROM kol_campaign WHERE campaign_id <= ? GROUP BY campaign_id ORDER BY campaign_id",
     i(2), readme="Campaign economics")
case("campaign_roi_agg", "SELECT campaign_roi(revenue, cost) FROM campaign_kols WHERE campaign_id = ?", i(1),
     readme="Campaign economics")
case("emv_platform_string", "SELECT emv(?, ?, ?, ?, ?, ?)", s("douyin"), i(12345), i(100), i(10), i(5), i(3),
     readme="Campaign economics")
case("emv_over_posts",
     "SELECT sum(emv(platform, views, likes, comments, shares, saves)) AS emv FROM posts WHERE platform = ?",
     s("bilibili"), readme="Campaign economics")
# Trends, lift and anomalies (times bound as strings are cast: JDBC's setString sends varchar)
case("trend_slope_ci_level",
     "SELECT kol_id, points(s), slope(s), slope_ci(s, ?) AS ci"
     " FROM (SELECT kol_id, trend_agg(day, likes) AS s FROM posts GROUP BY kol_id) t ORDER BY kol_id",
     f(0.9), readme="Trends")
case("trend_forecast_at",
     "SELECT kol_id, forecast(s, ?::timestamptz), prediction_interval(s, ?::timestamptz, ?)"
     " FROM (SELECT kol_id, trend_agg(day, likes) AS s FROM posts WHERE kol_id <= ? GROUP BY kol_id) t ORDER BY kol_id",
     s("2025-04-01 00:00+00"), s("2025-04-01 00:00+00"), f(0.8), i(3), readme="Trends")
case("campaign_lift_row",
     "SELECT l.* FROM (SELECT trend_agg(day, likes) FILTER (WHERE day < ?::date) AS b,"
     " trend_agg(day, likes) FILTER (WHERE day >= ?::date) AS d FROM posts WHERE kol_id = ?) s,"
     " campaign_lift(s.b, s.d, ?) l", s("2025-02-10"), s("2025-02-10"), i(2), f(0.9), readme="Trends")
case("anomalies_rows_threshold",
     "SELECT a.* FROM (SELECT anomalies(?) WITHIN GROUP (ORDER BY day, likes) AS r"
     " FROM (SELECT day, sum(likes) AS likes FROM posts WHERE kol_id = ? GROUP BY day) d) s, anomaly_rows(s.r) a ORDER BY a.at",
     f(1.5), i(4), readme="Trends")
case("anomalies_int_threshold_columns",
     "SELECT (r).points, (r).median_rate, (r).scale_method, cardinality((r).at) AS flagged"
     " FROM (SELECT anomalies(?) WITHIN GROUP (ORDER BY day, likes) AS r"
     " FROM (SELECT day, sum(likes) AS likes FROM posts WHERE kol_id = ? GROUP BY day) d) s",
     i(1), i(5), readme="Trends")
# Errors: SQLSTATE, message, detail and hint must arrive as psql shows them
case("error_kol_tier_negative", "SELECT kol_tier(?)", i(-5), readme="Tiers", error=True)
case("error_parse_count_garbage", "SELECT parse_count(?)", s("garbage"), readme="Ingest", error=True)
case("error_ingest_detail_hint", "SELECT post_id FROM ingest_post(?::platform, ?)", s("youtube"), s(YT_BAD),
     readme="Ingest", error=True)

with open(__file__.rsplit("/", 1)[0] + "/queries.json" if "/" in __file__ else "queries.json", "w") as fh:
    json.dump({"setup": SETUP.strip(), "cases": C}, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
print(len(C), "cases")
