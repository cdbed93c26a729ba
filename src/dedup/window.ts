// The time window story matching compares a post with: its posts' features in day buckets (or, for undated posts,
// blocks of ids per channel), inverted indexes of their rare shingles and evidence tokens, and the rarity of tokens.
import type { Features, MatchOptions, PairMatch, Triples } from './match.js';
import { nearCopy, translation, wordCopy } from './match.js';

export interface WindowOptions {
  /** Dated posts are compared with posts up to this many days (of 24 hours) older or newer. */
  windowDays: number;
  /** Undated posts are compared with the same channel's posts in the same block of this many ids or beside it. */
  positionWindow: number;
  /** A token or shingle on more window posts than this is boilerplate and not used. */
  postingCap: number;
  /**
   * Dated posts held at most: beyond, the oldest days go before their time (the newest day is always kept). A
   * held post takes about 9 KB, so an archive of 144,000 posts a day filled a 4 GB heap with its window's days
   * (a grouping died there); at 20,000 a day a window holds about 80,000 and this never comes into play.
   */
  maxPosts: number;
  match: MatchOptions;
}

/** Where a post stands in time: its date, else its position in its channel. */
export interface Placed {
  date: string | null;
  id: number;
  channel: string;
}

/** Pseudo-documents added to the window size in the rarity scale, so a tiny window does not make all rare. */
const IDF_PRIOR = 20;
const DAY_MS = 86_400_000;

export interface Bucket {
  posts: number[];
  evidence: Map<string, number[]>;
  shingles: Map<number, number[]>;
  words: Map<number, number[]>;
}

/** The posts a new post can match, and the pair decisions against them. */
export class MatchWindow {
  private readonly buckets = new Map<string, Bucket>();
  private readonly features = new Map<number, Features>();
  /** Posts carrying each evidence token over all posts seen, and how many posts were seen. */
  private readonly docFreq = new Map<string, number>();
  private docs = 0;
  private maxDay = -Infinity;
  private readonly datedBuckets: number[] = [];
  private readonly undatedMax = new Map<string, number>();

  constructor(private readonly opt: WindowOptions) {}

  /** Whether post i is still held (in the window, and not split out by a reader). */
  has(i: number): boolean {
    return this.features.has(i);
  }

  /** The features of a held post. */
  held(i: number): Features | undefined {
    return this.features.get(i);
  }

  /** The buckets a post already placed is compared with, without moving the window. */
  around(post: Placed): Bucket[] {
    const [, ids] = this.windowOf(post, false);
    return ids.map((b) => this.buckets.get(b)).filter((b): b is Bucket => b !== undefined);
  }

  /** Counts a post's tokens for their rarity over everything seen, held or not. */
  see(f: Features): void {
    this.docs++;
    for (const t of f.tokens.keys()) this.docFreq.set(t, (this.docFreq.get(t) ?? 0) + 1);
  }

  /** The bucket a post belongs to and the buckets it is compared with (moving the window forward). */
  place(post: Placed): { own: string; around: Bucket[] } {
    const [own, ids] = this.windowOf(post);
    return { own, around: ids.map((b) => this.buckets.get(b)).filter((b): b is Bucket => b !== undefined) };
  }

  /** Holds post i as a candidate for the posts after it. */
  hold(i: number, f: Features, own: string): void {
    let bucket = this.buckets.get(own);
    if (!bucket)
      this.buckets.set(
        own,
        (bucket = { posts: [], evidence: new Map(), shingles: new Map(), words: new Map() }),
      );
    bucket.posts.push(i);
    for (const t of f.tokens.keys()) push(bucket.evidence, t, i);
    for (const h of f.shingles) push(bucket.shingles, h, i);
    for (const h of f.wordKeys) push(bucket.words, h, i);
    this.features.set(i, f);
    while (this.features.size > this.opt.maxPosts && this.datedBuckets.length > 1)
      this.dropBucket(`d${this.datedBuckets.shift()!}`);
  }

  /**
   * The held posts a post matches, found through a rare shingle or a rare evidence token they share, each with
   * the pair decision. `prior`: whether two posts' channels are known to carry the same statements (or one channel
   * posts a statement's versions one after the other). `only`: the held posts worth a decision (the others are
   * skipped before their pair is scored).
   */
  matches(
    f: Features,
    around: Bucket[],
    prior: (a: Features, b: Features) => boolean,
    only: (j: number) => boolean = () => true,
  ): Map<number, PairMatch> {
    const out = new Map<number, PairMatch>();
    if (around.length === 0) return out;
    this.nearCopyCandidates(f, around, out, only);
    this.translationCandidates(f, around, out, prior, only);
    return out;
  }

  private nearCopyCandidates(
    f: Features,
    buckets: Bucket[],
    out: Map<number, PairMatch>,
    only: (j: number) => boolean,
  ): void {
    const shingles = this.rareShared(f.shingles, buckets, (b) => b.shingles);
    const words = this.rareShared(f.wordKeys, buckets, (b) => b.words);
    const m = this.opt.match;
    for (const [j, n] of shingles.shared) {
      if (n < m.nearCopyMinShared || !only(j)) continue;
      const g = this.features.get(j);
      if (!g || this.apart(f, g)) continue;
      const found = nearCopy(f, g, n, shingles.mine, shingles.theirs(g.shingles), m);
      if (found) out.set(j, found);
    }
    // Same statement, other sentences: judged on the content words when the word triples did not make it a copy;
    // only across channels, as a channel's own recurring report (a daily summary) shares its words day after day.
    for (const [j, n] of words.shared) {
      if (out.has(j) || n < m.wordCopyMinWords * m.wordCopyContainment || !only(j)) continue;
      const g = this.features.get(j);
      if (!g || g.channel === f.channel || this.apart(f, g)) continue;
      // The word triples in common, read only for a pair that could be a copy (match.ts wordCopy).
      const triples = (): Triples => ({
        shared: shingles.shared.get(j) ?? 0,
        mine: shingles.mine,
        theirs: shingles.theirs(g.shingles),
      });
      const found = wordCopy(f, g, n, words.mine, words.theirs(g.wordKeys), m, triples);
      if (found) out.set(j, found);
    }
  }

