#!/usr/bin/env bash
# kol_tier / tier_label (C, cached configuration) against the lookups an analyst writes
# in SQL over the same configuration tables, over every post of the sample.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
# the correlated-subquery baselines are ~10x slower: at most 3 timed runs of them
sruns=$(( runs < 3 ? runs : 3 ))
n=$(psql -XAtc "SELECT count(*) FROM sample.posts")

c=$(bench_median_ms "$runs" "SELECT kolmetrics.kol_tier(followers), count(*) FROM sample.posts GROUP BY 1")
s=$(bench_median_ms "$sruns" "SELECT (SELECT t.tier FROM kolmetrics.tier_threshold t WHERE t.min_followers <= p.followers ORDER BY t.min_followers DESC LIMIT 1), count(*) FROM sample.posts p GROUP BY 1")
echo "kol_tier GROUP BY over $n posts: $c ms (baseline correlated subquery on tier_threshold: $s ms) ratio $(bench_ratio "$c" "$s")"

c=$(bench_median_ms "$runs" "SELECT kolmetrics.tier_label(followers, 'xiaohongshu'), count(*) FROM sample.posts GROUP BY 1")
s=$(bench_median_ms "$sruns" "SELECT (SELECT t.label FROM kolmetrics.tier_scheme t WHERE t.scheme = 'xiaohongshu' AND t.min_followers <= p.followers ORDER BY t.min_followers DESC LIMIT 1), count(*) FROM sample.posts p GROUP BY 1")
echo "tier_label GROUP BY over $n posts: $c ms (baseline correlated subquery on tier_scheme: $s ms) ratio $(bench_ratio "$c" "$s")"

c=$(bench_median_ms "$runs" "SELECT sum(kolmetrics.engagement_rate(likes, comments, shares, saves, followers, extra)) FROM sample.posts")
s=$(bench_median_ms "$runs" "SELECT sum((coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(extra, 0))::float8 / nullif(followers, 0)) FROM sample.posts")
echo "engagement_rate(counters) over $n posts: $c ms (baseline the same arithmetic in SQL: $s ms) ratio $(bench_ratio "$c" "$s")"
