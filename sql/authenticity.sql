-- authenticity_agg, follower_agg, comment_agg, authenticity_cohort_agg, the score and its
-- report (doc/authenticity.md).  Expected values are worked by hand in the comments, or
-- computed a second way in plain SQL next to ours.
SET search_path = kolmetrics, public;
SET extra_float_digits = 0;

-- Five posts of one account with 1,000 followers (interactions = likes + comments + shares + saves):
--   1: 50 + 5 + 2 + 3 = 60, views 1000, 2025-01-01 10:00
--   2: 100 + 10 + 4 + 6 = 120, views 2000, 2025-01-02 10:20
--   3: 20 + 2 + 1 + 0 = 23, views 500, 2025-01-03 11:00
--   4: 0 + 0 + 0 + 0 = 0, views 400, 2025-01-04 10:40 (near zero: 0 < 0.1% of 1000)
--   5: 200 + 20 + 8 + 12 = 240, views 3000, 2025-01-05 22:00
-- sum 443, mean 88.6; peak / mean = 240 / 88.6 = 2.7088036117381490;
-- likes per comment (370 + 1) / (37 + 1) = 9.7631578947368421; near-zero share 1/5 = 0.2;
-- Benford needs 100 non-zero counter values (these are 20); hours need 10 dated posts.
CREATE TABLE auth_posts (kol int, likes bigint, comments bigint, shares bigint, saves bigint,
						 views bigint, followers bigint, posted_at timestamptz);
INSERT INTO auth_posts VALUES
	(1, 50, 5, 2, 3, 1000, 1000, '2025-01-01 10:00+00'),
	(1, 100, 10, 4, 6, 2000, 1000, '2025-01-02 10:20+00'),
	(1, 20, 2, 1, 0, 500, 1000, '2025-01-03 11:00+00'),
	(1, 0, 0, 0, 0, 400, 1000, '2025-01-04 10:40+00'),
	(1, 200, 20, 8, 12, 3000, 1000, '2025-01-05 22:00+00');
SELECT authenticity_agg(likes, comments, shares, saves, views, followers, posted_at) FROM auth_posts;
SELECT jsonb_pretty(authenticity_signals(authenticity_agg(likes, comments, shares, saves, views, followers, posted_at)))
  FROM auth_posts;
-- the same signals a second way, in plain SQL: geometric mean ER (interactions + 1 over the
-- base), sample sd of ln((likes + 1) / (comments + 1)), coefficient of variation
WITH p AS (SELECT *, likes + comments + shares + saves AS i FROM auth_posts),
s AS (SELECT authenticity_signals(authenticity_agg(likes, comments, shares, saves, views, followers, posted_at)) AS j FROM auth_posts)
SELECT abs((j->>'er_followers')::float8 - exp(avg(ln((i + 1)::float8 / followers)))) < 1e-15 AS er_followers,
       abs((j->>'er_views')::float8 - exp(avg(ln((i + 1)::float8 / views)))) < 1e-15 AS er_views,
       abs((j->>'like_comment_spread')::float8 - stddev_samp(ln((likes + 1)::float8 / (comments + 1)))) < 1e-14 AS spread,
       abs((j->>'interaction_cv')::float8 - stddev_samp(i) / avg(i)) < 1e-14 AS cv
  FROM p, s GROUP BY j;

-- rollup of two parts equals one pass (counters exact; the float sums compared as values)
SELECT authenticity_signals(rollup(s)) = authenticity_signals((SELECT authenticity_agg(likes, comments, shares, saves, views, followers, posted_at) FROM auth_posts)) AS same
  FROM (SELECT authenticity_agg(likes, comments, shares, saves, views, followers, posted_at) AS s
          FROM auth_posts GROUP BY posted_at < '2025-01-03 00:00+00') x;

-- Benford: 120 values log-uniform over 1 .. 1000 (likes = round(10^(3i/120)));
-- MAD = mean |share of digit d - log10(1 + 1/d)|, scaled by sqrt(N / 100), second way in SQL
WITH v AS (SELECT round(power(10, 3 * i / 120.0))::bigint AS likes FROM generate_series(1, 120) i),
d AS (SELECT left(likes::text, 1)::int AS digit, count(*) AS c FROM v GROUP BY 1),
b AS (SELECT sum(abs(coalesce(c, 0) / 120.0 - log(1 + 1.0 / g))) / 9 * sqrt(120 / 100.0) AS mad
        FROM generate_series(1, 9) g LEFT JOIN d ON d.digit = g)
SELECT abs((authenticity_signals(authenticity_agg(likes, NULL, NULL, NULL, NULL, NULL, NULL))->>'benford_mad')::float8 - b.mad::float8) < 1e-15 AS benford
  FROM v, b GROUP BY b.mad;
