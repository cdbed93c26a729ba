// /media when the media store fails (S3 down, keys refused, bucket missing): readers get a neutral 503, the operator
// one log line per kind of failure and a notice on /channels.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import type { MediaBlobStore } from '../store/media/blob-store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { MediaStoreError, type MediaStoreProblem } from '../util/errors.js';
import { createApp } from './app.js';
import { createMediaHealth } from './media-health.js';

const TOKEN = 'media-unavailable-admin-token';
const HASH = 'c'.repeat(64);
const ADVICE =
  'media store: bucket b at http://127.0.0.1:1 refuses access (InvalidAccessKeyId) while trying to read a file: check TGWIRE_S3_ACCESS_KEY_ID';

/** A store whose every call fails as `problem` says, until `works` is set. */
function failing(state: { problem: MediaStoreProblem; works?: boolean }): MediaBlobStore {
  const fail = () => {
    throw new MediaStoreError(`${ADVICE} (${state.problem})`, state.problem);
  };
  return {
    kind: 's3',
    location: 's3://b/',
    put: async () => fail(),
    delete: async () => fail(),
    // eslint-disable-next-line require-yield
    list: async function* () {
      fail();
    },
    size: async () => (state.works ? 4 : fail()),
    read: async () => (state.works ? null : fail()),
  };
}

let store: Store;
before(async () => {
  store = await openSqliteStore(':memory:');
  await store.reserveMediaFile(
    { sha256: HASH, size: 4, contentType: 'image/jpeg', kind: 'photo', channel: 'c' },
    { maxTotalBytes: 1e12, maxChannelBytes: 1e12 },
  );
});
after(() => store.close());

describe('/media when the media store fails', () => {
  it('answers readers 503 with Retry-After and a page without the operator advice', async () => {
    const lines: string[] = [];
    const app = createApp({
      store,
      config: { ...loadConfig({}, {}), adminToken: TOKEN },
      media: failing({ problem: 'refused' }),
      mediaHealth: createMediaHealth({ log: (l) => lines.push(l) }),
    });
    for (const method of ['GET', 'HEAD']) {
      const res = await app.request(`/media/${HASH}`, { method });
      assert.equal(res.status, 503, method);
      assert.ok(Number(res.headers.get('retry-after')) > 0, method);
      assert.doesNotMatch(res.headers.get('cache-control') ?? '', /immutable/);
      const text = await res.text();
      assert.doesNotMatch(text, /TGWIRE_|bucket|127\.0\.0\.1|InvalidAccessKeyId/, method);
    }
  });

  it('logs one line per kind of failure, not one per request, and one when it answers again', async () => {
    const lines: string[] = [];
    const state: { problem: MediaStoreProblem; works?: boolean } = { problem: 'unreachable' };
    const app = createApp({
      store,
      config: { ...loadConfig({}, {}), adminToken: TOKEN },
      media: failing(state),
      mediaHealth: createMediaHealth({ log: (l) => lines.push(l) }),
    });
    for (let i = 0; i < 20; i++) await app.request(`/media/${HASH}`);
    state.problem = 'refused';
    for (let i = 0; i < 20; i++) await app.request(`/media/${HASH}`);
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /503 .*\(unreachable\)/);
    assert.match(lines[1]!, /503 .*InvalidAccessKeyId.*\(refused\)/);
    state.works = true;
    await app.request(`/media/${HASH}`, { method: 'HEAD' });
    assert.equal(lines.length, 3);
    assert.match(lines[2]!, /answers again/);
  });

  it('/channels shows the failure with its advice to the operator only, until it answers again', async () => {
    const state: { problem: MediaStoreProblem; works?: boolean } = { problem: 'no_bucket' };
    const health = createMediaHealth({ log: () => {} });
    const app = createApp({
      store,
      config: { ...loadConfig({}, {}), adminToken: TOKEN },
      media: failing(state),
      mediaHealth: health,
    });
    // serve's start-up check reports into the same health, before any reader asked.
    health.failed(new MediaStoreError(`${ADVICE} (start)`, 'no_bucket'), 'checked at start');
    await app.request(`/media/${HASH}`);
    const page = async (headers: Record<string, string> = {}) =>
      (await (await app.request('/channels', { headers })).text()).replace(/\s+/g, ' ');
    const admin = await page({ authorization: `Bearer ${TOKEN}` });
    assert.match(admin, /The media store has failed 2 times since/);
    assert.match(admin, /TGWIRE_S3_ACCESS_KEY_ID/);
    assert.doesNotMatch(await page(), /media store|TGWIRE_/);
    state.works = true;
    await app.request(`/media/${HASH}`, { method: 'HEAD' });
    assert.doesNotMatch(await page({ authorization: `Bearer ${TOKEN}` }), /The media store has failed/);
  });
});
