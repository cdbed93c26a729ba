// A new route starts at a date: what the archive held before is recorded as not sent, on every later pass too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.js';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { commitPlan, planAll, type PlanOptions } from './planner.js';
import { describePlan } from './preview.js';
import { routesFromConfig } from './routes.js';

const at = (day: number) => `2024-09-${String(day).padStart(2, '0')}T12:00:00.000Z`;
const post = (id: number, day: number | null, text = `post ${id}`): Post => ({
  ...emptyPost('news', id, 'tme-html'),
  date: day === null ? null : at(day),
  text,
});

async function setup(t: { after(fn: () => Promise<void>): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-start-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  const outbox = store.outbox();
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await store.upsertChannel({ ...emptyChannel('news'), username: 'news', title: 'News' });
  const routes = routesFromConfig([
    {
      channel: 'news',
      to: '@c',
      forwards: 'include',
      undetermined: 'include',
      silent: false,
      deleteOnSourceDelete: false,
    },
  ]);
  /** One pass: plan and commit; the post keys that would be sent. */
  const pass = async (options: PlanOptions) => {
    const plan = await planAll(store, outbox, routes, options);
    await commitPlan(outbox, plan);
    return plan.messages.filter((m) => m.state === 'planned').map((m) => m.postKey);
  };
  return { store, outbox, routes, pass };
}

test('a new route sends nothing of the archive it finds, then every post that comes later', async (t) => {
  const { store, pass, outbox, routes } = await setup(t);
  await store.savePosts([post(1, 1), post(2, 2), post(3, null)]);
  const preview = describePlan(await planAll(store, outbox, routes, { newRouteStart: at(5) }));
  assert.deepEqual(preview, [
    `channel:news -> @c: a new route, starting ${at(5)}; 3 earlier or undated post(s) will not be sent ` +
      '(--since DATE or --all starts it earlier)',
  ]);
  assert.deepEqual(await pass({ newRouteStart: at(5) }), []);
  await store.savePosts([post(4, 6)]);
  // Later passes start "now" again, but the route is no longer new: its start stays where it was.
  assert.deepEqual(await pass({ newRouteStart: at(7) }), ['news/4']);
  // A post collected late, dated before the start, was not in the archive the route found: it is news.
  await store.savePosts([post(5, 4)]);
  assert.deepEqual(await pass({ newRouteStart: at(8) }), ['news/5']);
  assert.deepEqual(await pass({ newRouteStart: at(9) }), []);
});

test('a new route that finds an empty archive is remembered: what comes next is sent', async (t) => {
  const { store, pass } = await setup(t);
  assert.deepEqual(await pass({ newRouteStart: at(5) }), []);
  await store.savePosts([post(1, 4), post(2, 6)]);
  assert.deepEqual(await pass({ newRouteStart: at(10) }), ['news/1', 'news/2']);
});

test('--since starts a new route earlier; the posts before it stay unsent without --since later', async (t) => {
  const { store, pass } = await setup(t);
  await store.savePosts([post(1, 1), post(2, 3), post(3, null), post(4, 4)]);
  assert.deepEqual(await pass({ since: '2024-09-03', newRouteStart: '2024-09-03' }), ['news/2', 'news/4']);
  assert.deepEqual(await pass({ newRouteStart: at(20) }), []);
});

test('without a start (the library default) a new route publishes its backlog', async (t) => {
  const { store, pass } = await setup(t);
  await store.savePosts([post(1, 1), post(2, null)]);
  assert.deepEqual((await pass({})).sort(), ['news/1', 'news/2']);
});
