-- The workspace's live commerce (workspace_part_10_live): live_session's checks, the
-- change log, refresh_workspace's part (incremental, updates, deletes, full recompute),
-- live_day_current and live_report on a hand-sized workspace worked out below.
SET client_min_messages = warning;
\set VERBOSITY terse
CREATE SCHEMA l;
SELECT kolmetrics.create_workspace('l', 'Asia/Shanghai');

-- the part's objects and the types of live_report's columns
SELECT c.relname, c.relkind FROM pg_class c
 WHERE c.relnamespace = 'l'::regnamespace AND c.relname ~ '^live' AND c.relkind IN ('r', 'v')
 ORDER BY 1;
SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
 WHERE a.attrelid = 'l.live_report'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- refusals: the part twice (42P07), no workspace (22023)
\set VERBOSITY sqlstate
SELECT kolmetrics.workspace_part_10_live('l');
SELECT kolmetrics.workspace_part_10_live('public');
\set VERBOSITY terse

INSERT INTO l.kol (kol_id, name) VALUES (1, 'Ann');
INSERT INTO l.account (account_id, kol_id, platform, platform_account_id, handle) VALUES
	(10, 1, 'douyin', 'd10', 'ann_dy'), (11, 1, 'kuaishou', 'k11', 'ann_ks');

-- live_agg's rules for one session are checks (23514), an unknown account a foreign key
-- (23503): refund above gmv, uv above pv, buyers above paid orders, paid above created,
-- a negative count, 11 decimal places, NaN, infinity, a bad currency, ended before started
\set VERBOSITY sqlstate
INSERT INTO l.live_session (account_id, started_at, gmv, refund_amount) VALUES (10, '2025-01-01 00:00+00', 10, 10.01);
INSERT INTO l.live_session (account_id, started_at, pv, uv) VALUES (10, '2025-01-01 00:00+00', 5, 6);
INSERT INTO l.live_session (account_id, started_at, paid_orders, buyers) VALUES (10, '2025-01-01 00:00+00', 1, 2);
INSERT INTO l.live_session (account_id, started_at, paid_orders, created_orders) VALUES (10, '2025-01-01 00:00+00', 3, 2);
INSERT INTO l.live_session (account_id, started_at, likes) VALUES (10, '2025-01-01 00:00+00', -1);
INSERT INTO l.live_session (account_id, started_at, gmv) VALUES (10, '2025-01-01 00:00+00', 0.00000000001);
INSERT INTO l.live_session (account_id, started_at, gmv) VALUES (10, '2025-01-01 00:00+00', 'NaN');
INSERT INTO l.live_session (account_id, started_at, ad_spend) VALUES (10, '2025-01-01 00:00+00', 'Infinity');
INSERT INTO l.live_session (account_id, started_at, currency) VALUES (10, '2025-01-01 00:00+00', 'cny');
INSERT INTO l.live_session (account_id, started_at, ended_at) VALUES (10, '2025-01-01 00:00+00', '2024-12-31 00:00+00');
INSERT INTO l.live_session (account_id, started_at) VALUES (99, '2025-01-01 00:00+00');
\set VERBOSITY terse
SELECT count(*) AS live_changes FROM l.live_change;

-- ---------------------------------------------------------------------------
-- Sessions (days in Asia/Shanghai, UTC+8).  Account 10, CNY:
--   s1 2025-03-05 12:00Z (Mar 5): gmv 1000.00, paid 20, buyers 16, pv 5000, uv 2000, created 25, refund 100.00 / 2
--   s2 2025-03-20 12:00Z (Mar 20): gmv 500.50, paid 10, buyers 9, pv 2000, uv 1000, created 12, refund 50.05 / 1
--   s3 2025-03-31 17:00Z = Apr 1 01:00 in Shanghai: gmv 300, paid 6, buyers 5, pv 1000, uv 600, refund 0
-- account 10, USD: s5 2025-03-06 gmv 10, paid 1, buyers 1, pv 100, uv 50 (no refund figures)
-- account 11, CNY: s4 2025-03-10 gmv 200, paid 4, buyers 4, pv 0, uv 0 (no refund figures)
-- live_report:
--   10 March CNY: 2 sessions, gmv 1500.50, gpm 1500.50*1000/7000 = 214.3571..., uv value
--     1500.50/3000 = 0.50016..., aov 1500.50/25 = 60.02, refund rate 150.05/1500.50 = 0.1
--   10 March USD: 1, gmv 10, gpm 10*1000/100 = 100, uv value 10/50 = 0.2, aov 10, refund NULL
--   10 April CNY: 1, gmv 300, gpm 300, uv value 0.5, aov 60, refund rate 0/300 = 0
--   11 March CNY: 1, gmv 200, gpm NULL (pv 0), uv value NULL (uv 0), aov 50, refund NULL
-- ---------------------------------------------------------------------------
INSERT INTO l.live_session (live_session_id, account_id, started_at, currency, gmv, paid_orders, buyers, pv, uv,
                            created_orders, refund_amount, refund_orders) VALUES
	(1, 10, '2025-03-05 12:00+00', 'CNY', 1000.00, 20, 16, 5000, 2000, 25, 100.00, 2),
	(2, 10, '2025-03-20 12:00+00', 'CNY', 500.50, 10, 9, 2000, 1000, 12, 50.05, 1),
	(3, 10, '2025-03-31 17:00+00', 'CNY', 300, 6, 5, 1000, 600, 6, 0, 0),
	(4, 11, '2025-03-10 12:00+00', 'CNY', 200, 4, 4, 0, 0, NULL, NULL, NULL),
	(5, 10, '2025-03-06 12:00+00', 'USD', 10, 1, 1, 100, 50, NULL, NULL, NULL);
