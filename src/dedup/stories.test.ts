import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost } from '../model/post.js';
import type { ForwardedFrom } from '../model/post.js';
import { PRIOR_ITEM } from './match.js';
import { groupStories, StoryIndex, storyIdOf } from './stories.js';
import type { StoryInput } from './stories.js';

function post(
  channel: string,
  id: number,
  date: string | null,
  lang: string | null,
  text: string,
  from?: Partial<ForwardedFrom>,
): StoryInput {
  const p: StoryInput = { ...emptyPost(channel, id, 'tme-html'), date, text, lang };
  if (from) p.forwardedFrom = { name: 'Russian MFA 🇷🇺', username: null, postId: null, author: null, ...from };
  return p;
}

const EN = `🌐 On September 26, Foreign Minister Sergey Lavrov took part in a traditional BRICS Ministerial meeting held on the sidelines of the 79th session of the UN General Assembly in New York. The Ministers had an in-depth exchange of views on peace and security, global economic stability and sustainable development.`;
const RU = `🌐 26 сентября Министр иностранных дел Сергей Лавров принял участие в традиционной встрече министров БРИКС на полях 79-й сессии Генеральной Ассамблеи ООН в Нью-Йорке. Министры обменялись мнениями по вопросам мира и безопасности, глобальной экономической стабильности и устойчивого развития.`;
const OTHER_EN = `🇷🇺🇮🇳 On September 25, Foreign Minister Sergey Lavrov and Minister of External Affairs of India Subrahmanyam Jaishankar met in New York. They discussed the bilateral agenda and the situation in the Asia-Pacific region.`;

function storiesOf(posts: StoryInput[]): string[][] {
  const { stories } = groupStories(posts);
  return stories.map((s) => s.members.map((m) => `${m.key}:${m.reason}`).sort()).sort();
}

test('forwards of the same origin post join it; the origin is canonical even when it arrives last', () => {
  const posts = [
    post('a', 1, '2024-09-26T10:00:00Z', 'en', EN, { username: 'mfa_russia', postId: 77 }),
    post('b', 5, '2024-09-26T11:00:00Z', 'en', 'Totally different text', {
      username: 'mfa_russia',
      postId: 77,
    }),
    post('mfa_russia', 77, '2024-09-26T12:00:00Z', 'en', EN),
  ];
  const { stories } = groupStories(posts);
  assert.equal(stories.length, 1);
  assert.equal(stories[0]!.canonical, 'mfa_russia/77');
  assert.equal(stories[0]!.id, storyIdOf('mfa_russia/77'));
  assert.deepEqual(storiesOf(posts), [['a/1:forward', 'b/5:forward', 'mfa_russia/77:canonical']]);
});

test('forwards without a link join by origin name and text, but media-only forwards stay apart', () => {
  const posts = [
    post('a', 1, '2024-09-26T10:00:00Z', 'en', 'Short note', { name: 'TASS' }),
    post('b', 2, '2024-09-28T10:00:00Z', 'en', '✅ Short note', { name: 'TASS' }),
    post('c', 3, '2024-09-26T10:00:00Z', null, '', { name: 'TASS' }),
    post('d', 4, '2024-09-26T10:00:00Z', null, '', { name: 'TASS' }),
  ];
  assert.deepEqual(storiesOf(posts), [
    ['a/1:canonical', 'b/2:forward'],
    ['c/3:canonical'],
    ['d/4:canonical'],
  ]);
});

test('exact copies join whatever their emoji, hashtags and links; near-copies cut shorter with a header join too', () => {
  const posts = [
    post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
    post('copycat', 2, '2024-09-26T12:00:00Z', 'en', `${EN.replace('🌐 ', '⚡️⚡️ ')} #BRICS https://mid.ru/x`),
    post('digest', 3, '2024-09-27T08:00:00Z', 'en', `BREAKING: ${EN.slice(3, 200)}`),
  ];
  assert.deepEqual(storiesOf(posts), [['copycat/2:copy', 'digest/3:near-copy', 'mfa_russia/1:canonical']]);
});

