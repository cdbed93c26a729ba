// What an admin meets opening a PostgreSQL archive: a read-only role, a password left out, a mistyped ?schema=, a
// server that stops answering mid-import, and the hint to finish a copy. Each is one line, exit 1, never a stack.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertUserError, tgwire, tgwireAsync } from './cli.testkit.js';
import { projectRoot } from './shared.js';
import { PG_URL, admin, schemaPool } from './pg.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { copyArchive } from '../src/pipeline/workers/index.js';
import { sourceId, sourceLabel } from '../src/cli/commands/migrate-store.js';
import { COPY_MARKER_PREFIX, unfinishedCopyNotices } from '../src/cli/copy-notice.js';
import { importFile } from '../src/pipeline/import.js';

const SAMPLE = join(projectRoot, 'demo', 'sample-brics.txt');
const demo = (db: string) => tgwire(['--db', db, 'import', SAMPLE, '--channel', 'demo']);

/**
 * A server that asks for a SCRAM password and nothing more: the test server trusts every local role, so a role that
 * needs a password is played by this (startup -> AuthenticationSASL, SASLInitialResponse -> SASLContinue).
 */
function passwordAskingServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let step = 0;
    socket.on('error', () => {});
    socket.on('data', () => {
      const auth = (code: number, body: Buffer) => {
        const head = Buffer.alloc(9);
        head.write('R', 0);
        head.writeInt32BE(8 + body.length, 1);
        head.writeInt32BE(code, 5);
        socket.write(Buffer.concat([head, body]));
      };
      if (step++ === 0) auth(10, Buffer.from('SCRAM-SHA-256\0\0'));
      else {
        auth(11, Buffer.from('r=abc,s=c2FsdA==,i=4096'));
        socket.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

/**
 * A TCP proxy to the test server whose stop() ends every connection and refuses new ones: a server stopping, as the
 * command sees it, without stopping the server other tests share.
 */
function stoppableProxy(to: URL): Promise<{ port: number; stop(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(Number(to.port || 5432), to.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        stop() {
          server.close();
          for (const s of sockets) s.destroy();
        },
      });
    }),
  );
}

/** A Desktop JSON export of 30,000 posts in `dir`: long enough to import or copy that a stop lands mid-way. */
function bigExport(dir: string): string {
  const file = join(dir, 'big.json');
  const words = ['BRICS', 'summit', 'Kazan', 'новости', 'санкции', 'report'];
  const messages = Array.from({ length: 30_000 }, (_, i) => {
    const text = `${words[i % 6]} ${words[(i * 7) % 6]} post number ${i + 1}`;
    const t = 1_700_000_000 + i * 60;
    return {
      id: i + 1,
      type: 'message',
      date: new Date(t * 1000).toISOString().slice(0, 19),
      date_unixtime: String(t),
      from: 'Big Wire',
      from_id: 'channel7777777',
      text,
      text_entities: [{ type: 'plain', text }],
    };
  });
  writeFileSync(file, JSON.stringify({ name: 'Big Wire', type: 'public_channel', id: 7777777, messages }));
  return file;
}

