// The read pool: searches in worker threads answer exactly what the main thread answers, see every commit, stay on
// the main thread inside a transaction, survive a worker that dies, and stop with the store.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost, type Post } from '../../model/post.js';
import { QuerySyntaxError } from '../../search/parse.js';
import { mulberry32 } from '../../util/random.js';
import { ArchiveBusyError, StoreError, UserError } from '../../util/errors.js';
import type { SearchOptions } from '../store.js';
import { openSqliteStore, type SqliteStore } from './index.js';
import { ReadPool } from './read-pool.js';
import { errorFromWire, errorToWire } from './read-worker.js';

const VOCAB = {
  en: 'energy summit sanctions trade finance partners meeting agenda ministers security'.split(' '),
  ru: 'энергия саммит санкции торговля финансы партнёры встреча министры безопасность'.split(' '),
  fr: 'énergie sommet sanctions commerce finances partenaires réunion ministres sécurité'.split(' '),
};
const LANGS = ['en', 'ru', 'fr'] as const;
const CHANNELS = ['alpha_news', 'beta_wire', 'gamma'];

/** Posts with every nested part a Post can carry, so the copy between threads is checked on all of them. */
function generate(n: number): Post[] {
  const rand = mulberry32(7);
  const start = Date.parse('2024-03-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const lang = LANGS[i % 3]!;
    const words = VOCAB[lang];
    const text =
      Array.from(
        { length: 6 + Math.floor(rand() * 20) },
        () => words[Math.floor(rand() * words.length)]!,
      ).join(' ') + (i % 7 === 0 ? ' #brics' : '');
    const p = emptyPost(CHANNELS[i % 3]!, Math.floor(i / 3) + 1, 'tme-html');
    // Some posts share a date, so ties are ordered by channel and id on both sides.
    p.date = new Date(start + Math.floor(i / 2) * 3_600_000).toISOString();
    p.text = text;
    p.lang = lang;
    p.views = Math.floor(rand() * 10_000);
    if (i % 7 === 0) p.entities = [{ type: 'hashtag', offset: text.length - 6, length: 6 }];
    if (i % 4 === 0) p.forwardedFrom = { name: 'Origin', username: 'origin', postId: i, author: null };
    if (i % 5 === 0)
      p.media = [
        { type: 'photo', url: `https://cdn.example/${i}.jpg`, supported: true, width: 800, height: 600 },
        {
          type: 'poll',
          supported: true,
          poll: { question: 'Which?', options: [{ text: 'A', voters: 3 }], totalVoters: 3 },
        } as Post['media'][number],
      ];
    if (i % 6 === 0)
      p.reactions = [
        { emoji: '👍', count: 5 },
        { paid: true, count: 1 },
      ];
    if (i % 11 === 0) {
      p.edited = true;
      p.editDate = new Date(start + i * 3_600_000 + 60_000).toISOString();
    }
    return p;
  });
}

const CASES: [string, SearchOptions][] = [
  ['energy', {}],
  ['energy', { sort: 'date' }],
  ['energy', { limit: 7, offset: 14 }],
  ['energy', { sort: 'date', limit: 5, offset: 30 }],
  ['energy summit', { channel: 'beta_wire' }],
  ['"energy summit"', { sort: 'date' }],
  ['sanctions OR санкции', { since: '2024-03-05', until: '2024-03-10' }],
  ['trade -finance', { forwarded: true }],
  ['#brics', { hasMedia: true }],
  ['sécurité', { lang: 'fr', sort: 'date' }],
  ['channel:gamma энергия', {}],
  ['*', { sort: 'date', limit: 10, offset: 100 }],
  ['*', { topic: 'brics', includeDeleted: false }],
  ['nothingmatchesthis', {}],
];

