-- Dump/restore and binary COPY round trip of engagement_summary values: the quality
-- script dumps these tables, restores them into a fresh database and compares them
-- by text form and by =.
CREATE SCHEMA IF NOT EXISTS rt;

CREATE TABLE rt.engagement_summaries (id int PRIMARY KEY, note text, s kolmetrics.engagement_summary);
INSERT INTO rt.engagement_summaries
SELECT 1, 'empty (no rows)', kolmetrics.engagement_agg(1, 1, 1, 1, 1, 1) FROM generate_series(1, 0)
UNION ALL
SELECT 2, 'one post', kolmetrics.engagement_agg(100, 20, 5, 25, 5000, 10000)
UNION ALL
SELECT 3, 'only unrated posts', kolmetrics.engagement_agg(10, 0, 0, 0, 0, NULL)
UNION ALL
SELECT 4, 'only zero ER', kolmetrics.engagement_agg(0, 0, 0, 0, 100, 100) FROM generate_series(1, 3)
UNION ALL
SELECT 5, 'smallest ER 1/(2^63-1): lowest sketch bucket',
       kolmetrics.engagement_agg(1, 0, 0, 0, NULL, 9223372036854775807)
UNION ALL
SELECT 6, 'largest ER 2^63-2 and bigint-sized sums',
       kolmetrics.engagement_agg(l, 0, 0, 0, NULL, f) FROM (VALUES (9223372036854775806, 1), (1, 7)) v(l, f)
UNION ALL
SELECT 7, 'ERs over 12 orders of magnitude (~1000 buckets)',
       kolmetrics.engagement_agg(i, i % 7, NULL, i % 3, i * 10, (10 ^ (i % 13))::bigint * (i + 1))
  FROM generate_series(1, 300) i
UNION ALL
SELECT 8, 'NULL value', NULL
UNION ALL
SELECT 9, 'with extra and NULL counters',
       kolmetrics.engagement_agg(i % 97, i % 13, CASE WHEN i % 3 = 0 THEN NULL ELSE i % 5 END, NULL,
                                 1000 + i, 5000 + i * 17, i % 2)
  FROM generate_series(1, 1000) i;

-- a daily summary table rolled up: the common stored shape
CREATE TABLE rt.engagement_daily (day date, kol int, s kolmetrics.engagement_summary, PRIMARY KEY (day, kol));
INSERT INTO rt.engagement_daily
SELECT date '2025-01-01' + (i % 30), i % 20,
       kolmetrics.engagement_agg(i % 500, i % 40, i % 9, i % 11, 100 + i % 7000, 1000 + (i * 7919) % 90000)
  FROM generate_series(1, 6000) i
 GROUP BY 1, 2;
CREATE TABLE rt.engagement_monthly AS
SELECT kol, kolmetrics.rollup(s) AS s FROM rt.engagement_daily GROUP BY kol;