describe('tgwire on PostgreSQL: what an admin meets', () => {
  it('a password the server asks for and the URL lacks is said as such, not as an internal error', async () => {
    const { server, port } = await passwordAskingServer();
    try {
      const r = await tgwireAsync(['--db', `postgres://alice@127.0.0.1:${port}/alicedb`, 'stats'], {
        PGPASSWORD: undefined,
        PGPASSFILE: '/nonexistent',
      });
      assertUserError(
        r,
        /^tgwire: postgres:\/\/alice@127\.0\.0\.1:\d+\/alicedb: the server asks a password for user alice: put it in the URL .* or in PGPASSWORD$/,
      );
    } finally {
      server.close();
    }
  });

  it('the hint to finish a stopped copy keeps the source URL user (a password only as ***)', () => {
    assert.equal(
      sourceLabel('postgres://bob:secret@127.0.0.1:5432/big?schema=news'),
      'postgres://bob:***@127.0.0.1:5432/big?schema=news',
    );
    assert.equal(sourceLabel('postgres://bob@127.0.0.1:5432/big'), 'postgres://bob@127.0.0.1:5432/big');
    // The marker's identity stays without the user: a copy started before still resumes.
    assert.equal(sourceId('postgres://bob@127.0.0.1:5432/big'), 'postgres://127.0.0.1:5432/big');
  });

  if (!PG_URL) {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
    return;
  }
  const url = PG_URL;
  const schemas = schemaPool('adm');
  const roles: string[] = [];
  const dirs: string[] = [];
  const at = (schema: string, role?: string) => {
    const u = new URL(url);
    if (role) u.username = role;
    u.searchParams.set('schema', schema);
    return u.toString();
  };
  let archive: string;

  before(() => {
    archive = schemas.fresh();
    assert.equal(demo(at(archive)).code, 0);
  });
  after(async () => {
    await schemas.dropAll();
    for (const r of roles) await admin((c) => c.query(`DROP OWNED BY ${r}; DROP ROLE ${r}`));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a read command refuses a ?schema= that holds no archive, and makes nothing; import makes it', async () => {
    const typo = schemas.fresh();
    for (const cmd of [['stats'], ['search', 'BRICS'], ['export']])
      assertUserError(
        tgwire(['--db', at(typo), ...cmd]),
        new RegExp(
          `^tgwire: no archive in schema ${typo} of postgres://\\S+: .*import, sync and serve create`,
        ),
      );
    const made = await admin((c) => c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [typo]));
    assert.equal(made.rowCount, 0, 'a read command created the schema');
    assert.equal(demo(at(typo)).code, 0);
    assert.equal(tgwire(['--db', at(typo), 'stats']).code, 0);
  });

  it('a role with SELECT only reads an up-to-date archive; a write or a new archive says the privilege missing', async () => {
    const ro = `tgwire_ro_${randomBytes(4).toString('hex')}`;
    roles.push(ro);
    await admin((c) =>
      c.query(
        `CREATE ROLE ${ro} LOGIN; GRANT USAGE ON SCHEMA ${archive} TO ${ro}; ` +
          `GRANT SELECT ON ALL TABLES IN SCHEMA ${archive} TO ${ro}`,
      ),
    );
    const db = at(archive, ro);
    const stats = tgwire(['--db', db, 'stats', '--json']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.ok((JSON.parse(stats.stdout) as { posts: number }).posts > 0, stats.stdout);
    for (const cmd of [['search', 'BRICS'], ['export'], ['stories', '--json']]) {
      const r = tgwire(['--db', db, ...cmd]);
      assert.equal(r.code, 0, `${cmd[0]}: ${r.stderr}`);
    }
    assertUserError(
      tgwire(['--db', db, 'import', SAMPLE, '--channel', 'demo2']),
      /permission denied .*lacks a privilege this command needs .*INSERT, UPDATE and DELETE/,
    );
    assertUserError(
      tgwire(['--db', at(schemas.fresh(), ro), 'import', SAMPLE, '--channel', 'demo']),
      /no archive here yet, and this role may not create its tables .*run tgwire once as the owner/,
    );
  });

  it('a server that stops answering mid-import is one line naming the database, and nothing half-written stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tgwire-pgstop-'));
    dirs.push(dir);
    const file = bigExport(dir);
    const proxy = await stoppableProxy(new URL(url));
    const u = new URL(at(archive));
    u.port = String(proxy.port);
    const count = async () =>
      Number(
        (await admin((c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM ${archive}.posts`))).rows[0]!.n,
      );
    const before = await count();
    const running = tgwireAsync(['--db', u.toString(), 'import', file]);
    let done = false;
    void running.then(() => (done = true));
    // Once the import has committed posts, the server "stops" under it.
    while (!done && (await count()) <= before) await new Promise((r) => setTimeout(r, 50));
    proxy.stop();
    const r = await running;
    assertUserError(
      r,
      new RegExp(
        `^tgwire: postgres://\\S+${archive}\\S*: the database server stopped answering \\(.*\\): .*run it again`,
      ),
    );
    // The next command takes the cut-off import back.
    const next = tgwire(['--db', at(archive), 'stats', '--json']);
    assert.equal(next.code, 0, next.stderr);
    assert.equal((JSON.parse(next.stdout) as { posts: number }).posts, before, next.stderr);
  });

  it('a server that stops answering mid-copy (migrate-store) is one line naming the databases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tgwire-pgstop-'));
    dirs.push(dir);
    const source = join(dir, 'a.db');
    assert.equal(tgwire(['--db', source, 'import', bigExport(dir)]).code, 0);
    const target = schemas.fresh();
    const proxy = await stoppableProxy(new URL(url));
    const to = new URL(at(target));
    to.port = String(proxy.port);
    const copied = async () =>
      admin(async (c) => {
        const t = await c.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
          `${target}.posts`,
        ]);
        if (!t.rows[0]?.t) return 0;
        return Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${target}.posts`)).rows[0]!.n);
      });
    const running = tgwireAsync(['migrate-store', '--from', source, '--to', to.toString(), '--batch', '100']);
    let done = false;
    void running.then(() => (done = true));
    while (!done && (await copied()) === 0) await new Promise((r) => setTimeout(r, 50));
    proxy.stop();
    // After the copy's progress lines, one line: the error.
    const r = await running;
    assert.equal(r.code, 1, r.stderr);
    const errors = r.stderr.split('\n').filter((l) => !l.startsWith('copy posts=') && l.trim() !== '');
    assert.equal(errors.length, 1, r.stderr);
    assert.match(
      errors[0]!,
      new RegExp(
        `^tgwire: postgres://\\S+${target}\\S*: the database server stopped answering \\(.*\\): .*run it again`,
      ),
    );
  });

  it('the resume hint of a PostgreSQL source stopped part-way names its user', async () => {
    const source = schemas.fresh();
    const target = schemas.fresh();
    const from = await openPostgresStore(url, { schema: source });
    const to = await openPostgresStore(url, { schema: target });
    try {
      await importFile(from, SAMPLE, { channel: 'demo' });
      const fromDb = at(source);
      const boom = new Error('simulated stop');
      await assert.rejects(
        copyArchive(from, to, {
          marker: `${COPY_MARKER_PREFIX}${sourceId(fromDb)}`,
          source: sourceLabel(fromDb),
          batchSize: 5,
          onBatch: () => {
            throw boom;
          },
        }),
        boom,
      );
      const [notice] = await unfinishedCopyNotices(to, at(target));
      assert.ok(notice?.includes(`--from ${sourceLabel(fromDb)} --to`), notice);
      assert.match(sourceLabel(fromDb), /^postgres:\/\/[^/:@]+@/);
    } finally {
      await from.close();
      await to.close();
    }
  });
});
