// A parsed user query -> one SQL condition on `posts p` (tsquery literals built from folded words, never user
// syntax) and a ranking expression. A word matches its folded form in any post, or its stem in the post's language.
// Two forms: on the GIN columns (tsv, tsv_stem, tsv_tags), and on the one column of a RUM archive (tsv_all).
import type { QueryNode } from '../../search/query.js';
import { langIn, Params } from './filter.js';
import type { Lexicon } from './stem.js';
import { STEM_CONFIGS } from '../../text/stems.js';
import { foldedWords } from '../../text/words.js';
import { wordTag } from '../../text/tags.js';
import { STEM_PREFIX, TAG_PREFIX, phraseQuery, tagQuery } from './text.js';

/** tsquery text of the hashtag a bare word also finds whole (text/tags.ts wordTag), or null for none. */
function wordTagQuery(word: string, prefix = ''): string | null {
  return wordTag(word) === null ? null : tagQuery(word, prefix);
}

export interface CompiledSearch {
  where: string;
  /**
   * Relevance (higher is better), or null when the query has no positive word to rank by. Its parameters are
   * appended when called: call it after the WHERE parameters are all in, so a count can run without it.
   */
  rank(): string | null;
}

class Compiler {
  private readonly exact: string[] = [];
  private readonly tags: string[] = [];
  private readonly stemmed = new Map<string, string[]>();

  constructor(
    public params: Params,
    private readonly stems: Lexicon,
  ) {}

  private tsquery(q: string): string {
    return `${this.params.add(q)}::tsquery`;
  }

  cond(node: QueryNode, negated: boolean): string {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const prefix = node.kind === 'term' && node.prefix === true;
        const parts: string[] = [];
        const q = phraseQuery(node.value, prefix);
        if (q !== null) {
          parts.push(`p.tsv @@ ${this.tsquery(q)}`);
          if (!negated) this.exact.push(q);
        }
        if (!prefix) {
          const words = foldedWords(node.value);
          for (const config of STEM_CONFIGS) {
            const sq = this.stems.phrase(config, words);
            if (sq === null) continue;
            parts.push(`(p.ts_config = '${config}' AND p.tsv_stem @@ ${this.tsquery(sq)})`);
            if (!negated) this.stemmed.set(config, [...(this.stemmed.get(config) ?? []), sq]);
          }
          // A bare word finds the hashtag that is the whole word too (knowledgeday: #KnowledgeDay).
          const tq = node.kind === 'term' ? wordTagQuery(node.value) : null;
          if (tq !== null) {
            parts.push(`p.tsv_tags @@ ${this.tsquery(tq)}`);
            if (!negated) this.tags.push(tq);
          }
        }
        return parts.length ? `(${parts.join(' OR ')})` : 'false';
      }
      case 'hashtag': {
        // The whole tag, one lexeme: #brics finds #BRICS, not #BRICSsummit (whose parts the word brics finds).
        const q = tagQuery(node.value);
        if (q === null) return 'false';
        if (!negated) this.tags.push(q);
        return `p.tsv_tags @@ ${this.tsquery(q)}`;
      }
      case 'field':
        return this.field(node);
      case 'not':
        return `(NOT ${this.cond(node.child, !negated)})`;
      case 'and':
        return node.children.length
          ? `(${node.children.map((c) => this.cond(c, negated)).join(' AND ')})`
          : 'true';
      case 'or':
        return `(${node.children.map((c) => this.cond(c, negated)).join(' OR ')})`;
    }
  }

  private field(node: Extract<QueryNode, { kind: 'field' }>): string {
    const v = node.value;
    switch (node.field) {
      case 'lang':
        return langIn(v, this.params);
      case 'channel':
        return `p.channel = ${this.params.add(v.replace(/^@/, '').toLowerCase())}`;
      case 'from':
        // The origin's username exactly, or a part of its title ("Russian MFA" finds "Russian MFA 🇷🇺").
        return `(p.fwd_username = ${this.params.add(v.replace(/^@/, '').toLowerCase())} OR strpos(p.fwd_name_lc, ${this.params.add(v.toLowerCase())}) > 0)`;
      case 'topic':
        return `EXISTS (SELECT 1 FROM post_topics t WHERE t.channel = p.channel AND t.id = p.id AND t.topic = ${this.params.add(v)})`;
    }
  }

  rank(): string | null {
    if (this.exact.length === 0 && this.stemmed.size === 0 && this.tags.length === 0) return null;
    const any = (qs: string[]): string => this.tsquery(qs.map((q) => `(${q})`).join(' | '));
    let exact = this.exact.length ? `ts_rank(p.tsv, ${any(this.exact)})` : '0';
    if (this.tags.length) exact = `greatest(${exact}, ts_rank(p.tsv_tags, ${any(this.tags)}))`;
    if (this.stemmed.size === 0) return exact;
    const cases = [...this.stemmed]
      .map(([config, qs]) => `WHEN '${config}' THEN ts_rank(p.tsv_stem, ${any(qs)})`)
      .join(' ');
    return `greatest(${exact}, CASE p.ts_config ${cases} ELSE 0 END)`;
  }
}

