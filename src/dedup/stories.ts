// Story grouping: forwards, exact and near copies, translations; one pass over posts in time order, linear in size.
// A post joins a story only through direct evidence with the story's canonical post (or with enough of its members):
// never through a chain of pairs, so one loose match cannot pull unrelated posts together.
import { createHash } from 'node:crypto';
import type { Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import type { StoryCorrection, StoryEvidence, StoryMember, StoryReason } from '../model/story.js';
import { detectLang } from '../rules/lang.js';
import { countLetters } from '../rules/lang-script.js';
import { simpleName } from '../rules/topic.js';
import { extractEvidence } from './evidence.js';
import { MATCH_DEFAULTS, marksDiffer } from './match.js';
import type { Features, MatchOptions, PairMatch } from './match.js';
import { EMPTY_PROFILE, ProfileLearner, withoutBoilerplate } from './profile.js';
import type { ChannelProfile } from './profile.js';
import {
  exactKey,
  hash52,
  intersectSize,
  letterWeight,
  negations,
  shingleSample,
  statementWords,
  wordKeys,
} from './text.js';
import { MatchWindow } from './window.js';
import type { Bucket, WindowOptions } from './window.js';

export type { StoryReason } from '../model/story.js';

export type StoryInput = Post & { lang?: string | null };

export interface Story {
  /** Stable: a short hash of the canonical post key. */
  id: string;
  /** `channel/id` of the canonical post: the original of a forward, else the earliest post. */
  canonical: string;
  members: { key: string; reason: StoryReason; evidence: StoryEvidence | null }[];
  languages: string[];
  channels: string[];
  /** The amplification timeline (ISO); null when no member has a date. */
  firstDate: string | null;
  lastDate: string | null;
}

export interface StoryOptions extends Partial<MatchOptions> {
  /** Dated posts are compared with posts up to this many days (of 24 hours) older or newer. @default 2 */
  windowDays?: number;
  /**
   * Undated posts (text dumps) are compared with posts of the same channel whose id is in the same block of
   * this many ids or the blocks beside it. @default 10
   */
  positionWindow?: number;
  /** A token or shingle on more window posts than this is boilerplate and not used. @default 64 */
  postingCap?: number;
  /** Dated posts the window holds at most; beyond, its oldest days go early (window.ts). @default 150,000 */
  maxWindowPosts?: number;
  /** Translations two channels must have carried before they are known to translate each other. @default 3 */
  priorPairs?: number;
  /** Readers' corrections, applied on every grouping. */
  corrections?: readonly StoryCorrection[];
  /** What each channel repeats on its posts; learned from the posts given to groupStories when absent. */
  profiles?: (channel: string) => ChannelProfile;
}

interface Settings extends WindowOptions {
  priorPairs: number;
}

/** How strongly each reason ties a post to a story, to choose among several stories. */
const REASON_RANK: Readonly<Record<string, number>> = { 'near-copy': 2, translation: 1 };
/** Two posts of one channel this close are a bilingual channel's versions of one statement, if anything. */
const SAME_CHANNEL_MS = 15 * 60_000;
/** Rare content words each of two same-language texts has at least for their share of words in common to tell. */
const MIN_WORDS_TO_COMPARE = 8;

interface StoryState {
  id: string;
  /** -1: the canonical post is outside what this index holds (a seeded story). */
  canonical: number;
  members: number[];
}

/** Stable story id of a canonical post key. */
export function storyIdOf(canonicalKey: string): string {
  return 's' + createHash('sha1').update(canonicalKey).digest('hex').slice(0, 12);
}

/** A story assignment as stored, to resume grouping from (see StoryIndex.seed). */
export interface SeedMember {
  storyId: string;
  reason: string;
  evidence?: StoryEvidence | null;
}

/**
 * Groups posts into stories incrementally. Posts should arrive roughly in time order (and undated posts in id
 * order per channel): only the last `windowDays` (or ids) are kept for matching; forwards with a link to their
 * origin are matched over the whole history held.
 */
export class StoryIndex {
  private readonly opt: Settings;
  private readonly profiles: (channel: string) => ChannelProfile;
  private readonly keys: string[] = [];
  private readonly channels: string[] = [];
  private readonly dates: (string | null)[] = [];
  private readonly langs: (string | null)[] = [];
  private readonly forwardOf: (string | null)[] = [];
  private readonly reasons: StoryReason[] = [];
  private readonly evidence: (StoryEvidence | null)[] = [];
  private readonly storyAt: number[] = [];
  private readonly seeded: (string | null)[] = [];
  /** Seeded posts whose reason this index changed (an old canonical post that turned out to be a forward). */
  private readonly touched = new Set<number>();
  /** Seeded stories not yet read for the prior (priorFromSeeds), and the channel pairs read of each. */
  private readonly priorPending = new Set<number>();
  private readonly priorRead = new Map<number, Set<string>>();
  private readonly stories: StoryState[] = [];
  private readonly storyById = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  /** Origin keys (`o:channel/id`, `n:name:hash`) -> the first post carrying or being that origin. */
  private readonly origins = new Map<string, number>();
  private readonly exact = new Map<number, number>();
  private readonly window: MatchWindow;
  private readonly pairCounts = new Map<string, number>();
  /** Posts a reader split out before splits named what from: alone for ever, as those splits meant. */
  private readonly split = new Set<string>();
  /** Pairs of posts a reader said are not one story (a split post and the posts it was split from), both ways. */
  private readonly apart = new Map<string, Set<string>>();
  private readonly merges: { post: string; into: string }[] = [];
  /** Posts added (not seeded): until one is, no seeded post can take a new one in (adoptNew). */
  private added = 0;
  /** Stories the post being added matched besides the one it joined (see settle). */
  private unsettled: [number, number][] = [];

  constructor(options: StoryOptions = {}) {
    this.opt = {
      windowDays: options.windowDays ?? 2,
      positionWindow: options.positionWindow ?? 10,
      postingCap: options.postingCap ?? 64,
      maxPosts: options.maxWindowPosts ?? 150_000,
      priorPairs: options.priorPairs ?? 3,
      match: { ...MATCH_DEFAULTS, ...definedOnly(options) },
    };
    this.window = new MatchWindow(this.opt);
    this.profiles = options.profiles ?? (() => EMPTY_PROFILE);
    for (const c of options.corrections ?? []) {
      if (c.kind === 'merge') this.merges.push({ post: c.post, into: c.into });
      else if (c.from === undefined) this.split.add(c.post);
      else for (const k of c.from) this.keepApart(c.post, k);
    }
  }

  private keepApart(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = this.apart.get(x);
      if (set) set.add(y);
      else this.apart.set(x, new Set([y]));
    }
  }

  /** Whether a reader split a post of `a` from a post of `b`: the two never share a story. */
  private keptApart(a: readonly number[], b: readonly number[]): boolean {
    if (this.apart.size === 0) return false;
    for (const i of a) {
      const no = this.apart.get(this.keys[i]!);
      if (no) for (const j of b) if (no.has(this.keys[j]!)) return true;
    }
    return false;
  }

  /** Whether post i may not join story s (a reader split it from one of its posts). */
  private barred(i: number, s: number): boolean {
    return this.keptApart([i], this.stories[s]!.members);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Adds a post and returns the id of its story (a re-added key returns its current story). */
  add(post: StoryInput): string {
    if (this.priorPending.size > 0) this.priorFromSeeds();
    return this.insert(post, null);
  }

  /**
   * Seeded stories carry no evidence: the channels that translate each other are read from their members (two
   * channels with posts in two languages in one story) instead. Read before each new post that follows seeds (an
   * incremental pass seeds each chunk's stored posts), each pair of a story once.
   */
  private priorFromSeeds(): void {
    for (const s of this.priorPending) {
      let read = this.priorRead.get(s);
      if (!read) this.priorRead.set(s, (read = new Set()));
      const seen = new Map<string, string | null>();
      // Posts added here count their own translations (countPair).
      for (const i of this.stories[s]!.members)
        if (this.seeded[i] !== null) seen.set(this.channels[i]!, this.langs[i] ?? null);
      const chans = [...seen];
      for (let a = 0; a < chans.length; a++)
        for (let b = a + 1; b < chans.length; b++) {
          const [ca, la] = chans[a]!;
          const [cb, lb] = chans[b]!;
          if (!la || !lb || la === lb) continue;
          const pk = pairKey(ca, cb);
          if (read.has(pk)) continue;
          read.add(pk);
          this.pairCounts.set(pk, (this.pairCounts.get(pk) ?? 0) + 1);
        }
    }
    this.priorPending.clear();
  }

  /**
   * Adds a post with the story it already has (incremental grouping): it is matched against like any other,
   * and keeps its story, reason and evidence. Seed in time order, before adding new posts.
   */
  seed(post: StoryInput, member: SeedMember): string {
    return this.insert(post, member);
  }

  /** The story of a post key, or null when it was never added. */
  storyOf(key: string): string | null {
    const i = this.byKey.get(key);
    return i === undefined ? null : this.stories[this.storyAt[i]!]!.id;
  }

  private insert(post: StoryInput, seed: SeedMember | null): string {
    const key = postKey(post);
    const known = this.byKey.get(key);
    if (known !== undefined) return this.stories[this.storyAt[known]!]!.id;
    const i = this.keys.length;
    this.keys.push(key);
    this.channels.push(post.channel);
    this.dates.push(post.date);
    const lang = post.lang !== undefined ? post.lang : post.text ? detectLang(post.text) : null;
    this.langs.push(lang);
    this.byKey.set(key, i);
    this.seeded.push(seed ? seed.storyId : null);

    const profile = this.profiles(post.channel);
    const text = withoutBoilerplate(post.text, profile);
    const words = statementWords(text);
    const origin = this.originKey(post, words);
    this.forwardOf.push(origin);
    const f = this.featuresOf(key, post, lang, text, words, profile);
    this.window.see(f);
    const { own: bucket, around } = this.window.place(post);

    if (seed) {
      this.placeSeed(i, seed);
      if (this.added > 0) this.adoptNew(i, words, f, around);
    } else {
      this.added++;
      if (this.split.has(key)) this.newStory(i);
      else this.place(i, post, words, f, around);
    }

    const ek = exactKey(words);
    if (ek !== null && !this.exact.has(ek)) this.exact.set(ek, i);
    if (origin !== null && !this.origins.has(origin)) this.origins.set(origin, i);
    const own = `o:${post.channel.toLowerCase()}/${post.id}`;
    if (!this.origins.has(own)) this.origins.set(own, i);
    // A post a reader split out is no candidate for others either.
    if (!this.split.has(key)) this.window.hold(i, f, bucket);
    // Once the new post is held, so that it counts among the members compared.
    for (const [a, b] of this.unsettled.splice(0)) this.settle(a, b);
    return this.stories[this.storyAt[i]!]!.id;
  }

  private featuresOf(
    key: string,
    post: StoryInput,
    lang: string | null,
    text: string,
    words: string[],
    profile: ChannelProfile,
  ): Features {
    const posted = post.date ? new Date(post.date) : null;
    const year = posted && !Number.isNaN(posted.getTime()) ? posted.getUTCFullYear() : null;
    const ev = text ? extractEvidence(text, year, lang, posted) : null;
    const tokens = ev?.tokens ?? new Map();
    for (const t of profile.tokens) tokens.delete(t);
    const length = letterWeight(text);
    return {
      key,
      channel: post.channel,
      lang,
      script: countLetters(text).script,
      time: post.date ? Date.parse(post.date) : NaN,
      words: words.length,
      shingles: shingleSample(words),
      wordKeys: wordKeys(words),
      tokens,
      surface: ev?.surface ?? new Map(),
      groups: ev?.groups ?? new Map(),
      days: ev?.days ?? new Set(),
      length,
      negations: negations(words),
    };
  }

  /** Origin of a forward: its link, or (without one) the origin's name plus the text; null for own posts. */
  private originKey(post: StoryInput, words: string[]): string | null {
    const ff = post.forwardedFrom;
    if (!ff) return null;
    if (ff.username && ff.postId !== null) return `o:${ff.username.toLowerCase()}/${ff.postId}`;
    // Without a link, the origin's name plus the text identify it (never an empty text).
    return words.length > 0 ? `n:${simpleName(ff.name)}:${hash52(words.join(' '))}` : null;
  }

  private placeSeed(i: number, seed: SeedMember): void {
    let s = this.storyById.get(seed.storyId);
    if (s === undefined) {
      s = this.stories.length;
      this.stories.push({ id: seed.storyId, canonical: -1, members: [] });
      this.storyById.set(seed.storyId, s);
    }
    const st = this.stories[s]!;
    st.members.push(i);
    this.storyAt[i] = s;
    this.priorPending.add(s);
    const reason = (seed.reason as StoryReason) ?? 'copy';
    this.reasons[i] = reason;
    this.evidence[i] = seed.evidence ?? null;
    if (reason === 'canonical') st.canonical = i;
    if (reason === 'translation') this.countPair(i, seed.evidence?.matched ?? []);
    this.adoptEarlier(i, s);
  }

  /**
   * In an incremental pass a new post can be older than stored ones: the origin of forwards stored before it, or
   * another forward of their origin. Met first in time order, it started a story of its own; the stored forward
   * now takes it in (as its canonical post when it is the origin).
   */
  private adoptEarlier(i: number, s: number): void {
    const origin = this.forwardOf[i];
    if (origin === null || origin === undefined) return;
    const j = this.origins.get(origin);
    if (j === undefined || this.seeded[j] !== null || this.split.has(this.keys[j]!)) return;
    const own = this.stories[this.storyAt[j]!]!;
    if (own.members.length !== 1 || this.barred(j, s)) return;
    own.members = [];
    this.storyById.delete(own.id);
    if (`o:${this.keys[j]!.toLowerCase()}` === origin) this.becomeOrigin(j, s, origin.slice(2));
    else
      this.join(j, s, 'forward', {
        matched: [this.keys[i]!],
        score: 1,
        items: [`forward of ${origin.startsWith('o:') ? origin.slice(2) : 'the same origin'}`],
      });
  }

  /**
   * In an incremental pass a new post can come before a stored one in time order (an import of a channel whose
   * posts copy or translate stored ones of the same hour, a text dump imported after another): met first, it
   * started a story of its own. When the stored post is its story's canonical post and the new one matches it as a
   * new post would (a copy, a near-copy, a translation passing the same rules), the new one joins that story, so
   * the stories do not depend on the order files were imported in. The earliest post that joins, when it was posted
   * before the stored one, is the story's canonical post from then on (unless the stored one is the origin of
   * forwards in it), as a rebuild has it: the stored one records what it shares with it, and the story takes the id
   * of its new canonical post.
   */
  private adoptNew(i: number, words: string[], f: Features, around: Bucket[]): void {
    const s = this.storyAt[i]!;
    const st = this.stories[s]!;
    if (st.canonical !== i || this.split.has(this.keys[i]!)) return;
    // A new story this pass made, all of it in the window, j its canonical post; `single`: j is all of it.
    const fresh = (j: number, single: boolean): boolean => {
      const own = this.stories[this.storyAt[j]!]!;
      return (
        this.storyAt[j] !== s &&
        own.canonical === j &&
        (!single || own.members.length === 1) &&
        own.members.every((m) => this.seeded[m] === null && this.window.has(m)) &&
        !this.split.has(this.keys[j]!)
      );
    };
    const joined: number[] = [];
    // The same text: the new story is this one's, with what joined it (they matched this text).
    const ek = exactKey(words);
    const copy = ek === null ? undefined : this.exact.get(ek);
    if (
      copy !== undefined &&
      fresh(copy, false) &&
      !this.keptApart(this.stories[this.storyAt[copy]!]!.members, st.members)
    ) {
      const from = this.stories[this.storyAt[copy]!]!;
      const others = from.members.filter((m) => m !== copy);
      this.moveInto(copy, s, 'copy', {
        matched: [this.keys[i]!],
        score: 1,
        items: [`the same text (${words.length} words)`],
      });
      for (const m of others) {
        this.storyAt[m] = s;
        st.members.push(m);
      }
      joined.push(copy);
    }
    // Another text: only a post alone, which matched nothing else (nothing joins through a third post).
    const alone = (j: number): boolean => fresh(j, true) && !this.barred(j, s);
    for (const [j, m] of this.window.matches(f, around, this.translatesEachOther, alone)) {
      if (m.reason === 'translation' && this.anotherVersion(this.window.held(j)!, j, st.members)) continue;
      const matched = [this.keys[i]!];
      this.moveInto(j, s, m.reason, { matched, score: round(m.score), items: m.items.slice(0, 12) });
      if (m.reason === 'translation') this.countPair(j, matched);
      joined.push(j);
    }
    const first = joined.length > 0 ? Math.min(...joined) : -1;
    if (first >= 0 && this.before(first, i)) this.earlierCanonical(i, s, first);
  }

  /**
   * Whether post a was posted before post b: an earlier date, or (undated) an earlier id of the same channel. Posts
   * of one time keep the stored canonical post, and its story id.
   */
  private before(a: number, b: number): boolean {
    const da = this.dates[a];
    const db = this.dates[b];
    if (da && db) return Date.parse(da) < Date.parse(db);
    if (da || db || this.channels[a] !== this.channels[b]) return false;
    const id = (k: string) => Number(k.slice(k.lastIndexOf('/') + 1));
    return id(this.keys[a]!) < id(this.keys[b]!);
  }

  /**
   * Post e, added before stored post i (so earlier in time order), joined i's story by matching i: e becomes the
   * canonical post, and i joins it by the same match, seen from its side. The origin of forwards in the story stays
   * its canonical post (a forward's origin before the earliest post).
   */
  private earlierCanonical(i: number, s: number, e: number): void {
    const st = this.stories[s]!;
    const own = `o:${this.keys[i]!.toLowerCase()}`;
    if (st.members.some((m) => this.forwardOf[m] === own)) return;
    const ev = this.evidence[e];
    this.reasons[i] = this.reasons[e]!;
    this.evidence[i] = { matched: [this.keys[e]!], score: ev?.score ?? 1, items: ev?.items ?? [] };
    this.touched.add(i);
    this.reasons[e] = 'canonical';
    this.evidence[e] = null;
    st.canonical = e;
    const id = storyIdOf(this.keys[e]!);
    if (!this.storyById.has(id)) {
      this.storyById.delete(st.id);
      st.id = id;
      this.storyById.set(id, s);
    }
  }

  /** A new post, canonical of its story, moves into story s (the story it leaves is empty then). */
  private moveInto(j: number, s: number, reason: StoryReason, ev: StoryEvidence): void {
    const own = this.stories[this.storyAt[j]!]!;
    own.members = [];
    this.storyById.delete(own.id);
    this.join(j, s, reason, ev);
  }

  private newStory(i: number): number {
    const s = this.stories.length;
    const id = storyIdOf(this.keys[i]!);
    this.stories.push({ id, canonical: i, members: [i] });
    this.storyById.set(id, s);
    this.storyAt[i] = s;
    this.reasons[i] = 'canonical';
    this.evidence[i] = null;
    return s;
  }

  private join(i: number, s: number, reason: StoryReason, ev: StoryEvidence): void {
    this.stories[s]!.members.push(i);
    this.storyAt[i] = s;
    this.reasons[i] = reason;
    this.evidence[i] = ev;
  }

  private place(i: number, post: StoryInput, words: string[], f: Features, around: Bucket[]): void {
    // Identity first: a forward of a known origin, the origin of earlier forwards, the same text.
    const origin = this.forwardOf[i]!;
    if (origin !== null) {
      const j = this.origins.get(origin);
      if (j !== undefined && !this.split.has(this.keys[j]!) && !this.barred(i, this.storyAt[j]!)) {
        const what = origin.startsWith('o:') ? origin.slice(2) : post.forwardedFrom!.name;
        this.join(i, this.storyAt[j]!, 'forward', {
          matched: [this.keys[j]!],
          score: 1,
          items: [`forward of ${what}`],
        });
        return;
      }
    }
    const own = `o:${post.channel.toLowerCase()}/${post.id}`;
    const fwd = this.origins.get(own);
    if (
      fwd !== undefined &&
      this.forwardOf[fwd] === own &&
      !this.split.has(this.keys[fwd]!) &&
      !this.barred(i, this.storyAt[fwd]!)
    ) {
      this.becomeOrigin(i, this.storyAt[fwd]!, own.slice(2));
      return;
    }
    const ek = exactKey(words);
    const copy = ek === null ? undefined : this.exact.get(ek);
    // The same words under two places' hashtags or two documents' links are two posts (the pair decision says so).
    const held = copy === undefined ? undefined : this.window.held(copy);
    if (copy !== undefined && held && !marksDiffer(f, held) && !this.barred(i, this.storyAt[copy]!)) {
      this.join(i, this.storyAt[copy]!, 'copy', {
        matched: [this.keys[copy]!],
        score: 1,
        items: [`the same text (${words.length} words)`],
      });
      return;
    }
    const { best, stories } = this.bestStory(i, f, around);
    if (!best) {
      this.newStory(i);
      return;
    }
    this.join(i, best.story, best.reason, best.evidence);
    this.unsettled = stories.filter((s) => s !== best.story).map((s) => [best.story, s]);
  }

  /**
   * Two stories the new post matched members of become one when every text of the later one (by canonical post)
   * matches a text of the earlier one and would join the two together by the rule a new post joins by: it matches
   * the canonical post, or at least two and half of the other texts. Posts arrive in time order, so a translation
   * can come before the posts that tie it to a story, and then starts a story of its own; this is where it joins
   * once they have come. Each moved text records its own matches, and nothing joins through a third post alone. A
   * story is moved only when all of it is in the window and none of it was grouped before this pass (its other
   * members would move unseen).
   */
  private settle(a: number, b: number): void {
    const A = this.stories[a]!;
    const B = this.stories[b]!;
    if (A.members.length === 0 || B.members.length === 0 || A.canonical < 0 || B.canonical < 0) return;
    const [into, from, intoIdx, fromIdx] = A.canonical < B.canonical ? [A, B, a, b] : [B, A, b, a];
    if (from.members.some((m) => this.seeded[m] !== null || !this.window.has(m))) return;
    if (this.keptApart(from.members, into.members)) return;
    const texts = new Set(from.members.map((m) => this.textOf(m)));
    if ([...texts].some((t) => this.storyAt[t] !== fromIdx)) return;
    const heldTexts = this.heldTexts([...into.members, ...from.members]);
    const choices = new Map<number, { reason: StoryReason; evidence: StoryEvidence }>();
    for (const t of texts) {
      // Its own forwards and copies are the same text, no evidence for it.
      const list = this.matchesIn(t, [intoIdx, fromIdx]).filter(([j]) => this.textOf(j) !== t);
      // The tie to the earlier story is made after the fact and moves a whole story: it must pass on its own score
      // (translationSettle, a share of translationScore, may ask for more).
      const tie = this.opt.match.translationScore * this.opt.match.translationSettle;
      if (
        !list.some(([j, m]) => this.storyAt[j] === intoIdx && (m.reason !== 'translation' || m.score >= tie))
      )
        return;
      const choice = this.judge(into.canonical, heldTexts.size - 1, list);
      if (!choice) return;
      const ft = this.window.held(t);
      if (choice.reason === 'translation' && ft && this.anotherVersion(ft, t, into.members)) return;
      choices.set(t, choice);
    }
    for (const m of from.members) {
      this.storyAt[m] = intoIdx;
      into.members.push(m);
    }
    for (const [t, c] of choices) {
      this.reasons[t] = c.reason;
      this.evidence[t] = c.evidence;
      if (c.reason === 'translation') this.countPair(t, c.evidence.matched);
    }
    from.members = [];
    this.storyById.delete(from.id);
  }

  /** What held post t matches among the members of the given stories (itself left out). */
  private matchesIn(t: number, stories: number[]): [number, PairMatch][] {
    const f = this.window.held(t);
    if (!f) return [];
    const key = this.keys[t]!;
    const around = this.window.around({
      date: this.dates[t]!,
      id: Number(key.slice(key.lastIndexOf('/') + 1)),
      channel: this.channels[t]!,
    });
    const matches = this.window.matches(f, around, this.translatesEachOther);
    return [...matches].filter(([j]) => j !== t && stories.includes(this.storyAt[j]!));
  }

  /**
   * Whether matches with members of a story carry a post into it: one with its canonical post, or at least two and
   * half of its `heldTexts` texts in the window. The reason and evidence it then joins with.
   */
  private judge(
    canonical: number,
    heldTexts: number,
    list: [number, PairMatch][],
  ): { reason: StoryReason; evidence: StoryEvidence; rank: number } | null {
    if (list.length === 0) return null;
    const withCanonical = list.find(([j]) => j === canonical);
    if (!withCanonical) {
      // A forward or copy of a member is the same text: matching both is one piece of evidence, not two.
      const matched = new Set(list.map(([j]) => this.textOf(j))).size;
      if (matched < 2 || matched * 2 < heldTexts) return null;
    }
    // Judged by the canonical match when there is one, else by the weakest of the matches that carry it.
    const weakest = (x: [number, PairMatch], y: [number, PairMatch]): [number, PairMatch] =>
      strength(y[1]) < strength(x[1]) ? y : x;
    const m = (withCanonical ?? list.reduce(weakest))[1];
    const items = [...new Set(list.flatMap(([, x]) => x.items))].slice(0, 12);
    return {
      reason: m.reason,
      rank: strength(m),
      evidence: { matched: list.map(([j]) => this.keys[j]!), score: round(m.score), items },
    };
  }

  /**
   * Whether a story already holds, in the language of a post that would join it as a translation, another text that
   * is not that post's version: one of the post's own channel (a channel does not post one statement twice in its
   * language, but it does post one speaker's two statements on an event), or one sharing too few of its words
   * (sameLanguageWords). A translation tells the story's statement in another language; in its own language it would
   * read as the members do.
   */
  private anotherVersion(f: Features, i: number, members: number[]): boolean {
    const own = this.textOf(i);
    const min = this.opt.match.sameLanguageWords;
    for (const m of members) {
      const g = this.window.held(m);
      if (!g || g.lang !== f.lang || this.textOf(m) === own) continue;
      if (g.channel === f.channel) return true;
      // Too few words to tell (a headline, a Chinese text): only the channel rule applies.
      if (f.wordKeys.length < MIN_WORDS_TO_COMPARE || g.wordKeys.length < MIN_WORDS_TO_COMPARE) continue;
      const shared = intersectSize(f.wordKeys, g.wordKeys);
      if (shared < min * Math.min(f.wordKeys.length, g.wordKeys.length)) return true;
    }
    return false;
  }

  /** The origin of a story's forwards arrives after them: it joins and becomes the canonical post. */
  private becomeOrigin(i: number, s: number, originKey: string): void {
    const st = this.stories[s]!;
    const old = st.canonical;
    this.join(i, s, 'canonical', { matched: [], score: 1, items: [] });
    this.evidence[i] = null;
    st.canonical = i;
    if (old >= 0 && old !== i) {
      this.touched.add(old);
      this.reasons[old] = 'forward';
      this.evidence[old] = { matched: [this.keys[i]!], score: 1, items: [`forward of ${originKey}`] };
    }
    if (this.seeded[i] === null && !this.storyById.has(storyIdOf(this.keys[i]!))) {
      this.storyById.delete(st.id);
      st.id = storyIdOf(this.keys[i]!);
      this.storyById.set(st.id, s);
    }
  }

  /**
   * Compares a post with the window's posts that share a rare shingle or a rare evidence token, and picks the
   * story it joins: one whose canonical post it matches, or at least two and half of whose members (in the window)
   * it matches. Among several, the strongest reason, then the highest score.
   */
  private bestStory(
    i: number,
    f: Features,
    around: Bucket[],
  ): {
    best: { story: number; reason: StoryReason; evidence: StoryEvidence } | null;
    stories: number[];
  } {
    const matches = this.window.matches(f, around, this.translatesEachOther);
    const byStory = new Map<number, [number, PairMatch][]>();
    for (const [j, m] of matches) {
      const s = this.storyAt[j]!;
      const l = byStory.get(s);
      if (l) l.push([j, m]);
      else byStory.set(s, [[j, m]]);
    }
    let best: { story: number; reason: StoryReason; evidence: StoryEvidence; rank: number } | null = null;
    for (const [s, list] of byStory) {
      const st = this.stories[s]!;
      if (this.barred(i, s)) continue;
      const choice = this.judge(st.canonical, this.heldTexts(st.members).size, list);
      if (!choice || (best && best.rank >= choice.rank)) continue;
      if (choice.reason === 'translation' && this.anotherVersion(f, i, st.members)) continue;
      best = { story: s, ...choice };
    }
    if (best && best.reason === 'translation') this.countPair(i, best.evidence.matched);
    return { best, stories: [...byStory.keys()] };
  }

  /**
   * Whether two posts' channels are known to carry the same statements, or one channel posted both within minutes
   * (a bilingual channel posts a statement and its version in its other language one after the other): a prior for
   * translations.
   */
  private readonly translatesEachOther = (a: Features, b: Features): boolean =>
    (a.channel === b.channel && Math.abs(a.time - b.time) <= SAME_CHANNEL_MS) ||
    (this.pairCounts.get(pairKey(a.channel, b.channel)) ?? 0) >= this.opt.priorPairs;

  /** The texts of these posts still held in the window (a forward or copy is its member's text). */
  private heldTexts(members: number[]): Set<number> {
    return new Set(members.filter((m) => this.window.has(m)).map((m) => this.textOf(m)));
  }

  /** The member whose text a post carries: the one it forwards or copies (followed back), else itself. */
  private textOf(i: number): number {
    for (let hops = 0; hops < 8; hops++) {
      const r = this.reasons[i];
      const first = this.evidence[i]?.matched[0];
      if ((r !== 'forward' && r !== 'copy') || first === undefined) return i;
      const j = this.byKey.get(first);
      if (j === undefined || j === i) return i;
      i = j;
    }
    return i;
  }

  private countPair(i: number, matched: readonly string[]): void {
    for (const k of matched) {
      const j = this.byKey.get(k);
      const ch = j === undefined ? k.slice(0, k.lastIndexOf('/')) : this.channels[j]!;
      if (ch === this.channels[i]) continue;
      const pk = pairKey(this.channels[i]!, ch);
      this.pairCounts.set(pk, (this.pairCounts.get(pk) ?? 0) + 1);
    }
  }

  result(): { stories: Story[]; members: StoryMember[] } {
    this.applyMerges();
    const stories: Story[] = [];
    const members: StoryMember[] = [];
    for (const st of this.stories) {
      if (st.members.length === 0) continue;
      const langs = new Set<string>();
      const chans = new Set<string>();
      let first: string | null = null;
      let last: string | null = null;
      const list: Story['members'] = [];
      for (const i of st.members) {
        const key = this.keys[i]!;
        const reason = this.reasons[i]!;
        const evidence = reason === 'canonical' ? null : (this.evidence[i] ?? null);
        list.push({ key, reason, evidence });
        const slash = key.lastIndexOf('/');
        members.push({
          channel: key.slice(0, slash),
          id: Number(key.slice(slash + 1)),
          storyId: st.id,
          reason,
          evidence,
        });
        const l = this.langs[i];
        if (l && l !== 'und') langs.add(l);
        chans.add(this.channels[i]!);
        const d = this.dates[i];
        if (d) {
          if (first === null || d < first) first = d;
          if (last === null || d > last) last = d;
        }
      }
      const canonical =
        st.canonical >= 0 ? this.keys[st.canonical]! : list.find((m) => m.reason === 'canonical')?.key;
      stories.push({
        id: st.id,
        canonical: canonical ?? list[0]!.key,
        members: list,
        languages: [...langs].sort(),
        channels: [...chans].sort(),
        firstDate: first,
        lastDate: last,
      });
    }
    return { stories, members };
  }

  /**
   * The assignments an incremental pass must write: every post added (not seeded), and seeded posts whose story
   * changed. `known` is false where the index does not know the stored reason and evidence (a seeded post that
   * only moved with its story): the caller keeps the stored ones.
   */
  changed(): { member: StoryMember; known: boolean }[] {
    const out: { member: StoryMember; known: boolean }[] = [];
    const { members } = this.result();
    for (const m of members) {
      const i = this.byKey.get(`${m.channel}/${m.id}`)!;
      const was = this.seeded[i];
      if (was === null || was === undefined) out.push({ member: m, known: true });
      else if (was !== m.storyId) out.push({ member: m, known: this.touched.has(i) });
    }
    return out;
  }

  /** Story ids that seeded posts had and no longer have (their other members must move too). */
  renamedStories(): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < this.keys.length; i++) {
      const was = this.seeded[i];
      const now = this.stories[this.storyAt[i]!]!.id;
      if (was !== null && was !== undefined && was !== now) out.set(was, now);
    }
    return out;
  }

  private applyMerges(): void {
    for (const { post, into } of this.merges) {
      const a = this.byKey.get(post);
      const b = this.byKey.get(into);
      if (a === undefined || b === undefined) continue;
      const sa = this.storyAt[a]!;
      const sb = this.storyAt[b]!;
      if (sa === sb) continue;
      const from = this.stories[sa]!;
      const to = this.stories[sb]!;
      for (const m of from.members) {
        this.storyAt[m] = sb;
        to.members.push(m);
        if (this.reasons[m] === 'canonical') {
          this.reasons[m] = 'merged';
          this.evidence[m] = { matched: [into], score: 1, items: ['merged by a reader'] };
        }
      }
      from.members = [];
    }
    this.merges.length = 0;
  }
}

