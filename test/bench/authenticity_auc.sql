-- Accuracy of authenticity_score on the labelled sample (test/sample/authenticity.sql),
-- run by bench_authenticity.sh (and by hand: psql -f).  Cohort of a KOL: its platform and
-- tier (kol_tier of its largest followers at posting) when that cohort has 30 KOLs or
-- more, else its tier across platforms.  AUC is the Mann-Whitney probability that a
-- fraud account scores below an honest one (ties half), honest = every honest pattern.
SET search_path = kolmetrics, sample, public;
\set QUIET on
CREATE TEMP TABLE auth_kol AS
SELECT kol_id, max(platform) AS platform, kol_tier(max(followers)) AS tier,
       authenticity_agg(likes, comments, shares, saves, views, followers, posted_at) AS posts
  FROM sample.authenticity_posts GROUP BY kol_id;
CREATE TEMP TABLE auth_fol AS
SELECT kol_id, follower_agg(observed_at, followers) AS fol FROM sample.follower_snapshots GROUP BY kol_id;
CREATE TEMP TABLE auth_cmt AS
SELECT kol_id, comment_agg(body, author, posted_at) AS cmt FROM sample.comments GROUP BY kol_id;
CREATE TEMP TABLE auth_cohort AS
SELECT platform, tier, authenticity_cohort_agg(posts, cmt) AS cohort, count(*) AS kols
  FROM auth_kol LEFT JOIN auth_cmt USING (kol_id) GROUP BY 1, 2;
CREATE TEMP TABLE auth_tier AS
SELECT tier, authenticity_cohort_agg(posts, cmt) AS cohort FROM auth_kol LEFT JOIN auth_cmt USING (kol_id) GROUP BY 1;
CREATE TEMP TABLE auth_scored AS
SELECT k.kol_id, l.pattern, l.is_fraud,
       authenticity_score(k.posts, CASE WHEN c.kols >= 30 THEN c.cohort ELSE t.cohort END, f.fol, m.cmt) AS score
  FROM auth_kol k
  JOIN sample.authenticity_labels l ON l.kol_id = k.kol_id
  JOIN auth_cohort c ON c.platform = k.platform AND c.tier = k.tier
  JOIN auth_tier t ON t.tier = k.tier
  LEFT JOIN auth_fol f ON f.kol_id = k.kol_id
  LEFT JOIN auth_cmt m ON m.kol_id = k.kol_id;

CREATE FUNCTION pg_temp.auc(pos text) RETURNS float8 LANGUAGE sql AS $$
WITH x AS (SELECT score, CASE WHEN pos IS NULL THEN is_fraud ELSE pattern = pos END AS p
             FROM auth_scored WHERE NOT is_fraud OR pos IS NULL OR pattern = pos),
g AS (SELECT score, count(*) FILTER (WHERE p) AS f, count(*) FILTER (WHERE NOT p) AS h FROM x GROUP BY score),
c AS (SELECT f, h, coalesce(sum(h) OVER (ORDER BY score DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above FROM g)
SELECT sum(f * (above + 0.5 * h)) / nullif(sum(f) * sum(h), 0) FROM c $$;

\echo authenticity accuracy (AUC: probability that a fraud account scores below an honest one)
SELECT 'all fraud' AS pattern, count(*) FILTER (WHERE is_fraud) AS accounts,
       round(pg_temp.auc(NULL)::numeric, 4) AS auc, round(avg(score) FILTER (WHERE is_fraud)::numeric, 1) AS mean_score
  FROM auth_scored
UNION ALL
SELECT pattern, count(*), round(pg_temp.auc(pattern)::numeric, 4), round(avg(score)::numeric, 1)
  FROM auth_scored WHERE is_fraud GROUP BY pattern
UNION ALL
SELECT pattern, count(*), NULL, round(avg(score)::numeric, 1)
  FROM auth_scored WHERE NOT is_fraud GROUP BY pattern
ORDER BY 1;

\echo honest accounts scored below the fraud median, and the lowest rank of an honest control
WITH m AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS med FROM auth_scored WHERE is_fraud),
r AS (SELECT pattern, percent_rank() OVER (ORDER BY score) AS pr, score FROM auth_scored)
SELECT pattern, round(avg((score < m.med)::int)::numeric, 4) AS share_below_fraud_median,
       round(min(pr)::numeric, 4) AS lowest_percent_rank, round(min(score)::numeric, 1) AS lowest_score
  FROM r, m WHERE pattern LIKE 'honest%' GROUP BY pattern, m.med ORDER BY 1;
