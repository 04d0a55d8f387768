#!/usr/bin/env bash
# Text signals (doc/text.md):
#  1. accuracy of sentiment() per language on test/sentiment/{zh,en}_labelled.tsv: a text is
#     right when sentiment_label(t) equals its label (a positive or negative text scored
#     neutral is wrong; a neutral text is right only when scored neutral).  These sets are the
#     tuning set of the rules and review vocabulary (doc/text.md "Accuracy").
#  2. the automaton without the server (test/bench/text_core_bench.c, -O2): build time, memory
#     and scan MB/s (km_text_scan over every kind, and km_sentiment) over the sample's
#     comments, with the shipped lexicon and padded to 100,000 entries.
#  3. sentiment() over BENCH_TEXT_ROWS comments (default 1,000,000: sample.post_comments repeated)
#     against the lexicon applied in plain SQL: for each comment, the sum of the weights of
#     the terms it contains (strpos per term, a join of comments x terms), restricted to the
#     BENCH_TEXT_TERMS (default 300) shipped sentiment terms found most often in the comments,
#     without any rule (no negation, degree or contrast), over BENCH_TEXT_BASE_ROWS (default
#     20,000) comments and scaled per row: the full lexicon (13K terms) in SQL would take hours.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${BENCH_RUNS:-5}
rows=${BENCH_TEXT_ROWS:-1000000}
base_rows=${BENCH_TEXT_BASE_ROWS:-20000}
nterms=${BENCH_TEXT_TERMS:-300}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/bench_text.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# 1. accuracy
grep -v '^#' "$top/test/sentiment/zh_labelled.tsv" | sed 's/^/zh\t/' >"$tmp/labelled.tsv"
grep -v '^#' "$top/test/sentiment/en_labelled.tsv" | sed 's/^/en\t/' >>"$tmp/labelled.tsv"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_text CASCADE;
CREATE SCHEMA bench_text;
CREATE TABLE bench_text.labelled (lang text, label text, t text);
\copy bench_text.labelled FROM '$tmp/labelled.tsv' WITH (FORMAT text, DELIMITER E'\t')
SQL
psql -XAt -F ' ' -c "
SELECT 'accuracy ' || lang || ': ' || round(100.0 * avg((kolmetrics.sentiment_label(t) = label)::int), 1)
       || '% of ' || count(*) || ' labelled texts (target ' || CASE lang WHEN 'zh' THEN '80' ELSE '78' END
       || '%); positive ' || count(*) FILTER (WHERE label = 'positive' AND kolmetrics.sentiment_label(t) = label)
       || '/' || count(*) FILTER (WHERE label = 'positive')
       || ', negative ' || count(*) FILTER (WHERE label = 'negative' AND kolmetrics.sentiment_label(t) = label)
       || '/' || count(*) FILTER (WHERE label = 'negative')
       || ', neutral ' || count(*) FILTER (WHERE label = 'neutral' AND kolmetrics.sentiment_label(t) = label)
       || '/' || count(*) FILTER (WHERE label = 'neutral') || ' (tuning set)'
  FROM bench_text.labelled GROUP BY lang ORDER BY lang DESC"

# 2. the core
psql -XAt -F $'\t' -c "SELECT kind, term, weight FROM kolmetrics.lexicon" >"$tmp/lexicon.tsv"
psql -XAt -c "SELECT body FROM sample.post_comments ORDER BY comment_id LIMIT 200000" >"$tmp/comments.txt"
if ${CC:-cc} -std=gnu99 -O2 -I"$top/src/core" "$top/test/bench/text_core_bench.c" "$top"/src/core/*.c \
	$(pkg-config --cflags --libs json-c) -lm -o "$tmp/text_core_bench"; then
	for n in 0 100000; do
		echo "core, lexicon $( [ "$n" = 0 ] && echo shipped || echo "padded to $n entries"):"
		"$tmp/text_core_bench" "$tmp/lexicon.tsv" "$tmp/comments.txt" "$n" "$runs" | sed 's/^/  /' ||
			echo "!! core bench failed"
	done
else
	echo "!! could not build text_core_bench"
fi

# 3. sentiment() against the lexicon in plain SQL
psql -X -q -v ON_ERROR_STOP=1 -v rows="$rows" -v nterms="$nterms" <<'SQL'
SELECT count(*) AS ncomments FROM sample.post_comments \gset
CREATE TABLE bench_text.comments AS
SELECT i AS id, c.body
  FROM (SELECT body, row_number() OVER (ORDER BY comment_id) - 1 AS k FROM sample.post_comments) c
  JOIN generate_series(0, :rows - 1) AS i ON c.k = i % :ncomments;
CREATE TABLE bench_text.bodies AS SELECT DISTINCT lower(body) AS body FROM sample.post_comments;
CREATE TABLE bench_text.terms AS
SELECT l.term, l.weight
  FROM kolmetrics.lexicon l
 CROSS JOIN LATERAL (SELECT count(*) AS hits FROM bench_text.bodies d
                      WHERE strpos(d.body, lower(l.term)) > 0) h
 WHERE l.kind = 'sentiment' AND l.weight <> 0 AND h.hits > 0
 ORDER BY h.hits DESC, l.term LIMIT :nterms;
VACUUM ANALYZE bench_text.comments;
SQL
n=$(psql -XAtc "SELECT count(*) FROM bench_text.comments")
nt=$(psql -XAtc "SELECT count(*) FROM bench_text.terms")
c=$(bench_median_ms "$runs" "SELECT sum(kolmetrics.sentiment(body)) FROM bench_text.comments")
floor=$(bench_median_ms "$runs" "SELECT sum(octet_length(body)) FROM bench_text.comments")
s=$(bench_median_ms 1 "SELECT sum(w) FROM (SELECT c.id, sum(t.weight) AS w FROM (SELECT * FROM bench_text.comments WHERE id < $base_rows) c JOIN bench_text.terms t ON strpos(lower(c.body), lower(t.term)) > 0 GROUP BY c.id) x")
s_scaled=$(awk -v s="$s" -v n="$n" -v b="$base_rows" 'BEGIN { printf "%.1f", s * n / b }')
echo "sentiment() over $n comments: $c ms (scan floor $floor ms); baseline: $nt terms by strpos per term in SQL, no rules, $s ms over $base_rows comments = $s_scaled ms scaled to $n; speedup $(bench_ratio "$s_scaled" "$c")x (target >= 20x)"
if [ "${BENCH_TEXT_KEEP:-0}" != 1 ]; then
	psql -X -q -c "SET client_min_messages = warning" -c "DROP SCHEMA bench_text CASCADE"
fi
