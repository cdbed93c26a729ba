// Renders a period's posts as a Markdown digest (CommonMark): every character of the text escaped, entities kept.
import type { Entity, Post } from '../model/post.js';
import { defaultPostUrl } from './jsonl.js';
import { mediaTitle, readerTitle, safeUrl } from './post-html.js';
import { postWhen } from './text.js';

/** "Russian MFA · mfa_russia/5 · 2024-09-09 12:00 UTC" (the title only when the channel has one). */
export function postByline(post: Post, channelTitles?: ReadonlyMap<string, string>): string {
  const title = channelTitles?.get(post.channel);
  return [title, `${post.channel}/${post.id}`, postWhen(post)].filter(Boolean).join(' · ');
}

export interface DigestOptions {
  title: string;
  /** A line under the title ("2–8 September 2024, 14 posts"). */
  subtitle?: string;
  /** Where a hashtag links ("#brics" -> URL). @default t.me search of the post's channel when it has a public URL */
  tagHref?: (tag: string, post: Post) => string | null;
  /** @default defaultPostUrl (jsonl.ts) */
  urlFor?: (post: Post) => string | null;
  /** Channel titles by key, for the line under each post's heading. */
  channelTitles?: ReadonlyMap<
    string,
    string
  >; /** A line naming the other versions of the post's story ("3 versions: en, fr — channels a, b"), or null. */
  storyLine?: (post: Post) => string | null;
  /** Keys (`channel/id`) of posts of the period deleted at the source and so left out: named after the posts. */
  deleted?: readonly string[];
}

/** The byline's mark of a post edited at the source (with the edit date when the source gave one), or ''. */
export function editedMark(post: Post): string {
  if (!post.edited) return '';
  return post.editDate ? ` · edited ${postWhen({ date: post.editDate })}` : ' · edited';
}

/** The closing line naming the posts left out because they were deleted at the source, or null. */
export function deletedLine(options: Pick<DigestOptions, 'deleted'>): string | null {
  const keys = options.deleted ?? [];
  return keys.length ? `Deleted at the source, left out: ${keys.join(', ')}` : null;
}

/** The t.me search link for a tag, only for channels whose key is known to be a username. */
export function defaultTagHref(tag: string, post: Post): string | null {
  return defaultPostUrl(post) ? `https://t.me/s/${post.channel}?q=${encodeURIComponent(tag)}` : null;
}

const INLINE = /[\\`*_[\]<>#~|&!]/g;

/** Escapes text so CommonMark shows it as is: punctuation, line-start markers, and line breaks made hard. */
export function escapeMarkdown(s: string, atLineStart = true): string {
  return s
    .split('\n')
    .map((line, i) => {
      let out = line.replace(INLINE, '\\$&');
      // Only at the start of a line do these begin a list, a heading underline or a numbered item.
      if (i > 0 || atLineStart)
        out = out.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
      return out;
    })
    .join('\n')
    .replace(/\n+/g, (m) => (m.length === 1 ? '\\\n' : '\n\n'));
}

interface Span {
  e: Entity;
  start: number;
  end: number;
  children: Span[];
}

const EMPHASIS: Partial<Record<Entity['type'], string>> = { bold: '**', italic: '*', strikethrough: '~~' };

/**
 * Entities as a tree. Emphasis is cut per line and trimmed of surrounding spaces (CommonMark ignores `** x**`);
 * an entity crossing another's end is clipped to nest inside it.
 */
function spanTree(text: string, entities: readonly Entity[]): Span[] {
  const flat: Span[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset);
    const end = Math.min(text.length, e.offset + e.length);
    if (EMPHASIS[e.type]) {
      let pos = start;
      for (const part of text.slice(start, end).split('\n')) {
        const lead = part.length - part.trimStart().length;
        const inner = part.trim();
        if (inner) flat.push({ e, start: pos + lead, end: pos + lead + inner.length, children: [] });
        pos += part.length + 1;
      }
    } else if (end > start) flat.push({ e, start, end, children: [] });
  }
  flat.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Span[] = [];
  const stack: Span[] = [];
  for (const s of flat) {
    while (stack.length > 0 && stack.at(-1)!.end <= s.start) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      s.end = Math.min(s.end, parent.end);
      if (s.end <= s.start) continue;
      parent.children.push(s);
    } else roots.push(s);
    stack.push(s);
  }
  return roots;
}

function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const body = s.replace(/\n/g, ' ');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function codeBlock(s: string, language: string | undefined): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n\n${fence}${(language ?? '').replace(/[^\w+-]/g, '')}\n${s}\n${fence}\n\n`;
}

