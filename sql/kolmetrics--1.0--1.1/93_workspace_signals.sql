-- ---------------------------------------------------------------------------
-- The analyst workspace's relationship signals (doc/workspace.md,
-- "relationship_sentiment"): per brand, KOL and month, the sentiment of the comments
-- under the KOL's posts that name the brand (sentiment_agg), and per brand and KOL the
-- trend of that monthly net sentiment (trend_agg); per account and month the
-- authenticity score against the platform's accounts, and per KOL its trend.
-- workspace_part_30_signals adds the four views to every new workspace (create_workspace
-- calls it) and, called directly, to an older one.  Computed on read: no summary to refresh.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.workspace_part_30_signals(schema name)
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF schema IS NULL OR to_regclass(format('%I.workspace', schema)) IS NULL THEN
		RAISE EXCEPTION 'schema "%" has no workspace', schema USING ERRCODE = '22023',
			HINT = 'Create one with kolmetrics.create_workspace(schema).';
	END IF;
	IF to_regclass(format('%I.relationship_sentiment', schema)) IS NOT NULL THEN
		RAISE EXCEPTION 'workspace "%" already has its relationship signals', schema USING ERRCODE = '42P07';
	END IF;
	EXECUTE format($ddl$
CREATE VIEW %1$I.relationship_sentiment AS
SELECT x.brand_id, x.kol_id, x.month,
       @extschema@.text_count(x.s) AS comments,
       @extschema@.positive_count(x.s) AS positive,
       @extschema@.negative_count(x.s) AS negative,
       @extschema@.neutral_count(x.s) AS neutral,
       @extschema@.mean_sentiment(x.s) AS mean_sentiment,
       @extschema@.net_sentiment(x.s) AS net_sentiment
  FROM (SELECT p.brand_id, a.kol_id,
               date_trunc('month', coalesce(c.commented_at, p.posted_at) AT TIME ZONE w.time_zone)::date AS month,
               @extschema@.sentiment_agg(c.content) AS s
          FROM %1$I.comment c
          JOIN %1$I.post p ON p.post_id = c.post_id
          JOIN %1$I.account a ON a.account_id = p.account_id
         CROSS JOIN %1$I.workspace w
         WHERE p.brand_id IS NOT NULL
         GROUP BY 1, 2, 3) x;
COMMENT ON VIEW %1$I.relationship_sentiment IS 'Brand x KOL x month (of the comment, else of its post, in the workspace time zone): comments under the KOL''s posts naming the brand, counted by sentiment_label, their mean sentiment and net sentiment (positive - negative) / comments (doc/text.md)';

CREATE VIEW %1$I.relationship_sentiment_trend AS
SELECT y.brand_id, y.kol_id, @extschema@.points(y.t) AS months, y.comments,
       30 * @extschema@.slope(y.t) AS net_sentiment_per_30_days,
       30 * (@extschema@.slope_ci(y.t, 0.95))[1] AS per_30_days_low_95,
       30 * (@extschema@.slope_ci(y.t, 0.95))[2] AS per_30_days_high_95
  FROM (SELECT r.brand_id, r.kol_id, sum(r.comments)::bigint AS comments,
               @extschema@.trend_agg(r.month::timestamp AT TIME ZONE w.time_zone, r.net_sentiment) AS t
          FROM %1$I.relationship_sentiment r CROSS JOIN %1$I.workspace w
         GROUP BY 1, 2) y;
COMMENT ON VIEW %1$I.relationship_sentiment_trend IS 'Brand x KOL: the least-squares trend of the monthly net sentiment of relationship_sentiment, per 30 days, with its 95%% interval (NULL below 2 months, the interval below 3)';

CREATE VIEW %1$I.account_authenticity AS
WITH m AS (
	SELECT p.account_id, a.kol_id, a.platform,
	       date_trunc('month', p.posted_at AT TIME ZONE w.time_zone)::date AS month,
	       @extschema@.authenticity_agg(p.likes, p.comments, p.shares, p.saves, p.views, p.followers, p.posted_at) AS s
	  FROM %1$I.post p
	  JOIN %1$I.account a ON a.account_id = p.account_id
	 CROSS JOIN %1$I.workspace w
	 GROUP BY 1, 2, 3, 4
), c AS (
	SELECT m.platform, m.month, @extschema@.authenticity_cohort_agg(m.s) AS cohort, count(*) AS accounts
	  FROM m GROUP BY 1, 2
)
SELECT m.account_id, m.kol_id, m.platform::text AS platform, m.month, c.accounts AS cohort_accounts,
       @extschema@.authenticity_score(m.s, c.cohort) AS score
  FROM m JOIN c ON c.platform = m.platform AND c.month = m.month;
COMMENT ON VIEW %1$I.account_authenticity IS 'Per account and month (workspace time zone): authenticity_score of the month''s posts against the cohort of the same platform''s accounts that month (doc/authenticity.md); post signals only';

CREATE VIEW %1$I.kol_authenticity_trend AS
SELECT y.kol_id, @extschema@.points(y.t) AS months, y.last_month, y.last_score,
       30 * @extschema@.slope(y.t) AS score_per_30_days,
       30 * (@extschema@.slope_ci(y.t, 0.95))[1] AS per_30_days_low_95,
       30 * (@extschema@.slope_ci(y.t, 0.95))[2] AS per_30_days_high_95
  FROM (SELECT x.kol_id, max(x.month) AS last_month,
               (array_agg(x.score ORDER BY x.month DESC))[1] AS last_score,
               @extschema@.trend_agg(x.month::timestamp AT TIME ZONE w.time_zone, x.score) AS t
          FROM (SELECT kol_id, month, avg(score) AS score FROM %1$I.account_authenticity
                 WHERE score IS NOT NULL GROUP BY 1, 2) x
         CROSS JOIN %1$I.workspace w
         GROUP BY 1) y;
COMMENT ON VIEW %1$I.kol_authenticity_trend IS 'Per KOL: the monthly authenticity score (mean over its accounts of account_authenticity), the latest, and its least-squares trend per 30 days with its 95%% interval (NULL below 2 months, the interval below 3); join relationship on kol_id';
$ddl$, schema);
END
$fn$;
COMMENT ON FUNCTION @extschema@.workspace_part_30_signals(name) IS
	'Adds the relationship signals to a workspace: the views relationship_sentiment (comment sentiment per brand, KOL and month), relationship_sentiment_trend, account_authenticity (monthly authenticity score against the platform''s accounts) and kol_authenticity_trend; create_workspace calls it, call it directly for a workspace made before. 42P07 if the workspace has them';
