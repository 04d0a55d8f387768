-- Demo report: attribution of the sample orders to channels and KOLs (attribute,
-- markov_attribution, markov_rows).
SET search_path = kolmetrics, public;
\pset footer off

-- Each order with its customer's touchpoints (up to the order), in time order.
CREATE TEMP TABLE demo_journeys AS
SELECT o.order_id, o.ordered_at, o.value,
       array_agg(t.channel ORDER BY t.touched_at) AS channels,
       array_agg(t.kol_id::text ORDER BY t.touched_at) AS kols,
       array_agg(t.touched_at ORDER BY t.touched_at) AS times
  FROM sample.orders o
  JOIN sample.touchpoints t ON t.customer_id = o.customer_id AND t.touched_at <= o.ordered_at
 GROUP BY o.order_id, o.ordered_at, o.value;

\echo
\echo '== Order value by channel under each model (30-day lookback; time decay with a'
\echo '   7-day half-life; position 40/20/40; Markov: removal effects over every journey,'
\echo '   converting or not). Each column adds up to the value of the orders exactly.'
WITH rules AS (
  SELECT a.key AS channel, m.model, sum(a.credit) AS credit
    FROM demo_journeys j,
         unnest(ARRAY['last_touch', 'first_touch', 'linear', 'time_decay', 'position']) m(model),
         LATERAL attribute(m.model, j.channels, j.times, j.ordered_at, j.value) a
   GROUP BY 1, 2),
paths AS (
  SELECT array_agg(t.channel ORDER BY t.touched_at) AS path, bool_or(o.order_id IS NOT NULL) AS converted,
         max(o.value) AS value
    FROM sample.touchpoints t
    LEFT JOIN sample.orders o ON o.customer_id = t.customer_id
   WHERE o.ordered_at IS NULL OR t.touched_at >= o.ordered_at - interval '30 days'
   GROUP BY t.customer_id),
markov AS (
  SELECT x.channel, x.attributed_value, x.removal_effect
    FROM (SELECT markov_attribution(path, converted, value) AS r FROM paths) s, markov_rows(s.r) x),
piv AS (
  SELECT channel,
         sum(credit) FILTER (WHERE model = 'last_touch') AS last_touch,
         sum(credit) FILTER (WHERE model = 'first_touch') AS first_touch,
         sum(credit) FILTER (WHERE model = 'linear') AS linear,
         sum(credit) FILTER (WHERE model = 'time_decay') AS time_decay,
         sum(credit) FILTER (WHERE model = 'position') AS position
    FROM rules GROUP BY channel)
SELECT coalesce(channel, 'total') AS channel, sum(last_touch) AS last_touch, sum(first_touch) AS first_touch,
       sum(linear) AS linear, sum(time_decay) AS time_decay, sum(position) AS position,
       sum(attributed_value) AS markov,
       CASE WHEN channel IS NOT NULL THEN round(max(removal_effect)::numeric, 3) END AS removal_effect
  FROM piv LEFT JOIN markov USING (channel)
 GROUP BY ROLLUP (channel)
 ORDER BY channel IS NULL, channel;

\echo
\echo '== Top 10 KOLs by position-based credit (40/20/40), with their last-touch credit'
\echo '   and the orders they touched.'
SELECT a.key AS kol_id, k.handle, k.platform,
       sum(a.credit) AS position_credit,
       sum(l.credit) AS last_touch_credit,
       count(DISTINCT j.order_id) AS orders_touched
  FROM demo_journeys j,
       LATERAL attribute('position', j.kols, j.times, j.ordered_at, j.value) a
       JOIN LATERAL attribute('last_touch', j.kols, j.times, j.ordered_at, j.value) l
         ON l.touch_index = a.touch_index
       JOIN sample.kols k ON k.kol_id = a.key::bigint
 GROUP BY 1, 2, 3
 ORDER BY position_credit DESC, kol_id
 LIMIT 10;
