// Names in scripts without capitals: Hebrew, Georgian, Korean, the scripts of India (indic.ts, tamil.ts), Sinhala
// (sinhala.ts), Thaana (thaana.ts), and the katakana Japanese writes foreign names in. As with Arabic (evidence.ts),
// nothing marks a name, so every longer word is a candidate, spelled in Latin letters each way its letters are read;
// the other side's names are few, so a common word rarely meets one.
import { Memo } from '../util/memo.js';
import { indicToLatin, isIndic } from './indic.js';
import { hangulToLatin, kanaToLatin, soundVariants } from './kana-hangul.js';
import { isSinhala, sinhalaToLatin } from './sinhala.js';
import { tamilReadings } from './tamil.js';
import { isThaana, thaanaToLatin } from './thaana.js';
import { transliterate } from './translit.js';

const JOINERS = /[\u200C\u200D]/gu;
const HEBREW_WORD = /^[\u05D0-\u05EA'\u05F3]+$/u;
// Vowel points and cantillation, which news text rarely carries and the consonants do without.
const HEBREW_POINTS = /[\u0591-\u05C7]/gu;
const GEORGIAN_WORD = /^[\u10D0-\u10FA]+$/u;
const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/u;
const KATAKANA_RUN = /[\u30A1-\u30FA\u30FC]{3,}/gu;
const HAS_KATAKANA = /[\u30A1-\u30FA]/u;

// Letters written onto a Hebrew word: the article and the prepositions and conjunctions (ה, ו, ב, ל, מ, ש, כ).
const HEBREW_PREFIX = /^[הובלמשכ]/u;
// Georgian case endings that add a consonant (genitive -ის, dative -ს, instrumental -ით, ergative -მა, -ში "in").
const GEORGIAN_CASE = /(?:ის|ით|მა|ში|ზე|ს)$/u;
// Sinhala case endings written onto a name, longest first (ලංකාවෙන් "from Lanka", නේපාලයේ "in Nepal", -ගේ "of",
// -ට "to"), and the -ව/-ය a country's name takes (ලංකාව, ඉන්දියාව).
const SINHALA_CASE = /(?:වෙන්|යෙන්|ගෙන්|ටත්|වේ|යේ|ගේ|වට|යට|හි|ට|ව|ය|න්)$/u;
// Tamil case endings written onto a name (நேபாளத்தில் "in Nepal", நேபாளத்திற்கான "for Nepal", இந்தியாவின் "of
// India", பெரேராவுடன் "with Perera"), longest first; the stem is the name as other languages spell it.
const TAMIL_CASE =
  /(?:த்திற்கான|த்திற்கு|த்துடன்|த்தில்|த்தின்|விற்கான|விற்கு|வுடன்|வில்|வின்|யில்|யின்|க்கான|க்கு|ுக்கு|ுடன்|ில்|ின்|ை)$/u;
const TAMIL_WORD = /^[\u0B80-\u0BFF]+$/u;
// Dhivehi endings written onto a name, longest first (އިންޑިއާގެ "of India", ދިއްލީއަށް "to Delhi", ވަޙީދާއި "and
// Waheed", ޕާޓިލާ "with Patil"), and the plural.
const THAANA_CASE = /(?:ތަކުގެ|ތަކަށް|ތައް|ގައި|އަށް|އާއި|އިން|ާއި|ގެ|ގަ|އާ|ން|ާ)$/u;
// Korean particles written onto a word, longest first (에서 "at", 으로 "to", 은/는 topic, 의 of …).
const KOREAN_PARTICLE = /(?:에서|에게|으로|까지|부터|와의|과의|은|는|이|가|을|를|의|에|와|과|로|도|만)$/u;

/**
 * The Latin spellings of a word in Hebrew, Georgian, Hangul, Sinhala, Thaana or a script of India to take name keys of, or
 * null when the word is in none of them (or too short to be told apart).
 */
export function uncasedSpellings(word: string): string[] | null {
  // Most words are of other scripts: told by their first letter before any lookup (this runs on every word).
  const c = word.charCodeAt(0);
  if (!(
    (c >= 0x0590 && c < 0x0600) ||
    (c >= 0x10a0 && c < 0x1100) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    isIndic(c) ||
    isSinhala(c) ||
    isThaana(c)
  ))
    return null;
  // A zero-width joiner or non-joiner shapes the letters around it (a conjunct of Sinhala or an Indian script) and
  // is no sound: each script's reading below sees the letters alone.
  return cache.get(word.replace(JOINERS, ''));
}

// Words repeat across posts, and a Hebrew one has up to nine readings to spell.
const cache = new Memo<string[] | null>(100_000, (word) => spellings(word));

function spellings(word: string): string[] | null {
  const bare = word.replace(HEBREW_POINTS, '');
  if (HEBREW_WORD.test(bare)) {
    if (bare.length < 3) return [];
    const forms = [bare];
    // Up to two letters written onto it (והנשיא, ולפוטין): each stripped form is a reading too.
    for (let w = bare; HEBREW_PREFIX.test(w) && w.length >= 5 && forms.length < 3;) {
      w = w.slice(1);
      forms.push(w);
    }
    // ש is s or sh; ו, ב, פ are u, b, p or v, v, f (ולדימיר = Vladimir, ויקטור = Viktor).
    return forms.flatMap((f) => [
      transliterate(f),
      transliterate(f.replace(/ש/g, 'ס')),
      transliterate(f.replace(/[וב]/g, 'v').replace(/פ/g, 'f')),
    ]);
  }
  if (GEORGIAN_WORD.test(word)) {
    if (word.length < 4) return [];
    const bare = word.replace(GEORGIAN_CASE, '');
    // A country or region's -ეთი on the people's name (აფხაზეთი, აფხაზეთში = Abkhazia, of the Abkhaz): the stem is
    // the name other languages spell.
    const land = bare.replace(/ეთი?$/u, '');
    return [...new Set([word, bare, land])].filter((f) => f.length >= 3).map(transliterate);
  }
  if (TAMIL_WORD.test(word)) {
    // An ending that begins with a vowel sign leaves its consonant bare: the virama says so (ரணில் -> ரண்).
    const bare = word.replace(TAMIL_CASE, (e) => (/^[\u0BBE-\u0BCC]/u.test(e) ? '\u0BCD' : ''));
    const forms = [...new Set([word, bare])].map((f) => indicToLatin(f)!);
    return [...new Set(forms.filter((f) => f.length >= 3).flatMap(tamilReadings))];
  }
  const indic = indicToLatin(word);
  if (indic !== null) return indic.length >= 3 ? [indic] : [];
  if (isSinhala(word.codePointAt(0)!)) {
    const nfc = word.normalize('NFC');
    const bare = nfc.replace(SINHALA_CASE, '');
    const forms = [...new Set([nfc, bare])].map(sinhalaToLatin);
    return forms.filter((f): f is string => f !== null && f.length >= 3);
  }
  if (isThaana(word.codePointAt(0)!)) {
    const bare = word.replace(THAANA_CASE, '');
    const forms = [...new Set([word, bare])].map(thaanaToLatin);
    return forms.filter((f): f is string => f !== null && f.length >= 3);
  }
  if (HANGUL_WORD.test(word)) {
    const bare = word.replace(KOREAN_PARTICLE, '');
    if (bare.length < 2) return [];
    return [...new Set([bare, word])].flatMap((f) => soundVariants(hangulToLatin(f), true));
  }
  return null;
}

/**
 * The katakana runs of a word (Japanese writes no spaces: one word may hold several), each with its Latin
 * spellings and where it ends in the word.
 */
export function katakanaNames(
  word: string,
): { written: string; index: number; end: number; spellings: string[] }[] {
  if (!HAS_KATAKANA.test(word)) return [];
  const out = [];
  for (const m of word.matchAll(KATAKANA_RUN))
    out.push({
      written: m[0],
      index: m.index,
      end: m.index + m[0].length,
      spellings: soundVariants(kanaToLatin(m[0]), false),
    });
  return out;
}
