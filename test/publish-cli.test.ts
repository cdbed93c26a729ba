// `tgwire publish --dry-run` shows exactly what would be sent; a new route starts now unless --since says otherwise.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tgwire } from './cli.testkit.js';

const HOUR = 3600_000;
const LONG = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} ${'x'.repeat(900)}`).join('\n\n');

function message(id: number, hoursAgo: number, text: string) {
  const t = new Date(Date.now() - hoursAgo * HOUR);
  return {
    id,
    type: 'message',
    date: t.toISOString().slice(0, 19),
    date_unixtime: String(Math.floor(t.getTime() / 1000)),
    from: 'Alpha News',
    text,
    text_entities: [{ type: 'plain', text }],
  };
}

/** A Desktop JSON export of channel "Alpha News" (id 1001) holding these messages, in `dir`; its path. */
function alphaExport(dir: string, messages: unknown[]): string {
  const file = join(dir, 'alpha.json');
  writeFileSync(file, JSON.stringify({ name: 'Alpha News', type: 'public_channel', id: 1001, messages }));
  return file;
}

describe('tgwire publish --dry-run', () => {
  let dir: string;
  let env: Record<string, string>;
  const run = (args: string[], extra: Record<string, string> = {}) =>
    tgwire(['publish', '--dry-run', ...args], { ...env, ...extra });
  const since = () => new Date(Date.now() - 96 * HOUR).toISOString().slice(0, 10);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-publish-cli-'));
    const exportFile = alphaExport(dir, [message(1, 72, 'Three days old'), message(2, 2, LONG)]);
    const config = join(dir, 'tgwire.config.yaml');
    writeFileSync(config, 'routes:\n  - channel: alpha\n    to: "@mirror"\n    footer: "Source: {link}"\n');
    env = { TGWIRE_DB: join(dir, 'a.db'), TGWIRE_CONFIG: config };
    const r = tgwire(['import', exportFile, '--channel', 'alpha'], env);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a new route starts now: the archived posts are counted as not sent, nothing is planned', () => {
    const r = run([]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /channel:alpha -> @mirror: a new route, starting .*; 2 earlier or undated post\(s\) will not be sent/,
    );
    assert.match(r.stdout, /dry run: 0 message\(s\)/);
    assert.doesNotMatch(r.stdout, /Three days old/);
  });

  it('with --since, prints every message in full: own posts without "Forwarded from", parts, entities', () => {
    const r = run(['--since', since()], { TGWIRE_PUBLIC_URL: 'https://public.example' });
    assert.equal(r.code, 0, r.stderr);
    const blocks = r.stdout.split(/\n(?=── )/);
    const heads = blocks.map((b) => b.split('\n')[0]);
    assert.deepEqual(heads.slice(0, 3), [
      '── channel:alpha -> @mirror · alpha/1 · sendMessage',
      '── channel:alpha -> @mirror · alpha/2 · part 1 of 2 · sendMessage',
      '── channel:alpha -> @mirror · alpha/2 · part 2 of 2 · sendMessage',
    ]);
    assert.doesNotMatch(r.stdout, /Forwarded from/);
    assert.equal(
      blocks[0],
      [
        heads[0],
        'Alpha News',
        'Three days old',
        '',
        'Source: https://public.example/c/alpha/1',
        'entities:',
        '  text_link 0+10 "Alpha News" -> https://public.example/c/alpha/1',
        '',
      ].join('\n'),
    );
    // The long post in full, over its two parts: every paragraph is there, the footer ends the last part.
    // A block's text: the lines between its head line and its entity list.
    const body = (b: string) => b.slice(b.indexOf('\n') + 1, b.lastIndexOf('\nentities:'));
    const long = `${body(blocks[1]!)}\n${body(blocks[2]!)}`;
    for (let i = 0; i < 6; i++)
      assert.ok(long.includes(`Paragraph ${i} ${'x'.repeat(900)}`), `paragraph ${i}`);
    assert.match(blocks[2]!, /Source: https:\/\/public\.example\/c\/alpha\/2\nentities:/);
    assert.match(r.stdout, /dry run: 3 message\(s\)/);
  });

  it('--all gives a new route the whole archive', () => {
    const r = run(['--all']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dry run: 3 message\(s\)/);
    assert.doesNotMatch(r.stdout, /a new route, starting/);
  });

  it('without a public URL a post with no t.me page has no link line, never an empty one', () => {
    const r = run(['--since', since()]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Source:/);
    assert.match(
      r.stdout,
      /── channel:alpha -> @mirror · alpha\/1 · sendMessage\nAlpha News\nThree days old\nentities: none\n/,
    );
  });
});

describe('tgwire publish --once with the Bot API out of reach', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-publish-down-'));
    const exportFile = alphaExport(dir, [message(1, 2, 'One')]);
    const config = join(dir, 'tgwire.config.yaml');
    writeFileSync(config, 'routes:\n  - channel: alpha\n    to: "@mirror"\n');
    env = {
      TGWIRE_DB: join(dir, 'a.db'),
      TGWIRE_CONFIG: config,
      TGWIRE_BOT_TOKEN: '123:TEST',
      // Nothing listens on port 9 (discard) of 127.0.0.1.
      TGWIRE_BOT_API_ROOT: 'http://127.0.0.1:9',
    };
    assert.equal(tgwire(['import', exportFile, '--channel', 'alpha'], env).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 saying so, and --status shows the error on the route', () => {
    const r = tgwire(['publish', '--once', '--all'], env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^0 sent/m);
    assert.match(r.stderr, /1 chat\(s\) could not be sent to \(publish --status/);
    const st = tgwire(['publish', '--status'], env);
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, /channel:alpha +@mirror +ok +1 planned +could not send at \S+: .*sendMessage/);
  });

  it('--status lists every configured route and chat, one that never ran too', () => {
    const config = join(dir, 'two.config.yaml');
    writeFileSync(
      config,
      'routes:\n  - channel: alpha\n    to: "@mirror"\n  - { channel: alpha, to: "@second", id: second }\n',
    );
    const st = tgwire(['publish', '--status'], { ...env, TGWIRE_CONFIG: config });
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, /channel:alpha +@mirror +ok +1 planned/);
    assert.match(st.stdout, /second +@second +not run yet/);
    // The outbox of a route the config no longer lists is still shown, so its history is not lost from view.
    const none = join(dir, 'none.config.yaml');
    writeFileSync(none, 'routes:\n  - { channel: alpha, to: "@second", id: second }\n');
    const gone = tgwire(['publish', '--status'], { ...env, TGWIRE_CONFIG: none });
    assert.match(gone.stdout, /channel:alpha +@mirror +ok \(no longer in the config\)/);
  });
});

describe('tgwire publish --help', () => {
  it('names the settings of the bot: its token and the Bot API server', () => {
    const r = tgwire(['publish', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /TGWIRE_BOT_TOKEN/);
    assert.match(
      r.stdout,
      /TGWIRE_BOT_API_ROOT +another Bot API server.*\(default https:\/\/api\.telegram\.org\)/,
    );
  });
});
