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
