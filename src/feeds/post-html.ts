// Post text + entities (UTF-16 offsets) -> safe HTML, shared by the web pages and the syndication feeds.
import type { Entity, Media, MediaType, Post } from '../model/post.js';
import { isMediaLabel } from '../model/labels.js';
import { MAX_ENTITY_NESTING, MAX_URL_CHARS } from '../model/limits.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(s: string): string {
  return HTML_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

const HTML_SPECIAL = /[&<>"']/;

const SAFE_SCHEMES = new Set(['http:', 'https:', 'tg:', 'mailto:']);

/**
 * The URL normalised when its scheme is http, https, tg or mailto; null otherwise (javascript:, data:, relative …).
 * Telegram shows bare "example.com/x" links, so a scheme-less host-looking value gets https://.
 */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw || raw.length > MAX_URL_CHARS) return null;
  // Control characters and whitespace inside a scheme are how "java\tscript:" slips past naive checks.
  // eslint-disable-next-line no-control-regex
  let s = raw.trim().replace(/[\u0000-\u001f\u007f]/g, '');
  if (!s) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    if (/^[\w-]+(\.[\w-]+)+([/?#:]|$)/.test(s)) s = `https://${s}`;
    else return null;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(u.protocol)) return null;
  return u.href;
}

/** Where entity links point; pure so feeds can give absolute URLs and pages relative ones. */
export interface LinkOptions {
  /** Search link for a hashtag or cashtag (given with its sign, "#brics"). */
  tagHref: (tag: string) => string;
  /** @default https://t.me */
  tmeBase?: string;
  /** Links out of the site open in a new tab (the archive's pages; hashtag searches stay in the tab). @default false */
  newTab?: boolean;
  /** A URL typed in the text without an entity (a plain-string export) becomes a link too. @default false */
  linkBareUrls?: boolean;
}

interface Open {
  entity: Entity;
  start: number;
  end: number;
  /** The opening and closing tags (entities rendering as plain text are left out before this). */
  tags: [string, string];
  rank: number;
}

function link(href: string | null, cls?: string, newTab = false): [string, string] | null {
  if (!href) return null;
  const c = cls ? ` class="${cls}"` : '';
  const t = newTab ? ' target="_blank"' : '';
  return [`<a href="${escapeHtml(href)}"${c}${t} rel="nofollow noopener noreferrer">`, '</a>'];
}

/** Bare http(s) URLs in the text; the punctuation that usually ends a sentence is not part of one. */
const BARE_URL = /\bhttps?:\/\/[^\s<>"]+/g;
/** At most this many bare URLs are linked per text: the render stays linear whatever the text holds. */
const BARE_URL_MAX = 200;

/**
 * The entities plus a `link` for each URL the text carries without one (an export whose text is a plain string):
 * only where no entity already covers part of it, so an author's own link or code span wins.
 */
export function withBareUrlLinks(text: string, entities: readonly Entity[]): Entity[] {
  const taken = entities.map((e) => [e.offset, e.offset + e.length] as const);
  const added: Entity[] = [];
  for (const m of text.matchAll(BARE_URL)) {
    if (added.length >= BARE_URL_MAX) break;
    const url = m[0].replace(/[.,;:!?)\]}'»]+$/, '');
    const start = m.index;
    const end = start + url.length;
    if (url.length > LINKED_TEXT_MAX || taken.some(([a, b]) => a < end && start < b)) continue;
    added.push({ type: 'link', offset: start, length: url.length });
  }
  return added.length ? [...entities, ...added] : [...entities];
}

/** Entities whose text becomes part of a link (links, mentions, tags, emails) are plain text past this length. */
const LINKED_TEXT_MAX = MAX_URL_CHARS;

function tagsFor(e: Entity, slice: string, opts: LinkOptions): [string, string] | null {
  // Checking or encoding a long slice for each of many entities over it would make the render quadratic.
  const linkable = slice.length <= LINKED_TEXT_MAX;
  switch (e.type) {
    case 'bold':
      return ['<b>', '</b>'];
    case 'italic':
      return ['<i>', '</i>'];
    case 'underline':
      return ['<u>', '</u>'];
    case 'strikethrough':
      return ['<s>', '</s>'];
    case 'spoiler':
      return ['<span class="spoiler">', '</span>'];
    case 'code':
      return ['<code>', '</code>'];
    case 'pre': {
      const name = e.language ? e.language.slice(0, 64).replace(/[^\w+-]/g, '') : '';
      const lang = name ? ` class="language-${name}"` : '';
      return [`<pre><code${lang}>`, '</code></pre>'];
    }
    case 'blockquote':
      return [e.collapsed ? '<blockquote class="collapsed">' : '<blockquote>', '</blockquote>'];
    case 'link':
      return e.url || linkable ? link(safeUrl(e.url ?? slice), undefined, opts.newTab) : null;
    case 'text_link':
      return link(safeUrl(e.url), undefined, opts.newTab);
    case 'mention': {
      if (!linkable) return null;
      const name = slice.replace(/^@/, '');
      if (!/^[a-z0-9_]{3,32}$/i.test(name)) return null;
      const tme = (opts.tmeBase ?? 'https://t.me').replace(/\/+$/, '');
      return link(safeUrl(e.url) ?? `${tme}/${name}`, 'mention', opts.newTab);
    }
    case 'mention_name':
      return link(safeUrl(e.url), 'mention', opts.newTab);
    case 'hashtag':
    case 'cashtag':
      return linkable ? link(opts.tagHref(slice), 'hashtag') : null;
    case 'email':
      return linkable && /^[^\s@<>"]+@[^\s@<>"]+$/.test(slice) ? link(safeUrl(`mailto:${slice}`)) : null;
    default:
      // phone, bank_card, bot_command, custom_emoji (its text is the fallback emoji): plain text.
      return null;
  }
}

function isBlock(e: Entity): boolean {
  return e.type === 'pre' || e.type === 'blockquote';
}

/** Moves an offset off the low half of a surrogate pair so a tag never splits a character. */
function fixBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i + 1 : i;
}

