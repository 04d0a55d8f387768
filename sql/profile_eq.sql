-- kol_profile equality: the same canonical form, whatever the input's order, scale or
-- duplicates-free spelling; hash equality for DISTINCT / GROUP BY / UNION.
SET search_path = kolmetrics, public;

-- label order, histogram scale (70/30 vs 0.7/0.3) and whitespace do not matter:
-- both normalise to f 0.7, m 0.3 (70/100 and 0.7 are the same double)
SELECT '{"audience":{"gender":{"m":30,"f":70}},"categories":{"beauty":0.8}}'::kol_profile
     = '{"categories": {"beauty": 0.8}, "audience": {"gender": {"f": 0.7, "m": 0.3}}}'::kol_profile AS same;
-- a different weight, a missing dimension: not equal
SELECT '{"categories":{"beauty":0.8}}'::kol_profile = '{"categories":{"beauty":0.7}}'::kol_profile AS different_weight,
       '{"categories":{"beauty":0.8}}'::kol_profile <> '{"categories":{"beauty":0.8},"audience":{"age":{"18-24":1}}}'::kol_profile AS extra_dimension_differs;
-- = agrees with the text forms on a set of profiles, and DISTINCT / GROUP BY use the hash class
CREATE TABLE profile_eq_t (id int, p kol_profile);
INSERT INTO profile_eq_t VALUES
	(1, '{"categories":{"beauty":0.8,"skincare":0.6}}'),
	(2, '{"categories":{"skincare":0.6,"beauty":0.8}}'),
	(3, '{"categories":{"beauty":0.8}}'),
	(4, '{"audience":{"age":{"18-24":1,"25-34":1}}}'),
	(5, '{"audience":{"age":{"25-34":0.5,"18-24":0.5}}}');
SELECT a.id, b.id, a.p = b.p AS eq, a.p::text = b.p::text AS text_eq
  FROM profile_eq_t a JOIN profile_eq_t b ON a.id < b.id
 WHERE (a.p = b.p) OR (a.p::text = b.p::text)
 ORDER BY 1, 2;
SELECT count(*) AS distinct_profiles FROM (SELECT DISTINCT p FROM profile_eq_t) d;   -- {1,2}, {3}, {4,5}: 3
-- (no ordering operator: count(DISTINCT p) needs one, so it is an error)
SELECT count(DISTINCT p) FROM profile_eq_t;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET enable_sort = off;
SELECT count(*) AS groups FROM (SELECT p FROM profile_eq_t GROUP BY p) g;   -- 3, by hashing
RESET enable_sort;
DROP TABLE profile_eq_t;
