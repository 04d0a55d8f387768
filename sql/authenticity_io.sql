-- Text and binary forms of authenticity_summary, authenticity_cohort, follower_summary and
-- comment_summary (doc/authenticity.md): round trips of values built by the aggregates and
-- rollups, and hostile text (22P02) and bytes (22P03), each refused with its reason.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;
\ir test/regress/try_in.sql
\ir test/regress/recv.sql
-- the reason of a refusal: SQLSTATE and the detail sentence (the message quotes the input)
CREATE FUNCTION pg_temp.why_in(typ regtype, input text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
	EXECUTE format('SELECT ($1::%s)::text', typ) USING input;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ': ' || coalesce(nullif(d, ''), left(SQLERRM, 100));
END $$;
CREATE FUNCTION pg_temp.why_recv(typ regtype, payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/kolmetrics_recv_' || pg_backend_pid() || '.bin';
	d text;
BEGIN
	EXECUTE format('COPY (SELECT %L) TO PROGRAM %L',
		encode('\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea || '\x0001'::bytea
			   || int4send(length(payload)) || payload || '\xffff'::bytea, 'hex'),
		'perl -ne ''chomp; print pack("H*", $_)'' > ' || f);
	EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS why_target (v %s)', typ);
	BEGIN
		EXECUTE format('COPY why_target FROM %L (FORMAT binary)', f);
		DROP TABLE why_target;
		RETURN 'ok';
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
		DROP TABLE why_target;
		RETURN SQLSTATE || ': ' || coalesce(nullif(d, ''), left(SQLERRM, 100));
	END;
END $$;

CREATE TABLE io_posts AS
SELECT k, (i * 37 % 500)::bigint AS likes, (i * 7 % 40)::bigint AS comments, (i % 5)::bigint AS shares,
       CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 9)::bigint END AS saves,
       CASE WHEN k = 2 THEN NULL ELSE (i * 311 % 9000)::bigint END AS views,
       (1000 + 10 * i)::bigint AS followers,
       timestamptz '2025-01-01 00:00+00' + i * interval '7 hours 13 minutes 7.123456 seconds' AS at,
       (ARRAY['+1', '[赞][赞]', 'nice one', 'Where did you get this?', '😂', '求链接'])[1 + i % 6] || CASE WHEN i % 4 = 0 THEN ' ' || i ELSE '' END AS body,
       'u' || (i % 13) AS author
  FROM generate_series(1, 3) k, generate_series(1, 150) i;
CREATE TABLE io_values (id serial, typ text, v text);
INSERT INTO io_values (typ, v)
SELECT 'authenticity_summary', authenticity_agg(likes, comments, shares, saves, views, followers, at)::text FROM io_posts GROUP BY k
UNION ALL SELECT 'authenticity_summary', rollup(s)::text FROM (SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s FROM io_posts GROUP BY k) x
UNION ALL SELECT 'authenticity_summary', authenticity_agg(NULL, NULL, NULL, NULL, NULL, NULL, NULL)::text
UNION ALL SELECT 'authenticity_summary', authenticity_agg(9223372036854775806, 0, NULL, NULL, 9223372036854775807, 9223372036854775807, '294276-12-31 00:00+00')::text
UNION ALL SELECT 'authenticity_summary', authenticity_agg(1, 1, 1, 1, 1, 1, '4713-01-01 00:00+00 BC')::text
UNION ALL SELECT 'follower_summary', follower_agg(at, followers)::text FROM io_posts GROUP BY k
UNION ALL SELECT 'follower_summary', rollup(s)::text FROM (SELECT follower_agg(at, followers) AS s FROM io_posts GROUP BY k) x
UNION ALL SELECT 'follower_summary', follower_agg(NULL, NULL)::text
UNION ALL SELECT 'follower_summary', follower_agg(timestamptz '2020-01-01 00:00+00' + i * interval '1 hour', i)::text FROM generate_series(1, 1500) i
UNION ALL SELECT 'comment_summary', comment_agg(body, author, at)::text FROM io_posts GROUP BY k
UNION ALL SELECT 'comment_summary', rollup(s)::text FROM (SELECT comment_agg(body, author, at) AS s FROM io_posts GROUP BY k) x
UNION ALL SELECT 'comment_summary', comment_agg(md5(i::text), md5((i % 300)::text), now() + i * interval '1 second')::text FROM generate_series(1, 2000) i
UNION ALL SELECT 'comment_summary', comment_agg(NULL, NULL, NULL)::text
UNION ALL SELECT 'authenticity_cohort', authenticity_cohort_agg(s)::text FROM (SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s FROM io_posts GROUP BY k) x
UNION ALL SELECT 'authenticity_cohort', authenticity_cohort_agg(s, c)::text FROM (SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s, comment_agg(body, author, at) AS c FROM io_posts GROUP BY k, likes % 4) x
UNION ALL SELECT 'authenticity_cohort', rollup(c)::text FROM (SELECT authenticity_cohort_agg(s) AS c FROM (SELECT k, authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s FROM io_posts GROUP BY k, likes % 3) y GROUP BY k) x
UNION ALL SELECT 'authenticity_cohort', authenticity_cohort_agg(NULL::authenticity_summary)::text;
-- every value reads back equal through its text and its binary form
SELECT typ, count(*) AS values,
       bool_and(pg_temp.try_in(('kolmetrics.' || typ)::regtype, v) = 'ok: ' || v) AS text_round_trip
  FROM io_values GROUP BY typ ORDER BY typ;
CREATE FUNCTION pg_temp.binary_ok(typ text, v text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE b bytea;
BEGIN
	EXECUTE format('SELECT pg_temp.send_bytes(%L::kolmetrics.%s)', v, typ) INTO b;
	RETURN pg_temp.try_recv(('kolmetrics.' || typ)::regtype, b) = 'ok: ' || v;
END $$;
SELECT typ, bool_and(pg_temp.binary_ok(typ, v)) AS binary_round_trip FROM io_values GROUP BY typ ORDER BY typ;
SELECT typ, bool_and(v = (v::text)) AS valid_utf8 FROM io_values WHERE convert_from(convert_to(v, 'UTF8'), 'UTF8') = v GROUP BY typ ORDER BY typ;
-- equality and hashing: the same value twice is one group
SELECT typ, count(DISTINCT v) AS distinct_text FROM io_values GROUP BY typ ORDER BY typ;
SELECT count(*) FROM (SELECT DISTINCT s FROM (SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s FROM io_posts GROUP BY k
                                        UNION ALL SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at) FROM io_posts WHERE k = 1) x) y;

-- hostile text: authenticity_summary (edits of a good value, then every cut of it)
CREATE TABLE good_text AS
SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at)::text AS a,
       follower_agg(at, followers)::text AS f, comment_agg(body, author, at)::text AS c
  FROM io_posts WHERE k = 1 AND at < '2025-01-05 00:00+00';
