#!/usr/bin/env bash
# The documentation (README.md and doc/*.md) against the installed extension.  TAP output.
#  (a) doc/reference.md's signature table: every SQL-callable function and aggregate of the extension
#      (members of the extension in pg_proc; type I/O, aggregate support, operator, cast,
#      trigger and operator-class support functions are internal and exempt) appears with its
#      exact argument types as format_type prints them with search_path = kolmetrics
#      (`kol_tier(double precision)`), one per overload; every signature in the table is a
#      function of the extension and returns what its row says; every type and operator
#      family of the extension has a row, and every such row exists.  Every function is also
#      described in doc/, and every doc/ heading that names a function names an existing one.
#      The README's Reference table names every function and type (and nothing else).
#  (b) Every relative link in README.md and doc/*.md points at a file inside the repository,
#      and an anchor at a heading of the target (GitHub's heading ids); every doc/ page links
#      back to the README; README.md is at most 20 KB; no text cites a document outside
#      the repository.
#  (c) Every ```sql block of README.md and doc/*.md runs without error (in a transaction
#      rolled back afterwards) with search_path = kolmetrics, sample, public, in a database
#      holding a small sample (test/sample) and the example tables of the docs; a block whose
#      info string says `no-run` is not run (the install lines), one that says `errors` has
#      one statement per line, each of which must fail with the SQLSTATE of its
#      `-- ERROR nnnnn` comment.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/pgtmp.sh
pgtmp_script_begin docs
PATH=$PGBIN:$PATH
db=kolmetrics_docs_$$
psql -X -q -d postgres -c "CREATE DATABASE $db" || { echo "Bail out! createdb"; exit 1; }
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"; rm -rf "$SCRATCH"; [ $PGTMP_OWN = 1 ] && pgtmp_stop' EXIT
{
	echo 'CREATE EXTENSION kolmetrics;'
	cat test/sample/generate.sql
	for f in test/sample/*.sql; do [ "$f" = test/sample/generate.sql ] || cat "$f"; done
	cat <<'SQL'
-- the example tables the docs' queries name besides the sample's
SET search_path = kolmetrics, public;
CREATE TABLE public.raw_payloads (id int PRIMARY KEY, platform platform, body text);
INSERT INTO public.raw_payloads VALUES
 (1, 'youtube', '{"kind": "youtube#video", "id": "a", "statistics": {"viewCount": "100", "likeCount": "7"}}'),
 (3, 'youtube', '{"kind": "youtube#video", "id": "b", "statistics": {"viewCount": "lots"}}'),
 (5, 'douyin', '{x}');
CREATE TABLE public.post_counts AS
SELECT 0 AS id, p.* FROM ingest_post('youtube', '{}', strict => false) p WITH NO DATA;
SQL
} | psql -X -q -v ON_ERROR_STOP=1 -v seed=42 -v kols=60 -v posts_per_kol=6 -v campaigns=4 \
	-d $db >"$SCRATCH/setup.log" 2>&1 || { echo "Bail out! setup"; sed 's/^/# /' "$SCRATCH/setup.log"; exit 1; }

# name|signature|returns|exempt for every member function, with search_path = kolmetrics
psql -X -q -At -d $db >"$SCRATCH/functions" <<'SQL' || { echo "Bail out! catalog query"; exit 1; }
SET search_path = kolmetrics;
SELECT p.proname,
       -- an ordered-set aggregate as \df prints it: direct arguments ORDER BY aggregated ones
       p.proname || '(' || coalesce((SELECT string_agg(CASE WHEN o = oa.aggnumdirectargs + 1 AND o > 1 THEN ' ORDER BY '
                                                            WHEN o = oa.aggnumdirectargs + 1 THEN 'ORDER BY '
                                                            WHEN o > 1 THEN ', ' ELSE '' END || format_type(t, NULL), '' ORDER BY o)
                                       FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, o)), '') || ')',
       CASE WHEN p.proretset THEN 'SETOF ' ELSE '' END || format_type(p.prorettype, NULL),
       p.prorettype = 'trigger'::regtype
       OR EXISTS (SELECT 1 FROM pg_type t WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend,
                                                          t.typmodin, t.typmodout, t.typanalyze))
       OR EXISTS (SELECT 1 FROM pg_aggregate a WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                                                               a.aggserialfn, a.aggdeserialfn, a.aggmtransfn,
                                                               a.aggminvtransfn, a.aggmfinalfn))
       OR EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = p.oid OR o.oprrest = p.oid OR o.oprjoin = p.oid)
       OR EXISTS (SELECT 1 FROM pg_cast c WHERE c.castfunc = p.oid)
       OR EXISTS (SELECT 1 FROM pg_amproc a WHERE a.amproc = p.oid)
  FROM pg_proc p
  LEFT JOIN pg_aggregate oa ON oa.aggfnoid = p.oid AND oa.aggkind <> 'n'
  JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 ORDER BY 2;
SQL
# name|kind for every member type and operator family
psql -X -At -d $db >"$SCRATCH/objects" <<'SQL' || { echo "Bail out! catalog query"; exit 1; }
SELECT t.typname, 'type'
  FROM pg_type t
  JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
UNION ALL
SELECT f.opfname, a.amname || ' operator family'
  FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod
  JOIN pg_depend d ON d.objid = f.oid AND d.classid = 'pg_opfamily'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'kolmetrics'
 ORDER BY 1;
SQL

DOCS_DB=$db SCRATCH=$SCRATCH python3 - <<'PY'
import os, re, glob, subprocess

n = 0
def tap(ok, text):
    global n
    n += 1
    print(('ok %d - ' if ok else 'not ok %d - ') % n + text)
    return ok

def norm(sig):
    return re.sub(r'\s*,\s*', ', ', re.sub(r'\s+', ' ', sig)).replace('( ', '(').replace(' )', ')')

funcs = [l.split('|') for l in open(os.environ['SCRATCH'] + '/functions').read().splitlines()]
sigs = {norm(s): r for _, s, r, _ in funcs}
public = [(name, norm(s)) for name, s, r, ex in funcs if ex == 'f']
objects = dict(l.split('|') for l in open(os.environ['SCRATCH'] + '/objects').read().splitlines())

files = ['README.md'] + sorted(glob.glob('doc/*.md'))
text = {f: open(f, encoding='utf-8').read() for f in files}

def outside_fences(s):
    """Lines of a Markdown text outside fenced code blocks, as (line number, line)."""
    fence = False
    for i, l in enumerate(s.split('\n'), 1):
        if l.startswith('```'):
            fence = not fence
            continue
        if not fence:
            yield i, l

# (a) the signature table of doc/reference.md against the catalog, and every function,
# aggregate and type named in the README's Reference table
REF = 'doc/reference.md'
rows = []
for i, l in outside_fences(text[REF]):
    m = re.match(r'^\| (.*?) \| (.*?) \|', l)
    if m and m.group(1).startswith('`'):
        rows.append((i, m.group(1), m.group(2).strip()))
table_sigs, table_objs = {}, {}
for i, cell, ret in rows:
    found = re.findall(r'`([a-z_0-9]+\([^`]*\))`', cell)
    if found:
        for s in found:
            table_sigs[norm(s)] = (i, ret)
    else:
        for o in re.findall(r'`([a-z_0-9]+)`', cell):
            table_objs[o] = (i, ret)

for name, s in public:
    tap(s in table_sigs, '%s lists %s' % (REF, s))
for s, (i, ret) in sorted(table_sigs.items()):
    if s not in sigs:
        tap(False, '%s:%d lists %s, which the extension does not have' % (REF, i, s))
    else:
        tap(sigs[s] == ret, '%s:%d %s exists and returns %s%s' %
            (REF, i, s, ret, '' if sigs[s] == ret else ' (the catalog says %s)' % sigs[s]))
for o, kind in sorted(objects.items()):
    tap(o in table_objs and table_objs[o][1] == kind, '%s lists %s %s' % (REF, kind, o))
for o, (i, kind) in sorted(table_objs.items()):
    tap(objects.get(o) == kind, '%s:%d %s %s exists' % (REF, i, kind, o))

readme_names, inref = set(), False
for i, l in outside_fences(text['README.md']):
    if l.startswith('## '):
        inref = l.strip() == '## Reference'
    if inref and l.startswith('| '):
        readme_names.update(re.findall(r'`([a-z_0-9]+)`', l))
for name in sorted({name for name, _ in public}):
    tap(name in readme_names, 'README Reference table names %s' % name)
for o, kind in sorted(objects.items()):
    if kind == 'type':
        tap(o in readme_names, 'README Reference table names type %s' % o)
for o in sorted(readme_names - {name for name, _ in public} - set(objects)):
    tap(False, 'README Reference table names %s, which the extension does not have' % o)

docs = ''.join(text[f] for f in files if f.startswith('doc/'))
for name in sorted({name for name, _ in public}):
    tap(re.search(r'(^|[^a-z_])%s\(' % name, docs) is not None, 'doc/ describes %s' % name)
names = {name for name, _, _, _ in funcs}
for f in files[1:]:
    for i, l in outside_fences(text[f]):
        m = re.match(r'^#+ `([a-z_0-9]+)\(', l)
        if m:
            tap(m.group(1) in names, '%s:%d heading names %s, a function of the extension' % (f, i, m.group(1)))

# (b) links
def slugs(s):
    seen, out = {}, set()
    for _, l in outside_fences(s):
        m = re.match(r'^#{1,6} (.*)$', l)
        if not m:
            continue
        h = re.sub(r'[^\w\- ]', '', m.group(1).strip().lower()).replace(' ', '-')
        k = seen.get(h, 0)
        seen[h] = k + 1
        out.add(h if k == 0 else '%s-%d' % (h, k))
    return out
top = os.path.realpath('.')
for f in files:
    for i, l in outside_fences(text[f]):
        l = re.sub(r'`[^`]*`', '', l)
        for target in re.findall(r'\]\(([^)\s]+)\)', l):
            if re.match(r'^[a-z]+:', target):
                continue
            path, _, anchor = target.partition('#')
            dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
            inside = os.path.realpath(dest).startswith(top + os.sep)
            ok = inside and os.path.exists(dest)
            if ok and anchor:
                ok = dest.endswith('.md') and anchor in slugs(open(dest, encoding='utf-8').read())
            tap(ok, '%s:%d link %s resolves' % (f, i, target))
for f in files[1:]:
    tap('](../README.md' in text[f], '%s links back to the README' % f)
size = os.path.getsize('README.md')
tap(size <= 20000, 'README.md is %d bytes, at most 20 KB' % size)
for f in files:
    bad = [i for i, l in enumerate(text[f].split('\n'), 1)
           if re.search(r'domain reference|domain §|\.\./shared/|/work/', l, re.I)]
    tap(not bad, '%s cites nothing outside the repository%s' % (f, ' (lines %s)' % bad if bad else ''))

# (c) SQL blocks
def psql(sql):
    return subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', os.environ['DOCS_DB']], input=sql, capture_output=True, text=True)
prologue = 'SET search_path = kolmetrics, sample, public;\nBEGIN;\n'
for f in files:
    lines = text[f].split('\n')
    i = 0
    while i < len(lines):
        m = re.match(r'^```sql\b(.*)$', lines[i])
        if not m:
            i += 1
            continue
        start, flags = i + 1, m.group(1).split()
        j = i + 1
        while not lines[j].startswith('```'):
            j += 1
        block = lines[i + 1:j]
        i = j + 1
        if 'no-run' in flags:
            continue
        if 'errors' in flags:
            for k, stmt in enumerate(block):
                if not stmt.strip():
                    continue
                want = re.search(r'-- ERROR (\w{5})', stmt)
                r = psql('\\set VERBOSITY verbose\n' + prologue + stmt + '\nROLLBACK;\n')
                ok = r.returncode != 0 and (not want or want.group(1) in r.stderr)
                tap(ok, '%s:%d fails%s' % (f, start + k + 1, ' with ' + want.group(1) if want else ''))
                if not ok:
                    print('# ' + (r.stderr or r.stdout).strip().replace('\n', '\n# '))
            continue
        r = psql(prologue + '\n'.join(block) + '\nROLLBACK;\n')
        if not tap(r.returncode == 0, '%s:%d SQL block runs' % (f, start)):
            print('# ' + r.stderr.strip().replace('\n', '\n# '))
print('1..%d' % n)
PY
