import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText } from '../text/fold.js';
import { soundVariants } from './kana-hangul.js';
import { nameKey, nameKeys, nameKeysIn, romanise, transliterate } from './translit.js';

test('transliterate maps Cyrillic letters to Latin', () => {
  assert.equal(transliterate('лавров'), 'lavrov');
  assert.equal(transliterate('щукин'), 'shchukin');
  assert.equal(transliterate('љубљана'), 'liubliana');
  assert.ok(/^[a-z]+$/.test(transliterate('ђоковић њујорк џиновић').replaceAll(' ', '')));
});

const same: string[][] = [
  ['Lavrov', 'Лавров', 'Лаврова', 'Лавровым'],
  ['Sergey', 'Sergueï', 'Сергей', 'Sergei'],
  ['Kazan', 'Казань', 'Казани'],
  ['Putin', 'Poutine', 'Путин', 'Путиным'],
  ['Zeynalova', 'Зейналовой'],
  ['Washington', 'Вашингтон'],
  ['Jaishankar', 'Джайшанкаром'],
  ['BRICS', 'БРИКС'],
  ['Moscow', 'Moscou', 'Москва', 'Москве'],
  ['Jinping', 'Цзиньпин'],
  ['Zelensky', 'Зеленський', 'Зеленського', 'زيلينسكي'],
  ['Lavrov', 'لافروف'],
  ['Putin', 'بوتين'],
  ['Erdogan', 'Эрдоган', 'أردوغان'],
  ['Merkel', 'Меркель', 'ميركل'],
  ['Lviv', 'Львів', 'Львова'],
  ['Kharkiv', 'Харків'],
  ['Donetsk', 'Донецьк'],
  // ц is ts, and -tion an s: one sound.
  ['Scholz', 'Шольц', 'Шольцем'],
  ['Federation', 'Федерації', 'Федерации'],
  // Short names key on their first letters, vowels in three classes (Arabic writes only a, i and u), and an
  // Arabic ayn that begins a name is the a of its Latin spelling (عنان = Annan, عمان = Amman).
  ['Kofi', 'كوفي', 'Кофи'],
  ['Moussa', 'موسى', 'Муса'],
  ['Annan', 'عنان', 'Аннан'],
  // English keeps the h Russian writes with х, and the skeleton drops both.
  ['Hamas', 'ХАМАС', 'Хамас'],
  ['Hezbollah', 'Хезболла', 'Хезболлы'],
  ['Netanyahu', 'Нетаньяху'],
  ['Farhan', 'Фархан'],
  ['Amman', 'عمان', 'Амман'],
];
for (const [name, derived] of [
  ['Lviv', 'Львівської'],
  ['Sumy', 'Сумщини'],
  ['Kharkiv', 'Харківщині'],
  ['Odesa', 'Одещині'],
  ['Donetsk', 'Донецької'],
] as const) {
  test(`nameKeys: the place of a derived form meets its name (${derived} ~ ${name})`, () => {
    const key = nameKey(foldText(name));
    assert.ok(
      key !== null && nameKeys(foldText(derived)).includes(key),
      `${key} in ${nameKeys(foldText(derived)).join(',')}`,
    );
  });
}
for (const group of same) {
  test(`nameKey: ${group.join(' = ')}`, () => {
    const keys = group.map((w) => nameKey(foldText(w)));
    assert.ok(keys[0] !== null);
    for (const k of keys) assert.equal(k, keys[0]);
  });
}

test('nameKey keeps different names apart and drops too-short skeletons', () => {
  assert.notEqual(nameKey('lavrov'), nameKey('lukashenko'));
  assert.notEqual(nameKey('kazan'), nameKey('astana'));
  assert.notEqual(nameKey('amman'), nameKey('oman'));
  assert.notEqual(nameKey('kofi'), nameKey('kafa'));
  assert.equal(nameKey('xi'), null);
  // Three letters are too common to be a name's key (The, EST, OST).
  assert.equal(nameKey('the'), null);
});

