// A story with its members' posts, and the one line that names its versions: shared by the web pages, the API and
// the digests, so a story reads the same everywhere.
import type { Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import type { StoryMember } from '../model/story.js';
import type { Store } from '../store/store.js';

export interface StoryInfo {
  id: string;
  members: { member: StoryMember; post: Post }[];
  canonical: Post;
}

function sortKey(p: Post): string {
  return p.date ?? '9999';
}

/** The story's members with their posts, oldest first (undated last); null when none of its posts is left. */
export async function loadStory(store: Store, storyId: string): Promise<StoryInfo | null> {
  const members = await store.getStoryMembers(storyId);
  const loaded: StoryInfo['members'] = [];
  for (const member of members) {
    const post = await store.getPost(member.channel, member.id);
    if (post) loaded.push({ member, post });
  }
  if (loaded.length === 0) return null;
  loaded.sort((a, b) => sortKey(a.post).localeCompare(sortKey(b.post)) || a.post.id - b.post.id);
  const canonical = (loaded.find((m) => m.member.reason === 'canonical') ?? loaded[0]!).post;
  return { id: storyId, members: loaded, canonical };
}

/** Where a story's statement was first carried when that is outside the archive (see forwardedOrigin). */
export interface ForwardedOrigin {
  /** The origin as its forwards name it ("Russian MFA 🇷🇺"). */
  name: string;
  /** `username/postId` of the origin post when a forward links it, else null. */
  key: string | null;
  /** The earliest member forwarding it. */
  via: Post;
}

/**
 * The origin a member forwards when it is not in the story (never stored: grouping makes a stored origin the
 * canonical post): the statement was first carried there, not by the canonical post, which is then only the
 * archive's earliest version of it (a channel's own translation). Null when no member forwards from outside.
 */
export function forwardedOrigin(s: StoryInfo): ForwardedOrigin | null {
  const keys = new Set(s.members.map((m) => postKey(m.post).toLowerCase()));
  for (const { post } of s.members) {
    const ff = post.forwardedFrom;
    if (!ff) continue;
    const key = ff.username && ff.postId !== null ? `${ff.username}/${ff.postId}` : null;
    if (key && keys.has(key.toLowerCase())) continue;
    return { name: ff.name || ff.username || 'another channel', key, via: post };
  }
  return null;
}

/** "3 versions: en, fr — channels a, b". */
export function storySummary(s: StoryInfo): string {
  const langs = [...new Set(s.members.map((m) => m.post.lang).filter((l): l is string => !!l))];
  const chans = [...new Set(s.members.map((m) => m.post.channel))];
  const n = s.members.length;
  return `${n} version${n === 1 ? '' : 's'}${langs.length ? `: ${langs.join(', ')}` : ''} — channel${chans.length === 1 ? '' : 's'} ${chans.join(', ')}`;
}