function link(label: string, href: string | null): string {
  if (!href) return label;
  return `[${label}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

/** Post text with its entities as Markdown. */
export function entitiesToMarkdown(
  text: string,
  entities: readonly Entity[],
  tagHref: (tag: string) => string | null = () => null,
): string {
  const render = (from: number, to: number, spans: Span[]): string => {
    let out = '';
    let pos = from;
    for (const s of spans) {
      out += escapeMarkdown(text.slice(pos, s.start), pos === 0 || text[pos - 1] === '\n');
      out += one(s);
      pos = s.end;
    }
    return out + escapeMarkdown(text.slice(pos, to), pos === 0 || text[pos - 1] === '\n');
  };
  const one = (s: Span): string => {
    const slice = text.slice(s.start, s.end);
    const inner = () => render(s.start, s.end, s.children);
    const mark = EMPHASIS[s.e.type];
    if (mark) return `${mark}${inner()}${mark}`;
    switch (s.e.type) {
      case 'code':
        return codeSpan(slice);
      case 'pre':
        return codeBlock(slice, s.e.language);
      case 'link':
        return link(inner(), safeUrl(s.e.url ?? slice));
      case 'text_link':
        return link(inner(), safeUrl(s.e.url));
      case 'mention':
        return link(inner(), safeUrl(s.e.url) ?? `https://t.me/${slice.replace(/^@/, '')}`);
      case 'email':
        return link(inner(), safeUrl(`mailto:${slice}`));
      case 'hashtag':
      case 'cashtag':
        return link(inner(), safeUrl(tagHref(slice)));
      default:
        return inner();
    }
  };
  return render(0, text.length, spanTree(text, entities));
}

function postMarkdown(post: Post, options: DigestOptions): string {
  const url = (options.urlFor ?? defaultPostUrl)(post);
  const channel = options.channelTitles?.get(post.channel) ?? post.channel;
  // The heading is what a reader scans: the post's own first line, linked to where the post can be read.
  const title = escapeMarkdown(readerTitle(post, channel));
  const lines = [
    `## ${link(title, url)}`,
    '',
    `*${escapeMarkdown(postByline(post, options.channelTitles) + editedMark(post))}*`,
    '',
  ];
  const story = options.storyLine?.(post);
  if (story) lines.push(`*${escapeMarkdown(story)}*`, '');
  if (post.forwardedFrom) lines.push(`*Forwarded from ${escapeMarkdown(post.forwardedFrom.name)}*`, '');
  const tagHref = (tag: string) => (options.tagHref ?? defaultTagHref)(tag, post);
  // Trailing blank lines (text dumps keep them) would end in a hard break, shown as a stray backslash.
  const body = post.text.replace(/\s+$/, '');
  const text = body.trim()
    ? entitiesToMarkdown(body, post.entities, tagHref)
        .replace(/^(?:\\\n)+/, '')
        .trim()
    : '';
  if (text) lines.push(text, '');
  if (post.media.length > 0) lines.push(`*${escapeMarkdown(post.media.map(mediaTitle).join(', '))}*`, '');
  return lines.join('\n');
}

/** The digest: a title, an optional subtitle, then one section per post in the given order. */
export function renderMarkdownDigest(posts: readonly Post[], options: DigestOptions): string {
  const head = [`# ${escapeMarkdown(options.title)}`, ''];
  if (options.subtitle) head.push(escapeMarkdown(options.subtitle), '');
  if (posts.length === 0) head.push('*No posts.*', '');
  const deleted = deletedLine(options);
  const tail = deleted ? [`*${escapeMarkdown(deleted)}*`, ''] : [];
  return [...head, ...posts.map((p) => postMarkdown(p, options)), ...tail].join('\n');
}
