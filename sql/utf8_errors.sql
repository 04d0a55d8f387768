-- Error texts quote bad values cut on a character boundary, never inside a UTF-8
-- character: an error stored in ingested_post.error must survive COPY and pg_restore.
SET search_path = kolmetrics, public;

-- "12" and thirteen 万 (3 bytes each): the 40-byte quote holds "12" and 12 whole 万
-- (2 + 36 = 38 bytes); the 13th would end at byte 41.  Before, the cut kept 2 bytes of
-- it (e4 b8) and stored invalid UTF-8.
CREATE TABLE utf8_err AS
SELECT error FROM ingest_post('youtube',
	'{"kind":"youtube#video","id":"abc","snippet":{"channelId":"c"},"statistics":{"viewCount":"12万万万万万万万万万万万万万"}}',
	strict => false);
SELECT error FROM utf8_err;
-- the error reads back through text and through its UTF-8 bytes
SELECT convert_from(convert_to(error, 'UTF8'), 'UTF8') = error AS valid_utf8,
       position('12万万万万万万万万万万万万"' IN error) > 0 AS twelve_whole_characters
  FROM utf8_err;
COPY utf8_err TO STDOUT;

-- A YouTube kind of 20 x 万 (60 bytes): quoted up to 40 bytes, so 13 whole characters.
SELECT error FROM ingest_post('youtube',
	'{"kind":"万万万万万万万万万万万万万万万万万万万万","id":"abc"}', strict => false);

-- pg_temp.error_of(query): the SQLSTATE, the byte length of the message and the message
-- (or the detail, when the message names only the type) of the error the query raises.
CREATE FUNCTION pg_temp.error_of(q text, want_detail boolean DEFAULT false) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	m text;
	d text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL;
	IF want_detail THEN
		m := d;
	END IF;
	RETURN SQLSTATE || ' | ' || octet_length(m) || ' bytes | ' || m;
END
$$;
-- The same rule in the messages of the summary and campaign accessors: 30 x 万 is
-- 90 bytes, quoted up to 64 bytes, so 21 whole characters (63 bytes).
SELECT pg_temp.error_of($q$SELECT pooled_engagement_rate(engagement_agg(1, 0, 0, 0, NULL, 10), repeat('万', 30))$q$);
SELECT pg_temp.error_of($q$SELECT conversion_rate(campaign_agg(1, 1, 1, 1, 1, 1, 1), repeat('万', 30))$q$);
-- campaign_summary text input quoting the text after its last field (20 bytes at most:
-- 6 whole 万, 18 bytes)
SELECT pg_temp.error_of($q$SELECT (campaign_agg(1, 1, 1, 1, 1, 1, 1)::text || ' 万万万万万万万万万万')::campaign_summary$q$, true);
DROP TABLE utf8_err;
