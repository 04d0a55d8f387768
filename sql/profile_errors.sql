-- kol_profile: hostile text and binary input; every error with its SQLSTATE.
SET search_path = kolmetrics, public;

-- Malformed JSON (22P02)
SELECT ''::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '   '::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"x'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1}} x'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1}} // comment'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1,}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- json-c accepts these even in strict mode; the strict scanner does not
SELECT $$ {'categories': {'a': 1}} $$::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": NaN}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": Infinity}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1.}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": .5}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 01}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1e}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": +1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"a": [[[[[[[[[1]]]]]]]]]}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- Not a profile
SELECT '[1, 2]'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'null'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '"beauty"'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"interests": {"a": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": [1, 2]}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"audience": ["gender"]}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"audience": {"gender": [0.5, 0.5]}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"languages": "en"}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"languages": ["en", 1]}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- Bad weights
SELECT '{"categories": {"a": "0.5"}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": true}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": null}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"beauty": -0.1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"beauty": 1e999}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"beauty": 2e15}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"beauty": 99999999999999999999}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 0, "b": 0}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"audience": {"gender": {"f": 0, "m": 0}}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"audience": {"gender": {}}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"audience": {"gender": {"f": -1, "m": 2}}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- Duplicates
SELECT '{"categories": {"beauty": 1, "beauty": 2}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1, "\u0061": 2}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1}, "categories": {"b": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"audience": {"age": {"18-24": 1}, "age": {"25-34": 1}}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"languages": ["en", "zh", "en"]}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- Bad labels
SELECT '{"categories": {"": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a\u0000b": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a\nb": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"\ud800": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"\udc00\ud800": 1}}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a surrogate pair is one character: U+1F484 (lipstick)
SELECT '{"categories": {"\ud83d\udc84": 1}}'::kol_profile;
SELECT '{"countries": [""]}'::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- The same rules apply through the json and jsonb casts
SELECT '{"categories": {"a": -1}}'::json::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '{"categories": {"a": 1}, "x": 1}'::jsonb::kol_profile;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Limits, checked on both sides of each boundary.  try_in returns the SQLSTATE,
-- the start of the message and the detail, without echoing the long input.
CREATE FUNCTION pg_temp.try_in(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	det text;
BEGIN
	PERFORM t::kolmetrics.kol_profile;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS det = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || left(SQLERRM, 50) || ' | ' || coalesce(det, '');
END $$;
SELECT 'label of 64 bytes' AS test, pg_temp.try_in(format('{"categories": {"%s": 1}}', repeat('x', 64)))
UNION ALL
SELECT 'label of 65 bytes', pg_temp.try_in(format('{"categories": {"%s": 1}}', repeat('x', 65)))
UNION ALL
SELECT 'label of 22 three-byte characters (66 bytes)', pg_temp.try_in(format('{"categories": {"%s": 1}}', repeat('美', 22)))
UNION ALL
SELECT '256 categories', pg_temp.try_in((SELECT format('{"categories": {%s}}', string_agg(format('"c%s": 1', i), ', ')) FROM generate_series(1, 256) i))
UNION ALL
SELECT '257 categories', pg_temp.try_in((SELECT format('{"categories": {%s}}', string_agg(format('"c%s": 1', i), ', ')) FROM generate_series(1, 257) i))
UNION ALL
SELECT '257 entries in a histogram', pg_temp.try_in((SELECT format('{"audience": {"city": {%s}}}', string_agg(format('"c%s": 1', i), ', ')) FROM generate_series(1, 257) i))
UNION ALL
SELECT '32 dimensions', pg_temp.try_in((SELECT format('{"audience": {%s}}', string_agg(format('"d%s": {"a": 1}', i), ', ')) FROM generate_series(1, 32) i))
UNION ALL
SELECT '33 dimensions', pg_temp.try_in((SELECT format('{"audience": {%s}}', string_agg(format('"d%s": {"a": 1}', i), ', ')) FROM generate_series(1, 33) i))
UNION ALL
SELECT '257 languages', pg_temp.try_in((SELECT format('{"languages": [%s]}', string_agg(format('"l%s"', i), ', ')) FROM generate_series(1, 257) i))
UNION ALL
SELECT 'weight 1e15', pg_temp.try_in('{"categories": {"a": 1e15}}')
UNION ALL
SELECT 'input of 2 MiB', pg_temp.try_in(format('{"categories": {"a": 1}%s}', repeat(' ', 2097152 - 24)))
UNION ALL
SELECT 'input over 2 MiB', pg_temp.try_in(format('{"categories": {"a": 1}%s}', repeat(' ', 2097152 - 23)))
UNION ALL
SELECT '300 duplicate keys (collapse to one in json-c)', pg_temp.try_in((SELECT format('{"categories": {%s}}', string_agg('"a": 1', ', ')) FROM generate_series(1, 300) i));

-- The largest value the limits allow (256 categories and 32 dimensions x 256
-- shares, every label 64 bytes of which 60 are '"', printed escaped, every
-- share a 17-digit number) prints as more than 1 MB of text; that text is
-- below the input limit and reads back equal.
CREATE TEMP TABLE big_profile AS
SELECT format('{"categories": %s, "audience": {%s}, "languages": [%s], "countries": [%s]}',
	(SELECT jsonb_object_agg(repeat('"', 60) || lpad(i::text, 4, '0'), 1e15::float8 / 7 / i) FROM generate_series(1, 256) i),
	(SELECT string_agg(format('%s: %s', to_jsonb(repeat('"', 60) || lpad(d::text, 4, '0')),
		(SELECT jsonb_object_agg(repeat('"', 60) || lpad(i::text, 4, '0'), (i::float8 / 32896)) FROM generate_series(1, 256) i)), ', ')
	 FROM generate_series(1, 32) d),
	(SELECT string_agg(to_jsonb(repeat('"', 60) || lpad(i::text, 4, '0'))::text, ', ') FROM generate_series(1, 256) i),
	(SELECT string_agg(to_jsonb(repeat('\', 60) || lpad(i::text, 4, '0'))::text, ', ') FROM generate_series(1, 256) i)
	)::kol_profile AS p;
SELECT length(p::text) > 1048576 AS over_1mb, length(p::text) <= 2097152 AS within_limit,
	(p::text)::kol_profile = p AS text_round_trip,
	(SELECT count(*) FROM jsonb_object_keys(p::text::jsonb -> 'audience')) AS dims,
	(SELECT count(*) FROM jsonb_object_keys(p::text::jsonb -> 'categories')) AS categories
FROM big_profile;
-- 1339837 bytes: the length of the same text built in Python (%.15g, %.16g or %.17g, the shortest that reads back).
SELECT length(p::text) AS text_bytes FROM big_profile;

-- Hostile binary input (22P03) through COPY ... (FORMAT binary).
\ir test/regress/recv.sql
-- try_recv_detail: pg_temp.try_recv (test/regress/recv.sql) with the error
-- detail added, so that each case shows why it was rejected.
CREATE FUNCTION pg_temp.try_recv_detail(payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/kolmetrics_recv_' || pg_backend_pid() || '.bin';
	file bytea;
	result text;
	det text;
BEGIN
	file := '\x5047434f50590aff0d0a00'::bytea || '\x00000000'::bytea || '\x00000000'::bytea
		|| '\x0001'::bytea || int4send(length(payload)) || payload || '\xffff'::bytea;
	EXECUTE format('COPY (SELECT %L) TO PROGRAM %L', encode(file, 'hex'),
		'perl -ne ''chomp; print pack("H*", $_)'' > ' || f);
	CREATE TEMP TABLE recv_detail_target (v kolmetrics.kol_profile);
	BEGIN
		EXECUTE format('COPY recv_detail_target FROM %L (FORMAT binary)', f);
		SELECT 'ok: ' || v::text INTO result FROM recv_detail_target;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS det = PG_EXCEPTION_DETAIL;
		result := SQLSTATE || ': ' || coalesce(det, SQLERRM);
	END;
	DROP TABLE recv_detail_target;
	RETURN result;
END $$;
-- The stored form of {"categories": {"a": 1}}: version 1, reserved 0, counts
-- ncat 1 ndim 0 nlang 0 ncountry 0, offsets 50 50 50, cat_max 1.0, cat_ss 1.0,
-- then the entry: length 1, "a", 1.0 (float8, little-endian).
SELECT pg_temp.send_bytes('{"categories": {"a": 1}}'::kol_profile) AS cat_a;
SELECT pg_temp.try_recv('kolmetrics.kol_profile', pg_temp.send_bytes('{"categories": {"a": 1}}'::kol_profile)) AS valid;
CREATE TEMP TABLE bin (name text, b bytea);
INSERT INTO bin VALUES
 ('cat', pg_temp.send_bytes('{"categories": {"a": 1}}'::kol_profile)),
 ('cat2', pg_temp.send_bytes('{"categories": {"a": 1, "b": 1}}'::kol_profile)),
 ('aud', pg_temp.send_bytes('{"audience": {"g": {"f": 0.5, "m": 0.5}}}'::kol_profile));
SELECT t.test, pg_temp.try_recv_detail(t.bytes) AS result
  FROM (SELECT 'no bytes' AS test, '\x'::bytea AS bytes
        UNION ALL SELECT 'header cut short', substring(b FROM 1 FOR 39) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'last byte missing', substring(b FROM 1 FOR 49) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'one byte too many', b || '\x00'::bytea FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'version 2', overlay(b PLACING '\x02' FROM 1) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'reserved byte set', overlay(b PLACING '\x01' FROM 2) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'ncat 2, one entry', overlay(b PLACING '\x0200' FROM 5) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'ndim 65535', overlay(b PLACING '\xffff' FROM 7) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'off_dims beyond the end', overlay(b PLACING '\xff000000' FROM 13) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'weight NaN', overlay(b PLACING '\x000000000000f87f' FROM 43) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'weight -1', overlay(b PLACING '\x000000000000f0bf' FROM 43) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'weight +Infinity', overlay(b PLACING '\x000000000000f07f' FROM 43) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'weight 0 (sum 0)', overlay(b PLACING '\x0000000000000000' FROM 43) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'cat_ss 2.0, not 1.0', overlay(b PLACING '\x0000000000000040' FROM 33) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'empty label', overlay(b PLACING '\x00' FROM 41) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'label 0xff (not UTF-8)', overlay(b PLACING '\xff' FROM 42) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'label 0x01 (control)', overlay(b PLACING '\x01' FROM 42) FROM bin WHERE name = 'cat'
        UNION ALL SELECT 'labels c, b (unsorted)', overlay(b PLACING '\x63' FROM 42) FROM bin WHERE name = 'cat2'
        UNION ALL SELECT 'labels b, b (duplicate)', overlay(b PLACING '\x62' FROM 42) FROM bin WHERE name = 'cat2'
        UNION ALL SELECT 'histogram sums to 0.75', overlay(b PLACING '\x000000000000d03f' FROM 51) FROM bin WHERE name = 'aud'
        UNION ALL SELECT 'histogram with 0 entries', overlay(b PLACING '\x0000' FROM 43) FROM bin WHERE name = 'aud'
        UNION ALL SELECT 'histogram byte size too big', overlay(b PLACING '\x15000000' FROM 45) FROM bin WHERE name = 'aud'
        UNION ALL SELECT 'valid histogram', b FROM bin WHERE name = 'aud'
       ) t;

-- the server is still up and the type still works
SELECT kol_relevance('{"categories": {"a": 1}}'::kol_profile, '{"categories": {"a": 2, "b": 0}}'::kol_profile) AS still_up;
