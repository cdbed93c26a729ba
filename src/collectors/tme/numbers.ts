// Reads the abbreviated numbers, sizes, durations and ids that t.me prints for people, not programs.

/** "12.3K" -> 12300, "1.2M" -> 1200000, "798" -> 798, "1,234" -> 1234; null when not a count. */
export function parseCount(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = /^(\d+(?:[.,]\d+)*)\s*([KMB]?)$/i.exec(s.trim());
  if (!m) return null;
  const unit = m[2]!.toUpperCase();
  let digits = m[1]!;
  // With a unit the separator is decimal ("1.56K"); without one it groups thousands ("1,234").
  digits = unit ? digits.replace(',', '.') : digits.replace(/[.,]/g, '');
  const n = Number(digits);
  if (!Number.isFinite(n)) return null;
  const mult = unit === 'K' ? 1e3 : unit === 'M' ? 1e6 : unit === 'B' ? 1e9 : 1;
  return Math.round(n * mult);
}

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** "689 KB" -> 705536 (Telegram counts in binary units); null when not a size. */
export function parseSize(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = /(\d+(?:[.,]\d+)?)\s*(B|KB|MB|GB|TB)\b/i.exec(s);
  if (!m) return null;
  return Math.round(Number(m[1]!.replace(',', '.')) * SIZE_UNITS[m[2]!.toUpperCase()]!);
}

/** "1:09" -> 69, "1:02:03" -> 3723; null when not a duration. */
export function parseDuration(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export interface DataView {
  /** −(internal channel id). */
  c?: number;
  /** Post id, or "278g" for an album. */
  p?: number | string;
  t?: number;
}

/** Decodes data-view (base64url JSON, no padding); null when it does not decode to an object. */
export function decodeDataView(s: string | null): DataView | null {
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as DataView) : null;
  } catch {
    return null;
  }
}

/** The last numeric path segment of a t.me post link ("https://t.me/CH/1066?single" -> 1066). */
export function postIdFromHref(href: string | null | undefined): number | null {
  if (!href) return null;
  const m = /\/(\d{1,12})\/?(?:[?#].*)?$/.exec(href);
  return m ? Number(m[1]) : null;
}

/** username and post id of a t.me link (https://t.me/USER/ID); private /c/ links give no username. */
export function parseTmeLink(href: string | null | undefined): {
  username: string | null;
  postId: number | null;
} {
  if (!href) return { username: null, postId: null };
  const m = /^(?:https?:)?\/\/(?:t\.me|telegram\.me)\/(?:s\/)?([A-Za-z0-9_]+)(?:\/(\d+))?/i.exec(href);
  if (!m) return { username: null, postId: null };
  const user = m[1]!.toLowerCase();
  const postId = m[2] ? Number(m[2]) : null;
  return user === 'c' ? { username: null, postId } : { username: user, postId };
}

/** ISO UTC ("2023-06-14T19:29:07.000Z") from the datetime attribute; null when it is not a date. */
export function isoDate(s: string | null): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
