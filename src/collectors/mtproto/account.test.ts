import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { UserError } from '../../util/errors.js';
import { login, loginQr, logout, openAccount, type AccountSettings, type Prompter } from './account.js';
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

/** QR drawings said so far: each is a block of lines of half-block characters. */
const qrCodes = (said: string[]) => said.filter((l) => /[▀▄█]{3}/.test(l) && l.split('\n').length > 10);

test('login by QR code draws the login URL, draws it again when renewed, and stores the session 0600', async () => {
  const tg = new StubTelegram();
  tg.qr = { codes: 2, then: 'accept' };
  const s = settings();
  const p = script();
  await loginQr(tg.open, s, p);
  const drawn = qrCodes(p.said);
  assert.equal(drawn.length, 2);
  assert.match(drawn[0]!, /^Scan this QR code with the Telegram app/);
  assert.match(drawn[1]!, /^The code was renewed/);
  assert.notEqual(drawn[0]!.split('\n').slice(1).join('\n'), drawn[1]!.split('\n').slice(1).join('\n'));
  const stored = readFileSync(s.sessionFile, 'utf8');
  assert.equal(stored, tg.sessions.at(-1));
  assert.equal(mode(s.sessionFile), 0o600);
  assert.ok(!p.said.some((l) => l.includes(stored)));
  assert.deepEqual(p.asked, []);
  assert.equal(tg.closed, 1);
  assert.equal(existsSync(`${s.sessionFile}.lock`), false);
});

test('login by QR code asks the two-step password as a secret, again after a wrong one', async () => {
  const tg = new StubTelegram({ phone: '+10000000000', code: '12345', password: 'hunter2' });
  const s = settings();
  const p = script('wrong', 'hunter2');
  await loginQr(tg.open, s, p);
  assert.deepEqual(p.secret, [true, true]);
  assert.equal(p.said.filter((l) => l === 'the password is wrong; try again').length, 1);
  assert.equal(readFileSync(s.sessionFile, 'utf8'), tg.sessions.at(-1));

  const again = new StubTelegram({ phone: '+10000000000', code: '12345', password: 'hunter2' });
  const s2 = settings();
  await assert.rejects(
    loginQr(again.open, s2, script('a', 'b', 'c')),
    (e: Error) => e instanceof UserError && /password was wrong 3 times/.test(e.message),
  );
  assert.equal(existsSync(s2.sessionFile), false);
});

test('a refused or unscanned QR code ends the login with one clear line and no session', async () => {
  const denied = new StubTelegram();
  denied.qr = { codes: 1, then: 'deny' };
  const s = settings();
  await assert.rejects(
    loginQr(denied.open, s, script()),
    (e: Error) =>
      e instanceof UserError &&
      /^Telegram refused the QR code \(AUTH_TOKEN_EXPIRED.*run tgwire login --qr again$/.test(e.message) &&
      !e.message.includes('\n'),
  );
  assert.equal(existsSync(s.sessionFile), false);
  assert.equal(existsSync(`${s.sessionFile}.lock`), false);

  // Nobody scans: Telegram would renew the code forever; the login stops after the codes it draws.
  const ignored = new StubTelegram();
  ignored.qr = { codes: 10, then: 'never' };
  const p = script();
  await assert.rejects(
    loginQr(ignored.open, s, p, { maxCodes: 2 }),
    (e: Error) =>
      e instanceof UserError && /^the QR code was not scanned in time \(2 codes drawn\)/.test(e.message),
  );
  assert.equal(qrCodes(p.said).length, 2);
  assert.equal(existsSync(s.sessionFile), false);
  assert.equal(ignored.closed, 1);
});
