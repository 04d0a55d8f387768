-- ---------------------------------------------------------------------------
-- Configuration tables of 1.1: config_state (sql/kolmetrics--1.0/00_base.sql) keeps the
-- content of fx_setting (73_fx.sql) and authenticity_weight (80_authenticity.sql) as
-- well as the 1.0 tables', and config_record records their edits.  The tables are named,
-- not cast to regclass, so that the list holds before the later fragments create them.
-- ---------------------------------------------------------------------------

ALTER TABLE @extschema@.config_state DROP CONSTRAINT config_state_config_check;
ALTER TABLE @extschema@.config_state ADD CONSTRAINT config_state_config_check
	CHECK (config IN ('tier_threshold', 'tier_scheme', 'emv_rate', 'fx_setting', 'authenticity_weight'));
COMMENT ON TABLE @extschema@.config_state IS
	'The content of each edited configuration table (tier_threshold, tier_scheme, emv_rate, fx_setting, authenticity_weight) as a JSON array of its rows, kept by triggers; pg_dump keeps this table, and restoring a row restores that table''s content exactly';

CREATE OR REPLACE FUNCTION @extschema@.config_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	rows jsonb;
BEGIN
	-- only for the extension's own configuration tables, whatever table a
	-- trigger calling this function was created on
	IF TG_TABLE_SCHEMA OPERATOR(pg_catalog.<>) '@extschema@'
		OR TG_TABLE_NAME OPERATOR(pg_catalog.<>) ALL
			('{tier_threshold,tier_scheme,emv_rate,fx_setting,authenticity_weight}'::pg_catalog.name[]) THEN
		RAISE EXCEPTION 'config_record is only a trigger of the kolmetrics configuration tables, not of %',
			TG_RELID::pg_catalog.regclass
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(t) ORDER BY pg_catalog.to_jsonb(t)::text), ''[]''::jsonb) FROM %I.%I t',
							  TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO rows;
	INSERT INTO @extschema@.config_state AS c (config, contents) VALUES (TG_TABLE_NAME, rows)
	ON CONFLICT (config) DO UPDATE SET contents = EXCLUDED.contents;
	RETURN NULL;
END
$$;
