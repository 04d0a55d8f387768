# Sourced by test/bench/bench_*.sh.  PG* point at the bench server holding the sample.

# bench_median_ms RUNS SQL: runs SQL once to warm up (not counted), then RUNS times in
# one psql session, and prints the median wall time in milliseconds (psql's \timing).
bench_median_ms() {
	local runs=$1 sql=$2
	{
		echo '\timing on'
		for _ in $(seq 0 "$runs"); do printf '%s;\n' "${sql%;}"; done
	} | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null |
		awk '/^Time: /{ if (n++ > 0) print $2 }' | sort -n |
		awk '{ a[NR] = $1 } END { if (NR == 0) { print "NaN"; exit 1 }
			m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f\n", m }'
}

# bench_ratio A B: A / B with three decimals.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f\n", a / b; else print "NaN" }'
}
