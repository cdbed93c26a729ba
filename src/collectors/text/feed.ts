// Reads tgwire's plain-text feed format (the sample's) into Posts that render back to the same bytes.
import { emptyPost, type Media, type Post, type TextLayout } from '../../model/post.js';
import { detectEntities } from './entities.js';
import { FORWARD_PREFIX, isForwardLine, isLabelLine, segmentFeed, type BoundaryReason } from './segment.js';

/*
 * The layout contract shared with src/feeds/text.ts (renderTextFeed):
 * - every line ends with a line break (the file's last one too, unless Post.textLayout.noFinalNewline says not);
 *   a CRLF file (every break is CRLF) is read as LF and keeps textLayout.eol; any lone CR is text;
 * - a post is: an optional `Forwarded from\u00A0NAME` line, then one line per unsupported media label, then its
 *   text lines. Blank lines at the end of a post (before the next one) are part of its text ("…\n");
 * - text of a post with a header or labels: "" is no text line at all (a forward of a photo); a text made only of
 *   line breaks ("\n", "\n\n") is that many blank lines; anything else is split on "\n". Without a header or
 *   labels, the text is split on "\n" ("" is one blank line).
 */

export interface FeedLines {
  lines: string[];
  layout: { eol: '\n' | '\r\n'; bom: boolean; finalNewline: boolean };
}

/** Splits the file into lines and notes how it wrote them (BOM, CRLF, final line break). */
export function splitFeedLines(text: string): FeedLines {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const pieces = body.split('\n');
  const breaks = pieces.length - 1;
  const crlf = breaks > 0 && pieces.slice(0, -1).every((p) => p.endsWith('\r'));
  const lines = crlf ? pieces.map((p, i) => (i < breaks ? p.slice(0, -1) : p)) : pieces;
  const finalNewline = breaks > 0 && lines.at(-1) === '';
  if (finalNewline) lines.pop();
  return { lines, layout: { eol: crlf ? '\r\n' : '\n', bom, finalNewline } };
}

/** The text of a post from its text lines (see the contract above). */
export function textFromLines(textLines: readonly string[], hasHead: boolean): string {
  if (hasHead && textLines.length > 0 && textLines.every((l) => l === ''))
    return '\n'.repeat(textLines.length);
  return textLines.join('\n');
}

export interface FeedPost {
  post: Post;
  reason: BoundaryReason;
  /** 1-based line of the post's first line in the file. */
  line: number;
}

/** Posts of a feed, ids 1..N in file order (positions; readTextDump gives them their ids). */
export function readFeed(text: string, channel: string): FeedPost[] {
  const { lines, layout } = splitFeedLines(text);
  const segs = segmentFeed(lines);
  return segs.map((seg, k) => {
    const post = emptyPost(channel, k + 1, 'text');
    let i = seg.start;
    if (isForwardLine(lines[i]!)) {
      post.forwardedFrom = {
        name: lines[i]!.slice(FORWARD_PREFIX.length),
        username: null,
        postId: null,
        author: null,
      };
      i++;
    }
    const media: Media[] = [];
    // The label says the preview could not show the item, not what it was (videos, GIFs, stickers all get it).
    while (i < seg.end && isLabelLine(lines[i]!))
      media.push({ type: 'other', supported: false, label: lines[i++]! });
    post.media = media;
    post.text = textFromLines(lines.slice(i, seg.end), post.forwardedFrom !== null || media.length > 0);
    post.entities = detectEntities(post.text);
    const tl: TextLayout = {};
    if (layout.eol === '\r\n') tl.eol = '\r\n';
    if (layout.bom && k === 0) tl.bom = true;
    if (!layout.finalNewline && k === segs.length - 1) tl.noFinalNewline = true;
    if (Object.keys(tl).length > 0) post.textLayout = tl;
    return { post, reason: seg.reason, line: seg.start + 1 };
  });
}
