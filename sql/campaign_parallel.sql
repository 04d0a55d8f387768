-- campaign_agg, rollup and campaign_roi in parallel plans: Partial Aggregate in the plan,
-- results identical to the serial run, workers that see no rows.
SET search_path = kolmetrics, public;

-- a regular (not TEMP) table so that workers can scan it: 60000 deterministic rows,
-- 30 campaigns, money with 2 and 10 decimal places, some NULLs
CREATE TABLE par_rows AS
SELECT g AS id, g % 30 AS campaign,
       CASE WHEN g % 97 = 0 THEN NULL ELSE (g % 100000) * 0.01 END AS revenue,
       (g % 7919) * 0.01 + (g % 3) * 0.0000000001 AS cost,
       CASE WHEN g % 89 = 0 THEN NULL ELSE g % 50000 END AS impressions,
       g % 20000 AS views, g % 1000 AS engagements, g % 300 AS clicks, g % 13 AS conversions
  FROM generate_series(1, 60000) g;
ANALYZE par_rows;

-- serial results first, kept in a regular table
SET max_parallel_workers_per_gather = 0;
CREATE TABLE par_serial AS
SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) AS s,
       campaign_roi(revenue, cost) AS roi
  FROM par_rows GROUP BY campaign;
CREATE TABLE par_serial_all AS
SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) AS s,
       campaign_roi(revenue, cost) AS roi,
       (SELECT rollup(s) FROM par_serial) AS rolled
  FROM par_rows;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET parallel_leader_participation = off;

-- whole table
EXPLAIN (COSTS OFF)
SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions),
       campaign_roi(revenue, cost) FROM par_rows;
SELECT p.s = a.s AS summary_equal, p.roi = a.roi AS roi_equal, p.s
  FROM (SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s,
               campaign_roi(revenue, cost) roi FROM par_rows) p, par_serial_all a;

-- grouped
EXPLAIN (COSTS OFF)
SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions),
       campaign_roi(revenue, cost)
  FROM par_rows GROUP BY campaign;
SELECT count(*) AS groups, bool_and(p.s = a.s) AS summaries_equal,
       bool_and(p.roi IS NOT DISTINCT FROM a.roi) AS roi_equal
  FROM (SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s,
               campaign_roi(revenue, cost) roi FROM par_rows GROUP BY campaign) p
  JOIN par_serial a USING (campaign);

-- rollup in parallel over stored summaries (regular table, many rows)
CREATE TABLE par_summaries AS
SELECT id, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
  FROM par_rows GROUP BY id;
ANALYZE par_summaries;
EXPLAIN (COSTS OFF) SELECT rollup(s) FROM par_summaries;
SELECT r.s = a.s AS rollup_equals_single_pass, r.s = a.rolled AS equals_serial_rollup
  FROM (SELECT rollup(s) s FROM par_summaries) r, par_serial_all a;

-- workers that see no rows: a filter that keeps two rows, and one that keeps none
-- (combine gets NULL states on either side; an all-empty result is NULL)
EXPLAIN (COSTS OFF)
SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions),
       campaign_roi(revenue, cost)
  FROM par_rows WHERE id % 29999 = 7;
-- ids 7 and 30006.  id 7: revenue 0.07, cost 0.07 + 1 x 10^-10 = 0.0700000001, counters 7,
-- 7, 7, 7, 7 % 13 = 7.  id 30006: revenue 300.06; cost: 30006 % 7919 = 6249 -> 62.49,
-- 30006 % 3 = 0; impressions 30006 (30006 % 89 = 13, not NULL), views 10006,
-- engagements 6, clicks 6, conversions 30006 % 13 = 2.  Sums: revenue 300.13, cost
-- 62.5600000001, impressions 30013, views 10013, engagements 13, clicks 13, conversions 9.
-- roi = 237.5699999999 / 62.5600000001 = 3.797474424544761070... -> 3.7974744245447611
-- (base-10000 first digits 237 > 62: qweight 0, scale max(16, 10) = 16)
SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions),
       campaign_roi(revenue, cost)
  FROM par_rows WHERE id % 29999 = 7;
EXPLAIN (COSTS OFF)
SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions)
  FROM par_rows WHERE id % 29999 = 60001;
SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) IS NULL AS no_rows,
       campaign_roi(revenue, cost) IS NULL AS no_roi
  FROM par_rows WHERE id % 29999 = 60001;
SELECT rollup(s) IS NULL AS no_rows FROM par_summaries WHERE id % 29999 = 60001;

RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE par_summaries, par_serial_all, par_serial, par_rows;
