-- kolmetrics 1.0: types and configuration shared by every concept: the platform
-- domain, tiers and their configuration (doc/tiers.md).  C: src/tier.c (SQL glue:
-- kol_tier, tier_label, the configuration triggers) over src/core/tier.c (band
-- search); check_platform in src/ingest.c; count arguments in src/km_pg.c.
\echo Use "CREATE EXTENSION kolmetrics" to load this file. \quit

-- Refuse a schema kolmetrics that an ordinary role created beforehand: its owner could
-- plant overloads and operators (say engagement_rate(integer, integer)) that calls
-- would resolve to, or drop and replace the extension's objects.  A schema of the
-- installing role or of a superuser (as pg_restore recreates it) is fine.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
				 JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
				WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
				  AND NOT r.rolsuper
				  AND r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER) THEN
		RAISE EXCEPTION 'schema @extschema@ already exists and belongs to another role'
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Drop the schema, or make the role installing the extension its owner, then run CREATE EXTENSION again.';
	END IF;
END
$$;

COMMENT ON SCHEMA @extschema@ IS
	'kolmetrics: KOL (influencer) marketing metrics. Put it on search_path: SET search_path = kolmetrics, public';

-- Platform names: a domain over text rather than an enum, so that strings bound as
-- text or varchar (pgjdbc's default stringtype=varchar) compare with platform
-- columns directly (platform = ?, platform = ANY(?)).  Functions take the name as
-- text and check it in C (a domain-typed argument would keep calls with a literal
-- out of parallel workers); check_platform is that same check, for the domain.
CREATE FUNCTION @extschema@.check_platform(platform text) RETURNS text
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_check_platform';
COMMENT ON FUNCTION @extschema@.check_platform(text) IS
	'Returns its argument when it is a platform name (weibo, wechat, wechat_channels, douyin, xiaohongshu, bilibili, kuaishou, taobao_live, tiktok, instagram, youtube); 22P02 naming the value otherwise';

CREATE DOMAIN @extschema@.platform AS text
	CONSTRAINT platform_name CHECK (VALUE IS NULL OR @extschema@.check_platform(VALUE) IS NOT NULL);
COMMENT ON DOMAIN @extschema@.platform IS
	'Social or live-commerce platform a KOL account and its posts belong to: weibo, wechat, wechat_channels, douyin, xiaohongshu, bilibili, kuaishou, taobao_live, tiktok, instagram or youtube (lower case)';

CREATE TYPE @extschema@.tier AS ENUM ('nano', 'micro', 'mid', 'macro', 'mega');
COMMENT ON TYPE @extschema@.tier IS
	'KOL size tier, ordered nano < micro < mid < macro < mega; thresholds in kolmetrics.tier_threshold';

-- ---------------------------------------------------------------------------
-- Editable configuration.  The user's content survives pg_dump/pg_restore exactly
-- (config_state, below).  An INSERT of an existing key replaces that row.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.tier_threshold (
	tier			@extschema@.tier PRIMARY KEY,
	-- deferred, so that a restore may hold two tiers at one bound for a moment
	min_followers	bigint NOT NULL CHECK (min_followers >= 0),
	UNIQUE (min_followers) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE @extschema@.tier_threshold IS
	'Lower follower bound (inclusive) of each kol_tier; defaults from Later x Fohr (doc/tiers.md). Editable; kept by pg_dump';
COMMENT ON COLUMN @extschema@.tier_threshold.tier IS 'The tier';
COMMENT ON COLUMN @extschema@.tier_threshold.min_followers IS
	'Smallest follower count in this tier (inclusive); the tier ends where the next one starts';

INSERT INTO @extschema@.tier_threshold VALUES
	('nano', 0), ('micro', 10000), ('mid', 100000), ('macro', 500000), ('mega', 1000000);

CREATE TABLE @extschema@.tier_scheme (
	scheme			text NOT NULL CHECK (scheme <> ''),
	label			text NOT NULL CHECK (label <> ''),
	min_followers	bigint NOT NULL CHECK (min_followers >= 0),
	source			text,
	PRIMARY KEY (scheme, min_followers)
);
COMMENT ON TABLE @extschema@.tier_scheme IS
	'Follower bands of named tier schemes for tier_label(); a band runs from min_followers (inclusive) to the next band of its scheme. Add rows for your own schemes; kept by pg_dump';
COMMENT ON COLUMN @extschema@.tier_scheme.scheme IS 'Name of the scheme, as passed to tier_label()';
COMMENT ON COLUMN @extschema@.tier_scheme.label IS 'Label returned for follower counts in this band';
COMMENT ON COLUMN @extschema@.tier_scheme.min_followers IS 'Smallest follower count in this band (inclusive)';
COMMENT ON COLUMN @extschema@.tier_scheme.source IS 'Where the thresholds come from';

INSERT INTO @extschema@.tier_scheme (scheme, label, min_followers, source) VALUES
	('later', 'nano', 0, 'Later x Fohr'),
	('later', 'micro', 10000, 'Later x Fohr'),
	('later', 'mid', 100000, 'Later x Fohr'),
	('later', 'macro', 500000, 'Later x Fohr'),
	('later', 'mega', 1000000, 'Later x Fohr'),
	('mediakix', 'nano', 1000, 'Mediakix'),
	('mediakix', 'micro', 10000, 'Mediakix'),
	('mediakix', 'mid', 50000, 'Mediakix'),
	('mediakix', 'macro', 500000, 'Mediakix'),
	('mediakix', 'mega', 1000000, 'Mediakix'),
	('hypeauditor', 'nano', 1000, 'HypeAuditor (older five-tier scheme)'),
	('hypeauditor', 'micro', 5000, 'HypeAuditor (older five-tier scheme)'),
	('hypeauditor', 'mid', 20000, 'HypeAuditor (older five-tier scheme)'),
	('hypeauditor', 'macro', 100000, 'HypeAuditor (older five-tier scheme)'),
	('hypeauditor', 'mega', 1000000, 'HypeAuditor (older five-tier scheme)'),
	('xiaohongshu', 'KOC/素人', 0, 'Xiaohongshu industry practice'),
	('xiaohongshu', '尾部', 5000, 'Xiaohongshu industry practice'),
	('xiaohongshu', '腰部', 50000, 'Xiaohongshu industry practice'),
	('xiaohongshu', '头部', 500000, 'Xiaohongshu industry practice'),
	('kasi_douyin', '尾部', 100000, 'Kasi Data, Douyin (original)'),
	('kasi_douyin', '腰部', 1000000, 'Kasi Data, Douyin (original)'),
	('kasi_douyin', '肩部', 5000000, 'Kasi Data, Douyin (original)'),
	('kasi_douyin', '头部', 10000001, 'Kasi Data, Douyin (original): more than 10 million'),
	('kasi_douyin_2020', '腰部', 300000, 'Kasi Data 2020'),
	('kasi_douyin_2020', '肩部', 1000000, 'Kasi Data 2020'),
	('kasi_douyin_2020', '头部', 3000000, 'Kasi Data 2020'),
	('kasi_douyin_2020', '超头部', 10000001, 'Kasi Data 2020: more than 10 million');

-- An INSERT of an existing key replaces that row (what an editor wants).
CREATE FUNCTION @extschema@.config_upsert_trigger() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_TABLE_NAME = 'tier_threshold' THEN
		DELETE FROM @extschema@.tier_threshold t
		 WHERE t.tier OPERATOR(pg_catalog.=) NEW.tier;
	ELSIF TG_TABLE_NAME = 'tier_scheme' THEN
		DELETE FROM @extschema@.tier_scheme t
		 WHERE t.scheme OPERATOR(pg_catalog.=) NEW.scheme
		   AND t.min_followers OPERATOR(pg_catalog.=) NEW.min_followers;
	ELSE
		RAISE EXCEPTION 'config_upsert_trigger is not defined for table %', TG_TABLE_NAME;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.config_upsert_trigger() IS
	'Trigger: an INSERT of a configuration row replaces the row with the same key';

CREATE TRIGGER upsert BEFORE INSERT ON @extschema@.tier_threshold
	FOR EACH ROW EXECUTE FUNCTION @extschema@.config_upsert_trigger();
CREATE TRIGGER upsert BEFORE INSERT ON @extschema@.tier_scheme
	FOR EACH ROW EXECUTE FUNCTION @extschema@.config_upsert_trigger();

-- Editors of a configuration table go one at a time (a self-conflicting lock
-- taken at their first edit), and tier thresholds must grow with the tier order
-- once the edit commits, judged against every edit committed before it.
CREATE FUNCTION @extschema@.config_edit_lock() RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'km_config_edit_lock';
COMMENT ON FUNCTION @extschema@.config_edit_lock() IS
	'Trigger: an edit of a configuration table waits for any other open edit of it to end (SHARE ROW EXCLUSIVE lock), so commit-time checks see every committed edit';

CREATE FUNCTION @extschema@.tier_threshold_check() RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'km_tier_threshold_check';
COMMENT ON FUNCTION @extschema@.tier_threshold_check() IS
	'Trigger: at commit, rejects tier thresholds that do not grow with the tier order (23514), or 40001 when a concurrent edit the transaction could not see breaks the order';

CREATE TRIGGER edit_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tier_threshold
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_edit_lock();
CREATE TRIGGER edit_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tier_scheme
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_edit_lock();
CREATE CONSTRAINT TRIGGER ordered AFTER INSERT OR UPDATE ON @extschema@.tier_threshold
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION @extschema@.tier_threshold_check();

-- ---------------------------------------------------------------------------
-- Dump and restore of the configuration.  A configuration table's rows are not
-- dumped themselves: after each edit of a table, its whole content is recorded as
-- one row of config_state, and that table is what pg_dump keeps.  Restoring the
-- row (CREATE EXTENSION has put the defaults back by then) replaces the table's
-- content with the recorded one, so edited keys, renamed schemes and deleted
-- default rows come back exactly as they were.  A table never edited has no row
-- and keeps the defaults of the installed version.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.config_state (
	config			text PRIMARY KEY CHECK (config IN ('tier_threshold', 'tier_scheme', 'emv_rate')),
	contents		jsonb NOT NULL CHECK (jsonb_typeof(contents) = 'array')
);
COMMENT ON TABLE @extschema@.config_state IS
	'The content of each edited configuration table (tier_threshold, tier_scheme, emv_rate) as a JSON array of its rows, kept by triggers; pg_dump keeps this table, and restoring a row restores that table''s content exactly';
COMMENT ON COLUMN @extschema@.config_state.config IS 'Name of the configuration table';
COMMENT ON COLUMN @extschema@.config_state.contents IS 'Its rows after the last edit, as a JSON array of objects (to_jsonb of each row)';

CREATE FUNCTION @extschema@.config_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	rows jsonb;
BEGIN
	-- only for the extension's own configuration tables, whatever table a
	-- trigger calling this function was created on
	IF TG_RELID NOT IN ('@extschema@.tier_threshold'::pg_catalog.regclass,
						'@extschema@.tier_scheme'::pg_catalog.regclass,
						'@extschema@.emv_rate'::pg_catalog.regclass) THEN
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
REVOKE EXECUTE ON FUNCTION @extschema@.config_record() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.config_record() IS
	'Trigger: after each edit of a configuration table, records its whole content in kolmetrics.config_state (as the extension owner, so that any editor''s edit is recorded)';

CREATE FUNCTION @extschema@.config_apply() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	-- Only a top-level INSERT (pg_restore's COPY, or yours) applies a recorded
	-- content; the INSERT of config_record (depth 2 and more) just records it.
	IF pg_catalog.pg_trigger_depth() OPERATOR(pg_catalog.>) 1 THEN
		RETURN NEW;
	END IF;
	EXECUTE pg_catalog.format('DELETE FROM %I.%I', TG_TABLE_SCHEMA, NEW.config);
	EXECUTE pg_catalog.format('INSERT INTO %I.%I SELECT * FROM pg_catalog.jsonb_populate_recordset(NULL::%I.%I, $1)',
							  TG_TABLE_SCHEMA, NEW.config, TG_TABLE_SCHEMA, NEW.config)
		USING NEW.contents;
	-- the edits above have recorded the same content; the row being inserted replaces it
	DELETE FROM @extschema@.config_state c WHERE c.config OPERATOR(pg_catalog.=) NEW.config;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.config_apply() IS
	'Trigger: inserting a row of kolmetrics.config_state (as pg_restore does) replaces the named configuration table''s content with the recorded one';

CREATE TRIGGER apply BEFORE INSERT ON @extschema@.config_state
	FOR EACH ROW EXECUTE FUNCTION @extschema@.config_apply();
CREATE TRIGGER record AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tier_threshold
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_record();
CREATE TRIGGER record AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tier_scheme
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_record();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.config_state', '');

-- Every role may call the functions (which read the configuration with the caller's
-- rights); only the owner, or whom the owner grants, may edit the configuration.
-- SELECT on the configuration tables: 99_privileges.sql, after every concept's tables.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Tier functions
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.check_followers(followers bigint) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_check_followers';
COMMENT ON FUNCTION @extschema@.check_followers(bigint) IS
	'Returns its argument; raises 22023 when a follower count is negative';

-- The same C functions read a follower count bound as double precision or numeric
-- (Java double and BigDecimal; untyped parameters resolve to double precision):
-- whole numbers only, below 2^53 for doubles (doc/tiers.md).
CREATE FUNCTION @extschema@.check_followers(followers double precision) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_check_followers';
COMMENT ON FUNCTION @extschema@.check_followers(double precision) IS
	'The follower count as bigint; 22023 when negative, fractional, NaN or infinite, 22003 at 2^53 or more (bind such counts as bigint)';

CREATE FUNCTION @extschema@.check_followers(followers numeric) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_check_followers';
COMMENT ON FUNCTION @extschema@.check_followers(numeric) IS
	'The follower count as bigint; 22023 when negative, fractional or NaN, 22003 beyond bigint';

CREATE FUNCTION @extschema@.kol_tier(followers bigint) RETURNS @extschema@.tier
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_kol_tier';
COMMENT ON FUNCTION @extschema@.kol_tier(bigint) IS
	'Tier of an account with this many followers, from kolmetrics.tier_threshold (default Later x Fohr: nano < 10K <= micro < 100K <= mid < 500K <= macro < 1M <= mega); NULL below the lowest threshold';

CREATE FUNCTION @extschema@.kol_tier(followers double precision) RETURNS @extschema@.tier
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_kol_tier';
COMMENT ON FUNCTION @extschema@.kol_tier(double precision) IS
	'kol_tier(bigint) for a count bound as double precision (and for untyped parameters): a whole number below 2^53, else 22023 / 22003';

CREATE FUNCTION @extschema@.kol_tier(followers numeric) RETURNS @extschema@.tier
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_kol_tier';
COMMENT ON FUNCTION @extschema@.kol_tier(numeric) IS
	'kol_tier(bigint) for a count bound as numeric: a whole number within bigint, else 22023 / 22003';

CREATE FUNCTION @extschema@.tier_label(followers bigint, scheme text) RETURNS text
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_tier_label';
COMMENT ON FUNCTION @extschema@.tier_label(bigint, text) IS
	'Label of the band of the named tier scheme (kolmetrics.tier_scheme: later, mediakix, hypeauditor, xiaohongshu, kasi_douyin, kasi_douyin_2020, or your own) that this follower count falls in; NULL below the lowest band; unknown scheme is an error';


CREATE FUNCTION @extschema@.tier_label(followers double precision, scheme text) RETURNS text
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_tier_label';
COMMENT ON FUNCTION @extschema@.tier_label(double precision, text) IS
	'tier_label(bigint, text) for a count bound as double precision (and for untyped parameters): a whole number below 2^53';

CREATE FUNCTION @extschema@.tier_label(followers numeric, scheme text) RETURNS text
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_tier_label';
COMMENT ON FUNCTION @extschema@.tier_label(numeric, text) IS
	'tier_label(bigint, text) for a count bound as numeric: a whole number within bigint';

-- A tier compared with a string, for drivers that bind the string as text or
-- varchar (pgjdbc, psqlODBC): the string is read as a tier (22P02 if it is none),
-- then compared in tier order, so kol_tier(f) >= ? with 'mid' means mid or larger.
CREATE FUNCTION @extschema@.tier_eq_text(a @extschema@.tier, b text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a OPERATOR(pg_catalog.=) b::@extschema@.tier;
COMMENT ON FUNCTION @extschema@.tier_eq_text(@extschema@.tier, text) IS
	'Support of the operator tier = text: true when the tier is equal to the tier named by the text';
CREATE FUNCTION @extschema@.text_eq_tier(a text, b @extschema@.tier) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a::@extschema@.tier OPERATOR(pg_catalog.=) b;
COMMENT ON FUNCTION @extschema@.text_eq_tier(text, @extschema@.tier) IS
	'Support of the operator text = tier: true when the tier named by the text is equal to the tier';
CREATE FUNCTION @extschema@.tier_ne_text(a @extschema@.tier, b text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a OPERATOR(pg_catalog.<>) b::@extschema@.tier;
COMMENT ON FUNCTION @extschema@.tier_ne_text(@extschema@.tier, text) IS
	'Support of the operator tier <> text: true when the tier is not equal to the tier named by the text';
CREATE FUNCTION @extschema@.text_ne_tier(a text, b @extschema@.tier) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a::@extschema@.tier OPERATOR(pg_catalog.<>) b;
COMMENT ON FUNCTION @extschema@.text_ne_tier(text, @extschema@.tier) IS
	'Support of the operator text <> tier: true when the tier named by the text is not equal to the tier';
CREATE FUNCTION @extschema@.tier_lt_text(a @extschema@.tier, b text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a OPERATOR(pg_catalog.<) b::@extschema@.tier;
COMMENT ON FUNCTION @extschema@.tier_lt_text(@extschema@.tier, text) IS
	'Support of the operator tier < text: true when the tier is smaller than the tier named by the text';
CREATE FUNCTION @extschema@.text_lt_tier(a text, b @extschema@.tier) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a::@extschema@.tier OPERATOR(pg_catalog.<) b;
COMMENT ON FUNCTION @extschema@.text_lt_tier(text, @extschema@.tier) IS
	'Support of the operator text < tier: true when the tier named by the text is smaller than the tier';
CREATE FUNCTION @extschema@.tier_le_text(a @extschema@.tier, b text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a OPERATOR(pg_catalog.<=) b::@extschema@.tier;
COMMENT ON FUNCTION @extschema@.tier_le_text(@extschema@.tier, text) IS
	'Support of the operator tier <= text: true when the tier is smaller than or equal to the tier named by the text';
CREATE FUNCTION @extschema@.text_le_tier(a text, b @extschema@.tier) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a::@extschema@.tier OPERATOR(pg_catalog.<=) b;
COMMENT ON FUNCTION @extschema@.text_le_tier(text, @extschema@.tier) IS
	'Support of the operator text <= tier: true when the tier named by the text is smaller than or equal to the tier';
CREATE FUNCTION @extschema@.tier_gt_text(a @extschema@.tier, b text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a OPERATOR(pg_catalog.>) b::@extschema@.tier;
COMMENT ON FUNCTION @extschema@.tier_gt_text(@extschema@.tier, text) IS
	'Support of the operator tier > text: true when the tier is larger than the tier named by the text';
CREATE FUNCTION @extschema@.text_gt_tier(a text, b @extschema@.tier) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a::@extschema@.tier OPERATOR(pg_catalog.>) b;
COMMENT ON FUNCTION @extschema@.text_gt_tier(text, @extschema@.tier) IS
	'Support of the operator text > tier: true when the tier named by the text is larger than the tier';
CREATE FUNCTION @extschema@.tier_ge_text(a @extschema@.tier, b text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a OPERATOR(pg_catalog.>=) b::@extschema@.tier;
COMMENT ON FUNCTION @extschema@.tier_ge_text(@extschema@.tier, text) IS
	'Support of the operator tier >= text: true when the tier is larger than or equal to the tier named by the text';
CREATE FUNCTION @extschema@.text_ge_tier(a text, b @extschema@.tier) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
RETURN a::@extschema@.tier OPERATOR(pg_catalog.>=) b;
COMMENT ON FUNCTION @extschema@.text_ge_tier(text, @extschema@.tier) IS
	'Support of the operator text >= tier: true when the tier named by the text is larger than or equal to the tier';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.tier, RIGHTARG = text,
	FUNCTION = @extschema@.tier_eq_text, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>));
COMMENT ON OPERATOR @extschema@.= (@extschema@.tier, text) IS
	'Tier equal to the tier named by a string (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.= (LEFTARG = text, RIGHTARG = @extschema@.tier,
	FUNCTION = @extschema@.text_eq_tier, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>));
COMMENT ON OPERATOR @extschema@.= (text, @extschema@.tier) IS
	'The tier named by a string equal to a tier (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.tier, RIGHTARG = text,
	FUNCTION = @extschema@.tier_ne_text, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=));
COMMENT ON OPERATOR @extschema@.<> (@extschema@.tier, text) IS
	'Tier not equal to the tier named by a string (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.<> (LEFTARG = text, RIGHTARG = @extschema@.tier,
	FUNCTION = @extschema@.text_ne_tier, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=));
COMMENT ON OPERATOR @extschema@.<> (text, @extschema@.tier) IS
	'The tier named by a string not equal to a tier (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.tier, RIGHTARG = text,
	FUNCTION = @extschema@.tier_lt_text, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=));
