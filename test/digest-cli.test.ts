// `tgwire digest` as a reader uses it: the last day by default, several channels told apart, links that open.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser as MarkdownParser } from 'commonmark';
import { importDemo, tgwire } from './cli.testkit.js';
import { projectRoot } from './shared.js';

const HOUR = 3600_000;

/** A Desktop JSON export of one channel whose messages are `hoursAgo` old (relative to now: the clock is real). */
function exportJson(name: string, id: number, messages: { id: number; hoursAgo: number; text: string }[]) {
  return JSON.stringify({
    name,
    type: 'public_channel',
    id,
    messages: messages.map((m) => {
      const t = new Date(Date.now() - m.hoursAgo * HOUR);
      return {
        id: m.id,
        type: 'message',
        date: t.toISOString().slice(0, 19),
        date_unixtime: String(Math.floor(t.getTime() / 1000)),
        from: name,
        text: m.text,
        text_entities: [{ type: 'plain', text: m.text }],
      };
    }),
  });
}

describe('tgwire digest', () => {
  let dir: string;
  let env: Record<string, string>;
  const run = (args: string[], extra: Record<string, string> = {}) => tgwire(args, { ...env, ...extra });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-digest-cli-'));
    env = { TGWIRE_DB: join(dir, 'a.db') };
    importDemo(env.TGWIRE_DB!);
    for (const [file, name, id, msgs] of [
      [
        'alpha.json',
        'Alpha News',
        1001,
        [
          { id: 1, hoursAgo: 72, text: 'Alpha three days ago' },
          { id: 2, hoursAgo: 2, text: 'Alpha "fresh" news\nsecond line' },
        ],
      ],
      ['beta.json', 'Beta', 1002, [{ id: 7, hoursAgo: 1, text: 'Beta an hour ago' }]],
    ] as const) {
      const path = join(dir, file);
      writeFileSync(path, exportJson(name, id, [...msgs]));
      const r = run(['import', path, '--channel', name.split(' ')[0]!.toLowerCase()]);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says in --help that it covers the last 24 hours without --since', () => {
    const r = run(['digest', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /last 24 hours/);
  });

  it('without --since gives the last 24 hours, each post under its channel and date', () => {
    const r = run(['digest']);
    assert.equal(r.code, 0, r.stderr);
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('── '));
    assert.deepEqual(
      heads.map((h) => h.replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'DATE')),
      ['── Alpha News · DATE', '── Beta · DATE'],
      'no username and no public URL: no link',
    );
    assert.doesNotMatch(r.stdout, /three days ago/);
    assert.doesNotMatch(r.stdout, /BRICS/, 'undated posts are in no period');
    assert.match(
      r.stdout,
      /── Alpha News · .*\nAlpha "fresh" news\nsecond line\n\n── Beta · .*\nBeta an hour ago\n$/,
    );
  });

  it('--since covers more; links go to the public URL when the channel has no username', () => {
    const since = new Date(Date.now() - 96 * HOUR).toISOString().slice(0, 10);
    const r = run(['digest', '--since', since, '--format', 'md'], {
      TGWIRE_PUBLIC_URL: 'https://public.example/',
    });
    assert.equal(r.code, 0, r.stderr);
    const doc = new MarkdownParser().parse(r.stdout);
    const heads: { text: string; href: string | undefined }[] = [];
    for (let n = doc.firstChild; n; n = n.next)
      if (n.type === 'heading' && n.level === 2) {
        const a = n.firstChild!;
        let text = '';
        const w = a.walker();
        for (let e = w.next(); e; e = w.next()) if (e.entering && e.node.literal) text += e.node.literal;
        heads.push({ text, href: a.type === 'link' ? a.destination! : undefined });
      }
    assert.deepEqual(heads, [
      { text: 'Alpha three days ago', href: 'https://public.example/c/alpha/1' },
      { text: 'Alpha "fresh" news', href: 'https://public.example/c/alpha/2' },
      { text: 'Beta an hour ago', href: 'https://public.example/c/beta/7' },
    ]);
  });

  it('an empty last day says how to see more; --all gives the sample back byte for byte', () => {
    const empty = run(['digest', '--channel', 'demo']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout, '');
    assert.match(empty.stderr, /no posts in the last 24 hours .*--since DATE.*--all/);
    const all = run(['digest', '--channel', 'demo', '--all']);
    assert.equal(all.code, 0, all.stderr);
    assert.ok(
      Buffer.from(all.stdout).equals(readFileSync(join(projectRoot, 'demo', 'sample-brics.txt'))),
      'byte for byte',
    );
  });
});
