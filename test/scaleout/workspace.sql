-- The analyst workspace of one server (doc/workspace.md), filled from its own rows: on a
-- shard from the shard's kols and posts, so that each shard keeps the summaries of its
-- own accounts.  Run on every shard:  psql -v ws=ws -v src=public -f workspace.sql
-- Accounts are the KOLs (account_id = kol_id), so a workspace row lives on the shard of
-- its KOL; refresh_workspace then runs on each shard over its own change log.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS :ws CASCADE;
CREATE SCHEMA :ws;
SELECT kolmetrics.create_workspace(:'ws') \g /dev/null
INSERT INTO :ws.kol (kol_id, name) SELECT kol_id, 'KOL ' || kol_id FROM :src.kols;
INSERT INTO :ws.account (account_id, kol_id, platform, platform_account_id, followers)
SELECT kol_id, kol_id, platform, 'uid' || kol_id, followers FROM :src.kols;
INSERT INTO :ws.post (post_id, account_id, platform_post_id, posted_at, likes, comments, shares, saves,
                      views, extra, followers)
SELECT p.post_id, p.kol_id, p.post_id::text, p.posted_at, p.likes, p.comments, p.shares, p.saves, p.views,
       p.extra, p.followers
  FROM :src.posts p ORDER BY p.post_id;
SELECT days > 0 AS refreshed FROM kolmetrics.refresh_workspace(:'ws');
