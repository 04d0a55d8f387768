#!/usr/bin/env bash
# Scale-out (TAP): three shard servers and a coordinator on this machine, set up by the
# recipe test/scaleout/setup.sh (doc/scale-out.md): tables hash-partitioned by kol_id
# into postgres_fdw foreign tables, servers declared with extensions 'kolmetrics'.  The
# coordinator also holds the same rows in local tables (schema ref), and then
#   - rows inserted, copied or ingested (ingest_posts) through the coordinator land on the
#     shard of their hash partition, checked on each shard directly;
#   - every value of every type of the extension read back through the shards equals the
#     local one (text and =), and every such type is in a sharded column;
#   - every aggregate of the extension over the sharded tables equals its answer over the
#     local tables: bit for bit with ORDER BY in the aggregate (floating sums depend on the
#     order rows are added in, here as on one server), and up to rounding without it;
#     grouped by kol_id and over everything; the test fails when the extension has an
#     aggregate this list does not cover;
#   - EXPLAIN VERBOSE shows each aggregate grouped by kol_id in the shards' Remote SQL
#     (enable_partitionwise_aggregate), and the two-step global forms (rollup over the
#     pushed-down groups, per-shard subqueries) too;
#   - a fourth shard added by splitting a hash partition (modulus 3 -> 6) holds the right
#     rows and the answers stay the same;
#   - a query that needs a stopped shard fails with a connection error; one pruned to the
#     live shards still answers.
# The recipe's per-shard summary tables (kol_month, kol_campaign, kol_series) are refreshed
# on the shards from their own rows.
set -uo pipefail
cd "$(dirname "$0")/../.."
T0=$(date +%s)
. test/scaleout/setup.sh
t=0; status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
diag() { sed 's/^/#   /'; }
SCRATCH=$(mktemp -d /tmp/kolmetrics-scaleout.XXXXXX)
trap 'scaleout_stop; rm -rf "$SCRATCH"' EXIT
if [ ! -f "$KM_DESTDIR/usr/share/postgresql/$PGV/extension/kolmetrics.control" ]; then
	bash test/setup.sh >/dev/null || { echo "Bail out! setup failed"; exit 1; }
fi
N=3
CONF=("shared_buffers = 32MB" "max_connections = 20" "max_parallel_workers_per_gather = 0")
if scaleout_start $N "${CONF[@]}" >"$SCRATCH/start.log" 2>&1; then
	pass "$N shards and a coordinator started and built by test/scaleout/setup.sh ($(( $(date +%s) - T0 )) s)"
else
	fail "scale-out setup"; diag <"$SCRATCH/start.log"; echo "1..$t"; exit 1
fi
SP_SHARDED="SET search_path = public; SET enable_partitionwise_aggregate = on;"
SP_LOCAL="SET search_path = ref;"

# The reference rows, in local tables of the same shape (schema ref).
if so_coord -v partition_by= >"$SCRATCH/gen.log" 2>&1 <<'SQL'
CREATE SCHEMA ref;
SET search_path = ref;
\ir test/scaleout/tables.sql
SELECT setseed(0.31);
INSERT INTO kols
SELECT k, (ARRAY['weibo', 'douyin', 'xiaohongshu', 'bilibili', 'youtube', 'tiktok'])[1 + k % 6], f,
       kolmetrics.kol_tier(f),
       format('{"categories": {"美妆": %s, "skin\"care": %s}, "audience": {"age": {"18-24": 0.6, "25-34": 0.4}},
               "languages": ["zh"], "countries": ["CN"]}', k % 7 + 1, random())::kolmetrics.kol_profile,
       kolmetrics.ingest_post('youtube', format('{"kind": "youtube#video", "id": "v%s", "snippet": {"channelId": "c%s",
               "publishedAt": "2025-03-01T10:00:00Z"}, "statistics": {"viewCount": "%s", "likeCount": "%s"}}',
               k, k, CASE WHEN k % 9 = 0 THEN '12万' ELSE f::text END, k), strict => false),
       kolmetrics.ingest_live('douyin', format('{"data": {"room": {"id_str": "r%s", "owner_user_id": %s,
               "title": "直播 %s", "start_time": 1735722000, "finish_time": %s, "like_count": "%s",
               "stats": {"total_user": %s}, "room_view_stats": {"display_type": 3, "display_value": %s}}}}',
               k, k, k, CASE WHEN k % 4 = 0 THEN 0 ELSE 1735729200 END,
               CASE WHEN k % 9 = 0 THEN '1.2万' ELSE k::text END, f, CASE WHEN k % 13 = 0 THEN '-1' ELSE (2 * f)::text END),
               strict => false)
  FROM (SELECT k, floor(exp(random() * 16))::bigint AS f FROM generate_series(1, 200) k) x;
INSERT INTO posts
SELECT i, 1 + (i * 7919) % 200, 'douyin', timestamptz '2025-01-01 00:00+00' + random() * interval '365 days',
       floor(exp(random() * 12))::bigint, floor(random() * 500)::bigint, floor(random() * 50)::bigint,
       CASE WHEN i % 3 = 0 THEN NULL ELSE floor(random() * 20)::bigint END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE floor(exp(random() * 15))::bigint END,
       CASE WHEN i % 4 = 0 THEN NULL ELSE floor(random() * 30)::bigint END,
       CASE WHEN i % 97 = 0 THEN 0 ELSE floor(exp(random() * 16))::bigint END
  FROM generate_series(1, 6000) i;
