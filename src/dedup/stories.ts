// Story grouping: forwards, exact and near copies, translations; one pass over posts in time order, linear in size.
import { createHash } from 'node:crypto';
import type { Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import { detectLang } from '../rules/lang.js';
import { simpleName } from '../rules/topic.js';
import { EVIDENCE_WEIGHTS, extractEvidence } from './evidence.js';
import type { EvidenceKind } from './evidence.js';
import { exactKey, hash52, shingleSample, statementWords } from './text.js';

export type StoryInput = Post & { lang?: string | null };

export type StoryReason = 'canonical' | 'forward' | 'copy' | 'near-copy' | 'translation';

export interface StoryMemberRef {
  channel: string;
  id: number;
  storyId: string;
  reason: StoryReason;
}

export interface Story {
  /** Stable: a short hash of the canonical post key. */
  id: string;
  /** `channel/id` of the canonical post: the original of a forward, else the earliest post. */
  canonical: string;
  members: { key: string; reason: StoryReason }[];
  languages: string[];
  channels: string[];
  /** The amplification timeline (ISO); null when no member has a date. */
  firstDate: string | null;
  lastDate: string | null;
}

export interface StoryOptions {
  /** Dated posts are compared with posts up to this many days older. @default 3 */
  windowDays?: number;
  /**
   * Undated posts (text dumps) are compared with posts of the same channel whose id is in the same block of
   * this many ids or the block before (so at least this many positions apart). @default 10
   */
  positionWindow?: number;
  /** Sum of weighted, rarity-scaled shared evidence a translation needs. @default 4 */
  translationScore?: number;
  /** Share of the smaller post's content evidence (all but dates) that must be shared. @default 0.3 */
  translationCoverage?: number;
  /** Distinct evidence tokens (not boilerplate) a translation must share at least. @default 3 */
  translationMinShared?: number;
  /** Share of the smaller post's (rare) shingles found in the other for a near-copy. @default 0.8 */
  nearCopyContainment?: number;
  /** Shingles two near-copies must share at least. @default 3 */
  nearCopyMinShared?: number;
  /** An evidence token or shingle seen in more window posts than this is boilerplate and not used. @default 64 */
  postingCap?: number;
}

const DEFAULTS: Required<StoryOptions> = {
  windowDays: 3,
  positionWindow: 10,
  translationScore: 4,
  translationCoverage: 0.3,
  translationMinShared: 3,
  nearCopyContainment: 0.8,
  nearCopyMinShared: 3,
  postingCap: 64,
};

const DAY_MS = 86_400_000;
const DATE_KINDS: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['date', 'day']);
/** Pseudo-documents added to the window size in the rarity scale, so a tiny window does not make all rare. */
const IDF_PRIOR = 20;

interface Features {
  lang: string | null;
  tokens: Map<string, EvidenceKind>;
  days: Set<string>;
  sample: Uint32Array;
}

interface Bucket {
  posts: number[];
  evidence: Map<string, number[]>;
  shingles: Map<number, number[]>;
}

/** Stable story id of a canonical post key. */
export function storyIdOf(canonicalKey: string): string {
  return 's' + createHash('sha1').update(canonicalKey).digest('hex').slice(0, 12);
}

/**
 * Groups posts into stories incrementally. Posts should arrive roughly in time order (and undated posts in id
 * order per channel): only the last `windowDays` (or ids) are kept for near-copy and translation matching;
 * forwards and exact copies are matched over the whole history.
 */
