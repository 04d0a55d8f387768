#!/usr/bin/env bash
# Memory test (TAP): ingest_posts over a 99,990-item list, three times in one session, on
# each payload path (text on the fast parser, text that json-c parses, jsonb).  The
# backend's memory contexts (pg_backend_memory_contexts) and its resident size (VmRSS and
# RssAnon of /proc/PID/status, which also see json-c's and the parse state's malloc) must
# not grow from the 2nd to the 3rd run, and a large list must not stay allocated after
# the call: the posts array alone is some 40 MB for 99,990 posts, and it used to be kept
# for good in the backend's parse state.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin ingmem
PSQL=("$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1)
t=0; status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
# bounds (kB): growth from the 2nd to the 3rd run, and what a list may leave behind
CTX_GROWTH=1024        # memory contexts: 1 MB
RSS_GROWTH=16384       # VmRSS / RssAnon: 16 MB (a kept posts array or tree is >= 40 MB)
RETAINED=32768         # RssAnon after the 3rd run over the warm-up baseline: 32 MB
"$PGBIN/dropdb" --if-exists ingmem 2>/dev/null
"$PGBIN/createdb" ingmem || { echo "Bail out! createdb"; exit 1; }

# measure TAG: "TAG ctx_kB" from SQL, then "TAG VmRSS kB" / "TAG RssAnon kB" from the shell
m() {
	printf '%s\n' "SELECT '$1 ctx ' || (sum(total_bytes) / 1024)::bigint FROM pg_backend_memory_contexts;" \
		"\\! grep -E '^(VmRSS|RssAnon):' /proc/\$BACKEND_PID/status | sed 's/^/$1 /'"
}
{
	echo "CREATE EXTENSION kolmetrics;"
	# 99,990 items of one object each (the payload may hold 100,000 objects)
	echo "CREATE TEMP TABLE pl AS SELECT '{\"kind\":\"youtube#videoListResponse\",\"items\":[' || string_agg(format('{\"kind\":\"youtube#video\",\"id\":\"v%s\"}', i), ',') || ']}' AS fast FROM generate_series(1, 99990) i;"
	# a decimal sends the whole payload to json-c
	echo "ALTER TABLE pl ADD slow text; UPDATE pl SET slow = replace(fast, '\"kind\":\"youtube#videoListResponse\"', '\"kind\":\"youtube#videoListResponse\",\"etag\":1.5');"
	echo "ALTER TABLE pl ADD jb jsonb; UPDATE pl SET jb = fast::jsonb;"
	echo "SELECT pg_backend_pid() AS pid \\gset"
	echo "\\setenv BACKEND_PID :pid"
	# warm-up: the same payloads read and refused before parsing (no shape for taobao_live)
	for c in fast slow jb; do
		echo "SELECT 'warm ' || count(*) FROM pl, kolmetrics.ingest_posts('taobao_live', pl.$c, strict => false);"
	done
	m base
	for c in fast slow jb; do
		for r in 1 2 3; do
			echo "SELECT 'count $c$r ' || count(*) FROM pl, kolmetrics.ingest_posts('youtube', pl.$c);"
			m "$c$r"
		done
	done
} >"$SCRATCH/mem.sql"
if "${PSQL[@]}" -d ingmem -f "$SCRATCH/mem.sql" >"$SCRATCH/mem.out" 2>"$SCRATCH/mem.err"; then
	pass "three runs of ingest_posts over 99,990 items on each path"
else
	fail "ingest_posts runs"; sed 's/^/#   /' "$SCRATCH/mem.err"
fi
val() { awk -v k="$1" -v f="$2" '$1 == k && $2 == f { print $3 }' "$SCRATCH/mem.out"; }
sed 's/^/# /' "$SCRATCH/mem.out" | grep -v "warm"
for c in fast slow jb; do
	n=$(grep -c "^count $c[123] 99990$" "$SCRATCH/mem.out")
	[ "$n" = 3 ] && pass "$c: 99990 rows each run" || fail "$c: rows ($n runs gave 99990)"
	for f in ctx VmRSS: RssAnon:; do
		a=$(val "${c}2" "$f"); b=$(val "${c}3" "$f")
		bound=$RSS_GROWTH; [ "$f" = ctx ] && bound=$CTX_GROWTH
		if [ -n "$a" ] && [ -n "$b" ] && [ $((b - a)) -le $bound ]; then
			pass "$c: ${f%:} grows by $((b - a)) kB from run 2 to run 3 (bound $bound kB)"
		else
			fail "$c: ${f%:} from run 2 to run 3: ${a:-?} -> ${b:-?} kB (bound $bound kB)"
		fi
	done
	a=$(val base RssAnon:); b=$(val "${c}3" RssAnon:)
	if [ -n "$a" ] && [ -n "$b" ] && [ $((b - a)) -le $RETAINED ]; then
		pass "$c: RssAnon after run 3 is $((b - a)) kB over the baseline (bound $RETAINED kB)"
	else
		fail "$c: RssAnon after run 3: ${a:-?} -> ${b:-?} kB over the baseline (bound $RETAINED kB)"
	fi
done
[ $status = 0 ] && "$PGBIN/dropdb" --if-exists ingmem 2>/dev/null
echo "1..$t"
exit $status