test('a translation joins by shared dates, names and numbers; another event of the same man does not', () => {
  const posts = [
    post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
    post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
    post('mfa_russia', 3, '2024-09-25T10:00:00Z', 'en', OTHER_EN),
  ];
  const { stories, members } = groupStories(posts);
  assert.deepEqual(storiesOf(posts), [
    ['mfa_russia/1:canonical', 'mid_rf/2:translation'],
    ['mfa_russia/3:canonical'],
  ]);
  const s = stories.find((x) => x.canonical === 'mfa_russia/1')!;
  assert.deepEqual(s.languages, ['en', 'ru']);
  assert.deepEqual(s.channels, ['mfa_russia', 'mid_rf']);
  assert.equal(s.firstDate, '2024-09-26T10:00:00Z');
  assert.equal(s.lastDate, '2024-09-26T11:00:00Z');
  const m = members.find((x) => x.id === 2)!;
  assert.deepEqual([m.channel, m.storyId, m.reason], ['mid_rf', s.id, 'translation']);
  // The evidence names what was compared and what both sides share, as written on each side.
  assert.deepEqual(m.evidence!.matched, ['mfa_russia/1']);
  assert.ok(m.evidence!.score >= 5);
  for (const item of ['date:2024-09-26', 'number:79', 'name:lfrf (Лавров = Lavrov)'])
    assert.ok(m.evidence!.items.includes(item), `${item} in ${m.evidence!.items.join(', ')}`);
  assert.equal(members.find((x) => x.id === 1)!.evidence, null);
});

test('a translation outside the time window is not compared', () => {
  const posts = [
    post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
    post('mid_rf', 2, '2024-10-06T11:00:00Z', 'ru', RU),
  ];
  assert.equal(groupStories(posts).stories.length, 2);
});

test('the window is windowDays of 24 hours, not whole calendar days: 49 hours apart is outside, 47 inside', () => {
  // The same statement in English and Russian; the later post's day bucket still sees the first one's.
  for (const [later, together] of [
    ['2024-09-28T11:00:00Z', false],
    ['2024-09-28T09:00:00Z', true],
  ] as const) {
    const posts = [
      post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
      post('mid_rf', 2, later, 'ru', RU),
    ];
    assert.equal(groupStories(posts).stories.length, together ? 1 : 2, later);
    // Near-copies too: one text posted again by another channel.
    const copies = [
      post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
      post('other', 2, later, 'en', `${EN} Read more on our site.`),
    ];
    assert.equal(groupStories(copies).stories.length, together ? 1 : 2, `copy ${later}`);
  }
});

test('a window holding more posts than maxWindowPosts lets its oldest days go first, never the newest', () => {
  // Day 1: the English statement and filler; day 2: more filler, then the Russian version. Two days apart is
  // well inside the two-day window, so without a cap the translation is found.
  const filler = (day: number, n: number) =>
    Array.from({ length: n }, (_, k) =>
      post(
        `f${day}`,
        k + 1,
        `2024-09-2${day}T0${k % 9}:00:00Z`,
        'en',
        `Filler ${day} ${k} of nothing at all.`,
      ),
    );
  const posts = [
    post('mfa_russia', 1, '2024-09-25T00:30:00Z', 'en', EN),
    ...filler(5, 3),
    ...filler(6, 4),
    post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
  ];
  const story = (index: StoryIndex) => {
    for (const p of posts) index.add(p);
    const { members } = index.result();
    return members.find((m) => m.channel === 'mid_rf')!.reason;
  };
  assert.equal(story(new StoryIndex()), 'translation');
  // Five posts at most: day 25 (four posts) goes once day 26 has filled the window; the translation is missed.
  assert.equal(story(new StoryIndex({ maxWindowPosts: 5 })), 'canonical');
  // The newest day stays however full it is: every post of one day is still compared.
  const oneDay = [post('mfa_russia', 1, '2024-09-26T00:30:00Z', 'en', EN), ...filler(6, 4)];
  const index = new StoryIndex({ maxWindowPosts: 2 });
  for (const p of [...oneDay, post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU)]) index.add(p);
  assert.equal(index.result().members.find((m) => m.channel === 'mid_rf')!.reason, 'translation');
});

test('undated posts are compared by id proximity within their channel', () => {
  const near = [post('dump', 11, null, 'en', EN), post('dump', 12, null, 'ru', RU)];
  const far = [post('dump', 11, null, 'en', EN), post('dump', 60, null, 'ru', RU)];
  const otherChannel = [post('dump', 11, null, 'en', EN), post('dump2', 12, null, 'ru', RU)];
  assert.equal(groupStories(near).stories.length, 1);
  assert.equal(groupStories(far).stories.length, 2);
  assert.equal(groupStories(otherChannel).stories.length, 2);
});

