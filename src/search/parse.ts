// Parses the user query language (words, "phrases", #tags, OR/AND/NOT, -word, ( ), field:value) into a QueryNode.
import { UserError } from '../util/errors.js';
import { isTelegramLink, notAChannel, parseChannelRef } from '../model/channel-ref.js';
import type { QueryField, QueryNode } from './query.js';

/**
 * A query the user must fix; `offset` is 0-based (UTF-16), the message gives the 1-based column, then what to write
 * instead when there is a `hint`.
 */
export class QuerySyntaxError extends UserError {
  override name = 'QuerySyntaxError';
  constructor(
    readonly kind: string,
    readonly offset: number,
    hint?: string,
  ) {
    super(`${offset >= 0 ? `${kind} at ${offset + 1}` : kind}${hint ? `: ${hint}` : ''}`);
  }
}

const FIELDS: readonly QueryField[] = ['lang', 'channel', 'from', 'topic'];

type Token =
  | { t: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'neg'; at: number }
  | { t: 'atom'; node: QueryNode; at: number };

/** Something a tokenizer can index: a letter or digit in any script. */
const SEARCHABLE = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

function isBreak(ch: string): boolean {
  return SPACE.test(ch) || ch === '(' || ch === ')' || ch === '|';
}

function fieldValue(field: QueryField, raw: string, at: number): string {
  const v = raw.trim().normalize('NFC');
  if (field === 'lang') return v.toLowerCase();
  if (field === 'channel') return v.replace(/^@/, '').toLowerCase();
  // A forward's origin is written as a channel filter is (t.me/name, https://t.me/s/name): its username.
  if (field === 'from' && isTelegramLink(v)) {
    const ref = parseChannelRef(v);
    if (!ref) throw new QuerySyntaxError(`from:${v.slice(0, 100)}`, at, notAChannel(v));
    return ref.username;
  }
  return v;
}

/** A bare word -> an atom, or null when nothing in it can be searched (punctuation, emoji, a lone '-'). */
function wordAtom(word: string, at: number): QueryNode | null | 'star' {
  if (/^\*+$/.test(word)) return 'star';
  if (word.startsWith('#')) {
    const tag = word.slice(1).replace(/\*+$/, '').normalize('NFC');
    if (!SEARCHABLE.test(tag)) return null;
    // Hashtags are indexed and matched whole (#brics is not #BRICSsummit), in both stores, topics and alerts alike:
    // a star would be silently ignored, so it is refused with what to write instead.
    if (tag !== word.slice(1))
      throw new QuerySyntaxError(
        `${word}`,
        at,
        `a hashtag is matched whole and takes no *: #${tag} finds that tag, ${tag}* the words (and hashtag parts) starting with ${tag}`,
      );
    return { kind: 'hashtag', value: tag };
  }
  const prefix = /[^*]\*+$/.test(word);
  const value = word.replace(/^\*+|\*+$/g, '').normalize('NFC');
  if (!SEARCHABLE.test(value)) return null;
  return prefix ? { kind: 'term', value, prefix: true } : { kind: 'term', value };
}

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i]!;
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '(') {
      out.push({ t: 'lparen', at: i++ });
    } else if (ch === ')') {
      out.push({ t: 'rparen', at: i++ });
    } else if (ch === '|') {
      out.push({ t: 'or', at: i++ });
    } else if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) {
        // A lone trailing quote is a stray; an opened phrase that never closes is a real mistake.
        if (input.slice(i + 1).trim() === '') break;
        throw new QuerySyntaxError('unterminated quote', i);
      }
      const value = input
        .slice(i + 1, end)
        .replace(/\s+/gu, ' ')
        .trim()
        .normalize('NFC');
      if (SEARCHABLE.test(value)) out.push({ t: 'atom', node: { kind: 'phrase', value }, at: i });
      i = end + 1;
    } else if (
      ch === '-' &&
      i + 1 < n &&
      (input[i + 1] === '(' || !isBreak(input[i + 1]!)) &&
      input[i + 1] !== '-'
    ) {
      out.push({ t: 'neg', at: i++ });
    } else {
      const start = i;
      while (i < n && !isBreak(input[i]!)) {
        // field:"quoted value" keeps its spaces.
        if (input[i] === ':' && input[i + 1] === '"') {
          const name = input.slice(start, i).toLowerCase() as QueryField;
          if (FIELDS.includes(name)) {
            const end = input.indexOf('"', i + 2);
            if (end < 0) throw new QuerySyntaxError('unterminated quote', i + 1);
            const value = fieldValue(name, input.slice(i + 2, end), start);
            if (value === '') throw new QuerySyntaxError(`${name}: needs a value`, start);
            out.push({ t: 'atom', node: { kind: 'field', field: name, value }, at: start });
            i = end + 1;
            break;
          }
        }
        i++;
      }
      if (out.length > 0 && out[out.length - 1]!.at === start) continue; // the quoted field above
      const word = input.slice(start, i);
      if (word === 'AND' || word === 'OR' || word === 'NOT') {
        out.push({ t: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', at: start });
        continue;
      }
      // FTS5's NEAR is not part of the language: drop the operator, search the words it groups.
      if (/^NEAR(\/\d+)?$/.test(word)) continue;
      const colon = word.indexOf(':');
      if (colon > 0) {
        const name = word.slice(0, colon).toLowerCase() as QueryField;
        if (FIELDS.includes(name)) {
          const value = fieldValue(name, word.slice(colon + 1), start);
          if (value === '') throw new QuerySyntaxError(`${name}: needs a value`, start);
          out.push({ t: 'atom', node: { kind: 'field', field: name, value }, at: start });
          continue;
        }
      }
      const atom = wordAtom(word, start);
      if (atom === 'star') out.push({ t: 'atom', node: { kind: 'and', children: [] }, at: start });
      else if (atom) out.push({ t: 'atom', node: atom, at: start });
      // Unsearchable words (punctuation, emoji) are dropped, like a tokenizer would.
    }
  }
  return out;
}

