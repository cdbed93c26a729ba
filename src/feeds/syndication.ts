// Pure (FeedMeta, Post[]) -> RSS 2.0, Atom 1.0 and JSON Feed 1.1 renderers built on the `feed` package.
import { Feed, type Item } from 'feed';
import { emptyPost, type Media, type Post } from '../model/post.js';
import { listPost } from '../model/limits.js';
import {
  escapeHtml,
  forwardOriginUrl,
  mediaKindName,
  mediaTitle,
  readerTitle,
  renderEntitiesHtml,
  safeUrl,
  visibleText,
} from './post-html.js';
import { archivePostUrl } from './links.js';
import { archiveMediaUrl, byteSize, copyView, keptFiles, posterHash } from './media-copy.js';
import type { MediaCopy } from '../model/media.js';

export interface FeedMeta {
  title: string;
  description?: string;
  /** Stable feed id (a URL or tag: URI). */
  id: string;
  /** The HTML page the feed mirrors (absolute). */
  link: string;
  /** This feed's own URL (absolute). */
  feedUrl: string;
  /** When the feed last changed: its newest entry's time (see feedUpdated), never the time of the request. */
  updated: Date;
  /**
   * When the archive recorded the current version of each undated post (text dumps), by item guid: the Atom
   * `updated` and JSON Feed `date_modified` of such entries, which have no date of their own. @default none (the
   * feed's `updated` stands in, so every Atom entry has one)
   */
  versionSeen?: ReadonlyMap<string, string>;
  /**
   * What the archive saw change in each edited post, by item guid: when it first saw the current version, and the
   * text that version replaced. Entries show the earlier text, and their `updated` is at least that time, so readers
   * re-surface a corrected post (t.me gives no edit date). @default none
   */
  edits?: ReadonlyMap<string, SeenEdit>;
  language?: string;
  /**
   * Absolute base of this site as readers reach it (the public URL behind a proxy), for local post pages and
   * hashtag search links ("https://archive.example").
   */
  siteUrl: string;
  /** @default https://t.me */
  tmeBase?: string;
  /** Channels known by a real Telegram username: their items link to t.me, the others to the local post page. */
  publicChannels: ReadonlySet<string>;
  /** Channel titles by key, for the titles of media-only posts ("Photo · Russian MFA · 2024-09-09"). */
  channelTitles?: ReadonlyMap<string, string>;
  /**
   * The site serves the archive's kept media at `siteUrl/media/HASH`: items enclose their kept files and show kept
   * photos from there. @default false (items show the source's links only)
   */
  archiveMedia?: boolean;
  /**
   * The stories of several posts the items belong to, by item guid: their page and how many versions they have.
   * Such an item says so and links to the story, where every version is. @default none
   */
  stories?: ReadonlyMap<string, { url: string; versions: number }>;
}

/** An edit the archive saw (see FeedMeta.edits). */
export interface SeenEdit {
  /** When the archive first saw the current version (ISO). */
  seenAt: string;
  /** The text the current version replaced. */
  previous: string;
}

const siteBase = (meta: FeedMeta) => meta.siteUrl.replace(/\/+$/, '');
const tmeBase = (meta: FeedMeta) => (meta.tmeBase ?? 'https://t.me').replace(/\/+$/, '');
const mediaUrl = (meta: FeedMeta, sha256: string) => archiveMediaUrl(siteBase(meta), sha256);
const onTelegram = (meta: FeedMeta, post: Post) => meta.publicChannels.has(post.channel) && !post.deleted;

/** The kept files an item encloses (none when the site does not serve its media). */
function enclosures(meta: FeedMeta, post: Post): MediaCopy[] {
  return meta.archiveMedia ? keptFiles(post.media) : [];
}

/** Stable across renders and hosts: the post's identity, never its URL. */
export function itemGuid(post: Pick<Post, 'channel' | 'id'>): string {
  return `tgwire:${post.channel}/${post.id}`;
}

/**
 * When the entry last changed, the latest of: the post's edit or post date (for an undated post, the time the archive
 * recorded its current version), when the archive saw its current version replace another (FeedMeta.edits), and
 * when it was marked deleted. Null when none is known. Readers re-surface an entry only when this moves, so a
 * correction or a deletion seen on t.me (no edit date there) must move it. Never a post date: the RSS pubDate and
 * the Atom / JSON Feed published date of an undated post stay absent.
 */
