// Live collection from t.me/s: backfill a channel page by page, keep up with new posts, record failures per channel.
import { adaptTmePage, parseTmePage } from '../../collectors/tme/index.js';
import type { TmeCursors } from '../../collectors/tme/index.js';
import { emptyChannel, type Channel, type Post } from '../../model/post.js';
import { limitPost } from '../../model/limits.js';
import type { SyncState } from '../../model/collection.js';
import type { Store } from '../../store/store.js';
import { ChannelUnavailableError, StoreError, errorMessage, type ChannelProblem } from '../../util/errors.js';
import type { HttpClient } from '../../util/http.js';
import { retryAfterOf } from '../../util/retry.js';
import { unavailableFromPage, unavailableFromRedirect } from './classify.js';
import { initialSyncState, syncStateOf, type SyncStateStore } from './state.js';
import type { Enricher } from '../enrich.js';

export interface CollectContext {
  store: Store;
  /** Where SyncState is kept; defaults to the Store's own getSyncState/saveSyncState. */
  syncState?: SyncStateStore;
  http: HttpClient;
  /** @default 'https://t.me' */
  baseUrl?: string;
  /** @default () => new Date() */
  now?: () => Date;
  /** Adds language and topic tags to live posts, as imports do. @default none */
  enricher?: Enricher;
  /** Runs after each page is committed, outside its transaction (media downloads). @default none */
  afterPage?: (posts: Post[]) => Promise<void>;
  /**
   * Syncs a channel added `--via mtproto` through the Telegram account (pipeline/collect/mtproto.ts, given by the
   * caller so the web collector never loads the MTProto library). @default none: such channels are skipped
   */
  mtproto?: (channel: string, options: SyncOptions) => Promise<ChannelSyncResult>;
  /**
   * Every `everyMs`, a sync re-reads the newest `pages` pages instead of only the newest one, so that edits,
   * deletions and views of older posts are seen too (a deletion after two such re-reads). When it is due is kept in
   * the channel's state, so restarts, `sync` runs and workers share it. @default none: only `recheckPages`
   */
  deepRecheck?: DeepRecheck;
}

export interface DeepRecheck {
  pages: number;
  everyMs: number;
}

export type SyncPhase = 'head' | 'catch-up' | 'recheck' | 'backfill';

export interface SyncProgress {
  channel: string;
  phase: SyncPhase;
  /** Pages read in this sync so far. */
  pages: number;
  /** Posts seen in this sync so far. */
  posts: number;
  /** Posts new to the archive in this sync so far, the page reported included. */
  newPosts: number;
  /** Oldest post on the page reported (on a backfill page, how far back the walk is). */
  oldestId: number | null;
  oldestDate: string | null;
}

export interface SyncOptions {
  /** Backfill depth: stop once posts older than this ISO date are reached. @default all */
  since?: string;
  /** Backfill depth: stop once this post id is reached. @default all */
  minId?: number;
  /** Pages to read per channel in this sync (the rest is left for the next one). @default unlimited */
  maxPages?: number;
  /** Newest pages re-read each sync for views, edits and deletions. @default 1 */
  recheckPages?: number;
  /** Sync even when the channel's back-off (nextCheckAt) has not passed. @default false */
  force?: boolean;
  /** Stops after the page being read (saved pages stay saved). */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Back-off after failures: base doubles per consecutive failure up to max. Unavailable channels wait longer. */
  backoff?: {
    errorBaseMs?: number;
    errorMaxMs?: number;
    unavailableBaseMs?: number;
    unavailableMaxMs?: number;
  };
}

export interface ChannelSyncResult {
  channel: string;
  status: 'ok' | 'error' | 'skipped';
  newPosts: number;
  edits: number;
  deletions: number;
  pages: number;
  /** The sync stopped early on the signal (what was read is saved). */
  aborted?: boolean;
  /** For 'error': the problem when the channel cannot be read through t.me at all. */
  problem?: ChannelProblem;
  /** For 'error' and 'skipped': why, in one line. */
  error?: string;
  /** For 'error' and 'skipped': the channel's back-off, before which it is not asked again (unless forced). */
  nextCheckAt?: string;
}