// [word, its language, a spelling of the same name it must meet (in the other language's text)]
for (const [word, lang, other, otherLang] of [
  ['Petrom', 'sk', 'Петром', 'uk'],
  ['Pavlom', 'sk', 'Павел', 'uk'],
  ['Putinowi', 'pl', 'Putin', 'en'],
  ['Scholzem', 'pl', 'Scholz', 'en'],
  ['Andrzej', 'pl', 'Анджей', 'uk'],
  ['Ukrajiny', 'sk', 'України', 'uk'],
  ['Recep', 'tr', 'Реджеп', 'ru'],
  ['Ερντογάν', 'el', 'Erdogan', 'en'],
  ['Βλαντίμιρ', 'el', 'Vladimir', 'en'],
  ['Дудою', 'uk', 'Duda', 'it'],
  ['Анджеєм', 'uk', 'Анджей', 'ru'],
  // Serbian Cyrillic: ј, љ, њ, ћ, ђ are letters of their own, not left untransliterated.
  ['Русије', 'sr', 'Russia', 'en'],
  ['Русија', 'sr', 'Россия', 'ru'],
  ['Сирије', 'sr', 'Syria', 'en'],
  ['Туреччини', 'uk', 'Turquie', 'fr'],
  ['Вучић', 'sr', 'Вучич', 'ru'],
  // Polish, Czech and Slovak c and ch; German and Dutch sch, tsch and ch; exonyms of capitals.
  ['Donieck', 'pl', 'Донецк', 'ru'],
  ['Doněck', 'cs', 'Donetsk', 'en'],
  ['Cherson', 'pl', 'Херсон', 'ru'],
  ['Lecha', 'pl', 'Леха', 'ru'],
  ['Charkiw', 'de', 'Kharkiv', 'en'],
  ['Tschernobyl', 'de', 'Chernobyl', 'en'],
  ['Chruschtschow', 'de', 'Хрущёв', 'ru'],
  ['Tsjernobyl', 'nl', 'Чернобыль', 'ru'],
  ['Mosca', 'it', 'Москва', 'ru'],
  ['Warschau', 'de', 'Warsaw', 'en'],
  ['Kijów', 'pl', 'Київ', 'uk'],
  ['Мајами', 'sr', 'Майами', 'ru'],
  // Arabic writes a foreign g with jim; German, Dutch and Nordic names take a genitive s.
  ['أنجيلا', 'ar', 'Angela', 'en'],
  ['جورجيا', 'ar', 'Georgia', 'en'],
  ['Russlands', 'de', 'Russia', 'en'],
  ['Deutschlands', 'de', 'Германии', 'ru'],
  ['Ruslands', 'nl', 'Россия', 'ru'],
  // Turkish, Arabic and Persian names of countries; English and French ones key alike.
  ['Rusya', 'tr', 'Россия', 'ru'],
  ['روسيا', 'ar', 'Russia', 'en'],
  ['سوریه', 'fa', 'Syria', 'en'],
  ['ایران', 'fa', 'Iran', 'en'],
  ['Hindistan', 'tr', 'India', 'en'],
  ['Inde', 'fr', 'India', 'en'],
  ['Chine', 'fr', 'China', 'en'],
  ['Avrupa', 'tr', 'Europe', 'en'],
  ['Almanya', 'tr', 'Germany', 'en'],
  // Latvian and Lithuanian names in their case's s; their names of Russia and Lithuania.
  ['Zikovs', 'lv', 'Зыкова', 'ru'],
  ['Zykovas', 'lt', 'Zykov', 'en'],
  ['Latvijas', 'lv', 'Латвии', 'ru'],
  ['Latvijos', 'lt', 'Latvia', 'en'],
  ['Krievijas', 'lv', 'России', 'ru'],
  ['Rusijos', 'lt', 'Russia', 'en'],
  ['Lietuvos', 'lt', 'Литвы', 'ru'],
  ['Литві', 'uk', 'Lithuania', 'en'],
  // Ukrainian and Belarusian г is h.
  ['Галущенко', 'uk', 'Halushchenko', 'en'],
  ['Герман', 'uk', 'Herman', 'en'],
  ['Гродна', 'be', 'Hrodna', 'en'],
  // Greek names in their case's s; μπ after a vowel.
  ['Κύριλλος', 'el', 'Kirill', 'en'],
  ['Μόσχας', 'el', 'Moscow', 'en'],
  ['Τραμπ', 'el', 'Trump', 'en'],
  ['Μπάιντεν', 'el', 'Biden', 'en'],
  // β is v, and the b of foreign names.
  ['Βερολίνο', 'el', 'Berlin', 'en'],
  ['Βρετανία', 'el', 'Britain', 'en'],
  ['Βαρσοβία', 'el', 'Warsaw', 'en'],
] as const) {
  test(`nameKeysIn: ${word} (${lang}) meets ${other} (${otherLang})`, () => {
    const mine = nameKeysIn(word, lang, foldText);
    const theirs = nameKeysIn(other, otherLang, foldText);
    assert.ok(
      mine.some((k) => theirs.includes(k)),
      `${mine.join(',')} / ${theirs.join(',')}`,
    );
  });
}

