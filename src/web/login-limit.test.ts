// /login is rate-limited per client address: 10 wrong tokens a minute, then 429 with Retry-After.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';

const TOKEN = 'login-limit-admin-token';
let store: Store;
before(async () => (store = await openSqliteStore(':memory:')));
after(() => store.close());

function appWith(trustProxy: boolean) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const app = createApp({
    store,
    config: { ...loadConfig({}, {}), adminToken: TOKEN, trustProxy },
    now: () => new Date(now),
  });
  const login = (token: string, peer: string, headers: Record<string, string> = {}) =>
    app.request(
      '/login',
      {
        method: 'POST',
        body: new URLSearchParams({ token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      },
      // What @hono/node-server hands the app: the request's socket.
      { incoming: { socket: { remoteAddress: peer } } },
    );
  return { login, advance: (ms: number) => (now += ms) };
}

describe('/login rate limit', () => {
  it('10 wrong tokens from one address, then 429 with Retry-After, even for the right token', async () => {
    const { login, advance } = appWith(false);
    for (let i = 0; i < 10; i++) assert.equal((await login(`guess-${i}`, '203.0.113.5')).status, 401);
    const refused = await login(TOKEN, '203.0.113.5');
    assert.equal(refused.status, 429);
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After: ${wait}`);
    assert.equal((await login(TOKEN, '198.51.100.7')).status, 303, 'another address is not limited');
    advance(wait * 1000);
    assert.equal((await login(TOKEN, '203.0.113.5')).status, 303, 'allowed again after Retry-After');
  });

  it('X-Forwarded-For is ignored unless the proxy is trusted', async () => {
    const direct = appWith(false);
    for (let i = 0; i < 10; i++)
      await direct.login('wrong', '127.0.0.1', { 'x-forwarded-for': `192.0.2.${i}` });
    assert.equal(
      (await direct.login(TOKEN, '127.0.0.1', { 'x-forwarded-for': '192.0.2.99' })).status,
      429,
      'a client cannot escape the limit by sending X-Forwarded-For',
    );
    const proxied = appWith(true);
    for (let i = 0; i < 10; i++)
      await proxied.login('wrong', '127.0.0.1', { 'x-forwarded-for': 'spoofed, 192.0.2.1' });
    assert.equal((await proxied.login(TOKEN, '127.0.0.1', { 'x-forwarded-for': '192.0.2.1' })).status, 429);
    assert.equal(
      (await proxied.login(TOKEN, '127.0.0.1', { 'x-forwarded-for': '192.0.2.2' })).status,
      303,
      'behind a trusted proxy each forwarded address has its own count',
    );
  });
});
