// tgwire's own text export read back: every post starts where an exported one did (none invented).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Post } from '../src/model/post.js';
import { importFile } from '../src/pipeline/import.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { renderTextFeed, textFeedLines } from '../src/feeds/text.js';
import { readFeed } from '../src/collectors/text/feed.js';
import { fixtureFiles, SKIP_NO_SHARED, sharedDir } from './shared.js';

// The kinds of real files that carry posts a channel published (the text dumps are the other way round).
const FOLDERS = ['tme_s_html', 'tme_embed_html', 'tme_s_fragments', 'export_json', 'export_html'];

/** The line (0-based) each post starts on in the text the posts render to. */
function startLines(posts: readonly Post[]): number[] {
  let line = 0;
  return posts.map((p) => {
    const at = line;
    line += textFeedLines(p).length;
    return at;
  });
}

describe('a channel exported as text and imported back', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-text-rt-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has the fixtures', (t) => {
    if (!sharedDir()) return t.skip(SKIP_NO_SHARED);
    assert.ok(FOLDERS.every((f) => fixtureFiles(f).length > 0));
  });

  for (const folder of FOLDERS) {
    for (const file of fixtureFiles(folder)) {
      it(`${folder}/${basename(file)}: no post invented, the posts read whole come back as written`, async () => {
        const store = await openSqliteStore(join(dir, `${folder}-${basename(file)}.db`));
        try {
          const { channels } = await importFile(store, file, { channel: 'fixture' });
          for (const channel of channels) {
            const posts: Post[] = [];
            for await (const p of store.iteratePosts({ channel })) posts.push(p);
            const text = renderTextFeed(posts);
            // A post without text or labels renders as one blank line: nothing there to read back.
            if (text.trim() === '') continue;
            const real = startLines(posts);
            const back = readFeed(text, 'back');
            assert.ok(
              back.length <= posts.length,
              `${channel}: ${posts.length} posts read back as ${back.length}`,
            );
            const startsAt = startLines(back.map((f) => f.post));
            for (const [k, f] of back.entries()) {
              const at = real.indexOf(startsAt[k]!);
              assert.ok(at >= 0, `${channel}: a post invented at line ${f.line} (${f.reason})`);
              // Where both ends are real, the post read back is the one exported, line for line (a label the web
              // preview does not write, such as an export's "File not included", comes back as a line of text).
              if (k + 1 === back.length ? at + 1 === posts.length : real[at + 1] === startsAt[k + 1])
                assert.deepEqual(textFeedLines(f.post), textFeedLines(posts[at]!));
            }
          }
        } finally {
          await store.close();
        }
      });
    }
  }

  it('solokumi (Russian posts with English prompts) comes back as at most its 6 posts', async (t) => {
    const file = fixtureFiles('tme_s_html').find((f) => f.includes('solokumi'));
    if (!file) return t.skip(SKIP_NO_SHARED);
    const store = await openSqliteStore(join(dir, 'solokumi.db'));
    try {
      const { channels } = await importFile(store, file);
      const posts: Post[] = [];
      for await (const p of store.iteratePosts({ channel: channels[0]! })) posts.push(p);
      assert.equal(posts.length, 6);
      const back = readFeed(renderTextFeed(posts), 'back');
      const real = new Set(startLines(posts));
      assert.deepEqual(
        startLines(back.map((f) => f.post)).filter((line) => !real.has(line)),
        [],
        'every post read back starts where an exported one did',
      );
      // Two own posts in one language follow each other with nothing between them: those two read as one.
      assert.equal(back.length, 5);
    } finally {
      await store.close();
    }
  });
});
