// Choosing the way a channel is collected from the command line: the account needs a login, auto probes t.me.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, tgwireAsync } from './cli.testkit.js';
import { startFakeTme, type FakeTme } from './fake-tme/index.js';

describe('tgwire channels add --via', () => {
  let dir: string;
  let fake: FakeTme;
  let n = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-via-'));
    fake = await startFakeTme({
      channels: [
        { username: 'open', posts: 3 },
        { username: 'closed', title: 'Closed', subscribers: 10, mode: 'preview_disabled' },
        { username: 'chat', title: 'A group', mode: 'private' },
      ],
    });
  });
  after(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const via = async (db: string, key: string) => {
    const store = await openSqliteStore(db, { readonly: true });
    try {
      return (await store.getSyncState(key))?.via ?? 'web';
    } finally {
      await store.close();
    }
  };

  it('--via mtproto without a session exits 1 with one line saying to run tgwire login, and follows nothing', async () => {
    const db = join(dir, `a${++n}.db`);
    const env = { TGWIRE_SESSION_FILE: join(dir, 'none.session') };
    assertUserError(
      await tgwireAsync(['--db', db, 'channels', 'add', '@closed', '--via', 'mtproto'], env),
      /^tgwire: collecting through MTProto needs a Telegram account: run tgwire login first/,
    );
    const list = await tgwireAsync(['--db', db, 'channels', 'list', '--json'], env);
    assert.deepEqual(JSON.parse(list.stdout), []);
  });

  it('--via auto: the preview when it works; the account for a disabled preview or a group when logged in', async () => {
    const session = join(dir, 'telegram.session');
    const db = join(dir, `a${++n}.db`);
    const env = { TGWIRE_TME_BASE: fake.baseUrl, TGWIRE_SESSION_FILE: session };
    const args = ['--db', db, 'channels', 'add', 'open', 'closed', 'chat', '--via', 'auto'];
    const without = await tgwireAsync(args, env);
    assert.equal(without.code, 0, without.stderr);
    assert.match(
      without.stdout,
      /closed: via web \(its web preview is disabled, and no Telegram account is logged in/,
    );
    assert.deepEqual(
      [await via(db, 'open'), await via(db, 'closed'), await via(db, 'chat')],
      ['web', 'web', 'web'],
    );

    writeFileSync(session, 'a session', { mode: 0o600 });
    const withSession = await tgwireAsync(args, env);
    assert.equal(withSession.code, 0, withSession.stderr);
    assert.match(withSession.stdout, /open: via web \(the web preview shows it\)/);
    assert.match(withSession.stdout, /chat: via mtproto \(it is a group or private chat/);
    assert.deepEqual(
      [await via(db, 'open'), await via(db, 'closed'), await via(db, 'chat')],
      ['web', 'mtproto', 'mtproto'],
    );
    // sync: the preview channel is read through t.me; the account's channels say the session is missing.
    const noSession = { ...env, TGWIRE_SESSION_FILE: join(dir, 'gone.session') };
    const asked = () => fake.requests.filter((q) => /closed|chat/.test(q.path)).length;
    const askedBefore = asked();
    const sync = await tgwireAsync(['--db', db, 'sync', '--json', '--no-media'], noSession);
    assert.equal(sync.code, 1, sync.stderr);
    const rows = JSON.parse(sync.stdout) as {
      channel: string;
      status: string;
      newPosts: number;
      error?: string;
    }[];
    const row = (k: string) => rows.find((r) => r.channel === k)!;
    assert.deepEqual([row('open').status, row('open').newPosts], ['ok', 3]);
    assert.equal(row('closed').status, 'error');
    assert.match(row('closed').error!, /no Telegram session .*: run tgwire login first/);
    assert.equal(asked(), askedBefore, 'the account channels were not read through t.me');
    // Back to the preview on request.
    const back = await tgwireAsync(['--db', db, 'channels', 'add', 'closed', '--via', 'web'], env);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(await via(db, 'closed'), 'web');
  });

  it('--comments is kept in the sync state of channels read through the account; refused with --via web', async () => {
    const session = join(dir, 'comments.session');
    writeFileSync(session, 'a session', { mode: 0o600 });
    const db = join(dir, `a${++n}.db`);
    const env = { TGWIRE_TME_BASE: fake.baseUrl, TGWIRE_SESSION_FILE: session };
    assertUserError(
      await tgwireAsync(['--db', db, 'channels', 'add', 'closed', '--comments'], env),
      /^tgwire: --comments needs the Telegram account: add the channel with --via mtproto \(or auto\)/,
    );
    const auto = await tgwireAsync(
      ['--db', db, 'channels', 'add', 'open', 'closed', '--via', 'auto', '--comments'],
      env,
    );
    assert.equal(auto.code, 0, auto.stderr);
    assert.match(auto.stdout, /open: comments are collected only through the account/);
    const store = await openSqliteStore(db, { readonly: true });
    try {
      const closed = await store.getSyncState('closed');
      assert.deepEqual([closed?.via, closed?.comments], ['mtproto', true]);
      assert.equal((await store.getSyncState('open'))?.comments, undefined);
    } finally {
      await store.close();
    }
  });
});

describe('tgwire login --qr', () => {
  it('without an API id and hash exits 1 with one line saying where to get them, and writes no session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tgwire-qr-'));
    try {
      const session = join(dir, 'telegram.session');
      assertUserError(
        await tgwireAsync(['--db', join(dir, 'a.db'), 'login', '--qr'], {
          TGWIRE_SESSION_FILE: session,
          TGWIRE_API_ID: '',
          TGWIRE_API_HASH: '',
        }),
        /^tgwire: an API id and hash are needed to use a Telegram account: create them at https:\/\/my\.telegram\.org/,
      );
      assert.equal(existsSync(session), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
