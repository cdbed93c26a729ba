// Saved searches test new posts in memory (search/match.ts) and run as searches in the archive: over every real
// captured fixture, matchesQuery accepts exactly the posts Store.search returns, for a deterministic sample of
// one- and two-word queries, phrases, prefixes, hashtags, OR, NOT and field queries built from the fixtures.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Post } from '../src/model/post.js';
import { importFile } from '../src/pipeline/import.js';
import { matchesQuery } from '../src/search/match.js';
import { parseQuery } from '../src/search/parse.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { postHashtags } from '../src/text/tags.js';
import { foldedWords } from '../src/text/words.js';
import { mulberry32 } from '../src/util/random.js';
import { FIXTURE_FOLDERS, fixtureFiles, SKIP_NO_SHARED, sharedDir } from './shared.js';

const BIG = 1_000_000;
const key = (p: Post): string => `${p.channel}/${p.id}`;

/** `n` items of a list picked by the seeded generator (all of them when there are fewer). */
function pick<T>(list: readonly T[], n: number, rnd: () => number): T[] {
  if (list.length <= n) return [...list];
  const out = new Set<T>();
  while (out.size < n) out.add(list[Math.floor(rnd() * list.length)]!);
  return [...out];
}

/** A word as a query term: quoted when the query language would read it otherwise (AND, OR, NOT, NEAR). */
const term = (w: string): string => (/^(AND|OR|NOT|NEAR)$/i.test(w) ? `"${w}"` : w);

describe(
  'matchesQuery accepts exactly the posts a search returns',
  { skip: sharedDir() ? false : SKIP_NO_SHARED },
  () => {
    let dir: string;
    let store: Store;
    let posts: Post[];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tgwire-match-search-'));
      store = await openSqliteStore(join(dir, 'archive.db'));
      for (const folder of FIXTURE_FOLDERS)
        for (const file of fixtureFiles(folder))
          await importFile(store, file, {
            channel: `fx_${basename(file)
              .replace(/[^a-z0-9]+/gi, '_')
              .slice(0, 24)
              .toLowerCase()}`,
          });
      // Topics for the topic: field: every post with one of a few words (set by hand, so no topic matcher is used).
      const first: Post[] = [];
      for await (const p of store.iteratePosts({ order: 'asc' })) first.push(p);
      const rnd = mulberry32(17);
      const tagged = pick(first, Math.min(300, first.length), rnd);
      await store.setPostTopics(
        tagged.map((p, i) => ({
          channel: p.channel,
          id: p.id,
          topics: i % 3 === 0 ? ['t-a', 't-b'] : ['t-a'],
        })),
      );
      posts = [];
      for await (const p of store.iteratePosts({ order: 'asc' })) posts.push(p);
    });
    after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('for a few hundred queries of every kind', async () => {
      const rnd = mulberry32(1717);
      const vocabulary = new Set<string>();
      const pairs: string[][] = [];
      for (const p of posts) {
        const ws = foldedWords(p.text);
        for (const w of ws) vocabulary.add(w);
        if (ws.length > 1) {
          const i = Math.floor(rnd() * (ws.length - 1));
          pairs.push([ws[i]!, ws[i + 1]!]);
        }
      }
      const words = [...vocabulary].sort();
      const tags = [...new Set(posts.flatMap((p) => postHashtags(p)))].sort();
      const langs = [...new Set(posts.map((p) => p.lang).filter((l): l is string => !!l))].sort();
      const channels = [...new Set(posts.map((p) => p.channel))].sort();
      const origins = [
        ...new Set(
          posts.flatMap((p) =>
            p.forwardedFrom ? [p.forwardedFrom.name, p.forwardedFrom.username ?? ''] : [],
          ),
        ),
      ]
        .filter((o) => o.trim() !== '')
        .sort();
      const w = (): string => term(words[Math.floor(rnd() * words.length)]!);
      // Stemmed languages meet their inflections: words of Russian, English and French posts.
      const stemmedWords = [
        ...new Set(
          posts.filter((p) => ['ru', 'en', 'fr'].includes(p.lang ?? '')).flatMap((p) => foldedWords(p.text)),
        ),
      ].sort();

      const queries = new Set<string>();
      for (const x of pick(words, 120, rnd)) queries.add(term(x));
      for (const x of pick(stemmedWords, 60, rnd)) queries.add(term(x));
      for (const [a, b] of pick(pairs, 60, rnd)) queries.add(`${term(a!)} ${term(b!)}`);
      for (const [a, b] of pick(pairs, 60, rnd)) queries.add(`"${a} ${b}"`);
      for (let i = 0; i < 30; i++) queries.add(`${w()} ${w()}`);
      for (let i = 0; i < 30; i++) queries.add(`${w()} OR ${w()}`);
      for (const x of pick(
        words.filter((x) => x.length >= 4),
        40,
        rnd,
      ))
        queries.add(`${x.slice(0, 3)}*`);
      for (const t of pick(tags, 50, rnd)) queries.add(`#${t}`);
      for (const [a, b] of pick(pairs, 30, rnd)) queries.add(`${term(a!)} -${term(b!)}`);
      for (let i = 0; i < 10; i++) queries.add(`-${w()}`);
      for (let i = 0; i < 10; i++) queries.add(`NOT (${w()} OR ${w()})`);
      for (const l of langs) queries.add(`lang:${l}`);
      for (const l of pick(langs, 8, rnd)) queries.add(`${w()} OR lang:${l}`);
      for (const c of pick(channels, 15, rnd)) queries.add(`channel:${c} ${w()}`);
      for (const c of pick(channels, 5, rnd)) queries.add(`-channel:${c}`);
      for (const o of pick(origins, 20, rnd)) queries.add(`from:"${o.replace(/"/g, '')}"`);
      queries.add('topic:t-a');
      queries.add('topic:t-b -topic:t-a');
      for (let i = 0; i < 10; i++) queries.add(`topic:t-a ${w()}`);
      for (let i = 0; i < 5; i++) queries.add(`${w()} OR topic:t-b`);

      const differ: string[] = [];
      let compared = 0;
      let nonEmpty = 0;
      for (const q of queries) {
        let node;
        try {
          node = parseQuery(q);
        } catch {
          continue; // a sampled word that is not a query on its own (punctuation only): nothing to compare
        }
        const found = new Set(
          (await store.search(q, { sort: 'date', limit: BIG })).hits.map((h) => key(h.post)),
        );
        const accepted = new Set(posts.filter((p) => matchesQuery(node, p)).map(key));
        compared++;
        if (found.size > 0) nonEmpty++;
        if (found.size !== accepted.size || [...found].some((k) => !accepted.has(k))) {
          const extra = [...accepted].filter((k) => !found.has(k)).slice(0, 3);
          const missing = [...found].filter((k) => !accepted.has(k)).slice(0, 3);
          differ.push(
            `${q}: search ${found.size}, matcher ${accepted.size} (+${extra.join(' ')} -${missing.join(' ')})`,
          );
        }
      }
      assert.ok(posts.length > 1000, `${posts.length} posts`);
      assert.ok(compared > 500 && nonEmpty > 450, `${compared} queries, ${nonEmpty} finding posts`);
      assert.deepEqual(differ.slice(0, 20), [], `${differ.length} of ${compared} queries differ`);
      console.log(
        `# matcher = search for ${compared} queries (${nonEmpty} finding posts) over ${posts.length} posts`,
      );
    });
  },
);
