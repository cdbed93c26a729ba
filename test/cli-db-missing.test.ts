// A --db typo is an error for commands that only read, never a new empty archive; config paths are the file's own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';
import { loadConfig } from '../src/config/config.js';

describe('tgwire: a missing archive and relative config paths', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-nodb-'));
    db = join(dir, 'a.db');
    importDemo(db);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stats, search, export and digest refuse a file that does not exist, naming it, and create nothing', () => {
    const typo = join(dir, 'typo.db');
    for (const cmd of [['stats'], ['search', 'BRICS'], ['export'], ['digest', '--all']]) {
      assertUserError(tgwire(['--db', typo, ...cmd]), /no archive at .*typo\.db: the file does not exist/);
      assert.ok(!existsSync(typo), `${cmd[0]} created ${typo}`);
    }
  });

  it('import still creates a new archive', () => {
    const made = join(dir, 'new.db');
    const r = tgwire(['--db', made, 'import', join(dir, '..', 'no-such-file.txt')]);
    assert.equal(r.code, 1);
    importDemo(made);
    assert.ok(existsSync(made));
  });

  it("a relative db: in a config file is the config file's folder's, from any working directory", () => {
    mkdirSync(join(dir, 'sub'));
    importDemo(join(dir, 'sub', 'x.db'));
    writeFileSync(
      join(dir, 'sub', 'rel.yaml'),
      'db: ./x.db\nmedia: { dir: ./m }\ntelegram: { sessionFile: s.session }\n',
    );
    const r = tgwire(['--config', join('sub', 'rel.yaml'), 'stats', '--json'], {}, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((JSON.parse(r.stdout) as { posts: number }).posts > 0, r.stdout);
    assert.ok(!existsSync(join(dir, 'x.db')), 'no archive made in the working directory');
    const c = loadConfig({ config: join(dir, 'sub', 'rel.yaml') }, {});
    assert.equal(c.db, join(dir, 'sub', 'x.db'));
    assert.equal(c.media.dir, join(dir, 'sub', 'm'));
    assert.equal(c.telegram.sessionFile, join(dir, 'sub', 's.session'));
  });
});
