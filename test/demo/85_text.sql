-- Demo report: text signals (doc/text.md) over sample.post_texts and sample.post_comments
-- (test/sample/text.sql): engagement and comment sentiment by content type and per brand,
-- and how often sponsored posts disclose, per platform.
SET search_path = kolmetrics, public;
\pset footer off

-- One sentiment_summary of the comments per post; every figure below is a rollup of these.
CREATE TEMP TABLE demo_text_posts AS
SELECT t.post_id, p.platform, p.is_sponsored, k.country, t.body,
       p.likes + p.comments + p.shares AS interactions, p.followers,
       sentiment_agg(c.body) AS s
  FROM sample.post_texts t
  JOIN sample.posts p USING (post_id)
  JOIN sample.kols k ON k.kol_id = t.kol_id
  LEFT JOIN sample.post_comments c ON c.post_id = t.post_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

\echo
\echo '== By content type (content_types of the post text; a post can have several).'
\echo '   ER = interactions / followers summed over the posts; net = (positive - negative) /'
\echo '   comments; mean = mean comment score in [-1, 1].'
SELECT ct AS content_type, count(*) AS posts,
       round(sum(interactions)::numeric / nullif(sum(followers), 0), 4) AS er,
       text_count(rollup(s)) AS comments,
       round(net_sentiment(rollup(s))::numeric, 3) AS net,
       round(mean_sentiment(rollup(s))::numeric, 3) AS mean
  FROM demo_text_posts, unnest(content_types(body)) AS ct
 GROUP BY ct ORDER BY posts DESC, ct;

\echo
\echo '== Per brand (brand_mentions of the post text, by any alias: Chinese, English, pinyin,'
\echo '   #topic#, @handle).'
SELECT b AS brand, count(*) AS posts, count(*) FILTER (WHERE is_sponsored) AS sponsored,
       round(sum(interactions)::numeric / nullif(sum(followers), 0), 4) AS er,
       positive_count(rollup(s)) AS pos, negative_count(rollup(s)) AS neg,
       neutral_count(rollup(s)) AS neu,
       round(net_sentiment(rollup(s))::numeric, 3) AS net
  FROM demo_text_posts, unnest(brand_mentions(body)) AS b
 GROUP BY b ORDER BY net DESC NULLS LAST, b;

\echo
\echo '== Disclosure per platform (cn markers for CN accounts, us otherwise): the share of'
\echo '   sponsored posts with a clear marker, and of organic posts that carry any marker.'
\echo '   within_fold = sponsored posts whose first clear marker ends in the first 40 characters.'
SELECT platform, (r).sponsored, (r).sponsored_disclosed, round((r).disclosure_rate::numeric, 3) AS disclosure_rate,
       within_fold, (r).unsponsored, round((r).marker_rate::numeric, 3) AS marker_rate
  FROM (SELECT platform,
               disclosure_agg(body, is_sponsored, CASE WHEN country = 'CN' THEN 'cn' ELSE 'us' END) AS r,
               count(*) FILTER (WHERE is_sponsored AND
                   (disclosure(body, CASE WHEN country = 'CN' THEN 'cn' ELSE 'us' END, 40)).before_fold) AS within_fold
          FROM demo_text_posts GROUP BY platform) x
 ORDER BY platform;

\echo
\echo '== The most negative comments, with the terms behind their scores.'
SELECT round(sentiment(c.body)::numeric, 3) AS score, c.body,
       (SELECT string_agg(term || ' ' || round(score::numeric, 2), ', ') FROM sentiment_terms(c.body)) AS terms
  FROM (SELECT DISTINCT body FROM sample.post_comments) c
 ORDER BY sentiment(c.body), c.body LIMIT 5;