/** A page that could not be turned into posts counts as a failed sync of its channel. */
class PageUnreadable extends Error {}

function notOlder(key: string, cursor: number, min: number): PageUnreadable {
  return new PageUnreadable(
    `${key}?before=${cursor} answered with posts from ${min} on, not older ones (t.me misbehaving); asked again next time`,
  );
}

export interface ReadPage {
  posts: Post[];
  channel: Channel | null;
  cursors: TmeCursors;
}

/**
 * One t.me/s page of channel `key` (`query`: "", "?before=ID", "?after=ID"): its posts oldest first, the channel as
 * shown, the cursors. A channel that cannot be read through the preview is a ChannelUnavailableError.
 */
export async function readChannelPage(
  http: HttpClient,
  base: string,
  key: string,
  query: string,
  signal?: AbortSignal,
): Promise<ReadPage> {
  const url = `${base.replace(/\/+$/, '')}/s/${encodeURIComponent(key)}${query}`;
  const res = await http.get(url, signal ? { signal } : {});
  const gone = unavailableFromRedirect(key, res);
  if (gone) throw gone;
  let page;
  try {
    page = parseTmePage(res.body, url);
  } catch (e) {
    // The parser's advice is for a saved file ("save the whole page"); here the page is simply asked again.
    const why = errorMessage(e).replace(/\s*\((?:save|the file)[^)]*\)$/u, '');
    throw new PageUnreadable(`${url}: page could not be read: ${why}; it is asked again next time`, {
      cause: e,
    });
  }
  // t.me always sends whole documents: one that stops short was cut in transit. Read as it is, it would look like
  // the channel's first page (no older link) or like posts deleted (those after the cut).
  if (!page.complete)
    throw new PageUnreadable(
      `${url}: the answer was cut off before the page's end; it is asked again next time`,
    );
  const missing = unavailableFromPage(key, page);
  if (missing) throw missing;
  const adapted = adaptTmePage(page, { source: 'tme-live' });
  // A page only ever holds the channel's own posts; anything else would be a parser slip, not ours to store.
  // A post over the limits (only a damaged or hostile page has one) is stored cut, as an import would.
  const posts = adapted.posts
    .filter((p) => p.channel === key)
    .map((p) => limitPost(p).post)
    .sort((a, b) => a.id - b.id);
  return { posts, channel: adapted.channel, cursors: page.cursors };
}