test('StoryIndex.add returns the story as it grows, and re-adding a key is a no-op', () => {
  const index = new StoryIndex();
  const first = index.add(post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN));
  assert.equal(first, storyIdOf('mfa_russia/1'));
  assert.equal(index.add(post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU)), first);
  assert.notEqual(index.add(post('mfa_russia', 3, '2024-09-26T12:00:00Z', 'en', OTHER_EN)), first);
  assert.equal(index.add(post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU)), first);
  assert.equal(index.size, 3);
  assert.equal(index.storyOf('mid_rf/2'), first);
  assert.equal(index.storyOf('nope/1'), null);
});

test('groupStories does not depend on the input order', () => {
  const posts = [
    post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
    post('mfa_russia', 3, '2024-09-25T10:00:00Z', 'en', OTHER_EN),
    post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
  ];
  assert.deepEqual(storiesOf(posts), storiesOf([...posts].reverse()));
});

test('two statements of one man on one day are not translations of each other (coverage counts content, not dates)', () => {
  const posts = [
    post(
      'kremlin',
      1,
      '2024-10-11T10:00:00Z',
      'ru',
      '11 октября Владимир Путин встретился с Национальным лидером туркменского народа Гурбангулы Бердымухамедовым. 60 российских регионов сотрудничают с Туркменистаном.',
    ),
    post(
      'mfa',
      2,
      '2024-10-11T12:00:00Z',
      'en',
      'On October 11, Vladimir Putin held talks in Ashgabat with President of Iran Masoud Pezeshkian and invited him to the BRICS summit in Kazan on October 22-24.',
    ),
    post(
      'amb',
      3,
      '2024-10-11T13:00:00Z',
      'fr',
      'Le 11 octobre, Vladimir Poutine a rencontré le leader national du peuple turkmène Gurbanguly Berdimuhamedov. 60 régions russes coopèrent avec le Turkménistan.',
    ),
  ];
  assert.deepEqual(storiesOf(posts), [['amb/3:translation', 'kremlin/1:canonical'], ['mfa/2:canonical']]);
});

test('a template filled in twice is two statements; a reprint under another headline is one', () => {
  const met = (name: string, country: string) =>
    `On September 24, Foreign Minister Sergey Lavrov met with ${name}, Minister of Foreign Affairs of ${country}, on the sidelines of the UN General Assembly session in New York. The ministers discussed the bilateral agenda and cooperation at the UN and within BRICS.`;
  const posts = [
    post('mfa', 1, '2024-09-24T10:00:00Z', 'en', met('Mauro Vieira', 'Brazil')),
    post('mfa', 2, '2024-09-24T11:00:00Z', 'en', met('Ahmed Attaf', 'Algeria')),
    post(
      'wire',
      3,
      '2024-09-24T12:00:00Z',
      'en',
      `Lavrov and Vieira discuss BRICS in New York\n\n${met('Mauro Vieira', 'Brazil')}`,
    ),
  ];
  assert.deepEqual(storiesOf(posts), [['mfa/1:canonical', 'wire/3:near-copy'], ['mfa/2:canonical']]);
});

test('a short template filled in twice is two statements though only its names, numbers or hashtag differ', () => {
  const met = (country: string, name: string) =>
    `Foreign Minister Sergey Lavrov met with the Minister of Foreign Affairs of ${country} ${name} in Moscow. The ministers discussed bilateral cooperation, the situation in the Middle East and preparations for the BRICS summit in Kazan.`;
  const drones = (n: number) =>
    `Over the past day air defence systems destroyed ${n} Ukrainian drones over the Belgorod, Kursk and Bryansk regions, the Defence Ministry said.`;
  const alert = (city: string) =>
    `Air raid alert in #${city}. Everyone go to the shelters now and stay there until the all-clear is given.`;
  const posts = [
    post('mfa', 1, '2025-01-13T10:00:00Z', 'en', met('Egypt', 'Badr Abdelatty')),
    post('mfa', 2, '2025-01-14T10:00:00Z', 'en', met('Indonesia', 'Sugiono')),
    post('gov_a', 3, '2025-03-10T08:00:00Z', 'en', drones(41)),
    post('gov_b', 4, '2025-03-11T08:00:00Z', 'en', drones(17)),
    post('alerts_x', 5, '2025-03-12T08:00:00Z', 'en', alert('Kharkiv')),
    post('alerts_y', 6, '2025-03-12T08:05:00Z', 'en', alert('Odesa')),
    // Adding a hashtag copies (word for word): only a swapped one makes another post.
    post('alerts_z', 7, '2025-03-12T08:06:00Z', 'en', `${alert('Odesa')} #news`),
  ];
  assert.deepEqual(storiesOf(posts), [
    ['alerts_x/5:canonical'],
    ['alerts_y/6:canonical', 'alerts_z/7:near-copy'],
    ['gov_a/3:canonical'],
    ['gov_b/4:canonical'],
    ['mfa/1:canonical'],
    ['mfa/2:canonical'],
  ]);
});

