-- Included by pg_regress files (\ir ../test/regress/try_in.sql) that feed hostile text to a
-- type's input function.  pg_temp.try_in(type, text) casts the text to the type in a
-- subtransaction and returns 'ok: <text form>' or '<SQLSTATE>: <message>' (the message cut
-- to 100 characters, so that megabyte inputs print short).  pg_temp.try_sql(query) runs any
-- statement the same way (for functions and configuration edits), checking deferred
-- constraints at once.
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
	-- deferred constraints (the tier bounds) are checked at the statement's end here
	SET CONSTRAINTS ALL IMMEDIATE;
	IF query ~* '^\s*(select|values|with)\M' THEN
		EXECUTE query INTO result;
	ELSE
		EXECUTE query;
	END IF;
	RETURN 'ok: ' || coalesce(result, 'NULL');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || left(SQLERRM, 100);
END
$$;
\set QUIET off