export async function syncChannel(
  ctx: CollectContext,
  channelKey: string,
  options: SyncOptions = {},
): Promise<ChannelSyncResult> {
  const key = channelKey.toLowerCase();
  const states = syncStateOf(ctx.store, ctx.syncState);
  const now = ctx.now ?? (() => new Date());
  const base = (ctx.baseUrl ?? 'https://t.me').replace(/\/+$/, '');
  const result: ChannelSyncResult = {
    channel: key,
    status: 'ok',
    newPosts: 0,
    edits: 0,
    deletions: 0,
    pages: 0,
  };
  let state = (await states.getSyncState(key)) ?? initialSyncState();
  // A channel collected through the account is never read through t.me as well.
  if (state.via === 'mtproto')
    return ctx.mtproto
      ? ctx.mtproto(key, options)
      : {
          ...result,
          status: 'skipped',
          error: 'collected through the Telegram account, which this process does not use',
        };

  if (!options.force && state.nextCheckAt && Date.parse(state.nextCheckAt) > now().getTime()) {
    return {
      ...result,
      status: 'skipped',
      error: `backing off after ${state.errorCount} failure(s) until ${state.nextCheckAt}: ${state.lastError ?? ''}`,
      nextCheckAt: state.nextCheckAt,
    };
  }

  // A start taken from one empty answer, before such answers were checked, is checked once now
  // (model/collection.ts): older posts shown reopen the backfill; any other answer leaves the start as it was, so a
  // channel whose start t.me answers oddly is not failed for ever by this check.
  let checkingStart = state.reachedStart && !state.startConfirmed && state.bottomId !== null;
  if (checkingStart) state.reachedStart = false;

  const signal = options.signal;
  const maxPages = options.maxPages ?? Infinity;
  const deep = deepRecheckDue(ctx.deepRecheck, state, key, now());
  const recheckPages = Math.max(options.recheckPages ?? 1, deep.pages);
  let postsSeen = 0;
  let knownChannel: Channel | null | undefined;

  /** One line per page, once it is committed, so that its new posts are counted. */
  const progress = (phase: SyncPhase, page: ReadPage) =>
    options.onProgress?.({
      channel: key,
      phase,
      pages: result.pages,
      posts: postsSeen,
      newPosts: result.newPosts,
      oldestId: page.posts[0]?.id ?? null,
      oldestDate: page.posts[0]?.date ?? null,
    });

  async function read(query: string): Promise<ReadPage> {
    const page = await readChannelPage(ctx.http, base, key, query, signal);
    result.pages++;
    postsSeen += page.posts.length;
    return page;
  }

  /** Channel title/description/subscribers/avatar, written when they changed. */
  async function snapshotChannel(channel: Channel | null): Promise<void> {
    if (!channel) return;
    if (knownChannel === undefined) knownChannel = await ctx.store.getChannel(key);
    const next: Channel = { ...(knownChannel ?? emptyChannel(key)), ...withoutNulls(channel), key };
    if (knownChannel && sameChannel(knownChannel, next)) return;
    await ctx.store.upsertChannel(next);
    knownChannel = next;
  }

  /**
   * Saves one page's posts, the deletions it reveals and the new state in ONE transaction. `lo..hi` is the id range
   * the page shows completely: a stored post in it that the page lacks is missing (deleted after two misses).
   * `above`: the date of the post just above `hi`, when known (the newer page's oldest post), which bounds the
   * stored posts looked at in that range. `save`: the page's posts to store (all but those past the depth).
   */
  async function commit(
    page: ReadPage,
    lo: number,
    hi: number,
    update: (s: SyncState) => void,
    above: string | null = null,
    save: Post[] = page.posts,
  ): Promise<void> {
    const next = structuredClone(state);
    const seenAt = now().toISOString();
    let edits = 0;
    let deletions = 0;
    let added = 0;
    await ctx.store.transaction(async () => {
      await snapshotChannel(page.channel);
      const covered = next.topId !== null && next.bottomId !== null;
      if (covered && page.posts.length > 0) {
        const stored = await storedInRange(page.posts, lo, hi, above);
        const onPage = new Set(page.posts.map((p) => p.id));
        const gone: number[] = [];
        for (const s of stored) {
          if (onPage.has(s.id) || !previewShows(s)) continue;
          if (s.id < next.bottomId! || (s.id > next.topId! && hi !== Infinity)) continue;
          const misses = (next.misses[s.id] ?? 0) + 1;
          if (misses >= 2) {
            gone.push(s.id);
            delete next.misses[s.id];
          } else next.misses[s.id] = misses;
        }
        for (const p of page.posts) delete next.misses[p.id];
        if (gone.length > 0) deletions = await ctx.store.markDeleted(key, gone, seenAt);
      }
      if (save.length > 0) {
        await ctx.enricher?.prepare(save);
        // An edit is what the store kept a version of: a new text or new formatting alike.
        ({ added, edited: edits } = await ctx.store.savePosts(save, { seenAt }));
        await ctx.enricher?.afterSave(save);
      }
      update(next);
      await states.saveSyncState(key, next);
    });
    state = next;
    if (ctx.afterPage && save.length > 0) await ctx.afterPage(save);
    result.edits += edits;
    result.deletions += deletions;
    result.newPosts += added;
  }

  /**
   * Stored, not deleted posts of this channel with ids in lo..hi (found by date, the index the Store offers). The
   * range reaches up to the post above it, which a quiet channel may have posted days after the page's newest.
   */
  async function storedInRange(posts: Post[], lo: number, hi: number, above: string | null): Promise<Post[]> {
    const dates = posts.map((p) => p.date).filter((d): d is string => d !== null);
    const day = 86_400_000;
    const first = dates.length ? new Date(Date.parse(dates[0]!) - day).toISOString() : undefined;
    const top = above ?? dates.at(-1);
    const last =
      top !== undefined && hi !== Infinity ? new Date(Date.parse(top) + day).toISOString() : undefined;
    const rows = await ctx.store.queryPosts({
      channel: key,
      includeDeleted: false,
      ...(lo > 1 && first ? { since: first } : {}),
      ...(last ? { until: last } : {}),
    });
    return rows.filter((p) => p.id >= lo && p.id <= hi);
  }

  /**
   * The walk down: a page's posts within the depth are stored, those past it are not (the depth bounds what the
   * archive holds). The cursor then stops just above the first one left out, so a deeper depth later starts there.
   */
  function walkDown(page: ReadPage, cursor: number | null) {
    const save = page.posts.filter((p) => !pastDepth(p, options));
    const cut = page.posts.length - save.length;
    const bottom = (s: SyncState) => {
      const min = page.posts[0];
      if (!min) return;
      if (cut === 0) {
        s.bottomId = min.id;
        s.bottomDate = min.date;
      } else {
        s.bottomId = Math.min(save[0]?.id ?? cursor ?? page.posts.at(-1)!.id + 1, options.minId ?? Infinity);
        s.bottomDate = page.posts[cut - 1]!.date;
      }
      s.reachedStart = page.cursors.before === null && cut === 0;
      if (s.reachedStart) s.startConfirmed = true;
    };
    return { save, bottom };
  }

  /**
   * Reads the pages below `from` (an ?after= answer) down to post `cursor`, storing them: true once every post
   * between the two was seen, false when stopped first (the budget, the signal). A page that does not go down, or
   * one without posts while `cursor` lies below, is t.me misbehaving: the sync fails and the cursor stays.
   */
  async function fillDownTo(cursor: number, from: ReadPage): Promise<boolean> {
    let before = from.posts[0]!.id;
    let above = from.posts[0]!.date;
    while (!aborted() && budget()) {
      const page = await read(`?before=${before}`);
      const min = minOf(page);
      if (min !== null && min >= before) throw notOlder(key, before, min);
      if (min === null)
        throw new PageUnreadable(
          `${key}?after=${cursor} answered with posts from ${from.posts[0]!.id} on, and ?before=${before} with none, though post ${cursor} is older (t.me misbehaving); asked again next time`,
        );
      await commit(page, Math.max(cursor + 1, min), before - 1, () => {}, above);
      progress('catch-up', page);
      if (min <= cursor + 1 || page.cursors.before === null) return true;
      before = min;
      above = page.posts[0]!.date;
    }
    return false;
  }

  /** Throws unless the page ending at `cursor` shows no older posts and no link to them. */
  async function confirmStart(cursor: number): Promise<void> {
    const above = await read(`?before=${cursor + 1}`);
    if (above.posts.length === 0)
      throw new PageUnreadable(
        `${key}?before=${cursor} and ?before=${cursor + 1} answered with no posts, though older ones were offered (t.me misbehaving); asked again next time`,
      );
    if (above.cursors.before !== null || above.posts[0]!.id < cursor)
      throw new PageUnreadable(
        `${key}?before=${cursor} answered with no posts, though older ones exist (t.me misbehaving); asked again next time`,
      );
  }

  const minOf = (p: ReadPage) => p.posts[0]?.id ?? null;
  const maxOf = (p: ReadPage) => p.posts.at(-1)?.id ?? null;
  const aborted = () => signal?.aborted === true;
  const budget = () => result.pages < maxPages;

  try {
    // 1. The newest page: always read (new posts, views, edits, deletions of the latest posts).
    const head = await read('');
    const headMin = minOf(head);
    const headMax = maxOf(head);
    const headLo = head.cursors.before === null ? 1 : (headMin ?? 1);
    if (state.topId === null) {
      const first = walkDown(head, null);
      await commit(
        head,
        headLo,
        Infinity,
        (s) => {
          s.topId = headMax;
          s.bottomId = headMin;
          s.bottomDate = head.posts[0]?.date ?? null;
          first.bottom(s);
          if (headMin === null) s.reachedStart = head.cursors.before === null;
        },
        null,
        first.save,
      );
      progress('head', head);
    } else if (headMin === null || headMin <= state.topId + 1 || head.cursors.before === null) {
      await commit(head, headLo, Infinity, (s) => {
        if (headMax !== null) s.topId = Math.max(s.topId!, headMax);
      });
      progress('head', head);
    } else {
      // 2. A gap between what we have and the newest page: walk forward from our newest post.
      let cursor = state.topId;
      while (!aborted() && budget()) {
        const page = await read(`?after=${cursor}`);
        const min = minOf(page);
        const max = maxOf(page);
        // An answer starting past the post after the cursor skipped posts (t.me answering with its newest page) or
        // only deleted ones: the pages below it, down to the cursor, tell which; the cursor moves once they are read.
        const whole = min === null || min <= cursor + 1 || (await fillDownTo(cursor, page));
        await commit(page, cursor + 1, max ?? cursor, (s) => {
          if (max !== null && whole) s.topId = Math.max(s.topId!, max);
        });
        progress('catch-up', page);
        if (!whole || max === null || page.cursors.after === null || max <= cursor) break;
        cursor = max;
      }
      if (!aborted() && headMin <= state.topId! + 1) {
        await commit(head, headLo, Infinity, (s) => {
          if (headMax !== null) s.topId = Math.max(s.topId!, headMax);
        });
        progress('head', head);
      }
    }

    // 3. Re-read a few more recent pages for views, edits and deletions.
    let recheckBefore = headMin;
    let recheckAbove = head.posts[0]?.date ?? null;
    for (let i = 1; i < recheckPages; i++) {
      if (aborted() || !budget() || recheckBefore === null || state.bottomId === null) break;
      if (recheckBefore <= state.bottomId) break;
      const page = await read(`?before=${recheckBefore}`);
      const min = minOf(page);
      const top = recheckBefore - 1;
      if (min !== null && min >= recheckBefore) throw notOlder(key, recheckBefore, min);
      await commit(page, page.cursors.before === null ? 1 : (min ?? top), top, () => {}, recheckAbove);
      progress('recheck', page);
      if (min === null || page.cursors.before === null) break;
      recheckBefore = min;
      recheckAbove = page.posts[0]!.date;
    }

    // 4. Backfill: older pages until the channel's first post or the configured depth.
    while (
      !aborted() &&
      budget() &&
      !state.reachedStart &&
      state.bottomId !== null &&
      !deepEnough(state, options)
    ) {
      const cursor = state.bottomId;
      const above = state.bottomDate;
      const page = await read(`?before=${cursor}`);
      const min = minOf(page);
      if (checkingStart && (min === null || min >= cursor)) {
        const saved = (await states.getSyncState(key)) ?? state;
        await states.saveSyncState(key, { ...saved, reachedStart: true, startConfirmed: true });
        state.reachedStart = state.startConfirmed = true;
        break;
      }
      checkingStart = false;
      // A page that does not go back (t.me answering with its newest posts) or that offers older posts without
      // showing any is t.me misbehaving, not the channel's start: the walk stops here and goes on from this cursor
      // next time, after the failure's back-off.
      if (min !== null && min >= cursor) throw notOlder(key, cursor, min);
      if (min === null && page.cursors.before !== null)
        throw new PageUnreadable(
          `${key}?before=${cursor} showed no posts but a link to older ones; asked again next time`,
        );
      // The page above offered older posts, so an empty answer is the start only if that page, read again, no
      // longer does (they were deleted meanwhile); otherwise it is t.me misbehaving, and taking it for the start
      // would end the backfill for good.
      if (min === null) await confirmStart(cursor);
      const down = walkDown(page, cursor);
      await commit(
        page,
        page.cursors.before === null ? 1 : (min ?? cursor),
        cursor - 1,
        (s) => {
          down.bottom(s);
          if (min === null) s.reachedStart = s.startConfirmed = true;
        },
        above,
        down.save,
      );
      progress('backfill', page);
    }

    await saveOutcome(states, key, state, {
      status: 'ok',
      lastError: null,
      errorCount: 0,
      nextCheckAt: null,
      lastSyncAt: now().toISOString(),
      // A stopped re-read is done again next time.
      ...(deep.at && !aborted() ? { deepRecheckAt: deep.at } : {}),
    });
    return aborted() ? { ...result, aborted: true } : result;
  } catch (e) {
    if (aborted() && !(e instanceof ChannelUnavailableError)) return { ...result, aborted: true };
    // Whatever went wrong with this channel (t.me, its pages, a numeric-id clash, the store refusing a page) is
    // this channel's failure: recorded on it with a back-off, and the other channels go on.
    const problem = e instanceof ChannelUnavailableError ? e.problem : undefined;
    const message = errorMessage(e);
    const failure: ChannelFailure = { message, problem, retryAfterMs: retryAfterOf(e) ?? undefined };
    let nextCheckAt: string;
    try {
      nextCheckAt = await recordChannelFailure(states, key, failure, {
        now: now(),
        backoff: options.backoff,
      });
    } catch (unsaved) {
      throw new ChannelFailureUnrecorded(key, failure, unsaved);
    }
    return { ...result, status: 'error', error: message, nextCheckAt, ...(problem ? { problem } : {}) };
  }
}

