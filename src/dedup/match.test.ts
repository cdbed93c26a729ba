import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { EvidenceKind } from './evidence.js';
import { scriptOfLanguage } from '../rules/lang-script.js';
import {
  MATCH_DEFAULTS,
  inTwoLanguages,
  translation,
  wordedScoreItem,
  wordingItem,
  type Features,
} from './match.js';

function features(
  lang: string,
  tokens: string[],
  names: [token: string, written: string, group: number][] = [['name:krsn', 'Krasnogorsk', 0]],
): Features {
  return {
    key: `${lang}/1`,
    channel: lang,
    lang,
    script: scriptOfLanguage(lang),
    time: NaN,
    words: 30,
    shingles: new Uint32Array(),
    wordKeys: new Uint32Array(),
    tokens: new Map(tokens.map((t) => [t, t.slice(0, t.indexOf(':')) as EvidenceKind])),
    surface: new Map(names.map(([t, w]) => [t, w])),
    groups: new Map(names.map(([t, , g]) => [t, g])),
    days: new Set(),
    length: 200,
    negations: 0,
  };
}

test('Croatian, Bosnian and Serbo-Croatian are one written language; Serbian, mostly Cyrillic, is not', () => {
  const two = (a: string, b: string): boolean => inTwoLanguages(features(a, []), features(b, []));
  assert.equal(two('hr', 'sh'), false);
  assert.equal(two('bs', 'hr'), false);
  assert.equal(two('sh', 'en'), true);
  assert.equal(two('sr', 'sh'), true);
  assert.equal(two('sh', 'und'), false);
});

test('concepts weigh only where cognates cannot: with Arabic, not between English and French', () => {
  const tokens = [
    'name:krsn',
    ...['condemn', 'attack', 'terror', 'condolences', 'victims'].map((c) => `concept:${c}`),
  ];
  const en = features('en', tokens);
  // The name and five concepts score about 3.5: the test is about what counts, so the score needed is held under it.
  const o = { ...MATCH_DEFAULTS, translationScore: 3 };
  const decide = (other: string) => translation(en, features(other, tokens), () => 1, false, o);
  assert.equal(decide('ar')?.reason, 'translation');
  // Greek spells its own words (καταδικάζει, συλλυπητήρια), not the Latin ones: its concepts count too.
  assert.equal(decide('el')?.reason, 'translation');
  // Between two languages the cognate keys read, the same words already count as cognates (not given here).
  assert.equal(decide('fr'), null);
});

test('people each side names in full that the other does not make two statements; bodies named in full do not', () => {
  // Both sides name Mirzoyan and Armenia and the day; one side names Borrell, the other Lavrov, each in full.
  const shared = ['name:mrsn', 'name:rmn', 'date:2022-09-13', 'number:13'];
  const side = (lang: string, who: [string, string, string]): Features =>
    features(
      lang,
      [...shared, `name:${who[0]}`, `name:${who[1]}`],
      [
        ['name:mrsn', 'Mirzoyan', 0],
        ['name:rmn', 'Armenia', 1],
        [`name:${who[0]}`, who[2].split(' ')[0]!, 2],
        [`name:${who[1]}`, who[2].split(' ')[1]!, 2],
      ],
    );
  const decide = (a: Features, b: Features) => translation(a, b, () => 1, false, MATCH_DEFAULTS);
  assert.equal(
    decide(side('en', ['Jsp', 'brl', 'Josep Borrell']), side('ru', ['srg', 'lfrf', 'Сергей Лавров'])),
    null,
  );
  // The same evidence, but what each side alone names in full is a body (the United Nations, Reino Unido): one statement.
  assert.equal(
    decide(side('en', ['unt', 'nsns', 'United Nations']), side('es', ['rn', 'und', 'Reino Unido']))?.reason,
    'translation',
  );
});

