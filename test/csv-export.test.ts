// The researchers' CSV of every real captured file and of the sample, read back by csv-parse: every column, one row
// per post, and the values a researcher relies on (forward origins, reactions, service rows, domains, stories).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { CSV_COLUMNS } from '../src/feeds/csv.js';
import { emptyPost } from '../src/model/post.js';
import { importFile } from '../src/pipeline/import.js';
import { archiveCsv } from '../src/pipeline/publish/csv.js';
import { assignStories } from '../src/pipeline/stories.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { tgwire } from './cli.testkit.js';
import { FIXTURE_FOLDERS, fixtureFiles, SKIP_NO_SHARED, projectRoot, sharedDir } from './shared.js';

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

/** Parses strictly: a row with a missing or extra cell is an error, not a shorter record. */
function readBack(csv: string): Row[] {
  const rows = parseCsv(csv, { columns: true, relax_column_count: false }) as Row[];
  for (const r of rows) assert.deepEqual(Object.keys(r), [...CSV_COLUMNS]);
  return rows;
}

async function exportCsv(store: Store): Promise<string> {
  let out = '';
  for await (const chunk of archiveCsv(store, store.iteratePosts({ order: 'asc' }))) out += chunk;
  return out;
}

describe('CSV export of every file of ../shared/fixtures', () => {
  let dir: string;
  /** Rows per fixture file name, for the spot checks below. */
  const byFile = new Map<string, Row[]>();
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-csv-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has the fixtures', (t) => {
    if (!sharedDir()) return t.skip(SKIP_NO_SHARED);
    assert.ok(FIXTURE_FOLDERS.every((f) => fixtureFiles(f).length > 0));
  });

  for (const folder of FIXTURE_FOLDERS) {
    for (const file of fixtureFiles(folder)) {
      it(`${folder}/${basename(file)}: csv-parse reads every column, one row per post`, async () => {
        const store = await openSqliteStore(join(dir, `${folder}-${basename(file)}.db`));
        try {
          const r = await importFile(store, file, { channel: 'fixture' });
          await assignStories(store);
          const rows = readBack(await exportCsv(store));
          assert.equal(rows.length, r.posts);
          assert.equal(rows.length, await store.countPosts({}));
          for (const row of rows) {
            assert.match(row.id, /^\d+$/);
            assert.ok(row.date === '' || !Number.isNaN(Date.parse(row.date)), row.date);
            if (row.date) assert.equal(new Date(row.date).toISOString(), row.date, 'ISO 8601 UTC');
            assert.ok(['true', 'false'].includes(row.is_forward));
            if (row.story) assert.notEqual(row.story_reason, '', `${row.channel}/${row.id} says why`);
            if (row.reactions) {
              const counts = JSON.parse(row.reactions) as Record<string, number>;
              const total = Object.values(counts).reduce((a, b) => a + b, 0);
              assert.equal(String(total), row.reactions_total);
            }
          }
          byFile.set(basename(file), rows);
        } finally {
          await store.close();
        }
      });
    }
  }

  const rowsOf = (name: string): Row[] | undefined => [...byFile].find(([file]) => file.includes(name))?.[1];

  it('a forward names its origin: title, username, post and link', (t) => {
    const rows = rowsOf('repost');
    if (!rows) return t.skip(SKIP_NO_SHARED);
    const r = rows[0]!;
    assert.deepEqual(
      [r.is_forward, r.forward_name, r.forward_username, r.forward_post_id, r.forward_url],
      [
        'true',
        'СТОПКОРОНАВИРУС.РФ',
        'stopcoronavirusrussia',
        '4268',
        'https://t.me/stopcoronavirusrussia/4268',
      ],
    );
    assert.equal(r.url, 'https://t.me/meduzalive/40984');
    assert.equal(r.channel_title, 'Медуза — LIVE');
  });

  it('reactions are a total and a JSON object per emoji (custom and paid ones included)', (t) => {
    const rows = rowsOf('solokumi');
    if (!rows) return t.skip(SKIP_NO_SHARED);
    const r = rows.find((x) => x.reactions.includes('"paid":1'));
    assert.ok(r, 'a post with a paid reaction');
    const counts = JSON.parse(r.reactions) as Record<string, number>;
    assert.equal(counts['🔥'], 127);
    assert.equal(counts['custom:5451655521285207600'], 2);
    assert.equal(r.reactions_total, '245');
  });

  it('service messages say what they are instead of blank rows', (t) => {
    const rows = rowsOf('uponthepathofsalaf__export_result');
    if (!rows) return t.skip(SKIP_NO_SHARED);
    const services = rows.filter((r) => r.service);
    assert.ok(services.length > 0);
    assert.ok(services.every((r) => r.text === '' || r.service !== ''));
    assert.ok(
      services.some((r) => r.service.startsWith('pin_message: ') && r.service.endsWith(' pinned post 4')),
      services.map((r) => r.service).join('\n'),
    );
    assert.ok(services.some((r) => r.service.startsWith('create_channel: ')));
    const joins = rowsOf('telegram_group_lesson')!.filter((r) => r.service);
    assert.ok(joins.some((r) => r.service === 'join_group_by_link: Jalilov joined by link from Group'));
  });

  it('links give their domains; mentions and hashtags are lists', (t) => {
    const rows = rowsOf('lexfridman.html');
    if (!rows) return t.skip(SKIP_NO_SHARED);
    const withYoutube = rows.find((r) => r.domains.split(';').includes('youtube.com'));
    assert.ok(withYoutube, 'a post linking to YouTube');
    assert.ok(withYoutube.urls.split(';').some((u) => new URL(u).hostname.endsWith('youtube.com')));
    const voice = rowsOf('message_voice')![0]!;
    assert.deepEqual(voice.mentions.split(';'), ['@kakberadio', '@kakberadiobot']);
  });

  it('a deleted post says so, and when', async (t) => {
    const file = fixtureFiles('tme_s_html').find((f) => f.includes('feedjam'));
    if (!file) return t.skip(SKIP_NO_SHARED);
    const store = await openSqliteStore(join(dir, 'deleted.db'));
    try {
      const r = await importFile(store, file);
      await store.markDeleted(r.channels[0]!, [1], '2024-10-01T00:00:00.000Z');
      const rows = readBack(await exportCsv(store));
      const gone = rows.find((x) => x.id === '1')!;
      assert.deepEqual([gone.deleted, gone.deleted_at], ['true', '2024-10-01T00:00:00.000Z']);
      assert.ok(rows.filter((x) => x.id !== '1').every((x) => x.deleted === 'false' && x.deleted_at === ''));
    } finally {
      await store.close();
    }
  });
});

