-- kolmetrics 1.0: platform payload ingest (doc/ingest.md).  C: src/ingest.c over
-- src/core/ingest*.c (JSON reading, per-platform field mapping) and src/core/count.c
-- (parse_count).

CREATE FUNCTION @extschema@.parse_count(count text) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_parse_count_sql';
COMMENT ON FUNCTION @extschema@.parse_count(text) IS
	'Count as platforms display it, exactly: "1,234", "1.2万" = 12000, "2.15亿" = 215000000, "2.1w", "1.5k", "3千", "1.2M", "4.3B", "10万+" = 100000 (a floor); fractions of one are rounded half up; garbage is 22P02, beyond bigint 22003';

CREATE FUNCTION @extschema@.count_is_floor(count text, platform text DEFAULT NULL)
RETURNS boolean
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_count_is_floor';
COMMENT ON FUNCTION @extschema@.count_is_floor(text, text) IS
	'True when a count string is a lower bound: "+"-suffixed ("10万+", "1k+"), or a known cap of the platform given (wechat: 100001, read_num shown as 10万+); NULL count gives NULL; garbage is 22P02';

CREATE TYPE @extschema@.ingested_post AS (
	platform	@extschema@.platform,
	shape		text,
	post_id		text,
	author_id	text,
	posted_at	timestamptz,
	likes		bigint,
	comments	bigint,
	shares		bigint,
	saves		bigint,
	views		bigint,
	extra		bigint,
	followers	bigint,
	rounded		text[],
	floors		text[],
	absent		text[],
	error		text
);
COMMENT ON TYPE @extschema@.ingested_post IS
	'One post (or profile) mapped from a platform payload by ingest_post / ingest_posts: ids, time, counters and flags';
COMMENT ON COLUMN @extschema@.ingested_post.platform IS 'Platform the payload was read as';
COMMENT ON COLUMN @extschema@.ingested_post.shape IS
	'Payload shape recognised, e.g. weibo.statuses_show, bilibili.dynamic, youtube.video, youtube.channel (profiles carry only followers)';
COMMENT ON COLUMN @extschema@.ingested_post.post_id IS 'Post id as the platform writes it (text; NULL when the payload has none)';
COMMENT ON COLUMN @extschema@.ingested_post.author_id IS 'Account id of the author (text; NULL when the payload has none)';
COMMENT ON COLUMN @extschema@.ingested_post.posted_at IS
	'Publication time from Unix seconds/milliseconds or the time string; NULL when absent or relative ("3天前")';
COMMENT ON COLUMN @extschema@.ingested_post.likes IS 'Likes (赞/点赞/digg); NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_post.comments IS 'Comments; NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_post.shares IS 'Shares, reposts, forwards; NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_post.saves IS 'Saves, favourites, collects (藏); NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_post.views IS 'Views, plays, reads; NULL when absent (Douyin web play_count 0 is absent)';
COMMENT ON COLUMN @extschema@.ingested_post.extra IS
	'Platform-specific interactions: Bilibili coin + danmaku, WeChat 在看, WeChat Channels heart; NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_post.followers IS 'Followers of the author when the payload carries them; NULL otherwise';
COMMENT ON COLUMN @extschema@.ingested_post.rounded IS 'Counters whose value is display-rounded by the platform ("1.2万", TikTok web stats, YouTube subscriberCount)';
COMMENT ON COLUMN @extschema@.ingested_post.floors IS 'Counters that are lower bounds ("10万+", WeChat read_num 100001)';
COMMENT ON COLUMN @extschema@.ingested_post.absent IS 'Counters the payload does not carry (their columns are NULL, never 0)';
COMMENT ON COLUMN @extschema@.ingested_post.error IS 'NULL when the payload was mapped; else why not (only with strict => false, other columns NULL)';

CREATE FUNCTION @extschema@.ingest_post(platform text, payload text, strict boolean DEFAULT true)
RETURNS @extschema@.ingested_post
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ingest_post_text';
COMMENT ON FUNCTION @extschema@.ingest_post(text, text, boolean) IS
	'Maps one post (or profile) payload of the platform, as raw JSON text, to counters and flags (mapping table: doc/ingest.md); a list response with exactly one post is accepted; bad input is 22P02 naming the JSON path, or with strict => false a row with error set';

CREATE FUNCTION @extschema@.ingest_post(platform text, payload json, strict boolean DEFAULT true)
RETURNS @extschema@.ingested_post
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ingest_post_text';
COMMENT ON FUNCTION @extschema@.ingest_post(text, json, boolean) IS
	'ingest_post for a json payload (parsed from its text, as for text)';

CREATE FUNCTION @extschema@.ingest_post(platform text, payload jsonb, strict boolean DEFAULT true)
RETURNS @extschema@.ingested_post
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ingest_post_jsonb';
COMMENT ON FUNCTION @extschema@.ingest_post(text, jsonb, boolean) IS
	'ingest_post for a jsonb payload (printed to text once, then parsed as for text)';

CREATE FUNCTION @extschema@.ingest_posts(platform text, payload text, strict boolean DEFAULT true)
RETURNS SETOF @extschema@.ingested_post
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20
AS 'MODULE_PATHNAME', 'km_ingest_posts_text';
COMMENT ON FUNCTION @extschema@.ingest_posts(text, text, boolean) IS
	'One row per post of a list response (YouTube items[], Weibo data.cards[] card_type 9, Bilibili data.items[], Instagram data[], Douyin data.list[], Xiaohongshu items[], a top-level array, ...); with strict => false a bad post gives a row with error set and the others still load';

CREATE FUNCTION @extschema@.ingest_posts(platform text, payload json, strict boolean DEFAULT true)
RETURNS SETOF @extschema@.ingested_post
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20
AS 'MODULE_PATHNAME', 'km_ingest_posts_text';
COMMENT ON FUNCTION @extschema@.ingest_posts(text, json, boolean) IS
	'ingest_posts for a json payload';

CREATE FUNCTION @extschema@.ingest_posts(platform text, payload jsonb, strict boolean DEFAULT true)
RETURNS SETOF @extschema@.ingested_post
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20
AS 'MODULE_PATHNAME', 'km_ingest_posts_jsonb';
COMMENT ON FUNCTION @extschema@.ingest_posts(text, jsonb, boolean) IS
	'ingest_posts for a jsonb payload (printed to text once)';
