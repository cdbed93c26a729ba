// The topic admin forms and API: names unique case aside, replacing only when asked, removal, unknown channels.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyPost } from '../model/post.js';
import { createApp } from './app.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';

const TOKEN = 'topics-admin-token-789';
const bearer = { authorization: `Bearer ${TOKEN}` };
const form = (data: Record<string, string>, headers: Record<string, string> = bearer) => ({
  method: 'POST',
  body: new URLSearchParams(data),
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
});

describe('topics from the web', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
    await store.savePosts([
      { ...emptyPost('mfa', 1, 'tme-html'), date: '2024-09-10T10:00:00.000Z', text: 'BRICS summit in Kazan' },
    ]);
    await store.saveTopic({ name: 'brics', query: 'BRICS', aliases: [] });
    app = createApp({ store, config: { ...loadConfig({ db: ':memory:' }, {}), adminToken: TOKEN } });
  });
  const names = async () => (await store.listTopics()).map((t) => `${t.name}: ${t.query}`);
  const error = async (res: Response) => ((await res.json()) as { error: string }).error;

  it('refuses a name another topic has case aside, and the same name unless "replace"', async () => {
    const upper = await app.request('/admin/topics', form({ name: 'BRICS', query: 'BRICS OR БРИКС' }));
    assert.equal(upper.status, 400);
    assert.match(await error(upper), /a topic named brics exists \(topic names are matched case aside\)/);
    const same = await app.request('/admin/topics', form({ name: 'brics', query: 'Kazan' }));
    assert.equal(same.status, 400);
    assert.match(await error(same), /a topic named brics exists \("BRICS"\).*replace/);
    assert.deepEqual(await names(), ['brics: BRICS']);
    const replaced = await app.request(
      '/admin/topics',
      form({ name: 'BRICS', query: 'BRICS OR БРИКС', replace: '1' }),
    );
    assert.equal(replaced.status, 201);
    assert.equal(((await replaced.json()) as { replaced: string }).replaced, 'brics');
    assert.deepEqual(await names(), ['BRICS: BRICS OR БРИКС']);
    assert.deepEqual((await store.getPost('mfa', 1))!.topics, ['BRICS']);
  });

  it('refuses a query naming a channel the archive does not know, as search does', async () => {
    const res = await app.request('/admin/topics', form({ name: 'nochan', query: 'channel:nosuch x' }));
    assert.equal(res.status, 400);
    assert.match(await error(res), /^no channel named nosuch/);
    const search = await app.request('/api/search?q=channel:nosuch%20x');
    assert.equal(search.status, 400);
    assert.deepEqual(await names(), ['brics: BRICS']);
    assert.equal(
      (await app.request('/admin/topics', form({ name: 'kaz', query: 'channel:mfa Kazan' }))).status,
      201,
    );
  });

  it('an admin removes a topic from /channels, with the CSRF token and from the same site only', async () => {
    const login = await app.request('/login', form({ token: TOKEN }, {}));
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await app.request('/channels', { headers: { cookie: session } })).text();
    assert.match(page, /action="\/admin\/topics\/remove"/);
    assert.doesNotMatch(await (await app.request('/channels')).text(), /admin\/topics\/remove/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const cookie = { cookie: session };
    assert.equal((await app.request('/admin/topics/remove', form({ name: 'brics' }, cookie))).status, 403);
    const foreign = { ...cookie, origin: 'https://evil.example' };
    assert.equal(
      (await app.request('/admin/topics/remove', form({ name: 'brics', _csrf: csrf }, foreign))).status,
      403,
    );
    assert.equal((await app.request('/admin/topics/remove', form({ name: 'brics' }, {}))).status, 401);
    assert.deepEqual(await names(), ['brics: BRICS']);
    const ok = await app.request('/admin/topics/remove', form({ name: 'brics', _csrf: csrf }, cookie));
    assert.equal(ok.status, 303);
    assert.deepEqual(await names(), []);
    assert.deepEqual((await store.getPost('mfa', 1))!.topics ?? [], []);
    const gone = await app.request('/admin/topics/remove', form({ name: 'brics' }));
    assert.equal(gone.status, 400);
    assert.match(await error(gone), /no topic named brics/);
  });

  it('refuses to remove a topic a saved search names', async () => {
    await store.saveSearch({ name: 'rb', query: 'topic:BRICS Kazan', createdAt: '2024-10-01T00:00:00Z' });
    const res = await app.request('/admin/topics/remove', form({ name: 'brics' }));
    assert.equal(res.status, 400);
    assert.match(await error(res), /named by saved search rb/);
    assert.deepEqual(await names(), ['brics: BRICS']);
  });

  it('the notices after a form say only what the forms send, never free text from the address', async () => {
    const page = async (q: string) => (await (await app.request(q)).text()).replace(/\s+/g, ' ');
    const login = await app.request('/login', form({ token: TOKEN }, {}));
    const cookie = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
    const csrf = /name="_csrf" value="([^"]+)"/.exec(
      await (await app.request('/channels', { headers: cookie })).text(),
    )![1]!;
    const added = await app.request(
      '/admin/topics',
      form({ name: 'kazan', query: 'Kazan', _csrf: csrf }, cookie),
    );
    assert.equal(added.status, 303);
    assert.match(await page(added.headers.get('location')!), /<p class="notice">Saved: topic kazan<\/p>/);
    for (const q of [
      '/channels?added=Your%20session%20expired,%20log%20in%20at%20evil.example',
      '/channels?saved=topic&name=log%20in%20at%20evil.example',
      '/channels?saved=bogus&name=kazan',
      '/searches?saved=Your%20session%20expired',
      '/searches?removed=log%20in%20at%20evil.example',
      '/searches?saved=nosuch',
    ])
      assert.doesNotMatch(await page(q), /class="notice"|evil\.example|session expired/, q);
  });

  it('a refused form comes back with what was typed and the reason, nothing saved', async () => {
    const login = await app.request('/login', form({ token: TOKEN }, {}));
    const cookie = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
    const csrf = /name="_csrf" value="([^"]+)"/.exec(
      await (await app.request('/channels', { headers: cookie })).text(),
    )![1]!;
    const typed = {
      name: 'kazan',
      query: 'channel:nosuch "Kazan <b>"',
      aliases: 'Kazan = Казань',
      replace: '1',
    };
    const res = await app.request('/admin/topics', form({ ...typed, _csrf: csrf }, cookie));
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const page = (await res.text()).replace(/\s+/g, ' ');
    assert.match(page, /<p class="error" role="alert">Not saved: no channel named nosuch/);
    assert.match(page, /id="tn" [^>]*value="kazan"/);
    assert.match(page, /id="tq" [^>]*value="channel:nosuch &quot;Kazan &lt;b&gt;&quot;"/);
    assert.match(page, /<textarea id="ta" name="aliases" rows="3">Kazan = Казань<\/textarea>/);
    assert.match(page, /name="replace" value="1" checked/);
    assert.match(page, /id="ch" [^>]*value=""/, 'the other form stays empty');
    assert.deepEqual(await names(), ['brics: BRICS']);
    const channel = await app.request(
      '/admin/channels',
      form({ channel: 'not a channel!!', _csrf: csrf }, cookie),
    );
    assert.equal(channel.status, 400);
    const channelPage = (await channel.text()).replace(/\s+/g, ' ');
    assert.match(channelPage, /id="ch" [^>]*value="not a channel!!"/);
    assert.match(channelPage, /Not saved: .*is not a channel/);
  });
});
