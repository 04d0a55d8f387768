#!/usr/bin/env bash
# attribute() and markov_attribution() (doc/attribution.md) against plain SQL.
# Data: BENCH_ATTR_CONVERSIONS conversions (default 1,000,000), 1 to 6 touchpoints each
# (3.5 on average) over 20 channels within 40 days before, values with cents; the
# journeys are stored both as rows and as arrays per conversion (array_agg ... ORDER BY
# touched_at), the shape analysts aggregate to.
#   1. for last_touch, linear and position (40/20/40): attribute() over the arrays vs the
#      same model in plain SQL window functions over the rows (30-day window, weights,
#      exact largest-remainder split with the same tie rule); ratio ours / SQL, and that
#      the credits are equal (a checksum of credit x touchpoint position per model);
#   2. markov_attribution over the paths of every conversion plus as many non-converting
#      ones: time (no SQL baseline: the removal effect needs a linear solve per channel).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-3}
nconv=${BENCH_ATTR_CONVERSIONS:-1000000}
psql() { command psql -X -v ON_ERROR_STOP=1 "$@"; }
psql -q <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.bench_attr_touch, public.bench_attr_conv, public.bench_attr_journey;
CREATE TABLE public.bench_attr_conv AS
SELECT c AS conversion,
       timestamptz '2025-03-01 00:00+00' + (hashint4(c) & 65535) * interval '2 minutes' AS converted_at,
       ((hashint4(c + 7) & 1048575) / 100.0)::numeric(12, 2) AS value
  FROM generate_series(1, $nconv) c;
CREATE TABLE public.bench_attr_touch AS
SELECT c.conversion, i AS pos, 'ch' || ((hashint4(c.conversion * 8 + i) & 1023) % 20) AS key,
       c.converted_at - ((hashint4(c.conversion * 8 + i + 3) & 65535) * interval '53 seconds') AS t
  FROM public.bench_attr_conv c, generate_series(1, 1 + (hashint4(c.conversion + 11) & 1023) % 6) i;
CREATE TABLE public.bench_attr_journey AS
SELECT c.conversion, c.converted_at, c.value,
       array_agg(t.key ORDER BY t.t, t.pos) AS keys, array_agg(t.t ORDER BY t.t, t.pos) AS times,
       array_agg(t.pos ORDER BY t.t, t.pos) AS poss
  FROM public.bench_attr_conv c JOIN public.bench_attr_touch t USING (conversion)
 GROUP BY 1, 2, 3;
VACUUM ANALYZE public.bench_attr_conv, public.bench_attr_touch, public.bench_attr_journey;
SQL
nt=$(psql -At -c "SELECT count(*) FROM public.bench_attr_touch")
echo "attribution: $nconv conversions, $nt touchpoints"
for model in last_touch linear position; do
	case $model in
		last_touch) W="CASE WHEN rdesc = 1 THEN 1 ELSE 0 END" ;;
		linear) W="1" ;;
		position) W="CASE WHEN n = 1 THEN 1 WHEN n = 2 THEN 1 WHEN rasc = 1 OR rdesc = 1 THEN 4 * (n - 2) ELSE 2 END" ;;
	esac
	q_ours="SELECT sum(a.credit * j.poss[a.touch_index]) FROM public.bench_attr_journey j,
	          LATERAL kolmetrics.attribute('$model', j.keys, j.times, j.converted_at, j.value) a"
	q_sql="WITH win AS (
	  SELECT c.conversion, t.pos, t.t, c.value * 100 AS units,
	         count(*) OVER w AS n,
	         row_number() OVER (w ORDER BY t.t, t.pos) AS rasc,
	         row_number() OVER (w ORDER BY t.t DESC, t.pos DESC) AS rdesc
	    FROM public.bench_attr_conv c JOIN public.bench_attr_touch t USING (conversion)
	   WHERE t.t >= c.converted_at - interval '30 days'
	  WINDOW w AS (PARTITION BY c.conversion)),
	wt AS (SELECT *, ($W)::numeric AS wgt FROM win),
	q AS (SELECT *, div(units * wgt, sum(wgt) OVER (PARTITION BY conversion)) AS fl,
	             mod(units * wgt, sum(wgt) OVER (PARTITION BY conversion)) AS rem FROM wt),
	r AS (SELECT *, units - sum(fl) OVER (PARTITION BY conversion) AS left_over,
	             row_number() OVER (PARTITION BY conversion ORDER BY rem DESC, t DESC, pos DESC) AS rrank FROM q)
	SELECT sum((fl + CASE WHEN rrank <= left_over THEN 1 ELSE 0 END) / 100 * pos) FROM r"
	a=$(psql -At -c "$q_ours")
	b=$(psql -At -c "$q_sql")
	t_ours=$(bench_median_ms "$runs" "$q_ours")
	t_sql=$(bench_median_ms "$runs" "$q_sql")
	same=$([ "$(psql -At -c "SELECT '$a'::numeric = '$b'::numeric")" = t ] && echo "equal ($a)" || echo "DIFFERENT ($a vs $b)")
	echo "attribute('$model') over $nconv conversions: $t_ours ms (baseline SQL window functions: $t_sql ms) ratio $(bench_ratio "$t_ours" "$t_sql"); answers $same"
done
q_markov="SELECT (r).conversion_probability FROM (SELECT kolmetrics.markov_attribution(p, c, v) r FROM (
  SELECT keys AS p, true AS c, value AS v FROM public.bench_attr_journey
  UNION ALL SELECT keys[2:], false, NULL FROM public.bench_attr_journey) x) s"
t_m=$(bench_median_ms "$runs" "$q_markov")
echo "markov_attribution over $((2 * nconv)) paths (20 channels): $t_m ms (no SQL baseline)"
psql -q -c "DROP TABLE public.bench_attr_touch, public.bench_attr_conv, public.bench_attr_journey"
