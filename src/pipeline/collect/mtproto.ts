// Collection through the Telegram account: backfill a channel's history page by page, keep up with new posts, record
// flood waits and problems per channel. The same SyncState and transactions as the web collector (sync.ts).
import {
  adaptChannel,
  adaptMessages,
  fileOf,
  peersOf,
  resolvedPeer,
  rpcError,
} from '../../collectors/mtproto/adapt.js';
import type { tl } from '@mtcute/node';
import type { FileRef, MtprotoClient, PeerRef } from '../../collectors/mtproto/client.js';
import { FloodWaitError, floodWaitSeconds, unavailableFromRpc } from '../../collectors/mtproto/errors.js';
import type { SyncState } from '../../model/collection.js';
import { limitPost } from '../../model/limits.js';
import { emptyChannel, type Channel, type Media, type Post } from '../../model/post.js';
import type { MediaKeeper } from '../media/keep.js';
import type { Pacer } from '../../util/pace.js';
import type { Store } from '../../store/store.js';
import { ChannelUnavailableError, errorMessage } from '../../util/errors.js';
import type { Enricher } from '../enrich.js';
import { initialSyncState, syncStateOf, type SyncStateStore } from './state.js';
import {
  ChannelFailureUnrecorded,
  deepEnough,
  recordChannelFailure,
  syncInTurn,
  type ChannelSyncResult,
  type SyncOptions,
  type SyncPhase,
} from './sync.js';

export interface MtprotoContext {
  store: Store;
  client: MtprotoClient;
  /** Where SyncState is kept; defaults to the Store's own. */
  syncState?: SyncStateStore;
  /** @default () => new Date() */
  now?: () => Date;
  enricher?: Enricher;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source. @default Math.random */
  random?: () => number;
  /** Paces the account's calls per method (`mtproto:messages.getHistory`, …): Telegram limits each. @default none */
  pacer?: Pacer;
  /** Keeps the files of the posts read (the same content-addressed store and caps as t.me's media). @default none */
  media?: MediaKeeper;
}

export interface MtprotoSyncOptions extends SyncOptions {
  /** Messages per getHistory call (Telegram's maximum is 100). @default 100 */
  pageSize?: number;
  /**
   * The newest posts read again by id on each sync (views, reactions, edits, reply counts, deletions): the safety
   * net under catch-up and updates. 0 turns it off. @default recheckPages (1) × pageSize, the newest 100
   */
  recheckPosts?: number;
  /** A flood wait up to this many seconds is waited out; a longer one reschedules the channel. @default 60 */
  maxFloodSleepS?: number;
}

type HistoryPage = {
  posts: Post[];
  channel: Channel | null;
  min: number | null;
  max: number | null;
  full: boolean;
  /** Message id -> its file (album items under their own ids). */
  files?: Map<number, FileRef>;
  /** Stored posts Telegram answered as gone (a recheck): marked deleted with the page. */
  deleted?: number[];
  /** A recheck: files that failed before are not tried again (each sync would otherwise ask for them). */
  recheck?: boolean;
};

/** Ids per channels.getMessages call (Telegram answers at most 100). */
const IDS_PER_CALL = 100;

/** No older message: a page short of full, or message 1 (a history's first id) reached. */
const atStart = (page: HistoryPage) => !page.full || page.min === null || page.min <= 1;

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Syncs one channel through the account. Its peer (id + access hash) is resolved once and kept in its SyncState;
 * each page of posts is saved in one transaction with the cursor, so a killed sync resumes where it stopped.
 */
