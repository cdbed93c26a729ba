// The one behaviour contract every Store backend must pass (SQLite now, PostgreSQL later): run it from a test file.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyChannel, emptyPost, type ForwardedFrom, type Post } from '../model/post.js';
import { QuerySyntaxError } from '../search/parse.js';
import { ChannelConflictError, StoreError, UserError } from '../util/errors.js';
import { storyIdOf } from '../dedup/stories.js';
import type { SyncState } from '../model/collection.js';
import { collectionContract } from './collection-contract.testkit.js';
import { mediaContract } from './media-contract.testkit.js';
import { outboxContract } from './outbox-contract.testkit.js';
import { savedSearchContract } from './saved-search-contract.testkit.js';
import { webhooksContract } from './webhooks-contract.testkit.js';
import type { Store } from './store.js';

type Open = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

function post(channel: string, id: number, patch: Partial<Post> = {}): Post {
  return {
    ...emptyPost(channel, id, 'export-json'),
    date: `2024-09-${String((id % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
    ...patch,
  };
}

/** A post with a hashtag entity at the given tag (first occurrence in the text). */
function tagged(channel: string, id: number, text: string, tag: string, patch: Partial<Post> = {}): Post {
  return post(channel, id, {
    text,
    entities: [{ type: 'hashtag', offset: text.indexOf(tag), length: tag.length }],
    ...patch,
  });
}

const keys = (posts: Post[]): string[] => posts.map((p) => `${p.channel}/${p.id}`);

export function storeContract(name: string, open: Open): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    const done = async (): Promise<void> => {
      await store.close();
      await cleanup();
    };

    describe('channels', () => {
      it('upserts, finds by key and numeric id, lists by key', async () => {
        await store.upsertChannel({ ...emptyChannel('zeta'), numericId: 42, title: 'Zeta' });
        await store.upsertChannel({ ...emptyChannel('alpha'), username: 'alpha', subscribers: 10 });
        await store.upsertChannel({ ...emptyChannel('zeta'), numericId: 42, title: 'Zeta 2' });
        assert.equal((await store.getChannel('zeta'))?.title, 'Zeta 2');
        assert.equal((await store.findChannelByNumericId(42))?.key, 'zeta');
        assert.equal(await store.findChannelByNumericId(7), null);
        assert.equal(await store.getChannel('nope'), null);
        assert.deepEqual(await store.getChannel('alpha'), {
          ...emptyChannel('alpha'),
          username: 'alpha',
          subscribers: 10,
        });
        assert.deepEqual(
          (await store.listChannels()).map((c) => c.key),
          ['alpha', 'zeta'],
        );
        await done();
      });
      it('refuses a numeric id that belongs to another channel, as a user error naming the owner', async () => {
        await store.upsertChannel({ ...emptyChannel('a'), numericId: 1 });
        await assert.rejects(
          store.upsertChannel({ ...emptyChannel('b'), numericId: 1 }),
          (e) =>
            e instanceof ChannelConflictError && e.owner === 'a' && /channels rename a b/.test(e.message),
        );
        await done();
      });
    });

    describe('savePosts', () => {
      it('round-trips a post with every field', async () => {
        const p = post('c', 1, {
          edited: true,
          editDate: '2024-09-02T11:00:00.000Z',
          author: 'Ann',
          text: 'Hello #BRICS',
          entities: [{ type: 'hashtag', offset: 6, length: 6 }],
          forwardedFrom: { name: 'Russian MFA 🇷🇺', username: 'mfa_russia', postId: 9, author: null },
          replyTo: 3,
          groupId: 'g1',
          media: [{ type: 'photo', supported: true, url: 'https://x/y.jpg' }],
          views: 1200,
          reactions: [{ emoji: '🔥', count: 5 }],
          service: null,
          lang: 'en',
        });
        assert.deepEqual(await store.savePosts([p]), { added: 1, updated: 0, unchanged: 0, edited: 0 });
        assert.deepEqual(await store.getPost('c', 1), { ...p, deleted: false, topics: [], story: null });
        assert.equal(await store.getPost('c', 2), null);
        await done();
      });
      it('gives the replies to a post within one channel, oldest first, up to a limit', async () => {
        await store.savePosts([
          post('g', 12, { text: 'second', replyTo: 5 }),
          post('g', 10, { text: 'first', replyTo: 5 }),
          post('g', 11, { text: 'other thread', replyTo: 6 }),
          post('h', 13, { text: 'other group', replyTo: 5 }),
        ]);
        assert.deepEqual(
          (await store.getReplies('g', 5)).map((p) => [p.id, p.text]),
          [
            [10, 'first'],
            [12, 'second'],
          ],
        );
        assert.deepEqual(
          (await store.getReplies('g', 5, 1)).map((p) => p.id),
          [10],
        );
        assert.deepEqual(await store.getReplies('g', 99), []);
        await done();
      });
      it('is idempotent: the same posts again are unchanged', async () => {
        const posts = [post('c', 1, { text: 'a' }), post('c', 2, { text: 'b' }), post('d', 1, { text: 'c' })];
        assert.deepEqual(await store.savePosts(posts), { added: 3, updated: 0, unchanged: 0, edited: 0 });
        assert.deepEqual(await store.savePosts(posts), { added: 0, updated: 0, unchanged: 3, edited: 0 });
        assert.equal(await store.countPosts({}), 3);
        await done();
      });
      it('keeps every version of an edited post, oldest first, current last', async () => {
        await store.savePosts([post('c', 1, { text: 'first' })], { seenAt: '2024-09-01T00:00:00.000Z' });
        const edit = post('c', 1, { text: 'second', edited: true, editDate: '2024-09-03T00:00:00.000Z' });
        assert.deepEqual(await store.savePosts([edit], { seenAt: '2024-09-04T00:00:00.000Z' }), {
          added: 0,
          updated: 1,
          unchanged: 0,
          edited: 1,
        });
        assert.deepEqual(await store.savePosts([edit]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        const third = post('c', 1, { text: 'third', edited: true, editDate: '2024-09-05T00:00:00.000Z' });
        await store.savePosts([third], { seenAt: '2024-09-06T00:00:00.000Z' });
        assert.deepEqual(await store.getVersions('c', 1), [
          { text: 'first', entities: [], editDate: null, seenAt: '2024-09-01T00:00:00.000Z' },
          {
            text: 'second',
            entities: [],
            editDate: '2024-09-03T00:00:00.000Z',
            seenAt: '2024-09-04T00:00:00.000Z',
          },
          {
            text: 'third',
            entities: [],
            editDate: '2024-09-05T00:00:00.000Z',
            seenAt: '2024-09-06T00:00:00.000Z',
          },
        ]);
        assert.equal((await store.getPost('c', 1))?.text, 'third');
        assert.deepEqual(await store.getVersions('c', 99), []);
        await done();
      });
      it("an edit seen only on t.me has no edit date: the export's date stays with the export's version", async () => {
        const exported = post('c', 1, {
          text: 'as exported',
          edited: true,
          editDate: '2024-07-05T09:58:59.000Z',
        });
        await store.savePosts([exported], { seenAt: '2024-09-01T00:00:00.000Z' });
        const live = post('c', 1, { text: 'LIVE EDIT', edited: true, source: 'tme-live' });
        assert.equal((await store.savePosts([live], { seenAt: '2024-12-06T00:00:00.000Z' })).edited, 1);
        // The same export read again changes nothing: its text is an earlier version.
        assert.equal((await store.savePosts([exported])).unchanged, 1);
        assert.equal((await store.getPost('c', 1))?.editDate, null);
        assert.deepEqual(
          (await store.getVersions('c', 1)).map((v) => [v.text, v.editDate, v.seenAt]),
          [
            ['as exported', '2024-07-05T09:58:59.000Z', '2024-09-01T00:00:00.000Z'],
            ['LIVE EDIT', null, '2024-12-06T00:00:00.000Z'],
          ],
        );
        await done();
      });
      it('two sources showing the same words with other formatting, read in turn, add no version after the first', async () => {
        const text = 'Statement today';
        const bold = post('c', 1, { text, entities: [{ type: 'bold', offset: 0, length: 9 }] });
        const plain = post('c', 1, {
          text,
          entities: [{ type: 'bold', offset: 10, length: 5 }],
          source: 'tme-live',
        });
        await store.savePosts([bold]);
        assert.equal((await store.savePosts([plain])).edited, 1);
        for (let round = 0; round < 2; round++) {
          assert.equal((await store.savePosts([bold])).unchanged, 1, 'the export again: a kept version');
          assert.equal((await store.savePosts([plain])).unchanged, 1, 'the page again: the current version');
        }
        assert.equal((await store.getVersions('c', 1)).length, 2);
        assert.deepEqual((await store.getPost('c', 1))?.entities, plain.entities);
        await done();
      });
      it('an older version seen later joins the history before the current text', async () => {
        const cur = post('c', 1, { text: 'new', edited: true, editDate: '2024-09-05T00:00:00.000Z' });
        await store.savePosts([cur], { seenAt: '2024-09-06T00:00:00.000Z' });
        const old = post('c', 1, { text: 'old', edited: true, editDate: '2024-09-02T00:00:00.000Z' });
        // Kept in the history, but not an edit of what the post says now.
        assert.deepEqual(await store.savePosts([old], { seenAt: '2024-09-07T00:00:00.000Z' }), {
          added: 0,
          updated: 1,
          unchanged: 0,
          edited: 0,
        });
        assert.deepEqual(await store.savePosts([old]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        assert.deepEqual(
          (await store.getVersions('c', 1)).map((v) => v.text),
          ['old', 'new'],
        );
        assert.equal((await store.getPost('c', 1))?.text, 'new');
        await done();
      });
      it('a post seen live going back to an earlier text makes it current again, the history reading A, B, A', async () => {
        const live = (text: string): Post => post('c', 1, { text, edited: true, source: 'tme-live' });
        const at = (d: number): { seenAt: string } => ({ seenAt: `2024-09-0${d}T00:00:00.000Z` });
        await store.savePosts([post('c', 1, { text: 'Original wording', source: 'tme-live' })], at(1));
        await store.savePosts([live('Typo fix attempt')], at(2));
        assert.deepEqual(await store.savePosts([live('Original wording')], at(3)), {
          added: 0,
          updated: 1,
          unchanged: 0,
          edited: 1,
        });
        assert.equal((await store.getPost('c', 1))?.text, 'Original wording');
        assert.deepEqual(
          (await store.search('wording')).hits.map((h) => h.post.id),
          [1],
        );
        assert.equal((await store.search('attempt')).total, 0, 'the search follows the current text');
        // B -> C -> B: the same again further on; the page read again afterwards changes nothing.
        await store.savePosts([live('Version C')], at(4));
        assert.equal((await store.savePosts([live('Typo fix attempt')], at(5))).edited, 1);
        assert.equal((await store.savePosts([live('Typo fix attempt')], at(6))).unchanged, 1);
        assert.deepEqual(
          (await store.getVersions('c', 1)).map((v) => `${v.text} @${v.seenAt.slice(8, 10)}`),
          [
            'Original wording @01',
            'Typo fix attempt @02',
            'Original wording @03',
            'Version C @04',
            'Typo fix attempt @05',
          ],
        );
        await done();
      });
      it('the account and t.me showing the same words with other formatting, read in turn, swap nothing', async () => {
        const text = 'Statement today';
        const account = post('c', 1, {
          text,
          entities: [{ type: 'bold', offset: 0, length: 9 }],
          source: 'mtproto',
        });
        const page = post('c', 1, {
          text,
          entities: [{ type: 'bold', offset: 10, length: 5 }],
          source: 'tme-live',
        });
        await store.savePosts([account], { seenAt: '2024-09-01T00:00:00.000Z' });
        await store.savePosts([page], { seenAt: '2024-09-02T00:00:00.000Z' });
        for (let day = 3; day < 7; day++) {
          const reading = day % 2 ? account : page;
          const r = await store.savePosts([reading], { seenAt: `2024-09-0${day}T00:00:00.000Z` });
          assert.equal(r.edited, 0, `visit ${day}`);
        }
        assert.equal((await store.getVersions('c', 1)).length, 2);
        // A formatting the same source showed before, shown by it again, is a return to it.
        const bold = post('c', 1, {
          text,
          entities: [{ type: 'bold', offset: 0, length: 9 }],
          source: 'tme-live',
        });
        assert.equal((await store.savePosts([bold], { seenAt: '2024-09-08T00:00:00.000Z' })).edited, 1);
        assert.equal((await store.savePosts([page], { seenAt: '2024-09-09T00:00:00.000Z' })).edited, 1);
        await done();
      });
      it('an old export read after the post went back changes nothing; a dated later one is current', async () => {
        const at = (d: number): { seenAt: string } => ({ seenAt: `2024-09-0${d}T00:00:00.000Z` });
        await store.savePosts([post('c', 1, { text: 'A' })], at(1));
        await store.savePosts([post('c', 1, { text: 'B', edited: true, source: 'tme-live' })], at(2));
        await store.savePosts([post('c', 1, { text: 'A', edited: true, source: 'tme-live' })], at(3));
        // The export of when it said B, read now: seen later, but a copy of an earlier moment.
        const oldCopy = post('c', 1, { text: 'B', edited: true, editDate: '2024-08-31T00:00:00.000Z' });
        assert.equal((await store.savePosts([oldCopy], at(4))).unchanged, 1);
        assert.equal((await store.getPost('c', 1))?.text, 'A');
        // An account reading that went back to B, with its edit date: current, whatever was seen before.
        const back = post('c', 1, { text: 'B', edited: true, editDate: '2024-09-04T12:00:00.000Z' });
        assert.equal((await store.savePosts([{ ...back, source: 'mtproto' }], at(5))).edited, 1);
        assert.equal((await store.getPost('c', 1))?.text, 'B');
        // A live reading saved with an earlier time than the current text's (a merge of another copy) is not later.
        const stale = post('c', 1, { text: 'A', edited: true, source: 'tme-live' });
        assert.equal((await store.savePosts([stale], at(4))).unchanged, 1);
        assert.deepEqual(
          (await store.getVersions('c', 1)).map((v) => v.text),
          ['A', 'B', 'A', 'B'],
        );
        await done();
      });
      it('a views or reactions change is updated in place without a new version', async () => {
        await store.savePosts([post('c', 1, { text: 'x', views: 10 })]);
        assert.deepEqual(
          await store.savePosts([
            post('c', 1, { text: 'x', views: 20, reactions: [{ emoji: '👍', count: 1 }] }),
          ]),
          {
            added: 0,
            updated: 1,
            unchanged: 0,
            edited: 0,
          },
        );
        assert.equal((await store.getPost('c', 1))?.views, 20);
        assert.equal((await store.getVersions('c', 1)).length, 1);
        await done();
      });
      it('mergeMissing (default): null or empty incoming fields keep stored values', async () => {
        const full = tagged('c', 1, 'Summit #BRICS', '#BRICS', {
          views: 50,
          author: 'Ann',
          media: [{ type: 'photo', supported: true }],
          forwardedFrom: { name: 'X', username: 'x', postId: 1, author: null },
          lang: 'en',
        });
        await store.savePosts([full]);
        // A text dump: no date, no entities, no views, no media.
        const dump = { ...emptyPost('c', 1, 'text'), text: 'Summit #BRICS' };
        assert.deepEqual(await store.savePosts([dump]), { added: 0, updated: 0, unchanged: 1, edited: 0 });
        assert.deepEqual(await store.getPost('c', 1), { ...full, deleted: false, topics: [], story: null });
        await done();
      });
      it('mergeMissing false: incoming nulls replace stored values', async () => {
        await store.savePosts([post('c', 1, { text: 'x', views: 5 })]);
        const r = await store.savePosts([{ ...emptyPost('c', 1, 'text'), text: 'x' }], {
          mergeMissing: false,
        });
        assert.deepEqual(r, { added: 0, updated: 1, unchanged: 0, edited: 0 });
        const p = await store.getPost('c', 1);
        assert.equal(p?.date, null);
        assert.equal(p?.views, null);
        assert.equal(p?.source, 'text');
        await done();
      });
    });

    describe('tombstones', () => {
      it('a deleted post stays deleted when an import brings it again; a live sighting revives it', async () => {
        await store.savePosts([post('c', 1, { text: 'a' }), post('c', 2, { text: 'b' })]);
        assert.equal(await store.markDeleted('c', [1, 7], '2024-10-01T00:00:00.000Z'), 1);
        assert.equal(await store.markDeleted('c', [1]), 0, 'already deleted');
        assert.deepEqual(await store.savePosts([post('c', 1, { text: 'a' })]), {
          added: 0,
          updated: 0,
          unchanged: 1,
          edited: 0,
        });
        await store.savePosts([post('c', 1, { text: 'a', views: 9 })]);
        assert.equal((await store.getPost('c', 1))?.deleted, true);
        assert.equal(
          (await store.getPost('c', 1))?.deletedAt,
          '2024-10-01T00:00:00.000Z',
          'when it was marked',
        );
        assert.equal((await store.getPost('c', 1))?.views, 9, 'content still merges');
        assert.deepEqual(keys(await store.queryPosts({ includeDeleted: false })), ['c/2']);
        assert.deepEqual(
          keys(await store.queryPosts({})),
          ['c/1', 'c/2'],
          'deleted posts are returned by default',
        );
        const live = { ...post('c', 1, { text: 'a', views: 9 }), source: 'tme-live' as const };
        assert.deepEqual(await store.savePosts([live]), { added: 0, updated: 1, unchanged: 0, edited: 0 });
        assert.equal((await store.getPost('c', 1))?.deleted, false);
        assert.ok(!('deletedAt' in (await store.getPost('c', 1))!), 'no deletion time once revived');
        assert.ok(!('restored' in (await store.getPost('c', 2))!), 'no note on a post never deleted');
        await done();
      });

      it('a deleted post seen live again keeps a note of its deletion and of its return', async () => {
        await store.savePosts([post('c', 1, { text: 'a' })], { seenAt: '2024-10-01T00:00:00.000Z' });
        await store.markDeleted('c', [1], '2024-10-02T00:00:00.000Z');
        const live = post('c', 1, { text: 'a', source: 'tme-live' });
        await store.savePosts([live], { seenAt: '2024-10-03T00:00:00.000Z' });
        const note = { deletedAt: '2024-10-02T00:00:00.000Z', at: '2024-10-03T00:00:00.000Z' };
        assert.deepEqual((await store.getPost('c', 1))?.restored, note);
        assert.equal((await store.savePosts([live], { seenAt: '2024-10-04T00:00:00.000Z' })).unchanged, 1);
        assert.deepEqual((await store.getPost('c', 1))?.restored, note, 'seen again: the note stays');
        // Deleted again: deleted, with the note of the earlier return still in its history.
        await store.markDeleted('c', [1], '2024-10-05T00:00:00.000Z');
        const again = await store.getPost('c', 1);
        assert.deepEqual(
          [again?.deleted, again?.deletedAt, again?.restored],
          [true, '2024-10-05T00:00:00.000Z', note],
        );
        await done();
      });

      it('forward and reply counts are kept, and stay when a reading without them comes', async () => {
        await store.savePosts([{ ...post('c', 4, { text: 'n' }), forwards: 12, replies: 3 }]);
        const saved = await store.getPost('c', 4);
        assert.deepEqual([saved?.forwards, saved?.replies], [12, 3]);
        await store.savePosts([post('c', 4, { text: 'n', views: 5 })]);
        const merged = await store.getPost('c', 4);
        assert.deepEqual([merged?.forwards, merged?.replies, merged?.views], [12, 3, 5]);
        await store.savePosts([{ ...post('c', 4, { text: 'n' }), forwards: 13 }]);
        assert.equal((await store.getPost('c', 4))?.forwards, 13);
        await store.savePosts([post('c', 5, { text: 'm' })]);
        assert.ok(!('forwards' in (await store.getPost('c', 5))!), 'absent when never known');
        await done();
      });

      it('a post seen again through the Telegram account is live too: it comes back', async () => {
        await store.savePosts([post('c', 3, { text: 'x' })]);
        await store.markDeleted('c', [3]);
        const seen = { ...post('c', 3, { text: 'x' }), source: 'mtproto' as const };
        await store.savePosts([seen]);
        assert.equal((await store.getPost('c', 3))?.deleted, false);
        await done();
      });
    });

    describe('transaction', () => {
      it('keeps everything on success and nothing when fn throws (nested calls join)', async () => {
        await store.transaction(async () => {
          await store.savePosts([post('c', 1)]);
          await store.transaction(async () => store.savePosts([post('c', 2)]));
        });
        assert.equal(await store.countPosts({}), 2);
        await assert.rejects(
          store.transaction(async () => {
            await store.savePosts([post('c', 3, { text: 'gone' })]);
            await store.upsertChannel(emptyChannel('gone'));
            await store.markDeleted('c', [1]);
            await store.transaction(async () => store.savePosts([post('c', 4)]));
            await new Promise((r) => setTimeout(r, 5));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.countPosts({}), 2);
        assert.equal(await store.getChannel('gone'), null);
        assert.equal((await store.getPost('c', 1))?.deleted, false);
        assert.equal((await store.search('gone')).total, 0, 'the search index rolled back too');
        await done();
      });
      it('a write from outside waits for an open transaction instead of joining it', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const tx = store
          .transaction(async () => {
            await store.savePosts([post('c', 1)]);
            await gate;
            throw new Error('rollback');
          })
          .catch(() => 'rolled back');
        const outside = store.savePosts([post('c', 2)]);
        release();
        assert.equal(await tx, 'rolled back');
        await outside;
        assert.deepEqual(keys(await store.queryPosts({})), ['c/2']);
        await done();
      });
    });

    describe('queries', () => {
      const fixture = async (): Promise<void> => {
        await store.savePosts([
          post('a', 1, { date: '2024-09-01T08:00:00.000Z', lang: 'en' }),
          post('a', 2, {
            date: '2024-09-02T23:59:59.000Z',
            lang: 'fr',
            media: [{ type: 'photo', supported: true }],
          }),
          post('b', 1, {
            date: '2024-09-02T08:00:00.000Z',
            forwardedFrom: { name: 'O', username: 'o', postId: 1, author: null },
          }),
          post('b', 2, { date: '2024-09-03T00:00:00.000Z' }),
          post('t', 5, { date: null }),
          post('t', 3, { date: null }),
        ]);
      };
      it('orders by date, channel, id; undated posts first (by id) ascending, last descending', async () => {
        await fixture();
        const asc = ['t/3', 't/5', 'a/1', 'b/1', 'a/2', 'b/2'];
        assert.deepEqual(keys(await store.queryPosts({})), asc);
        assert.deepEqual(keys(await store.queryPosts({ order: 'desc' })), [...asc].reverse());
        assert.deepEqual(keys(await store.queryPosts({ limit: 2, offset: 1 })), ['t/5', 'a/1']);
        await done();
      });
      it('filters by every PostFilter field', async () => {
        await fixture();
        await store.setPostTopics([{ channel: 'a', id: 2, topics: ['brics'] }]);
        await store.setStories([{ channel: 'b', id: 1, storyId: 's1', reason: 'canonical' }]);
        const table: [object, string[]][] = [
          [{ channel: 'a' }, ['a/1', 'a/2']],
          [{ channel: ['a', 't'] }, ['t/3', 't/5', 'a/1', 'a/2']],
          [{ channel: [] }, []],
          [{ since: '2024-09-02' }, ['b/1', 'a/2', 'b/2']],
          [{ until: '2024-09-02' }, ['a/1', 'b/1', 'a/2']],
          [{ until: '2024-09-02T08:00:00Z' }, ['a/1']],
          [{ since: '2024-09-02T08:00:00Z', until: '2024-09-03T00:00:00.000Z' }, ['b/1', 'a/2']],
          [{ lang: 'fr' }, ['a/2']],
          [{ forwarded: true }, ['b/1']],
          [{ forwarded: false, channel: 'b' }, ['b/2']],
          [{ hasMedia: true }, ['a/2']],
          [{ hasMedia: false, channel: 'a' }, ['a/1']],
          [{ topic: 'brics' }, ['a/2']],
          [{ story: 's1' }, ['b/1']],
          [{ storyless: true, channel: 'b' }, ['b/2']],
        ];
        for (const [f, want] of table) {
          assert.deepEqual(keys(await store.queryPosts(f)), want, JSON.stringify(f));
          assert.equal(await store.countPosts(f), want.length, JSON.stringify(f));
        }
        const a2 = await store.getPost('a', 2);
        assert.deepEqual([a2?.topics, a2?.story, a2?.lang], [['brics'], null, 'fr']);
        assert.equal((await store.getPost('b', 1))?.story, 's1');
        await assert.rejects(store.queryPosts({ since: 'yesterday-ish' }), /not a date/);
        await done();
      });
      it('a language filter finds the posts told as its family: nn finds Norwegian (no), hr Serbo-Croatian (sh)', async () => {
        const langs = ['no', 'nn', 'nb', 'sh', 'hr', 'da'];
        await store.savePosts(
          langs.map((lang, i) =>
            post(lang, i + 1, { text: 'fjord kazan', date: '2024-09-01T08:00:00.000Z', lang }),
          ),
        );
        const table: [string, string[]][] = [
          ['no', ['nb/3', 'nn/2', 'no/1']],
          ['nn', ['nn/2', 'no/1']],
          ['nb', ['nb/3', 'no/1']],
          ['hr', ['hr/5', 'sh/4']],
          ['sh', ['sh/4']],
          ['da', ['da/6']],
        ];
        const sorted = (l: string[]): string[] => [...l].sort();
        for (const [lang, want] of table) {
          assert.deepEqual(sorted(keys(await store.queryPosts({ lang }))), want, lang);
          assert.equal(await store.countPosts({ lang }), want.length, lang);
          const hits = async (q: string, o = {}): Promise<string[]> =>
            sorted((await store.search(q, o)).hits.map((h) => `${h.post.channel}/${h.post.id}`));
          assert.deepEqual(await hits(`fjord lang:${lang}`), want, `lang:${lang}`);
          assert.deepEqual(await hits('fjord', { lang }), want, `{ lang: ${lang} }`);
        }
        await done();
      });
      it('iteratePosts pages through the same order as queryPosts across page boundaries; latestTexts follows it', async () => {
        const many: Post[] = [];
        for (let i = 1; i <= 1203; i++)
          many.push(
            post(i % 3 === 0 ? 'x' : 'y', i, {
              date: i % 10 === 0 ? null : `2024-01-01T00:${String(i % 60).padStart(2, '0')}:00.000Z`,
            }),
          );
        await store.savePosts(many);
        for (const q of [
          {},
          { order: 'desc' as const },
          { offset: 499, limit: 600 },
          { channel: 'x', order: 'desc' as const },
        ]) {
          const got: string[] = [];
          for await (const p of store.iteratePosts(q)) got.push(`${p.channel}/${p.id}`);
          assert.deepEqual(got, keys(await store.queryPosts(q)), JSON.stringify(q));
        }
        // The latest texts of a channel: the texts iteratePosts gives newest first, empty ones left out.
        await store.savePosts(
          [3, 1, 4, 5, 2, 6].map((id) =>
            post('z', id, {
              text: id === 4 ? '' : `text ${id}`,
              date: id === 6 ? null : `2024-02-0${id}T00:00:00.000Z`,
            }),
          ),
        );
        const newest: string[] = [];
        for await (const p of store.iteratePosts({ channel: 'z', order: 'desc', limit: 4 }))
          if (p.text) newest.push(p.text);
        assert.deepEqual(newest, ['text 5', 'text 3', 'text 2'], 'the empty one left out');
        assert.deepEqual(await store.latestTexts('z', 4), newest);
        assert.deepEqual(await store.latestTexts('z', 10), [
          'text 5',
          'text 3',
          'text 2',
          'text 1',
          'text 6',
        ]);
        // Undated posts come last (iteratePosts' order), as the line above shows with post 6.
        assert.deepEqual(await store.latestTexts('nobody', 500), []);
        await done();
      });
      it('postIds gives the ids of a channel within a range, ascending, deleted posts left out', async () => {
        await store.savePosts([
          post('r', 9, { text: 'nine' }),
          post('r', 3, { text: 'three' }),
          post('r', 5, { text: 'five' }),
          post('r', 7, { text: 'seven' }),
          post('other', 4, { text: 'not this channel' }),
        ]);
        await store.markDeleted('r', [7]);
        assert.deepEqual(await store.postIds('r', 3, 9), [3, 5, 9]);
        assert.deepEqual(await store.postIds('r', 4, 8), [5]);
        assert.deepEqual(await store.postIds('r', 10, 20), []);
        assert.deepEqual(await store.postIds('nobody', 0, 100), []);
        await done();
      });
    });

    describe('search', () => {
      const corpus = async (): Promise<void> => {
        await store.savePosts([
          tagged('mid', 1, 'The #BRICS summit in Kazan gathered leaders.', '#BRICS', {
            lang: 'en',
            date: '2024-10-22T10:00:00.000Z',
          }),
          post('mid', 2, {
            text: "Le sommet à Kazan: la coopération économique et l'élargissement.",
            lang: 'fr',
            date: '2024-10-23T10:00:00.000Z',
          }),
          tagged('mid', 3, 'Саммит #БРИКС в Казани. Ещё одна встреча, всё готово.', '#БРИКС', {
            lang: 'ru',
            date: '2024-10-24T10:00:00.000Z',
          }),
          post('emb', 4, {
            text: 'قمة بريكس في قَازَان: التَّعَاوُن الاقتصادي',
            lang: 'ar',
            date: '2024-10-25T10:00:00.000Z',
            forwardedFrom: { name: 'Russian MFA 🇷🇺', username: 'mfa_russia', postId: 7, author: null },
          }),
          post('emb', 5, {
            text: 'Brics economy without any hashtag; economic growth in China.',
            lang: 'en',
            date: '2024-10-26T10:00:00.000Z',
          }),
          post('emb', 6, { text: '金砖国家峰会在喀山举行', lang: 'zh', date: '2024-10-27T10:00:00.000Z' }),
        ]);
      };
      const hits = async (q: string, o = {}): Promise<string[]> =>
        (await store.search(q, o)).hits.map((h) => `${h.post.channel}/${h.post.id}`).sort();

      it('finds words in English, French (é = e), Russian (ё = е), Arabic (with or without harakat) and Chinese', async () => {
        await corpus();
        const table: [string, string[]][] = [
          ['kazan', ['mid/1', 'mid/2']],
          ['KAZAN leaders', ['mid/1']],
          ['cooperation', ['mid/2']],
          ['coopération', ['mid/2']],
          ['elargissement', ['mid/2']],
          ['казани', ['mid/3']],
          ['еще', ['mid/3']],
          ['всё', ['mid/3']],
          ['قازان', ['emb/4']],
          ['التعاون', ['emb/4']],
          ['قَازَان', ['emb/4']],
          ['喀山', ['emb/6']],
          ['nothingmatches', []],
        ];
        for (const [q, want] of table) assert.deepEqual(await hits(q), want, q);
        await done();
      });
      it('supports prefix, phrases, OR, NOT and a query made only of NOT', async () => {
        await corpus();
        const table: [string, string[]][] = [
          ['econom*', ['emb/5', 'mid/2']],
          ['"summit in Kazan"', ['mid/1']],
          ['"Kazan summit"', []],
          ['leaders OR казани', ['mid/1', 'mid/3']],
          ['brics -china', ['mid/1']],
          ['brics NOT (china OR kazan)', []],
          ['-brics -бриКС -kazan', ['emb/4', 'emb/6']],
          ['(kazan OR казани) -leaders', ['mid/2', 'mid/3']],
          ['kazan OR -leaders', ['emb/4', 'emb/5', 'emb/6', 'mid/1', 'mid/2', 'mid/3']],
          ['*', ['emb/4', 'emb/5', 'emb/6', 'mid/1', 'mid/2', 'mid/3']],
        ];
        for (const [q, want] of table) assert.deepEqual(await hits(q), want, q);
        await done();
      });
      it('a #hashtag finds the tag whatever its case, not the bare word', async () => {
        await corpus();
        assert.deepEqual(await hits('#brics'), ['mid/1']);
        assert.deepEqual(await hits('#бРИКС'), ['mid/3']);
        assert.deepEqual(await hits('brics'), ['emb/5', 'mid/1']);
        assert.deepEqual(await hits('-#brics brics'), ['emb/5']);
        await done();
      });
      it('a bare word finds a hashtag that is the whole word (knowledgeday: #KnowledgeDay), ranked after the word as written', async () => {
        await store.savePosts([
          tagged('k', 1, 'Today is #KnowledgeDay in schools', '#KnowledgeDay', { lang: 'en' }),
          tagged('k', 2, 'Премьера на #КиноСтрим сегодня', '#КиноСтрим', { lang: 'ru' }),
          post('k', 3, { text: 'knowledge day without the tag', lang: 'en' }),
          post('k', 4, { text: 'knowledgeday written as one word', lang: 'en' }),
          tagged('k', 5, 'A #knowledge_day_2024 tag is another tag', '#knowledge_day_2024', { lang: 'en' }),
        ]);
        await store.setPostTopics([
          { channel: 'k', id: 1, topics: ['edu'] },
          { channel: 'k', id: 4, topics: ['edu'] },
        ]);
        const ordered = async (q: string, o = {}): Promise<string[]> =>
          (await store.search(q, o)).hits.map((h) => `${h.post.channel}/${h.post.id}`);
        const table: [string, string[]][] = [
          ['knowledgeday', ['k/1', 'k/4']],
          ['KnowledgeDay', ['k/1', 'k/4']],
          ['кинострим', ['k/2']],
          ['#knowledgeday', ['k/1']],
          ['knowledgeday schools', ['k/1']],
          ['knowledgeday OR кинострим', ['k/1', 'k/2', 'k/4']],
          ['knowledge -knowledgeday', ['k/3', 'k/5']],
          // A prefix and a phrase are words only: the whole hashtag is for a bare word.
          ['knowledged*', ['k/4']],
          ['"knowledgeday"', ['k/4']],
        ];
        for (const [q, want] of table) assert.deepEqual(await hits(q), want, q);
        // By relevance, the word as written first, then the post only its hashtag finds; the same with a filter the
        // posts are read through.
        assert.deepEqual(await ordered('knowledgeday'), ['k/4', 'k/1']);
        assert.deepEqual(await ordered('knowledgeday topic:edu'), ['k/4', 'k/1']);
        assert.deepEqual(await ordered('knowledgeday', { sort: 'date' }), ['k/4', 'k/1']);
        assert.equal((await store.search('knowledgeday')).total, 2);
        const hit = (await store.search('knowledgeday')).hits.find((h) => h.post.id === 1);
        assert.match(hit!.snippet, /#\uE000KnowledgeDay\uE001/);
        const ru = (await store.search('кинострим')).hits[0];
        assert.match(ru!.snippet, /#\uE000КиноСтрим\uE001/);
        await done();
      });
      it('field filters: lang, channel, from (username or part of the name), topic; plus PostFilter options', async () => {
        await corpus();
        await store.setPostTopics([{ channel: 'mid', id: 2, topics: ['summit'] }]);
        const table: [string, object, string[]][] = [
          ['kazan lang:fr', {}, ['mid/2']],
          ['lang:ar', {}, ['emb/4']],
          ['channel:emb brics', {}, ['emb/5']],
          ['from:mfa_russia', {}, ['emb/4']],
          ['from:"russian mfa"', {}, ['emb/4']],
          ['topic:summit', {}, ['mid/2']],
          ['kazan OR lang:zh', {}, ['emb/6', 'mid/1', 'mid/2']],
          ['-lang:en kazan', {}, ['mid/2']],
          ['kazan', { channel: 'mid', lang: 'en' }, ['mid/1']],
          ['*', { since: '2024-10-26' }, ['emb/5', 'emb/6']],
        ];
        for (const [q, o, want] of table)
          assert.deepEqual(await hits(q, o), want, `${q} ${JSON.stringify(o)}`);
        await done();
      });
      it('sorts by relevance or date, counts the total, pages with limit/offset', async () => {
        await corpus();
        await store.savePosts([
          post('x', 1, { text: 'kazan kazan kazan kazan', date: '2020-01-01T00:00:00.000Z' }),
        ]);
        const rel = await store.search('kazan');
        assert.equal(rel.total, 3);
        assert.equal(`${rel.hits[0]?.post.channel}/${rel.hits[0]?.post.id}`, 'x/1', 'most occurrences first');
        assert.ok(rel.hits[0]!.score >= rel.hits[1]!.score);
        const byDate = await store.search('kazan', { sort: 'date', limit: 2 });
        assert.equal(byDate.total, 3);
        assert.deepEqual(
          byDate.hits.map((h) => h.post.id),
          [2, 1],
          'newest first',
        );
        // A date-ordered search ranks nothing: its scores are 0 (README, Scores).
        assert.deepEqual(
          byDate.hits.map((h) => h.score),
          [0, 0],
        );
        assert.deepEqual(
          (await store.search('kazan', { sort: 'date', limit: 2, offset: 2 })).hits.map(
            (h) => h.post.channel,
          ),
          ['x'],
        );
        await done();
      });
      it('a search repeated after a write sees the write (new posts, topics, deletions)', async () => {
        await corpus();
        assert.deepEqual(await hits('kazan'), ['mid/1', 'mid/2']);
        await store.savePosts([post('x', 9, { text: 'Kazan again', date: '2024-11-01T10:00:00.000Z' })]);
        assert.deepEqual(await hits('kazan'), ['mid/1', 'mid/2', 'x/9']);
        assert.equal((await store.search('kazan', { sort: 'date', limit: 1 })).hits[0]?.post.id, 9);
        assert.deepEqual(await hits('kazan', { topic: 'later' }), []);
        await store.setPostTopics([{ channel: 'mid', id: 2, topics: ['later'] }]);
        assert.deepEqual(await hits('kazan', { topic: 'later' }), ['mid/2']);
        await store.markDeleted('x', [9]);
        assert.deepEqual(await hits('kazan', { includeDeleted: false }), ['mid/1', 'mid/2']);
        await assert.rejects(
          store.transaction(async () => {
            await store.savePosts([post('y', 1, { text: 'kazan rolled back' })]);
            assert.deepEqual(await hits('kazan', { channel: 'y' }), ['y/1']);
            throw new Error('abort');
          }),
        );
        assert.deepEqual(await hits('kazan', { channel: 'y' }), []);
        await done();
      });
      it('snippets mark matches with U+E000 … U+E001', async () => {
        await corpus();
        const long = `${'filler words here. '.repeat(40)}the important Kazan declaration was signed. ${'more filler. '.repeat(40)}`;
        await store.savePosts([post('x', 1, { text: long })]);
        const [hit] = (await store.search('declaration')).hits;
        assert.match(hit!.snippet, /^….*important Kazan \uE000declaration\uE001 was signed.*…$/);
        const [fr] = (await store.search('cooperation')).hits;
        assert.match(fr!.snippet, /\uE000coopération\uE001/);
        const [ru] = (await store.search('еще')).hits;
        assert.match(ru!.snippet, /\uE000Ещё\uE001/);
        const [pre] = (await store.search('econom* -china lang:fr')).hits;
        assert.match(pre!.snippet, /\uE000économique\uE001/);
        // A phrase found through a stem marks the word it was found by as well as those written alike.
        const [phrase] = (await store.search('"summits in kazan" lang:en')).hits;
        assert.match(phrase!.snippet, /\uE000summit\uE001 \uE000in\uE001 \uE000Kazan\uE001/);
        await done();
      });
      it('a Russian noun Snowball cuts short in the nominative is found in every case (визит, визита; Лавров, Лаврова)', async () => {
        await store.savePosts([
          post('ru', 1, { text: 'Официальный визит в Китай', lang: 'ru' }),
          post('ru', 2, { text: 'Итоги визита министра', lang: 'ru' }),
          post('ru', 3, { text: 'О визите говорили в Кремле', lang: 'ru' }),
          post('ru', 4, { text: 'Саммиты БРИКС и опыт сотрудничества', lang: 'ru' }),
          post('ru', 5, { text: 'Накануне саммита обменялись опытом', lang: 'ru' }),
          post('ru', 6, { text: 'Министр говорит о санкциях', lang: 'ru' }),
          post('ru', 7, { text: 'Заявление Лаврова по Ирану', lang: 'ru' }),
          post('ru', 8, { text: 'Лавров прибыл в Иран', lang: 'ru' }),
          post('ru', 9, { text: 'Встреча в Иране', lang: 'ru' }),
        ]);
        for (const q of ['визит', 'визита', 'визите', 'визитом'])
          assert.deepEqual(await hits(q), ['ru/1', 'ru/2', 'ru/3'], q);
        for (const q of ['саммит', 'саммите']) assert.deepEqual(await hits(q), ['ru/4', 'ru/5'], q);
        assert.deepEqual(await hits('опыт'), ['ru/4', 'ru/5']);
        for (const q of ['Лавров', 'Лаврова']) assert.deepEqual(await hits(q), ['ru/7', 'ru/8'], q);
        for (const q of ['Иран', 'Ирану', 'Иране'])
          assert.deepEqual(await hits(q), ['ru/7', 'ru/8', 'ru/9'], q);
        assert.deepEqual(await hits('"визита министра"'), ['ru/2']);
        // Verbs keep Snowball's stem: говорит and говорили still meet.
        assert.deepEqual(await hits('говорили'), ['ru/3', 'ru/6']);
        const [hit] = (await store.search('визит')).hits.filter((h) => h.post.id === 2);
        assert.match(hit!.snippet, /\uE000визита\uE001/);
        await done();
      });
      it('hostile FTS syntax never throws an SQL error; real syntax errors are QuerySyntaxError', async () => {
        await corpus();
        const ok = [
          '"',
          'NEAR(kazan leaders)',
          'kazan*',
          '*kazan',
          'body:kazan',
          'tags:brics',
          '^kazan',
          'kazan"',
          "l'élargissement",
          'a AND',
          'OR',
          '{body}',
          '(',
          ')',
          '--',
          '- -',
          'kazan + leaders',
          'rowid=1',
          "'; DROP TABLE posts; --",
          '\\',
          '""',
          '#',
          '#!',
        ];
        for (const q of ok) {
          try {
            const r = await store.search(q);
            assert.ok(r.total >= 0);
          } catch (e) {
            assert.ok(e instanceof QuerySyntaxError, `${q}: ${String(e)}`);
          }
        }
        assert.deepEqual(await hits('NEAR(kazan leaders)'), ['mid/1']);
        assert.deepEqual(await hits('body:kazan'), []);
        await assert.rejects(store.search('(kazan'), QuerySyntaxError);
        await assert.rejects(store.search(''), QuerySyntaxError);
        assert.equal(await store.countPosts({}), 6, 'the table survived');
        await done();
      });
    });

    describe('channel admin', () => {
      const state: SyncState = {
        status: 'ok',
        lastError: null,
        errorCount: 0,
        nextCheckAt: null,
        lastSyncAt: '2024-09-01T00:00:00.000Z',
        topId: 3,
        bottomId: 1,
        bottomDate: null,
        reachedStart: true,
        misses: {},
      };
      const texts = async (channel: string, id: number) =>
        (await store.getVersions(channel, id)).map((v) => v.text);
      /** Two channels sharing a story whose canonical post is old/1. */
      const seed = async () => {
        await store.upsertChannel({ ...emptyChannel('old'), numericId: 77, title: 'Old' });
        await store.savePosts([post('old', 1, { text: 'alpha first' }), post('old', 2, { text: 'beta' })]);
        await store.savePosts([post('old', 1, { text: 'alpha second' })]);
        await store.savePosts([
          post('other', 5, { text: 'alpha copy' }),
          post('other', 6, { text: 'gamma' }),
        ]);
        await store.saveTopic({ name: 'greek', query: 'alpha', aliases: [] });
        await store.setPostTopics([{ channel: 'old', id: 1, topics: ['greek'] }]);
        await store.setStories([
          { channel: 'old', id: 1, storyId: storyIdOf('old/1'), reason: 'canonical' },
          {
            channel: 'other',
            id: 5,
            storyId: storyIdOf('old/1'),
            reason: 'copy',
            evidence: { matched: ['old/1'], score: 1, items: ['the same text (2 words)'] },
          },
          { channel: 'old', id: 2, storyId: storyIdOf('other/6'), reason: 'copy' },
          { channel: 'other', id: 6, storyId: storyIdOf('other/6'), reason: 'canonical' },
        ]);
        await store.addStoryCorrection({
          kind: 'split',
          post: 'old/2',
          createdAt: '2024-10-01T00:00:00.000Z',
        });
        // A split naming the posts it was split from, among them posts of the channel renamed.
        await store.addStoryCorrection({
          kind: 'split',
          post: 'old/1',
          from: ['old/2', 'other/5', 'old/12'],
          createdAt: '2024-10-02T00:00:00.000Z',
        });
        await store.follow?.('old', null);
        await store.saveSyncState?.('old', state);
      };

      it('renameChannel moves posts, history, topics, search, stories (ids follow the canonical key), corrections, follow and sync state', async () => {
        await seed();
        const r = await store.renameChannel('old', 'new');
        assert.equal(r.moved, 2);
        assert.equal(await store.countPosts({ channel: 'old' }), 0);
        assert.deepEqual(await texts('new', 1), ['alpha first', 'alpha second']);
        assert.deepEqual((await store.getPost('new', 1))?.topics, ['greek']);
        assert.deepEqual(
          (await store.search('alpha')).hits.map((h) => `${h.post.channel}/${h.post.id}`).sort(),
          ['new/1', 'other/5'],
        );
        // Filtered by channel too (SQLite keeps the channel in its search rows).
        for (const sort of ['relevance', 'date'] as const) {
          assert.deepEqual(
            (await store.search('alpha', { channel: 'new', sort })).hits.map(
              (h) => `${h.post.channel}/${h.post.id}`,
            ),
            ['new/1'],
          );
          assert.equal((await store.search('alpha', { channel: 'old', sort })).total, 0);
        }
        assert.deepEqual(
          (await store.getStoryMembers(storyIdOf('new/1'))).map((m) => `${m.channel}/${m.id}`),
          ['new/1', 'other/5'],
        );
        assert.equal((await store.getPost('new', 2))?.story, storyIdOf('other/6'), 'a copy keeps its story');
        // The other member's evidence names the post it matched by the new key.
        assert.deepEqual(
          (await store.getStoryMembers(storyIdOf('new/1'))).find((m) => m.channel === 'other')?.evidence,
          { matched: ['new/1'], score: 1, items: ['the same text (2 words)'] },
        );
        assert.deepEqual(
          (await store.listStoryCorrections()).map((c) => [c.post, c.kind === 'split' ? c.from : null]),
          [
            ['new/2', undefined],
            ['new/1', ['new/2', 'other/5', 'new/12']],
          ],
        );
        assert.deepEqual(
          (await store.listFollows?.())?.map((f) => f.channel),
          ['new'],
        );
        assert.deepEqual(await store.getSyncState?.('new'), state);
        assert.equal(await store.getSyncState?.('old'), null);
        assert.equal((await store.getChannel('new'))?.numericId, 77);
        assert.equal(await store.getChannel('old'), null);
        await done();
      });

      it('renameChannel refuses an unknown channel and a name already taken, changing nothing', async () => {
        await seed();
        await assert.rejects(
          store.renameChannel('nobody', 'x'),
          (e) => e instanceof UserError && /nobody/.test(e.message),
        );
        await assert.rejects(
          store.renameChannel('old', 'other'),
          (e) => e instanceof UserError && /channels merge old other/.test(e.message),
        );
        assert.equal(await store.countPosts({ channel: 'old' }), 2);
        await done();
      });

      it('mergeChannels moves FROM into INTO; a post both hold stays once with every text in its history', async () => {
        await store.upsertChannel({ ...emptyChannel('export'), numericId: 9, title: 'Export' });
        await store.upsertChannel({ ...emptyChannel('name'), username: 'name' });
        await store.savePosts([
          post('export', 1, { text: 'same', views: null }),
          post('export', 2, { text: 'first', editDate: '2024-09-02T00:00:00.000Z' }),
          post('export', 3, { text: 'only in the export' }),
        ]);
        await store.savePosts([post('export', 2, { text: 'second', editDate: '2024-09-03T00:00:00.000Z' })]);
        await store.savePosts([
          post('name', 1, { text: 'same', views: 10 }),
          post('name', 2, { text: 'third', editDate: '2024-09-04T00:00:00.000Z' }),
          post('name', 4, { text: 'only scraped' }),
        ]);
        // Readers' corrections of FROM's posts, of one both hold and of one only FROM has: both follow to INTO.
        const at = '2024-10-01T00:00:00.000Z';
        await store.addStoryCorrection({ kind: 'split', post: 'export/1', createdAt: at });
        await store.addStoryCorrection({ kind: 'merge', post: 'export/3', into: 'name/4', createdAt: at });
        const r = await store.mergeChannels('export', 'name');
        assert.deepEqual(
          (await store.listStoryCorrections()).map((c) => [
            c.kind,
            c.post,
            c.kind === 'merge' ? c.into : null,
          ]),
          [
            ['split', 'name/1', null],
            ['merge', 'name/3', 'name/4'],
          ],
        );
        assert.equal(r.moved, 1);
        assert.equal(r.both, 2);
        assert.equal(r.bothChanged, 1);
        assert.equal(r.versionsKept, 2);
        assert.equal(await store.countPosts({ channel: 'export' }), 0);
        assert.deepEqual(
          (await store.queryPosts({ channel: 'name' })).map((p) => p.id),
          [1, 2, 3, 4],
        );
        assert.equal((await store.getPost('name', 1))?.views, 10);
        assert.deepEqual(
          (await store.search('only', { channel: 'name', sort: 'date' })).hits.map((h) => h.post.id),
          [4, 3],
        );
        assert.equal((await store.search('only', { channel: 'export' })).total, 0);
        assert.deepEqual(await texts('name', 1), ['same']);
        assert.deepEqual(await texts('name', 2), ['first', 'second', 'third']);
        const ch = await store.getChannel('name');
        assert.equal(ch?.numericId, 9, "INTO takes the numeric id it lacked from FROM's row");
        assert.equal(ch?.username, 'name');
        assert.equal(await store.getChannel('export'), null);
        assert.equal((await store.search('export')).total, 1);
        await done();
      });

      it('mergeChannels refuses an unknown INTO (naming rename) and a channel into itself', async () => {
        await store.savePosts([post('a', 1)]);
        await assert.rejects(
          store.mergeChannels('a', 'b'),
          (e) => e instanceof UserError && /channels rename a b/.test(e.message),
        );
        await assert.rejects(store.mergeChannels('a', 'a'), UserError);
        await assert.rejects(store.mergeChannels('zz', 'a'), UserError);
        assert.equal(await store.countPosts({ channel: 'a' }), 1);
        await done();
      });

      it('deleteChannel removes everything of the channel and ungroups the stories that lost a post', async () => {
        await seed();
        const r = await store.deleteChannel('old');
        assert.deepEqual(r, { posts: 2, versions: 1, ungrouped: 2, corrections: 2, followed: true });
        assert.equal(await store.countPosts({ channel: 'old' }), 0);
        assert.deepEqual(await store.getVersions('old', 1), []);
        assert.deepEqual(
          (await store.search('alpha')).hits.map((h) => `${h.post.channel}/${h.post.id}`),
          ['other/5'],
        );
        assert.deepEqual(
          (await store.queryPosts({ channel: 'other', storyless: true })).map((p) => p.id),
          [5, 6],
          "the other channel's members of those stories wait to be grouped again",
        );
        assert.deepEqual(await store.getStoryMembers(storyIdOf('old/1')), []);
        assert.deepEqual(await store.listStoryCorrections(), []);
        assert.deepEqual(await store.listFollows?.(), []);
        assert.equal(await store.getSyncState?.('old'), null);
        assert.equal(await store.getChannel('old'), null);
        assert.equal(await store.findChannelByNumericId(77), null);
        assert.equal(
          (await store.stats()).perChannel.some((c) => c.channel === 'old'),
          false,
        );
        assert.equal(await store.countPosts({ channel: 'other' }), 2);
        await assert.rejects(store.deleteChannel('old'), UserError);
        await done();
      });

      /** One import of `posts` as importFile records it. */
      const imported = async (file: string, posts: Post[]) =>
        store.transaction(async () => {
          const id = await store.startImportBatch({
            file,
            format: 'text',
            startedAt: '2024-10-01T00:00:00.000Z',
          });
          // A channel named `fresh` is one the import creates.
          if (posts.some((p) => p.channel === 'fresh')) await store.upsertChannel(emptyChannel('fresh'));
          await store.noteImportPosts(id, posts);
          await store.savePosts(posts);
          const channels = [...new Set(posts.map((p) => p.channel))];
          return store.finishImportBatch(id, {
            channels,
            created: channels.filter((c) => c === 'fresh'),
            finishedAt: '2024-10-01T00:00:01.000Z',
          });
        });

      it('import batches record what they added and changed; undo puts the archive back as it was', async () => {
        await store.savePosts([post('c', 1, { text: 'kept' }), post('c', 2, { text: 'original' })]);
        await store.setPostTopics([{ channel: 'c', id: 2, topics: ['t'] }]);
        const before = await store.getPost('c', 2);
        const b = await imported('readme.md', [
          post('c', 1, { text: 'kept' }),
          post('c', 2, { text: 'overwritten', views: 5 }),
          post('c', 3, { text: 'stray line' }),
        ]);
        assert.deepEqual(
          { added: b.added, updated: b.updated, versions: b.versions, channels: b.channels },
          { added: 1, updated: 1, versions: 1, channels: ['c'] },
        );
        assert.deepEqual(
          (await store.listImportBatches()).map((x) => [x.id, x.file, x.undoneAt]),
          [[b.id, 'readme.md', null]],
        );
        // A reader's correction of the post the batch added: kept, to apply again if the post comes back.
        await store.addStoryCorrection({ kind: 'split', post: 'c/3', createdAt: '2024-10-01T00:00:00.000Z' });
        const r = await store.undoImportBatch(b.id, '2024-10-02T00:00:00.000Z');
        assert.deepEqual(r, { removed: 1, restored: 1, gone: 0, ungrouped: 0, channels: [] });
        assert.deepEqual(
          (await store.listStoryCorrections()).map((c) => c.post),
          ['c/3'],
        );
        assert.equal(await store.getPost('c', 3), null);
        assert.deepEqual(await store.getPost('c', 2), before);
        assert.deepEqual(await texts('c', 2), ['original']);
        assert.equal((await store.search('overwritten')).total, 0);
        assert.equal((await store.search('original')).total, 1);
        assert.equal((await store.search('stray')).total, 0);
        assert.equal((await store.listImportBatches())[0]?.undoneAt, '2024-10-02T00:00:00.000Z');
        await assert.rejects(
          store.undoImportBatch(b.id),
          (e) => e instanceof UserError && /already undone/.test(e.message),
        );
        await assert.rejects(
          store.undoImportBatch(999),
          (e) => e instanceof UserError && /no import batch 999/.test(e.message),
        );
        await done();
      });

      it('undo removes a channel the batch created when it leaves it empty, not one followed since', async () => {
        const b = await imported('new.txt', [post('fresh', 1)]);
        assert.deepEqual((await store.undoImportBatch(b.id)).channels, ['fresh']);
        assert.equal(await store.getChannel('fresh'), null);
        const again = await imported('new.txt', [post('fresh', 1)]);
        await store.follow?.('fresh', null);
        assert.deepEqual((await store.undoImportBatch(again.id)).channels, []);
        assert.deepEqual(await store.getChannel('fresh'), emptyChannel('fresh'));
        assert.equal(await store.countPosts({ channel: 'fresh' }), 0);
        await done();
      });

      it('an import that changes nothing records an empty batch', async () => {
        await store.savePosts([post('c', 1, { text: 'same' })]);
        const b = await imported('again.json', [post('c', 1, { text: 'same' })]);
        assert.deepEqual([b.added, b.updated, b.versions], [0, 0, 0]);
        const r = await store.undoImportBatch(b.id);
        assert.deepEqual(r, { removed: 0, restored: 0, gone: 0, ungrouped: 0, channels: [] });
        assert.equal((await store.getPost('c', 1))?.text, 'same');
        await done();
      });

      it('undo refuses while a later batch changed the same posts, naming it; after that one is undone it works', async () => {
        const first = await imported('one.json', [post('c', 1, { text: 'v1' })]);
        const second = await imported('two.json', [post('c', 1, { text: 'v2' }), post('c', 2)]);
        await assert.rejects(
          store.undoImportBatch(first.id),
          (e) =>
            e instanceof UserError &&
            new RegExp(`batch ${second.id} \\(two.json\\).*tgwire imports undo ${second.id}`).test(e.message),
        );
        assert.equal((await store.getPost('c', 1))?.text, 'v2', 'a refused undo changes nothing');
        await store.undoImportBatch(second.id);
        assert.deepEqual(await texts('c', 1), ['v1']);
        await store.undoImportBatch(first.id);
        assert.equal(await store.countPosts({}), 0);
        await done();
      });

      it('undo refuses when a post changed since by something else than an import (a sync)', async () => {
        const b = await imported('one.json', [post('c', 1, { text: 'v1' })]);
        await store.savePosts([post('c', 1, { text: 'edited live', source: 'tme-live' })]);
        await assert.rejects(
          store.undoImportBatch(b.id),
          (e) => e instanceof UserError && /post c\/1 changed after it/.test(e.message),
        );
        await done();
      });

      it('import records follow a renamed channel, and a deleted channel leaves nothing to undo', async () => {
        const b = await imported('one.json', [post('c', 1, { text: 'v1' })]);
        await store.renameChannel('c', 'd');
        assert.deepEqual((await store.listImportBatches())[0]?.channels, ['d']);
        const c = await imported('two.json', [post('e', 1)]);
        await store.deleteChannel('e');
        assert.deepEqual(await store.undoImportBatch(c.id), {
          removed: 0,
          restored: 0,
          gone: 0,
          ungrouped: 0,
          channels: [],
        });
        assert.equal((await store.undoImportBatch(b.id)).removed, 1);
        assert.equal(await store.countPosts({}), 0);
        await done();
      });
    });

    describe('stats, topics, stories', () => {
      it('stats counts posts, deleted, dates, hashtags (case-folded) and per channel', async () => {
        await store.upsertChannel(emptyChannel('empty'));
        await store.savePosts([
          tagged('a', 1, '#BRICS one', '#BRICS', { date: '2024-09-01T00:00:00.000Z' }),
          tagged('a', 2, 'two #brics', '#brics', { date: '2024-09-05T00:00:00.000Z' }),
          tagged('b', 1, '#SCO #BRICS', '#SCO', { date: '2024-09-03T00:00:00.000Z' }),
          { ...emptyPost('t', 1, 'text'), text: 'dump #Kazan text' },
        ]);
        await store.markDeleted('a', [2]);
        assert.deepEqual(await store.stats(), {
          channels: 4,
          posts: 4,
          deleted: 1,
          firstDate: '2024-09-01T00:00:00.000Z',
          lastDate: '2024-09-05T00:00:00.000Z',
          topHashtags: [
            { tag: 'brics', count: 2 },
            { tag: 'kazan', count: 1 },
            { tag: 'sco', count: 1 },
          ],
          perChannel: [
            {
              channel: 'a',
              posts: 2,
              firstDate: '2024-09-01T00:00:00.000Z',
              lastDate: '2024-09-05T00:00:00.000Z',
            },
            {
              channel: 'b',
              posts: 1,
              firstDate: '2024-09-03T00:00:00.000Z',
              lastDate: '2024-09-03T00:00:00.000Z',
            },
            { channel: 'empty', posts: 0, firstDate: null, lastDate: null },
            { channel: 't', posts: 1, firstDate: null, lastDate: null },
          ],
        });
        await done();
      });
      it('stats with a filter gives the figures of that slice only', async () => {
        await store.upsertChannel(emptyChannel('empty'));
        await store.savePosts([
          tagged('a', 1, '#BRICS one', '#BRICS', { date: '2024-09-01T00:00:00.000Z', lang: 'en' }),
          tagged('a', 2, 'two #brics', '#brics', { date: '2024-09-05T00:00:00.000Z', lang: 'en' }),
          tagged('b', 1, '#SCO #BRICS', '#SCO', { date: '2024-09-03T00:00:00.000Z', lang: 'ru' }),
          { ...emptyPost('t', 1, 'text'), text: 'dump #Kazan text' },
        ]);
        await store.markDeleted('a', [2]);
        assert.deepEqual(await store.stats({ channel: ['a', 'empty'] }), {
          channels: 2,
          posts: 2,
          deleted: 1,
          firstDate: '2024-09-01T00:00:00.000Z',
          lastDate: '2024-09-05T00:00:00.000Z',
          topHashtags: [{ tag: 'brics', count: 2 }],
          perChannel: [
            {
              channel: 'a',
              posts: 2,
              firstDate: '2024-09-01T00:00:00.000Z',
              lastDate: '2024-09-05T00:00:00.000Z',
            },
            { channel: 'empty', posts: 0, firstDate: null, lastDate: null },
          ],
        });
        const ru = await store.stats({ lang: 'ru', since: '2024-09-02' });
        assert.deepEqual(
          [ru.posts, ru.channels, ru.deleted, ru.topHashtags],
          [1, 1, 0, [{ tag: 'sco', count: 1 }]],
        );
        assert.equal((await store.stats({})).posts, 4, 'an empty filter is the whole archive');
        await done();
      });
      const aggregateCorpus = async (): Promise<void> => {
        const mfa = { name: 'Russian MFA 🇷🇺', username: 'mfa_russia', postId: 7, author: null };
        await store.savePosts([
          tagged('a', 1, '#BRICS one', '#BRICS', { date: '2024-09-01T00:00:00.000Z', lang: 'en' }),
          tagged('a', 2, 'two #brics', '#brics', { date: '2024-09-05T00:00:00.000Z', lang: 'en' }),
          post('b', 1, {
            text: '#SCO #BRICS',
            entities: [
              { type: 'hashtag', offset: 0, length: 4 },
              { type: 'hashtag', offset: 5, length: 6 },
            ],
            date: '2024-09-03T00:00:00.000Z',
            lang: 'ru',
            forwardedFrom: mfa,
          }),
          post('b', 2, {
            text: 'plain',
            date: '2024-09-03T12:00:00.000Z',
            forwardedFrom: { name: 'Someone', username: null, postId: null, author: null },
          }),
          tagged('b', 3, '#sco again', '#sco', {
            date: '2024-10-01T00:00:00.000Z',
            lang: 'ru',
            forwardedFrom: mfa,
          }),
          { ...emptyPost('t', 1, 'text'), text: 'dump #Kazan undated' },
        ]);
      };
      it('dailyCounts: posts per UTC day and channel, undated left out, filters applied', async (t) => {
        if (!store.dailyCounts) {
          await done();
          return t.skip('this backend has no dailyCounts (web/ falls back to a scan)');
        }
        await aggregateCorpus();
        assert.deepEqual(await store.dailyCounts({}), [
          { day: '2024-09-01', channel: 'a', posts: 1 },
          { day: '2024-09-03', channel: 'b', posts: 2 },
          { day: '2024-09-05', channel: 'a', posts: 1 },
          { day: '2024-10-01', channel: 'b', posts: 1 },
        ]);
        assert.deepEqual(await store.dailyCounts({ channel: 'b', since: '2024-09-04' }), [
          { day: '2024-10-01', channel: 'b', posts: 1 },
        ]);
        await store.markDeleted('b', [3]);
        assert.deepEqual(
          (await store.dailyCounts({ includeDeleted: false })).map((d) => d.day),
          ['2024-09-01', '2024-09-03', '2024-09-05'],
        );
        await done();
      });
      it('hashtagCounts: per day or month, only the top tags, filters applied, following edits', async (t) => {
        if (!store.hashtagCounts) {
          await done();
          return t.skip('this backend has no hashtagCounts (web/ falls back to a scan)');
        }
        await aggregateCorpus();
        assert.deepEqual(await store.hashtagCounts({}), [
          { period: '2024-09-01', tag: 'brics', posts: 1 },
          { period: '2024-09-03', tag: 'brics', posts: 1 },
          { period: '2024-09-03', tag: 'sco', posts: 1 },
          { period: '2024-09-05', tag: 'brics', posts: 1 },
          { period: '2024-10-01', tag: 'sco', posts: 1 },
        ]);
        assert.deepEqual(await store.hashtagCounts({ period: 'month', top: 1 }), [
          { period: '2024-09', tag: 'brics', posts: 3 },
        ]);
        assert.deepEqual(await store.hashtagCounts({ period: 'month', lang: 'ru' }), [
          { period: '2024-09', tag: 'brics', posts: 1 },
          { period: '2024-09', tag: 'sco', posts: 1 },
          { period: '2024-10', tag: 'sco', posts: 1 },
        ]);
        assert.deepEqual(await store.hashtagCounts({ period: 'month', channel: 'a', until: '2024-09-04' }), [
          { period: '2024-09', tag: 'brics', posts: 1 },
        ]);
        await store.markDeleted('b', [3]);
        assert.deepEqual(await store.hashtagCounts({ period: 'month', includeDeleted: false }), [
          { period: '2024-09', tag: 'brics', posts: 3 },
          { period: '2024-09', tag: 'sco', posts: 1 },
        ]);
        // An edit that swaps the tag moves the post's count from one tag to the other.
        await store.savePosts([
          tagged('a', 1, 'one #SCO', '#SCO', {
            date: '2024-09-01T00:00:00.000Z',
            lang: 'en',
            edited: true,
            editDate: '2024-09-02T00:00:00.000Z',
          }),
        ]);
        assert.deepEqual(await store.hashtagCounts({ period: 'month' }), [
          { period: '2024-09', tag: 'brics', posts: 2 },
          { period: '2024-09', tag: 'sco', posts: 2 },
          { period: '2024-10', tag: 'sco', posts: 1 },
        ]);
        assert.deepEqual((await store.stats()).topHashtags, [
          { tag: 'sco', count: 3 },
          { tag: 'brics', count: 2 },
          { tag: 'kazan', count: 1 },
        ]);
        await done();
      });
      it('hashtagCounts and stats count spellings search takes as one tag once, named as most posts wrote it', async () => {
        // Text dumps (no entities): every #tag of the text is a hashtag. "fсs" has a Cyrillic с.
        const dump = (id: number, text: string, date: string): Post => ({
          ...emptyPost('t', id, 'text'),
          text,
          date,
        });
        await store.savePosts([
          dump(1, 'one #FCS #elections', '2024-03-01T10:00:00.000Z'),
          dump(2, 'two #fcs', '2024-03-01T11:00:00.000Z'),
          dump(3, 'three #FСS #Élections', '2024-03-02T09:00:00.000Z'),
          dump(4, 'four #fcs and #fсs, one post', '2024-03-02T10:00:00.000Z'),
          dump(5, 'five #élections', '2024-04-05T09:00:00.000Z'),
          dump(6, 'six #russie', '2024-04-05T10:00:00.000Z'),
        ]);
        // #élections is on two posts, #elections on one: the tag is shown as most posts wrote it.
        assert.deepEqual(await store.hashtagCounts({}), [
          { period: '2024-03-01', tag: 'fcs', posts: 2 },
          { period: '2024-03-01', tag: 'élections', posts: 1 },
          { period: '2024-03-02', tag: 'fcs', posts: 2 },
          { period: '2024-03-02', tag: 'élections', posts: 1 },
          { period: '2024-04-05', tag: 'russie', posts: 1 },
          { period: '2024-04-05', tag: 'élections', posts: 1 },
        ]);
        assert.deepEqual(await store.hashtagCounts({ period: 'month', top: 1 }), [
          { period: '2024-03', tag: 'fcs', posts: 4 },
        ]);
        // From 2 March, the Cyrillic spelling is on more posts (3 and 4) than the Latin one (4): it names the tag.
        assert.deepEqual(await store.hashtagCounts({ period: 'month', since: '2024-03-02' }), [
          { period: '2024-03', tag: 'f\u0441s', posts: 2 },
          { period: '2024-03', tag: 'élections', posts: 1 },
          { period: '2024-04', tag: 'russie', posts: 1 },
          { period: '2024-04', tag: 'élections', posts: 1 },
        ]);
        assert.deepEqual((await store.stats()).topHashtags, [
          { tag: 'fcs', count: 4 },
          { tag: 'élections', count: 3 },
          { tag: 'russie', count: 1 },
        ]);
        assert.equal((await store.search('#fcs')).total, 4);
        assert.equal((await store.search('#elections')).total, 3);
        await done();
      });
      it('languageCounts: posts per language (null when undetected), most first, filters applied', async (t) => {
        if (!store.languageCounts) {
          await done();
          return t.skip('this backend has no languageCounts (web/ falls back to a scan)');
        }
        await aggregateCorpus();
        const all = await store.languageCounts({});
        for (let i = 1; i < all.length; i++)
          assert.ok(all[i - 1]!.posts >= all[i]!.posts, 'most posts first');
        assert.deepEqual(
          [...all].sort((x, y) => String(x.lang).localeCompare(String(y.lang))),
          [
            { lang: 'en', posts: 2 },
            { lang: null, posts: 2 },
            { lang: 'ru', posts: 2 },
          ],
        );
        assert.deepEqual(await store.languageCounts({ channel: 'b' }), [
          { lang: 'ru', posts: 2 },
          { lang: null, posts: 1 },
        ]);
        await done();
      });
      it('forwardEdges: channel -> origin (username, else name) with counts, most first, filters applied', async (t) => {
        if (!store.forwardEdges) {
          await done();
          return t.skip('this backend has no forwardEdges (web/ falls back to a scan)');
        }
        await aggregateCorpus();
        assert.deepEqual(await store.forwardEdges({}), [
          {
            channel: 'b',
            origin: 'mfa_russia',
            originName: 'Russian MFA 🇷🇺',
            originKind: 'channel',
            posts: 2,
          },
          { channel: 'b', origin: 'Someone', originName: 'Someone', originKind: 'name', posts: 1 },
        ]);
        assert.deepEqual(await store.forwardEdges({ since: '2024-09-04' }), [
          {
            channel: 'b',
            origin: 'mfa_russia',
            originName: 'Russian MFA 🇷🇺',
            originKind: 'channel',
            posts: 1,
          },
        ]);
        assert.deepEqual(await store.forwardEdges({ channel: 'a' }), []);
        await done();
      });
      it('forwardEdges: origins are told apart by id, not by title; users and name-only senders marked', async (t) => {
        if (!store.forwardEdges) {
          await done();
          return t.skip('this backend has no forwardEdges (web/ falls back to a scan)');
        }
        const fwd = (id: number, name: string, more: Partial<ForwardedFrom> = {}): Post =>
          post('salaf', id, {
            date: `2026-01-0${id}T00:00:00.000Z`,
            forwardedFrom: { name, username: null, postId: null, author: null, ...more },
          });
        await store.savePosts([
          fwd(1, 'Madrasatuna || مدرستنا', { numericId: 3763828873 }),
          fwd(2, 'Madrasatuna || مدرستنا', { numericId: 3763828873 }),
          fwd(3, 'Madrasatuna || مدرستنا', { numericId: 1487396894 }),
          fwd(4, 'Ahmed', { numericId: 12345, fromUser: true }),
          fwd(5, 'Ahmed', { numericId: 12345 }),
          fwd(6, 'Ahmed'),
          // One origin seen with its username and id (MTProto) and with the username alone (t.me).
          fwd(7, 'Gems', { username: 'gems', numericId: 77 }),
          fwd(8, 'Gems (new name)', { username: 'gems' }),
        ]);
        assert.deepEqual(await store.forwardEdges({}), [
          {
            channel: 'salaf',
            origin: 'channel:3763828873',
            originName: 'Madrasatuna || مدرستنا',
            originKind: 'channel',
            posts: 2,
          },
          {
            channel: 'salaf',
            origin: 'gems',
            originName: 'Gems (new name)',
            originKind: 'channel',
            posts: 2,
          },
          { channel: 'salaf', origin: 'Ahmed', originName: 'Ahmed', originKind: 'name', posts: 1 },
          { channel: 'salaf', origin: 'channel:12345', originName: 'Ahmed', originKind: 'channel', posts: 1 },
          {
            channel: 'salaf',
            origin: 'channel:1487396894',
            originName: 'Madrasatuna || مدرستنا',
            originKind: 'channel',
            posts: 1,
          },
          { channel: 'salaf', origin: 'user:12345', originName: 'Ahmed', originKind: 'user', posts: 1 },
        ]);
        await done();
      });
      it('topics: save (upsert), list, remove; post topics are replaced', async () => {
        await store.saveTopic({ name: 'brics', query: 'brics', aliases: [['BRICS', 'БРИКС']] });
        await store.saveTopic({ name: 'brics', query: 'brics OR брикс', aliases: [] });
        await store.saveTopic({ name: 'asean', query: 'asean', aliases: [] });
        assert.deepEqual(await store.listTopics(), [
          { name: 'asean', query: 'asean', aliases: [] },
          { name: 'brics', query: 'brics OR брикс', aliases: [] },
        ]);
        await store.savePosts([post('c', 1)]);
        await store.setPostTopics([{ channel: 'c', id: 1, topics: ['brics', 'asean'] }]);
        assert.deepEqual((await store.getPost('c', 1))?.topics, ['asean', 'brics']);
        await store.setPostTopics([{ channel: 'c', id: 1, topics: ['asean'] }]);
        assert.deepEqual((await store.getPost('c', 1))?.topics, ['asean']);
        assert.equal(await store.removeTopic('asean'), true);
        assert.equal(await store.removeTopic('asean'), false);
        assert.deepEqual((await store.getPost('c', 1))?.topics, []);
        await assert.rejects(store.setPostTopics([{ channel: 'c', id: 404, topics: ['x'] }]), StoreError);
        await done();
      });
      it('stories: a post belongs to one story; members come in date order', async () => {
        await store.savePosts([
          post('c', 1, { date: '2024-09-09T00:00:00.000Z' }),
          post('d', 1, { date: '2024-09-08T00:00:00.000Z' }),
        ]);
        await store.setStories([
          { channel: 'c', id: 1, storyId: 's1', reason: 'canonical' },
          { channel: 'd', id: 1, storyId: 's1', reason: 'translation' },
        ]);
        assert.deepEqual(await store.getStoryMembers('s1'), [
          { channel: 'd', id: 1, storyId: 's1', reason: 'translation', evidence: null },
          { channel: 'c', id: 1, storyId: 's1', reason: 'canonical', evidence: null },
        ]);
        await store.setStories([{ channel: 'd', id: 1, storyId: 's2', reason: 'canonical' }]);
        assert.deepEqual(
          (await store.getStoryMembers('s1')).map((m) => m.channel),
          ['c'],
        );
        assert.equal((await store.getPost('d', 1))?.story, 's2');
        assert.deepEqual(await store.getStoryMembers('none'), []);
        await done();
      });
      it('stories: evidence round-trips per member and is replaced with the assignment', async () => {
        await store.savePosts([post('c', 1), post('d', 2), post('e', 3)]);
        const evidence = {
          matched: ['c/1'],
          score: 0.62,
          items: ['date:2024-09-10', 'name:лавров', 'number:17,5 %', 'quote "ünïcödé" \\ 🇷🇺'],
        };
        await store.setStories([
          { channel: 'c', id: 1, storyId: 's1', reason: 'canonical', evidence: null },
          { channel: 'd', id: 2, storyId: 's1', reason: 'near-copy', evidence },
          { channel: 'e', id: 3, storyId: 's1', reason: 'forward' }, // no evidence given: stored as null
        ]);
        const members = await store.getStoryMembers('s1');
        assert.deepEqual(
          members.map((m) => [m.channel, m.evidence]),
          [
            ['c', null],
            ['d', evidence],
            ['e', null],
          ],
        );
        assert.deepEqual(await store.storyMembersOf(['e/3', 'd/2', 'nope/1', 'c/404', 'd/2']), [
          { channel: 'e', id: 3, storyId: 's1', reason: 'forward', evidence: null },
          { channel: 'd', id: 2, storyId: 's1', reason: 'near-copy', evidence },
        ]);
        assert.deepEqual(await store.storyMembersOf([]), []);
        // A partial update replaces the evidence with the assignment.
        await store.setStories([{ channel: 'd', id: 2, storyId: 's1', reason: 'merged', evidence: null }]);
        assert.deepEqual(await store.storyMembersOf(['d/2']), [
          { channel: 'd', id: 2, storyId: 's1', reason: 'merged', evidence: null },
        ]);
        await done();
      });
      it('story corrections: added once, listed in order, removed by id', async () => {
        const split = { kind: 'split', post: 'c/1', createdAt: '2024-10-01T00:00:00.000Z' } as const;
        const merge = {
          kind: 'merge',
          post: 'd/2',
          into: 'c/1',
          createdAt: '2024-10-02T00:00:00.000Z',
        } as const;
        assert.deepEqual(await store.listStoryCorrections(), []);
        const a = await store.addStoryCorrection(split);
        const b = await store.addStoryCorrection(merge);
        assert.notEqual(a, b);
        // The same correction copied again (no later than the kept one) keeps the first.
        assert.equal(await store.addStoryCorrection(split), a);
        assert.equal(await store.addStoryCorrection({ ...split, createdAt: '2024-09-01T00:00:00.000Z' }), a);
        // The latest correction made again is already in force: kept once.
        assert.equal(await store.addStoryCorrection({ ...merge, createdAt: '2024-11-01T00:00:00.000Z' }), b);
        const c = await store.addStoryCorrection({ ...merge, into: 'e/3' });
        assert.deepEqual(await store.listStoryCorrections(), [
          { ...split, id: a },
          { ...merge, id: b },
          { ...merge, into: 'e/3', id: c },
        ]);
        assert.equal(await store.removeStoryCorrection(b), true);
        assert.equal(await store.removeStoryCorrection(b), false);
        assert.deepEqual(
          (await store.listStoryCorrections()).map((x) => x.id),
          [a, c],
        );
        // Made again after later corrections, it moves to the end (never before the latest kept), so it wins.
        const again = await store.addStoryCorrection({ ...split, createdAt: '2024-10-01T12:00:00.000Z' });
        assert.ok(![a, b, c].includes(again));
        assert.deepEqual(await store.listStoryCorrections(), [
          { ...merge, into: 'e/3', id: c },
          { ...split, createdAt: merge.createdAt, id: again },
        ]);
        // A split names the posts it was split from; one without them (made before) is listed without.
        const from = await store.addStoryCorrection({
          kind: 'split',
          post: 'f/4',
          from: ['c/1', 'd/2'],
          createdAt: '2024-12-01T00:00:00.000Z',
        });
        assert.deepEqual((await store.listStoryCorrections()).at(-1), {
          kind: 'split',
          post: 'f/4',
          from: ['c/1', 'd/2'],
          createdAt: '2024-12-01T00:00:00.000Z',
          id: from,
        });
        assert.equal(await store.removeStoryCorrection(from), true);
        // Corrections name posts by key and outlive them (a re-import may bring a post back).
        await store.savePosts([post('c', 1)]);
        await store.setStories([{ channel: 'c', id: 1, storyId: 's1', reason: 'canonical' }]);
        assert.equal((await store.listStoryCorrections()).length, 2);
        await done();
      });
      it('story aliases: an old id leads to the story it became, through a chain of renames; an id in use again is none', async () => {
        assert.equal(await store.storyAlias('s_a'), null);
        await store.addStoryAliases([]);
        await store.addStoryAliases([
          ['s_a', 's_b'],
          ['s_x', 's_x'],
        ]);
        assert.equal(await store.storyAlias('s_a'), 's_b');
        assert.equal(await store.storyAlias('s_x'), null);
        await store.addStoryAliases([['s_b', 's_c']]);
        assert.deepEqual([await store.storyAlias('s_a'), await store.storyAlias('s_b')], ['s_c', 's_c']);
        // s_a is a story's id again: no alias; and renamed back, s_c leads to it.
        await store.addStoryAliases([['s_c', 's_a']]);
        assert.deepEqual(
          [await store.storyAlias('s_a'), await store.storyAlias('s_b'), await store.storyAlias('s_c')],
          [null, 's_a', 's_a'],
        );
        await done();
      });
      it('channel languages: pinned, kept by upsertChannel, cleared; a pin creates a missing channel row', async () => {
        await store.upsertChannel({ ...emptyChannel('ru_news'), title: 'News' });
        assert.equal((await store.getChannel('ru_news'))?.languages, undefined);
        await store.setChannelLanguages('ru_news', ['ru', 'en']);
        assert.deepEqual((await store.getChannel('ru_news'))?.languages, ['ru', 'en']);
        await store.upsertChannel({ ...emptyChannel('ru_news'), title: 'News 2' });
        assert.deepEqual(await store.getChannel('ru_news'), {
          ...emptyChannel('ru_news'),
          title: 'News 2',
          languages: ['ru', 'en'],
        });
        assert.deepEqual(
          (await store.listChannels()).map((c) => [c.key, c.languages]),
          [['ru_news', ['ru', 'en']]],
        );
        await store.setChannelLanguages('ru_news', []);
        assert.deepEqual(await store.getChannel('ru_news'), { ...emptyChannel('ru_news'), title: 'News 2' });
        await store.setChannelLanguages('ru_news', ['uk']);
        await store.setChannelLanguages('ru_news', null);
        assert.equal((await store.getChannel('ru_news'))?.languages, undefined);
        await store.setChannelLanguages('followed_only', null);
        assert.equal(await store.getChannel('followed_only'), null, 'clearing makes no row');
        await store.setChannelLanguages('followed_only', ['fr']);
        assert.deepEqual(await store.getChannel('followed_only'), {
          ...emptyChannel('followed_only'),
          languages: ['fr'],
        });
        await done();
      });
      it("channelLanguageMix: share of each detected language among the channel's posts, largest first", async () => {
        await store.savePosts([
          post('mix', 1, { lang: 'ru' }),
          post('mix', 2, { lang: 'ru' }),
          post('mix', 3, { lang: 'en' }),
          post('mix', 4, { lang: 'ru' }),
          post('mix', 5, { lang: null }),
          post('other', 1, { lang: 'fr' }),
        ]);
        assert.deepEqual(
          [...(await store.channelLanguageMix('mix'))],
          [
            ['ru', 0.75],
            ['en', 0.25],
          ],
        );
        assert.deepEqual([...(await store.channelLanguageMix('nobody'))], []);
        await done();
      });
    });

    // Runs a test on this backend's fresh store and closes it whatever happens.
    const use = (fn: (store: Store) => Promise<void>) => async (): Promise<void> => {
      try {
        await fn(store);
      } finally {
        await done();
      }
    };
    collectionContract(use);
    outboxContract(use);
    mediaContract(use);
    savedSearchContract(use);
    webhooksContract(use);
  });
}