export interface ChannelFailure {
  message: string;
  /** Set when the channel cannot be read through t.me at all (it then waits longer). */
  problem?: ChannelProblem | undefined;
  /** How long t.me asked us to wait (a 429's Retry-After): the channel is not asked again sooner. */
  retryAfterMs?: number | undefined;
}

/**
 * A channel's sync failed and the store could not even take the failure (locked, gone): not this channel's problem
 * alone any more. The caller's supervisor retries, and records `failure` on the channel once the store takes it.
 */
export class ChannelFailureUnrecorded extends StoreError {
  override name = 'ChannelFailureUnrecorded';
  constructor(
    readonly channel: string,
    readonly failure: ChannelFailure,
    cause: unknown,
  ) {
    const unrecorded = errorMessage(cause);
    // A busy archive fails the sync and its recording alike: the same sentence twice would read as two problems.
    super(
      unrecorded === failure.message
        ? `channel ${channel}: ${failure.message} (the failure could not be recorded either)`
        : `channel ${channel}: ${failure.message}; the failure could not be recorded: ${unrecorded}`,
      { cause },
    );
  }
}

/**
 * Records a failed sync on the channel: status, lastError, one more consecutive failure, the back-off. Returns when
 * the back-off ends (ISO).
 */
export async function recordChannelFailure(
  states: SyncStateStore,
  key: string,
  failure: ChannelFailure,
  at: { now: Date; backoff?: SyncOptions['backoff'] },
): Promise<string> {
  const current = (await states.getSyncState(key)) ?? initialSyncState();
  const errorCount = current.errorCount + 1;
  const wait = Math.max(
    backoffMs(errorCount, failure.problem !== undefined, at.backoff),
    failure.retryAfterMs ?? 0,
  );
  const nextCheckAt = new Date(at.now.getTime() + wait).toISOString();
  await states.saveSyncState(key, {
    ...current,
    status: failure.problem ?? 'error',
    lastError: failure.message,
    errorCount,
    nextCheckAt,
  });
  return nextCheckAt;
}

