// An archive made by an older tgwire is upgraded by the first command that opens it, and says so on stderr: some steps
// re-index many posts, and a command silent for minutes looks hung. A new archive is made without a word. A step that
// reads words differently has the posts tagged with the topics again.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../src/store/sqlite/index.js';
import { importDemo, tgwire } from './cli.testkit.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-upgrade-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

it('says each upgrade step before and after it runs, once, and nothing for a new archive', () => {
  const db = join(dir, 'old.db');
  assert.doesNotMatch(importDemo(db).stderr, /upgrading/);
  // The archive as the tgwire before the last two schema steps left it.
  const raw = new Database(db);
  const newest = raw.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number;
  raw.prepare('DELETE FROM schema_migrations WHERE version >= ?').run(newest - 1);
  raw.close();

  const first = tgwire(['--db', db, 'stats']);
  assert.equal(first.code, 0, first.stderr);
  const lines = first.stderr.split('\n').filter((l) => l.startsWith('notice: '));
  assert.equal(lines.length, 4, first.stderr);
  assert.match(lines[0]!, new RegExp(`^notice: upgrading the archive to schema v${newest - 1} \\(.+\\)…$`));
  assert.match(lines[1]!, new RegExp(`^notice: schema v${newest - 1} done in \\d+\\.\\d s$`));
  assert.match(lines[2]!, new RegExp(`^notice: upgrading the archive to schema v${newest} \\(.+\\)…$`));
  assert.match(lines[3]!, new RegExp(`^notice: schema v${newest} done in \\d+\\.\\d s$`));
  assert.match(first.stdout, /posts/);

  const second = tgwire(['--db', db, 'stats']);
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /upgrading|schema v/);
});

it('tags the posts with the topics again after a step that reads words differently', () => {
  const db = join(dir, 'topics.db');
  importDemo(db);
  assert.equal(tgwire(['--db', db, 'topics', 'add', 'brics', 'BRICS OR БРИКС']).code, 0);
  const tagged = (q: string[]) => {
    const r = tgwire(['--db', db, 'search', 'topic:brics', '--json', ...q]);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { total: number }).total;
  };
  const before = tagged([]);
  assert.ok(before > 5, `${before} posts tagged`);
  // Tags as an older tgwire left them (here: none), and the schema steps from the last that reads words differently
  // on not run.
  const raw = new Database(db);
  raw.prepare('DELETE FROM post_topics').run();
  const rereads = migrations.filter((m) => m.rereadsWords).at(-1)!.version;
  const steps = migrations.filter((m) => m.version >= rereads).length;
  raw.prepare('DELETE FROM schema_migrations WHERE version >= ?').run(rereads);
  raw.close();

  const r = tgwire(['--db', db, 'stats']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('notice: '));
  assert.equal(lines.length, 2 * steps + 2, r.stderr);
  assert.match(
    lines.at(-2)!,
    /^notice: tagging the posts with the topics again, as words are read differently now…$/,
  );
  assert.match(lines.at(-1)!, /^notice: \d+ posts tagged again in \d+\.\d s$/);
  assert.equal(tagged([]), before);
});
