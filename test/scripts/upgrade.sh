#!/usr/bin/env bash
# Versions (TAP): the 1.0 install script is frozen (its checksum never changes); a
# database created at 1.0 with stored values of every type and an edited configuration
# is updated with ALTER EXTENSION kolmetrics UPDATE, and then
#   - its extension members equal those of a fresh 1.1 (test/upgrade/members.sql: every
#     object with its full definition, comments, grants, configuration registration);
#   - the values stored under 1.0 read back, by text and by binary COPY, equal to what
#     1.0 printed, and compare equal to themselves;
#   - the configuration edited under 1.0 is kept, and a dump of it restores into 1.1.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin upg
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)
t=0; status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
diag() { sed 's/^/#   /'; }

make -s sql/kolmetrics--1.0.sql >/dev/null 2>&1
want=$(cut -d' ' -f1 test/upgrade/kolmetrics--1.0.sha256)
got=$(sha256sum sql/kolmetrics--1.0.sql | cut -d' ' -f1)
if [ "$want" = "$got" ]; then
	pass "the 1.0 install script is unchanged since its release (sha256 ${want:0:16}...)"
else
	fail "the 1.0 install script changed (sha256 $got, released $want): 1.0 is frozen, put changes into sql/kolmetrics--1.0--1.1/"
fi
cur=$(sed -n "s/^default_version = '\(.*\)'/\1/p" kolmetrics.control)
[ "$cur" = 1.1 ] && pass "default_version is 1.1" || fail "default_version is $cur"

for db in upg_old upg_new upg_restored; do
	"$PGBIN/dropdb" --if-exists "$db" 2>/dev/null
	"$PGBIN/createdb" "$db" || { echo "Bail out! createdb $db"; exit 1; }
done

# A 1.0 database with stored values of every type, built by aggregates and rollups.
if "${PSQL[@]}" -d upg_old >"$SCRATCH/old.log" 2>&1 <<'SQL'
CREATE EXTENSION kolmetrics VERSION '1.0';
SET search_path = public, kolmetrics;
SELECT setseed(0.7);
CREATE TABLE posts AS SELECT i, i % 37 AS kol,
  floor(exp(random() * 20))::bigint AS likes, floor(random() * 500)::bigint AS comments,
  floor(random() * 50)::bigint AS shares, floor(random() * 20)::bigint AS saves,
  CASE WHEN i % 5 = 0 THEN NULL ELSE floor(exp(random() * 25))::bigint END AS views,
  floor(exp(random() * 30))::bigint AS followers
  FROM generate_series(1, 3000) i;
CREATE TABLE stored (id serial PRIMARY KEY, es engagement_summary, cs campaign_summary,
                     kp kol_profile, ip ingested_post, pl platform, tr tier);
INSERT INTO stored (es, cs)
SELECT engagement_agg(likes, comments, shares, saves, views, followers),
       campaign_agg(round((likes * 1.37)::numeric, 2), round((followers / 1000.0)::numeric, 4),
                    followers, views, likes + comments, shares, saves)
  FROM posts GROUP BY kol;
INSERT INTO stored (es, cs) SELECT rollup(es), rollup(cs) FROM stored;
INSERT INTO stored (kp, pl, tr)
SELECT format('{"categories": {"美妆": %s, "skin\"care": 1}, "audience": {"age": {"18-24": 0.6, "25-34": 0.4}}, "languages": ["zh"]}', i)::kol_profile,
       (ARRAY['weibo', 'douyin', 'xiaohongshu', 'youtube'])[1 + i % 4], kol_tier(i * 100000)
  FROM generate_series(1, 12) i;
INSERT INTO stored (ip) SELECT ingest_post('youtube', format(
  '{"kind":"youtube#video","id":"v%s","snippet":{"channelId":"c"},"statistics":{"viewCount":"%s"}}',
  i, CASE WHEN i % 2 = 0 THEN i::text ELSE '12' || repeat('万', i) END), strict => false)
  FROM generate_series(1, 20) i;
UPDATE tier_scheme SET min_followers = 150000 WHERE scheme = 'later' AND label = 'mid';
DELETE FROM emv_rate WHERE platform = 'kuaishou';
SQL
then pass "a 1.0 database with stored values of every type and an edited configuration"
else fail "building the 1.0 database"; diag <"$SCRATCH/old.log"; fi

v=$("${PSQL[@]}" -At -d upg_old -c "SELECT extversion FROM pg_extension WHERE extname = 'kolmetrics'")
[ "$v" = 1.0 ] && pass "upg_old is at 1.0" || fail "upg_old is at '$v'"

