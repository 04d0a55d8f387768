-- engagement_summary as a value: text and binary round trips, equality, and hostile
-- text and binary input rejected with 22P02 / 22P03 and a detail saying what is wrong.
SET search_path = kolmetrics, public;
\ir test/regress/recv.sql

CREATE TABLE es_io (name text, s engagement_summary);
INSERT INTO es_io
SELECT 'empty', engagement_agg(1, 1, 1, 1, 1, 1) FROM generate_series(1, 0)
UNION ALL
SELECT 'one post', engagement_agg(100, 20, 5, 25, 5000, 10000)
UNION ALL
SELECT 'unrated only', engagement_agg(10, 0, 0, 0, 0, NULL)
UNION ALL
SELECT 'zero ER only', engagement_agg(0, 0, 0, 0, 100, 100) FROM generate_series(1, 3)
UNION ALL
-- ERs 1/(2^63-1) (bucket -2205) and 2^63-1 (bucket 2206): the ends of the sketch
SELECT 'extreme low', engagement_agg(1, 0, 0, 0, NULL, 9223372036854775807)
UNION ALL
SELECT 'extreme high', engagement_agg(l, 0, 0, 0, NULL, f)
  FROM (VALUES (9223372036854775806, 1), (1, 7)) v(l, f)
UNION ALL
-- 300 posts whose ERs span 12 orders of magnitude: ~1400 sketch buckets
SELECT 'wide', engagement_agg(i, i % 7, NULL, i % 3, i * 10, (10 ^ (i % 13))::bigint * (i + 1))
  FROM generate_series(1, 300) i
UNION ALL
SELECT 'per day', engagement_agg(i % 97, i % 13, i % 5, NULL, 1000 + i, 5000 + i * 17, i % 2)
  FROM generate_series(1, 1000) i GROUP BY i % 4;

-- text round trip: s::text::engagement_summary = s, and the text is stable
SELECT name, posts(s), s::text::engagement_summary = s AS text_round_trip,
       s::text::engagement_summary::text = s::text AS text_stable,
       s::text::engagement_summary <> s AS differs
  FROM es_io ORDER BY name, s::text;
-- binary round trip through send and COPY BINARY into recv
SELECT name, pg_temp.try_recv('kolmetrics.engagement_summary', pg_temp.send_bytes(s)) = 'ok: ' || s::text AS binary_round_trip
  FROM es_io ORDER BY name, s::text;
-- COPY BINARY of the whole table out and back in
-- (into the server's data directory, which goes with the throwaway server)
SELECT current_setting('data_directory') || '/kolmetrics_es_io.bin' AS es_io_file \gset
COPY es_io TO :'es_io_file' (FORMAT binary);
CREATE TABLE es_io2 (LIKE es_io);
COPY es_io2 FROM :'es_io_file' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE a.s = b.s) AS equal
  FROM es_io a JOIN es_io2 b ON a.name = b.name AND a.s::text = b.s::text;
-- the ends of the sketch and whitespace between tokens
SELECT name, s FROM es_io WHERE name LIKE 'extreme%' ORDER BY name;
SELECT ' ( v : 1 , posts:1,likes:1,comments:0,shares:0,saves:0,extra:0,interactions:1,views:0,
  by_followers:(rated:1,unrated:0,interactions:1,base:4,mean:0.25,m2:0,min:0.25,max:0.25),
  by_views:(rated:0,unrated:1,interactions:0,base:0,mean:0,m2:0,min:0,max:0),zero:0,buckets:{ -70 : 1 } ) '::engagement_summary;
-- equality: identical values, different values
SELECT a.name, b.name, a.s = b.s AS eq, a.s <> b.s AS ne
  FROM es_io a, es_io b WHERE a.name IN ('one post', 'empty') AND b.name IN ('one post', 'empty')
 ORDER BY 1, 2;

-- hash equality: DISTINCT and GROUP BY on summaries (the four 'per day' summaries differ)
SELECT count(*) AS distinct_values FROM (SELECT DISTINCT s FROM es_io) d;
SELECT posts(s), count(*) FROM (SELECT s FROM es_io UNION ALL SELECT s FROM es_io2) u
 GROUP BY s ORDER BY 1, 2;
SELECT count(*) AS groups FROM (SELECT s FROM es_io UNION SELECT s FROM es_io2) u;
SELECT engagement_summary_hash(s) = engagement_summary_hash(s::text::engagement_summary) AS hash_stable
  FROM es_io WHERE name = 'wide';

