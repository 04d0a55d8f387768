-- Text signals (doc/text.md).  Scores use a hand-made seed lexicon only
-- (kolmetrics.text_builtin_lexicon = off), so they do not move when the shipped
-- lists change; each expected score is S / sqrt(S^2 + 15) with S worked out in
-- the comment, computed here by pg_temp.norm (a second method, plain SQL).
\ir test/regress/try_in.sql
\ir test/regress/recv.sql
SET extra_float_digits = 0;
SET search_path = kolmetrics, public;
CREATE FUNCTION pg_temp.norm(s float8) RETURNS float8 LANGUAGE sql RETURN s / sqrt(s * s + 15);
SET kolmetrics.text_builtin_lexicon = off;
INSERT INTO kolmetrics.lexicon (kind, term, weight, lang) VALUES
	('sentiment', '好', 2.0, 'zh'), ('sentiment', '差', -2.0, 'zh'), ('sentiment', '喜欢', 2.0, 'zh'),
	('sentiment', '踩雷', -2.5, 'zh'), ('sentiment', 'yyds', 3.0, 'zh'),
	('sentiment', 'good', 1.9, 'en'), ('sentiment', 'bad', -2.5, 'en'),
	('sentiment', '[哈哈]', 1.5, 'emote'), ('sentiment', '[笑哭R]', 1.2, 'emote'),
	('sentiment', '😍', 2.4, 'emoji'),
	('degree', '很', 1.5, 'zh'), ('degree', '有点', 0.7, 'zh'), ('degree', 'very', 1.5, 'en'),
	('negator', '不', -1.0, 'zh'), ('negator', '没', -1.0, 'zh'), ('negator', 'not', -0.74, 'en'),
	('contrast', '但是', 1.5, 'zh'), ('contrast', 'but', 1.5, 'en');

-- rule by rule: sentiment() against the hand sum
SELECT t, round(kolmetrics.sentiment(t)::numeric, 12) = round(pg_temp.norm(s)::numeric, 12) AS agrees,
	   round(kolmetrics.sentiment(t)::numeric, 4) AS score, kolmetrics.sentiment_label(t) AS label
  FROM (VALUES
	('好', 2.0),                         -- 2
	('很好', 3.0),                       -- 2 x 1.5
	('有点差', -1.4),                    -- -2 x 0.7
	('不好', -2.0),                      -- 2 x -1
	('很不好', -3.0),                    -- negator nearer: 2 x -1 x 1.5
	('不是很好', -1.0),                  -- negator over degree, damped: 2 x -1 x 0.5
	('没踩雷', 2.5),                     -- -2.5 x -1
	('好，但是差', -2.0),                -- 2 x 0.5 + (-2) x 1.5
	('好好好', 2.586),                   -- 2 + 2 x 0.293 (repetition)
	('好!!!', 2.876),                    -- 2 + 3 x 0.292 (exclamations)
	('好！！！！！！', 3.168),           -- full-width !, at most 4: 2 + 4 x 0.292
	('很喜歡', 3.0),                     -- traditional 歡 -> 欢: 2 x 1.5
	('ＧＯＯＤ', 1.9),                   -- full-width, case folded
	('YYDS', 3.0),                       -- Latin slang, case folded
	('not very good', -0.703),           -- 1.9 x -0.74 x 0.5
	('goodness', 0.0),                   -- no match inside a word
	('[哈哈][笑哭R]😍', 5.1),            -- emotes and emoji: 1.5 + 1.2 + 2.4
	('[哈哈][哈哈]', 1.793),             -- repeated emote: 1.5 + 0.293
	('good but bad', -2.8),              -- 1.9 x 0.5 - 2.5 x 1.5
	('好。差', 0.0),                     -- two sentences cancel
	('', 0.0)) v(t, s)
 ORDER BY 1;

-- the terms behind a score (sum of scores = S without emphasis)
SELECT * FROM kolmetrics.sentiment_terms('好，但是很差[哈哈]');
-- 好 2 x 0.5 = 1; 很差 -2 x 1.5 x 1.5 = -4.5; [哈哈] 1.5 x 1.5 = 2.25
SELECT round(kolmetrics.sentiment('好，但是很差[哈哈]')::numeric, 12) = round(pg_temp.norm(1 - 4.5 + 2.25)::numeric, 12);