ALTER TABLE good_text ADD COLUMN h text;
UPDATE good_text SET h = (SELECT authenticity_cohort_agg(s)::text FROM (SELECT authenticity_agg(likes, comments, shares, saves, views, followers, at) AS s FROM io_posts GROUP BY k) x);
SELECT a FROM good_text;
SELECT e AS edit, pg_temp.why_in('kolmetrics.authenticity_summary', x) AS result FROM good_text, LATERAL (VALUES
  ('version 2', replace(a, '(v:1,', '(v:2,')),
  ('n negative', replace(a, '(v:1,n:13,', '(v:1,n:-1,')),
  ('n_i over n', replace(a, ',n_i:13,', ',n_i:14,')),
  ('i_sum text', replace(a, ',i_sum:', ',i_sum:x')),
  ('i_sq inf', regexp_replace(a, ',i_sq:[^,]*,', ',i_sq:1e999,')),
  ('i_sq NaN', regexp_replace(a, ',i_sq:[^,]*,', ',i_sq:NaN,')),
  ('low over n_i', regexp_replace(a, ',low:[0-9]*,', ',low:99,')),
  ('hours sum', regexp_replace(a, 'hours:\[[0-9]*,', 'hours:[7,')),
  ('key missing', regexp_replace(a, ',lf_sum:[^,]*', '')),
  ('keys swapped', regexp_replace(a, 'n_f:([0-9]*),i_f:([0-9]*)', 'i_f:\2,n_f:\1')),
  ('trailing', a || 'x'),
  ('digits over n', regexp_replace(a, 'digits_likes:\[[0-9]*,', 'digits_likes:[99,')),
  ('min digit', regexp_replace(a, ',min:\[[0-9]*,', ',min:[9,')),
  ('peak after last', regexp_replace(a, ',peak_at:[0-9]*,', ',peak_at:9223371331200000000,')),
  ('lr_sq too small', regexp_replace(a, ',lr_sq:[^,]*,', ',lr_sq:0,')),
  ('f_sum below n_f', regexp_replace(a, ',f_sum:[0-9]*,', ',f_sum:1,')),
  ('bigint overflow', replace(a, '(v:1,n:13,', '(v:1,n:99999999999999999999,')),
  ('array short', regexp_replace(a, 'hours:\[[0-9]*,', 'hours:[')),
  ('empty', ''),
  ('spaces ok', replace(replace(a, ',', ' , '), ':', ' : '))) v(e, x);
