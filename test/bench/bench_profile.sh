#!/usr/bin/env bash
# kol_relevance ranking: ORDER BY kol_relevance(profile, brief) DESC LIMIT 20 over every
# stored profile of the sample, against the same formula written in plain SQL over the
# profiles' canonical jsonb (jsonb_each, joins, sums), as an analyst would without the type.
# Prints the median times, the time per 100K profiles, the speed-up (target >= 20x),
# whether both ways pick the same top 20, and the stored size of a profile.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/bench/lib.sh
runs=${BENCH_RUNS:-5}
sql_runs=$(( runs < 3 ? runs : 3 ))

if [ "$(psql -XAtc "SELECT to_regclass('sample.kol_profiles') IS NULL")" = t ]; then
	psql -X -q -v ON_ERROR_STOP=1 -v seed="${SEED:-42}" -f test/sample/profiles.sql
fi
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
DROP TABLE IF EXISTS public.bench_profile;
CREATE TABLE public.bench_profile AS
	SELECT kol_id, profile, profile::jsonb AS doc FROM sample.kol_profiles;
VACUUM ANALYZE public.bench_profile;
SQL
n=$(psql -XAtc "SELECT count(*) FROM public.bench_profile")

# The C way: one call per row on the stored form.
c_sql() {
	echo "SELECT t.kol_id FROM public.bench_profile t, sample.briefs b WHERE b.brief_id = $1
	       ORDER BY kolmetrics.kol_relevance(t.profile, b.profile) DESC NULLS LAST, t.kol_id LIMIT 20"
}
# The same formula in plain SQL over jsonb: category cosine (0.4), mean histogram
# intersection over shared audience dimensions (0.4), mean Jaccard of the languages and
# countries lists (0.2); components missing on either side left out and the weights
# re-normalised.
sql_sql() {
	cat <<SQL
WITH b AS (SELECT profile::jsonb AS d FROM sample.briefs WHERE brief_id = $1)
SELECT kol_id FROM (
	SELECT t.kol_id,
	       (coalesce(0.4 * c.s, 0) + coalesce(0.4 * a.s, 0) + coalesce(0.2 * m.s, 0))
	       / nullif(CASE WHEN c.s IS NULL THEN 0 ELSE 0.4 END + CASE WHEN a.s IS NULL THEN 0 ELSE 0.4 END
	                + CASE WHEN m.s IS NULL THEN 0 ELSE 0.2 END, 0) AS score
	  FROM public.bench_profile t CROSS JOIN b
	  LEFT JOIN LATERAL (
		SELECT CASE WHEN t.doc ? 'categories' AND b.d ? 'categories' THEN
		         coalesce((SELECT sum(x.value::float8 * y.value::float8)
		                     FROM jsonb_each(t.doc -> 'categories') x
		                     JOIN jsonb_each(b.d -> 'categories') y USING (key)), 0)
		         / sqrt((SELECT sum(v.value::float8 ^ 2) FROM jsonb_each(t.doc -> 'categories') v)
		              * (SELECT sum(v.value::float8 ^ 2) FROM jsonb_each(b.d -> 'categories') v))
		       END AS s) c ON true
	  LEFT JOIN LATERAL (
		SELECT avg(coalesce((SELECT sum(least(x.value::float8, y.value::float8))
		                       FROM jsonb_each(da.value) x JOIN jsonb_each(db.value) y USING (key)), 0)) AS s
		  FROM jsonb_each(t.doc -> 'audience') da JOIN jsonb_each(b.d -> 'audience') db USING (key)) a ON true
	  LEFT JOIN LATERAL (
		SELECT avg((SELECT count(*) FROM jsonb_array_elements_text(t.doc -> l) x
		              JOIN jsonb_array_elements_text(b.d -> l) y ON x = y)::float8
		           / (SELECT count(DISTINCT e) FROM (SELECT jsonb_array_elements_text(t.doc -> l)
		                                             UNION ALL SELECT jsonb_array_elements_text(b.d -> l)) u(e))) AS s
		  FROM unnest(ARRAY['languages', 'countries']) l
		 WHERE t.doc ? l AND b.d ? l) m ON true
) r
ORDER BY score DESC NULLS LAST, kol_id LIMIT 20
SQL
}

for brief in 1 3; do
	name=$(psql -XAtc "SELECT name FROM sample.briefs WHERE brief_id = $brief")
	same=$(psql -XAt <<SQL
SELECT count(*) FROM ($(c_sql $brief)) c JOIN ($(sql_sql $brief)) s USING (kol_id)
SQL
)
	c=$(bench_median_ms "$runs" "$(c_sql $brief)")
	s=$(bench_median_ms "$sql_runs" "$(sql_sql $brief)")
	echo "kol_relevance top 20 of $n profiles, brief $brief ($name): $c ms (baseline same formula in SQL over jsonb: $s ms) ratio $(bench_ratio "$s" "$c") faster (target >= 20x); top-20 agreement $same/20"
	echo "  per 100K profiles: $(awk -v t="$c" -v n="$n" 'BEGIN { printf "%.1f", t * 100000 / n }') ms (baseline $(awk -v t="$s" -v n="$n" 'BEGIN { printf "%.1f", t * 100000 / n }') ms)"
done

floor=$(bench_median_ms "$runs" "SELECT t.kol_id FROM public.bench_profile t ORDER BY length(t.profile::text) IS NULL, t.kol_id LIMIT 20")
scan=$(bench_median_ms "$runs" "SELECT count(pg_column_size(t.profile)) FROM public.bench_profile t")
echo "  scan floor (count over the column): $scan ms; canonical text output of every profile: $floor ms"
psql -XAt -F ' ' -c "SELECT 'stored size: kol_profile avg ' || round(avg(pg_column_size(profile))) || ' bytes, the same as jsonb avg '
                            || round(avg(pg_column_size(doc))) || ' bytes, as text avg ' || round(avg(octet_length(profile::text))) || ' bytes'
                       FROM public.bench_profile"
psql -X -q -c "DROP TABLE public.bench_profile"
