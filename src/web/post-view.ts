// One post as a card: origin of a forward, text with entities, media as media (or a clear badge), meta line.
import type { Channel, Media, Post } from '../model/post.js';
import {
  forwardOriginUrl,
  mediaKindName,
  mediaTitle,
  renderEntitiesHtml,
  safeUrl,
  visibleText,
} from '../feeds/post-html.js';
import {
  archiveMediaUrl,
  byteSize,
  copyView,
  posterHash,
  skipText,
  type CopyView,
} from '../feeds/media-copy.js';
import { limitPost, listPost } from '../model/limits.js';
import { formatCount, html, join, raw, time, type Html } from './html.js';

export interface ViewContext {
  tmeBase: string;
  /** Channels with a real Telegram username (links to t.me make sense for them only). */
  publicChannels: ReadonlySet<string>;
  titles: ReadonlyMap<string, string>;
  /** The app serves its kept media (/media/HASH): items with a copy are shown from the archive. */
  media: boolean;
  /** The per-file limit in force, for "not kept: over the 50 MB limit". */
  maxFileBytes?: number;
}

export function viewContext(
  channels: readonly Channel[],
  tmeBase: string,
  media: { served: boolean; maxFileBytes?: number } = { served: false },
): ViewContext {
  return {
    tmeBase,
    publicChannels: new Set(channels.filter((c) => c.username).map((c) => c.key)),
    titles: new Map(channels.map((c) => [c.key, c.title ?? c.key])),
    media: media.served,
    maxFileBytes: media.maxFileBytes,
  };
}

/** The web app's own address of a kept file (root-relative, as every link of the app). */
export const mediaPath = (sha256: string) => archiveMediaUrl('', sha256);

export const postPath = (p: Pick<Post, 'channel' | 'id'>) => `/c/${encodeURIComponent(p.channel)}/${p.id}`;
export const channelPath = (key: string) => `/c/${encodeURIComponent(key)}`;
export const tagHref = (tag: string) => `/search?q=${encodeURIComponent(tag)}`;

/** Posts' links on the pages: out of the archive in a new tab (hashtag searches stay), and bare URLs linked too. */
export const PAGE_LINKS = { tagHref, newTab: true, linkBareUrls: true } as const;

export function telegramUrl(ctx: ViewContext, p: Pick<Post, 'channel' | 'id'>): string | null {
  return ctx.publicChannels.has(p.channel) ? `${ctx.tmeBase}/${encodeURIComponent(p.channel)}/${p.id}` : null;
}

const httpUrl = (u: string | undefined) => {
  const s = safeUrl(u);
  return s && /^https?:/.test(s) ? s : null;
};

