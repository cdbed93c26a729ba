// Text folding, tokenisation (hashtags split into words) and multilingual Snowball stemming for matching.
import snowball from 'snowball-stemmers';
import type { Stemmer } from 'snowball-stemmers';

const JOT = '\uE0A0';

/**
 * NFKC, case folding and diacritic folding (é -> e, ё -> е, ї -> і), keeping й: it is a letter of its own
 * in Russian and Ukrainian, not an и with an accent.
 */
export function foldText(s: string): string {
  let t = s.normalize('NFKC').toLowerCase();
  if (t.includes('й')) t = t.replaceAll('й', JOT);
  t = t
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
  if (t.includes(JOT)) t = t.replaceAll(JOT, 'й');
  // Letters that NFD does not decompose but people type interchangeably.
  return t.replace(/[ßæœøłđı]/g, (c) => FOLD_EXTRA[c] ?? c);
}

const FOLD_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};

/**
 * Acronyms and names that, written before a lower-case word inside a hashtag, end where their capitals end
 * (#BRICSsummit = BRICS + summit, whereas #HTMLParser = HTML + Parser). Topic aliases are added at compile time.
 */
const knownWords = new Set<string>([
  'brics',
  'sco',
  'eaeu',
  'asean',
  'cis',
  'un',
  'unga',
  'nato',
  'eu',
  'us',
  'usa',
  'uk',
  'g7',
  'g20',
  'gcc',
  'imf',
  'wto',
  'who',
  'osce',
  'celac',
  'las',
  'au',
  'mfa',
  'dprk',
  'prc',
  'rf',
]);

export function addKnownWords(words: Iterable<string>): void {
  for (const w of words) {
    const f = foldText(w).replace(/^#/, '');
    if (f) knownWords.add(f);
  }
}

/** Splits the text of a hashtag (without '#') into words at case changes, digits and known acronyms. */
export function splitHashtag(tag: string): string[] {
  const parts: string[] = [];
  for (const chunk of tag.split(/_+/)) {
    // Runs of upper case, lower case, digits; other letters (CJK, no case) form their own runs.
    const runs = chunk.match(/\p{Lu}+|\p{Ll}+|\p{N}+|[\p{L}\p{M}]+/gu) ?? [];
    let i = 0;
    while (i < runs.length) {
      const r = runs[i]!;
      const next = runs[i + 1];
      if (/^\p{Lu}+$/u.test(r) && next && /^\p{Ll}/u.test(next)) {
        if (r.length === 1) {
          parts.push(r + next);
        } else if (knownWords.has(foldText(r))) {
          parts.push(r, next);
        } else {
          // HTMLParser: the last capital starts the next word.
          parts.push(r.slice(0, -1), r.slice(-1) + next);
        }
        i += 2;
        continue;
      }
      parts.push(r);
      i++;
    }
  }
  return parts.map(foldText).filter((p) => p.length > 0);
}

export interface Token {
  /** Folded word. */
  word: string;
  /** Set on the word made of a whole hashtag and on the words split out of it. */
  hashtag?: string;
}

const TOKEN_RE = /#[\p{L}\p{M}\p{N}_]+|[\p{L}\p{M}\p{N}]+/gu;

/**
 * Folded words in order. A hashtag gives its parts as words (#BRICSsummit -> brics, summit), so a word query
 * finds it; the whole tag is kept on them in `hashtag` for hashtag queries.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    if (raw.startsWith('#')) {
      for (const t of hashtagTokens(raw)) out.push(t);
    } else {
      out.push({ word: foldWord(raw) });
    }
  }
  return out;
}

// Folding runs three Unicode normalisations; words repeat a lot, so remember them (bounded).
const foldCache = new Map<string, string>();

/** foldText for one word, memoised. */
export function foldWord(raw: string): string {
  let f = foldCache.get(raw);
  if (f === undefined) {
    // ASCII lower-case words are already folded.
    f = /^[a-z0-9]+$/.test(raw) ? raw : foldText(raw);
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(raw, f);
  }
  return f;
}

const tagCache = new Map<string, readonly Token[]>();

/** The tokens of one '#tag' (memoised). */
export function hashtagTokens(raw: string): readonly Token[] {
  let t = tagCache.get(raw);
  if (t === undefined) {
    const tag = foldText(raw.slice(1));
    const parts = splitHashtag(raw.slice(1));
    t = tag ? (parts.length > 0 ? parts : [tag]).map((word) => ({ word, hashtag: tag })) : [];
    if (tagCache.size > 50_000) tagCache.clear();
    tagCache.set(raw, t);
  }
  return t;
}

/** Folded hashtags of a text, without '#'. */
export function hashtags(text: string): string[] {
  return [...text.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)].map((m) => foldText(m[1]!));
}

