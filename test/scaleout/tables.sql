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
	last_post	kolmetrics.ingested_post,
	last_live	kolmetrics.ingested_live
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

CREATE TABLE live_sessions (
	session_id	bigint NOT NULL,
	kol_id		bigint NOT NULL,
	started_at	timestamptz NOT NULL,
	gmv		numeric(14,2),
	paid_orders	bigint,
	buyers		bigint,
	pv		bigint,
	uv		bigint,
	watch_seconds	bigint,
	peak_viewers	bigint,
	product_exposures bigint,
	product_clicks	bigint,
	created_orders	bigint,
	refund_amount	numeric(14,2),
	refund_orders	bigint,
	followers_gained bigint,
	comments	bigint,
	likes		bigint,
	room_exposures	bigint,
	ad_spend	numeric(14,2),
	ad_gmv		numeric(14,2)
) :partition_by;

-- Conversion paths (channel keys in time order), kept with the KOL of their first touch.
CREATE TABLE paths (
	path_id		bigint NOT NULL,
	kol_id		bigint NOT NULL,
	path		text[] NOT NULL,
	converted	boolean NOT NULL,
	value		numeric(14,2)
) :partition_by;

-- Comments under the KOLs' posts and the posts' texts, for the text signals.
CREATE TABLE texts (
	text_id		bigint NOT NULL,
	kol_id		bigint NOT NULL,
	body		text NOT NULL,
	is_sponsored	boolean NOT NULL,
	author		text NOT NULL,
	posted_at	timestamptz NOT NULL
) :partition_by;

-- Follower-count snapshots of each KOL's account.
CREATE TABLE follower_snapshots (
	kol_id		bigint NOT NULL,
	observed_at	timestamptz NOT NULL,
	followers	bigint NOT NULL
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

CREATE TABLE kol_live (
	kol_id		bigint NOT NULL,
	month		date NOT NULL,
	live		kolmetrics.live_summary NOT NULL
) :partition_by;

-- Per-KOL results, refreshed on each shard: the forecast of weekly likes, the anomalies of
-- daily likes, the Markov attribution of the KOL's paths, the sentiment of its texts, their
-- disclosure rates and the disclosure of its latest text, its authenticity summaries (posts,
-- followers, comments) and a cohort of the KOL alone.
CREATE TABLE kol_series (
	kol_id		bigint NOT NULL,
	likes_forecast	kolmetrics.holt_result,
	likes_anomalies	kolmetrics.anomaly_result,
	paths_markov	kolmetrics.markov_result,
	sentiment	kolmetrics.sentiment_summary,
	disclosure	kolmetrics.disclosure_rates,
	last_disclosure	kolmetrics.disclosure_result,
	auth		kolmetrics.authenticity_summary,
	fol		kolmetrics.follower_summary,
	cmt		kolmetrics.comment_summary,
	cohort_self	kolmetrics.authenticity_cohort
) :partition_by;
