// Topics: a query AST plus alias groups, compiled once into set look-ups and matched against posts fast. A word
// matches as search matches it (text/): its folded form in any post, its stem only in a post whose language the
// stores stem (en, fr, ru), with the same lexemes; hashtags and their parts as the search index holds them, and a
// bare word the hashtag that is the whole word.
import type { Post } from '../model/post.js';
import type { QueryNode } from '../search/query.js';
import { foldText } from '../text/fold.js';
import { STEM_CONFIGS, stemConfigFor, stemLexeme, type StemConfig } from '../text/stems.js';
import { postHashtags, tagKey, wordTag } from '../text/tags.js';
import { foldedWords } from '../text/words.js';
import { Memo } from '../util/memo.js';

export interface TopicDefinition {
  name: string;
  query: QueryNode;
  /** Groups of words that mean the same ("BRICS = БРИКС = #brics"); each member keeps its own stemming. */
  aliases: string[][];
}

/** What a compiled node tests; leaves carry a label for explanations. */
type Matcher =
  /** `tag`: the hashtag a bare word also finds whole (text/tags.ts wordTag), as search finds it. */
  | { kind: 'word'; keys: ReadonlySet<string>; ids: Int32Array; label: string; tag?: string }
  /** Words as written, the last one a prefix (search's `word*`: no stems). */
  | { kind: 'prefix'; head: string[]; prefix: string; label: string }
  | { kind: 'phrase'; steps: ReadonlySet<string>[]; stepIds: Int32Array[]; label: string; tag?: string }
  | { kind: 'hashtag'; tag: string; label: string }
  | { kind: 'field'; field: 'lang' | 'channel' | 'from' | 'topic'; value: string; label: string }
  | { kind: 'and'; children: Matcher[] }
  | { kind: 'or'; children: Matcher[] }
  | { kind: 'not'; child: Matcher };

export interface CompiledTopic {
  readonly name: string;
  /** The name as `topic:` fields compare it. */
  readonly key: string;
  /** Whether the query has `topic:` fields (tagPost then resolves them against the other topics). */
  readonly refersToTopics: boolean;
  readonly matcher: Matcher;
  readonly stemKeys: StemKeys;
}

const EMPTY = new Int32Array(0);

/**
 * Match keys of words: `=word` for the folded form, `config:lexeme` for its stem in a stemming configuration. A
 * query word has the keys of every configuration, a post's word only its language's: they share one exactly when
 * search finds the word in that post.
 */
export class StemKeys {
  private readonly wanted = new Map<string, number>();
  /** Per stemming configuration (null: none), a word's wanted ids. */
  private readonly idCache = new Map<StemConfig | null, Memo<Int32Array>>();

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
        for (const m of this.idCache.values()) m.clear();
      }
      out.push(id);
    }
    return Int32Array.from(out);
  }

  /** How many keys are wanted (the size of a post's presence table). */
  get wantedCount(): number {
    return this.wanted.size;
  }

  /** The keys a query word matches by: its folded form, and its lexeme in every configuration. */
  queryKeys(word: string): Set<string> {
    const keys = new Set([`=${word}`]);
    for (const c of STEM_CONFIGS) keys.add(`${c}:${stemLexeme(c, word)}`);
    return keys;
  }

  /** Ids of the wanted keys of a post's folded word in the post's configuration (null: not stemmed). */
  ids(word: string, config: StemConfig | null): Int32Array {
    let m = this.idCache.get(config);
    if (m === undefined) {
      // Bounded, so a stream of rare words cannot grow it without end.
      m = new Memo(200_000, (w) => {
        const out: number[] = [];
        const exact = this.wanted.get(`=${w}`);
        if (exact !== undefined) out.push(exact);
        if (config !== null) {
          const stem = this.wanted.get(`${config}:${stemLexeme(config, w)}`);
          if (stem !== undefined) out.push(stem);
        }
        return out.length === 0 ? EMPTY : Int32Array.from(out);
      });
      this.idCache.set(config, m);
    }
    return m.get(word);
  }
}