COMMENT ON OPERATOR @extschema@.< (@extschema@.tier, text) IS
	'Tier smaller than the tier named by a string (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.< (LEFTARG = text, RIGHTARG = @extschema@.tier,
	FUNCTION = @extschema@.text_lt_tier, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=));
COMMENT ON OPERATOR @extschema@.< (text, @extschema@.tier) IS
	'The tier named by a string smaller than a tier (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.tier, RIGHTARG = text,
	FUNCTION = @extschema@.tier_le_text, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>));
COMMENT ON OPERATOR @extschema@.<= (@extschema@.tier, text) IS
	'Tier smaller than or equal to the tier named by a string (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.<= (LEFTARG = text, RIGHTARG = @extschema@.tier,
	FUNCTION = @extschema@.text_le_tier, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>));
COMMENT ON OPERATOR @extschema@.<= (text, @extschema@.tier) IS
	'The tier named by a string smaller than or equal to a tier (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.tier, RIGHTARG = text,
	FUNCTION = @extschema@.tier_gt_text, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=));
COMMENT ON OPERATOR @extschema@.> (@extschema@.tier, text) IS
	'Tier larger than the tier named by a string (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.> (LEFTARG = text, RIGHTARG = @extschema@.tier,
	FUNCTION = @extschema@.text_gt_tier, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=));
COMMENT ON OPERATOR @extschema@.> (text, @extschema@.tier) IS
	'The tier named by a string larger than a tier (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.tier, RIGHTARG = text,
	FUNCTION = @extschema@.tier_ge_text, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<));
COMMENT ON OPERATOR @extschema@.>= (@extschema@.tier, text) IS
	'Tier larger than or equal to the tier named by a string (the string is read as a tier, 22P02 if it is none)';
CREATE OPERATOR @extschema@.>= (LEFTARG = text, RIGHTARG = @extschema@.tier,
	FUNCTION = @extschema@.text_ge_tier, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<));
COMMENT ON OPERATOR @extschema@.>= (text, @extschema@.tier) IS
	'The tier named by a string larger than or equal to a tier (the string is read as a tier, 22P02 if it is none)';