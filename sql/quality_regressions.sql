-- Regressions found by the quality gates (fuzzing, sqlsmith, hostile and security tests).
-- Each case stays here for good, with a note on what it found.
SET search_path = kolmetrics, public;

-- 1. tier_label() returned a pointer into its per-backend configuration cache.  A later
--    call in the same query that saw another snapshot (here inside a volatile function
--    that edits tier_scheme) reset the cache, and the first result was read from freed
--    memory: it came back as an empty string (length 0) instead of 'nano'.
CREATE FUNCTION reload_tier_cache() RETURNS text VOLATILE LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM kolmetrics.tier_scheme;
	INSERT INTO kolmetrics.tier_scheme
	SELECT 's' || i, repeat(chr(65 + i % 26), 200), 0 FROM generate_series(1, 200) i;
	RETURN kolmetrics.tier_label(5, 's1');
END
$$;
BEGIN;
-- 5 followers is 'nano' in the Later scheme (0 <= 5 < 10000); the inner call sees the
-- 200 new schemes, s1's only band starts at 0 and is labelled chr(66) x 200
SELECT length(x) AS len, x AS label, length(y) AS inner_len, left(y, 3) AS inner_label
  FROM (SELECT tier_label(5, 'later') AS x, reload_tier_cache() AS y OFFSET 0) s;
ROLLBACK;
DROP FUNCTION reload_tier_cache();
SELECT tier_label(5, 'later') AS still_nano;
