// The channels page shows each webhook's delivery log (status, attempts, last error), never its URL's path.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyPost } from '../model/post.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { createApp } from './app.js';

it('the channels page lists webhooks with their recent deliveries', async () => {
  const store = await openSqliteStore(':memory:');
  try {
    const hooks = store.webhooks({ now: () => Date.parse('2024-09-09T10:00:00.000Z') });
    const w = await hooks.add({
      url: 'https://hooks.example.org/services/T000/SECRET-PATH',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      topics: [],
      channels: [],
      searches: [],
      events: ['post.created'],
      allowPrivate: false,
      createdAt: '2024-09-09T00:00:00.000Z',
    });
    await store.savePosts([{ ...emptyPost('news', 7, 'tme-live'), text: 'hello' }]);
    const [e] = await hooks.pendingEvents(1);
    await hooks.fanOut([{ seq: e!.seq, deliveries: [{ webhookId: w.id, body: '{}' }] }]);
    const [d] = await hooks.deliveries(w.id, 1);
    await hooks.claim(d!.id, Date.parse('2024-09-09T10:00:00.000Z'), 0);
    await hooks.settle(d!.id, {
      status: 'pending',
      nextAttemptMs: Date.parse('2024-09-09T10:05:00.000Z'),
      httpStatus: 502,
      error: 'HTTP 502: <bad gateway>',
    });
    const app = createApp({ store, config: loadConfig({ db: ':memory:' }, {}) });
    const page = await (await app.request('/channels')).text();
    const section = page.slice(page.indexOf('<h2>Webhooks</h2>'));
    assert.match(section, /Webhook 1 → https:\/\/hooks\.example\.org</);
    assert.doesNotMatch(
      page,
      /SECRET-PATH|whsec_/,
      'the path (often a token) and the secret are never shown',
    );
    assert.match(
      section,
      /<td>post\.created<\/td>\s*<td><a href="\/c\/news\/7">news\/7<\/a><\/td>\s*<td>pending<\/td>\s*<td>1<\/td>/,
    );
    assert.match(section, /HTTP 502: &lt;bad gateway&gt;/);
    assert.match(section, /0 delivered, 1 pending/);
  } finally {
    await store.close();
  }
});
