-- One shard: the extension, the tables of tables.sql as plain tables, and their keys.
-- Run on every shard: psql -v partition_by= -f shard.sql  (from this directory)
CREATE EXTENSION IF NOT EXISTS kolmetrics;
\ir tables.sql
ALTER TABLE kols ADD PRIMARY KEY (kol_id);
ALTER TABLE posts ADD PRIMARY KEY (post_id);
CREATE INDEX ON posts (kol_id, posted_at);
ALTER TABLE campaign_kols ADD PRIMARY KEY (campaign_id, kol_id);
ALTER TABLE kol_month ADD PRIMARY KEY (kol_id, month);
ALTER TABLE kol_campaign ADD PRIMARY KEY (kol_id, campaign_id);
ALTER TABLE live_sessions ADD PRIMARY KEY (session_id);
ALTER TABLE paths ADD PRIMARY KEY (path_id);
ALTER TABLE texts ADD PRIMARY KEY (text_id);
ALTER TABLE follower_snapshots ADD PRIMARY KEY (kol_id, observed_at);
ALTER TABLE kol_live ADD PRIMARY KEY (kol_id, month);
ALTER TABLE kol_series ADD PRIMARY KEY (kol_id);
