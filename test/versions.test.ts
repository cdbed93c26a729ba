// A new version only for a real edit, on both stores: the same post read from several sources in turn never gains one.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { emptyPost, type Post, type SourceKind } from '../src/model/post.js';
import { importFile } from '../src/pipeline/import.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import type { Store } from '../src/store/store.js';
import { PG_URL, schemaPool } from './pg.js';
import { fixtureFiles, SKIP_NO_SHARED } from './shared.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-versions-'));
const schemas = schemaPool('v');
after(async () => {
  rmSync(root, { recursive: true, force: true });
  if (PG_URL) await schemas.dropAll();
});
let n = 0;

const backends: { name: string; open: () => Promise<Store>; skip: string | false }[] = [
  { name: 'sqlite', open: () => openSqliteStore(join(root, `s${n++}.db`)), skip: false },
  {
    name: 'postgres',
    open: () => openPostgresStore(PG_URL!, { schema: schemas.fresh() }),
    skip: PG_URL ? false : 'TGWIRE_TEST_PG not set: PostgreSQL cases skipped',
  },
];

const post = (source: SourceKind, patch: Partial<Post>): Post => ({
  ...emptyPost('c', 1, source),
  date: '2024-09-01T10:00:00.000Z',
  ...patch,
});

async function versions(store: Store): Promise<string[]> {
  return (await store.getVersions('c', 1)).map((v) => v.text);
}

for (const b of backends) {
  describe(`versions only for real edits (${b.name})`, { skip: b.skip }, () => {
    const withStore = (fn: (s: Store) => Promise<void>) => async () => {
      const s = await b.open();
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };

    it(
      'a line break one source adds is not an edit, in either order',
      withStore(async (s) => {
        const page = post('tme-html', { text: 'doing good. History shows' });
        const embed = post('tme-html', { text: 'doing good.\nHistory shows' });
        await s.savePosts([page]);
        assert.deepEqual(await s.savePosts([embed]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        assert.deepEqual(await s.savePosts([page]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        assert.deepEqual(await versions(s), ['doing good. History shows']);
      }),
    );

    it(
      'changed words are an edit and make a version',
      withStore(async (s) => {
        await s.savePosts([post('tme-html', { text: 'doing good. History shows' })]);
        const r = await s.savePosts([post('tme-html', { text: 'doing well. History shows', edited: true })]);
        assert.deepEqual(r, { added: 0, updated: 1, unchanged: 0, edited: 1 });
        assert.deepEqual(await versions(s), ['doing good. History shows', 'doing well. History shows']);
      }),
    );

    it(
      'formatting a t.me page cannot show, and an edit date learnt from an export, are not edits',
      withStore(async (s) => {
        const json = post('export-json', {
          text: 'hi 👀 #tag',
          entities: [
            { type: 'custom_emoji', offset: 3, length: 2, customEmojiId: 'stickers/a.webp' },
            { type: 'hashtag', offset: 6, length: 4 },
          ],
          edited: true,
          editDate: '2024-09-02T10:00:00.000Z',
        });
        const page = post('tme-html', { text: 'hi 👀 #tag', edited: true, views: 5 });
        await s.savePosts([page]);
        await s.savePosts([json]);
        for (let i = 0; i < 2; i++) {
          assert.deepEqual(await s.savePosts([page]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
          assert.deepEqual(await s.savePosts([json]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        }
        assert.equal((await versions(s)).length, 1);
        const stored = await s.getPost('c', 1);
        assert.equal(stored?.editDate, '2024-09-02T10:00:00.000Z', 'the edit date is kept');
        assert.deepEqual(
          stored?.entities.map((e) => e.type),
          ['custom_emoji', 'hashtag'],
          'the richer formatting is kept',
        );
      }),
    );

    it(
      'an old export and a newer page read in turn keep two versions, not one more each time',
      withStore(async (s) => {
        const page = post('tme-html', { text: 'second text', edited: true });
        const old = post('export-html', { text: 'first text' });
        await s.savePosts([page]);
        await s.savePosts([old]);
        const two = await versions(s);
        assert.equal(two.length, 2);
        for (let i = 0; i < 3; i++) {
          await s.savePosts([page]);
          await s.savePosts([old]);
        }
        assert.deepEqual(await versions(s), two);
      }),
    );

    it(
      'an older version differing only in whitespace is already in the history',
      withStore(async (s) => {
        const cur = post('export-json', { text: 'new', edited: true, editDate: '2024-09-05T00:00:00.000Z' });
        await s.savePosts([cur]);
        const old = post('export-json', {
          text: 'old  one',
          edited: true,
          editDate: '2024-09-02T00:00:00.000Z',
        });
        assert.equal((await s.savePosts([old])).updated, 1);
        const again = { ...old, text: 'old\none' };
        assert.deepEqual(await s.savePosts([again]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        assert.deepEqual(await versions(s), ['old  one', 'new']);
      }),
    );

    it(
      'a later-dated return to an earlier text is a real edit',
      withStore(async (s) => {
        const at = (text: string, day: number) =>
          post('export-json', {
            text,
            edited: day > 1,
            editDate: day > 1 ? `2024-09-0${day}T00:00:00.000Z` : null,
          });
        await s.savePosts([at('A', 1)]);
        await s.savePosts([at('B', 2)]);
        await s.savePosts([at('A', 3)]);
        assert.deepEqual(await versions(s), ['A', 'B', 'A']);
      }),
    );
  });
}

const page = fixtureFiles('tme_s_html').find((f) => basename(f).includes('lexfridman'));
const embed = fixtureFiles('tme_embed_html').find((f) => basename(f).includes('lexfridman_272'));
const json = fixtureFiles('export_json').find((f) => basename(f).startsWith('alqaddaaree'));
const html = fixtureFiles('export_html').find((f) => basename(f).startsWith('alqaddaaree'));

describe('real captures of one post from several sources', () => {
  it('the lexfridman channel page and the embed page of post 272, in any order and any number of times, leave one version', async (t) => {
    if (!page || !embed) return t.skip(SKIP_NO_SHARED);
    for (const order of [
      [page, embed, page, embed, embed, page],
      [embed, page, embed, page, page, embed],
    ]) {
      const s = await openSqliteStore(join(root, `lex${n++}.db`));
      try {
        for (const f of order) await importFile(s, f);
        const v = await s.getVersions('lexfridman', 272);
        assert.equal(v.length, 1, v.map((x) => JSON.stringify(x.text)).join(' | '));
        assert.match(v[0]!.text, /^All humans are capable of both good and evil\./);
      } finally {
        await s.close();
      }
    }
  });

  it('re-importing the JSON and the HTML export of the 213-message channel in turn changes nothing after the first two', async (t) => {
    if (!json || !html) return t.skip(SKIP_NO_SHARED);
    for (const order of [
      [json, html],
      [html, json],
    ]) {
      const s = await openSqliteStore(join(root, `twin${n++}.db`));
      try {
        await importFile(s, order[0]!, { channel: 'salaf' });
        await importFile(s, order[1]!, { channel: 'salaf' });
        for (let i = 0; i < 2; i++) {
          for (const f of order) {
            const r = await importFile(s, f, { channel: 'salaf' });
            assert.deepEqual([r.added, r.updated, r.unchanged], [0, 0, 213], `${basename(f)} again`);
          }
        }
        let versioned = 0;
        for await (const p of s.iteratePosts({ channel: 'salaf' }))
          if ((await s.getVersions('salaf', p.id)).length > 1) versioned++;
        assert.equal(versioned, 0);
      } finally {
        await s.close();
      }
    }
  });
});