test('romanise reads letters by the language: Polish rz and cz, Czech carons, Turkish c; nothing new is null', () => {
  assert.equal(romanise('Andrzej', 'pl'), 'andzhey');
  assert.equal(romanise('Česká', 'cs'), 'cheská');
  assert.equal(romanise('Recep', 'tr'), 'rejep');
  // The same word in an English text is read as English.
  assert.equal(romanise('Recep', 'en'), null);
  assert.equal(romanise('Галущенко', 'uk'), 'hалущенко');
  assert.equal(romanise('Галущенко', 'ru'), null);
  assert.equal(romanise('Lavrov', 'pl'), null);
  assert.equal(romanise('Donieck', 'pl'), 'donietsk');
  assert.equal(romanise('Tschernobyl', 'de'), 'chernobyl');
  // German ch is kh, but not in an English name a German text quotes as it is (its own keys stay).
  assert.equal(romanise('Chruschtschow', 'de'), 'khrushchow');
});

test('case endings are cut only in the languages that have them: an English name keeps its ending', () => {
  assert.ok(nameKeysIn('Scholzem', 'pl', foldText).includes(nameKey('scholz')!));
  assert.ok(!nameKeysIn('Salem', 'en', foldText).includes(nameKey('sal') ?? '-'));
  assert.deepEqual(nameKeysIn('Bloom', 'en', foldText), nameKeys('bloom'));
  // A genitive s only where the language has one, and never the s of the name itself (Paris, Kraus).
  assert.deepEqual(nameKeysIn('Athens', 'en', foldText), nameKeys('athens'));
  assert.deepEqual(nameKeysIn('Strauss', 'de', foldText), nameKeys('strauss'));
  // Persian says jim as j: جهان stays jahan.
  assert.equal(romanise('جهان', 'fa'), null);
});

test('short names key on their first letters with y and i as one letter and doubled letters as one', () => {
  const key = (w: string) => nameKey(foldText(w));
  assert.equal(key('Tayyip'), key('Тайип'));
  assert.equal(key('Yemen'), key('Йемен'));
  assert.equal(key('Riyadh'), key('Риад'));
  assert.equal(key('Sumy'), '~sum');
  assert.notEqual(key('Yemen'), key('Yerevan'));
  // Arabic has neither v nor p: a short name's first letters meet as its longer keys do (Viola = فيولا).
  assert.equal(key('Viola'), key('فيولا'));
  for (const w of ['فيينا', 'Вена', 'Wien', 'Vienne', 'Viena', 'Wiedeń'])
    assert.equal(key(w), key('Vienna'), w);
});

test('Greek ου is u, and Greek names of countries key as the Latin ones', () => {
  const key = (w: string) => nameKey(foldText(w));
  assert.equal(key('Ουκρανία'), key('Ukraine'));
  assert.equal(key('Σούμι'), key('Sumy'));
  for (const [el, en] of [
    ['Ελλάδα', 'Greece'],
    ['Ελλάδας', 'Greece'],
    ['Ρωσία', 'Russia'],
    ['Γαλλία', 'France'],
    ['ΗΠΑ', 'USA'],
    ['Ευρώπη', 'Europe'],
  ])
    assert.equal(key(el!), key(en!), el);
});

test('Arabic names not spelled from the Latin ones key as the Latin ones', () => {
  const key = (w: string) => nameKey(foldText(w));
  assert.equal(key('نمسا'), key('Austria'));
  assert.equal(key('قدس'), key('Jerusalem'));
  assert.equal(key('أونروا'), key('UNRWA'));
  assert.equal(key('ناتو'), key('NATO'));
  // Latin spellings with letters Arabic does not write, or from another language's name.
  for (const [ar, en] of <[string, string][]>[
    ['واشنطن', 'Washington'],
    ['بكين', 'Beijing'],
    ['بروكسل', 'Brussels'],
    ['دمشق', 'Damascus'],
    ['إيطاليا', 'Italy'],
    ['يابان', 'Japan'],
    ['إثيوبيا', 'Ethiopia'],
  ])
    assert.equal(key(ar), key(en), ar);
  assert.equal(key('Éthiopie'), key('Ethiopia'));
  assert.equal(key('Эфиопия'), key('Ethiopia'));
});

