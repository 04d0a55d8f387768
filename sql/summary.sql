-- engagement_summary: engagement_agg, rollup and the accessors.
-- Expected values worked out by hand (small table) or by plain SQL (generated table).
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;

-- Six posts (likes, comments, shares, saves, views, followers, extra):
--  1: 100, 20,  5,   25,   5000, 10000, NULL -> 150; ER_f 0.015, ER_v 0.03
--  2:  40, 10, NULL, NULL, 2000, 10000, 50   -> 100; ER_f 0.01,  ER_v 0.05
--  3:   0,  0,  0,    0,   1000, 20000, 0    ->   0; ER_f 0,     ER_v 0
--  4: 300, 60, 20,   20,   NULL, 20000, NULL -> 400; ER_f 0.02,  no views
--  5:  10,  0,  0,    0,      0,     0, NULL ->  10; unrated by both (base 0)
--  6: NULL counters,        100,  1000, NULL ->   0; unrated by both (no counter)
CREATE TABLE es_small (id int, likes bigint, comments bigint, shares bigint, saves bigint,
                       views bigint, followers bigint, extra bigint);
INSERT INTO es_small VALUES
	(1, 100, 20, 5, 25, 5000, 10000, NULL),
	(2, 40, 10, NULL, NULL, 2000, 10000, 50),
	(3, 0, 0, 0, 0, 1000, 20000, 0),
	(4, 300, 60, 20, 20, NULL, 20000, NULL),
	(5, 10, 0, 0, 0, 0, 0, NULL),
	(6, NULL, NULL, NULL, NULL, 100, 1000, NULL);
CREATE TABLE es_small_s AS
	SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM es_small;

-- counters: posts 6; likes 450, comments 90, shares 25, saves 45, extra 50;
-- interactions 150+100+0+400+10 = 660 = 450+90+25+45+50; views 5000+2000+1000+0+100 = 8100
SELECT posts(s), total_likes(s), total_comments(s), total_shares(s), total_saves(s),
       total_extra(s), total_interactions(s), total_views(s)
  FROM es_small_s;
-- followers: rated 1-4 (4), unrated 5, 6 (2); pooled 650 / 60000 = 0.0108333...
-- ERs {0.015, 0.01, 0, 0.02}: mean 0.045/4 = 0.01125; squared deviations
-- 1.40625e-5 + 1.5625e-6 + 1.265625e-4 + 7.65625e-5 = 2.1875e-4, / 3 = 7.2916667e-5,
-- stddev 0.00853913; min 0, max 0.02
SELECT rated_posts(s), unrated_posts(s), round(pooled_engagement_rate(s)::numeric, 10) AS pooled,
       round(avg_engagement_rate(s)::numeric, 12) AS mean,
       round(stddev_engagement_rate(s)::numeric, 8) AS sd,
       min_engagement_rate(s) AS min, max_engagement_rate(s) AS max
  FROM es_small_s;
-- the same through the basis argument
SELECT pooled_engagement_rate(s, 'followers') = pooled_engagement_rate(s) AS same_er,
       avg_engagement_rate(s, 'followers') = avg_engagement_rate(s) AS same_avg,
       rated_posts(s, 'followers') = rated_posts(s) AS same_rated
  FROM es_small_s;
-- views: rated 1-3 (3), unrated 4 (NULL views), 5 (0 views), 6 (no counter);
-- pooled 250 / 8000 = 0.03125; ERs {0.03, 0.05, 0}: mean 0.08/3 = 0.0266667;
-- squared deviations 1.1111e-5 + 5.4444e-4 + 7.1111e-4 = 1.2666667e-3, / 2 -> sd 0.0251661
SELECT rated_posts(s, 'views'), unrated_posts(s, 'views'),
       pooled_engagement_rate(s, 'views') AS pooled,
       round(avg_engagement_rate(s, 'views')::numeric, 10) AS mean,
       round(stddev_engagement_rate(s, 'views')::numeric, 7) AS sd,
       min_engagement_rate(s, 'views') AS min, max_engagement_rate(s, 'views') AS max
  FROM es_small_s;
