-- ---------------------------------------------------------------------------
-- Campaign economics (doc/campaign.md, formulas in doc/formulas.md): ROI, ROAS
-- and cost per result as ratios of exact sums.  C: src/campaign*.c over
-- src/core/campaign*.c (exact money sums, stored form).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.campaign_summary;

CREATE FUNCTION @extschema@.campaign_summary_in(cstring) RETURNS @extschema@.campaign_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_in';
CREATE FUNCTION @extschema@.campaign_summary_out(@extschema@.campaign_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_out';
CREATE FUNCTION @extschema@.campaign_summary_recv(internal, oid, integer) RETURNS @extschema@.campaign_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_recv';
CREATE FUNCTION @extschema@.campaign_summary_send(@extschema@.campaign_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_send';

CREATE TYPE @extschema@.campaign_summary (
	INPUT = @extschema@.campaign_summary_in,
	OUTPUT = @extschema@.campaign_summary_out,
	RECEIVE = @extschema@.campaign_summary_recv,
	SEND = @extschema@.campaign_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.campaign_summary IS
	'Exact sums of campaign rows (revenue, cost, impressions, views, engagements, clicks, conversions, row count) built by campaign_agg and rollup; text form v1 rows=N revenue=... cost=... impressions=... views=... engagements=... clicks=... conversions=...';
COMMENT ON FUNCTION @extschema@.campaign_summary_in(cstring) IS
	'Input function of campaign_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.campaign_summary_out(@extschema@.campaign_summary) IS
	'Output function of campaign_summary: the v1 text form, exact';
COMMENT ON FUNCTION @extschema@.campaign_summary_recv(internal, oid, integer) IS
	'Binary receive function of campaign_summary: validates all 88 bytes';
COMMENT ON FUNCTION @extschema@.campaign_summary_send(@extschema@.campaign_summary) IS
	'Binary send function of campaign_summary: 88 bytes, big-endian, versioned';

CREATE FUNCTION @extschema@.campaign_summary_eq(@extschema@.campaign_summary, @extschema@.campaign_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_eq';
COMMENT ON FUNCTION @extschema@.campaign_summary_eq(@extschema@.campaign_summary, @extschema@.campaign_summary) IS
	'True when two summaries hold identical sums, row counts and display scales (identical text forms)';
CREATE FUNCTION @extschema@.campaign_summary_ne(@extschema@.campaign_summary, @extschema@.campaign_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_ne';
COMMENT ON FUNCTION @extschema@.campaign_summary_ne(@extschema@.campaign_summary, @extschema@.campaign_summary) IS
	'True when two summaries differ in any sum, row count or display scale';

CREATE FUNCTION @extschema@.campaign_summary_hash(@extschema@.campaign_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_summary_hash';
COMMENT ON FUNCTION @extschema@.campaign_summary_hash(@extschema@.campaign_summary) IS
	'Hash of a campaign_summary consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.campaign_summary, RIGHTARG = @extschema@.campaign_summary,
	FUNCTION = @extschema@.campaign_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.campaign_summary, @extschema@.campaign_summary) IS
	'Identical campaign summaries';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.campaign_summary, RIGHTARG = @extschema@.campaign_summary,
	FUNCTION = @extschema@.campaign_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.campaign_summary, @extschema@.campaign_summary) IS
	'Campaign summaries that differ';

CREATE OPERATOR CLASS @extschema@.campaign_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.campaign_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.campaign_summary, @extschema@.campaign_summary),
	FUNCTION 1 @extschema@.campaign_summary_hash(@extschema@.campaign_summary);
COMMENT ON OPERATOR CLASS @extschema@.campaign_summary_hash_ops USING hash IS
	'Hash operator class of campaign_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.campaign_summary_hash_ops USING hash IS
	'Hash operator family of campaign_summary';

-- Aggregate support: one internal state for campaign_agg, rollup and campaign_roi.
CREATE FUNCTION @extschema@.campaign_agg_trans(internal, numeric, numeric, bigint, bigint, bigint, bigint, bigint)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_agg_trans';
COMMENT ON FUNCTION @extschema@.campaign_agg_trans(internal, numeric, numeric, bigint, bigint, bigint, bigint, bigint) IS
	'Transition function of campaign_agg';
CREATE FUNCTION @extschema@.campaign_rollup_trans(internal, @extschema@.campaign_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_rollup_trans';
COMMENT ON FUNCTION @extschema@.campaign_rollup_trans(internal, @extschema@.campaign_summary) IS
	'Transition function of rollup(campaign_summary)';
CREATE FUNCTION @extschema@.campaign_roi_trans(internal, numeric, numeric)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_roi_trans';
COMMENT ON FUNCTION @extschema@.campaign_roi_trans(internal, numeric, numeric) IS
	'Transition function of campaign_roi';
CREATE FUNCTION @extschema@.campaign_agg_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_agg_combine';
COMMENT ON FUNCTION @extschema@.campaign_agg_combine(internal, internal) IS
	'Combine function of campaign_agg, rollup(campaign_summary) and campaign_roi';
CREATE FUNCTION @extschema@.campaign_agg_serial(internal)
RETURNS bytea LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_agg_serial';
COMMENT ON FUNCTION @extschema@.campaign_agg_serial(internal) IS
	'Serialisation function of campaign_agg, rollup(campaign_summary) and campaign_roi';
CREATE FUNCTION @extschema@.campaign_agg_deserial(bytea, internal)
RETURNS internal LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_agg_deserial';
COMMENT ON FUNCTION @extschema@.campaign_agg_deserial(bytea, internal) IS
	'Deserialisation function of campaign_agg, rollup(campaign_summary) and campaign_roi; validates its input';
CREATE FUNCTION @extschema@.campaign_agg_final(internal)
RETURNS @extschema@.campaign_summary LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_agg_final';
COMMENT ON FUNCTION @extschema@.campaign_agg_final(internal) IS
	'Final function of campaign_agg and rollup(campaign_summary)';
CREATE FUNCTION @extschema@.campaign_roi_final(internal)
RETURNS numeric LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_campaign_roi_final';
COMMENT ON FUNCTION @extschema@.campaign_roi_final(internal) IS
	'Final function of campaign_roi';

CREATE AGGREGATE @extschema@.campaign_agg(revenue numeric, cost numeric, impressions bigint,
										  views bigint, engagements bigint, clicks bigint,
										  conversions bigint) (
	SFUNC = @extschema@.campaign_agg_trans,
	STYPE = internal,
	SSPACE = 112,
	FINALFUNC = @extschema@.campaign_agg_final,
	COMBINEFUNC = @extschema@.campaign_agg_combine,
	SERIALFUNC = @extschema@.campaign_agg_serial,
	DESERIALFUNC = @extschema@.campaign_agg_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.campaign_agg(numeric, numeric, bigint, bigint, bigint, bigint, bigint) IS
	'Exact campaign_summary of campaign rows: sums of revenue, cost and the five counters, and the row count. A NULL field adds nothing; negative input is 22023; a sum out of range is 22003; money with more than 10 decimal places is 22023. NULL over no rows';

CREATE AGGREGATE @extschema@.rollup(@extschema@.campaign_summary) (
	SFUNC = @extschema@.campaign_rollup_trans,
	STYPE = internal,
	SSPACE = 112,
	FINALFUNC = @extschema@.campaign_agg_final,
	COMBINEFUNC = @extschema@.campaign_agg_combine,
	SERIALFUNC = @extschema@.campaign_agg_serial,
	DESERIALFUNC = @extschema@.campaign_agg_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.campaign_summary) IS
	'Combines campaign summaries (KOL -> campaign -> brand) into exactly the summary of all their rows; NULL summaries are skipped';

CREATE AGGREGATE @extschema@.campaign_roi(revenue numeric, cost numeric) (
	SFUNC = @extschema@.campaign_roi_trans,
	STYPE = internal,
	SSPACE = 112,
	FINALFUNC = @extschema@.campaign_roi_final,
	COMBINEFUNC = @extschema@.campaign_agg_combine,
	SERIALFUNC = @extschema@.campaign_agg_serial,
	DESERIALFUNC = @extschema@.campaign_agg_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.campaign_roi(numeric, numeric) IS
	'Campaign ROI = (sum(revenue) - sum(cost)) / sum(cost), exact, with the scale of numeric division; rows with a NULL revenue or cost are skipped; NULL when sum(cost) = 0 or no rows; negative input is 22023';

CREATE FUNCTION @extschema@.roi(revenue numeric, cost numeric) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_roi_scalar';
COMMENT ON FUNCTION @extschema@.roi(numeric, numeric) IS
	'ROI of one row = (revenue - cost) / cost, equal to campaign_roi over that row; NULL when cost = 0 or an argument is NULL; negative input is 22023';

CREATE FUNCTION @extschema@.roi(revenue double precision, cost double precision) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_roi_float8';
COMMENT ON FUNCTION @extschema@.roi(double precision, double precision) IS
	'roi(numeric, numeric) for amounts bound as double precision (and for untyped parameters): each double is read as the numeric of its shortest text (1200.5 is 1200.5), then the numeric rule; NaN or infinite is 22023';

-- Accessors.  Every ratio is a ratio of sums evaluated with numeric division;
-- NULL when a sum it needs is absent or its denominator is 0.
CREATE FUNCTION @extschema@.roi(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_roi';
COMMENT ON FUNCTION @extschema@.roi(@extschema@.campaign_summary) IS
	'ROI = (revenue - cost) / cost over the summary''s sums; NULL when cost is 0 or absent';
CREATE FUNCTION @extschema@.roas(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_roas';
COMMENT ON FUNCTION @extschema@.roas(@extschema@.campaign_summary) IS
	'ROAS = revenue / cost; NULL when cost is 0 or absent';
CREATE FUNCTION @extschema@.cpm(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_cpm';
COMMENT ON FUNCTION @extschema@.cpm(@extschema@.campaign_summary) IS
	'CPM = cost * 1000 / impressions; NULL when impressions is 0 or absent';
CREATE FUNCTION @extschema@.cpv(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_cpv';
COMMENT ON FUNCTION @extschema@.cpv(@extschema@.campaign_summary) IS
	'Cost per view = cost / views; NULL when views is 0 or absent';
CREATE FUNCTION @extschema@.cpe(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_cpe';
COMMENT ON FUNCTION @extschema@.cpe(@extschema@.campaign_summary) IS
	'Cost per engagement = cost / engagements; NULL when engagements is 0 or absent';
CREATE FUNCTION @extschema@.cpc(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_cpc';
COMMENT ON FUNCTION @extschema@.cpc(@extschema@.campaign_summary) IS
	'Cost per click = cost / clicks; NULL when clicks is 0 or absent';
CREATE FUNCTION @extschema@.cpa(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_cpa';
COMMENT ON FUNCTION @extschema@.cpa(@extschema@.campaign_summary) IS
	'Cost per acquisition = cost / conversions; NULL when conversions is 0 or absent';
CREATE FUNCTION @extschema@.conversion_rate(s @extschema@.campaign_summary, denominator text) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_conversion_rate';
COMMENT ON FUNCTION @extschema@.conversion_rate(@extschema@.campaign_summary, text) IS
	'Conversion rate = conversions / the named denominator (''clicks'', ''views'' or ''impressions''), a fraction; NULL when that sum is 0 or absent; another name is 22023';

CREATE FUNCTION @extschema@.revenue(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_revenue';
COMMENT ON FUNCTION @extschema@.revenue(@extschema@.campaign_summary) IS
	'Sum of revenue, equal to sum(revenue) over the same rows (value and scale); NULL when every revenue was NULL';
CREATE FUNCTION @extschema@.cost(s @extschema@.campaign_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_cost';
COMMENT ON FUNCTION @extschema@.cost(@extschema@.campaign_summary) IS
	'Sum of cost, equal to sum(cost) over the same rows (value and scale); NULL when every cost was NULL';
CREATE FUNCTION @extschema@.impressions(s @extschema@.campaign_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_impressions';
COMMENT ON FUNCTION @extschema@.impressions(@extschema@.campaign_summary) IS
	'Sum of impressions; NULL when every value was NULL';
CREATE FUNCTION @extschema@.views(s @extschema@.campaign_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_views';
COMMENT ON FUNCTION @extschema@.views(@extschema@.campaign_summary) IS
	'Sum of views; NULL when every value was NULL';
CREATE FUNCTION @extschema@.engagements(s @extschema@.campaign_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_engagements';
COMMENT ON FUNCTION @extschema@.engagements(@extschema@.campaign_summary) IS
	'Sum of engagements; NULL when every value was NULL';
CREATE FUNCTION @extschema@.clicks(s @extschema@.campaign_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_clicks';
COMMENT ON FUNCTION @extschema@.clicks(@extschema@.campaign_summary) IS
	'Sum of clicks; NULL when every value was NULL';
CREATE FUNCTION @extschema@.conversions(s @extschema@.campaign_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_conversions';
COMMENT ON FUNCTION @extschema@.conversions(@extschema@.campaign_summary) IS
	'Sum of conversions; NULL when every value was NULL';
CREATE FUNCTION @extschema@.row_count(s @extschema@.campaign_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_campaign_summary_rows';
COMMENT ON FUNCTION @extschema@.row_count(@extschema@.campaign_summary) IS
	'Number of rows aggregated into the summary (count(*), NULL fields included)';
