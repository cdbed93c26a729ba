// Text dumps into one channel: each dump adds its posts, none overwrites another's, a dump imported again changes
// nothing (posts are known by their content, collectors/text/identity.ts).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { renderTextFeed } from '../feeds/text.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { TEXT_ID_BASE } from '../collectors/text/identity.js';
import { ImportFormatError } from '../util/errors.js';
import { importFile } from './import.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-dumps-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const NBSP = '\u00A0';
const fwd = (name: string, text: string) => `Forwarded from${NBSP}${name}\n${text}\n`;
const A = fwd('MFA', 'Sergey Lavrov met the BRICS ministers in Kazan.');
const B = fwd('TASS', 'The summit opens on Tuesday.');
const C = fwd('MFA', 'Press release on the talks.');
const D = fwd('RT', 'Delegations arrive from twelve countries.');
const E = fwd('TASS', 'A joint statement was signed.');

function dump(...posts: string[]): string {
  const file = join(root, `dump${n++}.txt`);
  writeFileSync(file, posts.join(''));
  return file;
}

async function withStore(fn: (s: Store) => Promise<void>): Promise<void> {
  const store = await openSqliteStore(join(root, `archive${n++}.db`));
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

async function channelPosts(store: Store, channel = 'news'): Promise<Post[]> {
  const posts: Post[] = [];
  for await (const p of store.iteratePosts({ channel, order: 'asc' })) posts.push(p);
  return posts;
}

async function versionCount(store: Store): Promise<number> {
  return (await store.listImportBatches()).reduce((sum, b) => sum + b.versions, 0);
}

const imp = (store: Store, file: string, channel = 'news') =>
  importFile(store, file, { format: 'text', channel });

describe('text dumps into one channel', () => {
  it('two different dumps keep both: the post counts add up and no post gains a version', () =>
    withStore(async (s) => {
      const first = await imp(s, dump(A, B, C));
      const second = await imp(s, dump(D, E));
      assert.equal(first.added, 3);
      assert.deepEqual([second.added, second.updated, second.unchanged], [2, 0, 0]);
      const posts = await channelPosts(s);
      assert.equal(posts.length, 5);
      assert.equal(await versionCount(s), 0);
      for (const p of posts) assert.ok((await s.getVersions('news', p.id)).length <= 1, `post ${p.id}`);
      // The channel reads back as the first dump followed by the second.
      assert.equal(renderTextFeed(posts), A + B + C + D + E);
    }));

  it('the same dump imported twice changes nothing', () =>
    withStore(async (s) => {
      const file = dump(A, B, C);
      await imp(s, file);
      const before = JSON.stringify(await channelPosts(s));
      const again = await imp(s, file);
      assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 3]);
      assert.equal(JSON.stringify(await channelPosts(s)), before);
    }));

  it('a dump that shares posts with an earlier one adds only the new ones, after the stored ones', () =>
    withStore(async (s) => {
      await imp(s, dump(A, B, C));
      const ids = (await channelPosts(s)).map((p) => p.id);
      const r = await imp(s, dump(C, D, B, E));
      assert.deepEqual([r.added, r.updated, r.unchanged], [2, 0, 2]);
      const posts = await channelPosts(s);
      assert.deepEqual(
        posts.slice(0, 3).map((p) => p.id),
        ids,
        'the stored posts keep their ids',
      );
      assert.equal(renderTextFeed(posts), A + B + C + D + E);
      assert.equal(await versionCount(s), 0);
    }));

  it('posts of the same content in one file stay apart, and are matched again in the same order', () =>
    withStore(async (s) => {
      const photo = `Forwarded from${NBSP}MFA\nPhoto\n`;
      const file = dump(photo, A, photo, B);
      const first = await imp(s, file);
      assert.equal(first.added, 4);
      const again = await imp(s, file);
      assert.deepEqual([again.added, again.unchanged], [0, 4]);
      // A later dump with one such post matches the first of them, and adds the rest.
      const later = await imp(s, dump(photo, D));
      assert.deepEqual([later.added, later.unchanged], [1, 1]);
      assert.equal((await channelPosts(s)).length, 5);
    }));

  it('Desktop copies are told apart by their dates: the same words at another time are another post', () =>
    withStore(async (s) => {
      const copy1 = 'Alice, [01/02/2023 09:05]\nsee you\n\nBob, [01/02/2023 09:06]\nok\n';
      const copy2 = 'Bob, [01/02/2023 09:06]\nok\n\nAlice, [02/02/2023 09:05]\nsee you\n';
      assert.equal((await imp(s, dump(copy1), 'chat')).added, 2);
      const r = await imp(s, dump(copy2), 'chat');
      assert.deepEqual([r.added, r.updated, r.unchanged], [1, 0, 1]);
      const posts = await channelPosts(s, 'chat');
      assert.deepEqual(
        posts.map((p) => [p.author, p.date!.slice(0, 10)]),
        [
          ['Alice', '2023-02-01'],
          ['Bob', '2023-02-01'],
          ['Alice', '2023-02-02'],
        ],
      );
    }));

  it('an archive imported before keeps its ids: posts stored at their positions are matched by content', () =>
    withStore(async (s) => {
      // What an import made before dumps were matched by content: ids 1..N by position.
      const file = dump(A, B, C);
      await imp(s, file);
      const old = await channelPosts(s);
      assert.deepEqual(
        old.map((p) => p.id),
        [1, 2, 3],
      );
      const again = await imp(s, file);
      assert.deepEqual([again.added, again.updated], [0, 0]);
      const more = await imp(s, dump(B, D));
      assert.deepEqual([more.added, more.unchanged], [1, 1]);
      assert.deepEqual(
        (await channelPosts(s)).map((p) => p.id),
        [1, 2, 3, 4],
      );
    }));

  it('in a channel holding posts from Telegram, new text posts take ids above every Telegram message id', () =>
    withStore(async (s) => {
      await s.upsertChannel({ ...emptyChannel('news'), username: 'news' });
      await s.savePosts(
        [1, 2, 3].map((id) => ({ ...emptyPost('news', id, 'tme-html'), text: `t.me ${id}` })),
      );
      const file = dump(A, B);
      assert.equal((await imp(s, file)).added, 2);
      const text = (await channelPosts(s)).filter((p) => p.source === 'text');
      assert.deepEqual(
        text.map((p) => p.id),
        [TEXT_ID_BASE + 1, TEXT_ID_BASE + 2],
      );
      assert.equal((await imp(s, file)).added, 0);
      assert.equal((await s.getPost('news', 1))?.text, 't.me 1', 'the Telegram posts are untouched');
    }));
});

