// The Store contract, outbox part: the publisher's delivery protocol on every backend (called from storeContract).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OutboxStore, PlannedMessage } from './outbox.js';
import type { Store } from './store.js';

type Use = (fn: (store: Store) => Promise<void>) => () => Promise<void>;

function message(n: number, patch: Partial<PlannedMessage> = {}): PlannedMessage {
  const payload = JSON.stringify({ text: `story ${n}` });
  return {
    route: 'r',
    chat: '@c',
    postKey: `gen/${n}`,
    part: 0,
    story: `s${n}`,
    method: 'sendMessage',
    payload,
    payloadHash: `p${n}`,
    sourceHash: `h${n}`,
    state: 'planned',
    ...patch,
  };
}

const never = (): boolean => false;
const always = (): boolean => true;

/** Sends the row with `id` as Telegram's answer. */
const send = (outbox: OutboxStore, seq: number, id: number): Promise<number> =>
  outbox.attemptSend(seq, async () => id, never);

/** A request that dies: `accepted` false means Telegram certainly did not take it. */
const die = (outbox: OutboxStore, seq: number, accepted: boolean): Promise<void> =>
  outbox
    .attemptSend(
      seq,
      async () => {
        throw new Error('connection reset');
      },
      accepted ? never : always,
    )
    .then(
      () => assert.fail('the send should have failed'),
      (e: unknown) => assert.match(String(e), /connection reset/),
    );