-- percentiles of {0, 0.01, 0.015, 0.02} at rank ceil(4p): p 0 and 0.25 -> 0 (rank 1),
-- 0.5 -> 0.01 (rank 2), 0.75 -> 0.015 (rank 3), 1 -> 0.02 (max, exact).
-- The sketch answers within 1/101 relative: check the bound, and print to 3 digits.
SELECT p, round(engagement_rate_percentile(s, p)::numeric, 3) AS er,
       abs(engagement_rate_percentile(s, p) - exact) <= exact / 101 AS within_bound
  FROM es_small_s,
       (VALUES (0.0, 0.0), (0.25, 0.0), (0.5, 0.01), (0.75, 0.015), (1.0, 0.02)) v(p, exact)
 ORDER BY p;
-- the text form of this summary (buckets: ceil(ln(x)/ln(1.02)) of 0.01, 0.015, 0.02 =
-- ceil(-232.56) = -232, ceil(-212.08) = -212, ceil(-197.55) = -197)
SELECT s FROM es_small_s;

-- the six-argument form: extra omitted counts as 0, so post 6 (all four counters NULL)
-- is rated with ER 0 by followers (as engagement_rate(NULL, NULL, NULL, NULL, 1000) = 0)
-- and by views; post 2 loses its extra 50 -> ER_f 0.005, interactions 610
SELECT posts(s), total_interactions(s), rated_posts(s), unrated_posts(s),
       rated_posts(s, 'views'), min_engagement_rate(s), engagement_rate(NULL, NULL, NULL, NULL, 1000) AS er_row6
  FROM (SELECT engagement_agg(likes, comments, shares, saves, views, followers) AS s FROM es_small) x;

-- as a window aggregate (the final function is called again on a growing state):
-- running posts and pooled ER by followers over posts 1..4: 150/10000 = 0.015,
-- 250/20000 = 0.0125, 250/40000 = 0.00625, 650/60000 = 0.0108333
SELECT id, posts(s), round(pooled_engagement_rate(s)::numeric, 7) AS running_er
  FROM (SELECT id, engagement_agg(likes, comments, shares, saves, views, followers, extra)
                     OVER (ORDER BY id) AS s
          FROM es_small) w
 ORDER BY id;
-- with FILTER: only posts with views (1, 2, 3, 5, 6) -> 5 posts, interactions 150+100+0+10+0 = 260
SELECT posts(s), total_interactions(s)
  FROM (SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra)
                 FILTER (WHERE views IS NOT NULL) AS s FROM es_small) f;

-- integer columns resolve without casts (int4, int2 widen to bigint)
CREATE TABLE es_int (likes int, comments int, shares smallint, saves int, views int, followers int, extra int);
INSERT INTO es_int VALUES (100, 20, 5, 25, 5000, 10000, 1), (40, 10, 0, 0, 2000, 10000, 0);
-- interactions 151 + 50 = 201; pooled by followers 201 / 20000 = 0.01005
SELECT posts(engagement_agg(likes, comments, shares, saves, views, followers, extra)),
       pooled_engagement_rate(engagement_agg(likes, comments, shares, saves, views, followers, extra)) AS er,
       posts(engagement_agg(likes, comments, shares, saves, views, followers)) AS posts6
  FROM es_int;
-- literals resolve too: (1 + 2 + 3 + 4) / 100 = 0.1
SELECT pooled_engagement_rate(engagement_agg(1, 2, 3, 4, 50, 100)) AS er_literals;
DROP TABLE es_int;

