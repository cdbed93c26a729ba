// The Store contract, webhooks part: the change log written with each change, fan-out, claims and the delivery log,
// on every backend (called from storeContract).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../model/post.js';
import type { NewWebhook, PostEvent } from '../model/webhook.js';
import type { Store } from './store.js';

type Use = (fn: (store: Store) => Promise<void>) => () => Promise<void>;

const post = (id: number, text: string, patch: Partial<Post> = {}): Post => ({
  ...emptyPost('news', id, 'tme-live'),
  date: `2024-09-0${(id % 9) + 1}T10:00:00.000Z`,
  text,
  ...patch,
});

const hook = (patch: Partial<NewWebhook> = {}): NewWebhook => ({
  url: 'https://hooks.example.org/in',
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  topics: [],
  channels: [],
  searches: [],
  events: ['post.created', 'post.edited', 'post.deleted', 'story.grew'],
  allowPrivate: false,
  createdAt: '2024-09-09T00:00:00.000Z',
  ...patch,
});

const brief = (events: PostEvent[]) => events.map((e) => `${e.type} ${e.channel}/${e.postId}`);

export function webhooksContract(use: Use): void {
  describe('webhooks', () => {
    it(
      'writes no change log while no enabled webhook exists; a new webhook starts after the events there are',
      use(async (store) => {
        const hooks = store.webhooks();
        await store.savePosts([post(1, 'before any webhook')]);
        assert.deepEqual(await hooks.pendingEvents(10), []);
        const a = await hooks.add(hook());
        await store.savePosts([post(2, 'first')]);
        const b = await hooks.add(hook({ url: 'https://other.example.org/' }));
        await store.savePosts([post(3, 'second')]);
        const events = await hooks.pendingEvents(10);
        assert.deepEqual(brief(events), ['post.created news/2', 'post.created news/3']);
        assert.ok(events[0]!.seq > a.sinceSeq && events[0]!.seq <= b.sinceSeq, 'b starts after news/2');
        assert.ok(events[1]!.seq > b.sinceSeq);
        assert.deepEqual(
          (await hooks.list()).map((w) => [w.id, w.url, w.disabledAt]),
          [
            [a.id, a.url, null],
            [b.id, b.url, null],
          ],
        );
        assert.deepEqual(await hooks.get(a.id), a);
        assert.deepEqual(
          { ...a, id: 0, sinceSeq: 0, disabledAt: null, disabledReason: null },
          {
            ...hook(),
            id: 0,
            sinceSeq: 0,
            disabledAt: null,
            disabledReason: null,
          },
        );
      }),
    );

    it(
      'records created, edited (with the previous text and entities) and deleted in the change; views are no event',
      use(async (store) => {
        const hooks = store.webhooks();
        await hooks.add(hook());
        const bold = [{ type: 'bold' as const, offset: 0, length: 5 }];
        await store.savePosts([post(1, 'First draft of the news', { entities: bold, views: 10 })], {
          seenAt: '2024-09-09T10:00:00.000Z',
        });
        await store.savePosts([post(1, 'First draft of the news', { entities: bold, views: 99 })]);
        await store.savePosts(
          [post(1, 'Corrected text of the news', { editDate: '2024-09-09T11:00:00.000Z' })],
          {
            seenAt: '2024-09-09T11:05:00.000Z',
          },
        );
        assert.equal(await store.markDeleted('news', [1, 404], '2024-09-09T12:00:00.000Z'), 1);
        assert.equal(await store.markDeleted('news', [1], '2024-09-09T13:00:00.000Z'), 0);
        const events = await hooks.pendingEvents(10);
        assert.deepEqual(brief(events), ['post.created news/1', 'post.edited news/1', 'post.deleted news/1']);
        assert.deepEqual(
          events.map((e) => e.at),
          ['2024-09-09T10:00:00.000Z', '2024-09-09T11:05:00.000Z', '2024-09-09T12:00:00.000Z'],
        );
        assert.deepEqual(events[1]!.previous, { text: 'First draft of the news', entities: bold });
        assert.equal(events[0]!.previous, null);
        assert.ok(events[0]!.seq < events[1]!.seq && events[1]!.seq < events[2]!.seq);
      }),
    );

    it(
      'a post going back to an earlier text is an edit: post.edited with the text it replaced',
      use(async (store) => {
        const hooks = store.webhooks();
        await hooks.add(hook());
        await store.savePosts([post(1, 'Original wording')], { seenAt: '2024-09-09T10:00:00.000Z' });
        await store.savePosts([post(1, 'Typo fix attempt')], { seenAt: '2024-09-09T11:00:00.000Z' });
        await store.savePosts([post(1, 'Original wording')], { seenAt: '2024-09-09T12:00:00.000Z' });
        const events = await hooks.pendingEvents(10);
        assert.deepEqual(brief(events), ['post.created news/1', 'post.edited news/1', 'post.edited news/1']);
        assert.deepEqual(events[2]!.previous, { text: 'Typo fix attempt', entities: [] });
        assert.equal(events[2]!.at, '2024-09-09T12:00:00.000Z');
      }),
    );

    it(
      'a deleted post seen live again is post.restored; an import bringing it is no event',
      use(async (store) => {
        const hooks = store.webhooks();
        await hooks.add(hook());
        await store.savePosts([post(1, 'Here'), post(2, 'Also here')], {
          seenAt: '2024-09-09T10:00:00.000Z',
        });
        await store.markDeleted('news', [1, 2], '2024-09-09T11:00:00.000Z');
        await store.savePosts([post(1, 'Here', { source: 'export-json' })]);
        await store.savePosts([post(1, 'Here'), post(2, 'Also here, edited')], {
          seenAt: '2024-09-09T12:00:00.000Z',
        });
        const events = await hooks.pendingEvents(10);
        assert.deepEqual(brief(events).slice(2), [
          'post.deleted news/1',
          'post.deleted news/2',
          'post.restored news/1',
          'post.restored news/2',
          'post.edited news/2',
        ]);
        assert.deepEqual(
          events.slice(4).map((e) => e.at),
          ['2024-09-09T12:00:00.000Z', '2024-09-09T12:00:00.000Z', '2024-09-09T12:00:00.000Z'],
        );
        assert.equal((await store.getPost('news', 2))?.deleted, false);
      }),
    );

    it(
      'an event is written in the transaction of its change: rolled back with it, never without it',
      use(async (store) => {
        const hooks = store.webhooks();
        await hooks.add(hook());
        await assert.rejects(
          store.transaction(async () => {
            await store.savePosts([post(1, 'saved, then taken back')]);
            throw new Error('crash before commit');
          }),
          /crash before commit/,
        );
        assert.equal(await store.getPost('news', 1), null);
        assert.deepEqual(await hooks.pendingEvents(10), []);
        await store.transaction(async () => {
          await store.savePosts([post(1, 'kept')]);
          await store.markDeleted('news', [1]);
        });
        assert.deepEqual(brief(await hooks.pendingEvents(10)), [
          'post.created news/1',
          'post.deleted news/1',
        ]);
      }),
    );

    it(
      'story.grew when a post joins a story that had posts, not for a story made or kept as it is',
      use(async (store) => {
        const hooks = store.webhooks();
        await store.savePosts([1, 2, 3, 4].map((i) => post(i, `post ${i}`)));
        await hooks.add(hook());
        await store.setStories([
          { channel: 'news', id: 1, storyId: 'news/1', reason: 'canonical' },
          { channel: 'news', id: 2, storyId: 'news/1', reason: 'copy' },
        ]);
        assert.deepEqual(brief(await hooks.pendingEvents(10)), [], 'a new story is no growth');
        await store.setStories([
          { channel: 'news', id: 2, storyId: 'news/1', reason: 'copy' },
          { channel: 'news', id: 3, storyId: 'news/1', reason: 'near-copy' },
          { channel: 'news', id: 4, storyId: 'news/4', reason: 'canonical' },
        ]);
        const events = await hooks.pendingEvents(10);
        assert.deepEqual(brief(events), ['story.grew news/3']);
        assert.equal(events[0]!.story, 'news/1');
      }),
    );

    it(
      'fans out once per webhook and event, fixes the body, claims a delivery once, records attempts',
      use(async (store) => {
        let clock = Date.parse('2024-09-09T10:00:00.000Z');
        const hooks = store.webhooks({ now: () => clock });
        const a = await hooks.add(hook());
        const b = await hooks.add(hook({ url: 'https://b.example.org/' }));
        await store.savePosts([post(1, 'one'), post(2, 'two')]);
        const [e1, e2] = await hooks.pendingEvents(10);
        const out = [
          {
            seq: e1!.seq,
            deliveries: [
              { webhookId: a.id, body: '{"n":1}' },
              { webhookId: b.id, body: '{"n":1}' },
            ],
          },
          { seq: e2!.seq, deliveries: [] },
        ];
        assert.equal(await hooks.fanOut(out), 2);
        assert.equal(await hooks.fanOut(out), 0, 'a second fan-out of the same events queues nothing');
        assert.deepEqual(await hooks.pendingEvents(10), []);

        const due = await hooks.due(clock, 10);
        assert.deepEqual(
          due.map((d) => [
            d.webhook.id,
            d.delivery.eventSeq,
            d.delivery.body,
            d.delivery.status,
            d.delivery.type,
          ]),
          [
            [a.id, e1!.seq, '{"n":1}', 'pending', 'post.created'],
            [b.id, e1!.seq, '{"n":1}', 'pending', 'post.created'],
          ],
        );
        const d = due[0]!.delivery;
        assert.equal(d.channel, 'news');
        assert.equal(d.postId, 1);
        const claims = await Promise.all([
          hooks.claim(d.id, clock, clock + 30_000),
          hooks.claim(d.id, clock, clock + 30_000),
        ]);
        assert.deepEqual(claims.sort(), [false, true], 'one of two claimants wins');
        assert.deepEqual(
          (await hooks.due(clock, 10)).map((x) => x.webhook.id),
          [b.id],
          'a claimed delivery is held until its lease ends',
        );
        assert.deepEqual(
          (await hooks.due(clock + 30_000, 10)).map((x) => x.webhook.id),
          [b.id, a.id],
          'after a crash it comes due when the lease ends',
        );
        await hooks.settle(d.id, {
          status: 'pending',
          nextAttemptMs: clock + 5000,
          httpStatus: 500,
          error: 'HTTP 500',
        });
        let [row] = await hooks.deliveries(a.id, 10);
        assert.deepEqual(
          [row!.status, row!.attempts, row!.lastStatus, row!.lastError, row!.nextAttemptMs, row!.finishedAt],
          ['pending', 1, 500, 'HTTP 500', clock + 5000, null],
        );
        clock += 5000;
        assert.equal(await hooks.claim(d.id, clock, clock + 30_000), true);
        await hooks.settle(d.id, { status: 'delivered', httpStatus: 204, error: null });
        [row] = await hooks.deliveries(a.id, 10);
        assert.deepEqual(
          [row!.status, row!.attempts, row!.lastStatus, row!.lastError, row!.finishedAt],
          ['delivered', 2, 204, null, new Date(clock).toISOString()],
        );
        assert.equal(await hooks.claim(d.id, clock + 60_000, clock + 90_000), false, 'settled: never again');
        assert.deepEqual(await hooks.counts(a.id), { pending: 0, delivered: 1, failed: 0 });
        assert.deepEqual(await hooks.counts(b.id), { pending: 1, delivered: 0, failed: 0 });

        await hooks.disable(b.id, '410 Gone');
        assert.deepEqual(await hooks.due(clock + 90_000, 10), [], 'a disabled webhook gets nothing');
        assert.equal((await hooks.get(b.id))?.disabledReason, '410 Gone');
        await store.savePosts([post(3, 'three')]);
        assert.equal((await hooks.pendingEvents(10)).length, 1, 'one enabled webhook keeps the log going');
        await hooks.disable(a.id, 'by hand');
        await store.savePosts([post(4, 'four')]);
        assert.equal((await hooks.pendingEvents(10)).length, 1, 'none enabled: nothing more is logged');

        clock += 31 * 86_400_000;
        assert.equal(await hooks.prune(new Date(clock - 30 * 86_400_000).toISOString()), 3);
        assert.deepEqual(await hooks.deliveries(a.id, 10), []);
        assert.equal((await hooks.deliveries(b.id, 10)).length, 1, 'pending deliveries are kept');
        assert.equal((await hooks.pendingEvents(10)).length, 1, 'events not fanned out are kept');
        assert.equal(await hooks.remove(b.id), true);
        assert.equal(await hooks.remove(b.id), false);
        assert.deepEqual(await hooks.deliveries(b.id, 10), []);
      }),
    );
  });
}