export function entryUpdated(meta: Pick<FeedMeta, 'versionSeen' | 'edits'>, post: Post): Date | null {
  const guid = itemGuid(post);
  const times = [
    post.date ? (post.editDate ?? post.date) : meta.versionSeen?.get(guid),
    meta.edits?.get(guid)?.seenAt,
    post.deleted ? post.deletedAt : undefined,
  ].flatMap((t) => (t ? [Date.parse(t)] : []));
  return times.length ? new Date(Math.max(...times)) : null;
}

/** A feed's own `updated`: its newest entry's, else (no entry has one) the Unix epoch, so it is stable between fetches. */
export function feedUpdated(meta: Pick<FeedMeta, 'versionSeen' | 'edits'>, posts: readonly Post[]): Date {
  let newest = 0;
  for (const post of posts) newest = Math.max(newest, entryUpdated(meta, post)?.getTime() ?? 0);
  return new Date(newest);
}

/** t.me's page of a public channel's post; the archive's own page otherwise, and for a post deleted at the source,
 * whose t.me page is gone while the archive still shows it. */
export function itemLink(meta: FeedMeta, post: Post): string {
  return onTelegram(meta, post)
    ? `${tmeBase(meta)}/${encodeURIComponent(post.channel)}/${post.id}`
    : archivePostUrl(siteBase(meta), post);
}

/** The item's plain-text title (see readerTitle). */
export function itemTitle(meta: Pick<FeedMeta, 'channelTitles'>, post: Post): string {
  return readerTitle(post, meta.channelTitles?.get(post.channel) ?? post.channel);
}

// XML 1.0 forbids these characters even escaped; a post carrying one must not make the whole feed invalid.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * For text the feed package writes as escaped XML text. The vertical tab and form feed separate words, as in the
 * title (where every white space is one space): they become a space; the other control characters are dropped.
 */
function xmlText(s: string): string {
  return s.replace(XML_INVALID, (c) => (c === '\u000b' || c === '\u000c' ? ' ' : ''));
}

/** For titles and content, which the feed package writes into CDATA, where "]]>" would end it early. */
function xmlSafe(s: string): string {
  return xmlText(s).replace(/]]>/g, ']]&gt;');
}

/** A category's name or term: text, never empty. */
function categoryText(s: string): string {
  return xmlText(s).trim() || '-';
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
  const kept = meta.archiveMedia ? copyView(m) : null;
  if (kept) {
    const href = escapeHtml(mediaUrl(meta, kept.copy.sha256));
    const label = escapeHtml(mediaTitle(m));
    if (kept.as === 'image') {
      const src = escapeHtml(mediaUrl(meta, kept.shown));
      return `<p><a href="${href}"><img src="${src}" alt="${label}"></a></p>`;
    }
    // Players and files are the item's enclosures; the body shows the poster (when kept) and a link.
    const poster = posterHash(m);
    const name = escapeHtml(m.fileName ?? mediaTitle(m));
    const img = poster ? `<img src="${escapeHtml(mediaUrl(meta, poster))}" alt="${label}"><br>` : '';
    return `<p>${img}<a href="${href}">${name}</a> (${escapeHtml(byteSize(kept.copy.size))})</p>`;
  }
  const archived = meta.archiveMedia ? posterHash(m) : null;
  if (archived)
    return `<p><img src="${escapeHtml(mediaUrl(meta, archived))}" alt="${escapeHtml(mediaTitle(m))}"></p>`;
  // Not kept: a badge and a way to see it, never an <img> on the source's CDN (its links expire within days, and the
  // reader's feed reader would fetch from Telegram), never the placeholder sentence.
  const view = onTelegram(meta, post) ? itemLink(meta, post) : null;
  const label = escapeHtml(mediaTitle(m)) + (m.supported ? ', not kept' : '');
  return view ? `<p>[${label}] <a href="${escapeHtml(view)}">View on Telegram</a></p>` : `<p>[${label}]</p>`;
}

