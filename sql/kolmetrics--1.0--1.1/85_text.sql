-- ---------------------------------------------------------------------------
-- Text signals (doc/text.md): sentiment, sponsored-content disclosure, brand
-- mentions and content types from one lexicon automaton over Chinese, English
-- and emoji.  C: src/text.c (the per-backend automaton), src/text_fn.c (the
-- functions and sentiment_summary) over src/core/text_*.c.  The shipped lexicon
-- rows are generated from data/lexicon/ into 86_text_lexicon.sql; 87_text_guard.sql
-- makes them read-only and registers the user's rows for pg_dump.
-- ---------------------------------------------------------------------------

-- The version of the text configuration: a statement trigger on each table below
-- sets it from a sequence after every edit, and the automaton of a backend is
-- rebuilt when the version its snapshot sees differs from the one it was built at.
CREATE SEQUENCE @extschema@.text_config_seq;
COMMENT ON SEQUENCE @extschema@.text_config_seq IS
	'Source of text_config_version values (never reused, so a rolled-back edit never looks current)';
CREATE TABLE @extschema@.text_config_version (
	version			bigint NOT NULL
);
COMMENT ON TABLE @extschema@.text_config_version IS
	'One row: the version of the text lexicon tables, set from text_config_seq after every edit of them';
COMMENT ON COLUMN @extschema@.text_config_version.version IS 'Last value of text_config_seq an edit took';
INSERT INTO @extschema@.text_config_version VALUES (0);

