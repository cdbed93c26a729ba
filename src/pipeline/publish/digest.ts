// A period's posts as a digest file: the sample's plain-text format, Markdown or HTML; oldest first.
import { postKey, type Post } from '../../model/post.js';
import type { PostQuery, Store } from '../../store/store.js';
import { renderTextDigest } from '../../feeds/text.js';
import { postLinks, postUrl } from '../../feeds/links.js';
import { renderMarkdownDigest } from '../../feeds/markdown.js';
import { renderHtmlDigest } from '../../feeds/html-digest.js';
import { firstOfEachStory } from './select.js';
import { forwardedOrigin, loadStory, storySummary } from '../story-info.js';

export const DIGEST_FORMATS = ['text', 'html', 'md'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export interface DigestRequest {
  topic?: string;
  channel?: string;
  /** ISO date or date-time, inclusive. */
  since?: string;
  /** How `since` was chosen, for the subtitle ("the last 24 hours"). */
  period?: string;
  /** Exclusive for a date-time, the whole day for a bare YYYY-MM-DD. */
  until?: string;
  /** One entry per story (its first post). @default false */
  stories?: boolean;
}

/** How a digest names channels, links posts and names the other versions of a story. */
export interface DigestLinks {
  channelTitles?: ReadonlyMap<string, string>;
  urlFor?: (post: Post) => string | null;
  storyLine?: (post: Post) => string | null;
  /** The period's posts deleted at the source and left out (md and html name them). */
  deleted?: readonly string[];
}

/**
 * Links from the archive's channels: t.me for channels with a username, the archive's public URL for the others
 * (none without one).
 */
export async function digestLinks(
  store: Store,
  options: { tmeBase?: string; publicUrl?: string | null } = {},
): Promise<DigestLinks> {
  const channels = await store.listChannels();
  const links = postLinks(channels, options);
  return {
    channelTitles: new Map(channels.flatMap((c) => (c.title ? [[c.key, c.title] as const] : []))),
    urlFor: (post) => postUrl(post, links),
  };
}

/** The digest's posts, oldest first; deleted posts are left out. */
export async function digestPosts(store: Store, req: DigestRequest): Promise<Post[]> {
  return (await digestSelection(store, req)).posts;
}

/**
 * The digest's posts (as digestPosts), and the keys (`channel/id`) of the period's posts deleted at the source,
 * which a digest leaves out: the md and html formats name them, so a reader knows a statement was withdrawn.
 */
export async function digestSelection(
  store: Store,
  req: DigestRequest,
): Promise<{ posts: Post[]; deleted: string[] }> {
  const query: PostQuery = {
    topic: req.topic,
    channel: req.channel?.toLowerCase(),
    since: req.since,
    until: req.until,
    order: 'asc',
  };
  const posts: Post[] = [];
  const deleted: string[] = [];
  for await (const p of store.iteratePosts(query)) {
    if (p.deleted) deleted.push(postKey(p));
    else posts.push(p);
  }
  return { posts: req.stories ? firstOfEachStory(posts) : posts, deleted };
}

/**
 * For a digest of one entry per story: the line under each entry naming its story's versions (every member, in any
 * channel or period, as the story page counts them), for stories of more than one post. The text format has no
 * place for it (it is the sample's format).
 */
export async function digestStoryLines(
  store: Store,
  posts: readonly Post[],
): Promise<(post: Post) => string | null> {
  const lines = new Map<string, { summary: string; members: Post[] }>();
  for (const id of new Set(posts.map((p) => p.story).filter((s): s is string => !!s))) {
    const story = await loadStory(store, id);
    if (story && story.members.length > 1) {
      const from = forwardedOrigin(story);
      const summary = storySummary(story) + (from ? `; first carried by ${from.name}` : '');
      lines.set(id, { summary, members: story.members.map((m) => m.post) });
    }
  }
  return (post) => {
    const line = post.story ? lines.get(post.story) : undefined;
    if (!line) return null;
    // The entry shows one member's text: another member corrected or withdrawn since must not go unsaid.
    const others = line.members.filter((m) => postKey(m) !== postKey(post));
    const changes = [
      ...listed(
        'corrected at the source',
        others.filter((m) => m.edited && !m.deleted),
      ),
      ...listed(
        'deleted at the source',
        others.filter((m) => m.deleted),
      ),
    ];
    return [line.summary, ...changes].join('; ');
  };
}

const listed = (what: string, posts: readonly Post[]): string[] =>
  posts.length ? [`${what}: ${posts.map(postKey).join(', ')}`] : [];

/** "brics, sample: 2024-09-02 – 2024-10-11" from the request (used by the md/html formats only). */
export function digestTitle(req: DigestRequest, posts: readonly Post[]): { title: string; subtitle: string } {
  const what = [req.topic && `topic ${req.topic}`, req.channel && `channel ${req.channel}`]
    .filter(Boolean)
    .join(', ');
  const dates = posts.map((p) => p.date).filter((d): d is string => d !== null);
  const from = req.since ?? dates[0]?.slice(0, 10);
  const to = req.until ?? dates[dates.length - 1]?.slice(0, 10);
  const period = req.period ?? (from || to ? `${from ?? '…'} – ${to ?? '…'}` : '');
  const one = posts.length === 1;
  const n = `${posts.length} ${req.stories ? (one ? 'story' : 'stories') : one ? 'post' : 'posts'}`;
  return { title: `tgwire digest${what ? `: ${what}` : ''}`, subtitle: period ? `${period}, ${n}` : n };
}

/**
 * Renders the digest; `text` of one channel is byte for byte the format of the sample feed, of several channels
 * names each post's channel and date (see feeds/text.ts).
 */
export function renderDigest(
  posts: readonly Post[],
  format: DigestFormat,
  req: DigestRequest = {},
  links: DigestLinks = {},
): string {
  if (format === 'text') return renderTextDigest(posts, links);
  const meta = { ...digestTitle(req, posts), ...links };
  return format === 'md' ? renderMarkdownDigest(posts, meta) : renderHtmlDigest(posts, meta);
}
