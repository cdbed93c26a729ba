// Collection workers on PostgreSQL: three processes share one job queue and one pace toward t.me; one is SIGKILLed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTme } from './fake-tme/index.js';
import { projectRoot } from './shared.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { PG_URL, admin, schemaPool } from './pg.js';
import { CLI_ENTRY } from './cli.testkit.js';
import { FetchError } from '../src/util/errors.js';

const URL_ = PG_URL;
const SKIP = 'TGWIRE_TEST_PG not set: PostgreSQL worker tests skipped';
const INTERVAL = 30;

const schemas = schemaPool('w');
const freshSchema = (): string => schemas.fresh();

interface Worker {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startWorker(env: NodeJS.ProcessEnv, id: string, extra: string[] = []): Worker {
  const child = spawn(
    process.execPath,
    [...CLI_ENTRY, 'worker', '--until-idle', '--lease', '1.5', '--poll', '0.2', '--id', id, ...extra],
    { cwd: projectRoot, env, stdio: ['ignore', extra.includes('--json') ? 'pipe' : 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return {
    child,
    stderr: () => err,
    exited: new Promise((r) => child.on('exit', (code) => r(code))),
  };
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

if (!URL_) {
  describe('collection workers on PostgreSQL', () => {
    it('runs against a PostgreSQL server', (t) => t.skip(SKIP));
  });
} else {
  const url = URL_;
  after(async () => {
    await schemas.dropAll();
  });

  describe('collection workers on PostgreSQL', () => {
    it('three workers, one SIGKILLed mid-job, backfill 30 channels once each at one shared pace', async () => {
      const names = Array.from({ length: 30 }, (_, i) => `wchan${String(i).padStart(2, '0')}`);
      const fake = await startFakeTme({
        channels: names.map((username, i) => ({ username, posts: 25 + ((i * 7) % 30) })),
        pageSize: 20,
      });
      const dir = mkdtempSync(join(tmpdir(), 'tgwire-workers-'));
      const schema = freshSchema();
      try {
        const store = await openPostgresStore(url, { schema });
        for (const n of names) await store.follow(n, null);
        await store.close();
        const config = join(dir, 'tgwire.config.json');
        writeFileSync(
          config,
          JSON.stringify({ politeness: { intervalMs: INTERVAL, jitterMs: 0, timeoutMs: 2000 } }),
        );
        const env = {
          ...process.env,
          TGWIRE_DB: `${url}?schema=${schema}`,
          TGWIRE_CONFIG: config,
          TGWIRE_TME_BASE: fake.baseUrl,
        };
        const workers = ['w1', 'w2', 'w3'].map((id) => startWorker(env, id));
        const victim = workers[0]!;
        // Killed while it holds a job: right after it claims its second one.
        await until(
          'the first worker to take two jobs',
          () => (victim.stderr().match(/event=claimed/g) ?? []).length >= 2,
          30_000,
        );
        await new Promise((r) => setTimeout(r, 40));
        victim.child.kill('SIGKILL');
        await victim.exited;
        const held = [...victim.stderr().matchAll(/event=claimed channel=(\w+)/g)].at(-1)![1]!;
        const heldDone = new RegExp(`event=done channel=${held} `).test(victim.stderr());
        const codes = await Promise.all(workers.slice(1).map((w) => w.exited));
        assert.deepEqual(codes, [0, 0], workers.map((w) => w.stderr()).join('\n'));

        const check = await openPostgresStore(url, { schema });
        for (const n of names) {
          const posts = await check.queryPosts({ channel: n });
          assert.deepEqual(
            posts.map((p) => p.id),
            fake.channel(n).ids(),
            `posts of ${n}`,
          );
          assert.equal((await check.getSyncState(n))?.reachedStart, true, `${n} backfilled to its start`);
          // The workers kept stories current: the last grouping came after the last post was stored.
          assert.ok(
            posts.every((p) => p.story),
            `every post of ${n} is in a story`,
          );
        }
        await check.close();
        assert.ok(
          workers.slice(1).some((w) => /event=stories assigned=[1-9]\d*/.test(w.stderr())),
          'a worker grouped the new posts into stories',
        );
        const [versions] = await admin(
          async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${schema}.post_versions`)).rows,
        );
        assert.equal(versions.n, 0, 'no post stored twice as an edit of itself');

        const archive = await openPostgresStore(url, { schema });
        const jobs = await archive.queue.list();
        await archive.close();
        assert.deepEqual(
          jobs.map((j) => [j.channel, j.state, j.lastStatus]),
          names.map((n) => [n, 'done', 'ok']),
        );
        // The job the killed worker held was taken over once its lease ran out.
        assert.ok(!heldDone, `the killed worker was still syncing ${held}`);
        assert.equal(jobs.find((j) => j.channel === held)!.attempts, 2, `job ${held} re-run`);
        assert.ok(
          !workers.slice(1).some((w) => /event=lost/.test(w.stderr())),
          'no live worker lost a lease',
        );

        const times = fake.requests.filter((r) => r.path.startsWith('/s/')).map((r) => r.at);
        const gaps = times.slice(1).map((t, i) => t - times[i]!);
        const min = Math.min(...gaps);
        assert.ok(times.length >= 60, `requests: ${times.length}`);
        assert.ok(
          min >= INTERVAL - 1,
          `closest two requests ${min.toFixed(1)} ms apart (pace ${INTERVAL} ms)`,
        );
      } finally {
        await fake.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a worker keeps media as sync does, and none with --no-media', async () => {
      const fake = await startFakeTme({
        channels: [{ username: 'pics', posts: 8, idGapEvery: 0 }],
        serveMedia: true,
      });
      const dir = mkdtempSync(join(tmpdir(), 'tgwire-workers-'));
      try {
        const config = join(dir, 'tgwire.config.json');
        writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0, jitterMs: 0 } }));
        const run = async (extra: string[]): Promise<string[]> => {
          const schema = freshSchema();
          const store = await openPostgresStore(url, { schema });
          await store.follow('pics', null);
          await store.close();
          const before = fake.media.requested().length;
          const w = startWorker(
            {
              ...process.env,
              TGWIRE_DB: `${url}?schema=${schema}`,
              TGWIRE_CONFIG: config,
              TGWIRE_TME_BASE: fake.baseUrl,
              TGWIRE_MEDIA_DIR: join(dir, `media-${schema}`),
              TGWIRE_MEDIA_ALLOW_HOSTS: '127.0.0.1',
            },
            'm1',
            extra,
          );
          assert.equal(await w.exited, 0, w.stderr());
          assert.match(w.stderr(), /event=done channel=pics status=ok new=8/);
          return fake.media.requested().slice(before);
        };
        assert.ok((await run([])).length > 0, 'by default the worker keeps the posts’ photos');
        assert.deepEqual(await run(['--no-media']), [], '--no-media asks t.me for no file');
      } finally {
        await fake.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a worker whose media store refuses says so: once as the one-line error, and on the done line and --json', async () => {
      const fake = await startFakeTme({
        channels: [{ username: 'pics', posts: 8, idGapEvery: 0 }],
        serveMedia: true,
      });
      // A port nothing listens on: the S3 server is down.
      const port = await new Promise<number>((resolve) => {
        const srv = createServer().listen(0, '127.0.0.1', () => {
          const p = (srv.address() as { port: number }).port;
          srv.close(() => resolve(p));
        });
      });
      const dir = mkdtempSync(join(tmpdir(), 'tgwire-workers-'));
      try {
        const config = join(dir, 'tgwire.config.json');
        writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0, jitterMs: 0 } }));
        const schema = freshSchema();
        const store = await openPostgresStore(url, { schema });
        await store.follow('pics', null);
        await store.close();
        const env = {
          ...process.env,
          TGWIRE_DB: `${url}?schema=${schema}`,
          TGWIRE_CONFIG: config,
          TGWIRE_TME_BASE: fake.baseUrl,
          TGWIRE_MEDIA_ALLOW_HOSTS: '127.0.0.1',
          TGWIRE_S3_BUCKET: 'tgwire-down',
          TGWIRE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
          TGWIRE_S3_ACCESS_KEY_ID: 'S3RVER',
          TGWIRE_S3_SECRET_ACCESS_KEY: 'S3RVER',
        };
        const w = startWorker(env, 'm2', ['--json']);
        let out = '';
        w.child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        assert.equal(await w.exited, 0, w.stderr());
        const err = w.stderr();
        assert.match(
          err,
          /event=done channel=pics status=ok new=8 pages=\d+ media_kept=0 media_failed=[1-9]/,
        );
        assert.match(err, /tgwire media fetch tries the failed ones again/);
        const said = err.match(/^tgwire: media store: cannot reach bucket tgwire-down .*$/gm) ?? [];
        assert.equal(said.length, 1, err);
        const summary = JSON.parse(out) as { media?: { kept: number; failed: number } };
        assert.equal(summary.media?.kept, 0);
        assert.ok((summary.media?.failed ?? 0) > 0, out);
      } finally {
        await fake.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the queue tells serve whether workers are at work: a job held, or taken or finished within the window', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema });
      try {
        const HOUR = 3_600_000;
        await store.follow('shared', null);
        assert.equal(await store.queue.workersActive(HOUR), false, 'no worker ever ran');
        await store.queue.schedule({ everyMs: HOUR, maxAttempts: 5 });
        assert.equal(await store.queue.workersActive(HOUR), false, 'queued is not taken');
        const job = await store.queue.claim('w1', 60_000);
        assert.ok(job);
        assert.equal(await store.queue.workersActive(0), true, 'a job under a live lease');
        await store.queue.complete(job, 'w1', 'ok', null);
        assert.equal(await store.queue.workersActive(HOUR), true, 'finished within the hour');
        assert.equal(await store.queue.workersActive(0), false, 'nothing held, nothing since');
      } finally {
        await store.close();
      }
    });

    it('a named lock runs one holder at a time across archives on one schema; the others pass at once', async () => {
      const schema = freshSchema();
      const archives = [await openPostgresStore(url, { schema }), await openPostgresStore(url, { schema })];
      try {
        const [a, b] = archives.map((s) => s.queue);
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        const first = a!.exclusive('stories', async () => {
          await held;
          return 'first';
        });
        await new Promise((r) => setTimeout(r, 100)); // first now holds the lock
        assert.deepEqual(await b!.exclusive('stories', async () => 'second'), { ran: false });
        assert.deepEqual(await b!.exclusive('other', async () => 'other'), { ran: true, value: 'other' });
        release();
        assert.deepEqual(await first, { ran: true, value: 'first' });
        assert.deepEqual(await b!.exclusive('stories', async () => 'after'), { ran: true, value: 'after' });
        await assert.rejects(
          a!.exclusive('stories', async () => {
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.deepEqual(await b!.exclusive('stories', async () => 'freed'), { ran: true, value: 'freed' });
      } finally {
        await Promise.all(archives.map((s) => s.close()));
      }
    });

    it('the shared pacer spaces requests of two processes by the interval, counted from the end of each', async () => {
      const schema = freshSchema();
      const archives = [await openPostgresStore(url, { schema }), await openPostgresStore(url, { schema })];
      const pacers = archives.map((s) => s.sharedPacer({ intervalMs: 40, jitterMs: 0 }));
      const starts: number[] = [];
      try {
        await Promise.all(
          pacers.map(async (pacer) => {
            for (let i = 0; i < 5; i++) {
              const release = await pacer.wait('t.me');
              starts.push(performance.now());
              await new Promise((r) => setTimeout(r, 15)); // the request takes 15 ms
              release();
            }
          }),
        );
        starts.sort((a, b) => a - b);
        const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
        assert.equal(starts.length, 10);
        // start-to-start: 15 ms of request + 40 ms after it ended
        assert.ok(Math.min(...gaps) >= 40 + 15 - 2, `gaps ${gaps.map((g) => g.toFixed(0)).join(' ')}`);
        const aborted = new AbortController();
        const pending = pacers[0]!.wait('t.me', aborted.signal);
        aborted.abort(new Error('stop'));
        await assert.rejects(pending, /stop/);
      } finally {
        for (const p of pacers) await p.close();
        for (const s of archives) await s.close();
      }
    });

    it('a pause one process was asked for (Retry-After) holds the host for the others; a long one fails at once', async () => {
      const schema = freshSchema();
      const archives = [await openPostgresStore(url, { schema }), await openPostgresStore(url, { schema })];
      const [first, second] = archives.map((s) =>
        s.sharedPacer({ intervalMs: 10, jitterMs: 0, holdLimitMs: 2_000 }),
      ) as [ReturnType<(typeof archives)[0]['sharedPacer']>, ReturnType<(typeof archives)[0]['sharedPacer']>];
      try {
        // The first process's request is answered 429 with Retry-After: 0.4 s, then it releases the host.
        const release = await first.wait('t.me');
        const asked = performance.now();
        first.holdOff!('t.me', 400);
        release();
        await first.close(); // its writes have reached the database
        (await second.wait('t.me'))();
        const waited = performance.now() - asked;
        assert.ok(waited >= 390, `the other process started after ${waited.toFixed(0)} ms`);
        // A pause longer than the limit is not waited out: a 429 FetchError with the time left.
        second.holdOff!('T.ME', 60_000);
        await second.close();
        const t0 = performance.now();
        await assert.rejects(first.wait('t.me'), (e: unknown) => {
          assert.ok(e instanceof FetchError && e.status === 429, String(e));
          assert.ok(e.retryAfterMs! > 55_000 && e.retryAfterMs! <= 60_000, `left ${e.retryAfterMs}`);
          assert.match(e.message, /asked for a pause until/);
          return true;
        });
        assert.ok(performance.now() - t0 < 1_000, 'refused at once');
        // Without pacing, the pause is still kept.
        const unpaced = archives[1]!.sharedPacer({ intervalMs: 0, holdLimitMs: 2_000 });
        await assert.rejects(unpaced.wait('t.me'), /asked for a pause/);
        await unpaced.close();
      } finally {
        await first.close();
        await second.close();
        for (const s of archives) await s.close();
      }
    });
  });
}
