-- attribute() and markov_attribution() (doc/attribution.md).  Every expected value is
-- worked by hand in the comments.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;

-- One conversion on 2025-05-10 00:00 UTC worth 100.00 with four touchpoints, given out of
-- time order (array positions 1..4 = c, a, d, b):
--   a 2025-05-01 (age 9 days), b 05-03 (7 days), c 05-08 (2 days), d 05-09 (1 day).
-- last_touch: d 100.00.  first_touch: a 100.00.  linear: 25.00 each.
-- position (0.4, 0.2, 0.4), two middle touchpoints: 40.00, 10.00, 10.00, 40.00.
-- time_decay, half-life 7 days: weight 2^(-age / 7 days), proportional to
--   2^(-8/7) = 0.452862, 2^(-6/7) = 0.552045, 2^(-1/7) = 0.905724, 2^0 = 1 (sum 2.910630):
--   quotas 15.5589, 18.9665, 31.1178, 34.3568; floors at cents 15.55 + 18.96 + 31.11 + 34.35
--   = 99.97; the 3 cents left go to the largest remainders .889 (a), .778 (c), .682 (d):
--   15.56, 18.96, 31.12, 34.36 (sum 100.00).
CREATE TEMP TABLE conv1 AS
SELECT ARRAY['c', 'a', 'd', 'b'] AS keys,
       ARRAY['2025-05-08 00:00+00', '2025-05-01 00:00+00', '2025-05-09 00:00+00',
             '2025-05-03 00:00+00']::timestamptz[] AS times,
       timestamptz '2025-05-10 00:00+00' AS converted_at, 100.00 AS value;

SELECT m.model, a.touch_index, a.key, a.touched_at AT TIME ZONE 'UTC' AS touched_utc,
       a.credit, round(a.share::numeric, 6) AS share
  FROM conv1,
       unnest(ARRAY['last_touch', 'first_touch', 'linear', 'time_decay', 'position']) WITH ORDINALITY m(model, o),
       LATERAL attribute(m.model, keys, times, converted_at, value) a
 ORDER BY m.o, a.touched_at;

-- credits add up exactly, shares to 1 (within rounding of a double)
SELECT m.model, sum(a.credit) AS credits, round(sum(a.share)::numeric, 12) AS shares
  FROM conv1, unnest(ARRAY['last_touch', 'first_touch', 'linear', 'time_decay', 'position']) m(model),
       LATERAL attribute(m.model, keys, times, converted_at, value) a
 GROUP BY m.model ORDER BY m.model;

-- The remainder rule (largest remainder, ties to the later touchpoint):
--   linear 100 over 3: 33.33.. each, floors 33 + 33 + 33, 1 left, all remainders equal: the
--     last gets it: 33, 33, 34.
--   linear 0.05 over 3: 0.01666.. each, floors 0.01 x 3, 0.02 left: the last two, 0.01, 0.02, 0.02.
--   position 1 over 3: quotas 0.4, 0.2, 0.4, floors 0, the 1 left goes to the largest
--     remainder 0.4, first and last tie, the later wins: 0, 0, 1.
--   position 100 over 5: 40, 20/3 x 3, 40; floors 40 + 6 + 6 + 6 + 40 = 98; 2 left, the
--     middles tie at 2/3, the two later get them: 40, 6, 7, 7, 40.
--   position over 2 with shares (0.6, 0.3, 0.1): first : last = 6 : 1 of 100.00, quotas
--     85.714285.. and 14.285714..; floors 85.71 + 14.28 = 99.99; remainders .43 < .57: 85.71, 14.29.
--   position over 2 with the default shares: 50.00, 50.00.  One touchpoint: all of it.
CREATE FUNCTION pg_temp.credits(model text, n int, value numeric,
                                shares numeric[] DEFAULT '{0.4,0.2,0.4}') RETURNS numeric[]
LANGUAGE sql AS $$
  SELECT array_agg(credit ORDER BY touch_index)
    FROM attribute(model, array_fill('k'::text, ARRAY[n]),
                   (SELECT array_agg(timestamptz '2025-05-01 00:00+00' + i * interval '1 hour')
                      FROM generate_series(1, n) i),
                   '2025-05-02 00:00+00', value, position_shares => shares) $$;
