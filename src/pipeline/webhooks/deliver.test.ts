// Webhook delivery end to end against a local receiver that verifies every signature with the standardwebhooks
// verifier: payloads, retries with the same webhook-id, Retry-After, 410, the last attempt, private targets,
// filters; on SQLite and (TGWIRE_TEST_PG set) on PostgreSQL.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost, type Post } from '../../model/post.js';
import type { NewWebhook } from '../../model/webhook.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { openPostgresStore } from '../../store/postgres/index.js';
import type { Store } from '../../store/store.js';
import { PG_URL, schemaPool } from '../../../test/pg.js';
import { deliverPass, newWebhookSecret, sendTestEvent, type DeliverOptions } from './deliver.js';
import { Receiver } from './webhook.testkit.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-hooks-'));
const schemas = schemaPool('hooks');
after(async () => {
  rmSync(root, { recursive: true, force: true });
  await schemas.dropAll();
});

const post = (id: number, text: string, patch: Partial<Post> = {}): Post => ({
  ...emptyPost('news', id, 'tme-live'),
  date: '2024-09-09T10:00:00.000Z',
  text,
  ...patch,
});

type Open = () => Promise<Store>;
let n = 0;
const backends: [string, Open | null][] = [
  ['SQLite', () => openSqliteStore(join(root, `a${n++}.db`))],
  ['PostgreSQL', PG_URL ? () => openPostgresStore(PG_URL!, { schema: schemas.fresh() }) : null],
];

/** A store, a receiver, and a webhook to it (private address allowed: the receiver is on 127.0.0.1). */
async function setup(open: Open, patch: Partial<NewWebhook> = {}) {
  const store = await open();
  const receiver = new Receiver();
  const url = await receiver.start();
  const secret = newWebhookSecret();
  receiver.useSecret(secret);
  const webhook = await store.webhooks().add({
    url,
    secret,
    topics: [],
    channels: [],
    searches: [],
    events: ['post.created', 'post.edited', 'post.deleted', 'story.grew'],
    allowPrivate: true,
    createdAt: new Date().toISOString(),
    ...patch,
  });
  return {
    store,
    receiver,
    webhook,
    async close() {
      await receiver.stop();
      await store.close();
    },
  };
}

const fast: DeliverOptions = { timeoutMs: 2000, retryDelaysMs: [100, 100, 100] };

