-- ---------------------------------------------------------------------------
-- Currencies (doc/currency.md): exchange rates against one base currency, editable,
-- and fx_convert, exact in numeric.  C: src/fx.c (per-backend copy of the rates,
-- the conversion) over src/core/fx.c (codes, the rate of a day).
-- ---------------------------------------------------------------------------

-- The base currency and how old a rate may be.  One row, shipped with defaults; its
-- edits are recorded in config_state for dump and restore like the tier tables'.
CREATE TABLE @extschema@.fx_setting (
	singleton		boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	base_currency	char(3) NOT NULL
		CONSTRAINT fx_setting_base_currency_code CHECK (base_currency OPERATOR(pg_catalog.~) '^[A-Z]{3}$'),
	max_age_days	integer NOT NULL
		CONSTRAINT fx_setting_max_age_days_range CHECK (max_age_days OPERATOR(pg_catalog.>=) 0
													  AND max_age_days OPERATOR(pg_catalog.<=) 3660)
);
COMMENT ON TABLE @extschema@.fx_setting IS
	'One row: the base currency of kolmetrics.fx_rate and the largest age of a usable rate (doc/currency.md). Editable; kept by pg_dump';
COMMENT ON COLUMN @extschema@.fx_setting.singleton IS 'Always true: the table has one row';
COMMENT ON COLUMN @extschema@.fx_setting.base_currency IS
	'ISO 4217 code of the currency every rate is quoted in; its own rate is 1 and is not stored';
COMMENT ON COLUMN @extschema@.fx_setting.max_age_days IS
	'A day without a rate of its own uses the latest earlier rate at most this many days older (0: only same-day rates)';

INSERT INTO @extschema@.fx_setting VALUES (true, 'CNY', 10);

-- The rates: the user's data, shipped empty and dumped as it is.
CREATE TABLE @extschema@.fx_rate (
	currency		char(3) NOT NULL
		CONSTRAINT fx_rate_currency_code CHECK (currency OPERATOR(pg_catalog.~) '^[A-Z]{3}$'),
	day				date NOT NULL
		CONSTRAINT fx_rate_day_finite CHECK (pg_catalog.isfinite(day)),
	rate			numeric NOT NULL
		CONSTRAINT fx_rate_rate_positive CHECK (rate OPERATOR(pg_catalog.>) 0
												AND rate OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	PRIMARY KEY (currency, day)
);
COMMENT ON TABLE @extschema@.fx_rate IS
	'Exchange rates: rate = units of the base currency (kolmetrics.fx_setting) for 1 unit of currency, valid from day until the next rate of that currency (at most fx_setting.max_age_days). Shipped empty; editable; kept by pg_dump';
COMMENT ON COLUMN @extschema@.fx_rate.currency IS 'ISO 4217 alphabetic code, three capital letters (CNY, USD, SGD)';
COMMENT ON COLUMN @extschema@.fx_rate.day IS 'Day the rate was fixed';
COMMENT ON COLUMN @extschema@.fx_rate.rate IS
	'Units of the base currency per 1 unit of currency (base CNY: USD 7.1884 means 1 USD = 7.1884 CNY); > 0';

-- An INSERT of an existing key replaces that row, as in the other configuration tables.
CREATE FUNCTION @extschema@.fx_upsert_trigger() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_TABLE_NAME = 'fx_rate' THEN
		DELETE FROM @extschema@.fx_rate r
		 WHERE r.currency OPERATOR(pg_catalog.=) NEW.currency
		   AND r.day OPERATOR(pg_catalog.=) NEW.day;
	ELSIF TG_TABLE_NAME = 'fx_setting' THEN
		DELETE FROM @extschema@.fx_setting s
		 WHERE s.singleton OPERATOR(pg_catalog.=) NEW.singleton;
	ELSE
		RAISE EXCEPTION 'fx_upsert_trigger is not defined for table %', TG_TABLE_NAME;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.fx_upsert_trigger() IS
	'Trigger: an INSERT of an fx_rate or fx_setting row replaces the row with the same key';

CREATE TRIGGER upsert BEFORE INSERT ON @extschema@.fx_rate
	FOR EACH ROW EXECUTE FUNCTION @extschema@.fx_upsert_trigger();
CREATE TRIGGER upsert BEFORE INSERT ON @extschema@.fx_setting
	FOR EACH ROW EXECUTE FUNCTION @extschema@.fx_upsert_trigger();
CREATE TRIGGER edit_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.fx_rate
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_edit_lock();
CREATE TRIGGER edit_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.fx_setting
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_edit_lock();

-- fx_rate holds only the user's rows: pg_dump keeps them as they are.  fx_setting has
-- a default row: its content goes through config_state (00_base.sql), which accepts it
-- since 10_config.sql.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.fx_rate', '');

CREATE TRIGGER record AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.fx_setting
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_record();

-- Functions read the rates with the caller's rights; only the owner (or whom the owner
-- grants) edits them.
GRANT SELECT ON @extschema@.fx_rate, @extschema@.fx_setting TO PUBLIC;

CREATE FUNCTION @extschema@.fx_convert(amount numeric, from_currency text, to_currency text,
									   on_day date, scale integer DEFAULT 2)
RETURNS numeric
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fx_convert';
COMMENT ON FUNCTION @extschema@.fx_convert(numeric, text, text, date, integer) IS
	'amount x rate(from_currency) / rate(to_currency), rates of on_day from kolmetrics.fx_rate (the latest on or before it, at most fx_setting.max_age_days older; the base currency is 1), computed exactly and rounded once to scale decimals (default 2), half away from zero; the amount unchanged when the currencies are equal. 22023 for a missing rate (naming the pair and the day), a bad or unknown code, a NaN or infinite amount, a scale outside 0..30';

CREATE FUNCTION @extschema@.fx_rate_on(currency text, on_day date)
RETURNS numeric
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fx_rate_on';
COMMENT ON FUNCTION @extschema@.fx_rate_on(text, date) IS
	'The rate fx_convert uses for currency on on_day: units of the base currency per 1 unit (1 for the base currency itself), as stored in kolmetrics.fx_rate; 22023 when there is none within fx_setting.max_age_days or the code is bad or unknown';
