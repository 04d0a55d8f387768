-- ---------------------------------------------------------------------------
-- Attribution (doc/attribution.md, formulas in doc/formulas.md): the
-- rule-based models split one conversion's value exactly over its
-- touchpoints (attribute); the first-order Markov-chain removal effect over
-- paths, converting and not (markov_attribution -> markov_result,
-- markov_rows).
-- C: src/attribution.c over src/core/attribution.c, attribution_markov.c.
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.attribute(model text, keys text[],
									  touch_times timestamp with time zone[],
									  converted_at timestamp with time zone, value numeric,
									  lookback interval DEFAULT '30 days',
									  half_life interval DEFAULT '7 days',
									  position_shares numeric[] DEFAULT '{0.4,0.2,0.4}')
RETURNS TABLE(touch_index integer, key text, touched_at timestamp with time zone,
			  credit numeric, share double precision)
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 4
AS 'MODULE_PATHNAME', 'km_attribute';
COMMENT ON FUNCTION @extschema@.attribute(text, text[], timestamp with time zone[], timestamp with time zone, numeric, interval, interval, numeric[]) IS
	'Rule-based attribution of one conversion: a row per touchpoint in the lookback window (time order) with its 1-based array index, key, time, credit (exact numeric at the value''s scale, summing to the value; leftover units by largest remainder, ties to the later touchpoint) and share; models last_touch, first_touch, linear, time_decay (2^(-age/half_life)), position (first/middle/last shares); STABLE because the window start is converted_at - lookback in the session time zone';

CREATE TYPE @extschema@.markov_result AS (
	paths bigint,
	conversions bigint,
	value numeric,
	conversion_probability double precision,
	channel text[],
	removal_effect double precision[],
	share double precision[],
	attributed_conversions double precision[],
	attributed_value numeric[]
);
COMMENT ON TYPE @extschema@.markov_result IS
	'Markov-chain attribution of a set of paths: paths and conversions counted, the converting paths'' value, the chain''s probability of conversion from the start, and per channel (byte order of the names) its removal effect, share of the removal effects, and the conversions and value credited to it';

CREATE FUNCTION @extschema@.markov_transition(internal, text[], boolean)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_markov_trans';
COMMENT ON FUNCTION @extschema@.markov_transition(internal, text[], boolean) IS
	'Transition function of markov_attribution(path, converted): counts the transitions start -> channels -> conversion or null (a NULL path or flag is skipped)';
CREATE FUNCTION @extschema@.markov_transition(internal, text[], boolean, numeric)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_markov_trans';
COMMENT ON FUNCTION @extschema@.markov_transition(internal, text[], boolean, numeric) IS
	'Transition function of markov_attribution(path, converted, value): also sums the converting paths'' values exactly';
CREATE FUNCTION @extschema@.markov_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_markov_combine_fn';
COMMENT ON FUNCTION @extschema@.markov_combine(internal, internal) IS
	'Combine function of markov_attribution: adds the transition counts of two partial states';
CREATE FUNCTION @extschema@.markov_serialize(internal)
RETURNS bytea LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_markov_serial';
COMMENT ON FUNCTION @extschema@.markov_serialize(internal) IS
	'Serialise function of markov_attribution: channels and transition counts, little-endian, versioned';
CREATE FUNCTION @extschema@.markov_deserialize(bytea, internal)
RETURNS internal LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_markov_deserial';
COMMENT ON FUNCTION @extschema@.markov_deserialize(bytea, internal) IS
	'Deserialise function of markov_attribution: checks versions, lengths, ranges and that the counts agree (22P03)';
CREATE FUNCTION @extschema@.markov_final(internal)
RETURNS @extschema@.markov_result LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_markov_final';
COMMENT ON FUNCTION @extschema@.markov_final(internal) IS
	'Final function of markov_attribution: solves the absorbing chain with and without each channel';

CREATE AGGREGATE @extschema@.markov_attribution(path text[], converted boolean) (
	SFUNC = @extschema@.markov_transition,
	STYPE = internal,
	FINALFUNC = @extschema@.markov_final,
	COMBINEFUNC = @extschema@.markov_combine,
	SERIALFUNC = @extschema@.markov_serialize,
	DESERIALFUNC = @extschema@.markov_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_attribution(text[], boolean) IS
	'First-order Markov-chain attribution over paths (channel keys in time order), converting or not: each channel''s removal effect 1 - P(conversion without it) / P(conversion) and the conversions credited in proportion (Anderl et al. 2016); NULL over no path; 54000 beyond 250 channels';
CREATE AGGREGATE @extschema@.markov_attribution(path text[], converted boolean, value numeric) (
	SFUNC = @extschema@.markov_transition,
	STYPE = internal,
	FINALFUNC = @extschema@.markov_final,
	COMBINEFUNC = @extschema@.markov_combine,
	SERIALFUNC = @extschema@.markov_serialize,
	DESERIALFUNC = @extschema@.markov_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.markov_attribution(text[], boolean, numeric) IS
	'markov_attribution(path, converted) that also credits the converting paths'' total value exactly (numeric, largest remainder over the shares)';

CREATE FUNCTION @extschema@.markov_rows(r @extschema@.markov_result,
										OUT channel text, OUT removal_effect double precision,
										OUT share double precision,
										OUT attributed_conversions double precision,
										OUT attributed_value numeric)
RETURNS SETOF record LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
SELECT x.c, x.e, x.s, x.n, x.v
  FROM ROWS FROM (pg_catalog.unnest(r.channel), pg_catalog.unnest(r.removal_effect), pg_catalog.unnest(r.share),
                  pg_catalog.unnest(r.attributed_conversions), pg_catalog.unnest(r.attributed_value)) AS x(c, e, s, n, v);
END;
COMMENT ON FUNCTION @extschema@.markov_rows(@extschema@.markov_result) IS
	'The channels of a markov_attribution() result as rows: channel, removal effect, share, attributed conversions and value';
