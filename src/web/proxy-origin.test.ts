// Admin forms behind a TLS reverse proxy, over a real SQLite archive: the origin the reader sees is accepted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, type Config } from '../config/config.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { createApp } from './app.js';

const TOKEN = 'proxy-admin-token-123';
/** What the app receives from a proxy terminating TLS for https://archive.example.org. */
const INTERNAL = 'http://127.0.0.1:8080';
const PUBLIC = 'https://archive.example.org';

let store: Store;
before(async () => (store = await openSqliteStore(':memory:')));
after(() => store.close());

function config(env: Record<string, string>): Config {
  return { ...loadConfig({}, env), adminToken: TOKEN };
}

/** Logs in through the app the way a browser on `origin` would; returns a function posting a topic form. */
async function browserOn(app: ReturnType<typeof createApp>, origin: string, headers: Record<string, string>) {
  const send = (path: string, body: Record<string, string>, extra: Record<string, string> = {}) =>
    app.request(`${INTERNAL}${path}`, {
      method: 'POST',
      body: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...headers, ...extra },
    });
  const login = await send('/login', { token: TOKEN });
  const cookie = login.headers.get('set-cookie') ?? '';
  return { login, cookie, send };
}

let n = 0;
const topic = () => ({ name: `t${n++}`, query: 'summit' });

describe('admin forms behind a TLS reverse proxy', () => {
  it('with TGWIRE_PUBLIC_URL: a form from the public origin is accepted, a foreign one refused', async () => {
    const app = createApp({ store, config: config({ TGWIRE_PUBLIC_URL: `${PUBLIC}/` }) });
    const b = await browserOn(app, PUBLIC, {});
    assert.equal(b.login.status, 303, 'the login form is accepted');
    assert.match(b.cookie, /Secure/i, 'the reader is on https: the cookie is Secure');
    const session = b.cookie.split(';')[0]!;
    const page = await app.request(`${INTERNAL}/channels`, { headers: { cookie: session } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const ok = await b.send('/admin/topics', { ...topic(), _csrf: csrf }, { cookie: session });
    assert.equal(ok.status, 303);
    const evil = await b.send(
      '/admin/topics',
      { ...topic(), _csrf: csrf },
      { cookie: session, origin: 'https://evil.example' },
    );
    assert.equal(evil.status, 403);
    const lookalike = await b.send(
      '/admin/topics',
      { ...topic(), _csrf: csrf },
      { cookie: session, origin: 'http://archive.example.org' },
    );
    assert.equal(lookalike.status, 403, 'the public origin is https only');
  });

  it('with a trusted proxy: the origin from X-Forwarded-Proto/Host is accepted, a foreign one refused', async () => {
    const app = createApp({ store, config: config({ TGWIRE_TRUST_PROXY: '1' }) });
    const fwd = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'archive.example.org' };
    const b = await browserOn(app, PUBLIC, fwd);
    assert.equal(b.login.status, 303);
    assert.match(b.cookie, /Secure/i);
    const evil = await browserOn(app, 'https://evil.example', fwd);
    assert.equal(evil.login.status, 403);
  });

  it('without either, the forwarded headers are not believed (the old refusal stays for untrusted proxies)', async () => {
    const app = createApp({ store, config: config({}) });
    const fwd = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'archive.example.org' };
    assert.equal((await browserOn(app, PUBLIC, fwd)).login.status, 403);
    assert.equal((await browserOn(app, INTERNAL, {})).login.status, 303, 'the direct address still works');
  });

  it('a public URL that is not an http(s) address is a user error naming the variable', () => {
    assert.throws(
      () => loadConfig({}, { TGWIRE_PUBLIC_URL: 'archive.example.org' }),
      (e: unknown) => e instanceof UserError && /TGWIRE_PUBLIC_URL/.test(e.message),
    );
    assert.throws(() => loadConfig({}, { TGWIRE_TRUST_PROXY: 'maybe' }), UserError);
  });
});
