-- Soak workload for the feature types (a pgbench script; also replayed by psql in the
-- memory check, so only "\set name random(lo, hi)" meta-commands): engagement_agg and
-- rollup with their accessors, kol_relevance ranking, ingest_post, parse_count,
-- campaign_agg and emv, and text round trips of every type.  Tables from setup/features.sql.
\set k random(1, 380)
\set f random(0, 20000000)
SELECT kolmetrics.pooled_engagement_rate(s), kolmetrics.engagement_rate_percentile(s, 0.5), kolmetrics.stddev_engagement_rate(s, 'views')
  FROM (SELECT kolmetrics.rollup(s) AS s FROM soak_daily WHERE kol_id BETWEEN :k AND :k + 20) x;
SELECT kolmetrics.posts(kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra))
  FROM sample.posts WHERE kol_id BETWEEN :k AND :k + 20;
SELECT bool_and(s::text::kolmetrics.engagement_summary OPERATOR(kolmetrics.=) s) FROM soak_daily WHERE kol_id = :k;
SELECT kol_id FROM soak_profiles
 ORDER BY kolmetrics.kol_relevance(p, '{"categories": {"skincare": 1}, "audience": {"age": {"18-24": 1}}}'::kolmetrics.kol_profile) DESC, kol_id LIMIT 5;
SELECT bool_and(p::text::kolmetrics.kol_profile OPERATOR(kolmetrics.=) p) FROM soak_profiles WHERE kol_id BETWEEN :k AND :k + 20;
SELECT sum((kolmetrics.ingest_post('douyin'::kolmetrics.platform, body)).likes) FROM soak_payloads WHERE kol_id BETWEEN :k AND :k + 5;
SELECT count(*) FROM soak_payloads, kolmetrics.ingest_post('douyin'::kolmetrics.platform, left(body, 40), strict => false) i
 WHERE kol_id = :k AND i.error IS NOT NULL;
SELECT kolmetrics.parse_count((:f % 1000)::text || '.5万'), kolmetrics.count_is_floor((:f % 100)::text || '万+');
SELECT kolmetrics.roi(s), kolmetrics.cpm(s), s::text::kolmetrics.campaign_summary OPERATOR(kolmetrics.=) s
  FROM (SELECT kolmetrics.campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) AS s
          FROM sample.campaign_kols) x;
SELECT kolmetrics.campaign_roi(revenue, cost) FROM sample.campaign_kols WHERE kol_id > :k;
SELECT kolmetrics.emv('douyin'::kolmetrics.platform, :f::bigint, 100::bigint, 10::bigint, 5::bigint, 3::bigint);