INSERT INTO campaign_kols
SELECT c, k, round((random() * 5000)::numeric, 2), round((random() * 9000)::numeric, 2),
       floor(random() * 1e6)::bigint, floor(random() * 1e5)::bigint, floor(random() * 1e4)::bigint,
       floor(random() * 1e3)::bigint, floor(random() * 100)::bigint
  FROM generate_series(1, 40) c, generate_series(1, 200) k WHERE (c * k) % 11 = 0;
-- live sessions that keep every per-session rule (refunds <= GMV, paid <= created, ...);
-- half of them with room exposures and ads
INSERT INTO live_sessions
SELECT s, kol, at, gmv, paid, buyers, pv, uv, floor(uv * 120 * r1)::bigint, floor(uv * 0.04 * r2)::bigint,
       floor(pv * 0.7)::bigint, floor(pv * 0.07)::bigint, created, round(gmv * 0.2 * r1::numeric, 2), floor(paid * 0.2 * r1)::bigint,
       floor(uv * 0.01)::bigint, floor(pv * 0.02)::bigint, floor(pv * 0.5 * r2)::bigint,
       CASE WHEN s % 2 = 0 THEN pv * 4 END, CASE WHEN s % 2 = 0 THEN round(gmv * 0.25, 2) END,
       CASE WHEN s % 2 = 0 THEN round(gmv * 0.5 * r2::numeric, 2) END
  FROM (SELECT s, 1 + (s * 104729) % 200 AS kol, timestamptz '2025-01-01 00:00+00' + random() * interval '365 days' AS at,
               uv, uv + floor(uv * random())::bigint AS pv, paid, paid + floor(paid * 0.2 * random())::bigint AS created,
               floor(paid * (0.85 + 0.15 * random()))::bigint AS buyers,
               round((paid * (60 + 200 * random()))::numeric, 2) AS gmv, random() AS r1, random() AS r2
          FROM (SELECT s, floor(exp(random() * 12))::bigint AS uv, floor(exp(random() * 7))::bigint AS paid
                  FROM generate_series(1, 1500) s) u) x;
INSERT INTO paths
SELECT p, 1 + (p * 7919) % 200,
       (SELECT array_agg((ARRAY['kol_a', 'kol_b', 'kol_c', 'search', 'feed', 'live'])[1 + floor(random() * 6)::int])
          FROM generate_series(1, 1 + p % 4) j WHERE j > 0),
       c, CASE WHEN c THEN round((random() * 800)::numeric, 2) END
  FROM (SELECT p, random() < 0.35 AS c FROM generate_series(1, 4000) p) x;
INSERT INTO texts
SELECT i, 1 + (i * 31) % 200,
       (ARRAY['粉底液很服帖，持妆一整天，回购！', '物流太慢了，客服也不理人 [怒]', 'not great, but the colour is LOVELY!!!',
              '品牌合作 广告 这款面霜真的好用', '#ad this serum is amazing 😍', '还没用，先收藏', '一般般吧，不太值',
              '恰饭视频，但是推荐的真的香', 'meh. the packaging broke', '好好好 [赞][赞]'])[1 + i % 10]
         || CASE WHEN i % 7 = 0 THEN ' 哈哈' ELSE '' END,
       i % 3 = 0, 'u' || (i * 17 % 90), timestamptz '2025-01-01 00:00+00' + i * interval '17 minutes 3 seconds'
  FROM generate_series(1, 1500) i;
-- daily follower counts of every KOL over 60 days, one jump and purge every 13th KOL
INSERT INTO follower_snapshots
SELECT k, timestamptz '2025-03-01 00:00+00' + d * interval '1 day',
       1000 + k * 10 + d * (k % 7) + CASE WHEN k % 13 = 0 AND d = 30 THEN 5000 ELSE 0 END
  FROM generate_series(1, 200) k, generate_series(0, 59) d;
ANALYZE kols, posts, campaign_kols, live_sessions, paths, texts, follower_snapshots;
SQL
then pass "reference rows in local tables on the coordinator"
else fail "reference rows"; diag <"$SCRATCH/gen.log"; fi

# 1. Writes through the coordinator: INSERT routes posts, COPY routes campaign rows.
if so_coord >"$SCRATCH/load.log" 2>&1 <<'SQL'
INSERT INTO public.kols SELECT * FROM ref.kols ORDER BY kol_id;
INSERT INTO public.posts SELECT * FROM ref.posts ORDER BY post_id;
INSERT INTO public.live_sessions SELECT * FROM ref.live_sessions ORDER BY session_id;
INSERT INTO public.paths SELECT * FROM ref.paths ORDER BY path_id;
INSERT INTO public.texts SELECT * FROM ref.texts ORDER BY text_id;
INSERT INTO public.follower_snapshots SELECT * FROM ref.follower_snapshots ORDER BY kol_id, observed_at;
SQL
then pass "INSERT through the coordinator into the partitioned kols and posts"
else fail "INSERT through the coordinator"; diag <"$SCRATCH/load.log"; fi
if so_coord -c "COPY (SELECT * FROM ref.campaign_kols ORDER BY campaign_id, kol_id) TO STDOUT" |
   so_coord -c "COPY public.campaign_kols FROM STDIN" >"$SCRATCH/copy.log" 2>&1
then pass "COPY through the coordinator into the partitioned campaign_kols"
else fail "COPY into campaign_kols"; diag <"$SCRATCH/copy.log"; fi

