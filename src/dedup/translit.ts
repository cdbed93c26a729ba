// Script-independent name keys: Cyrillic -> Latin transliteration plus a consonant skeleton (Лавров = Lavrov).

const CYR: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
};

/** Transliterates Cyrillic letters of a folded (lower-case) word to Latin; other letters pass through. */
export function transliterate(word: string): string {
  let out = '';
  for (const ch of word) out += CYR[ch] ?? ch;
  return out;
}

/** Equivalences spelling rules cannot reach (exonyms); a supplement only, the skeleton does most of the work. */
const GAZETTEER: Readonly<Record<string, string>> = {
  moscou: 'moskva',
  moscow: 'moskva',
  moskau: 'moskva',
  moskve: 'moskva',
  moskvy: 'moskva',
  moskvoi: 'moskva',
  pekin: 'beijing',
  pekine: 'beijing',
  pekinom: 'beijing',
  londres: 'london',
  varsovie: 'varshava',
  warsaw: 'varshava',
  geneve: 'geneva',
  zheneva: 'geneva',
  genf: 'geneva',
  kiev: 'kyiv',
  kiew: 'kyiv',
  kieva: 'kyiv',
  kievom: 'kyiv',
  kieve: 'kyiv',
  kyiv: 'kyiv',
  tokio: 'tokyo',
  vienne: 'vienna',
  vena: 'vienna',
  wien: 'vienna',
  allemagne: 'germany',
  germaniya: 'germany',
  germanii: 'germany',
  deutschland: 'germany',
  chine: 'china',
  kitai: 'china',
  kitaya: 'china',
  kitaem: 'china',
  inde: 'india',
  indiya: 'india',
  indii: 'india',
  indiei: 'india',
  egypte: 'egypt',
  egipet: 'egypt',
  egipta: 'egypt',
  egipte: 'egypt',
  etats: 'usa',
  ssha: 'usa',
  onu: 'un',
  oon: 'un',
  otan: 'nato',
  nato: 'nato',
};

/**
 * A key that stays the same across transliterations and Russian case endings: transliterate, turn spelling
 * variants into one sound (w/v, c/k, gu/g, dzh/j…), drop vowels and doubled letters, keep four consonants.
 * Lavrov/Лавров/Лаврова -> lvrv, Sergey/Sergueï/Сергей -> srg, Kazan/Казань/Казани -> kzn.
 * Null for words whose skeleton is too short to mean anything.
 */
export function nameKey(foldedWord: string): string | null {
  let word = foldedWord;
  // Russian case endings that add a consonant the nominative lacks (Путиным, Вашингтоном, Лавровых).
  if (/^[а-яё]{5,}$/u.test(word))
    word = word.replace(/(?:ами|ями|ого|его|ому|ему|ыми|ими|ым|им|ом|ем|ах|ях|ам|ям|ых|их)$/u, '');
  const t = transliterate(word).replace(/[^a-z]/g, '');
  const g = GAZETTEER[t];
  const s = skeleton(g ?? t);
  if (s.length < 3) return g ? `=${g}` : null;
  return s.slice(0, 4);
}

function skeleton(word: string): string {
  return word
    .replace(/tsz|dz/g, 'J')
    .replace(/shch|sch|sh|ch(?=[aeiouy])|tch/g, 'S')
    .replace(/dzh|dj|j/g, 'J')
    .replace(/zh/g, 'Z')
    .replace(/kh/g, 'H')
    .replace(/gu(?=[ei])/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/ck|ch|c|q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/ts|tz/g, 'C')
    .replace(/h/g, '')
    .replace(/[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1');
}