function sizeText(bytes: number | undefined): string {
  if (!bytes) return '';
  if (bytes >= 1 << 20) return ` · ${(bytes / (1 << 20)).toFixed(1)} MB`;
  return ` · ${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** An item the archive keeps, shown from its copy: the image, a player, or the file with its name and size. */
function keptView(m: Media, v: CopyView): Html {
  const href = mediaPath(v.copy.sha256);
  const poster = posterHash(m);
  switch (v.as) {
    case 'image': {
      const img = html`<img
        src="${mediaPath(v.shown)}"
        alt="${mediaTitle(m)}"
        loading="lazy"
        ${m.width ? html`width="${m.width}" height="${m.height ?? ''}"` : ''}
      />`;
      return html`<figure class="photo"><a href="${href}">${img}</a></figure>`;
    }
    case 'video':
      return html`<figure class="video">
        <video
          controls
          preload="metadata"
          src="${href}"
          ${poster ? html`poster="${mediaPath(poster)}"` : ''}
          ${m.type === 'gif' ? raw('loop muted') : ''}
        ></video>
      </figure>`;
    case 'audio':
      return html`<figure class="audio">
        <figcaption>${mediaTitle(m)}</figcaption>
        <audio controls preload="metadata" src="${href}"></audio>
      </figure>`;
    case 'file': {
      const name = m.fileName ?? '';
      return html`<div class="media-badge media-file media-${m.type}">
        ${poster ? html`<img src="${mediaPath(poster)}" alt="" loading="lazy" />` : ''}
        <span class="badge">${mediaKindName(m.type)}</span>
        <a href="${href}" download="${name}">${name || 'Download'}</a>
        <span class="muted">${byteSize(v.copy.size)}</span>
      </div>`;
    }
  }
}

function mediaView(ctx: ViewContext, post: Post, m: Media): Html {
  const kept = ctx.media ? copyView(m) : null;
  if (kept) return keptView(m, kept);
  const kind = mediaKindName(m.type);
  // Why there is no copy, when the archive tried (over a cap, not in the export …).
  const note = m.skipped
    ? html`<small class="muted skipped">${skipText(m.skipped, ctx.maxFileBytes)}</small>`
    : '';
  const tg = telegramUrl(ctx, post);
  const viewLink = tg ? html` — <a href="${tg}" rel="noopener">view on Telegram</a>` : '';
  if (m.type === 'link_preview' && m.preview) {
    const href = httpUrl(m.preview.url);
    // The preview's picture lives on the source's CDN: shown only from the archive's copy (see below).
    const kept = ctx.media ? posterHash(m) : null;
    const img = kept ? mediaPath(kept) : null;
    return html`<aside class="preview">
      ${m.preview.site ? html`<div class="site">${m.preview.site}</div>` : ''}
      ${href ? html`<a href="${href}" rel="nofollow noopener noreferrer">${m.preview.title ?? m.preview.url}</a>` : html`<span>${m.preview.title ?? m.preview.url}</span>`}
      ${m.preview.description ? html`<p>${m.preview.description}</p>` : ''}
      ${img ? html`<img src="${img}" alt="" loading="lazy" />` : ''}
    </aside>`;
  }
  if (m.type === 'poll' && m.poll) {
    const opts = join(
      m.poll.options.map(
        (o) =>
          html`<li>
            <span>${o.text}</span
            >${o.percent != null ? html` <b>${o.percent}%</b><meter min="0" max="100" value="${o.percent}"></meter>` : ''}
          </li>`,
      ),
    );
    return html`<div class="poll">
      <div class="badge">${m.poll.kind ?? 'Poll'}</div>
      <p class="q">${m.poll.question}</p>
      <ul>
        ${opts}
      </ul>
      ${m.poll.totalVoters != null ? html`<small>${m.poll.totalVoters} votes</small>` : ''}
    </div>`;
  }
  if (m.type === 'location' && m.location) {
    const { lat, lon } = m.location;
    const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=15/${lat}/${lon}`;
    return html`<div class="media-badge">
      <span class="badge">Location</span>
      <a href="${href}" rel="noopener">${lat.toFixed(5)}, ${lon.toFixed(5)}</a>
    </div>`;
  }
  // No file from the source's CDN is ever embedded: its links expire within days, and each reader's browser would
  // tell Telegram which archive page it reads. What the archive did not keep is a placeholder; the archive's copy of
  // a poster, when it has one, stands in for the picture.
  const archived = ctx.media ? posterHash(m) : null;
  const duration = m.duration
    ? ` · ${Math.floor(m.duration / 60)}:${String(Math.round(m.duration % 60)).padStart(2, '0')}`
    : '';
  const what = mediaTitle(m) === kind ? '' : mediaTitle(m).replace(`${kind}: `, '');
  // The skip note already says "not kept" (and why) when the archive tried.
  const status = !m.supported
    ? html`<span class="muted">not shown by the source</span>`
    : m.skipped
      ? ''
      : html`<span class="muted">not kept</span>`;
  return html`<div class="media-badge media-missing media-${m.type}">
    ${archived ? html`<img src="${mediaPath(archived)}" alt="" loading="lazy" />` : ''}
    <span class="badge">${kind}</span> ${what}${duration}${sizeText(m.fileSize)} ${status}${viewLink} ${note}
  </div>`;
}

