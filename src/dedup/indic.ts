// Latin spellings of words in the scripts of India (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu,
// Kannada, Malayalam). Unicode lays these blocks out alike, a letter at the same offset in each (क ক ਕ ક କ க క ಕ ക are
// all ka at 0x15), so one table of offsets reads them all. Names are what this is for: as in Arabic, nothing
// marks them, and their Latin spellings are what the name keys compare (पेशावर = Peshawar, अरिंदम बागची = Arindam
// Bagchi, പാകിസ്ഥാൻ = Pakistan).

/** The first code point of each block, and one past the last. */
const FIRST = 0x0900;
const END = 0x0d80;
const BLOCK = 0x80;
const TAMIL = 0x0b80;

// Offsets in a block. Independent vowels and consonants; the inherent a is added after a consonant that no vowel
// sign or virama follows (and not at the word's end, where Hindi does not say it: भारत = bharat).
const LETTERS: Record<number, string> = {
  0x70: 'n', // Gurmukhi tippi
  0x01: 'n', // candrabindu
  0x02: 'n', // anusvara
  0x03: 'h', // visarga
  0x05: 'a',
  0x06: 'a',
  0x07: 'i',
  0x08: 'i',
  0x09: 'u',
  0x0a: 'u',
  0x0b: 'ri',
  0x0c: 'li',
  0x0d: 'e',
  0x0e: 'e',
  0x0f: 'e',
  0x10: 'ai',
  0x11: 'o',
  0x12: 'o',
  0x13: 'o',
  0x14: 'au',
};

const CONSONANTS: Record<number, string> = {
  0x15: 'k',
  0x16: 'kh',
  0x17: 'g',
  0x18: 'gh',
  0x19: 'n',
  0x1a: 'ch',
  0x1b: 'chh',
  0x1c: 'j',
  0x1d: 'jh',
  0x1e: 'n',
  0x1f: 't',
  0x20: 'th',
  0x21: 'd',
  0x22: 'dh',
  0x23: 'n',
  0x24: 't',
  0x25: 'th',
  0x26: 'd',
  0x27: 'dh',
  0x28: 'n',
  0x29: 'n',
  0x2a: 'p',
  0x2b: 'ph',
  0x2c: 'b',
  0x2d: 'bh',
  0x2e: 'm',
  0x2f: 'y',
  0x30: 'r',
  0x31: 'r',
  0x32: 'l',
  0x33: 'l',
  0x34: 'l',
  0x35: 'v',
  0x36: 'sh',
  0x37: 'sh',
  0x38: 's',
  0x39: 'h',
  // Letters with a nukta, precomposed (Devanagari क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़; Bengali ড় ঢ় য়).
  0x58: 'q',
  0x59: 'kh',
  0x5a: 'gh',
  0x5b: 'z',
  0x5c: 'r',
  0x5d: 'rh',
  0x5e: 'f',
  0x5f: 'y',
  // Malayalam chillu letters (a consonant with no vowel) and Bengali khanda ta.
  0x7a: 'n',
  0x7b: 'n',
  0x7c: 'r',
  0x7d: 'l',
  0x7e: 'l',
  0x7f: 'k',
  0x4e: 't',
};

// Consonants a following nukta turns into the sounds of loanwords (ज़ = z, फ़ = f, ड़ = r).
const NUKTA: Record<string, string> = { j: 'z', ph: 'f', d: 'r', dh: 'rh', k: 'q', g: 'gh' };

const VOWEL_SIGNS: Record<number, string> = {
  0x3e: 'a',
  0x3f: 'i',
  0x40: 'i',
  0x41: 'u',
  0x42: 'u',
  0x43: 'ri',
  0x44: 'ri',
  0x45: 'e',
  0x46: 'e',
  0x47: 'e',
  0x48: 'ai',
  0x49: 'o',
  0x4a: 'o',
  0x4b: 'o',
  0x4c: 'au',
  // Malayalam and Tamil write the two-part vowels o and au with a length mark after the sign.
  0x57: '',
};
const VIRAMA = 0x4d;
const NUKTA_SIGN = 0x3c;

/** Whether a code point is in one of the blocks read here. */
export function isIndic(code: number): boolean {
  return code >= FIRST && code < END;
}

/** The Latin spelling of a word of one of these scripts, or null when it holds a letter of none of them. */
export function indicToLatin(word: string): string | null {
  const codes = [...word].map((c) => c.codePointAt(0)!);
  if (!codes.every(isIndic)) return null;
  const tamil = codes[0]! >= TAMIL && codes[0]! < TAMIL + BLOCK;
  let out = '';
  for (let i = 0; i < codes.length; i++) {
    const off = (codes[i]! - FIRST) % BLOCK;
    const consonant = CONSONANTS[off];
    if (consonant === undefined) {
      out += LETTERS[off] ?? VOWEL_SIGNS[off] ?? '';
      continue;
    }
    let sound = consonant;
    let next = i + 1 < codes.length ? (codes[i + 1]! - FIRST) % BLOCK : -1;
    if (next === NUKTA_SIGN) {
      sound = NUKTA[consonant] ?? consonant;
      i++;
      next = i + 1 < codes.length ? (codes[i + 1]! - FIRST) % BLOCK : -1;
    }
    out += sound;
    // The chillu letters and khanda ta carry no vowel; others carry a unless a sign or the word's end follows.
    // Tamil marks every bare consonant with its virama, so it says the a at the end too (மஹிந்த = Mahinda).
    const bare = off >= 0x7a || off === 0x4e;
    if (!bare && (next !== -1 || tamil) && next !== VIRAMA && VOWEL_SIGNS[next] === undefined) out += 'a';
  }
  return out;
}
