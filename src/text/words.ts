// What a word is: the one segmentation of text into folded words that topics, both search indexes, snippets and
// highlighting share.
//
// - A word is a run of letters, digits, marks and private-use characters (a mark belongs to what it follows;
//   variation selectors are not part of it: "🕰️Marriage" holds the word "marriage"), folded by fold.ts.
// - The modifier letters of no script (ʿ and ʾ of transliterated Arabic, ˈ, the tatweel) are inside the word, as
//   marks are, and folded away: duʿāʾ is the word dua. The modifier apostrophe ʼ separates, as ' and ’ do, so the
//   three ways of writing Ukrainian об'єднання give the same words.
// - A run that changes script splits there (telegram中文 -> telegram, 中, 文; a digit joins either side: g20).
// - Han and kana are one character per word, so a Chinese or Japanese word is a phrase of characters: robust
//   without a dictionary, and what both stores index the same way.
// - Thai, Lao, Khmer and Myanmar, written without spaces, are cut into words by Intl.Segmenter.
// - A hashtag gives the words of its parts (#BRICSsummit -> brics, summit; tags.ts), at consecutive positions.
import { Memo } from '../util/memo.js';
import { MODIFIER_LETTER, foldWord, unmixScripts } from './fold.js';
import { HASHTAG_SOURCE, hashtagParts, tagKey } from './tags.js';

/** One word of a text, with where it is in the original (UTF-16 offsets). */
export interface WordSpan {
  start: number;
  end: number;
  /** The folded word. */
  key: string;
  /** The tagKey of the hashtag this word is a part of. */
  tag?: string;
}

// A run of word characters (variation selectors, being marks, are in it: pieces() cuts there).
const RUN_SOURCE = '[\\p{L}\\p{N}\\p{Co}][\\p{L}\\p{N}\\p{M}\\p{Co}]*';
// A hashtag, or a run; each run then splits into words by script. Most texts have no '#': the plain one is faster.
const RUN = new RegExp(`${HASHTAG_SOURCE}|${RUN_SOURCE}`, 'gu');
const PLAIN_RUN = new RegExp(RUN_SOURCE, 'gu');

// Runs that are exactly one word and only need lower-casing: ASCII letters and digits, or Cyrillic ones that fold.ts
// leaves as they are (not ё, ї, ў…).
const ASCII_RUN = /^[0-9A-Za-z]+$/;
const CYRILLIC_RUN = /^[0-9\u0410-\u044F\u0404\u0406\u0454\u0456\u0490\u0491]+$/;

const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const UNSPACED = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const MARK = /\p{M}/u;
const COMMON = /[\p{N}\p{Co}]/u;
const SCRIPTS: readonly [RegExp, string][] = [
  [/\p{sc=Latin}/u, 'latin'],
  [/\p{sc=Cyrillic}/u, 'cyrillic'],
  [/\p{sc=Greek}/u, 'greek'],
  [/\p{sc=Arabic}/u, 'arabic'],
  [/\p{sc=Hebrew}/u, 'hebrew'],
  [/\p{sc=Hangul}/u, 'hangul'],
  [/\p{sc=Devanagari}/u, 'devanagari'],
  [/\p{sc=Bengali}/u, 'bengali'],
  [/\p{sc=Tamil}/u, 'tamil'],
  [/\p{sc=Georgian}/u, 'georgian'],
  [/\p{sc=Armenian}/u, 'armenian'],
  [/\p{sc=Ethiopic}/u, 'ethiopic'],
];

/** What a character does in segmentation: 'cjk', 'seg' (unspaced), 'mark', 'common' (digits), or a script. */
const classes = new Memo<string>(50_000, (ch) => {
  if ((ch >= '\uFE00' && ch <= '\uFE0F') || ch === '\u02BC') return 'break';
  if (CJK.test(ch)) return 'cjk';
  if (UNSPACED.test(ch)) return 'seg';
  if (MARK.test(ch) || MODIFIER_LETTER.test(ch)) return 'mark';
  if (COMMON.test(ch)) return 'common';
  return SCRIPTS.find(([re]) => re.test(ch))?.[1] ?? 'other';
});
const classOf = (ch: string): string => classes.get(ch);

let segmenter: Intl.Segmenter | null = null;

