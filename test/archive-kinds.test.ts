// Commands check once, at start, which archive they were given: what needs PostgreSQL says so before opening
// anything, and what both archives can do (publishing) works on both.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';
import { PG_URL, schemaPool } from './pg.js';

const dir = mkdtempSync(join(tmpdir(), 'tgwire-kinds-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('scale-out commands on a SQLite archive', () => {
  it('worker: exit 1 naming what it needs, and no archive file is created', () => {
    const db = join(dir, 'worker.db');
    assertUserError(tgwire(['--db', db, 'worker', '--until-idle']), /worker needs a postgres:\/\/ database/);
    assert.equal(existsSync(db), false);
  });

  it('migrate-store to a SQLite file: exit 1 before either archive is opened', () => {
    const from = join(dir, 'from.db');
    importDemo(from);
    const to = join(dir, 'to.db');
    assertUserError(
      tgwire(['migrate-store', '--from', from, '--to', to]),
      /--to must be a postgres:\/\/ database .*: got .*to\.db/,
    );
    assert.equal(existsSync(to), false, 'the target was not created');
  });
});

describe('publishing on PostgreSQL', () => {
  const server = PG_URL;
  if (!server) {
    it('runs against a PostgreSQL server', (t) =>
      t.skip('TGWIRE_TEST_PG not set: publishing on PostgreSQL skipped'));
    return;
  }
  const schemas = schemaPool('kinds');
  after(() => schemas.dropAll());

  it('publish --status reads the outbox of a PostgreSQL archive', () => {
    const url = new URL(server);
    url.searchParams.set('schema', schemas.fresh());
    const r = tgwire(['--db', url.toString(), 'publish', '--status']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /planned: 0, sending: 0, sent: 0, skipped: 0, held: 0, failed: 0, deleted: 0/);
  });
});
