#!/usr/bin/env bash
# Configuration through pg_dump/pg_restore (TAP): the tier thresholds, tier schemes,
# EMV rate card, fx setting and fx rates, and authenticity weights come back exactly as the
# user left them, including edited key columns, a renamed scheme and deleted default rows;
# a database whose configuration was never edited gets the installed defaults (and no
# rates).  Custom and plain formats.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin cfg
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)
t=0; status=0
pass() { t=$((t + 1)); echo "ok $t - $*"; }
fail() { t=$((t + 1)); echo "not ok $t - $*"; status=1; }
diag() { sed 's/^/# /'; }

for db in cfg_src cfg_dst cfg_plain cfg_fresh cfg_fresh_dst; do
	"$PGBIN/dropdb" --if-exists "$db" 2>/dev/null
	"$PGBIN/createdb" "$db" || { echo "Bail out! createdb $db"; exit 1; }
done
for db in cfg_src cfg_fresh; do
	"${PSQL[@]}" -d "$db" -c 'CREATE EXTENSION kolmetrics' || { echo "Bail out! CREATE EXTENSION"; exit 1; }
done

if "${PSQL[@]}" -d cfg_src >"$SCRATCH/edit.log" 2>&1 <<'SQL'
SET search_path = kolmetrics, public;
-- an edited key column: later's mid band starts at 150000 instead of 100000
UPDATE tier_scheme SET min_followers = 150000 WHERE scheme = 'later' AND label = 'mid';
-- a renamed scheme
UPDATE tier_scheme SET scheme = 'mediakix_2019' WHERE scheme = 'mediakix';
-- a deleted default row
DELETE FROM tier_scheme WHERE scheme = 'hypeauditor' AND label = 'nano';
-- a scheme of one's own
INSERT INTO tier_scheme (scheme, label, min_followers, source)
VALUES ('house', '小', 0, 'ours'), ('house', '大', 250000, 'ours');
-- thresholds
UPDATE tier_threshold SET min_followers = 5000 WHERE tier = 'micro';
-- the rate card: a deleted platform and an edited rate
DELETE FROM emv_rate WHERE platform = 'kuaishou';
UPDATE emv_rate SET per_like = 0.07, source = 'our 2026 card' WHERE platform = 'weibo';
-- fx: the setting edited (rates up to 3 days old), rates added, one replaced, one deleted
UPDATE fx_setting SET max_age_days = 3;
INSERT INTO fx_rate VALUES ('USD', '2025-03-03', 7.2), ('USD', '2025-03-04', 7.21),
	('SGD', '2025-03-03', 5.4), ('JPY', '2025-03-03', 0.0481);
INSERT INTO fx_rate VALUES ('USD', '2025-03-04', 7.2345678901234567890123);
DELETE FROM fx_rate WHERE currency = 'JPY';
-- authenticity weights: one changed, one deleted
UPDATE authenticity_weight SET weight = 0.25, source = 'ours' WHERE signal = 'likes_per_comment';
DELETE FROM authenticity_weight WHERE signal = 'hour_concentration';
SQL
then pass "configuration edited in cfg_src"; else fail "editing the configuration"; diag <"$SCRATCH/edit.log"; fi

# What a user sees of the configuration: every row, sorted, and answers of the functions.
snapshot() {
	"${PSQL[@]}" -At -d "$1" -c "
	SET search_path = kolmetrics, public;
	SELECT 'threshold', x::text FROM tier_threshold x
	UNION ALL SELECT 'scheme', x::text FROM tier_scheme x
	UNION ALL SELECT 'emv', x::text FROM emv_rate x
	UNION ALL SELECT 'weight', x::text FROM authenticity_weight x
	UNION ALL SELECT 'label ' || s || ' ' || f, coalesce(tier_label(f, s), '-')
	  FROM (SELECT DISTINCT scheme FROM tier_scheme) d(s),
	       unnest('{0,999,1000,4999,5000,9999,10000,120000,150000,250000,600000}'::bigint[]) f
	UNION ALL SELECT 'tier ' || f, coalesce(kol_tier(f)::text, '-')
	  FROM unnest('{0,4999,5000,9999,10000,100000}'::bigint[]) f
	UNION ALL SELECT 'emv ' || p, coalesce(emv(p, 1000, 10, 1, 1, 1)::text, '-')
	  FROM unnest('{weibo,kuaishou,douyin}'::text[]) p
	UNION ALL SELECT 'fx_setting', x::text FROM fx_setting x
	UNION ALL SELECT 'fx_rate', x::text FROM fx_rate x
	UNION ALL SELECT 'fx ' || d, fx_convert(1000, 'SGD', 'USD', d, 6)::text
	  FROM unnest('{2025-03-03,2025-03-06}'::date[]) d
	 WHERE EXISTS (SELECT FROM fx_rate WHERE currency = 'SGD')
	ORDER BY 1, 2" >"$2" 2>&1
}

