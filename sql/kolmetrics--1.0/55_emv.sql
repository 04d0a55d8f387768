-- ---------------------------------------------------------------------------
-- Earned media value (doc/campaign.md, formula in doc/formulas.md): a per-platform
-- rate card, editable, kept by pg_dump (config_state); emv() is PL/pgSQL, here.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.emv_rate (
	platform		@extschema@.platform PRIMARY KEY,
	per_1000_views	numeric NOT NULL
		CHECK (per_1000_views OPERATOR(pg_catalog.>=) 0 AND per_1000_views OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	per_like		numeric NOT NULL
		CHECK (per_like OPERATOR(pg_catalog.>=) 0 AND per_like OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	per_comment		numeric NOT NULL
		CHECK (per_comment OPERATOR(pg_catalog.>=) 0 AND per_comment OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	per_share		numeric NOT NULL
		CHECK (per_share OPERATOR(pg_catalog.>=) 0 AND per_share OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	per_save		numeric NOT NULL
		CHECK (per_save OPERATOR(pg_catalog.>=) 0 AND per_save OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	source			text
);
COMMENT ON TABLE @extschema@.emv_rate IS
	'EMV rate card used by emv(): money per 1,000 views and per interaction, per platform. The defaults are illustrative round numbers, not any vendor''s rates: replace them with your own. Editable; kept by pg_dump';
COMMENT ON COLUMN @extschema@.emv_rate.platform IS 'Platform the rates apply to';
COMMENT ON COLUMN @extschema@.emv_rate.per_1000_views IS 'Value of 1,000 views (a CPM-like reference price), in your currency';
COMMENT ON COLUMN @extschema@.emv_rate.per_like IS 'Value of one like';
COMMENT ON COLUMN @extschema@.emv_rate.per_comment IS 'Value of one comment';
COMMENT ON COLUMN @extschema@.emv_rate.per_share IS 'Value of one share';
COMMENT ON COLUMN @extschema@.emv_rate.per_save IS 'Value of one save (collect / favourite)';
COMMENT ON COLUMN @extschema@.emv_rate.source IS 'Where the rates come from';

INSERT INTO @extschema@.emv_rate (platform, per_1000_views, per_like, per_comment, per_share, per_save, source)
SELECT p::@extschema@.platform, v, l, c, s, f, 'illustrative default, not a vendor rate'
  FROM (VALUES
	('weibo',            10.00, 0.05, 0.50, 1.00, 0.00),
	('wechat',           30.00, 0.20, 1.00, 1.50, 0.50),
	('wechat_channels',  20.00, 0.10, 0.80, 1.20, 0.50),
	('douyin',           20.00, 0.05, 0.50, 1.00, 0.60),
	('xiaohongshu',      40.00, 0.20, 1.00, 1.50, 0.80),
	('bilibili',         25.00, 0.10, 0.60, 1.00, 0.60),
	('kuaishou',         15.00, 0.05, 0.40, 0.80, 0.40),
	('taobao_live',      30.00, 0.10, 0.50, 1.00, 0.50),
	('tiktok',           10.00, 0.05, 0.40, 0.80, 0.40),
	('instagram',        12.00, 0.10, 0.60, 1.00, 0.80),
	('youtube',          15.00, 0.10, 0.80, 1.00, 0.50)
  ) AS r(p, v, l, c, s, f);

-- An INSERT of a platform's rates replaces its row; edits are serialized and recorded
-- for dump and restore like the tier tables' (00_base.sql, config_state).
CREATE FUNCTION @extschema@.emv_rate_upsert_trigger() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM @extschema@.emv_rate e
	 WHERE e.platform OPERATOR(pg_catalog.=) NEW.platform;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.emv_rate_upsert_trigger() IS
	'Trigger: an INSERT of an emv_rate row replaces the row of the same platform';
CREATE TRIGGER upsert BEFORE INSERT ON @extschema@.emv_rate
	FOR EACH ROW EXECUTE FUNCTION @extschema@.emv_rate_upsert_trigger();

CREATE TRIGGER edit_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.emv_rate
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_edit_lock();
CREATE TRIGGER record AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.emv_rate
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_record();
-- emv() runs as its caller, who must be able to read the rates.
GRANT SELECT ON @extschema@.emv_rate TO PUBLIC;

CREATE FUNCTION @extschema@.emv(platform text, views bigint, likes bigint,
								 comments bigint, shares bigint, saves bigint)
RETURNS numeric
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r record;
BEGIN
	IF views OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'views must not be negative: %', views USING ERRCODE = 'invalid_parameter_value';
	ELSIF likes OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'likes must not be negative: %', likes USING ERRCODE = 'invalid_parameter_value';
	ELSIF comments OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'comments must not be negative: %', comments USING ERRCODE = 'invalid_parameter_value';
	ELSIF shares OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'shares must not be negative: %', shares USING ERRCODE = 'invalid_parameter_value';
	ELSIF saves OPERATOR(pg_catalog.<) 0 THEN
		RAISE EXCEPTION 'saves must not be negative: %', saves USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF emv.platform IS NOT NULL THEN
		PERFORM @extschema@.check_platform(emv.platform);
	END IF;
	IF emv.platform IS NULL OR (views IS NULL AND likes IS NULL AND comments IS NULL
								AND shares IS NULL AND saves IS NULL) THEN
		RETURN NULL;
	END IF;
	SELECT e.per_1000_views, e.per_like, e.per_comment, e.per_share, e.per_save INTO r
	  FROM @extschema@.emv_rate e
	 WHERE e.platform OPERATOR(pg_catalog.=) emv.platform;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- OPERATOR() syntax gives every operator the same precedence: parenthesise.
	RETURN ((coalesce(views, 0)::numeric OPERATOR(pg_catalog.*) r.per_1000_views) OPERATOR(pg_catalog.*) 0.001)
		OPERATOR(pg_catalog.+) (coalesce(likes, 0)::numeric OPERATOR(pg_catalog.*) r.per_like)
		OPERATOR(pg_catalog.+) (coalesce(comments, 0)::numeric OPERATOR(pg_catalog.*) r.per_comment)
		OPERATOR(pg_catalog.+) (coalesce(shares, 0)::numeric OPERATOR(pg_catalog.*) r.per_share)
		OPERATOR(pg_catalog.+) (coalesce(saves, 0)::numeric OPERATOR(pg_catalog.*) r.per_save);
END
$$;
COMMENT ON FUNCTION @extschema@.emv(text, bigint, bigint, bigint, bigint, bigint) IS
	'Earned media value = views / 1000 * per_1000_views + likes * per_like + comments * per_comment + shares * per_share + saves * per_save, rates from kolmetrics.emv_rate (read at each call), exact numeric. A NULL counter adds nothing; NULL when every counter is NULL or the platform has no rate row; negative input is 22023';