test('katakana in Hepburn, Hangul in the Revised Romanisation, Armenian, Georgian and Hebrew letters in Latin', () => {
  const cases: [string, string][] = [
    ['ウォルフォウィッツ', 'worufowitsu'],
    ['キャメロン', 'kyameron'],
    ['シャルリー', 'sharuri'],
    ['ファビウス', 'fabiusu'],
    ['ティラーソン', 'tirason'],
    ['바그다드', 'bageudadeu'],
    ['런던', 'reondeon'],
    ['միրզոյան', 'mirzoyan'],
    ['ժողովուրդ', 'zhoghovurd'],
    ['ზალკალიანი', 'zalkaliani'],
    ["ג'ונסון", 'junsun'],
  ];
  for (const [word, latin] of cases) assert.equal(transliterate(word), latin, word);
  // Japanese and Korean write foreign l and r alike.
  assert.equal(nameKey(transliterate('ロンドン')), 'rndn');
  assert.ok(
    soundVariants(transliterate('런던'), true)
      .map((v) => nameKey(v))
      .includes(nameKey('london')),
  );
});

test('Lithuania and Latvia key apart in every language, Russian and Lithuanian names of Lithuania included', () => {
  const latvia = ['Latvia', 'Латвии', 'Latvijas', 'латвийской', 'letton'].flatMap((w, i) =>
    nameKeysIn(w, ['en', 'ru', 'lv', 'ru', 'fr'][i]!, foldText),
  );
  for (const [w, lang] of [
    ['Литва', 'ru'],
    ['Литвы', 'ru'],
    ['Литвою', 'uk'],
    ['Lietuva', 'lt'],
    ['Lietuvos', 'lt'],
    ['Lithuania', 'en'],
    ['Litauen', 'de'],
    ['литовской', 'ru'],
    ['литовського', 'uk'],
    ['lituanien', 'fr'],
  ] as const)
    assert.ok(!nameKeysIn(w, lang, foldText).some((k) => latvia.includes(k)), w);
});

// Countries and capitals as the news names them, each form with the English name's key among its own keys.
const places: [english: string, forms: [lang: string, word: string][]][] = [
  [
    'China',
    [
      ['it', 'Cina'],
      ['ru', 'Китае'],
      ['ru', 'Китаю'],
      ['uk', 'Китаї'],
    ],
  ],
  [
    'Poland',
    [
      ['fr', 'Pologne'],
      ['de', 'Polen'],
      ['ru', 'Польши'],
      ['ru', 'Польшей'],
      ['uk', 'Польщі'],
      ['pl', 'Polsce'],
    ],
  ],
  [
    'Germany',
    [
      ['es', 'Alemania'],
      ['uk', 'Німеччині'],
      ['pl', 'Niemczech'],
    ],
  ],
  [
    'Japan',
    [
      ['fr', 'Japon'],
      ['it', 'Giappone'],
      ['pt', 'Japão'],
      ['ru', 'Японии'],
      ['uk', 'Японії'],
    ],
  ],
  [
    'Britain',
    [
      ['fr', 'Bretagne'],
      ['de', 'Großbritannien'],
      ['ru', 'Великобритании'],
    ],
  ],
  [
    'Hungary',
    [
      ['de', 'Ungarn'],
      ['ru', 'Венгрии'],
      ['uk', 'Угорщини'],
      ['pl', 'Węgry'],
    ],
  ],
  [
    'Geneva',
    [
      ['ru', 'Женеве'],
      ['ru', 'Женевы'],
      ['uk', 'Женеві'],
    ],
  ],
  [
    'Beijing',
    [
      ['ru', 'Пекина'],
      ['fr', 'Pékin'],
    ],
  ],
  [
    'Netherlands',
    [
      ['de', 'Niederlande'],
      ['ru', 'Нидерландов'],
    ],
  ],
  ['Cuba', [['ru', 'Кубе']]],
  [
    'Korea',
    [
      ['fr', 'Corée'],
      ['es', 'Corea'],
      ['ru', 'Кореи'],
    ],
  ],
  [
    'Russia',
    [
      ['uk', 'Росії'],
      ['uk', 'Росію'],
    ],
  ],
  [
    'Iran',
    [
      ['ru', 'Ирана'],
      ['ru', 'Иране'],
    ],
  ],
];
for (const [english, forms] of places)
  test(`a country or capital meets its English name in its other languages and cases: ${english}`, () => {
    const keys = nameKeysIn(english, 'en', foldText);
    for (const [lang, word] of forms)
      assert.ok(
        nameKeysIn(word, lang, foldText).some((k) => keys.includes(k)),
        `${word} (${nameKeysIn(word, lang, foldText).join(',')}) ~ ${english} (${keys.join(',')})`,
      );
  });

