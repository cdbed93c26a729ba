// Test helper: the shared sample feed read with the real text importer, and posts found by how they start.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { readTextDump } from '../collectors/text/index.js';
import type { Post } from '../model/post.js';
import { detectLang } from './lang.js';

/** Posts of the sample (ids in file order, undated), with their detected language. */
export function readSample(path: string): (Post & { lang: string | null })[] {
  return readTextDump(readFileSync(path, 'utf8'), { channel: 'sample', where: path })
    .flatMap((e) => (e.type === 'post' ? [e.post] : []))
    .map((p) => ({ ...p, lang: detectLang(p.text) }));
}

/**
 * The post starting with `start` (leading blank lines ignored); fails unless exactly one does, so expectations
 * written as starts stay tied to the file.
 */
export function byStart<P extends Post>(posts: readonly P[], start: string): P {
  const found = posts.filter((p) => p.text.trimStart().startsWith(start));
  assert.equal(found.length, 1, `${found.length} posts start with ${JSON.stringify(start)}`);
  return found[0]!;
}
