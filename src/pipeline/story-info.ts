// A story with its members' posts, and the one line that names its versions: shared by the web pages, the API and
// the digests, so a story reads the same everywhere.
import type { Post } from '../model/post.js';
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

/** "3 versions: en, fr — channels a, b". */
export function storySummary(s: StoryInfo): string {
  const langs = [...new Set(s.members.map((m) => m.post.lang).filter((l): l is string => !!l))];
  const chans = [...new Set(s.members.map((m) => m.post.channel))];
  const n = s.members.length;
  return `${n} version${n === 1 ? '' : 's'}${langs.length ? `: ${langs.join(', ')}` : ''} — channel${chans.length === 1 ? '' : 's'} ${chans.join(', ')}`;
}
