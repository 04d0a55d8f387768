-- Included by pg_regress files (\ir ../test/regress/try_in.sql) that feed hostile text to a
-- type's input function.  pg_temp.try_in(type, text) casts the text to the type in a
-- subtransaction and returns 'ok: <text form>' or '<SQLSTATE>: <message>' (the message cut
-- to 100 characters, so that megabyte inputs print short).  pg_temp.try_sql(query) runs any
-- statement the same way (for functions and configuration edits).
\set QUIET on
CREATE FUNCTION pg_temp.try_in(typ regtype, input text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format('SELECT ($1::%s)::text', typ) INTO result USING input;
	RETURN 'ok: ' || coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || left(SQLERRM, 100);
END
$$;
CREATE FUNCTION pg_temp.try_sql(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE query INTO result;
	RETURN 'ok: ' || coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || left(SQLERRM, 100);
END
$$;
\set QUIET off
