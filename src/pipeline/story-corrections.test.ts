// Readers' corrections applied to stored stories: split, merge, order, idempotence, posts gone missing.
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storyIdOf } from '../dedup/stories.js';
import { emptyPost } from '../model/post.js';
import type { StoryCorrection } from '../model/story.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { StoryMember } from '../model/story.js';
import type { Store } from '../store/store.js';
import {
  AloneInStoryError,
  applyStoryCorrections,
  correctStory,
  findPost,
  mergedEvidence,
} from './story-corrections.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-corrections-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const S = storyIdOf('a/1');
const T = storyIdOf('x/1');
const EVIDENCE = { matched: ['a/1'], score: 0.8, items: ['name:lavrov'] };

/** Story S: a/1 (canonical, oldest), b/2, c/3; story T: x/1, y/2; z/3 has no story row. */
async function seeded(): Promise<Store> {
  const store = await openSqliteStore(join(root, `${n++}.db`));
  const at = (d: number) => `2024-09-${String(d).padStart(2, '0')}T10:00:00.000Z`;
  await store.savePosts([
    { ...emptyPost('a', 1, 'text'), date: at(1), text: 'one' },
    { ...emptyPost('b', 2, 'text'), date: at(2), text: 'two' },
    { ...emptyPost('c', 3, 'text'), date: at(3), text: 'three' },
    { ...emptyPost('x', 1, 'text'), date: at(4), text: 'four' },
    { ...emptyPost('y', 2, 'text'), date: at(5), text: 'five' },
    { ...emptyPost('z', 3, 'text'), date: at(6), text: 'six' },
  ]);
  await store.setStories([
    { channel: 'a', id: 1, storyId: S, reason: 'canonical', evidence: null },
    { channel: 'b', id: 2, storyId: S, reason: 'translation', evidence: EVIDENCE },
    { channel: 'c', id: 3, storyId: S, reason: 'copy', evidence: { ...EVIDENCE, score: 1 } },
    { channel: 'x', id: 1, storyId: T, reason: 'canonical', evidence: null },
    { channel: 'y', id: 2, storyId: T, reason: 'forward', evidence: null },
  ]);
  return store;
}

const at = (m: number) => `2024-10-01T00:0${m}:00.000Z`;
const split = (post: string, m = 0): StoryCorrection => ({ kind: 'split', post, createdAt: at(m) });
const merge = (post: string, into: string, m = 0): StoryCorrection => ({
  kind: 'merge',
  post,
  into,
  createdAt: at(m),
});
const all = (store: Store) => store.storyMembersOf(['a/1', 'b/2', 'c/3', 'x/1', 'y/2', 'z/3']);
const row = (m: StoryMember) => [`${m.channel}/${m.id}`, m.storyId, m.reason];