snapshot cfg_src "$SCRATCH/src.txt"
if grep -q 'mediakix_2019' "$SCRATCH/src.txt" && grep -qx 'label later 120000|micro' "$SCRATCH/src.txt" &&
   grep -qx 'emv kuaishou|-' "$SCRATCH/src.txt" && ! grep -q '^scheme|(hypeauditor,nano' "$SCRATCH/src.txt" &&
   grep -qx 'fx_setting|(t,CNY,3)' "$SCRATCH/src.txt" && grep -qx 'fx 2025-03-03|750.000000' "$SCRATCH/src.txt" &&
   [ "$(grep -c '^fx_rate|' "$SCRATCH/src.txt")" = 3 ]; then
	pass "the edits show in cfg_src (later 120000 is micro, kuaishou has no rate, hypeauditor nano gone, 3 fx rates, max age 3)"
else
	fail "the edits do not show in cfg_src"; diag <"$SCRATCH/src.txt"
fi

if "$PGBIN/pg_dump" --format=custom -d cfg_src -f "$SCRATCH/cfg.dump" 2>"$SCRATCH/dump.log" &&
   "$PGBIN/pg_restore" --exit-on-error -d cfg_dst "$SCRATCH/cfg.dump" >"$SCRATCH/restore.log" 2>&1; then
	pass "pg_dump --format=custom | pg_restore into cfg_dst"
else
	fail "custom-format dump and restore"; diag <"$SCRATCH/dump.log"; diag <"$SCRATCH/restore.log"
fi
snapshot cfg_dst "$SCRATCH/dst.txt"
if diff "$SCRATCH/src.txt" "$SCRATCH/dst.txt" >"$SCRATCH/dst.diff"; then
	pass "cfg_dst has exactly cfg_src's configuration and answers ($(wc -l <"$SCRATCH/src.txt") lines)"
else
	fail "cfg_dst differs from cfg_src"; diag <"$SCRATCH/dst.diff"
fi

if "$PGBIN/pg_dump" --format=plain -d cfg_src 2>"$SCRATCH/dumpp.log" |
   "${PSQL[@]}" -d cfg_plain >"$SCRATCH/plain.log" 2>&1; then
	pass "pg_dump --format=plain | psql into cfg_plain"
else
	fail "plain-format dump and restore"; diag <"$SCRATCH/plain.log"
fi
snapshot cfg_plain "$SCRATCH/plain.txt"
if diff "$SCRATCH/src.txt" "$SCRATCH/plain.txt" >"$SCRATCH/plain.diff"; then
	pass "cfg_plain has exactly cfg_src's configuration and answers"
else
	fail "cfg_plain differs from cfg_src"; diag <"$SCRATCH/plain.diff"
fi

# Restoring twice (into a database that has already been restored) changes nothing.
if "$PGBIN/pg_restore" --data-only --table=config_state -d cfg_dst "$SCRATCH/cfg.dump" >"$SCRATCH/again.log" 2>&1 &&
   snapshot cfg_dst "$SCRATCH/again.txt" && diff "$SCRATCH/src.txt" "$SCRATCH/again.txt" >"$SCRATCH/again.diff"; then
	pass "restoring config_state's data again leaves the configuration as it was"
else
	fail "a second restore of config_state changes the configuration"; diag <"$SCRATCH/again.log"; diag <"$SCRATCH/again.diff" 2>/dev/null
fi

# A database never edited: no config_state rows, and the restore has the defaults.
snapshot cfg_fresh "$SCRATCH/fresh.txt"
n=$("${PSQL[@]}" -At -d cfg_fresh -c 'SELECT count(*) FROM kolmetrics.config_state')
if "$PGBIN/pg_dump" --format=custom -d cfg_fresh -f "$SCRATCH/fresh.dump" 2>/dev/null &&
   "$PGBIN/pg_restore" --exit-on-error -d cfg_fresh_dst "$SCRATCH/fresh.dump" >/dev/null 2>&1 &&
   snapshot cfg_fresh_dst "$SCRATCH/fresh_dst.txt" && [ "$n" = 0 ] &&
   diff "$SCRATCH/fresh.txt" "$SCRATCH/fresh_dst.txt" >"$SCRATCH/fresh.diff"; then
	pass "an unedited configuration records nothing and restores as the defaults"
else
	fail "unedited configuration: config_state has $n rows or the restore differs"; diag <"$SCRATCH/fresh.diff" 2>/dev/null
fi

# The dump holds config_state's rows, not the configuration tables' own, and the fx
# rates (the user's data, shipped empty) as they are.
"$PGBIN/pg_restore" --data-only -f "$SCRATCH/data.sql" "$SCRATCH/cfg.dump" 2>/dev/null
if grep -q '^COPY kolmetrics.config_state' "$SCRATCH/data.sql" &&
   grep -q '^COPY kolmetrics.fx_rate' "$SCRATCH/data.sql" &&
   ! grep -qE '^COPY kolmetrics\.(tier_threshold|tier_scheme|emv_rate|fx_setting|authenticity_weight) ' "$SCRATCH/data.sql"; then
	pass "the dump carries kolmetrics.config_state and kolmetrics.fx_rate only"
else
	fail "the dump's configuration data is not config_state alone"; grep '^COPY' "$SCRATCH/data.sql" | diag
fi

for db in cfg_src cfg_dst cfg_plain cfg_fresh cfg_fresh_dst; do "$PGBIN/dropdb" --if-exists "$db" 2>/dev/null; done
echo "1..$t"
exit $status
