// Runs every case of queries.json through node-postgres (pg), binding parameters as an
// application does (numbers, strings, booleans, arrays, null: pg sends them all as text with
// type unknown, and the server infers each type), and prints one JSON line per case:
// {name, ok, columns: [{name, type, kinds, values}], error}.
// Usage: node test/clients/clients.js QUERIES.json HOST PORT DBNAME
'use strict';
const fs = require('fs');
const { Client } = require('pg');

function textOf(v) {
  if (v === null || v === undefined) return ['null', null];
  if (typeof v === 'boolean') return ['boolean', v ? 't' : 'f'];
  if (typeof v === 'number') return ['number', String(v)];
  if (Array.isArray(v)) return ['Array', v.map((x) => textOf(x)[1])];
  if (typeof v === 'string') return ['string', v];
  if (v instanceof Date) return ['Date', v.toISOString()];
  if (typeof v === 'object') return ['object', JSON.stringify(v)];
  return [typeof v, String(v)];
}

function param(p) {
  switch (p.kind) {
    case 'int': case 'float': return Number(p.value);
    case 'decimal': return String(p.value); // JavaScript has no decimal: money goes as a string
    case 'string': case 'bool': case 'list_of_string': return p.value;
    case 'null': return null;
    default: throw new Error('unknown kind ' + p.kind);
  }
}

function numbered(sql) { // ? outside quotes -> $1..$n
  let out = '', n = 0, quote = null;
  for (const ch of sql) {
    if (quote) { out += ch; if (ch === quote) quote = null; }
    else if (ch === "'" || ch === '"') { quote = ch; out += ch; }
    else if (ch === '?') out += '$' + (++n);
    else out += ch;
  }
  return out;
}

async function main() {
  const [qpath, host, port, database] = process.argv.slice(2);
  const doc = JSON.parse(fs.readFileSync(qpath, 'utf8'));
  // What the README documents (section "Connecting from clients").
  const client = new Client({ host, port: Number(port), database, user: 'postgres',
                              options: '-c search_path=kolmetrics,public' });
  await client.connect();
  const typeNames = new Map();
  for (const c of doc.cases) {
    let line;
    try {
      const r = await client.query({ text: numbered(c.sql), values: c.params.map(param), rowMode: 'array' });
      const cols = [];
      for (let k = 0; k < r.fields.length; k++) {
        const f = r.fields[k];
        if (!typeNames.has(f.dataTypeID)) {
          const t = await client.query('SELECT format_type($1::oid, NULL) AS t', [f.dataTypeID]);
          typeNames.set(f.dataTypeID, t.rows[0].t);
        }
        const kv = r.rows.map((row) => textOf(row[k]));
        cols.push({ name: f.name, type: typeNames.get(f.dataTypeID), oid: f.dataTypeID,
                    kinds: kv.map((x) => x[0]), values: kv.map((x) => x[1]) });
      }
      line = { name: c.name, ok: true, columns: cols, error: null };
    } catch (e) {
      line = { name: c.name, ok: false, columns: [],
               error: { sqlstate: e.code || null, message: e.message, detail: e.detail || null, hint: e.hint || null } };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
  await client.end();
}

main().catch((e) => { console.error(e); process.exit(1); });
