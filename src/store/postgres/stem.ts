// Stems folded words with PostgreSQL's own text-search configurations, one distinct word at a time (cached):
// the same lexemes to_tsvector would give, at a fraction of its cost on whole texts.
import type pg from 'pg';
import { lexeme } from './text.js';

type Queryable = pg.Pool | pg.PoolClient;

const CACHE_MAX = 200_000;

// to_tsvector on one word gives its lexemes (none for a stop word) with the configuration's own dictionaries.
const LEXIZE_SQL = `SELECT x.c, x.w, ARRAY(SELECT u.lexeme FROM unnest(to_tsvector(x.c::regconfig, x.w)) AS u) AS l
  FROM unnest($1::text[], $2::text[]) AS x(c, w)`;

export class Stemmer {
  private readonly cache = new Map<string, string[]>();

  /** Looks up the words not yet cached; `pairs` are [configuration, folded word]. */
  async prepare(db: Queryable, pairs: Iterable<[string, string]>): Promise<void> {
    const configs: string[] = [];
    const words: string[] = [];
    const asked = new Set<string>();
    for (const [c, w] of pairs) {
      const k = `${c}\u0000${w}`;
      if (this.cache.has(k) || asked.has(k)) continue;
      asked.add(k);
      configs.push(c);
      words.push(w);
    }
    if (words.length === 0) return;
    const { rows } = await db.query<{ c: string; w: string; l: string[] }>(LEXIZE_SQL, [configs, words]);
    if (this.cache.size + rows.length > CACHE_MAX) this.cache.clear();
    for (const r of rows) this.cache.set(`${r.c}\u0000${r.w}`, r.l);
  }

  /** The lexemes of a prepared word ([] for a stop word). */
  lexemes(config: string, word: string): string[] {
    const l = this.cache.get(`${config}\u0000${word}`);
    if (l === undefined) throw new Error(`stemmer: "${word}" (${config}) was not prepared`);
    return l;
  }

  /** tsvector text of the stemmed words, at the positions of the words (stop words leave their gap). */
  vector(config: string, words: string[]): string {
    const positions = new Map<string, number[]>();
    let pos = 0;
    for (const w of words) {
      pos = Math.min(pos + 1, 16383);
      for (const l of this.lexemes(config, w)) {
        let list = positions.get(l);
        if (!list) positions.set(l, (list = []));
        if (list.length < 256 && list[list.length - 1] !== pos) list.push(pos);
      }
    }
    let out = '';
    for (const [l, list] of positions) out += `${out ? ' ' : ''}${lexeme(l)}:${list.join(',')}`;
    return out;
  }

  /**
   * tsquery text matching the stemmed words as a phrase (stop words keep their distance: "summit in Kazan"
   * is 'summit' <2> 'kazan'); null when every word is a stop word.
   */
  phrase(config: string, words: string[]): string | null {
    let out = '';
    let gap = 1;
    for (const w of words) {
      const ls = this.lexemes(config, w);
      if (ls.length === 0) {
        if (out) gap++;
        continue;
      }
      const part = ls.length === 1 ? lexeme(ls[0]!) : `(${ls.map(lexeme).join(' | ')})`;
      out = out ? `${out} <${gap}> ${part}` : part;
      gap = 1;
    }
    return out || null;
  }
}
