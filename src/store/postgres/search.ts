// A parsed user query -> one SQL condition on `posts p` (tsquery literals built from folded words, never user
// syntax) and a ranking expression. A word matches its folded form in any post, or its stem in the post's language.
import type { QueryNode } from '../../search/query.js';
import type { Params } from './filter.js';
import type { Lexicon } from './stem.js';
import { STEM_CONFIGS } from '../../text/stems.js';
import { foldedWords } from '../../text/words.js';
import { phraseQuery, tagQuery } from './text.js';

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
    private readonly params: Params,
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
        return `p.lang = ${this.params.add(v.toLowerCase())}`;
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

/** `stems` must hold stemmedQueryWords(node) in every STEM_CONFIGS configuration. */
export function compileSearch(node: QueryNode, params: Params, stems: Lexicon): CompiledSearch {
  const c = new Compiler(params, stems);
  const where = c.cond(node, false);
  return { where, rank: () => c.rank() };
}
