-- The tables of the scale-out recipe (test/scaleout/setup.sh), sharded by kol_id so that
-- a KOL's account, posts, campaign rows and summaries live on one shard.
-- On a shard they are plain tables (psql variable partition_by = ''); on the coordinator
-- each is PARTITION BY HASH (kol_id) and its partitions are foreign tables on the shards
-- (coordinator.sql).  Names are unqualified: the caller's search_path picks the schema.
CREATE TABLE kols (
	kol_id		bigint NOT NULL,
	platform	kolmetrics.platform NOT NULL,
	followers	bigint,
	tier		kolmetrics.tier,
	profile		kolmetrics.kol_profile,
	last_post	kolmetrics.ingested_post
) :partition_by;

CREATE TABLE posts (
	post_id		bigint NOT NULL,
	kol_id		bigint NOT NULL,
	platform	kolmetrics.platform NOT NULL,
	posted_at	timestamptz NOT NULL,
	likes		bigint,
	comments	bigint,
	shares		bigint,
	saves		bigint,
	views		bigint,
	extra		bigint,
	followers	bigint
) :partition_by;

CREATE TABLE campaign_kols (
	campaign_id	int NOT NULL,
	kol_id		bigint NOT NULL,
	cost		numeric(14,2) NOT NULL,
	revenue		numeric(14,2) NOT NULL,
	impressions	bigint NOT NULL,
	views		bigint NOT NULL,
	engagements	bigint NOT NULL,
	clicks		bigint NOT NULL,
	conversions	bigint NOT NULL
) :partition_by;

-- Summaries, refreshed on each shard from its own rows (refresh.sql): one row per KOL
-- per month of posts, one per KOL per campaign.
CREATE TABLE kol_month (
	kol_id		bigint NOT NULL,
	month		date NOT NULL,
	engagement	kolmetrics.engagement_summary NOT NULL,
	likes_trend	kolmetrics.trend_summary NOT NULL
) :partition_by;

CREATE TABLE kol_campaign (
	kol_id		bigint NOT NULL,
	campaign_id	int NOT NULL,
	totals		kolmetrics.campaign_summary NOT NULL
) :partition_by;

-- Per-KOL series results, refreshed on each shard: the forecast of weekly likes and the
-- anomalies of daily likes (composites of standard types).
CREATE TABLE kol_series (
	kol_id		bigint NOT NULL,
	likes_forecast	kolmetrics.holt_result,
	likes_anomalies	kolmetrics.anomaly_result
) :partition_by;
