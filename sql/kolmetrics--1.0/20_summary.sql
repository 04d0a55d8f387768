-- ---------------------------------------------------------------------------
-- engagement_summary: a two-step engagement aggregate (doc/engagement.md, formulas
-- in doc/formulas.md).  engagement_agg(...) -> engagement_summary, rollup(summary),
-- and accessors.  C: src/summary*.c (type I/O, aggregate support, accessors) over
-- src/core/summary*.c (statistics, stored form) and src/core/sketch*.c (percentiles).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.engagement_summary;

CREATE FUNCTION @extschema@.engagement_summary_in(cstring) RETURNS @extschema@.engagement_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_in';
COMMENT ON FUNCTION @extschema@.engagement_summary_in(cstring) IS
	'Input function of engagement_summary: parses and validates the versioned text form';

CREATE FUNCTION @extschema@.engagement_summary_out(@extschema@.engagement_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_out';
COMMENT ON FUNCTION @extschema@.engagement_summary_out(@extschema@.engagement_summary) IS
	'Output function of engagement_summary: the versioned text form, floats to round-trip precision';

CREATE FUNCTION @extschema@.engagement_summary_recv(internal, oid, integer) RETURNS @extschema@.engagement_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_recv';
COMMENT ON FUNCTION @extschema@.engagement_summary_recv(internal, oid, integer) IS
	'Binary input function of engagement_summary: reads and checks the stored (packed, version 2) form strictly: 22P03 on any malformed or non-canonical bytes';

CREATE FUNCTION @extschema@.engagement_summary_send(@extschema@.engagement_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_send';
COMMENT ON FUNCTION @extschema@.engagement_summary_send(@extschema@.engagement_summary) IS
	'Binary output function of engagement_summary: the stored (packed, version 2) form, as it is';

CREATE TYPE @extschema@.engagement_summary (
	INPUT = @extschema@.engagement_summary_in,
	OUTPUT = @extschema@.engagement_summary_out,
	RECEIVE = @extschema@.engagement_summary_recv,
	SEND = @extschema@.engagement_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.engagement_summary IS
	'Mergeable summary of posts: exact counter sums, pooled/mean/stddev/min/max ER by followers and by views, and a quantile sketch of ER by followers (relative accuracy 1/101). Made by engagement_agg, merged by rollup, read by accessors';

CREATE FUNCTION @extschema@.engagement_summary_eq(@extschema@.engagement_summary, @extschema@.engagement_summary)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_eq';
COMMENT ON FUNCTION @extschema@.engagement_summary_eq(@extschema@.engagement_summary, @extschema@.engagement_summary) IS
	'True when two summaries are identical, every float bit for bit';

CREATE FUNCTION @extschema@.engagement_summary_ne(@extschema@.engagement_summary, @extschema@.engagement_summary)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_ne';
COMMENT ON FUNCTION @extschema@.engagement_summary_ne(@extschema@.engagement_summary, @extschema@.engagement_summary) IS
	'True when two summaries differ in any field';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.engagement_summary,
	RIGHTARG = @extschema@.engagement_summary,
	FUNCTION = @extschema@.engagement_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=),
	NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel,
	JOIN = eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.engagement_summary, @extschema@.engagement_summary) IS
	'Identical summaries (exact: a rollup and a single pass over the same posts may differ in the last bits of mean and m2)';

CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.engagement_summary,
	RIGHTARG = @extschema@.engagement_summary,
	FUNCTION = @extschema@.engagement_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>),
	NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.engagement_summary, @extschema@.engagement_summary) IS
	'Summaries that differ in any field';

CREATE FUNCTION @extschema@.engagement_summary_hash(@extschema@.engagement_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_hash';
COMMENT ON FUNCTION @extschema@.engagement_summary_hash(@extschema@.engagement_summary) IS
	'Hash of a summary, consistent with =; support function of the hash operator class';

CREATE OPERATOR CLASS @extschema@.engagement_summary_ops
	DEFAULT FOR TYPE @extschema@.engagement_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.engagement_summary, @extschema@.engagement_summary),
	FUNCTION 1 @extschema@.engagement_summary_hash(@extschema@.engagement_summary);
