-- The data of report.html as one JSON document (psql -At -f report.sql), from the workspace
-- `ws` (test/sample/workspace.sql) and the sample's briefs (test/sample/profiles.sql).
SELECT json_build_object(
  'generated', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'),
  -- every account: followers now, pooled ER by followers over all its posts, tier
  'er_followers', (
    SELECT json_agg(json_build_object('tier', f.tier, 'handle', f.handle, 'followers', f.followers,
                                      'er', kolmetrics.pooled_engagement_rate(s.summary)) ORDER BY f.tier_order, f.account_id)
      FROM ws.account_followers f
      JOIN (SELECT account_id, kolmetrics.rollup(summary) AS summary FROM ws.account_month_current GROUP BY 1) s
        ON s.account_id = f.account_id
     WHERE f.followers > 0 AND kolmetrics.pooled_engagement_rate(s.summary) > 0),
  'tiers', (SELECT json_agg(t ORDER BY i) FROM unnest(enum_range(NULL::kolmetrics.tier)::text[]) WITH ORDINALITY u(t, i)),
  'heatmap', (
    SELECT json_agg(json_build_object('platform', platform, 'tier', tier, 'median_er', median_account_er,
                                      'accounts', accounts) ORDER BY platform, tier_order)
      FROM ws.platform_benchmarks),
  'monthly', (
    SELECT json_agg(json_build_object('month', to_char(month, 'YYYY-MM'), 'posts', kolmetrics.posts(s),
                                      'er', kolmetrics.pooled_engagement_rate(s),
                                      'median_er', kolmetrics.engagement_rate_percentile(s, 0.5)) ORDER BY month)
      FROM (SELECT month, kolmetrics.rollup(summary) AS s FROM ws.account_month_current GROUP BY month) m),
  'campaigns', (
    SELECT json_agg(json_build_object('campaign', campaign, 'brand', brand, 'currency', currency,
                                      'roi', roi, 'cpa', cpa) ORDER BY campaign_id, currency)
      FROM ws.campaign_report WHERE roi IS NOT NULL),
  'relevance', (
    SELECT json_build_object('brief', b.name, 'brand', b.brand, 'top', (
      SELECT json_agg(x ORDER BY x.relevance DESC, x.kol)
        FROM (SELECT k.name AS kol, kolmetrics.kol_relevance(k.profile, b.profile) AS relevance
                FROM ws.kol k WHERE k.profile IS NOT NULL
               ORDER BY 2 DESC, 1 LIMIT 15) x))
      FROM sample.briefs b WHERE b.brief_id = 1)
);
