#!/usr/bin/env bash
# ingest_post (json-c, C) against the same mapping written in SQL with jsonb operators,
# over N generated raw payloads of mixed platforms (one realistic post shape per platform,
# built from sample.posts: Weibo mblog, WeChat appmsgstat, Channels count_info, Douyin
# aweme_detail, Xiaohongshu note_card with "1.2万" strings, Bilibili view data, Kuaishou
# photo with display strings, TikTok itemStruct stats/statsV2, Instagram media with
# insights, YouTube videos resource).  Both sides produce ids, posted_at and the seven
# counters; ingest_post also computes the rounded/floors/absent flags.
# Then the core alone, outside the server (test/bench/ingest_core_bench.c over the same
# payloads): CPU ns per payload with the fast parser and with json-c alone.
#   BENCH_INGEST_ROWS (default 1,000,000, capped by the sample's posts)
#   BENCH_INGEST_CORE_ROWS payloads for the core-only run (default 200,000; 0 skips it)
#   BENCH_INGEST_KEEP=1 keeps schema bench_ingest (to profile the queries by hand)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
rows=${BENCH_INGEST_ROWS:-1000000}

psql -X -q -v ON_ERROR_STOP=1 -v rows="$rows" <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_ingest CASCADE;
CREATE SCHEMA bench_ingest;
-- the count-string parser an analyst writes in SQL ("1.2万", "10万+", "1.5k", plain digits)
CREATE FUNCTION bench_ingest.cnt(s text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN s IS NULL OR s = '' THEN NULL
            WHEN s ~ '^[0-9]+$' THEN s::bigint
            ELSE round(replace(rtrim(s, '+万亿wWkK千MB '), ',', '')::numeric
                       * CASE WHEN s ~ '[万wW]' THEN 10000 WHEN s ~ '亿' THEN 100000000
                              WHEN s ~ '[kK千]' THEN 1000 WHEN s ~ 'M' THEN 1000000
                              WHEN s ~ 'B' THEN 1000000000 ELSE 1 END)::bigint END;
-- display form of a count: "12.3万" from 10,000 up
CREATE FUNCTION bench_ingest.disp(n bigint) RETURNS text LANGUAGE sql IMMUTABLE
RETURN CASE WHEN n >= 10000 THEN to_char(n / 10000.0, 'FM9999990.0') || '万' ELSE n::text END;

CREATE TABLE bench_ingest.payloads AS
SELECT p.post_id AS id, p.platform,
       (CASE p.platform
        WHEN 'weibo' THEN jsonb_build_object('mblog', jsonb_build_object(
             'id', p.post_id::text, 'created_at', to_char(p.posted_at AT TIME ZONE 'Asia/Shanghai', 'Dy Mon DD HH24:MI:SS +0800 YYYY'),
             'user', jsonb_build_object('id', p.kol_id, 'followers_count', p.followers),
             'reposts_count', p.shares, 'comments_count', p.comments, 'attitudes_count', p.likes))
        WHEN 'wechat' THEN jsonb_build_object('appmsgstat', jsonb_build_object(
             'read_num', least(p.views, 100001), 'like_num', coalesce(p.extra, 0), 'old_like_num', p.likes,
             'share_num', p.shares), 'comment_count', p.comments, 'appmsgid', p.post_id::text)
        WHEN 'wechat_channels' THEN jsonb_build_object('object', jsonb_build_object(
             'id', p.post_id::text, 'username', 'v2_' || p.kol_id || '@finder', 'createtime', extract(epoch FROM p.posted_at)::bigint,
             'count_info', jsonb_build_object('fav_count', p.likes, 'like_count', coalesce(p.extra, 0),
             'comment_count', p.comments, 'forward_count', p.shares)))
        WHEN 'douyin' THEN jsonb_build_object('aweme_detail', jsonb_build_object(
             'aweme_id', p.post_id::text, 'create_time', extract(epoch FROM p.posted_at)::bigint,
             'author', jsonb_build_object('uid', p.kol_id::text, 'follower_count', p.followers),
             'statistics', jsonb_build_object('digg_count', p.likes, 'comment_count', p.comments,
             'share_count', p.shares, 'collect_count', p.saves, 'play_count', 0)))
        WHEN 'xiaohongshu' THEN jsonb_build_object('id', md5(p.post_id::text), 'note_card', jsonb_build_object(
             'user', jsonb_build_object('user_id', md5(p.kol_id::text)), 'time', (extract(epoch FROM p.posted_at) * 1000)::bigint,
             'interact_info', jsonb_build_object('liked_count', bench_ingest.disp(p.likes),
             'collected_count', bench_ingest.disp(p.saves), 'comment_count', bench_ingest.disp(p.comments),
             'share_count', bench_ingest.disp(p.shares))))
        WHEN 'bilibili' THEN jsonb_build_object('code', 0, 'data', jsonb_build_object(
             'bvid', 'BV' || p.post_id, 'pubdate', extract(epoch FROM p.posted_at)::bigint,
             'owner', jsonb_build_object('mid', p.kol_id),
             'stat', jsonb_build_object('view', p.views, 'danmaku', coalesce(p.extra, 0) / 3, 'reply', p.comments,
             'favorite', p.saves, 'coin', coalesce(p.extra, 0) - coalesce(p.extra, 0) / 3, 'share', p.shares, 'like', p.likes)))
        WHEN 'kuaishou' THEN jsonb_build_object('author', jsonb_build_object('id', '3x' || p.kol_id),
             'photo', jsonb_build_object('id', '3x' || p.post_id, 'timestamp', (extract(epoch FROM p.posted_at) * 1000)::bigint,
             'realLikeCount', p.likes, 'likeCount', bench_ingest.disp(p.likes), 'viewCount', bench_ingest.disp(p.views),
             'commentCount', p.comments))
        WHEN 'tiktok' THEN jsonb_build_object('itemInfo', jsonb_build_object('itemStruct', jsonb_build_object(
             'id', p.post_id::text, 'createTime', extract(epoch FROM p.posted_at)::bigint::text,
             'author', jsonb_build_object('id', p.kol_id::text),
             'stats', jsonb_build_object('diggCount', p.likes, 'commentCount', p.comments, 'shareCount', p.shares,
                                         'collectCount', p.saves, 'playCount', p.views),
             'statsV2', jsonb_build_object('diggCount', p.likes::text, 'commentCount', p.comments::text,
                                           'shareCount', p.shares::text, 'collectCount', p.saves::text, 'playCount', p.views::text))))
        WHEN 'instagram' THEN jsonb_build_object('id', p.post_id::text, 'media_type', 'IMAGE',
             'timestamp', to_char(p.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+0000"'),
             'owner', jsonb_build_object('id', p.kol_id::text), 'like_count', p.likes, 'comments_count', p.comments,
             'insights', jsonb_build_object('data', jsonb_build_array(
                 jsonb_build_object('name', 'saved', 'values', jsonb_build_array(jsonb_build_object('value', p.saves))),
                 jsonb_build_object('name', 'views', 'values', jsonb_build_array(jsonb_build_object('value', p.views))))))
        ELSE jsonb_build_object('kind', 'youtube#video', 'id', 'yt' || p.post_id,
             'snippet', jsonb_build_object('publishedAt', to_char(p.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                           'channelId', 'UC' || p.kol_id),
             'statistics', jsonb_build_object('viewCount', p.views::text, 'likeCount', p.likes::text,
                                              'commentCount', p.comments::text))
        END)::text AS body
  FROM sample.posts p
 WHERE p.platform <> 'taobao_live'
 ORDER BY p.post_id
 LIMIT :rows;
ALTER TABLE bench_ingest.payloads ADD COLUMN jb jsonb;
UPDATE bench_ingest.payloads SET jb = body::jsonb;
VACUUM ANALYZE bench_ingest.payloads;
SQL

n=$(psql -XAtc "SELECT count(*) FROM bench_ingest.payloads")
mb=$(psql -XAtc "SELECT round(sum(octet_length(body)) / 1048576.0, 1) FROM bench_ingest.payloads")

# the mapping in SQL: one jsonb parse per row (OFFSET 0 keeps it from being inlined into every use)
read -r -d '' SQLMAP <<'SQL' || true
SELECT count(post_id), count(author_id), count(posted_at), sum(likes), sum(comments), sum(shares),
       sum(saves), sum(views), sum(extra), sum(followers)
  FROM (
SELECT CASE b.platform
         WHEN 'weibo' THEN j#>>'{mblog,id}' WHEN 'wechat' THEN j->>'appmsgid'
         WHEN 'wechat_channels' THEN j#>>'{object,id}' WHEN 'douyin' THEN j#>>'{aweme_detail,aweme_id}'
         WHEN 'xiaohongshu' THEN j->>'id' WHEN 'bilibili' THEN j#>>'{data,bvid}'
         WHEN 'kuaishou' THEN j#>>'{photo,id}' WHEN 'tiktok' THEN j#>>'{itemInfo,itemStruct,id}'
         WHEN 'instagram' THEN j->>'id' WHEN 'youtube' THEN j->>'id' END AS post_id,
       CASE b.platform
         WHEN 'weibo' THEN j#>>'{mblog,user,id}' WHEN 'wechat_channels' THEN j#>>'{object,username}'
         WHEN 'douyin' THEN j#>>'{aweme_detail,author,uid}' WHEN 'xiaohongshu' THEN j#>>'{note_card,user,user_id}'
         WHEN 'bilibili' THEN j#>>'{data,owner,mid}' WHEN 'kuaishou' THEN j#>>'{author,id}'
         WHEN 'tiktok' THEN j#>>'{itemInfo,itemStruct,author,id}' WHEN 'instagram' THEN j#>>'{owner,id}'
         WHEN 'youtube' THEN j#>>'{snippet,channelId}' END AS author_id,
       CASE b.platform
         WHEN 'weibo' THEN to_timestamp(j#>>'{mblog,created_at}', 'Dy Mon DD HH24:MI:SS TZHTZM YYYY')
         WHEN 'wechat_channels' THEN to_timestamp((j#>>'{object,createtime}')::bigint)
         WHEN 'douyin' THEN to_timestamp((j#>>'{aweme_detail,create_time}')::bigint)
         WHEN 'xiaohongshu' THEN to_timestamp((j#>>'{note_card,time}')::bigint / 1000.0)
         WHEN 'bilibili' THEN to_timestamp((j#>>'{data,pubdate}')::bigint)
         WHEN 'kuaishou' THEN to_timestamp((j#>>'{photo,timestamp}')::bigint / 1000.0)
         WHEN 'tiktok' THEN to_timestamp((j#>>'{itemInfo,itemStruct,createTime}')::bigint)
         WHEN 'instagram' THEN (j->>'timestamp')::timestamptz
         WHEN 'youtube' THEN (j#>>'{snippet,publishedAt}')::timestamptz END AS posted_at,
       CASE b.platform
         WHEN 'weibo' THEN (j#>>'{mblog,attitudes_count}')::bigint WHEN 'wechat' THEN (j#>>'{appmsgstat,old_like_num}')::bigint
         WHEN 'wechat_channels' THEN (j#>>'{object,count_info,fav_count}')::bigint
         WHEN 'douyin' THEN (j#>>'{aweme_detail,statistics,digg_count}')::bigint
         WHEN 'xiaohongshu' THEN bench_ingest.cnt(j#>>'{note_card,interact_info,liked_count}')
         WHEN 'bilibili' THEN (j#>>'{data,stat,like}')::bigint
         WHEN 'kuaishou' THEN coalesce((j#>>'{photo,realLikeCount}')::bigint, bench_ingest.cnt(j#>>'{photo,likeCount}'))
         WHEN 'tiktok' THEN coalesce(bench_ingest.cnt(j#>>'{itemInfo,itemStruct,statsV2,diggCount}'), (j#>>'{itemInfo,itemStruct,stats,diggCount}')::bigint)
         WHEN 'instagram' THEN (j->>'like_count')::bigint
         WHEN 'youtube' THEN (j#>>'{statistics,likeCount}')::bigint END AS likes,
       CASE b.platform
         WHEN 'weibo' THEN (j#>>'{mblog,comments_count}')::bigint WHEN 'wechat' THEN (j->>'comment_count')::bigint
         WHEN 'wechat_channels' THEN (j#>>'{object,count_info,comment_count}')::bigint
         WHEN 'douyin' THEN (j#>>'{aweme_detail,statistics,comment_count}')::bigint
         WHEN 'xiaohongshu' THEN bench_ingest.cnt(j#>>'{note_card,interact_info,comment_count}')
         WHEN 'bilibili' THEN (j#>>'{data,stat,reply}')::bigint
         WHEN 'kuaishou' THEN bench_ingest.cnt(j#>>'{photo,commentCount}')
         WHEN 'tiktok' THEN coalesce(bench_ingest.cnt(j#>>'{itemInfo,itemStruct,statsV2,commentCount}'), (j#>>'{itemInfo,itemStruct,stats,commentCount}')::bigint)
         WHEN 'instagram' THEN (j->>'comments_count')::bigint
         WHEN 'youtube' THEN (j#>>'{statistics,commentCount}')::bigint END AS comments,
       CASE b.platform
         WHEN 'weibo' THEN (j#>>'{mblog,reposts_count}')::bigint WHEN 'wechat' THEN (j#>>'{appmsgstat,share_num}')::bigint
         WHEN 'wechat_channels' THEN (j#>>'{object,count_info,forward_count}')::bigint
         WHEN 'douyin' THEN (j#>>'{aweme_detail,statistics,share_count}')::bigint
         WHEN 'xiaohongshu' THEN bench_ingest.cnt(j#>>'{note_card,interact_info,share_count}')
         WHEN 'bilibili' THEN (j#>>'{data,stat,share}')::bigint
         WHEN 'tiktok' THEN coalesce(bench_ingest.cnt(j#>>'{itemInfo,itemStruct,statsV2,shareCount}'), (j#>>'{itemInfo,itemStruct,stats,shareCount}')::bigint)
         END AS shares,
       CASE b.platform
         WHEN 'douyin' THEN (j#>>'{aweme_detail,statistics,collect_count}')::bigint
         WHEN 'xiaohongshu' THEN bench_ingest.cnt(j#>>'{note_card,interact_info,collected_count}')
         WHEN 'bilibili' THEN (j#>>'{data,stat,favorite}')::bigint
         WHEN 'tiktok' THEN coalesce(bench_ingest.cnt(j#>>'{itemInfo,itemStruct,statsV2,collectCount}'), (j#>>'{itemInfo,itemStruct,stats,collectCount}')::bigint)
         WHEN 'instagram' THEN (SELECT (e#>>'{values,0,value}')::bigint FROM jsonb_array_elements(j#>'{insights,data}') e WHERE e->>'name' = 'saved')
         END AS saves,
       CASE b.platform
         WHEN 'wechat' THEN (j#>>'{appmsgstat,read_num}')::bigint
         WHEN 'douyin' THEN nullif((j#>>'{aweme_detail,statistics,play_count}')::bigint, 0)
         WHEN 'bilibili' THEN (j#>>'{data,stat,view}')::bigint
         WHEN 'kuaishou' THEN bench_ingest.cnt(j#>>'{photo,viewCount}')
         WHEN 'tiktok' THEN coalesce(bench_ingest.cnt(j#>>'{itemInfo,itemStruct,statsV2,playCount}'), (j#>>'{itemInfo,itemStruct,stats,playCount}')::bigint)
         WHEN 'instagram' THEN (SELECT (e#>>'{values,0,value}')::bigint FROM jsonb_array_elements(j#>'{insights,data}') e WHERE e->>'name' = 'views')
         WHEN 'youtube' THEN (j#>>'{statistics,viewCount}')::bigint END AS views,
       CASE b.platform
         WHEN 'wechat' THEN (j#>>'{appmsgstat,like_num}')::bigint
         WHEN 'wechat_channels' THEN (j#>>'{object,count_info,like_count}')::bigint
         WHEN 'bilibili' THEN (j#>>'{data,stat,coin}')::bigint + (j#>>'{data,stat,danmaku}')::bigint END AS extra,
       CASE b.platform
         WHEN 'weibo' THEN bench_ingest.cnt(j#>>'{mblog,user,followers_count}')
         WHEN 'douyin' THEN nullif((j#>>'{aweme_detail,author,follower_count}')::bigint, 0) END AS followers
  FROM bench_ingest.payloads b, LATERAL (SELECT SOURCE AS j OFFSET 0) x
) s
SQL

read -r -d '' CMAP <<'SQL' || true
SELECT count(post_id), count(author_id), count(posted_at), sum(likes), sum(comments), sum(shares),
       sum(saves), sum(views), sum(extra), sum(followers)
  FROM bench_ingest.payloads b, LATERAL kolmetrics.ingest_post(b.platform, SOURCE) p
SQL

# both mappings must agree before they are timed
same=$(psql -XAtc "SELECT (SELECT row(x.*) FROM (${CMAP//SOURCE/b.body}) x) IS NOT DISTINCT FROM (SELECT row(y.*) FROM (${SQLMAP//SOURCE/b.body::jsonb}) y)")
if [ "$same" != t ]; then
	echo "!! C and SQL mappings differ:"
	psql -X -c "${CMAP//SOURCE/b.body}" -c "${SQLMAP//SOURCE/b.body::jsonb}"
fi
# the jsonb input path must map the stored jsonb to the same rows as the text
same_jb=$(psql -XAtc "SELECT (SELECT row(x.*) FROM (${CMAP//SOURCE/b.body}) x) IS NOT DISTINCT FROM (SELECT row(y.*) FROM (${CMAP//SOURCE/b.jb}) y)")
[ "$same_jb" = t ] || echo "!! ingest_post(text) and ingest_post(jsonb) differ"
echo "ingest: $n payloads ($mb MB of JSON text, 10 platforms); C and SQL mappings agree: $same; text and jsonb inputs agree: $same_jb"

floor=$(bench_median_ms "$runs" "SELECT sum(octet_length(body)) FROM bench_ingest.payloads")
c=$(bench_median_ms "$runs" "${CMAP//SOURCE/b.body}")
s=$(bench_median_ms "$runs" "${SQLMAP//SOURCE/b.body::jsonb}")
rate() { awk -v n="$n" -v ms="$1" 'BEGIN { if (ms > 0) printf "%.0f", n / (ms / 1000); else print "NaN" }'; }
echo "ingest_post(text) over $n payloads: $c ms (baseline body::jsonb + jsonb operators in SQL: $s ms) ratio $(bench_ratio "$c" "$s") (target <= 0.500: at least 2x faster), speedup $(bench_ratio "$s" "$c")x; $(rate "$c") rows/s vs $(rate "$s") rows/s; scan floor $floor ms"
c2=$(bench_median_ms "$runs" "${CMAP//SOURCE/b.jb}")
s2=$(bench_median_ms "$runs" "${SQLMAP//SOURCE/b.jb}")
echo "ingest_post(jsonb column) over $n payloads: $c2 ms (baseline jsonb operators on the stored jsonb: $s2 ms) ratio $(bench_ratio "$c2" "$s2"), speedup $(bench_ratio "$s2" "$c2")x; $(rate "$c2") rows/s vs $(rate "$s2") rows/s"

core_rows=${BENCH_INGEST_CORE_ROWS:-200000}
if [ "$core_rows" -gt 0 ]; then
	top=$(cd "$(dirname "$0")/../.." && pwd)
	tmp=$(mktemp -d /tmp/bench_ingest.XXXXXX)
	if ${CC:-cc} -std=gnu99 -O2 -I"$top/src/core" $(pkg-config --cflags json-c) \
		"$top/test/bench/ingest_core_bench.c" "$top"/src/core/*.c $(pkg-config --libs json-c) -lm \
		-o "$tmp/ingest_core_bench"; then
		psql -XAt -F $'\t' -c "SELECT platform, body FROM bench_ingest.payloads ORDER BY id LIMIT $core_rows" \
			>"$tmp/payloads.tsv"
		"$tmp/ingest_core_bench" "$tmp/payloads.tsv" "$runs" || echo "!! core bench failed"
	else
		echo "!! could not build ingest_core_bench"
	fi
	rm -rf "$tmp"
fi
if [ "${BENCH_INGEST_KEEP:-0}" != 1 ]; then
	psql -X -q -c "SET client_min_messages = warning" -c "DROP SCHEMA bench_ingest CASCADE"
fi
