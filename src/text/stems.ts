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
import { foldedWords, runFoldedWords, wordRuns } from './words.js';
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
    if (lang.stop.has(word)) return word;
    const stem = lang.stemmer.stem(word);
    return config === 'russian' ? russianLexeme(word, stem) : stem;
  });
}

// Endings Snowball cuts from a masculine noun's nominative alone, reading them as verb or noun endings (визит, Иран,
// канал, Лавров, Байден, режим), and the endings of the other cases that leave such a nominative whole (визит-а,
// Иран-ом). Not и, ю, я or ей: a feminine noun in -ь takes them (Казань, Казани: казан is its nominative's stem).
const NOMINATIVE_CUTS = new Set(['ит', 'ыт', 'н', 'л', 'ов', 'ев', 'ен', 'им']);
const CASE_ENDINGS = new Set(['а', 'у', 'е', 'ы', 'ам', 'ами', 'ах', 'ов', 'ом', 'ой']);
// -ов and -ев close adjectives' stems too (газовый, ключевой): cut only after endings no adjective has.
const NOUN_ONLY_ENDINGS = new Set(['а', 'у', 'е', 'ы', 'ам', 'ами', 'ах']);

/**
 * The lexeme of a Russian word from its Snowball stem. Snowball cuts the nominative of many masculine nouns shorter
 * than their other cases (визит → виз but визита → визит, Иран → ира but Ирана → иран… Ираном → иран, Лавров →
 * лавр but Лаврова → лавров), so a search for Лавров missed Лаврова. When a case ending came off and the stem left
 * is such a nominative, it is cut as the nominative is, and every case meets at one lexeme (визит, визита, визитом
 * → виз). Not when the cut would leave a stop word or one letter. Verbs keep Snowball's stem (говорит, говорил →
 * говор). Both stores index this (store/postgres/stem.ts refines the server's lexemes with it).
 */
export function russianLexeme(word: string, stem: string): string {
  if (stem.length >= word.length || !word.startsWith(stem)) return stem;
  const ending = word.slice(stem.length);
  if (!CASE_ENDINGS.has(ending)) return stem;
  const again = language('russian', stem).stemmer.stem(stem);
  if (again.length < 2 || again === stem || !stem.startsWith(again) || RUSSIAN_STOP_WORDS.has(again))
    return stem;
  const cut = stem.slice(again.length);
  if (!NOMINATIVE_CUTS.has(cut)) return stem;
  return (cut === 'ов' || cut === 'ев') && !NOUN_ONLY_ENDINGS.has(ending) ? stem : again;
}

// Whether russianLexeme changes a folded word's Snowball stem; words repeat across an archive's posts.
const refined = new Memo(CACHE_MAX, (w: string): boolean => {
  if (!isStemmable(w) || !/[а-яё]/.test(w)) return false;
  const lang = language('russian', w);
  if (lang.stop.has(w)) return false;
  const stem = lang.stemmer.stem(w);
  return russianLexeme(w, stem) !== stem;
});

/** Whether a text has a word whose Russian lexeme russianLexeme changed (what the stores' migrations index again). */
export function hasRefinedRussianLexeme(text: string): boolean {
  if (!/[а-яё]/i.test(text)) return false;
  for (const w of foldedWords(text)) if (refined.get(w)) return true;
  return false;
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