export function outboxContract(use: Use): void {
  describe('outbox', () => {
    it(
      'plans each message once, in plan order, with every field kept; skipped rows carry their note',
      use(async (store) => {
        const outbox = store.outbox({ now: () => Date.parse('2024-09-09T10:00:00.000Z') });
        const plan = [message(1), message(2, { part: 0 }), message(2, { part: 1, story: null })];
        plan.push(message(3, { state: 'skipped', note: 'same story as gen/1', method: 'sendPhoto' }));
        assert.deepEqual(await outbox.plan(plan, []), { planned: 4, ops: 0 });
        assert.deepEqual(await outbox.plan([message(1), message(4)], []), { planned: 1, ops: 0 });
        const rows = await outbox.rowsFor('r', '@c');
        assert.deepEqual(
          rows.map((r) => [r.postKey, r.part, r.state]),
          [
            ['gen/1', 0, 'planned'],
            ['gen/2', 0, 'planned'],
            ['gen/2', 1, 'planned'],
            ['gen/3', 0, 'skipped'],
            ['gen/4', 0, 'planned'],
          ],
        );
        assert.ok(
          rows.every((r, i) => i === 0 || r.seq > rows[i - 1]!.seq),
          'seq grows in plan order',
        );
        const { seq: _seq, ...first } = rows[0]!;
        assert.deepEqual(first, {
          ...message(1),
          state: 'planned',
          note: undefined,
          messageId: null,
          attempts: 0,
          doubts: 0,
          error: null,
          plannedAt: '2024-09-09T10:00:00.000Z',
          sentAt: null,
          pendingOp: null,
          pendingPayload: null,
          pendingHash: null,
          pendingSourceHash: null,
        });
        assert.equal(rows[3]!.note, 'same story as gen/1');
        assert.equal(rows[3]!.method, 'sendPhoto');
        assert.deepEqual(await outbox.rowsFor('r', '@other'), []);
        assert.equal(await outbox.storyOwner('r', '@c', 's1'), 'gen/1');
        assert.equal(await outbox.storyOwner('r', '@c', 's3'), null, 'a skipped row owns nothing');
        assert.equal(await outbox.storyOwner('other', '@c', 's1'), null);
        assert.deepEqual(await outbox.counts(), {
          planned: 4,
          sending: 0,
          sent: 0,
          skipped: 1,
          held: 0,
          failed: 0,
          deleted: 0,
        });
      }),
    );

    it(
      'sends in seq order per chat; a sent message records its id, time and attempt',
      use(async (store) => {
        let clock = Date.parse('2024-09-09T10:00:00.000Z');
        const outbox = store.outbox({ now: () => clock });
        await outbox.plan([message(1), message(2), message(3, { chat: '@d' })], []);
        assert.deepEqual(await outbox.pendingChats(), ['@c', '@d']);
        const first = await outbox.next('@c');
        assert.equal(first?.postKey, 'gen/1');
        clock += 1000;
        assert.equal(await send(outbox, first!.seq, 41), 41);
        const sent = (await outbox.rowsFor('r', '@c'))[0]!;
        assert.equal(sent.state, 'sent');
        assert.equal(sent.messageId, 41);
        assert.equal(sent.attempts, 1);
        assert.equal(sent.sentAt, '2024-09-09T10:00:01.000Z');
        assert.equal((await outbox.next('@c'))?.postKey, 'gen/2');
        await send(outbox, (await outbox.next('@c'))!.seq, 42);
        assert.equal(await outbox.next('@c'), null);
        assert.deepEqual(await outbox.pendingChats(), ['@d']);
        assert.equal(await outbox.lastMessageId('@c'), 42);
        assert.equal(await outbox.lastMessageId('@d'), null);
        assert.deepEqual(await outbox.recentSends('@c', clock - 500), [clock, clock]);
        assert.deepEqual(await outbox.recentSends('@d', 0), []);
        assert.deepEqual(await outbox.recentSends('@c', clock + 1), []);
        await assert.rejects(send(outbox, first!.seq, 99), /not planned/, 'a sent row is never sent again');
        assert.equal((await outbox.rowsFor('r', '@c'))[0]!.messageId, 41);
      }),
    );

    it(
      'exactly once: two senders racing for one row make one request',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan([message(1)], []);
        const seq = (await outbox.next('@c'))!.seq;
        let calls = 0;
        const attempt = () =>
          outbox.attemptSend(
            seq,
            async () => {
              calls++;
              await new Promise((r) => setTimeout(r, 20));
              return 7;
            },
            never,
          );
        const results = await Promise.allSettled([attempt(), attempt()]);
        assert.equal(calls, 1);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        assert.equal((await outbox.rowsFor('r', '@c'))[0]!.messageId, 7);
      }),
    );

    it(
      'a request Telegram certainly refused goes back to planned; one in doubt stays in flight and holds its chat',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan([message(1), message(2)], []);
        const [a, b] = await outbox.rowsFor('r', '@c');
        await die(outbox, a!.seq, false);
        assert.equal((await outbox.rowsFor('r', '@c'))[0]!.state, 'planned');
        await die(outbox, a!.seq, true);
        const rows = await outbox.rowsFor('r', '@c');
        assert.equal(rows[0]!.state, 'sending');
        assert.equal(rows[0]!.attempts, 2);
        assert.deepEqual(
          (await outbox.inFlight()).map((r) => r.seq),
          [a!.seq],
        );
        assert.equal(await outbox.next('@c'), null, 'a chat with a message in doubt waits');
        assert.deepEqual(await outbox.pendingChats(), []);
        assert.equal(b!.state, 'planned');
      }),
    );

    it(
      'crash recovery: in-flight rows are planned again (resend) or held, counting a doubt',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan([message(1), message(2, { chat: '@d' })], []);
        const [a] = await outbox.rowsFor('r', '@c');
        const [b] = await outbox.rowsFor('r', '@d');
        await die(outbox, a!.seq, true);
        await die(outbox, b!.seq, true);
        assert.equal(await outbox.recover('resend'), 2);
        assert.deepEqual(
          [(await outbox.rowsFor('r', '@c'))[0], (await outbox.rowsFor('r', '@d'))[0]].map((r) => [
            r!.state,
            r!.doubts,
          ]),
          [
            ['planned', 1],
            ['planned', 1],
          ],
        );
        await die(outbox, a!.seq, true);
        assert.equal(await outbox.recover('hold'), 1);
        const held = (await outbox.rowsFor('r', '@c'))[0]!;
        assert.deepEqual([held.state, held.doubts], ['held', 2]);
        assert.equal(await outbox.next('@c'), null, 'a held message is left for the operator');
        assert.equal(await outbox.recover('resend'), 0);
      }),
    );

    it(
      'settle records how a probe settled an in-flight row; rows not in flight are left alone',
      use(async (store) => {
        const clock = Date.parse('2024-09-09T11:00:00.000Z');
        const outbox = store.outbox({ now: () => clock });
        await outbox.plan([message(1), message(2), message(3)], []);
        const [a, b, c] = await outbox.rowsFor('r', '@c');
        await die(outbox, a!.seq, true);
        await outbox.settle(a!.seq, { state: 'sent', messageId: 12, note: 'reconciled: message 12' });
        await send(outbox, b!.seq, 13);
        await die(outbox, c!.seq, true);
        await outbox.settle(c!.seq, { state: 'sending', note: 'probe untrusted' });
        await outbox.settle(b!.seq, { state: 'planned', note: 'ignored: not in flight' });
        const rows = await outbox.rowsFor('r', '@c');
        assert.deepEqual(
          rows.map((r) => [r.state, r.messageId, r.doubts, r.note]),
          [
            ['sent', 12, 1, 'reconciled: message 12'],
            ['sent', 13, 0, undefined],
            ['sending', null, 1, 'probe untrusted'],
          ],
        );
        assert.equal(rows[0]!.sentAt, '2024-09-09T11:00:00.000Z');
        assert.deepEqual(await outbox.recentSends('@c', clock), [clock, clock]);
        await outbox.settle(c!.seq, { state: 'planned', note: 'not found: resent' });
        assert.equal((await outbox.rowsFor('r', '@c'))[2]!.state, 'planned');
      }),
    );

    it(
      'queued edits and deletions of sent messages: applied by finishOp, dropped by fail',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan([message(1), message(2), message(3)], []);
        const [a, b, c] = await outbox.rowsFor('r', '@c');
        await send(outbox, a!.seq, 1);
        await send(outbox, b!.seq, 2);
        const edited = JSON.stringify({ text: 'story 1, edited' });
        const r = await outbox.plan(
          [],
          [
            { seq: a!.seq, op: 'edit', payload: edited, payloadHash: 'p1b', sourceHash: 'h1b' },
            { seq: b!.seq, op: 'delete' },
            { seq: c!.seq, op: 'delete' },
          ],
        );
        assert.deepEqual(r, { planned: 0, ops: 2 }, 'only sent messages take an op');
        const pending = await outbox.next('@c');
        assert.deepEqual(
          [pending?.seq, pending?.pendingOp, pending?.pendingPayload],
          [a!.seq, 'edit', edited],
        );
        await outbox.finishOp(a!.seq);
        await outbox.finishOp(b!.seq, 'source deleted');
        const rows = await outbox.rowsFor('r', '@c');
        assert.deepEqual(
          [rows[0]!.state, rows[0]!.payload, rows[0]!.payloadHash, rows[0]!.sourceHash, rows[0]!.pendingOp],
          ['sent', edited, 'p1b', 'h1b', null],
        );
        assert.deepEqual(
          [rows[1]!.state, rows[1]!.note, rows[1]!.messageId],
          ['deleted', 'source deleted', 2],
        );
        assert.equal(await outbox.lastMessageId('@c'), 2, 'a deleted message still counts for probes');
        await outbox.plan([], [{ seq: a!.seq, op: 'delete' }]);
        await outbox.fail(a!.seq, 'message to delete not found');
        await outbox.fail(c!.seq, 'chat not found');
        const after = await outbox.rowsFor('r', '@c');
        assert.deepEqual(
          after.map((x) => [x.state, x.pendingOp, x.error]),
          [
            ['sent', null, 'message to delete not found'],
            ['deleted', null, null],
            ['failed', null, 'chat not found'],
          ],
        );
      }),
    );

    it(
      'skip: a planned row is recorded as not sent, with its reason; other states are left alone',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan([message(1), message(2)], []);
        const [a, b] = await outbox.rowsFor('r', '@c');
        await send(outbox, a!.seq, 1);
        await outbox.skip(a!.seq, 'no');
        await outbox.skip(b!.seq, 'its first part is gone');
        assert.deepEqual(
          (await outbox.rowsFor('r', '@c')).map((x) => [x.state, x.note ?? null]),
          [
            ['sent', null],
            ['skipped', 'its first part is gone'],
          ],
        );
        assert.equal(await outbox.next('@c'), null);
      }),
    );

    it(
      'a stopped route has no work until resumed, which plans its refused message again',
      use(async (store) => {
        const clock = Date.parse('2024-09-09T12:00:00.000Z');
        const outbox = store.outbox({ now: () => clock });
        await outbox.plan([message(1), message(2), message(3, { route: 'other' })], []);
        const [a] = await outbox.rowsFor('r', '@c');
        await outbox.fail(a!.seq, 'Forbidden: bot was kicked');
        await outbox.setRouteStatus({
          route: 'r',
          chat: '@c',
          state: 'stopped',
          code: 403,
          error: 'Forbidden: bot was kicked',
        });
        assert.equal((await outbox.next('@c'))?.route, 'other', 'other routes to the chat go on');
        assert.deepEqual(await outbox.routeStatuses(), [
          {
            route: 'r',
            chat: '@c',
            state: 'stopped',
            code: 403,
            error: 'Forbidden: bot was kicked',
            updatedAt: '2024-09-09T12:00:00.000Z',
          },
        ]);
        assert.equal(await outbox.resumeRoutes(), 1);
        assert.equal(await outbox.resumeRoutes(), 0);
        assert.equal((await outbox.routeStatuses())[0]!.state, 'ok');
        assert.equal((await outbox.next('@c'))?.seq, a!.seq, 'the refused message is first again');
        assert.equal((await outbox.counts()).failed, 0);
      }),
    );

    it(
      'a route renamed for one chat takes its rows and status with it, unless the new name is taken there',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan(
          [
            message(1, { route: 'old#2' }),
            message(2, { route: 'old#2', chat: '@d' }),
            message(3, { route: 'taken' }),
          ],
          [],
        );
        await outbox.setRouteStatus({
          route: 'old#2',
          chat: '@c',
          state: 'stopped',
          code: 403,
          error: 'kicked',
        });
        assert.deepEqual(await outbox.routeChats(), [
          { route: 'old#2', chat: '@c' },
          { route: 'old#2', chat: '@d' },
          { route: 'taken', chat: '@c' },
        ]);
        assert.equal(await outbox.renameRoute('old#2', 'new', '@c'), true);
        assert.deepEqual(
          (await outbox.rowsFor('new', '@c')).map((r) => r.postKey),
          ['gen/1'],
        );
        assert.deepEqual(
          (await outbox.routeStatuses()).map((s) => [s.route, s.chat, s.state]),
          [['new', '@c', 'stopped']],
        );
        assert.equal((await outbox.rowsFor('old#2', '@d')).length, 1, 'another chat keeps its name');
        assert.equal(await outbox.renameRoute('old#2', 'taken', '@d'), true);
        assert.equal(await outbox.renameRoute('new', 'taken', '@c'), false);
        assert.deepEqual(
          (await outbox.rowsFor('new', '@c')).map((r) => r.postKey),
          ['gen/1'],
        );
      }),
    );

    it(
      'a deleted row planned again takes the new content and is sent again; other rows stay as they are',
      use(async (store) => {
        const outbox = store.outbox();
        await outbox.plan([message(1), message(1, { part: 1 })], []);
        const [head, tail] = await outbox.rowsFor('r', '@c');
        await send(outbox, head!.seq, 10);
        await send(outbox, tail!.seq, 11);
        await outbox.plan([], [{ seq: tail!.seq, op: 'delete' }]);
        await outbox.finishOp(tail!.seq);
        const again = message(1, {
          part: 1,
          payload: '{"text":"back"}',
          payloadHash: 'p9',
          sourceHash: 'h9',
        });
        assert.deepEqual(await outbox.plan([again, message(1)], []), { planned: 1, ops: 0 });
        const rows = await outbox.rowsFor('r', '@c');
        assert.deepEqual(
          rows.map((r) => [r.part, r.state, r.payload, r.sourceHash]),
          [
            [0, 'sent', message(1).payload, 'h1'],
            [1, 'planned', '{"text":"back"}', 'h9'],
          ],
        );
        assert.equal(await send(outbox, rows[1]!.seq, 12), 12);
        assert.equal((await outbox.rowsFor('r', '@c'))[1]!.messageId, 12);
      }),
    );
  });
}