SELECT n AS cut_at, pg_temp.why_in('kolmetrics.authenticity_summary', left(a, n)) AS result
  FROM good_text, generate_series(5, length(a) - 1, 40) n;

-- hostile text: authenticity_cohort
SELECT e AS edit, pg_temp.why_in('kolmetrics.authenticity_cohort', x) AS result FROM good_text, LATERAL (VALUES
  ('version 0', replace(h, '(v:1,', '(v:0,')),
  ('kols negative', replace(h, 'kols:3,', 'kols:-3,')),
  ('counts over kols', replace(h, 'kols:3,', 'kols:1,')),
  ('index out of range', regexp_replace(h, 'er_views:\{', 'er_views:{128:1,')),
  ('index descending', regexp_replace(h, 'er_views:\{', 'er_views:{127:1,0:1,')),
  ('zero count', regexp_replace(h, 'er_views:\{', 'er_views:{0:0,')),
  ('negative index', regexp_replace(h, 'er_views:\{', 'er_views:{-1:1,')),
  ('no brace', regexp_replace(h, 'er_views:\{', 'er_views:')),
  ('unknown key', regexp_replace(h, 'er_views:', 'er_vues:')),
  ('trailing comma', regexp_replace(h, '\}\)$', ',})')),
  ('float count', regexp_replace(h, 'er_views:\{([0-9]*):([0-9]*)', 'er_views:{\1:1.5')),
  ('duplicate index', regexp_replace(h, 'er_views:\{([0-9]*):([0-9]*)', 'er_views:{\1:1,\1:1'))) v(e, x);
SELECT n AS cut_at, pg_temp.why_in('kolmetrics.authenticity_cohort', left(h, n)) AS result
  FROM good_text, generate_series(3, length(h) - 1, 12) n;

-- hostile text: follower_summary
SELECT f FROM good_text;
SELECT e AS edit, pg_temp.why_in('kolmetrics.follower_summary', x) AS result FROM good_text, LATERAL (VALUES
  ('version 2', replace(f, '(v:1,', '(v:2,')),
  ('n over list', replace(f, ',n:13,', ',n:14,')),
  ('n under list', replace(f, ',n:13,', ',n:12,')),
  ('n over cap', replace(f, ',n:13,', ',n:1001,')),
  ('n negative', replace(f, ',n:13,', ',n:-1,')),
  ('dropped without cap', replace(f, 'dropped:0', 'dropped:5')),
  ('dropped negative', replace(f, 'dropped:0', 'dropped:-5')),
  ('times descending', regexp_replace(f, 'at:\[([0-9]*),([0-9]*),', 'at:[\2,\1,')),
  ('times equal', regexp_replace(f, 'at:\[([0-9]*),([0-9]*),', 'at:[\1,\1,')),
  ('time out of range', regexp_replace(f, 'at:\[([0-9]*),', 'at:[-9223372036854775808,')),
  ('followers negative', regexp_replace(f, 'followers:\[([0-9]*),', 'followers:[-1,')),
  ('float time', regexp_replace(f, 'at:\[([0-9]*),', 'at:[1.5,')),
  ('no lists', '(v:1,dropped:0,n:0)'),
  ('empty ok', '(v:1,dropped:0,n:0,at:[],followers:[])'),
  ('trailing', f || ')'),
  ('empty', '')) v(e, x);