test('a post quoting another whole with a comment joins it, and its evidence says how much it adds', () => {
  const comment =
    ' We think this is an overreaction: the consulate served few visitors, and Tallinn had warned about it since December.';
  const posts = [
    post('mfa', 1, '2025-02-01T10:00:00Z', 'en', OTHER_EN),
    post('commentator', 2, '2025-02-01T12:00:00Z', 'en', `The ministry said: "${OTHER_EN}"${comment}`),
  ];
  const m = groupStories(posts).members.find((x) => x.channel === 'commentator')!;
  assert.equal(m.reason, 'near-copy');
  assert.match(m.evidence!.items.join('; '), /commentator\/2 adds \d+ word triples/);
});

test('a statement and its negation are two posts, however alike their words', () => {
  const posts = [
    post(
      'news',
      1,
      '2025-02-01T10:00:00Z',
      'en',
      'Governor Gleb Nikitin said the evacuation of residents of the flooded districts of Dzerzhinsk is necessary and will begin tonight.',
    ),
    post(
      'news',
      2,
      '2025-02-01T14:00:00Z',
      'en',
      'Governor Gleb Nikitin said the evacuation of residents of the flooded districts of Dzerzhinsk is not necessary and will not begin tonight.',
    ),
    post(
      'relay',
      3,
      '2025-02-01T15:00:00Z',
      'en',
      'Governor Gleb Nikitin said: the evacuation of residents of the flooded districts of Dzerzhinsk is not necessary and will not begin tonight!',
    ),
  ];
  assert.deepEqual(storiesOf(posts), [['news/1:canonical'], ['news/2:canonical', 'relay/3:copy']]);
});

test('versions in two languages are translations, never copies, and a template across languages stays two', () => {
  // The French and English share cut words (ministr, lavrov, septem, bilate…): still translations, by their names.
  const en = (name: string, country: string) =>
    `On September 24, Foreign Minister Sergey Lavrov met with ${name}, Minister of Foreign Affairs of ${country}, on the sidelines of the UN General Assembly session in New York. The ministers discussed the bilateral agenda and cooperation at the UN and within BRICS.`;
  const fr = (name: string, country: string) =>
    `Le 24 septembre, le ministre des Affaires étrangères Sergueï Lavrov a rencontré ${name}, ministre des Affaires étrangères ${country}, en marge de la session de l'Assemblée générale de l'ONU à New York. Les ministres ont discuté de l'agenda bilatéral et de la coopération à l'ONU et au sein des BRICS.`;
  const posts = [
    post('mfa_en', 1, '2024-09-24T10:00:00Z', 'en', en('Mauro Vieira', 'Brazil')),
    post('mfa_fr', 2, '2024-09-24T11:00:00Z', 'fr', fr('Ahmed Attaf', "de l'Algérie")),
    post('mfa_en', 3, '2024-09-24T12:00:00Z', 'en', en('Ahmed Attaf', 'Algeria')),
    post('mfa_fr', 4, '2024-09-24T13:00:00Z', 'fr', fr('Mauro Vieira', 'du Brésil')),
  ];
  assert.deepEqual(storiesOf(posts), [
    ['mfa_en/1:canonical', 'mfa_fr/4:translation'],
    ['mfa_en/3:translation', 'mfa_fr/2:canonical'],
  ]);
});

test('what a channel repeats on its posts (a footer, a signature hashtag) is not evidence of one statement', () => {
  const footer =
    '\n\n🇷🇺 Embassy of the Russian Federation in the Republic of Mauritius\nSubscribe to our channel: https://t.me/rusembmu and follow us on social networks for the latest news #RusEmbMU';
  const texts = [
    'Students visited us today.',
    'A reception was held.',
    'Office hours change.',
    'Flowers were laid today.',
  ];
  const posts = texts.map((t, i) => post('rusembmu', i + 1, `2024-09-2${i}T10:00:00Z`, 'en', t + footer));
  assert.equal(groupStories(posts).stories.length, 4);
  // Without what the channel's own posts teach, the footer alone makes them copies of each other.
  const blind = groupStories(posts, { profiles: () => ({ lines: new Set(), tokens: new Set() }) });
  assert.ok(blind.stories.length < 4, 'the footer would merge them');
});

