// Keeping an archive from the command line: imports undone, channels renamed, merged and deleted, and the JSON and
// HTML exports of one channel landing on one channel.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { emptyChannel, emptyPost, type Channel } from '../src/model/post.js';
import { initialSyncState } from '../src/pipeline/collect/state.js';
import type { ArchivedPost } from '../src/store/archive-copy.js';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';
import { fixtureFiles, projectRoot, SKIP_NO_SHARED } from './shared.js';

interface Stats {
  channels: number;
  posts: number;
  perChannel: { channel: string; posts: number }[];
}

const stats = (db: string): Stats => {
  const r = tgwire(['--db', db, 'stats', '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Stats;
};

/** The archive's channels, and its posts: rows, every version with its seen time, deletion, topics, story. */
async function dump(db: string): Promise<{ channels: Channel[]; posts: ArchivedPost[] }> {
  const store = await openSqliteStore(db, { readonly: true });
  try {
    return { channels: await store.listChannels(), posts: await store.readArchive(null, 100_000) };
  } finally {
    await store.close();
  }
}

interface ImportSummary {
  batch: number;
  channels: string[];
  posts: number;
  added: number;
  updated: number;
  unchanged: number;
  notices: string[];
}

function imported(db: string, args: string[]): ImportSummary[] {
  const r = tgwire(['--db', db, 'import', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ImportSummary[];
}

describe('tgwire imports and channels', () => {
  let dir: string;
  let base: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-channels-'));
    base = join(dir, 'base.db');
    importDemo(base);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  /** A copy of the demo archive (channel `demo`). */
  const demoDb = (): string => {
    const db = join(dir, `a${n++}.db`);
    copyFileSync(base, db);
    return db;
  };
  const fresh = (): string => join(dir, `f${n++}.db`);

  it('channels list --all shows the channels an import brought, with their languages; without it the hint says so', () => {
    const db = demoDb();
    const plain = tgwire(['--db', db, 'channels', 'list']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /no channels followed yet: .*1 in the archive: channels list --all/);
    const all = tgwire(['--db', db, 'channels', 'list', '--all', '--json']);
    assert.equal(all.code, 0, all.stderr);
    const rows = JSON.parse(all.stdout) as {
      channel: string;
      posts: number;
      status: string;
      languageMix: object;
    }[];
    assert.deepEqual(
      rows.map((r) => [r.channel, r.posts, r.status]),
      [['demo', 21, 'not followed']],
    );
    assert.deepEqual(Object.keys(rows[0]!.languageMix).sort(), ['en', 'fr', 'ru']);
  });

  it('channels list says when a channel\'s media failed: status "ok, 2 media not stored", and mediaFailed in JSON', async () => {
    const db = fresh();
    const store = await openSqliteStore(db);
    await store.follow('pics', null);
    await store.saveSyncState('pics', { ...initialSyncState(), status: 'ok' });
    const failed = { reason: 'failed' as const, detail: 'not stored: media store: cannot reach bucket b' };
    await store.savePosts(
      [1, 2].map((id) => ({
        ...emptyPost('pics', id, 'tme-html'),
        media: [{ type: 'photo' as const, supported: true, skipped: failed }],
      })),
    );
    await store.close();
    const r = tgwire(['--db', db, 'channels', 'list', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { channel: string; status: string; mediaFailed: number }[];
    assert.deepEqual(
      rows.map((x) => [x.channel, x.status, x.mediaFailed]),
      [['pics', 'ok, 2 media not stored', 2]],
    );
    assert.match(tgwire(['--db', db, 'channels', 'list']).stdout, /ok, 2 media not stored/);
  });

  it('channels add of one channel named three ways follows it once and says so once', () => {
    const db = fresh();
    const r = tgwire([
      '--db',
      db,
      'channels',
      'add',
      '@zoo_news',
      't.me/zoo_news',
      'https://t.me/zoo_news/12',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'following zoo_news\n');
  });

  it('a README imported by mistake as text into a channel is taken out again: the archive is as before', async () => {
    const db = demoDb();
    const before = await dump(db);
    const readme = join(projectRoot, 'README.md');
    const [r] = imported(db, [readme, '--format', 'text', '--channel', 'demo']);
    assert.ok(r!.added + r!.updated > 0, 'the README changed the archive');
    assert.notDeepEqual(await dump(db), before);
    const list = tgwire(['--db', db, 'imports', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const batches = JSON.parse(list.stdout) as { id: number; file: string; added: number; updated: number }[];
    const batch = batches.find((b) => b.file.endsWith('README.md'));
    assert.equal(batch?.id, r!.batch);
    assert.deepEqual([batch?.added, batch?.updated], [r!.added, r!.updated]);
    const undo = tgwire(['--db', db, 'imports', 'undo', String(r!.batch)]);
    assert.equal(undo.code, 0, undo.stderr);
    assert.match(
      undo.stdout,
      new RegExp(`undid import batch ${r!.batch}: ${r!.added} posts removed, ${r!.updated} restored`),
    );
    assert.deepEqual(await dump(db), before);
    assertUserError(tgwire(['--db', db, 'imports', 'undo', String(r!.batch)]), /already undone/);
  });

  it('an import killed part-way is listed, taken back, by imports list and undo, not denied', async () => {
    for (const command of [
      ['list', '--json'],
      ['undo', '1'],
    ]) {
      const db = fresh();
      // What a killed import leaves: its record, owned by a process that is gone, and the posts committed so far.
      const store = await openSqliteStore(db);
      const batch = await store.startImportBatch({
        file: 'killed.json',
        format: 'export-json',
        startedAt: '2024-05-01T00:00:00.000Z',
        owner: `${hostname()}:2147483646`,
      });
      await store.upsertChannel({ ...emptyChannel('killed') });
      await store.progressImportBatch(batch, { channels: ['killed'], created: ['killed'] });
      const half = [{ ...emptyPost('killed', 1, 'export-json'), text: 'half imported' }];
      await store.noteImportPosts(batch, half);
      await store.savePosts(half);
      await store.close();
      const r = tgwire(['--db', db, 'imports', ...command]);
      assert.match(
        r.stderr,
        /notice: killed\.json: import batch 1 did not finish: its 1 posts saved so far were taken back/,
      );
      if (command[0] === 'list') {
        assert.equal(r.code, 0, r.stderr);
        const [listed] = JSON.parse(r.stdout) as { id: number; undoneAt: string | null }[];
        assert.equal(listed?.id, 1);
        assert.ok(listed?.undoneAt, 'listed as undone');
      } else {
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /import batch 1 had not finished: it was taken back/);
      }
      assert.equal(stats(db).posts, 0);
    }
  });

  it('a README imported as a channel of its own is taken out again, channel and all posts', async () => {
    const db = demoDb();
    const before = await dump(db);
    const [r] = imported(db, [join(projectRoot, 'README.md'), '--format', 'text']);
    assert.equal(r!.added, r!.posts);
    assert.equal(tgwire(['--db', db, 'imports', 'undo', String(r!.batch)]).code, 0);
    assert.deepEqual(await dump(db), before);
  });

  it('imports undo refuses while a later import changed the same posts, naming it', () => {
    const db = fresh();
    const demo = join(projectRoot, 'demo', 'sample-brics.txt');
    const [first] = imported(db, [demo, '--channel', 'demo']);
    // An export into the same channel whose messages 1 and 2 say something else changes the demo's posts 1 and 2
    // (a second text dump no longer can: its posts are added, see import-text-dumps.test.ts).
    const edits = join(dir, `edits${n++}.json`);
    writeFileSync(
      edits,
      JSON.stringify({
        name: 'Demo',
        type: 'public_channel',
        id: 777,
        messages: [1, 2].map((id) => ({
          id,
          type: 'message',
          date: '2024-09-09T12:00:00',
          date_unixtime: '1725883200',
          text: `another text ${id}`,
          text_entities: [{ type: 'plain', text: `another text ${id}` }],
        })),
      }),
    );
    const [second] = imported(db, [edits, '--channel', 'demo']);
    assert.equal(second!.updated, 2);
    assertUserError(
      tgwire(['--db', db, 'imports', 'undo', String(first!.batch)]),
      new RegExp(`batch ${second!.batch} \\(.*edits\\d+\\.json\\).*tgwire imports undo ${second!.batch}`),
    );
    assertUserError(tgwire(['--db', db, 'imports', 'undo', 'x']), /not an import batch id/);
    assertUserError(tgwire(['--db', db, 'imports', 'undo', '99']), /no import batch 99/);
  });

  it('channels rename, merge and delete', () => {
    const db = demoDb();
    const posts = stats(db).posts;
    assertUserError(tgwire(['--db', db, 'channels', 'rename', 'nobody', 'x']), /no channel named nobody/);
    const ren = tgwire(['--db', db, 'channels', 'rename', 'demo', 'brics']);
    assert.equal(ren.code, 0, ren.stderr);
    assert.match(ren.stdout, new RegExp(`renamed demo to brics: ${posts} posts`));
    assert.deepEqual(
      stats(db).perChannel.map((c) => [c.channel, c.posts]),
      [['brics', posts]],
    );
    // The same feed imported again under another name, then joined: every post was in both.
    imported(db, [join(projectRoot, 'demo', 'sample-brics.txt'), '--channel', 'copy']);
    assertUserError(tgwire(['--db', db, 'channels', 'rename', 'copy', 'brics']), /channels merge copy brics/);
    assertUserError(
      tgwire(['--db', db, 'channels', 'merge', 'copy', 'nowhere']),
      /channels rename copy nowhere/,
    );
    const merge = tgwire(['--db', db, 'channels', 'merge', 'copy', 'brics', '--json']);
    assert.equal(merge.code, 0, merge.stderr);
    const m = JSON.parse(merge.stdout) as { moved: number; both: number; versionsKept: number };
    assert.deepEqual([m.moved, m.both, m.versionsKept], [0, posts, 0]);
    assert.deepEqual(
      stats(db).perChannel.map((c) => [c.channel, c.posts]),
      [['brics', posts]],
    );
    assertUserError(
      tgwire(['--db', db, 'channels', 'delete', 'brics']),
      /delete channel brics and its \d+ posts.*no terminal to ask on; run again with --yes/,
    );
    assert.equal(stats(db).posts, posts, 'refused: nothing deleted');
    const del = tgwire(['--db', db, 'channels', 'delete', 'brics', '--yes']);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, new RegExp(`deleted brics: ${posts} posts`));
    assert.deepEqual([stats(db).channels, stats(db).posts], [0, 0]);
  });

  describe('the JSON and HTML exports of the 213-message channel', () => {
    const json = fixtureFiles('export_json').find((f) => f.includes('alqaddaaree'));
    const html = fixtureFiles('export_html').find((f) => f.includes('alqaddaaree'));

    for (const [order, files] of [
      ['JSON first', () => [json!, html!]],
      ['HTML first', () => [html!, json!]],
    ] as const) {
      it(`imported without --channel, ${order}, give one channel of 213 posts; re-importing either file changes nothing`, (t) => {
        if (!json || !html) return t.skip(SKIP_NO_SHARED);
        const db = fresh();
        const [a, b] = files();
        const [first] = imported(db, [a!]);
        const [second] = imported(db, [b!]);
        assert.equal(second!.added, 0, 'the twin adds no post');
        assert.deepEqual(second!.channels, first!.channels);
        assert.ok(
          second!.notices.some((x) => /same title, \d+ of \d+ post ids with the same dates/.test(x)) ||
            order === 'JSON first',
        );
        assert.deepEqual(
          stats(db).perChannel.map((c) => c.posts),
          [213],
        );
        // Re-importing either file, in turn, changes nothing (no post, no field, no version).
        for (const f of [b!, a!, b!]) {
          const [again] = imported(db, [f]);
          assert.deepEqual([again!.added, again!.updated, again!.unchanged], [0, 0, 213], f);
        }
        // Then with --channel: no "numeric id already belongs" failure; the posts stay on the one channel.
        const named = tgwire(['--db', db, 'import', json!, '--channel', 'salaf', '--json']);
        assert.equal(named.code, 0, named.stderr);
        const [r] = JSON.parse(named.stdout) as ImportSummary[];
        assert.deepEqual(r!.channels, first!.channels);
        assert.ok(r!.notices.some((x) => x.includes(`tgwire channels rename ${first!.channels[0]} salaf`)));
        assert.deepEqual(
          stats(db).perChannel.map((c) => c.posts),
          [213],
        );
      });
    }

    it('an export named after another channel of the archive is a user error naming the fix', (t) => {
      if (!json || !html) return t.skip(SKIP_NO_SHARED);
      const db = demoDb();
      const [first] = imported(db, [json]);
      assertUserError(
        tgwire(['--db', db, 'import', json, '--channel', 'demo']),
        new RegExp(
          `numeric id \\d+ already belongs to channel ${first!.channels[0]}.*channels merge ${first!.channels[0]} demo`,
        ),
      );
    });

    it('an export imported under a name of its own merges into the channel the twin found', (t) => {
      if (!json || !html) return t.skip(SKIP_NO_SHARED);
      const db = fresh();
      imported(db, [html, '--channel', 'guess']);
      const [j] = imported(db, [json]);
      assert.deepEqual(j!.channels, ['guess'], 'the JSON twin found the HTML import by title, ids and dates');
      imported(db, [html, '--channel', 'other']);
      const merge = tgwire(['--db', db, 'channels', 'merge', 'other', 'guess', '--json']);
      assert.equal(merge.code, 0, merge.stderr);
      assert.equal((JSON.parse(merge.stdout) as { both: number }).both, 213);
      assert.deepEqual(
        stats(db).perChannel.map((c) => [c.channel, c.posts]),
        [['guess', 213]],
      );
    });
  });
});
