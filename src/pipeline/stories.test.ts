// Stories in the archive: new posts join or start stories as they are stored; a rebuild gives the same grouping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storyIdOf } from '../dedup/stories.js';
import { emptyPost } from '../model/post.js';
import type { ForwardedFrom, Post } from '../model/post.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { ChannelProfiles } from './channel-profiles.js';
import { assignStories, rebuildStories } from './stories.js';
import { AloneInStoryError, applyStoryCorrections, correctStory } from './story-corrections.js';

const EN = `🌐 On September 26, Foreign Minister Sergey Lavrov took part in a traditional BRICS Ministerial meeting held on the sidelines of the 79th session of the UN General Assembly in New York. The Ministers had an in-depth exchange of views on peace and security, global economic stability and sustainable development.`;
const RU = `🌐 26 сентября Министр иностранных дел Сергей Лавров принял участие в традиционной встрече министров БРИКС на полях 79-й сессии Генеральной Ассамблеи ООН в Нью-Йорке. Министры обменялись мнениями по вопросам мира и безопасности, глобальной экономической стабильности и устойчивого развития.`;
const OTHER = `🇷🇺🇮🇳 On September 25, Foreign Minister Sergey Lavrov and Minister of External Affairs of India Subrahmanyam Jaishankar met in New York. They discussed the bilateral agenda and the situation in the Asia-Pacific region.`;

function post(
  channel: string,
  id: number,
  date: string,
  lang: string,
  text: string,
  from?: Partial<ForwardedFrom>,
): Post {
  const p: Post = { ...emptyPost(channel, id, 'tme-html'), date, text, lang };
  if (from) p.forwardedFrom = { name: 'Russian MFA', username: null, postId: null, author: null, ...from };
  return p;
}

async function grouping(store: Store): Promise<string[][]> {
  const by = new Map<string, string[]>();
  for await (const p of store.iteratePosts({})) {
    assert.ok(p.story, `${p.channel}/${p.id} has a story`);
    const l = by.get(p.story) ?? [];
    l.push(`${p.channel}/${p.id}`);
    by.set(p.story, l);
  }
  return [...by.values()].map((l) => l.sort()).sort();
}

test('new posts join stories as they arrive, and a rebuild agrees', async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts([post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN)]);
    assert.deepEqual(await assignStories(store), { assigned: 1, written: 1, read: 1 });
    await store.savePosts([
      post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
      post('mfa_russia', 3, '2024-09-25T10:00:00Z', 'en', OTHER),
      post('embassy', 4, '2024-09-27T08:00:00Z', 'en', EN, { username: 'mfa_russia', postId: 1 }),
    ]);
    const r = await assignStories(store);
    assert.equal(r.assigned, 3);
    assert.equal(r.written, 3, 'posts grouped before keep their rows');
    const want = [['embassy/4', 'mfa_russia/1', 'mid_rf/2'], ['mfa_russia/3']];
    assert.deepEqual(await grouping(store), want);
    const members = await store.getStoryMembers((await store.getPost('mid_rf', 2))!.story!);
    const ru = members.find((m) => m.channel === 'mid_rf')!;
    assert.equal(ru.reason, 'translation');
    assert.deepEqual(ru.evidence?.matched, ['mfa_russia/1']);
    assert.equal((await assignStories(store)).assigned, 0, 'nothing new, nothing done');

    await rebuildStories(store);
    assert.deepEqual(await grouping(store), want);
  } finally {
    await store.close();
  }
});

test('the origin of earlier forwards becomes the canonical post, and the story id follows it', async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts([
      post('a', 1, '2024-09-26T12:00:00Z', 'en', EN, { username: 'mfa_russia', postId: 7 }),
      post('b', 1, '2024-09-26T13:00:00Z', 'en', EN, { username: 'mfa_russia', postId: 7 }),
    ]);
    await assignStories(store);
    await store.savePosts([post('mfa_russia', 7, '2024-09-26T10:00:00Z', 'en', EN)]);
    await assignStories(store);
    const story = (await store.getPost('mfa_russia', 7))!.story!;
    const members = await store.getStoryMembers(story);
    assert.deepEqual(members.map((m) => `${m.channel}/${m.id}:${m.reason}`).sort(), [
      'a/1:forward',
      'b/1:forward',
      'mfa_russia/7:canonical',
    ]);
  } finally {
    await store.close();
  }
});

