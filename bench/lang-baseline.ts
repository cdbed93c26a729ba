// The detector tgwire used before this benchmark (franc-min trigrams + script shortcuts), kept verbatim so the
// language benchmark can compare the current detector with it.
import { franc } from 'franc-min';

/** ISO 639-3 (franc) -> ISO 639-1; languages without a two-letter code are left out (detectLang returns null). */
const ISO3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  ces: 'cs',
  ron: 'ro',
  hun: 'hu',
  swe: 'sv',
  tur: 'tr',
  ind: 'id',
  zlm: 'ms',
  vie: 'vi',
  jav: 'jv',
  sun: 'su',
  tgl: 'tl',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  som: 'so',
  zul: 'zu',
  kin: 'rw',
  hrv: 'hr',
  bos: 'bs',
  srp: 'sr',
  azj: 'az',
  uzn: 'uz',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  arb: 'ar',
  urd: 'ur',
  pes: 'fa',
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  ckb: 'ku',
  lin: 'ln',
  nya: 'ny',
  plt: 'mg',
  ceb: 'ceb',
  ilo: 'ilo',
};

// Hashtags, links, mentions and emoji say little about the language and would skew the trigram counts.
const NOISE = /(?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{N}_]+|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/gu;

const MIN_LETTERS = 12;
/** Characters of one paragraph given to franc. */
const FRANC_SAMPLE = 600;
/** Letters after which the vote is settled. */
const ENOUGH_LETTERS = 3000;

type Script = 'latin' | 'cyrillic' | 'arabic' | 'han' | 'kana' | 'hangul' | 'other';

function scriptOf(ch: string): Script {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x250) return 'latin';
  if (c >= 0x400 && c < 0x530) return 'cyrillic';
  if ((c >= 0x600 && c < 0x700) || (c >= 0x750 && c < 0x780) || (c >= 0xfb50 && c < 0xfe00)) return 'arabic';
  if (c >= 0x3040 && c < 0x3100) return 'kana';
  if (c >= 0xac00 && c < 0xd7b0) return 'hangul';
  if ((c >= 0x4e00 && c < 0xa000) || (c >= 0x3400 && c < 0x4dc0)) return 'han';
  if (c >= 0x1e00 && c < 0x1f00) return 'latin';
  return 'other';
}

// Letters that only Ukrainian (і ї є ґ) or Belarusian (ў) use among the Cyrillic languages we meet.
const UK_LETTERS = /[іїєґІЇЄҐ]/u;
const BE_LETTERS = /[ўЎ]/u;
// Persian-only letters (پ چ ژ گ and Persian kaf/yeh); Urdu-only letters.
const FA_LETTERS = /[پچژگکی]/u;
const UR_LETTERS = /[ٹڈڑںےھ]/u;

function detectParagraph(p: string, letters: Record<Script, number>): string | null {
  const total = Object.values(letters).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const [top] = (Object.entries(letters) as [Script, number][]).sort((a, b) => b[1] - a[1]);
  if (!top) return null;
  const [script] = top;
  if (script === 'kana') return 'ja';
  if (script === 'hangul') return 'ko';
  // Japanese text mixes kana into Han; Han alone is Chinese.
  if (script === 'han') return letters.kana > letters.han * 0.1 ? 'ja' : 'zh';
  if (script === 'arabic') {
    if (UR_LETTERS.test(p)) return 'ur';
    return FA_LETTERS.test(p) ? 'fa' : 'ar';
  }
  if (script === 'cyrillic') {
    if (UK_LETTERS.test(p)) return 'uk';
    if (BE_LETTERS.test(p)) return 'be';
    const code = franc(p, { only: ['rus', 'bul', 'srp', 'kaz', 'ukr', 'bel'], minLength: 1 });
    // Without і/ї/є/ґ a text is very rarely Ukrainian or Belarusian, whatever the trigrams say.
    if (code === 'ukr' || code === 'bel' || code === 'und') return 'ru';
    return ISO3_TO_1[code] ?? 'ru';
  }
  if (script === 'latin') {
    const code = franc(p, { minLength: 1 });
    return ISO3_TO_1[code] ?? null;
  }
  return null;
}

/**
 * The dominant language of a text (ISO 639-1), or null when there is too little text to tell.
 * Each paragraph is detected alone and votes with its number of letters, so a post with a long French
 * body and a short English line is French.
 */
export function detectLangBaseline(text: string): string | null {
  const clean = text.replace(NOISE, ' ');
  const votes = new Map<string, number>();
  let totalLetters = 0;
  for (const p of clean.split(/\n\s*\n|\n(?=\S)/u)) {
    const letters: Record<Script, number> = {
      latin: 0,
      cyrillic: 0,
      arabic: 0,
      han: 0,
      kana: 0,
      hangul: 0,
      other: 0,
    };
    let n = 0;
    for (const ch of p) {
      if (/\p{L}/u.test(ch)) {
        letters[scriptOf(ch)]++;
        n++;
      }
    }
    if (n === 0) continue;
    totalLetters += n;
    // CJK carries a word in one or two letters; count it so short CJK lines still vote.
    const weight = n + (letters.han + letters.kana + letters.hangul) * 2;
    // Trigram statistics settle within a few hundred letters; longer input only costs time (imports are hot).
    const lang = detectParagraph(p.length > FRANC_SAMPLE ? p.slice(0, FRANC_SAMPLE) : p, letters);
    if (lang) votes.set(lang, (votes.get(lang) ?? 0) + weight);
    if (totalLetters > ENOUGH_LETTERS) break;
  }
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(clean);
  if (totalLetters < (cjk ? 2 : MIN_LETTERS)) return null;
  let best: string | null = null;
  let bestVotes = 0;
  for (const [lang, v] of votes) {
    if (v > bestVotes) {
      best = lang;
      bestVotes = v;
    }
  }
  return best;
}
