// Text folding shared by indexing, querying and snippets: what "the same word" means across scripts.

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const CJK_CHAR = new RegExp(`([${CJK}])`, 'gu');
// Arabic harakat, Quranic marks and the tatweel: writers use them inconsistently, readers search without them.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/gu;

// Code-unit ranges (fast without the u flag): ё, combining marks, Arabic marks, kana, CJK ideographs, astral CJK.
const NEEDS_FOLD =
  // eslint-disable-next-line no-misleading-character-class -- ranges of code units on purpose (no u flag: fast)
  /[\u0401\u0451\u0300-\u036F\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uD840-\uD87E]/;

/**
 * The folding of foldWord before its Latin diacritics and case: ё = е, Arabic without harakat, and CJK spaced
 * out, one character per word, so a word matches as a phrase of characters.
 */
function foldScripts(text: string): string {
  // Most text needs none of this; skipping it keeps imports fast.
  if (!NEEDS_FOLD.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(ARABIC_MARKS, '')
    .replace(CJK_CHAR, ' $1 ');
}

/** One searchable word of a text, with where it is in the original (UTF-16 offsets). */
export interface WordSpan {
  start: number;
  end: number;
  /** Folded: lower case, no Latin diacritics, ё = е, no Arabic marks. */
  key: string;
}

// A word starts with a letter, digit or private-use character (a mark belongs to what it follows), and variation
// selectors are not part of it: "🕰️Marriage" holds the word "marriage", as SQLite's tokenizer sees it.
const WORD = new RegExp(
  `[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{Co}])(?:(?![${CJK}\\uFE00-\\uFE0F])[\\p{L}\\p{N}\\p{M}\\p{Co}])*`,
  'gu',
);

// Words that only need lower-casing: ASCII letters and digits, Cyrillic letters but ё (no marks to strip, nothing
// to fold). A run of these is exactly one word.
const PLAIN_WORD = /^[0-9A-Za-z\u0400\u0402-\u0450\u0452-\u0481\u048A-\u04FF]+$/;
// Runs of word characters: most are one plain word; the others are cut into words by WORD.
const RUN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
// Snippets fold every word of every hit; a text repeats its vocabulary, so remember recent words.
const folded = new Map<string, string>();
const FOLDED_MAX = 100_000;

/** The folded form of one word, as the index compares it. */
export function foldWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word.toLowerCase();
  let f = folded.get(word);
  if (f === undefined) {
    if (folded.size >= FOLDED_MAX) folded.clear();
    f = foldSlow(word);
    folded.set(word, f);
  }
  return f;
}

function foldSlow(word: string): string {
  return foldScripts(word)
    .normalize('NFD')
    .replace(/(?<=\p{Script=Latin})\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/\s+/gu, '')
    .toLowerCase();
}

/** The words of a text as the index sees them (CJK: one character each). */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = foldWord(m[0]);
    if (key) out.push({ start: m.index, end: m.index + m[0].length, key });
  }
  return out;
}

/** The runs of word characters of a text, as written: foldedWords of each, in turn, are foldedWords(text). */
export function wordRuns(text: string): string[] {
  return text.match(RUN) ?? [];
}

/**
 * The folded words of a text, in order: the keys of wordSpans(text), without the spans. Every post is indexed
 * through this, so it takes the quick way where it can (String.match, plain runs lower-cased as they are).
 */
export function foldedWords(text: string): string[] {
  const runs = wordRuns(text);
  const out: string[] = [];
  for (const run of runs) {
    if (PLAIN_WORD.test(run)) {
      out.push(run.toLowerCase());
      continue;
    }
    for (const m of run.matchAll(WORD)) {
      const key = foldWord(m[0]);
      if (key) out.push(key);
    }
  }
  return out;
}