-- ---------------------------------------------------------------------------
-- Hostile text input: every malformed or inconsistent form is 22P02 with a detail.
-- ---------------------------------------------------------------------------
SELECT 'garbage'::engagement_summary;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '(v:2,posts:0)'::engagement_summary;
\echo SQLSTATE :LAST_ERROR_SQLSTATE

CREATE FUNCTION pg_temp.try_in(t text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	d text;
BEGIN
	PERFORM t::kolmetrics.engagement_summary;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || d;
END
$$;
-- V: a valid text form (six posts; see sql/summary.sql), mutated one way per row
CREATE TEMP TABLE v AS SELECT '(v:1,posts:6,likes:450,comments:90,shares:25,saves:45,extra:50,interactions:660,views:8100,by_followers:(rated:4,unrated:2,interactions:650,base:60000,mean:0.011250000000000001,m2:0.00021875,min:0,max:0.02),by_views:(rated:3,unrated:3,interactions:250,base:8000,mean:0.026666666666666665,m2:0.0012666666666666668,min:0,max:0.050000000000000003),zero:1,buckets:{-232:1,-212:1,-197:1})'::text AS t;
SELECT pg_temp.try_in(t) AS valid FROM v;
SELECT n, what, pg_temp.try_in(bad) AS result
  FROM v, LATERAL (VALUES
	(1, 'empty string', ''),
	(2, 'empty parentheses', '()'),
	(3, 'only the version', '(v:1)'),
	(4, 'version 2', replace(t, 'v:1', 'v:2')),
	(5, 'version 0', replace(t, 'v:1', 'v:0')),
	(6, 'no closing parenthesis', left(t, -1)),
	(7, 'trailing garbage', t || 'x'),
	(8, 'negative posts', replace(t, 'posts:6', 'posts:-6')),
	(9, 'letters for a number', replace(t, 'likes:450', 'likes:abc')),
	(10, 'number beyond bigint', replace(t, 'likes:450', 'likes:99999999999999999999')),
	(11, 'interactions not the sum of counters', replace(t, 'interactions:660', 'interactions:661')),
	(12, 'rated + unrated not posts', replace(t, 'posts:6', 'posts:7')),
	(13, 'NaN mean', replace(t, 'mean:0.011250000000000001', 'mean:NaN')),
	(14, 'infinite mean', replace(t, 'mean:0.011250000000000001', 'mean:inf')),
	(15, 'overflowing float', replace(t, 'max:0.02', 'max:1e400')),
	(16, 'negative m2', replace(t, 'm2:0.00021875', 'm2:-1')),
	(17, 'negative zero min', replace(t, 'min:0,max:0.02', 'min:-0,max:0.02')),
	(18, 'mean above max', replace(t, 'mean:0.026666666666666665', 'mean:0.06')),
	(19, 'min above mean', replace(t, 'm2:0.0012666666666666668,min:0,', 'm2:0.0012666666666666668,min:0.04,')),
	(20, 'buckets out of order', replace(t, '{-232:1,-212:1,-197:1}', '{-212:1,-232:1,-197:1}')),
	(21, 'duplicate bucket', replace(t, '{-232:1,-212:1,-197:1}', '{-232:1,-232:1,-197:1}')),
	(22, 'zero bucket count', replace(t, '{-232:1,-212:1,-197:1}', '{-232:0,-212:2,-197:1}')),
	(23, 'bucket index out of range', replace(t, '{-232:1,-212:1,-197:1}', '{-9999:1,-212:1,-197:1}')),
	(24, 'bucket counts do not add up', replace(t, '{-232:1,-212:1,-197:1}', '{-232:2,-212:1,-197:1}')),
	(25, 'zero count disagrees with min', replace(replace(t, 'zero:1', 'zero:0'), '{-232:1,', '{-240:1,-232:1,')),
	(26, 'misspelt key', replace(t, 'likes:', 'likez:')),
	(27, 'keys out of order', replace(t, 'likes:450,comments:90', 'comments:90,likes:450')),
	(28, 'missing field', replace(t, ',extra:50', '')),
	(29, 'base below rated', replace(t, 'base:60000', 'base:3')),
	(30, 'total views below view-rated views', replace(t, 'views:8100', 'views:100')),
	(31, 'trailing comma in buckets', replace(t, '-197:1}', '-197:1,}')),
	(32, 'm2 with one rated post', '(v:1,posts:1,likes:1,comments:0,shares:0,saves:0,extra:0,interactions:1,views:0,by_followers:(rated:1,unrated:0,interactions:1,base:4,mean:0.25,m2:0.5,min:0.25,max:0.25),by_views:(rated:0,unrated:1,interactions:0,base:0,mean:0,m2:0,min:0,max:0),zero:0,buckets:{-70:1})'),
	(33, 'rated interactions above the total', replace(t, 'interactions:650', 'interactions:700')),
	(34, 'largest bucket does not hold max', replace(t, '-197:1}', '-150:1}')),
	(35, 'hex float', replace(t, 'm2:0.00021875', 'm2:0x1p-3')),
	(36, 'statistics without rated posts', '(v:1,posts:0,likes:0,comments:0,shares:0,saves:0,extra:0,interactions:0,views:0,by_followers:(rated:0,unrated:0,interactions:0,base:0,mean:0.5,m2:0,min:0,max:0),by_views:(rated:0,unrated:0,interactions:0,base:0,mean:0,m2:0,min:0,max:0),zero:0,buckets:{})'),
	(37, 'no interactions but max above 0', '(v:1,posts:1,likes:0,comments:0,shares:0,saves:0,extra:0,interactions:0,views:0,by_followers:(rated:1,unrated:0,interactions:0,base:4,mean:0.25,m2:0,min:0.25,max:0.25),by_views:(rated:0,unrated:1,interactions:0,base:0,mean:0,m2:0,min:0,max:0),zero:0,buckets:{-70:1})'),
	(38, 'embedded NUL-like escape and unicode', replace(t, 'posts:6', 'posts:６')),
	-- m2 <= n (max - mean)(mean - min): 4 x 0.00875 x 0.01125 = 0.00039375 by followers
	(39, 'm2 far beyond what n, min and max allow', replace(t, 'm2:0.00021875', 'm2:1e308')),
	(40, 'm2 just above n (max - mean)(mean - min)', replace(t, 'm2:0.00021875', 'm2:0.0004')),
	(41, 'm2 at n (max - mean)(mean - min) is accepted', replace(t, 'm2:0.00021875', 'm2:0.00039375'))
  ) x(n, what, bad)
 ORDER BY n;

-- Two posts of one ER (min = max) allow only m2 = 0.  A forged m2:1e308 used to be
-- accepted (stddev 1e154), and the rollup of two such values stored m2:inf, whose text
-- input refuses: pg_restore then dropped the table.
SELECT pg_temp.try_in(regexp_replace(s::text, 'by_followers:\(([^)]*)m2:0,', 'by_followers:(\1m2:1e308,')) AS forged_m2
  FROM (SELECT engagement_agg(10, 0, 0, 0, NULL, 1000) AS s FROM generate_series(1, 2)) x;
-- A wide legal spread (ERs 10^15 and 10^-15) rolled up with itself 1,000 times stays
-- finite and reads back equal through its text.
WITH two AS (
	SELECT engagement_agg(CASE WHEN g = 1 THEN 1000000000000000 ELSE 1 END, 0, 0, 0, NULL,
	                      CASE WHEN g = 1 THEN 1 ELSE 1000000000000000 END) AS s
	  FROM generate_series(1, 2) g
)
SELECT r::text::engagement_summary = r AS reads_back,
       stddev_engagement_rate(r) < 'Infinity'::float8 AS finite_stddev
  FROM (SELECT rollup(s) AS r FROM two, generate_series(1, 1000)) x;

-- ---------------------------------------------------------------------------
-- Hostile binary input through COPY BINARY: every case is 22P03 with a detail.  The
-- binary form is the stored packed form (doc/internals/engagement_summary.md).  Two
-- values to edit, their bytes worked out by hand (varints are unsigned LEB128, doubles
-- little-endian IEEE):
--   A, one post (likes 120, comments 7, shares 3, saves 10, views 5000, followers 40000):
--      02 version | 07 flags (both ERs derived, one-bucket sketch) | 01 posts | 78 likes |
--      07 comments | 03 shares | 0a saves | 00 extra | 88 27 views 5000 |
--      followers basis: 01 rated, 8c 01 interactions 140, c0 b8 02 base 40000 |
--      views basis: 01 rated, 8c 01 interactions, 88 27 base 5000 | 00 zero: 22 bytes;
--   B, two posts (likes 100 and 300, followers 1000 each, no views): 02 | 00 flags |
--      02 posts | 90 03 likes 400 | 00 00 00 00 | 00 views | followers basis: 02, 90 03,
--      d0 0f base 2000, then mean 0.2 (bytes 16-23), m2 (24-31), min 0.1 (32-39), max 0.3
--      (40-47) | views basis 00 00 00 | 00 zero (51) | 02 buckets (52) | e7 01 = zigzag(-116)
--      = 231, the bucket of 0.1 (ceil(ln 0.1 / ln 1.02)), count 01 | 37 = gap 55 to -60,
--      the bucket of 0.3, count 01: 57 bytes.
-- overlay() positions below are 1-based byte positions in these layouts.
-- ---------------------------------------------------------------------------
-- like pg_temp.try_recv (test/regress/recv.sql), but returning SQLSTATE and DETAIL
CREATE FUNCTION pg_temp.recv_detail(payload bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/kolmetrics_recv_detail_' || pg_backend_pid() || '.bin';
	d text;
BEGIN
	EXECUTE format('COPY (SELECT %L) TO PROGRAM %L',
		encode('\x5047434f50590aff0d0a00'::bytea || '\x00000000000000000001'::bytea
			|| int4send(length(payload)) || payload || '\xffff'::bytea, 'hex'),
		'perl -ne ''chomp; print pack("H*", $_)'' > ' || f);
	CREATE TEMP TABLE recv_detail_target (v kolmetrics.engagement_summary);
	BEGIN
		EXECUTE format('COPY recv_detail_target FROM %L (FORMAT binary)', f);
		d := 'ok';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
		d := SQLSTATE || ': ' || d;
	END;
	DROP TABLE recv_detail_target;
	RETURN d;
END
$$;
CREATE TEMP TABLE hb AS
SELECT pg_temp.send_bytes(engagement_agg(120, 7, 3, 10, 5000, 40000)) AS a,
       (SELECT pg_temp.send_bytes(engagement_agg(l, 0, 0, 0, NULL, 1000))
          FROM (VALUES (100), (300)) v(l)) AS b;
SELECT encode(a, 'hex') AS a_hex, length(a) AS a_bytes,
       encode(substring(b FROM 1 FOR 23), 'hex') AS b_head_and_mean,
       encode(substring(b FROM 32), 'hex') AS b_min_max_tail, length(b) AS b_bytes FROM hb;
SELECT pg_temp.recv_detail(a) AS a_unchanged, pg_temp.recv_detail(b) AS b_unchanged FROM hb;
SELECT n, what, pg_temp.recv_detail(bad) AS result
  FROM hb, LATERAL (VALUES
	(1, 'no bytes', '\x'::bytea),
	(2, 'version 1 (the pre-release network form)', overlay(a PLACING '\x01' FROM 1)),
	(3, 'version 3', overlay(a PLACING '\x03' FROM 1)),
	(4, 'a reserved flag bit', overlay(a PLACING '\x0f' FROM 2)),
	(5, 'truncated after views', substring(a FROM 1 FOR 10)),
	(6, 'last byte missing', substring(a FROM 1 FOR 21)),
	(7, 'a byte too many', a || '\x00'::bytea),
	(8, 'posts as a non-minimal varint (81 00)', overlay(a PLACING '\x8100' FROM 3 FOR 1)),
	(9, 'likes as a varint of 10 bytes', overlay(a PLACING '\xffffffffffffffffff01' FROM 4 FOR 1)),
	(10, 'likes 119: rated interactions exceed the total', overlay(a PLACING '\x77' FROM 4)),
	(11, 'followers ER not derived, and no double follows', overlay(a PLACING '\x06' FROM 2)),
	(12, 'followers base 0 under a rated post', overlay(a PLACING '\x00' FROM 14 FOR 3)),
	(13, 'views 4999, below the views basis 5000', overlay(a PLACING '\x8727' FROM 9)),
	(14, 'a zero-ER post with the one-bucket sketch', overlay(a PLACING '\x01' FROM 22)),
	(15, 'NaN mean', overlay(b PLACING '\x000000000000f87f' FROM 16)),
	(16, 'infinite max', overlay(b PLACING '\x000000000000f07f' FROM 40)),
	(17, 'negative m2', overlay(b PLACING '\x000000000000f0bf' FROM 24)),
	(18, 'm2 1e308, beyond n (max - mean)(mean - min)', overlay(b PLACING '\xa0c8eb85f3cce17f' FROM 24)),
	(19, 'min 0.25, above the mean', overlay(b PLACING '\x000000000000d03f' FROM 32)),
	(20, 'no buckets for two rated posts', overlay(b PLACING '\x00' FROM 52 FOR 6)),
	(21, 'a bucket count of 0', overlay(b PLACING '\x00' FROM 55)),
	(22, 'a bucket index far out of range', overlay(b PLACING '\xffff01' FROM 53 FOR 2)),
	(23, 'the last bucket not where max is', overlay(b PLACING '\x10' FROM 56))
  ) x(n, what, bad)
 ORDER BY n;

-- The stored form (version 2, README "Stored form"): compact and canonical.  One post,
-- likes 120, comments 7, shares 3, saves 10, views 5000, followers 40000 (ER 140/40000
-- and 140/5000, both derived, and so is the sketch bucket): version and flags 2 bytes;
-- varints posts 1, likes 120, comments 7, shares 3, saves 10, extra 0: one byte each,
-- views 5000: 2; followers basis rated 1, interactions 140, base 40000: 1 + 2 + 3;
-- views basis 1 + 2 + 2; zero 1: 22 bytes, 26 with the 4-byte header of a value in
-- memory, 23 in a table row (1-byte header).
CREATE TEMP TABLE es_one (how text, s engagement_summary);
INSERT INTO es_one
SELECT 'aggregate', engagement_agg(120, 7, 3, 10, 5000, 40000)
UNION ALL
SELECT 'text', '(v:1,posts:1,likes:120,comments:7,shares:3,saves:10,extra:0,interactions:140,views:5000,by_followers:(rated:1,unrated:0,interactions:140,base:40000,mean:0.0035000000000000001,m2:0,min:0.0035000000000000001,max:0.0035000000000000001),by_views:(rated:1,unrated:0,interactions:140,base:5000,mean:0.028000000000000001,m2:0,min:0.028000000000000001,max:0.028000000000000001),zero:0,buckets:{-285:1})'
UNION ALL
SELECT 'rollup of it', rollup(s) FROM (SELECT engagement_agg(120, 7, 3, 10, 5000, 40000) AS s) x
UNION ALL
-- the followers ER typed as 0.0036, not 140/40000: kept, so stored as a float8 (8 bytes
-- more); its bucket -285 (written, the bucket of 0.0035) is not that of 0.0036
-- (ceil(ln 0.0036 / ln 1.02) = ceil(-284.1) = -284, one bucket away: accepted), so the
-- bucket list is stored too: count 1, zigzag(-285) = 569 in 2 bytes, count 1: 4 bytes
SELECT 'explicit ER', '(v:1,posts:1,likes:120,comments:7,shares:3,saves:10,extra:0,interactions:140,views:5000,by_followers:(rated:1,unrated:0,interactions:140,base:40000,mean:0.0036,m2:0,min:0.0036,max:0.0036),by_views:(rated:1,unrated:0,interactions:140,base:5000,mean:0.028000000000000001,m2:0,min:0.028000000000000001,max:0.028000000000000001),zero:0,buckets:{-285:1})';
SELECT pg_column_size(engagement_agg(120, 7, 3, 10, 5000, 40000)) AS one_post_in_memory;  -- 26
SELECT how, pg_column_size(s) AS stored_bytes,          -- 23, 23, 23, and 23 + 8 + 4 = 35
       s = (SELECT s FROM es_one WHERE how = 'aggregate') AS equal_to_aggregate,
       engagement_summary_hash(s) = (SELECT engagement_summary_hash(s) FROM es_one WHERE how = 'aggregate') AS same_hash,
       avg_engagement_rate(s) AS avg_er, s::text::engagement_summary = s AS text_round_trip
  FROM es_one ORDER BY how;
-- hashing groups the three routes to the same value together: 2 distinct values
SET enable_sort = off;
SELECT count(*) AS distinct_values FROM (SELECT s FROM es_one GROUP BY s) g;
RESET enable_sort;
-- values stored in a table (the 300-post one TOAST-compressed) compare equal to the
-- same values loaded with COPY BINARY
SELECT name, s = (SELECT s FROM es_io2 WHERE name = e.name) AS equal_after_copy_binary
  FROM es_io e WHERE name IN ('wide', 'extreme high', 'empty') ORDER BY name;

-- the server is still up and the table intact
SELECT count(*) AS values_kept FROM es_io;
DROP TABLE es_io, es_io2, es_one;
-- ERs close together far from 0 (10^12 + 0, 1 or 2): the bound is a difference of nearly
-- equal numbers; the aggregate's own rounding must still pass it, serial and rolled up.
SELECT s::text::engagement_summary = s AS clustered_reads_back,
       rollup_s::text::engagement_summary = rollup_s AS clustered_rollup_reads_back
  FROM (SELECT engagement_agg(1000000000000 + g % 3, 0, 0, 0, NULL, 1) AS s
          FROM generate_series(1, 100000) g) x,
       LATERAL (SELECT rollup(t) AS rollup_s
                  FROM (SELECT engagement_agg(1000000000000 + g % 3, 0, 0, 0, NULL, 1) AS t
                          FROM generate_series(1, 100000) g GROUP BY g % 7) y) z;