SELECT pg_temp.credits('linear', 3, 100) AS linear_100,
       pg_temp.credits('linear', 3, 0.05) AS linear_005,
       pg_temp.credits('position', 3, 1) AS position_1,
       pg_temp.credits('position', 5, 100) AS position_100,
       pg_temp.credits('position', 2, 100.00, '{0.6,0.3,0.1}') AS position_6_1,
       pg_temp.credits('position', 2, 100.00) AS position_2,
       pg_temp.credits('position', 1, 7.5) AS position_1_touch,
       pg_temp.credits('time_decay', 2, 1) AS decay_tie_to_later;
-- time_decay over 2 one hour apart (half-life 7 days): weights 2^(-1/168) = 0.99588 and 1:
-- quotas 0.498969 and 0.501031 of 1, floors 0, the unit to the larger remainder: 0, 1.

-- Two touchpoints at one time are ordered by array position: last touch is the later one.
SELECT touch_index, key, credit
  FROM attribute('last_touch', '{x,y}', '{2025-05-01 00:00+00,2025-05-01 00:00+00}',
                 '2025-05-02 00:00+00', 10);

-- Lookback window: touched_at >= converted_at - lookback (30 days by default).  The touch
-- 31 days before is dropped and the one exactly 30 days before kept (linear: the two share
-- 9 as 4, 5, the later one getting the unit left); with 40 days all three count (3, 3, 3);
-- with 1 day only the touch exactly 1 day before (9); with 12 hours none, and no rows.
SELECT lb, array_agg(key || '=' || credit ORDER BY touched_at) AS credits
  FROM unnest(ARRAY[interval '30 days', '40 days', '1 day', '12 hours']) lb
  LEFT JOIN LATERAL attribute('linear', '{old,mid,new}',
                              '{2025-04-01 00:00+00,2025-04-02 00:00+00,2025-05-01 00:00+00}',
                              '2025-05-02 00:00+00', 9, lb) a ON true
 GROUP BY lb ORDER BY lb;

-- NULL keys or times are no touchpoints; any NULL argument gives no rows.
SELECT key, credit FROM attribute('linear', '{a,NULL,c}',
                                  '{2025-05-01 00:00+00,2025-05-01 00:00+00,NULL}',
                                  '2025-05-02 00:00+00', 1.00);
SELECT count(*) AS rows_for_null_value
  FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', NULL);
SELECT count(*) AS rows_for_empty_arrays
  FROM attribute('linear', '{}', '{}', '2025-05-02 00:00+00', 1);
-- a zero value: zero credits, the shares of the model all the same
SELECT credit, share FROM attribute('position', '{a,b,c}',
  '{2025-05-01 00:00+00,2025-05-01 01:00+00,2025-05-01 02:00+00}', '2025-05-02 00:00+00', 0.000);
-- the scale of the value is the scale of the credits: 10 decimals at most
SELECT credit FROM attribute('linear', '{a,b,c}',
  '{2025-05-01 00:00+00,2025-05-01 01:00+00,2025-05-01 02:00+00}', '2025-05-02 00:00+00', 1.0000000000);
-- a large value: 10^20 / 3 at scale 0 (quota 33333333333333333333.33.., the last gets the unit)
SELECT credit FROM attribute('linear', '{a,b,c}',
  '{2025-05-01 00:00+00,2025-05-01 01:00+00,2025-05-01 02:00+00}', '2025-05-02 00:00+00', 1e20);

-- Exact sums over 2000 generated conversions of 1 to 12 touchpoints and every model.
CREATE TEMP TABLE gen_touch AS
SELECT c AS conversion, (c * 7 + i * 13) % 50 AS k,
       timestamptz '2025-05-01 00:00+00' + ((c * 37 + i * 101) % 2000) * interval '17 minutes' AS t
  FROM generate_series(1, 2000) c, generate_series(1, 1 + c % 12) i;
CREATE TEMP TABLE gen_conv AS
SELECT conversion, timestamptz '2025-05-25 00:00+00' AS converted_at,
       round((conversion * 7919 % 100000) / 100.0, 2 + conversion % 3) AS value
  FROM generate_series(1, 2000) conversion;