test("a footer written as one long paragraph is learned too, on most of a channel's posts", () => {
  const footer =
    '\n\n———\nFollow the Ministry of Agriculture on all platforms: website agro-ministry.example, VKontakte, Odnoklassniki, Dzen and RuTube. Press service contact: press@agro-ministry.example, phone +7 495 000 00 00. Reproduction of materials is permitted only with an active hyperlink to the source. Subscribe to stay informed about state support programmes, grants, subsidies and agricultural news from every region.';
  const texts = [
    'The spring sowing campaign will start on 15 March in the southern regions; farmers can apply for seed subsidies.',
    'Avian influenza was found at a poultry farm near Tula; moving birds within 10 km is now restricted.',
    'Grain exports reached 50 million tonnes this season, officials said, the best result in five years.',
    'Frost damaged apple orchards in Krasnodar; insurance payments to growers will start next week.',
  ];
  const posts = texts.map((t, i) => post('agro', i + 1, `2025-01-06T0${i}:00:00Z`, 'en', t + footer));
  assert.equal(groupStories(posts).stories.length, 4);
  // A long line repeated on a few of many posts is the channel re-posting a statement, not its footer.
  const statement = texts[0]!.repeat(3);
  const many = [
    ...Array.from({ length: 12 }, (_, i) =>
      post(
        'agro2',
        i + 1,
        `2025-01-0${1 + (i % 9)}T1${i % 10}:00:00Z`,
        'en',
        `Note ${i} on the harvest of district ${i}.`,
      ),
    ),
    post('agro2', 20, '2025-01-09T10:00:00Z', 'en', statement),
    post('agro2', 21, '2025-01-09T11:00:00Z', 'en', statement),
    post('agro2', 22, '2025-01-09T12:00:00Z', 'en', statement),
  ];
  assert.deepEqual(
    storiesOf(many).find((s) => s.includes('agro2/20:canonical')),
    ['agro2/20:canonical', 'agro2/21:copy', 'agro2/22:copy'],
  );
});

test('a report of one statement in other sentences joins it by its words; another ministry statement of the day does not', () => {
  const original = `The Secretary-General strongly condemns the attack on a convoy of the United Nations Multidimensional Integrated Stabilization Mission near the town of Kidal, which killed three peacekeepers from Chad and wounded four others. He extends his deepest condolences to the families of the victims and to the Government and people of Chad, and wishes a speedy recovery to the wounded.`;
  const rewritten = `Three Chadian peacekeepers were killed and four others wounded when a convoy of the United Nations Stabilization Mission came under attack near Kidal. Secretary-General condemns the attack strongly, extends condolences to the families of the victims, the Government and the people of Chad, and wishes the wounded a speedy recovery.`;
  const other = `The Secretary-General welcomes the signing of the peace agreement between the Government of Mali and the armed movements in Algiers. He commends the mediation team for its efforts and calls on all parties to implement the agreement in good faith, with the support of the United Nations Multidimensional Integrated Stabilization Mission.`;
  const posts = [
    post('un', 1, '2024-09-24T10:00:00Z', 'en', original),
    post('wire', 2, '2024-09-24T12:00:00Z', 'en', rewritten),
    post('un', 3, '2024-09-24T13:00:00Z', 'en', other),
  ];
  const { members } = groupStories(posts);
  const wire = members.find((m) => m.channel === 'wire')!;
  assert.equal(wire.reason, 'near-copy');
  assert.deepEqual(wire.evidence?.matched, ['un/1']);
  assert.match(wire.evidence!.items[0]!, /^\d+ of \d+ rare words$/);
  assert.deepEqual(storiesOf(posts), [['un/1:canonical', 'wire/2:near-copy'], ['un/3:canonical']]);
  // One channel's own posts are not word copies of each other (its recurring reports share their words).
  const own = groupStories([posts[0]!, { ...posts[1]!, channel: 'un', id: 2 }]);
  assert.equal(own.stories.length, 2);
  // The same rewrite is too far from the original's word triples for the triple test alone.
  const strict = groupStories(posts, { wordCopyContainment: 1.01 });
  assert.equal(strict.stories.length, 3);
});

