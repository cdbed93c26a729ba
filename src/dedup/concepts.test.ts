import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldText } from '../text/fold.js';
import { emptyPost } from '../model/post.js';
import { conceptsIn } from './concepts.js';
import { groupStories, type StoryInput } from './stories.js';

const concepts = (text: string): string[] => [...conceptsIn(foldText(text)).keys()].sort();

test('one statement names the same concepts in words that share no letters', () => {
  const want = ['attack', 'condemn', 'condolences', 'terror', 'victims'];
  assert.deepEqual(
    concepts(
      'The Secretary-General condemns the terrorist attack and extends his condolences to the victims.',
    ),
    want,
  );
  assert.deepEqual(
    concepts(
      "Le Secrétaire général condamne l'attentat terroriste et présente ses condoléances aux victimes.",
    ),
    want,
  );
  assert.deepEqual(concepts('يدين الأمين العام الهجوم الإرهابي ويعرب عن تعازيه للضحايا'), want);
  assert.deepEqual(concepts('秘书长谴责这起恐怖袭击，并向遇难者表示慰问。'), want);
  assert.deepEqual(
    concepts('Генсек осуждает террористическую атаку и выражает соболезнования пострадавшим, жертвам'),
    ['attack', 'condemn', 'condolences', 'injured', 'terror', 'victims'],
  );
});

test('Hebrew prefixes, Vietnamese syllables, Urdu and Malay', () => {
  assert.deepEqual(concepts('ראש הממשלה מגנה את הפיגוע'), [
    'attack',
    'condemn',
    'government',
    'prime_minister',
  ]);
  assert.deepEqual(concepts('Thủ tướng lên án vụ tấn công'), ['attack', 'condemn', 'prime_minister']);
  assert.deepEqual(concepts('وزیر اعظم نے حملے کی مذمت کی'), ['attack', 'condemn', 'prime_minister']);
  assert.deepEqual(concepts('Perdana Menteri mengutuk serangan itu'), [
    'attack',
    'condemn',
    'prime_minister',
  ]);
});

test('Arabic clitics, phrases, whole words and apostrophes', () => {
  // و + ب + the article before the word; a phrase across words with the article.
  assert.deepEqual(concepts('وبالهجوم'), ['attack']);
  assert.deepEqual(concepts('دعا إلى وقف إطلاق النار'), ['ceasefire']);
  assert.deepEqual(concepts('appelle au cessez-le-feu'), ['ceasefire']);
  assert.deepEqual(concepts("прем'єр-міністр"), ['prime_minister']);
  // `=` words match alone: "war" is not "warm", "aid" is not "aids".
  assert.deepEqual(concepts('warm aids'), []);
  assert.deepEqual(concepts('the war and aid'), ['aid', 'war']);
  // A stem matches the words it begins only.
  assert.deepEqual(concepts('recondemned'), []);
});

function post(channel: string, id: number, lang: string, text: string): StoryInput {
  return { ...emptyPost(channel, id, 'tme-html'), date: '2024-03-23T10:00:00Z', text, lang };
}

test('an Arabic version with one name joins through its concepts; without them it stays apart', () => {
  const en = post(
    'oic_en',
    1,
    'en',
    'The Secretary General strongly condemns the terrorist attack on a concert hall in Krasnogorsk and expresses his condolences to the families of the victims and wishes a speedy recovery to the injured.',
  );
  const ar = post(
    'oic_ar',
    2,
    'ar',
    'يدين الأمين العام بشدة الهجوم الإرهابي على قاعة للحفلات الموسيقية في كراسنوغورسك ويعرب عن تعازيه لأسر الضحايا ويتمنى الشفاء العاجل للجرحى.',
  );
  const { stories } = groupStories([en, ar]);
  assert.equal(stories.length, 1);
  const joined = stories[0]!.members.find((m) => m.reason !== 'canonical')!;
  assert.equal(joined.reason, 'translation');
  const items = joined.evidence?.items ?? [];
  assert.ok(
    items.some((e) => e.startsWith('concept:condemn')),
    `concepts shown as evidence: ${items.join('; ')}`,
  );
  // The same name with other words (a visit, not a condemnation) is not enough.
  const other = post('oic_ar', 3, 'ar', 'وصل الأمين العام إلى كراسنوغورسك في إطار جولة تشمل عدة مدن روسية.');
  assert.equal(groupStories([en, other]).stories.length, 2);
});

test("a meeting's readout names the same concepts in English, Russian, Arabic and Chinese", () => {
  const want = ['bilateral', 'cooperation', 'economy', 'meeting', 'talks_discussed', 'trade'];
  assert.deepEqual(
    concepts('At the meeting they discussed bilateral cooperation in trade and the economy.'),
    want,
  );
  assert.deepEqual(
    concepts('На встрече обсудили двустороннее сотрудничество в области торговли и экономики.'),
    want,
  );
  assert.deepEqual(concepts('خلال الاجتماع ناقشا التعاون الثنائي في مجالي التجارة والاقتصاد'), want);
  assert.deepEqual(concepts('会见中双方讨论了双边经济和贸易合作。'), want);
});

test('a word matched inside Indian-script text is not the beginning of another word', () => {
  // चर्चा (discussion) begins with चर्च (church): church is गिरजाघर here.
  assert.deepEqual(concepts('दोनों नेताओं ने चर्चा की'), ['talks_discussed']);
});

test("a phrase's short words are whole words: Vietnamese syllables do not begin other words", () => {
  // y_te (y tế, health) read as two stems found health in "Yunanistan terörü" (Greece ... terror).
  assert.ok(!concepts('Yunanistan terörü kesin bir lisanla kınıyor').includes('health'));
  assert.ok(concepts('Bộ Y tế cho biết').includes('health'));
  assert.ok(concepts('vụ tấn công khủng bố').includes('attack'));
  assert.ok(concepts('un cessez-le-feu immédiat').includes('ceasefire'));
});