/** The edit mark: when the archive saw the edit and the text it replaced (cut as a list cuts posts), when known. */
function editedHtml(edit: SeenEdit | undefined): string {
  if (!edit) return '<p><em>Edited at the source.</em></p>';
  const { post, omitted } = listPost({ ...emptyPost('', 0, 'text'), text: edit.previous });
  const more = omitted ? ` […${omitted} more characters]` : '';
  return (
    `<p><em>Edited at the source (seen ${escapeHtml(edit.seenAt)}); earlier text:</em></p>` +
    `<blockquote>${escapeHtml(post.text).replace(/\n/g, '<br>')}${more}</blockquote>`
  );
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
  if (post.edited) parts.push(editedHtml(meta.edits?.get(itemGuid(post))));
  if (post.deleted) parts.push('<p><em>Deleted at the source.</em></p>');
  const story = meta.stories?.get(itemGuid(post));
  if (story)
    parts.push(
      `<p>One story in ${story.versions} versions: <a href="${escapeHtml(story.url)}">every version</a></p>`,
    );
  return parts.join('\n');
}

/*
 * What the feed package cannot be told, so its output is finished here:
 * - titles: it writes them as CDATA (and Atom's as type="html"), so an escaped title reads "&quot;" in readers and
 *   an unescaped one would be markup. Each item gets a placeholder title, replaced by the XML-escaped plain text
 *   (Atom: type="text").
 * - Atom entry ids: it reads them as URLs and percent-encodes what is not ASCII (tgwire:%E5%B7%9D…/83), so a
 *   channel named in other letters would have other ids than in RSS and JSON Feed. Entries get a placeholder id,
 *   replaced by the item's guid, XML-escaped (an IRI, as Atom allows).
 * - Atom category labels and terms: it writes them into attributes escaping only "&" and '"', so a "<" (an origin
 *   named `Tricky <Origin>`) would make the feed malformed. They get placeholders, replaced by the attribute-escaped
 *   text.
 * - undated posts (text dumps): it needs a date for every item. In RSS they get UNDATED, whose <pubDate> is then
 *   removed: pubDate is the publication date, and any date would be shown as the post's. Atom requires <updated> on
 *   every entry (RFC 4287 4.1.2), and it and JSON Feed's date_modified mean "when the entry last changed": the time
 *   the archive recorded the post's current version says exactly that (entryUpdated); `published` stays absent.
 */
const UNDATED = new Date('0001-01-01T00:00:00.000Z');
const titleMark = (i: number) => `tgwire-item-title-${i}`;
const idMark = (i: number) => `tgwire-item-id:${i}`;
const labelMark = (i: number) => `tgwire-category-${i}`;

type Format = 'rss' | 'atom' | 'json';

function buildFeed(
  meta: FeedMeta,
  posts: readonly Post[],
  format: Format,
): { feed: Feed; titles: string[]; items: Post[]; labels: string[] } {
  const rss = format === 'rss';
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
  const titles: string[] = [];
  const labels: string[] = [];
  // RSS writes categories as escaped text and JSON Feed as strings; Atom's go through placeholders (see above).
  const label = (s: string) => {
    const text = categoryText(s);
    if (format !== 'atom') return text;
    labels.push(text);
    return labelMark(labels.length - 1);
  };
  const items: Post[] = [];
  for (const post of posts) {
    const guid = itemGuid(post);
    if (seen.has(guid)) continue;
    seen.add(guid);
    const f = post.forwardedFrom;
    const origin = f ? forwardOriginUrl(post, tmeBase(meta)) : null;
    const author = f ? f.name : (post.author ?? post.channel);
    const category = (name: string, term: string) => ({ name: label(name), term: label(term) });
    const categories = [
      ...(post.topics ?? []).map((t) => category(t, t)),
      ...(f ? [category(`forwarded from ${f.name}`, `from:${f.username ?? f.name}`)] : []),
    ];
    const item: Item = {
      title: titleMark(titles.length),
      id: format === 'atom' ? idMark(titles.length) : guid,
      guid,
      link: itemLink(meta, post),
      date: rss && !post.date ? UNDATED : (entryUpdated(meta, post) ?? meta.updated),
      published: post.date ? new Date(post.date) : undefined,
      content: xmlSafe(itemContentHtml(meta, post)),
      author: [{ name: xmlText(author), link: origin ?? undefined }],
      category: categories,
    };
    // RSS takes one enclosure (the package writes it); Atom and JSON Feed get all of them after rendering, as the
    // package writes Atom's type from the URL's extension and JSON Feed attachments not at all.
    const first = rss ? enclosures(meta, post)[0] : undefined;
    if (first) item.enclosure = { url: mediaUrl(meta, first.sha256), type: first.type, length: first.size };
    titles.push(xmlText(itemTitle(meta, post)));
    items.push(post);
    feed.addItem(item);
  }
  return { feed, titles, items, labels };
}

function escapeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

const TITLE_MARK = /<title( type="html")?><!\[CDATA\[tgwire-item-title-(\d+)\]\]><\/title>/g;

function finishXml(xml: string, titles: readonly string[]): string {
  const undated = `<pubDate>${UNDATED.toUTCString()}</pubDate>`;
  return xml
    .replace(TITLE_MARK, (_m, html: string | undefined, i: string) => {
      const text = escapeXml(titles[Number(i)] ?? '');
      return html ? `<title type="text">${text}</title>` : `<title>${text}</title>`;
    })
    .split('\n')
    .filter((line) => line.trim() !== undated)
    .join('\n');
}

export function renderRss(meta: FeedMeta, posts: readonly Post[]): string {
  const { feed, titles } = buildFeed(meta, posts, 'rss');
  return finishXml(feed.rss2(), titles);
}

function escapeAttr(s: string): string {
  return escapeXml(s).replace(/"/g, '&quot;');
}

/** Atom entries in item order, each given `<link rel="enclosure">` for every kept file of its post. */
function atomEnclosures(meta: FeedMeta, xml: string, items: readonly Post[]): string {
  if (!meta.archiveMedia) return xml;
  let i = 0;
  // Every "</entry>" is an entry's end: post text, titles and names are written escaped, so none comes from them.
  return xml.replace(/([ \t]*)<\/entry>/g, (end, indent: string) => {
    const post = items[i++];
    const links = post
      ? enclosures(meta, post).map(
          (f) =>
            `${indent}    <link rel="enclosure" href="${escapeAttr(mediaUrl(meta, f.sha256))}" length="${f.size}" type="${escapeAttr(f.type)}"/>\n`,
        )
      : [];
    return links.length ? `${links.join('')}${end}` : end;
  });
}

const ID_MARK = /<id>tgwire-item-id:(\d+)<\/id>/g;

const LABEL_MARK = /="tgwire-category-(\d+)"/g;

export function renderAtom(meta: FeedMeta, posts: readonly Post[]): string {
  const { feed, titles, items, labels } = buildFeed(meta, posts, 'atom');
  const xml = finishXml(feed.atom1(), titles)
    .replace(ID_MARK, (_m, i: string) => {
      const post = items[Number(i)];
      return `<id>${post ? escapeXml(itemGuid(post)) : ''}</id>`;
    })
    .replace(LABEL_MARK, (_m, i: string) => `="${escapeAttr(labels[Number(i)] ?? '-')}"`);
  return atomEnclosures(meta, xml, items);
}

/** JSON Feed 1.1; "<", ">" and "&" are written as \u escapes so the raw bytes carry no markup. */
export function renderJsonFeed(meta: FeedMeta, posts: readonly Post[]): string {
  const { feed, titles, items } = buildFeed(meta, posts, 'json');
  const raw = JSON.parse(feed.json1()) as {
    version?: string;
    title?: string;
    items?: Record<string, unknown>[];
  };
  // The package writes version 1; what differs in 1.1 is `authors` (a list) for `author`, kept beside it for readers
  // of 1.0 as the specification allows.
  raw.version = 'https://jsonfeed.org/version/1.1';
  raw.title = meta.title;
  (raw.items ?? []).forEach((item, i) => {
    if (item.author && !item.authors) item.authors = [item.author];
    // JSON Feed titles are plain text; an undated post has no date_published, and a date_modified only when the
    // archive's record of its version is known (the feed's own date is no date of the entry's).
    item.title = titles[i];
    const post = items[i];
    if (post && !post.date) {
      delete item.date_published;
      if (!entryUpdated(meta, post)) delete item.date_modified;
    }
    const files = items[i] ? enclosures(meta, items[i]) : [];
    if (files.length) {
      item.attachments = files.map((f) => ({
        url: mediaUrl(meta, f.sha256),
        mime_type: f.type,
        size_in_bytes: f.size,
      }));
      const photo = items[i]!.media.map(copyView).find((v) => v?.as === 'image');
      if (photo && photo.as === 'image') item.image = mediaUrl(meta, photo.shown);
    }
  });
  return JSON.stringify(raw, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
