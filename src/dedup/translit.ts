// Script-independent name keys: Cyrillic -> Latin transliteration plus a consonant skeleton (Лавров = Lavrov).
import { foldText } from '../text/fold.js';
import { hangulToLatin, kanaToLatin } from './kana-hangul.js';
import { worldNames } from './world-names.js';

const KANA_OR_HANGUL = /[\u3041-\u3096\u30A1-\u30FA\uAC00-\uD7A3]/u;

// prettier-ignore
const CYR: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  // Serbian and Macedonian: ј is the glide й is (Русија = Rusija = Россия), љ and њ its soft l and n.
  ј: 'i',
  љ: 'li',
  њ: 'ni',
  ћ: 'ch',
  ђ: 'dj',
  џ: 'dzh',
  ѕ: 'dz',
  // Greek, as names are romanised from it.
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'ks',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'i',
  φ: 'f',
  χ: 'kh',
  ψ: 'ps',
  ω: 'o',
  // Arabic and Persian letters as names are romanised from them (long vowels و ي as u i; short ones unwritten).
  ا: 'a',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'u',
  ي: 'i',
  ى: 'a',
  ی: 'i',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  // Armenian (Eastern); ու is u, և ev (transliterate).
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: '', թ: 't', ժ: 'zh', ի: 'i', լ: 'l', խ: 'kh', ծ: 'ts',
  կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o', չ: 'ch', պ: 'p', ջ: 'j',
  ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'v', փ: 'p', ք: 'k', օ: 'o', ֆ: 'f',
  // Georgian.
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm', ნ: 'n', ო: 'o',
  პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q', შ: 'sh', ჩ: 'ch', ც: 'ts',
  ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
  // Hebrew, as names are romanised from it: consonants, ו and י as the vowels u and i they mostly carry in names
  // (פוטין = Putin); the other readings of ש, ו, ב and פ are tried by hebrewForms (evidence.ts).
  א: '', ב: 'b', ג: 'g', ד: 'd', ה: 'h', ו: 'u', ז: 'z', ח: 'kh', ט: 't', י: 'i', כ: 'k', ך: 'k', ל: 'l', מ: 'm',
  ם: 'm', נ: 'n', ן: 'n', ס: 's', ע: '', פ: 'p', ף: 'f', צ: 'ts', ץ: 'ts', ק: 'k', ר: 'r', ש: 'sh', ת: 't',
};

/**
 * Transliterates Cyrillic, Greek, Arabic, Armenian, Georgian and Hebrew letters, katakana and Hangul of a folded
 * word to Latin; other letters pass through.
 */
