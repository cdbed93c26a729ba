// Placeholder sentences the web preview shows instead of media; they belong on Media.label, never in text.

export const NOT_SUPPORTED_LABEL = 'This media is not supported in your browser';
export const TOO_BIG_LABEL = 'Media is too big';
export const OPEN_TELEGRAM_LABEL = 'Please open Telegram to view this post';
export const SERVICE_MESSAGE_LABEL = 'Service message';

export const MEDIA_LABELS: readonly string[] = [
  NOT_SUPPORTED_LABEL,
  TOO_BIG_LABEL,
  OPEN_TELEGRAM_LABEL,
  SERVICE_MESSAGE_LABEL,
];

/** Collapses whitespace so labels wrapped over lines in pretty-printed pages compare equal. */
export function normaliseLabel(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function isMediaLabel(line: string): boolean {
  return MEDIA_LABELS.includes(normaliseLabel(line));
}
