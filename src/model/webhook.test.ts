// The retry schedule of webhook deliveries (Standard Webhooks), with jitter and Retry-After.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_DELAYS_MS, RETRY_AFTER_CAP_MS, nextRetryDelay, webhookMessageId } from './webhook.js';

it('follows the spec schedule, spread by at most 20%, and ends after the last wait', () => {
  const mid = () => 0.5;
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7].map((a) => nextRetryDelay(a, DEFAULT_RETRY_DELAYS_MS, null, mid)),
    [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
  );
  assert.equal(nextRetryDelay(8, DEFAULT_RETRY_DELAYS_MS, null, mid), null);
  assert.equal(
    nextRetryDelay(1, DEFAULT_RETRY_DELAYS_MS, null, () => 0),
    4_000,
  );
  assert.equal(
    nextRetryDelay(1, DEFAULT_RETRY_DELAYS_MS, null, () => 0.999999),
    6_000,
  );
});

it('honours Retry-After (never earlier), capped', () => {
  const mid = () => 0.5;
  assert.equal(nextRetryDelay(1, [100], 1000, mid), 1000);
  assert.equal(
    nextRetryDelay(2, DEFAULT_RETRY_DELAYS_MS, 1000, mid),
    300_000,
    'a shorter one changes nothing',
  );
  assert.equal(nextRetryDelay(1, [100], 365 * 86_400_000, mid), RETRY_AFTER_CAP_MS);
  assert.equal(nextRetryDelay(2, [100], 1000, mid), null, 'the schedule still ends');
});

it('one message id per webhook and event', () => {
  assert.equal(webhookMessageId(3, 1207), 'msg_3_1207');
});