  /**
   * Held posts sharing rare keys with a post (keys on more window posts than the posting cap are boilerplate),
   * how many of its keys are rare, and a counter of another post's rare keys.
   */
  private rareShared(
    keys: Uint32Array,
    buckets: Bucket[],
    index: (b: Bucket) => Map<number, number[]>,
  ): { shared: Map<number, number>; mine: number; theirs: (other: Uint32Array) => number } {
    const cap = this.opt.postingCap;
    const dfCache = new Map<number, number>();
    const df = (h: number): number => {
      let v = dfCache.get(h);
      if (v === undefined) {
        v = 0;
        for (const b of buckets) v += index(b).get(h)?.length ?? 0;
        dfCache.set(h, v);
      }
      return v;
    };
    const shared = new Map<number, number>();
    let mine = 0;
    for (const h of keys) {
      if (df(h) > cap) continue;
      mine++;
      for (const b of buckets) for (const j of index(b).get(h) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    const theirs = (other: Uint32Array): number => {
      let n = 0;
      for (const h of other) if (df(h) <= cap) n++;
      return n;
    };
    return { shared, mine, theirs };
  }

  private translationCandidates(
    f: Features,
    buckets: Bucket[],
    out: Map<number, PairMatch>,
    prior: (a: Features, b: Features) => boolean,
    only: (j: number) => boolean,
  ): void {
    if (!f.lang || f.lang === 'und' || f.tokens.size === 0) return;
    let n = 0;
    for (const b of buckets) n += b.posts.length;
    const idfCache = new Map<string, number>();
    const idf = (t: string): number => {
      let v = idfCache.get(t);
      if (v === undefined) {
        let df = 0;
        for (const b of buckets) df += b.evidence.get(t)?.length ?? 0;
        v =
          df > this.opt.postingCap
            ? 0
            : Math.min(Math.log((n + IDF_PRIOR) / (df + 0.5)) / Math.log(n + IDF_PRIOR), this.globalIdf(t));
        idfCache.set(t, v);
      }
      return v;
    };
    const candidates = new Set<number>();
    for (const t of f.tokens.keys()) {
      if (idf(t) < this.opt.match.specificIdf) continue;
      for (const b of buckets) for (const j of b.evidence.get(t) ?? []) candidates.add(j);
    }
    for (const j of candidates) {
      if (out.has(j) || !only(j)) continue;
      const g = this.features.get(j);
      if (!g || this.apart(f, g)) continue;
      const m = translation(f, g, idf, prior(f, g), this.opt.match);
      if (m) out.set(j, m);
    }
  }

  /**
   * Whether two dated posts are further apart than the window: its day buckets hold posts up to a day more than
   * `windowDays` apart (a post at 23:59 beside one of two days before at 00:00). Of the text pairs found that far
   * apart on the development splits none was right: five were another statement on the same event (a president's
   * condolences and his call about them two days later). Forwards and exact copies are matched elsewhere.
   */
  private apart(f: Features, g: Features): boolean {
    return Math.abs(f.time - g.time) > this.opt.windowDays * DAY_MS;
  }

  /**
   * Rarity over everything seen, not only the window: titles and country names ("Secretary", "Russia") are in
   * every window of a channel of that kind, and a quiet window would otherwise make them look specific.
   */
  private globalIdf(t: string): number {
    const df = Math.max(0, (this.docFreq.get(t) ?? 0) - 1);
    const n = this.docs + IDF_PRIOR;
    return Math.min(1, Math.log(n / (df + 0.5)) / Math.log(n));
  }

  /** Bucket of a post and the buckets it is compared with; evicts buckets that fell out of every window. */
  private windowOf(post: Placed, move = true): [string, string[]] {
    const day = post.date ? Math.floor(Date.parse(post.date) / DAY_MS) : NaN;
    // An unparsable date is treated like none: the post is placed by its id.
    if (!Number.isNaN(day)) {
      if (move && day > this.maxDay) {
        this.maxDay = day;
        this.datedBuckets.push(day);
        while (this.datedBuckets.length > 0 && this.datedBuckets[0]! < day - this.opt.windowDays - 1) {
          this.dropBucket(`d${this.datedBuckets.shift()!}`);
        }
      }
      const w: string[] = [];
      for (let d = day - this.opt.windowDays; d <= day + 1; d++) w.push(`d${d}`);
      return [`d${day}`, w];
    }
    const block = Math.floor(post.id / this.opt.positionWindow);
    const ch = post.channel;
    const max = this.undatedMax.get(ch);
    if (move && (max === undefined || block > max)) {
      this.undatedMax.set(ch, block);
      if (max !== undefined) for (let b = max - 1; b < block - 1; b++) this.dropBucket(`u${ch}\u0000${b}`);
    }
    return [
      `u${ch}\u0000${block}`,
      [`u${ch}\u0000${block - 1}`, `u${ch}\u0000${block}`, `u${ch}\u0000${block + 1}`],
    ];
  }

  private dropBucket(id: string): void {
    const b = this.buckets.get(id);
    if (!b) return;
    for (const i of b.posts) this.features.delete(i);
    this.buckets.delete(id);
  }
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
