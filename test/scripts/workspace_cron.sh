#!/usr/bin/env bash
# A scheduled refresh_workspace through pg_cron really runs (TAP).  On a throwaway server
# of its own with shared_preload_libraries = pg_cron (Debian postgresql-15-cron, 1.4:
# minute granularity, schedules in UTC, jobs in background workers here), a workspace
# gets posts that no refresh has seen; a job scheduled every minute must run within
# ~70 s, succeed, and leave the summaries filled and the change log empty.  The job is
# then unscheduled.  Skips (not fails) when pg_cron is not installed.
set -uo pipefail
cd "$(dirname "$0")/../.."
t=0
status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }

PGBIN=/usr/lib/postgresql/${PGV:-15}/bin
if [ ! -f "$("$PGBIN/pg_config" --pkglibdir)/pg_cron.so" ]; then
	echo "ok 1 - pg_cron scheduled refresh # SKIP postgresql-15-cron is not installed"
	echo "1..1"; exit 0
fi
# our own server, whatever the caller's is
unset PGHOST PGPORT PGDATABASE PGTMP
. test/pgtmp.sh
trap pgtmp_stop EXIT
pgtmp_start "shared_preload_libraries = 'pg_cron'" "cron.database_name = 'postgres'" \
	"cron.use_background_workers = on" "max_worker_processes = 16" "cron.timezone = 'UTC'" \
	|| { echo "Bail out! no server with pg_cron"; exit 1; }
sql() { "$PGBIN/psql" -X -At -q -v ON_ERROR_STOP=1 -d postgres "$@" 2>&1; }

out=$(sql <<-'SQL'
	CREATE EXTENSION kolmetrics;
	CREATE EXTENSION pg_cron;
	CREATE SCHEMA ws;
	SELECT kolmetrics.create_workspace('ws');
	INSERT INTO ws.kol (kol_id, name) VALUES (1, 'k');
	INSERT INTO ws.account (account_id, kol_id, platform, platform_account_id) VALUES (1, 1, 'douyin', 'a1');
	INSERT INTO ws.post (account_id, platform_post_id, posted_at, likes, comments, followers) VALUES
		(1, 'p1', '2025-01-05 01:00+00', 10, 1, 1000), (1, 'p2', '2025-01-06 01:00+00', 20, 2, 1000);
	SELECT extversion FROM pg_extension WHERE extname = 'pg_cron';
	SELECT count(*) FROM ws.account_day;
	SELECT cron.schedule('refresh ws', '* * * * *', $$SELECT * FROM kolmetrics.refresh_workspace('ws')$$) > 0;
SQL
)
if [ "$(tail -n 3 <<<"$out" | tr '\n' ' ')" = "$(tail -n 3 <<<"$out" | head -n 1) 0 t " ]; then
	pass "workspace with 2 unrefreshed days; job scheduled every minute (pg_cron $(tail -n 3 <<<"$out" | head -n 1))"
else
	fail "setting up the workspace and the job"; echo "$out" | sed 's/^/#   /'
fi

# wait for the first run (the next minute boundary, at most ~60 s away)
st=""
for i in $(seq 1 75); do
	st=$(sql -c "SELECT status FROM cron.job_run_details WHERE status IN ('succeeded', 'failed') ORDER BY runid LIMIT 1")
	[ -n "$st" ] && break
	sleep 1
done
if [ "$st" = succeeded ]; then
	pass "the scheduled refresh ran and succeeded (after ${i} s)"
else
	fail "no successful run within 75 s (status: ${st:-none})"
	sql -c "SELECT status, return_message FROM cron.job_run_details" | sed 's/^/#   /'
	tail -n 20 "$PGTMP/server.log" | sed 's/^/#   /'
fi
got=$(sql -c "SELECT string_agg(day || ':' || kolmetrics.posts(summary) || ':' || kolmetrics.total_interactions(summary), ' ' ORDER BY day)
              FROM ws.account_day" -c "SELECT count(*) FROM ws.post_change" -c "SELECT refreshed_at IS NOT NULL FROM ws.workspace")
want="2025-01-05:1:11 2025-01-06:1:22
0
t"
if [ "$got" = "$want" ]; then
	pass "after the job: account_day holds both days (11 and 22 interactions), the log is empty"
else
	fail "summaries after the job"; echo "$got" | sed 's/^/#   got:  /'
fi
if [ "$(sql -c "SELECT cron.unschedule('refresh ws')" -c "SELECT count(*) FROM cron.job")" = "t
0" ]; then
	pass "cron.unschedule removes the job"
else
	fail "cron.unschedule"
fi
echo "1..$t"
exit $status
