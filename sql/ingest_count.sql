-- parse_count and count_is_floor: expected values worked out by hand.
SET search_path = kolmetrics, public;

-- plain integers and thousands separators
SELECT parse_count('0') AS zero, parse_count('307') AS n307, parse_count('1,234') AS n1234,
       parse_count('12,345,678') AS n12345678, parse_count('  42  ') AS spaced;
-- units, exact decimal arithmetic:
--   1.2万 = 1.2 * 10^4 = 12000; 2.15亿 = 2.15 * 10^8 = 215000000; 2.1w = 21000;
--   1.5k = 1500; 3千 = 3000; 1.2M = 1200000; 4.3B = 4300000000; 258.3万 = 2583000
SELECT parse_count('1.2万') AS wan, parse_count('2.15亿') AS yi, parse_count('2.1w') AS w,
       parse_count('1.5k') AS k, parse_count('3千') AS qian, parse_count('1.2M') AS m,
       parse_count('4.3B') AS b, parse_count('258.3万') AS weibo_followers;
-- upper/lower case, traditional 萬 and 億, a space before the unit, 千万 = 10^7, 十万 = 10^5
SELECT parse_count('2.1W') AS upper_w, parse_count('1.5K') AS upper_k, parse_count('3.4m') AS lower_m,
       parse_count('5萬') AS trad_wan, parse_count('1.1億') AS trad_yi, parse_count('1.2 万') AS space_unit,
       parse_count('1.2千万') AS qianwan, parse_count('10十万') AS n10shiwan;
-- rounding of a fraction of one: half up.  1.23455万 = 12345.5 -> 12346; 1.23454万 = 12345.4 -> 12345;
-- 0.5 -> 1; 0.4 -> 0; 0.00005万 = 0.5 -> 1
SELECT parse_count('1.23455万') AS half_up, parse_count('1.23454万') AS below_half,
       parse_count('0.5') AS half, parse_count('0.4') AS less, parse_count('0.00005万') AS tiny;
-- floors: the value is the bound
SELECT parse_count('10万+') AS wan_plus, parse_count('1k+') AS k_plus, parse_count('10+') AS ten_plus,
       parse_count('999+') AS n999_plus, parse_count('100万 +') AS spaced_plus;
-- bigint edges: 9223372036854775807 fits; 9.223372036854775807B = 9223372036.854775807 -> 9223372037
SELECT parse_count('9223372036854775807') AS max_bigint,
       parse_count('9,223,372,036,854,775,807') AS max_grouped,
       parse_count('9.223372036854775807B') AS nine_b;
-- NULL in, NULL out
SELECT parse_count(NULL) IS NULL AS null_is_null;
-- compared with plain SQL numeric as a second method on a table of strings
CREATE TEMP TABLE cs (s text, num numeric);
INSERT INTO cs VALUES ('1.2', 1.2), ('2.15', 2.15), ('3.14159', 3.14159),
	('0.07', 0.07), ('12.345', 12.345), ('7.77', 7.77);
SELECT s, parse_count(s || '万') = round(num * 10000) AS wan_ok,
       parse_count(s || '亿') = round(num * 100000000) AS yi_ok,
       parse_count(s || 'k') = round(num * 1000) AS k_ok,
       parse_count(s || 'M') = round(num * 1000000) AS m_ok,
       parse_count(s || 'B') = round(num * 1000000000) AS b_ok
  FROM cs ORDER BY s;

-- count_is_floor: "+" suffix; WeChat's read_num cap 100001 only when the platform is wechat
SELECT count_is_floor('10万+') AS wan_plus, count_is_floor('1k+') AS k_plus, count_is_floor('10+') AS ten_plus,
       count_is_floor('1.2万') AS rounded_not_floor, count_is_floor('100001') AS cap_no_platform,
       count_is_floor('100001', 'wechat') AS wechat_cap, count_is_floor('100001', 'weibo') AS weibo_not_cap,
       count_is_floor('100000', 'wechat') AS wechat_below_cap, count_is_floor('10.0001万', 'wechat') AS unit_not_cap;
SELECT count_is_floor(NULL) IS NULL AS null_is_null, count_is_floor(NULL, 'wechat') IS NULL AS null_wechat,
       count_is_floor('5', NULL) AS null_platform;

-- bad input: 22P02 naming the text
SELECT parse_count('abc');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('   ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('-5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1.2.3');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1.');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('.5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('12,34');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1234,567');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1,');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1万万万');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1.2万次播放');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('10++');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('1e5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count_is_floor('lots');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the platform is checked whatever the count
SELECT count_is_floor('5', 'WeChat');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- beyond bigint: 22003
SELECT parse_count('9223372036854775808');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('9223372037B');  -- 9223372037000000000 > 9223372036854775807
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('99999999999999999999999999999999');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT parse_count('10000000万亿');  -- 10^7 * 10^12 = 10^19
\echo SQLSTATE :LAST_ERROR_SQLSTATE
