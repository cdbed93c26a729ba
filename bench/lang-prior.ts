// Channel-prior scenarios for the language benchmark: each labelled text is scored as a post of a channel whose
// language mix is built around the text's own language, a confusable neighbour of it, or only the neighbour.
import { detectLangWithPrior, PRIOR_PARAMS, type PriorParams } from '../src/rules/lang.js';
import { bucketOf, BUCKETS, type Bucket, type Sample } from './lang-data.js';

/** The language each one is most often confused with (the one a wrong guess would give). */
const NEIGHBOUR: Readonly<Record<string, string>> = {
  ru: 'uk',
  uk: 'ru',
  be: 'ru',
  bg: 'ru',
  sr: 'ru',
  en: 'fr',
  fr: 'en',
  de: 'en',
  es: 'pt',
  pt: 'es',
  it: 'es',
  pl: 'en',
  tr: 'en',
  zh: 'ja',
  ja: 'zh',
  ar: 'fa',
  fa: 'ar',
  id: 'ms',
  ms: 'id',
};

export type Scenario = 'no prior' | 'own language 80%' | 'minority language 10%' | 'unseen language';

export function priorFor(scenario: Scenario, lang: string): Map<string, number> | null {
  const n = NEIGHBOUR[lang] ?? 'en';
  const third = lang === 'en' || n === 'en' ? 'ru' : 'en';
  if (scenario === 'own language 80%')
    return new Map([
      [lang, 0.8],
      [n, 0.1],
      [third, 0.1],
    ]);
  if (scenario === 'minority language 10%')
    return new Map([
      [n, 0.8],
      [lang, 0.1],
      [third, 0.1],
    ]);
  if (scenario === 'unseen language')
    return new Map([
      [n, 0.9],
      [third, 0.1],
    ]);
  return null;
}

export interface PriorScore {
  scenario: Scenario;
  accuracy: Record<Bucket | 'all', number>;
  und: number;
  wrong: number;
}

export function scorePrior(
  scenario: Scenario,
  samples: readonly Sample[],
  params: Readonly<PriorParams> = PRIOR_PARAMS,
): PriorScore {
  const right = { short: 0, medium: 0, long: 0, all: 0 };
  const total = { short: 0, medium: 0, long: 0, all: 0 };
  let und = 0;
  let wrong = 0;
  for (const s of samples) {
    const got = detectLangWithPrior(s.text, priorFor(scenario, s.lang), undefined, params);
    const b = bucketOf(s.text);
    total[b]++;
    total.all++;
    if (got === s.lang) {
      right[b]++;
      right.all++;
    } else if (got === 'und') und++;
    else wrong++;
  }
  const acc = (k: Bucket | 'all') => (total[k] ? right[k] / total[k] : 0);
  const accuracy = { all: acc('all') } as Record<Bucket | 'all', number>;
  for (const b of BUCKETS) accuracy[b] = acc(b);
  return { scenario, accuracy, und: und / samples.length, wrong: wrong / samples.length };
}

export const SCENARIOS: readonly Scenario[] = [
  'no prior',
  'own language 80%',
  'minority language 10%',
  'unseen language',
];
