// The stem index of search ("summits" finds "summit", "санкций" finds "санкции") in the post's language, with the
// lexemes PostgreSQL's english/french/russian configurations give, so that SQLite (stemmed here) and PostgreSQL
// (stemmed by the server) find the same posts. Rules kept by both stores:
// - only words of letters alone are stemmed: PostgreSQL's parser splits words with digits, superscripts or marks
//   ("co₂", "issue¹") in ways SQLite's tokenizer does not, so those keep their folded form;
// - a stop word keeps its folded form ("summit in Kazan" as a stemmed phrase still needs "in" there);
// - the russian configuration stems ASCII words as English (PostgreSQL's asciiword mapping).
import snowball from 'snowball-stemmers';
import type { Stemmer } from 'snowball-stemmers';
import { Memo } from '../util/memo.js';
import { runFoldedWords, wordRuns } from './words.js';
import { ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS, RUSSIAN_STOP_WORDS } from './stopwords.js';

/** Stemming configurations by ISO 639-1 language; PostgreSQL's configurations of the same names. */
export const STEM_CONFIGS_BY_LANG: Readonly<Record<string, StemConfig>> = {
  en: 'english',
  fr: 'french',
  ru: 'russian',
};

export type StemConfig = 'english' | 'french' | 'russian';

/** Every stemming configuration, for queries that must match posts in any of them. */
export const STEM_CONFIGS: readonly StemConfig[] = ['english', 'french', 'russian'];

/** The configuration a post's language is stemmed with; null: not stemmed. */
export function stemConfigFor(lang: string | null | undefined): StemConfig | null {
  return (lang && STEM_CONFIGS_BY_LANG[lang.toLowerCase()]) || null;
}

const LETTERS = /^\p{L}+$/u;
const ASCII_LETTERS = /^[a-z]+$/;

/** Whether a folded word is stemmed at all (letters only); the others are their own lexeme. */
export function isStemmable(word: string): boolean {
  return LETTERS.test(word);
}

interface Language {
  stemmer: Stemmer;
  stop: ReadonlySet<string>;
}

let languages: Record<StemConfig, Language> | null = null;

function language(config: StemConfig, word: string): Language {
  languages ??= {
    english: { stemmer: snowball.newStemmer('english'), stop: ENGLISH_STOP_WORDS },
    french: { stemmer: snowball.newStemmer('french'), stop: FRENCH_STOP_WORDS },
    russian: { stemmer: snowball.newStemmer('russian'), stop: RUSSIAN_STOP_WORDS },
  };
  return config === 'russian' && ASCII_LETTERS.test(word) ? languages.english : languages[config];
}

const CACHE_MAX = 100_000;

/** Whether a folded word is a stop word of a configuration (kept as written in the stem index). */
export function isStopWord(config: StemConfig, word: string): boolean {
  return language(config, word).stop.has(word);
}

function stemmed(config: StemConfig): Memo<string> {
  return new Memo(CACHE_MAX, (word) => {
    if (!isStemmable(word)) return word;
    const lang = language(config, word);
    return lang.stop.has(word) ? word : lang.stemmer.stem(word);
  });
}

// An archive repeats its vocabulary: most words are stemmed once.
const cache: Record<StemConfig, Memo<string>> = {
  english: stemmed('english'),
  french: stemmed('french'),
  russian: stemmed('russian'),
};

/** The stem-index lexeme of a folded word in a configuration. */
export function stemLexeme(config: StemConfig, word: string): string {
  return cache[config].get(word);
}

/** The stem-index lexemes of folded words, one per word, in order. */
export function stemLexemes(config: StemConfig, words: readonly string[]): string[] {
  return words.map((w) => stemLexeme(config, w));
}

// Runs of text as written -> their folded words and lexemes, space-joined and one by one: indexing meets the same
// runs again and again, and one lookup replaces folding, a regex test and a lookup per word.
type Run = readonly [words: string, stems: string, tokens: readonly string[]];
const runCache = new Map<string, Memo<Run>>();

/**
 * A text as a search index stores it: its folded words, and their lexemes in `config` ('' when null) each behind
 * `stemPrefix`, each space-separated (words.ts's foldedWords and stemLexemes, joined). `counts`, when given, gets
 * how often each word and each prefixed lexeme, but a stop word's, occurs (the search index's count marks).
 */
export function indexedText(
  text: string,
  config: StemConfig | null,
  stemPrefix = '',
  counts?: Map<string, number>,
): { words: string; stems: string } {
  const key = `${config ?? ''} ${stemPrefix}`;
  let c = runCache.get(key);
  if (!c) {
    c = new Memo(CACHE_MAX, (run): Run => {
      const ws = runFoldedWords(run);
      const ls = config === null ? [] : stemLexemes(config, ws).map((l) => stemPrefix + l);
      // A stop word is never ranked through its lexeme (its word is): left uncounted, it costs no count mark.
      const counted = config === null ? ws : [...ws, ...ls.filter((_, i) => !isStopWord(config, ws[i]!))];
      return [ws.join(' '), ls.join(' '), counted];
    });
    runCache.set(key, c);
  }
  let words = '';
  let stems = '';
  for (const run of wordRuns(text)) {
    const e = c.get(run);
    if (e[0] === '') continue;
    words = words ? `${words} ${e[0]}` : e[0];
    stems = stems ? `${stems} ${e[1]}` : e[1];
    if (counts) for (const t of e[2]) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return { words, stems };
}
