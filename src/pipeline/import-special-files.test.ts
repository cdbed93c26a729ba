// Files that are not regular files (FIFOs, pipes, devices) are refused with one line naming them, never waited on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, copyFileSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../store/sqlite/index.js';
import { ImportFormatError, ParseError } from '../util/errors.js';
import { importFile } from './import.js';

const split = join(dirname(fileURLToPath(import.meta.url)), '../collectors/export/testdata/split');

async function withStore(
  check: (dir: string, store: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<void>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-special-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  try {
    await check(dir, store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Settles `work`, or fails after `ms`, first opening the FIFO's write end so a reader stuck on it returns. */
async function notHanging<T>(work: Promise<T>, fifo: string, ms = 3000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // No reader waiting: nothing to release.
      }
      reject(new Error(`still waiting on ${fifo} after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([work, hung]);
  } finally {
    clearTimeout(timer);
  }
}

test(
  'a FIFO is refused with one line naming it, without waiting for a writer',
  { timeout: 10_000 },
  async () => {
    await withStore(async (dir, store) => {
      const fifo = join(dir, 'posts.html');
      execFileSync('mkfifo', [fifo]);
      await assert.rejects(
        notHanging(importFile(store, fifo), fifo),
        (e: unknown) =>
          e instanceof ImportFormatError &&
          e.message.startsWith(fifo) &&
          /not a regular file/.test(e.message),
      );
    });
  },
);

test('a FIFO as the second page of an HTML export is refused, naming it', { timeout: 10_000 }, async () => {
  await withStore(async (dir, store) => {
    copyFileSync(join(split, 'messages.html'), join(dir, 'messages.html'));
    const fifo = join(dir, 'messages2.html');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(
      notHanging(importFile(store, join(dir, 'messages.html')), fifo),
      (e: unknown) => e instanceof ParseError && e.where === fifo && /not a regular file/.test(e.message),
    );
    assert.equal(await store.countPosts({}), 0, 'nothing of the export is kept');
  });
});

test('a pipe given as /dev/stdin is refused with one line, not ESPIPE', { timeout: 10_000 }, async () => {
  // A child whose stdin is a pipe imports /dev/stdin; the parent never writes, so a read would hang.
  const script = `
    const { openSqliteStore } = await import(${JSON.stringify(new URL('../store/sqlite/index.ts', import.meta.url).href)});
    const { importFile } = await import(${JSON.stringify(new URL('./import.ts', import.meta.url).href)});
    const store = await openSqliteStore(':memory:');
    try { await importFile(store, '/dev/stdin'); console.log('imported'); }
    catch (e) { console.log(e.name + ': ' + e.message); }
    await store.close();
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b));
  // Closing our end after a while lets a reader stuck on the pipe see its end instead of hanging the test.
  const release = setTimeout(() => child.stdin.destroy(), 3000);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  clearTimeout(release);
  assert.equal(code, 0);
  assert.match(out.trim(), /^ImportFormatError: \/dev\/stdin: not a regular file/);
});