SELECT n AS cut_at, pg_temp.why_in('kolmetrics.follower_summary', left(f, n)) AS result
  FROM good_text, generate_series(2, length(f) - 1, 13) n;

-- hostile text: comment_summary
SELECT e AS edit, pg_temp.why_in('kolmetrics.comment_summary', x) AS result FROM good_text, LATERAL (VALUES
  ('version 2', replace(c, '(v:1,', '(v:2,')),
  ('n negative', regexp_replace(c, '\(v:1,n:[0-9]*,', '(v:1,n:-1,')),
  ('emoji over texts', regexp_replace(c, ',emoji:[0-9]*,', ',emoji:99,')),
  ('generic over texts', regexp_replace(c, ',generic:[0-9]*,', ',generic:99,')),
  ('texts over n', regexp_replace(c, ',texts:[0-9]*,', ',texts:99,')),
  ('nb over k', regexp_replace(c, ',nb:[0-9]*,', ',nb:65,')),
  ('nb one less', regexp_replace(c, ',nb:([0-9]*),', ',nb:1,')),
  ('hashes descending', regexp_replace(c, 'author_h:\[(-?[0-9]*),(-?[0-9]*),', 'author_h:[\2,\1,')),
  ('count zero', regexp_replace(c, 'author_c:\[[0-9]*,', 'author_c:[0,')),
  ('counts disagree', regexp_replace(c, 'author_c:\[[0-9]*,', 'author_c:[5,')),
  ('unused non-zero', regexp_replace(c, ',0\],window_c', ',7],window_c')),
  ('array long', regexp_replace(c, 'window_c:\[', 'window_c:[0,')),
  ('trailing', c || ' x'),
  ('empty', '')) v(e, x);
SELECT n AS cut_at, pg_temp.why_in('kolmetrics.comment_summary', left(c, n)) AS result
  FROM good_text, generate_series(4, length(c) - 1, 59) n;

-- hostile bytes: authenticity_summary (820 bytes: version, 3 zero bytes, 102 fields of 8 bytes;
-- field i at byte 5 + 8 i: n 0, n_i 1, i_sum 2, i_sq 3, low 4, ..., hours 23-46, digits 47-91)
CREATE TABLE good_bytes AS
SELECT pg_temp.send_bytes(a::authenticity_summary) AS a, pg_temp.send_bytes(h::authenticity_cohort) AS h,
       pg_temp.send_bytes(f::follower_summary) AS f, pg_temp.send_bytes(c::comment_summary) AS c FROM good_text;
SELECT length(a) AS summary_bytes, length(h) AS cohort_bytes, length(f) AS follower_bytes, length(c) AS comment_bytes FROM good_bytes;
SELECT e AS edit, pg_temp.why_recv('kolmetrics.authenticity_summary', x) AS result FROM good_bytes, LATERAL (VALUES
  ('short', substring(a FROM 1 FOR 819)),
  ('long', a || '\x00'::bytea),
  ('version 2', overlay(a PLACING '\x02' FROM 1)),
  ('reserved', overlay(a PLACING '\x01' FROM 4)),
  ('n negative', overlay(a PLACING '\xffffffffffffffff' FROM 5)),
  ('n_i over n', overlay(a PLACING '\xff00000000000000' FROM 13)),
  ('i_sq NaN', overlay(a PLACING '\x000000000000f87f' FROM 29)),
  ('i_sq -inf', overlay(a PLACING '\x000000000000f0ff' FROM 29)),
  ('hours sum', overlay(a PLACING '\x0900000000000000' FROM 5 + 8 * 23)),
  ('digit negative', overlay(a PLACING '\xffffffffffffffff' FROM 5 + 8 * 47)),
  ('header only', substring(a FROM 1 FOR 4)),
  ('empty', ''::bytea)) v(e, x);
