// Helpers the route modules share: the view context of a request, 404s, pager links.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
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

/**
 * The stored name of a topic written in another case (/t/BRICS for brics), as `topic:` and `--topic` read it, when
 * exactly one topic folds so; null otherwise.
 */
export function topicInOtherCase(topics: readonly { name: string }[], name: string): string | null {
  const folded = topics.filter((t) => t.name.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0]!.name : null;
}

/** A route param as a positive post id, or a 404 naming the post as the reader wrote it ("no post sample/abc"). */
export function postIdParam(raw: string, channel: string): number {
  if (!/^\d{1,15}$/.test(raw)) notFound(`no post ${channel}/${raw}: a post is named by its number`);
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