-- What a lexicon term may be (also checked when the automaton is built).
CREATE FUNCTION @extschema@.text_term_ok(term text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN term OPERATOR(pg_catalog.<>) ''
	AND pg_catalog.octet_length(term) OPERATOR(pg_catalog.<=) 256
	AND pg_catalog.char_length(term) OPERATOR(pg_catalog.<=) 64
	AND term OPERATOR(pg_catalog.!~) '[\x01-\x1f\x7f-\x9f\u2028\u2029]';
COMMENT ON FUNCTION @extschema@.text_term_ok(text) IS
	'True for a usable lexicon term: 1 to 256 bytes, at most 64 characters, no control characters';

CREATE TABLE @extschema@.lexicon (
	kind			text NOT NULL CHECK (kind IN ('sentiment', 'degree', 'negator', 'contrast')),
	term			text NOT NULL CHECK (@extschema@.text_term_ok(term)),
	weight			double precision NOT NULL,
	lang			text,
	source			text NOT NULL DEFAULT 'user',
	PRIMARY KEY (kind, term, source),
	CONSTRAINT weight_range CHECK (CASE kind
		WHEN 'sentiment' THEN weight BETWEEN -4 AND 4
		WHEN 'negator' THEN weight BETWEEN -1 AND 1
		ELSE weight > 0 AND weight <= 4 END)
);
COMMENT ON TABLE @extschema@.lexicon IS
	'Sentiment lexicon: polarity terms (VADER''s -4..4), degree adverbs (multipliers), negators (factors) and contrast words (weight of the clause after); shipped rows are read-only, rows of source user override them and are kept by pg_dump';
COMMENT ON COLUMN @extschema@.lexicon.kind IS 'sentiment, degree, negator or contrast';
COMMENT ON COLUMN @extschema@.lexicon.term IS 'The term as written (matched after normalisation: full-width, case, traditional Chinese)';
COMMENT ON COLUMN @extschema@.lexicon.weight IS 'sentiment: polarity in [-4, 4]; degree: multiplier in (0, 4]; negator: factor in [-1, 1]; contrast: weight of the clause after it in (0, 4]';
COMMENT ON COLUMN @extschema@.lexicon.lang IS 'en, zh, emoji or emote (informative)';
COMMENT ON COLUMN @extschema@.lexicon.source IS 'Where the row comes from: user for your rows (they win over shipped rows of the same kind and term), else the shipped list';

CREATE TABLE @extschema@.disclosure_marker (
	jurisdiction	text NOT NULL,
	marker			text NOT NULL CHECK (@extschema@.text_term_ok(marker)),
	clarity			text NOT NULL CHECK (clarity IN ('clear', 'ambiguous', 'none')),
	source			text NOT NULL DEFAULT 'user',
	PRIMARY KEY (jurisdiction, marker, source)
);
COMMENT ON TABLE @extschema@.disclosure_marker IS
	'Sponsored-content disclosure markers per jurisdiction for disclosure(); shipped rows are read-only, rows of source user override them (clarity none switches a shipped marker off) and are kept by pg_dump';
COMMENT ON COLUMN @extschema@.disclosure_marker.jurisdiction IS 'cn, us, uk, or your own';
COMMENT ON COLUMN @extschema@.disclosure_marker.marker IS 'The marker as written (matched after normalisation, whole words for Latin letters)';
COMMENT ON COLUMN @extschema@.disclosure_marker.clarity IS 'clear (discloses on its own), ambiguous (suggests a deal but does not disclose it) or none (ignored)';
COMMENT ON COLUMN @extschema@.disclosure_marker.source IS 'user for your rows, else the shipped list';

CREATE TABLE @extschema@.content_cue (
	content_type	text NOT NULL,
	cue				text NOT NULL CHECK (@extschema@.text_term_ok(cue)),
	source			text NOT NULL DEFAULT 'user',
	PRIMARY KEY (content_type, cue, source)
);
COMMENT ON TABLE @extschema@.content_cue IS
	'Cues of content types for content_types(); shipped rows are read-only, your rows (source user) are added and kept by pg_dump';
COMMENT ON COLUMN @extschema@.content_cue.content_type IS 'review, tutorial, unboxing, haul, behind-the-scenes, challenge, live, giveaway, q&a, or your own';
COMMENT ON COLUMN @extschema@.content_cue.cue IS 'A word or tag that marks the type';
COMMENT ON COLUMN @extschema@.content_cue.source IS 'user for your rows, else the shipped list';

CREATE TABLE @extschema@.brand_alias (
	brand			text NOT NULL,
	alias			text NOT NULL CHECK (@extschema@.text_term_ok(alias)),
	PRIMARY KEY (brand, alias)
);
COMMENT ON TABLE @extschema@.brand_alias IS
	'Names a brand goes by (Chinese and English names, pinyin, #topics, @handles) for brand_mentions(); yours, kept by pg_dump';
COMMENT ON COLUMN @extschema@.brand_alias.brand IS 'The brand as brand_mentions() reports it';
COMMENT ON COLUMN @extschema@.brand_alias.alias IS 'One name of it as it appears in text';

INSERT INTO @extschema@.disclosure_marker (jurisdiction, marker, clarity, source) VALUES
	('cn', '广告', 'clear', 'kolmetrics'),
	('cn', '赞助', 'clear', 'kolmetrics'),
	('cn', '品牌合作', 'clear', 'kolmetrics'),
	('cn', '推广', 'clear', 'kolmetrics'),
	('cn', '商业合作', 'clear', 'kolmetrics'),
	('cn', '#ad', 'clear', 'kolmetrics'),
	('cn', '恰饭', 'ambiguous', 'kolmetrics'),
	('cn', '合作', 'ambiguous', 'kolmetrics'),
	('cn', '感谢品牌', 'ambiguous', 'kolmetrics'),
	('us', '#ad', 'clear', 'kolmetrics'),
	('us', '#advertisement', 'clear', 'kolmetrics'),
	('us', '#sponsored', 'clear', 'kolmetrics'),
	('us', 'paid partnership', 'clear', 'kolmetrics'),
	('us', 'sponsored by', 'clear', 'kolmetrics'),
	('us', '#sp', 'ambiguous', 'kolmetrics'),
	('us', '#spon', 'ambiguous', 'kolmetrics'),
	('us', '#partner', 'ambiguous', 'kolmetrics'),
	('us', '#collab', 'ambiguous', 'kolmetrics'),
	('us', '#ambassador', 'ambiguous', 'kolmetrics'),
	('us', 'thanks to', 'ambiguous', 'kolmetrics'),
	('uk', '#ad', 'clear', 'kolmetrics'),
	('uk', 'ad', 'clear', 'kolmetrics'),
	('uk', 'advert', 'clear', 'kolmetrics'),
	('uk', 'advertisement', 'clear', 'kolmetrics'),
	('uk', 'advertisement feature', 'clear', 'kolmetrics'),
	('uk', '#sponsored', 'ambiguous', 'kolmetrics'),
	('uk', 'in partnership with', 'ambiguous', 'kolmetrics'),
	('uk', 'gifted', 'ambiguous', 'kolmetrics');

INSERT INTO @extschema@.content_cue (content_type, cue, source) VALUES
	('review', '测评', 'kolmetrics'), ('review', '评测', 'kolmetrics'), ('review', '试用', 'kolmetrics'),
	('review', '真实测评', 'kolmetrics'), ('review', 'review', 'kolmetrics'), ('review', '#review', 'kolmetrics'),
	('tutorial', '教程', 'kolmetrics'), ('tutorial', '手把手', 'kolmetrics'), ('tutorial', '教学', 'kolmetrics'),
	('tutorial', 'tutorial', 'kolmetrics'), ('tutorial', 'how to', 'kolmetrics'), ('tutorial', 'step by step', 'kolmetrics'),
	('unboxing', '开箱', 'kolmetrics'), ('unboxing', 'unboxing', 'kolmetrics'), ('unboxing', '#unboxing', 'kolmetrics'),
	('haul', '好物分享', 'kolmetrics'), ('haul', '好物推荐', 'kolmetrics'), ('haul', '合集', 'kolmetrics'),
	('haul', 'haul', 'kolmetrics'), ('haul', 'favorites', 'kolmetrics'), ('haul', 'favourites', 'kolmetrics'),
	('behind-the-scenes', '幕后', 'kolmetrics'), ('behind-the-scenes', '花絮', 'kolmetrics'),
	('behind-the-scenes', 'behind the scenes', 'kolmetrics'), ('behind-the-scenes', 'bts', 'kolmetrics'),
	('challenge', '挑战', 'kolmetrics'), ('challenge', 'challenge', 'kolmetrics'), ('challenge', '#challenge', 'kolmetrics'),
	('live', '直播', 'kolmetrics'), ('live', '直播间', 'kolmetrics'), ('live', 'live', 'kolmetrics'),
	('live', 'livestream', 'kolmetrics'), ('live', 'going live', 'kolmetrics'),
	('giveaway', '抽奖', 'kolmetrics'), ('giveaway', '送福利', 'kolmetrics'), ('giveaway', '转发抽', 'kolmetrics'),
	('giveaway', 'giveaway', 'kolmetrics'), ('giveaway', '#giveaway', 'kolmetrics'),
	('q&a', '问答', 'kolmetrics'), ('q&a', '答疑', 'kolmetrics'), ('q&a', 'q&a', 'kolmetrics'),
	('q&a', 'qna', 'kolmetrics'), ('q&a', 'ask me anything', 'kolmetrics');

-- ----------------------------------------------------------------- sentiment

CREATE FUNCTION @extschema@.sentiment(t text) RETURNS double precision
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_sentiment_fn';
COMMENT ON FUNCTION @extschema@.sentiment(text) IS
	'Sentiment of a text in [-1, 1] (0 neutral): the lexicon terms'' polarity with degree adverbs, negators, contrast clauses, repetition and exclamation emphasis, normalised as S / sqrt(S^2 + 15) (doc/text.md)';

CREATE FUNCTION @extschema@.sentiment_label(t text) RETURNS text
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_sentiment_label';
COMMENT ON FUNCTION @extschema@.sentiment_label(text) IS
	'positive when sentiment(t) >= 0.05, negative when <= -0.05, else neutral (VADER''s cut-offs)';

CREATE FUNCTION @extschema@.sentiment_terms(t text,
	OUT term text, OUT weight double precision, OUT score double precision, OUT "position" integer)
RETURNS SETOF record
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 5
AS 'MODULE_PATHNAME', 'km_sentiment_terms';
COMMENT ON FUNCTION @extschema@.sentiment_terms(text) IS
	'The terms that make up sentiment(t), in text order: the text matched, the lexicon weight, the score after the rules (the sum of scores plus exclamation emphasis is S), and the 1-based character position';

CREATE TYPE @extschema@.sentiment_summary;
CREATE FUNCTION @extschema@.sentiment_summary_in(cstring) RETURNS @extschema@.sentiment_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_in';
CREATE FUNCTION @extschema@.sentiment_summary_out(@extschema@.sentiment_summary) RETURNS cstring
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_out';
CREATE FUNCTION @extschema@.sentiment_summary_recv(internal, oid, integer) RETURNS @extschema@.sentiment_summary
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_recv';
CREATE FUNCTION @extschema@.sentiment_summary_send(@extschema@.sentiment_summary) RETURNS bytea
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_send';
CREATE TYPE @extschema@.sentiment_summary (
	INPUT = @extschema@.sentiment_summary_in,
	OUTPUT = @extschema@.sentiment_summary_out,
	RECEIVE = @extschema@.sentiment_summary_recv,
	SEND = @extschema@.sentiment_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.sentiment_summary IS
	'Counts of positive, negative and neutral texts and the exact sum of their scores (in 1e-9 units) built by sentiment_agg and rollup; text form (v:1,positive:N,negative:N,neutral:N,score_nanos:N)';
COMMENT ON FUNCTION @extschema@.sentiment_summary_in(cstring) IS
	'Input function of sentiment_summary: parses and validates the v1 text form';
COMMENT ON FUNCTION @extschema@.sentiment_summary_out(@extschema@.sentiment_summary) IS
	'Output function of sentiment_summary: the v1 text form';
COMMENT ON FUNCTION @extschema@.sentiment_summary_recv(internal, oid, integer) IS
	'Binary receive function of sentiment_summary: validates all 40 bytes';
COMMENT ON FUNCTION @extschema@.sentiment_summary_send(@extschema@.sentiment_summary) IS
	'Binary send function of sentiment_summary: 40 bytes, little-endian, versioned';

CREATE FUNCTION @extschema@.sentiment_summary_eq(@extschema@.sentiment_summary, @extschema@.sentiment_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_eq';
COMMENT ON FUNCTION @extschema@.sentiment_summary_eq(@extschema@.sentiment_summary, @extschema@.sentiment_summary) IS
	'True when two sentiment summaries hold the same counts and sum';
CREATE FUNCTION @extschema@.sentiment_summary_ne(@extschema@.sentiment_summary, @extschema@.sentiment_summary)
RETURNS boolean LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_ne';
COMMENT ON FUNCTION @extschema@.sentiment_summary_ne(@extschema@.sentiment_summary, @extschema@.sentiment_summary) IS
	'True when two sentiment summaries differ';
CREATE FUNCTION @extschema@.sentiment_summary_hash(@extschema@.sentiment_summary) RETURNS integer
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_hash';
COMMENT ON FUNCTION @extschema@.sentiment_summary_hash(@extschema@.sentiment_summary) IS
	'Hash of a sentiment_summary consistent with =';
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.sentiment_summary, RIGHTARG = @extschema@.sentiment_summary,
	FUNCTION = @extschema@.sentiment_summary_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.sentiment_summary, @extschema@.sentiment_summary) IS
	'Identity of sentiment summaries';
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.sentiment_summary, RIGHTARG = @extschema@.sentiment_summary,
	FUNCTION = @extschema@.sentiment_summary_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.sentiment_summary, @extschema@.sentiment_summary) IS
	'Sentiment summaries that differ';
CREATE OPERATOR CLASS @extschema@.sentiment_summary_hash_ops
	DEFAULT FOR TYPE @extschema@.sentiment_summary USING hash AS
	OPERATOR 1 @extschema@.= (@extschema@.sentiment_summary, @extschema@.sentiment_summary),
	FUNCTION 1 @extschema@.sentiment_summary_hash(@extschema@.sentiment_summary);
COMMENT ON OPERATOR CLASS @extschema@.sentiment_summary_hash_ops USING hash IS
	'Hash operator class of sentiment_summary (identity equality)';
COMMENT ON OPERATOR FAMILY @extschema@.sentiment_summary_hash_ops USING hash IS
	'Hash operator family of sentiment_summary';

CREATE FUNCTION @extschema@.sentiment_agg_trans(@extschema@.sentiment_summary, text)
RETURNS @extschema@.sentiment_summary
LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_agg_trans';
COMMENT ON FUNCTION @extschema@.sentiment_agg_trans(@extschema@.sentiment_summary, text) IS
	'Transition function of sentiment_agg: adds the sentiment of one text (NULL texts are skipped)';
CREATE FUNCTION @extschema@.sentiment_summary_combine(@extschema@.sentiment_summary, @extschema@.sentiment_summary)
RETURNS @extschema@.sentiment_summary
LANGUAGE C IMMUTABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_ss_combine';
COMMENT ON FUNCTION @extschema@.sentiment_summary_combine(@extschema@.sentiment_summary, @extschema@.sentiment_summary) IS
	'Combine function of sentiment_agg and rollup: adds two summaries exactly (NULL is empty)';

CREATE AGGREGATE @extschema@.sentiment_agg(text) (
	SFUNC = @extschema@.sentiment_agg_trans,
	STYPE = @extschema@.sentiment_summary,
	COMBINEFUNC = @extschema@.sentiment_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sentiment_agg(text) IS
	'Sentiment of many texts as a sentiment_summary (counts by label, exact score sum); NULL when there are no texts';

CREATE AGGREGATE @extschema@.rollup(@extschema@.sentiment_summary) (
	SFUNC = @extschema@.sentiment_summary_combine,
	STYPE = @extschema@.sentiment_summary,
	COMBINEFUNC = @extschema@.sentiment_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.sentiment_summary) IS
	'Merges sentiment summaries (of days into months, KOLs into campaigns): the same value as sentiment_agg over all their texts';

CREATE FUNCTION @extschema@.positive_count(s @extschema@.sentiment_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_ss_positive';
COMMENT ON FUNCTION @extschema@.positive_count(@extschema@.sentiment_summary) IS
	'Texts labelled positive (sentiment >= 0.05)';
CREATE FUNCTION @extschema@.negative_count(s @extschema@.sentiment_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_ss_negative';
COMMENT ON FUNCTION @extschema@.negative_count(@extschema@.sentiment_summary) IS
	'Texts labelled negative (sentiment <= -0.05)';
CREATE FUNCTION @extschema@.neutral_count(s @extschema@.sentiment_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_ss_neutral';
COMMENT ON FUNCTION @extschema@.neutral_count(@extschema@.sentiment_summary) IS
	'Texts labelled neutral';
CREATE FUNCTION @extschema@.text_count(s @extschema@.sentiment_summary) RETURNS bigint
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_ss_texts';
COMMENT ON FUNCTION @extschema@.text_count(@extschema@.sentiment_summary) IS
	'Texts summarised';
CREATE FUNCTION @extschema@.mean_sentiment(s @extschema@.sentiment_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_ss_mean';
COMMENT ON FUNCTION @extschema@.mean_sentiment(@extschema@.sentiment_summary) IS
	'Mean sentiment of the texts (each rounded to 1e-9); NULL for none';
CREATE FUNCTION @extschema@.net_sentiment(s @extschema@.sentiment_summary) RETURNS double precision
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'km_ss_net';
COMMENT ON FUNCTION @extschema@.net_sentiment(@extschema@.sentiment_summary) IS
	'(positive - negative) / texts, in [-1, 1]; NULL for none';

-- ------------------------------------------- disclosure, brands, content types

CREATE TYPE @extschema@.disclosure_result AS (
	disclosed		boolean,
	markers			text[],
	first_position	integer,
	before_fold		boolean,
	clarity			text
);
COMMENT ON TYPE @extschema@.disclosure_result IS
	'What disclosure() found: a clear marker or not, the markers as written, the 1-based character position of the first clear one, whether it ends within the fold, and clear / ambiguous / none';

CREATE FUNCTION @extschema@.disclosure(t text, jurisdiction text DEFAULT 'cn', fold integer DEFAULT NULL)
RETURNS @extschema@.disclosure_result
LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_disclosure';
COMMENT ON FUNCTION @extschema@.disclosure(text, text, integer) IS
	'Sponsored-content disclosure of a post by the markers of kolmetrics.disclosure_marker for the jurisdiction (cn, us, uk); fold: characters shown before "more" (NULL: before_fold is NULL). NULL text or jurisdiction: NULL; unknown jurisdiction: 22023';

CREATE FUNCTION @extschema@.brand_mentions(t text) RETURNS text[]
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_brand_mentions';
COMMENT ON FUNCTION @extschema@.brand_mentions(text) IS
	'Brands of kolmetrics.brand_alias whose aliases occur in the text, in order of first mention (empty array for none)';

CREATE FUNCTION @extschema@.content_types(t text) RETURNS text[]
LANGUAGE C STABLE STRICT PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_content_types';
COMMENT ON FUNCTION @extschema@.content_types(text) IS
	'Content types of kolmetrics.content_cue whose cues occur in the text, in order of first cue (empty array for none)';

CREATE TYPE @extschema@.disclosure_rates AS (
	sponsored			bigint,
	sponsored_disclosed	bigint,
	disclosure_rate		double precision,
	unsponsored			bigint,
	unsponsored_marked	bigint,
	marker_rate			double precision
);
COMMENT ON TYPE @extschema@.disclosure_rates IS
	'disclosure_agg: sponsored posts and those that disclose clearly (disclosure_rate = sponsored_disclosed / sponsored), non-sponsored posts and those carrying any marker (marker_rate = unsponsored_marked / unsponsored); a rate is NULL when its denominator is 0';

CREATE FUNCTION @extschema@.disclosure_agg_trans(state bigint[], t text, is_sponsored boolean, jurisdiction text)
RETURNS bigint[]
LANGUAGE C STABLE PARALLEL SAFE
AS 'MODULE_PATHNAME', 'km_disclosure_agg_trans';
COMMENT ON FUNCTION @extschema@.disclosure_agg_trans(bigint[], text, boolean, text) IS
	'Transition function of disclosure_agg: counts one post in the state {sponsored, sponsored disclosing clearly, unsponsored, unsponsored carrying a marker} (rows with a NULL argument are skipped)';
CREATE FUNCTION @extschema@.disclosure_agg_combine(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
	ELSE ARRAY[a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]] END;
COMMENT ON FUNCTION @extschema@.disclosure_agg_combine(bigint[], bigint[]) IS
	'Combine function of disclosure_agg: adds the counts';
CREATE FUNCTION @extschema@.disclosure_agg_final(state bigint[]) RETURNS @extschema@.disclosure_rates
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN state IS NULL THEN NULL ELSE
	ROW(state[1], state[2], state[2]::double precision / NULLIF(state[1], 0),
		state[3], state[4], state[4]::double precision / NULLIF(state[3], 0))::@extschema@.disclosure_rates END;
COMMENT ON FUNCTION @extschema@.disclosure_agg_final(bigint[]) IS
	'Final function of disclosure_agg: the counts and rates';
CREATE AGGREGATE @extschema@.disclosure_agg(t text, is_sponsored boolean, jurisdiction text) (
	SFUNC = @extschema@.disclosure_agg_trans,
	STYPE = bigint[],
	COMBINEFUNC = @extschema@.disclosure_agg_combine,
	FINALFUNC = @extschema@.disclosure_agg_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.disclosure_agg(text, boolean, text) IS
	'Share of sponsored posts that disclose clearly and of non-sponsored posts that carry a marker (undeclared deals look like the latter), by disclosure()';
