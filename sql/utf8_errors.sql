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

-- The same rule in the messages of the summary and campaign accessors: 30 x 万 is
-- 90 bytes, quoted up to 64 bytes, so 21 whole characters (63 bytes).
DO $$
DECLARE
	m text;
BEGIN
	PERFORM pooled_engagement_rate(engagement_agg(1, 0, 0, 0, NULL, 10), repeat('万', 30));
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS m = MESSAGE_TEXT;
	RAISE NOTICE '% | % bytes | %', SQLSTATE, octet_length(m), m;
END
$$;
DO $$
DECLARE
	m text;
BEGIN
	PERFORM conversion_rate(campaign_agg(1, 1, 1, 1, 1, 1, 1), repeat('万', 30));
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS m = MESSAGE_TEXT;
	RAISE NOTICE '% | % bytes | %', SQLSTATE, octet_length(m), m;
END
$$;
-- campaign_summary text input quoting the text after its last field (20 bytes at most:
-- 6 whole 万, 18 bytes)
DO $$
DECLARE
	d text;
BEGIN
	PERFORM (campaign_agg(1, 1, 1, 1, 1, 1, 1)::text || ' 万万万万万万万万万万')::campaign_summary;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RAISE NOTICE '% | %', SQLSTATE, d;
END
$$;
DROP TABLE utf8_err;
