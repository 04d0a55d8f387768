#!/usr/bin/env bash
# campaign_agg (+ every accessor) and campaign_roi against one SQL statement computing the
# same sums and ratios with built-in aggregates over numeric, on a table of its own:
# BENCH_ROWS campaign-KOL rows (default 10,000,000; generate_series, deterministic),
# numeric(14,2) money as in sample.campaign_kols, 1,000 campaigns.  Target ratio <= 0.8.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
rows=${BENCH_ROWS:-10000000}

have=-1
if [ "$(psql -XAtc "SELECT to_regclass('public.bench_campaign_rows') IS NOT NULL")" = t ]; then
	have=$(psql -XAtc "SELECT count(*) FROM public.bench_campaign_rows")
fi
if [ "$have" != "$rows" ]; then
	psql -X -q -v ON_ERROR_STOP=1 <<SQL
DROP TABLE IF EXISTS public.bench_campaign_rows;
CREATE TABLE public.bench_campaign_rows (
	campaign_id int NOT NULL, kol_id bigint NOT NULL,
	cost numeric(14,2) NOT NULL, revenue numeric(14,2) NOT NULL,
	impressions bigint NOT NULL, views bigint NOT NULL, engagements bigint NOT NULL,
	clicks bigint NOT NULL, conversions bigint NOT NULL);
INSERT INTO public.bench_campaign_rows
SELECT g % 1000, g,
       ((g * 7919) % 5000000) / 100.0 + 200,
       ((g * 104729) % 9000000) / 100.0,
       i, i * 2 / 5, i / 40, i / 90, i / 2500
  FROM generate_series(1, $rows::bigint) g, LATERAL (SELECT 1000 + (g * 31337) % 2000000 AS i) x;
VACUUM ANALYZE public.bench_campaign_rows;
SQL
fi

sums="sum(revenue) r, sum(cost) c, sum(impressions) i, sum(views) v, sum(engagements) e, sum(clicks) k, sum(conversions) n, count(*) rows"
ratios="r, c, i, v, e, k, n, rows, (r - c) / nullif(c, 0), r / nullif(c, 0), c * 1000 / nullif(i, 0), c / nullif(v, 0), c / nullif(e, 0), c / nullif(k, 0), c / nullif(n, 0), n / nullif(k, 0)"
acc="kolmetrics.revenue(s), kolmetrics.cost(s), kolmetrics.impressions(s), kolmetrics.views(s), kolmetrics.engagements(s), kolmetrics.clicks(s), kolmetrics.conversions(s), kolmetrics.row_count(s), kolmetrics.roi(s), kolmetrics.roas(s), kolmetrics.cpm(s), kolmetrics.cpv(s), kolmetrics.cpe(s), kolmetrics.cpc(s), kolmetrics.cpa(s), kolmetrics.conversion_rate(s, 'clicks')"
agg="kolmetrics.campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s"

# the two sides must agree before they are timed
same=$(psql -XAtc "SELECT (SELECT array[$acc]::text FROM (SELECT $agg FROM public.bench_campaign_rows) x)
                        = (SELECT array[$ratios]::text FROM (SELECT $sums FROM public.bench_campaign_rows) x)")
[ "$same" = t ] || { echo "campaign_agg and the SQL baseline disagree"; exit 1; }

c=$(bench_median_ms "$runs" "SELECT $acc FROM (SELECT $agg FROM public.bench_campaign_rows) x")
s=$(bench_median_ms "$runs" "SELECT $ratios FROM (SELECT $sums FROM public.bench_campaign_rows) x")
echo "campaign_agg + 16 accessors over $rows rows: $c ms (baseline 8 built-in sums + the same ratios in SQL: $s ms) ratio $(bench_ratio "$c" "$s") (target <= 0.8)"

c=$(bench_median_ms "$runs" "SELECT campaign_id, $acc FROM (SELECT campaign_id, $agg FROM public.bench_campaign_rows GROUP BY campaign_id) x")
s=$(bench_median_ms "$runs" "SELECT campaign_id, $ratios FROM (SELECT campaign_id, $sums FROM public.bench_campaign_rows GROUP BY campaign_id) x")
echo "campaign_agg + accessors GROUP BY 1000 campaigns over $rows rows: $c ms (baseline: $s ms) ratio $(bench_ratio "$c" "$s") (target <= 0.8)"

c=$(bench_median_ms "$runs" "SELECT kolmetrics.campaign_roi(revenue, cost) FROM public.bench_campaign_rows")
s=$(bench_median_ms "$runs" "SELECT (sum(revenue) - sum(cost)) / nullif(sum(cost), 0) FROM public.bench_campaign_rows")
echo "campaign_roi over $rows rows: $c ms (baseline (sum(revenue) - sum(cost)) / sum(cost): $s ms) ratio $(bench_ratio "$c" "$s") (target <= 0.8)"