test('a rewritten report that adds the day of the week and writes a country short is still the same statement', () => {
  const original = `The Secretary-General strongly condemns the attack on a convoy of the United Nations Multidimensional Integrated Stabilization Mission near the town of Kidal, which killed three peacekeepers from Chad and wounded four others. He extends his deepest condolences to the families of the victims and to the Government and people of Chad, and thanks the United Kingdom for its medical evacuation support.`;
  const rewritten = `Three Chadian peacekeepers were killed and four others wounded on Thursday when a convoy of the United Nations Stabilization Mission came under attack near Kidal. Secretary-General condemns the attack strongly, extends condolences to the families of the victims, the Government and the people of Chad, and thanks the UK for its medical evacuation support.`;
  const posts = [
    post('un', 1, '2024-09-26T10:00:00Z', 'en', original),
    post('wire', 2, '2024-09-26T12:00:00Z', 'en', rewritten),
  ];
  assert.deepEqual(storiesOf(posts), [['un/1:canonical', 'wire/2:near-copy']]);
  // The same text with another country named (a template filled in twice) stays apart: its word triples agree, so
  // the names it does not share veto it.
  const template = original
    .replace('the United Kingdom', 'Germany')
    .replace('Kidal', 'Menaka')
    .replaceAll('Chad', 'Niger');
  assert.equal(storiesOf([posts[0]!, post('unic', 3, '2024-09-26T11:00:00Z', 'en', template)]).length, 2);
});

test('a rewrite sharing most rare words joins though each side names what the other does not, and says so', () => {
  const original = `The Secretary-General strongly condemns the attack on a convoy of the Multidimensional Integrated Stabilization Mission near the town of Kidal in northern Mali, which killed three peacekeepers from Chad and wounded four others. He extends his deepest condolences to the families of the victims and to the Government and people of Chad, and wishes a speedy recovery to the wounded. He recalls that attacks targeting peacekeepers may constitute war crimes under international law, Spokesman Farhan Haq said in New York.`;
  const rewritten = `Secretary-General Antonio Guterres condemns strongly the attack near Kidal against a convoy of the Multidimensional Integrated Stabilization Mission in which three peacekeepers from Chad were killed and four others wounded, said Stephane Dujarric on Thursday. He extends deepest condolences to the families of the victims, the Government and people of Chad, wishes a speedy recovery to the wounded and recalls that attacks targeting peacekeepers may constitute war crimes under international law.`;
  const posts = [
    post('un', 1, '2024-09-26T10:00:00Z', 'en', original),
    post('wire', 2, '2024-09-26T12:00:00Z', 'en', rewritten),
  ];
  const { members } = groupStories(posts);
  const wire = members.find((m) => m.channel === 'wire')!;
  assert.equal(wire.reason, 'near-copy');
  assert.match(wire.evidence!.items[0]!, /rare words, though each names what the other does not$/);
  // Sharing fewer of them, the names veto it (two bodies' statements on one attack share many words).
  const loose = groupStories(posts, { wordCopyNamesContainment: 1.01 });
  assert.equal(loose.stories.length, 2);
});

test('a short template filled in twice is no rewrite, though its names break most of its word triples', () => {
  const talks = (who: string, whom: string, where: string, trade: number, projects: number): string =>
    `On 1 January 2024, Foreign Minister ${who} held talks with ${whom} in ${where}. The sides discussed bilateral trade, which reached ${trade} million dollars last year, and ${projects} joint projects in energy, transport, agriculture and digital infrastructure, and agreed to continue consultations between ministries.`;
  const posts = [
    post('mfa', 1, '2024-01-01T10:00:00Z', 'en', talks('Potov', 'Kapok', 'Gapogak', 85921, 12)),
    post('embassy', 2, '2024-01-01T11:00:00Z', 'en', talks('Podov', 'Ronav', 'Nadedek', 873, 31)),
  ];
  assert.equal(groupStories(posts).stories.length, 2);
});

test('a post matching a member and its forward (one text) does not join a story whose canonical post it misses', () => {
  // The short Russian note and the English text are one statement; the long French report matches the English
  // text (and so its forward) but is too long to be a translation of the note. Two matches of one text are one.
  const note = '26 сентября Сергей Лавров встретился в Нью-Йорке с Субрахманьямом Джайшанкаром.';
  const en =
    'On September 26 in New York, Sergey Lavrov met Subrahmanyam Jaishankar, Minister of External Affairs of India, to discuss BRICS, trade and the 2025 summit in Kazan.';
  const fr =
    "Le 26 septembre à New York, Sergueï Lavrov s'est entretenu avec Subrahmanyam Jaishankar, ministre des Affaires extérieures de l'Inde. Les ministres ont évoqué les BRICS, le commerce, la préparation du sommet de 2025 à Kazan, la coopération dans l'énergie, les transports et la finance, ainsi que la situation au Proche-Orient et les travaux de l'Assemblée générale.";
  const posts = [
    post('mid_rf', 1, '2024-09-26T10:00:00Z', 'ru', note),
    post('mfa_russia', 2, '2024-09-26T11:00:00Z', 'en', en),
    post('embassy', 3, '2024-09-26T12:00:00Z', 'en', en, { username: 'mfa_russia', postId: 2 }),
    post('france_mid', 4, '2024-09-26T13:00:00Z', 'fr', fr),
  ];
  assert.deepEqual(storiesOf(posts), [
    ['embassy/3:forward', 'mfa_russia/2:translation', 'mid_rf/1:canonical'],
    ['france_mid/4:canonical'],
  ]);
});

