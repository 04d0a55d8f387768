-- Soak workload for the base functions (a pgbench script; also replayed by psql in the
-- memory check of test/soak/run.sh, so use only "\set name random(lo, hi)" meta-commands).
-- Tables: sample.kols / sample.posts from test/sample/generate.sql at soak scale.
\set f random(0, 20000000)
\set l random(0, 200000)
\set c random(0, 5000)
\set s random(0, 3000)
\set k random(1, 400)
SELECT kolmetrics.engagement_rate(:l::bigint, :f::bigint);
SELECT kolmetrics.engagement_rate(:l::bigint, :c::bigint, :s::bigint, NULL::bigint, :f::bigint, 0::bigint);
SELECT kolmetrics.kol_tier(:f::bigint), kolmetrics.tier_label(:f::bigint, 'xiaohongshu'),
       kolmetrics.tier_label(:f::bigint, 'kasi_douyin_2020');
SELECT p::text::kolmetrics.platform, t::text::kolmetrics.tier
  FROM unnest('{weibo,wechat,wechat_channels,douyin,xiaohongshu,bilibili,kuaishou,taobao_live,tiktok,instagram,youtube}'::kolmetrics.platform[]) AS p, unnest(enum_range(NULL::kolmetrics.tier)) AS t;
SELECT p.platform, kolmetrics.kol_tier(p.followers) AS tier, count(*),
       avg(kolmetrics.engagement_rate(p.likes, p.comments, p.shares, p.saves, p.followers, p.extra)),
       min(kolmetrics.tier_label(p.followers, 'later'))
  FROM sample.posts p
 WHERE p.kol_id BETWEEN :k AND :k + 25
 GROUP BY 1, 2;