test('a new post that sorts before a stored copy or translation joins its story: import order does not matter', async () => {
  // The stored posts (channel "z…") and the new ones ("a…") have the same times; the new ones sort first.
  const stored = [
    post('zz_mfa', 1, '2024-09-26T10:00:00Z', 'en', EN),
    post('zz_mfa', 2, '2024-09-25T10:00:00Z', 'en', OTHER),
  ];
  const later = [
    post('aa_copy', 1, '2024-09-26T10:00:00Z', 'en', EN),
    post('aa_mid', 2, '2024-09-26T10:00:00Z', 'ru', RU),
    post('aa_copy', 3, '2024-09-25T10:00:00Z', 'en', OTHER),
  ];
  const want = [
    ['aa_copy/1', 'aa_mid/2', 'zz_mfa/1'],
    ['aa_copy/3', 'zz_mfa/2'],
  ];
  for (const [first, second] of [
    [stored, later],
    [later, stored],
  ] as const) {
    const store = await openSqliteStore(':memory:');
    try {
      await store.savePosts([...first]);
      await assignStories(store);
      await store.savePosts([...second]);
      await assignStories(store);
      assert.deepEqual(await grouping(store), want);
      await rebuildStories(store);
      assert.deepEqual(await grouping(store), want);
    } finally {
      await store.close();
    }
  }
  // The stored story keeps its id; the new copy says what it copies.
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts(stored);
    await assignStories(store);
    const id = (await store.getPost('zz_mfa', 1))!.story!;
    await store.savePosts(later);
    await assignStories(store);
    const members = await store.getStoryMembers(id);
    assert.deepEqual(members.map((m) => `${m.channel}/${m.id}:${m.reason}`).sort(), [
      'aa_copy/1:copy',
      'aa_mid/2:translation',
      'zz_mfa/1:canonical',
    ]);
    assert.deepEqual(members.find((m) => m.channel === 'aa_copy')!.evidence?.matched, ['zz_mfa/1']);
    // A rebuild makes the post that sorts first canonical, and the story takes its id: the old id leads to it.
    await rebuildStories(store);
    const now = (await store.getPost('zz_mfa', 1))!.story!;
    assert.notEqual(now, id);
    assert.equal(await store.storyAlias(id), now);
    assert.equal(await store.storyAlias(now), null);
  } finally {
    await store.close();
  }
});

test('undated posts of a text dump join the stored undated posts of another channel', async () => {
  const undated = (
    channel: string,
    id: number,
    lang: string,
    text: string,
    from?: Partial<ForwardedFrom>,
  ): Post => ({
    ...post(channel, id, '', lang, text, from),
    date: null,
  });
  const dump = (channel: string): Post[] => [
    undated(channel, 1, 'en', EN, { name: 'Russian MFA' }),
    undated(channel, 2, 'en', OTHER),
  ];
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts(dump('sample'));
    await assignStories(store);
    await store.savePosts(dump('zzz'));
    await assignStories(store);
    const want = [
      ['sample/1', 'zzz/1'],
      ['sample/2', 'zzz/2'],
    ];
    assert.deepEqual(await grouping(store), want);
    await rebuildStories(store);
    assert.deepEqual(await grouping(store), want);
  } finally {
    await store.close();
  }
});

test("a reader's split survives a rebuild and new posts", async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts([
      post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
      post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
    ]);
    await store.addStoryCorrection({ kind: 'split', post: 'mid_rf/2', createdAt: '2024-10-01T00:00:00Z' });
    await rebuildStories(store);
    assert.deepEqual(await grouping(store), [['mfa_russia/1'], ['mid_rf/2']]);
    await store.savePosts([post('copy', 3, '2024-09-26T12:00:00Z', 'ru', RU)]);
    await assignStories(store);
    assert.deepEqual(await grouping(store), [['copy/3', 'mfa_russia/1'], ['mid_rf/2']]);
  } finally {
    await store.close();
  }
});