test('a translation that came before the posts tying it to a story joins it when they come', () => {
  // The Russian report is too long to be a translation of the short English note (3.6 times its length), and when
  // it comes it matches one text of the note's story (the French): it starts a story. The German version then joins
  // the note and matches the Russian report too, which now matches two of the story's three texts: it joins.
  const en = 'On September 26 in New York, Sergey Lavrov met Subrahmanyam Jaishankar to discuss BRICS.';
  const fr =
    'Le 26 septembre à New York, Sergueï Lavrov a rencontré Subrahmanyam Jaishankar. Les ministres ont discuté des BRICS et du sommet de Kazan.';
  const ru =
    '26 сентября в Нью-Йорке Сергей Лавров встретился с Субрахманьямом Джайшанкаром. Министры обсудили БРИКС, подготовку саммита в Казани, сотрудничество в энергетике, финансах и торговле, расширение объединения и приём новых партнёров, а также ситуацию на Ближнем Востоке и в Африке и работу Генеральной Ассамблеи.';
  const de =
    'Am 26. September trafen sich Sergej Lawrow und Subrahmanyam Jaishankar in New York. Die Minister sprachen über die BRICS und den Gipfel in Kasan.';
  const posts = [
    post('mfa_en', 1, '2024-09-26T10:00:00Z', 'en', en),
    post('mfa_fr', 2, '2024-09-26T10:30:00Z', 'fr', fr),
    post('mid_rf', 3, '2024-09-26T11:00:00Z', 'ru', ru),
    post('mfa_de', 4, '2024-09-26T11:30:00Z', 'de', de),
  ];
  assert.deepEqual(storiesOf(posts), [
    ['mfa_de/4:translation', 'mfa_en/1:canonical', 'mfa_fr/2:translation', 'mid_rf/3:translation'],
  ]);
  // Its evidence is its own matches, with two of the story's other texts (not the note it is too long for).
  const report = groupStories(posts).members.find((m) => m.channel === 'mid_rf')!;
  assert.deepEqual([...report.evidence!.matched].sort(), ['mfa_de/4', 'mfa_fr/2']);
  // A tie made after the fact must be strong on its own: asked for more than these texts share, the two stories stay.
  assert.equal(groupStories(posts, { translationSettle: 10 }).stories.length, 2);
});

test('one minister’s calls with two counterparts on one day are two statements; each call’s translation still joins', () => {
  const day = '2022-09-13T';
  const posts = [
    post(
      'mfa_am_en',
      1,
      `${day}09:00:00Z`,
      'en',
      'On September 13, Foreign Minister of Armenia Ararat Mirzoyan had a phone conversation with the EU High Representative Josep Borrell. Ararat Mirzoyan briefed on the aggression of Azerbaijan against the sovereign territory of Armenia.',
    ),
    post(
      'mfa_am_ru',
      2,
      `${day}09:30:00Z`,
      'ru',
      '13 сентября министр иностранных дел Армении Арарат Мирзоян провел телефонный разговор с Верховным представителем ЕС Жозепом Боррелем. Арарат Мирзоян проинформировал об агрессии Азербайджана против суверенной территории Армении.',
    ),
    post(
      'news_ru',
      3,
      `${day}12:00:00Z`,
      'ru',
      '13 сентября министр иностранных дел Армении Арарат Мирзоян провел телефонный разговор с министром иностранных дел России Сергеем Лавровым. Арарат Мирзоян проинформировал об агрессии Азербайджана против Армении.',
    ),
  ];
  assert.deepEqual(storiesOf(posts), [
    ['mfa_am_en/1:canonical', 'mfa_am_ru/2:translation'],
    ['news_ru/3:canonical'],
  ]);
});

