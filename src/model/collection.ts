// Live collection: the channels followed and where each one's walk through t.me stands.

/** A channel tgwire collects live; `depth` limits the backfill (an ISO date, or the oldest post id). */
export interface Follow {
  channel: string;
  depth: string | number | null;
  addedAt: string;
}

/**
 * Live-collection state of one channel (pipeline/collect): where its walk through t.me stands, and how it last failed.
 * Saved in the same transaction as the page of posts it describes, so a killed sync resumes exactly.
 */
export interface SyncState {
  /** 'ok', 'error' (network/server), or the ChannelProblem that stops reading it; null before the first sync. */
  status: string | null;
  lastError: string | null;
  /** Consecutive failed syncs. */
  errorCount: number;
  /** ISO; no sync before then unless forced (back-off after failures). */
  nextCheckAt: string | null;
  /** ISO of the last successful sync. */
  lastSyncAt: string | null;
  /** Newest post id collected; every post from bottomId up to topId has been seen. */
  topId: number | null;
  /** Oldest post id collected: the backfill continues with ?before=bottomId. */
  bottomId: number | null;
  bottomDate: string | null;
  /** The walk reached the channel's first page. */
  reachedStart: boolean;
  /**
   * The start was seen for sure: a page with posts and no link to older ones, or an empty older page whose page
   * above showed no older posts either. A reachedStart without it (tgwire before 2026-12 took one empty answer for
   * the start, which t.me misbehaving also gives) is checked again at the next sync of the channel.
   */
  startConfirmed?: boolean;
  /** Post id -> how many re-reads of its range did not show it (deleted after 2). */
  misses: Record<string, number>;
  /** ISO: when the newest pages were last re-read deeper than usual (CollectContext.deepRecheck). */
  deepRecheckAt?: string;
  /** How the channel is collected: through the web preview (absent: 'web') or the Telegram account. */
  via?: CollectVia;
  /** MTProto: the peer resolved once (id and access hash), so its username is never resolved again. */
  peer?: { type: 'channel' | 'chat' | 'user'; id: number; accessHash: string };
  /** MTProto: also collect each post's comments (`channels add --comments`). */
  comments?: boolean;
  /** The linked discussion group's channel key, where the comments are stored (learnt from the first thread). */
  discussion?: string;
  /**
   * Post id -> its thread's cursor: the newest comment id stored and the post's reply count when it was read;
   * `want` (the count seen since) marks a thread to read, saved with the page of posts that showed it.
   */
  threads?: Record<string, { top: number; replies: number; want?: number }>;
}

export type CollectVia = 'web' | 'mtproto';
