// What each channel repeats on every post (footers, signatures, recurring marks), learned from its latest posts for
// story grouping and kept between groupings for a while: a desk of 1,000 channels reads 500,000 posts to learn them
// all, which a grouping every minute cannot afford to do again each time.
import { ProfileLearner } from '../dedup/profile.js';
import type { ChannelProfile } from '../dedup/profile.js';
import { EMPTY_PROFILE } from '../dedup/profile.js';
import type { Store } from '../store/store.js';

/** A channel's boilerplate is learned from its latest posts. */
export const PROFILE_POSTS = 500;
/**
 * A profile learned this long ago is learned again: a channel that changes its footer has it stripped within the
 * hour, and a desk relearns its channels hourly rather than every minute.
 */
export const PROFILE_TTL_MS = 3_600_000;

export class ChannelProfiles {
  private readonly learned = new Map<string, { profile: ChannelProfile; at: number }>();
  /** Texts read to learn profiles, over this object's life. */
  postsRead = 0;

  constructor(
    private readonly ttlMs = PROFILE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Learns the profiles of the given channels not learned yet, or learned more than the TTL ago. */
  async learn(store: Store, channels: Iterable<string>): Promise<void> {
    for (const ch of channels) {
      const had = this.learned.get(ch);
      if (had && this.now() - had.at < this.ttlMs) continue;
      const learner = new ProfileLearner();
      const texts = await store.latestTexts(ch, PROFILE_POSTS);
      this.postsRead += texts.length;
      for (const t of texts) learner.add(ch, t);
      this.learned.set(ch, { profile: learner.profile(ch), at: this.now() });
    }
  }

  /** The channel's profile as last learned; nothing is boilerplate for a channel not learned. */
  profile(channel: string): ChannelProfile {
    return this.learned.get(channel)?.profile ?? EMPTY_PROFILE;
  }
}
