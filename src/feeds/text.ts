// Renders posts as tgwire's plain-text feed (the sample's format); text-dump posts come back byte for byte.
import type { Post } from '../model/post.js';

/*
 * Layout (the reader in src/collectors/text/feed.ts follows the same contract):
 * - posts follow each other with a single line break; every line ends with one, the last too unless the post was
 *   read from a file without it (textLayout.noFinalNewline); CRLF and a BOM come back when textLayout says so;
 * - a post is `Forwarded from\u00A0NAME` (forwards), one line per unsupported media that carries a label, then its
 *   text. With a header or labels, "" means no text line and a text of only line breaks is that many blank lines.
 * Posts of other sources have no textLayout: LF, final line break. A service post without text shows its text.
 */

const FORWARD_PREFIX = 'Forwarded from\u00A0';

/** The lines of one post, without line breaks. */
export function textFeedLines(post: Post): string[] {
  const head: string[] = [];
  if (post.forwardedFrom) head.push(FORWARD_PREFIX + post.forwardedFrom.name.replace(/\r?\n/g, ' '));
  for (const m of post.media) if (!m.supported && m.label) head.push(m.label.replace(/\r?\n/g, ' '));
  let text = post.text;
  if (text === '' && post.service) text = post.service.text ?? post.service.action.replace(/_/g, ' ');
  if (head.length === 0) return text.split('\n');
  if (text === '') return head;
  if (/^\n+$/.test(text)) return [...head, ...Array<string>(text.length).fill('')];
  return [...head, ...text.split('\n')];
}

/** One post with its trailing line break (none for the last post of a file that had no final line break). */
export function textFeedPost(post: Post, last = false): string {
  const eol = post.textLayout?.eol ?? '\n';
  const body = textFeedLines(post).join(eol);
  return last && post.textLayout?.noFinalNewline ? body : body + eol;
}

export function renderTextFeed(posts: readonly Post[]): string {
  const bom = posts[0]?.textLayout?.bom ? '\uFEFF' : '';
  return bom + posts.map((p, i) => textFeedPost(p, i === posts.length - 1)).join('');
}

export interface TextDigestOptions {
  /** Channel titles by key, for the line naming each post's channel. */
  channelTitles?: ReadonlyMap<string, string>;
  /** Where a reader opens the post (added to its line when known). */
  urlFor?: (post: Post) => string | null;
}

/** "2024-09-09 12:00 UTC", or "undated" (text dumps carry no dates). */
export function postWhen(post: Pick<Post, 'date'>): string {
  return post.date ? `${post.date.slice(0, 16).replace('T', ' ')} UTC` : 'undated';
}

/**
 * A digest as plain text. Posts of one channel are the text feed itself (the sample's format, byte for byte).
 * Posts of several channels would run together there, so each starts with a line naming its channel and date
 * ("── Russian MFA · 2024-09-09 12:00 UTC · https://t.me/mfa_russia/5") and a blank line ends it.
 */
export function renderTextDigest(posts: readonly Post[], options: TextDigestOptions = {}): string {
  if (new Set(posts.map((p) => p.channel)).size <= 1) return renderTextFeed(posts);
  return posts
    .map((p) => {
      const name = (options.channelTitles?.get(p.channel) ?? p.channel).replace(/\s+/g, ' ');
      const url = options.urlFor?.(p);
      const head = ['──', `${name} · ${postWhen(p)}${url ? ` · ${url}` : ''}`].join(' ');
      const lines = textFeedLines(p);
      // A separator follows; the blank lines a dump kept at a post's end would only widen it.
      while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
      return [head, ...lines].join('\n') + '\n';
    })
    .join('\n');
}
