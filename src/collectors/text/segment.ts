// Splits the lines of a plain-text feed into posts: certain boundaries first, then guessed ones (language changes).
import { MEDIA_LABELS } from '../../model/labels.js';
import { compatible, fileLanguages, lineLang, pickLang, type LineLang } from './lang.js';
import { HASHTAG_SOURCE } from '../../text/tags.js';

/** What the web preview writes before a forward's origin title (with a no-break space, U+00A0). */
export const FORWARD_PREFIX = 'Forwarded from\u00A0';

/** Why a post starts where it does; `language` is the only guess, the others are read off the format. */
export type BoundaryReason = 'file-start' | 'forward' | 'media-after-text' | 'after-hashtags' | 'language';

export interface Segment {
  /** First line (index into the lines). */
  start: number;
  /** One past the last line. */
  end: number;
  reason: BoundaryReason;
}

export function isForwardLine(line: string): boolean {
  return line.startsWith(FORWARD_PREFIX);
}

/**
 * "Forwarded from NAME" with another space after "from" (typed by hand, or the no-break space turned into a plain
 * one by an editor). Read as text like any other line (the format is exact, and the renderer writes back what was
 * read); the import says so, since such a dump otherwise reads as own posts without a word.
 */
export function isLooseForwardLine(line: string): boolean {
  return /^Forwarded from[^\S\u00A0]+\S/u.test(line);
}

/** Exact match only: a label written differently is text, and the renderer must write back what was read. */
export function isLabelLine(line: string): boolean {
  return MEDIA_LABELS.includes(line);
}

const HASHTAG_LINE = new RegExp(`^\\s*${HASHTAG_SOURCE}(?:[\\s,]+${HASHTAG_SOURCE})*\\s*$`, 'u');

/** Where the header and label lines of a post end and its text begins. */
export function textStart(lines: readonly string[], seg: Pick<Segment, 'start' | 'end'>): number {
  let i = seg.start;
  if (i < seg.end && isForwardLine(lines[i]!)) i++;
  while (i < seg.end && isLabelLine(lines[i]!)) i++;
  return i;
}

/**
 * Boundaries the format itself shows:
 * - a `Forwarded from` line always starts a post;
 * - a media label after text starts one (the web preview writes labels before a post's text, never after);
 * - a line of hashtags followed directly (no blank line) by a line of prose: channels end posts with their tags,
 *   and posts follow each other with a single line break while paragraphs are separated by blank lines. A line
 *   without a letter ("……", "---", "1.") is no prose: it goes on a list of tags inside a post.
 */
function certainSegments(lines: readonly string[]): Segment[] {
  const segs: Segment[] = [];
  let cur: Segment = { start: 0, end: 0, reason: 'file-start' };
  let hasText = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let reason: BoundaryReason | null = null;
    if (i > 0 && isForwardLine(line)) reason = 'forward';
    else if (i > 0 && isLabelLine(line) && hasText) reason = 'media-after-text';
    else if (hasText && /\p{L}/u.test(line) && !HASHTAG_LINE.test(line) && HASHTAG_LINE.test(lines[i - 1]!))
      reason = 'after-hashtags';
    if (reason) {
      cur.end = i;
      segs.push(cur);
      cur = { start: i, end: i, reason };
      hasText = false;
    }
    if (!(i === cur.start && isForwardLine(line)) && !(isLabelLine(line) && !hasText)) hasText = true;
  }
  cur.end = lines.length;
  segs.push(cur);
  return segs;
}

interface Run {
  lang: LineLang;
  /** Indices of the evidence lines. */
  lines: number[];
  letters: number;
}

/**
 * Enough evidence for a post of its own: two lines in the language, or one long line (a sure detection). One short
 * line in another script is not: it is a photo credit with Latin names under a Russian post, a prompt, a code line.
 */
function solid(run: Run): boolean {
  return run.lines.length >= 2 || run.letters >= 120;
}

/**
 * Runs of consecutive evidence lines in compatible languages; a run too short to be solid is noise (a short quote,
 * a misdetected line) and belongs to the post around it. Noise before the first solid run goes with that run but
 * does not count towards making it solid: one Russian line would otherwise turn the English line under it into a
 * "solid" English run of two lines.
 */
