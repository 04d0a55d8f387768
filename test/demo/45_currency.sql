-- Demo report: cross-border money (fx_rate, fx_convert): one reporting currency for
-- campaigns paid in CNY, USD and SGD.  The sample's rates are illustrative, not real quotes.
SET search_path = kolmetrics, public;
\pset footer off

\echo
\echo '== Exchange rates (kolmetrics.fx_rate: CNY per 1 unit, the base is CNY; illustrative sample values)'
SELECT base_currency, max_age_days FROM fx_setting;
SELECT currency, count(*) AS days, min(day) AS first_day, max(day) AS last_day,
       min(rate) AS lowest, max(rate) AS highest,
       fx_rate_on(currency, '2025-06-30') AS on_2025_06_30
  FROM fx_rate GROUP BY currency ORDER BY currency;

\echo
\echo '== The same 1,000.00 on one day: USD -> CNY, CNY -> USD, SGD -> USD (cross rate via CNY),'
\echo '   and on a Sunday, which uses the Friday rate'
SELECT fx_convert(1000, 'USD', 'CNY', '2025-06-30') AS usd_to_cny,
       fx_convert(1000, 'CNY', 'USD', '2025-06-30') AS cny_to_usd,
       fx_convert(1000, 'SGD', 'USD', '2025-06-30') AS sgd_to_usd,
       fx_convert(1000, 'USD', 'CNY', '2025-06-29') AS usd_to_cny_sunday;

\echo
\echo '== What each brand paid, per currency, as paid'
SELECT c.brand, p.currency, count(*) AS kols, sum(p.cost) AS cost, sum(p.revenue) AS revenue
  FROM sample.campaign_kol_payments p JOIN sample.campaigns c USING (campaign_id)
 GROUP BY c.brand, p.currency ORDER BY c.brand, p.currency;

\echo
\echo '== Brands in one reporting currency (USD): each payment converted at its own date, then'
\echo '   aggregated (campaign_agg over fx_convert(...)); ROI = (revenue - cost) / cost'
SELECT brand, row_count(s) AS kols, revenue(s) AS revenue_usd, cost(s) AS cost_usd,
       round(roi(s), 4) AS roi, round(cpm(s), 2) AS cpm_usd, round(cpa(s), 2) AS cpa_usd
  FROM (SELECT c.brand,
               campaign_agg(fx_convert(p.revenue, p.currency, 'USD', p.paid_on),
                            fx_convert(p.cost, p.currency, 'USD', p.paid_on),
                            p.impressions, p.views, p.engagements, p.clicks, p.conversions) AS s
          FROM sample.campaign_kol_payments p JOIN sample.campaigns c USING (campaign_id)
         GROUP BY c.brand) x
 ORDER BY roi(s) DESC NULLS LAST, brand;

\echo
\echo '== Why per row: one year-end rate for every payment gives another total'
SELECT sum(fx_convert(cost, currency, 'USD', paid_on)) AS cost_usd_each_at_its_date,
       sum(fx_convert(cost, currency, 'USD', '2025-12-31')) AS cost_usd_all_at_year_end
  FROM sample.campaign_kol_payments;
