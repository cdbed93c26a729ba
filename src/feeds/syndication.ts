// Pure (FeedMeta, Post[]) -> RSS 2.0, Atom 1.0 and JSON Feed 1.1 renderers built on the `feed` package.
import { Feed, type Item } from 'feed';
import type { Media, Post } from '../model/post.js';
import {
  escapeHtml,
  forwardOriginUrl,
  mediaKindName,
  mediaTitle,
  postTitle,
  renderEntitiesHtml,
  safeUrl,
  visibleText,
} from './post-html.js';

export interface FeedMeta {
  title: string;
  description?: string;
  /** Stable feed id (a URL or tag: URI). */
  id: string;
  /** The HTML page the feed mirrors (absolute). */
  link: string;
  /** This feed's own URL (absolute). */
  feedUrl: string;
  /** Newest item date or the generation time; also the date of undated posts (text dumps carry none). */
  updated: Date;
  language?: string;
  /** Absolute base of this site, for local post pages and hashtag search links ("http://host:8080"). */
  siteUrl: string;
  /** @default https://t.me */
  tmeBase?: string;
  /** Channels known by a real Telegram username: their items link to t.me, the others to the local post page. */
  publicChannels: ReadonlySet<string>;
}

const siteBase = (meta: FeedMeta) => meta.siteUrl.replace(/\/+$/, '');
const tmeBase = (meta: FeedMeta) => (meta.tmeBase ?? 'https://t.me').replace(/\/+$/, '');

/** Stable across renders and hosts: the post's identity, never its URL. */
export function itemGuid(post: Pick<Post, 'channel' | 'id'>): string {
  return `tgwire:${post.channel}/${post.id}`;
}

export function itemLink(meta: FeedMeta, post: Post): string {
  return meta.publicChannels.has(post.channel)
    ? `${tmeBase(meta)}/${encodeURIComponent(post.channel)}/${post.id}`
    : `${siteBase(meta)}/c/${encodeURIComponent(post.channel)}/${post.id}`;
}

// XML 1.0 forbids these characters even escaped; a post carrying one must not make the whole feed invalid.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** For text the feed package writes as escaped XML text. */
function xmlText(s: string): string {
  return s.replace(XML_INVALID, '');
}

/** For titles and content, which the feed package writes into CDATA, where "]]>" would end it early. */
function xmlSafe(s: string): string {
  return xmlText(s).replace(/]]>/g, ']]&gt;');
}

