-- kolmetrics 1.0: privileges, granted last so that every concept's objects are covered.
-- Every role may read every configuration table in the schema (the functions read them
-- with the caller's rights); only the owner, or whom the owner grants, may change them.  USAGE on the schema is granted in 00_base.sql.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
