// Helpers the route modules share: the view context of a request, 404s, pager links, story summaries.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Post } from '../../model/post.js';
import type { StoryMember } from '../../model/story.js';
import type { Store } from '../../store/store.js';
import type { WebContext, WebEnv } from '../app.js';
import { html, qs, type Html } from '../html.js';
import { viewContext, type ViewContext } from '../post-view.js';

export async function requestView(ctx: WebContext): Promise<ViewContext> {
  return viewContext(await ctx.store.listChannels(), ctx.config.tmeBase, {
    served: ctx.media !== null,
    maxFileBytes: ctx.config.media.maxFileBytes,
  });
}

export function notFound(what: string): never {
  throw new HTTPException(404, { message: what });
}

/** A route param as a positive post id, or a 404. */
export function postIdParam(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) notFound(`no post ${raw}`);
  return Number(raw);
}

export function nonce(c: Context<WebEnv>): string {
  return c.get('nonce');
}

/** Older/newer links keeping the page's other query parameters. */
export function pager(
  path: string,
  params: Record<string, string | undefined>,
  page: { older: string | null; newer: string | null },
): Html {
  const link = (cursor: string) => `${path}${qs({ ...params, cursor: cursor || undefined })}`;
  return html`<nav class="pager">
    <span>${page.newer !== null ? html`<a class="newer" href="${link(page.newer)}">← Newer</a>` : ''}</span>
    <span
      >${page.older !== null ? html`<a class="older" href="${link(page.older)}" rel="next">Older →</a>` : ''}</span
    >
  </nav>`;
}

export interface StoryInfo {
  id: string;
  members: { member: StoryMember; post: Post }[];
  canonical: Post;
}

function sortKey(p: Post): string {
  return p.date ?? '9999';
}

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
