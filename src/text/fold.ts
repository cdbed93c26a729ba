// What "the same letters" means, once for topics, search, snippets and stories: Unicode compatibility forms, case
// and diacritics folded the same way everywhere.
import { Memo } from '../util/memo.js';

// Protects й during mark stripping: in Russian and Ukrainian it is a letter of its own, not an и with an accent.
const JOT = '\uE0A0';

// Marks that writers use inconsistently and readers search without: combining diacritics (é, ё, ї, Russian stress
// marks, Vietnamese tones), Hebrew points, Arabic harakat, Quranic marks and the tatweel. Marks of Indic, Thai and
// other scripts are parts of their letters and stay.
const FOLDED_MARKS =
  // eslint-disable-next-line no-misleading-character-class -- ranges of combining marks, stripped on their own
  /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

// Modifier letters of no script, which transliterations put inside words (duʿāʾ, Kaʿb, Hawaiʻi), and stress and
// length marks: folded away like diacritics. Han and kana ones (ー) are letters of their words and not here, nor is ʼ
// (U+02BC), an apostrophe that separates (words.ts). The tatweel (U+0640) is here for words.ts; FOLDED_MARKS has it too.
const MODIFIER_RANGES = '\\u02C6-\\u02D1\\u02EC\\u02EE\\u0374\\u0640\\u2E2F\\uA717-\\uA71F\\uA788\\uA9CF';
const MODIFIER_SOURCE = `[\\u02B9-\\u02BB\\u02BD-\\u02C1${MODIFIER_RANGES}]`;
/**
 * The modifier letters and ʼ (words.ts), as a regular expression both JavaScript and PostgreSQL read: what finds the
 * posts an index made before them holds differently.
 */
export const MODIFIER_OR_APOSTROPHE_SOURCE = `[\\u02B9-\\u02C1${MODIFIER_RANGES}]`;
export const MODIFIER_LETTER = new RegExp(MODIFIER_SOURCE, 'u');
const MODIFIER_LETTERS = new RegExp(MODIFIER_SOURCE, 'gu');

// Letters that decompose to nothing but that people type interchangeably with plain ones.
const EXTRA = /[ßæœøłđıςþ]/g;
const EXTRA_MAP: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ς: 'σ',
  þ: 'th',
};

// Text that only needs lower-casing: ASCII, and the Cyrillic letters no mark is folded off (not ё, ї, ў…).
const PLAIN = /^[\t\n\r -~\u0410-\u044F\u0404\u0406\u0454\u0456\u0490\u0491]*$/;

// Latin letters that look like Cyrillic ones and back. Some channels type them into each other's words (to get past
// filters, or from a keyboard left in the wrong layout): "Зeлeнcький" with Latin e and c reads as Зеленський.
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  ï: 'ї',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  I: 'І',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_LOOKALIKES).map(([l, c]) => [c, l]),
);
const LATIN = /[A-Za-zï]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const MIXED = /[A-Za-zï][\u0400-\u04FF]|[\u0400-\u04FF][A-Za-zï]/;
const MIXED_WORDS = /[A-Za-zï\u0400-\u04FF]+/g;

const MODIFIER_OR_APOSTROPHE = new RegExp(MODIFIER_OR_APOSTROPHE_SOURCE, 'u');

/** Whether a text holds a modifier letter or ʼ (U+02BC), which words.ts reads differently since schema 20 / 22. */
export function hasModifierLetters(s: string): boolean {
  return MODIFIER_OR_APOSTROPHE.test(s);
}

/** Whether a text has a word mixing Latin and Cyrillic letters (which unmixScripts may change). */
export function hasMixedWords(s: string): boolean {
  return MIXED.test(s);
}

/**
 * Words that mix Latin and Cyrillic letters written in one script: the other script's letters become the
 * look-alikes of the script only they can belong to (a Cyrillic word with Latin a, e, o, c; or back). A word whose
 * letters cannot all be swapped stays as it is. Each letter keeps its place (one UTF-16 unit for one).
 */
export function unmixScripts(s: string): string {
  if (!MIXED.test(s)) return s;
  return s.replace(MIXED_WORDS, (w) => {
    if (!MIXED.test(w)) return w;
    const letters = [...w];
    const swap = (from: RegExp, to: Readonly<Record<string, string>>): string | null =>
      letters.every((ch) => !from.test(ch) || to[ch] !== undefined)
        ? letters.map((ch) => (from.test(ch) ? to[ch]! : ch)).join('')
        : null;
    return swap(LATIN, LATIN_LOOKALIKES) ?? swap(CYRILLIC, CYRILLIC_LOOKALIKES) ?? w;
  });
}

/**
 * The folded form of any text (spaces and punctuation stay): Latin look-alikes inside Cyrillic words made Cyrillic
 * (and back), NFKC (full-width letters, ligatures like ﬁ, superscripts), lower case, no diacritics (é -> e, ё -> е,
 * ї -> і, Łódź -> lodz, Straße -> strasse), no Arabic or Hebrew vowel marks, but й kept.
 */
export function foldText(s: string): string {
  s = unmixScripts(s);
  if (PLAIN.test(s)) return s.toLowerCase();
  let t = s.normalize('NFKC').toLowerCase();
  const jot = t.includes('й');
  if (jot) t = t.replaceAll('й', JOT);
  t = t.normalize('NFD').replace(FOLDED_MARKS, '').normalize('NFC');
  if (jot) t = t.replaceAll(JOT, 'й');
  t = t.replace(MODIFIER_LETTERS, '');
  return t.replace(EXTRA, (c) => EXTRA_MAP[c] ?? c);
}

// Words repeat a lot and folding runs three normalisations: remember recent ones (bounded).
const folded = new Memo<string>(100_000, foldText);
const PLAIN_WORD = /^[0-9A-Za-z\u0410-\u044F\u0404\u0406\u0454\u0456\u0490\u0491]+$/;

/** foldText of one word, memoised (the form every index and matcher compares). */
export function foldWord(word: string): string {
  if (PLAIN_WORD.test(word)) return unmixScripts(word).toLowerCase();
  return folded.get(word);
}
