// Near-real-time collection through the account: updates bring new posts, edits (a new version) and deletions
// (marked, kept), and the comments of channels collected --comments; a gap ("too long", a restart) and a periodic
// recheck read the history from the saved cursor.
import type { tl } from '@mtcute/node';
import {
  adaptMessages,
  channelUpdate,
  copiedPost,
  threadOf,
  type ChannelUpdate,
} from '../../collectors/mtproto/adapt.js';
import type { Peers, UpdateSubscription } from '../../collectors/mtproto/client.js';
import { limitPost } from '../../model/limits.js';
import type { Post } from '../../model/post.js';
import { errorMessage } from '../../util/errors.js';
import { syncChannelMtproto, type MtprotoContext, type MtprotoSyncOptions } from './mtproto.js';
import type { ChannelSyncResult } from './sync.js';

type EditedMessage = Extract<ChannelUpdate, { kind: 'edit' }>['message'];

export interface MtprotoWatchOptions {
  /** New messages are gathered this long before one history read (an album arrives as several). @default 2000 */
  settleMs?: number;
  /** Each channel's history is read again this often: the safety net under the updates. @default 900_000 */
  recheckMs?: number;
  /** Options of each history read (depth, page size). */
  sync?: (channel: string) => MtprotoSyncOptions;
  onResult?: (result: ChannelSyncResult) => void;
  /** An update that could not be applied (it is retried by the next history read). */
  onError?: (channel: string, error: unknown) => void;
}

export interface MtprotoWatch {
  /** Resolves once every update received so far is applied. */
  idle(): Promise<void>;
  /**
   * A history read of one channel in turn with the updates' writes (never two writers on one channel's cursor): what
   * the scheduled rechecks of `tgwire watch` call. A channel not watched yet is watched from then on.
   */
  sync(channel: string, options?: MtprotoSyncOptions): Promise<ChannelSyncResult>;
  stop(): Promise<void>;
}

/**
 * Starts watching channels added --via mtproto: each is synced first (what came while nothing watched: the gap of a
 * restart), then kept up by updates. Writes happen one at a time, in the order the updates came.
 */