/** Pieces of a run (offsets relative to it), cut at script changes, CJK one character each, unspaced by ICU. */
function pieces(run: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let script: string | null = null; // the letters' class of the current piece; null: digits only so far
  let i = 0;
  const flush = (end: number, cls: string | null): void => {
    if (end <= start) return;
    if (cls === 'seg') {
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
      for (const s of segmenter.segment(run.slice(start, end)))
        if (s.isWordLike) out.push([start + s.index, start + s.index + s.segment.length]);
    } else out.push([start, end]);
  };
  while (i < run.length) {
    const cp = run.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const cls = classOf(run.slice(i, i + len));
    if (cls === 'mark') {
      i += len;
      continue;
    }
    if (cls === 'break') {
      flush(i, script);
      i += len;
      start = i;
      script = null;
      continue;
    }
    if (cls === 'cjk') {
      flush(i, script);
      let end = i + len;
      while (end < run.length && classOf(run[end]!) === 'mark') end++;
      out.push([i, end]);
      start = end;
      script = null;
      i = end;
      continue;
    }
    if (cls === 'common') {
      i += len;
      continue;
    }
    if (script !== null && cls !== script) {
      // A script change: digits just before the new script stay with what they follow (g20 stays whole).
      flush(i, script);
      start = i;
    }
    script = cls;
    i += len;
  }
  flush(run.length, script);
  return out;
}

const WORD_CHARS = /^[\p{L}\p{N}\p{M}\p{Co}]+$/u;

/** Calls `emit` with each folded word of a run of word characters (no hashtag), with its offsets in the run. */
function runWords(run: string, emit: (key: string, start: number, end: number) => void): void {
  if (ASCII_RUN.test(run) || CYRILLIC_RUN.test(run)) {
    emit(run.toLowerCase(), 0, run.length);
    return;
  }
  // A word typed with the other script's look-alikes is one word, not pieces cut at every swapped letter.
  run = unmixScripts(run);
  for (const [s, e] of pieces(run)) {
    const key = foldWord(run.slice(s, e));
    if (key === '') continue;
    if (WORD_CHARS.test(key)) emit(key, s, e);
    // Folding made more than a word (NFKC of ㈱ is "(株)"): the words of the folded text, each at the piece.
    else for (const w of wordsOfFolded(key)) emit(w, s, e);
  }
}

function wordsOfFolded(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(new RegExp(RUN_SOURCE, 'gu')))
    for (const [s, e] of pieces(m[0])) out.push(m[0].slice(s, e));
  return out;
}

/** Calls `emit` with each word of a hashtag (with '#'), with its offsets in it. */
function tagWords(raw: string, emit: (key: string, start: number, end: number) => void): void {
  const body = raw.slice(1);
  for (const [s, e] of hashtagParts(body))
    runWords(body.slice(s, e), (key, ws, we) => emit(key, 1 + s + ws, 1 + s + we));
}

/** The words of a text with their places; a hashtag's words carry its tagKey. */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(text.includes('#') ? RUN : PLAIN_RUN)) {
    const raw = m[0];
    const at = m.index;
    if (raw.charCodeAt(0) === 35 /* # */) {
      const tag = tagKey(raw);
      tagWords(raw, (key, s, e) => out.push({ start: at + s, end: at + e, key, tag }));
    } else runWords(raw, (key, s, e) => out.push({ start: at + s, end: at + e, key }));
  }
  return out;
}

/** The runs of a text (hashtags with their '#'): foldedWords of each, in turn, are foldedWords(text). */
export function wordRuns(text: string): string[] {
  return text.match(text.includes('#') ? RUN : PLAIN_RUN) ?? [];
}

// Indexing meets the same runs again and again: remember their words (bounded).
const runCache = new Memo<readonly string[]>(100_000, (run) => {
  const out: string[] = [];
  const emit = (key: string): void => void out.push(key);
  if (run.charCodeAt(0) === 35) tagWords(run, emit);
  else runWords(run, emit);
  return out;
});

/** The folded words of one run of wordRuns. */
export function runFoldedWords(run: string): readonly string[] {
  if (ASCII_RUN.test(run)) return [run.toLowerCase()];
  return runCache.get(run);
}

/**
 * The folded words of a text, in order: the keys of wordSpans(text), without the spans. Every post is indexed
 * through this.
 */
export function foldedWords(text: string): string[] {
  const out: string[] = [];
  for (const run of wordRuns(text)) {
    const ws = runFoldedWords(run);
    if (ws.length === 1) out.push(ws[0]!);
    else for (const w of ws) out.push(w);
  }
  return out;
}
