-- Attaches shard number :shard (1 .. :shards) to the coordinator: a foreign server with
-- `extensions 'kolmetrics'` (so that postgres_fdw may ship our functions, aggregates and
-- operators to it), a user mapping, and for each table of tables.sql the foreign table
-- that holds hash remainder :shard - 1 of :shards.
--   psql -v shard=1 -v shards=3 -v host=db1.example -v port=5432 -v dbname=kol \
--        -v user=kol_reader -f add_shard.sql
SELECT :shard - 1 AS remainder \gset
CREATE SERVER shard:shard FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host :'host', port :'port', dbname :'dbname',
	         extensions 'kolmetrics',    -- our objects are shippable
	         async_capable 'true',       -- scan the shards concurrently
	         fetch_size '10000',         -- rows per round trip (default 100)
	         batch_size '1000');         -- rows per INSERT round trip (default 1)
-- A superuser needs no password; anyone else must give one (password_required).
CREATE USER MAPPING FOR CURRENT_USER SERVER shard:shard OPTIONS (user :'user');
CREATE FOREIGN TABLE kols_:shard PARTITION OF kols
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'kols');
CREATE FOREIGN TABLE posts_:shard PARTITION OF posts
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'posts');
CREATE FOREIGN TABLE campaign_kols_:shard PARTITION OF campaign_kols
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'campaign_kols');
CREATE FOREIGN TABLE kol_month_:shard PARTITION OF kol_month
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'kol_month');
CREATE FOREIGN TABLE kol_campaign_:shard PARTITION OF kol_campaign
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'kol_campaign');
CREATE FOREIGN TABLE kol_series_:shard PARTITION OF kol_series
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'kol_series');
CREATE FOREIGN TABLE live_sessions_:shard PARTITION OF live_sessions
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'live_sessions');
CREATE FOREIGN TABLE paths_:shard PARTITION OF paths
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'paths');
CREATE FOREIGN TABLE kol_live_:shard PARTITION OF kol_live
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'kol_live');
CREATE FOREIGN TABLE texts_:shard PARTITION OF texts
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'texts');
CREATE FOREIGN TABLE follower_snapshots_:shard PARTITION OF follower_snapshots
	FOR VALUES WITH (MODULUS :shards, REMAINDER :remainder) SERVER shard:shard OPTIONS (schema_name 'public', table_name 'follower_snapshots');