export class StoryIndex {
  private readonly opt: Required<StoryOptions>;
  private readonly keys: string[] = [];
  private readonly channels: string[] = [];
  private readonly dates: (string | null)[] = [];
  private readonly langs: (string | null)[] = [];
  private readonly forwarded: boolean[] = [];
  private readonly parent: number[] = [];
  private readonly reasons: (StoryReason | null)[] = [];
  private readonly canon: number[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly origins = new Map<string, number>();
  private readonly exact = new Map<number, number>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly features = new Map<number, Features>();
  private maxDay = -Infinity;
  private readonly datedBuckets: number[] = [];
  private readonly undatedMax = new Map<string, number>();

  constructor(options: StoryOptions = {}) {
    this.opt = { ...DEFAULTS, ...options };
  }

  get size(): number {
    return this.keys.length;
  }

  /** Adds a post and returns the id of its story (a re-added key returns its current story). */
  add(post: StoryInput): string {
    const key = postKey(post);
    const known = this.byKey.get(key);
    if (known !== undefined) return this.storyIdAt(known);
    const i = this.keys.length;
    this.keys.push(key);
    this.channels.push(post.channel);
    this.dates.push(post.date);
    const lang = post.lang !== undefined ? post.lang : post.text ? detectLang(post.text) : null;
    this.langs.push(lang);
    this.forwarded.push(post.forwardedFrom !== null);
    this.parent.push(i);
    this.reasons.push(null);
    this.canon.push(i);
    this.byKey.set(key, i);

    const words = statementWords(post.text);
    this.linkForward(i, post, words);
    const ek = exactKey(words);
    if (ek !== null) {
      const other = this.exact.get(ek);
      if (other !== undefined) this.union(i, other, 'copy');
      else this.exact.set(ek, i);
    }

    const [bucketId, window] = this.windowOf(post);
    const year = post.date ? new Date(post.date).getUTCFullYear() : null;
    const ev = post.text
      ? extractEvidence(post.text, year)
      : { tokens: new Map<string, EvidenceKind>(), days: new Set<string>() };
    const f: Features = { lang, tokens: ev.tokens, days: ev.days, sample: shingleSample(words) };
    const buckets = window.map((b) => this.buckets.get(b)).filter((b): b is Bucket => b !== undefined);
    this.matchNearCopies(i, f, buckets);
    this.matchTranslation(i, f, buckets);

    let bucket = this.buckets.get(bucketId);
    if (!bucket) {
      bucket = { posts: [], evidence: new Map(), shingles: new Map() };
      this.buckets.set(bucketId, bucket);
    }
    bucket.posts.push(i);
    for (const t of f.tokens.keys()) push(bucket.evidence, t, i);
    for (const h of f.sample) push(bucket.shingles, h, i);
    this.features.set(i, f);
    return this.storyIdAt(i);
  }

  /** The story of a post key, or null when it was never added. */
  storyOf(key: string): string | null {
    const i = this.byKey.get(key);
    return i === undefined ? null : this.storyIdAt(i);
  }

  result(): { stories: Story[]; members: StoryMemberRef[] } {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.keys.length; i++) {
      const r = this.find(i);
      const g = groups.get(r);
      if (g) g.push(i);
      else groups.set(r, [i]);
    }
    const stories: Story[] = [];
    const members: StoryMemberRef[] = [];
    for (const [root, idx] of groups) {
      const c = this.canon[root]!;
      const id = storyIdOf(this.keys[c]!);
      const langs = new Set<string>();
      const chans = new Set<string>();
      let first: string | null = null;
      let last: string | null = null;
      const list: Story['members'] = [];
      for (const i of idx) {
        const reason: StoryReason = i === c ? 'canonical' : (this.reasons[i] ?? 'copy');
        list.push({ key: this.keys[i]!, reason });
        const key = this.keys[i]!;
        const slash = key.lastIndexOf('/');
        members.push({ channel: key.slice(0, slash), id: Number(key.slice(slash + 1)), storyId: id, reason });
        const l = this.langs[i];
        if (l) langs.add(l);
        chans.add(this.channels[i]!);
        const d = this.dates[i];
        if (d) {
          if (first === null || d < first) first = d;
          if (last === null || d > last) last = d;
        }
      }
      stories.push({
        id,
        canonical: this.keys[c]!,
        members: list,
        languages: [...langs].sort(),
        channels: [...chans].sort(),
        firstDate: first,
        lastDate: last,
      });
    }
    return { stories, members };
  }

  private storyIdAt(i: number): string {
    return storyIdOf(this.keys[this.canon[this.find(i)]!]!);
  }

  private linkForward(i: number, post: StoryInput, words: string[]): void {
    // The post itself may be the origin of forwards seen earlier.
    const own = `o:${post.channel.toLowerCase()}/${post.id}`;
    const earlier = this.origins.get(own);
    if (earlier !== undefined) this.union(earlier, i, 'forward');
    else this.origins.set(own, i);
    const ff = post.forwardedFrom;
    if (!ff) return;
    let k: string | null = null;
    if (ff.username && ff.postId !== null) k = `o:${ff.username.toLowerCase()}/${ff.postId}`;
    // Without a link to the origin, the origin's name plus the text identify it (never an empty text).
    else if (words.length > 0) k = `n:${simpleName(ff.name)}:${hash52(words.join(' '))}`;
    if (k === null) return;
    const other = this.origins.get(k);
    if (other !== undefined) this.union(i, other, 'forward');
    else this.origins.set(k, i);
  }

