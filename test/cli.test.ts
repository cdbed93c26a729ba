// The command line end to end: real processes, a real SQLite file, exit codes and one-line errors.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDemo, tgwire } from './cli.testkit.js';
import { projectRoot, samplePath, SKIP_NO_SHARED } from './shared.js';

describe('tgwire CLI', () => {
  let dir: string;
  let db: string;
  let base: string | null = null;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-cli-'));
    db = join(dir, 'archive.db');
  });
  /** A closed database holding the demo feed, made once and copied by the tests that need one. */
  function baseDb(): string {
    if (base) return base;
    base = join(dir, 'base.db');
    importDemo(base);
    return base;
  }
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the sample: import then export --format text gives back the same bytes', (t) => {
    const sample = samplePath();
    if (!sample) return t.skip(SKIP_NO_SHARED);
    const imp = tgwire(['--db', db, 'import', sample, '--channel', 'sample', '--json']);
    assert.equal(imp.code, 0, imp.stderr);
    const summary = JSON.parse(imp.stdout) as { added: number; format: string }[];
    assert.equal(summary[0]!.format, 'text');
    assert.ok(summary[0]!.added > 0);
    const out = join(dir, 'sample.txt');
    const exp = tgwire(['--db', db, 'export', '--format', 'text', '--channel', 'sample', '--out', out]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(sample)), 'exported text differs from the sample');
  });

  it('imports the shipped demo copy of the sample idempotently: a second import changes nothing', () => {
    const demo = join(projectRoot, 'demo', 'sample-brics.txt');
    const db2 = join(dir, 'idem.db');
    const first = tgwire(['--db', db2, 'import', demo, '--channel', 'demo', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const again = tgwire(['--db', db2, 'import', demo, '--channel', 'demo', '--json']);
    assert.equal(again.code, 0, again.stderr);
    const [a] = JSON.parse(first.stdout) as { added: number; posts: number }[];
    const [b] = JSON.parse(again.stdout) as { added: number; updated: number; unchanged: number }[];
    assert.equal(b!.added, 0);
    assert.equal(b!.updated, 0);
    assert.equal(b!.unchanged, a!.posts);
  });

  const bad: [string, string | Buffer, string[], RegExp][] = [
    ['an empty file', '', [], /empty/],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0, 255]), [], /binary/],
    [
      'truncated JSON export',
      '{\n "name": "x",\n "type": "public_channel",\n "id": 1,\n "messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "text": "hel',
      [],
      /\d+/,
    ],
    [
      'malformed JSON export',
      '{\n "name": "x",\n "type": "public_channel",\n "id": 1,\n "messages": [ {"id": 1,, } ]}',
      [],
      /\d+/,
    ],
    ['JSON that is no export', '{"hello": "world"}', [], /not a Telegram Desktop export/],
    ['a wrong --format', 'just some words\n', ['--format', 'export-json'], /format/],
    ['an unknown --format', 'x\n', ['--format', 'docx'], /docx|format/],
  ];
  /** Everything the archive holds, read in-process (no extra process per check). */
  async function snapshot(file: string): Promise<string> {
    const store = await openSqliteStore(file);
    try {
      const posts: unknown[] = [];
      for await (const p of store.iteratePosts({})) posts.push(p);
      return JSON.stringify({ posts, channels: await store.listChannels() });
    } finally {
      await store.close();
    }
  }

  for (const [name, content, extra, pattern] of bad) {
    it(`rejects ${name} with exit 1, one line naming the file, and leaves the database unchanged`, async () => {
      const slug = name.replace(/\W+/g, '-');
      const dbBad = join(dir, `bad-${slug}.db`);
      // A database that already holds an archive, so "unchanged" means something.
      copyFileSync(baseDb(), dbBad);
      const before = await snapshot(dbBad);
      assert.ok(before.includes('"sample"') || before.includes('"demo"'));
      const file = join(dir, `input-${slug}.dat`);
      writeFileSync(file, content);
      const r = tgwire(['--db', dbBad, 'import', file, ...extra]);
      assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
      const lines = r.stderr.trim().split('\n');
      if (!/--format/.test(name)) {
        assert.equal(lines.length, 1, `one line expected, got: ${r.stderr}`);
        assert.ok(r.stderr.includes(file), `the error names the file: ${r.stderr}`);
      }
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(await snapshot(dbBad), before, 'database changed');
    });
  }

  it('prints help for every command', () => {
    for (const cmd of ['import', 'export', 'search', 'stats', 'serve']) {
      const r = tgwire([cmd, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Usage: tgwire/);
    }
  });

  it('searches and reports stats as JSON', (t) => {
    if (!existsSync(db)) return t.skip('needs the round-trip test database');
    const s = tgwire(['--db', db, 'search', 'Kazan', '--json']);
    assert.equal(s.code, 0, s.stderr);
    const res = JSON.parse(s.stdout) as { total: number; hits: { snippet: string }[] };
    assert.ok(res.total >= 1);
    assert.match(res.hits[0]!.snippet, /\[Kaza/i);
    const st = tgwire(['--db', db, 'stats', '--json']);
    assert.equal(st.code, 0, st.stderr);
    const stats = JSON.parse(st.stdout) as { posts: number; topHashtags: { tag: string }[] };
    assert.ok(stats.posts >= 20);
    assert.ok(stats.topHashtags.some((h) => h.tag === 'brics'));
  });

  it('a query word that starts with "-" is the query\'s NOT, not an option; a mistyped --option is refused', (t) => {
    if (!existsSync(db)) return t.skip('needs the round-trip test database');
    const all = JSON.parse(tgwire(['--db', db, 'search', 'Kazan', '--json']).stdout) as { total: number };
    const r = tgwire(['--db', db, 'search', '-BRICS Kazan', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const without = JSON.parse(r.stdout) as { total: number };
    const both = JSON.parse(tgwire(['--db', db, 'search', 'BRICS Kazan', '--json']).stdout) as {
      total: number;
    };
    assert.ok(both.total > 0, 'some Kazan posts name BRICS');
    assert.equal(without.total, all.total - both.total);
    const typo = tgwire(['--db', db, 'search', 'Kazan', '--jsno']);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /unknown option '--jsno'/);
  });

  it('gives a user error, not a crash, for a bad search query', (t) => {
    if (!existsSync(db)) return t.skip('needs the round-trip test database');
    const r = tgwire(['--db', db, 'search', '(brics']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
