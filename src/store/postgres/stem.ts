// Stems folded words with PostgreSQL's own text-search configurations, one distinct word at a time (cached):
// the same lexemes to_tsvector would give, at a fraction of its cost on whole texts.
import type pg from 'pg';
import { lexeme, vectorText } from './text.js';

type Queryable = pg.Pool | pg.PoolClient;

const CACHE_MAX = 200_000;

// to_tsvector on one word gives its lexemes (none for a stop word) with the configuration's own dictionaries.
const LEXIZE_SQL = `SELECT x.c, x.w, ARRAY(SELECT u.lexeme FROM unnest(to_tsvector(x.c::regconfig, x.w)) AS u) AS l
  FROM unnest($1::text[], $2::text[]) AS x(c, w)`;

type Entries = Map<string, Map<string, string[]>>;

/** The stems of the words one operation asked for; unaffected by the shared cache being trimmed meanwhile. */
export class Lexicon {
  constructor(private readonly entries: Entries) {}

  /** The lexemes of a word that was asked for ([] for a stop word). */
  lexemes(config: string, word: string): string[] {
    const l = this.entries.get(config)?.get(word);
    if (l === undefined) throw new Error(`stemmer: "${word}" (${config}) was not looked up`);
    return l;
  }

  /** tsvector text of the stemmed words, at the positions of the words (stop words leave their gap). */
  vector(config: string, words: string[]): string {
    return vectorText(words.length, (i) => this.lexemes(config, words[i]!));
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
  private readonly cache: Entries = new Map();
  private size = 0;

  /** The stems of `words` per configuration, asking the server only for words not seen before. */
  async lexicon(db: Queryable, words: Map<string, Iterable<string>>): Promise<Lexicon> {
    const entries: Entries = new Map();
    const askConfigs: string[] = [];
    const askWords: string[] = [];
    for (const [config, list] of words) {
      const cached = this.cache.get(config);
      let mine = entries.get(config);
      if (!mine) entries.set(config, (mine = new Map()));
      for (const w of list) {
        if (mine.has(w)) continue;
        const l = cached?.get(w);
        mine.set(w, l ?? []);
        if (l === undefined) {
          askConfigs.push(config);
          askWords.push(w);
        }
      }
    }
    if (askWords.length > 0) {
      const { rows } = await db.query<{ c: string; w: string; l: string[] }>(LEXIZE_SQL, [
        askConfigs,
        askWords,
      ]);
      if (this.size + rows.length > CACHE_MAX) {
        this.cache.clear();
        this.size = 0;
      }
      for (const r of rows) {
        entries.get(r.c)!.set(r.w, r.l);
        let c = this.cache.get(r.c);
        if (!c) this.cache.set(r.c, (c = new Map()));
        c.set(r.w, r.l);
        this.size++;
      }
    }
    return new Lexicon(entries);
  }
}