describe('tgwire export --format csv of the sample', () => {
  let dir: string;
  let rows: Row[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-csv-sample-'));
    const env = { TGWIRE_DB: join(dir, 'sample.db') };
    const sample = join(projectRoot, 'demo', 'sample-brics.txt');
    assert.equal(tgwire(['import', sample, '--channel', 'sample'], env).code, 0);
    const topic = tgwire(['topics', 'add', 'brics', 'BRICS', '--alias', 'BRICS = БРИКС = #brics'], env);
    assert.equal(topic.code, 0, topic.stderr);
    const r = tgwire(['export', '--format', 'csv'], env);
    assert.equal(r.code, 0, r.stderr);
    rows = readBack(r.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const post = (id: number): Row => rows.find((r) => r.id === String(id))!;

  it('one row per post, every column', () => {
    assert.equal(rows.length, 21);
    assert.ok(
      rows.some((r) => r.text.includes('\n')),
      'multi-line text survives',
    );
  });

  it('forwards name their origin; topics and hashtags are lists', () => {
    assert.deepEqual([post(2).is_forward, post(2).forward_name], ['true', 'Russian MFA 🇷🇺']);
    assert.deepEqual([post(3).is_forward, post(3).forward_name], ['true', 'Russian Embassy in India']);
    assert.equal(post(2).topics, 'brics');
    assert.equal(rows.filter((r) => r.topics.split(';').includes('brics')).length, 20);
    assert.deepEqual(post(3).hashtags.split(';'), [
      '#brics',
      '#fсs',
      '#russiaindia',
      '#russianindiancooperation',
      '#aeo',
    ]);
  });

  it('the two stories: each translation names its story, why it joined and what it shared', () => {
    const grouped = new Map<string, Row[]>();
    for (const r of rows) grouped.set(r.story, [...(grouped.get(r.story) ?? []), r]);
    const stories = [...grouped.values()].filter((g) => g.length > 1);
    assert.deepEqual(
      stories.map((g) => g.map((r) => [r.id, r.lang, r.story_reason])),
      [
        [
          ['5', 'fr', 'canonical'],
          ['6', 'en', 'translation'],
        ],
        [
          ['20', 'fr', 'canonical'],
          ['21', 'ru', 'translation'],
        ],
      ],
    );
    assert.equal(post(6).story, post(5).story);
    assert.match(post(6).story_evidence, /^translation of sample\/5 \(\d+\.\d\d\): /);
    assert.match(post(21).story_evidence, /^translation of sample\/20 /);
    assert.equal(post(5).story_evidence, '', 'the canonical post shares nothing with itself');
    assert.ok(
      rows.every((r) => r.story !== '' && r.story_reason !== ''),
      'every post is in a story',
    );
  });
});

describe('tgwire export --format csv: formula guard and byte-order mark', () => {
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-csv-guard-'));
    env = { TGWIRE_DB: join(dir, 'guard.db') };
    const store = await openSqliteStore(env.TGWIRE_DB!);
    await store.savePosts(
      ['=HYPERLINK("http://x.example","click")', '+1 github action', '-5 degrees', '@name said', 'plain'].map(
        (text, i) => ({ ...emptyPost('guard', i + 1, 'text'), text, author: i === 3 ? '@𝐑𝐮𝐬𝐭𝐚𝐦' : null }),
      ),
    );
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("puts a ' before cells a spreadsheet would read as a formula, and nothing before others", () => {
    const r = tgwire(['export', '--format', 'csv'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('channel,'), 'no BOM by default');
    const rows = readBack(r.stdout);
    assert.deepEqual(
      rows.map((x) => x.text),
      [
        '\'=HYPERLINK("http://x.example","click")',
        "'+1 github action",
        "'-5 degrees",
        "'@name said",
        'plain',
      ],
    );
    assert.equal(rows[3]!.signature, "'@𝐑𝐮𝐬𝐭𝐚𝐦");
  });

  it('--no-formula-guard writes the cells as they are; --bom starts with the UTF-8 byte-order mark', () => {
    const raw = tgwire(['export', '--format', 'csv', '--no-formula-guard', '--bom'], env);
    assert.equal(raw.code, 0, raw.stderr);
    assert.ok(raw.stdout.startsWith('\uFEFFchannel,'));
    const rows = readBack(raw.stdout.slice(1));
    assert.equal(rows[1]!.text, '+1 github action');
  });

  it('refuses the CSV options with another format, in one line', () => {
    const r = tgwire(['export', '--format', 'jsonl', '--bom'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr.trim(), /^tgwire: --bom is a CSV option: it needs --format csv$/);
  });
});