# what 1.0 prints for every stored value and for the configuration
snapshot() {
	"${PSQL[@]}" -At -d "$1" -c "SET search_path = public, kolmetrics;
	SELECT id, es, cs, kp, ip, pl, tr, es = es, cs = cs, kp = kp FROM stored ORDER BY id" >"$2.values" 2>&1
	"${PSQL[@]}" -At -d "$1" -c "SET search_path = public, kolmetrics;
	SELECT 'scheme', x::text FROM tier_scheme x UNION ALL SELECT 'emv', x::text FROM emv_rate x
	UNION ALL SELECT 'threshold', x::text FROM tier_threshold x
	UNION ALL SELECT 'label', tier_label(f, 'later') FROM unnest('{0,120000,150000}'::bigint[]) f
	ORDER BY 1, 2" >"$2.config" 2>&1
}
snapshot upg_old "$SCRATCH/before"
"${PSQL[@]}" -d upg_old -c "COPY stored TO '$SCRATCH/stored.bin' (FORMAT binary)" >/dev/null 2>&1

if "${PSQL[@]}" -d upg_old -c 'ALTER EXTENSION kolmetrics UPDATE' >"$SCRATCH/update.log" 2>&1; then
	pass "ALTER EXTENSION kolmetrics UPDATE"
else
	fail "ALTER EXTENSION kolmetrics UPDATE"; diag <"$SCRATCH/update.log"
fi
v=$("${PSQL[@]}" -At -d upg_old -c "SELECT extversion FROM pg_extension WHERE extname = 'kolmetrics'")
[ "$v" = 1.1 ] && pass "upg_old is at 1.1 after the update" || fail "upg_old is at '$v' after the update"

"${PSQL[@]}" -d upg_new -c 'CREATE EXTENSION kolmetrics' >"$SCRATCH/new.log" 2>&1 ||
	{ fail "CREATE EXTENSION kolmetrics (fresh 1.1)"; diag <"$SCRATCH/new.log"; }
"${PSQL[@]}" -d upg_old -f test/upgrade/members.sql >"$SCRATCH/members_old.txt" 2>&1
"${PSQL[@]}" -d upg_new -f test/upgrade/members.sql >"$SCRATCH/members_new.txt" 2>&1
n=$(grep -c '^member ' "$SCRATCH/members_new.txt")
if [ "$n" -gt 100 ] && diff "$SCRATCH/members_new.txt" "$SCRATCH/members_old.txt" >"$SCRATCH/members.diff"; then
	pass "upgraded 1.0 == fresh 1.1: $n members, $(wc -l <"$SCRATCH/members_new.txt") facts equal"
else
	fail "upgraded 1.0 differs from fresh 1.1 ($n members; < fresh, > upgraded)"; head -n 40 "$SCRATCH/members.diff" | diag
fi

snapshot upg_old "$SCRATCH/after"
if diff "$SCRATCH/before.values" "$SCRATCH/after.values" >"$SCRATCH/values.diff" &&
   [ "$(wc -l <"$SCRATCH/after.values")" -ge 60 ] && ! grep -q '|f$\||f|' "$SCRATCH/after.values"; then
	pass "values stored under 1.0 read back under 1.1 as 1.0 printed them ($(wc -l <"$SCRATCH/after.values") rows), each equal to itself"
else
	fail "stored values read differently after the update"; diag <"$SCRATCH/values.diff"
fi
r=$("${PSQL[@]}" -At -d upg_old 2>&1 <<SQL
SET search_path = public, kolmetrics;
CREATE TEMP TABLE back (LIKE stored);
COPY back FROM '$SCRATCH/stored.bin' (FORMAT binary);
SELECT count(*) FROM stored s FULL JOIN back b USING (id)
 WHERE s.id IS NULL OR b.id IS NULL OR s.es IS DISTINCT FROM b.es OR s.cs IS DISTINCT FROM b.cs
    OR s.kp IS DISTINCT FROM b.kp OR s.ip::text IS DISTINCT FROM b.ip::text
    OR s.pl IS DISTINCT FROM b.pl OR s.tr IS DISTINCT FROM b.tr;
SQL
)
[ "$r" = 0 ] && pass "binary COPY written by 1.0 reads into 1.1, equal" || fail "binary COPY of 1.0 into 1.1: $r"
if diff "$SCRATCH/before.config" "$SCRATCH/after.config" >"$SCRATCH/config.diff"; then
	pass "the configuration edited under 1.0 is kept by the update"
else
	fail "the update changed the configuration"; diag <"$SCRATCH/config.diff"
fi
if "$PGBIN/pg_dump" -Fc -d upg_old -f "$SCRATCH/upg.dump" 2>"$SCRATCH/dump.log" &&
   "$PGBIN/pg_restore" --exit-on-error -d upg_restored "$SCRATCH/upg.dump" >"$SCRATCH/restore.log" 2>&1; then
	snapshot upg_restored "$SCRATCH/restored"
	if diff "$SCRATCH/after.values" "$SCRATCH/restored.values" >/dev/null &&
	   diff "$SCRATCH/after.config" "$SCRATCH/restored.config" >/dev/null; then
		pass "the upgraded database dumps and restores with its values and configuration"
	else
		fail "the restored upgraded database differs"
	fi
else
	fail "dump/restore of the upgraded database"; diag <"$SCRATCH/restore.log"
fi

for db in upg_old upg_new upg_restored; do "$PGBIN/dropdb" --if-exists "$db" 2>/dev/null; done
echo "1..$t"
exit $status