-- counts spanning less than two orders of magnitude: left out
SELECT authenticity_signals(authenticity_agg(100 + i, NULL, NULL, NULL, NULL, NULL, NULL))->'benford_mad'
  FROM generate_series(1, 150) i;

-- hours: 12 posts at 10:00 UTC: resultant length 1, Rayleigh sqrt(12) x 1 = 3.4641016151377544;
-- 24 posts, one per hour: resultant 0
SELECT authenticity_signals(authenticity_agg(10, 1, 0, 0, NULL, 100, timestamptz '2025-01-01 10:00+00' + i * interval '1 day'))->'hour_concentration'
  FROM generate_series(1, 12) i;
SELECT round((authenticity_signals(authenticity_agg(10, 1, 0, 0, NULL, 100, timestamptz '2025-01-01 00:30+00' + i * interval '1 hour'))->>'hour_concentration')::numeric, 12)
  FROM generate_series(0, 23) i;

-- NULL counters are absent; a row of NULLs is a post without interactions; no rows: the empty summary
SELECT authenticity_agg(NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT authenticity_agg(likes, comments, shares, saves, views, followers, posted_at) FROM auth_posts WHERE false;
SELECT authenticity_signals(authenticity_agg(likes, comments, shares, saves, views, followers, posted_at)) FROM auth_posts WHERE likes > 30;

-- errors
SELECT authenticity_agg(-1, 0, 0, 0, 0, 0, now());
SELECT authenticity_agg(0, 0, 0, 0, -5, 0, now());
SELECT authenticity_agg(0, 0, 0, 0, 0, -2, now());
SELECT authenticity_agg(0, 0, 0, 0, 0, 0, 'infinity');
SELECT authenticity_agg(9223372036854775807, 1, 0, 0, 0, 0, now());

-- Follower snapshots, one a day from 2025-03-01: changes 10, 12, 8, 11, +4000, 9, 10, -2000, 11;
-- median 10; |change - 10| = 0 2 2 1 3990 1 0 2010 1, MAD 1, scale 1.482602218505602;
-- the jump's z = 3990 / 1.4826 = 2691.2, the drop's -2010 / 1.4826 = -1355.7
CREATE TABLE auth_fol (kol int, at timestamptz, followers bigint);
INSERT INTO auth_fol
SELECT 1, timestamptz '2025-03-01 00:00+00' + (i - 1) * interval '24 hours', f
  FROM unnest(ARRAY[1000, 1010, 1022, 1030, 1041, 5041, 5050, 5060, 3060, 3071]) WITH ORDINALITY AS t(f, i);
SELECT follower_agg(at, followers) FROM auth_fol;
SELECT follower_snapshots(follower_agg(at, followers)) FROM auth_fol;
-- out of order, a duplicate time (the larger count kept), NULLs skipped, rollup of overlapping parts
SELECT follower_agg(at, f) FROM (VALUES (timestamptz '2025-03-02 00:00+00', 7::bigint), ('2025-03-01 00:00+00', 5),
       ('2025-03-02 00:00+00', 9), (NULL, 1), ('2025-03-03 00:00+00', NULL)) v(at, f);
SELECT rollup(s) = (SELECT follower_agg(at, followers) FROM auth_fol) AS same
  FROM (SELECT follower_agg(at, followers) AS s FROM auth_fol WHERE at < '2025-03-07 00:00+00'
        UNION ALL SELECT follower_agg(at, followers) FROM auth_fol WHERE at > '2025-03-04 00:00+00') x;
-- 1,000 snapshots kept (the latest), older ones counted as dropped
SELECT follower_snapshots(s), s::text LIKE format('(v:1,dropped:200,n:1000,at:[%s,%%',
           extract(epoch FROM timestamptz '2021-12-01 00:00+00' + 201 * interval '24 hours' - timestamptz '2000-01-01 00:00+00')::bigint * 1000000) AS latest_kept
  FROM (SELECT follower_agg(timestamptz '2021-12-01 00:00+00' + i * interval '24 hours', i) AS s
          FROM generate_series(1, 1200) i) x;
SELECT follower_agg(now(), -1);
SELECT follower_agg('-infinity', 1);

-- Comments: 20 of them.  Generic (normalized "1", "沙发", "nice"): +1, ＋１, 沙发！, Nice, nice!! = 5;
-- emoji or emote only: [赞][赞], 👍👍, 【笑哭】, 😂 😂 = 4; plain 11, of which "where did you get
-- this" 3 times (case, spaces, punctuation): duplicate share 3 / 11 = 0.27272727272727271;
-- emoji 4 / 20 = 0.2, generic 5 / 20 = 0.25.  Authors: pod1 10 times, u1 .. u10 once:
-- 11 / 20 = 0.55 per comment; comments per effective author 20 x ((10/20)^2 + 10 (1/20)^2) = 5.5.
-- Times: 6 in 2025-03-01 12:00:00 .. 12:00:05 (one 10-second window), the others an hour
-- apart: burst share 6 / 20 = 0.3.
CREATE TABLE auth_cmt (kol int, body text, author text, at timestamptz);
INSERT INTO auth_cmt
SELECT 1, b, CASE WHEN i <= 10 THEN 'pod1' ELSE 'u' || (i - 10) END,
       CASE WHEN i <= 6 THEN timestamptz '2025-03-01 12:00:00+00' + (i - 1) * interval '1 second'
            ELSE timestamptz '2025-03-02 00:00+00' + i * interval '1 hour' END
  FROM unnest(ARRAY['+1', '＋１', '沙发！', 'Nice', 'nice!!', '[赞][赞]', '👍👍', '【笑哭】', '😂 😂',
                    'Where did you get this?', 'WHERE DID YOU GET THIS!!!', 'where  did you get this',
                    'love the colour', '求链接', '已经下单了', 'is it worth it', '学到了', '教程太详细了',
                    'tried it, works', '第二张最好看']) WITH ORDINALITY AS t(b, i);
SELECT jsonb_pretty(comment_signals(comment_agg(body, author, at))) FROM auth_cmt;
SELECT comment_signals(comment_agg(body, author, at)) FROM auth_cmt WHERE at > '2025-03-02 00:00+00';  -- 14: too few
SELECT comment_signals(rollup(s)) = (SELECT comment_signals(comment_agg(body, author, at)) FROM auth_cmt) AS same,
       rollup(s) = (SELECT comment_agg(body, author, at) FROM auth_cmt) AS identical
  FROM (SELECT comment_agg(body, author, at) AS s FROM auth_cmt GROUP BY author = 'pod1') x;
SELECT comment_agg(NULL, NULL, NULL);
SELECT comment_agg('x', 'y', 'infinity');

-- The cohort: 10 accounts of 3 posts, likes 100, comments 10, followers 1000.
--   likes per comment log10((300 + 1) / (30 + 1)) = 0.98721 lies in bin 43, [0.95, 1.0) (first
--   edge -1.2, width 0.05): median 0.95 + 0.05 x 5/10 = 0.975 (10^0.975 = 9.44061), MAD 0.0125,
--   scale floored at 0.1; ER by followers log10((110 + 1) / 1000) = -0.95468 in bin 80,
--   [-1.0, -0.95): median -0.975 (10^-0.975 = 0.105925).
-- The account judged: 3 posts, likes 1000, comments 10: log10(3001 / 31) = 1.98590 (96.8065),
--   z = (1.98590 - 0.975) / 0.1 = 10.109: suspicion 1, weight 0.6: score 100 x (1 - 0.6) = 40;
--   its ER log10(1011 / 1000) = 0.00475 (z = 9.7975) is high, suspicious only when low: 0.
CREATE TABLE auth_cohort_posts (kol int, likes bigint, comments bigint, followers bigint, posted_at timestamptz);
INSERT INTO auth_cohort_posts
SELECT k, 100, 10, 1000, timestamptz '2025-01-01 10:00+00' + p * interval '1 day'
  FROM generate_series(1, 10) k, generate_series(1, 3) p;
CREATE TABLE auth_summaries AS
SELECT kol, authenticity_agg(likes, comments, NULL, NULL, NULL, followers, posted_at) AS s
  FROM auth_cohort_posts GROUP BY kol;
CREATE TABLE auth_cohort AS SELECT authenticity_cohort_agg(s) AS c FROM auth_summaries;
SELECT c FROM auth_cohort;
CREATE TABLE auth_judged AS
SELECT authenticity_agg(1000, 10, NULL, NULL, NULL, 1000, timestamptz '2025-01-01 10:00+00' + p * interval '1 day') AS s
  FROM generate_series(1, 3) p;
SELECT authenticity_score(j.s, c.c) FROM auth_judged j, auth_cohort c;
SELECT jsonb_pretty(authenticity_report(j.s, c.c)) FROM auth_judged j, auth_cohort c;
-- a member of the cohort: nothing suspicious
SELECT authenticity_score(s, c) FROM auth_summaries, auth_cohort WHERE kol = 1;
-- with the follower snapshots above (jump z 2691, rise 4000 / 1041 = 384%: suspicion 1, unexplained:
-- the posts' peak is in January; the drop of 2000 = 40% of 5060, 2000 / (0.2 x 4000) >= 1: suspicion 1):
-- 100 x 0.4 x (1 - 0.6) x (1 - 0.6) = 6.4
SELECT round(authenticity_score(j.s, c.c, (SELECT follower_agg(at, followers) FROM auth_fol))::numeric, 10)
  FROM auth_judged j, auth_cohort c;
-- z: signed, against the cohort for post signals, the change's own modified z-score for followers
SELECT r->>'signal' AS signal, r->>'z' AS z, r->>'contribution' AS contribution, r->>'reason' AS reason
  FROM auth_judged j, auth_cohort c,
       jsonb_array_elements(authenticity_report(j.s, c.c, (SELECT follower_agg(at, followers) FROM auth_fol))->'signals') r;
-- the same jump explained by a post of 5,000 interactions the day before it: the jump is not scored
WITH p AS (SELECT authenticity_agg(4990, 10, NULL, NULL, NULL, 1000, '2025-03-05 12:00+00') AS s)
SELECT r->>'reason' AS reason, r->>'suspicion' AS suspicion
  FROM auth_cohort c, p,
       jsonb_array_elements(authenticity_report(p.s, c.c, (SELECT follower_agg(at, followers) FROM auth_fol))->'signals') r
 WHERE r->>'signal' = 'follower_jump';
-- too few snapshots; comments given but the cohort has none with comment signals
SELECT authenticity_report(j.s, c.c, follower_agg(f.at, f.followers), (SELECT comment_agg(body, author, at) FROM auth_cmt))->'missing'
  FROM auth_judged j, auth_cohort c, auth_fol f WHERE f.at < '2025-03-04 00:00+00' GROUP BY j.s, c.c;
-- a cohort of fewer than 10 accounts judges nothing: score 100, every signal missing
SELECT authenticity_score(j.s, authenticity_cohort_agg(a.s)), authenticity_report(j.s, authenticity_cohort_agg(a.s))->'missing'->0
  FROM auth_judged j, auth_summaries a WHERE a.kol <= 9 GROUP BY j.s;
-- NULL posts or cohort: NULL
SELECT authenticity_score(NULL, c), authenticity_report(s, NULL) FROM auth_cohort, auth_judged;

-- weights come from authenticity_weight, read afresh by each statement (edits rolled back,
-- so that config_state records nothing for the tests after this one)
BEGIN;
UPDATE authenticity_weight SET weight = 0.3 WHERE signal = 'likes_per_comment';
SELECT authenticity_score(j.s, c.c) FROM auth_judged j, auth_cohort c;   -- 100 x (1 - 0.3) = 70
DELETE FROM authenticity_weight WHERE signal = 'likes_per_comment';
SELECT authenticity_score(j.s, c.c) FROM auth_judged j, auth_cohort c;   -- weight 0: 100
INSERT INTO authenticity_weight VALUES ('likes_per_comment', 0.6, 'back');
SELECT authenticity_score(j.s, c.c) FROM auth_judged j, auth_cohort c;   -- 40
SELECT config, jsonb_array_length(contents) AS rows FROM config_state;   -- the edit is recorded
ROLLBACK;
SELECT count(*) AS recorded_after_rollback FROM config_state;
UPDATE authenticity_weight SET weight = 1.5 WHERE signal = 'er_views';   -- out of [0, 1]
INSERT INTO authenticity_weight VALUES ('no_such_signal', 0.1, NULL);

-- cohort with comment signals: 10 accounts with the comments above; one of them judged against
-- it: each reference is the centre of the bin of 0.0079 holding the value (authors per comment
-- 0.55 in bin 69 = [0.5451, 0.5530): 0.54905; burst share 0.3 in bin 37: 0.29625)
CREATE TABLE auth_cohort2 AS
SELECT authenticity_cohort_agg(a.s, (SELECT comment_agg(body, author, at) FROM auth_cmt)) AS c FROM auth_summaries a;
SELECT c::text LIKE '%duplicate_share:{%' AS has_comment_bins FROM auth_cohort2;
SELECT r->>'signal' AS signal, r->>'reference' AS reference, r->>'value' AS value
  FROM auth_cohort2 c, auth_summaries a,
       jsonb_array_elements(authenticity_report(a.s, c.c, NULL, (SELECT comment_agg(body, author, at) FROM auth_cmt))->'signals') r
 WHERE a.kol = 1 AND r->>'signal' LIKE '%comment%';

DROP TABLE auth_posts, auth_fol, auth_cmt, auth_cohort_posts, auth_summaries, auth_cohort, auth_judged, auth_cohort2;
