#!/usr/bin/env bash
# fx_convert (doc/currency.md) over 1,000,000 payments, each converted to USD at its own
# day (2025, weekends included, in CNY, USD, SGD, EUR and JPY; the sample's rates), against
# the plain SQL an analyst would write: a LATERAL lookup of the latest rate within
# max_age_days on fx_rate's primary key for each side, then round(amount x from / to, 2).
#   1. sum of the converted amounts: fx_convert vs the LATERAL lookup        target <= 1.0
#   2. the recipe: campaign_agg over fx_convert per row, grouped by 1,000 campaigns, vs
#      campaign_agg over the LATERAL lookup (the first 200,000 rows)
#   answers: the two methods' converted amounts compared row by row (equal, or how many differ)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# the baseline takes ~20 s per run at 1M rows: at most 3 timed runs
runs=${BENCH_RUNS:-5}; [ "$runs" -gt 3 ] && runs=3
rows=${BENCH_FX_ROWS:-1000000}
psql() { command psql -X -v ON_ERROR_STOP=1 "$@"; }
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_fx_rows;
CREATE TABLE public.bench_fx_rows AS
SELECT i AS id, (i % 1000) AS campaign_id,
       date '2025-01-01' + ((hashint8extended(i, 1) & 1023) % 365)::int AS day,
       (ARRAY['CNY', 'USD', 'SGD', 'EUR', 'JPY'])[1 + (hashint8extended(i, 2) & 1023) % 5] AS currency,
       round(((hashint8extended(i, 3) & 1048575) / 10.0)::numeric, 2) AS amount
  FROM generate_series(1, $rows) AS i;
VACUUM ANALYZE public.bench_fx_rows;
SQL
age=$(psql -At -c "SELECT max_age_days FROM kolmetrics.fx_setting")
# the latest rate of a currency on or before b.day within the age; the base currency is 1
lookup() {
	echo "coalesce((SELECT r.rate FROM kolmetrics.fx_rate r WHERE r.currency = ($1)::bpchar AND r.day <= b.day
	                AND r.day >= b.day - $age ORDER BY r.day DESC LIMIT 1),
	               CASE WHEN $1 = (SELECT base_currency FROM kolmetrics.fx_setting) THEN 1 END)"
}
SQL_CONV="CASE WHEN b.currency = 'USD' THEN b.amount ELSE round(b.amount * f.rate / t.rate, 2) END"
SQL_FROM="public.bench_fx_rows b
  CROSS JOIN LATERAL (SELECT $(lookup b.currency) AS rate) f
  CROSS JOIN LATERAL (SELECT $(lookup "'USD'") AS rate) t"

q_ours="SELECT sum(kolmetrics.fx_convert(b.amount, b.currency, 'USD', b.day)) FROM public.bench_fx_rows b"
q_sql="SELECT sum($SQL_CONV) FROM $SQL_FROM"
t_ours=$(bench_median_ms "$runs" "$q_ours")
t_sql=$(bench_median_ms "$runs" "$q_sql")
echo "fx_convert of $rows rows to USD, each at its day: $t_ours ms (baseline LATERAL lookup on fx_rate's key: $t_sql ms) ratio $(bench_ratio "$t_ours" "$t_sql") (target <= 1.0)"

g_ours="SELECT count(kolmetrics.roi(s)) FROM (SELECT campaign_id, kolmetrics.campaign_agg(kolmetrics.fx_convert(b.amount, b.currency, 'USD', b.day), kolmetrics.fx_convert(round(b.amount / 2, 2), b.currency, 'USD', b.day), 1, 1, 1, 1, 1) AS s FROM public.bench_fx_rows b WHERE b.id <= $rows / 5 GROUP BY campaign_id) x"
g_sql="SELECT count(kolmetrics.roi(s)) FROM (SELECT campaign_id, kolmetrics.campaign_agg($SQL_CONV, CASE WHEN b.currency = 'USD' THEN round(b.amount / 2, 2) ELSE round(round(b.amount / 2, 2) * f.rate / t.rate, 2) END, 1, 1, 1, 1, 1) AS s FROM $SQL_FROM WHERE b.id <= $rows / 5 GROUP BY campaign_id) x"
t_gours=$(bench_median_ms "$runs" "$g_ours")
t_gsql=$(bench_median_ms "$runs" "$g_sql")
echo "campaign_agg of revenue and cost converted per row, $((rows / 5)) rows GROUP BY 1,000 campaigns: $t_gours ms (baseline LATERAL lookup: $t_gsql ms) ratio $(bench_ratio "$t_gours" "$t_gsql")"

psql -At -c "SELECT format('same answers: %s of %s converted amounts differ between fx_convert and the LATERAL lookup (sums %s and %s)',
  count(*) FILTER (WHERE ours IS DISTINCT FROM theirs), count(*), sum(ours), sum(theirs))
  FROM (SELECT kolmetrics.fx_convert(b.amount, b.currency, 'USD', b.day) AS ours, $SQL_CONV AS theirs
          FROM $SQL_FROM) x"
psql -q -c "DROP TABLE public.bench_fx_rows"
