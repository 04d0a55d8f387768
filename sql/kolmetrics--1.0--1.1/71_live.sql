-- ---------------------------------------------------------------------------
-- Live-stream commerce (doc/live.md, formulas in doc/formulas.md): exact sums
-- of live sessions (GMV, orders, viewers, funnel counts, refunds, ad spend) as
-- a two-step aggregate, with GPM, UV value, AOV, refund rate, funnel rates and
-- ROI as ratios of sums.  C: src/live.c over src/core/live.c (money as
-- campaign_summary's, src/core/campaign_money.c).
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.live_summary;

CREATE FUNCTION @extschema@.live_summary_in(cstring) RETURNS @extschema@.live_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_in';
CREATE FUNCTION @extschema@.live_summary_out(@extschema@.live_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_out';
CREATE FUNCTION @extschema@.live_summary_recv(internal, oid, integer) RETURNS @extschema@.live_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_recv';
CREATE FUNCTION @extschema@.live_summary_send(@extschema@.live_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_send';

CREATE TYPE @extschema@.live_summary (
	INPUT = @extschema@.live_summary_in,
	OUTPUT = @extschema@.live_summary_out,
	RECEIVE = @extschema@.live_summary_recv,
	SEND = @extschema@.live_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.live_summary IS
	'Exact sums of live sessions built by live_agg and rollup: session count, GMV, paid orders, buyers, PV, UV, watch seconds, peak viewers (a maximum), product exposures and clicks, created orders, refunded amount and orders, followers gained, comments, likes, room exposures, ad spend, ad GMV; absent fields null; text form (v:1,sessions:N,gmv:M,...,ad_gmv:M)';
COMMENT ON FUNCTION @extschema@.live_summary_in(cstring) IS
	'Input function of live_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.live_summary_out(@extschema@.live_summary) IS
	'Output function of live_summary: the v1 text form, exact';
COMMENT ON FUNCTION @extschema@.live_summary_recv(internal, oid, integer) IS
	'Binary receive function of live_summary: validates all 200 bytes';
COMMENT ON FUNCTION @extschema@.live_summary_send(@extschema@.live_summary) IS
	'Binary send function of live_summary: 200 bytes, little-endian, versioned';

CREATE FUNCTION @extschema@.live_summary_eq(@extschema@.live_summary, @extschema@.live_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_eq';
COMMENT ON FUNCTION @extschema@.live_summary_eq(@extschema@.live_summary, @extschema@.live_summary) IS
	'True when two live summaries hold identical sums, session counts and display scales (identical text forms)';
CREATE FUNCTION @extschema@.live_summary_ne(@extschema@.live_summary, @extschema@.live_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_ne';
COMMENT ON FUNCTION @extschema@.live_summary_ne(@extschema@.live_summary, @extschema@.live_summary) IS
	'True when two live summaries differ in any sum, session count or display scale';
CREATE FUNCTION @extschema@.live_summary_hash(@extschema@.live_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_hash';
COMMENT ON FUNCTION @extschema@.live_summary_hash(@extschema@.live_summary) IS
	'Hash of a live_summary consistent with =, for GROUP BY, DISTINCT, UNION and hash joins';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.live_summary, RIGHTARG = @extschema@.live_summary,
	FUNCTION = @extschema@.live_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.live_summary, @extschema@.live_summary) IS
	'Identical live summaries';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.live_summary, RIGHTARG = @extschema@.live_summary,
	FUNCTION = @extschema@.live_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.live_summary, @extschema@.live_summary) IS
	'Live summaries that differ';
CREATE OPERATOR CLASS @extschema@.live_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.live_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.live_summary, @extschema@.live_summary),
	FUNCTION 1 @extschema@.live_summary_hash(@extschema@.live_summary);
COMMENT ON OPERATOR CLASS @extschema@.live_summary_hash_ops USING hash IS
	'Hash operator class of live_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.live_summary_hash_ops USING hash IS
	'Hash operator family of live_summary';

-- Aggregate support: one internal state (the core's KmLive) for both live_agg forms and rollup.
CREATE FUNCTION @extschema@.live_agg_trans(internal, numeric, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, bigint, bigint)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_agg_trans';
COMMENT ON FUNCTION @extschema@.live_agg_trans(internal, numeric, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, bigint, bigint) IS
	'Transition function of live_agg (15-column form): checks and adds one session';
CREATE FUNCTION @extschema@.live_agg_trans(internal, numeric, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, bigint, bigint, bigint, numeric, numeric)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_agg_trans';
COMMENT ON FUNCTION @extschema@.live_agg_trans(internal, numeric, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, bigint, bigint, bigint, numeric, numeric) IS
	'Transition function of live_agg (18-column form): checks and adds one session';
CREATE FUNCTION @extschema@.live_summary_rollup_trans(internal, @extschema@.live_summary)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_rollup_trans';
COMMENT ON FUNCTION @extschema@.live_summary_rollup_trans(internal, @extschema@.live_summary) IS
	'Transition function of rollup(live_summary): merges one summary';
CREATE FUNCTION @extschema@.live_summary_combine(internal, internal)
RETURNS internal LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_agg_combine';
COMMENT ON FUNCTION @extschema@.live_summary_combine(internal, internal) IS
	'Combine function of live_agg and rollup(live_summary) for parallel plans';
CREATE FUNCTION @extschema@.live_summary_serial(internal) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_agg_serial';
COMMENT ON FUNCTION @extschema@.live_summary_serial(internal) IS
	'Serial function of live_agg and rollup(live_summary): the 200-byte stored form';
CREATE FUNCTION @extschema@.live_summary_deserial(bytea, internal) RETURNS internal
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_agg_deserial';
COMMENT ON FUNCTION @extschema@.live_summary_deserial(bytea, internal) IS
	'Deserial function of live_agg and rollup(live_summary): validates the 200 bytes';
CREATE FUNCTION @extschema@.live_summary_final(internal) RETURNS @extschema@.live_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_live_agg_final';
COMMENT ON FUNCTION @extschema@.live_summary_final(internal) IS
	'Final function of live_agg and rollup(live_summary): the summary, NULL over no rows';

CREATE AGGREGATE @extschema@.live_agg(gmv numeric, paid_orders bigint, buyers bigint, pv bigint, uv bigint,
									  watch_seconds bigint, peak_viewers bigint, product_exposures bigint,
									  product_clicks bigint, created_orders bigint, refund_amount numeric,
									  refund_orders bigint, followers_gained bigint, comments bigint,
									  likes bigint) (
	SFUNC = @extschema@.live_agg_trans,
	STYPE = internal,
	SSPACE = 240,
	FINALFUNC = @extschema@.live_summary_final,
	COMBINEFUNC = @extschema@.live_summary_combine,
	SERIALFUNC = @extschema@.live_summary_serial,
	DESERIALFUNC = @extschema@.live_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.live_agg(numeric, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, bigint, bigint) IS
	'Exact live_summary of live sessions: sums of GMV, paid orders, buyers, PV (viewer visits), UV (unique viewers), watch seconds, product exposures, product clicks, created orders, refunded amount and orders, followers gained, comments, likes, and the maximum of peak concurrent viewers. Every row is one session; a NULL column adds nothing (an absent field reads NULL). 22023 for a negative value, refund_amount above gmv, paid_orders above created_orders, refund_orders or buyers above paid_orders, uv above pv (in one row); money with more than 10 decimal places is 22023, a sum out of range 22003. NULL over no rows';

CREATE AGGREGATE @extschema@.live_agg(gmv numeric, paid_orders bigint, buyers bigint, pv bigint, uv bigint,
									  watch_seconds bigint, peak_viewers bigint, product_exposures bigint,
									  product_clicks bigint, created_orders bigint, refund_amount numeric,
									  refund_orders bigint, followers_gained bigint, comments bigint,
									  likes bigint, room_exposures bigint, ad_spend numeric, ad_gmv numeric) (
	SFUNC = @extschema@.live_agg_trans,
	STYPE = internal,
	SSPACE = 240,
	FINALFUNC = @extschema@.live_summary_final,
	COMBINEFUNC = @extschema@.live_summary_combine,
	SERIALFUNC = @extschema@.live_summary_serial,
	DESERIALFUNC = @extschema@.live_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.live_agg(numeric, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, bigint, bigint, bigint, numeric, numeric) IS
	'live_agg with three more columns: room_exposures (people shown the live room, the funnel''s first step), ad_spend and ad_gmv (ad-attributed GMV, as Qianchuan reports). Every row is one session; a NULL column adds nothing (an absent field reads NULL). 22023 for a negative value, refund_amount above gmv, paid_orders above created_orders, refund_orders or buyers above paid_orders, uv above pv (in one row); money with more than 10 decimal places is 22023, a sum out of range 22003. NULL over no rows';

CREATE AGGREGATE @extschema@.rollup(@extschema@.live_summary) (
	SFUNC = @extschema@.live_summary_rollup_trans,
	STYPE = internal,
	SSPACE = 240,
	FINALFUNC = @extschema@.live_summary_final,
	COMBINEFUNC = @extschema@.live_summary_combine,
	SERIALFUNC = @extschema@.live_summary_serial,
	DESERIALFUNC = @extschema@.live_summary_deserial,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.live_summary) IS
	'Merges live summaries (sessions -> days -> months, KOL -> brand) into exactly the summary of all their sessions (sums add, the peak is the maximum); NULL summaries are skipped';

-- Accessors.  Sums come back as stored (NULL when no session gave the field);
-- every ratio is a ratio of sums evaluated with numeric division, NULL when a
-- sum it needs is absent or its denominator is 0.
CREATE FUNCTION @extschema@.live_sessions(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_sessions';
COMMENT ON FUNCTION @extschema@.live_sessions(@extschema@.live_summary) IS
	'Number of sessions (rows) summarised';
CREATE FUNCTION @extschema@.gmv(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_gmv';
COMMENT ON FUNCTION @extschema@.gmv(@extschema@.live_summary) IS
	'Sum of GMV (paid order amount, later refunds included); NULL when absent';
CREATE FUNCTION @extschema@.paid_orders(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_paid_orders';
COMMENT ON FUNCTION @extschema@.paid_orders(@extschema@.live_summary) IS
	'Sum of paid orders; NULL when absent';
CREATE FUNCTION @extschema@.buyers_sum(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_buyers_sum';
COMMENT ON FUNCTION @extschema@.buyers_sum(@extschema@.live_summary) IS
	'Sum of the sessions'' buyer counts: a person who bought in two sessions counts twice (not distinct buyers across sessions); NULL when absent';
CREATE FUNCTION @extschema@.pv(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_pv';
COMMENT ON FUNCTION @extschema@.pv(@extschema@.live_summary) IS
	'Sum of viewer visits (PV, 场观人次); NULL when absent';
CREATE FUNCTION @extschema@.uv_sum(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_uv_sum';
COMMENT ON FUNCTION @extschema@.uv_sum(@extschema@.live_summary) IS
	'Sum of the sessions'' unique viewers (UV, 场观人数): a person who watched two sessions counts twice, not distinct viewers across sessions (doc/live.md shows hll for those); NULL when absent';
CREATE FUNCTION @extschema@.watch_seconds(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_watch_seconds';
COMMENT ON FUNCTION @extschema@.watch_seconds(@extschema@.live_summary) IS
	'Sum of watch time in seconds; NULL when absent';
CREATE FUNCTION @extschema@.peak_viewers(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_peak_viewers';
COMMENT ON FUNCTION @extschema@.peak_viewers(@extschema@.live_summary) IS
	'Highest peak concurrent viewers (PCU) of any session (a maximum, not a sum); NULL when absent';
CREATE FUNCTION @extschema@.product_exposures(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_product_exposures';
COMMENT ON FUNCTION @extschema@.product_exposures(@extschema@.live_summary) IS
	'Sum of product exposures; NULL when absent';
CREATE FUNCTION @extschema@.product_clicks(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_product_clicks';
COMMENT ON FUNCTION @extschema@.product_clicks(@extschema@.live_summary) IS
	'Sum of product clicks; NULL when absent';
CREATE FUNCTION @extschema@.created_orders(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_created_orders';
COMMENT ON FUNCTION @extschema@.created_orders(@extschema@.live_summary) IS
	'Sum of created (placed, paid or not) orders; NULL when absent';
CREATE FUNCTION @extschema@.refund_amount(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_refund_amount';
COMMENT ON FUNCTION @extschema@.refund_amount(@extschema@.live_summary) IS
	'Sum of refunded amounts; NULL when absent';
CREATE FUNCTION @extschema@.refund_orders(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_refund_orders';
COMMENT ON FUNCTION @extschema@.refund_orders(@extschema@.live_summary) IS
	'Sum of refunded orders; NULL when absent';
CREATE FUNCTION @extschema@.followers_gained(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_followers_gained';
COMMENT ON FUNCTION @extschema@.followers_gained(@extschema@.live_summary) IS
	'Sum of followers gained during the sessions; NULL when absent';
CREATE FUNCTION @extschema@.live_comments(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_comments';
COMMENT ON FUNCTION @extschema@.live_comments(@extschema@.live_summary) IS
	'Sum of comments in the live rooms; NULL when absent';
CREATE FUNCTION @extschema@.live_likes(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_likes';
COMMENT ON FUNCTION @extschema@.live_likes(@extschema@.live_summary) IS
	'Sum of likes in the live rooms; NULL when absent';
CREATE FUNCTION @extschema@.room_exposures(s @extschema@.live_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_room_exposures';
COMMENT ON FUNCTION @extschema@.room_exposures(@extschema@.live_summary) IS
	'Sum of live-room exposures (people shown the room); NULL when absent';
CREATE FUNCTION @extschema@.ad_spend(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_ad_spend';
COMMENT ON FUNCTION @extschema@.ad_spend(@extschema@.live_summary) IS
	'Sum of ad spend; NULL when absent';
CREATE FUNCTION @extschema@.ad_gmv(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_ad_gmv';
COMMENT ON FUNCTION @extschema@.ad_gmv(@extschema@.live_summary) IS
	'Sum of ad-attributed GMV; NULL when absent';
CREATE FUNCTION @extschema@.gpm(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_gpm';
COMMENT ON FUNCTION @extschema@.gpm(@extschema@.live_summary) IS
	'GPM = gmv * 1000 / pv (GMV per thousand viewer visits); NULL when pv is 0 or absent';
CREATE FUNCTION @extschema@.product_gpm(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_product_gpm';
COMMENT ON FUNCTION @extschema@.product_gpm(@extschema@.live_summary) IS
	'Product GPM = gmv * 1000 / product_exposures; NULL when product_exposures is 0 or absent';
CREATE FUNCTION @extschema@.uv_value(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_uv_value';
COMMENT ON FUNCTION @extschema@.uv_value(@extschema@.live_summary) IS
	'UV value = gmv / uv_sum (GMV per session viewer; over several sessions the denominator is a sum of session UVs); NULL when it is 0 or absent';
CREATE FUNCTION @extschema@.aov(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_aov';
COMMENT ON FUNCTION @extschema@.aov(@extschema@.live_summary) IS
	'Average order value per buyer (客单价) = gmv / buyers_sum (over several sessions a sum of session buyer counts); NULL when it is 0 or absent';
CREATE FUNCTION @extschema@.exposure_entry_rate(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_exposure_entry_rate';
COMMENT ON FUNCTION @extschema@.exposure_entry_rate(@extschema@.live_summary) IS
	'Funnel exposure -> entry = uv_sum / room_exposures; NULL when room_exposures is 0 or absent';
CREATE FUNCTION @extschema@.entry_product_exposure_rate(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_entry_product_exposure_rate';
COMMENT ON FUNCTION @extschema@.entry_product_exposure_rate(@extschema@.live_summary) IS
	'Funnel entry -> product exposure = product_exposures / uv_sum; NULL when uv_sum is 0 or absent';
CREATE FUNCTION @extschema@.product_click_rate(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_product_click_rate';
COMMENT ON FUNCTION @extschema@.product_click_rate(@extschema@.live_summary) IS
	'Funnel product exposure -> click = product_clicks / product_exposures; NULL when product_exposures is 0 or absent';
CREATE FUNCTION @extschema@.click_order_rate(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_click_order_rate';
COMMENT ON FUNCTION @extschema@.click_order_rate(@extschema@.live_summary) IS
	'Funnel click -> created order = created_orders / product_clicks; NULL when product_clicks is 0 or absent';
CREATE FUNCTION @extschema@.order_pay_rate(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_order_pay_rate';
COMMENT ON FUNCTION @extschema@.order_pay_rate(@extschema@.live_summary) IS
	'Funnel created -> paid = paid_orders / created_orders; NULL when created_orders is 0 or absent';
CREATE FUNCTION @extschema@.entry_pay_rate(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_entry_pay_rate';
COMMENT ON FUNCTION @extschema@.entry_pay_rate(@extschema@.live_summary) IS
	'Funnel entry -> paid = buyers_sum / uv_sum (buyers per session viewer); NULL when uv_sum is 0 or absent';
CREATE FUNCTION @extschema@.live_roi(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_live_roi';
COMMENT ON FUNCTION @extschema@.live_roi(@extschema@.live_summary) IS
	'Whole-room ROI = gmv / ad_spend (Qianchuan live_pay_order_gmv_roi); NULL when ad_spend is 0 or absent';
CREATE FUNCTION @extschema@.ad_roi(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_ad_roi';
COMMENT ON FUNCTION @extschema@.ad_roi(@extschema@.live_summary) IS
	'Ad ROI = ad_gmv / ad_spend (Qianchuan ad ROI); NULL when ad_spend is 0 or absent';
CREATE FUNCTION @extschema@.avg_watch_seconds(s @extschema@.live_summary) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_avg_watch_seconds';
COMMENT ON FUNCTION @extschema@.avg_watch_seconds(@extschema@.live_summary) IS
	'Average watch time in seconds = watch_seconds / uv_sum; NULL when uv_sum is 0 or absent';
CREATE FUNCTION @extschema@.refund_rate(s @extschema@.live_summary, basis text) RETURNS numeric
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_live_refund_rate';
COMMENT ON FUNCTION @extschema@.refund_rate(@extschema@.live_summary, text) IS
	'Refund rate by basis ''amount'' = refund_amount / gmv, or ''orders'' = refund_orders / paid_orders (both definitions are in use); NULL when the denominator is 0 or absent; another basis is 22023';