const ALGORITHMS: Readonly<Record<string, string>> = {
  en: 'english',
  fr: 'french',
  de: 'german',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
  sv: 'swedish',
  no: 'norwegian',
  da: 'danish',
  fi: 'finnish',
  hu: 'hungarian',
  ro: 'romanian',
  tr: 'turkish',
  ru: 'russian',
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
};

export type WordScript = 'latin' | 'cyrillic' | 'arabic' | 'other';

const SCRIPT_OF_LANG: Readonly<Record<string, WordScript>> = { ru: 'cyrillic', ar: 'arabic' };

export function wordScript(word: string): WordScript {
  const c = word.codePointAt(0) ?? 0;
  if (c < 0x250 || (c >= 0x1e00 && c < 0x1f00)) return /\p{L}/u.test(word) ? 'latin' : 'other';
  if (c >= 0x400 && c < 0x530) return 'cyrillic';
  if (c >= 0x600 && c < 0x700) return 'arabic';
  return 'other';
}

/** Languages whose stemmers are tried on every word of their script (a Latin word in a Russian post…). */
export const DEFAULT_STEM_LANGS: readonly string[] = ['en', 'fr', 'de', 'es', 'it', 'pt', 'ru'];

const stemmers = new Map<string, Stemmer | null>();
const EMPTY = new Int32Array(0);

function stemmerFor(lang: string): Stemmer | null {
  let s = stemmers.get(lang);
  if (s === undefined) {
    const alg = ALGORITHMS[lang];
    s = alg ? snowball.newStemmer(alg) : null;
    stemmers.set(lang, s);
  }
  return s;
}

/** The Snowball stem of a folded word in one language; the word itself when that language has no stemmer. */
export function stem(word: string, lang: string | null | undefined): string {
  const s = lang ? stemmerFor(lang) : null;
  return s ? s.stem(word) : word;
}

/**
 * Match keys of a folded word: `=word` plus `lang:stem` for every configured language of the word's script.
 * Two words match when they share a key; keying stems by language keeps one stemmer's output from colliding
 * with another's.
 */
export class StemKeys {
  private readonly cache = new Map<string, readonly string[]>();
  private readonly byScript = new Map<WordScript, string[]>();

  constructor(readonly langs: readonly string[] = DEFAULT_STEM_LANGS) {
    for (const l of langs) {
      if (!stemmerFor(l)) continue;
      const script = SCRIPT_OF_LANG[l] ?? 'latin';
      const list = this.byScript.get(script) ?? [];
      list.push(l);
      this.byScript.set(script, list);
    }
  }

  private readonly wanted = new Map<string, number>();
  private readonly idCache = new Map<string, Int32Array>();

  /**
   * Registers keys that compiled topics test and returns their ids. Posts then carry only the ids of wanted
   * keys, so matching is array look-ups instead of string sets.
   */
  want(keys: Iterable<string>): Int32Array {
    const out: number[] = [];
    for (const k of keys) {
      let id = this.wanted.get(k);
      if (id === undefined) {
        id = this.wanted.size;
        this.wanted.set(k, id);
        this.idCache.clear();
      }
      out.push(id);
    }
    return Int32Array.from(out);
  }

  /** How many keys are wanted (the size of a post's presence table). */
  get wantedCount(): number {
    return this.wanted.size;
  }

  /** Ids of the wanted keys of a folded word. */
  ids(word: string): Int32Array {
    let r = this.idCache.get(word);
    if (r === undefined) {
      const out: number[] = [];
      for (const k of this.keys(word)) {
        const id = this.wanted.get(k);
        if (id !== undefined) out.push(id);
      }
      r = out.length === 0 ? EMPTY : Int32Array.from(out);
      if (this.idCache.size > 200_000) this.idCache.clear();
      this.idCache.set(word, r);
    }
    return r;
  }

  keys(word: string): readonly string[] {
    let k = this.cache.get(word);
    if (k) return k;
    const set = new Set<string>([`=${word}`]);
    // Stemming two-letter words and numbers only makes false friends.
    if (word.length > 2) {
      for (const l of this.byScript.get(wordScript(word)) ?? []) set.add(`${l}:${stem(word, l)}`);
    }
    k = [...set];
    // The cache is bounded so a stream of rare words cannot grow it without end.
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(word, k);
    return k;
  }
}
