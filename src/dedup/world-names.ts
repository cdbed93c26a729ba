// The names of the world's countries and territories in the languages of the news, from the ICU data every Node
// build carries (Intl.DisplayNames): Niemcy, Allemagne, Німеччина, Vācija, Saksamaa and ألمانيا are Germany;
// Австралия and Australia, Polijas and Poland. Spelling rules (translit.ts) join most transliterations of one name;
// these are the exonyms they cannot reach, for the 177 countries and territories whose English name is one word, in
// every language below, where a hand-written list reached the few countries someone had met.

/**
 * Languages whose names are read: those written in scripts translit.ts spells in Latin letters (Latin, Cyrillic,
 * Greek, Armenian, Georgian, Hebrew, Arabic, Japanese katakana, Korean). Chinese has its own list (han-world.ts).
 */
const LANGUAGES = (
  'en fr de es it pt ca gl ro nl sv da nb fi et lv lt pl cs sk sl hr bs sr-Latn sr mk bg ru uk be kk ky tg mn ' +
  'hu tr az uz id ms fil vi sq el hy ka he ar fa ur ja ko'
).split(' ');

// Not a country: the euro area.
const NOT_A_COUNTRY = /^Eurozone$/;

/**
 * [English name, name in another language] of each country or territory whose names are one word in both (Royaume-Uni
 * and Соединённые Штаты are read as several words elsewhere: institutions.ts).
 */
export function worldNames(): [english: string, name: string][] {
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const others = LANGUAGES.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  const oneWord = (n: string | undefined): n is string => n !== undefined && /^[\p{L}\p{M}']+$/u.test(n);
  const out: [string, string][] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const en = english.of(code);
      if (!oneWord(en) || en === code || NOT_A_COUNTRY.test(en)) continue;
      for (const d of others) {
        const name = d.of(code);
        if (oneWord(name) && name !== en) out.push([en, name]);
      }
    }
  return out;
}
