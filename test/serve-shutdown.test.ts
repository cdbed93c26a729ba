// `tgwire serve` as a real process: SIGTERM ends it within seconds, whatever its clients are doing (an idle
// keep-alive connection, a request still sending its headers, the page of a post with 200,000 entities).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyChannel, emptyPost, type Entity } from '../src/model/post.js';
import { SHUTDOWN_GRACE_MS } from '../src/model/limits.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { projectRoot } from './shared.js';
import { CLI_ENTRY } from './cli.testkit.js';

let dir: string;
let db: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-shutdown-'));
  db = join(dir, 'archive.db');
  const store = await openSqliteStore(db);
  await store.upsertChannel({ ...emptyChannel('huge'), username: 'huge' });
  // Stored directly (an import would cut it): 200,000 one-character entities, in reverse order.
  const entities: Entity[] = [];
  for (let i = 200_000 - 1; i >= 0; i--)
    entities.push({ type: i % 2 ? 'bold' : 'italic', offset: i, length: 1 });
  await store.savePosts([
    {
      ...emptyPost('huge', 1, 'tme-live'),
      date: '2024-01-01T00:00:00.000Z',
      text: 'ab'.repeat(100_000),
      entities,
    },
  ]);
  await store.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `serve` on a free port and resolves with its URL once it listens. */
function startServe(): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [...CLI_ENTRY, '--db', db, 'serve', '--port', '0', '--no-demo', '--no-collect'],
    {
      cwd: projectRoot,
      env: { ...process.env, TGWIRE_DB: '', TGWIRE_CONFIG: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${stderr}`));
    }, 60_000);
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      const m = /serving .* on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, stderr: () => stderr });
      }
    });
    child.once('exit', () => reject(new Error(`serve exited at start: ${stderr}`)));
  });
}

/** The exit of the child, or null when it is still running after `ms`. */
function exitWithin(
  child: ChildProcess,
  ms: number,
): Promise<{ code: number | null; signal: string | null } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('serve shutdown', () => {
  it('ends within seconds of SIGTERM with a keep-alive connection, a slow request and a huge page open', async () => {
    const { child, url, stderr } = await startServe();
    const sockets: Socket[] = [];
    const agent = new Agent({ keepAlive: true });
    try {
      // An idle keep-alive connection, as a browser leaves one.
      await new Promise<void>((resolve, reject) =>
        get(`${url}/api/stats`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        }).on('error', reject),
      );
      // A client that never finishes its headers.
      const slow = connect(Number(new URL(url).port), '127.0.0.1');
      slow.on('error', () => {});
      slow.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      sockets.push(slow);
      // The page of the huge post, asked for and not awaited: SIGTERM arrives while it is being served.
      const huge = connect(Number(new URL(url).port), '127.0.0.1');
      huge.on('error', () => {});
      huge.write('GET /c/huge/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      huge.resume();
      sockets.push(huge);
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      // The grace period plus start-up slack on a loaded machine; a frozen server never gets there.
      const exit = await exitWithin(child, SHUTDOWN_GRACE_MS + 10_000);
      assert.ok(exit, `serve was still running after SIGTERM: ${stderr()}`);
      assert.equal(exit.signal, null, 'it ended by itself, not by a signal');
      assert.equal(exit.code, 0, stderr());
    } finally {
      agent.destroy();
      for (const s of sockets) s.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
