// `tgwire stories` corrections and evidence, and `tgwire channels set --lang`, end to end on a real SQLite file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';

interface StoryJson {
  story: string;
  members: { post: string; reason: string; evidence: unknown; why: string }[];
}

const EVIDENCE = {
  matched: ['demo/5'],
  score: 0.64,
  items: ['name:lavrov', 'date:2024-09-10', 'number:17', 'x'],
};

describe('tgwire stories: evidence and corrections', () => {
  let dir: string;
  let base: string;
  let n = 0;
  const fresh = (): string => {
    const db = join(dir, `s${++n}.db`);
    copyFileSync(base, db);
    return db;
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-stories-'));
    base = join(dir, 'base.db');
    importDemo(base);
    // The grouping decides the stories; evidence for one member is written as the grouping records it.
    const store = await openSqliteStore(base);
    try {
      const [m] = await store.storyMembersOf(['demo/6']);
      assert.ok(m, 'the demo groups demo/5 and demo/6');
      await store.setStories([{ ...m, evidence: EVIDENCE }]);
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const stories = (db: string): StoryJson[] => {
    const r = tgwire(['--db', db, 'stories', '--all', '--limit', '1000', '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as StoryJson[];
  };
  const storyOf = (all: StoryJson[], post: string) =>
    all.find((s) => s.members.some((m) => m.post === post))!;

  it('--json gives each member its evidence; the human listing a short why', () => {
    const db = fresh();
    const s = storyOf(stories(db), 'demo/6');
    const byPost = new Map(s.members.map((m) => [m.post, m]));
    assert.deepEqual(byPost.get('demo/6')!.evidence, EVIDENCE);
    assert.equal(
      byPost.get('demo/6')!.why,
      'translation of demo/5 (0.64): name:lavrov, date:2024-09-10, number:17 +1 more',
    );
    assert.equal(byPost.get('demo/5')!.evidence, null);
    const human = tgwire(['--db', db, 'stories']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stdout,
      /demo\/6 +en +translation of demo\/5 \(0\.64\): name:lavrov, date:2024-09-10, number:17 \+1 more/,
    );
    assert.match(human.stdout, /demo\/5 +fr +canonical\n/);
    // A headline is the first line with words: demo/12's text starts with an empty line.
    const one = storyOf(stories(db), 'demo/12');
    const all = tgwire(['--db', db, 'stories', '--all', '--limit', '1000']);
    assert.match(all.stdout, new RegExp(`${one.story}  1 post  \\[en\\]  undated  🇷🇺🇮🇳 On September 25`));
    // A listing cut by --limit says so, on stderr beside JSON.
    const cut = tgwire(['--db', db, 'stories', '--all', '--limit', '1']);
    assert.match(cut.stdout, /^\d+ stories; the first 1 of \d+ shown \(--limit N shows more\)\n/);
    const cutJson = tgwire(['--db', db, 'stories', '--all', '--limit', '1', '--json']);
    assert.equal((JSON.parse(cutJson.stdout) as unknown[]).length, 1);
    assert.match(cutJson.stderr, /the first 1 of \d+ shown/);
  });

  it('split, merge and corrections: applied at once, kept across --rebuild, removable', () => {
    const db = fresh();
    const merge = tgwire(['--db', db, 'stories', 'merge', 'demo/20', 'demo/5']);
    assert.equal(merge.code, 0, merge.stderr);
    assert.match(merge.stdout, /merged into s[0-9a-f]{12}, the story of demo\/5 \(correction #1\)/);
    let all = stories(db);
    const joined = storyOf(all, 'demo/5');
    assert.deepEqual(joined.members.map((m) => m.post).sort(), ['demo/20', 'demo/21', 'demo/5', 'demo/6']);
    const moved = joined.members.find((m) => m.post === 'demo/20')!;
    assert.equal(moved.reason, 'merged');
    assert.deepEqual(moved.evidence, { matched: ['demo/5'], score: 1, items: ['merged by a reader'] });
    // The post that came along keeps why it joined its story: the reader merged demo/20, not it.
    const along = joined.members.find((m) => m.post === 'demo/21')!;
    assert.equal(along.reason, 'translation');
    assert.deepEqual((along.evidence as { matched: string[] }).matched, ['demo/20']);

    const split = tgwire(['--db', db, 'stories', 'split', 'demo/6']);
    assert.equal(split.code, 0, split.stderr);
    assert.match(split.stdout, /demo\/6 split out of its story: now s[0-9a-f]{12} \(correction #2\)/);
    // A post already alone has nothing to be split from: refused, nothing kept.
    assertUserError(
      tgwire(['--db', db, 'stories', 'split', 'demo/6']),
      /demo\/6 is alone in its story \(s[0-9a-f]{12}\): nothing to split it from/,
    );
    all = stories(db);
    assert.deepEqual(
      storyOf(all, 'demo/6').members.map((m) => [m.post, m.reason]),
      [['demo/6', 'canonical']],
    );

    // A full regrouping forgets nothing a reader decided.
    const rebuilt = tgwire(['--db', db, 'stories', '--rebuild', '--all', '--limit', '1000', '--json']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    all = JSON.parse(rebuilt.stdout) as StoryJson[];
    assert.equal(storyOf(all, 'demo/6').members.length, 1);
    // The rebuild says what the correction said at once.
    assert.deepEqual(
      storyOf(all, 'demo/21')
        .members.map((m) => [m.post, m.reason])
        .sort(),
      [
        ['demo/20', 'merged'],
        ['demo/21', 'translation'],
        ['demo/5', 'canonical'],
      ],
    );
    assert.deepEqual(
      storyOf(all, 'demo/21')
        .members.map((m) => m.post)
        .sort(),
      ['demo/20', 'demo/21', 'demo/5'],
    );

    const list = tgwire(['--db', db, 'stories', 'corrections', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const corrections = JSON.parse(list.stdout) as {
      id: number;
      kind: string;
      post: string;
      into?: string;
      from?: string[];
    }[];
    assert.deepEqual(
      corrections.map((c) => [c.id, c.kind, c.post, c.into]),
      [
        [1, 'merge', 'demo/20', 'demo/5'],
        [2, 'split', 'demo/6', undefined],
      ],
    );
    // The split names the posts of the story it left.
    assert.ok(corrections[1]!.from!.length > 0 && !corrections[1]!.from!.includes('demo/6'));
    const table = tgwire(['--db', db, 'stories', 'corrections']);
    assert.match(table.stdout, /1 +merge +demo\/20 +demo\/5/);

    const removed = tgwire(['--db', db, 'stories', 'corrections', '--remove', '2']);
    assert.equal(removed.code, 0, removed.stderr);
    assertUserError(
      tgwire(['--db', db, 'stories', 'corrections', '--remove', '2']),
      /no story correction #2/,
    );
    const again = tgwire(['--db', db, 'stories', '--rebuild', '--all', '--limit', '1000', '--json']);
    all = JSON.parse(again.stdout) as StoryJson[];
    assert.ok(storyOf(all, 'demo/6').members.length > 1, 'without the split, demo/6 is grouped again');
  });

  it('unknown posts and channels, malformed names and self-merges are one-line user errors', () => {
    const db = fresh();
    assertUserError(
      tgwire(['--db', db, 'stories', 'split', 'demo/999']),
      /^tgwire: no post demo\/999 in the archive$/,
    );
    assertUserError(tgwire(['--db', db, 'stories', 'split', 'nochannel/1']), /no channel named nochannel/);
    assertUserError(tgwire(['--db', db, 'stories', 'merge', 'demo/5', 'ghost/2']), /no channel named ghost/);
    assertUserError(tgwire(['--db', db, 'stories', 'merge', 'demo/5', 'demo/5']), /into itself/);
    assertUserError(
      tgwire(['--db', db, 'stories', 'split', 'demo']),
      /"demo" is not a post: write CHANNEL\/ID/,
    );
    const list = tgwire(['--db', db, 'stories', 'corrections', '--json']);
    assert.deepEqual(JSON.parse(list.stdout), []);
  });

  it('corrections --json re-imports into another archive with --import, idempotently', () => {
    const from = fresh();
    assert.equal(tgwire(['--db', from, 'stories', 'merge', 'demo/20', 'demo/5']).code, 0);
    assert.equal(tgwire(['--db', from, 'stories', 'split', 'demo/6']).code, 0);
    const exported = tgwire(['--db', from, 'stories', 'corrections', '--json']);
    const file = join(dir, 'corrections.json');
    writeFileSync(file, exported.stdout);

    const to = fresh();
    const first = tgwire(['--db', to, 'stories', 'corrections', '--import', file, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { read: 2, added: 2, alreadyKept: 0 });
    const second = tgwire(['--db', to, 'stories', 'corrections', '--import', file]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /imported 0 story corrections .* \(2 already kept\)/);
    const strip = (s: string) => (JSON.parse(s) as { id: number }[]).map(({ id: _id, ...c }) => c);
    assert.deepEqual(
      strip(tgwire(['--db', to, 'stories', 'corrections', '--json']).stdout),
      strip(exported.stdout),
    );
    // The stories follow the corrections in the second archive too.
    const a = stories(from);
    const b = stories(to);
    for (const post of ['demo/5', 'demo/6', 'demo/20'])
      assert.deepEqual(
        storyOf(b, post)
          .members.map((m) => m.post)
          .sort(),
        storyOf(a, post)
          .members.map((m) => m.post)
          .sort(),
      );

    // A file written before splits named what from: read, and the split keeps its old meaning (alone).
    const old = join(dir, 'old.json');
    writeFileSync(old, '[{"id":1,"kind":"split","post":"demo/5","createdAt":"2024-01-01T00:00:00.000Z"}]');
    const third = fresh();
    const imported = tgwire(['--db', third, 'stories', 'corrections', '--import', old, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(strip(tgwire(['--db', third, 'stories', 'corrections', '--json']).stdout), [
      { kind: 'split', post: 'demo/5', createdAt: '2024-01-01T00:00:00.000Z' },
    ]);
    assert.equal(storyOf(stories(third), 'demo/5').members.length, 1);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"kind":"merge","post":"demo/1","createdAt":"2024-01-01"}]');
    assertUserError(
      tgwire(['--db', to, 'stories', 'corrections', '--import', bad]),
      /not a list of story corrections \(at 0\.into/,
    );
    writeFileSync(bad, 'not json');
    assertUserError(tgwire(['--db', to, 'stories', 'corrections', '--import', bad]), /is not JSON/);
    assertUserError(
      tgwire(['--db', to, 'stories', 'corrections', '--import', join(dir, 'none.json')]),
      /cannot read/,
    );
  });
});

describe('tgwire channels set --lang', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-lang-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('pins, shows in channels list, clears; refuses unknown codes and channels', () => {
    const db = join(dir, 'a.db');
    importDemo(db);
    assert.equal(tgwire(['--db', db, 'channels', 'add', '@durov_news']).code, 0);

    const set = tgwire(['--db', db, 'channels', 'set', 'demo', '--lang', 'RU, en']);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /demo: languages pinned to ru, en/);
    assert.equal(tgwire(['--db', db, 'channels', 'set', 't.me/durov_news', '--lang', 'uk']).code, 0);

    const list = tgwire(['--db', db, 'channels', 'list', '--json']);
    const rows = JSON.parse(list.stdout) as {
      channel: string;
      languages: string[] | null;
      languageMix: Record<string, number>;
    }[];
    const demo = rows.find((r) => r.channel === 'demo')!;
    assert.deepEqual(demo.languages, ['ru', 'en']);
    assert.ok(Math.abs(Object.values(demo.languageMix).reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.deepEqual(rows.find((r) => r.channel === 'durov_news')!.languages, ['uk']);
    const table = tgwire(['--db', db, 'channels', 'list']);
    assert.match(table.stdout, /demo .* ru, en \(pinned\)/);
    assert.match(table.stdout, /durov_news .* uk \(pinned\)/);

    assertUserError(
      tgwire(['--db', db, 'channels', 'set', 'demo', '--lang', 'ru,xx']),
      /"xx" is not an ISO 639-1 language code/,
    );
    assertUserError(
      tgwire(['--db', db, 'channels', 'set', 'demo', '--lang', 'rus']),
      /"rus" is not an ISO 639-1/,
    );
    assertUserError(
      tgwire(['--db', db, 'channels', 'set', 'nobody_here', '--lang', 'ru']),
      /no channel named nobody_here/,
    );

    assert.equal(tgwire(['--db', db, 'channels', 'set', 'demo', '--lang', '']).code, 0);
    assert.equal(tgwire(['--db', db, 'channels', 'set', 'durov_news', '--lang', 'auto']).code, 0);
    const cleared = JSON.parse(tgwire(['--db', db, 'channels', 'list', '--json']).stdout) as {
      channel: string;
      languages: unknown;
    }[];
    assert.deepEqual(
      cleared.map((r) => [r.channel, r.languages]),
      [['durov_news', null]],
      'an unpinned channel that is not followed leaves the list',
    );
    const detected = tgwire(['--db', db, 'channels', 'list']);
    assert.doesNotMatch(detected.stdout, /pinned/);
  });

  it('relabel gives posts labelled by an older tgwire the language of their channel context', async () => {
    const db = join(dir, 'relabel.db');
    importDemo(db);
    // As an older detector left it: the Russian interview labelled Serbian.
    const store = await openSqliteStore(db);
    const ru = (await store.queryPosts({ channel: 'demo' })).find((p) => p.text.startsWith('Интервью'))!;
    await store.savePosts([{ ...ru, lang: 'sr' }], { mergeMissing: false });
    await store.close();
    const r = tgwire(['--db', db, 'channels', 'relabel', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { channel: string; posts: number; changed: number }[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.channel, 'demo');
    assert.ok(rows[0]!.changed >= 1);
    const relabelled = await openSqliteStore(db);
    assert.equal((await relabelled.getPost('demo', ru.id))?.lang, 'ru');
    await relabelled.close();
    assertUserError(
      tgwire(['--db', db, 'channels', 'relabel', 'nobody_here']),
      /no channel named nobody_here/,
    );
  });
});
