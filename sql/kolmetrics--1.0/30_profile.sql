-- ---------------------------------------------------------------------------
-- kol_profile and kol_relevance (doc/profile.md, formulas in doc/formulas.md).
-- C: src/profile.c over src/core/profile*.c (parsing, stored form, similarities).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.kol_profile;

CREATE FUNCTION @extschema@.kol_profile_in(cstring) RETURNS @extschema@.kol_profile
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_in';
COMMENT ON FUNCTION @extschema@.kol_profile_in(cstring) IS
	'Input function of kol_profile: JSON text {"categories": {...}, "audience": {dimension: {...}}, "languages": [...], "countries": [...]}, parsed with json-c and validated';

CREATE FUNCTION @extschema@.kol_profile_out(@extschema@.kol_profile) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_out';
COMMENT ON FUNCTION @extschema@.kol_profile_out(@extschema@.kol_profile) IS
	'Output function of kol_profile: canonical JSON (sorted labels, histograms summing to 1, shortest exact numbers)';

CREATE FUNCTION @extschema@.kol_profile_recv(internal, oid, integer) RETURNS @extschema@.kol_profile
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_recv';
COMMENT ON FUNCTION @extschema@.kol_profile_recv(internal, oid, integer) IS
	'Binary receive function of kol_profile: validates the versioned stored form completely';

CREATE FUNCTION @extschema@.kol_profile_send(@extschema@.kol_profile) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_send';
COMMENT ON FUNCTION @extschema@.kol_profile_send(@extschema@.kol_profile) IS
	'Binary send function of kol_profile: the versioned little-endian stored form';

CREATE TYPE @extschema@.kol_profile (
	INPUT = @extschema@.kol_profile_in,
	OUTPUT = @extschema@.kol_profile_out,
	RECEIVE = @extschema@.kol_profile_recv,
	SEND = @extschema@.kol_profile_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.kol_profile IS
	'Audience and category profile of a KOL or a brand brief: category weights, audience histograms per dimension (gender, age, city_tier, ...), languages and countries; JSON text form, compact binary stored form';

CREATE FUNCTION @extschema@.kol_profile_eq(@extschema@.kol_profile, @extschema@.kol_profile)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_eq';
COMMENT ON FUNCTION @extschema@.kol_profile_eq(@extschema@.kol_profile, @extschema@.kol_profile) IS
	'True when two profiles have the same canonical form (sorted labels, normalised histograms, every weight bit for bit)';

CREATE FUNCTION @extschema@.kol_profile_ne(@extschema@.kol_profile, @extschema@.kol_profile)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_ne';
COMMENT ON FUNCTION @extschema@.kol_profile_ne(@extschema@.kol_profile, @extschema@.kol_profile) IS
	'True when two profiles differ in their canonical form';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.kol_profile,
	RIGHTARG = @extschema@.kol_profile,
	FUNCTION = @extschema@.kol_profile_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel,
	JOIN = eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.kol_profile, @extschema@.kol_profile) IS
	'Same canonical profile (the text forms are equal too)';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.kol_profile,
	RIGHTARG = @extschema@.kol_profile,
	FUNCTION = @extschema@.kol_profile_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.kol_profile, @extschema@.kol_profile) IS
	'Different canonical profiles';

CREATE FUNCTION @extschema@.kol_profile_hash(@extschema@.kol_profile) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_hash';
COMMENT ON FUNCTION @extschema@.kol_profile_hash(@extschema@.kol_profile) IS
	'Hash of a profile, consistent with =; support function of the hash operator class';

CREATE OPERATOR CLASS @extschema@.kol_profile_ops
	DEFAULT FOR TYPE @extschema@.kol_profile USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.kol_profile, @extschema@.kol_profile),
	FUNCTION 1 @extschema@.kol_profile_hash(@extschema@.kol_profile);
COMMENT ON OPERATOR CLASS @extschema@.kol_profile_ops USING hash IS
	'Hash equality of profiles: lets DISTINCT, UNION and GROUP BY use a profile';
COMMENT ON OPERATOR FAMILY @extschema@.kol_profile_ops USING hash IS
	'Hash equality of profiles';

CREATE CAST (json AS @extschema@.kol_profile) WITH INOUT;
COMMENT ON CAST (json AS @extschema@.kol_profile) IS
	'Parse a json value as a kol_profile (same rules as the text input)';
CREATE CAST (jsonb AS @extschema@.kol_profile) WITH INOUT;
COMMENT ON CAST (jsonb AS @extschema@.kol_profile) IS
	'Parse a jsonb value as a kol_profile (jsonb has already dropped duplicate keys)';
