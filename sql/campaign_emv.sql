-- emv(): earned media value priced from the editable rate card kolmetrics.emv_rate.
SET search_path = kolmetrics, public;

-- the illustrative defaults
SELECT platform, per_1000_views, per_like, per_comment, per_share, per_save, source
  FROM emv_rate ORDER BY platform;

-- douyin (20.00 per 1000 views, 0.05 like, 0.50 comment, 1.00 share, 0.60 save):
-- 12345 x 20.00 / 1000 = 246.90000, 100 x 0.05 = 5.00, 10 x 0.50 = 5.00, 5 x 1.00 = 5.00,
-- 3 x 0.60 = 1.80: 263.70000 (scale 5 = 2 of the rate + 3 of the 0.001 factor)
SELECT emv('douyin', 12345, 100, 10, 5, 3) AS douyin;
-- xiaohongshu (40.00, 0.20, 1.00, 1.50, 0.80): 1000 views = 40.00000, 2000 likes = 400.00,
-- 150 comments = 150.00, 20 shares = 30.00, 500 saves = 400.00: 1020.00000
SELECT emv('xiaohongshu', 1000, 2000, 150, 20, 500) AS xiaohongshu;
-- weibo has no views or saves (NULL adds nothing): 300 x 0.05 + 40 x 0.50 + 60 x 1.00 = 95.00
-- (printed 95.00000: the views term is 0 x 10.00 x 0.001, scale 5)
SELECT emv('weibo', NULL, 300, 40, 60, NULL) AS weibo;
-- nothing to price, or no platform: NULL
SELECT emv('tiktok', NULL, NULL, NULL, NULL, NULL) IS NULL AS all_null,
       emv(NULL, 1, 1, 1, 1, 1) IS NULL AS no_platform;
-- zero counters are a value of zero
SELECT emv('youtube', 0, 0, 0, 0, 0) AS zero;
-- exact for the largest counters: 9223372036854775807 views x 15.00 / 1000 =
-- 138350580552821637.10500 (scale 5), likes 9223372036854775807 x 0.10 = 922337203685477580.70,
-- total 1060687784238299217.80500
SELECT emv('youtube', 9223372036854775807, 9223372036854775807, 0, 0, 0) AS huge;
-- same as the formula written out in SQL over the rate card
SELECT bool_and(emv(r.platform, v, l, c, s, f)
                = v * r.per_1000_views / 1000 + l * r.per_like + c * r.per_comment + s * r.per_share + f * r.per_save)
       AS same_as_sql
  FROM emv_rate r, (VALUES (0, 0, 0, 0, 0), (1, 1, 1, 1, 1), (987654, 3210, 45, 67, 89)) x(v, l, c, s, f);

-- negative counters: 22023 naming the counter
SELECT emv('douyin', -1, 0, 0, 0, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT emv('douyin', 0, -2, 0, 0, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT emv('douyin', 0, 0, -3, 0, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT emv('douyin', 0, 0, 0, -4, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT emv('douyin', 0, 0, 0, 0, -5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- edits take effect on the next call, in the same transaction
BEGIN;
UPDATE emv_rate SET per_1000_views = 30.00 WHERE platform = 'douyin';
-- 12345 x 30.00 / 1000 = 370.35000, + 16.80 = 387.15000
SELECT emv('douyin', 12345, 100, 10, 5, 3) AS after_update;
-- inserting a platform's row again replaces it (the restore-time upsert)
INSERT INTO emv_rate VALUES ('douyin', 0, 1, 0, 0, 0, 'per like only');
SELECT count(*) AS douyin_rows FROM emv_rate WHERE platform = 'douyin';
-- 100 likes x 1 = 100, printed 100.000 (views term 12345 x 0 x 0.001, scale 3)
SELECT emv('douyin', 12345, 100, 10, 5, 3) AS likes_only;
-- a platform without a rate row: NULL
DELETE FROM emv_rate WHERE platform = 'kuaishou';
SELECT emv('kuaishou', 1, 1, 1, 1, 1) IS NULL AS no_rate_row;
-- the rate card as edited is recorded for pg_dump in config_state: the same 10 rows
SELECT (SELECT contents FROM config_state WHERE config = 'emv_rate') =
       (SELECT jsonb_agg(to_jsonb(r) ORDER BY to_jsonb(r)::text) FROM emv_rate r) AS recorded,
       (SELECT jsonb_array_length(contents) FROM config_state WHERE config = 'emv_rate') AS rows,
       (SELECT contents @> '[{"platform": "douyin", "per_like": 1, "source": "per like only"}]' FROM config_state) AS has_edit;
ROLLBACK;
SELECT count(*) AS recorded_after_rollback FROM config_state;
SELECT emv('douyin', 12345, 100, 10, 5, 3) AS defaults_back;

-- rates must be finite and not negative
UPDATE emv_rate SET per_like = -0.01 WHERE platform = 'douyin';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE emv_rate SET per_share = 'NaN' WHERE platform = 'douyin';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE emv_rate SET per_save = 'Infinity' WHERE platform = 'douyin';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE emv_rate SET per_comment = NULL WHERE platform = 'douyin';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- config_state is the table pg_dump keeps, whole (the rate card's own rows are not dumped);
-- fx_rate, the user's exchange rates, shipped empty, is dumped as it is (doc/currency.md)
SELECT c.relname, x.cond
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(oid, cond)
  JOIN pg_class c ON c.oid = x.oid
 WHERE e.extname = 'kolmetrics' ORDER BY 1;

-- a hostile operator earlier on the caller's search_path is not used by emv()
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.times(numeric, numeric) RETURNS numeric LANGUAGE sql AS 'SELECT 0::numeric';
CREATE OPERATOR hostile.* (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = hostile.times);
CREATE OPERATOR hostile.+ (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = hostile.times);
SET search_path = hostile, pg_catalog, kolmetrics, public;
SELECT 2.0 * 3.0 AS hostile_times_is_active, emv('douyin', 12345, 100, 10, 5, 3) AS still_263_7;
RESET search_path;
DROP SCHEMA hostile CASCADE;
