-- campaign_roi, roi, campaign_agg / campaign_summary, rollup and the accessors.
-- Expected values: sums worked out by hand below; every ratio is PostgreSQL's numeric
-- division of those sums, whose scale is max(16 - 4 * qweight, dscale(num), dscale(den))
-- (select_div_scale in numeric.c; qweight = base-10000 weight of the quotient, one less
-- when the leading base-10000 digit of the numerator is <= that of the denominator).
-- The digits were checked by a second method (Python decimal, same scale rule) and each
-- ratio is also compared with the plain SQL expression over sum().
SET search_path = kolmetrics, public;

-- ---------------------------------------------------------------------------
-- Scalar roi(revenue, cost)
-- ---------------------------------------------------------------------------
-- 234.50 / 1000.00: qweight -1 (234 <= 1000), scale 16 + 4 = 20
SELECT roi(1234.50, 1000.00) AS roi_0_2345;
-- (150 - 200) / 200 = -0.25; qweight -1, scale 20
SELECT roi(150, 200) AS loss_quarter;
-- 0 revenue: (0 - 80) / 80 = -1 exactly; numerator weight 0 first digit 80 <= 80: scale 20
SELECT roi(0, 80.00) AS total_loss;
-- cost 0: no ROI
SELECT roi(100, 0) IS NULL AS cost_zero_is_null, roi(0, 0) IS NULL AS both_zero_is_null;
SELECT roi(NULL, 5) IS NULL AS null_revenue, roi(5, NULL) IS NULL AS null_cost;
-- 10 decimal places are held exactly: (0.0000000003 - 0.0000000001) / 0.0000000001 = 2
SELECT roi(0.0000000003, 0.0000000001) AS two;
-- trailing zeros beyond 10 places are not digits that need rounding: accepted
SELECT roi(3.000000000000000, 1.50) AS one;
SELECT roi(1234.50, 1000.00) = (1234.50 - 1000.00) / 1000.00 AS same_as_sql;

