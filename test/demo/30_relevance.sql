-- Demo report: which KOLs fit a brand brief (kol_relevance over sample.kol_profiles).
SET search_path = kolmetrics, public;
\pset footer off

\echo
\echo '== Brief 1 (Lumi Skin, serum launch): top 15 KOLs by kol_relevance, with pooled engagement rate and tier'
\echo '   relevance = 0.4 x category cosine + 0.4 x mean audience overlap (gender, age, city_tier) [+ 0.2 x markets], over the components both sides have'
WITH brief AS (SELECT profile FROM sample.briefs WHERE brief_id = 1),
ranked AS (
	SELECT k.kol_id, k.platform, k.handle, k.followers, k.niche,
	       kol_relevance(p.profile, b.profile) AS relevance,
	       category_similarity(p.profile, b.profile) AS cat,
	       audience_similarity(p.profile, b.profile, 'gender') AS gender,
	       audience_similarity(p.profile, b.profile, 'age') AS age
	  FROM sample.kol_profiles p JOIN sample.kols k USING (kol_id), brief b
	 ORDER BY kol_relevance(p.profile, b.profile) DESC, k.kol_id
	 LIMIT 15
)
SELECT r.handle, r.platform, r.niche, kol_tier(r.followers) AS tier, r.followers,
       round(r.relevance::numeric, 3) AS relevance,
       round(r.cat::numeric, 2) AS categories, round(r.gender::numeric, 2) AS gender,
       round(r.age::numeric, 2) AS age,
       round(100 * engagement_rate(e.interactions, e.base)::numeric, 2) AS "ER %"
  FROM ranked r
  LEFT JOIN LATERAL (
	SELECT sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
	           + coalesce(saves, 0) + coalesce(extra, 0))::bigint AS interactions,
	       sum(followers)::bigint AS base
	  FROM sample.posts WHERE kol_id = r.kol_id) e ON true
 ORDER BY r.relevance DESC, r.kol_id;

\echo
\echo '== Brief 1: fit by platform (mean and 90th percentile relevance; skincare for young women lands on xiaohongshu)'
SELECT k.platform, count(*) AS kols,
       round(avg(kol_relevance(p.profile, b.profile))::numeric, 3) AS mean_relevance,
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY kol_relevance(p.profile, b.profile)))::numeric, 3) AS p90
  FROM sample.kol_profiles p JOIN sample.kols k USING (kol_id), sample.briefs b
 WHERE b.brief_id = 1
 GROUP BY k.platform ORDER BY mean_relevance DESC;

\echo
\echo '== Brief 3 (cross-border, SG and MY): top 8 KOLs; markets = mean Jaccard of languages and of countries'
SELECT k.handle, k.platform, k.country, kol_tier(k.followers) AS tier,
       round(kol_relevance(p.profile, b.profile)::numeric, 3) AS relevance,
       round(market_similarity(p.profile, b.profile)::numeric, 2) AS markets,
       p.profile::jsonb -> 'languages' AS languages
  FROM sample.kol_profiles p JOIN sample.kols k USING (kol_id), sample.briefs b
 WHERE b.brief_id = 3
 ORDER BY kol_relevance(p.profile, b.profile) DESC, k.kol_id
 LIMIT 8;

\echo
\echo '== Tag match instead of profiles: tag_relevance(text[], text[]) = Jaccard of the KOL categories and the brief tags {skincare, beauty}'
SELECT k.niche, k.categories, round(tag_relevance(k.categories, ARRAY['skincare', 'beauty'])::numeric, 3) AS jaccard,
       count(*) AS kols
  FROM sample.kols k
 GROUP BY 1, 2 ORDER BY jaccard DESC, niche LIMIT 5;