-- the labels' cut-offs are +-0.05: S = 0.2 gives 0.0516 (positive), S = 0.19 gives 0.0490 (neutral)
INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', '还行', 0.2), ('sentiment', '一般般', -0.19);
SELECT kolmetrics.sentiment_label('还行') AS pos, kolmetrics.sentiment_label('一般般') AS neu,
	   round(pg_temp.norm(0.2)::numeric, 4), round(pg_temp.norm(0.19)::numeric, 4);

-- sentiment_agg: counts, mean and net; rollup of parts equals the whole
CREATE TEMP TABLE c(kol int, body text);
INSERT INTO c VALUES (1, '好'), (1, '很好'), (1, '差'), (2, '一般'), (2, NULL), (2, '不好'), (3, '好好好');
SELECT kolmetrics.sentiment_agg(body) FROM c;
-- positive 3 (好, 很好, 好好好), negative 2, neutral 1 (一般), NULL skipped
SELECT kolmetrics.positive_count(s), kolmetrics.negative_count(s), kolmetrics.neutral_count(s),
	   kolmetrics.text_count(s), kolmetrics.net_sentiment(s) AS net_1_over_6,
	   round(kolmetrics.mean_sentiment(s)::numeric, 9) =
	   round(((pg_temp.norm(2) + pg_temp.norm(3) + 2 * pg_temp.norm(-2) + pg_temp.norm(2.586)) / 6)::numeric, 9) AS mean_ok
  FROM (SELECT kolmetrics.sentiment_agg(body) s FROM c) x;
SELECT (SELECT kolmetrics.rollup(s) FROM (SELECT kolmetrics.sentiment_agg(body) s FROM c GROUP BY kol) p)
	 = (SELECT kolmetrics.sentiment_agg(body) FROM c) AS rollup_equals_whole;
SELECT kolmetrics.sentiment_agg(body) IS NULL AS empty_is_null FROM c WHERE false;
SELECT kolmetrics.mean_sentiment('(v:1,positive:0,negative:0,neutral:0,score_nanos:0)'),
	   kolmetrics.net_sentiment('(v:1,positive:0,negative:0,neutral:0,score_nanos:0)');

