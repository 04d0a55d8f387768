-- Sample exchange rates and multi-currency campaign payments (runs after generate.sql).
--   psql -v seed=42 -f test/sample/fx.sql
-- The rates are ILLUSTRATIVE, NOT REAL QUOTES: smooth paths around round 2025-like
-- levels, in CNY (kolmetrics.fx_setting's default base) per 1 unit of the currency, one
-- per business day (Monday to Friday) of 2025; weekends use Friday's rate (2 days old,
-- within fx_setting.max_age_days).  Deterministic: every draw is sample.n (hashint8extended
-- of the day and the seed) with salts 200-219, which the other sample files do not use.
-- sample.campaign_kol_payments: what the brands paid each campaign KOL and the revenue
-- attributed, in the KOL's own currency at a payment day inside the campaign: CNY for
-- KOLs in China, SGD for South-East Asia (SG, MY, TH, ID), USD elsewhere.
\set ON_ERROR_STOP on
\if :{?seed} \else \set seed 42 \endif

DELETE FROM kolmetrics.fx_rate WHERE day BETWEEN '2025-01-01' AND '2025-12-31';
INSERT INTO kolmetrics.fx_rate (currency, day, rate)
SELECT c.currency, d::date,
       round((c.centre * (1 + c.amp * sin(2 * pi() * (d::date - date '2025-01-01') / 365.0 + c.phase)
                          + 0.0015 * sample.n(:seed, (d::date - date '2000-01-01') * 10 + c.k, 200 + c.k)))::numeric,
             c.digits)
  FROM (VALUES
	-- currency, centre (CNY per unit), amplitude, phase, decimals, salt
	('USD', 7.20,   0.012, 0.0, 4, 1),
	('SGD', 5.40,   0.015, 0.8, 4, 2),
	('EUR', 8.00,   0.040, 1.6, 4, 3),
	('GBP', 9.30,   0.020, 2.4, 4, 4),
	('HKD', 0.9220, 0.010, 0.3, 6, 5),
	('JPY', 0.0480, 0.030, 3.1, 6, 6)
  ) AS c(currency, centre, amp, phase, digits, k)
 CROSS JOIN generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') AS d
 WHERE extract(isodow FROM d) < 6;

CREATE TABLE sample.campaign_kol_payments (
	campaign_id int NOT NULL,
	kol_id bigint NOT NULL,
	paid_on date NOT NULL,
	currency char(3) NOT NULL,
	cost numeric(14,2) NOT NULL,
	revenue numeric(14,2) NOT NULL,
	impressions bigint NOT NULL,
	views bigint NOT NULL,
	engagements bigint NOT NULL,
	clicks bigint NOT NULL,
	conversions bigint NOT NULL,
	PRIMARY KEY (campaign_id, kol_id)
);
COMMENT ON TABLE sample.campaign_kol_payments IS
	'Illustrative: sample.campaign_kols with the money in the KOL''s currency (CNY, USD or SGD) at a payment day inside the campaign';

INSERT INTO sample.campaign_kol_payments
SELECT ck.campaign_id, ck.kol_id, p.paid_on, p.currency,
       kolmetrics.fx_convert(ck.cost, 'CNY', p.currency, p.paid_on),
       kolmetrics.fx_convert(ck.revenue, 'CNY', p.currency, p.paid_on),
       ck.impressions, ck.views, ck.engagements, ck.clicks, ck.conversions
  FROM sample.campaign_kols ck
  JOIN sample.campaigns c USING (campaign_id)
  JOIN sample.kols k USING (kol_id)
 CROSS JOIN LATERAL (SELECT
	c.starts_on + floor(sample.u(:seed, ck.campaign_id * 100000 + ck.kol_id, 219)
						* (c.ends_on - c.starts_on + 1))::int AS paid_on,
	CASE WHEN k.country = 'CN' THEN 'CNY'
	     WHEN k.country IN ('SG', 'MY', 'TH', 'ID') THEN 'SGD'
	     ELSE 'USD' END AS currency) AS p;

ANALYZE sample.campaign_kol_payments;
