// Topics and search share one definition of a word (src/text/): over every real captured fixture, a one-word topic
// (what `tgwire topics test WORD` runs) and a one-word search (Store.search) find exactly the same posts, for every
// word of the fixtures' vocabulary.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Post } from '../src/model/post.js';
import { importFile } from '../src/pipeline/import.js';
import { StemKeys, compileTopic, explainTopic, matchFeatures, postFeatures } from '../src/rules/topic.js';
import { parseQuery } from '../src/search/parse.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { postHashtags, tagKey } from '../src/text/tags.js';
import { foldedWords } from '../src/text/words.js';
import { FIXTURE_FOLDERS, fixtureFiles, SKIP_NO_SHARED, sharedDir } from './shared.js';

const FOLDERS = FIXTURE_FOLDERS;
/** Words checked at most (a deterministic sample when the vocabulary is larger), to stay well under a minute. */
const MAX_WORDS = 12_000;
/** Words that must be among those checked: the cases that once differed. */
const MUST = ['图书馆', '图', 'telegram', 'brics', 'summit'];

const PAGE = 1_000;

async function searchKeys(store: Store, query: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const r = await store.search(query, { sort: 'date', limit: PAGE, offset });
    for (const h of r.hits) keys.add(`${h.post.channel}/${h.post.id}`);
    if (r.hits.length < PAGE) break;
  }
  return keys;
}

/** Every n-th word of the sorted vocabulary (n chosen so at most `max` remain), plus the must-have words. */
function sample(vocabulary: Set<string>, max: number): string[] {
  const sorted = [...vocabulary].sort();
  const step = Math.max(1, Math.ceil(sorted.length / max));
  const out = new Set(sorted.filter((_, i) => i % step === 0));
  for (const w of MUST) if (vocabulary.has(w) || foldedWords(w).length > 0) out.add(w);
  return [...out];
}

/** The posts each query's topic matches: the topics compiled together as the pipeline does, each post prepared once. */
function topicHits(posts: readonly Post[], queries: readonly string[]): Set<string>[] {
  const keys = new StemKeys();
  const topics = queries.map((q) =>
    compileTopic({ name: q, query: parseQuery(q), aliases: [] }, { stemKeys: keys }),
  );
  const byTopic = queries.map(() => new Set<string>());
  for (const p of posts) {
    const f = postFeatures(p, keys);
    for (let i = 0; i < topics.length; i++)
      if (matchFeatures(topics[i]!, f)) byTopic[i]!.add(`${p.channel}/${p.id}`);
  }
  return byTopic;
}

describe(
  'a one-word topic finds exactly the posts a one-word search finds',
  { skip: sharedDir() ? false : SKIP_NO_SHARED },
  () => {
    let dir: string;
    let store: Store;
    let posts: Post[];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tgwire-topic-search-'));
      store = await openSqliteStore(join(dir, 'archive.db'));
      for (const folder of FOLDERS)
        for (const file of fixtureFiles(folder))
          await importFile(store, file, {
            channel: `fx_${basename(file)
              .replace(/[^a-z0-9]+/gi, '_')
              .slice(0, 24)
              .toLowerCase()}`,
          });
      posts = [];
      for await (const p of store.iteratePosts({ order: 'asc' })) posts.push(p);
    });
    after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('for every word of the fixtures (or a large deterministic sample of them)', async () => {
      const vocabulary = new Set<string>();
      for (const p of posts) for (const w of foldedWords(p.text)) vocabulary.add(w);
      const words = sample(vocabulary, MAX_WORDS);
      assert.ok(posts.length > 1000 && words.length > 1000, `${posts.length} posts, ${words.length} words`);

      const byTopic = topicHits(posts, words);

      const differ: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const found = await searchKeys(store, words[i]!);
        const tagged = byTopic[i]!;
        if (found.size !== tagged.size || [...found].some((k) => !tagged.has(k)))
          differ.push(`${words[i]}: search ${found.size}, topic ${tagged.size}`);
      }
      assert.deepEqual(differ.slice(0, 20), [], `${differ.length} of ${words.length} words differ`);
      console.log(
        `# topic = search for ${words.length} words (vocabulary ${vocabulary.size}) over ${posts.length} posts`,
      );
    });

    it('for every hashtag of the fixtures: a #tag topic and a #tag search', async () => {
      const tags = new Set<string>();
      for (const p of posts) for (const t of postHashtags(p)) tags.add(t);
      const queries = [...tags].sort().map((t) => `#${t}`);
      assert.ok(queries.length > 20, `${queries.length} hashtags`);
      const byTopic = topicHits(posts, queries);
      const differ: string[] = [];
      for (let i = 0; i < queries.length; i++) {
        const found = await searchKeys(store, queries[i]!);
        const tagged = byTopic[i]!;
        if (found.size === 0 || found.size !== tagged.size || [...found].some((k) => !tagged.has(k)))
          differ.push(`${queries[i]}: search ${found.size}, topic ${tagged.size}`);
      }
      assert.deepEqual(differ.slice(0, 20), [], `${differ.length} of ${queries.length} hashtags differ`);
      console.log(`# topic = search for ${queries.length} hashtags`);
    });

    it('for every hashtag of the fixtures written as a bare word: the same posts, its posts among them', async () => {
      // #KnowledgeDay is found by the word knowledgeday (text/tags.ts wordTag) in topics and search alike.
      const carriers = new Map<string, Set<string>>();
      for (const p of posts)
        for (const t of postHashtags(p)) {
          const k = tagKey(t);
          if (!carriers.has(k)) carriers.set(k, new Set());
          carriers.get(k)!.add(`${p.channel}/${p.id}`);
        }
      const words = [...new Set(posts.flatMap((p) => postHashtags(p)))].sort();
      assert.ok(words.length > 20, `${words.length} hashtags`);
      const byTopic = topicHits(posts, words);
      const differ: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const found = await searchKeys(store, words[i]!);
        const tagged = byTopic[i]!;
        const own = carriers.get(tagKey(words[i]!)) ?? new Set<string>();
        if (found.size !== tagged.size || [...found].some((k) => !tagged.has(k)))
          differ.push(`${words[i]}: search ${found.size}, topic ${tagged.size}`);
        else if ([...own].some((k) => !found.has(k)))
          differ.push(`${words[i]}: ${own.size} posts carry the tag, search finds ${found.size}`);
      }
      assert.deepEqual(differ.slice(0, 20), [], `${differ.length} of ${words.length} hashtags differ`);
      console.log(`# topic = search for ${words.length} hashtags written as bare words`);
    });

    it('图书馆 in the Chinese export: the same posts through `topics test` and search, and highlighted whole', async () => {
      const compiled = compileTopic({ name: 'test', query: parseQuery('图书馆'), aliases: [] });
      const tagged = new Set(
        posts.filter((p) => explainTopic(compiled, p).matched).map((p) => `${p.channel}/${p.id}`),
      );
      const found = await searchKeys(store, '图书馆');
      assert.ok(found.size > 0);
      assert.deepEqual([...tagged].sort(), [...found].sort());
      const r = await store.search('图书馆', { limit: 5 });
      for (const h of r.hits) {
        assert.match(h.snippet, /\uE000图书馆\uE001/u, h.snippet);
        assert.doesNotMatch(h.snippet, /\uE000[图书馆]\uE001/u, h.snippet);
      }
    });
  },
);
