// Whether one post matches a parsed query, in memory, with the same words and stems the stores' search uses.
//
// The rules are those of the search indexes (store/sqlite/fts.ts, store/postgres/search.ts), word for word:
// - a word or phrase matches its folded words in a row, as written, or (in a post whose language is stemmed) their
//   lexemes in that language in a row; `word*` matches the words as written, the last one as a prefix;
// - a #hashtag matches the post's hashtags whole (tagKey), not their parts; a bare word (no `*`) also matches a
//   hashtag that is the whole word (knowledgeday: #KnowledgeDay);
// - fields compare what the stores compare: lang and channel exactly, from the origin's username or a part of its
//   name (lower-cased), topic one of the post's topics.
import { languageCodesIn } from '../model/languages.js';
import type { Post } from '../model/post.js';
import { stemConfigFor, stemLexeme, type StemConfig } from '../text/stems.js';
import { postHashtags, tagKey, wordTag } from '../text/tags.js';
import { foldedWords } from '../text/words.js';
import type { QueryNode } from './query.js';

/** A post as the search index holds it. */
interface Indexed {
  /** What it was made from: a post whose text, language or entities changed is indexed again. */
  text: string;
  lang: string | null | undefined;
  entities: Post['entities'];
  words: string[];
  config: StemConfig | null;
  /** The lexemes of `words` in `config`, one per word (null when the language is not stemmed). */
  stems: string[] | null;
  /** tagKey of each hashtag. */
  tags: Set<string>;
}

// Webhooks and routes test one post against several searches: index it once.
const indexed = new WeakMap<Post, Indexed>();

function indexOf(post: Post): Indexed {
  const hit = indexed.get(post);
  if (hit && hit.text === post.text && hit.lang === post.lang && hit.entities === post.entities) return hit;
  const words = foldedWords(post.text);
  const config = stemConfigFor(post.lang);
  const tags = new Set<string>();
  // As the stores keep them: the hashtags space-joined, each space-separated part one tag token.
  for (const part of postHashtags(post).join(' ').split(' ')) {
    const k = tagKey(part);
    if (k !== '') tags.add(k);
  }
  const entry: Indexed = {
    text: post.text,
    lang: post.lang,
    entities: post.entities,
    words,
    config,
    stems: config ? words.map((w) => stemLexeme(config, w)) : null,
    tags,
  };
  indexed.set(post, entry);
  return entry;
}

/** Whether `seq` occurs in `list` as consecutive items, the last one only as a prefix when `prefix`. */
function containsRun(list: readonly string[], seq: readonly string[], prefix = false): boolean {
  const n = seq.length;
  if (n === 0) return false;
  outer: for (let i = 0; i + n <= list.length; i++) {
    for (let j = 0; j < n; j++) {
      const w = list[i + j]!;
      const ok = prefix && j === n - 1 ? w.startsWith(seq[j]!) : w === seq[j];
      if (!ok) continue outer;
    }
    return true;
  }
  return false;
}

function wordsMatch(value: string, ix: Indexed, prefix: boolean): boolean {
  const q = foldedWords(value);
  if (containsRun(ix.words, q, prefix)) return true;
  // A stem is no prefix; a post's lexemes are of its own language only.
  if (prefix || ix.config === null || ix.stems === null) return false;
  const config = ix.config;
  return containsRun(
    ix.stems,
    q.map((w) => stemLexeme(config, w)),
  );
}

function fieldMatch(
  node: Extract<QueryNode, { kind: 'field' }>,
  post: Post,
  topics: readonly string[],
): boolean {
  const v = node.value;
  switch (node.field) {
    case 'lang':
      return post.lang != null && languageCodesIn(v).includes(post.lang);
    case 'channel':
      return post.channel === v.replace(/^@/, '').toLowerCase();
    case 'from': {
      const f = post.forwardedFrom;
      if (!f) return false;
      if (f.username && f.username.toLowerCase() === v.replace(/^@/, '').toLowerCase()) return true;
      return f.name.toLowerCase().includes(v.toLowerCase());
    }
    case 'topic':
      return topics.includes(v);
  }
}

function test(node: QueryNode, post: Post, topics: readonly string[]): boolean {
  switch (node.kind) {
    case 'term': {
      const ix = indexOf(post);
      if (wordsMatch(node.value, ix, node.prefix === true)) return true;
      const tag = node.prefix === true ? null : wordTag(node.value);
      return tag !== null && ix.tags.has(tag);
    }
    case 'phrase':
      return wordsMatch(node.value, indexOf(post), false);
    case 'hashtag': {
      const t = tagKey(node.value);
      return t !== '' && indexOf(post).tags.has(t);
    }
    case 'field':
      return fieldMatch(node, post, topics);
    case 'not':
      return !test(node.child, post, topics);
    case 'and':
      // An empty AND is what a lone `*` parses to: every post.
      return node.children.every((c) => test(c, post, topics));
    case 'or':
      return node.children.some((c) => test(c, post, topics));
  }
}

/**
 * True when the post (with its topics) would be found by a search for `node`. `topics` defaults to the post's own
 * (what a store read gives it).
 */
export function matchesQuery(
  node: QueryNode,
  post: Post,
  topics: readonly string[] = post.topics ?? [],
): boolean {
  return test(node, post, topics);
}
