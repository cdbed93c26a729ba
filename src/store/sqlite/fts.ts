// The FTS5 index of posts and a parsed user query -> one FTS5 MATCH expression (every word quoted, never raw user
// syntax) + SQL conditions. Every column holds the words of text/words.ts (folded in JS, space-separated, cut by
// the tokenizer at spaces only), so SQLite indexes the very words PostgreSQL's tsvectors, topics and the snippets
// hold. Columns: body (the text's words, a hashtag's as its parts), tags (each hashtag whole, as one tagKey token),
// and stems: the stem index of text/stems.ts in the post's language, each lexeme behind a private-use character
// naming the configuration. Being tokens of their own, stems leave the words' lists as small as they were, and a stem
// of one language never meets another's or a word.
import type { QueryNode } from '../../search/query.js';
import {
  STEM_CONFIGS,
  indexedText,
  isStopWord,
  stemConfigFor,
  stemLexeme,
  stemLexemes,
  type StemConfig,
} from '../../text/stems.js';
import { tagKey, wordTag } from '../../text/tags.js';
import { foldedWords } from '../../text/words.js';
import { langIn, type Sql } from './filter.js';
import { languageCodesIn } from '../../model/languages.js';

const STEM_PREFIX: Readonly<Record<StemConfig, string>> = {
  english: '\uE010',
  french: '\uE011',
  russian: '\uE012',
};

/**
 * The columns of the index, in order (migration 14 made the table with them). meta holds a post's channel and
 * language as tokens, so a search filtered by them is one MATCH: FTS5 intersects their lists with the words' (a
 * filter checked on each match would read every match of the words to find a page of one channel's); and the
 * counts of its repeated words and stems (markTokens, migration 19).
 */
export const FTS_COLUMNS: readonly string[] = ['body', 'tags', 'stems', 'meta'];

const CHANNEL_TOKEN = '\uE020';
const LANG_TOKEN = '\uE021';
const MARK = '\uE023';
const MARK_COUNT = '\uE024';

/** A word found more often than this is marked with this count (rank.ts reads its posts for the true count). */
export const MARKED_COUNT = 16;

/**
 * The meta column's marks of a post's index tokens (its words, and its stems): each token found more than once gets
 * MARK token MARK_COUNT n, its count (up to MARKED_COUNT), so relevance finds the posts where a word occurs n times
 * through one token (rank.ts). Tokens found once are not marked: most tokens of most posts. One mark a token, and
 * none for a stop word's stem: with a second mark ("repeated") and those, importing took 2 to 2.5 times a raw insert
 * (BENCHMARKS.md); "repeated" is the OR of the counts.
 */
function markTokens(counts: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [t, n] of counts) if (n > 1) out.push(MARK + t + MARK_COUNT + Math.min(n, MARKED_COUNT));
  return out;
}

/** The counts a mark says: 2 to MARKED_COUNT (that or more). */
const MARKED: readonly number[] = Array.from({ length: MARKED_COUNT - 1 }, (_, i) => i + 2);

/**
 * FTS5 text matching the posts where an index token (a folded word, or a stem as stemForms gives it) is found
 * `count` times (MARKED_COUNT: that or more), or more than once (no count).
 */
export function markMatch(token: string, count?: number): string {
  const mark = (n: number): string => `meta : ${phrase([MARK + token + MARK_COUNT + n])}`;
  return count === undefined ? `(${MARKED.map(mark).join(' OR ')})` : mark(count);
}

/**
 * A word's stem token in each configuration (as the stems column holds them), or null for a stop word of any: a stop
 * word's stem is not counted in the marks (stems.ts indexedText), so its posts cannot be ranked through them.
 */
export function stemForms(word: string): string[] | null {
  if (STEM_CONFIGS.some((c) => isStopWord(c, word))) return null;
  return STEM_CONFIGS.map((c) => STEM_PREFIX[c] + stemLexeme(c, word));
}

/**
 * A post's body and stems columns: its folded words, and their stem tokens in its language's configuration ('' without
 * one). `counts` gets how often each token occurs (stems.ts indexedText).
 */
export function postColumns(
  text: string,
  lang: string | null | undefined,
  counts?: Map<string, number>,
): { words: string; stems: string } {
  const config = stemConfigFor(lang);
  return indexedText(text, config, config ? STEM_PREFIX[config] : '', counts);
}

/** FTS5 text matching the posts where a stem token (stemForms) is found. */
export function tokenMatch(token: string): string {
  return phrase([token]);
}

/** A value as one token of the meta column: its UTF-8 bytes in hex (a channel key's '_' would cut a word). */
function metaToken(prefix: string, value: string): string {
  return prefix + Buffer.from(value, 'utf8').toString('hex');
}