function textHtml(s: string, inPre: boolean): string {
  const e = escapeHtml(s);
  return inPre || !e.includes('\n') ? e : e.replace(/\r?\n/g, '<br>\n');
}

/**
 * Renders text with its entities. Overlapping (not nested) entities are closed and reopened around the overlap,
 * so the output is always well-formed; entities outside the text are clipped. Linear in the text and the entities:
 * at most MAX_ENTITY_NESTING tags are open at once (an entity starting deeper renders as plain text), so closing and
 * reopening around an overlap costs a bounded amount per boundary.
 */
export function renderEntitiesHtml(text: string, given: readonly Entity[], opts: LinkOptions): string {
  const entities = opts.linkBareUrls ? withBareUrlLinks(text, given) : given;
  const spans: Open[] = [];
  entities.forEach((entity, rank) => {
    const start = fixBoundary(text, Math.max(0, Math.floor(entity.offset)));
    const end = fixBoundary(text, Math.min(text.length, Math.floor(entity.offset + entity.length)));
    if (!(end > start)) return;
    const tags = tagsFor(entity, text.slice(start, end), opts);
    if (tags) spans.push({ entity, start, end, tags, rank });
  });
  // Outer first: earlier start, then longer, then blocks outside inline marks, then the source order.
  spans.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - a.end ||
      Number(isBlock(b.entity)) - Number(isBlock(a.entity)) ||
      a.rank - b.rank,
  );
  // A span opened at a boundary starts at or after every open one, so it sorts after them: the open list stays in
  // the sort order by appending, and a boundary only closes what ends there and reopens what was above it.
  const open: Open[] = [];
  // Pieces joined once at the end: hundreds of thousands of += build a deep rope the collector keeps walking.
  const out: string[] = [];
  let next = 0;
  let pos = 0;
  while (pos < text.length) {
    // Close what ends here: everything above the lowest ending span is closed, the survivors reopened.
    let low = open.length;
    for (let k = 0; k < open.length; k++)
      if (open[k]!.end <= pos) {
        low = k;
        break;
      }
    if (low < open.length) {
      for (let k = open.length - 1; k >= low; k--) out.push(open[k]!.tags[1]);
      const above = open.splice(low).filter((s) => s.end > pos);
      for (const s of above) {
        open.push(s);
        out.push(s.tags[0]);
      }
    }
    while (next < spans.length && spans[next]!.start <= pos) {
      const s = spans[next++]!;
      if (open.length >= MAX_ENTITY_NESTING) continue;
      open.push(s);
      out.push(s.tags[0]);
    }
    const inPre = open.some((s) => s.entity.type === 'pre' || s.entity.type === 'code');
    // The next boundary: the nearest end among the open spans or the next start.
    let to = text.length;
    for (const s of open) if (s.end < to) to = s.end;
    if (next < spans.length && spans[next]!.start < to) to = spans[next]!.start;
    out.push(textHtml(text.slice(pos, to), inPre));
    pos = to;
  }
  for (let k = open.length - 1; k >= 0; k--) out.push(open[k]!.tags[1]);
  return out.join('');
}

/**
 * Search snippets mark matches with U+E000 … U+E001: escape first, then turn the marks into <mark>, keeping
 * them balanced whatever the snippet holds.
 */
export function markSnippet(snippet: string): string {
  let open = false;
  let out = '';
  for (const part of escapeHtml(snippet).split(/([\uE000\uE001])/)) {
    if (part === '\uE000') {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === '\uE001') {
      if (open) out += '</mark>';
      open = false;
    } else out += part;
  }
  return open ? `${out}</mark>` : out;
}

