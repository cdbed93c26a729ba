// `tgwire searches add|list|show|remove` end to end on the demo archive: names and queries checked at add time,
// listed with their counts, run newest first, removed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';

describe('tgwire searches', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-searches-'));
    db = join(dir, 'a.db');
    importDemo(db);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => tgwire(['--db', db, 'searches', ...args]);

  it('adds a search, saying how many posts it finds; refuses a second of that name without --replace', () => {
    const r = run('add', 'kazan', 'kazan OR казань');
    assert.equal(r.code, 0, r.stderr);
    const n = Number(/search kazan saved; (\d+) posts? match(?:es)? now/.exec(r.stdout)?.[1]);
    assert.ok(n > 0, r.stdout);
    const direct = JSON.parse(tgwire(['--db', db, 'search', 'kazan OR казань', '--json']).stdout) as {
      total: number;
    };
    assert.equal(n, direct.total);
    // One post: "matches", as a sentence says it.
    const one = run('add', 'tatarstan', 'Tatarstan');
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, 'search tatarstan saved; 1 post matches now\n');
    assert.equal(run('remove', 'tatarstan').code, 0);
    assertUserError(
      run('add', 'kazan', 'brics'),
      /^tgwire: a search named kazan exists \("kazan OR казань"\): add --replace to change it$/,
    );
    const replaced = run('add', 'kazan', 'kazan summit', '--replace');
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(replaced.stdout, /search kazan changed/);
  });

  it('refuses a bad name, a query with a syntax error (with its column), and an unknown channel: in it', () => {
    assertUserError(
      run('add', 'Kazan', 'x'),
      /^tgwire: "Kazan" is not a search name: use 1–64 lower-case letters, digits, "-" or "_"/,
    );
    assertUserError(run('add', 'a b', 'x'), /is not a search name/);
    assertUserError(
      run('add', 'ok', 'brics (summit'),
      /^tgwire: search ok: unbalanced parenthesis at 7 in "brics \(summit"$/,
    );
    assertUserError(run('add', 'ok', '   '), /^tgwire: search ok: empty query/);
    assertUserError(
      run('add', 'ok', 'brics channel:dmeo'),
      /^tgwire: no channel named dmeo: did you mean demo\?$/,
    );
    const list = JSON.parse(run('list', '--json').stdout) as { name: string }[];
    assert.ok(!list.some((s) => s.name === 'ok'), 'nothing saved by a refused add');
  });

  it('lists the searches by name, as a table and as JSON with counts', () => {
    assert.equal(run('add', 'brics', '#brics OR brics').code, 0);
    const json = JSON.parse(run('list', '--json').stdout) as {
      name: string;
      query: string;
      posts: number;
      createdAt: string;
    }[];
    assert.deepEqual(
      json.map((s) => [s.name, s.query]),
      [
        ['brics', '#brics OR brics'],
        ['kazan', 'kazan summit'],
      ],
    );
    assert.ok(json.every((s) => s.posts > 0 && !Number.isNaN(Date.parse(s.createdAt))));
    const table = run('list');
    assert.equal(table.code, 0);
    assert.match(table.stdout, /search\s+query\s+posts\s+created/);
    assert.match(table.stdout, /brics\s+#brics OR brics\s+\d+/);
  });

  it('shows a search: its newest posts, as the search command finds them', () => {
    const r = run('show', 'brics', '--limit', '3', '--json');
    assert.equal(r.code, 0, r.stderr);
    const shown = JSON.parse(r.stdout) as {
      name: string;
      total: number;
      hits: { channel: string; id: number; date: string }[];
    };
    const direct = JSON.parse(
      tgwire(['--db', db, 'search', '#brics OR brics', '--sort', 'date', '--limit', '3', '--json']).stdout,
    ) as { total: number; hits: { channel: string; id: number }[] };
    assert.equal(shown.name, 'brics');
    assert.equal(shown.total, direct.total);
    assert.deepEqual(
      shown.hits.map((h) => `${h.channel}/${h.id}`),
      direct.hits.map((h) => `${h.channel}/${h.id}`),
    );
    assert.equal(shown.hits.length, 3);
    const dates = shown.hits.map((h) => h.date);
    assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
    const text = run('show', 'brics', '--limit', '2');
    assert.match(text.stdout, /^brics: #brics OR brics\n\d+ results, newest first\ndemo\/\d+ /);
    assertUserError(run('show', 'brisc'), /^tgwire: no saved search named brisc: did you mean brics\?$/);
    assertUserError(run('show', 'brics', '--limit', '0'), /--limit must be a positive whole number/);
  });

  it('removes a search; removing it again says there is none', () => {
    const r = run('remove', 'kazan');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /search kazan removed/);
    assertUserError(run('remove', 'kazan'), /^tgwire: no saved search named kazan: /);
    const list = JSON.parse(run('list', '--json').stdout) as { name: string }[];
    assert.deepEqual(
      list.map((s) => s.name),
      ['brics'],
    );
  });
});

