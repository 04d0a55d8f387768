-- kol_tier and tier_label: boundaries worked out from the documented thresholds.
SET search_path = kolmetrics, public;

SELECT f, kol_tier(f) FROM unnest(ARRAY[0, 9999, 10000, 99999, 100000, 499999, 500000,
	999999, 1000000, 250000000]::bigint[]) AS f;
SELECT kol_tier(NULL) IS NULL AS null_in_null_out;
SELECT kol_tier(-1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the enum is ordered
SELECT 'nano'::tier < 'micro' AND 'micro' < 'mid'::tier AND 'mid' < 'macro'::tier
       AND 'macro' < 'mega'::tier AS ordered;
-- the platform names the domain admits, in the order of the README's table
SELECT array_agg(p::platform ORDER BY o) FROM unnest(ARRAY['weibo', 'wechat', 'wechat_channels', 'douyin',
	'xiaohongshu', 'bilibili', 'kuaishou', 'taobao_live', 'tiktok', 'instagram', 'youtube']) WITH ORDINALITY u(p, o);
SELECT 'Weibo'::platform;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- tier_label for every built-in scheme at its boundaries
SELECT s, f, tier_label(f, s)
  FROM unnest(ARRAY['later', 'mediakix', 'hypeauditor', 'xiaohongshu', 'kasi_douyin', 'kasi_douyin_2020']) s,
       unnest(ARRAY[0, 999, 1000, 4999, 5000, 19999, 20000, 49999, 50000, 99999, 100000,
                    299999, 300000, 499999, 500000, 999999, 1000000, 2999999, 3000000,
                    4999999, 5000000, 10000000, 10000001]::bigint[]) f
 ORDER BY s, f;
SELECT tier_label(NULL, 'later') IS NULL AS null_followers, tier_label(100, NULL) IS NULL AS null_scheme;
SELECT tier_label(100, 'nosuch');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT tier_label(-5, 'later');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- editing thresholds takes effect at once
BEGIN;
UPDATE tier_threshold SET min_followers = 5000 WHERE tier = 'micro';
SELECT kol_tier(4999) AS nano, kol_tier(5000) AS micro;
-- an out-of-order edit is rejected at commit
UPDATE tier_threshold SET min_followers = 2000000 WHERE tier = 'mid';
COMMIT;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(4999) AS nano_again, kol_tier(5000) AS nano_default;

-- inserting an existing key replaces the row (what pg_restore does)
BEGIN;
INSERT INTO tier_threshold VALUES ('micro', 20000);
SELECT * FROM tier_threshold ORDER BY tier;
INSERT INTO tier_scheme (scheme, label, min_followers) VALUES ('mine', 'small', 0), ('mine', 'big', 42);
SELECT tier_label(41, 'mine') AS small, tier_label(42, 'mine') AS big;
ROLLBACK;

-- inserting a tier at another tier's bound replaces only that tier's row; the clash of
-- bounds is caught at commit (the uniqueness of bounds is deferred for restores)
BEGIN;
INSERT INTO tier_threshold VALUES ('mid', 10000);
SELECT * FROM tier_threshold ORDER BY tier;
COMMIT;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM tier_threshold ORDER BY tier;

-- kol_tier and tier_label in parallel workers (each worker reads the configuration
-- through SPI with the leader's snapshot).  0, 10, ..., 3,000,000 followers; counts by
-- hand: nano 0..9,990 = 1,000; micro 10,000..99,990 = 9,000; mid 100,000..299,990
-- (below kasi_douyin_2020's lowest band) = 20,000 and 300,000..499,990 (腰部) = 20,000;
-- macro 500,000..999,990 (腰部) = 50,000; mega 1,000,000..2,999,990 (肩部) = 200,000
-- and 3,000,000 (头部) = 1.
CREATE TABLE tier_par AS SELECT g::bigint AS followers FROM generate_series(0, 3000000, 10) g;
ANALYZE tier_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT kol_tier(followers), tier_label(followers, 'kasi_douyin_2020'), count(*) FROM tier_par GROUP BY 1, 2;
SELECT kol_tier(followers), tier_label(followers, 'kasi_douyin_2020'), count(*) FROM tier_par GROUP BY 1, 2 ORDER BY 1, 2;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE tier_par;

-- The copy of the configuration is read as the role that calls: after a superuser
-- has filled it, a role without SELECT on tier_scheme gets 42501, and row-level
-- security policies decide which rows each role's calls see.
CREATE ROLE regress_km_reader;
SELECT tier_label(15000, 'later') AS filled_by_superuser;
REVOKE SELECT ON kolmetrics.tier_scheme FROM PUBLIC;
SET ROLE regress_km_reader;
SELECT tier_label(15000, 'later');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT kol_tier(15000) AS tier_still_readable;
RESET ROLE;
GRANT SELECT ON kolmetrics.tier_scheme TO PUBLIC;
INSERT INTO kolmetrics.tier_scheme (scheme, label, min_followers) VALUES ('agency_private', 'house', 0);
ALTER TABLE kolmetrics.tier_scheme ENABLE ROW LEVEL SECURITY;
CREATE POLICY public_schemes ON kolmetrics.tier_scheme FOR SELECT USING (scheme <> 'agency_private');
SELECT tier_label(15000, 'agency_private') AS superuser_sees_it;
SET ROLE regress_km_reader;
SELECT tier_label(15000, 'agency_private');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT tier_label(15000, 'later') AS other_schemes_visible;
RESET ROLE;
SELECT tier_label(15000, 'agency_private') AS superuser_again;
DROP POLICY public_schemes ON kolmetrics.tier_scheme;
ALTER TABLE kolmetrics.tier_scheme DISABLE ROW LEVEL SECURITY;
DELETE FROM kolmetrics.tier_scheme WHERE scheme = 'agency_private';
DELETE FROM kolmetrics.config_state;
DROP ROLE regress_km_reader;
