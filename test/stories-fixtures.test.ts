// Story grouping over the real channels of ../shared/fixtures: a one-language channel has no translations, and
// every grouped post carries its evidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { groupStories } from '../src/dedup/stories.js';
import type { StoryInput } from '../src/dedup/stories.js';
import { importFile } from '../src/pipeline/import.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { fixtureFiles, SKIP_NO_SHARED } from './shared.js';

const files = ['export_html', 'export_json', 'text_dump', 'tme_s_html'].flatMap((d) => fixtureFiles(d));

async function postsOf(file: string): Promise<StoryInput[]> {
  const store = await openSqliteStore(':memory:');
  try {
    await importFile(store, file, { channel: 'fixture' });
    const out: StoryInput[] = [];
    for await (const p of store.iteratePosts({ order: 'asc' })) if (!p.service) out.push(p);
    return out;
  } finally {
    await store.close();
  }
}

if (files.length === 0) test('stories over real channels', { skip: SKIP_NO_SHARED }, () => {});

for (const file of files) {
  test(`stories over a real channel: ${basename(file)}`, async () => {
    const posts = await postsOf(file);
    const { stories, members } = groupStories(posts);
    const langs = new Map<string, number>();
    for (const p of posts) if (p.lang) langs.set(p.lang, (langs.get(p.lang) ?? 0) + 1);
    const top = Math.max(0, ...langs.values());
    let told = 0;
    for (const [l, n] of langs) if (l !== 'und') told += n;
    const grouped = stories.filter((s) => s.members.length > 1);
    console.log(
      `${basename(file)}: ${posts.length} posts, languages ${JSON.stringify(Object.fromEntries(langs))}, ${grouped.length} multi-post stories (${grouped.map((s) => s.members.length).join(',')})`,
    );
    for (const m of members) {
      if (m.reason === 'canonical') assert.equal(m.evidence, null);
      else assert.ok(m.evidence && m.evidence.matched.length > 0, `${m.channel}/${m.id} has no evidence`);
    }
    // A channel written in one language (99% of the posts whose language was told) holds no translations of its
    // own posts: the Chinese export of 908 messages among them (zh, with two posts quoting Japanese).
    if (told > 0 && top >= 0.99 * told) {
      const translations = members.filter((m) => m.reason === 'translation');
      assert.deepEqual(
        translations.map((m) => `${m.channel}/${m.id} ~ ${m.evidence!.matched.join(',')}`),
        [],
      );
    }
  });
}

const salaf = files.find((f) => basename(f).startsWith('alqaddaaree__uponthepathofsalaf__export_result'));
test(
  'a real translation inside a bilingual channel: an Arabic post and its English version are one story',
  { skip: salaf ? false : SKIP_NO_SHARED },
  async () => {
    const { members } = groupStories(await postsOf(salaf!));
    const en = members.find((m) => m.id === 121)!;
    assert.equal(en.reason, 'translation');
    assert.deepEqual(en.evidence!.matched, ['fixture/120']);
    assert.equal(members.find((m) => m.id === 120)!.storyId, en.storyId);
  },
);

const chinese = files.find((f) => basename(f).startsWith('goddaneel__trantor_library'));
test(
  'the Chinese channel export: no post is a translation of another',
  { skip: chinese ? false : SKIP_NO_SHARED },
  async () => {
    const { members } = groupStories(await postsOf(chinese!));
    assert.deepEqual(
      members.filter((m) => m.reason === 'translation').map((m) => `${m.channel}/${m.id}`),
      [],
    );
  },
);
