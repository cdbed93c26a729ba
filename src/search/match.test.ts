// matchesQuery, table-driven: what each query accepts among a few posts, and that a SQLite store's search finds
// exactly those posts too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost, type Post } from '../model/post.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { matchesQuery } from './match.js';
import { parseQuery } from './parse.js';

function post(id: number, text: string, patch: Partial<Post> = {}): Post {
  return { ...emptyPost('news', id, 'text'), date: `2024-10-${10 + id}T10:00:00.000Z`, text, ...patch };
}

const POSTS: Post[] = [
  post(1, 'The BRICS summits in Kazan opened today', { lang: 'en' }),
  post(2, 'Новые санкции против банков', { lang: 'ru' }),
  post(3, 'Le sommet des BRICS à Kazan', { lang: 'fr' }),
  post(4, 'Summit talk, no language known'),
  post(5, 'Straße in Łódź and the #BRICSsummit', {
    lang: 'de',
    entities: [{ type: 'hashtag', offset: 23, length: 12 }],
  }),
  post(6, 'Forwarded: #brics news', {
    channel: 'other',
    lang: 'en',
    entities: [{ type: 'hashtag', offset: 11, length: 6 }],
    forwardedFrom: { name: 'Russian MFA 🇷🇺', username: 'MFARussia', postId: 1, author: null },
  }),
  post(7, '图书馆开放了 telegram中文', { lang: 'zh' }),
  post(8, 'санкций больше не будет, сказал министр', { lang: 'ru', topics: ['sanctions'] }),
  post(9, '', { media: [{ type: 'photo', supported: true }] }),
  post(10, 'Fjord news from Oslo', { lang: 'no' }),
  post(11, 'Fjord nytt frå Bergen', { lang: 'nn' }),
];

const TOPICS: Record<number, string[]> = { 8: ['sanctions'], 2: ['sanctions', 'banks'] };

const cases: [query: string, ids: number[]][] = [
  ['summit', [1, 4, 5]], // "summits" by its English stem; as written in 4 and in #BRICSsummit; not "sommet"
  ['summits', [1]], // post 4 has no language: "summit" is no match for "summits" there
  ['Summit*', [1, 4, 5]], // prefixes are as written: "summits", "summit", and "summit" inside #BRICSsummit
  ['санкции', [2, 8]], // "санкций" by its Russian stem
  ['kazan', [1, 3]],
  ['brics', [1, 3, 5, 6]], // a hashtag's parts are words
  ['#brics', [6]], // a hashtag whole
  ['#bricssummit', [5]],
  ['#BRICS_summit', []],
  ['"brics summits"', [1]],
  ['"summits in kazan"', [1]],
  ['"summit in kazan"', [1]], // stems in a row; the stop word "in" stays as written
  ['"kazan summit"', []],
  ['strasse lodz', [5]],
  ['straße', [5]],
  ['图书馆', [7]],
  ['图书', [7]],
  ['telegram', [7]],
  ['brics -kazan', [5, 6]],
  ['-brics', [2, 4, 7, 8, 9, 10, 11]],
  ['NOT (brics OR summit)', [2, 7, 8, 9, 10, 11]],
  ['brics OR санкции', [1, 2, 3, 5, 6, 8]],
  ['(brics kazan) OR talk', [1, 3, 4]],
  ['lang:RU', [2, 8]],
  ['lang:ru санкции -министр', [2]],
  ['lang:nn fjord', [10, 11]], // a post told as Norwegian is in either of its written standards
  ['lang:nb', [10]],
  ['lang:no', [10, 11]],
  ['channel:@Other', [6]],
  ['from:mfarussia', [6]],
  ['from:@MFARussia', [6]],
  ['from:"russian mfa"', [6]],
  ['from:"mfa 🇷🇺"', [6]],
  ['from:russia', [6]], // a part of the name
  ['from:foreign', []],
  ['topic:sanctions', [2, 8]],
  ['topic:banks -topic:sanctions', []],
  ['*', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ['brics OR *', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
  ['-*', []],
  ['kazan *', [1, 3]],
  ['bricssummit', [5]], // a bare word finds the hashtag that is the whole word
  ['BRICSsummit -#bricssummit', []],
  ['bricssummit*', []], // a prefix is words only
  ['"bricssummit"', []], // so is a phrase
];

const accepted = (q: string): number[] => {
  const node = parseQuery(q);
  return POSTS.filter((p) => matchesQuery(node, p, TOPICS[p.id] ?? [])).map((p) => p.id);
};

describe('matchesQuery', () => {
  for (const [q, ids] of cases)
    it(`${q} -> ${ids.join(', ') || 'nothing'}`, () => assert.deepEqual(accepted(q), ids));

  it("defaults to the post's own topics", () => {
    const node = parseQuery('topic:sanctions');
    assert.equal(matchesQuery(node, POSTS[7]!), true);
    assert.equal(matchesQuery(node, POSTS[1]!), false);
    assert.equal(matchesQuery(node, POSTS[1]!, ['sanctions']), true);
  });

  it('sees a changed text (a post object indexed before)', () => {
    const p = post(20, 'first words');
    const node = parseQuery('second');
    assert.equal(matchesQuery(node, p), false);
    p.text = 'second words';
    assert.equal(matchesQuery(node, p), true);
  });
});

describe('matchesQuery agrees with the SQLite search on the same posts', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-match-'));
    store = await openSqliteStore(join(dir, 'a.db'));
    await store.savePosts(POSTS.map((p) => ({ ...p, topics: undefined })));
    await store.setPostTopics(
      Object.entries(TOPICS).map(([id]) => {
        const p = POSTS.find((x) => x.id === Number(id))!;
        return { channel: p.channel, id: p.id, topics: TOPICS[p.id]! };
      }),
    );
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [q, ids] of cases)
    it(q, async () => {
      const r = await store.search(q, { limit: 100 });
      assert.deepEqual(
        r.hits.map((h) => h.post.id).sort((a, b) => a - b),
        ids,
      );
    });
});
