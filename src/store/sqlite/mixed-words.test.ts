// Migrations that index some posts again: 17, posts whose words mix Latin and Cyrillic look-alike letters (one word
// each now, text/fold.ts unmixScripts); 20, modifier letters inside words; 21, Russian nouns in -ит. Other posts keep
// their rows.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyPost } from '../../model/post.js';
import { FTS_COLUMNS } from './fts.js';
import { openSqliteStore } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-mixed-'));
after(() => rmSync(root, { recursive: true, force: true }));

function post(id: number, text: string, lang: string) {
  const p = emptyPost('c', id, 'tme-html');
  p.text = text;
  p.lang = lang;
  p.date = `2024-09-0${id}T10:00:00.000Z`;
  return p;
}

/**
 * Writes post 1's search row with the words `body` and the lexemes `stems` (as an older tgwire indexed them) and unstamps the migrations from
 * `version` on, so that the next open runs them.
 */
function asIndexedBefore(file: string, body: string, version: number, stems = ''): void {
  const db = new Database(file);
  const key = db.prepare('SELECT dkey FROM posts WHERE id = 1').pluck().get() as number;
  const meta = db.prepare('SELECT meta FROM posts_fts WHERE rowid = ?').pluck().get(key) as string;
  db.prepare('DELETE FROM posts_fts WHERE rowid = ?').run(key);
  db.prepare(
    `INSERT INTO posts_fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(FTS_COLUMNS.length)})`,
  ).run(key, body, '', stems, meta);
  db.prepare('DELETE FROM schema_migrations WHERE version >= ?').run(version);
  db.close();
}

it('migration 17 indexes a word typed with look-alike letters as one word', async () => {
  const file = join(root, 'v16.db');
  const store = await openSqliteStore(file);
  await store.transaction(() =>
    store.savePosts([
      post(1, 'Зeлeнcький узяв участь у цeрeмoнiї', 'uk'),
      post(2, 'Зеленський узяв участь у церемонії', 'uk'),
      post(3, 'Sanctions on banks', 'en'),
    ]),
  );
  await store.close();
  // Post 1's search row as the code before wrote it (the words cut at each change of script); schema v16.
  asIndexedBefore(file, 'з e л e н c ький узяв участь у ц e р e м o н iї', 17);

  const again = await openSqliteStore(file);
  try {
    const ids = async (q: string): Promise<number[]> =>
      (await again.search(q)).hits.map((h) => h.post.id).sort();
    assert.deepEqual(await ids('Зеленський'), [1, 2]);
    assert.deepEqual(await ids('церемонії'), [1, 2]);
    assert.deepEqual(await ids('ький'), []);
    assert.deepEqual(await ids('sanctions'), [3]);
  } finally {
    await again.close();
  }
});

it('migration 20 reads modifier letters inside words (duʿāʾ is one word)', async () => {
  const file = join(root, 'v19.db');
  const store = await openSqliteStore(file);
  await store.transaction(() =>
    store.savePosts([post(1, 'Kaʿb recited the duʿāʾ', 'en'), post(2, 'Du pain et du vin', 'fr')]),
  );
  await store.close();
  // Post 1's search row as the code before wrote it (each modifier letter a word, cutting the word); schema v19.
  asIndexedBefore(file, 'ka ʿ b recited the du ʿ a ʾ', 20);

  const again = await openSqliteStore(file);
  try {
    const ids = async (q: string): Promise<number[]> =>
      (await again.search(q)).hits.map((h) => h.post.id).sort();
    assert.deepEqual(await ids('du'), [2]);
    // French stems dua as du, so post 2 may come too; post 1 must.
    assert.ok((await ids('duʿāʾ')).includes(1));
    assert.deepEqual(await ids('kab'), [1]);
    assert.deepEqual(await ids('kaʿb recited'), [1]);
  } finally {
    await again.close();
  }
});

it('migration 21 indexes a Russian noun in -ит with its other cases (визит, визита)', async () => {
  const file = join(root, 'v20.db');
  const store = await openSqliteStore(file);
  await store.transaction(() =>
    store.savePosts([
      post(1, 'Итоги визита министра', 'ru'),
      post(2, 'Визит в Китай', 'ru'),
      post(3, 'Visit of the minister', 'en'),
    ]),
  );
  await store.close();
  // Post 1's search row as the code before wrote it (Snowball stems визита as визит, визит as виз); schema v20.
  asIndexedBefore(file, 'итоги визита министра', 21, '\uE012итог \uE012визит \uE012министр');

  const again = await openSqliteStore(file);
  try {
    const ids = async (q: string): Promise<number[]> =>
      (await again.search(q)).hits.map((h) => h.post.id).sort();
    assert.deepEqual(await ids('визита'), [1, 2]);
    assert.deepEqual(await ids('визит'), [1, 2]);
    assert.deepEqual(await ids('министр'), [1]);
    assert.deepEqual(await ids('visit'), [3]);
  } finally {
    await again.close();
  }
});