-- bad scalar input: negative, NaN, infinite, too precise, too large
SELECT roi(-0.01, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi(5, -1234.5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi('NaN', 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi(5, 'Infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi(5, '-Infinity');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi(0.00000000001, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi(1.00000000005, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT roi(2e28, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- 1e28 is below the limit (about 1.7e28): (1e28 - 5) / 5 = 1999999999999999999999999999
SELECT roi(1e28, 5) AS large;

-- ---------------------------------------------------------------------------
-- Campaign rows: brand -> campaign -> KOL
-- ---------------------------------------------------------------------------
CREATE TABLE camp_rows (brand text, campaign int, kol int, revenue numeric, cost numeric,
	impressions bigint, views bigint, engagements bigint, clicks bigint, conversions bigint);
INSERT INTO camp_rows VALUES
	('A', 1, 1, 1500.00, 1000.00, 200000, 50000, 4000, 800, 40),
	('A', 1, 2, 300.50, 500.25, 100000, 20000, 1000, 200, 10),
	('A', 2, 3, 0.00, 250.00, 0, 0, 0, 0, 0),
	('A', 2, 4, NULL, 100.00, 50000, NULL, 500, 100, 5),
	('B', 3, 5, 10000.1234567891, 3333.3333333333, 1000000, 400000, 30000, 6000, 333),
	('B', 3, 6, 2.5, 0, 7, 3, 2, 1, 0),
	('B', 4, 7, 99.99, 0.00, NULL, NULL, NULL, NULL, NULL);

-- campaign 1: revenue 1500.00 + 300.50 = 1800.50, cost 1000.00 + 500.25 = 1500.25,
--   impressions 300000, views 70000, engagements 5000, clicks 1000, conversions 50.
--   roi = 300.25 / 1500.25 = 0.20013331111481419763 (scale 20)
--   roas = 1800.50 / 1500.25 = 1.2001333111148142 (qweight 0: 1800 > 1500; scale 16)
--   cpm = 1500250.00 / 300000 = 5.0008333333333333 (qweight 0, 1500250 -> digits 150|0250, 150 > 30; scale 16)
--   cpv = 1500.25 / 70000 = 0.02143214285714285714 (base-10000 weights 0 and 1: qweight -1,
--   first digits 1500 > 7 so no further step; scale 20)
--   cpe = 1500.25 / 5000 = 0.30005000000000000000 (1500 <= 5000: qweight -1, scale 20)
--   cpc = 1500.25 / 1000 = 1.5002500000000000 (1500 > 1000: qweight 0, scale 16)
--   cpa = 1500.25 / 50 = 30.0050000000000000 (qweight 0, 1500 > 50; scale 16)
--   conversion_rate clicks = 50 / 1000 = 0.05000000000000000000; views = 50 / 70000 =
--   0.00071428571428571429; impressions = 50 / 300000 = 0.00016666666666666667
-- campaign 2: revenue 0.00 (kol 4 NULL adds nothing), cost 350.00, impressions 50000,
--   views 0 (present: kol 3 gave 0), engagements 500, clicks 100, conversions 5.
--   roi = -350.00 / 350.00 = -1.00000000000000000000; cpv NULL (views 0);
--   cpm = 350000.00 / 50000 = 7.0000000000000000; cpa = 350.00 / 5 = 70.0000000000000000
-- campaign 3: revenue 10000.1234567891 + 2.5 = 10002.6234567891 (scale 10),
--   cost 3333.3333333333 + 0 = 3333.3333333333, impressions 1000007, views 400003,
--   engagements 30002, clicks 6001, conversions 333.
--   roi = 6669.2901234558 / 3333.3333333333 = 2.00078703703676000000787... -> 2.0007870370367600
--   (6669 > 3333: qweight 0, scale max(16, 10, 10) = 16); roas = 3.0007870370367600;
--   cpm = 3333333.3333333000 / 1000007 = 3.3333100001632989; cpv = 3333.3333333333 / 400003
--   = 0.00833327083380199649 (scale 20); cpe = 0.11110370419749683354; cpc =
--   0.55546297839248458590; cpa = 10.0100100100099099; conversion rates 333 / 6001 =
--   0.05549075154140976504, 333 / 400003 = 0.00083249375629682777, 333 / 1000007 =
--   0.00033299766901631689.
-- campaign 2 also: roas = 0.00 / 350.00 = 0.00000000000000000000, cpe = 350.00 / 500 =
--   0.70000000000000000000, cpc = 3.5000000000000000, conversion 5 / 100 = 0.05000000000000000000,
--   5 / 50000 = 0.000100000000000000000000 (qweight -2: scale 24)
-- campaign 4: cost 0.00: roi, roas NULL; every counter NULL: cpm ... NULL, counters NULL.
SELECT campaign, row_count(s), revenue(s), cost(s), impressions(s), views(s),
       engagements(s), clicks(s), conversions(s)
  FROM (SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
          FROM camp_rows GROUP BY campaign) t ORDER BY campaign;
SELECT campaign, roi(s), roas(s), cpm(s), cpv(s)
  FROM (SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
          FROM camp_rows GROUP BY campaign) t ORDER BY campaign;
SELECT campaign, cpe(s), cpc(s), cpa(s)
  FROM (SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
          FROM camp_rows GROUP BY campaign) t ORDER BY campaign;
SELECT campaign, conversion_rate(s, 'clicks') AS per_click, conversion_rate(s, 'views') AS per_view,
       conversion_rate(s, 'impressions') AS per_impression
  FROM (SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
          FROM camp_rows GROUP BY campaign) t ORDER BY campaign;

-- second method: every accessor equals the plain SQL ratio of sums, value and scale
-- (text comparison catches a different scale); per KOL, per campaign, per brand, overall.
SELECT lvl, count(*) AS groups,
       bool_and(revenue(s)::text IS NOT DISTINCT FROM sr::text AND cost(s)::text IS NOT DISTINCT FROM sc::text) AS sums,
       bool_and(roi(s)::text IS NOT DISTINCT FROM ((sr - sc) / nullif(sc, 0))::text) AS roi,
       bool_and(roas(s)::text IS NOT DISTINCT FROM (sr / nullif(sc, 0))::text) AS roas,
       bool_and(cpm(s)::text IS NOT DISTINCT FROM (sc * 1000 / nullif(si, 0))::text) AS cpm,
       bool_and(cpv(s)::text IS NOT DISTINCT FROM (sc / nullif(sv, 0))::text) AS cpv,
       bool_and(cpe(s)::text IS NOT DISTINCT FROM (sc / nullif(se, 0))::text) AS cpe,
       bool_and(cpc(s)::text IS NOT DISTINCT FROM (sc / nullif(sk, 0))::text) AS cpc,
       bool_and(cpa(s)::text IS NOT DISTINCT FROM (sc / nullif(sn, 0))::text) AS cpa,
       bool_and(conversion_rate(s, 'clicks')::text IS NOT DISTINCT FROM (sn / nullif(sk, 0))::text
            AND conversion_rate(s, 'views')::text IS NOT DISTINCT FROM (sn / nullif(sv, 0))::text
            AND conversion_rate(s, 'impressions')::text IS NOT DISTINCT FROM (sn / nullif(si, 0))::text) AS conv
  FROM (SELECT CASE WHEN grouping(brand) = 1 THEN 'all' WHEN grouping(campaign) = 1 THEN 'brand'
                    WHEN grouping(kol) = 1 THEN 'campaign' ELSE 'kol' END AS lvl,
               campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s,
               sum(revenue) sr, sum(cost) sc, sum(impressions) si, sum(views) sv,
               sum(engagements) se, sum(clicks) sk, sum(conversions) sn
          FROM camp_rows GROUP BY ROLLUP (brand, campaign, kol)) t
 GROUP BY lvl ORDER BY lvl;

-- campaign_roi skips rows with a NULL revenue or cost; equals the SQL form on the same rows
-- campaign 2 without kol 4: (0.00 - 250.00) / 250.00 = -1.00000000000000000000
SELECT campaign, campaign_roi(revenue, cost),
       campaign_roi(revenue, cost)::text IS NOT DISTINCT FROM
         ((sum(revenue) FILTER (WHERE revenue IS NOT NULL AND cost IS NOT NULL)
           - sum(cost) FILTER (WHERE revenue IS NOT NULL AND cost IS NOT NULL))
          / nullif(sum(cost) FILTER (WHERE revenue IS NOT NULL AND cost IS NOT NULL), 0))::text AS same_as_sql
  FROM camp_rows GROUP BY campaign ORDER BY campaign;
-- campaign_roi, roi(campaign_agg) and the scalar roi agree on one row
SELECT kol, campaign_roi(revenue, cost) = roi(revenue, cost) AS agg_eq_scalar,
       roi(campaign_agg(revenue, cost, NULL, NULL, NULL, NULL, NULL)) = roi(revenue, cost) AS summary_eq_scalar
  FROM camp_rows WHERE revenue IS NOT NULL AND cost > 0 GROUP BY kol, revenue, cost ORDER BY kol;
SELECT campaign_roi(revenue, cost) IS NULL AS no_rows FROM camp_rows WHERE false;
SELECT campaign_roi(r, c) IS NULL AS only_null_rows FROM (VALUES (NULL::numeric, 1::numeric), (1, NULL)) t(r, c);
SELECT campaign_roi(r, c) IS NULL AS cost_sums_to_zero FROM (VALUES (5::numeric, 0::numeric), (7, 0.00)) t(r, c);
-- a negative value is an error even on a row that is skipped for its NULL partner
SELECT campaign_roi(r, c) FROM (VALUES (10::numeric, 5::numeric), (-3, NULL)) t(r, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_roi(r, c) FROM (VALUES (10::numeric, 5::numeric), (3, -7.25)) t(r, c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- ---------------------------------------------------------------------------
-- rollup == single pass, exactly (identity of the whole summary)
-- ---------------------------------------------------------------------------
CREATE TABLE kol_summaries AS
SELECT brand, campaign, kol, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
  FROM camp_rows GROUP BY brand, campaign, kol;
-- KOL -> campaign
SELECT c.campaign, r.s = c.s AS rollup_eq_single_pass, r.s::text = c.s::text AS same_text
  FROM (SELECT campaign, rollup(s) s FROM kol_summaries GROUP BY campaign) r
  JOIN (SELECT campaign, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
          FROM camp_rows GROUP BY campaign) c USING (campaign) ORDER BY 1;
-- KOL -> campaign -> brand, and brand -> all
SELECT b.brand, r.s = b.s AS rollup_eq_single_pass
  FROM (SELECT brand, rollup(s) s
          FROM (SELECT brand, campaign, rollup(s) s FROM kol_summaries GROUP BY brand, campaign) x
         GROUP BY brand) r
  JOIN (SELECT brand, campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) s
          FROM camp_rows GROUP BY brand) b USING (brand) ORDER BY 1;
SELECT (SELECT rollup(s) FROM kol_summaries)
     = (SELECT campaign_agg(revenue, cost, impressions, views, engagements, clicks, conversions) FROM camp_rows)
       AS all_rows_equal;
SELECT rollup(s) FROM kol_summaries WHERE brand = 'A';
-- NULL summaries are skipped; over nothing, NULL
SELECT rollup(s) = (SELECT rollup(s) FROM kol_summaries) AS null_skipped
  FROM (SELECT s FROM kol_summaries UNION ALL SELECT NULL) t;
SELECT rollup(s) IS NULL AS empty FROM kol_summaries WHERE false;
SELECT campaign_agg(1, 1, 1, 1, 1, 1, 1) IS NULL AS empty FROM camp_rows WHERE false;

-- ---------------------------------------------------------------------------
-- NULL and zero rules inside campaign_agg
-- ---------------------------------------------------------------------------
-- every field NULL: the row still counts, every sum is absent (NULL), ratios NULL
SELECT s, row_count(s), revenue(s) IS NULL AS no_revenue, roi(s) IS NULL AS no_roi,
       cpm(s) IS NULL AS no_cpm
  FROM (SELECT campaign_agg(NULL, NULL, NULL, NULL, NULL, NULL, NULL) s) t;
-- a field present with 0 is not absent: sum 0, and ratios dividing by it are NULL
SELECT s, impressions(s), cpm(s) IS NULL AS cpm_null, conversion_rate(s, 'impressions') IS NULL AS conv_null
  FROM (SELECT campaign_agg(5.00, 2.00, 0, 0, 0, 0, 0) s) t;
-- display scale of a money sum = the largest input scale, like sum(numeric)
SELECT revenue(s), cost(s), revenue(s)::text = '7.250' AS like_sum
  FROM (SELECT campaign_agg(r, c, NULL, NULL, NULL, NULL, NULL) s
          FROM (VALUES (1.5, 2::numeric), (5.750, 0.5)) t(r, c)) x;

-- ---------------------------------------------------------------------------
-- Many decimal places and very large totals
-- ---------------------------------------------------------------------------
-- 0.0000000001 (the smallest unit) x 3 rows = 0.0000000003; cost 1/3 rounded by the
-- caller to 10 places x 3 = 0.9999999999
SELECT s, roi(s)
  FROM (SELECT campaign_agg(0.0000000001, 0.3333333333, NULL, NULL, NULL, NULL, NULL) s
          FROM generate_series(1, 3)) t;
-- roi = -0.9999999996 / 0.9999999999 = -0.99999999969999999996999... -> scale 20 (both weight
-- -1, first digits 9999 <= 9999: qweight -1): -0.99999999969999999997
-- 20 rows of 9999999999999999999999999.9999999999 (25 nines before the point):
-- sum = 199999999999999999999999999.9999999980 < max 17014118346046923173168730371.5884105727;
-- cost 1234567890123456789.0123456789 x 20 = 24691357802469135780.2469135780;
-- impressions 461168601842738790 x 20 = 9223372036854775800 (fits bigint).
-- roi = (sum r - sum c) / sum c = 8099999.0729000006633900... -> 8099999.072900000663
-- (base-10000 weights 6 and 4, first digits 199 <= 2469: qweight 1; scale max(16 - 4, 10, 10)
-- = 12); roas 8100000.072900000663
SELECT revenue(s), cost(s), roi(s), roas(s)
  FROM (SELECT campaign_agg(9999999999999999999999999.9999999999, 1234567890123456789.0123456789,
                            9223372036854775807 / 20, NULL, NULL, NULL, NULL) s
          FROM generate_series(1, 20)) t;
SELECT revenue(s) = sum_r AND cost(s) = sum_c AS equals_sum
  FROM (SELECT campaign_agg(r, c, NULL, NULL, NULL, NULL, NULL) s, sum(r) sum_r, sum(c) sum_c
          FROM (SELECT 9999999999999999999999999.9999999999 r, 1234567890123456789.0123456789 c
                  FROM generate_series(1, 20)) x) t;
-- the largest value, alone, is accepted; one unit more in the sum is 22003
SELECT revenue(campaign_agg(17014118346046923173168730371.5884105727, 1, 0, 0, 0, 0, 0));
SELECT campaign_agg(r, 1, 0, 0, 0, 0, 0)
  FROM (VALUES (17014118346046923173168730371.5884105727), (0.0000000001)) t(r);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(17014118346046923173168730371.5884105728, 1, 0, 0, 0, 0, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- counters: bigint sums, overflow is 22003, never wrapped
SELECT impressions(campaign_agg(0, 0, i, NULL, NULL, NULL, NULL))
  FROM (VALUES (9223372036854775806), (1)) t(i);
SELECT campaign_agg(0, 0, i, NULL, NULL, NULL, NULL) FROM (VALUES (9223372036854775807), (1)) t(i);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(0, 0, NULL, NULL, NULL, NULL, c) FROM (VALUES (9223372036854775807), (1)) t(c);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- rollup overflow is reported too
SELECT rollup(s) FROM (VALUES ('v1 rows=1 revenue=17014118346046923173168730371 cost=null impressions=null views=null engagements=null clicks=null conversions=null'::campaign_summary),
                              ('v1 rows=1 revenue=1 cost=null impressions=null views=null engagements=null clicks=null conversions=null')) t(s);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- negative and non-finite inputs: 22023 naming field and value
SELECT campaign_agg(-1.50, 1, 1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, -0.0000000001, 1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, 1, -1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, 1, 1, -2, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, 1, 1, 1, -3, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, 1, 1, 1, 1, -4, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, 1, 1, 1, 1, 1, -5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg('NaN', 1, 1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, '-Infinity', 1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT campaign_agg(1, 0.12345678901, 1, 1, 1, 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT conversion_rate(campaign_agg(1, 1, 1, 1, 1, 1, 1), 'orders');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT conversion_rate(campaign_agg(1, 1, 1, 1, 1, 1, 1), NULL) IS NULL AS null_denominator_name;

-- the numeric decoder against numeric_out over many shapes (short and long headers,
-- magnitudes 1e-10 to 1e18, scales 0 to 10): revenue(campaign_agg(x)) must print as x
SELECT count(*) AS values_checked, count(*) FILTER (WHERE got <> x::text) AS mismatches,
       count(DISTINCT scale(x)) AS scales, min(x) AS smallest, max(x) AS largest
  FROM (SELECT x, (SELECT revenue(campaign_agg(v, 0, NULL, NULL, NULL, NULL, NULL)) FROM (VALUES (x)) w(v))::text AS got
          FROM (SELECT round((g * 7919 % 1000003)::numeric * 10::numeric ^ (g % 23 - 10), g % 11) AS x
                  FROM generate_series(1, 3000) g) t) u;