const root = mkdtempSync(join(tmpdir(), 'tgwire-read-pool-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('read pool', () => {
  const file = join(root, 'archive.db');
  let main: SqliteStore;

  before(async () => {
    main = await openSqliteStore(file);
    const posts = generate(1500);
    await main.savePosts(posts);
    await main.saveTopic({ name: 'brics', query: '#brics', aliases: [] });
    await main.setPostTopics(
      posts.filter((p) => p.text.includes('#brics')).map((p) => ({ ...p, topics: ['brics'] })),
    );
    await main.markDeleted('gamma', [3, 9, 27]);
  });
  after(() => main.close());

  it('answers every search exactly as the main thread does, posts and all', async () => {
    const pool = new ReadPool(file, { workers: 2 });
    try {
      for (const [text, options] of CASES) {
        const expected = await main.search(text, options);
        // More at once than there are workers: both answer, one also from the queue, and no cache hides the other.
        const got = await Promise.all([1, 2, 3].map(() => pool.search(text, options)));
        for (const g of got) assert.deepStrictEqual(g, expected, `${text} ${JSON.stringify(options)}`);
      }
      const withMedia = await pool.search('*', { hasMedia: true, limit: 3 });
      assert.ok(withMedia.hits.some((h) => h.post.media.some((m) => m.poll?.options[0]?.voters === 3)));
    } finally {
      await pool.close();
    }
  });

  it('rejects a malformed query with the same QuerySyntaxError as the main thread', async () => {
    const pooled = await openSqliteStore(file, { searchWorkers: 2 });
    try {
      const expected = await main.search('energy (summit').catch((e: unknown) => e);
      assert.ok(expected instanceof QuerySyntaxError);
      await assert.rejects(pooled.search('energy (summit'), (e: unknown) => {
        assert.ok(e instanceof QuerySyntaxError);
        assert.equal(e.message, expected.message);
        return true;
      });
    } finally {
      await pooled.close();
    }
  });

  it('keeps the error classes the main thread throws when they cross from a worker', () => {
    const syntax = errorFromWire(errorToWire(new QuerySyntaxError('unbalanced parenthesis', 7)));
    assert.ok(syntax instanceof QuerySyntaxError);
    assert.equal(syntax.message, 'unbalanced parenthesis at 8');
    const busy = errorFromWire(errorToWire(new ArchiveBusyError(9)));
    assert.ok(busy instanceof ArchiveBusyError);
    assert.equal(busy.retryAfterS, 9);
    const store = errorFromWire(errorToWire(new StoreError('search: disk I/O error')));
    assert.ok(store instanceof StoreError);
    assert.equal(store.message, 'search: disk I/O error');
    assert.ok(errorFromWire(errorToWire(new UserError('x'))) instanceof UserError);
  });

  it('wraps a failure inside the worker as the store does', async () => {
    const pool = new ReadPool(join(root, 'missing', 'none.db'), { workers: 1 });
    try {
      await assert.rejects(pool.search('energy'), (e: unknown) => {
        assert.ok(e instanceof StoreError);
        assert.match(e.message, /^search: Cannot open database/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  it('sees a post committed by the store on the very next search, whichever worker answers', async () => {
    const pooled = await openSqliteStore(file, { searchWorkers: 2 });
    try {
      // Every worker caches the empty answer first.
      for (let k = 0; k < 4; k++) assert.equal((await pooled.search('zanzibar')).total, 0);
      const p = emptyPost('alpha_news', 90_001, 'tme-html');
      p.date = '2024-06-01T00:00:00.000Z';
      p.text = 'zanzibar energy';
      await pooled.savePosts([p]);
      for (let k = 0; k < 4; k++) {
        const r = await pooled.search('zanzibar');
        assert.equal(r.total, 1);
        assert.equal(r.hits[0]!.post.id, 90_001);
      }
      await pooled.markDeleted('alpha_news', [90_001]);
      for (let k = 0; k < 4; k++)
        assert.equal((await pooled.search('zanzibar', { includeDeleted: false })).total, 0);
    } finally {
      await pooled.close();
    }
  });

  it('searches on the store connection inside a transaction, seeing its uncommitted writes', async () => {
    const pooled = await openSqliteStore(file, { searchWorkers: 2 });
    try {
      assert.equal((await pooled.search('quokka')).total, 0);
      const p = emptyPost('beta_wire', 90_002, 'tme-html');
      p.date = '2024-06-02T00:00:00.000Z';
      p.text = 'quokka summit';
      await assert.rejects(
        pooled.transaction(async () => {
          await pooled.savePosts([p]);
          // A worker's connection cannot see this write yet: only the main connection can.
          assert.equal((await pooled.search('quokka')).total, 1);
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.equal((await pooled.search('quokka')).total, 0);
    } finally {
      await pooled.close();
    }
  });

  it('fails the search a dying worker ran with a clear error; the next ones go to its replacement', async () => {
    const pool = new ReadPool(file, {
      workers: 1,
      workerUrl: new URL('./crash-worker.testkit.ts', import.meta.url),
    });
    try {
      const before = await pool.search('energy');
      // One worker: the second search waits in the pool's queue while the first ends the thread.
      const crashed = pool.search('crash!');
      const queued = pool.search('energy');
      await assert.rejects(crashed, (e: unknown) => {
        assert.ok(e instanceof StoreError);
        assert.equal(
          e.message,
          'search: the search worker stopped (deliberate failure for the test) before it answered; try the search again',
        );
        return true;
      });
      assert.deepStrictEqual(await queued, before);
      assert.deepStrictEqual(await pool.search('energy'), before);
    } finally {
      await pool.close();
    }
  });

  it('stops its workers with the store; searches after close are refused', async () => {
    const pooled = await openSqliteStore(file, { searchWorkers: 2 });
    const pending = pooled.search('energy');
    await pooled.close();
    // A search sent before close still gets its answer.
    assert.ok((await pending).total > 0);
    await assert.rejects(pooled.search('energy'), StoreError);
  });

  it('stays off for an in-memory archive', async () => {
    const mem = await openSqliteStore(':memory:', { searchWorkers: 2 });
    try {
      const p = emptyPost('c', 1, 'tme-html');
      p.text = 'wombat';
      await mem.savePosts([p]);
      assert.equal((await mem.search('wombat')).total, 1);
    } finally {
      await mem.close();
    }
  });

  it('starts its workers with warm(), before any search, once each', async () => {
    const pool = new ReadPool(file, { workers: 2 });
    try {
      assert.equal(pool.running, 0);
      pool.warm();
      pool.warm();
      assert.equal(pool.running, 2);
      assert.ok((await pool.search('energy')).total > 0);
      assert.equal(pool.running, 2);
    } finally {
      await pool.close();
    }
    assert.equal(pool.running, 0);
  });

  it('sends the pages of one search to the worker that holds its ranking when that worker is free', async () => {
    const pool = new ReadPool(file, { workers: 2 });
    try {
      for (let offset = 0; offset < 120; offset += 20)
        await pool.search('energy summit', { limit: 20, offset });
      assert.deepEqual([...pool.answered].sort(), [0, 6]);
      // Two searches at once still use both workers.
      await Promise.all([pool.search('energy summit'), pool.search('energy summit', { offset: 50 })]);
      assert.deepEqual([...pool.answered].sort(), [1, 7]);
    } finally {
      await pool.close();
    }
  });

  it('lets a process end, after close, when close was forgotten, and with warmed workers that never searched', () => {
    for (const [search, close] of [
      [true, 'await s.close();'],
      [true, ''],
      [false, ''],
    ] as const) {
      const script = `
        import { openSqliteStore } from './src/store/sqlite/index.ts';
        const s = await openSqliteStore(${JSON.stringify(file)}, { searchWorkers: 2 });
        const r = ${search ? "await s.search('energy')" : '{ hits: { length: 50 } }'};
        console.log('hits', r.hits.length);
        ${close}`;
      // The timeout only ends a hung child; the assertion is that it exited on its own.
      const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(res.signal, null, `hung: ${res.stderr}`);
      assert.equal(res.status, 0, res.stderr);
      assert.equal(res.stdout.trim(), 'hits 50');
    }
  });
});
