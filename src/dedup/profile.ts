// What a channel repeats on its posts (footers, signatures, subscribe links, recurring hashtags, emoji headers),
// learned from its own posts, so that stories compare statements and not a channel's template.
import { foldText } from '../text/fold.js';
import { hash52 } from './text.js';

export interface ChannelProfile {
  /** Keys (lineKey) of the lines the channel repeats. */
  readonly lines: ReadonlySet<number>;
  /** Hashtags, links and mentions found on a large share of its posts ("hashtag:mfa", "mention:mfa_russia"). */
  readonly tokens: ReadonlySet<string>;
}

export const EMPTY_PROFILE: ChannelProfile = { lines: new Set(), tokens: new Set() };

export interface ProfileOptions {
  /** A line or token seen on at least this many posts… @default 3 */
  minCount?: number;
  /** …and on at least this share of the channel's posts is boilerplate. @default 0.1 */
  lineShare?: number;
  /** @default 0.2 */
  tokenShare?: number;
  /** Lines longer than this are statements, even when repeated (a channel re-posting its own text). @default 200 */
  maxLineLength?: number;
}

const DEFAULTS: Required<ProfileOptions> = {
  minCount: 3,
  lineShare: 0.1,
  tokenShare: 0.2,
  maxLineLength: 200,
};

// Emoji, flags and variation selectors decorate headers; digits change from post to post ("Day 123").
const DECOR = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u200D/gu;

/** The key of a line as the profile compares it: folded, without emoji, digits as 0; null for an empty line. */
export function lineKey(line: string, maxLength = DEFAULTS.maxLineLength): number | null {
  const t = line.replace(DECOR, '').trim();
  if (t.length === 0 || t.length > maxLength) return null;
  const k = foldText(t).replace(/\d+/g, '0').replace(/\s+/g, ' ');
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
      this.counts.set(channel, (c = { posts: 0, pruneAt: PRUNE_AT, lines: new Map(), tokens: new Map() }));
    this.cache.delete(channel);
    c.posts++;
    const seen = new Set<number>();
    for (const line of text.split('\n')) {
      const k = lineKey(line, this.opt.maxLineLength);
      if (k !== null && !seen.has(k)) {
        seen.add(k);
        c.lines.set(k, (c.lines.get(k) ?? 0) + 1);
      }
    }
    for (const t of markTokens(text)) c.tokens.set(t, (c.tokens.get(t) ?? 0) + 1);
    // A channel's lines are mostly its statements, each seen once: forget those now and then, so memory follows
    // the boilerplate, not the archive. What a channel repeats comes back at once and keeps its count.
    if (c.lines.size > c.pruneAt || c.tokens.size > c.pruneAt) {
      prune(c.lines);
      prune(c.tokens);
      // Mostly repeated lines left: wait for twice as many before the next pass (pruning stays linear).
      if (Math.max(c.lines.size, c.tokens.size) > c.pruneAt / 2) c.pruneAt *= 2;
    }
  }

  profile(channel: string): ChannelProfile {
    let p = this.cache.get(channel);
    if (p) return p;
    const c = this.counts.get(channel);
    if (!c) return EMPTY_PROFILE;
    const pick = <K>(m: Map<K, number>, share: number): Set<K> => {
      const out = new Set<K>();
      const need = Math.max(this.opt.minCount, share * c.posts);
      for (const [k, n] of m) if (n >= need) out.add(k);
      return out;
    };
    p = { lines: pick(c.lines, this.opt.lineShare), tokens: pick(c.tokens, this.opt.tokenShare) };
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
      const k = lineKey(line);
      return k === null || !profile.lines.has(k);
    })
    .join('\n');
}
