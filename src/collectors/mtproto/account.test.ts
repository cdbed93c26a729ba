import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { UserError } from '../../util/errors.js';
import { login, logout, openAccount, type AccountSettings, type Prompter } from './account.js';
import { SessionLockedError, SessionMissingError, lockSession } from './session.js';
import { StubTelegram, floodWait } from './stub.testkit.js';

function settings(): AccountSettings {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-session-'));
  return {
    apiId: 12345,
    apiHash: '0123456789abcdef0123456789abcdef',
    sessionFile: join(dir, 'telegram.session'),
  };
}

/** Answers the prompts in order; records what was asked and said. */
function script(...answers: string[]): Prompter & { asked: string[]; said: string[]; secret: boolean[] } {
  const asked: string[] = [];
  const said: string[] = [];
  const secret: boolean[] = [];
  return {
    asked,
    said,
    secret,
    async ask(q, o) {
      asked.push(q);
      secret.push(o?.secret === true);
      const a = answers.shift();
      if (a === undefined) throw new Error(`unexpected prompt: ${q}`);
      return a;
    },
    say: (line) => void said.push(line),
  };
}

const mode = (path: string) => statSync(path).mode & 0o777;

test('login with a code stores the session with mode 0600, and never says it', async () => {
  const tg = new StubTelegram({ phone: '+10000000000', code: '12345' });
  const s = settings();
  const p = script('+1 000 000-0000', '12 345');
  await login(tg.open, s, p);
  const stored = readFileSync(s.sessionFile, 'utf8');
  assert.equal(stored, tg.sessions.at(-1));
  assert.equal(mode(s.sessionFile), 0o600);
  assert.ok(!p.said.some((l) => l.includes(stored)));
  assert.equal(p.asked.length, 2);
  assert.equal(tg.closed, 1);
  assert.equal(existsSync(`${s.sessionFile}.lock`), false);
});

test('login with two-step verification asks the password as a secret', async () => {
  const tg = new StubTelegram({ phone: '+10000000000', code: '12345', password: 'hunter2' });
  const s = settings();
  const p = script('+10000000000', '12345', 'hunter2');
  await login(tg.open, s, p);
  assert.deepEqual(p.secret, [false, false, true]);
  assert.equal(tg.count('checkPassword'), 1);
  assert.equal(mode(s.sessionFile), 0o600);
});

test('a wrong code or password is asked again; three wrong ones end the login without a session', async () => {
  const tg = new StubTelegram({ phone: '+10000000000', code: '12345', password: 'pw' });
  const s = settings();
  const p = script('+10000000000', '11111', '12345', 'nope', 'pw');
  await login(tg.open, s, p);
  assert.deepEqual(p.said.slice(0, 2), ['the code is wrong; try again', 'the password is wrong; try again']);
  assert.ok(existsSync(s.sessionFile));

  const s2 = settings();
  const tg2 = new StubTelegram({ phone: '+10000000000', code: '12345' });
  await assert.rejects(login(tg2.open, s2, script('+10000000000', '1', '2', '3')), (e: Error) => {
    assert.ok(e instanceof UserError);
    assert.match(e.message, /the code was wrong 3 times: run tgwire login again/);
    return true;
  });
  assert.equal(existsSync(s2.sessionFile), false);
  assert.equal(existsSync(`${s2.sessionFile}.lock`), false);
});

test('Telegram refusals during login are one clear line: unknown number, flood wait, no API id', async () => {
  const tg = new StubTelegram();
  await assert.rejects(login(tg.open, settings(), script('+19999999999')), /international format/);
  tg.failNext('sendCode', floodWait(300));
  await assert.rejects(login(tg.open, settings(), script('+10000000000')), /wait 300 s/);
  await assert.rejects(
    login(tg.open, { ...settings(), apiId: null }, script()),
    /my\.telegram\.org.*TGWIRE_API_ID and TGWIRE_API_HASH/,
  );
});

test('one session, one process: a live holder is named by pid, a dead one is taken over', async () => {
  const s = settings();
  const release = lockSession(s.sessionFile);
  await assert.rejects(login(new StubTelegram().open, s, script()), (e: Error) => {
    assert.ok(e instanceof SessionLockedError);
    assert.match(e.message, new RegExp(`in use by process ${process.pid}`));
    return true;
  });
  release();
  // A holder that died without releasing (kill -9): its pid no longer runs.
  const child = spawn(process.execPath, ['-e', '0']);
  const deadPid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  writeFileSync(`${s.sessionFile}.lock`, `${deadPid}\n`);
  const tg = new StubTelegram();
  await login(tg.open, s, script('+10000000000', '12345'));
  assert.equal(existsSync(`${s.sessionFile}.lock`), false);
});

test('collecting opens the stored session under the lock; logout ends it and deletes the file', async () => {
  const tg = new StubTelegram();
  const s = settings();
  await assert.rejects(openAccount(tg.open, s), SessionMissingError);
  await login(tg.open, s, script('+10000000000', '12345'));
  const account = await openAccount(tg.open, s);
  assert.throws(() => lockSession(s.sessionFile), SessionLockedError);
  await account.close();
  assert.equal(mode(s.sessionFile), 0o600);
  assert.equal(await logout(tg.open, s), true);
  assert.equal(tg.count('logOut'), 1);
  assert.equal(existsSync(s.sessionFile), false);
  assert.equal(await logout(tg.open, s), false);
});

test('a damaged session file is one clear line saying to log in again', async () => {
  const s = settings();
  writeFileSync(s.sessionFile, 'garbage', { mode: 0o600 });
  await assert.rejects(openAccount(new StubTelegram().open, s), (e: Error) => {
    assert.ok(e instanceof UserError);
    assert.match(
      e.message,
      /cannot be used \(Telegram API error 401: AUTH_KEY_UNREGISTERED\): run tgwire login again/,
    );
    return true;
  });
  assert.equal(existsSync(`${s.sessionFile}.lock`), false);
});
