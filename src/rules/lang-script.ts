// What the letters of a text say about its language: the dominant script, letters a language's alphabet lacks,
// and which languages a script allows. Sound rules only; statistics are lang-model.ts's job.

export type Script = 'latin' | 'cyrillic' | 'arabic' | 'han' | 'kana' | 'hangul' | 'other';

// Links, hashtags, mentions and emoji say little about the language and would only add noise.
const NOISE = /(?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{N}_]+|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/gu;

export function stripNoise(text: string): string {
  return text.replace(NOISE, ' ');
}

function scriptOf(c: number): Script {
  if (c < 0x250 || (c >= 0x1e00 && c < 0x1f00)) return 'latin';
  if (c >= 0x400 && c < 0x530) return 'cyrillic';
  if ((c >= 0x600 && c < 0x700) || (c >= 0x750 && c < 0x780) || (c >= 0xfb50 && c < 0xfe00)) return 'arabic';
  if (c >= 0x3040 && c < 0x3100) return 'kana';
  if (c >= 0xac00 && c < 0xd7b0) return 'hangul';
  if ((c >= 0x4e00 && c < 0xa000) || (c >= 0x3400 && c < 0x4dc0)) return 'han';
  return 'other';
}

export interface Letters {
  /** Letters per script. */
  counts: Record<Script, number>;
  total: number;
  /** The script that carries most of the text (Han, kana and Hangul weigh more: a character is often a word). */
  script: Script;
  /** Scripts that carry at least a fifth of the text: a post's language is written in one of them. */
  scripts: ReadonlySet<Script>;
  /** Single hiragana between two Han characters, outside 《》 (japaneseParticles). */
  particles: number;
}

// A Chinese book-title mark quotes a title as written: Japanese titles keep their kana there.
const QUOTED_TITLE = /《[^《》]*》/gu;
const PARTICLE = /(?<=[㐀-䶿一-鿿])[぀-ゟ](?=[㐀-䶿一-鿿])/gu;

/**
 * Hiragana particles inside kanji (省の発, 言と現): Japanese grammar, which a headline written mostly in kanji still
 * has. Chinese text quotes Japanese names and titles (原名：魔法少女まどか, 《おとのけの捧げもの》), where kana come in
 * runs, not one between two Han characters.
 */
function japaneseParticles(text: string): number {
  return text.replace(QUOTED_TITLE, ' ').match(PARTICLE)?.length ?? 0;
}

const CJK_WEIGHT = 3;
const MINOR_SCRIPT = 0.2;
const KANA_SHARE = 0.2;
/** Japanese headlines written mostly in kanji keep a tenth or more of kana; Chinese quoting a title, far less. */
const HEADLINE_KANA_SHARE = 0.1;

/** Counts the letters of a text by script; `limit` bounds the work on long posts. */
export function countLetters(text: string, limit = 2000): Letters {
  const counts: Record<Script, number> = {
    latin: 0,
    cyrillic: 0,
    arabic: 0,
    han: 0,
    kana: 0,
    hangul: 0,
    other: 0,
  };
  let total = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    counts[scriptOf(ch.codePointAt(0) ?? 0)]++;
    if (++total >= limit) break;
  }
  const weight = (s: Script) => (s === 'han' || s === 'kana' || s === 'hangul' ? CJK_WEIGHT : 1);
  const weighted = { ...counts };
  // Japanese mixes kana into Han (a fifth or more of its CJK letters); Chinese has none, but quotes Japanese titles
  // and names in katakana (《クラナド》): a little kana in Han text is left to the channel to decide.
  if (counts.kana > 0 && counts.kana >= (counts.han + counts.kana) * KANA_SHARE) {
    weighted.kana += weighted.han;
    weighted.han = 0;
  }
  let script: Script = 'other';
  let best = 0;
  let sum = 0;
  for (const s of Object.keys(weighted) as Script[]) {
    const w = weighted[s] * weight(s);
    sum += w;
    if (w > best) {
      best = w;
      script = s;
    }
  }
  const scripts = new Set<Script>();
  for (const s of Object.keys(weighted) as Script[]) {
    if (weighted[s] > 0 && weighted[s] * weight(s) >= sum * MINOR_SCRIPT) scripts.add(s);
  }
  const particles = counts.kana > 0 && counts.han > 0 ? japaneseParticles(text) : 0;
  return { counts, total, script, scripts, particles };
}

/** The text with the letters of `scripts` blanked out: what is left of a mixed post is its part in another script. */
export function blankScripts(text: string, scripts: ReadonlySet<Script>): string {
  let out = '';
  for (const ch of text) out += /\p{L}/u.test(ch) && scripts.has(scriptOf(ch.codePointAt(0) ?? 0)) ? ' ' : ch;
  return out;
}

/**
 * Languages told by the script alone, where the model is weak: kana is Japanese, Hangul Korean, and Han without
 * kana Chinese, except for the rare all-kanji Japanese headline, which a Japanese channel's prior can claim.
 */
