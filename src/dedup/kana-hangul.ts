// Katakana and Hangul spelled in Latin letters, as Japanese and Korean write foreign names by sound (マンチェスター =
// Manchester, 바그다드 = Baghdad): Hepburn for kana, the Revised Romanisation for Hangul. The consonant skeleton of
// translit.ts then drops the vowels both scripts add after every consonant (ma-n-che-su-taa).

// prettier-ignore
const KANA: Readonly<Record<string, string>> = {
  ア: 'a', イ: 'i', ウ: 'u', エ: 'e', オ: 'o',
  カ: 'ka', キ: 'ki', ク: 'ku', ケ: 'ke', コ: 'ko',
  ガ: 'ga', ギ: 'gi', グ: 'gu', ゲ: 'ge', ゴ: 'go',
  サ: 'sa', シ: 'shi', ス: 'su', セ: 'se', ソ: 'so',
  ザ: 'za', ジ: 'ji', ズ: 'zu', ゼ: 'ze', ゾ: 'zo',
  タ: 'ta', チ: 'chi', ツ: 'tsu', テ: 'te', ト: 'to',
  ダ: 'da', ヂ: 'ji', ヅ: 'zu', デ: 'de', ド: 'do',
  ナ: 'na', ニ: 'ni', ヌ: 'nu', ネ: 'ne', ノ: 'no',
  ハ: 'ha', ヒ: 'hi', フ: 'fu', ヘ: 'he', ホ: 'ho',
  バ: 'ba', ビ: 'bi', ブ: 'bu', ベ: 'be', ボ: 'bo',
  パ: 'pa', ピ: 'pi', プ: 'pu', ペ: 'pe', ポ: 'po',
  マ: 'ma', ミ: 'mi', ム: 'mu', メ: 'me', モ: 'mo',
  ヤ: 'ya', ユ: 'yu', ヨ: 'yo',
  ラ: 'ra', リ: 'ri', ル: 'ru', レ: 're', ロ: 'ro',
  ワ: 'wa', ヰ: 'wi', ヱ: 'we', ヲ: 'o', ン: 'n', ヴ: 'vu',
};
const SMALL_Y: Readonly<Record<string, string>> = { ャ: 'a', ュ: 'u', ョ: 'o' };
const SMALL_VOWEL: Readonly<Record<string, string>> = {
  ァ: 'a',
  ィ: 'i',
  ゥ: 'u',
  ェ: 'e',
  ォ: 'o',
  ヮ: 'a',
};

/** Katakana (and hiragana) in Hepburn; other characters pass through. */
export function kanaToLatin(word: string): string {
  let out = '';
  let prev = '';
  for (const c of word) {
    // Hiragana sits 0x60 below its katakana.
    const k = c >= '\u3041' && c <= '\u3096' ? String.fromCharCode(c.charCodeAt(0) + 0x60) : c;
    const y = SMALL_Y[k];
    const v = SMALL_VOWEL[k];
    if (y !== undefined) {
      // キャ kya, シャ sha, チュ chu, ジョ jo.
      out = /(sh|ch|j)i$/.test(out) ? out.slice(0, -1) + y : out.replace(/i$/, 'y') + y;
    } else if (v !== undefined) {
      // ティ ti, ファ fa, シェ she, ヴァ va; after ウ the vowel is a w's (ウィ wi, ウォ wo).
      out = prev === 'ウ' ? out.slice(0, -1) + 'w' + v : out.replace(/[aeiou]$/, '') + v;
    } else if (k !== 'ッ' && k !== 'ー' && k !== '・') out += KANA[k] ?? k;
    // ッ (a doubled consonant) and ー (a long vowel) are one sound to the skeleton; ・ separates a name's words.
    prev = k;
  }
  return out;
}

// prettier-ignore
const INITIAL = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
// prettier-ignore
const MEDIAL = [
  'a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu',
  'ui', 'i',
];
// prettier-ignore
const FINAL = [
  '', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't',
  't', 'k', 't', 'p', 't',
];

/** Hangul syllables in the Revised Romanisation; other characters pass through. */
export function hangulToLatin(word: string): string {
  let out = '';
  for (const c of word) {
    const n = c.charCodeAt(0) - 0xac00;
    if (n < 0 || n > 11_171) {
      out += c;
      continue;
    }
    out += INITIAL[Math.floor(n / 588)]! + MEDIAL[Math.floor((n % 588) / 28)]! + FINAL[n % 28]!;
  }
  return out;
}

/**
 * The spellings a romanised Japanese or Korean name may have in Latin letters: both scripts write l and r with one
 * letter (ロンドン, 런던 = London), an n before b or p is also an m (トランプ = Trump), and Korean writes f as p
 * (프랑스 = France).
 */
export function soundVariants(latin: string, korean: boolean): string[] {
  const out = [latin];
  if (/n[bp]/.test(latin)) out.push(latin.replace(/n(?=[bp])/g, 'm'));
  if (latin.includes('r')) for (const v of [...out]) out.push(v.replace(/r/g, 'l'));
  if (korean && latin.includes('p')) for (const v of [...out]) out.push(v.replace(/p/g, 'f'));
  return out;
}