test('a case read back to the nominative names only what the gazetteer knows; a region stays a region', () => {
  // Лавров ends as Нидерландов does, and keys as Lavrov alone: only names the gazetteer has are read back.
  assert.deepEqual(nameKeys(foldText('Лавров')), ['lfrf']);
  assert.deepEqual(nameKeys(foldText('Нидерландов')), [nameKey('netherlands')]);
  // Сумщини is still the Sumy region; Угорщина, formed alike, is Hungary.
  assert.ok(nameKeys(foldText('Сумщини')).includes(nameKey(foldText('Sumy'))!));
  assert.ok(!nameKeys(foldText('Угорщина')).includes(nameKey(foldText('Sumy'))!));
});

/** Each word, in its language, shares a key with the English name beside it. */
function assertEnglish(names: readonly [lang: string, word: string, english: string][]): void {
  for (const [lang, word, english] of names) {
    const own = nameKeysIn(english, 'en', foldText);
    assert.ok(
      nameKeysIn(word, lang, foldText).some((k) => own.includes(k)),
      `${word} (${lang}) is ${english}`,
    );
  }
}

test('a country named in any language ICU knows keys as its English name, in the cases the text declines it to', () => {
  // None of these is in the hand-written gazetteer: they come from Intl.DisplayNames (world-names.ts).
  const named: [lang: string, word: string, english: string][] = [
    ['fi', 'Venäjä', 'Russia'],
    ['et', 'Saksamaa', 'Germany'],
    ['lv', 'Polijas', 'Poland'],
    ['ru', 'Австралии', 'Australia'],
    ['ru', 'Ливана', 'Lebanon'],
    ['uk', 'Словаччини', 'Slovakia'],
    ['ar', 'هولندا', 'Netherlands'],
    ['hu', 'Németország', 'Germany'],
    ['tr', 'Yunanistan', 'Greece'],
    ['ja', 'オランダ', 'Netherlands'],
    ['ko', '폴란드', 'Poland'],
    ['ko', '독일', 'Germany'],
  ];
  assertEnglish(named);
  // A short name that is another place's too is left alone: عمان is Amman as often as Oman.
  assert.deepEqual(nameKeysIn('عمان', 'ar', foldText), nameKeysIn('Amman', 'en', foldText));
  assert.notDeepEqual(nameKeysIn('عمان', 'ar', foldText), nameKeysIn('Oman', 'en', foldText));
});

test('a declined country name meets its English name in languages that decline names in Latin letters', () => {
  // Each form keyed apart from its English name before: a consonant the nominative lacks (Ruskem), a key too short
  // (Sýrii), a case suffix (Venäjällä, Oroszországban), Turkish after an apostrophe (Rusya'nın).
  const declined: [lang: string, word: string, english: string][] = [
    ['cs', 'Sýrii', 'Syria'],
    ['cs', 'Ruskem', 'Russia'],
    ['cs', 'Íránu', 'Iran'],
    ['pl', 'Syrii', 'Syria'],
    ['fi', 'Venäjällä', 'Russia'],
    ['fi', 'Venäjän', 'Russia'],
    ['hu', 'Oroszországban', 'Russia'],
    ['ro', 'Rusiei', 'Russia'],
    ['lt', 'Rusijos', 'Russia'],
    ['tr', "Rusya'nın", 'Russia'],
  ];
  assertEnglish(declined);
  // Only names the tables know are read back: a surname that begins like a country stays itself.
  assert.ok(
    !nameKeysIn('Malinou', 'cs', foldText).some((k) => nameKeysIn('Mali', 'en', foldText).includes(k)),
  );
  // And English has no such endings: Russian is not Russia (a people's name merged other statements).
  assert.ok(
    !nameKeysIn('Russian', 'en', foldText).some((k) => nameKeysIn('Russia', 'en', foldText).includes(k)),
  );
});

test('a German compound of eight consonants or more keys on five: it does not meet a long name by its first four', () => {
  const keys = (w: string, lang: string): string[] => nameKeysIn(w, lang, foldText);
  assert.ok(!keys('Infrastruktur', 'de').some((k) => keys('Новороссийск', 'ru').includes(k)));
  // The long name itself still meets its cases and transliterations.
  assert.ok(keys('Новороссийского', 'ru').some((k) => keys('Novorossiysk', 'en').includes(k)));
  assert.ok(keys('Außenministeriums', 'de').some((k) => keys('Außenministerium', 'de').includes(k)));
  // Other languages' long names keep four, whose spellings differ in their later consonants (Sangiampongsa).
  assert.ok(keys('Sangiampongsa', 'en').some((k) => keys('Sangiampong', 'en').includes(k)));
});
