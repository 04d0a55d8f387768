-- ---------------------------------------------------------------------------
-- The analyst workspace's relationship signals (doc/workspace.md,
-- "relationship_sentiment"): per brand, KOL and month, the sentiment of the comments
-- under the KOL's posts that name the brand (sentiment_agg), and per brand and KOL the
-- trend of that monthly net sentiment (trend_agg).  workspace_part_30_signals adds the two
-- views to every new workspace (create_workspace calls it) and, called directly, to an
-- older one.  Computed on read: no summary to refresh.
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
		RAISE EXCEPTION 'workspace "%" already has relationship_sentiment', schema USING ERRCODE = '42P07';
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
$ddl$, schema);
END
$fn$;
COMMENT ON FUNCTION @extschema@.workspace_part_30_signals(name) IS
	'Adds the relationship signals to a workspace: the views relationship_sentiment (comment sentiment per brand, KOL and month) and relationship_sentiment_trend; create_workspace calls it, call it directly for a workspace made before. 42P07 if the workspace has them';
