-- ---------------------------------------------------------------------------
-- Live-room payloads into live-session rows (doc/live.md "Ingest").  C: src/ingest.c
-- (SQL face, shared with ingest_post) over src/core/ingest_live.c (the room shapes) and
-- the payload reader of src/core/ingest*.c.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.ingested_live AS (
	platform			@extschema@.platform,
	shape				text,
	room_id				text,
	author_id			text,
	title				text,
	started_at			timestamptz,
	ended_at			timestamptz,
	gmv					numeric,
	paid_orders			bigint,
	buyers				bigint,
	pv					bigint,
	uv					bigint,
	watch_seconds		bigint,
	peak_viewers		bigint,
	product_exposures	bigint,
	product_clicks		bigint,
	created_orders		bigint,
	refund_amount		numeric,
	refund_orders		bigint,
	followers_gained	bigint,
	comments			bigint,
	likes				bigint,
	room_exposures		bigint,
	ad_spend			numeric,
	ad_gmv				numeric,
	rounded				text[],
	floors				text[],
	absent				text[],
	error				text
);
COMMENT ON TYPE @extschema@.ingested_live IS
	'One live session mapped from a live-room payload by ingest_live: room id, anchor id, title, start and end, the columns of live_agg (gmv .. ad_gmv, NULL when the payload does not carry them) and flags';
COMMENT ON COLUMN @extschema@.ingested_live.platform IS 'Platform the payload was read as';
COMMENT ON COLUMN @extschema@.ingested_live.shape IS 'Payload shape recognised: douyin.webcast_room';
COMMENT ON COLUMN @extschema@.ingested_live.room_id IS 'Live room (session) id as the platform writes it';
COMMENT ON COLUMN @extschema@.ingested_live.author_id IS 'Account id of the anchor';
COMMENT ON COLUMN @extschema@.ingested_live.title IS 'Room title';
COMMENT ON COLUMN @extschema@.ingested_live.started_at IS 'Start of the session; NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_live.ended_at IS 'End of the session; NULL while live or when absent';
COMMENT ON COLUMN @extschema@.ingested_live.pv IS 'Viewer visits so far (场观, Douyin "N人看过"); NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_live.uv IS 'Viewers so far (累计观看人数); NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_live.followers_gained IS 'Follows during the session; NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_live.likes IS 'Likes of the session (点赞); NULL when absent';
COMMENT ON COLUMN @extschema@.ingested_live.rounded IS 'Fields whose value is display-rounded by the platform ("1.2万")';
COMMENT ON COLUMN @extschema@.ingested_live.floors IS 'Fields that are lower bounds ("3万+")';
COMMENT ON COLUMN @extschema@.ingested_live.absent IS 'Fields of live_agg the payload does not carry (their columns are NULL, never 0)';
COMMENT ON COLUMN @extschema@.ingested_live.error IS 'NULL when the payload was mapped; else why not (only with strict => false, other columns NULL)';

CREATE FUNCTION @extschema@.ingest_live(platform text, payload text, strict boolean DEFAULT true)
RETURNS @extschema@.ingested_live
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ingest_live_text';
COMMENT ON FUNCTION @extschema@.ingest_live(text, text, boolean) IS
	'Maps one live-room payload of the platform, as raw JSON text, to a live-session row (Douyin webcast room: data.room of webcast/room/reflow/info or a room object; mapping table: doc/live.md); no shape is known for other platforms (22023, taobao_live included); bad input is 22P02 naming the JSON path, or with strict => false a row with error set';

CREATE FUNCTION @extschema@.ingest_live(platform text, payload json, strict boolean DEFAULT true)
RETURNS @extschema@.ingested_live
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ingest_live_text';
COMMENT ON FUNCTION @extschema@.ingest_live(text, json, boolean) IS
	'ingest_live for a json payload (parsed from its text, as for text)';

CREATE FUNCTION @extschema@.ingest_live(platform text, payload jsonb, strict boolean DEFAULT true)
RETURNS @extschema@.ingested_live
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ingest_live_jsonb';
COMMENT ON FUNCTION @extschema@.ingest_live(text, jsonb, boolean) IS
	'ingest_live for a jsonb payload (walked into the same tree as text, or printed to text once)';
