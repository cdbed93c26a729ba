import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchError } from './errors.js';
import { createHttpClient, DEFAULT_USER_AGENT } from './http.js';
import { createPacer } from './pace.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: { path: string; ua: string | undefined; at: number }[] = [];
const server = createServer((req, res) => {
  seen.push({ path: req.url ?? '', ua: req.headers['user-agent'], at: performance.now() });
  const h = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
  if (h) h(req, res);
  else res.writeHead(404).end('not here');
});
let base = '';
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

let counter = 0;
/** A route answering each request with the next of `answers` (the last one repeats). */
function route(answers: Handler[]): string {
  const path = `/r${++counter}`;
  let i = 0;
  routes.set(path, (req, res) => answers[Math.min(i++, answers.length - 1)]!(req, res));
  return path;
}
const ok =
  (body: string): Handler =>
  (_q, r) =>
    r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_q, r) =>
    r.writeHead(code, headers).end(`status ${code}`);
const noSleep = { sleep: async () => {}, retry: { random: () => 0 } };

test('returns status, body, headers and sends the descriptive User-Agent', async () => {
  const path = route([ok('<p>héllo</p>')]);
  const res = await createHttpClient().get(base + path);
  assert.equal(res.status, 200);
  assert.equal(res.body, '<p>héllo</p>');
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.finalUrl, base + path);
  assert.deepEqual(res.redirects, []);
  assert.equal(res.attempts, 1);
  assert.equal(seen.at(-1)?.ua, DEFAULT_USER_AGENT);
  assert.match(
    DEFAULT_USER_AGENT,
    /^tgwire\/0\.1 \(\+https:\/\/github\.com\/tgwire\/tgwire; archive of public channels\)$/,
  );
});

test('follows redirects and reports the final URL and each hop (disabled web preview)', async () => {
  const target = route([ok('channel page')]);
  const path = route([status(302, { location: target })]);
  const res = await createHttpClient().get(base + path);
  assert.equal(res.finalUrl, base + target);
  assert.deepEqual(res.redirects, [{ status: 302, from: base + path, to: base + target }]);
  assert.equal(res.body, 'channel page');
});

const retried: { name: string; answers: Handler[]; sleeps: number[]; attempts: number }[] = [
  {
    name: '429 with Retry-After seconds',
    answers: [status(429, { 'retry-after': '2' }), ok('x')],
    sleeps: [2000],
    attempts: 2,
  },
  { name: '502 then 503', answers: [status(502), status(503), ok('x')], sleeps: [1000, 2000], attempts: 3 },
];
for (const c of retried) {
  test(`retries ${c.name} with the policy's delays`, async () => {
    const sleeps: number[] = [];
    const path = route(c.answers);
    const client = createHttpClient({ ...noSleep, sleep: async (ms) => void sleeps.push(ms) });
    const res = await client.get(base + path);
    assert.equal(res.body, 'x');
    assert.equal(res.attempts, c.attempts);
    assert.deepEqual(sleeps, c.sleeps);
  });
}

test('a request may ask for fewer attempts than the policy: a 5xx is tried that many times, then thrown', async () => {
  const path = route([status(503), status(503), status(503), ok('third time')]);
  const before = seen.length;
  await assert.rejects(
    createHttpClient(noSleep).get(base + path, { maxAttempts: 2 }),
    (e: unknown) => e instanceof FetchError && e.status === 503,
  );
  assert.equal(seen.length - before, 2);
});

test('404 is a FetchError with its status, not retried', async () => {
  const path = route([status(404), ok('never')]);
  const before = seen.length;
  await assert.rejects(
    createHttpClient(noSleep).get(base + path),
    (e: unknown) => e instanceof FetchError && e.status === 404 && e.url === base + path,
  );
  assert.equal(seen.length - before, 1);
});

test('a hanging server times out into a retryable FetchError; the next attempt succeeds', async () => {
  const path = route([() => {}, ok('late but fine')]);
  const res = await createHttpClient({ ...noSleep, timeoutMs: 100 }).get(base + path);
  assert.equal(res.body, 'late but fine');
  assert.equal(res.attempts, 2);
});

test('timeouts on every attempt end in a FetchError without status naming the timeout', async () => {
  const path = route([() => {}]);
  await assert.rejects(
    createHttpClient({ ...noSleep, timeoutMs: 50, retry: { maxAttempts: 2, random: () => 0 } }).get(
      base + path,
    ),
    (e: unknown) => e instanceof FetchError && e.status === null && /within 50 ms/.test(e.message),
  );
});

test('a refused connection is a FetchError without status', async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  await assert.rejects(
    createHttpClient({ ...noSleep, retry: { maxAttempts: 1 } }).get(`http://127.0.0.1:${port}/`),
    (e: unknown) => e instanceof FetchError && e.status === null && /could not reach/.test(e.message),
  );
});

test('the caller aborting stops at once, without a FetchError', async () => {
  const path = route([() => {}]);
  const ac = new AbortController();
  const p = createHttpClient({ timeoutMs: 10_000 }).get(base + path, { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(p, (e: unknown) => !(e instanceof FetchError) && (e as Error).name === 'AbortError');
});

test('requests, redirect hops and retries are all paced', async () => {
  const target = route([ok('y')]);
  const a = route([status(302, { location: target })]);
  const b = route([status(502), ok('z')]);
  const client = createHttpClient({ ...noSleep, pacer: createPacer({ intervalMs: 25, jitterMs: 0 }) });
  const from = seen.length;
  await client.get(base + a);
  await client.get(base + b);
  // Only this test's routes: a late request of an earlier test (a retry under a loaded machine) is not one of ours.
  const ours = new Set([a, b, target]);
  const times = seen
    .slice(from)
    .filter((s) => ours.has(new URL(s.path, 'http://x').pathname))
    .map((s) => s.at);
  assert.equal(times.length, 4);
  for (let i = 1; i < times.length; i++)
    assert.ok(times[i]! - times[i - 1]! >= 24, `gap ${times[i]! - times[i - 1]!}`);
});