test("a reader's split keeps the post from the story it left, not from its own copies", async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts([
      post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
      post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
    ]);
    await assignStories(store);
    assert.deepEqual(await grouping(store), [['mfa_russia/1', 'mid_rf/2']]);
    const r = await correctStory(store, {
      kind: 'split',
      post: 'mid_rf/2',
      createdAt: '2024-10-01T00:00:00Z',
    });
    assert.deepEqual(r.correction, {
      kind: 'split',
      post: 'mid_rf/2',
      from: ['mfa_russia/1'],
      createdAt: '2024-10-01T00:00:00Z',
    });
    assert.deepEqual(await grouping(store), [['mfa_russia/1'], ['mid_rf/2']]);
    // An exact copy of the split post joins it, as it is grouped and again after a rebuild.
    await store.savePosts([post('copy', 3, '2024-09-26T12:00:00Z', 'ru', RU)]);
    await assignStories(store);
    const want = [['copy/3', 'mid_rf/2'], ['mfa_russia/1']];
    assert.deepEqual(await grouping(store), want);
    await rebuildStories(store);
    assert.deepEqual(await grouping(store), want);
    // Applying the corrections again leaves the split post its copy.
    await applyStoryCorrections(store);
    assert.deepEqual(await grouping(store), want);
    // Nothing to split a post alone in its story from: refused, nothing kept.
    await store.savePosts([post('alone', 4, '2024-09-20T12:00:00Z', 'en', OTHER)]);
    await assignStories(store);
    await assert.rejects(
      correctStory(store, { kind: 'split', post: 'alone/4', createdAt: '2024-10-01T00:01:00Z' }),
      AloneInStoryError,
    );
    assert.equal((await store.listStoryCorrections()).length, 1);
  } finally {
    await store.close();
  }
});

/**
 * A different statement each day from `first` to `last` (made-up words, so no two days share their words), its
 * forward, and a copy with a footer.
 */
function days(first: number, last: number): Post[] {
  let seed = 7 + first;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return (
      ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi'][seed % 8]! +
      ['bar', 'den', 'gol', 'pek', 'tum'][(seed >> 8) % 5]!
    );
  };
  const posts: Post[] = [];
  for (let d = first; d <= last; d++) {
    const at = (h: number) => new Date(Date.UTC(2024, 8, 1 + d, h)).toISOString();
    const text = `${Array.from({ length: 40 }, word).join(' ')}.`;
    posts.push(post('mfa_russia', d, at(9), 'en', text));
    posts.push(post('embassy', d, at(11), 'en', text, { username: 'mfa_russia', postId: d }));
    posts.push(post('copies', d, at(12), 'en', `${text}\n\nSubscribe: @copies`));
  }
  return posts;
}

/** Groups `later` into an archive holding `earlier` with their stories, reading the new posts in chunks. */
async function groupedInChunks(
  earlier: Post[],
  later: Post[],
  options?: { chunk?: number; passPosts?: number; profiles?: ChannelProfiles },
) {
  const store = await openSqliteStore(':memory:');
  try {
    if (earlier.length) {
      await store.savePosts(earlier);
      await assignStories(store);
    }
    await store.savePosts(later);
    const r = await assignStories(store, options);
    assert.equal(r.assigned, later.length);
    return { r, grouping: await grouping(store) };
  } finally {
    await store.close();
  }
}

