-- Every member of the extension kolmetrics and what defines it, one line per fact,
-- named (never by OID), so that two databases can be compared with diff: functions
-- (their whole definition: arguments, defaults, result, language, volatility,
-- strictness, parallel safety, cost, rows, settings, body), aggregates and their
-- support functions, types, domains and their checks, enums, composite columns, casts,
-- operators, operator classes and families, tables with columns, constraints,
-- indexes, triggers, policies and row security, comments, privileges, and the
-- configuration-dump registration.
\pset format unaligned
\pset tuples_only on
SET search_path = pg_catalog;
WITH ext AS (SELECT oid, extconfig, extcondition, extrelocatable, extnamespace
               FROM pg_extension WHERE extname = 'kolmetrics'),
m AS (SELECT d.classid, d.objid FROM pg_depend d, ext
       WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
lines(l) AS (
	SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM m
	UNION ALL
	SELECT 'comment ' || pg_describe_object(classid, objid, 0) || ': ' || coalesce(obj_description(objid, c.relname), '(none)')
	  FROM m JOIN pg_class c ON c.oid = m.classid
	UNION ALL
	SELECT 'function ' || p.oid::regprocedure || ': ' ||
	       CASE WHEN p.prokind = 'a' THEN 'aggregate returning ' || pg_get_function_result(p.oid)
	            ELSE pg_get_functiondef(p.oid) END ||
	       ' acl=' || coalesce(p.proacl::text, 'default') || ' leakproof=' || p.proleakproof
	  FROM pg_proc p JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
	UNION ALL
	SELECT format('aggregate %s: kind=%s direct=%s trans=%s(%s, space %s, init %s) final=%s extra=%s modify=%s combine=%s serial=%s deserial=%s mtrans=%s minv=%s mfinal=%s mtype=%s sortop=%s',
	              a.aggfnoid::regprocedure, a.aggkind, a.aggnumdirectargs, a.aggtransfn, a.aggtranstype::regtype,
	              a.aggtransspace, a.agginitval, a.aggfinalfn, a.aggfinalextra, a.aggfinalmodify, a.aggcombinefn,
	              a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,
	              a.aggmtranstype::regtype, a.aggsortop::regoperator)
	  FROM pg_aggregate a JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
	UNION ALL
	SELECT format('type %s: type=%s len=%s byval=%s category=%s preferred=%s delim=%s in=%s out=%s recv=%s send=%s modin=%s modout=%s analyze=%s subscript=%s align=%s storage=%s notnull=%s base=%s default=%s collation=%s acl=%s',
	              t.oid::regtype, t.typtype, t.typlen, t.typbyval, t.typcategory, t.typispreferred, t.typdelim,
	              t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze,
	              t.typsubscript, t.typalign, t.typstorage, t.typnotnull, t.typbasetype::regtype, t.typdefault,
	              t.typcollation, coalesce(t.typacl::text, 'default'))
	  FROM pg_type t JOIN m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
	UNION ALL
	SELECT format('enum %s: %s', e.enumtypid::regtype, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder))
	  FROM pg_enum e JOIN m ON m.classid = 'pg_type'::regclass AND m.objid = e.enumtypid GROUP BY e.enumtypid
	UNION ALL
	SELECT format('domain constraint %s.%s: %s', t.oid::regtype, c.conname, pg_get_constraintdef(c.oid))
	  FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
	UNION ALL
	SELECT format('cast %s -> %s: func=%s context=%s method=%s', c.castsource::regtype, c.casttarget::regtype,
	              c.castfunc::regprocedure, c.castcontext, c.castmethod)
	  FROM pg_cast c JOIN m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
	UNION ALL
	SELECT format('operator %s: result=%s code=%s commutator=%s negator=%s rest=%s join=%s merges=%s hashes=%s',
	              o.oid::regoperator, o.oprresult::regtype, o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
	              o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)
	  FROM pg_operator o JOIN m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
	UNION ALL
	SELECT format('opclass %s: for %s default=%s family=%s keytype=%s', pg_describe_object('pg_opclass'::regclass, c.oid, 0),
	              c.opcintype::regtype, c.opcdefault, f.opfname, c.opckeytype::regtype)
	  FROM pg_opclass c JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid
	UNION ALL
	SELECT format('opfamily member %s', pg_describe_object('pg_amop'::regclass, o.oid, 0))
	  FROM pg_amop o JOIN m ON m.classid = 'pg_opfamily'::regclass AND m.objid = o.amopfamily
	UNION ALL
	SELECT format('opfamily member %s', pg_describe_object('pg_amproc'::regclass, p.oid, 0))
	  FROM pg_amproc p JOIN m ON m.classid = 'pg_opfamily'::regclass AND m.objid = p.amprocfamily
	UNION ALL
	SELECT format('relation %s: kind=%s persistence=%s rls=%s force_rls=%s acl=%s options=%s',
	              c.oid::regclass, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
	              coalesce(c.relacl::text, 'default'), c.reloptions)
	  FROM pg_class c JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
	UNION ALL
	SELECT format('column %s.%s: %s notnull=%s default=%s identity=%s generated=%s collation=%s comment=%s',
	              c.oid::regclass, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
	              pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attcollation,
	              col_description(c.oid, a.attnum))
	  FROM pg_class c JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
	  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
	UNION ALL
	SELECT format('constraint %s.%s: %s deferrable=%s deferred=%s', c.conrelid::regclass, c.conname,
	              pg_get_constraintdef(c.oid), c.condeferrable, c.condeferred)
	  FROM pg_constraint c JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = c.conrelid
	UNION ALL
	SELECT format('index %s', pg_get_indexdef(i.indexrelid))
	  FROM pg_index i JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = i.indrelid
	UNION ALL
	SELECT format('trigger %s enabled=%s', pg_get_triggerdef(t.oid), t.tgenabled)
	  FROM pg_trigger t JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = t.tgrelid
	 WHERE NOT t.tgisinternal
	UNION ALL
	SELECT format('policy %s on %s: %s using %s check %s', p.polname, p.polrelid::regclass, p.polcmd,
	              pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
	  FROM pg_policy p JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = p.polrelid
	UNION ALL
	SELECT format('schema %s: owner is the extension''s, acl=%s, comment=%s', n.nspname,
	              coalesce(n.nspacl::text, 'default'), obj_description(n.oid, 'pg_namespace'))
	  FROM pg_namespace n, ext WHERE n.oid = ext.extnamespace
	UNION ALL
	SELECT format('extension: relocatable=%s config=%s conditions=%s', ext.extrelocatable,
	              (SELECT array_agg(c::regclass ORDER BY c::regclass::text) FROM unnest(ext.extconfig) c),
	              ext.extcondition)
	  FROM ext
)
SELECT l FROM lines ORDER BY l COLLATE "C";
