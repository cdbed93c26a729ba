// Loud mistakes: unknown names, impossible dates, a --db in no folder and a file of no known format are user
// errors that say what was meant, never an empty answer or a new empty archive.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';
import { SKIP_NO_SHARED, sharedDir } from './shared.js';

describe('tgwire: loud mistakes', () => {
  let dir: string;
  let base: string;
  let n = 0;
  /** A copy of the base archive (the demo feed as channel demo, topic brics) for a test that changes it. */
  const fresh = (): string => {
    const db = join(dir, `m${++n}.db`);
    copyFileSync(base, db);
    return db;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-mistakes-'));
    base = join(dir, 'base.db');
    importDemo(base);
    const t = tgwire(['--db', base, 'topics', 'add', 'brics', 'BRICS OR #brics']);
    assert.equal(t.code, 0, t.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A config file whose routes are `routes` (YAML flow mappings). */
  const configWith = (routes: string[]): string => {
    const file = join(dir, `config-${++n}.yaml`);
    writeFileSync(file, `routes:\n${routes.map((r) => `  - ${r}\n`).join('')}`);
    return file;
  };

  it('an unknown channel is "no channel named X" with the nearest name, in every command that takes one', () => {
    const db = base;
    for (const args of [
      ['export', '--channel', 'dmeo'],
      ['digest', '--channel', 'dmeo'],
      ['stories', '--channel', 'dmeo'],
      ['search', 'brics', '--channel', 'dmeo'],
      ['channels', 'set', 'dmeo', '--lang', 'ru'],
      ['channels', 'relabel', 'dmeo'],
      ['stories', 'split', 'dmeo/1'],
      ['search', 'brics channel:dmeo'],
    ])
      assertUserError(tgwire(['--db', db, ...args]), /^tgwire: no channel named dmeo: did you mean demo\?$/);
  });

  it('a count that is not a whole number of one or more is refused by name, never an empty answer', () => {
    for (const [args, flag] of [
      [['search', 'brics', '--limit', 'abc'], '--limit'],
      [['search', 'brics', '--limit', ''], '--limit'],
      [['stories', '--limit', 'abc'], '--limit'],
      [['stories', '--limit', '0'], '--limit'],
      [['topics', 'test', 'brics', '--limit', '-1'], '--limit'],
      [['topics', 'test', 'brics', '--limit', '2.5'], '--limit'],
    ] as const)
      assertUserError(
        tgwire(['--db', base, ...args]),
        new RegExp(`^tgwire: ${flag} must be a positive whole number$`),
      );
  });

  it('a port that is not one is refused by where it was written, before anything listens', () => {
    for (const p of ['abc', '99999', '-1', ''])
      assertUserError(
        tgwire(['--db', base, 'serve', '--no-collect', '--port', p]),
        new RegExp(`^tgwire: --port: "${p}" is not a port \\(a whole number from 0 to 65535\\)$`),
      );
    assertUserError(
      tgwire(['--db', base, 'serve', '--no-collect'], { TGWIRE_PORT: 'eighty' }),
      /^tgwire: TGWIRE_PORT: "eighty" is not a port \(a whole number from 0 to 65535\)$/,
    );
  });

  it('an empty channel or topic name (an unset variable) is refused, never an empty answer', () => {
    for (const args of [
      ['search', 'brics', '--channel', ''],
      ['export', '--channel', ''],
      ['stories', '--channel', ' '],
      ['digest', '--channel', ''],
    ])
      assertUserError(tgwire(['--db', base, ...args]), /^tgwire: --channel: give a channel name$/);
    for (const args of [
      ['search', 'brics', '--topic', ''],
      ['export', '--topic', ''],
    ])
      assertUserError(tgwire(['--db', base, ...args]), /^tgwire: --topic: give a topic name$/);
  });

  it('an unknown topic is "no topic named X" with the nearest name, in every command that takes one', () => {
    for (const args of [
      ['export', '--topic', 'brisc'],
      ['digest', '--topic', 'brisc'],
      ['stories', '--topic', 'brisc'],
      ['search', 'lavrov', '--topic', 'brisc'],
      ['topics', 'remove', 'brisc'],
      ['search', 'lavrov OR topic:brisc'],
    ])
      assertUserError(
        tgwire(['--db', base, ...args]),
        /^tgwire: no topic named brisc: did you mean brics\?$/,
      );
  });

  it('topics add refuses a name another topic has case aside, and a query naming an unknown channel', () => {
    const db = fresh();
    assertUserError(
      tgwire(['--db', db, 'topics', 'add', 'BRICS', 'BRICS']),
      /^tgwire: a topic named brics exists \(topic names are matched case aside\): tgwire topics add brics QUERY changes it$/,
    );
    assertUserError(
      tgwire(['--db', db, 'topics', 'add', 'chq', 'channel:nosuch x']),
      /^tgwire: no channel named nosuch: /,
    );
    const changed = tgwire(['--db', db, 'topics', 'add', 'brics', 'BRICS']);
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /^topic brics changed \(was "BRICS OR #brics"\); /);
    const list = JSON.parse(tgwire(['--db', db, 'topics', 'list', '--json']).stdout) as { name: string }[];
    assert.deepEqual(
      list.map((t) => t.name),
      ['brics'],
    );
  });

  it('with no close name, the message lists what there is', () => {
    assertUserError(
      tgwire(['--db', base, 'export', '--channel', 'zzzzzzzz']),
      /no channel named zzzzzzzz: the channels are demo$/,
    );
    assertUserError(
      tgwire(['--db', base, 'digest', '--topic', 'qqqqqqqq']),
      /no topic named qqqqqqqq: the topics are brics$/,
    );
    const empty = join(dir, 'empty.db');
    assert.equal(tgwire(['--db', empty, 'channels', 'list']).code, 0, 'a new, empty archive');
    assertUserError(
      tgwire(['--db', empty, 'export', '--channel', 'demo']),
      /no channel named demo: the archive has no channels yet/,
    );
  });

  it('known names in another spelling still work: case, t.me link', () => {
    const plain = tgwire(['--db', base, 'export', '--channel', 'demo']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(plain.stdout.length > 0);
    for (const spelling of ['DEMO', 'https://t.me/demo']) {
      const r = tgwire(['--db', base, 'export', '--channel', spelling]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout === plain.stdout, `${spelling} exports other posts than demo`);
    }
    const inQuery = tgwire(['--db', base, 'search', 'kazan channel:demo topic:brics', '--json']);
    assert.equal(inQuery.code, 0, inQuery.stderr);
    assert.ok((JSON.parse(inQuery.stdout) as { total: number }).total > 0, 'channel: and topic: in a query');
    const topic = tgwire(['--db', base, 'export', '--topic', 'BRICS']);
    assert.equal(topic.code, 0, topic.stderr);
    assert.ok(topic.stdout.length > 0, 'the topic matched posts');
  });

  it('a publish route to an unknown channel or topic is refused before anything is planned', () => {
    assertUserError(
      tgwire([
        '--db',
        base,
        '--config',
        configWith(['{channel: dmeo, to: "@mirror"}']),
        'publish',
        '--dry-run',
      ]),
      /^tgwire: \S+config-\d+\.yaml: route channel:dmeo: no channel named dmeo: did you mean demo\?$/,
    );
    assertUserError(
      tgwire([
        '--db',
        base,
        '--config',
        configWith(['{channel: demo, to: "@mirror"}', '{topic: brisc, to: "@mirror"}']),
        'publish',
        '--dry-run',
      ]),
      /^tgwire: \S+config-\d+\.yaml: route topic:brisc: no topic named brisc: did you mean brics\?$/,
    );
    assertUserError(
      tgwire([
        '--db',
        base,
        '--config',
        configWith(['{query: "Riyadh ()", to: "@m"}']),
        'publish',
        '--dry-run',
      ]),
      /^tgwire: \S+config-\d+\.yaml: routes\.0 \(query: Riyadh \(\)\): query: empty parentheses at \d+$/,
    );
    assertUserError(
      tgwire([
        '--db',
        base,
        '--config',
        configWith(['{channel: demo, to: "@m", languages: [english]}']),
        'publish',
        '--dry-run',
      ]),
      /^tgwire: \S+config-\d+\.yaml: routes\.0 \(channel: demo\): languages: "english" is not an ISO 639-1 language code/,
    );
    const ok = tgwire([
      '--db',
      fresh(),
      '--config',
      configWith([
        '{channel: demo, to: "@mirror"}',
        '{topic: brics, to: "@mirror"}',
        '{query: kazan, to: "@m"}',
      ]),
      'publish',
      '--dry-run',
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /dry run: \d+ message/);
    // A route on a saved search names one the archive keeps.
    const db = fresh();
    assertUserError(
      tgwire([
        '--db',
        db,
        '--config',
        configWith(['{search: kazan-news, to: "@m"}']),
        'publish',
        '--dry-run',
      ]),
      /^tgwire: \S+config-\d+\.yaml: route search:kazan-news: no saved search named kazan-news: no saved searches yet \(tgwire searches add NAME 'QUERY'\)$/,
    );
    assert.equal(tgwire(['--db', db, 'searches', 'add', 'kazan', 'kazan']).code, 0);
    assertUserError(
      tgwire(['--db', db, '--config', configWith(['{search: kazn, to: "@m"}']), 'publish', '--dry-run']),
      /^tgwire: \S+config-\d+\.yaml: route search:kazn: no saved search named kazn: did you mean kazan\?$/,
    );
    const saved = tgwire([
      '--db',
      db,
      '--config',
      configWith(['{search: kazan, to: "@m"}']),
      'publish',
      '--dry-run',
      '--all',
    ]);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(saved.stdout, /dry run: [1-9]\d* message/);
  });

  it('channels remove of a channel not followed fails and unfollows none of the others', () => {
    const db = fresh();
    assertUserError(
      tgwire(['--db', db, 'channels', 'remove', 'durov']),
      /^tgwire: not following durov: no channel is followed/,
    );
    assert.equal(tgwire(['--db', db, 'channels', 'add', 'durov', 'telegram']).code, 0);
    assertUserError(
      tgwire(['--db', db, 'channels', 'remove', 'telegram', 'durv']),
      /^tgwire: not following durv: did you mean durov\?$/,
    );
    const list = JSON.parse(tgwire(['--db', db, 'channels', 'list', '--json']).stdout) as {
      channel: string;
    }[];
    assert.deepEqual(list.map((f) => f.channel).sort(), ['durov', 'telegram']);
    const removed = tgwire(['--db', db, 'channels', 'remove', '@telegram']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /no longer following telegram/);
  });

  it('an impossible date is refused in every date option', () => {
    for (const [args, flag, shown, why] of [
      [['export', '--since', '2024-02-30'], '--since', '2024-02-30', 'February 2024 has 29 days'],
      [['digest', '--until', '2024-13-01'], '--until', '2024-13-01', 'there is no month 13'],
      [['stories', '--since', '2023-02-29'], '--since', '2023-02-29', 'February 2023 has 28 days'],
      [
        ['search', 'brics', '--until', '2024-04-31T10:00Z'],
        '--until',
        '2024-04-31T10:00Z',
        'April 2024 has 30 days',
      ],
      [
        ['publish', '--dry-run', '--since', '2024-02-30'],
        '--since',
        '2024-02-30',
        'February 2024 has 29 days',
      ],
    ] as [string[], string, string, string][])
      assertUserError(
        tgwire(['--db', base, ...args]),
        new RegExp(`^tgwire: ${flag}: not a date: ${shown.replace(/[-+]/g, '\\$&')} \\(${why}\\)$`),
      );
  });

  it('--since after --until is refused in every command that takes both, never an empty answer', () => {
    for (const args of [['search', 'brics'], ['export'], ['digest'], ['stories']])
      assertUserError(
        tgwire(['--db', base, ...args, '--since', '2025-01-01', '--until', '2024-06-01T10:00Z']),
        /^tgwire: --since 2025-01-01 is not before --until 2024-06-01T10:00Z: no post can be in that range$/,
      );
    // The same day at both ends, or a range in order, is not a mistake.
    const ok = tgwire(['--db', base, 'search', 'brics', '--since', '2024-10-01', '--until', '2024-10-31']);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('a topic name that queries and URLs cannot carry is refused, and nothing is saved', () => {
    const db = fresh();
    for (const name of ['', 'a b', 'x'.repeat(65), 'brics:summit'])
      assertUserError(
        tgwire(['--db', db, 'topics', 'add', name, 'brics']),
        /^tgwire: ".*" is not a topic name: use 1–64 letters, digits, "-" or "_"$/,
      );
    const saved = tgwire(['--db', db, 'topics', 'add', 'саммит_2024', 'саммит']);
    assert.equal(saved.code, 0, saved.stderr);
    const list = JSON.parse(tgwire(['--db', db, 'topics', 'list', '--json']).stdout) as { name: string }[];
    assert.deepEqual(list.map((t) => t.name).sort(), ['brics', 'саммит_2024']);
  });

  it('a --db that is not a SQLite file is refused as not an archive, and the file is left as it was', () => {
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n');
    assertUserError(
      tgwire(['--db', file, 'stats']),
      /^tgwire: .*notes\.db: not a tgwire archive \(the file is not a SQLite database\)$/,
    );
    assert.equal(readFileSync(file, 'utf8'), 'these are my notes, not a database\n');
  });

  it('channels add --depth with an impossible date follows nothing', () => {
    const db = fresh();
    assertUserError(
      tgwire(['--db', db, 'channels', 'add', 'durov', '--depth', '2024-02-30']),
      /^tgwire: --depth: not a date: 2024-02-30 \(February 2024 has 29 days\)$/,
    );
    const list = JSON.parse(tgwire(['--db', db, 'channels', 'list', '--json']).stdout) as unknown[];
    assert.deepEqual(list, []);
  });

  it('a config channel whose depth is an impossible date is refused', () => {
    const file = join(dir, 'bad-depth.yaml');
    writeFileSync(file, 'channels:\n  - {channel: durov, depth: "2024-02-30"}\n');
    assertUserError(tgwire(['--db', base, '--config', file, 'stats']), /channels\.0.*a date like 2024-01-31/);
  });

  it('a config topic whose name no query can carry is refused, naming the entry', () => {
    const file = join(dir, 'bad-topic.yaml');
    writeFileSync(file, 'topics:\n  - {name: "BRICS summit", query: brics}\n');
    assertUserError(
      tgwire(['--db', base, '--config', file, 'stats']),
      /^tgwire: .*bad-topic\.yaml: topics\.0\.name: not a topic name: use 1–64 letters, digits, "-" or "_"$/,
    );
  });

  it('--db in a folder that does not exist is an error, and no folder or archive is made', () => {
    const missing = join(dir, 'no-such-folder');
    // A command that only reads needs the archive itself; one that writes, at least its folder.
    for (const [args, message] of [
      [['stats'], /^tgwire: no archive at .*archive\.db: the file does not exist \(check --db/],
      [['export'], /^tgwire: no archive at .*archive\.db: the file does not exist \(check --db/],
      [
        ['import', join(dir, 'whatever.txt')],
        /^tgwire: database .*archive\.db: the folder .*no-such-folder does not exist \(create it first, or check the path\)$/,
      ],
    ] as const) {
      assertUserError(tgwire(['--db', join(missing, 'archive.db'), ...args]), message);
      assert.equal(existsSync(missing), false, 'the folder was created');
    }
    assertUserError(
      tgwire(['stats'], { TGWIRE_DB: join(missing, 'env.db') }),
      /no archive at .*no-such-folder.*env\.db: the file does not exist/,
    );
    assertUserError(tgwire(['--db', dir, 'stats']), /is a folder: give a file path/);
    assertUserError(
      // The source is checked before the target is reached (port 1: nothing listens there).
      tgwire(['migrate-store', '--from', join(dir, 'never.db'), '--to', 'postgres://127.0.0.1:1/none']),
      /no archive at .*never\.db: the file does not exist/,
    );
    assert.equal(existsSync(join(dir, 'never.db')), false);
  });

  it('a PostgreSQL URL that reaches no archive is a user error, its password never shown', () => {
    // Port 1: nothing listens there.
    assertUserError(
      tgwire(['--db', 'postgres://me:S3cretPW@127.0.0.1:1/none', 'stats']),
      /^tgwire: postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/none: cannot open the database: .*ECONNREFUSED/,
    );
    assertUserError(
      tgwire(['--db', 'postgres://127.0.0.1:1/none?schema=information_schema', 'stats']),
      /schema "information_schema" is the server's own/,
    );
    assertUserError(
      tgwire(['--db', 'postgres://127.0.0.1:1/none?schema=pg_catalog', 'stats']),
      /schema "pg_catalog" is the server's own/,
    );
    assertUserError(
      tgwire(['--db', 'postgres://127.0.0.1:1/none?schema=a&schema=b', 'stats']),
      /names 2 schemas \(\?schema=a, b\): give one/,
    );
  });

  it('a fresh machine: the default archive path makes its folder; a new --db file is made by a command that writes', () => {
    const home = join(dir, 'fresh-checkout');
    mkdirSync(home);
    // Nothing from the environment: the archive is the built-in default, ./data/tgwire.db.
    const r = tgwire(['stats', '--json'], { TGWIRE_DB: undefined }, home);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(home, 'data', 'tgwire.db')), 'the default archive was created');
    // A named archive is not made by a command that only reads (a typo would give an empty answer); import makes it.
    assertUserError(tgwire(['--db', join(home, 'mine.db'), 'stats'], {}, home), /no archive at .*mine\.db/);
    assert.ok(!existsSync(join(home, 'mine.db')));
    const named = tgwire(['--db', join(home, 'mine.db'), 'channels', 'list'], {}, home);
    assert.equal(named.code, 0, named.stderr);
    assert.ok(existsSync(join(home, 'mine.db')));
  });

  /** Every post and channel in the archive, read in-process. */
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

  it('import refuses a README (text of no known format) unless --format text is given', async () => {
    const db = fresh();
    const before = await snapshot(db);
    const readme = join(dir, 'README.md');
    writeFileSync(
      readme,
      '# notes\n\nHow to run the archive:\n\n- npm ci\n- npm start\n\nSee the docs for the configuration.\n',
    );
    assertUserError(
      tgwire(['--db', db, 'import', readme]),
      /^tgwire: .*README\.md: not a t\.me page, a Telegram Desktop export or a text dump \(no "Forwarded from" line, media placeholder or Desktop copy header in its first 64 KB\); give --format text to import it as a text dump of own posts anyway$/,
    );
    assert.equal(await snapshot(db), before, 'the archive changed');
    const forced = tgwire(['--db', db, 'import', readme, '--format', 'text', '--channel', 'notes', '--json']);
    assert.equal(forced.code, 0, forced.stderr);
    const [r] = JSON.parse(forced.stdout) as { format: string; added: number }[];
    assert.equal(r!.format, 'text');
    assert.ok(r!.added > 0);
  });

  it("import refuses the sample's own README, and still recognises the sample beside it", (t) => {
    const shared = sharedDir();
    if (!shared) return t.skip(SKIP_NO_SHARED);
    const db = join(dir, 'sample.db');
    assertUserError(
      tgwire(['--db', db, 'import', join(shared, 'sample', 'README.md')]),
      /README\.md: not a t\.me page.*give --format text/,
    );
    const sample = tgwire([
      '--db',
      db,
      'import',
      join(shared, 'sample', '000_656d5bba123a02d1.txt'),
      '--json',
    ]);
    assert.equal(sample.code, 0, sample.stderr);
    assert.equal((JSON.parse(sample.stdout) as { format: string }[])[0]!.format, 'text');
  });
});
