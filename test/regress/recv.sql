-- Included by pg_regress files (\ir ../test/regress/recv.sql) that feed hostile bytes to a
-- type's binary receive function.  pg_temp.try_recv(type, bytes) writes a one-row, one-column
-- COPY BINARY file holding `bytes` as the field, loads it with COPY ... (FORMAT binary) into a
-- temporary table of that type, and returns 'ok: <text form>' or '<SQLSTATE>: <message>'.
-- pg_temp.send_bytes(value) gives a value's binary form, to start hostile edits from.
\set QUIET on
CREATE FUNCTION pg_temp.try_recv(typ regtype, payload bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/kolmetrics_recv_' || pg_backend_pid() || '.bin';
	file bytea;
	result text;
BEGIN
	file := '\x5047434f50590aff0d0a00'::bytea          -- PGCOPY\n\377\r\n\0
		|| '\x00000000'::bytea || '\x00000000'::bytea    -- flags, header extension length
		|| '\x0001'::bytea                               -- one field
		|| int4send(length(payload)) || payload
		|| '\xffff'::bytea;                              -- trailer
	EXECUTE format('COPY (SELECT %L) TO PROGRAM %L', encode(file, 'hex'),
		'perl -ne ''chomp; print pack("H*", $_)'' > ' || f);
	EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS recv_target (v %s)', typ);
	TRUNCATE recv_target;
	BEGIN
		EXECUTE format('COPY recv_target FROM %L (FORMAT binary)', f);
		SELECT 'ok: ' || v::text INTO result FROM recv_target;
	EXCEPTION WHEN OTHERS THEN
		result := SQLSTATE || ': ' || SQLERRM;
	END;
	DROP TABLE recv_target;
	RETURN result;
END
$$;
CREATE FUNCTION pg_temp.send_bytes(v anyelement) RETURNS bytea
LANGUAGE plpgsql AS $$
DECLARE
	f text := current_setting('data_directory') || '/kolmetrics_send_' || pg_backend_pid() || '.bin';
	raw bytea;
BEGIN
	EXECUTE format('CREATE TEMP TABLE send_source (v %s)', pg_typeof(v));
	INSERT INTO send_source VALUES (v);
	EXECUTE format('COPY send_source TO %L (FORMAT binary)', f);
	raw := pg_read_binary_file(f);
	DROP TABLE send_source;
	-- 19-byte header, 2-byte field count, 4-byte length, then the value, then 2-byte trailer
	RETURN substring(raw FROM 26 FOR length(raw) - 27);
END
$$;
\set QUIET off
