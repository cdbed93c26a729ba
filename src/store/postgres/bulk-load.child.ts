// A bulk load that never ends on its own (bulk-load.test.ts kills it): node --import tsx bulk-load.child.ts URL SCHEMA.
// Prints "loading" once its first batch is committed with the indexes set aside.
import { emptyPost } from '../../model/post.js';
import { openPostgresStore } from './index.js';

const [url, schema] = process.argv.slice(2);
const store = await openPostgresStore(url!, { schema: schema!, poolSize: 2 });
await store.bulkLoad(async () => {
  for (let batch = 0; ; batch++) {
    const posts = Array.from({ length: 500 }, (_, i) => {
      const p = emptyPost('killed', 1_000 + batch * 500 + i, 'export-json');
      p.text = `loaded in bulk ${batch} ${i}`;
      p.date = new Date(Date.UTC(2024, 1, 1) + i * 1000).toISOString();
      return p;
    });
    await store.transaction(() => store.savePosts(posts));
    if (batch === 0) process.stdout.write('loading\n');
  }
});