test('posts without a story are grouped chunk by chunk as they would be all at once', async () => {
  const posts = days(1, 24);
  const whole = await groupedInChunks([], posts);
  assert.equal(whole.grouping.length, 24, `one story a day: ${JSON.stringify(whole.grouping)}`);
  assert.ok(whole.grouping.every((s) => s.length === 3));
  // Chunks of 5 cut days apart (three posts a day), so the posts of one story land in different chunks.
  const chunked = await groupedInChunks([], posts, { chunk: 5 });
  assert.deepEqual(chunked.grouping, whole.grouping);
  // Each post is read once, though the windows of neighbouring chunks overlap by days.
  assert.equal(chunked.r.read, posts.length);
  // Passes of at most 10 posts (a new one every chunk or two): the same grouping, the stored posts of each new
  // pass's first window read again.
  const passes = await groupedInChunks([], posts, { chunk: 5, passPosts: 10 });
  assert.deepEqual(passes.grouping, whole.grouping);
  assert.ok(passes.r.read > posts.length, `${passes.r.read} posts read`);
  // The passes of one call share what each channel repeats: learned once (all 24 posts of each channel).
  const profiles = new ChannelProfiles();
  const shared = await groupedInChunks([], posts, { chunk: 5, passPosts: 10, profiles });
  assert.deepEqual(shared.grouping, whole.grouping);
  assert.equal(profiles.postsRead, posts.length);
});

test('new posts among stored ones, in chunks: each stored post of the windows read once, stories joined', async () => {
  // Days 1-12 are grouped and stored. Then days 13-20 come, and with them the forwards and copies of days 5-12
  // that arrive late (an import of another channel): they join the stored stories.
  const stored = days(1, 12);
  const late = days(5, 12)
    .filter((p) => p.channel !== 'mfa_russia')
    .map((p) => ({ ...p, channel: `${p.channel}_2` }));
  const later = [...days(13, 20), ...late];
  const whole = await groupedInChunks(stored, later);
  assert.equal(whole.grouping.length, 20);
  for (const s of whole.grouping.filter((g) => g.some((k) => /^mfa_russia\/([5-9]|1[0-2])$/.test(k))))
    assert.equal(s.length, 5, `a stored story of days 5-12 took its late copies: ${JSON.stringify(s)}`);
  const chunked = await groupedInChunks(stored, later, { chunk: 4 });
  assert.deepEqual(chunked.grouping, whole.grouping);
  assert.equal(chunked.r.read, whole.r.read);
  // The stored posts of days 3-12 (the windows of days 5-12 reach two days back) and the new posts.
  assert.equal(whole.r.read, 30 + later.length);
  const passes = await groupedInChunks(stored, later, { chunk: 4, passPosts: 12 });
  assert.deepEqual(passes.grouping, whole.grouping);
});

test('with no post left without a story, assignStories writes nothing (no write lock while another process imports)', async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts(days(1, 3));
    await assignStories(store);
    let transactions = 0;
    const transaction = store.transaction.bind(store);
    store.transaction = ((fn: () => Promise<unknown>) => {
      transactions++;
      return transaction(fn);
    }) as typeof store.transaction;
    assert.deepEqual(await assignStories(store), { assigned: 0, written: 0, read: 0 });
    assert.equal(transactions, 0);
  } finally {
    await store.close();
  }
});

test('an original imported after its translations becomes the canonical post, as a rebuild has it', async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts([post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU)]);
    await assignStories(store);
    const was = (await store.getPost('mid_rf', 2))!.story!;
    await store.savePosts([post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN)]);
    await assignStories(store);
    const canonical = () => store.getStoryMembers(storyIdOf('mfa_russia/1'));
    const members = await canonical();
    assert.deepEqual(
      members.map((m) => [`${m.channel}/${m.id}`, m.reason]),
      [
        ['mfa_russia/1', 'canonical'],
        ['mid_rf/2', 'translation'],
      ],
    );
    assert.deepEqual(members[1]!.evidence?.matched, ['mfa_russia/1']);
    assert.ok(members[1]!.evidence!.items.length > 0, 'what the two share');
    assert.deepEqual(await store.getStoryMembers(was), []);
    assert.equal(await store.storyAlias(was), storyIdOf('mfa_russia/1'), 'links to the old id lead to it');
    await rebuildStories(store);
    assert.deepEqual(
      (await canonical()).map((m) => [`${m.channel}/${m.id}`, m.reason]),
      [
        ['mfa_russia/1', 'canonical'],
        ['mid_rf/2', 'translation'],
      ],
    );
  } finally {
    await store.close();
  }
});