async function saveOutcome(
  states: SyncStateStore,
  key: string,
  state: SyncState,
  outcome: Pick<SyncState, 'status' | 'lastError' | 'errorCount' | 'nextCheckAt' | 'lastSyncAt'> &
    Pick<Partial<SyncState>, 'deepRecheckAt'>,
): Promise<void> {
  // Re-read first: the page commits saved the cursor; only the outcome fields change here.
  const current = (await states.getSyncState(key)) ?? state;
  await states.saveSyncState(key, { ...current, ...outcome });
}

/** The backfill reached the depth asked for (a date or a post id). */
export function deepEnough(state: SyncState, options: SyncOptions): boolean {
  if (options.minId !== undefined && state.bottomId !== null && state.bottomId <= options.minId) return true;
  if (options.since !== undefined && state.bottomDate !== null) {
    const since = Date.parse(options.since);
    if (!Number.isNaN(since) && Date.parse(state.bottomDate) < since) return true;
  }
  return false;
}

/**
 * Whether this sync is a deep re-read (`pages` to re-read, `at` to record as its time). A channel's first sync only
 * records a time, set back by a share of the period taken from its name, so that channels followed together are
 * re-read at different times rather than all in the same round.
 */
export function deepRecheckDue(
  deep: DeepRecheck | undefined,
  state: SyncState,
  key: string,
  now: Date,
): { pages: number; at: string | null } {
  if (!deep || deep.pages <= 1 || deep.everyMs <= 0) return { pages: 0, at: null };
  if (!state.deepRecheckAt) {
    const share = [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1000, 7) / 1000;
    return { pages: 0, at: new Date(now.getTime() - Math.floor(deep.everyMs * share)).toISOString() };
  }
  if (now.getTime() - Date.parse(state.deepRecheckAt) < deep.everyMs) return { pages: 0, at: null };
  return { pages: deep.pages, at: now.toISOString() };
}

