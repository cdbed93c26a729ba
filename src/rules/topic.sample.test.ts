import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePath, SKIP_NO_SHARED } from '../../test/shared.js';
import { detectLang } from './lang.js';
import { splitSample } from './sample.testkit.js';
import { compileTopic, tagPost } from './topic.js';

const path = samplePath();

test(
  'sample: BRICS matches every post with text; Kazan and Lavrov match exactly the posts naming them',
  { skip: path ? false : SKIP_NO_SHARED },
  () => {
    const posts = splitSample(path!).map((p) => ({ ...p, lang: detectLang(p.text) }));
    assert.equal(posts.length, 22);
    const topics = [
      compileTopic({ name: 'BRICS', query: { kind: 'term', value: 'BRICS' }, aliases: [['BRICS', 'БРИКС']] }),
      compileTopic({
        name: 'Kazan',
        query: { kind: 'term', value: 'Kazan' },
        aliases: [['Kazan', 'Казань']],
      }),
      compileTopic({
        name: 'Lavrov',
        query: { kind: 'term', value: 'Lavrov' },
        aliases: [['Lavrov', 'Лавров']],
      }),
    ];
    const ids = (name: string): number[] =>
      posts.filter((p) => tagPost(p, topics).includes(name)).map((p) => p.id);
    // Post 1 is a media-only forward: it has no text.
    assert.deepEqual(
      ids('BRICS'),
      posts.filter((p) => p.text !== '').map((p) => p.id),
    );
    assert.equal(ids('BRICS').length, 21);
    // Read by hand: "Kazan" in posts 8, 13, 15, 19, 20, 21 (French) and "Казани" in 22 (Russian).
    assert.deepEqual(ids('Kazan'), [8, 13, 15, 19, 20, 21, 22]);
    // "Lavrov"/"#Lavrov" in the English forwards and "Lavrov" in the French own post 5.
    assert.deepEqual(ids('Lavrov'), [2, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 17, 19]);
  },
);

test('sample: languages detected per post', { skip: path ? false : SKIP_NO_SHARED }, () => {
  const langs = splitSample(path!).map((p) => detectLang(p.text));
  assert.deepEqual(langs, [
    null,
    'en',
    'en',
    'en',
    'fr',
    'en',
    'fr',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'en',
    'fr',
    'ru',
  ]);
});
