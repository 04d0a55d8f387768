-- The sample as an analyst's workspace `ws` (runs after generate.sql and profiles.sql):
--   psql -v seed=42 -f test/sample/workspace.sql
-- Every sample account (sample.kols row) is an account of ws; the first 600 are grouped three
-- by three into one KOL (multi-platform people), the others are a KOL each.  Sponsored posts
-- name one of the campaign brands (by a draw of the post's id); monthly follower snapshots
-- grow each account towards its sample followers.  Money is CNY for accounts in China, USD
-- elsewhere.  Deterministic: draws are sample.u(seed, key, salt) with salts 200-219.
\set ON_ERROR_STOP on
\if :{?seed} \else \set seed 42 \endif

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS ws CASCADE;
CREATE SCHEMA ws;
SELECT kolmetrics.create_workspace('ws') \g /dev/null

-- the brands of generate.sql's campaigns, all five whatever the number of campaigns
INSERT INTO ws.brand (brand_id, name, category) VALUES
	(1, 'Lumière Skin', 'beauty'), (2, 'Panda Tea', 'food'), (3, 'Orbit Phones', 'tech'),
	(4, 'Nova Sportswear', 'sportswear'), (5, 'Jade Cosmetics', 'beauty');

INSERT INTO ws.kol (kol_id, name, country, profile)
SELECT DISTINCT ON (g) g, 'KOL ' || g, k.country, p.profile
  FROM sample.kols k
  LEFT JOIN sample.kol_profiles p USING (kol_id)
 CROSS JOIN LATERAL (SELECT CASE WHEN k.kol_id <= 600 THEN (k.kol_id + 2) / 3 ELSE k.kol_id END AS g) x
 ORDER BY g, k.kol_id;

INSERT INTO ws.account (account_id, kol_id, platform, platform_account_id, handle, followers)
SELECT k.kol_id, CASE WHEN k.kol_id <= 600 THEN (k.kol_id + 2) / 3 ELSE k.kol_id END,
       k.platform, 'uid' || k.kol_id, k.handle, k.followers
  FROM sample.kols k;

-- a bulk load: the change-log triggers off, one full refresh at the end
ALTER TABLE ws.post DISABLE TRIGGER post_change_insert;
INSERT INTO ws.post (post_id, account_id, platform_post_id, posted_at, likes, comments, shares, saves,
                     views, extra, followers, is_sponsored, brand_id, content)
SELECT p.post_id, p.kol_id, p.post_id::text, p.posted_at, p.likes, p.comments, p.shares, p.saves,
       p.views, p.extra, p.followers, p.is_sponsored,
       CASE WHEN p.is_sponsored THEN 1 + floor(sample.u(:seed, p.post_id, 200) * 5)::int END,
       p.content
  FROM sample.posts p;
ALTER TABLE ws.post ENABLE TRIGGER post_change_insert;

-- month-end snapshots of 2025: followers grow by 0-6% a month up to the sample's count
INSERT INTO ws.follower_snapshot (account_id, taken_at, followers)
SELECT k.kol_id, (date '2025-02-01' + (m - 1) * interval '1 month')::timestamp AT TIME ZONE 'UTC' - interval '1 second',
       round(k.followers * power(1 + 0.06 * sample.u(:seed, k.kol_id, 201), m - 12))::bigint
  FROM sample.kols k CROSS JOIN generate_series(1, 12) AS m;

INSERT INTO ws.campaign (campaign_id, brand_id, name, starts_on, ends_on)
SELECT c.campaign_id, b.brand_id, c.name, c.starts_on, c.ends_on
  FROM sample.campaigns c JOIN ws.brand b ON b.name = c.brand;

INSERT INTO ws.campaign_account (campaign_id, account_id, currency, cost, revenue, impressions, views,
                                 engagements, clicks, conversions)
SELECT ck.campaign_id, ck.kol_id, CASE WHEN k.country = 'CN' THEN 'CNY' ELSE 'USD' END,
       ck.cost, ck.revenue, ck.impressions, ck.views, ck.engagements, ck.clicks, ck.conversions
  FROM sample.campaign_kols ck JOIN sample.kols k USING (kol_id);

-- identities continue after the ids copied from the sample
SELECT setval(pg_get_serial_sequence('ws.kol', 'kol_id'), (SELECT max(kol_id) FROM ws.kol)),
       setval(pg_get_serial_sequence('ws.account', 'account_id'), (SELECT max(account_id) FROM ws.account)),
       setval(pg_get_serial_sequence('ws.post', 'post_id'), (SELECT max(post_id) FROM ws.post)),
       setval(pg_get_serial_sequence('ws.brand', 'brand_id'), (SELECT max(brand_id) FROM ws.brand)),
       setval(pg_get_serial_sequence('ws.campaign', 'campaign_id'), (SELECT max(campaign_id) FROM ws.campaign)) \g /dev/null

\echo workspace ws refreshed (account-days, account-months):
SELECT * FROM kolmetrics.refresh_workspace('ws', full_recompute => true);
ANALYZE ws.kol, ws.account, ws.post, ws.follower_snapshot, ws.campaign, ws.campaign_account,
        ws.account_day, ws.account_month, ws.post_change;
