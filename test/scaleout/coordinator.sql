-- The coordinator: the extension (its types and functions must exist here too, to read
-- the shards' values and to roll summaries up), postgres_fdw, and the tables of
-- tables.sql partitioned by hash of kol_id.  Partitions are added by add_shard.sql.
--   psql -v partition_by='PARTITION BY HASH (kol_id)' -f coordinator.sql
CREATE EXTENSION IF NOT EXISTS kolmetrics;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
\ir tables.sql
