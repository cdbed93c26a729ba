// Imports that stop part-way and groupings that were cut off: the report names what was saved, and posts left
// without a story get one at the next import or start.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyChannel, emptyPost } from '../src/model/post.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { leaveCutOffImport } from '../src/pipeline/cut-off.testkit.js';
import { CLI_ENTRY, tgwire } from './cli.testkit.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'tgwire-partial-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NBSP = '\u00A0';
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const a = file(
  'a.txt',
  `Forwarded from${NBSP}MFA\nLavrov in Kazan.\nForwarded from${NBSP}TASS\nThe summit opens.\n`,
);
const b = file('b.txt', '');
const c = file('c.txt', `Forwarded from${NBSP}RT\nDelegations arrive.\n`);

async function counts(db: string): Promise<{ posts: number; storyless: number }> {
  const store = await openSqliteStore(db);
  try {
    return { posts: await store.countPosts({}), storyless: await store.countPosts({ storyless: true }) };
  } finally {
    await store.close();
  }
}

/** An archive holding posts that were stored but never grouped, as a process killed while grouping leaves it. */
async function ungrouped(db: string): Promise<void> {
  const store = await openSqliteStore(db);
  try {
    await store.upsertChannel(emptyChannel('left'));
    await store.savePosts(
      [1, 2, 3].map((id) => ({
        ...emptyPost('left', id, 'text'),
        text: `Post ${id} about the BRICS summit in Kazan.`,
      })),
    );
  } finally {
    await store.close();
  }
}

describe('import of several files that fails part-way', () => {
  it('lists the files saved with their counts and the files not saved, exits 1, and groups what it saved', async () => {
    const db = join(dir, 'partial.db');
    const r = tgwire(['--db', db, 'import', a, b, c, '--channel', 'news']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /a\.txt/, 'the table shows the saved file');
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('notice: '));
    assert.match(
      lines[0]!,
      /^tgwire: saved 1 of 3 files: .*a\.txt \(batch 1: 2 posts, 2 added, 0 updated, 0 unchanged\)$/,
    );
    assert.match(lines[1]!, /^tgwire: not saved: .*b\.txt \(the error below\), .*c\.txt \(not read\)$/);
    assert.match(lines.at(-1)!, /^tgwire: .*b\.txt: the file is empty$/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(await counts(db), { posts: 2, storyless: 0 });
  });

  it('a single file that fails still gives one line and saves nothing', async () => {
    const db = join(dir, 'single.db');
    const r = tgwire(['--db', db, 'import', b]);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
});

describe('posts left without a story by a grouping cut off', () => {
  it('are grouped by the next import, even one that adds nothing', async () => {
    const db = join(dir, 'next-import.db');
    assert.equal(tgwire(['--db', db, 'import', a, '--channel', 'news']).code, 0);
    await ungrouped(db);
    assert.equal((await counts(db)).storyless, 3);
    const r = tgwire(['--db', db, 'import', a, '--channel', 'news', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { added: number }[])[0]!.added, 0);
    assert.deepEqual(await counts(db), { posts: 5, storyless: 0 });
  });

  it('are grouped when serve starts', async () => {
    const db = join(dir, 'serve.db');
    await ungrouped(db);
    const { seen, stderr } = await serveUntil(db, /stories: grouped 3 posts/);
    assert.ok(seen, `serve did not group the posts: ${stderr}`);
    assert.equal((await counts(db)).storyless, 0);
  });

  it('an import whose process was killed is taken back when serve starts', async () => {
    const db = join(dir, 'serve-cut.db');
    const store = await openSqliteStore(db);
    try {
      // What a killed import leaves: its record (owner: a process that is gone) and the posts it committed.
      const batch = await store.startImportBatch({
        file: 'killed.json',
        format: 'export-json',
        startedAt: '2024-05-01T00:00:00.000Z',
        owner: `${hostname()}:2147483646`,
      });
      await store.upsertChannel(emptyChannel('killed'));
      await store.progressImportBatch(batch, { channels: ['killed'], created: ['killed'] });
      const posts = [1, 2, 3].map((id) => ({
        ...emptyPost('killed', id, 'export-json'),
        text: `half ${id}`,
      }));
      await store.noteImportPosts(batch, posts);
      await store.savePosts(posts);
    } finally {
      await store.close();
    }
    const { seen, stderr } = await serveUntil(db, /import taken back: killed\.json/);
    assert.ok(seen, `serve did not take the import back: ${stderr}`);
    const after = await openSqliteStore(db);
    try {
      assert.equal(await after.countPosts({ channel: 'killed' }), 0);
      assert.deepEqual(await after.unfinishedImportBatches(), []);
    } finally {
      await after.close();
    }
  });
});

/** An archive holding what a killed import of `big.json` left: 40 posts of channel bigchan2 it made. */
async function killedImport(db: string): Promise<void> {
  const store = await openSqliteStore(db);
  try {
    await leaveCutOffImport(store, { file: 'big.json', channel: 'bigchan2', posts: 40 });
  } finally {
    await store.close();
  }
}

describe('an import killed part-way is not what readers get', () => {
  const commands: [string, string[], (out: string) => void][] = [
    ['export', ['export', '--format', 'jsonl'], (out) => assert.doesNotMatch(out, /bigchan2/)],
    ['stats', ['stats', '--json'], (out) => assert.equal((JSON.parse(out) as { posts: number }).posts, 0)],
    ['channels list --all', ['channels', 'list', '--all'], (out) => assert.doesNotMatch(out, /bigchan2/)],
    ['search', ['search', 'harbour', '--json'], (out) => assert.doesNotMatch(out, /bigchan2/)],
  ];
  for (const [name, args, check] of commands)
    it(`${name} takes it back first and says so`, async () => {
      const db = join(dir, `read-${name.replace(/\W+/g, '-')}.db`);
      await killedImport(db);
      const r = tgwire(['--db', db, ...args]);
      assert.equal(r.code, 0, r.stderr);
      check(r.stdout);
      assert.match(
        r.stderr,
        /^notice: big\.json: import batch 1 did not finish: its 40 posts saved so far were taken back$/m,
      );
      assert.equal((await counts(db)).posts, 0);
    });

  it('serve takes back an import killed while it runs, without another command', async () => {
    const db = join(dir, 'serve-running.db');
    const { seen, stderr } = await serveUntil(db, /import taken back: big\.json/, () => killedImport(db));
    assert.ok(seen, `serve did not take the import back: ${stderr}`);
    assert.equal((await counts(db)).posts, 0);
  });
});

/**
 * Starts `serve` on the archive, runs `whileUp` once it serves, waits until its log matches `wanted` (or 30 s), then
 * stops it.
 */
async function serveUntil(
  db: string,
  wanted: RegExp,
  whileUp?: () => Promise<void>,
): Promise<{ seen: boolean; stderr: string }> {
  const child = spawn(
    process.execPath,
    [...CLI_ENTRY, '--db', db, 'serve', '--port', '0', '--no-demo', '--no-collect'],
    { cwd: projectRoot, env: { ...process.env, TGWIRE_DB: '', TGWIRE_CONFIG: '' } },
  );
  let stderr = '';
  const seen = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 30_000);
    let started = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (whileUp && !started && /tgwire is serving/.test(stderr)) {
        started = true;
        whileUp().catch((e: unknown) => (stderr += `whileUp failed: ${String(e)}`));
      }
      if (wanted.test(stderr)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { seen, stderr };
}
