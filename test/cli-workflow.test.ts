// A user's workflow through the CLI: topics across languages, stories, slices of the archive, channel list.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { tgwire } from './cli.testkit.js';
import { projectRoot } from './shared.js';

const DEMO = join(projectRoot, 'demo', 'sample-brics.txt');

describe('tgwire workflow on the demo feed', () => {
  let dir: string;
  let run: (args: string[]) => { code: number | null; stdout: string; stderr: string };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-flow-'));
    run = (args) => tgwire(args, { TGWIRE_DB: join(dir, 'flow.db') });
    assert.equal(run(['import', DEMO, '--channel', 'sample']).code, 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a topic with an alias in another script matches every post with text, and export --topic gives them', () => {
    const add = run(['topics', 'add', 'brics', 'BRICS', '--alias', 'BRICS = БРИКС = #brics']);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /20 of 21 posts match/);
    const out = run(['export', '--format', 'jsonl', '--topic', 'brics']);
    const posts = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; topics: string[]; lang: string });
    assert.equal(posts.length, 20);
    assert.ok(posts.every((p) => p.text.length > 0 && p.topics.includes('brics')));
    assert.deepEqual([...new Set(posts.map((p) => p.lang))].sort(), ['en', 'fr', 'ru']);
  });

  it('a Russian inflected form matches through stemming: topics test shows which posts and why', () => {
    // The Russian interview says "в Казани" (locative); the query is the nominative "Казань".
    const r = run(['topics', 'test', 'Казань', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { total: number; hits: { post: string; terms: string[] }[] };
    assert.equal(res.total, 1);
    assert.equal(res.hits[0]!.post, 'sample/21');
  });

  it('lists the two multilingual stories and exports one entry per story', () => {
    const s = run(['stories', '--json']);
    assert.equal(s.code, 0, s.stderr);
    const stories = JSON.parse(s.stdout) as { posts: number; languages: string[] }[];
    assert.deepEqual(stories.map((x) => [x.posts, [...x.languages].sort().join('+')]).sort(), [
      [2, 'en+fr'],
      [2, 'fr+ru'],
    ]);
    const all = run(['export', '--format', 'jsonl']).stdout.trim().split('\n');
    const folded = run(['export', '--format', 'jsonl', '--stories']).stdout.trim().split('\n');
    assert.equal(all.length, 21);
    assert.equal(folded.length, 19);
    const stories2 = new Set(all.map((l) => (JSON.parse(l) as { story: string }).story));
    assert.equal(stories2.size, 19, 'every post carries its story id');
  });

  it('exports CSV that a spreadsheet parser reads back, one row per post', () => {
    const r = run(['export', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const rows = parseCsv(r.stdout.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 21);
    assert.equal(rows[0]!.forward_name, 'Russian MFA 🇷🇺');
    assert.ok(
      rows.some((row) => row.text!.includes('\n')),
      'multi-line text survives',
    );
  });

  it('keeps the followed channel list in the database, from any t.me link form', () => {
    assert.equal(
      run(['channels', 'add', '@MFA_Russia', 'https://t.me/s/tass_agency', 't.me/rian_ru/123']).code,
      0,
    );
    assert.equal(run(['channels', 'add', 'not a channel!']).code, 1);
    assert.equal(run(['channels', 'remove', 'rian_ru']).code, 0);
    const list = JSON.parse(run(['channels', 'list', '--json']).stdout) as {
      channel: string;
      status: string;
    }[];
    assert.deepEqual(
      list.map((c) => [c.channel, c.status]),
      [
        ['mfa_russia', 'new'],
        ['tass_agency', 'new'],
      ],
    );
  });
});