SELECT m.model, count(DISTINCT p.conversion) AS conversions,
       count(*) FILTER (WHERE p.sum_credit <> p.value) AS sums_off,
       count(*) FILTER (WHERE abs(p.sum_share - 1) > 1e-12) AS shares_off,
       count(*) FILTER (WHERE p.min_credit < 0) AS negative
  FROM unnest(ARRAY['last_touch', 'first_touch', 'linear', 'time_decay', 'position']) m(model),
       LATERAL (SELECT conversion, c.value, sum(a.credit) AS sum_credit, sum(a.share) AS sum_share,
                       min(a.credit) AS min_credit
                  FROM gen_conv c
                  JOIN (SELECT conversion, array_agg(k::text ORDER BY t) AS keys, array_agg(t ORDER BY t) AS times
                          FROM gen_touch GROUP BY conversion) p USING (conversion),
                       LATERAL attribute(m.model, p.keys, p.times, c.converted_at, c.value, '30 days') a
                 GROUP BY conversion, c.value) p
 GROUP BY m.model ORDER BY m.model;

-- Bad input
SELECT * FROM attribute('lastclick', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1);
SELECT * FROM attribute('linear', '{a,b}', '{2025-05-01 00:00+00,2025-05-03 00:00+00}', '2025-05-02 00:00+00', 1);
SELECT * FROM attribute('time_decay', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, half_life => '0 days');
SELECT * FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, half_life => '-1 hour');
SELECT * FROM attribute('position', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, position_shares => '{0.4,0.2,0.5}');
SELECT * FROM attribute('position', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, position_shares => '{0.5,0.5}');
SELECT * FROM attribute('position', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, position_shares => '{0.6,-0.2,0.6}');
SELECT * FROM attribute('position', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, position_shares => '{0.4,NULL,0.4}');
SELECT * FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', -5.00);
SELECT * FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 'NaN');
SELECT * FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 0.00000000001);
SELECT * FROM attribute('linear', '{a,b}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1);
SELECT * FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', '2025-05-02 00:00+00', 1, lookback => '-1 day');
SELECT * FROM attribute('linear', '{a}', '{2025-05-01 00:00+00}', 'infinity', 1);
SELECT * FROM attribute('linear', '{{a}}', '{{2025-05-01 00:00+00}}', '2025-05-02 00:00+00', 1);

-- Markov removal effect.  Five paths over channels A, B, C:
--   A > B converts, A does not, B > C converts, C does not, A > C converts (values 10.0, 5.5, 3).
-- Transitions: start -> A 3, -> B 1, -> C 1 (of 5); A -> B, A -> C, A -> null 1 each (1/3);
--   B -> conversion 1, B -> C 1 (1/2); C -> conversion 2, C -> null 1 (2/3).
-- Conversion probabilities: P(C) = 2/3; P(B) = 1/2 + 1/2 * 2/3 = 5/6;
--   P(A) = 1/3 * 5/6 + 1/3 * 2/3 = 1/2; P(start) = 3/5 * 1/2 + 1/5 * 5/6 + 1/5 * 2/3 = 0.6.
-- Without A (A leads to null): 1/5 * 5/6 + 1/5 * 2/3 = 0.3, removal effect 1 - 0.3 / 0.6 = 1/2.
-- Without B: P(A) = 1/3 * 2/3 = 2/9; 3/5 * 2/9 + 1/5 * 2/3 = 4/15; effect 1 - 4/9 = 5/9.
-- Without C: P(B) = 1/2, P(A) = 1/6; 3/5 * 1/6 + 1/5 * 1/2 = 1/5; effect 1 - 1/3 = 2/3.
-- Sum of effects 31/18: shares 9/31 = 0.290323, 10/31 = 0.322581, 12/31 = 0.387097;
-- conversions 3 * shares = 0.870968, 0.967742, 1.161290.
-- Value 18.5 (scale 1): quotas 5.370968, 5.967742, 7.161290; floors 5.3 + 5.9 + 7.1 = 18.3;
-- the 2 tenths left to the largest remainders .0710 (A) and .0677 (B): 5.4, 6.0, 7.1.
CREATE TEMP TABLE paths3 (path text[], converted boolean, value numeric);
INSERT INTO paths3 VALUES ('{A,B}', true, 10.0), ('{A}', false, NULL), ('{B,C}', true, 5.5),
                          ('{C}', false, NULL), ('{A,C}', true, 3);
SELECT (r).paths, (r).conversions, (r).value, round((r).conversion_probability::numeric, 12) AS p_conv,
       x.channel, round(x.removal_effect::numeric, 12) AS removal_effect,
       round(x.share::numeric, 6) AS share, round(x.attributed_conversions::numeric, 6) AS conversions,
       x.attributed_value
  FROM (SELECT markov_attribution(path, converted, value) AS r FROM paths3) s, markov_rows(r) x;
-- without values: attributed_value NULL.  Add A > A > B converting and two empty paths
-- (direct visits, start -> conversion / null), 8 paths in all:
--   start -> A 4, B 1, C 1, conversion 1, null 1 (of 8); A -> A 1, B 2, C 1, null 1 (of 5);
--   B -> conversion 2, C 1 (of 3); C -> conversion 2, null 1 (of 3).
--   P(C) = 2/3; P(B) = 2/3 + 1/3 * 2/3 = 8/9; P(A) = 1/5 P(A) + 2/5 * 8/9 + 1/5 * 2/3, so
--   P(A) = (22/45) / (4/5) = 11/18; P(start) = 4/8 * 11/18 + 1/8 * 8/9 + 1/8 * 2/3 + 1/8
--   = (22 + 8 + 6 + 9) / 72 = 45/72 = 0.625.
--   Without A: (8 + 6 + 9) / 72 = 23/72, effect 1 - 23/45 = 0.488889.
--   Without B: P(A) = (2/15) / (4/5) = 1/6; 4/8 * 1/6 + 1/8 * 2/3 + 1/8 = 21/72, effect 24/45 = 0.533333.
--   Without C: P(B) = 2/3, P(A) = (4/15) / (4/5) = 1/3; 1/6 + 1/12 + 1/8 = 27/72, effect 18/45 = 0.4.
SELECT (r).paths, (r).conversions, (r).value, round((r).conversion_probability::numeric, 12) AS p_conv,
       (r).channel, (SELECT array_agg(round(e::numeric, 12)) FROM unnest((r).removal_effect) e) AS effects,
       (r).attributed_value
  FROM (SELECT markov_attribution(path, converted) AS r
          FROM (SELECT * FROM paths3 UNION ALL VALUES ('{A,A,B}'::text[], true, NULL::numeric),
                ('{}', true, NULL), ('{}', false, NULL)) p) s;
-- no rows: NULL; no conversion: probability 0, effects NULL; NULL paths and flags skipped
SELECT markov_attribution(path, converted) IS NULL AS no_rows FROM paths3 WHERE false;
SELECT (r).conversions, (r).conversion_probability, (r).removal_effect, (r).share
  FROM (SELECT markov_attribution(path, false) r FROM paths3) s;
SELECT (r).paths FROM (SELECT markov_attribution(p, c) r
                         FROM (VALUES (NULL::text[], true), ('{A}', NULL), ('{A}', true)) v(p, c)) s;
-- bad input
SELECT markov_attribution(p, true) FROM (VALUES ('{A,NULL}'::text[])) v(p);
SELECT markov_attribution('{A}', true, -1.5);
SELECT markov_attribution(ARRAY[g::text], true) FROM generate_series(1, 251) g;
SELECT (r).channel[250] FROM (SELECT markov_attribution(ARRAY[g::text], g % 2 = 0) r
                                FROM generate_series(1, 250) g) s;

-- Parallel plans: Partial Aggregate, the same result as the serial run.
CREATE TABLE markov_par AS
SELECT g AS id, (SELECT array_agg(chr(65 + (g * 7 + i * 3) % 9) ORDER BY i) FROM generate_series(1, 1 + g % 5) i) AS path,
       g % 3 = 0 AS converted, (g % 1000) * 0.01 AS value
  FROM generate_series(1, 30000) g;
ANALYZE markov_par;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE markov_serial AS SELECT markov_attribution(path, converted, value) AS r FROM markov_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 4;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT markov_attribution(path, converted, value) FROM markov_par;
SELECT (p.r)::text = (s.r)::text AS equal, (p.r).paths, (p.r).conversions, (p.r).value,
       array_length((p.r).channel, 1) AS channels
  FROM (SELECT markov_attribution(path, converted, value) AS r FROM markov_par) p, markov_serial s;
-- workers that see no rows
SELECT markov_attribution(path, converted) IS NULL AS empty FROM markov_par WHERE id < 0;
RESET max_parallel_workers_per_gather;
DROP TABLE markov_par;
