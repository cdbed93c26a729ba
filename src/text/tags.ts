// What a hashtag, a mention and a link are in text, and the words a hashtag is made of (#BRICSsummit: brics, summit).
import type { Post } from '../model/post.js';
import { Memo } from '../util/memo.js';
import { foldText } from './fold.js';

/**
 * A hashtag: '#' + letters, marks, digits and underscores with at least one letter, not preceded by a letter,
 * digit, mark, '_', '#' or '&' ("&#39;" is no hashtag, nor "a#b"). Any script counts (#FСS, #Россия, #中文).
 */
export const HASHTAG_SOURCE =
  '#(?<![\\p{L}\\p{N}\\p{M}_#&]#)(?=\\p{N}*[\\p{L}\\p{M}_])[\\p{L}\\p{M}\\p{N}_]+';

/** A mention: '@' + 4–32 of [A-Za-z0-9_], not preceded by a letter, digit, '_' or '@' (never inside an email). */
export const MENTION_SOURCE = '(?<![\\p{L}\\p{N}_@])@[a-z0-9_]{4,32}(?![\\p{L}\\p{N}_])';

/** A link with a scheme (http, https, ftp, tg) or starting with www., up to whitespace. */
export const SCHEME_URL_SOURCE = '(?<![\\p{L}\\p{N}_])(?:(?:https?|ftp|tg):\\/\\/|www\\.)[^\\s<>"«»]+';

/** Hashtags of a text, with their '#', as written, in order. */
export function hashtagsIn(text: string): string[] {
  if (!text.includes('#')) return [];
  return text.match(new RegExp(HASHTAG_SOURCE, 'gu')) ?? [];
}

/**
 * The post's hashtags, NFC and lower-cased, without '#', each once: from its hashtag entities (Telegram's word on
 * what is one), or, for a post with no entities at all (text dumps), from the hashtags in its text.
 */
export function postHashtags(p: Pick<Post, 'text' | 'entities'>): string[] {
  const tags = new Set<string>();
  if (p.entities.length > 0) {
    for (const e of p.entities) {
      if (e.type !== 'hashtag') continue;
      const raw = p.text
        .slice(e.offset, e.offset + e.length)
        .replace(/^#/, '')
        .split('@')[0]!;
      if (raw) tags.add(raw.normalize('NFC').toLowerCase());
    }
  } else {
    for (const t of hashtagsIn(p.text)) tags.add(t.slice(1).normalize('NFC').toLowerCase());
  }
  return [...tags];
}

// A private-use character stands for '_' inside a tag key: it is a token character for both search indexes, so a
// whole tag (#brics_summit) stays one token.
const UNDERSCORE = '\uE020';

// Every post's hashtags are keyed when it is indexed; a channel repeats its few tags.
const keys = new Memo<string>(50_000, (tag) =>
  foldText(tag.replace(/^#/, ''))
    .replace(/_/g, UNDERSCORE)
    .replace(/[^\p{L}\p{N}\p{M}\p{Co}]/gu, ''),
);

/** A hashtag (with or without '#') as one folded token: what a hashtag query and a hashtag index compare. */
export function tagKey(tag: string): string {
  return keys.get(tag);
}

// A word a user could have written with '#' before it: the whole of it a hashtag.
const TAG_WORD = new RegExp(`^${HASHTAG_SOURCE}$`, 'u');

/**
 * The hashtag (its tagKey) a bare query word also finds whole, or null for a word no hashtag is written as: the word
 * knowledgeday finds #KnowledgeDay, whose own words are knowledge and day, as кинострим finds #КиноСтрим. Read from
 * the tags the indexes already hold, so no archive is indexed again.
 */
export function wordTag(word: string): string | null {
  if (!TAG_WORD.test(`#${word}`)) return null;
  const key = tagKey(word);
  return key === '' ? null : key;
}

/**
 * Acronyms and names that, written before a lower-case word inside a hashtag, end where their capitals end
 * (#BRICSsummit = BRICS + summit, whereas #HTMLParser = HTML + Parser). A fixed list: the words of an index must not
 * depend on which topics are configured.
 */
const KNOWN_WORDS: ReadonlySet<string> = new Set([
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
  'ai',
  'ok',
]);

const CASE_RUN = /(?:\p{Lu}\p{M}*)+|(?:\p{Ll}\p{M}*)+|\p{N}+|(?:[\p{L}\p{Co}]\p{M}*)+/gu;
const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;

/**
 * The parts of a hashtag's text (without '#') as [start, end) offsets into it: split at '_', at case changes, at
 * digits and after known acronyms (#BRICSsummit -> BRICS, summit; #HTMLParser -> HTML, Parser; #UNGA79 -> UNGA, 79).
 */
export function hashtagParts(tag: string): [number, number][] {
  const runs: [number, number, string][] = [];
  for (const m of tag.matchAll(CASE_RUN)) runs.push([m.index, m.index + m[0].length, m[0]]);
  const parts: [number, number][] = [];
  let i = 0;
  while (i < runs.length) {
    const [s, e, r] = runs[i]!;
    const next = runs[i + 1];
    // A capital run and the lower-case run right after it (no '_' between).
    if (next && next[0] === e && UPPER.test(r) && LOWER.test(next[2])) {
      const letters = [...r];
      if (letters.length === 1) parts.push([s, next[1]]);
      else if (KNOWN_WORDS.has(foldText(r))) parts.push([s, e], [next[0], next[1]]);
      else {
        // HTMLParser: the last capital starts the next word.
        const cut = e - letters[letters.length - 1]!.length;
        parts.push([s, cut], [cut, next[1]]);
      }
      i += 2;
      continue;
    }
    parts.push([s, e]);
    i++;
  }
  return parts;
}
