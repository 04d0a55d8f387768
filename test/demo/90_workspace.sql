-- Demo report: the analyst workspace `ws` (test/sample/workspace.sql made it from the
-- sample and refreshed it): a day of new posts refreshed incrementally, and the BI views.
SET search_path = kolmetrics, public;
\pset footer off

\echo
\echo '== Workspace ws: a day of late posts (2025-06-15) arrives; the always-current view'
\echo '   sees it before any refresh, refresh_workspace recomputes only the days it touched.'
INSERT INTO ws.post (account_id, platform_post_id, posted_at, likes, comments, shares, views, followers)
SELECT a.account_id, 'late-' || a.account_id, timestamptz '2025-06-15 12:00+00', 100, 10, 5, 3000, a.followers
  FROM ws.account a WHERE a.account_id % 20 = 0;
SELECT (SELECT count(*) FROM ws.post_change) AS logged_changes,
       (SELECT sum(posts(summary)) FROM ws.account_day_current WHERE day = '2025-06-15') AS posts_on_day_now,
       (SELECT sum(posts(summary)) FROM ws.account_day WHERE day = '2025-06-15') AS posts_on_day_refreshed;
SELECT * FROM refresh_workspace('ws');
SELECT (SELECT sum(posts(summary)) FROM ws.account_day WHERE day = '2025-06-15') AS posts_on_day_refreshed;

\echo
\echo '== kol_scorecard: multi-platform KOLs (followers are per platform and are not unique'
\echo '   people), their platform mix, best platform and the spread of ER across platforms.'
SELECT name, platform_list, followers_total, posts, platform_mix,
       round(er_followers::numeric, 4) AS er, best_platform, round(best_platform_er::numeric, 4) AS best_er,
       round(platform_er_cv::numeric, 2) AS er_cv
  FROM ws.kol_scorecard WHERE platforms >= 3 ORDER BY followers_total DESC LIMIT 6;

\echo
\echo '== account_scorecard: the largest account, month by month (ER by followers: pooled,'
\echo '   median and p90 of posts; follower growth from the month-end snapshots).'
SELECT handle, month, posts, interactions, round(er_followers::numeric, 4) AS er,
       round(er_followers_median::numeric, 4) AS median, round(er_followers_p90::numeric, 4) AS p90,
       tier, follower_growth, round(follower_growth_rate::numeric, 4) AS growth
  FROM ws.account_scorecard
 WHERE account_id = (SELECT account_id FROM ws.account ORDER BY followers DESC LIMIT 1)
 ORDER BY month LIMIT 6;

\echo
\echo '== tier_benchmarks: medians of your own data beside published figures.'
SELECT tier, accounts, posts, round(median_post_er::numeric, 4) AS median_post_er,
       round(median_account_er::numeric, 4) AS median_account_er, published_er, published_source
  FROM ws.tier_benchmarks ORDER BY tier_order;

\echo
\echo '== campaign_report: the five best campaigns by ROI (per currency).'
SELECT campaign, brand, currency, accounts, cost, revenue, round(roi, 3) AS roi, round(cpa, 2) AS cpa,
       sponsored_posts, round(sponsored_er_followers::numeric, 4) AS sponsored_er
  FROM ws.campaign_report WHERE roi IS NOT NULL ORDER BY roi DESC LIMIT 5;

\echo
\echo '== brand_report'
SELECT brand, category, currency, campaigns, cost, revenue, round(roi, 3) AS roi, mentions, kols_mentioning,
       round(sponsored_er_followers::numeric, 4) AS sponsored_er
  FROM ws.brand_report ORDER BY brand, currency;

\echo
\echo '== relationship: the most regular brand partners (at least 4 mentions; gap CV: 0 ='
\echo '   like clockwork) and how much of the KOL''s sponsored work went to competitors.'
SELECT brand, kol, mentions, months_active, round(mention_gap_days_mean::numeric, 1) AS gap_days,
       round(mention_gap_cv::numeric, 2) AS gap_cv, kol_sponsored_posts,
       round(competitor_share::numeric, 2) AS competitor_share
  FROM ws.relationship WHERE mentions >= 4 ORDER BY mention_gap_cv, kol LIMIT 6;
