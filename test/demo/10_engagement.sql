-- Demo report: engagement by platform and tier.
SET search_path = kolmetrics, public;
\pset footer off

\echo
\echo '== Tier mix per platform (kol_tier over kolmetrics.tier_threshold: nano < 10K <= micro < 100K <= mid < 500K <= macro < 1M <= mega)'
SELECT platform,
       count(*) FILTER (WHERE kol_tier(followers) = 'nano')  AS nano,
       count(*) FILTER (WHERE kol_tier(followers) = 'micro') AS micro,
       count(*) FILTER (WHERE kol_tier(followers) = 'mid')   AS mid,
       count(*) FILTER (WHERE kol_tier(followers) = 'macro') AS macro,
       count(*) FILTER (WHERE kol_tier(followers) = 'mega')  AS mega,
       count(*) AS kols
  FROM sample.kols
 GROUP BY platform ORDER BY platform;

\echo
\echo '== Top KOL per platform and tier by engagement rate (pooled: sum of interactions / sum of followers at posting, posts of 2025)'
WITH per_kol AS (
	SELECT k.kol_id, k.platform, k.handle, k.followers, kol_tier(k.followers) AS tier,
	       count(*) AS posts,
	       sum(coalesce(p.likes, 0) + coalesce(p.comments, 0) + coalesce(p.shares, 0)
	           + coalesce(p.saves, 0) + coalesce(p.extra, 0)) AS interactions,
	       sum(p.followers) AS follower_base
	  FROM sample.kols k JOIN sample.posts p USING (kol_id)
	 GROUP BY k.kol_id
	HAVING count(*) >= 10
), ranked AS (
	SELECT *, engagement_rate(interactions::bigint, follower_base::bigint) AS er,
	       row_number() OVER (PARTITION BY platform, tier
	                          ORDER BY engagement_rate(interactions::bigint, follower_base::bigint) DESC, kol_id) AS rank
	  FROM per_kol
)
SELECT platform, tier, handle, followers, posts, round((100 * er)::numeric, 2) AS "ER %"
  FROM ranked WHERE rank = 1
 ORDER BY platform, tier;

\echo
\echo '== Median engagement rate per tier, by followers and by views (per-post rates, engagement_rate(likes, comments, shares, saves, base, extra))'
SELECT kol_tier(followers) AS tier,
       count(*) AS posts,
       round((100 * percentile_cont(0.5) WITHIN GROUP (ORDER BY engagement_rate(likes, comments, shares, saves, followers, extra)))::numeric, 2) AS "median ER by followers %",
       round((100 * percentile_cont(0.5) WITHIN GROUP (ORDER BY engagement_rate(likes, comments, shares, saves, views, extra)))::numeric, 2) AS "median ER by views %"
  FROM sample.posts
 GROUP BY 1 ORDER BY 1;

\echo
\echo '== Accounts whose engagement looks bought (ER by followers below a tenth of their tier''s median)'
WITH per_kol AS (
	SELECT kol_id, kol_tier(max(followers)) AS tier, max(followers) AS followers,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY engagement_rate(likes, comments, shares, saves, followers, extra)) AS er
	  FROM sample.posts GROUP BY kol_id
), tier_median AS (
	SELECT tier, percentile_cont(0.5) WITHIN GROUP (ORDER BY er) AS median FROM per_kol GROUP BY tier
)
SELECT k.handle, p.followers, p.tier, round((100 * p.er)::numeric, 3) AS "ER %",
       round((100 * m.median)::numeric, 2) AS "tier median %"
  FROM per_kol p JOIN tier_median m USING (tier) JOIN sample.kols k USING (kol_id)
 WHERE p.er < m.median / 10
 ORDER BY p.er / m.median, k.kol_id
 LIMIT 10;
