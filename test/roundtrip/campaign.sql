-- Dump/restore and binary COPY round trip fragment for campaign economics: summaries in
-- every shape (edge values included) and edits to the EMV rate card.
CREATE SCHEMA IF NOT EXISTS rt;

CREATE TABLE rt.campaign_summaries (id int PRIMARY KEY, note text, s kolmetrics.campaign_summary);
INSERT INTO rt.campaign_summaries VALUES
	(1, 'typical', 'v1 rows=2 revenue=1234.50 cost=1000.00 impressions=100000 views=5000 engagements=300 clicks=20 conversions=5'),
	(2, 'empty', 'v1 rows=0 revenue=null cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(3, 'all fields NULL', 'v1 rows=1 revenue=null cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(4, 'largest values', 'v1 rows=9223372036854775807 revenue=17014118346046923173168730371.5884105727 cost=17014118346046923173168730371.5884105727 impressions=9223372036854775807 views=9223372036854775807 engagements=9223372036854775807 clicks=9223372036854775807 conversions=9223372036854775807'),
	(5, 'smallest unit', 'v1 rows=1 revenue=0.0000000001 cost=0.0000000001 impressions=0 views=0 engagements=0 clicks=0 conversions=0'),
	(6, 'zeros with scales', 'v1 rows=3 revenue=0.000 cost=0 impressions=0 views=null engagements=7 clicks=null conversions=0'),
	(7, 'display scale kept', 'v1 rows=1 revenue=1.5 cost=1.50 impressions=null views=null engagements=null clicks=null conversions=null'),
	(8, 'NULL summary', NULL);
-- and summaries built by the aggregates (per campaign, then rolled up)
INSERT INTO rt.campaign_summaries
SELECT 100 + c, 'campaign_agg ' || c,
       kolmetrics.campaign_agg(g * 0.01, (g % 97) * 0.0000000001 + g % 13, g * 11, g * 5, g, g % 50, g % 7)
  FROM generate_series(1, 500) g, LATERAL (SELECT g % 5 AS c) x
 GROUP BY c;
INSERT INTO rt.campaign_summaries
SELECT 200, 'rollup of the campaign_agg rows', kolmetrics.rollup(s)
  FROM rt.campaign_summaries WHERE id BETWEEN 100 AND 199;

-- rate-card edits: an updated default row, a row replaced by INSERT (the upsert trigger)
UPDATE kolmetrics.emv_rate SET per_1000_views = 33.3333, per_like = 0.0125, source = 'agency rate card 2026'
 WHERE platform = 'douyin';
INSERT INTO kolmetrics.emv_rate (platform, per_1000_views, per_like, per_comment, per_share, per_save, source)
VALUES ('xiaohongshu', 55, 0.25, 1.25, 2, 1.1, 'brand''s own benchmark');

-- EMV with the edited rates, as a snapshot (table) and live (view): after a restore both
-- must agree, which holds only if the edited rates came back
CREATE TABLE rt.campaign_emv_snapshot AS
SELECT p::kolmetrics.platform AS platform,
       kolmetrics.emv(p::kolmetrics.platform, 123457, 6789, 321, 45, 67) AS emv
  FROM unnest(ARRAY['douyin', 'xiaohongshu', 'weibo']) p;
CREATE VIEW rt.campaign_emv_live AS
SELECT p::kolmetrics.platform AS platform,
       kolmetrics.emv(p::kolmetrics.platform, 123457, 6789, 321, 45, 67) AS emv
  FROM unnest(ARRAY['douyin', 'xiaohongshu', 'weibo']) p;