export async function startMtprotoWatch(
  ctx: MtprotoContext,
  keys: string[],
  options: MtprotoWatchOptions = {},
): Promise<MtprotoWatch> {
  const settleMs = options.settleMs ?? 2000;
  const byId = new Map<number, string>();
  let queue: Promise<void> = Promise.resolve();
  const run = (channel: string, work: () => Promise<void>) => {
    queue = queue.then(work).catch((e) => options.onError?.(channel, e));
  };

  /** Discussion group id -> the channel whose comments it holds, its key in the archive and the channel's id. */
  const groups = new Map<number, { channel: string; key: string; channelId: number }>();
  let subscription: UpdateSubscription | null = null;

  /**
   * The channel's id and, collected --comments, its discussion group (learnt by the sync from the first thread it
   * reads), watched from then on.
   */
  const learn = async (key: string) => {
    const state = await ctx.store.getSyncState(key);
    const peer = state?.peer;
    if (peer?.type !== 'channel') return;
    if (!byId.has(peer.id)) {
      byId.set(peer.id, key);
      await subscription?.add(peer.id);
    }
    if (!state?.comments || !state.discussion) return;
    const group = (await ctx.store.getChannel(state.discussion))?.numericId;
    if (group === null || group === undefined || groups.has(group)) return;
    groups.set(group, { channel: key, key: state.discussion, channelId: peer.id });
    await subscription?.add(group);
  };

  /** A history read; `recheck: false` leaves out the recheck of the newest posts (the updates carry their news). */
  const sync = async (key: string, recheck = true) => {
    const r = await syncChannelMtproto(ctx, key, {
      ...options.sync?.(key),
      ...(recheck ? {} : { recheckPosts: 0 }),
      force: true,
    });
    await learn(key);
    options.onResult?.(r);
  };
  for (const key of keys) await sync(key);

  // New messages and gaps: one history read per channel once they settle (the cursor and albums stay right). New
  // messages alone read only what is new: a busy channel would otherwise recheck its newest posts at each one.
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; recheck: boolean }>();
  const catchUp = (key: string, recheck = true) => {
    const waiting = pending.get(key);
    if (waiting) {
      waiting.recheck ||= recheck;
      return;
    }
    const entry = {
      recheck,
      timer: setTimeout(() => {
        pending.delete(key);
        run(key, () => sync(key, entry.recheck));
      }, settleMs),
    };
    pending.set(key, entry);
  };

  /** An edited message: saved over the stored post (a changed text becomes a new version, with the edit date). */
  const edited = async (key: string, m: EditedMessage, peers: Peers) => {
    let posts = adaptMessages([m], key, peers);
    if (m.groupedId) {
      // An album item: the post is the album, under its first item's id; read the items around it.
      const peer = (await ctx.store.getSyncState(key))?.peer;
      if (!peer) return catchUp(key);
      const around = await ctx.client.getHistory(peer, { offsetId: m.id + 11, limit: 21 });
      if (around._ === 'messages.messagesNotModified') return;
      posts = adaptMessages(around.messages, key, {
        ...peers,
        chats: new Map(around.chats.map((c) => [c.id, c])),
      });
      posts = posts.filter((p) => p.id === m.id || p.media.some((x) => x.memberId === m.id));
    }
    const limited = posts.map((p) => limitPost(p).post);
    await ctx.store.transaction(async () => {
      await ctx.enricher?.prepare(limited);
      await ctx.store.savePosts(limited);
      await ctx.enricher?.afterSave(limited);
    });
  };

  /** `group/copy id` -> the channel post it copies (null: not a copy of one), as learnt while watching. */
  const copies = new Map<string, number | null>();

  /** The channel post whose thread the group's message `top` is, from the copies seen, else asked once. */
  const postOfThread = async (groupId: number, top: number, channelId: number, peers: Peers) => {
    const known = copies.get(`${groupId}/${top}`);
    if (known !== undefined) return known;
    const chat = peers.chats.get(groupId);
    if (chat?._ !== 'channel' || !chat.accessHash) return null;
    const answer = await ctx.client.getMessages(
      { type: 'channel', id: groupId, accessHash: chat.accessHash.toString() },
      [top],
    );
    const copy =
      answer._ === 'messages.messagesNotModified' ? undefined : answer.messages.find((m) => m.id === top);
    // Unknown (not answered) is not cached: the next comment asks again.
    if (!copy) return null;
    const post = copiedPost(copy, channelId);
    copies.set(`${groupId}/${top}`, post);
    return post;
  };

  /**
   * A new or edited message of a discussion group: a comment (in the thread of a channel post's copy) is stored as
   * the sync's thread reader stores it, a post of the group whose replyTo is the channel post. The thread's cursor
   * stays where the sync left it: the sync reads the thread again when the post's count grows (the same rows).
   */
  const commented = async (groupId: number, m: tl.TypeMessage, peers: Peers) => {
    const group = groups.get(groupId)!;
    const copied = copiedPost(m, group.channelId);
    if (copied !== null) return void copies.set(`${groupId}/${m.id}`, copied);
    const top = threadOf(m);
    if (top === null) return;
    const postId = await postOfThread(groupId, top, group.channelId, peers);
    if (postId === null) return;
    const posts: Post[] = adaptMessages([m], group.key, peers).map((x) => ({
      ...limitPost(x).post,
      replyTo: postId,
    }));
    await ctx.store.transaction(async () => {
      await ctx.enricher?.prepare(posts);
      await ctx.store.savePosts(posts);
      await ctx.enricher?.afterSave(posts);
    });
  };

  const onGroupUpdate = (u: ChannelUpdate, peers: Peers) => {
    const group = groups.get(u.channelId)!;
    switch (u.kind) {
      case 'new':
      case 'edit':
        return run(group.key, () => commented(u.channelId, u.message, peers));
      case 'delete':
        return run(group.key, async () => void (await ctx.store.markDeleted(group.key, u.ids)));
      case 'gap':
        // Comments missed: the channel's sync rechecks its newest posts, whose grown counts mark their threads.
        return catchUp(group.channel);
    }
  };

  subscription = await ctx.client.watch([...byId.keys(), ...groups.keys()], (raw, peers) => {
    const u = channelUpdate(raw);
    if (u && groups.has(u.channelId)) return onGroupUpdate(u, peers);
    const key = u ? byId.get(u.channelId) : undefined;
    if (!u || key === undefined) return;
    switch (u.kind) {
      case 'new':
        return catchUp(key, false);
      case 'gap':
        return catchUp(key);
      case 'edit':
        return run(key, () => edited(key, u.message, peers));
      case 'delete':
        return run(key, async () => void (await ctx.store.markDeleted(key, u.ids, new Date().toISOString())));
    }
  });

  const recheck = setInterval(() => {
    for (const key of byId.values()) catchUp(key);
  }, options.recheckMs ?? 900_000);
  recheck.unref?.();

  return {
    sync(channel, syncOptions = {}) {
      const key = channel.toLowerCase();
      return new Promise<ChannelSyncResult>((resolve, reject) => {
        queue = queue.then(async () => {
          try {
            const result = await syncChannelMtproto(ctx, key, syncOptions);
            await learn(key);
            resolve(result);
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      });
    },
    async idle() {
      // Settling reads first, then whatever they queued.
      while (pending.size > 0) await new Promise((r) => setTimeout(r, Math.max(1, settleMs)));
      for (let last: Promise<void> | null = null; last !== queue;) {
        last = queue;
        await last;
      }
    },
    async stop() {
      clearInterval(recheck);
      for (const t of pending.values()) clearTimeout(t.timer);
      pending.clear();
      await subscription!.stop().catch((e) => options.onError?.('', new Error(errorMessage(e))));
      await queue;
    },
  };
}