-- Implicit from text and varchar, so that a profile bound as a string (pgjdbc's
-- default stringtype=varchar, psqlODBC) reaches kol_relevance(profile_column, ?).
CREATE CAST (text AS @extschema@.kol_profile) WITH INOUT AS IMPLICIT;
COMMENT ON CAST (text AS @extschema@.kol_profile) IS
	'Parse text as a kol_profile (the type''s input); implicit, for profiles bound as strings by drivers';
CREATE CAST (varchar AS @extschema@.kol_profile) WITH INOUT AS IMPLICIT;
COMMENT ON CAST (varchar AS @extschema@.kol_profile) IS
	'Parse varchar as a kol_profile (the type''s input); implicit, for profiles bound as varchar by pgjdbc';
CREATE CAST (@extschema@.kol_profile AS jsonb) WITH INOUT;
COMMENT ON CAST (@extschema@.kol_profile AS jsonb) IS
	'The canonical JSON of a kol_profile as jsonb, for BI tools and jsonb operators';

CREATE FUNCTION @extschema@.kol_relevance(kol @extschema@.kol_profile, brief @extschema@.kol_profile)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_relevance_default';
COMMENT ON FUNCTION @extschema@.kol_relevance(@extschema@.kol_profile, @extschema@.kol_profile) IS
	'Relevance of a KOL to a brief in [0, 1]: weighted mean of category cosine (0.4), audience histogram intersection averaged over shared dimensions (0.4) and market Jaccard (0.2), over the components both profiles have; NULL when they share none';

CREATE FUNCTION @extschema@.kol_relevance(kol @extschema@.kol_profile, brief @extschema@.kol_profile,
										   category_weight double precision,
										   audience_weight double precision,
										   market_weight double precision)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_relevance_weighted';
COMMENT ON FUNCTION @extschema@.kol_relevance(@extschema@.kol_profile, @extschema@.kol_profile, double precision, double precision, double precision) IS
	'kol_relevance with your own component weights (finite, >= 0, not all 0; 22023 otherwise); components missing on either side or weighted 0 are left out and the rest re-normalised; NULL when none is left';

CREATE FUNCTION @extschema@.category_similarity(a @extschema@.kol_profile, b @extschema@.kol_profile)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_category_sim';
COMMENT ON FUNCTION @extschema@.category_similarity(@extschema@.kol_profile, @extschema@.kol_profile) IS
	'Cosine similarity of the category weights, in [0, 1]; NULL when either profile has no categories';

CREATE FUNCTION @extschema@.audience_similarity(a @extschema@.kol_profile, b @extschema@.kol_profile,
												 dimension text)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_audience_sim';
COMMENT ON FUNCTION @extschema@.audience_similarity(@extschema@.kol_profile, @extschema@.kol_profile, text) IS
	'Histogram intersection sum(min(p_i, q_i)) of one audience dimension (the share of audience the two have in common), in [0, 1]; NULL when either profile lacks the dimension';

CREATE FUNCTION @extschema@.market_similarity(a @extschema@.kol_profile, b @extschema@.kol_profile)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_profile_market_sim';
COMMENT ON FUNCTION @extschema@.market_similarity(@extschema@.kol_profile, @extschema@.kol_profile) IS
	'Mean Jaccard index of the languages lists and of the countries lists that both profiles have, in [0, 1]; NULL when no list is on both sides';

CREATE FUNCTION @extschema@.tag_relevance(kol_tags text[], brand_tags text[])
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_tags_jaccard';
COMMENT ON FUNCTION @extschema@.tag_relevance(text[], text[]) IS
	'Jaccard index |A n B| / |A u B| of two tag sets (exact, case-sensitive match; duplicates and NULL elements ignored); NULL when both are empty';

CREATE FUNCTION @extschema@.profile_categories(p @extschema@.kol_profile) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.jsonb_extract_path(CAST(p AS pg_catalog.jsonb), 'categories');
COMMENT ON FUNCTION @extschema@.profile_categories(@extschema@.kol_profile) IS
	'The category weights of a profile as a jsonb object; NULL when it has none';

CREATE FUNCTION @extschema@.profile_audience(p @extschema@.kol_profile, dimension text) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.jsonb_extract_path(CAST(p AS pg_catalog.jsonb), 'audience', dimension);
COMMENT ON FUNCTION @extschema@.profile_audience(@extschema@.kol_profile, text) IS
	'One audience histogram of a profile (label -> share, summing to 1) as a jsonb object; NULL when the profile lacks the dimension';
