-- Demo report: authenticity (authenticity_agg, follower_agg, comment_agg, the cohort, the
-- score and its reasons).
SET search_path = kolmetrics, public;
\pset footer off

-- One summary per KOL of its posts, snapshots and comments; cohorts of platform x tier
-- (a tier across platforms where that has fewer than 30 accounts).
CREATE TEMP TABLE demo_auth AS
SELECT p.kol_id, p.platform, kol_tier(max(p.followers)) AS tier,
       authenticity_agg(p.likes, p.comments, p.shares, p.saves, p.views, p.followers, p.posted_at) AS posts
  FROM sample.authenticity_posts p GROUP BY p.kol_id, p.platform;
CREATE TEMP TABLE demo_fol AS
SELECT kol_id, follower_agg(observed_at, followers) AS f FROM sample.follower_snapshots GROUP BY kol_id;
CREATE TEMP TABLE demo_cmt AS
SELECT kol_id, comment_agg(body, author, posted_at) AS c FROM sample.comments GROUP BY kol_id;
CREATE TEMP TABLE demo_cohort AS
SELECT a.platform, a.tier, authenticity_cohort_agg(a.posts, m.c) AS cohort, count(*) AS kols
  FROM demo_auth a LEFT JOIN demo_cmt m USING (kol_id) GROUP BY 1, 2;
CREATE TEMP TABLE demo_tier_cohort AS
SELECT a.tier, authenticity_cohort_agg(a.posts, m.c) AS cohort
  FROM demo_auth a LEFT JOIN demo_cmt m USING (kol_id) GROUP BY 1;
CREATE TEMP TABLE demo_scored AS
SELECT a.kol_id, a.platform, a.tier,
       authenticity_report(a.posts, CASE WHEN c.kols >= 30 THEN c.cohort ELSE t.cohort END, f.f, m.c) AS report
  FROM demo_auth a
  JOIN demo_cohort c ON c.platform = a.platform AND c.tier = a.tier
  JOIN demo_tier_cohort t ON t.tier = a.tier
  LEFT JOIN demo_fol f ON f.kol_id = a.kol_id
  LEFT JOIN demo_cmt m ON m.kol_id = a.kol_id;

\echo
\echo '== Looks bought: the lowest authenticity scores (100 = nothing suspicious) and the'
\echo '   signal that took the most, with the sentence to forward'
SELECT s.kol_id, s.platform, s.tier, round((s.report->>'score')::numeric, 1) AS score,
       s.report->'signals'->0->>'signal' AS "main signal",
       s.report->'signals'->0->>'reason' AS reason
  FROM demo_scored s
 ORDER BY (s.report->>'score')::float8, s.kol_id LIMIT 12;

\echo
\echo '== Score bands: how many accounts, and how many signals each could use'
SELECT CASE WHEN score < 50 THEN '1. below 50' WHEN score < 80 THEN '2. 50 to 80'
            WHEN score < 100 THEN '3. 80 to 100' ELSE '4. 100' END AS band,
       count(*) AS accounts, round(avg(used), 1) AS "signals used"
  FROM (SELECT (report->>'score')::float8 AS score, (report->>'signals_used')::int AS used FROM demo_scored) x
 GROUP BY 1 ORDER BY 1;

\echo
\echo '== What the campaigns earned: accounts scoring below 80 against the others (ROI,'
\echo '   cost per conversion, conversions per 1,000 impressions)'
SELECT CASE WHEN (s.report->>'score')::float8 < 80 THEN 'score below 80' ELSE 'score 80 or more' END AS accounts,
       count(DISTINCT ck.kol_id) AS kols, count(*) AS campaign_rows,
       round(roi(campaign_agg(ck.revenue, ck.cost, ck.impressions, ck.views, ck.engagements, ck.clicks, ck.conversions)), 4) AS roi,
       round(cpa(campaign_agg(ck.revenue, ck.cost, ck.impressions, ck.views, ck.engagements, ck.clicks, ck.conversions)), 2) AS cpa,
       round(1000 * conversion_rate(campaign_agg(ck.revenue, ck.cost, ck.impressions, ck.views, ck.engagements, ck.clicks, ck.conversions), 'impressions'), 3) AS "conv per 1000 imp"
  FROM sample.campaign_kols ck JOIN demo_scored s USING (kol_id)
 GROUP BY 1 ORDER BY 1 DESC;

\echo
\echo '== The report of the lowest-scoring account with bought likes: the signals that took'
\echo '   points (contributions add up to score - 100), then what was left out and why'
WITH one AS (
	SELECT s.kol_id, s.report FROM demo_scored s JOIN sample.authenticity_labels l USING (kol_id)
	 WHERE l.pattern = 'bought_likes' ORDER BY (s.report->>'score')::float8, s.kol_id LIMIT 1)
SELECT kol_id, round((report->>'score')::numeric, 1) AS score, r->>'signal' AS signal,
       round((r->>'value')::numeric, 4) AS value, round((r->>'reference')::numeric, 4) AS "cohort median",
       round((r->>'contribution')::numeric, 1) AS points, r->>'reason' AS reason
  FROM one, jsonb_array_elements(report->'signals') r
 WHERE (r->>'contribution')::float8 < 0;
SELECT r->>'signal' AS "left out", r->>'reason' AS why
  FROM demo_scored s, jsonb_array_elements(s.report->'missing') r
 WHERE s.kol_id = (SELECT min(kol_id) FROM sample.authenticity_labels WHERE pattern = 'honest_new');

\echo
\echo '== The labelled sample: mean score per pattern (honest controls must stay near 100)'
SELECT l.pattern, count(*) AS accounts, round(avg((s.report->>'score')::float8)::numeric, 1) AS "mean score",
       round(min((s.report->>'score')::float8)::numeric, 1) AS lowest
  FROM demo_scored s JOIN sample.authenticity_labels l USING (kol_id)
 GROUP BY 1 ORDER BY 3, 1;
