// Import rate into SQLite through the Store, against raw prepared inserts of the same rows in one transaction.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { postParams } from '../src/store/sqlite/rows.js';
import { secondOf, secondRange } from '../src/store/sqlite/date-key.js';
import { FTS_COLUMNS, ftsValues } from '../src/store/sqlite/fts.js';
import { generatePosts } from './gen-posts.js';

export interface ImportBench {
  posts: number;
  storePostsPerSec: number;
  /** Raw INSERTs of the store's own rows into the store's own schema (indexes and FTS included). */
  rawSameSchemaPostsPerSec: number;
  /** Raw INSERTs into a bare table with only the primary key: what indexing costs on top. */
  rawBareTablePostsPerSec: number;
  ratioSameSchema: number;
  ratioBareTable: number;
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

export async function benchImport(n = 50_000): Promise<ImportBench> {
  const posts = generatePosts(n);
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-bench-import-'));
  try {
    // The rows exactly as the store writes them, serialised before the clock starts.
    const seen = new Date().toISOString();
    const rows: Record<string, unknown>[] = posts.map((p) => ({ ...postParams(p), seen }));
    // The index rows too (folded words and stems), so the baseline does none of the store's text work.
    const fts = posts.map((p, i) => ftsValues(p.text, rows[i]!.hashtags as string, p.lang, p.channel));
    // The date keys too (the search rows' rowids), each second's slots counted in memory: the cheapest way to a key.
    const slots = new Map<number, number>();
    const keys = posts.map((p) => {
      const s = secondOf(p.date);
      const slot = slots.get(s) ?? 0;
      slots.set(s, slot + 1);
      return secondRange(s)[0] + slot;
    });

    // Baseline 1: the store's schema (created by its migrations), raw prepared INSERTs, no store logic.
    const schemaFile = join(dir, 'same-schema.db');
    await (await openSqliteStore(schemaFile)).close();
    const same = new Database(schemaFile);
    same.pragma('journal_mode = WAL');
    same.pragma('synchronous = NORMAL');
    const cols = Object.keys(rows[0]!).filter((k) => k !== 'seen');
    const insPost = same.prepare(
      `INSERT INTO posts (${cols.join(', ')}, first_seen_at, text_seen_at, updated_at, dkey)
       VALUES (${cols.map((c) => '@' + c).join(', ')}, @seen, @seen, @seen, @dkey)`,
    );
    const insFts = same.prepare(
      `INSERT INTO posts_fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(FTS_COLUMNS.length)})`,
    );
    const sameSec = timed(() =>
      same.transaction(() => {
        rows.forEach((r, i) => {
          insPost.run({ ...r, dkey: keys[i] });
          const values = fts[i];
          if (values) insFts.run(keys[i], ...values);
        });
      })(),
    );
    same.close();

    // Baseline 2: a bare table with the same serialised columns and only the primary key.
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = NORMAL');
    bare.exec(
      `CREATE TABLE posts (${cols.map((c) => `${c} ANY`).join(', ')}, seen TEXT, PRIMARY KEY (channel, id))`,
    );
    const insBare = bare.prepare(
      `INSERT INTO posts (${cols.join(', ')}, seen) VALUES (${cols.map((c) => '@' + c).join(', ')}, @seen)`,
    );
    const bareSec = timed(() => bare.transaction(() => rows.forEach((r) => insBare.run(r)))());
    bare.close();

    // The store: Post objects in, everything it does (serialising, merging, versions, FTS) counted.
    const store = await openSqliteStore(join(dir, 'store.db'));
    const t1 = performance.now();
    await store.transaction(async () => {
      for (let i = 0; i < posts.length; i += 500) await store.savePosts(posts.slice(i, i + 500));
    });
    const storeSec = (performance.now() - t1) / 1000;
    await store.close();
    return {
      posts: n,
      storePostsPerSec: Math.round(n / storeSec),
      rawSameSchemaPostsPerSec: Math.round(n / sameSec),
      rawBareTablePostsPerSec: Math.round(n / bareSec),
      ratioSameSchema: Number((storeSec / sameSec).toFixed(2)),
      ratioBareTable: Number((storeSec / bareSec).toFixed(2)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchImport(Number(process.argv[2] ?? 50_000)));
}