-- sentiment_summary text and binary forms: round trips and hostile input
SELECT pg_temp.try_in('kolmetrics.sentiment_summary', t) FROM (VALUES
	('(v:1,positive:1,negative:2,neutral:3,score_nanos:-500000000)'),
	(' (v:1,positive:0,negative:0,neutral:0,score_nanos:0) '),
	(''), ('('), ('()'), ('(v:2,positive:1,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:-1,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:1000000001)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:-1000000001)'),
	('(v:1,positive:1,negative:0,neutral:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:0,x:1)'),
	('(v:1,negative:0,positive:1,neutral:0,score_nanos:0)'),
	('(v:1,positive:1.5,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:9223372036854775807,negative:1,neutral:0,score_nanos:0)'),
	('(v:1,positive:99999999999999999999,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:0) x'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:0'),
	('v:1,positive:1,negative:0,neutral:0,score_nanos:0)'),
	('(v:1;positive:1,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:NaN)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:1e9)'),
	('(v:,positive:1,negative:0,neutral:0,score_nanos:0)'),
	('(V:1,positive:1,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:--1)'),
	('(v:1,positive:0x1,negative:0,neutral:0,score_nanos:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:0))'),
	('(v:1,positive:1,negative:0,neutral:0,scorenanos:0)'),
	('(v:1,positive:1,negative:0,neutral:0,score_nanos:-0)'),
	('{"v":1}'), ('(v:1,positive:1,negative:0,neutral:0,score_nanos:0)' || repeat(' ', 3) || 'é'),
	('(v:1,positive:1,,negative:0,neutral:0,score_nanos:0)')) v(t);
SELECT pg_temp.try_recv('kolmetrics.sentiment_summary', b) FROM (VALUES
	(kolmetrics.sentiment_summary_send('(v:1,positive:1,negative:2,neutral:3,score_nanos:-500000000)')),
	(''::bytea), ('\x01'::bytea), ('\x02000000000000000100000000000000000000000000000000000000000000000000000000000000'::bytea),
	('\x01000100000000000100000000000000000000000000000000000000000000000000000000000000'::bytea),
	('\x0100000000000000ffffffffffffffff000000000000000000000000000000000000000000000000'::bytea),
	('\x01000000000000000100000000000000000000000000000000000000000000000100ca9a3b000000'::bytea),
	('\x0100000000000000ffffffffffffff7f0100000000000000000000000000000000000000000000'::bytea),
	('\x010000000000000001000000000000000000000000000000000000000000000000000000000000'::bytea),
	('\x0100000000000000010000000000000000000000000000000000000000000000000000000000000000'::bytea),
	('\x0100000000000080000000000000000000000000000000000000000000000000000000000000000000'::bytea),
	('\x0000000000000000000000000000000000000000000000000000000000000000000000000000000000'::bytea)) v(b);

-- parallel sentiment_agg equals the serial one
CREATE TABLE text_par AS SELECT i, (ARRAY['好', '差', '很好', '不好', '一般', 'good', 'not good'])[1 + i % 7] AS body
  FROM generate_series(1, 20000) i;
ANALYZE text_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE serial_result AS SELECT kolmetrics.sentiment_agg(body) s FROM text_par;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT kolmetrics.sentiment_agg(body) FROM text_par;
SELECT kolmetrics.sentiment_agg(body) = (SELECT s FROM serial_result) AS parallel_equals_serial,
	   kolmetrics.sentiment_agg(body) FROM text_par;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE text_par;

-- disclosure per jurisdiction: position is 1-based characters, before_fold: it ends within fold
SELECT t, j, f, (kolmetrics.disclosure(t, j, f)).* FROM (VALUES
	('这是一条广告 合作', 'cn', 5),       -- 广告 at 5, ends at 6 > 5
	('广告｜新品试用', 'cn', 10),          -- 广告 at 1, ends at 2 <= 10
	('恰饭了，感谢品牌', 'cn', NULL),      -- ambiguous only
	('本视频由品牌合作伙伴赞助', 'cn', 20),-- 品牌合作 at 5; 赞助 too
	('廣告：新品', 'cn', 3),               -- traditional 廣告 = 广告
	('Loving this serum #ad', 'us', 10),   -- #ad at 19
	('#AD love it', 'us', 3),              -- case folded, ends at 3
	('#adventure time', 'us', NULL),       -- not a marker (word boundary)
	('#sp thanks to @brand', 'us', NULL),  -- ambiguous only
	('Paid partnership with X', 'us', 40),
	('Ad | my new favourite', 'uk', 2),    -- "Ad" alone is clear in the UK
	('Ad | my new favourite', 'us', 2),    -- not in the US
	('', 'cn', 0)) v(t, j, f);
SELECT kolmetrics.disclosure(NULL, 'cn'), kolmetrics.disclosure('x', NULL);
SELECT pg_temp.try_sql($$SELECT kolmetrics.disclosure('x', 'fr')$$);
SELECT pg_temp.try_sql($$SELECT kolmetrics.disclosure('x', 'cn', -1)$$);
-- disclosure_agg: sponsored 3 (2 clear) -> 2/3; unsponsored 2 (1 with 恰饭) -> 1/2
SELECT (kolmetrics.disclosure_agg(t, sp, 'cn')).* FROM (VALUES
	('广告 新品', true), ('赞助', true), ('好用', true), ('恰饭', false), ('日常', false), (NULL, false)) v(t, sp);
SELECT kolmetrics.disclosure_agg(t, true, 'cn') IS NULL FROM (VALUES ('x')) v(t) WHERE false;

-- brand mentions and content types
INSERT INTO kolmetrics.brand_alias VALUES
	('Lancôme', '兰蔻'), ('Lancôme', 'Lancome'), ('Lancôme', '#兰蔻小黑瓶#'), ('Lancôme', '@lancomeofficial'),
	('Estée Lauder', '雅诗兰黛'), ('Estée Lauder', 'esteelauder'), ('Estée Lauder', 'yashilandai');
SELECT kolmetrics.brand_mentions(t) FROM (VALUES
	('雅诗兰黛和蘭蔻 LANCOME'), ('#兰蔻小黑瓶# 回购'), ('follow @LancomeOfficial'), ('lancomes are not a brand'),
	('YaShiLanDai 真的好用'), ('nothing here')) v(t);
SELECT kolmetrics.content_types(t) FROM (VALUES
	('开箱+测评 unboxing'), ('直播间抽奖，转发抽一位'), ('How to: step by step 教程'), ('Q&A 问答'),
	('behind the scenes 幕后花絮'), ('a live-ish review'), ('nothing')) v(t);

-- the cache follows edits, rollbacks, savepoints and roles
SELECT kolmetrics.sentiment('好') > 0 AS before_edit;
BEGIN;
UPDATE kolmetrics.lexicon SET weight = -2 WHERE term = '好' AND source = 'user';
SELECT kolmetrics.sentiment('好') < 0 AS own_edit_seen;
ROLLBACK;
SELECT kolmetrics.sentiment('好') > 0 AS rollback_not_seen;
BEGIN;
SAVEPOINT a;
DELETE FROM kolmetrics.lexicon WHERE term = '好' AND source = 'user';
SELECT kolmetrics.sentiment('好') = 0 AS delete_seen;
ROLLBACK TO a;
SELECT kolmetrics.sentiment('好') > 0 AS savepoint_rollback_not_seen;
COMMIT;
CREATE ROLE text_reader;
CREATE POLICY only_en ON kolmetrics.lexicon FOR SELECT TO text_reader USING (lang = 'en');
ALTER TABLE kolmetrics.lexicon ENABLE ROW LEVEL SECURITY;
SET ROLE text_reader;
SET kolmetrics.text_builtin_lexicon = off;
SELECT kolmetrics.sentiment('好') = 0 AS rls_hides_zh, kolmetrics.sentiment('good') > 0 AS en_seen;
RESET ROLE;
SELECT kolmetrics.sentiment('好') > 0 AS owner_sees_zh;
ALTER TABLE kolmetrics.lexicon DISABLE ROW LEVEL SECURITY;
DROP POLICY only_en ON kolmetrics.lexicon;
DROP ROLE text_reader;
-- the switch: the shipped lexicon counts again
SET kolmetrics.text_builtin_lexicon = on;
SELECT round(kolmetrics.sentiment('great')::numeric, 4) AS vader_great;  -- VADER great 3.1: 3.1/sqrt(3.1^2+15) = 0.6249
SET kolmetrics.text_builtin_lexicon = off;

-- bad lexicon rows are refused
SELECT pg_temp.try_sql(q) FROM (VALUES
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', '', 1)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', repeat('a', 65), 1)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', repeat('é', 129), 1)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', E'a\tb', 1)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', E'a\u0085b', 1)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', 'x', 4.5)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', 'x', 'NaN')$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('degree', 'x', 0)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('negator', 'x', -1.5)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('mood', 'x', 1)$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight, source) VALUES ('sentiment', 'x', 1, 'vader')$$),
	($$UPDATE kolmetrics.lexicon SET weight = 0 WHERE term = 'great' AND source = 'vader'$$),
	($$DELETE FROM kolmetrics.disclosure_marker WHERE marker = '广告'$$),
	($$TRUNCATE kolmetrics.content_cue$$),
	($$INSERT INTO kolmetrics.lexicon (kind, term, weight) VALUES ('sentiment', E'\uFE0F', 1)$$),
	($$INSERT INTO kolmetrics.brand_alias VALUES ('b', '')$$)) v(q);
