// Web benchmark: a generated 100k-post SQLite archive behind the real server, autocannon on feed, search and RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config/config.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { startServer } from '../src/web/server.js';
import { generatePosts } from './gen-posts.js';
import { wordPairs } from './store-bench.js';

export interface RouteResult {
  route: string;
  path: string;
  connections: number;
  requestsPerSec: number;
  medianMs: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface WebBenchResult {
  posts: number;
  buildMs: number;
  routes: RouteResult[];
  /** p99 of never-seen searches, one client at a time, under the 50 ms target. */
  searchP99Ok: boolean;
}

export interface WebBenchOptions {
  /** @default 100_000 */
  posts?: number;
  /** Seconds per route. @default 5 */
  duration?: number;
  /** Concurrent connections (one Node process serves them all, so latency grows with this). @default 4 */
  connections?: number;
}

export async function benchWeb(options: WebBenchOptions = {}): Promise<WebBenchResult> {
  const n = options.posts ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-web-bench-'));
  const store = await openSqliteStore(join(dir, 'bench.db'));
  try {
    const t0 = performance.now();
    const posts = generatePosts(n, { channels: 10 });
    for (let i = 0; i < posts.length; i += 5000) {
      const batch = posts.slice(i, i + 5000);
      await store.transaction(async () => {
        await store.savePosts(batch);
        // Half the archive belongs to the topic, so the topic feed is a filtered query, not a plain scan.
        await store.setPostTopics(
          batch
            .filter((_, k) => k % 2 === 0)
            .map((p) => ({ channel: p.channel, id: p.id, topics: ['brics'] })),
        );
      });
    }
    await store.saveTopic({ name: 'brics', query: 'BRICS OR БРИКС', aliases: [['BRICS', 'БРИКС']] });
    const buildMs = Math.round(performance.now() - t0);
    const server = await startServer({
      store,
      config: { ...loadConfig({}, {}), host: '127.0.0.1', port: 0 },
    });
    const routes: RouteResult[] = [];
    try {
      const targets: { route: string; path: string; connections?: number }[] = [
        { route: 'topic feed', path: '/t/brics' },
        { route: 'search', path: `/search?q=${encodeURIComponent('Kazan energy')}` },
        { route: 'rss', path: '/c/channel_3/feed.rss' },
      ];
      // The store caches recent searches; this route asks a different two-word query every time, so it
      // measures searches nobody has run yet (two words of one generated post: all have matches).
      const pairs = wordPairs(5000);
      let k = 0;
      const distinct = () => `/search?q=${encodeURIComponent(pairs[k++ % pairs.length]!)}`;
      // Once with one client (what one reader waits), once with the others (one Node process queues them).
      const fresh = '/search?q=<a different word pair each request>';
      targets.splice(
        2,
        0,
        { route: 'search new 1c', path: fresh, connections: 1 },
        { route: 'search new', path: fresh },
      );
      for (const t of targets) {
        const isNew = t.route.startsWith('search new');
        const r = await autocannon({
          url: `${server.url}${isNew ? '/search' : t.path}`,
          duration: options.duration ?? 5,
          connections: t.connections ?? options.connections ?? 4,
          ...(isNew
            ? {
                requests: [
                  { setupRequest: (req: autocannon.Request) => ({ ...req, path: distinct() }) },
                ] as autocannon.Request[],
              }
            : {}),
        });
        routes.push({
          route: t.route,
          path: t.path,
          connections: t.connections ?? options.connections ?? 4,
          requestsPerSec: Math.round(r.requests.average),
          medianMs: r.latency.p50,
          p99Ms: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
      }
    } finally {
      await server.close();
    }
    const search = routes.find((r) => r.route === 'search new 1c')!;
    return { posts: n, buildMs, routes, searchP99Ok: search.p99Ms < 50 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const posts = process.env.WEB_BENCH_POSTS ? Number(process.env.WEB_BENCH_POSTS) : undefined;
  const connections = process.env.WEB_BENCH_CONNECTIONS
    ? Number(process.env.WEB_BENCH_CONNECTIONS)
    : undefined;
  const r = await benchWeb({ posts, connections });
  console.log(`archive: ${r.posts} posts built in ${r.buildMs} ms`);
  console.table(r.routes);
  console.log(`search p99 ${r.searchP99Ok ? 'under' : 'OVER'} the 50 ms target`);
}
