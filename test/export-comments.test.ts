// `tgwire export --comments`: each post carries its comments (its discussion group's thread), newest last.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost, type Post } from '../src/model/post.js';
import { initialSyncState } from '../src/pipeline/collect/state.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, tgwireAsync } from './cli.testkit.js';

const post = (channel: string, id: number, patch: Partial<Post> = {}): Post => ({
  ...emptyPost(channel, id, 'mtproto'),
  date: `2024-09-01T10:${String(id).padStart(2, '0')}:00.000Z`,
  ...patch,
});

describe('tgwire export --comments', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-export-comments-'));
    db = join(dir, 'a.db');
    const store = await openSqliteStore(db);
    try {
      await store.follow('news', null);
      await store.saveSyncState('news', { ...initialSyncState(), via: 'mtproto', discussion: 'c9000' });
      await store.savePosts([
        post('news', 1, { text: 'The summit opens.', replies: 2 }),
        post('news', 2, { text: 'Quiet post.' }),
        post('c9000', 31, { text: 'Second', author: 'Bob', replyTo: 1 }),
        post('c9000', 30, { text: 'First', author: 'Ann', replyTo: 1 }),
        post('other', 5, { text: 'Elsewhere' }),
      ]);
    } finally {
      await store.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each post with its comments (oldest first), and the comments not again on their own', async () => {
    const r = await tgwireAsync(['--db', db, 'export', '--comments']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => `${String(l.channel)}/${String(l.id)}`),
      ['news/1', 'news/2', 'other/5'],
    );
    const comments = lines[0]!.comments as {
      channel: string;
      id: number;
      author: string;
      date: string;
      text: string;
      replyTo: number;
    }[];
    assert.deepEqual(
      comments.map((c) => [c.channel, c.id, c.author, c.date, c.text, c.replyTo]),
      [
        ['c9000', 30, 'Ann', '2024-09-01T10:30:00.000Z', 'First', 1],
        ['c9000', 31, 'Bob', '2024-09-01T10:31:00.000Z', 'Second', 1],
      ],
    );
    assert.deepEqual(lines[1]!.comments, []);
    assert.deepEqual(lines[2]!.comments, []);
  });

  it('without --comments, the comments are posts of their group like any other', async () => {
    const r = await tgwireAsync(['--db', db, 'export']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 5);
    assert.ok(lines.every((l) => !('comments' in l)));
  });

  it('refuses --comments with a format that cannot nest them', async () => {
    assertUserError(
      await tgwireAsync(['--db', db, 'export', '--comments', '--format', 'csv']),
      /^tgwire: --comments nests the comments in each post: it needs --format jsonl/,
    );
  });
});
