// Config from the environment and the file: the public URL, the admin token, the search threads; bad values refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UserError } from '../util/errors.js';
import { loadConfig } from './config.js';

test('TGWIRE_PUBLIC_URL is the archive address without a trailing slash; none means null', () => {
  assert.equal(
    loadConfig({}, { TGWIRE_PUBLIC_URL: 'https://a.example/tg/' }).publicUrl,
    'https://a.example/tg',
  );
  assert.equal(loadConfig({}, {}).publicUrl, null);
  for (const bad of ['archive.example', 'ftp://a.example'])
    assert.throws(
      () => loadConfig({}, { TGWIRE_PUBLIC_URL: bad }),
      (e) => e instanceof UserError && /TGWIRE_PUBLIC_URL/.test(e.message),
    );
});

function withConfigFile(name: string, text: string, check: (path: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-config-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text);
    check(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an admin token shorter than 16 characters is refused from the environment and the file alike', () => {
  for (const bad of ['x', '                    ', '  abc  ', 'fifteen-chars-1'])
    assert.throws(
      () => loadConfig({}, { TGWIRE_ADMIN_TOKEN: bad }),
      (e) =>
        e instanceof UserError &&
        /TGWIRE_ADMIN_TOKEN: the admin token must be at least 16 characters/.test(e.message) &&
        (bad.trim() === '' || !e.message.includes(bad.trim())),
    );
  withConfigFile('c.yaml', 'adminToken: "twelve-chars"\n', (path) =>
    assert.throws(
      () => loadConfig({ config: path }, {}),
      (e) => e instanceof UserError && /adminToken: the admin token must be at least 16/.test(e.message),
    ),
  );
  assert.equal(loadConfig({}, { TGWIRE_ADMIN_TOKEN: 'sixteen-chars-ok' }).adminToken, 'sixteen-chars-ok');
  assert.equal(loadConfig({}, { TGWIRE_ADMIN_TOKEN: '' }).adminToken, null);
  withConfigFile('c.yaml', 'adminToken: "a-long-enough-file-token"\n', (path) =>
    assert.equal(loadConfig({ config: path }, {}).adminToken, 'a-long-enough-file-token'),
  );
});