export async function syncChannelMtproto(
  ctx: MtprotoContext,
  channelKey: string,
  options: MtprotoSyncOptions = {},
): Promise<ChannelSyncResult> {
  const key = channelKey.toLowerCase();
  const states = syncStateOf(ctx.store, ctx.syncState);
  const now = ctx.now ?? (() => new Date());
  const sleep = ctx.sleep ?? sleepMs;
  const random = ctx.random ?? Math.random;
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
  const maxFloodSleepS = options.maxFloodSleepS ?? 60;
  const result: ChannelSyncResult = {
    channel: key,
    status: 'ok',
    newPosts: 0,
    edits: 0,
    deletions: 0,
    pages: 0,
  };
  let state: SyncState = { ...((await states.getSyncState(key)) ?? initialSyncState()), via: 'mtproto' };

  if (!options.force && state.nextCheckAt && Date.parse(state.nextCheckAt) > now().getTime())
    return {
      ...result,
      status: 'skipped',
      error: `waiting until ${state.nextCheckAt}: ${state.lastError ?? ''}`,
    };

  /** One call, with short flood waits slept out (with jitter, so several processes do not retry in step). */
  async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const release = await ctx.pacer?.wait(`mtproto:${method}`, options.signal);
      try {
        return await fn();
      } catch (e) {
        const seconds = floodWaitSeconds(e);
        if (seconds === null) throw e;
        if (seconds > maxFloodSleepS || attempt >= 3) throw new FloodWaitError(seconds, method, { cause: e });
        await sleep(seconds * 1000 * (1 + 0.2 * random()) + 250);
      } finally {
        release?.();
      }
    }
  }

  async function commit(page: HistoryPage, update: (s: SyncState) => void): Promise<void> {
    const next = structuredClone(state);
    const seenAt = now().toISOString();
    let added = 0;
    let edits = 0;
    let deletions = 0;
    await ctx.store.transaction(async () => {
      if (page.channel) await snapshotChannel(page.channel);
      if (page.posts.length > 0) {
        edits += await countEdits(page.posts);
        await ctx.enricher?.prepare(page.posts);
        added = (await ctx.store.savePosts(page.posts, { seenAt })).added;
        await ctx.enricher?.afterSave(page.posts);
      }
      if (page.deleted?.length) deletions += await ctx.store.markDeleted(key, page.deleted, seenAt);
      markThreads(next, page.posts);
      update(next);
      await states.saveSyncState(key, next);
    });
    state = next;
    result.newPosts += added;
    result.edits += edits;
    result.deletions += deletions;
    await keepFiles(page);
  }

  /**
   * Posts read again whose stored text differs, as the web sync counts edits: the stored rows around the page's
   * dates in one query (a day either side, as sync.ts), not one look-up per post.
   */
  async function countEdits(posts: Post[]): Promise<number> {
    const dates = posts
      .map((p) => p.date)
      .filter((d): d is string => d !== null)
      .sort();
    if (dates.length === 0) return 0;
    const day = 86_400_000;
    const stored = await ctx.store.queryPosts({
      channel: key,
      since: new Date(Date.parse(dates[0]!) - day).toISOString(),
      until: new Date(Date.parse(dates.at(-1)!) + day).toISOString(),
    });
    const before = new Map(stored.map((p) => [p.id, p.text]));
    return posts.filter((p) => before.has(p.id) && before.get(p.id) !== p.text).length;
  }

  /** Posts showing a new reply count get their thread marked, in the same transaction as the page that showed it. */
  function markThreads(s: SyncState, posts: Post[]): void {
    if (!s.comments) return;
    for (const post of posts) {
      if (!post.replies) continue;
      const t = s.threads?.[post.id];
      if (t && (t.want ?? t.replies) === post.replies) continue;
      (s.threads ??= {})[post.id] = { top: t?.top ?? 0, replies: t?.replies ?? 0, want: post.replies };
    }
  }

  /** The discussion group's key: the one it already has in the archive, else its username, else c<id> (as exports). */
  async function groupKey(chat: tl.TypeChat): Promise<string> {
    if (state.discussion) return state.discussion;
    const known = await ctx.store.findChannelByNumericId(chat.id);
    return known?.key ?? adaptChannel(chat, '').username ?? `c${chat.id}`;
  }

  /**
   * Reads the marked threads, each from its cursor to the newest comment, a page per transaction. A thread's cursor
   * moves only once it is read whole, so a killed sync reads that thread again (the comments are the same rows).
   * Comments are kept as posts of the discussion group whose replyTo is the channel post (replies within a thread
   * too: the thread is the link that matters here).
   */
  async function readThreads(p: PeerRef): Promise<void> {
    let groupSaved = false;
    for (const [id, t] of Object.entries(state.threads ?? {})) {
      if (t.want === undefined || aborted() || !budget()) continue;
      const postId = Number(id);
      const want = t.want;
      let offset = 0;
      let newest = t.top;
      for (;;) {
        let answer: tl.messages.TypeMessages;
        try {
          answer = await call('messages.getReplies', () =>
            ctx.client.getReplies(p, postId, { offsetId: offset, limit: pageSize, minId: t.top }),
          );
        } catch (e) {
          if (rpcError(e)?.text !== 'MSG_ID_INVALID') throw e;
          answer = { _: 'messages.messagesNotModified', count: 0 };
        }
        result.pages++;
        const messages =
          answer._ === 'messages.messagesNotModified' ? [] : [...answer.messages].sort((a, b) => b.id - a.id);
        const peers = answer._ === 'messages.messagesNotModified' ? peersOf({}) : peersOf(answer);
        const first = messages.find((m) => m._ !== 'messageEmpty');
        const chat =
          first && first.peerId._ === 'peerChannel' ? peers.chats.get(first.peerId.channelId) : undefined;
        const group = chat ? await groupKey(chat) : null;
        const posts = group
          ? adaptMessages(messages, group, peers).map((x) => ({ ...limitPost(x).post, replyTo: postId }))
          : [];
        newest = Math.max(newest, messages[0]?.id ?? 0);
        const closed = messages.length < pageSize;
        const next = structuredClone(state);
        let added = 0;
        await ctx.store.transaction(async () => {
          if (chat && group && !groupSaved) {
            const known = await ctx.store.getChannel(group);
            await ctx.store.upsertChannel({
              ...(known ?? emptyChannel(group)),
              ...withoutNulls(adaptChannel(chat, group)),
              key: group,
            });
            groupSaved = true;
          }
          if (posts.length > 0) {
            await ctx.enricher?.prepare(posts);
            added = (await ctx.store.savePosts(posts, { seenAt: now().toISOString() })).added;
            await ctx.enricher?.afterSave(posts);
          }
          if (group) next.discussion = group;
          if (closed) next.threads![id] = { top: newest, replies: want };
          await states.saveSyncState(key, next);
        });
        state = next;
        result.newPosts += added;
        if (closed) break;
        offset = messages.at(-1)!.id;
      }
    }
  }

  /**
   * Downloads and keeps the files of a committed page (outside its transaction, as the web collector's media): a copy
   * the stored post has stays; a file over the size cap is never downloaded (Telegram says its size first).
   */
  async function keepFiles(page: HistoryPage): Promise<void> {
    const keeper = ctx.media;
    if (!keeper || !page.files?.size) return;
    const changed: Post[] = [];
    for (const post of page.posts) {
      const stored = await ctx.store.getPost(key, post.id);
      let touched = false;
      const media: Media[] = [];
      for (const [i, m] of post.media.entries()) {
        const file = page.files.get(m.memberId ?? post.id);
        const old = stored?.media[i];
        if (!file || (old?.copy && old.type === m.type) || (page.recheck && old?.skipped)) {
          media.push(m);
          continue;
        }
        touched = true;
        media.push({ ...m, ...(await keepFile(keeper, m, file)) });
      }
      if (touched) changed.push({ ...post, media });
    }
    if (changed.length > 0) await ctx.store.savePosts(changed);
  }

  async function keepFile(
    keeper: MediaKeeper,
    m: Media,
    file: FileRef,
  ): Promise<Pick<Media, 'copy' | 'skipped'>> {
    if (!keeper.wants(m.type, 'file')) return { skipped: { reason: 'kind' } };
    if (file.size > keeper.policy.maxFileBytes) return { skipped: { reason: 'too_large', size: file.size } };
    let bytes: Uint8Array;
    try {
      bytes = await call('upload.getFile', () =>
        ctx.client.download(file, options.signal ? { signal: options.signal } : {}),
      );
    } catch (e) {
      if (options.signal?.aborted) throw e;
      return { skipped: { reason: 'failed', detail: errorMessage(e).slice(0, 300) } };
    }
    const kept = await keeper.keep({ channel: key, kind: m.type, role: 'file', bytes });
    return 'copy' in kept ? { copy: kept.copy } : { skipped: kept.skipped };
  }

  let knownChannel: Channel | null | undefined;
  async function snapshotChannel(channel: Channel): Promise<void> {
    if (knownChannel === undefined) knownChannel = await ctx.store.getChannel(key);
    const next: Channel = { ...(knownChannel ?? channel), ...withoutNulls(channel), key };
    if (knownChannel && JSON.stringify(knownChannel) === JSON.stringify(next)) return;
    await ctx.store.upsertChannel(next);
    knownChannel = next;
  }

  /** The peer kept in the state, else resolved once (the most flood-limited call) and kept with the channel. */
  async function peer(): Promise<PeerRef> {
    if (state.peer) return state.peer;
    const resolved = resolvedPeer(
      await call('contacts.resolveUsername', () => ctx.client.resolveUsername(key)),
    );
    if (!resolved.chat)
      throw new ChannelUnavailableError(`@${key} is a user or bot, not a channel or group`, key, 'private');
    const channel = adaptChannel(resolved.chat, key);
    await commit({ posts: [], channel, min: null, max: null, full: false }, (s) => (s.peer = resolved.peer));
    return resolved.peer;
  }

  /** One page below `offsetId` (0: the newest), oldest first; an album cut by the page's end waits for the next. */
  async function read(p: PeerRef, offsetId: number, minId = 0): Promise<HistoryPage> {
    const answer = await call('messages.getHistory', () =>
      ctx.client.getHistory(p, { offsetId, limit: pageSize, minId }),
    );
    result.pages++;
    postsSeen += answer._ === 'messages.messagesNotModified' ? 0 : answer.messages.length;
    if (answer._ === 'messages.messagesNotModified')
      return { posts: [], channel: null, min: null, max: null, full: false };
    let messages = [...answer.messages].sort((a, b) => b.id - a.id);
    const full = messages.length >= pageSize;
    const last = messages.at(-1);
    const group = last && last._ === 'message' ? last.groupedId?.toString() : undefined;
    if (full && group !== undefined) {
      const kept = messages.filter((m) => !(m._ === 'message' && m.groupedId?.toString() === group));
      if (kept.length > 0) messages = kept;
    }
    const peers = peersOf(answer);
    const chat = peers.chats.get(p.id);
    const posts = adaptMessages(messages, key, peers).map((x) => limitPost(x).post);
    const files = new Map<number, FileRef>();
    for (const m of messages) {
      const f = fileOf(m);
      if (f) files.set(m.id, f);
    }
    return {
      posts,
      channel: chat ? adaptChannel(chat, key) : null,
      min: messages.at(-1)?.id ?? null,
      max: messages[0]?.id ?? null,
      full,
      files,
    };
  }

  /**
   * Reads the newest stored posts again by id (channels.getMessages, not a getHistory page: asked by id, Telegram
   * answers each id, with messageEmpty for a message that is gone, so a deletion is stated, never inferred from a
   * page that happens not to show a post; and it is a plain look-up, no offset walk). Answers update views,
   * reactions, edits (a new version) and reply counts (a grown thread is marked, read from its cursor); a post is
   * marked deleted only when every one of its ids (an album's items) is answered empty. An answer that leaves an id
   * out says nothing about that post.
   */
  async function recheck(p: PeerRef): Promise<void> {
    const n = options.recheckPosts ?? (options.recheckPages ?? 1) * pageSize;
    if (n <= 0) return;
    const stored = await ctx.store.queryPosts({
      channel: key,
      order: 'desc',
      limit: n,
      includeDeleted: false,
    });
    const itemsOf = (post: Post) => [...new Set([post.id, ...post.media.flatMap((m) => m.memberId ?? [])])];
    const batches: Post[][] = [[]];
    let size = 0;
    for (const post of stored) {
      const items = itemsOf(post).length;
      if (size + items > IDS_PER_CALL && batches.at(-1)!.length > 0) {
        batches.push([]);
        size = 0;
      }
      batches.at(-1)!.push(post);
      size += items;
    }
    for (const batch of batches) {
      if (batch.length === 0 || aborted()) continue;
      const ids = batch.flatMap(itemsOf);
      const answer = await call('channels.getMessages', () => ctx.client.getMessages(p, ids));
      result.pages++;
      if (answer._ === 'messages.messagesNotModified') continue;
      postsSeen += answer.messages.length;
      const byId = new Map(answer.messages.map((m) => [m.id, m]));
      const deleted: number[] = [];
      const whole: tl.TypeMessage[] = [];
      const wanted = new Set<number>();
      for (const post of batch) {
        const items = itemsOf(post).map((id) => byId.get(id));
        if (items.some((m) => m === undefined)) continue;
        if (items.every((m) => m!._ === 'messageEmpty')) deleted.push(post.id);
        else {
          whole.push(...(items as tl.TypeMessage[]));
          wanted.add(post.id);
        }
      }
      const peers = peersOf(answer);
      // Only the posts asked for: an album whose first item is gone would come back under another id.
      const posts = adaptMessages(whole, key, peers)
        .filter((x) => wanted.has(x.id))
        .map((x) => limitPost(x).post);
      const files = new Map<number, FileRef>();
      for (const m of whole) {
        const f = fileOf(m);
        if (f) files.set(m.id, f);
      }
      await commit(
        { posts, channel: null, min: null, max: null, full: false, files, deleted, recheck: true },
        () => {},
      );
    }
  }

  let postsSeen = 0;
  // `page`: the page reported, whose oldest post the line names; a re-read of posts here and there names the
  // archive's oldest.
  const progress = (phase: SyncPhase, page?: { posts: Post[] }) => {
    const oldest = page ? (page.posts[0] ?? null) : null;
    options.onProgress?.({
      channel: key,
      phase,
      pages: result.pages,
      posts: postsSeen,
      newPosts: result.newPosts,
      oldestId: page ? (oldest?.id ?? null) : state.bottomId,
      oldestDate: page ? (oldest?.date ?? null) : state.bottomDate,
    });
  };
  const aborted = () => options.signal?.aborted === true;
  const budget = () => result.pages < (options.maxPages ?? Infinity);

  try {
    const p = await peer();
    await readThreads(p);
    // 1. The newest page; when there is a gap up to what we have, walk down to it (minId bounds the walk).
    if (state.topId === null) {
      const head = await read(p, 0);
      await commit(head, (s) => {
        s.topId = head.max;
        s.bottomId = head.min;
        s.bottomDate = head.posts[0]?.date ?? null;
        s.reachedStart = atStart(head);
      });
      progress('head', head);
      await readThreads(p);
    } else {
      const top = state.topId;
      let offset = 0;
      let newest: number | null = null;
      while (!aborted() && budget()) {
        const page = await read(p, offset, top);
        newest ??= page.max;
        const closed = !page.full || page.min === null;
        // The new top is written only once the gap is closed: a sync killed halfway walks the gap again.
        await commit(page, (s) => {
          if (closed && newest !== null) s.topId = Math.max(top, newest);
        });
        progress('catch-up', page);
        await readThreads(p);
        if (closed) break;
        offset = page.min!;
      }
      // Not after the first read of the head: it was just read.
      if (!aborted() && budget()) {
        await recheck(p);
        progress('recheck');
        await readThreads(p);
      }
    }
    // 2. Backfill: older pages until the first message or the configured depth.
    while (
      !aborted() &&
      budget() &&
      !state.reachedStart &&
      state.bottomId !== null &&
      !deepEnough(state, options)
    ) {
      const cursor = state.bottomId;
      const page = await read(p, cursor);
      await commit(page, (s) => {
        if (page.min !== null && page.min < cursor) {
          s.bottomId = page.min;
          s.bottomDate = page.posts[0]?.date ?? s.bottomDate;
        }
        s.reachedStart = atStart(page) || page.min! >= cursor;
      });
      progress('backfill', page);
      await readThreads(p);
    }
    const current = (await states.getSyncState(key)) ?? state;
    await states.saveSyncState(key, {
      ...current,
      status: 'ok',
      lastError: null,
      errorCount: 0,
      nextCheckAt: null,
      lastSyncAt: now().toISOString(),
    });
    return aborted() ? { ...result, aborted: true } : result;
  } catch (e) {
    if (e instanceof FloodWaitError) {
      // Rescheduled, not failed: the channel waits what Telegram asked (and a little more), the others carry on.
      const current = (await states.getSyncState(key)) ?? state;
      const until = new Date(now().getTime() + e.seconds * 1000 * (1 + 0.1 * random()) + 1000).toISOString();
      await states.saveSyncState(key, {
        ...current,
        status: 'flood_wait',
        lastError: e.message,
        nextCheckAt: until,
      });
      return { ...result, status: 'skipped', error: `${e.message}; rescheduled for ${until}` };
    }
    const unavailable = e instanceof ChannelUnavailableError ? e : unavailableFromRpc(e, key);
    const problem = unavailable?.problem;
    const message = unavailable?.message ?? errorMessage(e);
    try {
      // A peer that no longer works (a new access hash after a ban and rejoin) is resolved again next time.
      if (problem === 'private' && state.peer) {
        const current = (await states.getSyncState(key)) ?? state;
        delete current.peer;
        await states.saveSyncState(key, current);
      }
      await recordChannelFailure(states, key, { message, problem }, { now: now(), backoff: options.backoff });
    } catch (unsaved) {
      throw new ChannelFailureUnrecorded(key, { message, problem }, unsaved);
    }
    return { ...result, status: 'error', error: message, ...(problem ? { problem } : {}) };
  }
}

/** Syncs channels one after another through one account; one failing or waiting does not stop the rest. */
export function syncChannelsMtproto(
  ctx: MtprotoContext,
  keys: string[],
  options: MtprotoSyncOptions = {},
): Promise<ChannelSyncResult[]> {
  return syncInTurn(keys, options.signal, (key) => syncChannelMtproto(ctx, key, options));
}

function withoutNulls(c: Channel): Partial<Channel> {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)) as Partial<Channel>;
}
