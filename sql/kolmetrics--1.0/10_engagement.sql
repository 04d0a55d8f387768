-- ---------------------------------------------------------------------------
-- Engagement rate (doc/engagement.md, formulas in doc/formulas.md).
-- C: src/engagement.c over src/core/engagement.c (km_engagement_rate, km_interactions).
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.engagement_rate(interactions bigint, base bigint)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_engagement_rate_simple';
COMMENT ON FUNCTION @extschema@.engagement_rate(bigint, bigint) IS
	'Engagement rate = interactions / base, a fraction (0.034, not 3.4). base = followers gives ER by followers, base = views ER by views. NULL when base is NULL or 0; negative input is an error';

CREATE FUNCTION @extschema@.engagement_rate(likes bigint, comments bigint, shares bigint,
											 saves bigint, base bigint, extra bigint DEFAULT 0)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_engagement_rate_counters';
COMMENT ON FUNCTION @extschema@.engagement_rate(bigint, bigint, bigint, bigint, bigint, bigint) IS
	'Engagement rate = (likes + comments + shares + saves + extra) / base, a fraction. A NULL counter is absent and adds nothing; NULL when every counter is NULL, or base is NULL or 0; negative input is an error, a sum beyond bigint is 22003';

-- The same C functions read counts bound as double precision or numeric (Java
-- double and BigDecimal, Python Decimal; untyped parameters resolve to double
-- precision): whole numbers only (doc/engagement.md).
CREATE FUNCTION @extschema@.engagement_rate(interactions double precision, base double precision)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_engagement_rate_simple';
COMMENT ON FUNCTION @extschema@.engagement_rate(double precision, double precision) IS
	'engagement_rate(bigint, bigint) for counts bound as double precision (and for untyped parameters): whole numbers below 2^53, else 22023 / 22003';

CREATE FUNCTION @extschema@.engagement_rate(interactions numeric, base numeric)
RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_engagement_rate_simple';
COMMENT ON FUNCTION @extschema@.engagement_rate(numeric, numeric) IS
	'engagement_rate(bigint, bigint) for counts bound as numeric: whole numbers within bigint, else 22023 / 22003';

CREATE FUNCTION @extschema@.engagement_rate(likes double precision, comments double precision,
											 shares double precision, saves double precision,
											 base double precision, extra double precision DEFAULT 0)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_engagement_rate_counters';
COMMENT ON FUNCTION @extschema@.engagement_rate(double precision, double precision, double precision, double precision, double precision, double precision) IS
	'engagement_rate(likes, comments, shares, saves, base, extra) for counts bound as double precision (and for untyped parameters): whole numbers below 2^53';

CREATE FUNCTION @extschema@.engagement_rate(likes numeric, comments numeric, shares numeric,
											 saves numeric, base numeric, extra numeric DEFAULT 0)
RETURNS double precision
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_engagement_rate_counters';
COMMENT ON FUNCTION @extschema@.engagement_rate(numeric, numeric, numeric, numeric, numeric, numeric) IS
	'engagement_rate(likes, comments, shares, saves, base, extra) for counts bound as numeric: whole numbers within bigint';
