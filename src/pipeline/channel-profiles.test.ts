// Channel profiles kept between groupings: learned from the latest posts, again once they are an hour old.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineKey } from '../dedup/profile.js';
import { emptyPost } from '../model/post.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { ChannelProfiles, PROFILE_POSTS, PROFILE_TTL_MS } from './channel-profiles.js';

const posts = (channel: string, n: number, footer: string, from = 1) =>
  Array.from({ length: n }, (_, i) => ({
    ...emptyPost(channel, from + i, 'tme-html'),
    date: new Date(Date.UTC(2024, 8, 1, 0, from + i)).toISOString(),
    text: `Statement number ${from + i} on a matter of its own.\n\n${footer}`,
  }));

test('a profile is learned from the latest posts once, and again when it is older than the TTL', async () => {
  const store = await openSqliteStore(':memory:');
  try {
    await store.savePosts(posts('mfa', PROFILE_POSTS + 100, 'Subscribe: t.me/mfa'));
    await store.savePosts(posts('quiet', 5, 'Our site: quiet.example'));
    let now = 0;
    const profiles = new ChannelProfiles(PROFILE_TTL_MS, () => now);
    const footer = lineKey('Subscribe: t.me/mfa');
    assert.equal(profiles.profile('mfa').lines.size, 0, 'nothing is boilerplate before learning');

    await profiles.learn(store, ['mfa', 'quiet']);
    assert.equal(
      profiles.postsRead,
      PROFILE_POSTS + 5,
      'the latest posts of each channel, at most PROFILE_POSTS',
    );
    assert.ok(profiles.profile('mfa').lines.has(footer!));
    assert.ok(profiles.profile('quiet').lines.has(lineKey('Our site: quiet.example')!));

    // Within the hour nothing is read again, even when the channel changed its footer meanwhile.
    await store.savePosts(posts('mfa', PROFILE_POSTS, 'Follow us: t.me/mfa_new', PROFILE_POSTS + 101));
    now = PROFILE_TTL_MS - 1;
    await profiles.learn(store, ['mfa', 'quiet']);
    assert.equal(profiles.postsRead, PROFILE_POSTS + 5);
    assert.ok(profiles.profile('mfa').lines.has(footer!));

    // An hour on, the channel is learned again from its latest posts: the new footer, not the old one.
    now = PROFILE_TTL_MS;
    await profiles.learn(store, ['mfa']);
    assert.equal(profiles.postsRead, 2 * PROFILE_POSTS + 5);
    assert.ok(profiles.profile('mfa').lines.has(lineKey('Follow us: t.me/mfa_new')!));
    assert.ok(!profiles.profile('mfa').lines.has(footer!));
  } finally {
    await store.close();
  }
});