-- a variation selector alone (inserted above) passes the table check but is empty once
-- normalised: the build refuses it
SELECT pg_temp.try_sql($$SELECT kolmetrics.sentiment('x')$$);
DELETE FROM kolmetrics.lexicon WHERE term = E'\uFE0F';
-- a user row overrides a shipped marker: 合作 made clear in cn
INSERT INTO kolmetrics.disclosure_marker (jurisdiction, marker, clarity) VALUES ('cn', '合作', 'clear');
SELECT (kolmetrics.disclosure('合作款', 'cn')).clarity;
DELETE FROM kolmetrics.disclosure_marker WHERE source = 'user';

-- bad text: NULL, invalid bytes cannot reach a UTF8 database; long and odd texts are fine
SELECT kolmetrics.sentiment(NULL), kolmetrics.brand_mentions(NULL), kolmetrics.content_types(NULL);
SELECT round(kolmetrics.sentiment(repeat('好', 100000))::numeric, 6) AS long_repeat,   -- 2 + 3 x 0.293
	   round(pg_temp.norm(2.879)::numeric, 6);
SELECT round(kolmetrics.sentiment(repeat('好差', 50000))::numeric, 6) AS balanced;
SELECT kolmetrics.sentiment(repeat(E'\uFE0F', 10)), kolmetrics.sentiment(repeat('!', 10));
