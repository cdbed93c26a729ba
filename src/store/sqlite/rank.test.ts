// Relevance class by class (rank.ts) against every match scored by hand: random counts of the query's words (some
// past the marked counts), NOT parts, a channel filter, a topic filter (few matches and many), and a query of more
// classes than are read one by one.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost, type Post } from '../../model/post.js';
import { mulberry32 } from '../../util/random.js';
import type { SearchOptions } from '../store.js';
import Database from 'better-sqlite3';
import { MARKED_COUNT, markMatch, postColumns, stemForms } from './fts.js';
import { openSqliteStore } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-rank-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** ts_rank's rank of a word found n times, written out: 0.1 * sum(1/j^2, j <= n) / (pi^2 / 6). */
function f(n: number): number {
  let s = 0;
  for (let j = 1; j <= n; j++) s += 1 / (j * j);
  return (0.1 * s) / 1.64493406685;
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta'];
// English forms sharing the stem `sanction`; in a post without a stemmed language only the form itself is found.
const SANCTION = ['sanction', 'sanctions', 'sanctioned'];
const FILLER = ['one', 'two', 'three', 'four', 'five', 'six'];

function corpus(n: number): Post[] {
  const rand = mulberry32(17);
  return Array.from({ length: n }, (_, i) => {
    const words: string[] = [];
    for (const w of WORDS) {
      // Mostly once or absent, some many times: past MARKED_COUNT (16) too, where the text is counted.
      const r = rand();
      const count =
        r < 0.3 ? 0 : r < 0.7 ? 1 : r < 0.95 ? 2 + Math.floor(rand() * 5) : 9 + Math.floor(rand() * 12);
      for (let k = 0; k < count; k++) words.push(w);
    }
    for (const w of SANCTION)
      if (rand() < 0.4) for (let k = rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 3); k > 0; k--) words.push(w);
    for (let k = Math.floor(rand() * 8); k > 0; k--) words.push(FILLER[Math.floor(rand() * FILLER.length)]!);
    words.sort(() => rand() - 0.5);
    const p = emptyPost(`ch${i % 3}`, i + 1, 'tme-html');
    p.lang = i % 4 === 3 ? null : 'en';
    p.date = new Date(Date.parse('2024-05-01T00:00:00Z') + i * 1000).toISOString();
    p.text = words.join(' ') || 'nothing';
    return p;
  });
}

/** A word's forms found through its stem in an English post. */
const stemFamily = (w: string): string[] => (SANCTION.includes(w) ? SANCTION : [w]);

/** The mean rank of counts, summed from the least count up (so that equal counts in any order are equal scores). */
const mean = (counts: number[]): number =>
  [...counts].sort((a, b) => a - b).reduce((s, n) => s + f(n), 0) / counts.length;

/**
 * Every match with its score by hand, best first, ties newest first (each post has a second of its own): the posts
 * with every word as written (1 + 10 m), then the English ones with every word in a form of its stem (10 m).
 */
function expected(
  posts: Post[],
  words: string[],
  not: string[],
  keep: (p: Post) => boolean,
): { key: string; score: number }[] {
  const count = (ws: string[], forms: string[]): number => ws.filter((x) => forms.includes(x)).length;
  return posts
    .filter(keep)
    .flatMap((p) => {
      const ws = p.text.split(' ');
      if (not.some((w) => stemFamily(w).some((x) => ws.includes(x)) && (p.lang === 'en' || ws.includes(w))))
        return [];
      const written = words.map((w) => count(ws, [w]));
      const stems = words.map((w) => count(ws, stemFamily(w)));
      const score = written.every((n) => n > 0)
        ? 1 + 10 * mean(written)
        : p.lang === 'en' && stems.every((n) => n > 0)
          ? 10 * mean(stems)
          : null;
      return score === null ? [] : [{ key: `${p.channel}/${p.id}`, date: p.date!, score }];
    })
    .sort((a, b) => b.score - a.score || (a.date < b.date ? 1 : -1))
    .map(({ key, score }) => ({ key, score }));
}

// Posts are a second apart from 2024-05-01T00:00:00Z: a range of 1,200 posts, and one of 600 inside it.
const SINCE = '2024-05-01T00:30:00.000Z';
const UNTIL = '2024-05-01T00:40:00.000Z';