/** Service messages the web preview is known to show (fixtures: "Channel created"; the adapter's other names). */
const PREVIEW_SERVICE = new Set(['create_channel', 'edit_group_photo', 'edit_group_title']);

/**
 * Whether the web preview would show this stored post, so that a page lacking it means it is gone. A service
 * message imported from an export (a pin, a video chat) may never appear on t.me/s: its absence says nothing.
 */
function previewShows(p: Post): boolean {
  if (!p.service) return true;
  return PREVIEW_SERVICE.has(p.service.action) || p.source === 'tme-live' || p.source === 'tme-html';
}

/** A post older than the depth date or below the depth id: the backfill does not store it. */
function pastDepth(p: Post, options: SyncOptions): boolean {
  if (options.minId !== undefined && p.id < options.minId) return true;
  if (options.since === undefined || p.date === null) return false;
  const since = Date.parse(options.since);
  return !Number.isNaN(since) && Date.parse(p.date) < since;
}

/** Failures back off exponentially; a channel that cannot be read at all is asked much less often. */
export function backoffMs(errorCount: number, unavailable: boolean, b: SyncOptions['backoff'] = {}): number {
  const base = unavailable ? (b.unavailableBaseMs ?? 3_600_000) : (b.errorBaseMs ?? 300_000);
  const max = unavailable ? (b.unavailableMaxMs ?? 7 * 86_400_000) : (b.errorMaxMs ?? 6 * 3_600_000);
  return Math.min(max, base * 2 ** Math.max(0, errorCount - 1));
}

