-- Sample customer journeys for attribution (runs after generate.sql): customers who saw
-- posts of the sample KOLs (touchpoints) and the orders some of them placed.
--   psql -v seed=42 -f test/sample/attribution.sql
-- Deterministic: every draw is sample.u (hashint8extended of the key and the seed) with
-- salts 300-399, which the other sample files do not use.
-- 10 customers per KOL; each sees 1 to 6 posts (a post picked uniformly, seen within 7
-- days of its publication); a customer orders with a probability of 8% plus 9% per
-- touchpoint on douyin, xiaohongshu or taobao_live and 4% per other touchpoint (capped at
-- 85%), 0 to 3 days after the last touchpoint, for 29.00 to 1,499.00 (skewed low).
-- The channel of a touchpoint is its post's platform; its KOL and post are kept as keys.
\set ON_ERROR_STOP on
\if :{?seed} \else \set seed 42 \endif

CREATE TABLE sample.touchpoints (
	customer_id bigint NOT NULL,
	touched_at timestamptz NOT NULL,
	post_id bigint NOT NULL,
	kol_id bigint NOT NULL,
	channel text NOT NULL
);
CREATE TABLE sample.orders (
	order_id bigint PRIMARY KEY,
	customer_id bigint NOT NULL,
	ordered_at timestamptz NOT NULL,
	value numeric(12, 2) NOT NULL
);
COMMENT ON TABLE sample.touchpoints IS 'Sample: a customer saw a post (channel = platform)';
COMMENT ON TABLE sample.orders IS 'Sample: orders of the customers (at most one each)';

CREATE TEMP TABLE attr_posts AS
SELECT row_number() OVER (ORDER BY post_id) AS rn, post_id, kol_id, platform, posted_at
  FROM sample.posts;
CREATE UNIQUE INDEX ON attr_posts (rn);

INSERT INTO sample.touchpoints
SELECT c, p.posted_at + sample.u(:seed, c * 10 + j, 302) * interval '7 days',
       p.post_id, p.kol_id, p.platform
  FROM generate_series(1, (SELECT 10 * count(*) FROM sample.kols)) c,
       generate_series(1, 1 + floor(6 * sample.u(:seed, c, 300))::int) j,
       LATERAL (SELECT * FROM attr_posts
                 WHERE rn = 1 + floor(sample.u(:seed, c * 10 + j, 301) * (SELECT count(*) FROM attr_posts))::bigint) p;

INSERT INTO sample.orders
SELECT customer_id, customer_id, last_touch + sample.u(:seed, customer_id, 304) * interval '3 days',
       round((29 + 1470 * sample.u(:seed, customer_id, 305) ^ 3)::numeric, 0)
  FROM (SELECT customer_id, max(touched_at) AS last_touch,
               least(0.85, 0.08 + 0.09 * count(*) FILTER (WHERE channel IN ('douyin', 'xiaohongshu', 'taobao_live'))
                               + 0.04 * count(*) FILTER (WHERE channel NOT IN ('douyin', 'xiaohongshu', 'taobao_live'))) AS p
          FROM sample.touchpoints GROUP BY customer_id) t
 WHERE sample.u(:seed, customer_id, 303) < p;

CREATE INDEX ON sample.touchpoints (customer_id, touched_at);
ANALYZE sample.touchpoints, sample.orders;
