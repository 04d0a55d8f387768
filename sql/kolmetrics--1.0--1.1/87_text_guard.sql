-- Text configuration (after the shipped rows of 86_text_lexicon.sql): shipped rows
-- are read-only, every edit bumps text_config_version, and pg_dump keeps the user's rows.

CREATE FUNCTION @extschema@.text_config_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') AND TG_TABLE_NAME <> 'brand_alias'
	   AND OLD.source OPERATOR(pg_catalog.<>) 'user' THEN
		RAISE EXCEPTION 'shipped rows of %.% are read-only', TG_TABLE_SCHEMA, TG_TABLE_NAME
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Insert a row with source ''user'' and the same key: it overrides the shipped one.';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND TG_TABLE_NAME <> 'brand_alias'
	   AND NEW.source OPERATOR(pg_catalog.<>) 'user' THEN
		RAISE EXCEPTION 'rows added to %.% must have source ''user'', not ''%''', TG_TABLE_SCHEMA, TG_TABLE_NAME, NEW.source
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.text_config_guard() IS
	'Trigger: shipped rows of the text lexicon tables are read-only (42501) and added rows must have source user (22023)';

CREATE FUNCTION @extschema@.text_config_no_truncate() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION 'TRUNCATE would remove the shipped rows of %.%', TG_TABLE_SCHEMA, TG_TABLE_NAME
		USING ERRCODE = 'insufficient_privilege',
			  HINT = 'DELETE FROM the table WHERE source = ''user'' removes your rows.';
END
$$;
COMMENT ON FUNCTION @extschema@.text_config_no_truncate() IS
	'Trigger: TRUNCATE of a text lexicon table with shipped rows is refused (42501)';

CREATE FUNCTION @extschema@.text_config_touch() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_RELID NOT IN ('@extschema@.lexicon'::pg_catalog.regclass,
						'@extschema@.disclosure_marker'::pg_catalog.regclass,
						'@extschema@.content_cue'::pg_catalog.regclass,
						'@extschema@.brand_alias'::pg_catalog.regclass) THEN
		RAISE EXCEPTION 'text_config_touch is only a trigger of the kolmetrics text tables'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	UPDATE @extschema@.text_config_version
	   SET version = pg_catalog.nextval('@extschema@.text_config_seq'::pg_catalog.regclass);
	RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.text_config_touch() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.text_config_touch() IS
	'Trigger: after each edit of a text lexicon table, sets text_config_version from text_config_seq (as the extension owner), so every backend rebuilds its automaton';

CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.lexicon
	FOR EACH ROW EXECUTE FUNCTION @extschema@.text_config_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.disclosure_marker
	FOR EACH ROW EXECUTE FUNCTION @extschema@.text_config_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.content_cue
	FOR EACH ROW EXECUTE FUNCTION @extschema@.text_config_guard();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON @extschema@.lexicon
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_no_truncate();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON @extschema@.disclosure_marker
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_no_truncate();
CREATE TRIGGER no_truncate BEFORE TRUNCATE ON @extschema@.content_cue
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_no_truncate();
CREATE TRIGGER touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.lexicon
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_touch();
CREATE TRIGGER touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.disclosure_marker
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_touch();
CREATE TRIGGER touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.content_cue
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_touch();
CREATE TRIGGER touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.brand_alias
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.text_config_touch();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.lexicon', $$WHERE source = 'user'$$);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.disclosure_marker', $$WHERE source = 'user'$$);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.content_cue', $$WHERE source = 'user'$$);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.brand_alias', '');

-- Everyone reads (the functions read as the caller); the owner, or whom it grants, edits.
GRANT SELECT ON @extschema@.lexicon, @extschema@.disclosure_marker, @extschema@.content_cue,
	@extschema@.brand_alias, @extschema@.text_config_version TO PUBLIC;