/** A post prepared once for every topic: the wanted keys it has, by position, its hashtags and fields. */
export interface PostFeatures {
  /** Ids of wanted keys (see StemKeys.want) at each word position. */
  positions: Int32Array[];
  words: string[];
  /** present[id] is 1 when some word has the wanted key `id`. */
  present: Uint8Array;
  hashtags: Set<string>;
  lang: string | null;
  channel: string;
  from: string[];
}

export interface TopicMatch {
  matched: boolean;
  /** Labels of the leaves that matched ("word:sanctions", "hashtag:brics", "lang:fr"), when matched. */
  terms: string[];
}

export interface CompileOptions {
  /** The key table the topic registers its words in (one shared table by default). */
  stemKeys?: StemKeys;
}

const sharedKeys = new StemKeys();

/**
 * A compiled alias member or query leaf: a hashtag, a single word, or a phrase. `bare`: written as a bare word (a query
 * term, an alias member), which finds the hashtag that is the whole word as well (#KnowledgeDay for knowledgeday).
 */
function memberMatcher(sk: StemKeys, member: string, bare = true): Matcher | null {
  const m = member.trim();
  if (m.startsWith('#')) {
    const tag = tagKey(m);
    return tag ? { kind: 'hashtag', tag, label: `hashtag:${foldText(m.slice(1))}` } : null;
  }
  const words = foldedWords(m);
  if (words.length === 0) return null;
  const tag = bare ? wordTag(m) : null;
  const asTag = tag === null ? {} : { tag };
  if (words.length === 1) {
    const keys = sk.queryKeys(words[0]!);
    return { kind: 'word', keys, ids: sk.want(keys), label: `word:${words[0]}`, ...asTag };
  }
  const steps = words.map((w) => sk.queryKeys(w));
  return {
    kind: 'phrase',
    steps,
    stepIds: steps.map((k) => sk.want(k)),
    label: `phrase:${joinWords(words)}`,
    ...asTag,
  };
}

function sameAs(a: Matcher, b: Matcher): boolean {
  if (a.kind === 'hashtag' && b.kind === 'hashtag') return a.tag === b.tag;
  if (a.kind === 'word' && b.kind === 'word') {
    for (const k of a.keys) if (b.keys.has(k)) return true;
    return false;
  }
  // A hashtag query names the group of its word (#brics ~ BRICS) and the other way round.
  if (a.kind === 'hashtag' && b.kind === 'word') return b.keys.has(`=${a.tag}`);
  if (a.kind === 'word' && b.kind === 'hashtag') return a.keys.has(`=${b.tag}`);
  if (a.kind === 'phrase' && b.kind === 'phrase') {
    return (
      a.steps.length === b.steps.length && a.steps.every((s, i) => [...s].some((k) => b.steps[i]!.has(k)))
    );
  }
  return false;
}

function compileNode(node: QueryNode, sk: StemKeys, groups: Matcher[][]): Matcher {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'hashtag': {
      let m: Matcher | null;
      if (node.kind === 'term' && node.prefix) {
        const words = foldedWords(node.value);
        m =
          words.length === 0
            ? null
            : {
                kind: 'prefix',
                head: words.slice(0, -1),
                prefix: words[words.length - 1]!,
                label: `prefix:${words.join(' ')}*`,
              };
      } else if (node.kind === 'hashtag') {
        m = memberMatcher(sk, `#${node.value.replace(/^#/, '')}`);
      } else {
        m = memberMatcher(sk, node.value, node.kind === 'term');
      }
      if (!m) return { kind: 'or', children: [] };
      // Any member of an alias group the query names stands for the whole group.
      const group = groups.find((g) => g.some((a) => sameAs(a, m!)));
      return group ? { kind: 'or', children: [m, ...group] } : m;
    }
    case 'field': {
      const value = node.field === 'lang' ? node.value.toLowerCase() : simpleName(node.value);
      return { kind: 'field', field: node.field, value, label: `${node.field}:${value}` };
    }
    case 'and':
      return { kind: 'and', children: node.children.map((c) => compileNode(c, sk, groups)) };
    case 'or':
      return { kind: 'or', children: node.children.map((c) => compileNode(c, sk, groups)) };
    case 'not':
      return { kind: 'not', child: compileNode(node.child, sk, groups) };
  }
}

