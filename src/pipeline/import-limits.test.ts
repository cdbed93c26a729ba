// Imports of posts over the limits: stored cut with a mark, named in a notice, and a re-import changes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_POST_CHARS, MAX_POST_ENTITIES } from '../model/limits.js';
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { importFile } from './import.js';

let dir: string;
let store: Store;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-import-limits-'));
  store = await openSqliteStore(join(dir, 'archive.db'));
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import limits', () => {
  it('stores a one-line post of 3,000,000 characters cut with a mark, says so, and re-imports unchanged', async () => {
    const file = join(dir, 'one-line.txt');
    const words = 'word '.repeat(600_000);
    writeFileSync(file, `Forwarded from\u00A0Somebody\n${words}\nForwarded from\u00A0Other\nshort post\n`);
    const first = await importFile(store, file, { channel: 'dump' });
    assert.equal(first.added, 2);
    const notice = first.notices.find((n) => n.includes('stored cut'));
    assert.match(
      notice ?? '',
      /one-line\.txt: post 1: text of 3,000,000 characters stored cut to [\d,]+ with a mark \(limit 100,000\)/,
    );
    const long = (await store.getPost('dump', 1))!;
    assert.ok(long.text.length <= MAX_POST_CHARS);
    assert.match(long.text, /\n\n\[… text cut by tgwire: [\d,]+ more characters not stored\]$/);
    assert.ok(long.text.startsWith('word word'));
    assert.equal((await store.getPost('dump', 2))!.text, 'short post');
    const again = await importFile(store, file, { channel: 'dump' });
    assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 2]);
  });

  it('keeps MAX_POST_ENTITIES entities of an export post with more and names the post', async () => {
    const runs = [];
    for (let i = 0; i < MAX_POST_ENTITIES + 50; i++)
      runs.push({ type: 'bold', text: 'b' }, { type: 'plain', text: ' ' });
    const file = join(dir, 'result.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Marks',
        type: 'public_channel',
        id: 777,
        messages: [
          {
            id: 5,
            type: 'message',
            date: '2024-01-01T00:00:00',
            date_unixtime: '1704067200',
            text: runs,
            text_entities: runs,
          },
        ],
      }),
    );
    const r = await importFile(store, file, { channel: 'marks' });
    assert.ok(
      r.notices.some((n) => /post 5: 50 of 10,050 entities dropped \(limit 10,000 per post\)/.test(n)),
      r.notices.join('\n'),
    );
    assert.equal((await store.getPost(r.channels[0]!, 5))!.entities.length, MAX_POST_ENTITIES);
  });
});