function strength(m: PairMatch): number {
  return REASON_RANK[m.reason]! * 1000 + m.score;
}

function definedOnly(o: StoryOptions): Partial<MatchOptions> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(MATCH_DEFAULTS) as (keyof MatchOptions)[]) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out as Partial<MatchOptions>;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Time order for grouping: dated posts by date, undated ones by channel and id (their position). */
export function storyOrder(a: StoryInput, b: StoryInput): number {
  if (a.date && b.date)
    return a.date < b.date ? -1 : a.date > b.date ? 1 : a.channel.localeCompare(b.channel) || a.id - b.id;
  if (a.date) return -1;
  if (b.date) return 1;
  return a.channel.localeCompare(b.channel) || a.id - b.id;
}

/** Learns what each channel repeats from the posts given. */
export function learnProfiles(posts: Iterable<StoryInput>): (channel: string) => ChannelProfile {
  const learner = new ProfileLearner();
  for (const p of posts) if (p.text) learner.add(p.channel, p.text);
  return (channel) => learner.profile(channel);
}

/** Groups a whole archive into stories (channel profiles learned first, then one pass in time order). */
export function groupStories(
  posts: readonly StoryInput[],
  options: StoryOptions = {},
): { stories: Story[]; members: StoryMember[] } {
  const index = new StoryIndex({ profiles: learnProfiles(posts), ...options });
  for (const p of [...posts].sort(storyOrder)) index.add(p);
  return index.result();
}
