// Invalid UTF-8 in an HTML source: a notice naming the file and byte, and never a new version of a stored post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../store/sqlite/index.js';
import { importFile } from './import.js';

const here = dirname(fileURLToPath(import.meta.url));
const exportPage = join(here, '../collectors/export/testdata/split/messages.html');
const tmePage = join(here, '../collectors/tme/testdata/raw_page.html.txt');

/** The page with one byte that is no UTF-8 (0xFF) put inside `word`, and the byte's offset. */
function garble(path: string, word: string): { bytes: Buffer; offset: number } {
  const clean = readFileSync(path);
  const at = clean.indexOf(word) + 2;
  assert.ok(at > 1, `${word} in ${path}`);
  return {
    bytes: Buffer.concat([clean.subarray(0, at), Buffer.from([0xff]), clean.subarray(at)]),
    offset: at,
  };
}

for (const c of [
  { name: 'export HTML', source: exportPage, file: 'messages.html', word: 'label', channel: 'study' },
  { name: 'saved t.me page', source: tmePage, file: 'page.html', word: 'Quote', channel: undefined },
])
  test(`${c.name}: invalid UTF-8 is a notice with the byte, and stored posts keep their text`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tgwire-garbled-'));
    const store = await openSqliteStore(join(dir, 'a.db'));
    try {
      const clean = join(dir, 'clean', c.file);
      const bad = join(dir, 'bad', c.file);
      for (const d of [dirname(clean), dirname(bad)]) mkdirSync(d);
      writeFileSync(clean, readFileSync(c.source));
      const { bytes, offset } = garble(c.source, c.word);
      writeFileSync(bad, bytes);
      const opts = c.channel ? { channel: c.channel } : {};
      const first = await importFile(store, clean, opts);
      const posts = await store.queryPosts({ channel: first.channels[0]! });
      const target = posts.find((p) => p.text.includes(c.word));
      assert.ok(target, `a post with "${c.word}"`);
      const versionsBefore = (await store.getVersions(target.channel, target.id)).length;

      const second = await importFile(store, bad, opts);
      assert.ok(
        second.notices.some((n) => n.startsWith(bad) && n.includes(`invalid UTF-8 at byte ${offset}`)),
        `notices: ${second.notices.join(' | ')}`,
      );
      const after = await store.getPost(target.channel, target.id);
      assert.equal(after?.text, target.text, 'the stored text is kept');
      assert.equal((await store.getVersions(target.channel, target.id)).length, versionsBefore);
      assert.equal(second.updated, 0, 'no post changed');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
