import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePath, SKIP_NO_SHARED } from '../../test/shared.js';
import { detectLang } from '../rules/lang.js';
import { splitSample } from '../rules/sample.testkit.js';
import { groupStories } from './stories.js';

const path = samplePath();

test('sample: the Riyadh remarks and the ambassador interview are one story each, nothing else is grouped', { skip: path ? false : SKIP_NO_SHARED }, () => {
  const posts = splitSample(path!).map((p) => ({ ...p, lang: detectLang(p.text) }));
  assert.ok(posts[4]!.text.startsWith('🇷🇺💬 Déclarations'));
  assert.ok(posts[5]!.text.startsWith('🎙 Excerpts and key points'));
  assert.ok(posts[20]!.text.startsWith('L’entretien'));
  assert.ok(posts[21]!.text.startsWith('Интервью'));
  const { stories } = groupStories(posts);
  const grouped = stories
    .filter((s) => s.members.length > 1)
    .map((s) => s.members.map((m) => `${m.key}:${m.reason}`).sort())
    .sort();
  assert.deepEqual(grouped, [
    ['sample/21:canonical', 'sample/22:translation'],
    ['sample/5:canonical', 'sample/6:translation'],
  ]);
  assert.equal(stories.length, 20);
});
