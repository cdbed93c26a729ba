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
  /** Searches in worker threads (Config.searchWorkers = 2) or on the main thread. */
  pool: 'on' | 'off';
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
  /** p99 of never-seen searches, one client at a time, with the pool on, under the 50 ms target. */
  searchP99Ok: boolean;
  /** Never-seen searches: p99 with four clients over p99 with one (target <= 2), per pool setting. */
  searchScaling: { pool: 'on' | 'off'; ratio: number }[];
}

export interface WebBenchOptions {
  /** @default 100_000 */
  posts?: number;
  /** Seconds per route. @default 5 */
  duration?: number;
  /** Concurrent connections (one Node process serves them all, so latency grows with this). @default 4 */
  connections?: number;
  /** Worker threads when the pool is on. @default 2 (serve's default on this benchmark's 2-core machine) */
  workers?: number;
}

/** The archive: posts in 10 channels, half of them in the topic "brics". */
async function buildArchive(file: string, n: number): Promise<void> {
  const store = await openSqliteStore(file);
  try {
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
  } finally {
    await store.close();
  }
}

export async function benchWeb(options: WebBenchOptions = {}): Promise<WebBenchResult> {
  const n = options.posts ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-web-bench-'));
  const file = join(dir, 'bench.db');
  try {
    const t0 = performance.now();
    await buildArchive(file, n);
    const buildMs = Math.round(performance.now() - t0);
    // The store caches recent searches; "search new" asks a different two-word query every time, so it measures
    // searches nobody has run yet (two words of one generated post: all have matches). The pairs go on across
    // both runs, and each run has its own connections, so no run meets a search another one cached.
    const pairs = wordPairs(5000);
    let k = 0;
    const distinct = () => `/search?q=${encodeURIComponent(pairs[k++ % pairs.length]!)}`;
    const fresh = '/search?q=<a different word pair each request>';
    const conns = options.connections ?? 4;
    const targets: { route: string; path: string; connections: number }[] = [
      { route: 'topic feed', path: '/t/brics', connections: conns },
      { route: 'search', path: `/search?q=${encodeURIComponent('Kazan energy')}`, connections: conns },
      // Once with one client (what one reader waits), once with several (what each waits when they come together).
      { route: 'search new', path: fresh, connections: 1 },
      { route: 'search new', path: fresh, connections: conns },
      { route: 'rss', path: '/c/channel_3/feed.rss', connections: conns },
    ];
    const routes: RouteResult[] = [];
    // The same server twice on the same file: searches on the main thread, then in worker threads.
    for (const pool of ['off', 'on'] as const) {
      const store = await openSqliteStore(file, {
        searchWorkers: pool === 'on' ? (options.workers ?? 2) : 0,
      });
      const server = await startServer({
        store,
        config: { ...loadConfig({}, {}), host: '127.0.0.1', port: 0 },
      });
      try {
        // The workers start with the first search (about half a second): not part of what is measured.
        await fetch(`${server.url}/search?q=warmup`).then((r) => r.arrayBuffer());
        for (const t of targets) {
          const isNew = t.route === 'search new';
          const r = await autocannon({
            url: `${server.url}${isNew ? '/search' : t.path}`,
            duration: options.duration ?? 5,
            connections: t.connections,
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
            pool,
            connections: t.connections,
            requestsPerSec: Math.round(r.requests.average),
            medianMs: r.latency.p50,
            p99Ms: r.latency.p99,
            errors: r.errors + r.timeouts,
            non2xx: r.non2xx,
          });
        }
      } finally {
        await server.close();
        await store.close();
      }
    }
    const p99 = (pool: 'on' | 'off', c: number) =>
      routes.find((r) => r.route === 'search new' && r.pool === pool && r.connections === c)!.p99Ms;
    return {
      posts: n,
      buildMs,
      routes,
      searchP99Ok: p99('on', 1) < 50,
      searchScaling: (['off', 'on'] as const).map((pool) => ({
        pool,
        ratio: Math.round((p99(pool, conns) / p99(pool, 1)) * 100) / 100,
      })),
    };
  } finally {
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
  for (const s of r.searchScaling)
    console.log(`pool ${s.pool}: search new p99 4 clients / 1 client = ${s.ratio}`);
}