/**
 * A query on a GIN archive: matched through tsv_all (migration 16), as a RUM archive matches, ranked by ts_rank of
 * the GIN columns. `stems` must hold stemmedQueryWords(node) in every STEM_CONFIGS configuration.
 */
export function compileSearch(node: QueryNode, params: Params, stems: Lexicon): CompiledSearch {
  const { where } = compileCombined(node, params, stems);
  // The rank's words, collected by compiling the condition on the columns into parameters left unused.
  const c = new Compiler(new Params(), stems);
  c.cond(node, false);
  c.params = params;
  return { where, rank: () => c.rank() };
}

const any = (qs: string[]): string => (qs.length === 1 ? qs[0]! : qs.map((q) => `(${q})`).join(' | '));

/** One part of a query on tsv_all: a tsquery while the words alone decide it, else an SQL condition. */
type Part = { q: string } | { sql: string };

/**
 * A parsed query on the one-column index (tsv_all, migration 15): as few tsqueries as the fields allow, the whole
 * query one tsquery when it has no field, so one ordered RUM scan answers it. A word matches as written or by its
 * stem in the post's configuration (the stems carry their configuration's prefix, so no post's language is checked).
 * The rank query: every positive word, phrase or hashtag, any of them (as the GIN rank ORs them), a word by its
 * stems.
 */
class CombinedCompiler {
  readonly ranked: string[] = [];

  constructor(
    private readonly params: Params,
    private readonly stems: Lexicon,
  ) {}

  sql(part: Part): string {
    return 'sql' in part ? part.sql : `p.tsv_all @@ ${this.params.add(part.q)}::tsquery`;
  }

  part(node: QueryNode, negated: boolean): Part {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const prefix = node.kind === 'term' && node.prefix === true;
        const q = phraseQuery(node.value, prefix);
        if (prefix) return this.leaf(q === null ? [] : [q], q === null ? [] : [q], negated);
        // Matched as written or by a stem; ranked by the stems alone (a 'simple' post's stems are its words), so
        // each occurrence counts once, as in one of the GIN ranks.
        const words = foldedWords(node.value);
        const stemmed: string[] = [];
        for (const config of STEM_CONFIGS) {
          const sq = this.stems.phrase(config, words, STEM_PREFIX[config]);
          if (sq !== null) stemmed.push(sq);
        }
        const simple = phraseQuery(node.value, false, STEM_PREFIX.simple);
        // A bare word finds the hashtag that is the whole word too, ranked as a hashtag query is.
        const tq = node.kind === 'term' ? wordTagQuery(node.value, TAG_PREFIX) : null;
        const tag = tq === null ? [] : [tq];
        const match = [...(q === null ? [] : [q]), ...stemmed, ...tag];
        return this.leaf(match, [...stemmed, ...(simple === null ? [] : [simple]), ...tag], negated);
      }
      case 'hashtag': {
        const q = tagQuery(node.value, TAG_PREFIX);
        return this.leaf(q === null ? [] : [q], q === null ? [] : [q], negated);
      }
      case 'field':
        return { sql: new Compiler(this.params, this.stems).cond(node, negated) };
      case 'not': {
        const child = this.part(node.child, !negated);
        return 'q' in child ? { q: `!(${child.q})` } : { sql: `(NOT ${child.sql})` };
      }
      case 'and':
      case 'or': {
        const parts = node.children.map((c) => this.part(c, negated));
        const op = node.kind === 'and' ? ' & ' : ' | ';
        const qs = parts.flatMap((p) => ('q' in p ? [`(${p.q})`] : []));
        const sqls = parts.flatMap((p) => ('sql' in p ? [p.sql] : []));
        if (parts.length === 0) return { sql: node.kind === 'and' ? 'true' : 'false' };
        if (sqls.length === 0) return { q: qs.join(op) };
        // Every word part in one tsquery beside the fields: with AND, that tsquery still leads an index scan.
        const all = qs.length ? [this.sql({ q: qs.join(op) }), ...sqls] : sqls;
        return { sql: `(${all.join(node.kind === 'and' ? ' AND ' : ' OR ')})` };
      }
    }
  }

  private leaf(match: string[], rank: string[], negated: boolean): Part {
    if (match.length === 0) return { sql: 'false' };
    if (!negated && rank.length) this.ranked.push(any(rank));
    return { q: any(match) };
  }
}

/** A query on tsv_all: its condition, and the tsquery its relevance ranks by (null: no positive word). */
export function compileCombined(
  node: QueryNode,
  params: Params,
  stems: Lexicon,
): { where: string; rankQuery: string | null } {
  const c = new CombinedCompiler(params, stems);
  const where = c.sql(c.part(node, false));
  return { where, rankQuery: c.ranked.length ? c.ranked.map((q) => `(${q})`).join(' | ') : null };
}
