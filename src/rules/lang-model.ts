// The statistical language model: fastText's lid.176 (176 languages), run as WebAssembly from the npm package
// fasttext.wasm.js, which ships both the runtime and the 0.9 MB model file. Nothing is downloaded.
import { getLIDModel } from 'fasttext.wasm.js';

// Loading takes about 70 ms and 17 MB once per process; after that a prediction is a synchronous call, so the
// module waits for the model at import and detectLang stays synchronous for its callers.
const model = await (await getLIDModel()).load();

/** Labels that are not ISO 639-1 but name a variety of a language we report under its 639-1 code. */
const ALIAS: Readonly<Record<string, string>> = {
  arz: 'ar',
  azb: 'az',
  wuu: 'zh',
  yue: 'zh',
  pnb: 'pa',
  ckb: 'ku',
};

const UZBEK_APOSTROPHE = /(?<=[oOgG])[‘’'`ʼ](?=\p{L})(?!s\b)/gu;

/** Characters given to the model: its answer settles within a few sentences, and imports are hot. */
const SAMPLE = 1000;

export interface Candidate {
  lang: string;
  /** The model's probability; the candidates of one text sum to at most 1. */
  score: number;
}

/** The model's top `k` languages for a text, ISO 639-1 only (other labels are dropped, not renormalised). */
export function predict(text: string, k = 5): Candidate[] {
  // fastText reads one line; newlines would end the text early.
  let line = (text.length > SAMPLE ? text.slice(0, SAMPLE) : text).replace(/\s+/g, ' ').trim();
  if (!line) return [];
  // The model learnt from running text; an all-caps headline reads to it like another language.
  const upper = line.replace(/[^\p{Lu}]/gu, '').length;
  if (upper > line.replace(/[^\p{L}]/gu, '').length * 0.6) line = line.toLowerCase();
  // Uzbek writes its letters oʻ and gʻ with whatever apostrophe the keyboard has (O‘zbekiston, bo'lgan); the model
  // knows them by the turned comma, and without it reads Uzbek as Turkish.
  line = line.replace(UZBEK_APOSTROPHE, 'ʻ');
  const v = model.predict(line, k, 0);
  const out: Candidate[] = [];
  try {
    for (let i = 0; i < v.size(); i++) {
      const [score, label] = v.get(i);
      const raw = label.replace('__label__', '');
      const lang = ALIAS[raw] ?? raw;
      if (lang.length !== 2) continue;
      const seen = out.find((c) => c.lang === lang);
      if (seen) seen.score += score;
      else out.push({ lang, score });
    }
  } finally {
    // The result lives in the WebAssembly heap until deleted: without this, 1M posts leaked ~0.4 GB (measured).
    (v as unknown as { delete?: () => void }).delete?.();
  }
  return out;
}
