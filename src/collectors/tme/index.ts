// t.me web-preview collector: saved t.me/s/NAME pages, ?embed=1 pages and message fragments -> ImportEvents.
import type { ImportEvent } from '../../model/post.js';
import { adaptTmePage } from './adapt.js';
import { parseTmePage } from './parse.js';

export { parseTmePage } from './parse.js';
export { adaptTmePage } from './adapt.js';
export type { AdaptOptions, AdaptedPage } from './adapt.js';
export type * from './wire.js';

/** Source metadata read by the CLI help and the web UI (STYLE habit 8). */
export const tmeSource = {
  id: 'tme-html',
  title: 'Telegram web preview (t.me/s)',
  accepts:
    'HTML saved from https://t.me/s/NAME (channel page), https://t.me/NAME/ID?embed=1, or one message cut from it',
  example: 'curl -s https://t.me/s/durov > durov.html && tgwire import durov.html',
} as const;

/** Parses and adapts one page: the channel first (when the page names one), then its posts, then notices. */
export function readTmeHtml(html: string, where: string): Iterable<ImportEvent> {
  // Eager on purpose: a bad page throws here, before the caller has stored half of it.
  const { channel, posts, notices } = adaptTmePage(parseTmePage(html, where));
  const events: ImportEvent[] = [];
  if (channel) events.push({ type: 'channel', channel });
  for (const post of posts) events.push({ type: 'post', post });
  for (const message of notices) events.push({ type: 'notice', message, where });
  return events;
}

const SNIFF =
  /data-post="[A-Za-z0-9_]+\/\d+"|class="[^"]*\btgme_(?:widget_message|channel_info|webpreview)|body_widget_post/;

/** Content sniffing on the start of a file (~64 KB) for --format auto. */
export function looksLikeTmeHtml(head: string): boolean {
  return SNIFF.test(head.length > 65536 ? head.slice(0, 65536) : head);
}
