import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost } from '../model/post.js';
import type { Post } from '../model/post.js';
import { parseQuery } from '../search/parse.js';
import type { QueryNode } from '../search/query.js';
import { compileTopic, explainTopic, matchTopic, tagPost } from './topic.js';

function post(text: string, extra: Partial<Post> = {}): Post {
  return { ...emptyPost('mfa_russia', 1, 'tme-html'), text, ...extra };
}

const term = (value: string): QueryNode => ({ kind: 'term', value });
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });

const cases: { name: string; query: QueryNode; aliases?: string[][]; post: Post; want: boolean }[] = [
  {
    name: 'a Russian word matches another case',
    query: term('санкции'),
    post: post('Новый пакет санкций ЕС', { lang: 'ru' } as Partial<Post>),
    want: true,
  },
  {
    name: 'an English plural matches the singular',
    query: term('sanctions'),
    post: post('A new sanction was imposed', { lang: 'en' } as Partial<Post>),
    want: true,
  },
  {
    name: 'a French accented word matches without accents',
    query: term('négociations'),
    post: post('Pas de negociation', { lang: 'fr' } as Partial<Post>),
    want: true,
  },
  {
    name: 'an unrelated word does not match',
    query: term('sanctions'),
    post: post('A new trade deal'),
    want: false,
  },
  {
    name: 'a bare word matches the hashtag that is the whole word, as search does',
    query: term('knowledgeday'),
    post: post('Today is #KnowledgeDay', { entities: [{ type: 'hashtag', offset: 9, length: 13 }] }),
    want: true,
  },
  {
    name: 'a bare Cyrillic word matches the hashtag that is the whole word (a text dump: tags from the text)',
    query: term('кинострим'),
    post: post('Смотрите #КиноСтрим сегодня'),
    want: true,
  },
  {
    name: 'a phrase of one word does not match a hashtag, as in search',
    query: { kind: 'phrase', value: 'knowledgeday' },
    post: post('Today is #KnowledgeDay', { entities: [{ type: 'hashtag', offset: 9, length: 13 }] }),
    want: false,
  },
  { name: 'stems do not cross scripts', query: term('sanctions'), post: post('Новые санкции'), want: false },
  {
    name: 'a stem matches only in a post of its language, as search does',
    query: term('sanctions'),
    post: post('A new sanction was imposed', { lang: 'de' } as Partial<Post>),
    want: false,
  },
  {
    name: 'a word that touches Chinese characters is a word of its own',
    query: term('telegram'),
    post: post('加入telegram中文群'),
    want: true,
  },
  {
    name: 'a Chinese word matches as a phrase of its characters',
    query: term('图书馆'),
    post: post('欢迎来到图书馆。'),
    want: true,
  },
  {
    name: 'a Chinese word does not match its characters in another order',
    query: term('图书馆'),
    post: post('馆书图'),
    want: false,
  },
  {
    name: 'folding is the same as search: Straße, Łódź and ligatures',
    query: term('strasse lodz finance'),
    post: post('Straße Łódź ﬁnance'),
    want: true,
  },
  {
    name: 'a Latin word in a Russian post is stemmed with the Latin stemmers',
    query: term('summits'),
    post: post('Саммит BRICS summit в Казани', { lang: 'ru' } as Partial<Post>),
    want: true,
  },
  {
    name: 'a phrase matches consecutive stemmed words',
    query: { kind: 'phrase', value: 'foreign ministers' },
    post: post('The Foreign Minister said', { lang: 'en' } as Partial<Post>),
    want: true,
  },
  {
    name: 'a phrase does not match scattered words',
    query: { kind: 'phrase', value: 'foreign ministers' },
    post: post('The minister of foreign affairs'),
    want: false,
  },
  {
    name: 'a hashtag query matches the hashtag',
    query: { kind: 'hashtag', value: 'BRICS' },
    post: post('Summit news #brics'),
    want: true,
  },
  {
    name: 'a hashtag query does not match the bare word',
    query: { kind: 'hashtag', value: 'BRICS' },
    post: post('BRICS summit'),
    want: false,
  },
  {
    name: 'a word query matches a word inside a hashtag',
    query: term('summit'),
    post: post('#BRICSsummit today'),
    want: true,
  },
  {
    name: 'a word query matches a known acronym at the start of a hashtag',
    query: term('brics'),
    post: post('#BRICSsummit today'),
    want: true,
  },
  {
    name: 'a hashtag query matches the whole hashtag only',
    query: { kind: 'hashtag', value: 'brics' },
    post: post('#BRICSsummit today'),
    want: false,
  },
  {
    name: 'AND needs both',
    query: and(term('Lavrov'), term('Kazan')),
    post: post('Lavrov in Moscow'),
    want: false,
  },
  {
    name: 'OR needs one',
    query: or(term('Kazan'), term('Lavrov')),
    post: post('Lavrov in Moscow'),
    want: true,
  },
  {
    name: 'NOT excludes',
    query: and(term('Lavrov'), not(term('Moscow'))),
    post: post('Lavrov in Moscow'),
    want: false,
  },
  {
    name: 'a prefix term matches the start of a word',
    query: { kind: 'term', value: 'dedollar', prefix: true },
    post: post('la dédollarisation des échanges'),
    want: true,
  },
  {
    name: 'lang: compares the post language',
    query: and(term('BRICS'), { kind: 'field', field: 'lang', value: 'FR' }),
    post: post('Les BRICS', { lang: 'fr' } as Partial<Post>),
    want: true,
  },
  {
    name: 'lang: rejects another language',
    query: { kind: 'field', field: 'lang', value: 'ru' },
    post: post('Les BRICS', { lang: 'fr' } as Partial<Post>),
    want: false,
  },
  {
    name: 'channel: compares the channel key, @ and case ignored',
    query: { kind: 'field', field: 'channel', value: '@MFA_Russia' },
    post: post('x'),
    want: true,
  },
  {
    name: 'from: matches the origin title without emoji, case-insensitive',
    query: { kind: 'field', field: 'from', value: 'russian mfa' },
    post: post('x', {
      forwardedFrom: { name: 'Russian MFA 🇷🇺', username: null, postId: null, author: null },
    }),
    want: true,
  },
  {
    name: 'from: matches the origin username',
    query: { kind: 'field', field: 'from', value: '@MFARussia' },
    post: post('x', {
      forwardedFrom: { name: 'Russian MFA', username: 'mfarussia', postId: 1, author: null },
    }),
    want: true,
  },
  {
    name: 'from: does not match an own post',
    query: { kind: 'field', field: 'from', value: 'mfa_russia' },
    post: post('x'),
    want: false,
  },
  {
    name: 'an alias matches in another script with its own stemming',
    query: term('BRICS'),
    aliases: [['BRICS', 'БРИКС', '#brics']],
    post: post('саммит БРИКСа', { lang: 'ru' } as Partial<Post>),
    want: true,
  },
  {
    name: 'any alias member in the query stands for the group',
    query: term('БРИКС'),
    aliases: [['BRICS', 'БРИКС']],
    post: post('The BRICS summit'),
    want: true,
  },
  {
    name: 'a hashtag alias member matches the hashtag',
    query: term('BRICS'),
    aliases: [['BRICS', '#брикс']],
    post: post('Саммит #БРИКС'),
    want: true,
  },
  {
    name: 'aliases do not widen unrelated terms',
    query: term('Kazan'),
    aliases: [['BRICS', 'БРИКС']],
    post: post('БРИКС'),
    want: false,
  },
  {
    name: 'a multi-word alias matches as a phrase',
    query: term('UNGA'),
    aliases: [['UNGA', 'General Assembly']],
    post: post('the UN General Assembly opened'),
    want: true,
  },
];

