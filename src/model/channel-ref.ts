// Turns the ways people write a channel (@name, t.me/name, https://t.me/s/name, t.me/name/123, tg://resolve?domain=
// name) into a key; and says why a link that is not one is not (an invite link, a private channel's post, a sticker
// set), since "not a channel" alone leaves the user guessing.

export interface ChannelRef {
  /** Lower-cased username. */
  username: string;
  /** A post id when the link named one (t.me/name/123). */
  postId: number | null;
}

const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;
const SITE = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\//i;
const RESOLVE = /^tg:\/\/resolve\?(?:[^#]*&)?domain=([^&#]*)/i;
/** Paths of t.me that are Telegram's own pages (invites, sticker sets, sharing), not a channel or user. */
const SITE_PAGES = new Set([
  'joinchat',
  'addstickers',
  'addemoji',
  'addtheme',
  'addlist',
  'share',
  'proxy',
  'socks',
  'setlanguage',
  'login',
  'invoice',
  'boost',
  'giftcode',
  'confirmphone',
  'contact',
  'premium_offer',
  'premium_multigift',
]);

function pathOf(input: string): string {
  let s = input.trim();
  const resolved = RESOLVE.exec(s);
  if (resolved) return resolved[1]!;
  if (s.startsWith('@')) s = s.slice(1);
  return s.replace(SITE, '').replace(/^s\//, '');
}

/** Whether `s` is a link into Telegram (t.me and its aliases, or tg://resolve), rather than a bare name. */
export function isTelegramLink(s: string): boolean {
  return SITE.test(s) || RESOLVE.test(s);
}

export function parseChannelRef(input: string): ChannelRef | null {
  const [name = '', second] = pathOf(input).split(/[/?#]/, 3);
  if (!USERNAME.test(name) || SITE_PAGES.has(name.toLowerCase())) return null;
  const postId = second && /^\d+$/.test(second) ? Number(second) : null;
  return { username: name.toLowerCase(), postId };
}

/** Why `input` is not a channel, for the message that refuses it (parseChannelRef gave null). */
export function notAChannel(input: string): string {
  const shown = JSON.stringify(input.trim().slice(0, 100));
  const path = pathOf(input);
  const first = path.split(/[/?#]/, 1)[0]!.toLowerCase();
  if (path.startsWith('+') || first === 'joinchat')
    return `${shown} is an invite link to a private chat: tgwire follows public channels, by their @username`;
  if (first === 'c' && /^c\/\d+/.test(path))
    return `${shown} links into a private channel (t.me/c/…): tgwire follows public channels, by their @username`;
  if (SITE_PAGES.has(first)) return `${shown} is a t.me page (${first}), not a channel`;
  // Written like a username but of the wrong length: say so, not "use @name" to someone who did.
  if (/^[A-Za-z0-9_]+$/.test(first) && (first.length < 4 || first.length > 32))
    return `${shown} is not a channel: a username has 4 to 32 letters, digits and underscores (this one has ${first.length})`;
  return `${shown} is not a channel: use @name or a t.me/name link`;
}