describe('dumps whose posts start with "Forwarded from"', () => {
  it('a dump of one forward, and of two, imports them as forwards', () =>
    withStore(async (s) => {
      for (const [file, names] of [
        [dump(A), ['MFA']],
        [dump(B, D), ['TASS', 'RT']],
      ] as const) {
        const r = await importFile(s, file, { channel: 'news' });
        assert.equal(r.format, 'text');
        assert.ok(
          r.notices.includes(`${file}: ${names.length} posts: ${names.length} forwarded, 0 own`),
          r.notices.join('\n'),
        );
      }
      assert.deepEqual(
        (await channelPosts(s)).map((p) => p.forwardedFrom?.name),
        ['MFA', 'TASS', 'RT'],
      );
    }));

  it('"Forwarded from NAME" with a plain space is refused with the line to fix, and read as text when asked', () =>
    withStore(async (s) => {
      const file = dump(
        'Forwarded from MFA\nLavrov met the ministers.\nForwarded from TASS\nThe summit opens.\n',
      );
      await assert.rejects(
        importFile(s, file, { channel: 'news' }),
        (e: unknown) =>
          e instanceof ImportFormatError &&
          e.message.startsWith(
            `${file}: 2 lines (the first: line 1) read "Forwarded from NAME" without the `,
          ) &&
          e.message.includes('no-break space (U+00A0)') &&
          e.message.endsWith(
            '; put a no-break space there, or give --format text to import every line as own posts',
          ) &&
          !e.message.includes('\n'),
      );
      const r = await imp(s, file);
      assert.equal(r.posts, 1);
      assert.ok(r.notices.includes(`${file}: 1 posts: 0 forwarded, 1 own`));
      assert.ok(
        r.notices.some((n) =>
          n.startsWith(`${file}: 2 lines (the first: line 1) read "Forwarded from NAME"`),
        ),
        r.notices.join('\n'),
      );
    }));
});