COMMENT ON OPERATOR CLASS @extschema@.engagement_summary_ops USING hash IS
	'Hash equality of summaries: lets DISTINCT, UNION and GROUP BY use a summary';
COMMENT ON OPERATOR FAMILY @extschema@.engagement_summary_ops USING hash IS
	'Hash equality of summaries';

-- ---------------------------------------------------------------------------
-- Aggregate support
-- ---------------------------------------------------------------------------

CREATE FUNCTION @extschema@.engagement_agg_trans(internal, bigint, bigint, bigint, bigint, bigint, bigint)
RETURNS internal
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_agg_trans';
COMMENT ON FUNCTION @extschema@.engagement_agg_trans(internal, bigint, bigint, bigint, bigint, bigint, bigint) IS
	'Transition function of engagement_agg(likes, comments, shares, saves, views, followers)';

CREATE FUNCTION @extschema@.engagement_agg_trans(internal, bigint, bigint, bigint, bigint, bigint, bigint, bigint)
RETURNS internal
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_agg_trans';
COMMENT ON FUNCTION @extschema@.engagement_agg_trans(internal, bigint, bigint, bigint, bigint, bigint, bigint, bigint) IS
	'Transition function of engagement_agg(likes, comments, shares, saves, views, followers, extra)';

CREATE FUNCTION @extschema@.engagement_summary_rollup_trans(internal, @extschema@.engagement_summary)
RETURNS internal
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_rollup_trans';
COMMENT ON FUNCTION @extschema@.engagement_summary_rollup_trans(internal, @extschema@.engagement_summary) IS
	'Transition function of rollup(engagement_summary)';

CREATE FUNCTION @extschema@.engagement_summary_combine(internal, internal) RETURNS internal
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_combine';
COMMENT ON FUNCTION @extschema@.engagement_summary_combine(internal, internal) IS
	'Combine function of engagement_agg and rollup: merges two partial states (Chan et al. for mean and m2)';

CREATE FUNCTION @extschema@.engagement_summary_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_serial';
COMMENT ON FUNCTION @extschema@.engagement_summary_serial(internal) IS
	'Serial function of engagement_agg and rollup';

CREATE FUNCTION @extschema@.engagement_summary_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_deserial';
COMMENT ON FUNCTION @extschema@.engagement_summary_deserial(bytea, internal) IS
	'Deserial function of engagement_agg and rollup';

CREATE FUNCTION @extschema@.engagement_summary_final(internal) RETURNS @extschema@.engagement_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_final';
COMMENT ON FUNCTION @extschema@.engagement_summary_final(internal) IS
	'Final function of engagement_agg and rollup; no input rows give the empty summary';

