// Turns the ways people write a channel (@name, t.me/name, https://t.me/s/name, t.me/name/123) into a key.

export interface ChannelRef {
  /** Lower-cased username. */
  username: string;
  /** A post id when the link named one (t.me/name/123). */
  postId: number | null;
}

const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;

export function parseChannelRef(input: string): ChannelRef | null {
  let s = input.trim();
  if (s.startsWith('@')) s = s.slice(1);
  s = s.replace(/^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\//i, '');
  s = s.replace(/^s\//, '');
  const [name = '', second] = s.split(/[/?#]/, 3);
  if (!USERNAME.test(name)) return null;
  const postId = second && /^\d+$/.test(second) ? Number(second) : null;
  return { username: name.toLowerCase(), postId };
}
