// The language detectors the language benchmark compares, each behind one shape: text -> ISO 639-1 code or 'und'.
// Every model here ships inside its npm package; nothing is downloaded at run time.
import { eld as eldLarge } from 'eld/large';
import { eld as eldSmall } from 'eld/small';
import { francAll as francAllLangs } from 'franc-all';
import { franc as franc187 } from 'franc';
import lande from 'lande';
import { loadModule } from 'cld3-asm';
import { getLIDModel } from 'fasttext.wasm.js';
import { detectLang, detectLangWithPrior } from '../src/rules/lang.js';
import { detectLangBaseline } from './lang-baseline.js';

export interface Detector {
  name: string;
  /** ISO 639-1 code, or 'und' when the detector gives no answer. */
  detect(text: string): string;
}

/** ISO 639-3 -> 639-1 for the languages of the benchmark and their usual confusions (anything else stays 'other'). */
const ISO3: Readonly<Record<string, string>> = {
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  mkd: 'mk',
  hrv: 'hr',
  bos: 'bs',
  kaz: 'kk',
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  pol: 'pl',
  tur: 'tr',
  cmn: 'zh',
  zho: 'zh',
  jpn: 'ja',
  arb: 'ar',
  ara: 'ar',
  pes: 'fa',
  fas: 'fa',
  prs: 'fa',
  ind: 'id',
  zlm: 'ms',
  msa: 'ms',
  nld: 'nl',
  ces: 'cs',
  slk: 'sk',
  ron: 'ro',
  cat: 'ca',
  glg: 'gl',
  urd: 'ur',
  kor: 'ko',
};
const iso1 = (code: string): string => (code === 'und' ? 'und' : (ISO3[code] ?? `other:${code}`));

export async function detectors(): Promise<Detector[]> {
  const cld = await loadModule();
  // Bytes, not characters: CLD3 needs at least a few letters and reads at most a few hundred.
  const cldId = cld.create(0, 1000);
  const lid = await getLIDModel();
  const ft = await lid.load();
  return [
    { name: 'tgwire before (franc-min)', detect: (t) => detectLangBaseline(t) ?? 'und' },
    { name: 'tgwire now', detect: (t) => detectLang(t) ?? 'und' },
    { name: 'tgwire now, und when unsure', detect: (t) => detectLangWithPrior(t, null) },
    { name: 'franc (187 languages)', detect: (t) => iso1(franc187(t, { minLength: 1 })) },
    {
      name: 'franc-all (414 languages)',
      detect: (t) => iso1(francAllLangs(t, { minLength: 1 })[0]?.[0] ?? 'und'),
    },
    { name: 'eld large', detect: (t) => eldLarge.detect(t).language || 'und' },
    { name: 'eld small', detect: (t) => eldSmall.detect(t).language || 'und' },
    {
      name: 'cld3-asm',
      detect: (t) => {
        const r = cldId.findLanguage(t);
        return r.language === 'und' ? 'und' : r.language.replace(/-Latn$/, '');
      },
    },
    {
      name: 'fastText lid.176.ftz',
      detect: (t) => {
        const v = ft.predict(t.replace(/\s+/g, ' '), 1, 0);
        const top = v.size() > 0 ? v.get(0) : null;
        return top ? top[1].replace('__label__', '') : 'und';
      },
    },
    { name: 'lande', detect: (t) => iso1(lande(t)[0]?.[0] ?? 'und') },
  ];
}