/** The meta column of a post: its channel and its language (none when it has none). */
function metaTokens(channel: string, lang: string | null | undefined): string {
  return lang
    ? `${metaToken(CHANNEL_TOKEN, channel)} ${metaToken(LANG_TOKEN, lang.toLowerCase())}`
    : metaToken(CHANNEL_TOKEN, channel);
}

/** The values of a post's index row, in FTS_COLUMNS order; null: nothing to index. */
export function ftsValues(
  text: string,
  hashtags: string,
  lang: string | null | undefined,
  channel: string,
): string[] | null {
  if (text === '' && hashtags === '') return null;
  const counts = new Map<string, number>();
  const { words, stems } = postColumns(text, lang, counts);
  const marks = markTokens(counts);
  const meta = metaTokens(channel, lang);
  return [words, tagTokens(hashtags), stems, marks.length ? `${meta} ${marks.join(' ')}` : meta];
}

/** FTS5 text matching the posts of any of the channels, or null without a channel filter. */
export function channelMatch(channels: string | string[] | undefined): string | null {
  if (channels === undefined) return null;
  const list = Array.isArray(channels) ? channels : [channels];
  // No channel at all matches nothing; the SQL condition says so too.
  if (list.length === 0) return null;
  return metaAny(CHANNEL_TOKEN, list);
}

/** FTS5 text matching the posts in a language, or null without a language filter. */
export function langMatch(lang: string | undefined): string | null {
  return lang === undefined ? null : metaAny(LANG_TOKEN, languageCodesIn(lang));
}

/** FTS5 text matching the posts whose meta column holds any of the values behind `prefix`. */
function metaAny(prefix: string, values: readonly string[]): string {
  return `meta : (${values.map((v) => phrase([metaToken(prefix, v)])).join(' OR ')})`;
}

/** The tags column of a post's space-separated hashtags: each one token (tagKey). */
export function tagTokens(hashtags: string): string {
  if (hashtags === '') return '';
  return hashtags
    .split(' ')
    .map(tagKey)
    .filter((t) => t !== '')
    .join(' ');
}

/** Words as one FTS5 phrase ("" when there are none: it matches nothing, as in PostgreSQL). */
function phrase(words: readonly string[]): string {
  return `"${words.join(' ').replace(/"/g, '""')}"`;
}

/** What a query's words are matched by: their stems beside the words as written; a bare word's whole hashtag. */
interface Reach {
  stems: boolean;
  tags: boolean;
}

const ALL: Reach = { stems: true, tags: true };

/**
 * A word or phrase as written (body), or (with `stems`) by the stems of its words in each configuration; `tag`, the
 * hashtag a bare word also finds whole (text/tags.ts wordTag), in the tags column the index already holds.
 */
function wordsExpr(value: string, stems: boolean, tag: string | null = null): string {
  const words = foldedWords(value);
  // A word that is its own tag's token (most are) is one phrase for both columns, and without a column filter: only
  // body and tags hold tokens without a private-use character before them (stems and meta tokens all have one), and
  // FTS5 then reads the token's list once and no columns of it (measured 3% faster than `body :` alone, BENCHMARKS.md;
  // `{body tags} :` was 2% slower, an OR of the two would read the list twice).
  const both = tag !== null && words.length === 1 && words[0] === tag;
  const exact = both ? phrase(words) : `body : ${phrase(words)}`;
  const parts =
    stems && words.length > 0
      ? STEM_CONFIGS.map((c) => phrase(stemLexemes(c, words).map((l) => STEM_PREFIX[c] + l)))
      : [];
  if (tag !== null && !both) parts.push(`tags : ${phrase([tag])}`);
  return parts.length ? `(${exact} OR ${parts.join(' OR ')})` : exact;
}

/**
 * The FTS5 text of a subtree, or null when FTS5 cannot say it (a field, a NOT without a positive side). Without
 * `reach.stems`, its words match only as written, without `reach.tags` not by a bare word's whole hashtag (what a NOT
 * excludes still counts both: the matches of the expression stay a part of the matches with them).
 */
export function ftsExpr(node: QueryNode, reach: Reach = ALL): string | null {
  switch (node.kind) {
    case 'term':
      if (node.prefix) return `body : ${phrase(foldedWords(node.value))}*`;
      return wordsExpr(node.value, reach.stems, reach.tags ? wordTag(node.value) : null);
    case 'phrase':
      return wordsExpr(node.value, reach.stems);
    case 'hashtag': {
      // The whole tag, one token: #brics finds #BRICS, not #BRICSsummit (whose parts the word brics finds).
      const t = tagKey(node.value);
      return `tags : ${phrase(t ? [t] : [])}`;
    }
    case 'field':
    case 'not':
      return null;
    case 'or': {
      const parts = node.children.map((c) => ftsExpr(c, reach));
      return parts.every((p) => p !== null) && parts.length > 0 ? `(${parts.join(' OR ')})` : null;
    }
    case 'and':
      return andExpr(node.children, reach);
  }
}

