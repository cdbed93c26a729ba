// `tgwire export --versions`: every version of an edited post and when a deleted one was marked, in the JSONL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost, type Post } from '../src/model/post.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, tgwireAsync } from './cli.testkit.js';

const post = (id: number, patch: Partial<Post> = {}): Post => ({
  ...emptyPost('news', id, 'tme-live'),
  date: `2024-09-0${id}T06:00:00.000Z`,
  ...patch,
});

describe('tgwire export --versions', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-export-versions-'));
    db = join(dir, 'a.db');
    const store = await openSqliteStore(db);
    try {
      await store.savePosts([post(1, { text: 'Summit on 22 October' }), post(2, { text: 'Briefing' })], {
        seenAt: '2024-09-09T00:00:00.000Z',
      });
      await store.savePosts([post(1, { text: 'CORRECTED: summit on 23 October', edited: true })], {
        seenAt: '2024-10-01T00:00:00.000Z',
      });
      await store.markDeleted('news', [2], '2024-10-02T00:00:00.000Z');
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('writes every version of a post, oldest first, with when the archive saw it; a deleted post says when', async () => {
    const r = await tgwireAsync(['--db', db, 'export', '--versions']);
    assert.equal(r.code, 0, r.stderr);
    const [edited, deleted] = lines(r.stdout);
    assert.deepEqual(edited!.versions, [
      { text: 'Summit on 22 October', entities: [], editDate: null, seenAt: '2024-09-09T00:00:00.000Z' },
      {
        text: 'CORRECTED: summit on 23 October',
        entities: [],
        editDate: null,
        seenAt: '2024-10-01T00:00:00.000Z',
      },
    ]);
    assert.equal(deleted!.deletedAt, '2024-10-02T00:00:00.000Z');
  });

  it('without it, posts carry no versions but a deleted one still says when it was marked', async () => {
    const r = await tgwireAsync(['--db', db, 'export']);
    assert.equal(r.code, 0, r.stderr);
    const [edited, deleted] = lines(r.stdout);
    assert.ok(!('versions' in edited!));
    assert.ok(!('deletedAt' in edited!));
    assert.equal(deleted!.deletedAt, '2024-10-02T00:00:00.000Z');
  });

  it('is refused for other formats, naming the one it needs', async () => {
    assertUserError(
      await tgwireAsync(['--db', db, 'export', '--versions', '--format', 'csv']),
      /--format jsonl/,
    );
  });
});
