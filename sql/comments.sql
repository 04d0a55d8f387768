-- Every object of the extension has a COMMENT (types, functions, aggregates, operators,
-- tables and their columns, casts).  Lists the objects that lack one: must be empty.
SELECT pg_describe_object(d.classid, d.objid, 0) AS missing_comment
  FROM pg_depend d
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 WHERE d.deptype = 'e'
   AND obj_description(d.objid, d.classid::regclass::name) IS NULL
   -- array types and a table's own row type come with their type or table
   AND NOT (d.classid = 'pg_type'::regclass
            AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = d.objid
                         AND (t.typelem <> 0 AND t.typlen = -1 AND t.typsubscript <> 0
                              OR t.typrelid <> 0 AND EXISTS (SELECT 1 FROM pg_class c
                                   WHERE c.oid = t.typrelid AND c.relkind <> 'c'))))
UNION ALL
SELECT format('column %s.%s', a.attrelid::regclass, a.attname)
  FROM pg_depend d
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
  JOIN pg_attribute a ON a.attrelid = d.objid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE d.deptype = 'e' AND d.classid = 'pg_class'::regclass
   AND col_description(a.attrelid, a.attnum) IS NULL
   -- a sequence's columns are PostgreSQL's own
   AND (SELECT relkind FROM pg_class WHERE oid = d.objid) <> 'S'
ORDER BY 1;

-- No member function is SECURITY DEFINER but config_record, the trigger that records
-- any editor's configuration edit in config_state, and text_config_touch, the trigger
-- that bumps text_config_version after an edit of a text lexicon table (both refuse any
-- other table).
SELECT p.oid::regprocedure AS security_definer
  FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 WHERE p.prosecdef;
