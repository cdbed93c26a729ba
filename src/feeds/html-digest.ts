// Renders a period's posts as one small standalone HTML page (inline CSS, no scripts), everything escaped.
import type { Post } from '../model/post.js';
import { defaultPostUrl } from './jsonl.js';
import { defaultTagHref, deletedLine, editedMark, postByline, type DigestOptions } from './markdown.js';
import { postWhen } from './text.js';
import { escapeHtml, mediaTitle, readerTitle, renderEntitiesHtml, safeUrl } from './post-html.js';

export type { DigestOptions } from './markdown.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
article{border-top:1px solid #ddd;padding:1rem 0}article>h2{font-size:1.1rem;margin:0}article>header{font-size:.9rem;color:#666}
.fwd,.media,.story{font-size:.9rem;color:#555;font-style:italic}.text{white-space:normal;overflow-wrap:anywhere}
.spoiler{background:#ccc;color:#ccc}.spoiler:hover{color:inherit}pre{overflow:auto;background:#f5f5f5;padding:.5rem}
blockquote{border-left:3px solid #ccc;margin:.5rem 0;padding-left:.75rem}`;

function postHtml(post: Post, options: DigestOptions): string {
  const url = safeUrl((options.urlFor ?? defaultPostUrl)(post));
  const channel = options.channelTitles?.get(post.channel) ?? post.channel;
  const title = escapeHtml(readerTitle(post, channel));
  const heading = `<h2>${url ? `<a href="${escapeHtml(url)}">${title}</a>` : title}</h2>`;
  const when = postWhen(post);
  const byline = escapeHtml(postByline(post, options.channelTitles).slice(0, -when.length));
  const time = post.date ? `<time datetime="${escapeHtml(post.date)}">${escapeHtml(when)}</time>` : when;
  const parts = [heading, `<header>${byline}${time}${escapeHtml(editedMark(post))}</header>`];
  const story = options.storyLine?.(post);
  if (story) parts.push(`<p class="story">${escapeHtml(story)}</p>`);
  if (post.forwardedFrom)
    parts.push(`<p class="fwd">Forwarded from ${escapeHtml(post.forwardedFrom.name)}</p>`);
  const body = post.text.replace(/\s+$/, '');
  if (body.trim()) {
    // Hashtags without a target render as plain text rather than as links to nowhere.
    const tagHref = (tag: string) => (options.tagHref ?? defaultTagHref)(tag, post);
    const entities = post.entities.filter(
      (e) =>
        (e.type !== 'hashtag' && e.type !== 'cashtag') || tagHref(body.slice(e.offset, e.offset + e.length)),
    );
    const html = renderEntitiesHtml(body, entities, { tagHref: (tag) => tagHref(tag) ?? '' });
    parts.push(`<div class="text">${html}</div>`);
  }
  if (post.media.length > 0)
    parts.push(`<p class="media">${escapeHtml(post.media.map(mediaTitle).join(' · '))}</p>`);
  return `<article id="${escapeHtml(`post-${post.channel}-${post.id}`)}">\n${parts.join('\n')}\n</article>`;
}

/** A complete UTF-8 page: title, optional subtitle, one <article> per post in the given order. */
export function renderHtmlDigest(posts: readonly Post[], options: DigestOptions): string {
  const title = escapeHtml(options.title);
  const sub = options.subtitle ? `\n<p>${escapeHtml(options.subtitle)}</p>` : '';
  const deleted = deletedLine(options);
  const items =
    (posts.length > 0 ? posts.map((p) => postHtml(p, options)).join('\n') : '<p>No posts.</p>') +
    (deleted ? `\n<p class="story">${escapeHtml(deleted)}</p>` : '');
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1>${sub}</header>
<main>
${items}
</main>
</body>
</html>
`;
}