-- authenticity_cohort: 4 + 8 x (1 + 15 x 128) bytes
SELECT e AS edit, pg_temp.why_recv('kolmetrics.authenticity_cohort', x) AS result FROM good_bytes, LATERAL (VALUES
  ('short', substring(h FROM 1 FOR length(h) - 1)),
  ('long', h || '\x00'::bytea),
  ('version 9', overlay(h PLACING '\x09' FROM 1)),
  ('reserved', overlay(h PLACING '\x01' FROM 2)),
  ('kols negative', overlay(h PLACING '\xffffffffffffffff' FROM 5)),
  ('kols 0', overlay(h PLACING '\x0000000000000000' FROM 5)),
  ('bin negative', overlay(h PLACING '\xffffffffffffffff' FROM 13)),
  ('bins overflow', overlay(overlay(h PLACING '\xffffffffffffff7f' FROM 13) PLACING '\xffffffffffffff7f' FROM 21)),
  ('bins over kols', overlay(h PLACING '\x0500000000000000' FROM 13 + 8 * 128)),
  ('empty', ''::bytea)) v(e, x);
-- follower_summary: version, 3 zero bytes, dropped, n, then (time, followers) pairs
SELECT e AS edit, pg_temp.why_recv('kolmetrics.follower_summary', x) AS result FROM good_bytes, LATERAL (VALUES
  ('short', substring(f FROM 1 FOR length(f) - 1)),
  ('long', f || '\x00'::bytea),
  ('version 2', overlay(f PLACING '\x02' FROM 1)),
  ('reserved', overlay(f PLACING '\x01' FROM 3)),
  ('dropped', overlay(f PLACING '\x0100000000000000' FROM 5)),
  ('n over', overlay(f PLACING '\x0e00000000000000' FROM 13)),
  ('n huge', overlay(f PLACING '\xffffffffffffff7f' FROM 13)),
  ('n negative', overlay(f PLACING '\xffffffffffffffff' FROM 13)),
  ('times equal', overlay(f PLACING substring(f FROM 21 FOR 8) FROM 37)),
  ('followers negative', overlay(f PLACING '\xffffffffffffffff' FROM 29)),
  ('time too late', overlay(f PLACING '\xffffffffffffff7f' FROM 21 + 16 * 12)),
  ('header only', substring(f FROM 1 FOR 20)),
  ('empty', ''::bytea)) v(e, x);
-- comment_summary: version, 3 zero bytes, 9 counters, then 6 arrays of 64
SELECT e AS edit, pg_temp.why_recv('kolmetrics.comment_summary', x) AS result FROM good_bytes, LATERAL (VALUES
  ('short', substring(c FROM 1 FOR length(c) - 1)),
  ('long', c || '\x00'::bytea),
  ('version 2', overlay(c PLACING '\x02' FROM 1)),
  ('reserved', overlay(c PLACING '\x01' FROM 2)),
  ('n negative', overlay(c PLACING '\xffffffffffffffff' FROM 5)),
  ('emoji over', overlay(c PLACING '\xff00000000000000' FROM 13)),
  ('nb over k', overlay(c PLACING '\x4100000000000000' FROM 5 + 8 * 6)),
  ('na zero', overlay(c PLACING '\x0000000000000000' FROM 5 + 8 * 7)),
  ('body count zero', overlay(c PLACING '\x0000000000000000' FROM 5 + 8 * (9 + 64))),
  ('unused hash', overlay(c PLACING '\x0100000000000000' FROM 5 + 8 * (9 + 63))),
  ('empty', ''::bytea)) v(e, x);

DROP TABLE io_posts, io_values, good_text, good_bytes;
