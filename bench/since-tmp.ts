import Database from 'better-sqlite3';
import { parseQuery } from '../src/search/parse.js';
import { compileSearch } from '../src/store/sqlite/fts.js';
import { secondOf, secondRange } from '../src/store/sqlite/date-key.js';
import { wordPairs } from './store-bench.js';
const db = new Database(process.argv[2]!, { readonly: true });
db.pragma('mmap_size = 268435456');
const pairs = wordPairs(200);
const lo = secondRange(secondOf('2024-01-06T00:00:00.000Z'))[0];
const hi = 2 ** 53;
const fwd = db.prepare('SELECT rowid FROM posts_fts f WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT 1001').pluck();
const desc = db.prepare('SELECT rowid FROM posts_fts f WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT 1001').pluck();
const walk = db.prepare('SELECT rowid FROM posts_fts f WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT 21').pluck();
const a: number[] = [], b: number[] = [];
for (let round = 0; round < 2; round++)
  for (const q of pairs) {
    const m = compileSearch(parseQuery(q)).match!;
    let t = performance.now(); desc.all(m, lo, hi); const x = performance.now() - t;
    t = performance.now(); const r = fwd.all(m, lo, hi); if (r.length > 1000) walk.all(m, lo, hi); const y = performance.now() - t;
    if (round) { a.push(x); b.push(y); }
  }
const st = (x: number[]) => { x.sort((p, q) => p - q); return `${x[100]!.toFixed(2)} / ${x[198]!.toFixed(2)}`; };
console.log('desc list', st(a), '| fwd list (+walk past cap)', st(b));
const total = db.prepare('SELECT count(*) FROM posts_fts WHERE rowid >= ?').pluck().get(lo);
console.log('share of posts since', total);
