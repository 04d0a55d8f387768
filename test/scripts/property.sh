#!/usr/bin/env bash
# Property test (TAP): values built by the aggregates and rollups (engagement, campaign and
# trend summaries, anomaly results, live summaries, profiles, ingested posts, authenticity,
# follower, comment summaries and cohorts, comment sentiment summaries) read back by their own
# text input, equal to themselves, and survive binary COPY and pg_dump/pg_restore.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin prop
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)
t=0; status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
"$PGBIN/dropdb" --if-exists prop_src 2>/dev/null
"$PGBIN/createdb" prop_src || { echo "Bail out! createdb"; exit 1; }
if "${PSQL[@]}" -d prop_src >"$SCRATCH/gen.log" 2>&1 <<-'EOF2'
	CREATE EXTENSION kolmetrics;
	SET search_path = public, kolmetrics;
	SELECT setseed(0.42);
	CREATE TABLE raw AS SELECT i, i % 53 AS g,
	  (CASE WHEN random() < 0.1 THEN 0 ELSE floor(exp(random() * 25)) END)::bigint AS likes,
	  floor(random() * 1000)::bigint AS comments, floor(random() * 100)::bigint AS shares,
	  floor(random() * 10)::bigint AS saves,
	  CASE WHEN random() < 0.2 THEN NULL ELSE floor(exp(random() * 30)) END::bigint AS views,
	  (CASE WHEN random() < 0.05 THEN 0 ELSE floor(exp(random() * 35)) END)::bigint AS followers
	  FROM generate_series(1, 5000) i;
	ANALYZE raw;
	SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
	CREATE TABLE es (id serial PRIMARY KEY, v engagement_summary);
	INSERT INTO es (v) SELECT engagement_agg(likes, comments, shares, saves, views, followers) FROM raw GROUP BY g;
	INSERT INTO es (v) SELECT engagement_agg(likes, comments, shares, saves, views, followers) FROM raw;
	INSERT INTO es (v) SELECT rollup(v) FROM es;
	CREATE TABLE cs (id serial PRIMARY KEY, v campaign_summary);
	INSERT INTO cs (v) SELECT campaign_agg(round((random() * 1e6)::numeric, 10), round(random()::numeric / 1e6, 10),
	  likes, views, comments, shares, saves) FROM raw GROUP BY g;
	INSERT INTO cs (v) SELECT rollup(v) FROM cs;
	-- wide legal ER spreads (10^15 against 10^-15) rolled up many times
	INSERT INTO es (v) SELECT rollup(s) FROM (SELECT engagement_agg(CASE WHEN g = 1 THEN 1000000000000000 ELSE 1 END,
	  0, 0, 0, NULL, CASE WHEN g = 1 THEN 1 ELSE 1000000000000000 END) AS s FROM generate_series(1, 2) g) x,
	  generate_series(1, 500);
	-- trend lines: per group, whole, rolled up, huge and tiny values, one point, centuries apart
	CREATE TABLE ts (id serial PRIMARY KEY, v trend_summary);
	INSERT INTO ts (v) SELECT trend_agg(timestamptz '2020-01-01 00:00+00' + i * interval '37 minutes 0.123457 seconds',
	  likes * (CASE WHEN g % 3 = 0 THEN 1e-300 WHEN g % 3 = 1 THEN 1e140 ELSE -1.5 END)) FROM raw GROUP BY g;
	INSERT INTO ts (v) SELECT trend_agg(timestamptz '2020-01-01 00:00+00' + i * interval '1 day', comments) FROM raw;
	INSERT INTO ts (v) SELECT rollup(v) FROM ts;
	INSERT INTO ts (v) SELECT trend_agg(t, 1) FROM (VALUES (timestamptz '4713-01-01 00:00+00 BC'),
	  ('294000-01-01 00:00+00')) x(t);
	INSERT INTO ts (v) SELECT trend_agg(now(), 42);
	-- anomalies: every change flagged (threshold 0), per group, tiny and huge values,
	-- microsecond times (a composite of standard types: its arrays read back too)
	CREATE TABLE ar (id serial PRIMARY KEY, v anomaly_result);
	INSERT INTO ar (v) SELECT anomalies(0) WITHIN GROUP (ORDER BY t, y)
	  FROM (SELECT g, timestamptz '2020-01-01 00:00+00' + i * interval '37 minutes 0.123457 seconds' AS t,
	               likes * (CASE WHEN g % 3 = 0 THEN 1e-300 WHEN g % 3 = 1 THEN 1e140 ELSE -1.5 END) AS y FROM raw) r
	 GROUP BY g;
	INSERT INTO ar (v) SELECT anomalies() WITHIN GROUP (ORDER BY t, y)
	  FROM (SELECT timestamptz '2020-01-01 00:00+00' + i * interval '1 microsecond' AS t, comments AS y FROM raw) r;
	-- live sessions: per group (10-decimal money, absent columns), whole, rolled up, extremes
	CREATE TABLE ls (id serial PRIMARY KEY, v live_summary);
	INSERT INTO ls (v) SELECT live_agg(round((random() * 1e6)::numeric, 10), shares, least(saves, shares),
	  likes + comments, likes, views, followers, CASE WHEN g % 2 = 0 THEN views END, comments, shares + 5,
	  CASE WHEN g % 3 = 0 THEN NULL ELSE 0.0000000001 END, least(saves, shares), saves, comments, likes,
	  CASE WHEN g % 4 = 0 THEN followers END, CASE WHEN g % 5 <> 0 THEN round(random()::numeric, 2) END, NULL)
	  FROM raw GROUP BY g;
	INSERT INTO ls (v) SELECT live_agg(1.5, 1, 1, 2, 1, 0, 0, 0, 0, 1, 0.25, 0, 0, 0, 0) FROM raw;
	INSERT INTO ls (v) SELECT rollup(v) FROM ls;
	INSERT INTO ls (v) SELECT live_agg(17014118346046923173168730371.5884105727, 9223372036854775807, 0,
	  9223372036854775807, 0, 9223372036854775807, 9223372036854775807, 0, 0, 9223372036854775807,
	  17014118346046923173168730371.5884105727, 0, 0, 0, 0, 0, 0.0000000001, 1e-10);
	INSERT INTO ls (v) SELECT live_agg(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	-- comment sentiment: per group, whole, rolled up (twice), one text, texts at the score limits
	CREATE TABLE ss (id serial PRIMARY KEY, v sentiment_summary);
	INSERT INTO ss (v) SELECT sentiment_agg((ARRAY['很好用，回购！[赞]', 'terrible, never again 😡', '求链接',
	  '太甜了，不过包装很好看', 'Not bad at all!!!', repeat('好', 40), repeat('垃圾！', 30)])[1 + (i + g) % 7] || i)
	  FROM raw GROUP BY g;
	INSERT INTO ss (v) SELECT sentiment_agg(repeat('好', 1 + i % 50)) FROM raw;
	INSERT INTO ss (v) SELECT rollup(v) FROM ss;
	INSERT INTO ss (v) SELECT rollup(v) FROM ss;
	INSERT INTO ss (v) SELECT sentiment_agg('ok');
	INSERT INTO ss (v) SELECT sentiment_agg(t) FROM (VALUES (repeat('love ', 5000)), (repeat('hate ', 5000))) x(t);
	-- ingested posts, valid and error rows whose error quotes long CJK counts
	CREATE TABLE ip (id serial PRIMARY KEY, v ingested_post);
	INSERT INTO ip (v) SELECT ingest_post('youtube', format(
	  '{"kind":"youtube#video","id":"v%s","snippet":{"channelId":"c"},"statistics":{"viewCount":"%s"}}',
	  i, CASE WHEN i % 3 = 0 THEN (likes)::text WHEN i % 3 = 1 THEN '12' || repeat('万', i % 40)
	          ELSE repeat('😀', i % 30) END), strict => false)
	  FROM raw WHERE i <= 600;
	-- profiles built from random JSON: labels with quotes, backslashes, CJK and emoji
	-- up to the 64-byte limit, weights from subnormal to 1e15, up to 32 dimensions;
	-- and the largest profile the limits allow (1,339,837 bytes of text)
	CREATE TABLE kp (id serial PRIMARY KEY, v kol_profile);
	CREATE FUNCTION pg_temp.lbl(k int, n int) RETURNS text LANGUAGE sql AS $$
	  SELECT left((ARRAY['"', '\', '美妆', '😀', 'a', ' ', '/'])[1 + (k * 7 + n) % 7] || k::text || repeat('x', n % 50), 60) $$;
	CREATE FUNCTION pg_temp.wt(k int) RETURNS float8 LANGUAGE sql AS $$
	  SELECT (ARRAY[5e-324, 1e-300, 0.1, 1, 123.456789012345678, 1e15, random()])[1 + k % 7]::float8 $$;
	INSERT INTO kp (v) SELECT format('{"categories": %s, "audience": %s, "languages": %s}',
	    (SELECT jsonb_object_agg(pg_temp.lbl(k, g), pg_temp.wt(k + g)) FROM generate_series(1, 1 + g % 256) k),
	    (SELECT coalesce(jsonb_object_agg('d' || d, (SELECT jsonb_object_agg(pg_temp.lbl(k, d), 1.0 / (1 + g % 20))
	        FROM generate_series(1, 1 + g % 20) k)), '{}') FROM generate_series(1, g % 33) d),
	    (SELECT coalesce(jsonb_agg(DISTINCT pg_temp.lbl(k, g)), '[]') FROM generate_series(1, g % 5) k))::kol_profile
	  FROM generate_series(1, 300) g;
	INSERT INTO kp (v) SELECT format('{"categories": %s, "audience": {%s}, "languages": [%s], "countries": [%s]}',
	  (SELECT jsonb_object_agg(repeat('"', 60) || lpad(i::text, 4, '0'), 1e15::float8 / 7 / i) FROM generate_series(1, 256) i),
	  (SELECT string_agg(format('%s: %s', to_jsonb(repeat('"', 60) || lpad(d::text, 4, '0')),
	    (SELECT jsonb_object_agg(repeat('"', 60) || lpad(i::text, 4, '0'), (i::float8 / 32896)) FROM generate_series(1, 256) i)), ', ')
	   FROM generate_series(1, 32) d),
	  (SELECT string_agg(to_jsonb(repeat('"', 60) || lpad(i::text, 4, '0'))::text, ', ') FROM generate_series(1, 256) i),
	  (SELECT string_agg(to_jsonb(repeat('\', 60) || lpad(i::text, 4, '0'))::text, ', ') FROM generate_series(1, 256) i)
	  )::kol_profile;
	-- authenticity: per group, whole, rolled up; follower snapshots past the cap; comments
	-- with CJK, emoji and emote codes; cohorts with and without comments
	CREATE TABLE au (id serial PRIMARY KEY, v authenticity_summary);
	INSERT INTO au (v) SELECT authenticity_agg(likes, comments, shares, saves, views, followers,
	  timestamptz '2020-01-01 00:00+00' + i * interval '37 minutes 0.123457 seconds') FROM raw GROUP BY g;
	INSERT INTO au (v) SELECT authenticity_agg(likes, comments, shares, saves, views, followers, NULL) FROM raw;
	INSERT INTO au (v) SELECT rollup(v) FROM au;
	CREATE TABLE fs (id serial PRIMARY KEY, v follower_summary);
	INSERT INTO fs (v) SELECT follower_agg(timestamptz '2020-01-01 00:00+00' + (i % 1700) * interval '1 hour 0.5 seconds', followers)
	  FROM raw GROUP BY g;
	INSERT INTO fs (v) SELECT follower_agg(timestamptz '2020-01-01 00:00+00' + i * interval '1 day', followers) FROM raw;
	INSERT INTO fs (v) SELECT rollup(v) FROM fs;
	CREATE TABLE cm (id serial PRIMARY KEY, v comment_summary);
	INSERT INTO cm (v) SELECT comment_agg((ARRAY['[赞][赞]', '＋１', 'nice 😀', '求链接', ''])[1 + i % 5] || repeat('啊', (likes % 7)::int),
	  'u' || (comments % 97), timestamptz '2020-01-01 00:00+00' + i * interval '3 seconds') FROM raw GROUP BY g;
	INSERT INTO cm (v) SELECT rollup(v) FROM cm;
	CREATE TABLE co (id serial PRIMARY KEY, v authenticity_cohort);
	INSERT INTO co (v) SELECT authenticity_cohort_agg(a.v, c.v) FROM au a JOIN cm c USING (id);
	INSERT INTO co (v) SELECT authenticity_cohort_agg(v) FROM au;
	INSERT INTO co (v) SELECT rollup(v) FROM co;
EOF2
then pass "generate values"; else fail "generate values"; sed 's/^/#   /' "$SCRATCH/gen.log"; fi
for tb in es:engagement_summary cs:campaign_summary kp:kol_profile ip:ingested_post ts:trend_summary ar:anomaly_result ls:live_summary au:authenticity_summary fs:follower_summary cm:comment_summary co:authenticity_cohort ss:sentiment_summary; do
	n=${tb%%:*}; ty=${tb#*:}
	r=$("${PSQL[@]}" -At -d prop_src -c "SET search_path = public, kolmetrics;
		SELECT count(*) FROM $n WHERE v IS NOT NULL AND NOT (v::text::$ty = v)" 2>&1)
	[ "$r" = 0 ] && pass "$ty: v::text::$ty = v" || fail "$ty: text round trip ($r)"
done
r=$("${PSQL[@]}" -At -d prop_src -c "SET search_path = public, kolmetrics;
	SELECT count(*) FROM ip WHERE NOT ((v).error IS NULL OR convert_from(convert_to((v).error, 'UTF8'), 'UTF8') = (v).error)" 2>&1)
[ "$r" = 0 ] && pass "ingested_post: every error text is valid UTF-8" || fail "ingested_post: error texts ($r)"
# binary COPY out and back into fresh tables, equal row by row
for tb in es:engagement_summary cs:campaign_summary kp:kol_profile ip:ingested_post ts:trend_summary ar:anomaly_result ls:live_summary au:authenticity_summary fs:follower_summary cm:comment_summary co:authenticity_cohort ss:sentiment_summary; do
	n=${tb%%:*}; ty=${tb#*:}
	r=$("${PSQL[@]}" -At -d prop_src 2>&1 <<-EOF3
	SET search_path = public, kolmetrics;
	CREATE TEMP TABLE b (id int, v $ty);
	COPY (SELECT id, v FROM $n) TO '$SCRATCH/$n.bin' (FORMAT binary);
	COPY b FROM '$SCRATCH/$n.bin' (FORMAT binary);
	SELECT count(*) FROM $n a LEFT JOIN b USING (id) WHERE b.v IS DISTINCT FROM a.v OR NOT (b.v = a.v);
	EOF3
	)
	[ "$r" = 0 ] && pass "$ty: binary COPY round trip" || fail "$ty: binary COPY round trip ($r)"
done
# pg_dump -Fc and pg_restore into a new database: every row comes back equal
"$PGBIN/dropdb" --if-exists prop_dst 2>/dev/null
if "$PGBIN/pg_dump" -Fc -d prop_src -f "$SCRATCH/prop.dump" 2>"$SCRATCH/dump.log" &&
	"$PGBIN/createdb" prop_dst && "$PGBIN/pg_restore" -d prop_dst --exit-on-error "$SCRATCH/prop.dump" 2>"$SCRATCH/restore.log"; then
	pass "pg_dump/pg_restore of every table"
	for n in es cs kp ip ts ar ls au fs cm co ss; do
		a=$("${PSQL[@]}" -At -d prop_src -c "SELECT count(*), md5(string_agg(v::text, '|' ORDER BY id)) FROM $n")
		b=$("${PSQL[@]}" -At -d prop_dst -c "SELECT count(*), md5(string_agg(v::text, '|' ORDER BY id)) FROM $n")
		[ -n "$a" ] && [ "$a" = "$b" ] && pass "$n: restored rows equal ($a)" || fail "$n: restored rows differ ($a vs $b)"
	done
else
	fail "pg_dump/pg_restore of every table"; sed 's/^/#   /' "$SCRATCH"/*.log
fi
"$PGBIN/dropdb" --if-exists prop_dst 2>/dev/null
[ $status = 0 ] && "$PGBIN/dropdb" --if-exists prop_src 2>/dev/null
echo "1..$t"
exit $status