test('one channel posting two versions minutes apart needs less shared evidence than two channels or hours apart', () => {
  // The same meeting in English and French, naming four and six countries the other does not: below the share of
  // shared evidence two channels need, above what one bilingual channel's back-to-back posts need.
  const en = `On 12 May 2024, Foreign Minister Sergey Lavrov received Wang Yi in Moscow. They discussed Ukraine, Syria, Iran and Cuba.`;
  const fr = `Le 12 mai 2024, Sergueï Lavrov a reçu Wang Yi à Moscou. Les ministres ont évoqué la Corée, le Soudan, la Libye, le Mali, le Népal et la Birmanie.`;
  const pair = (channel: string, date: string) =>
    storiesOf([post('a', 1, '2024-05-12T10:00:00Z', 'en', en), post(channel, 2, date, 'fr', fr)]);
  assert.deepEqual(pair('a', '2024-05-12T10:01:00Z'), [['a/1:canonical', 'a/2:translation']]);
  // The member shows the prior among its evidence.
  const { members } = groupStories([
    post('a', 1, '2024-05-12T10:00:00Z', 'en', en),
    post('a', 2, '2024-05-12T10:01:00Z', 'fr', fr),
  ]);
  assert.ok(members.find((m) => m.id === 2)!.evidence!.items.includes(PRIOR_ITEM));
  assert.deepEqual(pair('b', '2024-05-12T10:01:00Z'), [['a/1:canonical'], ['b/2:canonical']]);
  assert.deepEqual(pair('a', '2024-05-12T13:00:00Z'), [['a/1:canonical'], ['a/2:canonical']]);
});

test('a post joins a story as a translation only if it reads like the members in its own language', () => {
  // The minister's remarks to the press after the meeting: the readout's names and numbers, other words.
  const remarks = (when: string) =>
    `Лавров в Нью-Йорке: санкции против Москвы провалились, поставки оружия Киеву затягивают конфликт, а зерновую сделку Запад сорвал сам. Об этом глава российской дипломатии заявил журналистам ${when}.`;
  const close = remarks('26 сентября после министерской встречи БРИКС на полях 79-й сессии Генассамблеи ООН');
  const apart = remarks('в четверг после заседания БРИКС на 79-й Генассамблее ООН');
  const grouped = (channel: string, text: string, options = {}) =>
    groupStories(
      [
        post('mid_en', 1, '2024-09-26T10:00:00Z', 'en', EN),
        post('mid_ru', 2, '2024-09-26T10:05:00Z', 'ru', RU),
        post(channel, 3, '2024-09-26T12:00:00Z', 'ru', text),
      ],
      options,
    ).stories.map((s) => s.members.map((m) => m.key).sort());
  // Sharing a third of the Russian version's words, another channel's text joins the English readout's story…
  assert.deepEqual(grouped('tass_ru', close), [['mid_en/1', 'mid_ru/2', 'tass_ru/3']]);
  // …but the channel of the Russian version does not post that statement twice in Russian.
  assert.deepEqual(grouped('mid_ru', close), [['mid_en/1', 'mid_ru/2'], ['mid_ru/3']]);
  // Sharing an eighth of its words, it is another statement, whatever it shares with the English text.
  assert.deepEqual(grouped('tass_ru', apart), [['mid_en/1', 'mid_ru/2'], ['tass_ru/3']]);
  assert.deepEqual(grouped('tass_ru', apart, { sameLanguageWords: 0 }), [
    ['mid_en/1', 'mid_ru/2', 'tass_ru/3'],
  ]);
});

test("a reader's split keeps a post from the posts it was split from, not from its own copies", () => {
  const posts = [
    post('mfa_russia', 1, '2024-09-26T10:00:00Z', 'en', EN),
    post('mid_rf', 2, '2024-09-26T11:00:00Z', 'ru', RU),
    post('copy', 3, '2024-09-26T12:00:00Z', 'ru', RU),
    post('relay', 4, '2024-09-26T13:00:00Z', 'en', EN),
  ];
  const at = '2024-10-01T00:00:00Z';
  const { stories } = groupStories(posts, {
    corrections: [{ kind: 'split', post: 'mid_rf/2', from: ['mfa_russia/1'], createdAt: at }],
  });
  const of = (s: (typeof stories)[number]) => s.members.map((m) => `${m.key}:${m.reason}`).sort();
  assert.deepEqual(stories.map(of).sort(), [
    ['copy/3:copy', 'mid_rf/2:canonical'],
    ['mfa_russia/1:canonical', 'relay/4:copy'],
  ]);
  // A split made before splits named what from: the post stands alone, its copy goes elsewhere.
  const old = groupStories(posts, { corrections: [{ kind: 'split', post: 'mid_rf/2', createdAt: at }] });
  assert.deepEqual(old.stories.map(of).sort(), [
    ['copy/3:translation', 'mfa_russia/1:canonical', 'relay/4:copy'],
    ['mid_rf/2:canonical'],
  ]);
});