describe('applyStoryCorrections', () => {
  let store: Store;
  beforeEach(async () => {
    store = await seeded();
  });

  it('split: the post stands alone; the others keep their story, reasons and evidence', async () => {
    await store.addStoryCorrection(split('b/2'));
    assert.deepEqual(await applyStoryCorrections(store), { applied: 1, skipped: [] });
    assert.deepEqual(await store.storyMembersOf(['b/2']), [
      { channel: 'b', id: 2, storyId: storyIdOf('b/2'), reason: 'canonical', evidence: null },
    ]);
    assert.deepEqual((await store.getStoryMembers(S)).map(row), [
      ['a/1', S, 'canonical'],
      ['c/3', S, 'copy'],
    ]);
    await store.close();
  });

  it('split of the canonical post: the others stay together under the oldest of them', async () => {
    await store.addStoryCorrection(split('a/1'));
    await applyStoryCorrections(store);
    const B = storyIdOf('b/2');
    assert.deepEqual((await store.getStoryMembers(S)).map(row), [['a/1', S, 'canonical']]);
    const rest = await store.getStoryMembers(B);
    assert.deepEqual(rest.map(row), [
      ['b/2', B, 'canonical'],
      ['c/3', B, 'copy'],
    ]);
    assert.equal(rest[0]!.evidence, null);
    assert.deepEqual(rest[1]!.evidence, { ...EVIDENCE, score: 1 });
    await store.close();
  });

  it('merge: every member of the story moves into the other; its canonical post is marked merged, the others keep why they joined', async () => {
    await store.addStoryCorrection(merge('y/2', 'b/2'));
    await applyStoryCorrections(store);
    const moved = await store.getStoryMembers(S);
    assert.deepEqual(moved.map(row), [
      ['a/1', S, 'canonical'],
      ['b/2', S, 'translation'],
      ['c/3', S, 'copy'],
      ['x/1', S, 'merged'],
      ['y/2', S, 'forward'],
    ]);
    assert.deepEqual(moved[3]!.evidence, mergedEvidence('b/2'));
    assert.deepEqual(await store.getStoryMembers(T), []);
    await store.close();
  });

  it('merge with posts that have no story row yet gives both one', async () => {
    await store.addStoryCorrection(merge('z/3', 'y/2'));
    await applyStoryCorrections(store);
    assert.deepEqual((await store.storyMembersOf(['z/3'])).map(row), [['z/3', T, 'merged']]);
    await store.close();
  });

  it('applies in order (a later correction about a post wins) and twice changes nothing', async () => {
    await store.addStoryCorrection(merge('x/1', 'a/1', 1));
    await store.addStoryCorrection(split('y/2', 2));
    await applyStoryCorrections(store);
    const once = await all(store);
    assert.deepEqual(once.map(row), [
      ['a/1', S, 'canonical'],
      ['b/2', S, 'translation'],
      ['c/3', S, 'copy'],
      ['x/1', S, 'merged'],
      ['y/2', storyIdOf('y/2'), 'canonical'],
    ]);
    await applyStoryCorrections(store);
    assert.deepEqual(await all(store), once);
    await store.close();
  });

  it('skips (and reports) corrections naming posts no longer in the archive, applying the others', async () => {
    const gone = await store.addStoryCorrection(merge('b/2', 'gone/9', 1));
    await store.addStoryCorrection(split('c/3', 2));
    const r = await applyStoryCorrections(store);
    assert.equal(r.applied, 1);
    assert.deepEqual(
      r.skipped.map((s) => [s.correction.id, s.missing]),
      [[gone, 'gone/9']],
    );
    assert.equal((await store.storyMembersOf(['c/3']))[0]!.storyId, storyIdOf('c/3'));
    await store.close();
  });

  it('correctStory keeps the correction once, names the resulting story, refuses a merge within one story and a split of a post alone', async () => {
    const first = await correctStory(store, merge('x/1', 'c/3'));
    assert.equal(first.storyId, S);
    for (const again of [merge('x/1', 'c/3', 5), merge('c/3', 'x/1', 5), merge('a/1', 'b/2', 5)])
      await assert.rejects(correctStory(store, again), /already in one story/);
    // A post alone in its story has nothing to be split from.
    await assert.rejects(correctStory(store, split('z/3')), AloneInStoryError);
    assert.equal((await store.listStoryCorrections()).length, 1);
    await store.close();
  });

  it('a split records the posts it leaves, and moves the post only while it shares a story with one of them', async () => {
    const r = await correctStory(store, split('b/2'));
    assert.deepEqual(r.correction, { ...split('b/2'), from: ['a/1', 'c/3'] });
    assert.equal(r.storyId, storyIdOf('b/2'));
    // The split post's own copy, grouped with it later, stays with it when the corrections apply again.
    await store.setStories([
      { channel: 'z', id: 3, storyId: storyIdOf('b/2'), reason: 'copy', evidence: null },
    ]);
    await applyStoryCorrections(store);
    assert.deepEqual((await store.getStoryMembers(storyIdOf('b/2'))).map(row), [
      ['b/2', storyIdOf('b/2'), 'canonical'],
      ['z/3', storyIdOf('b/2'), 'copy'],
    ]);
    // Merged back by a reader: together again; split again, apart again.
    await correctStory(store, merge('b/2', 'a/1', 1));
    assert.equal((await store.storyMembersOf(['b/2']))[0]!.storyId, S);
    const again = await correctStory(store, split('b/2', 2));
    assert.deepEqual(again.correction.kind === 'split' && again.correction.from, ['a/1', 'c/3', 'z/3']);
    assert.equal((await store.storyMembersOf(['b/2']))[0]!.storyId, storyIdOf('b/2'));
    await store.close();
  });

  it('a split kept before splits named what from keeps its meaning: the post stands alone', async () => {
    await store.setStories([
      { channel: 'z', id: 3, storyId: storyIdOf('b/2'), reason: 'copy', evidence: null },
    ]);
    await store.setStories([
      { channel: 'b', id: 2, storyId: storyIdOf('b/2'), reason: 'canonical', evidence: null },
    ]);
    await store.addStoryCorrection(split('b/2'));
    assert.deepEqual(
      (await store.listStoryCorrections()).map(({ id: _id, ...c }) => c),
      [split('b/2')],
    );
    await applyStoryCorrections(store);
    assert.deepEqual((await store.storyMembersOf(['b/2', 'z/3'])).map(row), [
      ['b/2', storyIdOf('b/2'), 'canonical'],
      ['z/3', storyIdOf('z/3'), 'canonical'],
    ]);
    await store.close();
  });

  it('findPost: the post, or why not (malformed, unknown channel, unknown post)', async () => {
    assert.deepEqual(await findPost(store, '@A/1'), { found: true, key: 'a/1' });
    assert.deepEqual(await findPost(store, ' b/2 '), { found: true, key: 'b/2' });
    assert.equal(((await findPost(store, 'b/99')) as { problem: string }).problem, 'no-post');
    assert.equal(((await findPost(store, 'nobody/1')) as { problem: string }).problem, 'no-channel');
    for (const bad of ['b', 'b/', '/2', 'b/x', 'b/1234567890123456'])
      assert.equal(((await findPost(store, bad)) as { problem: string }).problem, 'not-a-post', bad);
    await store.close();
  });
});
