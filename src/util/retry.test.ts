import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FetchError } from './errors.js';
import { decideRetry, parseRetryAfter, withRetry, type RetryDecision, type RetryPolicy } from './retry.js';

const URL_ = 'https://t.me/s/x';
const NOW = Date.parse('2024-09-09T12:00:00Z');
// random() = 0 means "no jitter taken off": delays are the full exponential value.
const fixed: RetryPolicy = { random: () => 0, now: () => NOW, baseDelayMs: 1000, maxDelayMs: 8000 };

const cases: { name: string; error: unknown; attempt: number; policy?: RetryPolicy; want: RetryDecision }[] =
  [
    {
      name: '429 waits Retry-After in seconds',
      error: new FetchError('429', URL_, 429, 7000),
      attempt: 1,
      want: { retry: true, delayMs: 7000 },
    },
    {
      name: '429 without Retry-After backs off like a 5xx',
      error: new FetchError('429', URL_, 429, null),
      attempt: 2,
      want: { retry: true, delayMs: 2000 },
    },
    {
      name: '429 with a Retry-After longer than the policy allows gives up',
      error: new FetchError('429', URL_, 429, 3_600_000),
      attempt: 1,
      want: { retry: false },
    },
    {
      name: 'Bot API 429 waits parameters.retry_after',
      error: Object.assign(new Error('Too Many Requests'), {
        error_code: 429,
        parameters: { retry_after: 3 },
      }),
      attempt: 1,
      want: { retry: true, delayMs: 3000 },
    },
    {
      name: '502 backs off exponentially: attempt 1',
      error: new FetchError('502', URL_, 502),
      attempt: 1,
      want: { retry: true, delayMs: 1000 },
    },
    {
      name: '503 backs off exponentially: attempt 3',
      error: new FetchError('503', URL_, 503),
      attempt: 3,
      want: { retry: true, delayMs: 4000 },
    },
    {
      name: '500 back-off is capped',
      error: new FetchError('500', URL_, 500),
      attempt: 4,
      policy: { maxAttempts: 10 },
      want: { retry: true, delayMs: 8000 },
    },
    {
      name: 'jitter takes up to its share off the delay',
      error: new FetchError('502', URL_, 502),
      attempt: 2,
      policy: { random: () => 0.5, jitter: 0.5 },
      want: { retry: true, delayMs: 1500 },
    },
    {
      name: 'network failure (FetchError without status) is retried',
      error: new FetchError('socket hang up', URL_, null),
      attempt: 1,
      want: { retry: true, delayMs: 1000 },
    },
    {
      name: 'timeout is retried',
      error: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      attempt: 1,
      want: { retry: true, delayMs: 1000 },
    },
    {
      name: 'undici fetch failed with ECONNRESET cause is retried',
      error: new TypeError('fetch failed', {
        cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      }),
      attempt: 1,
      want: { retry: true, delayMs: 1000 },
    },
    {
      name: 'the caller aborting is not retried',
      error: new DOMException('This operation was aborted', 'AbortError'),
      attempt: 1,
      want: { retry: false },
    },
    {
      name: '404 is not retried',
      error: new FetchError('404', URL_, 404),
      attempt: 1,
      want: { retry: false },
    },
    {
      name: 'Bot API 401 is not retried',
      error: Object.assign(new Error('Unauthorized'), { error_code: 401 }),
      attempt: 1,
      want: { retry: false },
    },
    {
      name: '408 is retried',
      error: new FetchError('408', URL_, 408),
      attempt: 1,
      want: { retry: true, delayMs: 1000 },
    },
    { name: 'a plain bug is not retried', error: new RangeError('oops'), attempt: 1, want: { retry: false } },
    {
      name: 'no retry once maxAttempts were made',
      error: new FetchError('502', URL_, 502),
      attempt: 5,
      want: { retry: false },
    },
  ];

for (const c of cases) {
  test(`decideRetry: ${c.name}`, () => {
    assert.deepEqual(decideRetry(c.error, c.attempt, { ...fixed, ...c.policy }), c.want);
  });
}

test('parseRetryAfter reads seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('5', NOW), 5000);
  assert.equal(parseRetryAfter('0', NOW), 0);
  assert.equal(parseRetryAfter('Mon, 09 Sep 2024 12:00:30 GMT', NOW), 30_000);
  assert.equal(parseRetryAfter('Mon, 09 Sep 2024 11:00:00 GMT', NOW), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', NOW), null);
  assert.equal(parseRetryAfter(null, NOW), null);
});

test('withRetry retries transient failures with the decided delays, then returns', async () => {
  const slept: number[] = [];
  const errors = [new FetchError('429', URL_, 429, 2500), new FetchError('502', URL_, 502)];
  const result = await withRetry(
    async (attempt) => {
      const e = errors.shift();
      if (e) throw e;
      return `ok on attempt ${attempt}`;
    },
    fixed,
    { sleep: async (ms) => void slept.push(ms) },
  );
  assert.equal(result, 'ok on attempt 3');
  assert.deepEqual(slept, [2500, 2000]);
});

test('withRetry rethrows a non-retryable error at once', async () => {
  let calls = 0;
  await assert.rejects(
    withRetry(
      async () => {
        calls++;
        throw new FetchError('404', URL_, 404);
      },
      fixed,
      { sleep: async () => {} },
    ),
    (e: unknown) => e instanceof FetchError && e.status === 404,
  );
  assert.equal(calls, 1);
});

test('withRetry gives up after maxAttempts with the last error', async () => {
  let calls = 0;
  await assert.rejects(
    withRetry(
      async () => {
        calls++;
        throw new FetchError(`502 #${calls}`, URL_, 502);
      },
      { ...fixed, maxAttempts: 3 },
      { sleep: async () => {} },
    ),
    /502 #3/,
  );
  assert.equal(calls, 3);
});

test('withRetry stops waiting when the signal aborts', async () => {
  const ac = new AbortController();
  const p = withRetry(
    async () => {
      throw new FetchError('502', URL_, 502);
    },
    { baseDelayMs: 60_000 },
    { signal: ac.signal },
  );
  setTimeout(() => ac.abort(), 5);
  await assert.rejects(p, (e: unknown) => (e as Error).name === 'AbortError');
});
