// Where a reader opens a post: its t.me page when the channel has a username, else the archive's own post page.
import type { Channel, Post } from '../model/post.js';

export interface PostLinks {
  /** Keys of channels known by a real Telegram username: their posts have a t.me page. */
  publicChannels: ReadonlySet<string>;
  /** @default https://t.me */
  tmeBase?: string;
  /** The archive's public address ("https://archive.example"); null: posts without a t.me page get no link. */
  publicUrl?: string | null;
}

/** The links for an archive's channels (a channel with a username is public on t.me). */
export function postLinks(
  channels: readonly Pick<Channel, 'key' | 'username'>[],
  options: { tmeBase?: string; publicUrl?: string | null } = {},
): PostLinks {
  return {
    publicChannels: new Set(channels.filter((c) => c.username).map((c) => c.key)),
    tmeBase: options.tmeBase,
    publicUrl: options.publicUrl,
  };
}

/** The archive's page of a post under `base` (the web app's /c/CHANNEL/ID). */
export function archivePostUrl(base: string, post: Pick<Post, 'channel' | 'id'>): string {
  return `${base.replace(/\/+$/, '')}/c/${encodeURIComponent(post.channel)}/${post.id}`;
}

/** t.me for public channels, the archive's page otherwise, null when neither can be made. */
export function postUrl(post: Pick<Post, 'channel' | 'id'>, links: PostLinks): string | null {
  if (links.publicChannels.has(post.channel)) {
    const tme = (links.tmeBase ?? 'https://t.me').replace(/\/+$/, '');
    return `${tme}/${encodeURIComponent(post.channel)}/${post.id}`;
  }
  return links.publicUrl ? archivePostUrl(links.publicUrl, post) : null;
}