describe('relevance class by class', () => {
  it('gives every page exactly as ranking every match would', async () => {
    const posts = corpus(3_000);
    const store = await openSqliteStore(join(root, 'rank.db'));
    await store.transaction(() => store.savePosts(posts));
    const topical = posts.filter((_, i) => i % 7 === 0);
    await store.setPostTopics(topical.map((p) => ({ channel: p.channel, id: p.id, topics: ['t'] })));
    const inTopic = new Set(topical.map((p) => `${p.channel}/${p.id}`));
    const cases: [string, SearchOptions, string[], string[], (p: Post) => boolean][] = [
      ['alpha', {}, ['alpha'], [], () => true],
      ['alpha beta', {}, ['alpha', 'beta'], [], () => true],
      ['beta alpha gamma', {}, ['beta', 'alpha', 'gamma'], [], () => true],
      ['alpha beta -gamma', {}, ['alpha', 'beta'], ['gamma'], () => true],
      ['alpha gamma', { channel: 'ch1' }, ['alpha', 'gamma'], [], (p) => p.channel === 'ch1'],
      ['alpha beta', { topic: 't' }, ['alpha', 'beta'], [], (p) => inTopic.has(`${p.channel}/${p.id}`)],
      ['alpha', { topic: 't' }, ['alpha'], [], (p) => inTopic.has(`${p.channel}/${p.id}`)],
      // Words as written first, then the English posts with `sanction` or `sanctioned` instead.
      ['sanctions alpha', {}, ['sanctions', 'alpha'], [], () => true],
      [
        'sanctioned beta',
        { topic: 't' },
        ['sanctioned', 'beta'],
        [],
        (p) => inTopic.has(`${p.channel}/${p.id}`),
      ],
      ['alpha -sanction', {}, ['alpha'], ['sanction'], () => true],
      // Four words each found up to 20 times: more classes than MAX_CLASSES, every match counted.
      ['alpha beta gamma delta', {}, WORDS, [], () => true],
      // Date ranges: each class is walked down from the range's top and stopped at its bottom (walk-down.ts).
      ['alpha beta', { since: SINCE }, ['alpha', 'beta'], [], (p) => p.date! >= SINCE],
      [
        'sanctions alpha',
        { since: SINCE, until: UNTIL },
        ['sanctions', 'alpha'],
        [],
        (p) => p.date! >= SINCE && p.date! < UNTIL,
      ],
      [
        'gamma',
        { since: SINCE, channel: 'ch2' },
        ['gamma'],
        [],
        (p) => p.date! >= SINCE && p.channel === 'ch2',
      ],
    ];
    for (const [q, options, words, not, keep] of cases) {
      const want = expected(posts, words, not, keep);
      assert.ok(want.length > 20, `${q}: enough matches to page (${want.length})`);
      const got: { key: string; score: number }[] = [];
      for (let offset = 0; offset < want.length + 60; offset += 60) {
        const page = await store.search(q, { ...options, limit: 60, offset });
        got.push(...page.hits.map((h) => ({ key: `${h.post.channel}/${h.post.id}`, score: h.score })));
      }
      assert.equal(new Set(got.map((g) => g.key)).size, want.length, `${q}: every match once`);
      assert.equal(got.length, want.length, q);
      // Scores written out differ from the store's in the last bits at most; equal counts give equal scores.
      got.forEach((g, i) => {
        assert.equal(g.key, want[i]!.key, `${q}: #${i}`);
        assert.ok(Math.abs(g.score - want[i]!.score) < 1e-12, `${q}: #${i} ${g.key}`);
      });
    }
    await store.close();
  });

  it('marks the count of every stem a word is ranked through, in each language', async () => {
    // Repeated words, stop words among them, in each stemmed language and in none.
    const texts: [string, string | null][] = [
      ['the sanctions and the sanctioned; the summit, summits and the SUMMIT', 'en'],
      ['les sanctions et les sanctions de la Russie, la Russie et les sommets', 'fr'],
      ['санкции и санкций, санкциями и в саммите и на саммите саммит', 'ru'],
      ['summit summits summit 2024 2024', null],
    ];
    const file = join(root, 'marks.db');
    const store = await openSqliteStore(file);
    await store.transaction(() =>
      store.savePosts(
        texts.map(([text, lang], i) => Object.assign(emptyPost('m', i + 1, 'tme-html'), { text, lang })),
      ),
    );
    await store.close();
    const db = new Database(file, { readonly: true });
    let checked = 0;
    texts.forEach(([text, lang], i) => {
      const tokens = postColumns(text, lang).stems.split(' ');
      for (const word of new Set(text.toLowerCase().match(/\p{L}+|\d+/gu)!)) {
        const forms = stemForms(word);
        if (forms === null) continue;
        for (const form of forms) {
          const n = tokens.filter((t) => t === form).length;
          if (n < 2) continue;
          const found = db
            .prepare(
              'SELECT p.id FROM posts_fts f JOIN posts p ON p.dkey = f.rowid WHERE posts_fts MATCH ? ORDER BY p.id',
            )
            .pluck()
            .all(markMatch(form, Math.min(n, MARKED_COUNT)));
          assert.ok(found.includes(i + 1), `${lang}: ${word} (${form}) marked ${n} times`);
          checked++;
        }
      }
    });
    assert.ok(checked >= 8, `stems checked: ${checked}`);
    db.close();
  });
});
