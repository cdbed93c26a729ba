// ISO 639-1 language codes, and the parsing of a user's list of them (`--lang ru,en`).

/** Every ISO 639-1 two-letter code (183: the current list, without the withdrawn sh and mo). */
export const ISO_639_1: ReadonlySet<string> = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el ' +
    'en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it ' +
    'iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt ' +
    'my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl ' +
    'sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo ' +
    'za zh zu'
  ).split(' '),
);

/**
 * A comma- or space-separated list of ISO 639-1 codes, lower-cased, each once, in the order given; null for
 * "no pin" ('' or 'auto'). Throws a RangeError naming the first code that is not ISO 639-1.
 */
export function parseLanguageList(input: string): string[] | null {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'auto') return null;
  const codes = [...new Set(trimmed.split(/[\s,]+/).filter(Boolean))];
  const bad = codes.find((c) => !ISO_639_1.has(c));
  if (bad !== undefined)
    throw new RangeError(
      `"${bad.slice(0, 20)}" is not an ISO 639-1 language code (two letters: en, ru, fr …; '' or auto clears)`,
    );
  return codes;
}

/**
 * Serbo-Croatian: what a post in Latin letters is told as when the detector cannot say which of Croatian, Bosnian
 * or Serbian it is (sh is withdrawn from ISO 639-1 but still the code the language is known by).
 */
export const SERBO_CROATIAN = 'sh';
export const SERBO_CROATIAN_LANGUAGES: readonly string[] = ['hr', 'bs', 'sr'];

/**
 * Norwegian: what a post is told as when the detector is sure it is Norwegian but not which of its two written
 * standards, Bokmål (nb) or Nynorsk (nn).
 */
export const NORWEGIAN = 'no';
export const NORWEGIAN_LANGUAGES: readonly string[] = ['nb', 'nn'];

/**
 * Whether a post in `lang` is in one of `wanted`: a Serbo-Croatian post is in any of its three languages; a Norwegian
 * one in either standard, and a post in either standard in Norwegian.
 */
export function inLanguages(wanted: readonly string[], lang: string): boolean {
  return wanted.some((w) => languageCodesIn(w).includes(lang));
}

/**
 * The codes a post may carry to be in language `wanted` (lower-cased): a filter by nn finds the posts told as
 * Norwegian (no) too, one by no those in either standard, one by hr, bs or sr those told as Serbo-Croatian (sh).
 */
export function languageCodesIn(wanted: string): string[] {
  const w = wanted.toLowerCase();
  if (w === NORWEGIAN) return [w, ...NORWEGIAN_LANGUAGES];
  if (NORWEGIAN_LANGUAGES.includes(w)) return [w, NORWEGIAN];
  if (SERBO_CROATIAN_LANGUAGES.includes(w)) return [w, SERBO_CROATIAN];
  return [w];
}

/**
 * The written language of a code: Croatian, Bosnian and Serbo-Croatian in Latin letters are one (sh). Serbian keeps
 * its code: it is mostly written in Cyrillic, and a Latin text meets a Cyrillic one only through transliteration.
 */
export function writtenLanguage(lang: string): string {
  return lang === 'hr' || lang === 'bs' ? SERBO_CROATIAN : lang;
}