/** The feed package writes category labels into attributes without escaping them: keep only inert characters. */
function attrSafe(s: string): string {
  return (
    xmlText(s)
      .replace(/[<>&"']/g, '')
      .trim() || '-'
  );
}

function mediaHtml(meta: FeedMeta, post: Post, m: Media): string {
  const kind = escapeHtml(mediaKindName(m.type));
  if (m.type === 'link_preview' && m.preview) {
    const href = safeUrl(m.preview.url);
    const title = escapeHtml(m.preview.title ?? m.preview.site ?? m.preview.url);
    const desc = m.preview.description ? `<br>${escapeHtml(m.preview.description)}` : '';
    return href ? `<p><a href="${escapeHtml(href)}">${title}</a>${desc}</p>` : `<p>${title}${desc}</p>`;
  }
  if (m.type === 'poll' && m.poll) {
    const opts = m.poll.options
      .map((o) => `<li>${escapeHtml(o.text)}${o.percent != null ? ` — ${o.percent}%` : ''}</li>`)
      .join('');
    return `<p>${kind}: ${escapeHtml(m.poll.question)}</p><ul>${opts}</ul>`;
  }
  const img = m.type === 'photo' ? safeUrl(m.url ?? m.thumbUrl) : safeUrl(m.thumbUrl);
  if (m.supported && img && /^https?:/.test(img)) {
    return `<p><img src="${escapeHtml(img)}" alt="${escapeHtml(mediaTitle(m))}"></p>`;
  }
  // Media the source could not show: a clear badge and a way to see it, never the placeholder sentence.
  const view = meta.publicChannels.has(post.channel) ? itemLink(meta, post) : null;
  const label = escapeHtml(mediaTitle(m));
  return view ? `<p>[${label}] <a href="${escapeHtml(view)}">View on Telegram</a></p>` : `<p>[${label}]</p>`;
}

/** The item body: forward line, text with entities, then media. */
export function itemContentHtml(meta: FeedMeta, post: Post): string {
  const parts: string[] = [];
  const f = post.forwardedFrom;
  if (f) {
    const href = forwardOriginUrl(post, tmeBase(meta));
    const name = escapeHtml(f.name);
    parts.push(`<p>Forwarded from ${href ? `<a href="${escapeHtml(href)}">${name}</a>` : name}</p>`);
  }
  const { text, entities } = visibleText(post);
  if (text.trim()) {
    const tagHref = (tag: string) => `${siteBase(meta)}/search?q=${encodeURIComponent(tag)}`;
    parts.push(`<p>${renderEntitiesHtml(text, entities, { tagHref, tmeBase: tmeBase(meta) })}</p>`);
  }
  for (const m of post.media) parts.push(mediaHtml(meta, post, m));
  if (post.deleted) parts.push('<p><em>Deleted at the source.</em></p>');
  return parts.join('\n');
}

function buildFeed(meta: FeedMeta, posts: readonly Post[]): Feed {
  const feed = new Feed({
    id: meta.id,
    title: xmlText(meta.title),
    description: meta.description ? xmlText(meta.description) : undefined,
    link: meta.link,
    language: meta.language,
    updated: meta.updated,
    generator: 'tgwire',
    feedLinks: { rss: meta.feedUrl, atom: meta.feedUrl, json: meta.feedUrl },
    copyright: '',
  });
  const seen = new Set<string>();
  for (const post of posts) {
    const guid = itemGuid(post);
    if (seen.has(guid)) continue;
    seen.add(guid);
    const f = post.forwardedFrom;
    const origin = f ? forwardOriginUrl(post, tmeBase(meta)) : null;
    const author = f ? f.name : (post.author ?? post.channel);
    const categories = [
      ...(post.topics ?? []).map((t) => ({ name: attrSafe(t), term: attrSafe(t) })),
      ...(f
        ? [{ name: attrSafe(`forwarded from ${f.name}`), term: attrSafe(`from:${f.username ?? f.name}`) }]
        : []),
    ];
    const item: Item = {
      // Titles are escaped text: Atom declares them HTML and many RSS readers treat them so.
      title: xmlSafe(escapeHtml(postTitle(post))),
      id: guid,
      guid,
      link: itemLink(meta, post),
      date: post.date ? new Date(post.editDate ?? post.date) : meta.updated,
      published: post.date ? new Date(post.date) : undefined,
      content: xmlSafe(itemContentHtml(meta, post)),
      author: [{ name: xmlText(author), link: origin ?? undefined }],
      category: categories,
    };
    feed.addItem(item);
  }
  return feed;
}

export function renderRss(meta: FeedMeta, posts: readonly Post[]): string {
  return buildFeed(meta, posts).rss2();
}

export function renderAtom(meta: FeedMeta, posts: readonly Post[]): string {
  return buildFeed(meta, posts).atom1();
}

/** JSON Feed 1.1; "<", ">" and "&" are written as \u escapes so the raw bytes carry no markup. */
export function renderJsonFeed(meta: FeedMeta, posts: readonly Post[]): string {
  const raw = JSON.parse(buildFeed(meta, posts).json1()) as {
    title?: string;
    items?: { title?: string; tags?: string[]; author?: { name?: string } }[];
  };
  // JSON Feed titles are plain text: undo the HTML escaping the XML formats need.
  const byGuid = new Map(posts.map((p) => [itemGuid(p), p]));
  raw.title = meta.title;
  for (const item of raw.items ?? []) {
    const post = byGuid.get((item as { id?: string }).id ?? '');
    if (post) item.title = postTitle(post);
  }
  return JSON.stringify(raw, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