  /**
   * Candidates share a sampled shingle that is rare in the window; they are verified by containment counted
   * over rare shingles only, so posts made from one template (a fixed header, a daily format) do not pass
   * as copies of each other.
   */
  private matchNearCopies(i: number, f: Features, buckets: Bucket[]): void {
    if (f.sample.length < this.opt.nearCopyMinShared) return;
    const cap = this.opt.postingCap;
    const dfCache = new Map<number, number>();
    const df = (h: number): number => {
      let v = dfCache.get(h);
      if (v === undefined) {
        v = 0;
        for (const b of buckets) v += b.shingles.get(h)?.length ?? 0;
        dfCache.set(h, v);
      }
      return v;
    };
    const shared = new Map<number, number>();
    let mine = 0;
    for (const h of f.sample) {
      if (df(h) > cap) continue;
      mine++;
      for (const b of buckets)
        for (const j of b.shingles.get(h) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    const need = this.opt.nearCopyContainment;
    for (const [j, n] of shared) {
      // Cheap necessary conditions first: the other side has at most g.sample.length rare shingles.
      if (n < this.opt.nearCopyMinShared) continue;
      const g = this.features.get(j);
      if (!g || n < need * Math.min(mine, g.sample.length) || this.find(j) === this.find(i)) continue;
      let theirs = 0;
      for (const h of g.sample) if (df(h) <= cap) theirs++;
      const smaller = Math.min(mine, theirs);
      if (smaller > 0 && n / smaller >= need) this.union(i, j, 'near-copy');
    }
  }

  private matchTranslation(i: number, f: Features, buckets: Bucket[]): void {
    if (!f.lang || f.tokens.size === 0) return;
    let n = 0;
    for (const b of buckets) n += b.posts.length;
    if (n === 0) return;
    const idfCache = new Map<string, number>();
    const idf = (t: string): number => {
      let v = idfCache.get(t);
      if (v === undefined) {
        let df = 0;
        for (const b of buckets) df += b.evidence.get(t)?.length ?? 0;
        v =
          df > this.opt.postingCap
            ? 0
            : Math.min(1, Math.log((n + IDF_PRIOR) / (df + 0.5)) / Math.log(n + IDF_PRIOR));
        idfCache.set(t, v);
      }
      return v;
    };
    // Dates say when, not what: every post about one day shares them. They count towards the score, but the
    // coverage is measured on content (names, numbers, tags, links), so two statements of one man on one day
    // (Putin meets A / Putin meets B) stay apart.
    const score = new Map<number, number>();
    const content = new Map<number, number>();
    const count = new Map<number, number>();
    let ownContent = 0;
    for (const [t, kind] of f.tokens) {
      const w = EVIDENCE_WEIGHTS[kind] * idf(t);
      const isContent = !DATE_KINDS.has(kind);
      if (isContent) ownContent += w;
      if (w === 0) continue;
      for (const b of buckets) {
        for (const j of b.evidence.get(t) ?? []) {
          score.set(j, (score.get(j) ?? 0) + w);
          count.set(j, (count.get(j) ?? 0) + 1);
          if (isContent) content.set(j, (content.get(j) ?? 0) + w);
        }
      }
    }
    let best = -1;
    let bestScore = 0;
    const root = this.find(i);
    for (const [j, s] of score) {
      if (s < this.opt.translationScore || s <= bestScore || count.get(j)! < this.opt.translationMinShared)
        continue;
      const g = this.features.get(j);
      if (!g || !g.lang || g.lang === f.lang || this.find(j) === root) continue;
      if (f.days.size > 0 && g.days.size > 0 && ![...f.days].some((d) => g.days.has(d))) continue;
      let theirsContent = 0;
      for (const [t, kind] of g.tokens)
        if (!DATE_KINDS.has(kind)) theirsContent += EVIDENCE_WEIGHTS[kind] * idf(t);
      const shared = content.get(j) ?? 0;
      const smaller = Math.min(ownContent, theirsContent);
      if (smaller === 0 || shared / smaller < this.opt.translationCoverage) continue;
      best = j;
      bestScore = s;
    }
    if (best >= 0) this.union(i, best, 'translation');
  }

  /** Bucket of a post and the buckets it is compared with; evicts buckets that fell out of every window. */
  private windowOf(post: StoryInput): [string, string[]] {
    const day = post.date ? Math.floor(Date.parse(post.date) / DAY_MS) : NaN;
    // An unparsable date is treated like none: the post is placed by its id.
    if (!Number.isNaN(day)) {
      if (day > this.maxDay) {
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
    if (max === undefined || block > max) {
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

  private find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    let x = i;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  private union(a: number, b: number, reason: StoryReason): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (this.reasons[a] === null) this.reasons[a] = reason;
    const ca = this.canon[ra]!;
    const cb = this.canon[rb]!;
    const winner = this.better(ca, cb) ? ca : cb;
    const loser = winner === ca ? cb : ca;
    // The former canonical of the absorbed story joined through this link.
    if (this.reasons[loser] === null) this.reasons[loser] = reason;
    this.parent[rb] = ra;
    this.canon[ra] = winner;
  }

  /** The canonical post of a story: the channel's own post over a forward, then the earliest. */
  private better(x: number, y: number): boolean {
    if (this.forwarded[x] !== this.forwarded[y]) return !this.forwarded[x];
    const dx = this.dates[x];
    const dy = this.dates[y];
    if (dx && dy && dx !== dy) return dx < dy;
    return x < y;
  }
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Time order for grouping: dated posts by date, undated ones by channel and id (their position). */
export function storyOrder(a: StoryInput, b: StoryInput): number {
  if (a.date && b.date)
    return a.date < b.date ? -1 : a.date > b.date ? 1 : a.channel.localeCompare(b.channel) || a.id - b.id;
  if (a.date) return -1;
  if (b.date) return 1;
  return a.channel.localeCompare(b.channel) || a.id - b.id;
}

/** Groups a whole archive into stories (one StoryIndex pass in time order). */
export function groupStories(
  posts: readonly StoryInput[],
  options: StoryOptions = {},
): { stories: Story[]; members: StoryMemberRef[] } {
  const index = new StoryIndex(options);
  for (const p of [...posts].sort(storyOrder)) index.add(p);
  return index.result();
}