-- a row of NULLs (an outer join's filler) is not a post; no rows give the empty summary
SELECT posts(engagement_agg(NULL::bigint, NULL, NULL, NULL, NULL, NULL, NULL)) AS null_row_posts;
SELECT posts(s), rated_posts(s), pooled_engagement_rate(s) IS NULL AS er_null,
       avg_engagement_rate(s) IS NULL AS avg_null, stddev_engagement_rate(s) IS NULL AS sd_null,
       min_engagement_rate(s) IS NULL AS min_null,
       engagement_rate_percentile(s, 0.5) IS NULL AS p50_null, total_views(s)
  FROM (SELECT engagement_agg(likes, comments, shares, saves, views, followers) AS s
          FROM es_small WHERE id > 100) x;
-- one rated post: stddev NULL (fewer than 2), percentile = the value
SELECT stddev_engagement_rate(s) IS NULL AS sd_null, avg_engagement_rate(s) AS mean,
       engagement_rate_percentile(s, 0.5) AS p50
  FROM (SELECT engagement_agg(likes, comments, shares, saves, views, followers) AS s
          FROM es_small WHERE id = 1) x;
-- only posts without base: counted, but no ratio
SELECT posts(s), unrated_posts(s), pooled_engagement_rate(s) IS NULL AS er_null, total_likes(s)
  FROM (SELECT engagement_agg(likes, comments, shares, saves, views, followers) AS s
          FROM es_small WHERE id = 5) x;

-- rollup: NULL summaries skipped; rollup of nothing is the empty summary;
-- rollup of one summary is that summary
SELECT posts(rollup(s)) FROM (VALUES (NULL::engagement_summary)) v(s);
SELECT posts(rollup(s)) FROM es_small_s WHERE false;
SELECT (SELECT rollup(s) FROM es_small_s) = s AS rollup_of_one FROM es_small_s;
-- rollup of per-post summaries equals the single pass: counters, sketch and min/max
-- exactly, mean and m2 within 1e-12 relative
WITH per_post AS (
	SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
	  FROM es_small GROUP BY id
), r AS (SELECT rollup(s) AS s FROM per_post)
SELECT posts(r.s) = posts(a.s) AND total_interactions(r.s) = total_interactions(a.s)
       AND total_views(r.s) = total_views(a.s) AND rated_posts(r.s) = rated_posts(a.s)
       AND pooled_engagement_rate(r.s) = pooled_engagement_rate(a.s) AS counters_exact,
       abs(avg_engagement_rate(r.s) / avg_engagement_rate(a.s) - 1) < 1e-12 AS mean_close,
       abs(stddev_engagement_rate(r.s) / stddev_engagement_rate(a.s) - 1) < 1e-12 AS sd_close,
       engagement_rate_percentile(r.s, 0.5) = engagement_rate_percentile(a.s, 0.5) AS p50_same
  FROM r, es_small_s a;

-- ---------------------------------------------------------------------------
-- Exactness on a deterministic generated table: 10,000 posts over 181 days, grouped
-- by day, rolled up by month, compared with the single pass and with plain SQL.
-- ---------------------------------------------------------------------------
CREATE TABLE es_gen AS
SELECT i AS id, date '2025-01-01' + (i % 181) AS day, i % 37 AS kol,
       CASE WHEN i % 101 = 0 THEN 0 ELSE (i * 7919) % 1000 END::bigint AS likes,
       CASE WHEN i % 101 = 0 THEN 0 ELSE (i * 31) % 97 END::bigint AS comments,
       CASE WHEN i % 11 = 0 THEN NULL WHEN i % 101 = 0 THEN 0 ELSE (i * 13) % 50 END::bigint AS shares,
       CASE WHEN i % 7 = 0 THEN NULL WHEN i % 101 = 0 THEN 0 ELSE i % 40 END::bigint AS saves,
       CASE WHEN i % 13 = 0 THEN NULL WHEN i % 17 = 0 THEN 0 ELSE 1000 + (i * 104729) % 50000 END::bigint AS views,
       CASE WHEN i % 19 = 0 THEN NULL WHEN i % 23 = 0 THEN 0 ELSE 500 + (i * 7927) % 200000 END::bigint AS followers,
       CASE WHEN i % 5 = 0 THEN i % 9 END::bigint AS extra
  FROM generate_series(1, 10000) i;
-- per-post ER in plain SQL: interactions over present counters; rated when the base is
-- present and > 0 and some counter is present (every row here has likes)
CREATE VIEW es_gen_er AS
SELECT *, date_trunc('month', day)::date AS month,
       likes + comments + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0) AS inter,
       (likes + comments + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0))::float8
         / nullif(followers, 0) AS er_f,
       (likes + comments + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0))::float8
         / nullif(views, 0) AS er_v
  FROM es_gen;
CREATE TABLE es_daily AS
SELECT day, engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM es_gen GROUP BY day;
CREATE TABLE es_monthly_rollup AS
SELECT date_trunc('month', day)::date AS month, rollup(s) AS s FROM es_daily GROUP BY 1;
CREATE TABLE es_monthly_direct AS
SELECT date_trunc('month', day)::date AS month,
       engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s
  FROM es_gen GROUP BY 1;
SELECT count(*) AS days, sum(posts(s)) AS posts FROM es_daily;

