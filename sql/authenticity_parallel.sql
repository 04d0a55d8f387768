-- authenticity_agg, follower_agg, comment_agg, authenticity_cohort_agg and their rollups under
-- parallel plans: a Partial Aggregate in the plan, workers that really run (some seeing no
-- rows), and results equal to the serial run: follower, comment and cohort values identical;
-- authenticity summaries with identical counters and signals within 1e-12 (float sums merge
-- in another order).
SET search_path = kolmetrics, public;

CREATE TABLE au_par AS
SELECT i AS id, (i % 40)::int AS kol, (i * 7919 % 1000)::bigint AS likes, (i * 31 % 97)::bigint AS comments,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 13 % 50)::bigint END AS shares,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 40)::bigint END AS saves,
       CASE WHEN i % 13 = 0 THEN NULL ELSE 1000 + (i * 104729 % 50000)::bigint END AS views,
       CASE WHEN i % 23 = 0 THEN 0 ELSE 500 + (i * 7927 % 200000)::bigint END AS followers,
       timestamptz '2025-01-01 00:00+00' + (i * 7 % 30000) * interval '17 minutes' AS at,
       (ARRAY['+1', '[赞]', 'nice post', 'where is this', '😂'])[1 + i % 5] || (i % 17) AS body,
       'u' || (i * 13 % 700) AS author
  FROM generate_series(1, 30000::bigint) i;
CREATE TABLE au_par_empty (LIKE au_par);
CREATE TABLE au_par_kol AS
SELECT kol, authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s,
       comment_agg(body, author, at) AS c
  FROM au_par GROUP BY kol;
ANALYZE au_par, au_par_empty, au_par_kol;

-- same counters, signals within 1e-12 relative
CREATE FUNCTION pg_temp.same(a authenticity_summary, b authenticity_summary) RETURNS boolean
LANGUAGE sql AS $$
SELECT regexp_replace(a::text, '(i_sq|lf_sum|lv_sum|lr_sum|lr_sq):[^,]*,', '', 'g')
     = regexp_replace(b::text, '(i_sq|lf_sum|lv_sum|lr_sum|lr_sq):[^,]*,', '', 'g')
   AND (SELECT bool_and(x.value = 'null' AND y.value = 'null'
                        OR abs(x.value::text::float8 - y.value::text::float8) <= 1e-12 * abs(y.value::text::float8))
          FROM jsonb_each(authenticity_signals(a)) x JOIN jsonb_each(authenticity_signals(b)) y USING (key))
$$;
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

CREATE VIEW au_q AS
SELECT 'all' AS q, authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s,
       follower_agg(at, followers) AS f, comment_agg(body, author, at) AS c FROM au_par
UNION ALL
SELECT 'last ten rows', authenticity_agg(likes, comments, shares, saves, views, followers, at),
       follower_agg(at, followers), comment_agg(body, author, at) FROM au_par WHERE (id + 0) > 29990
UNION ALL
SELECT 'no rows', authenticity_agg(likes, comments, shares, saves, views, followers, at),
       follower_agg(at, followers), comment_agg(body, author, at) FROM au_par WHERE (id + 0) < 0
UNION ALL
SELECT 'empty table', authenticity_agg(likes, comments, shares, saves, views, followers, at),
       follower_agg(at, followers), comment_agg(body, author, at) FROM au_par_empty
UNION ALL
SELECT 'rollup', rollup(s), NULL, rollup(c) FROM au_par_kol;
CREATE VIEW au_cohort AS
SELECT 'posts' AS q, authenticity_cohort_agg(s) AS h FROM au_par_kol
UNION ALL SELECT 'posts and comments', authenticity_cohort_agg(s, c) FROM au_par_kol;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS SELECT * FROM au_q;
CREATE TEMP TABLE serial_cohort AS SELECT * FROM au_cohort;
CREATE TEMP TABLE serial_kol AS
SELECT kol, follower_agg(at, followers) AS f, comment_agg(body, author, at) AS c FROM au_par GROUP BY kol;
SELECT q, authenticity_signals(s)->'posts' AS posts, follower_snapshots(f) AS snapshots,
       comment_signals(c)->'comments' AS comments FROM serial_res ORDER BY q;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at), follower_agg(at, followers),
       comment_agg(body, author, at) FROM au_par;
EXPLAIN (COSTS OFF)
SELECT authenticity_cohort_agg(s, c) FROM au_par_kol;
SELECT pg_temp.workers_launched('SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at), follower_agg(at, followers), comment_agg(body, author, at) FROM au_par') > 0 AS workers_ran,
       pg_temp.workers_launched('SELECT follower_agg(at, followers) FROM au_par WHERE (id + 0) > 29990') > 0 AS workers_ran_last_ten,
       pg_temp.workers_launched('SELECT authenticity_cohort_agg(s, c) FROM au_par_kol') > 0 AS workers_ran_cohort;

SELECT q, pg_temp.same(p.s, r.s) AS summary_same, p.f IS NOT DISTINCT FROM r.f AS followers_same,
       p.c = r.c AS comments_same
  FROM au_q p JOIN serial_res r USING (q) ORDER BY q;
SELECT q, p.h = r.h AS cohort_same FROM au_cohort p JOIN serial_cohort r USING (q) ORDER BY q;
SELECT count(*) AS kols, bool_and(p.f = s.f AND p.c = s.c) AS groups_same
  FROM (SELECT kol, follower_agg(at, followers) AS f, comment_agg(body, author, at) AS c FROM au_par GROUP BY kol) p
  JOIN serial_kol s USING (kol);

DROP VIEW au_q, au_cohort;
DROP TABLE au_par, au_par_empty, au_par_kol;