const KIND_NAMES: Record<MediaType, string> = {
  photo: 'Photo',
  video: 'Video',
  gif: 'GIF',
  round_video: 'Video message',
  voice: 'Voice message',
  audio: 'Audio',
  document: 'File',
  sticker: 'Sticker',
  poll: 'Poll',
  location: 'Location',
  contact: 'Contact',
  link_preview: 'Link',
  other: 'Media',
};

/** The reader-facing name of a media kind ("Video message"). */
export function mediaKindName(type: MediaType): string {
  return KIND_NAMES[type] ?? 'Media';
}

/** A one-line description of a media item, used when a post has no text of its own. */
export function mediaTitle(m: Media): string {
  const kind = mediaKindName(m.type);
  switch (m.type) {
    case 'audio': {
      const name = [m.performer, m.title].filter(Boolean).join(' – ');
      return name ? `${kind}: ${name}` : kind;
    }
    case 'document':
      return m.fileName ? `${kind}: ${m.fileName}` : kind;
    case 'sticker':
      return m.emoji ? `${kind} ${m.emoji}` : kind;
    case 'poll':
      return m.poll?.question ? `${kind}: ${m.poll.question}` : kind;
    case 'contact':
      return m.contact?.name ? `${kind}: ${m.contact.name}` : kind;
    case 'link_preview':
      return m.preview?.title ?? m.preview?.site ?? kind;
    default:
      return kind;
  }
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * The title a feed item or a page shows: the first line with letters or digits (never a placeholder label),
 * else the media ("Photo", "Video" …), else "Forwarded from X", else the service text, else "Post N".
 */
export function postTitle(post: Post, max = 120): string {
  return textTitle(post, max) ?? fallbackTitle(post, max);
}

/** The first line of the post's text with letters or digits, or null when the text has none (media-only posts). */
export function textTitle(post: Post, max = 120): string | null {
  for (const raw of post.text.split(/\r?\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line || isMediaLabel(line) || !MEANINGFUL.test(line)) continue;
    return truncate(line, max);
  }
  return null;
}

/**
 * The title a reader's list shows: the first line of text; a post without one that carries media is named with its
 * channel and day ("Photo · Russian MFA · 2024-09-09") so a list is not a column of "Photo".
 */
export function readerTitle(post: Post, channelName: string = post.channel, max = 120): string {
  const text = textTitle(post, max);
  if (text) return text;
  const title = fallbackTitle(post, max);
  if (post.media.length === 0) return title;
  return [title, channelName, post.date?.slice(0, 10)].filter(Boolean).join(' · ');
}

/** What a post without a text line is called: its media, the forward, the service action, or "Post N". */
export function fallbackTitle(post: Post, max = 120): string {
  const media = post.media.find((m) => m.type !== 'link_preview') ?? post.media[0];
  if (media) return truncate(mediaTitle(media), max);
  if (post.forwardedFrom) return truncate(`Forwarded from ${post.forwardedFrom.name}`, max);
  if (post.service?.text) return truncate(post.service.text, max);
  if (post.service) return truncate(post.service.action.replace(/_/g, ' '), max);
  return `Post ${post.id}`;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The origin of a forward on Telegram (t.me/user/id, or t.me/user), or null when only a name is known. */
export function forwardOriginUrl(post: Post, tmeBase = 'https://t.me'): string | null {
  const f = post.forwardedFrom;
  if (!f?.username || !/^[a-z0-9_]{3,32}$/i.test(f.username)) return null;
  const base = tmeBase.replace(/\/+$/, '');
  return f.postId ? `${base}/${f.username}/${f.postId}` : `${base}/${f.username}`;
}

/** Text without placeholder lines a source may have left in (defence in depth: adapters should remove them). */
export function visibleText(post: Post): { text: string; entities: Entity[] } {
  if (!post.text.split(/\r?\n/).some((l) => isMediaLabel(l)))
    return { text: post.text, entities: post.entities };
  // Only whole-label lines are dropped; entity offsets after them are shifted, entities inside them dropped.
  let out = '';
  const shifts: { at: number; end: number }[] = [];
  let pos = 0;
  for (const line of post.text.split(/(?<=\n)/)) {
    if (isMediaLabel(line)) {
      shifts.push({ at: pos, end: pos + line.length });
    } else out += line;
    pos += line.length;
  }
  // The removed lines are in text order: a binary search finds the last one starting at or before an entity, and
  // the running total of removed lengths gives its shift (linear in the entities, whatever the number of lines).
  const removedBefore: number[] = [];
  let total = 0;
  for (const s of shifts) removedBefore.push((total += s.end - s.at));
  const entities: Entity[] = [];
  for (const e of post.entities) {
    let lo = 0;
    let hi = shifts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shifts[mid]!.at <= e.offset) lo = mid + 1;
      else hi = mid;
    }
    const last = lo - 1;
    if (last >= 0 && e.offset < shifts[last]!.end) continue;
    entities.push({ ...e, offset: e.offset - (last >= 0 ? removedBefore[last]! : 0) });
  }
  return { text: out.replace(/\n+$/, ''), entities };
}
