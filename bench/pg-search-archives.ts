// PostgreSQL search archives: one N-post archive per full-text plan (GIN, RUM), built as a bulk load and
// vacuumed as autovacuum would, kept for pg-search-floor.ts to measure on.
// CLI: node --import tsx bench/pg-search-archives.ts URL [POSTS] [gin|rum]: schemas gin_POSTS and rum_POSTS (or the one).
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildPgArchive } from './pg-ingest.js';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [url, count, only] = process.argv.slice(2);
  if (!url) throw new Error('usage: pg-search-archives.ts URL [POSTS] [gin|rum]');
  const n = Number(count ?? 1_000_000);
  for (const searchIndex of ['gin', 'rum'] as const) {
    if (only !== undefined && only !== searchIndex) continue;
    const schema = `${searchIndex}_${n}`;
    const built = await buildPgArchive(url, n, {
      schema,
      searchIndex,
      bulk: true,
      onProgress: (saved) => {
        if (saved % 100_000 === 0) console.log(schema, saved, new Date().toISOString());
      },
    });
    console.log(schema, JSON.stringify(built));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const t = performance.now();
      await client.query(`VACUUM ANALYZE ${schema}.posts`);
      console.log(schema, `VACUUM ANALYZE ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } finally {
      await client.end();
    }
  }
}
