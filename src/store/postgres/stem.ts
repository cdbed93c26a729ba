// Stems folded words with PostgreSQL's own text-search configurations, one distinct word at a time (cached):
// the same lexemes to_tsvector would give, at a fraction of its cost on whole texts.
import type pg from 'pg';
import { lexeme } from './text.js';

type Queryable = pg.Pool | pg.PoolClient;

const CACHE_MAX = 200_000;

// to_tsvector on one word gives its lexemes (none for a stop word) with the configuration's own dictionaries.
const LEXIZE_SQL = `SELECT x.c, x.w, ARRAY(SELECT u.lexeme FROM unnest(to_tsvector(x.c::regconfig, x.w)) AS u) AS l
  FROM unnest($1::text[], $2::text[]) AS x(c, w)`;

/** The stems of the words one operation asked for; unaffected by the shared cache being trimmed meanwhile. */
export class Lexicon {
  constructor(private readonly entries: Map<string, string[]>) {}

  /** The lexemes of a word that was asked for ([] for a stop word). */
  lexemes(config: string, word: string): string[] {
    const l = this.entries.get(`${config}\u0000${word}`);
    if (l === undefined) throw new Error(`stemmer: "${word}" (${config}) was not looked up`);
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

/** Looks words up in PostgreSQL once, then remembers them (bounded) for every later batch and query. */
export class Stemmer {
  private readonly cache = new Map<string, string[]>();

  /** The stems of `pairs` ([configuration, folded word]), asking the server only for words not seen before. */
  async lexicon(db: Queryable, pairs: Iterable<[string, string]>): Promise<Lexicon> {
    const entries = new Map<string, string[]>();
    const configs: string[] = [];
    const words: string[] = [];
    for (const [c, w] of pairs) {
      const k = `${c}\u0000${w}`;
      if (entries.has(k)) continue;
      const cached = this.cache.get(k);
      entries.set(k, cached ?? []);
      if (cached === undefined) {
        configs.push(c);
        words.push(w);
      }
    }
    if (words.length > 0) {
      const { rows } = await db.query<{ c: string; w: string; l: string[] }>(LEXIZE_SQL, [configs, words]);
      if (this.cache.size + rows.length > CACHE_MAX) this.cache.clear();
      for (const r of rows) {
        const k = `${r.c}\u0000${r.w}`;
        entries.set(k, r.l);
        this.cache.set(k, r.l);
      }
    }
    return new Lexicon(entries);
  }
}