# Ingest: a Weibo list payload mapped by ingest_posts, inserted through the coordinator
# (and into the reference); the author's account id is the kol_id.
INGEST="SELECT (post_id::bigint), author_id::bigint, 'weibo', posted_at, likes, comments, shares, saves,
        views, extra, followers
   FROM kolmetrics.ingest_posts('weibo', (SELECT json_agg(json_build_object(
        'id', (900000 + i)::text, 'created_at', 'Tue Jun 08 09:35:04 +0800 2025',
        'user', json_build_object('id', 1 + i * 13 % 200, 'followers_count', (i * 7) || '.3万'),
        'reposts_count', i * 3, 'comments_count', i, 'attitudes_count', i * 11))
        FROM generate_series(1, 60) i)::text)"
if so_coord -c "INSERT INTO public.posts $INGEST" -c "INSERT INTO ref.posts $INGEST" >"$SCRATCH/ingest.log" 2>&1
then pass "ingest_posts rows inserted through the coordinator"
else fail "ingest_posts through the coordinator"; diag <"$SCRATCH/ingest.log"; fi

# Each shard, asked directly, holds exactly the rows of its hash remainder.
check_routing() {
	local tab=$1 where=$2 what=$3 i want got bad=""
	for i in $(seq 1 $N); do
		want=$(so_coord -At -c "SELECT count(*) FROM ref.$tab WHERE ($where)
			AND satisfies_hash_partition('public.$tab'::regclass, $N, $((i - 1)), kol_id)")
		got=$(so_shard "$i" -At -c "SELECT count(*) FROM public.$tab WHERE ($where)")
		[ "$want" = "$got" ] && [ "$got" -gt 0 ] || bad="$bad shard$i: $got rows, hash remainder $((i - 1)) has $want;"
		counts="$counts $got"
	done
	if [ -z "$bad" ]; then pass "$what land on their hash partition's shard (per shard:$counts)"
	else fail "$what routed wrong:$bad"; fi
}
counts=""; check_routing kols true "kols inserted through the coordinator"
counts=""; check_routing posts "post_id < 900000" "posts inserted through the coordinator"
counts=""; check_routing posts "post_id > 900000" "posts ingested with ingest_posts"
counts=""; check_routing campaign_kols true "campaign rows copied through the coordinator"

# 2. Summaries refreshed on the shards, from their own rows; the same script on ref.
if scaleout_refresh 2025-01-01 >"$SCRATCH/refresh.log" 2>&1 &&
   so_coord -c "$SP_LOCAL" -v since=2025-01-01 -f test/scaleout/refresh.sql >>"$SCRATCH/refresh.log" 2>&1
then pass "summary tables refreshed on each shard by test/scaleout/refresh.sql"
else fail "refresh"; diag <"$SCRATCH/refresh.log"; fi

# 3. Every value of every type, read through the shards, equals the local one.
compare_table() {
	local tab=$1 keys=$2 r
	r=$(so_coord -At -c "SELECT count(*), count(*) FILTER (WHERE l IS NULL OR s IS NULL OR l::text <> s::text)
	   FROM ref.$tab l FULL JOIN public.$tab s USING ($keys)" 2>&1)
	local eq
	eq=$(so_coord -At -c "SET search_path = kolmetrics, public" -c "SELECT count(*) FROM ref.$tab l JOIN public.$tab s USING ($keys)
	   WHERE NOT ($3)" 2>&1)
	if [[ "$r" =~ ^[1-9][0-9]*\|0$ ]] && [ "$eq" = 0 ]; then
		pass "$tab read through the shards equals the local rows (${r%|*} rows, text and =)"
	else fail "$tab through the shards differs: $r / $eq"; fi
}
compare_table kols kol_id "l.platform = s.platform AND l.tier = s.tier AND l.profile = s.profile
	AND l.last_post::text = s.last_post::text AND (l.last_post).error IS NOT DISTINCT FROM (s.last_post).error
	AND l.last_live::text = s.last_live::text AND (l.last_live).error IS NOT DISTINCT FROM (s.last_live).error"
compare_table kol_month "kol_id, month" "l.engagement = s.engagement AND l.likes_trend = s.likes_trend"
compare_table kol_campaign "kol_id, campaign_id" "l.totals = s.totals"
compare_table kol_live "kol_id, month" "l.live = s.live"
compare_table kol_series kol_id "l.likes_forecast IS NOT DISTINCT FROM s.likes_forecast
	AND l.likes_anomalies IS NOT DISTINCT FROM s.likes_anomalies
	AND l.paths_markov::text IS NOT DISTINCT FROM s.paths_markov::text
	AND l.sentiment IS NOT DISTINCT FROM s.sentiment AND l.disclosure::text IS NOT DISTINCT FROM s.disclosure::text
	AND l.last_disclosure::text IS NOT DISTINCT FROM s.last_disclosure::text
	AND l.auth IS NOT DISTINCT FROM s.auth AND l.fol IS NOT DISTINCT FROM s.fol
	AND l.cmt IS NOT DISTINCT FROM s.cmt AND l.cohort_self IS NOT DISTINCT FROM s.cohort_self"
r=$(so_coord -At -c "SELECT count(likes_forecast), count(likes_anomalies), count(paths_markov),
	count(sentiment) + count(disclosure) + count(last_disclosure) + count(auth) + count(fol) + count(cmt) + count(cohort_self),
	count(*) FROM public.kol_series" 2>&1)
IFS='|' read -r nf na nm nt nk <<<"$r"
[ "${nf:-0}" -ge $((nk / 2)) ] && [ "${na:-0}" -ge $((nk / 2)) ] && [ "${nm:-0}" -ge $((nk / 2)) ] &&
	[ "${nt:-0}" -ge $((7 * nk / 2)) ] && [ "$nk" -ge 1 ] &&
	pass "kol_series holds a forecast for $nf, anomalies for $na, Markov results for $nm of $nk KOLs, $nt text and authenticity results" ||
	fail "kol_series mostly NULL: $r"
missing=$(so_coord -At -c "SELECT coalesce(string_agg(format_type(t.oid, NULL), ', '), '')
  FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 WHERE t.typtype IN ('b', 'c', 'd', 'e') AND t.typcategory <> 'A'
   AND NOT EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_partitioned_table p ON p.partrelid = a.attrelid
                    WHERE a.atttypid = t.oid AND NOT a.attisdropped)")
ntypes=$(so_coord -At -c "SELECT count(*) FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass
  AND d.objid = t.oid AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 WHERE t.typtype IN ('b', 'c', 'd', 'e') AND t.typcategory <> 'A'")
[ -z "$missing" ] && [ "$ntypes" -ge 6 ] && pass "all $ntypes types of the extension cross the wire in a sharded column" ||
	fail "types of the extension in no sharded column: $missing"

# 4. Aggregates: each query runs over the sharded tables (search_path public) and over the
# local ones (ref); the outputs must be equal.  NAME|SQL, one per line.
E6="likes, comments, shares, saves, views, followers"
E7="$E6, extra"
CA="revenue, cost, impressions, views, engagements, clicks, conversions"
L18="gmv, paid_orders, buyers, pv, uv, watch_seconds, peak_viewers, product_exposures, product_clicks, created_orders, refund_amount, refund_orders, followers_gained, comments, likes, room_exposures, ad_spend, ad_gmv"
L15="${L18%, room_exposures, ad_spend, ad_gmv}"
DAILY="(SELECT kol_id, date_trunc('day', posted_at AT TIME ZONE 'UTC') AS day, sum(likes)::float8 AS likes FROM posts GROUP BY 1, 2) d"
EXACT=$(cat <<EOF
engagement_agg/6 by kol_id|SELECT kol_id, kolmetrics.engagement_agg($E6 ORDER BY post_id) FROM posts GROUP BY 1 ORDER BY 1
engagement_agg/7 by kol_id|SELECT kol_id, kolmetrics.engagement_agg($E7 ORDER BY post_id) FROM posts GROUP BY 1 ORDER BY 1
engagement_agg/6 over all|SELECT kolmetrics.engagement_agg($E6 ORDER BY post_id) FROM posts
engagement_agg/7 over all|SELECT kolmetrics.engagement_agg($E7 ORDER BY post_id) FROM posts
rollup(engagement_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(engagement ORDER BY month) FROM kol_month GROUP BY 1 ORDER BY 1
rollup(engagement_summary) by month|SELECT month, kolmetrics.rollup(engagement ORDER BY kol_id) FROM kol_month GROUP BY 1 ORDER BY 1
rollup(engagement_summary) over all|SELECT kolmetrics.rollup(engagement ORDER BY kol_id, month) FROM kol_month
campaign_agg by kol_id|SELECT kol_id, kolmetrics.campaign_agg($CA) FROM campaign_kols GROUP BY 1 ORDER BY 1
campaign_agg by campaign|SELECT campaign_id, kolmetrics.campaign_agg($CA) FROM campaign_kols GROUP BY 1 ORDER BY 1
campaign_agg over all|SELECT kolmetrics.campaign_agg($CA) FROM campaign_kols
rollup(campaign_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(totals) FROM kol_campaign GROUP BY 1 ORDER BY 1
rollup(campaign_summary) over all|SELECT kolmetrics.rollup(totals) FROM kol_campaign
campaign_roi by kol_id|SELECT kol_id, kolmetrics.campaign_roi(revenue, cost) FROM campaign_kols GROUP BY 1 ORDER BY 1
campaign_roi over all|SELECT kolmetrics.campaign_roi(revenue, cost) FROM campaign_kols
trend_agg by kol_id|SELECT kol_id, kolmetrics.trend_agg(posted_at, likes ORDER BY post_id) FROM posts GROUP BY 1 ORDER BY 1
trend_agg over all|SELECT kolmetrics.trend_agg(posted_at, likes ORDER BY post_id) FROM posts
rollup(trend_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(likes_trend ORDER BY month) FROM kol_month GROUP BY 1 ORDER BY 1
rollup(trend_summary) over all|SELECT kolmetrics.rollup(likes_trend ORDER BY kol_id, month) FROM kol_month
anomalies() by kol_id|SELECT kol_id, kolmetrics.anomalies() WITHIN GROUP (ORDER BY day, likes) FROM $DAILY GROUP BY 1 ORDER BY 1
anomalies(threshold) by kol_id|SELECT kol_id, kolmetrics.anomalies(2.5) WITHIN GROUP (ORDER BY day, likes) FROM $DAILY GROUP BY 1 ORDER BY 1
anomalies() over all|SELECT kolmetrics.anomalies() WITHIN GROUP (ORDER BY day, likes) FROM (SELECT day, sum(likes) AS likes FROM $DAILY GROUP BY 1) d
holt_forecast fitted by kol_id|SELECT kol_id, kolmetrics.holt_forecast(4, 0.9) WITHIN GROUP (ORDER BY day, likes) FROM $DAILY GROUP BY 1 ORDER BY 1
holt_forecast fixed by kol_id|SELECT kol_id, kolmetrics.holt_forecast(4, 0.5, 0.2, 0.9, 0.8) WITHIN GROUP (ORDER BY day, likes) FROM $DAILY GROUP BY 1 ORDER BY 1
holt_forecast seasonal fitted over all|SELECT kolmetrics.holt_forecast(7, 7, 0.9) WITHIN GROUP (ORDER BY day, likes) FROM (SELECT day, sum(likes) AS likes FROM $DAILY GROUP BY 1) d
holt_forecast seasonal fixed over all|SELECT kolmetrics.holt_forecast(7, 7, 0.4, 0.1, 0.95, 0.2, 0.8) WITHIN GROUP (ORDER BY day, likes) FROM (SELECT day, sum(likes) AS likes FROM $DAILY GROUP BY 1) d
live_agg/15 by kol_id|SELECT kol_id, kolmetrics.live_agg($L15) FROM live_sessions GROUP BY 1 ORDER BY 1
live_agg/18 by kol_id|SELECT kol_id, kolmetrics.live_agg($L18) FROM live_sessions GROUP BY 1 ORDER BY 1
live_agg/18 over all|SELECT kolmetrics.live_agg($L18) FROM live_sessions
rollup(live_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(live) FROM kol_live GROUP BY 1 ORDER BY 1
rollup(live_summary) over all|SELECT kolmetrics.rollup(live) FROM kol_live
markov_attribution by kol_id|SELECT kol_id, kolmetrics.markov_attribution(path, converted) FROM paths GROUP BY 1 ORDER BY 1
markov_attribution with value over all|SELECT kolmetrics.markov_attribution(path, converted, value) FROM paths
sentiment_agg by kol_id|SELECT kol_id, kolmetrics.sentiment_agg(body ORDER BY text_id) FROM texts GROUP BY 1 ORDER BY 1
sentiment_agg over all|SELECT kolmetrics.sentiment_agg(body ORDER BY text_id) FROM texts
rollup(sentiment_summary) over all|SELECT kolmetrics.rollup(sentiment ORDER BY kol_id) FROM kol_series
disclosure_agg by kol_id|SELECT kol_id, kolmetrics.disclosure_agg(body, is_sponsored, 'cn') FROM texts GROUP BY 1 ORDER BY 1
disclosure_agg over all|SELECT kolmetrics.disclosure_agg(body, is_sponsored, 'us') FROM texts
authenticity_agg by kol_id|SELECT kol_id, kolmetrics.authenticity_agg($E6, posted_at ORDER BY post_id) FROM posts GROUP BY 1 ORDER BY 1
authenticity_agg over all|SELECT kolmetrics.authenticity_agg($E6, posted_at ORDER BY post_id) FROM posts
rollup(authenticity_summary) over all|SELECT kolmetrics.rollup(auth ORDER BY kol_id) FROM kol_series
follower_agg by kol_id|SELECT kol_id, kolmetrics.follower_agg(observed_at, followers ORDER BY observed_at) FROM follower_snapshots GROUP BY 1 ORDER BY 1
rollup(follower_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(fol) FROM kol_series GROUP BY 1 ORDER BY 1
comment_agg by kol_id|SELECT kol_id, kolmetrics.comment_agg(body, author, posted_at ORDER BY text_id) FROM texts GROUP BY 1 ORDER BY 1
comment_agg over all|SELECT kolmetrics.comment_agg(body, author, posted_at ORDER BY text_id) FROM texts
rollup(comment_summary) over all|SELECT kolmetrics.rollup(cmt ORDER BY kol_id) FROM kol_series
authenticity_cohort_agg over all|SELECT kolmetrics.authenticity_cohort_agg(auth ORDER BY kol_id) FROM kol_series
authenticity_cohort_agg with comments by kol_id % 3|SELECT kol_id % 3, kolmetrics.authenticity_cohort_agg(auth, cmt ORDER BY kol_id) FROM kol_series GROUP BY 1 ORDER BY 1
rollup(authenticity_cohort) over all|SELECT kolmetrics.rollup(c ORDER BY g) FROM (SELECT kol_id % 3 AS g, kolmetrics.authenticity_cohort_agg(auth ORDER BY kol_id) AS c FROM kol_series GROUP BY 1) x
authenticity_score by kol_id|SELECT s.kol_id, kolmetrics.authenticity_score(s.auth, c.c, s.fol, s.cmt) FROM kol_series s, (SELECT kolmetrics.authenticity_cohort_agg(auth, cmt ORDER BY kol_id) AS c FROM kol_series) c ORDER BY 1
two-step engagement over all|SELECT kolmetrics.rollup(s ORDER BY kol_id) FROM (SELECT kol_id, kolmetrics.engagement_agg($E7 ORDER BY post_id) s FROM posts GROUP BY 1) x
two-step 12-month scorecard|SELECT kol_id, kolmetrics.pooled_engagement_rate(s), kolmetrics.avg_engagement_rate(s), kolmetrics.slope(t) FROM (SELECT kol_id, kolmetrics.rollup(engagement ORDER BY month) s, kolmetrics.rollup(likes_trend ORDER BY month) t FROM kol_month WHERE month >= '2025-01-01' AND month < '2026-01-01' GROUP BY 1) x ORDER BY 1
EOF
)
# The same without ORDER BY, as analysts write them: equal up to rounding.
PLAIN=$(cat <<EOF
engagement_agg/6 by kol_id|SELECT kol_id, kolmetrics.engagement_agg($E6) FROM posts GROUP BY 1 ORDER BY 1
engagement_agg/7 by kol_id|SELECT kol_id, kolmetrics.engagement_agg($E7) FROM posts GROUP BY 1 ORDER BY 1
engagement_agg/7 over all|SELECT kolmetrics.engagement_agg($E7) FROM posts
rollup(engagement_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(engagement) FROM kol_month GROUP BY 1 ORDER BY 1
rollup(engagement_summary) over all|SELECT kolmetrics.rollup(engagement) FROM kol_month
trend_agg by kol_id|SELECT kol_id, kolmetrics.trend_agg(posted_at, likes) FROM posts GROUP BY 1 ORDER BY 1
trend_agg over all|SELECT kolmetrics.trend_agg(posted_at, likes) FROM posts
rollup(trend_summary) by kol_id|SELECT kol_id, kolmetrics.rollup(likes_trend) FROM kol_month GROUP BY 1 ORDER BY 1
rollup(trend_summary) over all|SELECT kolmetrics.rollup(likes_trend) FROM kol_month
EOF
)
run_both() {	# run_both SQL -> $SCRATCH/sharded $SCRATCH/local
	so_coord -At -c "$SP_SHARDED" -c "$1" >"$SCRATCH/sharded" 2>&1
	so_coord -At -c "$SP_LOCAL" -c "$1" >"$SCRATCH/local" 2>&1
}
while IFS='|' read -r name sql; do
	run_both "$sql"
	n=$(wc -l <"$SCRATCH/local")
	if [ "$n" -ge 1 ] && ! grep -q ERROR "$SCRATCH/local" && cmp -s "$SCRATCH/sharded" "$SCRATCH/local"; then
		pass "$name through the shards equals one server's answer, bit for bit ($n rows)"
	else
		fail "$name through the shards differs from one server's"; diff "$SCRATCH/local" "$SCRATCH/sharded" | cut -c1-300 | head -n 8 | diag
	fi
done <<<"$EXACT"
while IFS='|' read -r name sql; do
	run_both "$sql"
	if r=$(python3 - "$SCRATCH/local" "$SCRATCH/sharded" <<'PY'
import re, sys
num = re.compile(r'-?\d+(?:\.\d+)?(?:e[-+]?\d+)?')
a, b = (open(f).read() for f in sys.argv[1:3])
worst, n = 0.0, 0
if num.sub('#', a) != num.sub('#', b) or 'ERROR' in a:
    sys.exit('shapes differ')
for x, y in zip(num.findall(a), num.findall(b)):
    n += 1
    if re.fullmatch(r'-?\d+', x) and re.fullmatch(r'-?\d+', y):
        if x != y: sys.exit('integer %s against %s' % (x, y))
        continue
    fx, fy = float(x), float(y)
    d = abs(fx - fy) / max(abs(fx), abs(fy), 1e-300)
    worst = max(worst, d)
print('%d numbers, largest relative difference %.1e' % (n, worst))
sys.exit(0 if worst <= 1e-9 else 1)
PY
	); then pass "$name without ORDER BY: integers equal, floats up to rounding ($r)"
	else fail "$name without ORDER BY differs: $r"; diff "$SCRATCH/local" "$SCRATCH/sharded" | cut -c1-300 | head -n 6 | diag; fi
done <<<"$PLAIN"

# Every aggregate of the extension is covered above.
so_coord -At -c "SET search_path = kolmetrics" -c "SELECT p.proname || '/' || p.pronargs || '/' || p.oid::regprocedure
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics' ORDER BY 1" >"$SCRATCH/aggs"
uncovered=""
while IFS=/ read -r name nargs sig; do
	case "$name/$nargs/$sig" in
	engagement_agg/6/*|engagement_agg/7/*|live_agg/15/*|live_agg/18/*) key="$name/$nargs" ;;
	authenticity_cohort_agg/1/*) key="authenticity_cohort_agg over" ;;
	authenticity_cohort_agg/2/*) key="authenticity_cohort_agg with comments" ;;
	rollup/*) key="rollup(${sig#rollup(}" ;;
	*) key="$name" ;;
	esac
	grep -qF "$key" <<<"$(cut -d'|' -f1 <<<"$EXACT")" || uncovered="$uncovered $sig"
done <"$SCRATCH/aggs"
if [ -z "$uncovered" ] && [ "$(wc -l <"$SCRATCH/aggs")" -ge 8 ]; then
	pass "all $(wc -l <"$SCRATCH/aggs") aggregates of the extension are compared through the shards"
else fail "aggregates of the extension not compared through the shards:$uncovered"; fi

# 5. Pushdown: grouped by the partition key, each aggregate runs on the shards.
PUSH=$(cat <<EOF
engagement_agg|SELECT kol_id, kolmetrics.engagement_agg($E6) FROM posts GROUP BY kol_id
engagement_agg|SELECT kol_id, kolmetrics.engagement_agg($E7) FROM posts GROUP BY kol_id
rollup|SELECT kol_id, kolmetrics.rollup(engagement) FROM kol_month WHERE month >= '2025-01-01' GROUP BY kol_id
campaign_agg|SELECT kol_id, kolmetrics.campaign_agg($CA) FROM campaign_kols GROUP BY kol_id
rollup|SELECT kol_id, kolmetrics.rollup(totals) FROM kol_campaign GROUP BY kol_id
campaign_roi|SELECT kol_id, kolmetrics.campaign_roi(revenue, cost) FROM campaign_kols GROUP BY kol_id
trend_agg|SELECT kol_id, kolmetrics.trend_agg(posted_at, likes) FROM posts GROUP BY kol_id
rollup|SELECT kol_id, kolmetrics.rollup(likes_trend) FROM kol_month GROUP BY kol_id
live_agg|SELECT kol_id, kolmetrics.live_agg($L18) FROM live_sessions GROUP BY kol_id
rollup|SELECT kol_id, kolmetrics.rollup(live) FROM kol_live GROUP BY kol_id
markov_attribution|SELECT kol_id, kolmetrics.markov_attribution(path, converted, value) FROM paths GROUP BY kol_id
sentiment_agg|SELECT kol_id, kolmetrics.sentiment_agg(body) FROM texts GROUP BY kol_id
authenticity_agg|SELECT kol_id, kolmetrics.authenticity_agg($E6, posted_at) FROM posts GROUP BY kol_id
follower_agg|SELECT kol_id, kolmetrics.follower_agg(observed_at, followers) FROM follower_snapshots GROUP BY kol_id
comment_agg|SELECT kol_id, kolmetrics.comment_agg(body, author, posted_at) FROM texts GROUP BY kol_id
engagement_agg|SELECT kol_id, kolmetrics.engagement_agg($E6 ORDER BY post_id) FROM posts GROUP BY kol_id
EOF
)
while IFS='|' read -r agg sql; do
	so_coord -At -c "$SP_SHARDED" -c "EXPLAIN VERBOSE $sql" >"$SCRATCH/plan" 2>&1
	k=$(grep -c "Remote SQL: SELECT kol_id, kolmetrics\.$agg(.* GROUP BY 1" "$SCRATCH/plan")
	if [ "$k" = $N ] && ! grep -qE '^ *(->  )?(Hash|Group|Finalize |Partial )?Aggregate' "$SCRATCH/plan"; then
		pass "pushed down to all $N shards: ${sql:0:90}"
	else fail "not pushed down ($k Remote SQL with $agg): $sql"; diag <"$SCRATCH/plan"; fi
done <<<"$PUSH"
# The same query with partitionwise aggregation off pulls the rows: a local Aggregate.
so_coord -At -c "SET search_path = public" -c "EXPLAIN VERBOSE SELECT kol_id, kolmetrics.engagement_agg($E6) FROM posts GROUP BY kol_id" >"$SCRATCH/plan" 2>&1
grep -q 'Aggregate' "$SCRATCH/plan" && ! grep -q 'Remote SQL: SELECT kol_id, kolmetrics' "$SCRATCH/plan" &&
	pass "without enable_partitionwise_aggregate the rows are pulled and aggregated on the coordinator" ||
	{ fail "plan without partitionwise aggregation"; diag <"$SCRATCH/plan"; }

# 6. The global answer without pulling raw rows: per-shard subqueries, written from the
# partitions' catalog, rolled up on the coordinator.
so_coord -At -o "$SCRATCH/pershard.sql" -c "SELECT 'SELECT kolmetrics.rollup(s) FROM (' || string_agg(format(
	'SELECT kolmetrics.engagement_agg($E7) AS s FROM %s', inhrelid::regclass), ' UNION ALL ' ORDER BY inhrelid::regclass::text)
	|| ') per_shard' FROM pg_inherits WHERE inhparent = 'public.posts'::regclass"
so_coord -At -c "$SP_SHARDED" -c "EXPLAIN VERBOSE $(cat "$SCRATCH/pershard.sql")" >"$SCRATCH/plan" 2>&1
k=$(grep -c 'Remote SQL: SELECT kolmetrics\.engagement_agg(' "$SCRATCH/plan")
a=$(grep -c 'Async Foreign Scan' "$SCRATCH/plan")
[ "$k" = $N ] && [ "$a" = $N ] && pass "per-shard subqueries: each shard computes its summary ($N Async Foreign Scans with the aggregate in Remote SQL)" ||
	{ fail "per-shard subqueries not pushed down ($k, $a)"; diag <"$SCRATCH/plan"; }
so_coord -At -c "$SP_SHARDED" -c "$(cat "$SCRATCH/pershard.sql")" >"$SCRATCH/sharded" 2>&1
so_coord -At -c "$SP_LOCAL" -c "SELECT kolmetrics.engagement_agg($E7) FROM posts" >"$SCRATCH/local" 2>&1
r=$(so_coord -At -c "SELECT kolmetrics.posts(a) = kolmetrics.posts(b) AND kolmetrics.total_interactions(a) = kolmetrics.total_interactions(b)
	AND abs(kolmetrics.avg_engagement_rate(a) / kolmetrics.avg_engagement_rate(b) - 1) < 1e-12
	AND abs(kolmetrics.stddev_engagement_rate(a, 'views') / kolmetrics.stddev_engagement_rate(b, 'views') - 1) < 1e-12
	AND kolmetrics.engagement_rate_percentile(a, 0.5) = kolmetrics.engagement_rate_percentile(b, 0.5)
	FROM (SELECT '$(cat "$SCRATCH/sharded")'::kolmetrics.engagement_summary a, '$(cat "$SCRATCH/local")'::kolmetrics.engagement_summary b) x" 2>&1)
[ "$r" = t ] && pass "per-shard summaries rolled up equal the one-pass summary of all posts (counts, median exactly; mean, stddev to 1e-12)" ||
	fail "per-shard rollup differs: $r"
so_coord -At -c "$SP_SHARDED" -c "EXPLAIN VERBOSE SELECT kolmetrics.rollup(s) FROM (SELECT kol_id, kolmetrics.engagement_agg($E7) s FROM posts GROUP BY kol_id) x" >"$SCRATCH/plan" 2>&1
k=$(grep -c 'Remote SQL: SELECT kol_id, kolmetrics\.engagement_agg(' "$SCRATCH/plan")
[ "$k" = $N ] && pass "rollup over the groups by kol_id: the groups are computed on the shards" ||
	{ fail "two-step by kol_id not pushed down"; diag <"$SCRATCH/plan"; }

# 7. Adding a shard: remainder 0 of 3 splits into remainders 0 and 3 of 6, the second on a
# new shard 4 (doc/scale-out.md).  The hash test runs on the coordinator (OFFSET 0 keeps
# satisfies_hash_partition from being shipped to the shard, where its oid means nothing).
if so_server "${CONF[@]}" >"$SCRATCH/add.log" 2>&1 && S4=$SO_LAST &&
   so_psql $S4 -v partition_by= -f test/scaleout/shard.sql >>"$SCRATCH/add.log" 2>&1 &&
   read -r _ host4 _ port4 _ <<<"$S4" &&
   so_coord >>"$SCRATCH/add.log" 2>&1 <<SQL
CREATE SERVER shard4 FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$host4', port '$port4',
  dbname 'postgres', extensions 'kolmetrics', async_capable 'true', batch_size '1000');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard4 OPTIONS (user 'postgres');
BEGIN;
ALTER TABLE posts DETACH PARTITION posts_1;
CREATE FOREIGN TABLE posts_4 PARTITION OF posts FOR VALUES WITH (MODULUS 6, REMAINDER 3)
  SERVER shard4 OPTIONS (schema_name 'public', table_name 'posts');
INSERT INTO posts_4 SELECT * FROM (SELECT * FROM posts_1 OFFSET 0) p
 WHERE satisfies_hash_partition('posts'::regclass, 6, 3, kol_id);
CREATE TEMP TABLE moved AS SELECT DISTINCT kol_id FROM posts_4;
DELETE FROM posts_1 WHERE kol_id IN (SELECT kol_id FROM moved);
ALTER TABLE posts ATTACH PARTITION posts_1 FOR VALUES WITH (MODULUS 6, REMAINDER 0);
COMMIT;
SQL
then pass "a fourth shard added by splitting posts' remainder 0 of 3 into 0 and 3 of 6"
else fail "adding a shard"; diag <"$SCRATCH/add.log"; fi
w0=$(so_coord -At -c "SELECT count(*) FROM ref.posts WHERE satisfies_hash_partition('public.posts'::regclass, 6, 0, kol_id)")
w3=$(so_coord -At -c "SELECT count(*) FROM ref.posts WHERE satisfies_hash_partition('public.posts'::regclass, 6, 3, kol_id)")
g0=$(so_shard 1 -At -c "SELECT count(*) FROM posts")
g3=$(so_psql $S4 -At -c "SELECT count(*) FROM posts")
[ "$w0" = "$g0" ] && [ "$w3" = "$g3" ] && [ "$g3" -gt 0 ] &&
	pass "after the split shard 1 holds remainder 0 of 6 ($g0 posts) and shard 4 remainder 3 of 6 ($g3 posts)" ||
	fail "after the split: shard 1 $g0 (want $w0), shard 4 $g3 (want $w3)"
run_both "SELECT kol_id, kolmetrics.engagement_agg($E7 ORDER BY post_id) FROM posts GROUP BY 1 ORDER BY 1"
k=$(so_coord -At -c "$SP_SHARDED" -c "EXPLAIN VERBOSE SELECT kol_id, kolmetrics.engagement_agg($E7) FROM posts GROUP BY 1" | grep -c 'Remote SQL: SELECT kol_id, kolmetrics.engagement_agg(')
cmp -s "$SCRATCH/sharded" "$SCRATCH/local" && [ "$k" = 4 ] &&
	pass "after the split engagement_agg by kol_id still equals one server's, pushed down to all 4 shards" ||
	fail "after the split: answers differ or not pushed down to 4 shards ($k)"

# 8. A stopped shard: queries that need it fail with a connection error; queries pruned to
# the live shards answer.
down_kol=$(so_coord -At -c "SELECT kol_id FROM ref.kols WHERE satisfies_hash_partition('public.kols'::regclass, $N, $((N - 1)), kol_id) LIMIT 1")
up_kol=$(so_coord -At -c "SELECT kol_id FROM ref.kols WHERE satisfies_hash_partition('public.kols'::regclass, $N, 0, kol_id) LIMIT 1")
pgtmp_as_owner "$PGBIN/pg_ctl" -D "${SO_PGTMPS[$((N - 1))]}/data" -m fast -w stop >/dev/null 2>&1
so_coord -c "\\set VERBOSITY verbose" -c "SELECT count(*) FROM posts" >"$SCRATCH/down.log" 2>&1
grep -q 'ERROR:  08001' "$SCRATCH/down.log" && grep -q 'could not connect to server "shard'$N'"' "$SCRATCH/down.log" &&
	pass "with shard $N stopped, a query over all posts fails: $(grep -o 'could not connect to server "[a-z0-9]*"' "$SCRATCH/down.log") (08001)" ||
	{ fail "query with a shard down"; diag <"$SCRATCH/down.log"; }
r=$(so_coord -At -c "$SP_SHARDED" -c "SELECT kolmetrics.posts(kolmetrics.engagement_agg($E6)) FROM posts WHERE kol_id = $up_kol" 2>&1)
w=$(so_coord -At -c "SELECT count(*) FROM ref.posts WHERE kol_id = $up_kol")
[ "$r" = "$w" ] && pass "with shard $N stopped, a query pruned to a live shard (kol_id = $up_kol) answers ($r posts)" ||
	fail "pruned query with a shard down: $r (want $w)"
so_coord -At -c "SELECT count(*) FROM posts WHERE kol_id = $down_kol" >"$SCRATCH/down.log" 2>&1 &&
	fail "a query on the stopped shard's KOL answered" ||
	pass "with shard $N stopped, a query on one of its KOLs (kol_id = $down_kol) fails rather than answering without it"

echo "# scale-out test ran in $(( $(date +%s) - T0 )) s"
echo "1..$t"
exit $status
