#!/usr/bin/env bash
# The workspace refresh (doc/workspace.md) over `ws` (test/sample/workspace.sql, every sample
# post): a day of new posts (as many as the sample's average day, on 2025-07-01, one per
# account of a random subset) refreshed incrementally, against the full recompute
# refresh_workspace('ws', true) and against the bare aggregation of every (account, day)
# from the posts (no writes: the floor of any full recompute).  Each incremental run inserts
# the day, times the refresh, then deletes the day and refreshes again (untimed).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
psql() { command psql -X -v ON_ERROR_STOP=1 "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
n=$(psql -At -c "SELECT count(*) FROM ws.post")
per_day=$(psql -At -c "SELECT ceil(count(*) / 365.0)::bigint FROM ws.post")
accounts=$(psql -At -c "SELECT count(*) FROM ws.account")
psql -q -At -c "SELECT * FROM kolmetrics.refresh_workspace('ws')" >/dev/null
insert="INSERT INTO ws.post (account_id, platform_post_id, posted_at, likes, comments, shares, views, followers)
SELECT a.account_id, 'bench-' || g || '-' || a.account_id, timestamptz '2025-07-01 00:00+00' + (g * 7 % 86400) * interval '1 second',
       100 + g % 50, 10, 5, 3000, coalesce(a.followers, 1000)
  FROM generate_series(1, $per_day) g
  JOIN ws.account a ON a.account_id = 1 + (hashint4(g) & 2147483647) % $accounts"
times=()
for i in $(seq 1 "$runs"); do
	psql -q -c "$insert"
	t0=$(now_ms)
	days=$(psql -At -c "SELECT days || ' days, ' || months || ' months' FROM kolmetrics.refresh_workspace('ws')")
	times+=($(( $(now_ms) - t0 )))
	psql -q -c "DELETE FROM ws.post WHERE platform_post_id LIKE 'bench-%'"
	psql -q -At -c "SELECT * FROM kolmetrics.refresh_workspace('ws')" >/dev/null
done
t_inc=$(printf '%s\n' "${times[@]}" | median)
ftimes=()
for i in $(seq 1 $(( runs < 3 ? runs : 3 ))); do
	t0=$(now_ms)
	psql -q -At -c "SELECT * FROM kolmetrics.refresh_workspace('ws', true)" >/dev/null
	ftimes+=($(( $(now_ms) - t0 )))
done
t_full=$(printf '%s\n' "${ftimes[@]}" | median)
q_agg="SELECT count(*) FROM (SELECT account_id, (posted_at AT TIME ZONE 'UTC')::date,
         kolmetrics.engagement_agg(likes, comments, shares, saves, views, followers, extra)
         FROM ws.post GROUP BY 1, 2) x"
t_agg=$(bench_median_ms "$(( runs < 3 ? runs : 3 ))" "$q_agg")
echo "refresh_workspace after a day of $per_day new posts ($days) over $n posts, $accounts accounts: $t_inc ms"
echo "  baseline full recompute refresh_workspace('ws', true): $t_full ms, speedup $(bench_ratio "$t_full" "$t_inc")x"
echo "  baseline bare aggregation of every (account, day), no writes: $t_agg ms, speedup $(bench_ratio "$t_agg" "$t_inc")x"