-- rollup by month vs the single pass by month: every counter exact; floats within 1e-12
SELECT r.month, posts(r.s) AS posts,
       posts(r.s) = posts(d.s) AND total_likes(r.s) = total_likes(d.s)
       AND total_comments(r.s) = total_comments(d.s) AND total_shares(r.s) = total_shares(d.s)
       AND total_saves(r.s) = total_saves(d.s) AND total_extra(r.s) = total_extra(d.s)
       AND total_interactions(r.s) = total_interactions(d.s) AND total_views(r.s) = total_views(d.s)
       AND rated_posts(r.s) = rated_posts(d.s) AND rated_posts(r.s, 'views') = rated_posts(d.s, 'views')
       AND pooled_engagement_rate(r.s) = pooled_engagement_rate(d.s)
       AND pooled_engagement_rate(r.s, 'views') = pooled_engagement_rate(d.s, 'views') AS counters_exact,
       abs(avg_engagement_rate(r.s) / avg_engagement_rate(d.s) - 1) < 1e-12
       AND abs(avg_engagement_rate(r.s, 'views') / avg_engagement_rate(d.s, 'views') - 1) < 1e-12 AS mean_1e12,
       abs(stddev_engagement_rate(r.s) / stddev_engagement_rate(d.s) - 1) < 1e-12
       AND abs(stddev_engagement_rate(r.s, 'views') / stddev_engagement_rate(d.s, 'views') - 1) < 1e-12 AS sd_1e12,
       min_engagement_rate(r.s) = min_engagement_rate(d.s) AND max_engagement_rate(r.s) = max_engagement_rate(d.s) AS minmax_exact,
       (SELECT bool_and(engagement_rate_percentile(r.s, p) = engagement_rate_percentile(d.s, p))
          FROM unnest(ARRAY[0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) p) AS sketch_exact
  FROM es_monthly_rollup r JOIN es_monthly_direct d USING (month)
 ORDER BY 1;

-- rollup by month vs plain SQL over the raw rows (count, sum, avg, stddev_samp, min, max)
SELECT q.month,
       posts(r.s) = q.posts AND total_interactions(r.s) = q.inter AND total_views(r.s) = q.views
       AND rated_posts(r.s) = q.rated_f AND unrated_posts(r.s) = q.posts - q.rated_f
       AND rated_posts(r.s, 'views') = q.rated_v AS counts_match,
       pooled_engagement_rate(r.s) = q.pooled_f AND pooled_engagement_rate(r.s, 'views') = q.pooled_v AS pooled_match,
       abs(avg_engagement_rate(r.s) / q.avg_f - 1) < 1e-12
       AND abs(avg_engagement_rate(r.s, 'views') / q.avg_v - 1) < 1e-12 AS avg_1e12,
       abs(stddev_engagement_rate(r.s) / q.sd_f - 1) < 1e-12
       AND abs(stddev_engagement_rate(r.s, 'views') / q.sd_v - 1) < 1e-12 AS sd_1e12,
       min_engagement_rate(r.s) = q.min_f AND max_engagement_rate(r.s) = q.max_f
       AND min_engagement_rate(r.s, 'views') = q.min_v AND max_engagement_rate(r.s, 'views') = q.max_v AS minmax_match
  FROM es_monthly_rollup r
  JOIN (SELECT month, count(*) AS posts, sum(inter) AS inter, sum(views) AS views,
               count(er_f) AS rated_f, count(er_v) AS rated_v,
               sum(inter) FILTER (WHERE er_f IS NOT NULL)::float8
                 / sum(followers) FILTER (WHERE er_f IS NOT NULL) AS pooled_f,
               sum(inter) FILTER (WHERE er_v IS NOT NULL)::float8
                 / sum(views) FILTER (WHERE er_v IS NOT NULL) AS pooled_v,
               avg(er_f) AS avg_f, avg(er_v) AS avg_v,
               stddev_samp(er_f) AS sd_f, stddev_samp(er_v) AS sd_v,
               min(er_f) AS min_f, max(er_f) AS max_f, min(er_v) AS min_v, max(er_v) AS max_v
          FROM es_gen_er GROUP BY month) q USING (month)
 ORDER BY 1;

-- the whole half-year: rollup of the monthly rollups vs the single pass vs SQL, and the
-- sketch against percentile_disc over the raw per-post ER: within 1/101 relative
WITH r AS (SELECT rollup(s) AS s FROM es_monthly_rollup),
     a AS (SELECT engagement_agg(likes, comments, shares, saves, views, followers, extra) AS s FROM es_gen)
SELECT posts(r.s), total_interactions(r.s) = total_interactions(a.s) AS inter_exact,
       abs(avg_engagement_rate(r.s) / avg_engagement_rate(a.s) - 1) < 1e-12 AS mean_1e12,
       abs(stddev_engagement_rate(r.s) / stddev_engagement_rate(a.s) - 1) < 1e-12 AS sd_1e12
  FROM r, a;
WITH r AS (SELECT rollup(s) AS s FROM es_monthly_rollup),
     e AS (SELECT p, percentile_disc(p) WITHIN GROUP (ORDER BY er_f) AS exact
             FROM es_gen_er, unnest(ARRAY[0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95,
                                          0.99, 0.999, 1]::float8[]) p
            GROUP BY p)
SELECT p, exact = 0 AS exact_is_zero,
       abs(engagement_rate_percentile(r.s, p) - exact) <= exact / 101 AS within_1pct
  FROM r, e ORDER BY p;
-- and per month, at every percent: 6 months x 101 fractions
WITH fr AS (SELECT array_agg(pct / 100.0::float8 ORDER BY pct) AS ps FROM generate_series(0, 100) pct),
     q AS (SELECT month, percentile_disc((SELECT ps FROM fr)) WITHIN GROUP (ORDER BY er_f) AS ex
             FROM es_gen_er GROUP BY month)
SELECT count(*) AS checks,
       count(*) FILTER (WHERE abs(engagement_rate_percentile(r.s, fr.ps[i]) - q.ex[i]) <= q.ex[i] / 101) AS within_1pct,
       max(abs(engagement_rate_percentile(r.s, fr.ps[i]) / nullif(q.ex[i], 0) - 1)) < 1.0 / 101 AS max_rel_err_below_bound
  FROM es_monthly_rollup r JOIN q USING (month), fr, generate_series(1, 101) i;

-- ---------------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------------
SELECT engagement_agg(-1, 0, 0, 0, 100, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_agg(1, 0, 0, 0, 100, 100, -5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_agg(1, 0, 0, 0, -100, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_agg(1, 0, 0, 0, 100, -100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- one post's counters overflow bigint
SELECT engagement_agg(9223372036854775807, 1, 0, 0, 100, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the sum of likes over two posts overflows bigint
SELECT engagement_agg(l, 0, 0, 0, 100, 100) FROM (VALUES (9223372036854775800), (8)) v(l);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the sum of followers overflows bigint
SELECT engagement_agg(1, 0, 0, 0, 100, f) FROM (VALUES (9223372036854775800), (8)) v(f);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a rollup whose likes overflow
SELECT rollup(s) FROM (SELECT engagement_agg(l, 0, 0, 0, 100, 100) AS s
                         FROM (VALUES (9223372036854775800), (8)) v(l) GROUP BY l) x;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a rollup whose per-basis sum of followers overflows (the merge of the basis sums)
SELECT rollup(s) FROM (SELECT engagement_agg(1, 0, 0, 0, NULL, f) AS s
                         FROM (VALUES (9223372036854775800), (8)) v(f) GROUP BY f) x;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the same sums one below the limit roll up, exact
SELECT total_likes(rollup(s)), posts(rollup(s)) FROM (SELECT engagement_agg(l, 0, 0, 0, NULL, 100) AS s
                         FROM (VALUES (9223372036854775800), (7)) v(l) GROUP BY l) x;
SELECT pooled_engagement_rate(s, 'reach') FROM es_small_s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT avg_engagement_rate(s, 'Followers') FROM es_small_s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT stddev_engagement_rate(s, '') FROM es_small_s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate_percentile(s, 1.5) FROM es_small_s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate_percentile(s, -0.1) FROM es_small_s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate_percentile(s, 'NaN') FROM es_small_s;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- STRICT accessors: NULL in, NULL out
SELECT posts(NULL) IS NULL AS posts_null, pooled_engagement_rate(NULL::engagement_summary, 'views') IS NULL AS er_null,
       engagement_rate_percentile(s, NULL) IS NULL AS p_null
  FROM es_small_s;

DROP VIEW es_gen_er;
DROP TABLE es_small, es_small_s, es_gen, es_daily, es_monthly_rollup, es_monthly_direct;
