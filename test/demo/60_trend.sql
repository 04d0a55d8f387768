-- Demo report: trends, campaign lift and anomalies (trend_agg, campaign_lift, anomalies).
SET search_path = kolmetrics, public;
\pset footer off

-- One trend summary per KOL and day of the daily pooled engagement rate; campaign windows
-- are rollups of these days.
CREATE TEMP TABLE demo_daily_er AS
SELECT kol_id, date_trunc('day', posted_at) AS day,
       pooled_engagement_rate(engagement_agg(likes, comments, shares, saves, views, followers)) AS er
  FROM sample.posts GROUP BY 1, 2;

\echo
\echo '== Campaign lift: the daily pooled engagement rate of each campaign''s KOLs during the'
\echo '   campaign against the line of the 90 days before it (an interrupted time series;'
\echo '   lift = actual - baseline, its 95% interval and p-value; total = lift x days).'
\echo '   The sample has no campaign effect built in: most intervals cover 0.'
WITH daily AS (
  SELECT c.campaign_id, d.day, avg(d.er) AS er
    FROM sample.campaigns c
    JOIN sample.campaign_kols ck USING (campaign_id)
    JOIN demo_daily_er d ON d.kol_id = ck.kol_id
                        AND d.day >= c.starts_on - 90 AND d.day < c.ends_on + 1
   WHERE d.er IS NOT NULL
   GROUP BY 1, 2),
parts AS (
  SELECT d.campaign_id, c.brand,
         trend_agg(d.day, d.er) FILTER (WHERE d.day < c.starts_on) AS before,
         trend_agg(d.day, d.er) FILTER (WHERE d.day >= c.starts_on) AS during
    FROM daily d JOIN sample.campaigns c USING (campaign_id)
   GROUP BY 1, 2)
SELECT parts.campaign_id, parts.brand, l.points_before AS days_before, l.points_during AS days_during,
       round(100 * l.baseline::numeric, 2) AS "baseline ER %", round(100 * l.actual::numeric, 2) AS "actual ER %",
       round(100 * l.lift::numeric, 2) AS "lift pts", round(100 * l.lift_lower::numeric, 2) AS "95% low",
       round(100 * l.lift_upper::numeric, 2) AS "95% high", round(l.p_value::numeric, 3) AS p,
       CASE WHEN l.lift_lower > 0 THEN 'lifted' WHEN l.lift_upper < 0 THEN 'fell'
            WHEN l.p_value IS NULL THEN 'too little history' ELSE 'no clear effect' END AS verdict
  FROM parts, campaign_lift(parts.before, parts.during) l
 ORDER BY parts.campaign_id
 LIMIT 12;

\echo
\echo '== Growth: KOLs whose weekly likes grew most clearly (ranked by the low end of the 95%'
\echo '   interval of the slope per 30 days, not by the slope alone, which noise inflates)'
SELECT kol_id, points(s) AS weeks, round((30 * slope(s))::numeric, 1) AS "likes / 30 days",
       (SELECT array_agg(round((30 * b)::numeric, 1)) FROM unnest(slope_ci(s)) b) AS "95% interval",
       round(r_squared(s)::numeric, 3) AS r2
  FROM (SELECT kol_id, trend_agg(week, likes) AS s
          FROM (SELECT kol_id, date_trunc('week', posted_at) AS week, sum(likes)::float8 AS likes
                  FROM sample.posts GROUP BY 1, 2) w
         GROUP BY kol_id HAVING count(*) >= 12) t
 ORDER BY (slope_ci(s))[1] DESC NULLS LAST LIMIT 5;

\echo
\echo '== Anomalies: the strongest jumps and drops in weekly likes (modified z-score of the'
\echo '   change per day against the median and MAD of the KOL''s own changes; |z| > 3.5)'
SELECT s.kol_id, a.at::date AS week, a.value AS likes, a.change, round(a.score::numeric, 1) AS z,
       CASE WHEN a.score > 0 THEN 'jump' ELSE 'drop' END AS kind
  FROM (SELECT kol_id, anomalies() WITHIN GROUP (ORDER BY week, likes) AS r
          FROM (SELECT kol_id, date_trunc('week', posted_at) AS week, sum(likes)::float8 AS likes
                  FROM sample.posts GROUP BY 1, 2) w
         GROUP BY kol_id) s
 CROSS JOIN LATERAL anomaly_rows(s.r) a
 ORDER BY abs(a.score) DESC LIMIT 8;

\echo
\echo '== Forecast: the next 8 weeks of weekly likes of the KOL with the most posts (Holt''s'
\echo '   damped trend fitted by least squares on ln(1 + likes), turned back with exp: a median'
\echo '   forecast whose 90% prediction interval stays positive, as counts do)'
SELECT f.step, f.at::date AS week, round(exp(f.forecast)::numeric - 1) AS likes,
       round(exp(f.lower)::numeric - 1) AS low_90, round(exp(f.upper)::numeric - 1) AS high_90,
       round((r).alpha::numeric, 3) AS alpha, round((r).beta::numeric, 3) AS beta, round((r).phi::numeric, 3) AS phi
  FROM (SELECT holt_forecast(8, 0.9) WITHIN GROUP (ORDER BY week, likes) AS r
          FROM (SELECT date_trunc('week', posted_at) AS week, ln(1 + sum(likes))::float8 AS likes
                  FROM sample.posts
                 WHERE kol_id = (SELECT kol_id FROM sample.posts GROUP BY kol_id ORDER BY count(*) DESC, kol_id LIMIT 1)
                 GROUP BY 1) w) s,
       forecast_rows(s.r) f;
