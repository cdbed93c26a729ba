// Per-line language and script evidence used to guess where a channel's own post starts in a plain-text feed.
import { franc } from 'franc-min';

export type Script = 'latin' | 'cyrillic' | 'other';

export interface LineLang {
  script: Script;
  /** ISO 639-3 code, or null when the line is too short to tell among the file's languages. */
  lang: string | null;
  letters: number;
}

/*
 * Thresholds, measured on franc-min over real channel text: unrestricted detection misnames English lines of
 * 60–100 letters (Portuguese, Italian, Pidgin …) but was right on every line of 120+ letters; restricted to the
 * languages a file is known to contain, lines of 40+ letters are told apart reliably.
 */
/** Letters a line needs for unrestricted detection (pass 1: which languages does the file hold?). */
export const SURE_LETTERS = 120;
/** Letters a line needs to be classified among the file's languages (pass 2). */
export const LINE_LETTERS = 40;
/** Letters a line needs to be classified between just two languages (placing a boundary). */
export const PAIR_LETTERS = 15;

/** franc's cost grows with the text; a few hundred characters already decide the language. */
const FRANC_CHARS = 250;

/**
 * Characters of a line looked at: far more than any threshold below needs, and it keeps a one-line file of many
 * megabytes from costing memory and time in proportion (every letter matched, three times over).
 */
const LINE_SCAN_CHARS = 4096;

/** Hashtags, mentions and links say nothing about the language of the sentence around them. */
function prose(line: string): string {
  return line.slice(0, LINE_SCAN_CHARS).replace(/[#@][\p{L}\p{M}\p{N}_]+|(?:https?:\/\/|www\.)\S+/gu, ' ');
}

function sample(line: string): string {
  return prose(line).slice(0, FRANC_CHARS);
}

export function letterCount(line: string): number {
  return prose(line).match(/\p{L}/gu)?.length ?? 0;
}

/** The script most of the line's letters are written in (null when it has no letters). */
export function scriptOf(line: string): Script | null {
  const text = prose(line);
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const other = (text.match(/\p{L}/gu)?.length ?? 0) - latin - cyrillic;
  const max = Math.max(latin, cyrillic, other);
  if (max === 0) return null;
  return max === latin ? 'latin' : max === cyrillic ? 'cyrillic' : 'other';
}

/** The languages detected with confidence on at least two long lines: the candidates for every other line. */
export function fileLanguages(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (letterCount(line) < SURE_LETTERS) continue;
    const lang = franc(sample(line));
    if (lang !== 'und') counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).map(([lang]) => lang);
}

/** Evidence for one line, or null when it has too few letters to say anything. */
export function lineLang(line: string, languages: readonly string[]): LineLang | null {
  const letters = letterCount(line);
  if (letters < LINE_LETTERS) return null;
  const script = scriptOf(line) ?? 'other';
  let lang: string | null = null;
  if (languages.length === 1) lang = languages[0]!;
  else if (languages.length > 1) {
    const got = franc(sample(line), { only: [...languages], minLength: 1 });
    lang = got === 'und' ? null : got;
  }
  return { script, lang, letters };
}

/** Which of two languages a short line is in; null when it cannot tell. */
export function pickLang(line: string, a: LineLang, b: LineLang): 'a' | 'b' | null {
  const script = scriptOf(line);
  if (letterCount(line) < PAIR_LETTERS || !script) return null;
  if (a.script !== b.script) return script === a.script ? 'a' : script === b.script ? 'b' : null;
  if (!a.lang || !b.lang || a.lang === b.lang) return null;
  const got = franc(sample(line), { only: [a.lang, b.lang], minLength: 1 });
  return got === a.lang ? 'a' : got === b.lang ? 'b' : null;
}

export function compatible(x: LineLang, y: LineLang): boolean {
  return x.script === y.script && (x.lang === null || y.lang === null || x.lang === y.lang);
}
