// Latin spellings of Sinhala words. Its block (U+0D80) is not laid out as the scripts of India are (indic.ts reads
// those by one table of offsets), so it has its own. Names are what this is for: nothing marks them, and their Latin
// spellings are what the name keys compare (ස්වර්ණා පෙරේරා = Swarna Perera, වික්‍රමසිංහ = Wickremesinghe).

const SINHALA_FIRST = 0x0d80;
const SINHALA_END = 0x0e00;
const VIRAMA = 0x0dca;
// Zero-width joiners shape conjuncts (ශ්‍රී, ක්‍ර) and say nothing of the sound; pages copied as text often drop them.
const JOINERS = new Set([0x200c, 0x200d]);

const VOWELS: Record<number, string> = {
  0x0d81: 'n',
  0x0d82: 'n', // anusvara: ලංකා = lanka
  0x0d83: 'h',
  0x0d85: 'a',
  0x0d86: 'a',
  // ඇ is the a of English names (ඇමරිකා = America).
  0x0d87: 'a',
  0x0d88: 'a',
  0x0d89: 'i',
  0x0d8a: 'i',
  0x0d8b: 'u',
  0x0d8c: 'u',
  0x0d8d: 'ri',
  0x0d8e: 'ri',
  0x0d8f: 'li',
  0x0d90: 'li',
  0x0d91: 'e',
  0x0d92: 'e',
  0x0d93: 'ai',
  0x0d94: 'o',
  0x0d95: 'o',
  0x0d96: 'au',
};

const CONSONANTS: Record<number, string> = {
  0x0d9a: 'k',
  0x0d9b: 'kh',
  0x0d9c: 'g',
  0x0d9d: 'gh',
  0x0d9e: 'n',
  // The prenasalised letters are a nasal and a stop (ඹ in කොළඹ = Colombo).
  0x0d9f: 'ng',
  0x0da0: 'ch',
  0x0da1: 'chh',
  0x0da2: 'j',
  0x0da3: 'jh',
  0x0da4: 'n',
  0x0da5: 'gn',
  0x0da6: 'nj',
  0x0da7: 't',
  0x0da8: 'th',
  0x0da9: 'd',
  0x0daa: 'dh',
  0x0dab: 'n',
  0x0dac: 'nd',
  0x0dad: 't',
  0x0dae: 'th',
  0x0daf: 'd',
  0x0db0: 'dh',
  0x0db1: 'n',
  0x0db3: 'nd',
  0x0db4: 'p',
  0x0db5: 'ph',
  0x0db6: 'b',
  0x0db7: 'bh',
  0x0db8: 'm',
  0x0db9: 'mb',
  0x0dba: 'y',
  0x0dbb: 'r',
  0x0dbd: 'l',
  0x0dc0: 'v',
  0x0dc1: 'sh',
  0x0dc2: 'sh',
  0x0dc3: 's',
  0x0dc4: 'h',
  0x0dc5: 'l',
  0x0dc6: 'f',
};

const VOWEL_SIGNS: Record<number, string> = {
  0x0dcf: 'a',
  0x0dd0: 'a',
  0x0dd1: 'a',
  0x0dd2: 'i',
  0x0dd3: 'i',
  0x0dd4: 'u',
  0x0dd6: 'u',
  0x0dd8: 'ri',
  0x0dd9: 'e',
  0x0dda: 'e',
  0x0ddb: 'ai',
  0x0ddc: 'o',
  0x0ddd: 'o',
  0x0dde: 'au',
  0x0ddf: '',
  0x0df2: 'ri',
  0x0df3: 'li',
};

/** Whether a code point is a Sinhala letter or sign. */
export function isSinhala(code: number): boolean {
  return code >= SINHALA_FIRST && code < SINHALA_END;
}

/** The Latin spelling of a Sinhala word, or null when it holds a letter of another script. */
export function sinhalaToLatin(word: string): string | null {
  // Composed: the two-part vowels (ො, ෝ, ේ) may come as the e sign and a second mark.
  const codes = [...word.normalize('NFC')].map((c) => c.codePointAt(0)!).filter((c) => !JOINERS.has(c));
  if (codes.length === 0 || !codes.every(isSinhala)) return null;
  let out = '';
  for (let i = 0; i < codes.length; i++) {
    const consonant = CONSONANTS[codes[i]!];
    if (consonant === undefined) {
      out += VOWELS[codes[i]!] ?? VOWEL_SIGNS[codes[i]!] ?? '';
      continue;
    }
    out += consonant;
    // Sinhala says the inherent a at a word's end too (දිසානායක = Dissanayaka), unless the virama or a sign follows.
    const next = codes[i + 1];
    if (next !== VIRAMA && (next === undefined || VOWEL_SIGNS[next] === undefined)) out += 'a';
  }
  return out;
}
