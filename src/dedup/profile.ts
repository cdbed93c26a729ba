// What a channel repeats on its posts (footers, signatures, subscribe links, recurring hashtags, emoji headers),
// learned from its own posts, so that stories compare statements and not a channel's template.
import { foldText } from '../text/fold.js';
import { hash52 } from './text.js';

export interface ChannelProfile {
  /** Keys (lineKey) of the lines the channel repeats. */
  readonly lines: ReadonlySet<number>;
  /** Hashtags, links and mentions found on a large share of its posts ("hashtag:mfa", "mention:mfa_russia"). */
  readonly tokens: ReadonlySet<string>;
  /** Whether one of `lines` is longer than maxLineLength (absent: none is). */
  readonly longLines?: boolean;
}

export const EMPTY_PROFILE: ChannelProfile = { lines: new Set(), tokens: new Set() };

export interface ProfileOptions {
  /** A line or token seen on at least this many posts… @default 3 */
  minCount?: number;
  /** …and on at least this share of the channel's posts is boilerplate. @default 0.1 */
  lineShare?: number;
  /** @default 0.2 */
  tokenShare?: number;
  /**
   * Lines longer than this are statements when repeated on a few posts (a channel re-posting its own text)… @default 200
   */
  maxLineLength?: number;
  /**
   * …and boilerplate only when on this share of the channel's posts: a footer written as one long paragraph
   * (the ministry's sites, its press contact, "reproduction permitted with a link"), on nearly every post, made a
   * channel's unrelated posts near-copies of each other. @default 0.3
   */
  longLineShare?: number;
}

const DEFAULTS: Required<ProfileOptions> = {
  minCount: 3,
  lineShare: 0.1,
  tokenShare: 0.2,
  maxLineLength: 200,
  longLineShare: 0.3,
};

// Emoji, flags and variation selectors decorate headers; digits change from post to post ("Day 123").
const DECOR = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u200D/gu;

/** Longer lines are never boilerplate: the cost of folding a long post's one paragraph is not paid. */
const LONGEST_LINE = 2000;

/**
 * The key of a line as the profile compares it: folded, without emoji, digits as 0; null for an empty line. A long
 * line is keyed by its lower-cased start and end: a statement's paragraph is read on every post, and folding and
 * hashing all of it doubled the time a profile takes, where a footer repeats itself letter for letter.
 */
export function lineKey(line: string): number | null {
  return keyOf(line.replace(DECOR, '').trim());
}

function keyOf(t: string): number | null {
  if (t.length === 0 || t.length > LONGEST_LINE) return null;
  const k = (
    t.length > DEFAULTS.maxLineLength ? `${t.slice(0, 160)}\u0000${t.slice(-40)}`.toLowerCase() : foldText(t)
  )
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ');
  return /[\p{L}\p{N}]/u.test(k) ? hash52(k) : null;
}

const MARKS =
  /(?:https?:\/\/|www\.)[^\s<>()«»"]+|(?<![\p{L}\p{N}_])@[A-Za-z][A-Za-z0-9_]{3,}|#[\p{L}\p{M}\p{N}_]+/gu;

/** The hashtags, links and mentions of a text as profile tokens (the evidence tokens of the same things). */
export function markTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(MARKS)) {
    const s = m[0];
    if (s.startsWith('#')) out.add(`hashtag:${foldText(s.slice(1))}`);
    else if (s.startsWith('@')) out.add(`mention:${s.slice(1).toLowerCase()}`);
    else
      out.add(
        `url:${s
          .replace(/^https?:\/\/(www\.)?|^www\./, '')
          .replace(/[/.,;:!?]+$/, '')
          .toLowerCase()}`,
      );
  }
  return out;
}

const PRUNE_AT = 20_000;

function prune<K>(m: Map<K, number>): void {
  for (const [k, n] of m) if (n <= 1) m.delete(k);
}

interface Counts {
  posts: number;
  pruneAt: number;
  lines: Map<number, number>;
  /** Keys of the long lines among `lines`. */
  long: Set<number>;
  tokens: Map<string, number>;
}

/** Counts lines and marks per channel, one vote per post; `profile` then says what is boilerplate. */
export class ProfileLearner {
  private readonly opt: Required<ProfileOptions>;
  private readonly counts = new Map<string, Counts>();
  private readonly cache = new Map<string, ChannelProfile>();

  constructor(options: ProfileOptions = {}) {
    this.opt = { ...DEFAULTS, ...options };
  }

  add(channel: string, text: string): void {
    let c = this.counts.get(channel);
    if (!c)
      this.counts.set(
        channel,
        (c = { posts: 0, pruneAt: PRUNE_AT, lines: new Map(), long: new Set(), tokens: new Map() }),
      );
    this.cache.delete(channel);
    c.posts++;
    const seen = new Set<number>();
    for (const line of text.split('\n')) {
      const t = line.replace(DECOR, '').trim();
      const k = keyOf(t);
      if (k !== null && !seen.has(k)) {
        seen.add(k);
        c.lines.set(k, (c.lines.get(k) ?? 0) + 1);
        if (t.length > this.opt.maxLineLength) c.long.add(k);
      }
    }
    for (const t of markTokens(text)) c.tokens.set(t, (c.tokens.get(t) ?? 0) + 1);
    // A channel's lines are mostly its statements, each seen once: forget those now and then, so memory follows
    // the boilerplate, not the archive. What a channel repeats comes back at once and keeps its count.
    if (c.lines.size > c.pruneAt || c.tokens.size > c.pruneAt) {
      prune(c.lines);
      prune(c.tokens);
      for (const k of c.long) if (!c.lines.has(k)) c.long.delete(k);
      // Mostly repeated lines left: wait for twice as many before the next pass (pruning stays linear).
      if (Math.max(c.lines.size, c.tokens.size) > c.pruneAt / 2) c.pruneAt *= 2;
    }
  }

  profile(channel: string): ChannelProfile {
    let p = this.cache.get(channel);
    if (p) return p;
    const c = this.counts.get(channel);
    if (!c) return EMPTY_PROFILE;
    const need = (share: number): number => Math.max(this.opt.minCount, share * c.posts);
    const pick = <K>(m: Map<K, number>, share: (k: K) => number): Set<K> => {
      const out = new Set<K>();
      for (const [k, n] of m) if (n >= need(share(k))) out.add(k);
      return out;
    };
    const lines = pick(c.lines, (k) => (c.long.has(k) ? this.opt.longLineShare : this.opt.lineShare));
    p = {
      lines,
      tokens: pick(c.tokens, () => this.opt.tokenShare),
      longLines: [...lines].some((k) => c.long.has(k)),
    };
    this.cache.set(channel, p);
    return p;
  }
}

/** The text without the channel's repeated lines. */
export function withoutBoilerplate(text: string, profile: ChannelProfile): string {
  if (profile.lines.size === 0) return text;
  return text
    .split('\n')
    .filter((line) => {
      const t = line.replace(DECOR, '').trim();
      // A long line is a statement's paragraph unless the channel repeats one: not read otherwise.
      if (t.length > DEFAULTS.maxLineLength && !profile.longLines) return true;
      const k = keyOf(t);
      return k === null || !profile.lines.has(k);
    })
    .join('\n');
}