export function transliterate(word: string): string {
  if (KANA_OR_HANGUL.test(word)) return hangulToLatin(kanaToLatin(word));
  // Greek writes foreign b, d, g, j as pairs (Ερντογάν = Erdogan, Μπάιντεν = Biden, Τζόνσον = Johnson), and u as ου
  // (Ουκρανία = Ukraine); after a vowel μπ is mb (Τραμπ = Trump).
  let w = /[α-ω]/u.test(word)
    ? word
        .replace(/ντ/g, 'd')
        .replace(/^μπ/, 'b')
        .replace(/μπ/g, 'mb')
        .replace(/γκ/g, 'g')
        .replace(/τζ/g, 'j')
        .replace(/ου/g, 'u')
        .replace(/ευ/g, 'ev')
        .replace(/αυ/g, 'av')
    : word;
  if (/[\u0561-\u0587]/u.test(w)) w = w.replace(/ու/g, 'u').replace(/և/g, 'ev');
  // A geresh makes ג, ז and צ the j, zh and ch of foreign names (ג'ונסון = Johnson).
  if (/[\u05D0-\u05EA]/u.test(w))
    w = w.replace(/ג['׳]/g, 'j').replace(/ז['׳]/g, 'zh').replace(/צ['׳]/g, 'ch');
  let out = '';
  for (const ch of w) out += CYR[ch] ?? ch;
  return out;
}

/**
 * Arabic names of Arab countries and cities whose letters lack the vowels or the consonants of their Latin names
 * (السعودية sudia = Saudi, عراق raq = Iraq, فلسطين flstin = Palestine), as transliterate spells them with the article
 * off: the key is then taken of the Latin name, as for any other spelling of it.
 */
const ARABIC_SPELLED: Readonly<Record<string, string>> = {
  sudia: 'saudi',
  amarat: 'emirates',
  kuit: 'kuwait',
  raq: 'iraq',
  imn: 'yemen',
  jzair: 'algeria',
  mghrb: 'morocco',
  flstin: 'palestine',
  ardn: 'jordan',
  ghza: 'gaza',
  duha: 'doha',
  dbi: 'dubai',
  qahra: 'cairo',
  mka: 'mecca',
  hmas: 'hamas',
  // Names Arabic does not spell from the Latin ones: Austria (النمسا), Jerusalem (القدس), UNRWA (الأونروا), OPEC (أوبك).
  nmsa: 'austria',
  natu: 'nato',
  aubk: 'opec',
  qds: 'jerusalem',
  aunrua: 'unrwa',
  // Names whose Latin spelling has letters Arabic does not write (Washington's g, Beijing's j, Italy's y) or reads
  // otherwise (Brussels from the French Bruxelles, Damascus from Dimashq); واشنطن with its و read as "and" too.
  uashntn: 'washington',
  ashntn: 'washington',
  bkin: 'beijing',
  bruksl: 'brussels',
  dmshq: 'damascus',
  aitalia: 'italy',
  iaban: 'japan',
  athiubia: 'ethiopia',
};
const ARABIC_LETTER = /[\u0600-\u06FF]/u;

/**
 * Greek names of countries (and their genitives) that spell nothing like the Latin ones, as transliterate spells them:
 * Ελλάδα, Ρωσία, Γαλλία, ΗΠΑ. Only for Greek words: rosia, gallia and ipa are words of Latin-script texts too.
 */
const GREEK_SPELLED: Readonly<Record<string, string>> = {
  ellada: 'greece',
  elladas: 'greece',
  ellados: 'greece',
  rosia: 'russia',
  rosias: 'russia',
  gallia: 'france',
  gallias: 'france',
  ipa: 'usa',
  kina: 'china',
  kinas: 'china',
};
const GREEK_LETTER = /[\u0370-\u03FF]/u;

/**
 * Equivalences spelling rules cannot reach (exonyms); a supplement only, the skeleton does most of the work. Countries'
 * names are mostly ICU's (world() below): these are cities, case forms ICU does not write, short words it leaves out,
 * and the countries whose keys are short (=india, =russia), whose every form is listed so they meet.
 */
const GAZETTEER: Readonly<Record<string, string>> = {
  mosca: 'moskva',
  moscu: 'moskva',
  moscou: 'moskva',
  moscow: 'moskva',
  moskau: 'moskva',
  moskve: 'moskva',
  moskvy: 'moskva',
  moskvoi: 'moskva',
  moskha: 'moskva',
  pechino: 'beijing',
  pekin: 'beijing',
  pekine: 'beijing',
  pekinom: 'beijing',
  londres: 'london',
  varsovie: 'varshava',
  warsaw: 'varshava',
  warschau: 'varshava',
  warszawa: 'varshava',
  warszawie: 'varshava',
  varsavia: 'varshava',
  varsovia: 'varshava',
  geneve: 'geneva',
  zheneva: 'geneva',
  genf: 'geneva',
  ginevra: 'geneva',
  ginebra: 'geneva',
  kiev: 'kyiv',
  kiew: 'kyiv',
  kieva: 'kyiv',
  kievom: 'kyiv',
  kieve: 'kyiv',
  kyiv: 'kyiv',
  lviv: 'lviv',
  lvov: 'lviv',
  lvova: 'lviv',
  lvove: 'lviv',
  kiyiv: 'kyiv',
  kiiv: 'kyiv',
  kijow: 'kyiv',
  kijowa: 'kyiv',
  kijowie: 'kyiv',
  kyjev: 'kyiv',
  kyjeva: 'kyiv',
  kyjeve: 'kyiv',
  kiyeva: 'kyiv',
  kiyevi: 'kyiv',
  kiyevu: 'kyiv',
  kiyevom: 'kyiv',
  tokio: 'tokyo',
  tokyo: 'tokyo',
  vienna: 'vienna',
  vienne: 'vienna',
  viena: 'vienna',
  vena: 'vienna',
  venu: 'vienna',
  vene: 'vienna',
  wien: 'vienna',
  wieden: 'vienna',
  fiina: 'vienna',
  germanii: 'germany',
  chine: 'china',
  kitai: 'china',
  kitaya: 'china',
  kitaem: 'china',
  inde: 'india',
  indiya: 'india',
  indii: 'india',
  indiei: 'india',
  egypte: 'egypt',
  egipet: 'egypt',
  egipta: 'egypt',
  egipte: 'egypt',
  etats: 'usa',
  ssha: 'usa',
  usa: 'usa',
  // Armenian and Georgian cases of countries' names (the genitive and locative Վրաստանի, Ռուսաստանում), and Korean
  // and Japanese names as their sounds are read (ICU's spellings meet the rest).
  hayastani: 'armenia',
  hayastanum: 'armenia',
  vrastani: 'georgia',
  vrastanum: 'georgia',
  adrbejani: 'azerbaijan',
  adrbejanum: 'azerbaijan',
  rusastan: 'russia',
  rusastani: 'russia',
  rusastanum: 'russia',
  sakartvelos: 'georgia',
  hanguk: 'korea',
  miguk: 'usa',
  yeongguk: 'britain',
  dogil: 'germany',
  igirisu: 'britain',
  // Turkish, Arabic and Persian names of countries and capitals (their article off: الهند -> hnd). Not the
  // Turkish ABD (USA) nor the Arabic الصين (China, sin): Abd and Sin are words of Latin-script names and headlines.
  rusya: 'russia',
  rusia: 'russia',
  rusih: 'russia',
  suriye: 'syria',
  suria: 'syria',
  surih: 'syria',
  avrupa: 'europe',
  auruba: 'europe',
  arupa: 'europe',
  misir: 'egypt',
  msr: 'egypt',
  india: 'india',
  hindistan: 'india',
  hnd: 'india',
  bharat: 'india',
  // The initials of the United Arab Emirates (UAE, EAU, ОАЭ), which have no consonants to key.
  uae: 'emirates',
  eau: 'emirates',
  oae: 'emirates',
  iran: 'iran',
  airan: 'iran',
  china: 'china',
  cin: 'china',
  chin: 'china',
  moskova: 'moskva',
  musku: 'moskva',
  msku: 'moskva',
  rossiya: 'russia',
  rosiya: 'russia',
  rossii: 'russia',
  rossiei: 'russia',
  rossiyu: 'russia',
  rusiia: 'russia',
  rusiie: 'russia',
  rusiii: 'russia',
  rusiiu: 'russia',
  rusiiom: 'russia',
  rusija: 'russia',
  rusije: 'russia',
  rusiji: 'russia',
  rusiju: 'russia',
  rusijom: 'russia',
  russia: 'russia',
  russie: 'russia',
  russland: 'russia',
  rusland: 'russia',
  ryssland: 'russia',
  rosja: 'russia',
  rosji: 'russia',
  // Latvian and Lithuanian (Krievija, Rusijos); Lithuania, whose Russian, Ukrainian and Lithuanian names (Литва,
  // Литвою, Lietuva, литовский) would otherwise key on the consonants of Latvia (ltf), and Latvia in French and German
  // (letton would key as Lithuania).
  krievija: 'russia',
  krievijas: 'russia',
  krievijai: 'russia',
  krieviju: 'russia',
  rusijos: 'russia',
  rusijai: 'russia',
  rusijoje: 'russia',
  litvy: 'lithuania',
  litve: 'lithuania',
  litvu: 'lithuania',
  litvoi: 'lithuania',
  litvi: 'lithuania',
  litvoyu: 'lithuania',
  litv: 'lithuania',
  litov: 'lithuania',
  litovsk: 'lithuania',
  letton: 'latvia',
  lettone: 'latvia',
  litwy: 'lithuania',
  litwie: 'lithuania',
  lietuvos: 'lithuania',
  lietuvai: 'lithuania',
  lietuvoje: 'lithuania',
  evropa: 'europe',
  evropy: 'europe',
  evrope: 'europe',
  evropi: 'europe',
  evropis: 'europe',
  yevropa: 'europe',
  yevropi: 'europe',
  yevropu: 'europe',
  europe: 'europe',
  europa: 'europe',
  siriya: 'syria',
  siriia: 'syria',
  siriie: 'syria',
  siriii: 'syria',
  sirija: 'syria',
  sirije: 'syria',
  siriji: 'syria',
  sirii: 'syria',
  syria: 'syria',
  syrie: 'syria',
  siria: 'syria',
  turechchini: 'turkey',
  turechchinu: 'turkey',
  turtsii: 'turkey',
  turkey: 'turkey',
  onu: 'un',
  oon: 'un',
  otan: 'nato',
  nato: 'nato',
  // Countries and capitals in the languages of the news, as transliterate spells them; their case forms (Польши,
  // Женеве, Китае) are read back to these by nominative().
  cina: 'china',
  polski: 'poland',
  polsce: 'poland',
  niemiec: 'germany',
  niemczech: 'germany',
  japon: 'japan',
  giappone: 'japan',
  japao: 'japan',
  yaponiya: 'japan',
  japonia: 'japan',
  bretagne: 'britain',
  britannien: 'britain',
  grossbritannien: 'britain',
  bretana: 'britain',
  bretagna: 'britain',
  velikobritaniya: 'britain',
  italy: 'italy',
  italie: 'italy',
  italien: 'italy',
  italia: 'italy',
  italiya: 'italy',
  srbije: 'serbia',
  srbiji: 'serbia',
  srbiju: 'serbia',
  hrvatske: 'croatia',
  hrvatskoj: 'croatia',
  hrvatsku: 'croatia',
  agypten: 'egypt',
  egitto: 'egypt',
  egipto: 'egypt',
  indien: 'india',
  syrien: 'syria',
  saudi: 'saudi',
  saoudite: 'saudi',
  saudita: 'saudi',
  saudovsk: 'saudi',
  tegeran: 'tehran',
  teheran: 'tehran',
  parizh: 'paris',
  bruxelles: 'brussels',
  bryussel: 'brussels',
  brussel: 'brussels',
  bruselas: 'brussels',
  bruxelas: 'brussels',
  bruksela: 'brussels',
  rome: 'rome',
  rim: 'rome',
  cairo: 'cairo',
  caire: 'cairo',
  kair: 'cairo',
  kairo: 'cairo',
  asia: 'asia',
  asie: 'asia',
  asien: 'asia',
  aziya: 'asia',
  beograd: 'belgrade',
  ethiopia: 'ethiopia',
  beogradu: 'belgrade',
};

/** The Arabic article and the prepositions written onto it (ال، وال، بال، فال، كال، لل), taken off a word before keying it. */
export const ARABIC_ARTICLE = /^(?:[وبفك]?ال|لل)/u;

let worldTable: ReadonlyMap<string, string> | undefined;
// Every spelling ICU gives a country (knownNominatives reads declined names back to one), read in the same pass.
let worldSpellings: ReadonlySet<string> | undefined;

/**
 * Countries' names in other languages (world-names.ts) as transliterate spells them -> their English name, where the
 * two would not key alike: polsha -> poland, avstraliya -> australia, polija -> poland, almania -> germany. Names of
 * four letters or fewer so spelled are left out: they are other words and names too (sin, man, ali, duc, lit; عمان
 * is Amman as well as Oman). Built on first use: some 6,000 names read from ICU, which a command that never groups
 * stories need not pay for.
 */
function world(): ReadonlyMap<string, string> {
  if (worldTable) return worldTable;
  const out = new Map<string, string>();
  const spellings = new Set<string>();
  const latin = (w: string): string =>
    transliterate(foldText(w.replace(ARABIC_ARTICLE, ''))).replace(/[^a-z]/g, '');
  for (const [english, name] of worldNames()) {
    const to = latin(english);
    const from = latin(name);
    spellings.add(to).add(from);
    if (from.length < 5 || from === to || out.has(from) || GAZETTEER[from] !== undefined) continue;
    const s = skeleton(from);
    if (s.length >= 3 && s.slice(0, 4) === skeleton(to).slice(0, 4)) continue;
    out.set(from, to);
  }
  worldSpellings = spellings;
  return (worldTable = out);
}

// Endings are written folded (ї -> і), as nameKey receives its words. Ukrainian and Russian names in adjectival
// and derived forms: Зеленського (Zelensky), Львівської (of Lviv), Сумщини (of the Sumy region), Харківщині. Both the
// adjective's own stem (Зеленськ-, Львівськ-) and the place it derives from (Львів, Сум) are keys. Bulgarian and
// Macedonian write the article onto the adjective (Софийската, Българският, Софийското).
const CYR_ADJ =
  /(ськ|цьк|зьк|ск|цк)(?:а|оі|ій|ою|у|ий|ого|ому|им|ім|их|ими|ая|ой|ую|ое|ие|ых|ым|ыми|ата|ият|ия|ото|ите)$/u;
const CYR_REGION = /щин(?:а|и|і|у|ою|ой|е)$/u;
// Case endings that add a consonant the nominative lacks (Путиным, Вашингтоном, Лавровых).
const CYR_CASE = /(?:ами|ями|ого|его|ому|ему|ыми|ими|ым|им|ом|ем|єм|ах|ях|ам|ям|ых|их|ою|ею)$/u;

/**
 * Keys that stay the same across transliterations, case endings and derived place names: transliterate, turn
 * spelling variants into one sound (w/v, c/k, gu/g, dzh/j…), drop vowels and doubled letters, keep four consonants.
 * Lavrov/Лавров/Лаврова/لافروف -> lfrf, Sergey/Sergueï/Сергей -> srg, Kazan/Казань/Казани -> ksn, Lviv/Львівської -> ~lvi.
 * A name of four letters or more with one or two consonants keys on its first three letters (Sumy/Сумщини -> ~sum).
 * Empty for shorter words (The, Xi, EST): three letters are too common to tell names apart.
 */
export function nameKeys(foldedWord: string): string[] {
  // [form, whether it is the stem of a longer word (then three letters are enough: Сум-щини)]
  const forms: [string, boolean][] = [];
  // A place the gazetteer knows is keyed as it says, never cut as an adjective or a region (Угорщина is Hungary).
  if (/^[а-яёіїєґў]{5,}$/u.test(foldedWord) && !inGazetteer(foldedWord)) {
    const adj = CYR_ADJ.exec(foldedWord);
    const region = CYR_REGION.exec(foldedWord);
    if (adj) {
      const stem = foldedWord.slice(0, adj.index);
      forms.push([stem + adj[1]!, false]);
      if (stem.length >= 3) forms.push([stem, true]);
    } else if (region && region.index >= 3) forms.push([foldedWord.slice(0, region.index), true]);
    else {
      // A stem a case ending was cut from is a stem: three letters are enough (Дудою = Duda).
      const bare = foldedWord.replace(CYR_CASE, '');
      forms.push([bare, bare !== foldedWord]);
      // A nominative can end as a case does (Аданом = Adhanom, Багом): the word as written is a key too.
      if (bare !== foldedWord) forms.push([foldedWord, false]);
    }
  } else forms.push([foldedWord, false]);
  const out: string[] = [];
  for (const [f, stem] of forms) {
    const k = keyOf(f, stem);
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

// Latin-script languages whose j is the glide of "ya" (Ukrajina, Jens, Andrzej) and whose names take case endings.
const GLIDE_J = new Set([
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'bs',
  'sr',
  'sh',
  'de',
  'nl',
  'sv',
  'da',
  'no',
  'nb',
  'fi',
  'et',
  'hu',
  'lv',
  'lt',
]);
const GENITIVE_S = new Set(['de', 'nl', 'sv', 'da', 'no', 'nb']);
const LATIN_SLAVIC = new Set(['pl', 'cs', 'sk', 'sl', 'hr', 'bs', 'sr', 'sh']);
// Case endings that add a consonant the nominative lacks (Scholzem, Putinowi, Petrom, Dudou, Lavrovem).
const LATIN_CASE = /(?:owi|ovi|ami|ach|ego|emu|iem|em|om|ym|im|ou|ov|ow)$/u;

/**
 * A name as its own language spells its sounds, for the keys the folded spelling misses: Czech and Polish
 * letters with marks (č = ch, ž = zh, Andrzej = Andzhei), Turkish c and ç (Recep = Реджеп), Romanian ș and ț,
 * the glide j of Slavic, German and Nordic languages (Ukrajina = Україна). Null when it says nothing new.
 */
export function romanise(word: string, lang: string | null): string | null {
  let w = word.toLowerCase();
  // Ukrainian and Belarusian г is an h, as their names are spelled in Latin letters (Галущенко = Halushchenko,
  // Гродна = Hrodna); transliterate spells it g, as Russian says it, and that key stays too. The г of an adjective's
  // -ого stays, for nameKeys to cut the ending (литовського).
  if (lang === 'uk' || lang === 'be') w = w.replace(/г(?!о$)/g, 'h');
  if (lang === 'tr' || lang === 'az')
    w = w.replace(/c/g, 'j').replace(/ç/g, 'ch').replace(/ş/g, 'sh').replace(/ğ/g, '');
  // Polish, Czech and Slovak c is ts and ch is kh (Donieck = Донецк, Charków = Kharkiv, Cherson = Херсон); German
  // and Dutch spell ш, ч and х as sch, tsch and ch (Tschernobyl = Chernobyl, Tsjernobyl, Charkiw = Kharkiv).
  if (lang === 'pl') w = w.replace(/rz/g, 'ż').replace(/sz/g, 'š').replace(/cz/g, 'č');
  if (lang === 'pl' || lang === 'cs' || lang === 'sk') w = w.replace(/ch/g, 'kh').replace(/c/g, 'ts');
  if (lang === 'de') w = w.replace(/tsch/g, 'č').replace(/sch/g, 'š').replace(/ch/g, 'kh');
  if (lang === 'nl') w = w.replace(/tsj/g, 'č').replace(/sj/g, 'š').replace(/ch/g, 'kh');
  w = w
    .replace(/[čćç]/g, 'ch')
    .replace(/[šśș]/g, 'sh')
    .replace(/[žźż]/g, 'zh')
    .replace(/ř/g, 'rzh')
    .replace(/ț/g, 'ts');
  if (lang !== null && GLIDE_J.has(lang)) w = w.replace(/j/g, 'y');
  // Arabic writes a foreign g with jim, as Egypt says it (Angela = أنجيلا, Georgia = جورجيا).
  if (lang !== 'fa' && lang !== 'ur') w = w.replace(/ج/g, 'گ');
  return w === word.toLowerCase() ? null : w;
}

/**
 * Keys of a name as written in a text of language `lang`: those of its folded spelling, of its romanised
 * spelling, and (in Latin-script Slavic languages) of its stem without a case ending.
 */
export function nameKeysIn(word: string, lang: string | null, fold: (s: string) => string): string[] {
  const out = nameKeys(fold(word));
  const more: string[] = [];
  const r = romanise(word, lang);
  if (r !== null) more.push(fold(r));
  // Greek β is v (Βαρσοβία = Warsaw), but it also writes the b of foreign names (Βερολίνο = Berlin, Βρετανία).
  if (lang === 'el' && /[βΒ]/u.test(word)) more.push(fold(word.replace(/β/gu, 'π').replace(/Β/gu, 'Π')));
  if (lang !== null && LATIN_SLAVIC.has(lang))
    more.push(...withoutEnding([fold(word), ...more], LATIN_CASE, 3));
  // Armenian case endings that add a consonant (Բորելին, Միրզոյանից, Մոսկվայում); the article ը and genitive ի
  // are vowels the skeleton drops anyway.
  if (lang === 'hy') more.push(...withoutEnding([fold(word)], /(?:ին|ով|ից|ում|ն)$/u, 3));
  // Latvian, Lithuanian and Greek names end in their case's s (Zikovs and Zykovas = Зыков, Latvijas and Latvijos =
  // Латвии, Κύριλλος = Kirill).
  if ((lang === 'lv' || lang === 'lt' || lang === 'el') && GAZETTEER[fold(word)] === undefined)
    more.push(...withoutEnding([fold(word), ...more], /[sσς]$/u, 4));
  // The genitive s of German, Dutch and Nordic names (Russlands, Deutschlands, Ruslands).
  if (lang !== null && GENITIVE_S.has(lang) && /[^s]s$/u.test(word) && word.length >= 6)
    more.push(fold(word.slice(0, -1)));
  // Turkish and Azerbaijani write a name's case ending after an apostrophe (Rusya'nın, Türkiye'de).
  if ((lang === 'tr' || lang === 'az') && /^[^'’]{3,}['’]/u.test(word))
    more.push(fold(word.split(/['’]/u)[0]!));
  if (lang !== null) more.push(...knownNominatives(fold(word), lang));
  for (const f of more) for (const k of nameKeys(f)) if (!out.includes(k)) out.push(k);
  // German and Luxembourgish capitalise every noun, so their compounds are read as names: one of eight consonants or
  // more keys on five, as its first four meet other long words' (Infrastruktur and Новороссийск both begin nfrs).
  if (lang === 'de' || lang === 'lb') {
    const s = skeleton(transliterate(fold(word)).replace(/[^a-z]/g, ''));
    if (s.length >= 8) return out.map((k) => (k === s.slice(0, 4) ? s.slice(0, 5) : k));
  }
  return out;
}

// Case endings of languages that decline place names, folded (Sýrii, Ruskem, Rosji, Ukrainie, Rusijos, Krievijas,
// Venäjällä, Venemaal, Oroszországban, Rusiei, Rusisë).
const CASE_ENDINGS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries({
    cs: 'ach ami ovi ou em om ii i e y u a',
    sk: 'ach ami ovi ou om ii i e y u a',
    pl: 'ach ami em om ie ii i e y u a',
    sl: 'ami om em ji i e o u a',
    hr: 'ama ima om em oj i e u a',
    bs: 'ama ima om em oj i e u a',
    sr: 'ama ima om em oj i e u a',
    lt: 'oje ose os ai ui a e u o',
    lv: 'as ai u a e',
    fi: 'lla lle lta ssa sta na ksi an n',
    et: 'sse st lt le ga ni na ks s l d',
    hu: 'ban ben bol rol nak nek val vel tol hoz hez nal nel ert ba be ra re ig on en ot et at t i',
    ro: 'ului ei ul',
    sq: 'ise ine se ne es s n',
  }).map(([lang, endings]) => [lang, endings.split(' ')]),
);
// The nominative endings a case ending replaces (Rusk-em = Rusk-o, Sýri-i = Sýri-e, Rosj-i = Rosj-a).
const NOMINATIVE_ENDINGS = ['', 'a', 'o', 'e', 'y', 'i'];

let knownNames: ReadonlySet<string> | undefined;
/** Countries' names in every language read (world-names.ts) and the gazetteer's names, as transliterate spells them. */
function known(): ReadonlySet<string> {
  if (knownNames) return knownNames;
  world();
  return (knownNames = new Set([...Object.keys(GAZETTEER), ...worldSpellings!]));
}

/**
 * A declined name's nominative, when it is a place or person the tables know (Ruskem = Rusko, Venäjällä = Venäjä):
 * the skeleton of a case form can hold a consonant the nominative lacks, or be too short to key (Sýrii).
 */
function knownNominatives(folded: string, lang: string): string[] {
  const endings = CASE_ENDINGS[lang];
  if (endings === undefined || !/^[a-z]{5,}$/u.test(folded)) return [];
  const names = known();
  if (names.has(folded)) return [];
  const out: string[] = [];
  for (const e of endings) {
    if (!folded.endsWith(e)) continue;
    const base = folded.slice(0, -e.length);
    if (base.length < 3) continue;
    for (const n of NOMINATIVE_ENDINGS)
      if (base.length + n.length >= 4 && names.has(base + n) && !out.includes(base + n)) out.push(base + n);
  }
  return out;
}

/** The forms that had a case ending, without it, when `min` letters or more are left. */
function withoutEnding(forms: readonly string[], ending: RegExp, min: number): string[] {
  const out: string[] = [];
  for (const f of forms) {
    const bare = f.replace(ending, '');
    if (bare !== f && bare.length >= min) out.push(bare);
  }
  return out;
}

/** The first of nameKeys, or null. */
export function nameKey(foldedWord: string): string | null {
  return nameKeys(foldedWord)[0] ?? null;
}

function keyOf(word: string, stem: boolean): string | null {
  // Latin Eur- is the Evr- of Cyrillic and Greek (Eurostat = Евростат, Europa = Ευρώπη): the u is a v there.
  const latin = transliterate(word)
    .replace(/[^a-z]/g, '')
    .replace(/^eur/, 'evr');
  const cyrillic = CYRILLIC_WORD.test(word);
  // A country named in another language is keyed as its English name (Австралии = Australia).
  const t =
    (ARABIC_LETTER.test(word) && ARABIC_SPELLED[latin]) ||
    (GREEK_LETTER.test(word) && GREEK_SPELLED[latin]) ||
    world().get(latin) ||
    (cyrillic && nominative(latin, (k) => world().get(k))) ||
    latin;
  const g = GAZETTEER[t] ?? (cyrillic ? nominative(t, (k) => GAZETTEER[k]) : undefined);
  const s = skeleton(g ?? t);
  if (s.length >= 3) return s.slice(0, 4);
  if (g) return `=${g}`;
  // Short names (Sumy, Lviv, Riyad): their first letters, vowels included, as far as transliterations agree: y, j
  // (a glide in Jemen) and i are one letter there, and a doubled letter one (Tayyip = Тайип, Yemen = Йемен, Riyadh =
  // Риад); vowels fall in the three classes Arabic writes, a, i (e) and u (o): Kofi = كوفي, Moussa = موسى. An ayn
  // that begins an Arabic name is the a of its Latin spelling (عنان = Annan, عمان = Amman). Russian kh is an h
  // (Хамас = Hamas), a c a k or, before e, i and y, an s (Cuba = Куба, Corée = Корея).
  const sounded = t === latin && ARABIC_LETTER.test(word) && word.startsWith('ع') ? 'a' + t : t;
  const head = sounded
    .replace(/kh/g, 'h')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/[yje]/g, 'i')
    .replace(/[vw]/g, 'f')
    .replace(/p/g, 'b')
    .replace(/o/g, 'u')
    .replace(/(.)\1+/g, '$1');
  return sounded.length >= (stem ? 3 : 4) && head.length >= 3 ? `~${head.slice(0, 3)}` : null;
}

const CYRILLIC_WORD = /[а-яёіїєґў]/u;

// Russian and Ukrainian case endings as transliterate spells them, each with the nominative ending it replaces, in
// the order tried: Германии and Німеччині, Китае, Польши and Женеве, Ирана and Пекине.
const CYR_DECLENSION: readonly [RegExp, string][] = [
  [/(?:ii|iyu|iei|iey)$/, 'iya'],
  [/(?<=[aeiou])(?:ya|yu|e|em|i)$/, 'i'],
  [/(?:y|i|e|u|oi|ei|oyu|eyu)$/, 'a'],
  [/(?:a|e|u|i|ya|yu|em)$/, ''],
  [/ov$/, 'y'],
];

function inGazetteer(cyrillicWord: string): boolean {
  const latin = transliterate(cyrillicWord).replace(/[^a-z]/g, '');
  return (
    GAZETTEER[latin] !== undefined ||
    world().has(latin) ||
    nominative(latin, (k) => GAZETTEER[k]) !== undefined ||
    nominative(latin, (k) => world().get(k)) !== undefined
  );
}

/** A table's name for a Cyrillic word in a case other than the nominative, read back to its nominative. */
function nominative(latin: string, table: (name: string) => string | undefined): string | undefined {
  for (const [ending, nom] of CYR_DECLENSION) {
    if (!ending.test(latin)) continue;
    const g = table(latin.replace(ending, nom));
    if (g !== undefined) return g;
  }
  return undefined;
}

function skeleton(word: string): string {
  return (
    word
      .replace(/tsz|dz/g, 'J')
      .replace(/shch|sch|sh|ch(?=[aeiouy])|tch/g, 'S')
      .replace(/dzh|dj|j/g, 'J')
      .replace(/zh/g, 'Z')
      // Russian writes with х (kh) the h of foreign names that English keeps and then drops below (Hamas = Хамас,
      // Netanyahu = Нетаньяху, Farhan = Фархан): one sound, none.
      .replace(/kh/g, '')
      .replace(/gu(?=[ei])/g, 'g')
      .replace(/ph/g, 'f')
      // -tion/-ción/-sion, and a soft c (Council/Conseil, Forces/Fuerzas): one sound, s.
      .replace(/ti(?=on)|c(?=[eiy])/g, 's')
      .replace(/ck|ch|c|q/g, 'k')
      .replace(/x/g, 'ks')
      // Arabic has neither v nor p (Lavrov = لافروف, Putin = بوتين): one sound each with f and b.
      .replace(/[wv]/g, 'f')
      .replace(/p/g, 'b')
      .replace(/ts|tz/g, 's')
      .replace(/z/g, 's')
      .replace(/h/g, '')
      .replace(/[aeiouy]/g, '')
      .replace(/(.)\1+/g, '$1')
  );
}
