// Stems folded words with PostgreSQL's own text-search configurations, one distinct word at a time (cached):
// the lexemes to_tsvector gives, at a fraction of its cost on whole texts, under text/stems.ts's rules (only words
// of letters are stemmed; a stop word keeps its form), which SQLite's stem index follows too.
import type pg from 'pg';
import { isStemmable, russianLexeme } from '../../text/stems.js';
import { foldedWords } from '../../text/words.js';
import {
  combinedEntries,
  fits,
  lexeme,
  renderEntries,
  renderVector,
  tagPositions,
  tierTokens,
  VectorBuilder,
  mappedPositions,
  wordVectorOf,
  type Positions,
  type VectorEntries,
} from './text.js';

type Queryable = pg.Pool | pg.PoolClient;

const CACHE_MAX = 200_000;

// to_tsvector on one word gives its lexemes (none for a stop word) with the configuration's own dictionaries.
const LEXIZE_SQL = `SELECT x.c, x.w, ARRAY(SELECT u.lexeme FROM unnest(to_tsvector(x.c::regconfig, x.w)) AS u) AS l
  FROM unnest($1::text[], $2::text[]) AS x(c, w)`;

type Entries = Map<string, Map<string, string[]>>;

/** The stems of the words one operation asked for; unaffected by the shared cache being trimmed meanwhile. */
export class Lexicon {
  constructor(private readonly entries: Entries) {}

  /** The lexemes of a word that was asked for (a stop word or a word with more than letters: itself). */
  lexemes(config: string, word: string): string[] {
    if (!isStemmable(word)) return [word];
    const l = this.entries.get(config)?.get(word);
    if (l === undefined) throw new Error(`stemmer: "${word}" (${config}) was not looked up`);
    return l.length ? l : [word];
  }

  /** positions(config, words) from the words' own vector (one look-up per distinct word when it is whole). */
  positionsFrom(config: string, words: readonly string[], vector: VectorBuilder): Positions {
    const known = this.entries.get(config);
    const mapped = vector.whole
      ? mappedPositions(vector.positions, (w) => {
          const l = known?.get(w);
          if (l === undefined) return this.lexemes(config, w); // itself, or throws: not looked up
          return l.length ? l : w;
        })
      : null;
    return mapped ?? this.positions(config, words);
  }

  /** The stemmed words' tsvector, at the positions of the words. */
  positions(config: string, words: readonly string[]): Positions {
    // lexemes() inlined: this runs for every word of every post saved.
    const known = this.entries.get(config);
    const v = new VectorBuilder();
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const l = known?.get(w);
      if (l === undefined || l.length === 0) {
        if (l === undefined && isStemmable(w)) this.lexemes(config, w); // throws: not looked up
        if (!v.add(w, i)) return v.positions;
      } else for (let k = 0; k < l.length; k++) if (!v.add(l[k]!, i)) return v.positions;
    }
    return v.positions;
  }

  /**
   * tsquery text matching the stemmed words as a phrase (one word: its lexemes), each lexeme behind `prefix`; null
   * for no words or a lexeme too long to index (as phraseQuery: such a part matches nothing).
   */
  phrase(config: string, words: string[], prefix = ''): string | null {
    const parts: string[] = [];
    for (const w of words) {
      const ls = this.lexemes(config, w).map((l) => prefix + l);
      if (!ls.every(fits)) return null;
      parts.push(ls.length === 1 ? lexeme(ls[0]!) : `(${ls.map(lexeme).join(' | ')})`);
    }
    return parts.length ? parts.join(' <-> ') : null;
  }
}

/** Looks words up in PostgreSQL once, then remembers them (bounded) for every later batch and query. */
export class Stemmer {
  private readonly cache: Entries = new Map();
  private size = 0;

  /**
   * @param combined the archive searches tsv_all through RUM (migration 15): only that column is written, the
   * others (which the GIN search ranks by) stay empty. A GIN archive matches through tsv_all too (migration 16).
   */
  constructor(private readonly combined = false) {}

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
        if (mine.has(w) || !isStemmable(w)) continue;
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
        // The server's Snowball cuts many nouns' nominatives alone short; the lexemes SQLite's index keeps instead.
        if (r.c === 'russian') r.l = r.l.map((l) => russianLexeme(r.w, l));
        entries.get(r.c)!.set(r.w, r.l);
        let c = this.cache.get(r.c);
        if (!c) this.cache.set(r.c, (c = new Map()));
        c.set(r.w, r.l);
        this.size++;
      }
    }
    return new Lexicon(entries);
  }

  /**
   * The search columns of posts: words, hashtags, stems in the post's configuration and the count tiers; or, on an
   * archive searched through RUM, the one column holding them all.
   */
  async columns(
    db: Queryable,
    posts: { text: string; hashtags: string; config: string }[],
  ): Promise<SearchColumns[]> {
    const columnsOf = await this.columnBuilder(db, posts);
    return posts.map((_, i) => columnsOf(i));
  }

  /**
   * The stems of the posts' words looked up, then a function giving the i-th post's search columns: a bulk save
   * builds them while the rows before are being written.
   */
  async columnBuilder(
    db: Queryable,
    posts: { text: string; hashtags: string; config: string }[],
  ): Promise<(i: number) => SearchColumns> {
    const vectorsOf = await this.vectorBuilder(db, posts);
    return (i) => searchColumns(vectorsOf(i));
  }

  /** columnBuilder's vectors before they are written as text (COPY sends them in binary). */
  async vectorBuilder(
    db: Queryable,
    posts: { text: string; hashtags: string; config: string }[],
  ): Promise<(i: number) => SearchVectors> {
    const words = posts.map((p) => foldedWords(p.text));
    // Distinct words per configuration (a batch repeats most of its words).
    const wanted = new Map<string, Set<string>>();
    posts.forEach((p, i) => {
      if (p.config === 'simple') return;
      let set = wanted.get(p.config);
      if (!set) wanted.set(p.config, (set = new Set()));
      for (const w of words[i]!) set.add(w);
    });
    const stems = await this.lexicon(db, wanted);
    return (i) => {
      const p = posts[i]!;
      const ws = words[i]!;
      const vector = wordVectorOf(ws);
      const tsv = vector.positions;
      const stem = p.config === 'simple' ? new Map() : stems.positionsFrom(p.config, ws, vector);
      const all = combinedEntries(tsv, stem, p.config, p.hashtags);
      if (this.combined) return { tsv: EMPTY, tags: EMPTY, stem: EMPTY, tf: [], all };
      return { tsv, tags: tagPositions(p.hashtags), stem, tf: tierTokens(tsv, stem), all };
    };
  }
}

const EMPTY: Positions = new Map();

/** A post's search vectors: lexemes with positions (tsv_tf's tokens have none). */
export interface SearchVectors {
  tsv: Positions;
  tags: Positions;
  stem: Positions;
  tf: string[];
  all: VectorEntries;
}

/** The tsvector texts of a post's vectors (as the server writes them back). */
function searchColumns(v: SearchVectors): SearchColumns {
  return {
    tsv: renderVector(v.tsv),
    tags: renderVector(v.tags),
    stem: renderVector(v.stem),
    tf: v.tf.map(lexeme).join(' '),
    all: renderEntries(v.all),
  };
}

/** tsvector texts of a post's search columns (tsv, tsv_tags, tsv_stem, tsv_tf; tsv_all). */
export interface SearchColumns {
  tsv: string;
  tags: string;
  stem: string;
  tf: string;
  all: string;
}