CREATE AGGREGATE @extschema@.engagement_agg(likes bigint, comments bigint, shares bigint,
											 saves bigint, views bigint, followers bigint) (
	SFUNC = @extschema@.engagement_agg_trans,
	STYPE = internal,
	SSPACE = 512,
	FINALFUNC = @extschema@.engagement_summary_final,
	COMBINEFUNC = @extschema@.engagement_summary_combine,
	SERIALFUNC = @extschema@.engagement_summary_serial,
	DESERIALFUNC = @extschema@.engagement_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.engagement_agg(bigint, bigint, bigint, bigint, bigint, bigint) IS
	'Summary of posts: interactions = likes + comments + shares + saves (NULL counters absent); ER by followers and by views per post; posts with base NULL or 0 counted as unrated';

CREATE AGGREGATE @extschema@.engagement_agg(likes bigint, comments bigint, shares bigint,
											 saves bigint, views bigint, followers bigint,
											 extra bigint) (
	SFUNC = @extschema@.engagement_agg_trans,
	STYPE = internal,
	SSPACE = 512,
	FINALFUNC = @extschema@.engagement_summary_final,
	COMBINEFUNC = @extschema@.engagement_summary_combine,
	SERIALFUNC = @extschema@.engagement_summary_serial,
	DESERIALFUNC = @extschema@.engagement_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.engagement_agg(bigint, bigint, bigint, bigint, bigint, bigint, bigint) IS
	'Summary of posts: interactions = likes + comments + shares + saves + extra (NULL counters absent); ER by followers and by views per post; posts with base NULL or 0 counted as unrated';

CREATE AGGREGATE @extschema@.rollup(@extschema@.engagement_summary) (
	SFUNC = @extschema@.engagement_summary_rollup_trans,
	STYPE = internal,
	SSPACE = 512,
	FINALFUNC = @extschema@.engagement_summary_final,
	COMBINEFUNC = @extschema@.engagement_summary_combine,
	SERIALFUNC = @extschema@.engagement_summary_serial,
	DESERIALFUNC = @extschema@.engagement_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.engagement_summary) IS
	'Merges engagement summaries (e.g. daily into monthly): counters exactly, mean and variance by Chan et al., sketch buckets by addition; NULLs skipped';

-- ---------------------------------------------------------------------------
-- Accessors
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.posts(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_posts';
COMMENT ON FUNCTION @extschema@.posts(@extschema@.engagement_summary) IS
	'Number of posts summarised (rated or not)';

CREATE FUNCTION @extschema@.total_interactions(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_interactions';
COMMENT ON FUNCTION @extschema@.total_interactions(@extschema@.engagement_summary) IS
	'Sum of likes + comments + shares + saves + extra over all posts';

CREATE FUNCTION @extschema@.total_views(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_views';
COMMENT ON FUNCTION @extschema@.total_views(@extschema@.engagement_summary) IS
	'Sum of views over all posts (NULL views add nothing)';

CREATE FUNCTION @extschema@.total_likes(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_likes';
COMMENT ON FUNCTION @extschema@.total_likes(@extschema@.engagement_summary) IS
	'Sum of likes over all posts';

CREATE FUNCTION @extschema@.total_comments(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_comments';
COMMENT ON FUNCTION @extschema@.total_comments(@extschema@.engagement_summary) IS
	'Sum of comments over all posts';

CREATE FUNCTION @extschema@.total_shares(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_shares';
COMMENT ON FUNCTION @extschema@.total_shares(@extschema@.engagement_summary) IS
	'Sum of shares over all posts';

CREATE FUNCTION @extschema@.total_saves(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_saves';
COMMENT ON FUNCTION @extschema@.total_saves(@extschema@.engagement_summary) IS
	'Sum of saves over all posts';

CREATE FUNCTION @extschema@.total_extra(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_extra';
COMMENT ON FUNCTION @extschema@.total_extra(@extschema@.engagement_summary) IS
	'Sum of extra (platform-specific) interactions over all posts';

CREATE FUNCTION @extschema@.rated_posts(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_rated';
COMMENT ON FUNCTION @extschema@.rated_posts(@extschema@.engagement_summary) IS
	'Posts with a defined ER by followers (base present and > 0)';

CREATE FUNCTION @extschema@.rated_posts(s @extschema@.engagement_summary, basis text) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_rated';
COMMENT ON FUNCTION @extschema@.rated_posts(@extschema@.engagement_summary, text) IS
	'Posts with a defined ER by basis (''followers'' or ''views''; anything else is 22023) (base present and > 0)';

CREATE FUNCTION @extschema@.unrated_posts(s @extschema@.engagement_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_unrated';
COMMENT ON FUNCTION @extschema@.unrated_posts(@extschema@.engagement_summary) IS
	'Posts without an ER by followers (base NULL or 0, or every counter NULL); counted in posts and counters only';

CREATE FUNCTION @extschema@.unrated_posts(s @extschema@.engagement_summary, basis text) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_unrated';
COMMENT ON FUNCTION @extschema@.unrated_posts(@extschema@.engagement_summary, text) IS
	'Posts without an ER by basis (''followers'' or ''views''; anything else is 22023) (base NULL or 0, or every counter NULL); counted in posts and counters only';

CREATE FUNCTION @extschema@.pooled_engagement_rate(s @extschema@.engagement_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_er';
COMMENT ON FUNCTION @extschema@.pooled_engagement_rate(@extschema@.engagement_summary) IS
	'Pooled ER by followers = sum of interactions / sum of the base over rated posts; NULL when no post is rated';

CREATE FUNCTION @extschema@.pooled_engagement_rate(s @extschema@.engagement_summary, basis text) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_er';
COMMENT ON FUNCTION @extschema@.pooled_engagement_rate(@extschema@.engagement_summary, text) IS
	'Pooled ER by basis (''followers'' or ''views''; anything else is 22023) = sum of interactions / sum of the base over rated posts; NULL when no post is rated';

CREATE FUNCTION @extschema@.avg_engagement_rate(s @extschema@.engagement_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_avg';
COMMENT ON FUNCTION @extschema@.avg_engagement_rate(@extschema@.engagement_summary) IS
	'Mean of per-post ER by followers over rated posts; NULL when none';

CREATE FUNCTION @extschema@.avg_engagement_rate(s @extschema@.engagement_summary, basis text) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_avg';
COMMENT ON FUNCTION @extschema@.avg_engagement_rate(@extschema@.engagement_summary, text) IS
	'Mean of per-post ER by basis (''followers'' or ''views''; anything else is 22023) over rated posts; NULL when none';

CREATE FUNCTION @extschema@.stddev_engagement_rate(s @extschema@.engagement_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_stddev';
COMMENT ON FUNCTION @extschema@.stddev_engagement_rate(@extschema@.engagement_summary) IS
	'Sample standard deviation (n - 1) of per-post ER by followers; NULL below two rated posts';

CREATE FUNCTION @extschema@.stddev_engagement_rate(s @extschema@.engagement_summary, basis text) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_stddev';
COMMENT ON FUNCTION @extschema@.stddev_engagement_rate(@extschema@.engagement_summary, text) IS
	'Sample standard deviation (n - 1) of per-post ER by basis (''followers'' or ''views''; anything else is 22023); NULL below two rated posts';

CREATE FUNCTION @extschema@.min_engagement_rate(s @extschema@.engagement_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_min';
COMMENT ON FUNCTION @extschema@.min_engagement_rate(@extschema@.engagement_summary) IS
	'Smallest per-post ER by followers; NULL when no post is rated';

CREATE FUNCTION @extschema@.min_engagement_rate(s @extschema@.engagement_summary, basis text) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_min';
COMMENT ON FUNCTION @extschema@.min_engagement_rate(@extschema@.engagement_summary, text) IS
	'Smallest per-post ER by basis (''followers'' or ''views''; anything else is 22023); NULL when no post is rated';

CREATE FUNCTION @extschema@.max_engagement_rate(s @extschema@.engagement_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_max';
COMMENT ON FUNCTION @extschema@.max_engagement_rate(@extschema@.engagement_summary) IS
	'Largest per-post ER by followers; NULL when no post is rated';

CREATE FUNCTION @extschema@.max_engagement_rate(s @extschema@.engagement_summary, basis text) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_max';
COMMENT ON FUNCTION @extschema@.max_engagement_rate(@extschema@.engagement_summary, text) IS
	'Largest per-post ER by basis (''followers'' or ''views''; anything else is 22023); NULL when no post is rated';

CREATE FUNCTION @extschema@.engagement_rate_percentile(s @extschema@.engagement_summary, p double precision) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_es_percentile';
COMMENT ON FUNCTION @extschema@.engagement_rate_percentile(@extschema@.engagement_summary, double precision) IS
	'Per-post ER by followers at fraction p in [0, 1] (rank ceil(p n), as percentile_disc), from the sketch: within 1/101 (0.99%) relative of the exact value; p = 0 and 1 give min and max exactly; NULL when no post is rated; p outside [0, 1] is 22023';