/** Channel and origin names compare folded, without emoji, '@' or extra spaces ("Russian MFA 🇷🇺" = "russian mfa"). */
export function simpleName(s: string): string {
  return nameCache.get(s);
}

// Channel and origin names repeat on every post; folding them each time would dominate tagging.
const nameCache = new Memo<string>(10_000, (s) => computeSimpleName(s));

function computeSimpleName(s: string): string {
  return foldText(s)
    .replace(/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F/gu, '')
    .replace(/^@/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function compileTopic(topic: TopicDefinition, options: CompileOptions = {}): CompiledTopic {
  const sk = options.stemKeys ?? sharedKeys;
  const groups = topic.aliases.map((g) =>
    g.map((a) => memberMatcher(sk, a)).filter((m): m is Matcher => m !== null),
  );
  return {
    name: topic.name,
    key: simpleName(topic.name),
    refersToTopics: refersToTopics(topic.query),
    matcher: compileNode(topic.query, sk, groups),
    stemKeys: sk,
  };
}

function refersToTopics(n: QueryNode): boolean {
  if (n.kind === 'field') return n.field === 'topic';
  if (n.kind === 'and' || n.kind === 'or') return n.children.some(refersToTopics);
  if (n.kind === 'not') return refersToTopics(n.child);
  return false;
}

/** Prepares a post once (after the topics are compiled); pass the result to matchFeatures for every topic. */
export function postFeatures(post: Post & { lang?: string | null }, sk: StemKeys = sharedKeys): PostFeatures {
  const words = foldedWords(post.text);
  const config = stemConfigFor(post.lang);
  const positions: Int32Array[] = new Array<Int32Array>(words.length);
  const present = new Uint8Array(sk.wantedCount);
  for (let i = 0; i < words.length; i++) {
    const ids = sk.ids(words[i]!, config);
    positions[i] = ids;
    for (let j = 0; j < ids.length; j++) present[ids[j]!] = 1;
  }
  const tags = new Set<string>();
  for (const t of postHashtags(post)) {
    const k = tagKey(t);
    if (k) tags.add(k);
  }
  const from: string[] = [];
  if (post.forwardedFrom) {
    from.push(simpleName(post.forwardedFrom.name));
    if (post.forwardedFrom.username) from.push(simpleName(post.forwardedFrom.username));
  }
  return {
    positions,
    words,
    present,
    hashtags: tags,
    lang: post.lang ? post.lang.toLowerCase() : null,
    channel: simpleName(post.channel),
    from,
  };
}

function hasAny(ids: Int32Array, want: Int32Array): boolean {
  for (let i = 0; i < ids.length; i++) {
    const x = ids[i]!;
    for (let j = 0; j < want.length; j++) if (want[j] === x) return true;
  }
  return false;
}

type TopicResolver = (name: string) => boolean;

/** Whether the post carries the hashtag a bare word also finds (the word's `tag`). */
function tagHit(m: { tag?: string; label: string }, f: PostFeatures, hits: string[] | null): boolean {
  if (m.tag === undefined || !f.hashtags.has(m.tag)) return false;
  hits?.push(m.label);
  return true;
}

function test(m: Matcher, f: PostFeatures, hits: string[] | null, topicOf: TopicResolver): boolean {
  switch (m.kind) {
    case 'word': {
      for (let i = 0; i < m.ids.length; i++) {
        if (f.present[m.ids[i]!] === 1) {
          hits?.push(m.label);
          return true;
        }
      }
      return tagHit(m, f, hits);
    }
    case 'prefix': {
      const n = m.head.length;
      outer: for (let i = 0; i + n < f.words.length; i++) {
        for (let j = 0; j < n; j++) if (f.words[i + j] !== m.head[j]) continue outer;
        if (!f.words[i + n]!.startsWith(m.prefix)) continue;
        hits?.push(m.label);
        return true;
      }
      return false;
    }
    case 'phrase': {
      const steps = m.stepIds;
      const n = steps.length;
      if (n === 0) return false;
      outer: for (let i = 0; i + n <= f.positions.length; i++) {
        for (let j = 0; j < n; j++) if (!hasAny(f.positions[i + j]!, steps[j]!)) continue outer;
        hits?.push(m.label);
        return true;
      }
      return tagHit(m, f, hits);
    }
    case 'hashtag': {
      const ok = f.hashtags.has(m.tag);
      if (ok) hits?.push(m.label);
      return ok;
    }
    case 'field': {
      let ok: boolean;
      if (m.field === 'lang') ok = f.lang === m.value;
      else if (m.field === 'channel') ok = f.channel === m.value;
      else if (m.field === 'from') ok = f.from.includes(m.value);
      else ok = topicOf(m.value);
      if (ok) hits?.push(m.label);
      return ok;
    }
    case 'and':
      // An empty AND is what parseQuery('*') gives: everything (search/parse.ts isMatchAll).
      for (const c of m.children) if (!test(c, f, hits, topicOf)) return false;
      return true;
    case 'or': {
      let any = false;
      for (const c of m.children) {
        if (test(c, f, hits, topicOf)) {
          any = true;
          // Without explanations the first match decides; with them, collect every matching leaf.
          if (!hits) return true;
        }
      }
      return any;
    }
    case 'not':
      return !test(m.child, f, null, topicOf);
  }
}

const noTopics: TopicResolver = () => false;

/** Whether prepared features match a topic; `topic:` fields use `topicOf` (false by default). */
export function matchFeatures(
  compiled: CompiledTopic,
  f: PostFeatures,
  topicOf: TopicResolver = noTopics,
): boolean {
  return test(compiled.matcher, f, null, topicOf);
}

export function matchTopic(compiled: CompiledTopic, post: Post & { lang?: string | null }): boolean {
  return matchFeatures(compiled, postFeatures(post, compiled.stemKeys));
}

/** Like matchTopic, with the leaves that matched (for "why is this post in this topic"). */
export function explainTopic(compiled: CompiledTopic, post: Post & { lang?: string | null }): TopicMatch {
  const hits: string[] = [];
  const matched = test(compiled.matcher, postFeatures(post, compiled.stemKeys), hits, noTopics);
  return { matched, terms: matched ? [...new Set(hits)] : [] };
}

/**
 * Names of the topics a post matches, in the order given. `topic:NAME` inside a query refers to another
 * topic of the list (cycles count as no match).
 */
export function tagPost(post: Post & { lang?: string | null }, compiled: readonly CompiledTopic[]): string[] {
  if (compiled.length === 0) return [];
  // The common case (one stemmer set, no topic: references) needs no memo tables.
  const sk = compiled[0]!.stemKeys;
  if (compiled.every((c) => !c.refersToTopics && c.stemKeys === sk)) {
    const f = postFeatures(post, sk);
    const out: string[] = [];
    for (const c of compiled) if (test(c.matcher, f, null, noTopics)) out.push(c.name);
    return out;
  }
  const byKeys = new Map<StemKeys, PostFeatures>();
  const features = (sk: StemKeys): PostFeatures => {
    let f = byKeys.get(sk);
    if (!f) {
      f = postFeatures(post, sk);
      byKeys.set(sk, f);
    }
    return f;
  };
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  let byName: Map<string, CompiledTopic> | null = null;
  const evaluate = (c: CompiledTopic): boolean => {
    const key = c.key;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return false;
    visiting.add(key);
    const r = test(c.matcher, features(c.stemKeys), null, (name) => {
      byName ??= new Map(compiled.map((x) => [x.key, x]));
      const other = byName.get(name);
      return other ? evaluate(other) : false;
    });
    visiting.delete(key);
    memo.set(key, r);
    return r;
  };
  return compiled.filter((c) => evaluate(c)).map((c) => c.name);
}

const CJK_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;

/** Words as a reader writes them: Chinese and Japanese characters without spaces (图书馆, not 图 书 馆). */
function joinWords(words: readonly string[]): string {
  let out = '';
  words.forEach((w, i) => {
    if (i > 0 && !(CJK_WORD.test(w) && CJK_WORD.test(words[i - 1]!))) out += ' ';
    out += w;
  });
  return out;
}