test('two scripts need less of the evidence shared than one: names are read less well across them', () => {
  // Two names, a number and the day shared; each side names five others alone: 5 of 12.5 content weights shared.
  const side = (lang: string, own: string): Features => {
    const alone = [1, 2, 3, 4, 5].map((n) => `name:${own}${n}`);
    return features(
      lang,
      ['name:aaa', 'name:bbb', 'number:25', 'date:2024-05-01', ...alone],
      [
        ['name:aaa', 'Aaa', 0],
        ['name:bbb', 'Bbb', 1],
        ...alone.map((t, g): [string, string, number] => [t, t, g + 2]),
      ],
    );
  };
  const o = { ...MATCH_DEFAULTS, translationCoverage: 0.45, translationCoverageAcross: 0.3 };
  assert.equal(
    translation(side('en', 'x'), side('fr', 'y'), () => 1, false, o),
    null,
  );
  assert.equal(translation(side('en', 'x'), side('ru', 'y'), () => 1, false, o)?.reason, 'translation');
  // And the share needed across scripts is its own threshold.
  assert.equal(
    translation(side('en', 'x'), side('ru', 'y'), () => 1, false, { ...o, translationCoverageAcross: 0.45 }),
    null,
  );
});

test('texts in the same words need less of their names shared: two statements on one event do not', () => {
  // Two names and a number shared (5 of the weight), `own` names each side alone (1.5 each); five cognates a side.
  const side = (lang: string, own: number, cognates: string[]): Features => {
    const alone = Array.from({ length: own }, (_, n) => `name:${lang}${n}`);
    return features(
      lang,
      ['name:aaa', 'name:bbb', 'number:25', ...alone, ...cognates.map((c) => `cognate:${c}`)],
      [
        ['name:aaa', 'Aaa', 0],
        ['name:bbb', 'Bbb', 1],
        ...alone.map((t, g): [string, string, number] => [t, t, g + 2]),
      ],
    );
  };
  const same = ['elect', 'procl', 'resul', 'provi', 'calls'];
  // The coverage one script needs, held at 0.5: the test is about what agreeing words lower it to.
  const o = { ...MATCH_DEFAULTS, translationCoverage: 0.5 };
  const decide = (own: number, frWords: string[]) =>
    translation(side('en', own, same), side('fr', own, frWords), () => 1, false, o)?.reason ?? null;
  // 5 of 11 shared (0.45, under the 0.5 one script needs): a translation only when the words agree too, and its
  // evidence says so.
  assert.equal(decide(4, same), 'translation');
  const shown = translation(side('en', 4, same), side('fr', 4, same), () => 1, false, o)!.items;
  assert.equal(shown[0], wordingItem(5 / 11, 1));
  assert.match(shown[0]!, /^wording: 100% of the cognates and concepts shared, with 45% of the names/);
  assert.equal(decide(4, ['other', 'words', 'about', 'thing', 'event']), null);
  assert.equal(decide(4, ['elect', 'words', 'about', 'thing', 'event']), null);
  // 5 of 17 (0.29): under 0.7 of what is needed, whatever the words.
  assert.equal(decide(8, same), null);
  // Fewer than three words on a side tell nothing of the wording.
  assert.equal(decide(4, same.slice(0, 2)), null);
});