function languageRuns(evidence: { i: number; lang: LineLang }[]): Run[] {
  const raw: Run[] = [];
  for (const { i, lang } of evidence) {
    const last = raw.at(-1);
    if (last && compatible(last.lang, lang)) {
      last.lines.push(i);
      last.letters += lang.letters;
      if (last.lang.lang === null && lang.lang !== null) last.lang = lang;
    } else raw.push({ lang, lines: [i], letters: lang.letters });
  }
  const runs: Run[] = [];
  const leading: number[] = [];
  for (const run of raw) {
    const prev = runs.at(-1);
    if (!solid(run)) {
      if (prev) prev.lines.push(...run.lines);
      else leading.push(...run.lines);
    } else if (prev && compatible(prev.lang, run.lang)) {
      prev.lines.push(...run.lines);
      prev.letters += run.letters;
    } else {
      if (!prev) run.lines.unshift(...leading);
      runs.push(run);
    }
  }
  return runs;
}

/**
 * Where, between the last line of language A (index `a`) and the first solid line of language B (`b`), the new
 * post starts: at the first line after the last one that reads as A and that itself reads as B; failing that, at
 * the start of b's paragraph (a short title goes with the text under it), never before a line that reads as A.
 */
function placeBoundary(lines: readonly string[], a: number, b: number, A: LineLang, B: LineLang): number {
  let afterA = a + 1;
  let firstB: number | null = null;
  for (let i = a + 1; i < b; i++) {
    const side = pickLang(lines[i]!, A, B);
    if (side === 'a') {
      afterA = i + 1;
      firstB = null;
    } else if (side === 'b' && firstB === null) firstB = i;
  }
  if (firstB !== null) return firstB;
  let blockStart = b;
  while (blockStart - 1 >= afterA && lines[blockStart - 1]!.trim() !== '') blockStart--;
  // A post starts with a non-blank line; blank lines before it stay with the post above as its trailing text.
  while (blockStart < b && lines[blockStart]!.trim() === '') blockStart++;
  return blockStart;
}

/**
 * Whether a post may start at each evidence line: only where no language of the lines before it comes back after it
 * (a compatible() line on both sides), short lines included. A language that returns means a text that mixes
 * languages (a Russian post with English prompts, an Arabic verse with its translation, Chinese with English product
 * names), and a cut anywhere in it would invent posts: a wrong split costs more than a missed one (posts count for
 * search, digests, stories). Linear: each line's reach (the last line compatible with it) is read from the last
 * index per script and language.
 */
function cleanCuts(evidence: readonly { lang: LineLang }[]): boolean[] {
  const last = new Map<string, number>();
  evidence.forEach(({ lang }, k) => {
    last.set(lang.script, k);
    last.set(`${lang.script}/${lang.lang}`, k);
  });
  let reach = -1;
  return evidence.map(({ lang: { script, lang } }, k) => {
    const clean = k > 0 && reach < k;
    const far =
      lang === null
        ? last.get(script)!
        : Math.max(last.get(`${script}/${lang}`)!, last.get(`${script}/null`) ?? -1);
    reach = Math.max(reach, far);
    return clean;
  });
}

function languageSplits(lines: readonly string[], seg: Segment, languages: readonly string[]): Segment[] {
  const from = textStart(lines, seg);
  const evidence: { i: number; lang: LineLang }[] = [];
  for (let i = from; i < seg.end; i++) {
    const lang = lineLang(lines[i]!, languages);
    if (lang) evidence.push({ i, lang });
  }
  const runs = languageRuns(evidence);
  if (runs.length < 2) return [seg];
  const clean = cleanCuts(evidence);
  const rank = new Map(evidence.map((e, k) => [e.i, k]));
  const out: Segment[] = [];
  let cur: Segment = { ...seg };
  for (let k = 1; k < runs.length; k++) {
    const prev = runs[k - 1]!;
    const run = runs[k]!;
    if (!clean[rank.get(run.lines[0]!)!]) continue;
    const at = placeBoundary(lines, prev.lines.at(-1)!, run.lines[0]!, prev.lang, run.lang);
    cur.end = at;
    out.push(cur);
    cur = { start: at, end: seg.end, reason: 'language' };
  }
  out.push(cur);
  return out;
}

/** The posts of a plain-text feed as line ranges, in file order; together they cover every line exactly once. */
export function segmentFeed(lines: readonly string[]): Segment[] {
  const languages = fileLanguages(lines);
  return certainSegments(lines).flatMap((seg) => languageSplits(lines, seg, languages));
}