test('a syntax error on a secret line names the line but never prints the secret', () => {
  const secret = 'Sup3rSecretAdminTokenValue-0123456789';
  const cases: [string, string][] = [
    ['c.yaml', `port: 8080\nadminToken: ${secret}: oops\n`],
    ['c.yaml', `port: 8080\nadminToken: "${secret}\n  x: [\n`],
    ['c.yaml', `botToken: 123456:${secret}: x\n`],
    ['c.json', `{"port": 8080,\n "adminToken": "${secret}" x}`],
  ];
  for (const [name, text] of cases)
    withConfigFile(name, text, (path) =>
      assert.throws(
        () => loadConfig({ config: path }, {}),
        (e) => {
          assert.ok(e instanceof UserError, String(e));
          assert.match(e.message, new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+: `));
          for (let i = 0; i + 6 <= secret.length; i++)
            assert.ok(!e.message.includes(secret.slice(i, i + 6)), `${name}: leaks the secret: ${e.message}`);
          return true;
        },
      ),
    );
});

test('TGWIRE_SEARCH_WORKERS sets the search threads, 0 turns them off; anything else is refused', () => {
  assert.equal(loadConfig({}, { TGWIRE_SEARCH_WORKERS: '3' }).searchWorkers, 3);
  assert.equal(loadConfig({}, { TGWIRE_SEARCH_WORKERS: '0' }).searchWorkers, 0);
  assert.equal(loadConfig({}, {}).searchWorkers, Math.min(2, availableParallelism()));
  for (const bad of ['-1', 'two', '1.5', '99'])
    assert.throws(
      () => loadConfig({}, { TGWIRE_SEARCH_WORKERS: bad }),
      (e) => e instanceof UserError && /invalid TGWIRE_SEARCH_WORKERS/.test(e.message),
    );
});

test('the PostgreSQL search index: auto by default, rum or gin from the environment or the file, else refused', () => {
  assert.equal(loadConfig({}, {}).pgSearchIndex, 'auto');
  assert.equal(loadConfig({}, { TGWIRE_PG_SEARCH_INDEX: 'rum' }).pgSearchIndex, 'rum');
  assert.throws(
    () => loadConfig({}, { TGWIRE_PG_SEARCH_INDEX: 'RUM!' }),
    (e) => e instanceof UserError && /TGWIRE_PG_SEARCH_INDEX: RUM! \(auto, gin or rum\)/.test(e.message),
  );
  withConfigFile('tgwire.json', '{"pgSearchIndex": "gin"}', (path) =>
    assert.equal(loadConfig({ config: path }, {}).pgSearchIndex, 'gin'),
  );
});

test('the Telegram account: API id and hash from the environment or the file, the session beside the archive', () => {
  const hash = '0123456789abcdef0123456789abcdef';
  const env = loadConfig({ db: '/srv/a/tgwire.db' }, { TGWIRE_API_ID: '12345', TGWIRE_API_HASH: hash });
  assert.deepEqual(env.telegram, { apiId: 12345, apiHash: hash, sessionFile: '/srv/a/telegram.session' });
  assert.deepEqual(loadConfig({}, {}).telegram, {
    apiId: null,
    apiHash: null,
    sessionFile: 'data/telegram.session',
  });
  assert.equal(
    loadConfig({}, { TGWIRE_DB: 'postgres://x/y', TGWIRE_SESSION_FILE: '/run/s' }).telegram.sessionFile,
    '/run/s',
  );
  withConfigFile('c.yaml', `telegram: { apiId: 7, apiHash: "${hash}" }\n`, (path) => {
    assert.equal(loadConfig({ config: path }, {}).telegram.apiId, 7);
  });
  assert.throws(() => loadConfig({}, { TGWIRE_API_ID: 'abc' }), /TGWIRE_API_ID/);
  assert.throws(
    () => loadConfig({}, { TGWIRE_API_HASH: 'not-a-hash-secret' }),
    (e) =>
      e instanceof UserError && /TGWIRE_API_HASH/.test(e.message) && !e.message.includes('not-a-hash-secret'),
  );
  withConfigFile('c.yaml', 'telegram: { apiHash: "wrong-secret-value" }\n', (path) => {
    assert.throws(
      () => loadConfig({ config: path }, {}),
      (e) => e instanceof UserError && !e.message.includes('wrong-secret-value'),
    );
  });
});

test('the deeper re-read: 5 pages an hour by default, set in the file, a page count under 1 refused', () => {
  assert.deepEqual(loadConfig({}, {}).recheck, { pages: 5, everyMs: 3_600_000 });
  withConfigFile('tgwire.yaml', 'recheck: { pages: 10, everyMinutes: 30 }\n', (path) =>
    assert.deepEqual(loadConfig({ config: path }, {}).recheck, { pages: 10, everyMs: 1_800_000 }),
  );
  withConfigFile('tgwire.yaml', 'recheck: { pages: 0 }\n', (path) =>
    assert.throws(
      () => loadConfig({ config: path }, {}),
      (e) => e instanceof UserError && /recheck/.test(e.message) && !e.message.includes('\n    at '),
    ),
  );
});

test('config mistakes say what is expected: JSON syntax with line and column, route chats, the Bot API root', () => {
  const refused = (name: string, text: string, message: RegExp) =>
    withConfigFile(name, text, (path) =>
      assert.throws(
        () => loadConfig({ config: path }, {}),
        (e) => e instanceof UserError && message.test(e.message),
      ),
    );
  refused('c.json', '{"routes": [ }', /c\.json:1:14: Unexpected token '}' \(invalid JSON\)/);
  refused(
    'a.yaml',
    'routes:\n  - { channel: x }\n',
    /routes\.0\.to: missing: the chats to send to, "@channel_name"/,
  );
  refused(
    'b.yaml',
    'routes:\n  - { channel: x, to: "not a chat" }\n',
    /routes\.0\.to: "not a chat" is not a chat: expected "@channel_name" or a numeric chat id/,
  );
  withConfigFile(
    'd.yaml',
    'routes:\n  - { channel: x, to: ["@my_mirror", -1001234567890, "-100123"] }\n',
    (path) => assert.equal(loadConfig({ config: path }, {}).routes.length, 1),
  );
  assert.throws(
    () => loadConfig({}, { TGWIRE_BOT_API_ROOT: 'not a url' }),
    (e) => e instanceof UserError && /^TGWIRE_BOT_API_ROOT: not an http\(s\) address/.test(e.message),
  );
  assert.equal(
    loadConfig({}, { TGWIRE_BOT_API_ROOT: 'http://127.0.0.1:8081' }).botApiRoot,
    'http://127.0.0.1:8081',
  );
});

test('a misspelt key is refused in every part of the file, naming the file, the key path and the close key', () => {
  const cases: [string, RegExp][] = [
    [
      'politeness: { intervalMS: 60000 }\n',
      /: politeness: Unrecognized key: "intervalMS"; did you mean "intervalMs"\?$/,
    ],
    [
      'politeness: { intervalMS: 1, timeoutMS: 1, zzzzzz: 1 }\n',
      /: politeness: Unrecognized keys: .*; did you mean "intervalMs" for "intervalMS", "timeoutMs" for "timeoutMS"\?$/,
    ],
    [
      'channels:\n  - { channel: "@feedjam", dpeth: "2024-01-01" }\n',
      /: channels\.0: Unrecognized key: "dpeth"; did you mean "depth"\?$/,
    ],
    [
      'topics:\n  - { name: a, query: b, alias: [] }\n',
      /: topics\.0: Unrecognized key: "alias"; did you mean "aliases"\?$/,
    ],
    [
      'routes:\n  - { to: "@abcde", topik: x }\n',
      /: routes\.0: Unrecognized key: "topik"; did you mean "topic"\?$/,
    ],
    ['telegram: { apiID: 1 }\n', /: telegram: Unrecognized key: "apiID"; did you mean "apiId"\?$/],
    [
      'media: { s3: { bucket: b, regon: x } }\n',
      /: media\.s3: Unrecognized key: "regon"; did you mean "region"\?$/,
    ],
    ['politness: {}\n', /: \(top level\): Unrecognized key: "politness"; did you mean "politeness"\?$/],
    ['recheck: { qqqqqq: 1 }\n', /: recheck: Unrecognized key: "qqqqqq"$/],
  ];
  for (const [text, message] of cases)
    withConfigFile('c.yaml', text, (path) =>
      assert.throws(
        () => loadConfig({ config: path }, {}),
        (e) => e instanceof UserError && e.message.startsWith(`${path}: `) && message.test(e.message),
        text,
      ),
    );
});

test('a channel in the file that is not one is refused naming the file and the entry', () => {
  const cases: [string, string][] = [
    ['channels:\n  - "@foo bar"\n', 'channels.0'],
    ['channels:\n  - "@feedjam"\n  - { channel: "@foo bar" }\n', 'channels.1.channel'],
  ];
  for (const [text, at] of cases)
    withConfigFile('c.yaml', text, (path) =>
      assert.throws(
        () => loadConfig({ config: path }, {}),
        (e) =>
          e instanceof UserError &&
          e.message === `${path}: ${at}: "@foo bar" is not a channel: use @name or a t.me/name link`,
      ),
    );
  withConfigFile('c.yaml', 'channels: ["@feedjam", { channel: "t.me/s/abcde", depth: 3 }]\n', (path) =>
    assert.equal(loadConfig({ config: path }, {}).channels.length, 2),
  );
});

test('a short admin token in a file given by a relative path names the file by its absolute path', () =>
  withConfigFile('c.yaml', 'adminToken: "twelve-chars"\n', (path) =>
    assert.throws(
      () => loadConfig({ config: relative(process.cwd(), path) }, {}),
      (e) => e instanceof UserError && e.message.startsWith(`${path}: adminToken: the admin token must be`),
    ),
  ));

test('an S3 prefix is one folder spelling, ending in "/": another would be another set of files for gc to remove', () => {
  const s3 = (prefix: string) => loadConfig({}, { TGWIRE_S3_BUCKET: 'b', TGWIRE_S3_PREFIX: prefix }).media.s3;
  assert.equal(s3('tg/arch/')?.prefix, 'tg/arch/');
  assert.equal(s3('')?.prefix, '');
  for (const bad of ['tg/arch', '/tg/arch/'])
    assert.throws(
      () => s3(bad),
      (e) =>
        e instanceof UserError && e.message.includes('TGWIRE_S3_PREFIX') && e.message.includes('"tg/arch/"'),
    );
  withConfigFile('tgwire.yaml', 'media:\n  s3: { bucket: b, prefix: tgwire }\n', (path) =>
    assert.throws(
      () => loadConfig({ config: path }, {}),
      (e) => e instanceof UserError && e.message.includes('media.s3.prefix "tgwire"'),
    ),
  );
});
