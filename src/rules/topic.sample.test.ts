import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePath, SKIP_NO_SHARED } from '../../test/shared.js';
import { parseQuery } from '../search/parse.js';
import { byStart, readSample } from './sample.testkit.js';
import { compileTopic, tagPost } from './topic.js';

const path = samplePath();
const skip = path ? false : SKIP_NO_SHARED;

// Read by hand in the sample: the posts naming Kazan (Казани in the Russian one) and Lavrov, by how they start.
const KAZAN = [
  '🎙 President of Russia Vladimir Putin held a meeting',
  '🇷🇺🇮🇳 On September 25',
  '🌐 On September 26',
  "🎙 Russia's Foreign Minister Sergey Lavrov’s remarks and answers to media questions following the 19th East Asia Summit",
  '🇷🇺🇹🇲 On October 11',
  'L’entretien de l’Ambassadrice',
  'Интервью Чрезвычайного',
];
const LAVROV = [
  '🎙 Foreign Minister Sergey Lavrov’s remarks and answers to questions at a meeting with students',
  "🎙 Russia's Foreign Minister Sergey Lavrov’s interview with RBC",
  '🇷🇺💬 Déclarations',
  '🎙 Excerpts and key points',
  '🗓 On September 16',
  '🇷🇺🇰🇵 On September 17',
  "🎙 Russia's Foreign Minister Sergey #Lavrov’s video address",
  '🇷🇺🇮🇳 On September 25',
  "📺 Russia's Foreign Minister Sergey Lavrov’s remarks at the G20",
  '🌐 On September 26',
  '🎙Foreign Minister Sergey Lavrov’s interview to Newsweek',
  "🎙 Briefing by Russia's Foreign Ministry Spokeswoman",
  "🎙 Russia's Foreign Minister Sergey Lavrov’s remarks and answers to media questions following the 19th East Asia Summit",
];

test(
  'sample (readTextDump): BRICS matches every post with text; Kazan and Lavrov exactly the posts naming them',
  { skip },
  () => {
    const posts = readSample(path!);
    // What the text importer yields today: 21 posts (it keeps the own post "Strengthening ties…" inside the forward before it).
    assert.ok(posts.length >= 21, `only ${posts.length} posts read`);
    const topics = [
      compileTopic({ name: 'BRICS', query: parseQuery('BRICS'), aliases: [['BRICS', 'БРИКС']] }),
      compileTopic({ name: 'Kazan', query: parseQuery('Kazan'), aliases: [['Kazan', 'Казань']] }),
      compileTopic({ name: 'Lavrov', query: parseQuery('Lavrov'), aliases: [['Lavrov', 'Лавров']] }),
    ];
    const ids = (name: string): number[] =>
      posts.filter((p) => tagPost(p, topics).includes(name)).map((p) => p.id);
    const withText = posts.filter((p) => p.text.trim() !== '').map((p) => p.id);
    assert.equal(withText.length, posts.length - 1, 'the first post is a media-only forward');
    assert.deepEqual(ids('BRICS'), withText);
    const expected = (starts: string[]): number[] =>
      starts.map((s) => byStart(posts, s).id).sort((a, b) => a - b);
    assert.deepEqual(ids('Kazan'), expected(KAZAN));
    assert.deepEqual(ids('Lavrov'), expected(LAVROV));
  },
);

test('sample: languages detected per post are en, fr and ru where the file says so', { skip }, () => {
  const posts = readSample(path!);
  assert.equal(byStart(posts, '🇷🇺💬 Déclarations').lang, 'fr');
  assert.equal(byStart(posts, 'Le président russe Vladimir Poutine').lang, 'fr');
  assert.equal(byStart(posts, 'L’entretien').lang, 'fr');
  assert.equal(byStart(posts, 'Интервью').lang, 'ru');
  assert.equal(byStart(posts, '🎙 Excerpts and key points').lang, 'en');
  assert.equal(posts[0]!.lang, null);
  assert.deepEqual([...new Set(posts.map((p) => p.lang))].sort(), ['en', 'fr', 'ru', null].sort());
});
