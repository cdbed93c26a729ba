import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLang } from './lang.js';

const cases: [string, string, string | null][] = [
  [
    'English prose',
    'The Foreign Ministers discussed bilateral cooperation and the situation in the Middle East.',
    'en',
  ],
  ['French prose', 'Les BRICS ont doublé le nombre de leurs membres, passant de cinq à dix.', 'fr'],
  ['Russian prose', 'Следующий саммит БРИКС в Казани должен будет подтвердить право членов коалиции.', 'ru'],
  ['Ukrainian by і ї є ґ', 'Міністр закордонних справ України заявив, що переговори тривають.', 'uk'],
  [
    'German prose',
    'Die Bundesregierung hat heute über neue Sanktionen gegen mehrere Unternehmen beraten.',
    'de',
  ],
  ['Persian by its letters', 'وزیر امور خارجه ایران امروز با همتای روسی خود گفتگو کرد', 'fa'],
  ['Arabic', 'التقى وزير الخارجية الروسي اليوم بنظيره المصري في موسكو', 'ar'],
  ['Chinese', '中华人民共和国外交部发言人今天举行例行记者会', 'zh'],
  ['Japanese kana', 'ロシアの外務大臣は本日記者会見を行いました', 'ja'],
  ['only hashtags, emoji and a link', '#BRICS #Kazan 🇷🇺🤝 https://t.me/mfa_russia/123', null],
  ['too short', 'Watch', null],
  [
    'mixed post: the longer French body wins over an English line',
    'Read in English below\n\nLe ministre russe des Affaires étrangères Sergueï Lavrov a rencontré son homologue égyptien à Moscou pour discuter de la coopération bilatérale et de la situation au Proche-Orient.',
    'fr',
  ],
];

for (const [name, text, want] of cases) {
  test(`detectLang: ${name}`, () => {
    assert.equal(detectLang(text), want);
  });
}
