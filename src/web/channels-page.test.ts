// /channels: background jobs are named for the operator in one line; readers see only a failing one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyChannel, emptyPost } from '../model/post.js';
import { initialSyncState } from '../pipeline/collect/state.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import type { TaskStatus } from '../util/supervise.js';
import { createApp } from './app.js';

const TOKEN = 'channels-page-admin-token';
const task = (name: string, over: Partial<TaskStatus> = {}): TaskStatus => ({
  name,
  state: 'running',
  failures: 0,
  lastError: null,
  lastErrorAt: null,
  nextAttemptAt: null,
  ...over,
});
const background = () => [
  task('webhook deliverer'),
  task('search index'),
  task('cut-off imports'),
  task('collector', {
    state: 'retrying',
    failures: 2,
    lastError: 'database is locked',
    lastErrorAt: '2024-10-01T00:00:00.000Z',
    nextAttemptAt: '2024-10-01T00:01:00.000Z',
  }),
];

let store: Store;
before(async () => (store = await openSqliteStore(':memory:')));
after(() => store.close());

const page = async (adminToken: string | null, headers: Record<string, string> = {}) => {
  const app = createApp({ store, config: { ...loadConfig({}, {}), adminToken }, background });
  return (await (await app.request('/channels', { headers })).text()).replace(/\s+/g, ' ');
};

describe('/channels background work', () => {
  it('readers see a failing job, not the healthy ones, and no "The cut-off imports is running"', async () => {
    const html = await page(TOKEN);
    assert.match(html, /The collector failed 2 times in a row/);
    assert.doesNotMatch(html, /is running|Background work running|search index/);
  });

  it('the operator sees the healthy jobs in one line', async () => {
    const expected = /Background work running: webhook deliverer, search index, cut-off imports\./;
    assert.match(await page(TOKEN, { authorization: `Bearer ${TOKEN}` }), expected);
    assert.match(await page(null), expected, 'without an admin token the one reader is the operator');
    assert.doesNotMatch(await page(null), /is running/);
  });
});

describe('/channels last sync', () => {
  it('says "never synced" for a followed channel that has only failed, "never (imported)" for an imported one', async () => {
    await store.upsertChannel({
      ...emptyChannel('imported_one'),
      username: 'imported_one',
      title: 'Imported',
    });
    await store.follow('failing_one', null);
    await store.upsertChannel({ ...emptyChannel('failing_one'), username: 'failing_one', title: 'Failing' });
    await store.saveSyncState('failing_one', {
      ...initialSyncState(),
      status: 'error',
      lastError: "the answer was cut off before the page's end",
      errorCount: 2,
    });
    await store.follow('waiting_one', null);
    await store.upsertChannel({ ...emptyChannel('waiting_one'), username: 'waiting_one', title: 'Waiting' });
    const html = await page(null);
    const row = (title: string) => new RegExp(`>${title}</a.*?</tr>`).exec(html)?.[0] ?? '';
    assert.match(row('Failing'), /never synced/);
    assert.doesNotMatch(row('Failing'), /imported/);
    assert.match(row('Waiting'), /never synced/);
    assert.match(row('Imported'), /never \(imported\)/);
  });
});

describe('/channels media not stored', () => {
  it('a collected channel whose media failed says how many are not stored, one that kept all says none', async () => {
    const failed = { reason: 'failed' as const, detail: 'not stored: media store: cannot reach bucket b' };
    for (const [key, title, skipped] of [
      ['pics_failing', 'PicsFailing', failed],
      ['pics_fine', 'PicsFine', undefined],
    ] as const) {
      await store.follow(key, null);
      await store.upsertChannel({ ...emptyChannel(key), username: key, title });
      await store.saveSyncState(key, {
        ...initialSyncState(),
        status: 'ok',
        lastSyncAt: '2024-10-01T00:00:00.000Z',
      });
      await store.savePosts(
        [1, 2].map((id) => ({
          ...emptyPost(key, id, 'tme-html'),
          media: [{ type: 'photo' as const, supported: true, ...(skipped ? { skipped } : {}) }],
        })),
      );
    }
    const html = await page(null);
    const row = (title: string) => new RegExp(`>${title}</a.*?</tr>`).exec(html)?.[0] ?? '';
    assert.match(row('PicsFailing'), /2 media not stored \(tgwire media fetch tries them again\)/);
    assert.doesNotMatch(row('PicsFine'), /not stored/);
    assert.match(row('PicsFine'), /none/);
  });
});
