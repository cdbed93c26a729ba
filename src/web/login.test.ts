// Logging in: a wrong token shows the form again with the error; a right one goes back to the page the reader left.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { safeNext } from './routes/admin.js';

const TOKEN = 'login-page-admin-token';
let store: Store;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await openSqliteStore(':memory:');
  app = createApp({ store, config: { ...loadConfig({}, {}), adminToken: TOKEN } });
});
after(() => store.close());

const login = (fields: Record<string, string>) =>
  app.request('/login', {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('admin login', () => {
  it('a wrong token shows the login form again, with the error and the page to go back to', async () => {
    const res = await login({ token: 'wrong', next: '/s/abc?x=1' });
    assert.equal(res.status, 401);
    const body = await res.text();
    assert.match(body, /role="alert">Wrong admin token: check it and try again\./);
    assert.match(body, /<form class="admin" method="post" action="\/login">/);
    assert.match(body, /name="next" value="\/s\/abc\?x=1"/);
    assert.doesNotMatch(body, /wrong"/, 'the wrong token is not echoed');
  });

  it('a script still gets JSON for a wrong token', async () => {
    const res = await app.request('/login', {
      method: 'POST',
      body: JSON.stringify({ token: 'wrong' }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'wrong admin token' });
  });

  it('after logging in the reader is back where the "Log in" link was', async () => {
    const res = await login({ token: TOKEN, next: '/search?q=brics' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/search?q=brics');
    const plain = await login({ token: TOKEN });
    assert.equal(plain.headers.get('location'), '/channels');
  });

  it('the login page keeps ?next= or the same-origin page it was reached from', async () => {
    const withNext = await (await app.request('/login?next=%2Fs%2Fabc')).text();
    assert.match(withNext, /name="next" value="\/s\/abc"/);
    const fromPage = await (
      await app.request('http://localhost/login', { headers: { referer: 'http://localhost/s/st1?x=2' } })
    ).text();
    assert.match(fromPage, /name="next" value="\/s\/st1\?x=2"/);
    const fromElsewhere = await (
      await app.request('http://localhost/login', { headers: { referer: 'https://evil.example/s/st1' } })
    ).text();
    assert.doesNotMatch(fromElsewhere, /name="next"/);
  });

  it('never sends the reader to another site', async () => {
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/login',
      '/a\nb',
      '',
    ])
      assert.equal(safeNext(bad), null, bad);
    assert.equal(safeNext('/c/sample?page=2#p-1'), '/c/sample?page=2#p-1');
    const res = await login({ token: TOKEN, next: '//evil.example/x' });
    assert.equal(res.headers.get('location'), '/channels');
  });
});