/** Passes until nothing is pending (or the time is up). */
async function deliverAll(store: Store, webhookId: number, options: DeliverOptions = fast): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    await deliverPass(store, options);
    const c = await store.webhooks().counts(webhookId);
    if (c.pending === 0 && (await store.webhooks().pendingEvents(1)).length === 0) return;
    if (Date.now() - t0 > 20_000) assert.fail(`still pending: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const [name, open] of backends) {
  describe(`webhook delivery (${name})`, { skip: open ? false : 'TGWIRE_TEST_PG not set' }, () => {
    it('every event is signed and verifies; created, edited (with the previous text), deleted, story.grew', async () => {
      const t = await setup(open!);
      try {
        const { store, receiver, webhook } = t;
        await store.savePosts([
          post(1, 'Первая версия новости', { entities: [{ type: 'bold', offset: 0, length: 6 }] }),
        ]);
        await store.savePosts([
          post(1, 'Исправленная версия новости', { editDate: '2024-09-09T11:00:00.000Z' }),
        ]);
        await store.savePosts([post(2, 'Story origin'), post(3, 'A copy of the story origin')]);
        await store.setStories([{ channel: 'news', id: 2, storyId: 'news/2', reason: 'canonical' }]);
        await store.setStories([{ channel: 'news', id: 3, storyId: 'news/2', reason: 'copy' }]);
        await store.markDeleted('news', [1]);
        await deliverAll(store, webhook.id);
        assert.deepEqual(receiver.unverified, []);
        const got = receiver.received.map((r) => `${r.payload.type} ${(r.payload.data.post as Post).id}`);
        assert.deepEqual(got.sort(), [
          'post.created 1',
          'post.created 2',
          'post.created 3',
          'post.deleted 1',
          'post.edited 1',
          'story.grew 3',
        ]);
        const byType = (type: string) => receiver.received.find((r) => r.payload.type === type)!;
        const edit = byType('post.edited');
        assert.deepEqual(edit.payload.data.previous, {
          text: 'Первая версия новости',
          entities: [{ type: 'bold', offset: 0, length: 6 }],
        });
        const edited = edit.payload.data.post as Record<string, unknown>;
        assert.equal(edited.text, 'Исправленная версия новости');
        assert.deepEqual(
          Object.keys(edited).slice(0, 4),
          ['channel', 'id', 'url', 'date'],
          'the JSONL shape',
        );
        assert.equal(edited.url, 'https://t.me/news/1');
        assert.equal((byType('post.deleted').payload.data.post as { deleted: boolean }).deleted, true);
        assert.equal(byType('post.created').payload.data.previous, undefined);
        const grew = byType('story.grew').payload.data;
        assert.deepEqual(grew.story, { id: 'news/2', reason: 'copy', size: 2 });
        assert.deepEqual(grew.topics, []);
        for (const r of receiver.received) {
          assert.match(r.id, new RegExp(`^msg_${webhook.id}_\\d+$`));
          assert.ok(Math.abs(Number(r.timestamp) - Date.now() / 1000) < 60, 'webhook-timestamp is now');
          assert.match(r.payload.timestamp, /^\d{4}-\d\d-\d\dT/);
        }
        assert.equal(new Set(receiver.received.map((r) => r.id)).size, 6, 'one id per event');
        const log = await store.webhooks().deliveries(webhook.id, 10);
        assert.ok(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatus === 200));

        const test = await sendTestEvent(webhook, fast);
        assert.equal(test.status, 200);
        assert.equal(receiver.received.at(-1)!.payload.type, 'webhook.test');
        assert.deepEqual(receiver.unverified, []);
      } finally {
        await t.close();
      }
    });

    it('a receiver failing the first two attempts (500, then 429 Retry-After: 1) gets each event once, same id', async () => {
      const t = await setup(open!);
      try {
        const { store, receiver, webhook } = t;
        receiver.responder = (_id, k) =>
          k === 1
            ? { status: 500 }
            : k === 2
              ? { status: 429, headers: { 'retry-after': '1' } }
              : { status: 204 };
        await store.savePosts([post(1, 'one'), post(2, 'two'), post(3, 'three')]);
        await deliverAll(store, webhook.id);
        assert.deepEqual(receiver.unverified, []);
        const accepted = receiver.accepted();
        assert.equal(accepted.size, 3);
        for (const [id, list] of accepted) {
          assert.equal(list.length, 1, `${id} accepted once`);
          const tries = receiver.received.filter((r) => r.id === id);
          assert.deepEqual(
            tries.map((r) => r.status),
            [500, 429, 204],
          );
          assert.ok(new Set(tries.map((r) => r.body)).size === 1, 'the same body on every attempt');
          assert.ok(
            tries[2]!.at - tries[1]!.at >= 1000,
            `Retry-After honoured: ${tries[2]!.at - tries[1]!.at} ms`,
          );
        }
        const log = await store.webhooks().deliveries(webhook.id, 10);
        assert.deepEqual(
          log.map((d) => [d.status, d.attempts, d.lastStatus, d.lastError]),
          Array(3).fill(['delivered', 3, 204, null]),
        );
      } finally {
        await t.close();
      }
    });

    it('410 disables the webhook; the last failed attempt leaves the delivery failed, in the log', async () => {
      const t = await setup(open!);
      try {
        const { store, receiver, webhook } = t;
        receiver.responder = () => ({ status: 410 });
        await store.savePosts([post(1, 'one')]);
        await deliverPass(store, fast);
        const w = await store.webhooks().get(webhook.id);
        assert.match(w!.disabledReason ?? '', /410/);
        assert.equal(receiver.received.length, 1);
        await store.savePosts([post(2, 'two')]);
        await deliverPass(store, fast);
        assert.equal(receiver.received.length, 1, 'nothing more to a disabled webhook');
        assert.deepEqual(
          (await store.webhooks().deliveries(webhook.id, 10)).map((d) => [d.status, d.lastStatus]),
          [['failed', 410]],
        );

        const second = await store.webhooks().add({ ...webhook, createdAt: new Date().toISOString() });
        receiver.responder = () => ({ status: 503 });
        await store.savePosts([post(3, 'three')]);
        await deliverAll(store, second.id, { ...fast, retryDelaysMs: [50] });
        const [d] = await store.webhooks().deliveries(second.id, 10);
        assert.deepEqual([d!.status, d!.attempts, d!.lastStatus], ['failed', 2, 503]);
        assert.match(d!.lastError ?? '', /HTTP 503/);
      } finally {
        await t.close();
      }
    });

    it('a private target is refused at delivery unless the webhook allows it', async () => {
      const t = await setup(open!, { allowPrivate: false });
      try {
        const { store, receiver, webhook } = t;
        await store.savePosts([post(1, 'one')]);
        await deliverPass(store, fast);
        assert.equal(receiver.received.length, 0, 'never reached');
        const [d] = await store.webhooks().deliveries(webhook.id, 10);
        assert.equal(d!.status, 'pending');
        assert.match(d!.lastError ?? '', /127\.0\.0\.1 is a private, loopback or link-local address/);
        // A name that resolves to a private address is refused the same way (the resolver is asked once).
        const named = { ...webhook, url: webhook.url.replace('127.0.0.1', 'receiver.test') };
        const r = await sendTestEvent(named, {
          ...fast,
          resolve: async () => [{ address: '10.1.2.3', family: 4 }],
        });
        assert.equal(r.status, null);
        assert.match(r.error ?? '', /receiver\.test resolves to 10\.1\.2\.3/);
      } finally {
        await t.close();
      }
    });

    it('filters: a topic, a channel or a saved search, any one matching; event types', async () => {
      const t = await setup(open!, { topics: ['brics'], channels: ['other'], searches: ['kazan'] });
      try {
        const { store, receiver, webhook } = t;
        await store.saveSearch({
          name: 'kazan',
          query: 'Kazan summit',
          createdAt: '2024-09-09T00:00:00.000Z',
        });
        const onlyDeleted = await store
          .webhooks()
          .add({ ...webhook, topics: [], channels: [], searches: [], events: ['post.deleted'] });
        await store.transaction(async () => {
          await store.savePosts([
            post(1, 'BRICS ministers met'),
            post(2, 'The summit in Kazan opened'),
            post(3, 'Weather today'),
            { ...post(4, 'Anything at all'), channel: 'other' },
          ]);
          await store.setPostTopics([{ channel: 'news', id: 1, topics: ['brics'] }]);
        });
        await store.markDeleted('news', [3]);
        // Seen again: a webhook told about the deletion is told it is back, though it was added naming the types
        // there were before post.restored.
        await store.savePosts([post(3, 'Weather today')]);
        await deliverAll(store, webhook.id);
        const to = (id: number) =>
          receiver.received
            .filter((r) => r.id.startsWith(`msg_${id}_`))
            .map(
              (r) =>
                `${r.payload.type} ${(r.payload.data.post as Post).channel}/${(r.payload.data.post as Post).id}`,
            )
            .sort();
        assert.deepEqual(to(webhook.id), [
          'post.created news/1',
          'post.created news/2',
          'post.created other/4',
        ]);
        assert.deepEqual(to(onlyDeleted.id), ['post.deleted news/3', 'post.restored news/3']);
        const brics = receiver.received.find((r) => (r.payload.data.post as Post).id === 1)!;
        assert.deepEqual(brics.payload.data.topics, ['brics']);
      } finally {
        await t.close();
      }
    });
  });
}
