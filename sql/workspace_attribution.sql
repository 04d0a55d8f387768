-- The workspace's attribution (workspace_part_20_attribution): conversion and touchpoint
-- checks, and attribution_report's position-model credits worked out by hand below.
SET client_min_messages = warning;
\set VERBOSITY terse
CREATE SCHEMA a;
SELECT kolmetrics.create_workspace('a');
SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
 WHERE a.attrelid = 'a.attribution_report'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- refusals: the part twice (42P07), no workspace (22023)
\set VERBOSITY sqlstate
SELECT kolmetrics.workspace_part_20_attribution('a');
SELECT kolmetrics.workspace_part_20_attribution('public');
\set VERBOSITY terse

INSERT INTO a.kol (kol_id, name) VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO a.account (account_id, kol_id, platform, platform_account_id) VALUES
	(10, 1, 'douyin', 'd10'), (20, 2, 'douyin', 'd20');

-- checks (23514): a negative or NaN value, a bad currency, both or neither of account and
-- channel, an empty channel, an infinite time; an unknown account or conversion (23503)
\set VERBOSITY sqlstate
INSERT INTO a.conversion (converted_at, value) VALUES ('2025-05-10 00:00+00', -1);
INSERT INTO a.conversion (converted_at, value) VALUES ('2025-05-10 00:00+00', 'NaN');
INSERT INTO a.conversion (converted_at, value, currency) VALUES ('2025-05-10 00:00+00', 1, 'usd');
INSERT INTO a.conversion (converted_at, value) VALUES ('infinity', 1);
INSERT INTO a.conversion (conversion_id, converted_at, value) VALUES (9, '2025-05-10 00:00+00', 1);
INSERT INTO a.touchpoint (conversion_id, account_id, channel, touched_at) VALUES (9, 10, 'search', '2025-05-01 00:00+00');
INSERT INTO a.touchpoint (conversion_id, touched_at) VALUES (9, '2025-05-01 00:00+00');
INSERT INTO a.touchpoint (conversion_id, channel, touched_at) VALUES (9, '', '2025-05-01 00:00+00');
INSERT INTO a.touchpoint (conversion_id, account_id, touched_at) VALUES (9, 99, '2025-05-01 00:00+00');
INSERT INTO a.touchpoint (conversion_id, account_id, touched_at) VALUES (8, 10, '2025-05-01 00:00+00');
DELETE FROM a.conversion;
\set VERBOSITY terse

-- Position model, shares {0.4, 0.2, 0.4}, 30-day window:
--   conversion 1, 100.00 CNY at 2025-05-10 00:00Z: touches account 10 on Apr 1 (before the
--     window start Apr 10: out), account 10 May 1, search May 5, account 20 May 9, account 20
--     May 11 (after the conversion: left out).  Three in the window: 40.00, 20.00, 40.00.
--   conversion 2, 10 USD at 2025-05-03: account 10 May 1 and May 2: two touches, 50/50: 5, 5.
--   conversion 3, 7.00 CNY at 2025-05-20 (credits at the value's scale, 2 places): account 10
--     May 1, social May 2, account 20 May 3, search May 4: first 0.4*7 = 2.80, middle
--     0.2*7/2 = 0.70 each, last 2.80.
--   conversion 4, 50 CNY, no touches: no rows.
INSERT INTO a.conversion (conversion_id, converted_at, value, currency) VALUES
	(1, '2025-05-10 00:00+00', 100.00, 'CNY'), (2, '2025-05-03 00:00+00', 10, 'USD'),
	(3, '2025-05-20 00:00+00', 7.00, 'CNY'), (4, '2025-05-20 00:00+00', 50, 'CNY');
INSERT INTO a.touchpoint (touchpoint_id, conversion_id, account_id, channel, touched_at) VALUES
	(1, 1, 10, NULL, '2025-04-01 00:00+00'), (2, 1, 10, NULL, '2025-05-01 00:00+00'),
	(3, 1, NULL, 'search', '2025-05-05 00:00+00'), (4, 1, 20, NULL, '2025-05-09 00:00+00'),
	(5, 1, 20, NULL, '2025-05-11 00:00+00'),
	(6, 2, 10, NULL, '2025-05-02 00:00+00'), (7, 2, 10, NULL, '2025-05-01 00:00+00'),
	(8, 3, 20, NULL, '2025-05-03 00:00+00'), (9, 3, NULL, 'social', '2025-05-02 00:00+00'),
	(10, 3, 10, NULL, '2025-05-01 00:00+00'), (11, 3, NULL, 'search', '2025-05-04 00:00+00');
SELECT conversion_id, currency, touchpoint_id, account_id, channel, touch_key, touched_at, credit, round(share::numeric, 4) AS share
  FROM a.attribution_report ORDER BY conversion_id, touched_at;
-- credit by key and currency: account:10 CNY 40.00 + 2.80 = 42.80, account:20 CNY 40.00 +
-- 0.70 = 40.70, search CNY 20.00 + 2.80 = 22.80, social CNY 0.70, account:10 USD 10; each
-- conversion's credits add up to its value
SELECT touch_key, currency, sum(credit) AS credited FROM a.attribution_report GROUP BY 1, 2 ORDER BY 2, 1;
SELECT r.conversion_id, sum(r.credit) = c.value AS adds_up
  FROM a.attribution_report r JOIN a.conversion c USING (conversion_id) GROUP BY r.conversion_id, c.value ORDER BY 1;

DROP SCHEMA a CASCADE;
