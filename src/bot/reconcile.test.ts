// Probe decisions after a crash: "not modified" reconciles, "not found" resends, anything else keeps the row in doubt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GrammyError } from 'grammy';
import type { OutboxStore } from '../store/outbox.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { PlannedMessage } from '../store/outbox.js';
import { FakeBotApi } from '../../test/fake-botapi/server.js';
import { probeAnswer, reconcileInFlight, settlementOf, type ProbeAnswer } from './reconcile.js';
import { grammyBotApi } from './telegram.js';

const refusal = (code: number, description: string) =>
  new GrammyError('x', { ok: false, error_code: code, description }, 'editMessageText', {});

test('probe answers are read from Telegram refusals', () => {
  const cases: [unknown, ProbeAnswer][] = [
    [refusal(400, 'Bad Request: message is not modified: specified new message content …'), 'same'],
    [refusal(400, 'Bad Request: message to edit not found'), 'absent'],
    [refusal(400, "Bad Request: message can't be edited"), 'foreign'],
    [refusal(400, 'Bad Request: there is no text in the message to edit'), 'foreign'],
    [refusal(403, 'Forbidden: bot was kicked from the channel chat'), 'unknown'],
    [refusal(429, 'Too Many Requests: retry after 5'), 'unknown'],
    [new Error('socket hang up'), 'unknown'],
    [null, 'edited'],
  ];
  for (const [e, want] of cases) assert.equal(probeAnswer(e), want, String(e));
});

test('a row is settled from its probes and the in-doubt policy', () => {
  const p = (messageId: number, answer: ProbeAnswer) => ({ messageId, answer, detail: answer });
  const cases: [string, ReturnType<typeof p>[], 'resend' | 'hold', string, number | null][] = [
    ['not modified: ours', [p(8, 'same')], 'resend', 'sent', 8],
    ['not modified under hold: still ours', [p(8, 'same')], 'hold', 'sent', 8],
    ['not found: resent', [p(8, 'absent')], 'resend', 'planned', null],
    ['not found under hold: held', [p(8, 'absent')], 'hold', 'held', null],
    ["another poster's message: resent", [p(8, 'foreign')], 'resend', 'planned', null],
    ['second candidate is ours', [p(8, 'foreign'), p(9, 'same')], 'resend', 'sent', 9],
    ['other error: stays in doubt', [p(8, 'unknown')], 'resend', 'sending', null],
    ['other error under hold: held', [p(8, 'unknown')], 'hold', 'held', null],
    ['the probe edited a foreign message: held', [p(8, 'edited')], 'resend', 'held', null],
    ['not probed: policy', [], 'resend', 'planned', null],
  ];
  for (const [name, probes, policy, state, id] of cases) {
    const s = settlementOf(probes, policy);
    assert.equal(s.state, state, name);
    assert.equal(s.state === 'sent' ? s.messageId : null, id, name);
    assert.match(s.note, /^in flight at a crash; /, name);
  }
});

function message(i: number): PlannedMessage {
  const payload = JSON.stringify({ text: `story ${i}` });
  return {
    route: 'r',
    chat: '@c',
    postKey: `gen/${i}`,
    part: 0,
    story: null,
    method: 'sendMessage',
    payload,
    payloadHash: payload,
    sourceHash: 'h',
    state: 'planned',
  };
}

async function setup(t: { after(fn: () => Promise<void>): void }, botCanEditOthers = false) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-reconcile-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  const outbox = store.outbox();
  const fake = new FakeBotApi({ botCanEditOthers });
  const api = grammyBotApi({ token: fake.token, apiRoot: await fake.start() });
  t.after(async () => {
    await fake.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await outbox.plan([message(1), message(2)], []);
  const [first, second] = await outbox.rowsFor('r', '@c');
  // Message 1 is sent and recorded; message 2 is left in flight, as a SIGKILL would leave it.
  await outbox.attemptSend(
    first!.seq,
    async () => 1,
    () => false,
  );
  fake.postAsOther('@c', 'placeholder'); // id 1 taken, as message 1 above
  const inFlight = (accepted: boolean) =>
    outbox
      .attemptSend(
        second!.seq,
        async () => {
          if (accepted) await api.call('sendMessage', { chat_id: '@c', text: 'story 2' });
          throw new Error('killed');
        },
        () => false,
      )
      .catch(() => {});
  return { outbox, fake, api, seq: second!.seq, inFlight };
}

const row = async (outbox: OutboxStore, seq: number) =>
  (await outbox.rowsFor('r', '@c')).find((r) => r.seq === seq)!;

test('a message Telegram took before the crash is found and recorded, not resent', async (t) => {
  const { outbox, fake, api, seq, inFlight } = await setup(t);
  await inFlight(true);
  const r = await reconcileInFlight(outbox, api);
  assert.deepEqual([r.found, r.reconciled, r.notFound], [1, 1, 0]);
  const got = await row(outbox, seq);
  assert.equal(got.state, 'sent');
  assert.equal(got.messageId, 2);
  assert.equal(fake.published.length, 2);
  assert.deepEqual(fake.edits, []);
});

test('a message Telegram never got is planned again', async (t) => {
  const { outbox, api, seq, inFlight } = await setup(t);
  await inFlight(false);
  const r = await reconcileInFlight(outbox, api);
  assert.deepEqual([r.found, r.reconciled, r.notFound], [1, 0, 1]);
  assert.equal((await row(outbox, seq)).state, 'planned');
  assert.match((await row(outbox, seq)).note ?? '', /2: absent.*resent/);
});

test("another poster's message at the probed id is not ours: resent, nothing edited", async (t) => {
  const { outbox, fake, api, seq, inFlight } = await setup(t);
  await inFlight(false);
  fake.postAsOther('@c', 'someone else');
  await reconcileInFlight(outbox, api);
  assert.equal((await row(outbox, seq)).state, 'planned');
  assert.equal(fake.published.at(-1)!.text, 'someone else');
});

test('any other probe error keeps the row in flight and its chat waiting', async (t) => {
  const { outbox, fake, api, seq, inFlight } = await setup(t);
  await inFlight(true);
  fake.fail({ method: 'editMessageText', code: 500, description: 'Internal Server Error', times: 2 });
  const r = await reconcileInFlight(outbox, api, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
  assert.equal(r.unsettled.length, 1);
  const got = await row(outbox, seq);
  assert.equal(got.state, 'sending');
  assert.equal(got.doubts, 1);
  assert.deepEqual(await outbox.pendingChats(), []);
  // The next pass probes again and settles it.
  const again = await reconcileInFlight(outbox, api);
  assert.equal(again.reconciled, 1);
  assert.equal((await row(outbox, seq)).messageId, 2);
});

test('a bot allowed to edit others is not probed (a probe could overwrite a post): policy applies', async (t) => {
  const { outbox, fake, api, seq, inFlight } = await setup(t, true);
  await inFlight(true);
  const r = await reconcileInFlight(outbox, api, { policy: 'hold' });
  assert.equal(r.reconciled, 0);
  assert.equal((await row(outbox, seq)).state, 'held');
  assert.ok(!fake.requests.some((q) => q.method.startsWith('edit')));
});
