// Language detection of a post (ISO 639-1): script rules first, then fastText's lid.176, then the channel's own
// language mix as a prior for short or ambiguous posts. Chosen on bench/lang-bench.ts (see BENCHMARKS.md).
import {
  countLetters,
  foreignLetterShare,
  isUzbekCyrillic,
  languagesOfScript,
  blankScripts,
  scriptAllows,
  stripNoise,
  type Script,
} from './lang-script.js';
import {
  NORWEGIAN,
  NORWEGIAN_LANGUAGES,
  SERBO_CROATIAN,
  SERBO_CROATIAN_LANGUAGES,
} from '../model/languages.js';
import { predict } from './lang-model.js';
import { splitMalay } from './lang-malay.js';

export interface LangScore {
  lang: string;
  /** Normalised: the scores of one text sum to at most 1; the rest is "some other language". */
  score: number;
}

/**
 * Fewer letters than this is too little text to tell (CJK carries a word in one or two characters). On the dev
 * split 4 and 5 score alike; 8 and 12 (the old limit) only lose short posts the model gets right.
 */
const MIN_LETTERS = 5;
const MIN_CJK = 2;
/** A Cyrillic candidate whose alphabet lacks some of the text's letters keeps this share of its score. */
const FOREIGN_LETTER_FACTOR = 0.05;
/** Foreign letters up to this share of the text are a quoted name, not evidence. */
const FOREIGN_LETTER_TOLERANCE = 0.01;

export interface PriorParams {
  /**
   * Weight of a language the channel never used, against floor + its share for the channel's languages: low
   * enough that a Russian channel's short Cyrillic post is Russian, high enough that a clear English post stays
   * English.
   */
  priorFloor: number;
  /** Share of the (prior-weighted) evidence the best language needs; below it the answer is 'und'. */
  minConfidence: number;
}

/**
 * Languages the model splits where a reader sees one written language: Serbo-Croatian in Latin letters, which the
 * model spreads over its labels sh, hr, bs and sr (it knows Serbian in Cyrillic only) so that none of them is
 * confident alone (0.2-0.6 each on real Croatian and Serbian news, together over 0.9). Such a post is 'sh' rather
 * than 'und': the pool's code is the true answer at the level the text can tell, never a guess between its members.
 * Norwegian likewise: the model gives Bokmål news no 0.4-0.55 and Nynorsk 0.1-0.25 (with Danish the rest), so
 * that a Norwegian post would be 'und' where it is Norwegian for sure; Danish stays apart.
 */
const POOLS: readonly { lang: string; members: readonly string[]; script: 'latin' }[] = [
  { lang: SERBO_CROATIAN, members: [SERBO_CROATIAN, ...SERBO_CROATIAN_LANGUAGES], script: 'latin' },
  { lang: NORWEGIAN, members: [NORWEGIAN, ...NORWEGIAN_LANGUAGES], script: 'latin' },
];

/**
 * Share of a two-script post's letters its main part needs to give the post its language without a pin: twice the
 * other part. An English channel quoting Arabic with a translation of every line (437 Latin letters, 187 Arabic) is
 * English; a post of two halves is not the language of either.
 */
const MAIN_PART_SHARE = 2 / 3;

/** Chosen on the dev split of bench/lang-data (bench/lang-tune.ts). */
export const PRIOR_PARAMS: Readonly<PriorParams> = { priorFloor: 0.2, minConfidence: 0.7 };

interface Analysis {
  letters: ReturnType<typeof countLetters>;
  /** True when the script alone told the language (Chinese, Japanese, Korean). */
  byScript: boolean;
  scores: LangScore[];
}

function analyse(text: string): Analysis | null {
  const clean = stripNoise(text);
  const letters = countLetters(clean);
  const cjk = letters.counts.han + letters.counts.kana + letters.counts.hangul;
  if (letters.total < (cjk > letters.total / 2 ? MIN_CJK : MIN_LETTERS)) return null;
  const byScript = languagesOfScript(letters);
  if (byScript) return { letters, byScript: true, scores: byScript };
  const cyrillic = letters.counts.cyrillic;
  if (cyrillic > 0 && isUzbekCyrillic(clean))
    return { letters, byScript: true, scores: [{ lang: 'uz', score: 1 }] };
  const scores = splitMalay(clean, predict(clean, 8))
    .filter((c) => scriptAllows(letters.scripts, c.lang))
    .map((c) => {
      if (cyrillic === 0) return c;
      const foreign = foreignLetterShare(clean, c.lang, cyrillic);
      return foreign > 0 && (foreign > FOREIGN_LETTER_TOLERANCE || cyrillic < 100)
        ? { lang: c.lang, score: c.score * FOREIGN_LETTER_FACTOR }
        : c;
    })
    .sort((a, b) => b.score - a.score);
  return { letters, byScript: false, scores };
}

/**
 * Candidate languages of a text, best first, with normalised scores (sum <= 1); empty when there is too little
 * text. Summed over a channel's posts they give the channel's language mix, the prior of detectLangWithPrior.
 */
export function detectLangScores(text: string): LangScore[] {
  return analyse(text)?.scores ?? [];
}