export function languagesOfScript(letters: Letters): { lang: string; score: number }[] | null {
  const { script } = letters;
  if (script === 'kana') return [{ lang: 'ja', score: 1 }];
  if (script === 'hangul') return [{ lang: 'ko', score: 1 }];
  if (script === 'han') {
    // Some kana, not enough for Japanese prose: a headline in kanji when they are its particles and a tenth of its
    // letters or more; else Chinese quoting Japanese (原名：狼と香辛料 in a long Chinese post), or Japanese, which the
    // channel decides.
    const { han, kana } = letters.counts;
    if (letters.particles > 0 && kana >= (han + kana) * HEADLINE_KANA_SHARE)
      return [
        { lang: 'ja', score: 0.9 },
        { lang: 'zh', score: 0.1 },
      ];
    if (letters.counts.kana > 0)
      return [
        { lang: 'zh', score: 0.5 },
        { lang: 'ja', score: 0.5 },
      ];
    return [
      { lang: 'zh', score: 0.9 },
      { lang: 'ja', score: 0.1 },
    ];
  }
  return null;
}

const CYRILLIC_LANGS = [
  'ru',
  'uk',
  'be',
  'bg',
  'sr',
  'mk',
  'kk',
  'ky',
  'tg',
  'mn',
  'ba',
  'tt',
  'cv',
  'ce',
  'os',
  'kv',
  'av',
  'ab',
];
const ARABIC_LANGS = ['ar', 'fa', 'ur', 'ps', 'ckb', 'sd', 'ug', 'ku'];
const OTHER_SCRIPT_LANGS = [
  'el',
  'he',
  'yi',
  'hy',
  'ka',
  'hi',
  'mr',
  'ne',
  'bn',
  'pa',
  'gu',
  'ta',
  'te',
  'kn',
  'ml',
  'si',
];
const OTHER_SCRIPT_LANGS_2 = ['th', 'lo', 'km', 'my', 'am', 'ti', 'bo', 'dv', 'or', 'sa'];

/** The script a language is normally written in (Latin unless listed). */
export function scriptOfLanguage(lang: string): Script {
  if (CYRILLIC_LANGS.includes(lang)) return 'cyrillic';
  if (ARABIC_LANGS.includes(lang)) return 'arabic';
  if (lang === 'ja') return 'kana';
  if (lang === 'zh') return 'han';
  if (lang === 'ko') return 'hangul';
  if (OTHER_SCRIPT_LANGS.includes(lang) || OTHER_SCRIPT_LANGS_2.includes(lang)) return 'other';
  return 'latin';
}

// Languages written in a second script as well: Uzbek in Cyrillic (its official script until 1993, still common),
// Serbian in Latin letters (most of its press). The model knows Serbian in Cyrillic only and reads Latin Serbian as
// Serbo-Croatian, Croatian or Bosnian, none of them with confidence (so 'und'); a channel pinned to Serbian is then
// Serbian in both scripts.
const SECOND_SCRIPT: Readonly<Record<string, Script>> = { uz: 'cyrillic', sr: 'latin' };

/** Whether a language can be the language of a text written in `scripts`. */
export function scriptAllows(scripts: ReadonlySet<Script> | Script, lang: string): boolean {
  const own = scriptOfLanguage(lang);
  const has = (s: Script) => (typeof scripts === 'string' ? scripts === s : scripts.has(s));
  const second = SECOND_SCRIPT[lang];
  // Japanese text may be all Han (kanji headlines).
  return has(own) || (own === 'kana' && has('han')) || (second !== undefined && has(second));
}

/**
 * Uzbek in Cyrillic, which the model does not know (it reads it as Russian): ў with қ, ғ or ҳ. Belarusian has ў but
 * none of the others; Tajik has қ, ғ and ҳ with ӯ, not ў; Kazakh and Kyrgyz have neither ў nor ҳ.
 */
export function isUzbekCyrillic(text: string): boolean {
  return /[ўЎ]/u.test(text) && /[қҚғҒҳҲ]/u.test(text) && !/[ҷҶӣӢӯӮңҢүҮұҰһҺәӘөӨ]/u.test(text);
}

// Cyrillic letters each language's alphabet lacks. A text that uses them (beyond a quoted name) is not in that
// language: ы/э/ъ/ё are never Ukrainian, і/ї/є/ґ never Russian, ў only Belarusian, ј/љ/њ/ћ/ђ/џ only Serbian and
// Macedonian. The model confuses these languages on short texts; the letters do not.
const FOREIGN_LETTERS: Readonly<Record<string, RegExp>> = {
  ru: /[іїєґўјљњћђџѓќѕ]/giu,
  uk: /[ыэъёўјљњћђџѓќѕ]/giu,
  be: /[ищъїєґјљњћђџѓќѕ]/giu,
  bg: /[ыэёіїєґўјљњћђџѓќѕ]/giu,
  sr: /[щъыэёйяюьєіїґўѓќѕ]/giu,
  mk: /[щъыэёйяюьєіїґўћђ]/giu,
};

/** Share of the letters of a Cyrillic text that `lang`'s alphabet lacks (0 for languages without a list). */
export function foreignLetterShare(text: string, lang: string, letters: number): number {
  const re = FOREIGN_LETTERS[lang];
  if (!re || letters === 0) return 0;
  return (text.match(re)?.length ?? 0) / letters;
}
