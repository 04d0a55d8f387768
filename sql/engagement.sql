-- engagement_rate: expected values worked out by hand.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;

-- interactions / base
SELECT engagement_rate(34, 1000) AS er_0_034;              -- 34/1000 = 0.034
SELECT engagement_rate(0, 5000) AS zero;                   -- 0
SELECT engagement_rate(1500, 1000) AS above_one;           -- 1.5 (viral: more than followers)
SELECT engagement_rate(5, 0) IS NULL AS base_zero_is_null;
SELECT engagement_rate(5, NULL) IS NULL AS base_null_is_null;
SELECT engagement_rate(NULL, 100) IS NULL AS interactions_null_is_null;

-- likes + comments + shares + saves (+ extra) over base
-- 120 + 30 + 10 + 40 = 200; 200 / 10000 = 0.02
SELECT engagement_rate(120, 30, 10, 40, 10000) AS er_0_02;
-- with extra (Bilibili coin + danmaku): 120 + 30 + 10 + 40 + 50 = 250; 250 / 10000 = 0.025
SELECT engagement_rate(120, 30, 10, 40, 10000, 50) AS er_0_025;
-- named arguments, ER by views: (900 + 60 + 25 + 15) / 20000 = 1000 / 20000 = 0.05
SELECT engagement_rate(likes => 900, comments => 60, shares => 25, saves => 15, base => 20000) AS er_by_views;
-- a NULL counter is absent (Weibo has no saves): (100 + 20 + 30) / 1000 = 0.15
SELECT engagement_rate(100, 20, 30, NULL, 1000) AS weibo_no_saves;
SELECT engagement_rate(NULL, NULL, NULL, NULL, 1000, NULL) IS NULL AS all_absent_is_null;
SELECT engagement_rate(1, 2, 3, 4, 0) IS NULL AS base_zero_is_null;
SELECT engagement_rate(1, 2, 3, 4, NULL) IS NULL AS base_null_is_null;
-- bigint-sized counters: 2^62 + 2^62 - 1 = 9223372036854775807 fits, / 2^62 ~ 2
SELECT engagement_rate(4611686018427387904, 4611686018427387903, 0, 0, 4611686018427387904) AS near_two;

-- the same rate on a table, compared with plain SQL as a second method
CREATE TABLE er_posts (likes bigint, comments bigint, shares bigint, saves bigint, followers bigint);
INSERT INTO er_posts VALUES (10, 2, 1, 0, 100), (500, 40, 20, 40, 20000), (7, 0, 0, 0, 0),
	(3, 1, NULL, 1, 50);
SELECT likes, comments, shares, saves, followers,
       engagement_rate(likes, comments, shares, saves, followers) AS er,
       engagement_rate(likes, comments, shares, saves, followers)
         = (likes + comments + coalesce(shares, 0) + saves)::float8 / nullif(followers, 0) AS same_as_sql
  FROM er_posts ORDER BY likes;
DROP TABLE er_posts;

-- bad input
SELECT engagement_rate(-1, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1, -100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(10, -2, 0, 0, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1, 1, 1, 1, 100, -7);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(9223372036854775807, 1, 0, 0, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT engagement_rate(1, 1, 1, 1, -100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
