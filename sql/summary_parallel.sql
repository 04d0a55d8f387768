-- engagement_agg and rollup under parallel plans: the plan has a Partial Aggregate, workers
-- really run, and the results equal the serial run (counters, min/max, pooled ER and the
-- sketch exactly; mean and stddev within 1e-12 relative, as partial states merge in an
-- order the serial run does not use), including workers that see no rows.
SET search_path = kolmetrics, public;

CREATE TABLE es_par AS
SELECT i AS id, date '2025-01-01' + (i % 90)::int AS day, (i % 50)::int AS kol,
       (i * 7919) % 1000 AS likes, (i * 31) % 97 AS comments,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 13) % 50 END::bigint AS shares,
       CASE WHEN i % 7 = 0 THEN NULL ELSE i % 40 END::bigint AS saves,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1000 + (i * 104729) % 50000 END::bigint AS views,
       CASE WHEN i % 23 = 0 THEN 0 ELSE 500 + (i * 7927) % 200000 END::bigint AS followers,
       i % 3 AS extra
  FROM generate_series(1, 30000::bigint) i;
CREATE TABLE es_par_empty (LIKE es_par);
CREATE TABLE es_par_daily AS
SELECT day, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM es_par GROUP BY day;
ANALYZE es_par, es_par_empty, es_par_daily;

-- a = b for summaries built over the same rows in a different order
CREATE FUNCTION pg_temp.same(a engagement_summary, b engagement_summary) RETURNS boolean
LANGUAGE sql AS $$
SELECT posts(a) = posts(b) AND total_likes(a) = total_likes(b) AND total_comments(a) = total_comments(b)
   AND total_shares(a) = total_shares(b) AND total_saves(a) = total_saves(b)
   AND total_extra(a) = total_extra(b) AND total_interactions(a) = total_interactions(b)
   AND total_views(a) = total_views(b)
   AND rated_posts(a) = rated_posts(b) AND rated_posts(a, 'views') = rated_posts(b, 'views')
   AND pooled_engagement_rate(a) IS NOT DISTINCT FROM pooled_engagement_rate(b)
   AND pooled_engagement_rate(a, 'views') IS NOT DISTINCT FROM pooled_engagement_rate(b, 'views')
   AND min_engagement_rate(a) IS NOT DISTINCT FROM min_engagement_rate(b)
   AND max_engagement_rate(a, 'views') IS NOT DISTINCT FROM max_engagement_rate(b, 'views')
   AND coalesce(abs(avg_engagement_rate(a) - avg_engagement_rate(b)) <= 1e-12 * avg_engagement_rate(b), avg_engagement_rate(a) IS NULL AND avg_engagement_rate(b) IS NULL)
   AND coalesce(abs(avg_engagement_rate(a, 'views') - avg_engagement_rate(b, 'views')) <= 1e-12 * avg_engagement_rate(b, 'views'), avg_engagement_rate(a, 'views') IS NULL AND avg_engagement_rate(b, 'views') IS NULL)
   AND coalesce(abs(stddev_engagement_rate(a) - stddev_engagement_rate(b)) <= 1e-12 * stddev_engagement_rate(b), stddev_engagement_rate(a) IS NULL AND stddev_engagement_rate(b) IS NULL)
   AND coalesce(abs(stddev_engagement_rate(a, 'views') - stddev_engagement_rate(b, 'views')) <= 1e-12 * stddev_engagement_rate(b, 'views'), stddev_engagement_rate(a, 'views') IS NULL AND stddev_engagement_rate(b, 'views') IS NULL)
   AND (SELECT bool_and(engagement_rate_percentile(a, p) IS NOT DISTINCT FROM engagement_rate_percentile(b, p))
          FROM unnest(ARRAY[0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1]::float8[]) p)
$$;
-- the number of parallel workers that ran a query
CREATE FUNCTION pg_temp.workers_launched(q text) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
	l text;
	n int := 0;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q LOOP
		IF l ~ 'Workers Launched' THEN
			n := n + substring(l FROM 'Workers Launched: (\d+)')::int;
		END IF;
	END LOOP;
	RETURN n;
END
$$;

-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS
SELECT 'all' AS q, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM es_par
UNION ALL
SELECT 'last ten rows', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) > 29990
UNION ALL
SELECT 'no rows', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) < 0
UNION ALL
SELECT 'empty table', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par_empty
UNION ALL
SELECT 'six args', engagement_agg(likes, comments, shares, saves, views, followers) FROM es_par
UNION ALL
SELECT 'rollup', rollup(s) FROM es_par_daily
UNION ALL
SELECT 'rollup one day', rollup(s) FROM es_par_daily WHERE day = '2025-02-01';
CREATE TEMP TABLE serial_kol AS
SELECT kol, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM es_par GROUP BY kol;
SELECT q, posts(s), rated_posts(s) FROM serial_res ORDER BY q;

-- now in parallel
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET parallel_leader_participation = off;   -- make the workers do all the scanning

EXPLAIN (COSTS OFF)
SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par;
-- the last ten rows sit in the table's last block: one worker sees them, the others none
EXPLAIN (COSTS OFF)
SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) > 29990;
-- "(id + 0) < 0" hides the filter's selectivity from the planner (default 1/3), so it
-- plans partial aggregation and every worker sees no rows
EXPLAIN (COSTS OFF)
SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) < 0;
EXPLAIN (COSTS OFF)
SELECT rollup(s) FROM es_par_daily;
EXPLAIN (COSTS OFF)
SELECT kol, engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par GROUP BY kol;

SELECT pg_temp.workers_launched('SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par') > 0 AS workers_ran,
       pg_temp.workers_launched('SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) > 29990') > 0 AS workers_ran_last_ten,
       pg_temp.workers_launched('SELECT rollup(s) FROM es_par_daily') > 0 AS workers_ran_rollup;

WITH par AS (
	SELECT 'all' AS q, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM es_par
	UNION ALL
	SELECT 'last ten rows', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) > 29990
	UNION ALL
	SELECT 'no rows', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) < 0
	UNION ALL
	SELECT 'empty table', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par_empty
	UNION ALL
	SELECT 'six args', engagement_agg(likes, comments, shares, saves, views, followers) FROM es_par
	UNION ALL
	SELECT 'rollup', rollup(s) FROM es_par_daily
	UNION ALL
	SELECT 'rollup one day', rollup(s) FROM es_par_daily WHERE day = '2025-02-01'
)
SELECT q, posts(p.s), pg_temp.same(p.s, r.s) AS same_as_serial
  FROM par p JOIN serial_res r USING (q) ORDER BY q;
-- per-KOL groups in parallel equal the serial groups
SELECT count(*) AS kols, count(*) FILTER (WHERE pg_temp.same(p.s, r.s)) AS same_as_serial
  FROM (SELECT kol, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
          FROM es_par GROUP BY kol) p
  JOIN serial_kol r USING (kol);
-- the ten-row and no-row summaries are exactly the serial ones, bit for bit
SELECT q, p.s = r.s AS identical
  FROM (SELECT 'last ten rows' AS q, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM es_par WHERE (id + 0) > 29990
        UNION ALL
        SELECT 'no rows', engagement_agg(likes, comments, shares, saves, views, followers, extra) FROM es_par WHERE (id + 0) < 0) p
  JOIN serial_res r USING (q) ORDER BY q;

RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
DROP TABLE es_par, es_par_empty, es_par_daily;
