-- Demo report: campaign economics (campaign_agg, rollup, accessors, campaign_roi, emv).
SET search_path = kolmetrics, public;
\pset footer off

-- One exact summary per campaign and KOL; campaigns and brands are rollups of these.
CREATE TEMP TABLE demo_kol_summary AS
SELECT c.brand, ck.campaign_id, ck.kol_id,
       campaign_agg(ck.revenue, ck.cost, ck.impressions, ck.views, ck.engagements, ck.clicks, ck.conversions) AS s
  FROM sample.campaign_kols ck JOIN sample.campaigns c USING (campaign_id)
 GROUP BY c.brand, ck.campaign_id, ck.kol_id;
CREATE TEMP TABLE demo_campaign_summary AS
SELECT brand, campaign_id, rollup(s) AS s FROM demo_kol_summary GROUP BY brand, campaign_id;

\echo
\echo '== Brands (rolled up KOL -> campaign -> brand; every ratio is a ratio of exact sums)'
\echo '   ROI = (revenue - cost) / cost, ROAS = revenue / cost, CPM = cost x 1000 / impressions,'
\echo '   CPE = cost / engagements, CPA = cost / conversions, conversion rate = conversions / clicks'
SELECT brand, campaigns, row_count(s) AS kol_rows,
       revenue(s) AS revenue, cost(s) AS cost,
       round(roi(s), 4) AS roi, round(roas(s), 3) AS roas, round(cpm(s), 2) AS cpm,
       round(cpe(s), 4) AS cpe, round(cpa(s), 2) AS cpa,
       round(100 * conversion_rate(s, 'clicks'), 2) AS "conv % of clicks"
  FROM (SELECT brand, count(*) AS campaigns, rollup(s) AS s
          FROM demo_campaign_summary GROUP BY brand) b
 ORDER BY roi(s) DESC;

\echo
\echo '== Campaigns: the five best and the five worst by ROI'
(SELECT 'best' AS rank, c.campaign_id, c.brand, row_count(s) AS kols, cost(s) AS cost,
        round(roi(s), 4) AS roi, round(roas(s), 3) AS roas, round(cpm(s), 2) AS cpm,
        round(cpe(s), 4) AS cpe, round(cpa(s), 2) AS cpa,
        round(100 * conversion_rate(s, 'clicks'), 2) AS "conv %"
   FROM demo_campaign_summary c ORDER BY roi(s) DESC NULLS LAST, c.campaign_id LIMIT 5)
UNION ALL
(SELECT 'worst', c.campaign_id, c.brand, row_count(s), cost(s),
        round(roi(s), 4), round(roas(s), 3), round(cpm(s), 2), round(cpe(s), 4), round(cpa(s), 2),
        round(100 * conversion_rate(s, 'clicks'), 2)
   FROM demo_campaign_summary c ORDER BY roi(s) ASC NULLS LAST, c.campaign_id LIMIT 5);

\echo
\echo '== KOLs hired for two or more campaigns: best and worst ROI over all their campaigns'
WITH per_kol AS (
	SELECT k.kol_id, k.handle, k.platform, k.is_bought, count(*) AS campaigns, rollup(s.s) AS s
	  FROM demo_kol_summary s JOIN sample.kols k USING (kol_id)
	 GROUP BY k.kol_id
	HAVING count(*) >= 2
)
(SELECT 'best' AS rank, handle, platform, is_bought, campaigns, cost(s) AS cost,
        round(roi(s), 4) AS roi, round(roas(s), 3) AS roas, round(cpm(s), 2) AS cpm,
        round(cpe(s), 4) AS cpe, round(cpa(s), 2) AS cpa,
        round(100 * conversion_rate(s, 'clicks'), 2) AS "conv %"
   FROM per_kol ORDER BY roi(s) DESC NULLS LAST, kol_id LIMIT 5)
UNION ALL
(SELECT 'worst', handle, platform, is_bought, campaigns, cost(s),
        round(roi(s), 4), round(roas(s), 3), round(cpm(s), 2), round(cpe(s), 4), round(cpa(s), 2),
        round(100 * conversion_rate(s, 'clicks'), 2)
   FROM per_kol ORDER BY roi(s) ASC NULLS LAST, kol_id LIMIT 5);

\echo
\echo '== Accounts with bought followers against the rest: same money, fewer conversions'
SELECT k.is_bought, count(*) AS kol_rows, round(roi(rollup(s.s)), 4) AS roi,
       round(cpm(rollup(s.s)), 2) AS cpm, round(cpa(rollup(s.s)), 2) AS cpa,
       round(100 * conversion_rate(rollup(s.s), 'clicks'), 2) AS "conv % of clicks",
       round(100 * conversion_rate(rollup(s.s), 'impressions'), 4) AS "conv % of impressions"
  FROM demo_kol_summary s JOIN sample.kols k USING (kol_id)
 GROUP BY k.is_bought ORDER BY k.is_bought;

\echo
\echo '== Checks: rollup of the stored summaries equals one pass over the rows, exactly;'
\echo '   campaign_roi equals the plain SQL (sum(revenue) - sum(cost)) / sum(cost)'
SELECT (SELECT rollup(s) FROM demo_campaign_summary)
     = (SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions)
          FROM sample.campaign_kols) AS rollup_equals_single_pass,
       (SELECT campaign_roi(revenue, cost) = (sum(revenue) - sum(cost)) / sum(cost)
          FROM sample.campaign_kols) AS campaign_roi_equals_sql;

\echo
\echo '== Earned media value of sponsored posts in 2025 by platform (illustrative rates from kolmetrics.emv_rate)'
SELECT p.platform, count(*) AS sponsored_posts,
       round(sum(emv(p.platform, p.views, p.likes, p.comments, p.shares, p.saves)), 2) AS emv,
       round(avg(emv(p.platform, p.views, p.likes, p.comments, p.shares, p.saves)), 2) AS emv_per_post
  FROM sample.posts p
 WHERE p.is_sponsored AND p.posted_at >= '2025-01-01' AND p.posted_at < '2026-01-01'
 GROUP BY p.platform ORDER BY emv DESC;