export interface PostViewOptions {
  /** Show the channel name (feeds across channels). */
  showChannel?: boolean;
  /** Extra line under the post (story summary). */
  extra?: Html;
  /** The post's own page: its whole text; lists show the first LIST_POST_CHARS and link to the rest. */
  whole?: boolean;
}

export function postView(ctx: ViewContext, post: Post, o: PostViewOptions = {}): Html {
  const f = post.forwardedFrom;
  const origin = f ? forwardOriginUrl(post, ctx.tmeBase) : null;
  // Bounded whatever the archive holds (a row stored before the limits, a list of long posts).
  const shown = o.whole ? { post: limitPost(post).post, omitted: 0 } : listPost(post);
  const { text, entities } = visibleText(shown.post);
  const more = shown.omitted
    ? html`<p class="more">
        <a href="${postPath(post)}"
          >… ${shown.omitted.toLocaleString('en-US')} more characters: the whole post</a
        >
      </p>`
    : '';
  const body = text.trim()
    ? raw(renderEntitiesHtml(text, entities, { ...PAGE_LINKS, tmeBase: ctx.tmeBase }))
    : '';
  const tg = telegramUrl(ctx, post);
  const title = ctx.titles.get(post.channel) ?? post.channel;
  const service = post.service
    ? html`<p class="service">${post.service.text ?? post.service.action.replace(/_/g, ' ')}</p>`
    : '';
  return html`<article
    class="post${post.deleted ? ' deleted' : ''}"
    id="p-${post.channel}-${post.id}"
    data-lang="${post.lang ?? ''}"
  >
    <header>
      ${o.showChannel ? html`<a class="chan" href="${channelPath(post.channel)}">${title}</a>` : ''}
      ${post.author ? html`<span class="author">${post.author}</span>` : ''}
      <a class="when" href="${postPath(post)}">${time(post.date, `#${post.id}`)}</a>
      ${post.edited || post.editDate ? html`<a class="edited" href="${postPath(post)}#versions">edited${post.editDate ? html` ${time(post.editDate)}` : ''}</a>` : ''}
      ${post.deleted ? html`<span class="badge deleted">deleted</span>${post.deletedAt ? html` <span class="deleted-at">noticed ${time(post.deletedAt)}</span>` : ''}` : ''}
      ${post.restored && !post.deleted ? html`<span class="restored">marked deleted ${time(post.restored.deletedAt)}, seen again ${time(post.restored.at)}</span>` : ''}
      ${post.lang ? html`<span class="lang">${post.lang}</span>` : ''}
    </header>
    ${f ? html`<p class="fwd">Forwarded from ${origin ? html`<a href="${origin}" rel="noopener">${f.name}</a>` : html`<b>${f.name}</b>`}${f.author ? html` (${f.author})` : ''}</p>` : ''}
    ${post.replyTo ? html`<p class="reply">In reply to <a href="${postPath({ channel: post.channel, id: post.replyTo })}">#${post.replyTo}</a></p>` : ''}
    ${service} ${body ? html`<div class="text" dir="auto">${body}</div>` : ''} ${more}
    ${post.media.length ? html`<div class="media">${join(post.media.map((m) => mediaView(ctx, post, m)))}</div>` : ''}
    <footer>
      ${post.views != null ? html`<span class="views" title="${post.views} views">${formatCount(post.views)} views</span>` : ''}
      ${post.reactions.length ? html`<span class="reactions">${join(post.reactions.map((r) => html`<span>${r.emoji ?? (r.paid ? '⭐' : '•')} ${formatCount(r.count)}</span>`))}</span>` : ''}
      ${
        (post.topics ?? []).length
          ? html`<span class="topics"
              >${join(
                (post.topics ?? []).map((t) => html`<a href="/t/${encodeURIComponent(t)}">${t}</a>`),
                ' ',
              )}</span
            >`
          : ''
      }
      ${post.story ? html`<a class="story" href="/s/${encodeURIComponent(post.story)}">story</a>` : ''}
      ${tg ? html`<a class="tg" href="${tg}" rel="noopener">t.me</a>` : ''}
    </footer>
    ${o.extra ?? ''}
  </article>`;
}