/**
 * The FTS5 text of the NOT parts of a query compileSearch puts in its MATCH (any of them), or null when it has none:
 * what ranking class by class (rank.ts) keeps out beside its own terms.
 */
export function negativeExpr(root: QueryNode): string | null {
  const children = root.kind === 'and' ? root.children : [root];
  const neg = children.flatMap((c) => {
    const e = c.kind === 'not' ? ftsExpr(c.child) : null;
    return e === null ? [] : [e];
  });
  return neg.length ? neg.join(' OR ') : null;
}

/** FTS5 text matching the posts where a folded word is found as written (the body column). */
export function wordMatch(word: string): string {
  return `body : ${phrase([word])}`;
}

function andExpr(children: QueryNode[], reach: Reach = ALL): string | null {
  const pos: string[] = [];
  const neg: string[] = [];
  for (const c of children) {
    if (c.kind === 'not') {
      const e = ftsExpr(c.child);
      if (e === null) return null;
      neg.push(e);
    } else {
      const e = ftsExpr(c, reach);
      if (e === null) return null;
      pos.push(e);
    }
  }
  // FTS5's NOT is binary: a purely negative group needs SQL.
  if (pos.length === 0) return null;
  const p = `(${pos.join(' AND ')})`;
  return neg.length ? `(${p} NOT (${neg.join(' OR ')}))` : p;
}

// The search rows are keyed by the posts' date keys (date-key.ts).
const MATCH_SUBQUERY = 'p.dkey IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)';

function fieldSql(node: Extract<QueryNode, { kind: 'field' }>, params: unknown[]): string {
  const v = node.value;
  switch (node.field) {
    case 'lang':
      return langIn(v, params);
    case 'channel':
      params.push(v.replace(/^@/, '').toLowerCase());
      return 'p.channel = ?';
    case 'from':
      // The origin's username exactly, or a part of its title ("Russian MFA" finds "Russian MFA 🇷🇺").
      params.push(v.replace(/^@/, '').toLowerCase(), v.toLowerCase());
      return '(p.fwd_username = ? OR instr(tg_lower(p.fwd_name), ?) > 0)';
    case 'topic':
      params.push(v);
      return 'EXISTS (SELECT 1 FROM post_topics t WHERE t.channel = p.channel AND t.id = p.id AND t.topic = ?)';
  }
}

/** Any subtree as an SQL condition (FTS-expressible parts become one MATCH subquery). */
function toSql(node: QueryNode, params: unknown[]): string {
  const e = ftsExpr(node);
  if (e !== null) {
    params.push(e);
    return MATCH_SUBQUERY;
  }
  switch (node.kind) {
    case 'field':
      return fieldSql(node, params);
    case 'not':
      return `NOT (${toSql(node.child, params)})`;
    case 'or':
      return `(${node.children.map((c) => toSql(c, params)).join(' OR ')})`;
    case 'and':
      return node.children.length ? `(${node.children.map((c) => toSql(c, params)).join(' AND ')})` : '1';
    default:
      return '1';
  }
}

export interface CompiledSearch {
  /** The MATCH for the ranked join, or null when the query has no positive text part (filters, NOT only). */
  match: string | null;
  /** The same MATCH with the words as written only (a part of match's matches); null when it is match itself. */
  exact: string | null;
  /**
   * The same MATCH without bare words' whole hashtags (a part of match's matches), or null when it is match itself:
   * the posts that only a hashtag of a bare word finds are the rest (rank.ts ranks words, not hashtags).
   */
  untagged: string | null;
  sql: Sql;
}

/** Splits the top-level AND: its text parts rank through one MATCH, the rest filters. */
export function compileSearch(root: QueryNode): CompiledSearch {
  const children = root.kind === 'and' ? root.children : [root];
  const text: QueryNode[] = [];
  const rest: QueryNode[] = [];
  for (const c of children) {
    const expressible = c.kind === 'not' ? ftsExpr(c.child) !== null : ftsExpr(c) !== null;
    (expressible ? text : rest).push(c);
  }
  const match = text.length ? andExpr(text) : null;
  const exact = match === null ? null : andExpr(text, { stems: false, tags: true });
  const untagged = match === null ? null : andExpr(text, { stems: true, tags: false });
  const sql: Sql = { where: [], params: [] };
  // Only negatives: no ranking possible, they filter like the rest.
  for (const c of match === null ? children : rest) sql.where.push(toSql(c, sql.params));
  return {
    match,
    exact: exact === match ? null : exact,
    untagged: untagged === match ? null : untagged,
    sql,
  };
}