function withoutNulls(c: Channel): Partial<Channel> {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)) as Partial<Channel>;
}

function sameChannel(a: Channel, b: Channel): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.subscribers === b.subscribers &&
    a.avatarUrl === b.avatarUrl &&
    a.username === b.username &&
    a.numericId === b.numericId &&
    a.kind === b.kind
  );
}

/** Syncs channels one after another (requests to t.me are paced per host anyway); one failing does not stop the rest. */
export function syncChannels(
  ctx: CollectContext,
  keys: string[],
  options: SyncOptions = {},
): Promise<ChannelSyncResult[]> {
  return syncInTurn(keys, options.signal, (key) => syncChannel(ctx, key, options));
}

/** Runs `one` for each channel in turn; after `signal` aborts, the channels not reached are reported skipped. */
export async function syncInTurn(
  keys: string[],
  signal: AbortSignal | undefined,
  one: (key: string) => Promise<ChannelSyncResult>,
): Promise<ChannelSyncResult[]> {
  const results: ChannelSyncResult[] = [];
  for (const key of keys) {
    if (signal?.aborted) {
      results.push({
        channel: key.toLowerCase(),
        status: 'skipped',
        newPosts: 0,
        edits: 0,
        deletions: 0,
        pages: 0,
        error: 'stopped before this channel',
      });
      continue;
    }
    results.push(await one(key));
  }
  return results;
}
