// Runs the Store contract on a real SQLite file, plus what only SQLite has: migrations, version refusal, the file.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeContract } from '../contract.testkit.js';
import { StoreError, UserError } from '../../util/errors.js';
import { emptyPost } from '../../model/post.js';
import { SCHEMA_VERSION, migrations, openSqliteStore } from './index.js';
import { COUNT_CAP } from '../shared.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

storeContract('sqlite', async () => {
  const dir = join(root, `c${n++}`);
  const store = await openSqliteStore(join(dir, 'nested', 'archive.db'));
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

/** A new database file migrated up to `version` only, as an older tgwire left it. */
function archiveAt(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const m of migrations.filter((m) => m.version <= version)) {
    m.up(db);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'x');
  }
  return db;
}

describe('sqlite store', () => {
  it('creates the folder, records every migration, uses WAL and foreign keys', async () => {
    const file = join(root, 'm', 'deep', 'a.db');
    const store = await openSqliteStore(file);
    await store.close();
    assert.ok(existsSync(file));
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    assert.deepEqual(
      rows,
      migrations.map((m) => ({ version: m.version, name: m.name })),
    );
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });
  it('refuses a database stamped with a newer schema, with what to do', async () => {
    const file = join(root, 'newer.db');
    await (await openSqliteStore(file)).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    db.close();
    await assert.rejects(openSqliteStore(file), (e: unknown) => {
      assert.ok(e instanceof StoreError);
      assert.equal(
        e.message,
        `database schema v99 is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
      );
      return true;
    });
  });
  it('keeps the data across close and reopen, and opens read-only', async () => {
    const file = join(root, 'persist.db');
    const s1 = await openSqliteStore(file);
    await s1.savePosts([{ ...emptyPost('c', 1, 'text'), text: 'persisted kazan' }]);
    await s1.close();
    const s2 = await openSqliteStore(file, { readonly: true });
    assert.equal((await s2.getPost('c', 1))?.text, 'persisted kazan');
    assert.equal((await s2.search('kazan')).total, 1);
    await assert.rejects(s2.savePosts([{ ...emptyPost('c', 2, 'text'), text: 'x' }]), StoreError);
    await s2.close();
  });
  it('search counts up to the cap and flags more; date and relevance pages over many matches are exact', async () => {
    const store = await openSqliteStore(join(root, 'many.db'));
    const start = Date.parse('2024-01-01T00:00:00Z');
    const posts = Array.from({ length: COUNT_CAP + 50 }, (_, i) => ({
      ...emptyPost(`c${i % 3}`, i + 1, 'text'),
      // Dates run against insertion order, so a plan that followed rowids would come out wrong.
      date: new Date(start - i * 60_000).toISOString(),
      text: i % 2 ? 'kazan energy' : `kazan ${'kazan '.repeat(i % 5)}summit`,
    }));
    await store.transaction(() => store.savePosts(posts));
    const first = await store.search('kazan');
    assert.equal(first.total, COUNT_CAP);
    assert.equal(first.totalIsLowerBound, true);
    const small = await store.search('summit', { channel: 'c1' });
    assert.equal(small.total, posts.filter((p) => p.channel === 'c1' && p.text.includes('summit')).length);
    assert.equal(small.totalIsLowerBound, undefined);
    const byDate: number[] = [];
    const byRank: number[] = [];
    for (let offset = 0; offset < posts.length; offset += 100) {
      byDate.push(
        ...(await store.search('kazan', { sort: 'date', limit: 100, offset })).hits.map((h) => h.post.id),
      );
      const page = await store.search('kazan', { limit: 100, offset });
      for (let i = 1; i < page.hits.length; i++) assert.ok(page.hits[i - 1]!.score >= page.hits[i]!.score);
      byRank.push(...page.hits.map((h) => h.post.id));
    }
    assert.deepEqual(
      byDate,
      posts.map((p) => p.id),
      'newest first, every post once',
    );
    assert.equal(new Set(byRank).size, posts.length, 'relevance pages never overlap');
    await store.close();
  });
  it('migration 4 fills post_hashtags from the posts of an older archive', async () => {
    const file = join(root, 'v3.db');
    const db = archiveAt(file, 3);
    db.prepare(
      `INSERT INTO posts (channel, id, date, text, source, hashtags, first_seen_at, text_seen_at, updated_at)
       VALUES ('c', 1, '2024-09-01T00:00:00.000Z', 't', 'text', 'brics sco', 'x', 'x', 'x'),
              ('c', 2, NULL, 't', 'text', 'brics', 'x', 'x', 'x'), ('c', 3, NULL, 't', 'text', '', 'x', 'x', 'x')`,
    ).run();
    db.close();
    const store = await openSqliteStore(file);
    assert.deepEqual((await store.stats()).topHashtags, [
      { tag: 'brics', count: 2 },
      { tag: 'sco', count: 1 },
    ]);
    assert.deepEqual(await store.hashtagCounts({ period: 'month' }), [
      { period: '2024-09', tag: 'brics', posts: 1 },
      { period: '2024-09', tag: 'sco', posts: 1 },
    ]);
    await store.close();
  });
  it('migration 5 rebuilds the search index of an older archive: stems, and words as PostgreSQL has them', async () => {
    const file = join(root, 'v4.db');
    const db = archiveAt(file, 4);
    const texts: [number, string, string | null][] = [
      [1, 'Sanctions against the banks', 'en'],
      [2, 'Новые санкции против банков', 'ru'],
      [3, 'запустил🪭собрал', 'ru'],
      [4, 'Sanctions, again', null],
    ];
    const ins = db.prepare(
      `INSERT INTO posts (channel, id, text, source, lang, first_seen_at, text_seen_at, updated_at)
       VALUES ('c', ?, ?, 'text', ?, 'x', 'x', 'x')`,
    );
    const fts = db.prepare('INSERT INTO posts_fts (rowid, body, tags) VALUES (?, ?, ?)');
    for (const [id, text, lang] of texts) fts.run(ins.run(id, text, lang).lastInsertRowid, text, '');
    db.close();
    const store = await openSqliteStore(file);
    const ids = async (q: string): Promise<number[]> =>
      (await store.search(q, { sort: 'date' })).hits.map((h) => h.post.id).sort();
    assert.deepEqual(await ids('bank'), [1], 'an English stem');
    assert.deepEqual(await ids('санкций'), [2], 'a Russian stem');
    assert.deepEqual(await ids('sanction'), [1], 'no stems for a post without a stemmed language');
    assert.deepEqual(await ids('sanctions'), [1, 4]);
    assert.deepEqual(await ids('собрал'), [3], 'an emoji between words splits them');
    await store.close();
  });
  it("migrations 6 and 7 keep an older archive's stories and channels: no evidence, no corrections, no pins", async () => {
    const file = join(root, 'v5.db');
    const db = archiveAt(file, 5);
    db.prepare(
      `INSERT INTO posts (channel, id, text, source, first_seen_at, text_seen_at, updated_at)
       VALUES ('c', 1, 'a', 'text', 'x', 'x', 'x'), ('d', 2, 'b', 'text', 'x', 'x', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO stories (channel, id, story_id, reason) VALUES ('c', 1, 's1', 'canonical'), ('d', 2, 's1', 'copy')`,
    ).run();
    db.prepare("INSERT INTO channels (key, title) VALUES ('c', 'C')").run();
    db.close();
    const store = await openSqliteStore(file);
    assert.deepEqual(await store.getStoryMembers('s1'), [
      { channel: 'c', id: 1, storyId: 's1', reason: 'canonical', evidence: null },
      { channel: 'd', id: 2, storyId: 's1', reason: 'copy', evidence: null },
    ]);
    assert.deepEqual(await store.listStoryCorrections(), []);
    assert.equal((await store.getChannel('c'))?.languages, undefined);
    await store.setChannelLanguages('c', ['en']);
    assert.deepEqual((await store.getChannel('c'))?.languages, ['en']);
    await store.close();
  });
  it('migration 8 refills the search index with the words of text/: folding, scripts, hashtag parts', async () => {
    const file = join(root, 'v5-words.db');
    const db = archiveAt(file, 5);
    // As the index of migration 5 held them: hashtags whole in the body, ß kept, scripts not split.
    const rows: [number, string, string, string, string][] = [
      [1, 'Opening of the #BRICSsummit', 'bricssummit', 'opening of the bricssummit', 'bricssummit'],
      [2, 'Die Straße nach Łódź', '', 'die straße nach łodz', ''],
      [3, '加入telegram中文群', '', '加 入 telegram 中 文 群', ''],
    ];
    const ins = db.prepare(
      `INSERT INTO posts (channel, id, text, source, hashtags, first_seen_at, text_seen_at, updated_at)
       VALUES ('c', ?, ?, 'text', ?, 'x', 'x', 'x')`,
    );
    const fts = db.prepare('INSERT INTO posts_fts (rowid, body, tags, stems) VALUES (?, ?, ?, ?)');
    for (const [id, text, tags, body, tagCol] of rows)
      fts.run(ins.run(id, text, tags).lastInsertRowid, body, tagCol, '');
    db.close();
    const store = await openSqliteStore(file);
    const ids = async (q: string): Promise<number[]> =>
      (await store.search(q, { sort: 'date' })).hits.map((h) => h.post.id).sort();
    assert.deepEqual(await ids('brics'), [1], 'a part of a hashtag');
    assert.deepEqual(await ids('"brics summit"'), [1]);
    assert.deepEqual(await ids('#bricssummit'), [1], 'the hashtag whole');
    assert.deepEqual(await ids('#brics'), [], 'a hashtag query compares whole hashtags');
    assert.deepEqual(await ids('strasse lodz'), [2]);
    assert.deepEqual(await ids('telegram'), [3], 'a word touching Chinese characters');
    assert.deepEqual(await ids('中文'), [3]);
    await store.close();
  });
  it('relevance puts the words as written before other forms, in every plan, with the same scores', async () => {
    const store = await openSqliteStore(join(root, 'forms.db'));
    const at = (id: number): string => `2024-10-${String(id).padStart(2, '0')}T10:00:00.000Z`;
    await store.savePosts([
      { ...emptyPost('c', 1, 'text'), date: at(1), lang: 'en', text: 'sanction sanction sanction' },
      { ...emptyPost('c', 2, 'text'), date: at(2), lang: 'en', text: 'new sanctions on banks' },
      { ...emptyPost('c', 3, 'text'), date: at(3), lang: 'en', text: 'the banks' },
    ]);
    const rel = await store.search('sanctions');
    assert.deepEqual(
      rel.hits.map((h) => h.post.id),
      [2, 1],
    );
    assert.ok(rel.hits[0]!.score > 1 && rel.hits[1]!.score < 1, JSON.stringify(rel.hits.map((h) => h.score)));
    const filtered = await store.search('sanctions', { channel: 'c' });
    assert.deepEqual(
      filtered.hits.map((h) => [h.post.id, h.score]),
      rel.hits.map((h) => [h.post.id, h.score]),
    );
    // A date-ordered page is not scored (store.ts SearchHit.score).
    const byDate = await store.search('sanctions', { sort: 'date' });
    assert.deepEqual(
      byDate.hits.map((h) => [h.post.id, h.score]),
      rel.hits.map((h) => [h.post.id, 0]),
    );
    await store.close();
  });
  it('a file that is not a database is a user error naming the file (a --db typo, not a fault of ours)', async () => {
    const file = join(root, 'junk.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'this is not sqlite at all, just some text that is long enough to be a header');
    await assert.rejects(
      openSqliteStore(file),
      (e: unknown) =>
        e instanceof UserError &&
        e.message === `${file}: not a tgwire archive (the file is not a SQLite database)`,
    );
  });
});