/** The most likely language of a text (ISO 639-1), or null when there is too little text to tell. */
export function detectLang(text: string): string | null {
  return analyse(text)?.scores[0]?.lang ?? null;
}

/**
 * The language of a post in its channel's context, or 'und' when it cannot be told: a wrong confident answer is
 * worse than none (Latin-script Serbo-Croatian that cannot be told apart is 'sh', see POOLS). `prior` is the
 * channel's language mix (share of its posts per language, e.g. from detectLangScores over its archive); it decides
 * short or ambiguous posts. `pinned` (languages the user set for
 * the channel) restricts the answer to those languages when the text's script allows: a Chinese post in a channel
 * pinned to Russian stays Chinese. `params` exist for the benchmark that tunes them; callers leave the default.
 */
export function detectLangWithPrior(
  text: string,
  prior: ReadonlyMap<string, number> | null,
  pinned?: readonly string[],
  params: Readonly<PriorParams> = PRIOR_PARAMS,
): string {
  const a = analyse(text);
  if (!a || a.scores.length === 0) return 'und';
  // Kana and Hangul tell Japanese and Korean for certain; no pin can make them Russian.
  if (a.byScript && a.scores.length === 1) return a.scores[0]!.lang;
  const main = mainPart(text, a, pinned);
  if (main !== null) {
    const lang = detectLangWithPrior(main.text, prior, main.pins, params);
    if (lang !== 'und') return lang;
  }
  const pins = (pinned ?? []).filter((l) => scriptAllows(a.letters.scripts, l));
  if (pins.length === 1) return pins[0]!;
  let total = 0;
  for (const v of prior?.values() ?? []) total += Math.max(0, v);
  const weight = (lang: string) =>
    prior && total > 0 ? params.priorFloor + Math.max(0, prior.get(lang) ?? 0) / total : 1;
  const candidates = pins.length > 0 ? a.scores.filter((s) => pins.includes(s.lang)) : a.scores;
  const posterior = candidates.map((s) => ({ lang: s.lang, p: s.score * weight(s.lang) }));
  // Mass the model gave to languages outside the candidates still speaks against the best one.
  const rest = pins.length > 0 ? 0 : Math.max(0, 1 - a.scores.reduce((n, s) => n + s.score, 0));
  const sum = posterior.reduce((n, s) => n + s.p, 0) + rest * (prior && total > 0 ? params.priorFloor : 1);
  const best = posterior.reduce<{ lang: string; p: number } | null>(
    (b, s) => (!b || s.p > b.p ? s : b),
    null,
  );
  if (!best || sum <= 0) return 'und';
  if (best.p / sum >= params.minConfidence) return best.lang;
  // A pinned channel's answer stays among its pins (sh is none: it is not a code a user can pin).
  if (pins.length > 0) return 'und';
  for (const pool of POOLS) {
    if (a.letters.counts[pool.script] * 2 <= a.letters.total || !pool.members.includes(best.lang)) continue;
    const p = posterior.reduce((n, s) => (pool.members.includes(s.lang) ? n + s.p : n), 0);
    if (p / sum >= params.minConfidence) return pool.lang;
  }
  return 'und';
}

/**
 * The scripts a post is split by. CJK is told by its script (and mixed with Latin mostly as names); 'other' holds
 * Greek and Hebrew but also Latin letters past Latin Extended-B (Azerbaijani ə, the ʿ of transliterated Arabic), so
 * its letters stay in every part.
 */
const SPLIT_SCRIPTS: readonly Script[] = ['latin', 'cyrillic', 'arabic'];

/**
 * The part of a post written in two of SPLIT_SCRIPTS that gives the post its language, or null when the post is not
 * such a post or neither part dominates. The model reads a whole English-and-Arabic post
 * as half of each and is confident of neither, so the post would be 'und' and lose its English stems. The main part
 * is read alone: it decides when it holds MAIN_PART_SHARE of the letters, or, in a channel pinned to a language of
 * each script, when it is the larger (the pins then say which languages the post mixes).
 */
function mainPart(
  text: string,
  a: Analysis,
  pinned: readonly string[] | undefined,
): { text: string; pins: string[] } | null {
  const { counts } = a.letters;
  if (counts.han + counts.kana + counts.hangul > 0) return null;
  const scripts = SPLIT_SCRIPTS.filter((s) => counts[s] > 0);
  if (scripts.length < 2) return null;
  const letters = scripts.reduce((n, s) => n + counts[s], 0);
  const main = scripts.reduce((b, s) => (counts[s] > counts[b] ? s : b));
  const pins = (pinned ?? []).filter((l) => scriptAllows(main, l));
  // A channel pinned to Arabic alone keeps its mostly-English post Arabic, as the pin says (the whole-text path).
  if (pins.length === 0 && (pinned ?? []).length > 0) return null;
  const pinsCoverBoth =
    pins.length > 0 && [...a.letters.scripts].every((s) => pinned!.some((l) => scriptAllows(s, l)));
  if (!pinsCoverBoth && counts[main] < letters * MAIN_PART_SHARE) return null;
  const others = new Set(scripts.filter((s) => s !== main));
  return { text: blankScripts(stripNoise(text), others), pins };
}
