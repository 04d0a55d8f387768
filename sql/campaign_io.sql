-- campaign_summary text and binary forms: exact round trips, equality, hostile input.
SET search_path = kolmetrics, public;
-- (pg_regress feeds this file to psql on stdin, so \ir resolves from the top directory)
\ir test/regress/recv.sql

-- try_in(text): 'ok: <value>' or '<SQLSTATE>: <detail>' (the detail says what is wrong)
CREATE FUNCTION pg_temp.try_in(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	d text;
BEGIN
	RETURN 'ok: ' || t::kolmetrics.campaign_summary::text;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || d;
END
$$;

-- recv_detail(bytes): like pg_temp.try_recv (test/regress/recv.sql) but reports the
-- error's detail, which says which check failed
CREATE FUNCTION pg_temp.recv_detail(payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/kolmetrics_recvd_' || pg_backend_pid() || '.bin';
	d text;
	result text;
BEGIN
	EXECUTE format('COPY (SELECT %L) TO PROGRAM %L',
		encode('\x5047434f50590aff0d0a00'::bytea || '\x00000000000000000001'::bytea
			|| int4send(length(payload)) || payload || '\xffff'::bytea, 'hex'),
		'perl -ne ''chomp; print pack("H*", $_)'' > ' || f);
	CREATE TEMP TABLE recvd_target (v kolmetrics.campaign_summary);
	BEGIN
		EXECUTE format('COPY recvd_target FROM %L (FORMAT binary)', f);
		SELECT 'ok: ' || v::text INTO result FROM recvd_target;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
		result := SQLSTATE || ': ' || d;
	END;
	DROP TABLE recvd_target;
	RETURN result;
END
$$;

CREATE TABLE io_values (id int, s campaign_summary);
INSERT INTO io_values VALUES
	(1, 'v1 rows=2 revenue=1234.50 cost=1000.00 impressions=100000 views=5000 engagements=300 clicks=20 conversions=5'),
	(2, 'v1 rows=0 revenue=null cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(3, 'v1 rows=1 revenue=null cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(4, 'v1 rows=9223372036854775807 revenue=17014118346046923173168730371.5884105727 cost=0.0000000001 impressions=9223372036854775807 views=0 engagements=9223372036854775807 clicks=1 conversions=9223372036854775807'),
	(5, 'v1 rows=3 revenue=0 cost=0.0 impressions=0 views=null engagements=7 clicks=null conversions=0'),
	(6, 'v1 rows=1 revenue=1.5 cost=1.50 impressions=null views=null engagements=null clicks=null conversions=null'),
	(7, '  v1   rows=4	revenue=0007.25  cost=3
	 impressions=1 views=2 engagements=3 clicks=4 conversions=5   ');
-- the output is canonical: blanks collapse, leading zeros go, the decimals are kept
SELECT id, s FROM io_values ORDER BY id;
-- text round trip: identical value and identical text
SELECT id, s::text::campaign_summary = s AS text_round_trip, s::text::campaign_summary::text = s::text AS same_text
  FROM io_values ORDER BY id;
-- binary round trip through send and recv (COPY BINARY)
SELECT id, pg_temp.try_recv('kolmetrics.campaign_summary', pg_temp.send_bytes(s)) = 'ok: ' || s::text AS binary_round_trip,
       length(pg_temp.send_bytes(s)) AS bytes
  FROM io_values ORDER BY id;
-- the binary form of value 1: version 1, presence 0x7f, display scales 2 and 2, reserved 0,
-- rows 2, revenue 1234.50 x 10^10 = 12345000000000 = 0xb3a4b56fa00 (int128), cost
-- 1000.00 x 10^10 = 10^13 = 0x9184e72a000, then the five counters 100000 = 0x186a0,
-- 5000 = 0x1388, 300 = 0x12c, 20 = 0x14, 5
SELECT encode(pg_temp.send_bytes(s), 'hex') FROM io_values WHERE id = 1;
-- equality is identity: same sums but another display scale is a different summary
SELECT a.s = b.s AS eq, a.s <> b.s AS ne, revenue(a.s) = revenue(b.s) AS same_amount
  FROM (VALUES ('v1 rows=1 revenue=1.5 cost=null impressions=null views=null engagements=null clicks=null conversions=null'::campaign_summary)) a(s),
       (VALUES ('v1 rows=1 revenue=1.50 cost=null impressions=null views=null engagements=null clicks=null conversions=null'::campaign_summary)) b(s);
SELECT a.id, b.id FROM io_values a JOIN io_values b ON a.s = b.s WHERE a.id < b.id;
SELECT count(*) AS distinct_pairs FROM io_values a, io_values b WHERE a.s <> b.s;
-- hashing agrees with =: DISTINCT, GROUP BY and UNION see 7 distinct values among 14
-- (there is no ordering, so count(DISTINCT s) is not available; SELECT DISTINCT hashes)
SELECT count(*) AS distinct_values FROM (SELECT DISTINCT s FROM (SELECT s FROM io_values UNION ALL SELECT s FROM io_values) t) d;
SELECT count(*) AS groups, min(n) AS min_n, max(n) AS max_n
  FROM (SELECT s, count(*) n FROM (SELECT s FROM io_values UNION ALL SELECT s::text::campaign_summary FROM io_values) t GROUP BY s) g;
SELECT count(*) AS union_rows FROM (SELECT s FROM io_values UNION SELECT s FROM io_values) u;

-- an error raised directly, with its message and detail
SELECT 'v1 rows=1 revenue=1.25.0 cost=null impressions=null views=null engagements=null clicks=null conversions=null'::campaign_summary;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 'v1 rows=1 revenue=99999999999999999999999999999 cost=null impressions=null views=null engagements=null clicks=null conversions=null'::campaign_summary;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- malformed text: each with its SQLSTATE (22P02 syntax, 22003 out of range)
SELECT n, pg_temp.try_in(t) AS result FROM (VALUES
	(1, ''),
	(2, 'v1'),
	(3, 'v2 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(4, 'V1 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(5, 'rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(6, 'v1 rows=-1 revenue=null cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(7, 'v1 rows=1 revenue=-5 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(8, 'v1 rows=1 revenue=1. cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(9, 'v1 rows=1 revenue=.5 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(10, 'v1 rows=1 revenue=1.12345678901 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(11, 'v1 rows=1 revenue=1e5 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(12, 'v1 rows=1 revenue=NaN cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(13, 'v1 rows=1 revenue=Infinity cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(14, 'v1 rows=1 revenue=NULL cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(15, 'v1 rows=1 revenue=17014118346046923173168730371.5884105728 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(16, 'v1 rows=1 revenue=1 cost=1 impressions=9223372036854775808 views=1 engagements=1 clicks=1 conversions=1'),
	(17, 'v1 rows=1 revenue=1 cost=1 impressions=-1 views=1 engagements=1 clicks=1 conversions=1'),
	(18, 'v1 rows=1 revenue=1 cost=1 impressions=1.5 views=1 engagements=1 clicks=1 conversions=1'),
	(19, 'v1 rows=1 cost=1 revenue=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(20, 'v1 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1'),
	(21, 'v1 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1 foo'),
	(22, 'v1 rows=1 revenue=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(23, 'v1 rows=0 revenue=1 cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(24, 'v1 rows=0 revenue=null cost=null impressions=0 views=null engagements=null clicks=null conversions=null'),
	(25, 'v1 rows=1 revenue = 1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(26, 'v1 rows=null revenue=null cost=null impressions=null views=null engagements=null clicks=null conversions=null'),
	(27, 'v1 rows= revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(28, 'v1 rows=1 revenue=1 cost=1 impressions=+5 views=1 engagements=1 clicks=1 conversions=1'),
	(29, 'v1 rows=1 revenue=1 cost=1 impressions=0x10 views=1 engagements=1 clicks=1 conversions=1'),
	(30, 'v1,rows=1,revenue=1,cost=1,impressions=1,views=1,engagements=1,clicks=1,conversions=1'),
	(31, 'v1 rows=１ revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(32, 'v1 rows=99999999999999999999 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(33, 'v1 rows=1 revenue=1_000 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(34, 'v10 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(35, 'v1 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=nullx'),
	(36, 'v1 rows=1 revenue=100000000000000000000000000000 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1'),
	(37, 'v1 rows=1 revenue=1 cost=1 impressions=1 views=1 engagements=1 clicks=1 conversions=1' || repeat(' ', 30) || 'x')
) AS bad(n, t) ORDER BY n;

-- malformed binary: edits of the 88 bytes of value 1 (offsets are 1-based):
-- 1 version, 2 presence bits, 3-4 display scales, 5-8 reserved, 9-16 rows,
-- 17-32 revenue, 33-48 cost, 49-88 counters
CREATE TEMP TABLE good AS SELECT pg_temp.send_bytes(s) AS b FROM io_values WHERE id = 1;
SELECT n, pg_temp.recv_detail(payload) AS result,
       left(pg_temp.try_recv('kolmetrics.campaign_summary', payload), 5) AS try_recv_sqlstate
  FROM (
	SELECT 1, ''::bytea FROM good
	UNION ALL SELECT 2, substring(b FROM 1 FOR 87) FROM good
	UNION ALL SELECT 3, b || '\x00'::bytea FROM good
	UNION ALL SELECT 4, overlay(b PLACING '\x02'::bytea FROM 1) FROM good
	UNION ALL SELECT 5, overlay(b PLACING '\x00'::bytea FROM 1) FROM good
	UNION ALL SELECT 6, overlay(b PLACING '\x01'::bytea FROM 7) FROM good
	UNION ALL SELECT 7, overlay(b PLACING '\xff'::bytea FROM 2) FROM good
	UNION ALL SELECT 8, overlay(b PLACING '\x0b'::bytea FROM 3) FROM good
	UNION ALL SELECT 9, overlay(b PLACING '\x80'::bytea FROM 9) FROM good
	UNION ALL SELECT 10, overlay(b PLACING '\xff'::bytea FROM 17) FROM good
	UNION ALL SELECT 11, overlay(b PLACING '\x7e'::bytea FROM 2) FROM good
	UNION ALL SELECT 12, overlay(b PLACING '\x0000000000000000'::bytea FROM 9) FROM good
	UNION ALL SELECT 13, overlay(b PLACING '\x00'::bytea FROM 3) FROM good
	UNION ALL SELECT 14, overlay(b PLACING '\x80'::bytea FROM 49) FROM good
	UNION ALL SELECT 15, overlay(b PLACING '\x7d'::bytea FROM 2) FROM good
	UNION ALL SELECT 16, overlay(b PLACING '\x80'::bytea FROM 33) FROM good
	UNION ALL SELECT 17, overlay(b PLACING '\xff'::bytea FROM 81) FROM good
	UNION ALL SELECT 18, '\x01'::bytea
	UNION ALL SELECT 19, decode(repeat('00', 88), 'hex')
	UNION ALL SELECT 20, decode(repeat('ff', 88), 'hex')
) AS bad(n, payload) ORDER BY n;
-- an all-zero body except the version is the empty summary (rows 0, nothing present): valid
SELECT pg_temp.try_recv('kolmetrics.campaign_summary', '\x01'::bytea || decode(repeat('00', 87), 'hex')) AS empty_summary;
-- an edit that keeps every invariant is accepted: conversions 5 -> 6
SELECT pg_temp.try_recv('kolmetrics.campaign_summary', overlay(b PLACING '\x06'::bytea FROM 88)) FROM good;

-- after all of that, the server is up and answers
SELECT 1 AS server_is_up;