test('a pair a little under the score needed is a translation only when it names enough and its words agree', () => {
  // Three names shared at half rarity (2.25) and three concepts (0.6): 2.85, under the score of 3.
  const side = (lang: string, names: string[], concepts: string[]): Features =>
    features(
      lang,
      [...names.map((n) => `name:${n}`), ...concepts.map((c) => `concept:${c}`)],
      names.map((n, g): [string, string, number] => [`name:${n}`, n, g]),
    );
  const names = ['aaa', 'bbb', 'ccc'];
  const words = ['condemn', 'attack', 'victims'];
  const decide = (zh: Features, wordedScore: number, rarity = 0.5) =>
    translation(side('en', names, words), zh, () => rarity, false, {
      ...MATCH_DEFAULTS,
      translationScore: 3,
      translationWordedScore: wordedScore,
    });
  assert.equal(decide(side('zh', names, words), 1), null);
  const found = decide(side('zh', names, words), 0.9);
  assert.equal(found?.reason, 'translation');
  assert.equal(found.items[0], wordedScoreItem(2.85, 1));
  // Other words, or fewer names, and the lower bar is not given.
  assert.equal(decide(side('zh', names, ['flood', 'refugees', 'hospital']), 0.9), null);
  assert.equal(decide(side('zh', names.slice(0, 2), words), 0.9), null);
  // Under 0.9 of the score (2.28 at a rarity of 0.4), however well the words agree.
  assert.equal(decide(side('zh', names, words), 0.9, 0.4), null);
  assert.equal(decide(side('zh', names, words), 0.7, 0.4)?.reason, 'translation');
});

test('every option documents the default it has', () => {
  // The options' comments are what a user tuning a config reads; the values move when the tuner chooses again.
  const source = readFileSync(fileURLToPath(new URL('./match.ts', import.meta.url)), 'utf8');
  const block = source.slice(
    source.indexOf('export interface MatchOptions'),
    source.indexOf('export const MATCH_DEFAULTS'),
  );
  for (const [name, value] of Object.entries(MATCH_DEFAULTS)) {
    const at = block.search(new RegExp(`\\n  ${name}: `));
    assert.ok(at > 0, `${name} is not in MatchOptions`);
    const doc = block.slice(block.lastIndexOf('/**', at), at);
    const written = /@default (\S+)/.exec(doc)?.[1];
    assert.equal(written, String(value), `${name}: the comment says ${written}, the default is ${value}`);
  }
});

// Three names and a number: at a rarity of 0.6 a score of 3.9, over the 3 a pair needs and under 4; at 1, 6.5.
const CALL = ['name:lfrf', 'name:blnk', 'name:mskf', 'number:154'];
const CALL_NAMES: [string, string, number][] = [
  ['name:lfrf', 'Lavrov', 0],
  ['name:blnk', 'Blinken', 1],
  ['name:mskf', 'Moscow', 2],
];

test('posts hours apart need a stronger score than posts minutes apart, and a day apart a stronger one still', () => {
  const at = (lang: string, time: number): Features => ({ ...features(lang, CALL, CALL_NAMES), time });
  const decide = (hours: number, rarity: number) =>
    translation(at('en', 0), at('ru', hours * 3_600_000), () => rarity, false, MATCH_DEFAULTS)?.reason ??
    null;
  // 3.9: enough within translationLateHours, not later the same day (the speaker's next statement on the event).
  assert.equal(decide(3, 0.6), 'translation');
  assert.equal(decide(5, 0.6), null);
  // 5.2: enough the same day, not more than a day apart.
  assert.equal(decide(23, 0.8), 'translation');
  assert.equal(decide(30, 0.8), null);
  // With strong evidence a day apart is still a version (a late relay of the same statement).
  assert.equal(decide(30, 1), 'translation');
});

test('lengths apart up to 3.5 to 1 need a stronger score; beyond, no score makes a translation', () => {
  const sized = (lang: string, length: number): Features => ({ ...features(lang, CALL, CALL_NAMES), length });
  const decide = (ratio: number, rarity: number) =>
    translation(sized('en', 200), sized('ru', 200 * ratio), () => rarity, false, MATCH_DEFAULTS);
  assert.equal(decide(2.4, 0.6)?.reason, 'translation');
  assert.equal(decide(3, 0.6), null);
  const cut = decide(3, 1);
  assert.equal(cut?.reason, 'translation');
  // The reader sees why two texts of such different lengths were grouped.
  assert.equal(cut?.items[0], 'length: one 3 times the other, with a score of 6.5');
  assert.equal(decide(3.6, 1), null);
});
