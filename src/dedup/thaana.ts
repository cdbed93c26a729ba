// Latin spellings of Thaana (Dhivehi) words, for names: nothing marks a name in this script, and the Latin spellings
// are what the name keys compare (ޕްރަތީބާ ޕާޓިލް = Pratibha Patil, ވަޙީދު = Waheed). Every consonant carries a vowel
// sign (fili) or the sukun; the alifu (އ) carries a vowel with no consonant of its own, and with the sukun it doubles
// the next consonant.

const THAANA_FIRST = 0x0780;
const THAANA_END = 0x07c0;
const ALIFU = 0x0787;
const SUKUN = 0x07b0;
const NOONU = 0x0782;
// ބ and މ: a ން before them is said m.
const LABIALS: ReadonlySet<number> = new Set([0x0784, 0x0789]);

// prettier-ignore
const CONSONANTS: Record<number, string> = {
  0x0780: 'h', 0x0781: 'sh', 0x0782: 'n', 0x0783: 'r', 0x0784: 'b', 0x0785: 'lh', 0x0786: 'k', 0x0788: 'v',
  0x0789: 'm', 0x078a: 'f', 0x078b: 'dh', 0x078c: 'th', 0x078d: 'l', 0x078e: 'g', 0x078f: 'gn', 0x0790: 's',
  0x0791: 'd', 0x0792: 'z', 0x0793: 't', 0x0794: 'y', 0x0795: 'p', 0x0796: 'j', 0x0797: 'ch',
  // The letters of Arabic words and names, each read as the Arabic letter is (translit.ts).
  0x0798: 'th', 0x0799: 'h', 0x079a: 'kh', 0x079b: 'dh', 0x079c: 'z', 0x079d: 'sh', 0x079e: 's', 0x079f: 'd',
  0x07a0: 't', 0x07a1: 'z', 0x07a2: '', 0x07a3: 'gh', 0x07a4: 'q', 0x07a5: 'w', 0x07b1: 'n',
};

// Long vowels as the short ones: Latin spellings of names rarely write the length (ޕާޓިލް = Patil).
// prettier-ignore
const VOWEL_SIGNS: Record<number, string> = {
  0x07a6: 'a', 0x07a7: 'a', 0x07a8: 'i', 0x07a9: 'i', 0x07aa: 'u', 0x07ab: 'u', 0x07ac: 'e', 0x07ad: 'e',
  0x07ae: 'o', 0x07af: 'o', 0x07b0: '',
};

/** Whether a code point is a Thaana letter or sign. */
export function isThaana(code: number): boolean {
  return code >= THAANA_FIRST && code < THAANA_END;
}

/** The Latin spelling of a Thaana word, or null when it holds a letter of another script. */
export function thaanaToLatin(word: string): string | null {
  const codes = [...word].map((c) => c.codePointAt(0)!);
  if (codes.length === 0 || !codes.every(isThaana)) return null;
  let out = '';
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    // The alifu's vowel is its sign's; with the sukun it doubles the next consonant, which the name keys read as one.
    if (c === ALIFU) continue;
    const consonant = CONSONANTS[c];
    if (consonant === undefined) {
      out += VOWEL_SIGNS[c] ?? '';
      continue;
    }
    // މުޙަންމަދު = Muhammad.
    if (c === NOONU && codes[i + 1] === SUKUN && LABIALS.has(codes[i + 2] ?? 0)) out += 'm';
    else out += consonant;
  }
  return out;
}
