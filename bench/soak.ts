// Soak: `tgwire serve` (a real child process) collecting from a local fake t.me while imports (CLI child
// processes), searches and feed reads run against it, for a bounded time, all on 127.0.0.1. Reports the errors seen
// (there must be none), the server's memory over time (flat) and the collector's progress over time (continuous).
// Run: npm run bench -- --only soak   (SOAK_SECONDS=180 by default; --quick: 45 s)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startFakeTme } from '../test/fake-tme/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = join(root, 'scripts', 'tgwire-dev.ts');
const TSX = import.meta.resolve('tsx');

export interface SoakSample {
  atS: number;
  rssMb: number;
  /** Posts the collector stored so far (t.me channels only, not the imported ones). */
  collected: number;
}

export interface SoakResult {
  seconds: number;
  samples: SoakSample[];
  imports: number;
  requests: number;
  errors: string[];
  /** Set when the server's log says the collector stopped. */
  collectorStopped: string | null;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function exportJson(file: string, channelId: number, posts: number): void {
  const messages = Array.from({ length: posts }, (_, i) => ({
    id: i + 1,
    type: 'message',
    date: new Date(Date.UTC(2024, 0, 1) + i * 600_000).toISOString().slice(0, 19),
    date_unixtime: String(Math.floor(Date.UTC(2024, 0, 1) / 1000) + i * 600),
    from: `Imported ${channelId}`,
    from_id: `channel${channelId}`,
    text: `Imported post ${i + 1} of ${channelId}: the harbour, the bridge and the market #soak${i % 20}`,
  }));
  writeFileSync(
    file,
    JSON.stringify({ name: `Imported ${channelId}`, type: 'public_channel', id: channelId, messages }),
  );
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', TSX, DEV, ...args], { cwd: root, env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.on('close', (code) => res({ code, stderr }));
  });
}

export async function benchSoak(seconds: number): Promise<SoakResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-soak-'));
  const db = join(dir, 'soak.db');
  // Enough history that the backfill (politeness 200 ms per page, 20 posts a page) outlasts the soak.
  const pages = Math.ceil((seconds * 1000) / 200) + 50;
  const perChannel = Math.ceil((pages * 20) / 4);
  const channels = ['soak_a', 'soak_b', 'soak_c', 'soak_d'];
  const fake = await startFakeTme({
    channels: channels.map((username) => ({ username, posts: perChannel })),
  });
  const config = join(dir, 'tgwire.yaml');
  writeFileSync(
    config,
    [
      `tmeBase: ${fake.baseUrl}`,
      'politeness:',
      '  intervalMs: 200',
      '  jitterMs: 0',
      'channels:',
      ...channels.map((c) => `  - ${c}`),
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const env = { ...process.env, TGWIRE_DB: db, TGWIRE_CONFIG: config, TGWIRE_TME_BASE: fake.baseUrl };
  const errors: string[] = [];
  let collectorStopped: string | null = null;
  const serve: ChildProcess = spawn(
    process.execPath,
    ['--import', TSX, DEV, 'serve', '--no-demo', '--port', String(port)],
    { cwd: root, env },
  );
  let log = '';
  serve.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
    for (const line of log.split('\n').slice(0, -1)) {
      if (/collector stopped/.test(line)) collectorStopped ??= line;
      if (/status=error|internal error|web: /.test(line)) errors.push(`serve: ${line}`);
    }
    log = log.slice(log.lastIndexOf('\n') + 1);
  });
  serve.stdout!.resume();
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('serve did not start');
    if (
      await fetch(base + '/api/channels').then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const started = Date.now();
  const end = started + seconds * 1000;
  const reader = new Database(db, { readonly: true });
  const countCollected = reader.prepare(
    `SELECT count(*) FROM posts WHERE channel IN (${channels.map(() => '?').join(', ')})`,
  );
  const samples: SoakSample[] = [];
  const sample = () =>
    samples.push({
      atS: Math.round((Date.now() - started) / 1000),
      rssMb: Math.round(rssMb(serve.pid!)),
      collected: countCollected.pluck().get(...channels) as number,
    });
  sample();
  const sampler = setInterval(sample, Math.max(5000, (seconds * 1000) / 24));

  // Imports, one after another, each a new channel of 3,000 posts (a CLI process writing beside serve).
  let imports = 0;
  const importer = (async () => {
    for (let n = 0; Date.now() < end; n++) {
      const file = join(dir, `export-${n}.json`);
      exportJson(file, 900_000 + n, 3000);
      const r = await run(['import', file], env);
      if (r.code !== 0) errors.push(`import ${n}: exit ${r.code}: ${r.stderr.trim()}`);
      else imports++;
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  // Readers: searches, feeds and pages, a few clients in a loop.
  let requests = 0;
  const paths = [
    '/api/search?q=harbour',
    '/search?q=bridge',
    '/api/search?q=market',
    '/c/soak_a/feed.rss',
    '/c/soak_b/feed.atom',
    '/c/soak_c/feed.json',
    '/channels',
    '/api/posts?limit=50',
    '/',
  ];
  const readers = [0, 1, 2].map(async (k) => {
    for (let i = k; Date.now() < end; i++) {
      const path = paths[i % paths.length]!;
      const res = await fetch(base + path).catch((e: unknown) => e as Error);
      requests++;
      if (res instanceof Error) errors.push(`GET ${path}: ${res.message}`);
      else {
        await res.arrayBuffer();
        if (res.status !== 200) errors.push(`GET ${path}: ${res.status}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  await Promise.all([importer, ...readers]);
  clearInterval(sampler);
  sample();
  reader.close();
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('close', r));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, samples, imports, requests, errors, collectorStopped };
}
