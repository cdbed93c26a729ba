// What a post points at: the links it carries (and their domains) and the channels and people it @mentions.
import type { Post } from '../model/post.js';
import { MENTION_SOURCE, SCHEME_URL_SOURCE } from './tags.js';

const SCHEME_URL = new RegExp(SCHEME_URL_SOURCE, 'giu');
const MENTION = new RegExp(MENTION_SOURCE, 'giu');
/** Sentence punctuation after a link in running text, not part of it. */
const TRAILING = /[.,;:!?'"»”’…)\]]+$/u;

/**
 * The post's links, each once, in order: link entities (their href, else their text), text_link targets, then link
 * previews. A post without any entity (a source that marks none) has its text scanned for scheme and www. links.
 */
export function postUrls(p: Pick<Post, 'text' | 'entities' | 'media'>): string[] {
  const urls = new Set<string>();
  if (p.entities.length > 0) {
    for (const e of p.entities) {
      if (e.type === 'link') urls.add(e.url ?? p.text.slice(e.offset, e.offset + e.length));
      else if (e.type === 'text_link' && e.url) urls.add(e.url);
    }
  } else {
    for (const m of p.text.matchAll(SCHEME_URL)) urls.add(m[0].replace(TRAILING, ''));
  }
  for (const m of p.media) if (m.preview?.url) urls.add(m.preview.url);
  urls.delete('');
  return [...urls];
}

/**
 * The host a link points at, lower-cased, without "www." ("https://WWW.Example.com/a" -> "example.com"); a bare
 * "example.com/a" is read as http. Null for what is no web address (mailto:, tg://, text that does not parse).
 */
export function urlDomain(url: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ftp:') return null;
  return u.hostname.replace(/^www\./, '') || null;
}

/** The distinct domains of links, in order. */
export function urlDomains(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    const d = urlDomain(u);
    if (d) out.add(d);
  }
  return [...out];
}

/**
 * The usernames the post @mentions, lower-cased with their '@', each once: from mention entities, or, for a post
 * without any entity, from its text. Mentions of people without a username (mention_name) name no account and are
 * left out.
 */
export function postMentions(p: Pick<Post, 'text' | 'entities'>): string[] {
  const out = new Set<string>();
  const add = (raw: string) => {
    const name = raw.trim().replace(/^@/, '').toLowerCase();
    if (name) out.add(`@${name}`);
  };
  if (p.entities.length > 0) {
    for (const e of p.entities) if (e.type === 'mention') add(p.text.slice(e.offset, e.offset + e.length));
  } else {
    for (const m of p.text.matchAll(MENTION)) add(m[0]);
  }
  return [...out];
}
