-- ---------------------------------------------------------------------------
-- Authenticity (doc/authenticity.md, formulas in doc/formulas.md): an open,
-- explainable score of how real a KOL's audience and engagement look, from
-- the brand's own posts, follower snapshots and comments, judged against a cohort.
-- C: src/authenticity.c and src/authenticity_score.c over src/core/auth*.c
-- and src/core/km_flat.c.
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.authenticity_summary;

CREATE FUNCTION @extschema@.authenticity_summary_in(cstring) RETURNS @extschema@.authenticity_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_in';
CREATE FUNCTION @extschema@.authenticity_summary_out(@extschema@.authenticity_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_out';
CREATE FUNCTION @extschema@.authenticity_summary_recv(internal, oid, integer) RETURNS @extschema@.authenticity_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_recv';
CREATE FUNCTION @extschema@.authenticity_summary_send(@extschema@.authenticity_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_send';

CREATE TYPE @extschema@.authenticity_summary (
	INPUT = @extschema@.authenticity_summary_in,
	OUTPUT = @extschema@.authenticity_summary_out,
	RECEIVE = @extschema@.authenticity_summary_recv,
	SEND = @extschema@.authenticity_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.authenticity_summary IS
	'Counters of a KOL''s posts for the authenticity signals (posts, interactions and their squares, by followers and by views, likes and comments with ln(likes per comment) sums, near-zero posts, the peak post, posting hours, first-digit counts and extremes of each counter) built by authenticity_agg and rollup; text form (v:1,n:N,...)';
COMMENT ON FUNCTION @extschema@.authenticity_summary_in(cstring) IS
	'Input function of authenticity_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.authenticity_summary_out(@extschema@.authenticity_summary) IS
	'Output function of authenticity_summary: the v1 text form';
COMMENT ON FUNCTION @extschema@.authenticity_summary_recv(internal, oid, integer) IS
	'Binary receive function of authenticity_summary: validates the packed form (version, zero bytes, length, totals that must agree)';
COMMENT ON FUNCTION @extschema@.authenticity_summary_send(@extschema@.authenticity_summary) IS
	'Binary send function of authenticity_summary: the packed form, little-endian, versioned';

CREATE FUNCTION @extschema@.authenticity_summary_eq(@extschema@.authenticity_summary, @extschema@.authenticity_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_eq';
COMMENT ON FUNCTION @extschema@.authenticity_summary_eq(@extschema@.authenticity_summary, @extschema@.authenticity_summary) IS
	'True when two values of authenticity_summary are identical (identical stored forms)';
CREATE FUNCTION @extschema@.authenticity_summary_ne(@extschema@.authenticity_summary, @extschema@.authenticity_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_ne';
COMMENT ON FUNCTION @extschema@.authenticity_summary_ne(@extschema@.authenticity_summary, @extschema@.authenticity_summary) IS
	'True when two values of authenticity_summary differ';
CREATE FUNCTION @extschema@.authenticity_summary_hash(@extschema@.authenticity_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_hash';
COMMENT ON FUNCTION @extschema@.authenticity_summary_hash(@extschema@.authenticity_summary) IS
	'Hash of a authenticity_summary consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.authenticity_summary, RIGHTARG = @extschema@.authenticity_summary,
	FUNCTION = @extschema@.authenticity_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.authenticity_summary, @extschema@.authenticity_summary) IS
	'Identity of authenticity_summary values';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.authenticity_summary, RIGHTARG = @extschema@.authenticity_summary,
	FUNCTION = @extschema@.authenticity_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.authenticity_summary, @extschema@.authenticity_summary) IS
	'authenticity_summary values that differ';
CREATE OPERATOR CLASS @extschema@.authenticity_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.authenticity_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.authenticity_summary, @extschema@.authenticity_summary),
	FUNCTION 1 @extschema@.authenticity_summary_hash(@extschema@.authenticity_summary);
COMMENT ON OPERATOR CLASS @extschema@.authenticity_summary_hash_ops USING hash IS
	'Hash operator class of authenticity_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.authenticity_summary_hash_ops USING hash IS
	'Hash operator family of authenticity_summary';

CREATE FUNCTION @extschema@.authenticity_summary_rollup_trans(internal, @extschema@.authenticity_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_rollup_trans';
COMMENT ON FUNCTION @extschema@.authenticity_summary_rollup_trans(internal, @extschema@.authenticity_summary) IS
	'Transition function of rollup(authenticity_summary): merges one value (NULLs skipped)';
CREATE FUNCTION @extschema@.authenticity_summary_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_combine';
COMMENT ON FUNCTION @extschema@.authenticity_summary_combine(internal, internal) IS
	'Combine function of the aggregates building authenticity_summary, for parallel plans';
CREATE FUNCTION @extschema@.authenticity_summary_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_serial';
COMMENT ON FUNCTION @extschema@.authenticity_summary_serial(internal) IS
	'Serial function of the aggregates building authenticity_summary: the packed form';
CREATE FUNCTION @extschema@.authenticity_summary_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_deserial';
COMMENT ON FUNCTION @extschema@.authenticity_summary_deserial(bytea, internal) IS
	'Deserial function of the aggregates building authenticity_summary: validates the bytes';
CREATE FUNCTION @extschema@.authenticity_summary_final(internal) RETURNS @extschema@.authenticity_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_final';
COMMENT ON FUNCTION @extschema@.authenticity_summary_final(internal) IS
	'Final function of the aggregates building authenticity_summary (the empty value for no rows)';

CREATE AGGREGATE @extschema@.rollup(@extschema@.authenticity_summary) (
	SFUNC = @extschema@.authenticity_summary_rollup_trans,
	STYPE = internal,
	SSPACE = 512,
	FINALFUNC = @extschema@.authenticity_summary_final,
	COMBINEFUNC = @extschema@.authenticity_summary_combine,
	SERIALFUNC = @extschema@.authenticity_summary_serial,
	DESERIALFUNC = @extschema@.authenticity_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.authenticity_summary) IS
	'Merges authenticity summaries (e.g. monthly into yearly): counters add exactly, sums of squares up to rounding';

CREATE FUNCTION @extschema@.authenticity_agg_trans(internal, bigint, bigint, bigint, bigint, bigint, bigint,
												   timestamp with time zone)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_agg_trans';
COMMENT ON FUNCTION @extschema@.authenticity_agg_trans(internal, bigint, bigint, bigint, bigint, bigint, bigint, timestamp with time zone) IS
	'Transition function of authenticity_agg: adds one post';
CREATE AGGREGATE @extschema@.authenticity_agg(likes bigint, comments bigint, shares bigint, saves bigint,
											  views bigint, followers bigint, posted_at timestamp with time zone) (
	SFUNC = @extschema@.authenticity_agg_trans,
	STYPE = internal,
	SSPACE = 512,
	FINALFUNC = @extschema@.authenticity_summary_final,
	COMBINEFUNC = @extschema@.authenticity_summary_combine,
	SERIALFUNC = @extschema@.authenticity_summary_serial,
	DESERIALFUNC = @extschema@.authenticity_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.authenticity_agg(bigint, bigint, bigint, bigint, bigint, bigint, timestamp with time zone) IS
	'Summary of a KOL''s posts for the authenticity signals: interactions = likes + comments + shares + saves (NULL counters absent), followers at posting, views, posting time; negative counts are 22023';

CREATE FUNCTION @extschema@.authenticity_signals(s @extschema@.authenticity_summary) RETURNS jsonb
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_as_signals';
COMMENT ON FUNCTION @extschema@.authenticity_signals(@extschema@.authenticity_summary) IS
	'The post signals of a summary as jsonb: posts, er_followers, er_views, likes_per_comment, like_comment_spread, interaction_cv, peak_to_mean, near_zero_share, benford_mad, hour_concentration; null where a signal needs more posts (doc/authenticity.md)';

CREATE TYPE @extschema@.authenticity_cohort;

CREATE FUNCTION @extschema@.authenticity_cohort_in(cstring) RETURNS @extschema@.authenticity_cohort
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_in';
CREATE FUNCTION @extschema@.authenticity_cohort_out(@extschema@.authenticity_cohort) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_out';
CREATE FUNCTION @extschema@.authenticity_cohort_recv(internal, oid, integer) RETURNS @extschema@.authenticity_cohort
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_recv';
CREATE FUNCTION @extschema@.authenticity_cohort_send(@extschema@.authenticity_cohort) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_send';

CREATE TYPE @extschema@.authenticity_cohort (
	INPUT = @extschema@.authenticity_cohort_in,
	OUTPUT = @extschema@.authenticity_cohort_out,
	RECEIVE = @extschema@.authenticity_cohort_recv,
	SEND = @extschema@.authenticity_cohort_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.authenticity_cohort IS
	'Distribution over the KOLs of a cohort of each post signal of authenticity_summary (histograms of per-KOL values in fixed bins), built by authenticity_cohort_agg and rollup; the reference of authenticity_score; text form (v:1,kols:N,signal:{bin:count,...},...)';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_in(cstring) IS
	'Input function of authenticity_cohort: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_out(@extschema@.authenticity_cohort) IS
	'Output function of authenticity_cohort: the v1 text form';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_recv(internal, oid, integer) IS
	'Binary receive function of authenticity_cohort: validates the packed form (version, zero bytes, length, counts that must agree)';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_send(@extschema@.authenticity_cohort) IS
	'Binary send function of authenticity_cohort: the packed form, little-endian, versioned';

CREATE FUNCTION @extschema@.authenticity_cohort_eq(@extschema@.authenticity_cohort, @extschema@.authenticity_cohort)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_eq';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_eq(@extschema@.authenticity_cohort, @extschema@.authenticity_cohort) IS
	'True when two values of authenticity_cohort are identical (identical stored forms)';
CREATE FUNCTION @extschema@.authenticity_cohort_ne(@extschema@.authenticity_cohort, @extschema@.authenticity_cohort)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_ne';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_ne(@extschema@.authenticity_cohort, @extschema@.authenticity_cohort) IS
	'True when two values of authenticity_cohort differ';
CREATE FUNCTION @extschema@.authenticity_cohort_hash(@extschema@.authenticity_cohort) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_hash';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_hash(@extschema@.authenticity_cohort) IS
	'Hash of a authenticity_cohort consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.authenticity_cohort, RIGHTARG = @extschema@.authenticity_cohort,
	FUNCTION = @extschema@.authenticity_cohort_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.authenticity_cohort, @extschema@.authenticity_cohort) IS
	'Identity of authenticity_cohort values';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.authenticity_cohort, RIGHTARG = @extschema@.authenticity_cohort,
	FUNCTION = @extschema@.authenticity_cohort_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.authenticity_cohort, @extschema@.authenticity_cohort) IS
	'authenticity_cohort values that differ';
CREATE OPERATOR CLASS @extschema@.authenticity_cohort_hash_ops
	DEFAULT FOR TYPE @extschema@.authenticity_cohort USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.authenticity_cohort, @extschema@.authenticity_cohort),
	FUNCTION 1 @extschema@.authenticity_cohort_hash(@extschema@.authenticity_cohort);
COMMENT ON OPERATOR CLASS @extschema@.authenticity_cohort_hash_ops USING hash IS
	'Hash operator class of authenticity_cohort (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.authenticity_cohort_hash_ops USING hash IS
	'Hash operator family of authenticity_cohort';

CREATE FUNCTION @extschema@.authenticity_cohort_rollup_trans(internal, @extschema@.authenticity_cohort)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_rollup_trans';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_rollup_trans(internal, @extschema@.authenticity_cohort) IS
	'Transition function of rollup(authenticity_cohort): merges one value (NULLs skipped)';
CREATE FUNCTION @extschema@.authenticity_cohort_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_combine';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_combine(internal, internal) IS
	'Combine function of the aggregates building authenticity_cohort, for parallel plans';
CREATE FUNCTION @extschema@.authenticity_cohort_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_serial';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_serial(internal) IS
	'Serial function of the aggregates building authenticity_cohort: the packed form';
CREATE FUNCTION @extschema@.authenticity_cohort_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_deserial';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_deserial(bytea, internal) IS
	'Deserial function of the aggregates building authenticity_cohort: validates the bytes';
CREATE FUNCTION @extschema@.authenticity_cohort_final(internal) RETURNS @extschema@.authenticity_cohort
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_final';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_final(internal) IS
	'Final function of the aggregates building authenticity_cohort (the empty value for no rows)';

CREATE AGGREGATE @extschema@.rollup(@extschema@.authenticity_cohort) (
	SFUNC = @extschema@.authenticity_cohort_rollup_trans,
	STYPE = internal,
	SSPACE = 8192,
	FINALFUNC = @extschema@.authenticity_cohort_final,
	COMBINEFUNC = @extschema@.authenticity_cohort_combine,
	SERIALFUNC = @extschema@.authenticity_cohort_serial,
	DESERIALFUNC = @extschema@.authenticity_cohort_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.authenticity_cohort) IS
	'Merges cohorts of disjoint sets of KOLs (bin counts add)';

CREATE FUNCTION @extschema@.authenticity_cohort_trans(internal, @extschema@.authenticity_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_agg_trans';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_trans(internal, @extschema@.authenticity_summary) IS
	'Transition function of authenticity_cohort_agg: adds one KOL''s signals';
CREATE AGGREGATE @extschema@.authenticity_cohort_agg(posts @extschema@.authenticity_summary) (
	SFUNC = @extschema@.authenticity_cohort_trans,
	STYPE = internal,
	SSPACE = 8192,
	FINALFUNC = @extschema@.authenticity_cohort_final,
	COMBINEFUNC = @extschema@.authenticity_cohort_combine,
	SERIALFUNC = @extschema@.authenticity_cohort_serial,
	DESERIALFUNC = @extschema@.authenticity_cohort_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.authenticity_cohort_agg(@extschema@.authenticity_summary) IS
	'Cohort of KOLs: one authenticity_summary per KOL in, the distribution of each post signal over the KOLs out (NULLs skipped)';

CREATE TYPE @extschema@.follower_summary;

CREATE FUNCTION @extschema@.follower_summary_in(cstring) RETURNS @extschema@.follower_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_in';
CREATE FUNCTION @extschema@.follower_summary_out(@extschema@.follower_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_out';
CREATE FUNCTION @extschema@.follower_summary_recv(internal, oid, integer) RETURNS @extschema@.follower_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_recv';
CREATE FUNCTION @extschema@.follower_summary_send(@extschema@.follower_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_send';

CREATE TYPE @extschema@.follower_summary (
	INPUT = @extschema@.follower_summary_in,
	OUTPUT = @extschema@.follower_summary_out,
	RECEIVE = @extschema@.follower_summary_recv,
	SEND = @extschema@.follower_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.follower_summary IS
	'Follower-count snapshots of one account, sorted by time, one per time (the largest count kept), at most 1,000 (the latest; older ones counted as dropped), built by follower_agg and rollup; text form (v:1,dropped:D,n:N,at:[microseconds since 2000-01-01 UTC,...],followers:[...])';
COMMENT ON FUNCTION @extschema@.follower_summary_in(cstring) IS
	'Input function of follower_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.follower_summary_out(@extschema@.follower_summary) IS
	'Output function of follower_summary: the v1 text form';
COMMENT ON FUNCTION @extschema@.follower_summary_recv(internal, oid, integer) IS
	'Binary receive function of follower_summary: validates the packed form (version, zero bytes, length, times ascending and in range, counts not negative)';
COMMENT ON FUNCTION @extschema@.follower_summary_send(@extschema@.follower_summary) IS
	'Binary send function of follower_summary: the packed form, little-endian, versioned';

CREATE FUNCTION @extschema@.follower_summary_eq(@extschema@.follower_summary, @extschema@.follower_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_eq';
COMMENT ON FUNCTION @extschema@.follower_summary_eq(@extschema@.follower_summary, @extschema@.follower_summary) IS
	'True when two values of follower_summary are identical (identical stored forms)';
CREATE FUNCTION @extschema@.follower_summary_ne(@extschema@.follower_summary, @extschema@.follower_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_ne';
COMMENT ON FUNCTION @extschema@.follower_summary_ne(@extschema@.follower_summary, @extschema@.follower_summary) IS
	'True when two values of follower_summary differ';
CREATE FUNCTION @extschema@.follower_summary_hash(@extschema@.follower_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_hash';
COMMENT ON FUNCTION @extschema@.follower_summary_hash(@extschema@.follower_summary) IS
	'Hash of a follower_summary consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.follower_summary, RIGHTARG = @extschema@.follower_summary,
	FUNCTION = @extschema@.follower_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.follower_summary, @extschema@.follower_summary) IS
	'Identity of follower_summary values';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.follower_summary, RIGHTARG = @extschema@.follower_summary,
	FUNCTION = @extschema@.follower_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.follower_summary, @extschema@.follower_summary) IS
	'follower_summary values that differ';
CREATE OPERATOR CLASS @extschema@.follower_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.follower_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.follower_summary, @extschema@.follower_summary),
	FUNCTION 1 @extschema@.follower_summary_hash(@extschema@.follower_summary);
COMMENT ON OPERATOR CLASS @extschema@.follower_summary_hash_ops USING hash IS
	'Hash operator class of follower_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.follower_summary_hash_ops USING hash IS
	'Hash operator family of follower_summary';

CREATE FUNCTION @extschema@.follower_summary_rollup_trans(internal, @extschema@.follower_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_rollup_trans';
COMMENT ON FUNCTION @extschema@.follower_summary_rollup_trans(internal, @extschema@.follower_summary) IS
	'Transition function of rollup(follower_summary): merges one value (NULLs skipped)';
CREATE FUNCTION @extschema@.follower_summary_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_combine';
COMMENT ON FUNCTION @extschema@.follower_summary_combine(internal, internal) IS
	'Combine function of the aggregates building follower_summary, for parallel plans';
CREATE FUNCTION @extschema@.follower_summary_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_serial';
COMMENT ON FUNCTION @extschema@.follower_summary_serial(internal) IS
	'Serial function of the aggregates building follower_summary: the packed form, normalized';
CREATE FUNCTION @extschema@.follower_summary_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_deserial';
COMMENT ON FUNCTION @extschema@.follower_summary_deserial(bytea, internal) IS
	'Deserial function of the aggregates building follower_summary: validates the bytes';
CREATE FUNCTION @extschema@.follower_summary_final(internal) RETURNS @extschema@.follower_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_final';
COMMENT ON FUNCTION @extschema@.follower_summary_final(internal) IS
	'Final function of the aggregates building follower_summary (the empty value for no rows)';

CREATE AGGREGATE @extschema@.rollup(@extschema@.follower_summary) (
	SFUNC = @extschema@.follower_summary_rollup_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.follower_summary_final,
	COMBINEFUNC = @extschema@.follower_summary_combine,
	SERIALFUNC = @extschema@.follower_summary_serial,
	DESERIALFUNC = @extschema@.follower_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.follower_summary) IS
	'Merges follower snapshots of one account (the same snapshot twice counts once; the latest 1,000 kept)';

CREATE FUNCTION @extschema@.follower_agg_trans(internal, timestamp with time zone, bigint)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_agg_trans';
COMMENT ON FUNCTION @extschema@.follower_agg_trans(internal, timestamp with time zone, bigint) IS
	'Transition function of follower_agg: adds one snapshot (rows with a NULL skipped)';
CREATE AGGREGATE @extschema@.follower_agg(observed_at timestamp with time zone, followers bigint) (
	SFUNC = @extschema@.follower_agg_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.follower_summary_final,
	COMBINEFUNC = @extschema@.follower_summary_combine,
	SERIALFUNC = @extschema@.follower_summary_serial,
	DESERIALFUNC = @extschema@.follower_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.follower_agg(timestamp with time zone, bigint) IS
	'Follower-count snapshots of one account: sorted, one per time (the largest count), the latest 1,000 kept; negative counts are 22023';

CREATE FUNCTION @extschema@.follower_snapshots(s @extschema@.follower_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_fs_snapshots';
COMMENT ON FUNCTION @extschema@.follower_snapshots(@extschema@.follower_summary) IS
	'Number of snapshots a follower_summary holds';

CREATE TYPE @extschema@.comment_summary;

CREATE FUNCTION @extschema@.comment_summary_in(cstring) RETURNS @extschema@.comment_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_in';
CREATE FUNCTION @extschema@.comment_summary_out(@extschema@.comment_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_out';
CREATE FUNCTION @extschema@.comment_summary_recv(internal, oid, integer) RETURNS @extschema@.comment_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_recv';
CREATE FUNCTION @extschema@.comment_summary_send(@extschema@.comment_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_send';

CREATE TYPE @extschema@.comment_summary (
	INPUT = @extschema@.comment_summary_in,
	OUTPUT = @extschema@.comment_summary_out,
	RECEIVE = @extschema@.comment_summary_recv,
	SEND = @extschema@.comment_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.comment_summary IS
	'Counters of a KOL''s comments (emoji- or emote-only, generic fillers, with an author, with a time) and bottom-64 samples of the hashes of their normalized texts, authors and 10-second windows with counts (texts: plain comments only), built by comment_agg and rollup; text form (v:1,n:N,...)';
COMMENT ON FUNCTION @extschema@.comment_summary_in(cstring) IS
	'Input function of comment_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.comment_summary_out(@extschema@.comment_summary) IS
	'Output function of comment_summary: the v1 text form';
COMMENT ON FUNCTION @extschema@.comment_summary_recv(internal, oid, integer) IS
	'Binary receive function of comment_summary: validates the packed form (version, zero bytes, length, totals that must agree)';
COMMENT ON FUNCTION @extschema@.comment_summary_send(@extschema@.comment_summary) IS
	'Binary send function of comment_summary: the packed form, little-endian, versioned';

CREATE FUNCTION @extschema@.comment_summary_eq(@extschema@.comment_summary, @extschema@.comment_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_eq';
COMMENT ON FUNCTION @extschema@.comment_summary_eq(@extschema@.comment_summary, @extschema@.comment_summary) IS
	'True when two values of comment_summary are identical (identical stored forms)';
CREATE FUNCTION @extschema@.comment_summary_ne(@extschema@.comment_summary, @extschema@.comment_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_ne';
COMMENT ON FUNCTION @extschema@.comment_summary_ne(@extschema@.comment_summary, @extschema@.comment_summary) IS
	'True when two values of comment_summary differ';
CREATE FUNCTION @extschema@.comment_summary_hash(@extschema@.comment_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_hash';
COMMENT ON FUNCTION @extschema@.comment_summary_hash(@extschema@.comment_summary) IS
	'Hash of a comment_summary consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.comment_summary, RIGHTARG = @extschema@.comment_summary,
	FUNCTION = @extschema@.comment_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.comment_summary, @extschema@.comment_summary) IS
	'Identity of comment_summary values';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.comment_summary, RIGHTARG = @extschema@.comment_summary,
	FUNCTION = @extschema@.comment_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.comment_summary, @extschema@.comment_summary) IS
	'comment_summary values that differ';
CREATE OPERATOR CLASS @extschema@.comment_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.comment_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.comment_summary, @extschema@.comment_summary),
	FUNCTION 1 @extschema@.comment_summary_hash(@extschema@.comment_summary);
COMMENT ON OPERATOR CLASS @extschema@.comment_summary_hash_ops USING hash IS
	'Hash operator class of comment_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.comment_summary_hash_ops USING hash IS
	'Hash operator family of comment_summary';

CREATE FUNCTION @extschema@.comment_summary_rollup_trans(internal, @extschema@.comment_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_rollup_trans';
COMMENT ON FUNCTION @extschema@.comment_summary_rollup_trans(internal, @extschema@.comment_summary) IS
	'Transition function of rollup(comment_summary): merges one value (NULLs skipped)';
CREATE FUNCTION @extschema@.comment_summary_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_combine';
COMMENT ON FUNCTION @extschema@.comment_summary_combine(internal, internal) IS
	'Combine function of the aggregates building comment_summary, for parallel plans';
CREATE FUNCTION @extschema@.comment_summary_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_serial';
COMMENT ON FUNCTION @extschema@.comment_summary_serial(internal) IS
	'Serial function of the aggregates building comment_summary: the packed form';
CREATE FUNCTION @extschema@.comment_summary_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_deserial';
COMMENT ON FUNCTION @extschema@.comment_summary_deserial(bytea, internal) IS
	'Deserial function of the aggregates building comment_summary: validates the bytes';
CREATE FUNCTION @extschema@.comment_summary_final(internal) RETURNS @extschema@.comment_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_final';
COMMENT ON FUNCTION @extschema@.comment_summary_final(internal) IS
	'Final function of the aggregates building comment_summary (the empty value for no rows)';

CREATE AGGREGATE @extschema@.rollup(@extschema@.comment_summary) (
	SFUNC = @extschema@.comment_summary_rollup_trans,
	STYPE = internal,
	SSPACE = 3200,
	FINALFUNC = @extschema@.comment_summary_final,
	COMBINEFUNC = @extschema@.comment_summary_combine,
	SERIALFUNC = @extschema@.comment_summary_serial,
	DESERIALFUNC = @extschema@.comment_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.comment_summary) IS
	'Merges comment summaries (e.g. per post into per KOL): counters add, the bottom-64 samples merge exactly';

CREATE FUNCTION @extschema@.comment_agg_trans(internal, text, text, timestamp with time zone)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_agg_trans';
COMMENT ON FUNCTION @extschema@.comment_agg_trans(internal, text, text, timestamp with time zone) IS
	'Transition function of comment_agg: adds one comment';
CREATE AGGREGATE @extschema@.comment_agg(body text, author text, posted_at timestamp with time zone) (
	SFUNC = @extschema@.comment_agg_trans,
	STYPE = internal,
	SSPACE = 3200,
	FINALFUNC = @extschema@.comment_summary_final,
	COMBINEFUNC = @extschema@.comment_summary_combine,
	SERIALFUNC = @extschema@.comment_summary_serial,
	DESERIALFUNC = @extschema@.comment_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.comment_agg(text, text, timestamp with time zone) IS
	'Summary of a KOL''s comments: texts normalized (case, full width, spaces and punctuation) and classified (emoji or emote only, generic filler), authors and 10-second windows sampled; a NULL body, author or time is counted without it';

CREATE FUNCTION @extschema@.comment_signals(s @extschema@.comment_summary) RETURNS jsonb
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_cs_signals';
COMMENT ON FUNCTION @extschema@.comment_signals(@extschema@.comment_summary) IS
	'The comment signals of a summary as jsonb: comments, duplicate_share, emoji_share, generic_share, authors_per_comment, author_concentration, comment_burst_share; null below 20 comments (doc/authenticity.md)';

CREATE FUNCTION @extschema@.authenticity_cohort_trans(internal, @extschema@.authenticity_summary, @extschema@.comment_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ac_agg_trans2';
COMMENT ON FUNCTION @extschema@.authenticity_cohort_trans(internal, @extschema@.authenticity_summary, @extschema@.comment_summary) IS
	'Transition function of authenticity_cohort_agg(posts, comments): adds one KOL''s post and comment signals';
CREATE AGGREGATE @extschema@.authenticity_cohort_agg(posts @extschema@.authenticity_summary,
													 comments @extschema@.comment_summary) (
	SFUNC = @extschema@.authenticity_cohort_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.authenticity_cohort_final,
	COMBINEFUNC = @extschema@.authenticity_cohort_combine,
	SERIALFUNC = @extschema@.authenticity_cohort_serial,
	DESERIALFUNC = @extschema@.authenticity_cohort_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.authenticity_cohort_agg(@extschema@.authenticity_summary, @extschema@.comment_summary) IS
	'Cohort of KOLs: one authenticity_summary and comment_summary per KOL in, the distribution of each post and comment signal over the KOLs out (a NULL comment summary adds the post signals only)';

-- Signal weights: editable, kept by pg_dump through config_state like the 1.0
-- configuration tables (00_base.sql).  weight in [0, 1] is the largest share of
-- the score one signal can take (score = 100 x prod(1 - weight x suspicion)).
CREATE TABLE @extschema@.authenticity_weight (
	signal			text PRIMARY KEY CHECK (signal IN ('er_followers', 'er_views', 'likes_per_comment',
		'like_comment_spread', 'interaction_cv', 'peak_to_mean', 'near_zero_share', 'benford_mad',
		'hour_concentration', 'duplicate_share', 'emoji_share', 'generic_share', 'authors_per_comment',
		'author_concentration', 'comment_burst_share', 'follower_jump', 'follower_purge')),
	weight			double precision NOT NULL
		CHECK (weight OPERATOR(pg_catalog.>=) 0 AND weight OPERATOR(pg_catalog.<=) 1),
	source			text
);
COMMENT ON TABLE @extschema@.authenticity_weight IS
	'Weight of each authenticity signal in authenticity_score: the largest share of the score (0 to 1) the signal can take when fully suspicious; a signal without a row weighs 0. Editable; kept by pg_dump';
COMMENT ON COLUMN @extschema@.authenticity_weight.signal IS 'Signal name (doc/authenticity.md)';
COMMENT ON COLUMN @extschema@.authenticity_weight.weight IS 'Largest share of the score the signal can take, 0 to 1';
COMMENT ON COLUMN @extschema@.authenticity_weight.source IS 'Where the signal and its weight come from';

INSERT INTO @extschema@.authenticity_weight (signal, weight, source) VALUES
	('er_followers', 0.6, 'HypeAuditor AQS (engagement rate against similar accounts); Douyin fan ER under 1% suspected zombie fans (redfox-data)'),
	('er_views', 0.5, 'CreatorIQ ER by views; bought views lower it, bought interactions raise it'),
	('likes_per_comment', 0.6, 'HypeAuditor like/comment ratio against similar accounts'),
	('like_comment_spread', 0.3, 'likes per comment that vary from post to post: likes bought for some posts'),
	('interaction_cv', 0.2, 'redfox-data: coefficient of variation of interactions; scored when low (machine-even engagement), as a high one is an honest hit'),
	('peak_to_mean', 0, 'redfox-data: max / mean interactions; dependence on one post is a matter of quality, and an honest hit looks the same: reported, not scored'),
	('near_zero_share', 0.3, 'redfox-data: 20% or more of posts under 10 diggs; here posts under 0.1% of followers'),
	('benford_mad', 0.15, 'Golbeck 2015 (PLoS ONE e0135169); Nigrini 2012 MAD conformity'),
	('hour_concentration', 0.15, 'machine-regular posting (scheduled farms); circular concentration, Mardia and Jupp 2000'),
	('duplicate_share', 0.5, 'HypeAuditor comment authenticity; duplicated comments (domain practice: identical texts from farms)'),
	('emoji_share', 0.3, 'emoji-only and bracket-code comments ([笑哭R][笑哭R]) as low-effort engagement'),
	('generic_share', 0.4, 'generic fillers (+1, 沙发, nice, 打卡) as low-effort or farmed comments'),
	('authors_per_comment', 0.4, 'few distinct commenters for many comments'),
	('author_concentration', 0.5, 'HypeAuditor engagement pods: the same accounts commenting across posts (Herfindahl index of commenters)'),
	('comment_burst_share', 0.3, 'comments arriving in bursts of seconds (scripted)'),
	('follower_jump', 0.6, 'HypeAuditor follower growth anomalies; judged against the account''s own changes (Iglewicz and Hoaglin 1993)'),
	('follower_purge', 0.6, 'a jump followed by a drop: bought followers removed by the platform');

CREATE FUNCTION @extschema@.authenticity_weight_upsert_trigger() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM @extschema@.authenticity_weight w
	 WHERE w.signal OPERATOR(pg_catalog.=) NEW.signal;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.authenticity_weight_upsert_trigger() IS
	'Trigger: an INSERT of an authenticity_weight row replaces the row of the same signal';
CREATE TRIGGER upsert BEFORE INSERT ON @extschema@.authenticity_weight
	FOR EACH ROW EXECUTE FUNCTION @extschema@.authenticity_weight_upsert_trigger();
CREATE TRIGGER edit_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.authenticity_weight
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_edit_lock();

-- its edits are recorded in config_state (10_config.sql)
CREATE TRIGGER record AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.authenticity_weight
	FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.config_record();
GRANT SELECT ON @extschema@.authenticity_weight TO PUBLIC;

CREATE FUNCTION @extschema@.authenticity_score(posts @extschema@.authenticity_summary,
											   cohort @extschema@.authenticity_cohort,
											   followers @extschema@.follower_summary DEFAULT NULL,
											   comments @extschema@.comment_summary DEFAULT NULL)
RETURNS double precision LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_score_fn';
COMMENT ON FUNCTION @extschema@.authenticity_score(@extschema@.authenticity_summary, @extschema@.authenticity_cohort, @extschema@.follower_summary, @extschema@.comment_summary) IS
	'Authenticity score in [0, 100] (100 = nothing suspicious) = 100 x prod(1 - weight x suspicion) over the signals that can be computed: post and comment signals against the cohort''s median and 1.4826 MAD, follower signals against the account''s own changes; weights from authenticity_weight; NULL when posts or cohort is NULL';
CREATE FUNCTION @extschema@.authenticity_report(posts @extschema@.authenticity_summary,
												cohort @extschema@.authenticity_cohort,
												followers @extschema@.follower_summary DEFAULT NULL,
												comments @extschema@.comment_summary DEFAULT NULL)
RETURNS jsonb LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_auth_report_fn';
COMMENT ON FUNCTION @extschema@.authenticity_report(@extschema@.authenticity_summary, @extschema@.authenticity_cohort, @extschema@.follower_summary, @extschema@.comment_summary) IS
	'The score with its reasons: {score, signals_used, signals: [{signal, value, reference, z, suspicion, weight, contribution, reason}] largest loss first, missing: [{signal, reason}]}';
