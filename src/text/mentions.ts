// The public usernames a post names: its @mentions and its links to t.me (what a network's mention edges count).
import { isTelegramLink, parseChannelRef } from '../model/channel-ref.js';
import type { Post } from '../model/post.js';
import { MENTION_SOURCE, SCHEME_URL_SOURCE } from './tags.js';

// In text without entities (text dumps): a t.me link (with or without its scheme) up to its name, so the punctuation
// after it stays out; a tg://resolve link.
const LINK_IN_TEXT =
  /(?<![\p{L}\p{N}_./@-])(?:(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/(?:s\/)?[A-Za-z0-9_+]+|tg:\/\/resolve\?[^\s#]*?domain=[A-Za-z0-9_]+)/giu;

/** The username a link names, lower-cased; null for other sites and for Telegram's own pages. */
export function usernameOfLink(url: string): string | null {
  const s = url.trim();
  // parseChannelRef reads a bare name too: only a link to Telegram names one here.
  return isTelegramLink(s) ? (parseChannelRef(s)?.username ?? null) : null;
}

/**
 * The usernames the post names, lower-cased, each once, in order: from its mention and link entities when it has
 * entities (Telegram's word on what is one), else (text dumps) from the @mentions and t.me links in its text.
 */
export function mentionedUsernames(p: Pick<Post, 'text' | 'entities'>): string[] {
  const out = new Set<string>();
  const add = (name: string | null | undefined): void => {
    if (name) out.add(name);
  };
  if (p.entities.length > 0) {
    for (const e of p.entities) {
      const slice = p.text.slice(e.offset, e.offset + e.length);
      if (e.type === 'mention') {
        add(e.url ? usernameOfLink(e.url) : parseChannelRef(slice)?.username);
      } else if (e.type === 'link' || e.type === 'text_link') {
        add(usernameOfLink(e.url ?? slice));
      }
    }
  } else {
    const found: [number, string | null][] = [];
    const links: [number, number][] = [];
    for (const m of p.text.matchAll(LINK_IN_TEXT)) found.push([m.index, usernameOfLink(m[0])]);
    for (const m of p.text.matchAll(new RegExp(SCHEME_URL_SOURCE, 'giu')))
      links.push([m.index, m.index + m[0].length]);
    // An '@' inside a link (x.com/@name) is part of that link, not a mention.
    for (const m of p.text.matchAll(new RegExp(MENTION_SOURCE, 'giu')))
      if (!links.some(([s, e]) => m.index >= s && m.index < e))
        found.push([m.index, parseChannelRef(m[0])?.username ?? null]);
    for (const [, name] of found.sort((a, b) => a[0] - b[0])) add(name);
  }
  return [...out];
}
