-- fx_convert() and fx_rate_on() over kolmetrics.fx_rate and fx_setting (doc/currency.md).
-- Every expected value is worked out by hand in the comments.
SET search_path = kolmetrics, public;

-- the run's errors as 'SQLSTATE: message' lines
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- shipped: no rates, base CNY, rates up to 10 days old
SELECT count(*) AS rates FROM fx_rate;
SELECT base_currency, max_age_days FROM fx_setting;

-- Rates in CNY per unit.  USD on Thursday 2 and Friday 3 January 2025 (none at the
-- weekend), SGD and JPY on the 2nd; XTS (ISO 4217's code for testing) 8 on the 2nd and
-- 2.000000000000000000001 on the 3rd, for the rounding cases.
INSERT INTO fx_rate (currency, day, rate) VALUES
	('USD', '2025-01-02', 7.1879), ('USD', '2025-01-03', 7.1885),
	('SGD', '2025-01-02', 5.3000), ('JPY', '2025-01-02', 0.04646),
	('XTS', '2025-01-02', 8), ('XTS', '2025-01-03', 2.000000000000000000001);

-- USD -> CNY: 100 x 7.1879 = 718.79 on the 2nd, 100 x 7.1885 = 718.85 on the 3rd;
-- Sunday the 5th uses Friday's rate: 718.85; scale 4 prints 718.8500
SELECT fx_convert(100, 'USD', 'CNY', '2025-01-02') AS thu,
       fx_convert(100, 'USD', 'CNY', '2025-01-03') AS fri,
       fx_convert(100, 'USD', 'CNY', '2025-01-05') AS sun,
       fx_convert(100, 'USD', 'CNY', '2025-01-05', 4) AS sun_scale_4;
-- a refund converts like any amount: -718.85
SELECT fx_convert(-100, 'USD', 'CNY', '2025-01-03') AS refund;
-- CNY -> USD on the 3rd: 100 / 7.1885; 7.1885 x 13.91 = 99.992045, the rest 0.007955 is
-- 0.0011 of a rate: 13.9111..., so 13.91 at scale 2; at scale 6: 7.1885 x 13.911108 =
-- 99.9999998..., rest 0.00000017 = 0.00000002 of a rate: 13.91110802 -> 13.911108
SELECT fx_convert(100, 'CNY', 'USD', '2025-01-03') AS usd,
       fx_convert(100, 'CNY', 'USD', '2025-01-03', 6) AS usd_6;
-- SGD -> USD on the 2nd: 1000 x 5.3 / 7.1879 = 5300 / 7.1879; 7.1879 x 737.35 =
-- 5299.998065, rest 0.001935 / 7.1879 = 0.00027: 737.35027 -> 737.35
SELECT fx_convert(1000, 'SGD', 'USD', '2025-01-02') AS usd;
-- SGD -> JPY: 5.3 / 0.04646; 0.04646 x 114 = 5.29644, rest 0.00356 / 0.04646 = 0.0766:
-- 114.0766 -> 114.08 at scale 2, 114 at scale 0
SELECT fx_convert(1, 'SGD', 'JPY', '2025-01-02') AS jpy,
       fx_convert(1, 'SGD', 'JPY', '2025-01-02', 0) AS jpy_0;
-- CNY -> JPY at scale 0: 1 / 0.04646 = 21.52 -> 22
SELECT fx_convert(1, 'CNY', 'JPY', '2025-01-02', 0) AS jpy_0;

-- Rounding: once, of the exact quotient, half away from zero.
-- CNY -> XTS at 8: 0.04 / 8 = 0.005 -> 0.01; 0.12 / 8 = 0.015 -> 0.02; 0.2 / 8 = 0.025 ->
-- 0.03 (half-even would give 0.02); the negatives mirror them
SELECT fx_convert(0.04, 'CNY', 'XTS', '2025-01-02') AS a, fx_convert(0.12, 'CNY', 'XTS', '2025-01-02') AS b,
       fx_convert(0.2, 'CNY', 'XTS', '2025-01-02') AS c, fx_convert(-0.2, 'CNY', 'XTS', '2025-01-02') AS neg_c,
       fx_convert(-0.04, 'CNY', 'XTS', '2025-01-02') AS neg_a;
-- XTS -> CNY (a product, exact before rounding): 0.0003125 x 8 = 0.0025 -> 0.003 at scale 3,
-- 0.00 at scale 2; 0.0003124 x 8 = 0.0024992 -> 0.002
SELECT fx_convert(0.0003125, 'XTS', 'CNY', '2025-01-02', 3) AS half,
       fx_convert(0.0003125, 'XTS', 'CNY', '2025-01-02') AS at_2,
       fx_convert(0.0003124, 'XTS', 'CNY', '2025-01-02', 3) AS below;
-- just below a half: 0.01 / 2.000000000000000000001 = 0.004999999999999999999997... -> 0.00;
-- numeric division to its default scale, then round(), would say 0.01 (the quotient is
-- first rounded to 21 decimals, 0.005000000000000000000)
SELECT fx_convert(0.01, 'CNY', 'XTS', '2025-01-03') AS exact,
       round(0.01 / 2.000000000000000000001, 2) AS divide_then_round;
-- the result's scale is the scale argument, whatever the amount's
SELECT scale(fx_convert(100, 'CNY', 'USD', '2025-01-03', 0)) AS s0,
       scale(fx_convert(1.23456, 'USD', 'CNY', '2025-01-03', 5)) AS s5,
       fx_convert(1.23456, 'USD', 'CNY', '2025-01-03', 5) AS v5;
-- (1.23456 x 7.1885 = 8.87463456 -> 8.87463)
-- large amounts stay exact: 123456789012345678.90 x 7.1885 = 887469127815246912.772650 -> .77
-- (checked with Python's decimal module)
SELECT fx_convert(123456789012345678.90, 'USD', 'CNY', '2025-01-03') AS big;

-- Same currency: the amount unchanged, no rate needed and no rounding
SELECT fx_convert(1.005, 'USD', 'USD', '2025-01-03') AS usd,
       fx_convert(1.005, 'EUR', 'EUR', '1999-01-01') AS eur_without_rates;
-- the base currency has rate 1 without a row: CNY -> CNY, fx_rate_on
SELECT fx_convert(5, 'CNY', 'CNY', '2025-01-03') AS cny, fx_rate_on('CNY', '1900-01-01') AS base_rate,
       fx_rate_on('USD', '2025-01-05') AS usd_sunday, fx_rate_on('JPY', '2025-01-12') AS jpy_10_days;
-- NULL in, NULL out
SELECT fx_convert(NULL, 'USD', 'CNY', '2025-01-03') IS NULL AS null_amount,
       fx_convert(1, 'USD', 'CNY', NULL) IS NULL AS null_day,
       fx_convert(1, NULL, 'CNY', '2025-01-03') IS NULL AS null_code;

-- Staleness: Friday the 3rd's rate serves up to 10 days later, the 13th; not the 14th
SELECT fx_convert(1, 'USD', 'CNY', '2025-01-13') AS jan_13;  -- 7.1885 -> 7.19
\set VERBOSITY default
SELECT fx_convert(1, 'USD', 'CNY', '2025-01-14');
-- before the first rate
SELECT fx_convert(1, 'CNY', 'USD', '2025-01-01');
-- the pair and day name the conversion even when the other side is missing
SELECT fx_convert(1, 'SGD', 'USD', '2025-01-13');
-- an unknown currency
SELECT fx_convert(1, 'EUR', 'CNY', '2025-01-03');
\set VERBOSITY terse
-- max_age_days 0: only same-day rates (Friday yes, Saturday no); rolled back
BEGIN;
UPDATE fx_setting SET max_age_days = 0;
SELECT fx_convert(1, 'USD', 'CNY', '2025-01-03') AS fri, pg_temp.err($$SELECT fx_convert(1, 'USD', 'CNY', '2025-01-04')$$) AS sat;
ROLLBACK;
SELECT fx_convert(1, 'USD', 'CNY', '2025-01-04') AS sat_again;

-- Bad arguments: 22023 naming the value
SELECT q, pg_temp.err(q) FROM (VALUES
	($$SELECT fx_convert(1, 'usd', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert(1, 'USD', 'US', '2025-01-03')$$),
	($$SELECT fx_convert(1, 'USDX', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert(1, '', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert(1, ' USD', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert(1, 'U$D', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert(1, 'ÜSD', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert(1, 'eur', 'eur', '2025-01-03')$$),
	($$SELECT fx_convert('NaN', 'USD', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert('Infinity', 'USD', 'CNY', '2025-01-03')$$),
	($$SELECT fx_convert('-Infinity', 'USD', 'USD', '2025-01-03')$$),
	($$SELECT fx_convert(1, 'USD', 'CNY', '2025-01-03', -1)$$),
	($$SELECT fx_convert(1, 'USD', 'CNY', '2025-01-03', 31)$$),
	($$SELECT fx_convert(1, 'USD', 'CNY', 'infinity')$$),
	($$SELECT fx_convert(1, 'USD', 'CNY', '-infinity')$$),
	($$SELECT fx_rate_on('cny', '2025-01-03')$$),
	($$SELECT fx_rate_on('EUR', '2025-01-03')$$)) t(q);
-- scale 30, the largest: 100 / 7.1885 to 30 decimals, 13.911108019753773388050358211032
-- (Python: (Decimal(100) / Decimal('7.1885')).quantize(Decimal('1e-30'), ROUND_HALF_UP))
SELECT fx_convert(100, 'CNY', 'USD', '2025-01-03', 30) AS s30;

-- The table refuses bad rows (23514, the row in the detail): rates <= 0, NaN, infinite;
-- codes not of three capitals; infinite days
SELECT q, pg_temp.err(q) FROM (VALUES
	($$INSERT INTO fx_rate VALUES ('USD', '2025-02-03', 0)$$),
	($$INSERT INTO fx_rate VALUES ('USD', '2025-02-03', -7.1)$$),
	($$INSERT INTO fx_rate VALUES ('USD', '2025-02-03', 'NaN')$$),
	($$INSERT INTO fx_rate VALUES ('USD', '2025-02-03', 'Infinity')$$),
	($$INSERT INTO fx_rate VALUES ('usd', '2025-02-03', 7.1)$$),
	($$INSERT INTO fx_rate VALUES ('US', '2025-02-03', 7.1)$$),
	($$INSERT INTO fx_rate VALUES ('U1D', '2025-02-03', 7.1)$$),
	($$INSERT INTO fx_rate VALUES ('USD', 'infinity', 7.1)$$),
	($$INSERT INTO fx_rate VALUES ('USD', '2025-02-03', NULL)$$),
	($$UPDATE fx_rate SET rate = 0 WHERE currency = 'USD'$$),
	($$UPDATE fx_setting SET max_age_days = -1$$),
	($$UPDATE fx_setting SET base_currency = 'cny'$$),
	($$INSERT INTO fx_setting VALUES (false, 'CNY', 10)$$)) t(q);

-- An INSERT of an existing key replaces the row: USD on the 3rd becomes 7.2000
INSERT INTO fx_rate VALUES ('USD', '2025-01-03', 7.2);
SELECT count(*) AS usd_rows, fx_convert(100, 'USD', 'CNY', '2025-01-03') AS usd_720 FROM fx_rate WHERE currency = 'USD';

-- The copy follows the transaction: an edit shows in the next statement, a rolled-back
-- edit (to a savepoint too) never shows
BEGIN;
UPDATE fx_rate SET rate = 7.3 WHERE currency = 'USD' AND day = '2025-01-03';
SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03') AS edited_730;
SAVEPOINT s;
UPDATE fx_rate SET rate = 7.4 WHERE currency = 'USD' AND day = '2025-01-03';
SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03') AS edited_740;
ROLLBACK TO s;
SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03') AS back_to_730;
ROLLBACK;
SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03') AS back_to_720;

-- A rate of the base currency other than 1 contradicts the setting (55000); 1 is harmless
INSERT INTO fx_rate VALUES ('CNY', '2025-01-03', 1);
SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03') AS with_cny_1;
INSERT INTO fx_rate VALUES ('CNY', '2025-01-03', 1.01);
SELECT pg_temp.err($$SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03')$$);
DELETE FROM fx_rate WHERE currency = 'CNY';
-- fx_setting without its row (55000)
BEGIN;
DELETE FROM fx_setting;
SELECT pg_temp.err($$SELECT fx_convert(100, 'USD', 'CNY', '2025-01-03')$$);
ROLLBACK;
-- another base: rates re-quoted as USD per unit, CNY 0.139 and SGD 0.74; 100 SGD -> CNY =
-- 74 / 0.139; 0.139 x 532 = 73.948, rest 0.052 / 0.139 = 0.374: 532.374 -> 532.37; USD is 1
BEGIN;
UPDATE fx_setting SET base_currency = 'USD';
DELETE FROM fx_rate;
INSERT INTO fx_rate VALUES ('CNY', '2025-01-03', 0.139), ('SGD', '2025-01-03', 0.74);
SELECT fx_convert(100, 'SGD', 'CNY', '2025-01-03') AS cny, fx_rate_on('USD', '2025-01-03') AS usd_rate;
ROLLBACK;

-- The recipe: convert each row at its own date, then aggregate (USD on the 3rd is 7.2 now).
-- cost:    1000 CNY on the 2nd: 1000 / 7.1879; 7.1879 x 139 = 999.1181, rest 0.8819 / 7.1879
--          = 0.1227: 139.1227 -> 139.12
--          200 USD: 200.00 (same currency)
--          500 SGD on the 2nd: 2650 / 7.1879; 7.1879 x 368 = 2645.1472, rest 4.8528 / 7.1879
--          = 0.67514: 368.67514 -> 368.68
--          sum 139.12 + 200 + 368.68 = 707.80
-- revenue: 3000 CNY on the 3rd: 3000 / 7.2 = 416.666... -> 416.67
--          100 USD: 100
--          800 SGD on the 2nd: 4240 / 7.1879; 7.1879 x 589 = 4233.6731, rest 6.3269 / 7.1879
--          = 0.88021: 589.88021 -> 589.88
--          sum 416.67 + 100 + 589.88 = 1106.55
-- ROI = (1106.55 - 707.80) / 707.80 = 398.75 / 707.80 = 0.56336... -> 0.5634
CREATE TEMP TABLE spend (day date, currency text, revenue numeric, cost numeric);
INSERT INTO spend VALUES ('2025-01-02', 'CNY', 0, 1000), ('2025-01-03', 'CNY', 3000, 0),
	('2025-01-03', 'USD', 100, 200), ('2025-01-02', 'SGD', 800, 500);
SELECT revenue(s), cost(s), round(roi(s), 4) AS roi
  FROM (SELECT campaign_agg(fx_convert(revenue, currency, 'USD', day),
                            fx_convert(cost, currency, 'USD', day), 0, 0, 0, 0, 0) AS s
          FROM spend) t;

-- the lookup is read as the calling role: a role that may not read fx_rate cannot convert
CREATE ROLE fx_reader_test;
REVOKE SELECT ON fx_rate FROM PUBLIC;
SET ROLE fx_reader_test;
SELECT pg_temp.err($$SELECT kolmetrics.fx_convert(100, 'USD', 'CNY', '2025-01-03')$$);
RESET ROLE;
GRANT SELECT ON fx_rate TO PUBLIC;
SET ROLE fx_reader_test;
SELECT kolmetrics.fx_convert(100, 'USD', 'CNY', '2025-01-03') AS granted_again;
RESET ROLE;
DROP ROLE fx_reader_test;

-- In parallel workers (each reads the rates itself, with the leader's snapshot): the
-- plan is parallel, the answers equal the serial run's
CREATE TABLE fx_par_rows AS
SELECT g AS id, date '2025-01-02' + (g % 11) AS day,
       (ARRAY['CNY', 'USD', 'SGD', 'JPY'])[1 + g % 4] AS currency, (g % 100000) * 0.01 AS amount
  FROM generate_series(1, 40000) g;
ANALYZE fx_par_rows;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE fx_par_serial AS
SELECT sum(fx_convert(amount, currency, 'USD', day)) AS total, count(*) AS n FROM fx_par_rows;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT sum(fx_convert(amount, currency, 'USD', day)) FROM fx_par_rows;
SELECT p.total = s.total AS equal, p.n = s.n AS same_rows
  FROM (SELECT sum(fx_convert(amount, currency, 'USD', day)) AS total, count(*) AS n FROM fx_par_rows) p,
       fx_par_serial s;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE fx_par_rows, fx_par_serial;

-- leave the table as shipped
DELETE FROM fx_rate;