-- five (account, day) pairs logged, nothing refreshed yet, the current views see it all
SELECT (SELECT count(DISTINCT (account_id, day)) FROM l.live_change) AS logged,
       (SELECT count(*) FROM l.live_day) AS live_days,
       (SELECT count(*) FROM l.live_day_current) AS current_days;
SELECT account_id, handle, month, currency, sessions, gmv, round(gpm, 4) AS gpm, round(uv_value, 4) AS uv_value,
       round(aov, 4) AS aov, round(refund_rate_amount, 4) AS refund_rate
  FROM l.live_report ORDER BY account_id, month, currency;

-- refresh: no posts (0 days, 0 months of engagement), the five live days written, log empty
SELECT * FROM kolmetrics.refresh_workspace('l');
SELECT account_id, day, currency, kolmetrics.live_sessions(summary) AS sessions, kolmetrics.gmv(summary) AS gmv
  FROM l.live_day ORDER BY 1, 2, 3;
SELECT count(*) AS live_changes FROM l.live_change;
-- idempotent: a second refresh finds nothing and changes nothing
SELECT * FROM kolmetrics.refresh_workspace('l');
SELECT count(*) AS live_days FROM l.live_day;

-- s2's GMV becomes 600.50 and s3 is deleted: before the refresh live_day still has the old
-- March 20 and April 1, the report already the new figures: March CNY gmv 1600.50, gpm
-- 1600.50*1000/7000 = 228.642857..., uv value 1600.50/3000 = 0.5335, aov 1600.50/25 = 64.02,
-- refund rate 150.05/1600.50 = 0.09375195... ; no April row
UPDATE l.live_session SET gmv = 600.50 WHERE live_session_id = 2;
DELETE FROM l.live_session WHERE live_session_id = 3;
SELECT kolmetrics.gmv(summary) AS stale_gmv FROM l.live_day WHERE account_id = 10 AND day = '2025-03-20';
SELECT account_id, month, currency, sessions, gmv, round(gpm, 4) AS gpm, round(uv_value, 4) AS uv_value,
       round(aov, 4) AS aov, round(refund_rate_amount, 4) AS refund_rate
  FROM l.live_report WHERE account_id = 10 ORDER BY month, currency;
SELECT * FROM kolmetrics.refresh_workspace('l');
-- March 20 rewritten (600.50), April 1 gone: four rows
SELECT account_id, day, currency, kolmetrics.gmv(summary) AS gmv FROM l.live_day ORDER BY 1, 2, 3;

-- a session moved to another day: both days are logged and re-aggregated (Mar 5 -> Mar 7)
UPDATE l.live_session SET started_at = '2025-03-07 12:00+00' WHERE live_session_id = 1;
SELECT day FROM l.live_change ORDER BY 1;
SELECT * FROM kolmetrics.refresh_workspace('l');
SELECT account_id, day, currency, kolmetrics.gmv(summary) AS gmv FROM l.live_day ORDER BY 1, 2, 3;

-- full recompute equals the incremental result
CREATE TEMP TABLE before_full AS SELECT * FROM l.live_day;
SELECT * FROM kolmetrics.refresh_workspace('l', full_recompute => true);
SELECT (SELECT count(*) FROM (SELECT * FROM before_full EXCEPT SELECT * FROM l.live_day) x) AS missing,
       (SELECT count(*) FROM (SELECT * FROM l.live_day EXCEPT SELECT * FROM before_full) x) AS extra,
       (SELECT count(*) FROM l.live_day) AS live_days;

-- deleting an account deletes its sessions and live days
DELETE FROM l.account WHERE account_id = 11;
SELECT * FROM kolmetrics.refresh_workspace('l');
SELECT count(*) FILTER (WHERE account_id = 11) AS account_11_days, count(*) AS live_days FROM l.live_day;

-- a workspace without the part (its tables dropped): refresh_workspace still works
CREATE SCHEMA l2;
SELECT kolmetrics.create_workspace('l2');
DROP TABLE l2.live_session, l2.live_day, l2.live_change CASCADE;
SELECT * FROM kolmetrics.refresh_workspace('l2');
-- and the part, called directly, adds them again
SELECT kolmetrics.workspace_part_10_live('l2');
SELECT count(*) AS live_tables FROM pg_class WHERE relnamespace = 'l2'::regnamespace AND relname ~ '^live' AND relkind IN ('r', 'v');

DROP SCHEMA l CASCADE;
DROP SCHEMA l2 CASCADE;