function combine(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat: QueryNode[] = [];
  for (const c of children) {
    if (c.kind === kind) flat.push(...c.children);
    else flat.push(c);
  }
  // A lone '*' (everything) is neutral inside AND; inside OR it makes the whole OR everything.
  const isAll = (c: QueryNode): boolean => c.kind === 'and' && c.children.length === 0;
  if (kind === 'and') {
    const real = flat.filter((c) => !isAll(c));
    return real.length === 1 ? real[0]! : { kind, children: real };
  }
  if (flat.some(isAll)) return { kind: 'and', children: [] };
  return flat.length === 1 ? flat[0]! : { kind, children: flat };
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly input: string,
  ) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  parseAll(): QueryNode {
    const node = this.parseAnd(null);
    const t = this.peek();
    if (t) throw new QuerySyntaxError(t.t === 'rparen' ? 'unbalanced parenthesis' : 'unexpected token', t.at);
    return node;
  }

  /** and := or ( [AND] or )* — OR binds tighter, as in web search: `brics OR брикс summit`. */
  private parseAnd(open: Token | null): QueryNode {
    const parts: QueryNode[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.t === 'rparen') break;
      if (t.t === 'and') {
        if (parts.length === 0) throw new QuerySyntaxError('AND needs a term before it', t.at);
        this.i++;
        const next = this.peek();
        if (!next || next.t === 'rparen' || next.t === 'and' || next.t === 'or')
          throw new QuerySyntaxError('AND needs a term after it', t.at);
        continue;
      }
      parts.push(this.parseOr());
    }
    if (parts.length === 0) {
      if (open) throw new QuerySyntaxError('empty parentheses', open.at);
      throw new QuerySyntaxError('empty query', this.input.length === 0 ? -1 : (this.peek()?.at ?? -1));
    }
    return combine('and', parts);
  }

  private parseOr(): QueryNode {
    const first = this.peek()!;
    if (first.t === 'or') throw new QuerySyntaxError('OR needs a term before it', first.at);
    const parts = [this.parseUnary()];
    while (this.peek()?.t === 'or') {
      const op = this.peek()!;
      this.i++;
      const next = this.peek();
      if (!next || next.t === 'rparen' || next.t === 'and' || next.t === 'or')
        throw new QuerySyntaxError('OR needs a term after it', op.at);
      parts.push(this.parseUnary());
    }
    return combine('or', parts);
  }

  private parseUnary(): QueryNode {
    const t = this.peek()!;
    if (t.t === 'not' || t.t === 'neg') {
      this.i++;
      const next = this.peek();
      if (!next || next.t === 'rparen' || next.t === 'and' || next.t === 'or')
        throw new QuerySyntaxError(`${t.t === 'not' ? 'NOT' : '-'} needs a term after it`, t.at);
      const child = this.parseUnary();
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    if (t.t === 'lparen') {
      this.i++;
      const inner = this.parseAnd(t);
      if (this.peek()?.t !== 'rparen') throw new QuerySyntaxError('unbalanced parenthesis', t.at);
      this.i++;
      return inner;
    }
    if (t.t === 'atom') {
      this.i++;
      return t.node;
    }
    throw new QuerySyntaxError(t.t === 'rparen' ? 'unbalanced parenthesis' : 'unexpected token', t.at);
  }
}

/**
 * Parses a user query. Forgiving where a search box should be: a lone `*` means everything, words with nothing
 * searchable (punctuation, emoji, a lone `-`) are dropped, FTS5's `NEAR` / `NEAR/3` is dropped (its words stay), a quote inside a word or a lone
 * trailing quote is ignored. Real mistakes throw QuerySyntaxError: an empty query, unbalanced parentheses, `()`,
 * an opened phrase that never closes, a dangling AND/OR/NOT, a field without a value.
 */
export function parseQuery(input: string): QueryNode {
  if (input.trim() === '') throw new QuerySyntaxError('empty query', -1);
  const toks = tokenize(input);
  if (toks.length === 0) throw new QuerySyntaxError('nothing searchable in the query (words or #tags)', -1);
  return new Parser(toks, input).parseAll();
}

/** True for the node a lone `*` parses to: it matches every post. */
export function isMatchAll(node: QueryNode): boolean {
  return node.kind === 'and' && node.children.length === 0;
}

function quote(v: string): string {
  return `"${v.replace(/"/g, ' ')}"`;
}

function needsQuote(v: string): boolean {
  return /[\s()|"]/u.test(v) || v === 'AND' || v === 'OR' || v === 'NOT';
}

/** Canonical text of a query: parsing it again gives the same node. */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return `${node.value}${node.prefix ? '*' : ''}`;
    case 'phrase':
      return quote(node.value);
    case 'hashtag':
      return `#${node.value}`;
    case 'field':
      return `${node.field}:${needsQuote(node.value) ? quote(node.value) : node.value}`;
    case 'not': {
      const c = node.child;
      const inner = formatQuery(c);
      return c.kind === 'and' || c.kind === 'or' ? `-(${inner})` : `-${inner}`;
    }
    case 'or':
      return node.children
        .map((c) => (c.kind === 'and' ? `(${formatQuery(c)})` : formatQuery(c)))
        .join(' OR ');
    case 'and':
      if (node.children.length === 0) return '*';
      return node.children.map((c) => formatQuery(c)).join(' ');
  }
}