describe('topic: in a query names a topic as --topic does', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-searches-topic-'));
    db = join(dir, 'a.db');
    importDemo(db);
    const added = tgwire(['--db', db, 'topics', 'add', 'brics', 'brics OR #brics']);
    assert.equal(added.code, 0, added.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const total = (...query: string[]) =>
    (JSON.parse(tgwire(['--db', db, 'search', ...query, '--json']).stdout) as { total: number }).total;

  it('in any case, in a typed search and in a saved one (kept as the archive writes it)', () => {
    const lower = total('topic:brics');
    assert.ok(lower > 0);
    assert.equal(total('topic:BRICS'), lower);
    assert.equal(total('topic:Brics', '*'), lower);
    const r = tgwire(['--db', db, 'searches', 'add', 'capt', 'topic:BRICS']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `search capt saved as topic:brics; ${lower} posts match now`);
    const shown = JSON.parse(tgwire(['--db', db, 'searches', 'show', 'capt', '--json']).stdout) as {
      total: number;
    };
    assert.equal(shown.total, lower);
  });

  it('a topic: naming no topic is an error, never an empty result', () => {
    assertUserError(
      tgwire(['--db', db, 'search', 'topic:brisc']),
      /^tgwire: no topic named brisc: did you mean brics\?$/,
    );
    assertUserError(
      tgwire(['--db', db, 'searches', 'add', 'typo', 'topic:BRISC']),
      /^tgwire: no topic named BRISC: did you mean brics\?$/,
    );
  });
});

describe('topics remove while something names the topic', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-searches-topic-rm-'));
    db = join(dir, 'a.db');
    importDemo(db);
    for (const [name, query] of [
      ['kazan', 'kazan OR казань'],
      ['brics', 'brics'],
    ])
      assert.equal(tgwire(['--db', db, 'topics', 'add', name!, query!]).code, 0);
    assert.equal(tgwire(['--db', db, 'searches', 'add', 'rb2', 'summit topic:Kazan']).code, 0);
    const hook = tgwire([
      '--db',
      db,
      'webhooks',
      'add',
      'http://127.0.0.1:9/hook',
      '--topic',
      'kazan',
      '--allow-private',
    ]);
    assert.equal(hook.code, 0, hook.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const config = (routes: string[]) => {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `routes:\n${routes.map((r) => `  - ${r}\n`).join('')}`);
    return file;
  };

  it('is refused, naming the saved searches, routes and webhooks that name it; nothing is removed', () => {
    const file = config(['{topic: brics, to: "@a"}', '{query: "topic:KAZAN kazan", to: "@b"}']);
    assertUserError(
      tgwire(['--db', db, '--config', file, 'topics', 'remove', 'KAZAN']),
      /^tgwire: topic kazan is named by saved search rb2, webhook 1 and route routes\.1: change or remove them first, or add --force$/,
    );
    const topics = JSON.parse(tgwire(['--db', db, 'topics', 'list', '--json']).stdout) as { topic: string }[];
    assert.equal(topics.length, 2);
  });

  it('with --force, says what it removed and which saved searches now fail; they then give the error', () => {
    const r = tgwire(['--db', db, 'topics', 'remove', 'kazan', '--force']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^topic kazan removed; \d+ posts were tagged with it\n$/);
    assert.match(r.stderr, /saved search rb2 now fails \(no topic named kazan\)/);
    assert.match(r.stderr, /webhook 1 gets nothing through it now/);
    assertUserError(tgwire(['--db', db, 'searches', 'show', 'rb2']), /^tgwire: no topic named kazan: /);
    const free = tgwire(['--db', db, 'topics', 'remove', 'brics']);
    assert.equal(free.code, 0, free.stderr);
    assert.match(free.stdout, /^topic brics removed; \d+ posts were tagged with it\n$/);
    assert.equal(free.stderr, '');
  });
});