for (const c of cases) {
  test(`matchTopic: ${c.name}`, () => {
    const compiled = compileTopic({ name: 't', query: c.query, aliases: c.aliases ?? [] });
    assert.equal(matchTopic(compiled, c.post), c.want);
  });
}

test('explainTopic lists the leaves that matched', () => {
  const compiled = compileTopic({
    name: 't',
    query: or(term('BRICS'), term('Kazan'), term('Paris')),
    aliases: [['BRICS', 'БРИКС']],
  });
  assert.deepEqual(explainTopic(compiled, post('Саммит БРИКС в Kazan')), {
    matched: true,
    terms: ['word:брикс', 'word:kazan'],
  });
  assert.deepEqual(explainTopic(compiled, post('nothing')), { matched: false, terms: [] });
});

test('tagPost returns the matching topics in order and resolves topic: references', () => {
  const topics = [
    compileTopic({ name: 'BRICS', query: term('BRICS'), aliases: [['BRICS', 'БРИКС']] }),
    compileTopic({ name: 'Kazan', query: term('Kazan'), aliases: [['Kazan', 'Казань']] }),
    compileTopic({
      name: 'Summit in Kazan',
      query: and({ kind: 'field', field: 'topic', value: 'kazan' }, term('саммит')),
      aliases: [],
    }),
    compileTopic({ name: 'Loop', query: { kind: 'field', field: 'topic', value: 'loop' }, aliases: [] }),
  ];
  assert.deepEqual(tagPost(post('Саммит БРИКС в Казани', { lang: 'ru' } as Partial<Post>), topics), [
    'BRICS',
    'Kazan',
    'Summit in Kazan',
  ]);
  assert.deepEqual(tagPost(post('Nothing here'), topics), []);
});

const parsed: [string, string, boolean, string?][] = [
  ['санкции OR sanctions', 'ЕС ввёл новый пакет санкций', true, 'ru'],
  ['"foreign ministers" -Moscow', 'The Foreign Minister spoke in Kazan', true, 'en'],
  ['"foreign ministers" -Moscow', 'The Foreign Minister spoke in Moscow', false, 'en'],
  ['#BRICS lang:fr', 'Le sommet #BRICS à Kazan', true],
  ['#BRICS lang:fr', 'Le sommet des BRICS à Kazan', false],
  ['Lavrov AND (Kazan OR Moscow)', 'Лавров в Москве', false],
  ['Lavrov AND (Kazan OR Moscow)', 'Lavrov arrived in Kazan', true],
  ['dedollar*', 'la dédollarisation des échanges', true],
  ['channel:@mfa_russia', 'anything', true],
  ['*', 'anything at all', true],
];
for (const [q, text, want, lang = 'fr'] of parsed) {
  test(`through parseQuery: ${q} on "${text}" (${lang}) -> ${want}`, () => {
    const compiled = compileTopic({ name: 't', query: parseQuery(q), aliases: [] });
    assert.equal(matchTopic(compiled, post(text, { lang } as Partial<Post>)), want);
  });
}

test('a Chinese word matched as a phrase of its characters is explained as written', () => {
  const t = compileTopic({ name: 'lib', query: parseQuery('图书馆'), aliases: [] });
  const post = { ...emptyPost('c', 1, 'tme-html'), text: '川陀大学图书馆读书会', lang: 'zh' };
  assert.deepEqual(explainTopic(t, post).terms, ['phrase:图书馆']);
});
