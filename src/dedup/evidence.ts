// Language-independent evidence of a statement: dates (ISO), numbers, hashtags, names (skeletons), links, mentions.
import { SERBO_CROATIAN, writtenLanguage } from '../model/languages.js';
import { foldText, unmixScripts } from '../text/fold.js';
import { hashtagsIn } from '../text/tags.js';
import { Memo } from '../util/memo.js';
import { conceptsIn } from './concepts.js';
import { HAN, hanNames } from './han-names.js';
import { institutionsIn } from './institutions.js';
import { hanSoundRuns } from './han-sound.js';
import { ARABIC_ARTICLE, nameKeys, nameKeysIn, transliterate } from './translit.js';
import { isThaiTitle, THAI, thaiNames } from './thai-names.js';
import { katakanaNames, uncasedSpellings } from './uncased-names.js';

export type EvidenceKind =
  'date' | 'day' | 'year' | 'number' | 'hashtag' | 'name' | 'url' | 'mention' | 'cognate' | 'concept';

/** How much one shared token of a kind says that two posts carry the same statement. */
export const EVIDENCE_WEIGHTS: Readonly<Record<EvidenceKind, number>> = {
  date: 3,
  day: 2,
  year: 0.5,
  number: 2,
  hashtag: 0.5,
  name: 1.5,
  url: 4,
  mention: 2,
  cognate: 0.4,
  concept: 0.4,
};

/**
 * Month names -> number, in every form a date takes in en, fr, de, es, it, pt, ru, uk, be, pl (the genitive of
 * "24 лютого", the locative of "у березні", Polish "24 lutego"), tr, cs, sk, hu, ro, nl, sv, bg, sr, mk, el, Arabic
 * (Egyptian, Levantine and Maghreb names), Persian (the Gregorian months), id, uz, az, hy (the genitive of
 * "Սեպտեմբերի 9"), ka (the dative of "14 ივლისს"), hi, th, lv, lt ("rugsėjo 10 d.") and et, plus common abbreviations;
 * folded like the text.
 * Croatian (hr, bs, sh; "13. travnja 2024.") too, but its listopad is October where the Czech and Polish one is
 * November: monthOf reads it by the post's language.
 */
const MONTH_FORMS: readonly string[] = [
  'january jan janvier januar jänner jan enero gennaio janeiro января январь январе янв січня січень січні студзеня студзень студзені stycznia styczeń styczniu يناير ocak leden ledna lednu január januára ianuarie januari januar januara јануари јануар јануара ιανουαριου ιανουαριος ژانویه yanvar январ جانفي հունվարի հունվար जनवरी มกราคม janvāris janvārī janvāra sausio sausis jaanuar jaanuaril jaanuari siječanj siječnja siječnju იანვარი იანვარს იანვრის',
  'february feb fevrier février februar febrero febbraio fevereiro февраля февраль феврале фев лютого лютий лютому лютага люты лютым lutego luty lutym فبراير شباط şubat únor února únoru február februára februarie februari februar februara февруари фебруар фебруара φεβρουαριου φεβρουαριος فوریه fevral феврал فيفري փետրվարի փետրվար फ़रवरी फरवरी กุมภาพันธ์ februāris vasario vasaris veebruar veebruaril veebruari veljača veljače veljači თებერვალი თებერვალს თებერვლის',
  'march mar mars märz marz marzo março марта март марте мар березня березень березні сакавіка сакавік сакавіку marca marzec marcu مارس آذار mart március březen března březnu marec martie maart marta марта μαρτιου μαρτιος maret մարտի մարտ मार्च มีนาคม marts kovo kovas märts märtsil märtsi ožujak ožujka ožujku მარტი მარტს მარტის',
  'april apr avril avr abril aprile апреля апрель апреле апр квітня квітень квітні красавіка красавік красавіку kwietnia kwiecień kwietniu أبريل ابريل نيسان nisan április duben dubna dubnu apríl apríla aprilie aprila април априла απριλιου απριλιος آوریل aprel أفريل افريل ապրիլի ապրիլ अप्रैल เมษายน aprīlī balandžio balandis aprill aprillil aprilli travanj travnja travnju აპრილი აპრილს აპრილის',
  'may mai mayo maggio maio мая май мае травня травень травні мая май маі maja maj maju مايو أيار mayıs május květen května květnu máj mája mei мај маја μαιου μαιος ماي մայիսի մայիս मई พฤษภาคม maijs maijā maija gegužės gegužė svibanj svibnja svibnju მაისი მაისს მაისის',
  'june jun juin juni junio giugno junho июня июнь июне июн червня червень червні чэрвеня чэрвень чэрвені czerwca czerwiec czerwcu يونيو يونيه حزيران haziran június červen června červnu jún júna iunie juna юни јун јуна ιουνιου ιουνιος ژوئن iyun جوان հունիսի հունիս जून มิถุนายน jūnijs jūnijā jūnija birželio birželis juuni juunil lipanj lipnja lipnju ივნისი ივნისს ივნისის',
  'july jul juillet juil juli julio luglio julho июля июль июле июл липня липень липні ліпеня ліпень ліпені lipca lipiec lipcu يوليو يوليه تموز temmuz július červenec července červenci júl júla iulie jula юли јул јула ιουλιου ιουλιος ژوئیه iyul جويلية հուլիսի հուլիս जुलाई กรกฎาคม jūlijs jūlijā jūlija liepos liepa juuli juulil srpanj srpnja srpnju ივლისი ივლისს ივლისის',
  'august aug aout août agosto августа август августе авг серпня серпень серпні жніўня жнівень жніўні sierpnia sierpień sierpniu أغسطس آب ağustos augusztus srpen srpna srpnu augusta augustus augusti avgust avgusta август августа αυγουστου αυγουστος avqust agustus أوت اوت օգոստոսի օգոստոս अगस्त สิงหาคม augusts rugpjūčio rugpjūtis augustil kolovoz kolovoza kolovozu აგვისტო აგვისტოს',
  'september sep sept septembre septiembre setiembre settembre setembro сентября сентябрь сентябре сен сент вересня вересень вересні верасня верасень верасні września wrzesień wrześniu سبتمبر أيلول eylül szeptember září septembra septembrie septembar септември септембар септембра σεπτεμβριου σεπτεμβριος سپتامبر sentyabr սեպտեմբերի սեպտեմբեր सितंबर सितम्बर กันยายน septembris septembrī rugsėjo rugsėjis septembril septembri rujan rujna rujnu სექტემბერი სექტემბერს სექტემბრის',
  'october oct okt oktober octobre octubre ottobre outubro октября октябрь октябре окт жовтня жовтень жовтні кастрычніка кастрычнік кастрычніку października październik październiku أكتوبر اكتوبر ekim říjen října říjnu október októbra octombrie oktobar oktobra октомври октобар октобра οκτωβριου οκτωβριος اکتبر oktyabr հոկտեմբերի հոկտեմբեր अक्टूबर ตุลาคม oktobris oktobrī spalio spalis oktoober oktoobril oktoobri ოქტომბერი ოქტომბერს ოქტომბრის',
  'november nov novembre noviembre novembro ноября ноябрь ноябре ноя нояб листопада листопад листопаді лістапада лістапад лістападзе listopada listopad listopadzie نوفمبر kasım listopadu novembra noiembrie novembar новембар новембра ноември νοεμβριου νοεμβριος نوامبر noyabr ноябр նոյեմբերի նոյեմբեր नवंबर नवम्बर พฤศจิกายน novembris novembrī lapkričio lapkritis novembril novembri studeni studenoga studenog studenom ნოემბერი ნოემბერს ნოემბრის',
  'december dec dez dezember decembre décembre diciembre dicembre dezembro декабря декабрь декабре дек грудня грудень грудні снежня снежань снежні grudnia grudzień grudniu ديسمبر aralık prosinec prosince prosinci decembra decembrie decembar децембар децембра декември δεκεμβριου δεκεμβριος دسامبر dekabr декабр desember դեկտեմբերի դեկտեմբեր दिसंबर दिसम्बर ธันวาคม decembris decembrī gruodžio gruodis detsember detsembril detsembri prosinac prosinca prosincu დეკემბერი დეკემბერს დეკემბრის',
];
const MONTH_WORDS = new Map<string, number>();
MONTH_FORMS.forEach((forms, i) => {
  for (const w of forms.split(' ')) MONTH_WORDS.set(foldText(w), i + 1);
});

// Days of the week, written with a capital in English, German, Indonesian and Turkish ("on Thursday"), are read as
// names; a rewritten report that adds the day ("said on Tuesday") then names something its source does not.
const WEEKDAY_WORDS = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag ' +
    'sonnabend sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes ' +
    'sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica maandag dinsdag woensdag donderdag ' +
    'vrijdag zaterdag zondag senin selasa rabu kamis jumat sabtu minggu isnin khamis pazartesi salı çarşamba ' +
    'perşembe cuma cumartesi pazar'
  )
    .split(' ')
    .map((w) => foldText(w)),
);

/** Whether a word as written is a day of the week. */
export function isWeekday(written: string): boolean {
  return WEEKDAY_WORDS.has(foldText(written));
}

// The month patterns below find a month only as a whole run of letters (each form is one), so a text with no
// such run skips them: hasMonthWord. A form with another character would break that.
for (const w of MONTH_WORDS.keys())
  if (!/^[\p{L}\p{M}]+$/u.test(w)) throw new Error(`month form ${w} is not all letters`);

// The forms as the list writes them: a script without capitals writes its months so (سبتمبر, सितंबर), and looking a
// word up unfolded spares folding every word of such a text.
const MONTH_AS_WRITTEN: ReadonlySet<string> = new Set(MONTH_FORMS.flatMap((forms) => forms.split(' ')));

/** Whether a folded text has a month's name as a whole run of letters: the month patterns need one. */
function hasMonthWord(folded: string): boolean {
  for (const m of folded.matchAll(/[\p{L}\p{M}]+/gu)) if (MONTH_WORDS.has(m[0])) return true;
  return false;
}

/** The month a folded month word names in a text of `lang`: listopad is October in Croatian (and Bosnian, sh). */
function monthOf(word: string, lang: string | null): number {
  if (word.startsWith('listopad') && lang !== null && writtenLanguage(lang) === SERBO_CROATIAN) return 10;
  return MONTH_WORDS.get(word)!;
}

const MONTH_ALT = [...MONTH_WORDS.keys()].sort((a, b) => b.length - a.length).join('|');
// A range's first day: "9-10", "9 et 10", "9 and 10", "9 и 10", "22–24".
const RANGE_JOIN = String.raw`\s*(?:-|–|—|et|and|и|і|та|y|e|i|und|to|au)\s*`;
// "9 septembre 2024", "le 9 septembre", "9 сентября 2024 г.", "9th of September, 2024", "les 9 et 10 novembre"
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(\\d{1,2})(?:st|nd|rd|th|er|e)?${RANGE_JOIN})?(\\d{1,2})(?:st|nd|rd|th|er|e|-?го|\\.)?\\s+(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?(?![\\p{L}\\p{M}])(?:,?\\s+(?:de\\s+|del\\s+|พ\\.ศ\\.\\s*)?(\\d{4}))?`,
  'gu',
);
// "September 9, 2024", "Sept. 9", "November 9-10"
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}\\p{M}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:${RANGE_JOIN}(\\d{1,2})(?:st|nd|rd|th)?)?(?![\\p{N}])(?:,?\\s+(\\d{4}))?`,
  'gu',
);
// Year first: "2024. szeptember 9." (Hungarian), "2024 September 9".
const YEAR_MONTH_DAY = new RegExp(
  `(?<![\\p{N}])(\\d{4})\\.?\\s+(${MONTH_ALT})\\.?\\s+(\\d{1,2})\\.?(?![\\p{N}])`,
  'gu',
);
// Thai months abbreviated, the year of the Buddhist era after them in full or in two digits written on: "13 ต.ค.
// 2566", "(8 ก.ค.65)".
const THAI_MONTHS = ['ม.ค', 'ก.พ', 'มี.ค', 'เม.ย', 'พ.ค', 'มิ.ย', 'ก.ค', 'ส.ค', 'ก.ย', 'ต.ค', 'พ.ย', 'ธ.ค'];
const THAI_DATE = new RegExp(
  `(?<![\\p{N}])(\\d{1,2})\\s*(${THAI_MONTHS.map((m) => m.replace('.', '\\.')).join('|')})\\.(?:\\s*(?:พ\\.ศ\\.\\s*)?(\\d{4})|(\\d{2}))?(?![\\p{N}])`,
  'gu',
);
// The Buddhist era Thai dates count from (2567 is 2024): no Gregorian year of the news comes near.
const BUDDHIST_ERA = 543;
const gregorian = (y: number): number => (y > 2400 ? y - BUDDHIST_ERA : y);
// "09.09.2024", "2024-09-09"
const NUMERIC_DMY = /(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/g;
const NUMERIC_ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
// Chinese and Japanese 年月日, Korean 년월일: "2024年1月24日", "1月24日".
const CJK_DATE = /(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/g;
// "八月五日", "二〇二〇年十二月二十五日": a month and a day (a year) in Chinese numerals.
const HAN_DIGITS = '〇一二三四五六七八九零';
const hanDigit = (c: string): number => HAN_DIGITS.indexOf(c) % 10;
const HAN_DATE =
  /(?:([〇零一二三四五六七八九]{4})\s*年\s*)?([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/g;

/** A number of 1 to 39 in Chinese numerals: 五, 十, 十二, 二十, 二十五 (NaN for other forms, so no date is made). */
function hanNumber(s: string): number {
  const digit = (c: string | undefined): number => (c === undefined ? NaN : hanDigit(c));
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? digit(s) : NaN;
  const tens = ten === 0 ? 1 : ten === 1 ? digit(s[0]) : NaN;
  const units = ten === s.length - 1 ? 0 : ten === s.length - 2 ? digit(s[ten + 1]) : NaN;
  return tens * 10 + units;
}

// A day without its month: Chinese, Japanese and Korean news name the days of the week they report by the day alone
// ("王毅13日晚同…通电话", "今(29)日表示", "13일"). Not a count of days: "每3日", "近3日", "第3日", "3日間", "3日内",
// "3日前", "3日后", "3일 동안", "3일째".
const CJK_DAY =
  /(?<![\d月월年년每数數几幾第近续續连連这這前])\(?(\d{1,2})\)?\s*[日일](?![間间内內以前后後째]|\s*(?:동안|만에|간))/g;
// How far back a day without its month reaches: a report names the days of its week, not of last month.
const CJK_DAY_REACH = 10;

// A number stands alone, not at the end of a word (user2024; COVID-19's 19 counts; A320 and G20 are codes, CODE); a
// letter of a script written without spaces is no word around it ("为136.3点", "36人が死亡", "จำนวน36คน").
const NUMBER =
  /(?<!\p{N}|(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}])\p{L})\d+(?:[.,\u00A0\u202F ]\d+)*/gu;

const pad = (n: number): string => String(n).padStart(2, '0');

// A code of capitals and digits written as one word (G20, COP28, MH17, A320; Arabic كوب28), or of a capital's word
// and one digit after a hyphen (Mi-8 = Ми-8 = MI-8): the NUMBER pattern leaves these digits out (after a hyphen it
// keeps two or more: Tu-154's 154), and the code names the thing itself in every language that writes it.
const CODE =
  /(?<![\p{L}\p{N}-])(?:(\p{Lu}{1,4}|[\u0620-\u064A]{2,4})(\d{1,4})|(\p{Lu}[\p{Ll}\p{Lu}]{0,2})-(\d))(?![\p{L}\p{N}]|[.,]\d)/gu;

/** A code's token: its letters by their consonants as names are keyed (COP = كوب = kb), then its digits. */
function codeKey(letters: string, digits: string): string | null {
  const latin = transliterate(letters.toLowerCase()).replace(/[^a-z]/g, '');
  if (latin === '') return null;
  const consonants = latin
    .replace(/c|q/g, 'k')
    .replace(/p/g, 'b')
    .replace(/[vw]/g, 'f')
    .replace(/[aeiouyh]/g, '');
  return `${consonants || latin[0]}${digits}`;
}

function validDay(d: number, m: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

export interface Evidence {
  /** Distinct tokens ("date:2024-09-09", "name:lvrv") with their kind. */
  tokens: Map<string, EvidenceKind>;
  /** Days (MM-DD) the text names, to veto pairs that speak of different days. */
  days: Set<string>;
  /** Name and cognate tokens as written ("name:lvrv" -> "Lavrov", "cognate:koali" -> "коалиции"), for explanations. */
  surface: Map<string, string>;
  /** Name tokens -> the name they are part of (Sergey and Lavrov: one group), so a name counts once. */
  groups: Map<string, number>;
}

/**
 * Extracts the evidence of a text. `year` fills in dates written without one (from the post's own date); `lang`
 * (the post's language) tells how its names spell their sounds; `posted` (when the post was published) dates the
 * days Chinese, Japanese and Korean name without their month.
 */
export function extractEvidence(
  raw: string,
  year: number | null = null,
  lang: string | null = null,
  posted: Date | null = null,
): Evidence {
  // Arabic-Indic, Persian, Thai and Indian digits are digits: "١٣ مايو ٢٠١٨" is 13 May 2018, "२०२३" 2023.
  const text = raw
    .replace(/[\u0660-\u0669\u06F0-\u06F9\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(INDIC_DIGIT, (d) => String((d.charCodeAt(0) & 0x7f) - 0x66));
  const tokens = new Map<string, EvidenceKind>();
  const days = new Set<string>();
  const surface = new Map<string, string>();
  const groups = new Map<string, number>();
  const add = (t: string, k: EvidenceKind): void => {
    tokens.set(`${k}:${t}`, k);
  };

  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[^\s<>()«»"]+/g)) {
    add(
      m[0]
        .replace(/^https?:\/\/(www\.)?|^www\./, '')
        .replace(/[/.,;:!?]+$/, '')
        .toLowerCase(),
      'url',
    );
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_])@([A-Za-z][A-Za-z0-9_]{3,})/gu))
    add(m[1]!.toLowerCase(), 'mention');
  for (const t of hashtagsIn(text)) add(foldText(t.slice(1)), 'hashtag');

  // Names are read from the text as written: look-alike letters made one script first, as folding does.
  const body = unmixScripts(text.replace(/(?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{M}\p{N}_]+/gu, ' '));
  let folded = foldText(body);
  for (const m of body.matchAll(CODE)) {
    const code = codeKey(m[1] ?? m[3]!, m[2] ?? m[4]!);
    if (code !== null) add(code, 'number');
  }

  const addDate = (d: number, m: number, y: number | null): void => {
    if (!validDay(d, m)) return;
    add(`${pad(m)}-${pad(d)}`, 'day');
    days.add(`${pad(m)}-${pad(d)}`);
    const yy = y === null ? year : gregorian(y);
    if (yy !== null) {
      const iso = `${yy}-${pad(m)}-${pad(d)}`;
      add(iso, 'date');
    }
  };
  // Chinese official texts write their dates in Chinese numerals (今日(八月五日), 二〇二〇年八月五日).
  if (folded.includes('月'))
    folded = folded.replace(HAN_DATE, (all, y: string | undefined, m: string, d: string) => {
      addDate(hanNumber(d), hanNumber(m), y ? Number([...y].map(hanDigit).join('')) : null);
      return ' '.repeat(all.length);
    });
  // Dates, times and numbers all have digits: most texts have some, and a text without skips eight passes.
  if (/\d/.test(folded)) {
    // Japanese text may write a decimal point as a middle dot (年1・25%から0・75%へ); before a percent sign it is one.
    folded = folded.replace(/(\d)[・･](\d+)(?=\s*[%％])/gu, '$1.$2');
    const thai = /[\u0E00-\u0E7F]/u.test(folded);
    // Dates first, then blanked out so their digits do not count again as numbers.
    const blank = (s: string): string => ' '.repeat(s.length);
    folded = folded.replace(NUMERIC_ISO, (all, y: string, m: string, d: string) => {
      addDate(Number(d), Number(m), Number(y));
      return blank(all);
    });
    folded = folded.replace(CJK_DATE, (all, y: string | undefined, m: string, d: string) => {
      addDate(Number(d), Number(m), y ? Number(y) : null);
      return blank(all);
    });
    // Dated when the post's own date tells its month; a day of the month either way, never a number of the statement.
    folded = folded.replace(CJK_DAY, (all, d: string) => {
      const day = posted === null || Number.isNaN(posted.getTime()) ? null : bareDay(Number(d), posted);
      if (day !== null) addDate(day.getUTCDate(), day.getUTCMonth() + 1, day.getUTCFullYear());
      return blank(all);
    });
    if (thai)
      folded = folded.replace(THAI_DATE, (all, d: string, mon: string, y4?: string, y2?: string) => {
        const year = y4 ? Number(y4) : y2 ? 2500 + Number(y2) : null;
        addDate(Number(d), THAI_MONTHS.indexOf(mon) + 1, year);
        return blank(all);
      });
    folded = folded.replace(NUMERIC_DMY, (all, d: string, m: string, y: string) => {
      addDate(Number(d), Number(m), Number(y));
      return blank(all);
    });
    const addRange = (from: string | undefined, to: string, mon: string, y: string | undefined): void => {
      const m = monthOf(mon, lang);
      const year = y ? Number(y) : null;
      const last = Number(to);
      const first = from ? Number(from) : last;
      // A range names its first and last day (a text saying "9-10" and one saying "9 and 10" then agree).
      addDate(first, m, year);
      if (last !== first && last > first) addDate(last, m, year);
    };
    if (hasMonthWord(folded)) {
      folded = folded.replace(YEAR_MONTH_DAY, (all, y: string, mon: string, d: string) => {
        addRange(undefined, d, mon, y);
        return blank(all);
      });
      folded = folded.replace(
        DAY_MONTH,
        (all, d1: string | undefined, d: string, mon: string, y: string | undefined) => {
          addRange(d1, d, mon, y);
          return blank(all);
        },
      );
      folded = folded.replace(
        MONTH_DAY,
        (all, mon: string, d: string, d2: string | undefined, y: string | undefined) => {
          if (d2) addRange(d, d2, mon, y);
          else addRange(undefined, d, mon, y);
          return blank(all);
        },
      );
    }

    // A time of day ("at 10:18") is no number of the statement: two reports of one hour would otherwise share it.
    folded = folded.replace(/(?<![\p{N}:])\d{1,2}:\d{2}(?::\d{2})?(?![\p{N}:])/gu, blank);
    for (const m of folded.matchAll(NUMBER)) {
      const n = normaliseNumber(m[0]);
      if (n === null) continue;
      if (/^(19|20)\d\d$/.test(n)) add(n, 'year');
      // A Thai year is written without a separator (2567); 2,500 is a count.
      else if (thai && /^25\d\d$/.test(m[0])) add(String(gregorian(Number(n))), 'year');
      // One-digit numbers are written as words as often as not; they would only add noise.
      else if (n.replace('.', '').length >= 2) add(n, 'number');
    }
  }

  const capitalised = new Set((body.match(/\p{Lu}\p{L}{6,}/gu) ?? []).map((w) => foldText(w)));
  for (const [k, word] of cognates(folded, capitalised)) {
    add(k, 'cognate');
    surface.set(`cognate:${k}`, word);
  }
  for (const [k, word] of conceptsIn(folded)) {
    add(k, 'concept');
    surface.set(`concept:${k}`, word);
  }
  for (const [k, { written, group }] of namesOf(body, lang)) {
    add(k, 'name');
    if (!surface.has(`name:${k}`)) surface.set(`name:${k}`, written);
    groups.set(`name:${k}`, group);
  }
  return { tokens, days, surface, groups };
}

/**
 * The date a day of the month names, seen from a post published at `posted`: the latest such day no later than the
 * day after (a post in UTC+8 names its local tomorrow), or null when that is further back than CJK_DAY_REACH days.
 */
function bareDay(d: number, posted: Date): Date | null {
  if (d < 1 || d > 31) return null;
  const y = posted.getUTCFullYear();
  const m = posted.getUTCMonth();
  const latest = posted.getTime() + 86_400_000;
  for (const month of [m + 1, m, m - 1]) {
    const day = new Date(Date.UTC(y, month, d));
    // Date.UTC rolls an impossible day over (31 June is 1 July): such a day is no day of that month.
    if (day.getUTCDate() !== d || day.getTime() > latest) continue;
    return posted.getTime() - day.getTime() <= CJK_DAY_REACH * 86_400_000 ? day : null;
  }
  return null;
}

/**
 * "21,000", "21 000", "21.000" -> 21000; "4,7" and "4.7" -> 4.7. A separator followed by exactly three digits
 * groups thousands; any other is a decimal mark.
 */
export function normaliseNumber(raw: string): string | null {
  const parts = raw.split(/[.,\u00A0\u202F ]/);
  if (parts.length === 1) return String(Number(raw));
  const last = parts[parts.length - 1]!;
  const groups = parts.slice(1);
  if (groups.every((g) => g.length === 3)) return String(Number(parts.join('')));
  // Spaces only group thousands; "5 10" is two numbers, keep the first.
  if (/\s/.test(raw)) return String(Number(parts[0]));
  const int = parts.slice(0, -1).join('');
  return `${Number(int)}.${last}`.replace(/\.?0+$/, '') || '0';
}

// One memo a language: a name's keys depend on it.
const nameKeyCache = new Map<string, Memo<readonly string[]>>();

function cachedNameKeys(part: string, lang: string | null): readonly string[] {
  let m = nameKeyCache.get(lang ?? '');
  if (m === undefined) {
    // Outside Turkish, ç is an s (Moçambique = Mozambique) before folding makes it a c.
    m = new Memo(100_000, (p) => nameKeysIn(lang === 'tr' ? p : p.replace(/[çÇ]/g, 's'), lang, foldText));
    nameKeyCache.set(lang ?? '', m);
  }
  return m.get(part);
}

// A list item's bullet at a line's start opens a sentence too ("• Their thirst…" names nothing).
const SENTENCE_END = /[.!?:;«»"“”\n]\s*$|^\s*$|(?:^|\n)\s*[•·▪◦‣●■►▶*\-–—]\s*$/u;
// An initial, not the end of a sentence: a capital and a full stop after a space (George W. Bush, С. В. Лавров), or
// initials written onto the name (С.В.Лавров). "the U.S. Today" still ends one.
const INITIAL = /(?:^|\s)\p{Lu}\.\s*$|\p{Lu}\.\p{Lu}\.$/u;
// A capitalised word after an elided article (L’Algérie, D'Italia): the capital is the name's.
const ELIDED_NAME = /^\p{L}{1,2}['’]\p{Lu}/u;
// What stands between two words of one name: spaces, and the initials of middle names (George W. Bush).
const NAME_GAP = /^[ \u00A0]+(?:\p{Lu}\.[ \u00A0]*)*$/u;

// Where a text appeared, not what it says: the platforms a statement is posted on and the agencies that relay it are
// named by posts of every event ("said on Twitter", "Reuters reports"), so two posts naming them are not one statement.
const SOURCES =
  'twitter tweet facebook instagram telegram youtube tiktok whatsapp vkontakte reuters tass interfax xinhua belta ' +
  'anadolu ukrinform kazinform agerpres bernama antara yonhap kyodo novosti kuna menafn irna isna tasnim sputnik ' +
  'ansa wafa ' +
  'твиттер твитер твіттер фейсбук телеграм инстаграм ютуб рейтер рейтерс тасс интерфакс синьхуа белта ' +
  'укрінформ укринформ новости анадолу ' +
  'تويتر فيسبوك تلغرام انستغرام يوتيوب رويترز تاس شينخوا أناضول كونا إرنا ارنا وفا بترا سبوتنيك ' +
  'τουίτερ φέισμπουκ ρόιτερς';
// Titles and offices are capitalised in many languages but name no one in particular: every statement of a
// ministry has them. Their keys (the same across scripts: President = Президент) are not names.
const TITLES =
  'president presidents prime premier minister ministers ministry secretary general deputy foreign affairs ambassador ' +
  'chairman chairwoman spokesperson spokesman spokeswoman director chancellor king queen prince sheikh emir mister ' +
  'ministre ministere secretaire ambassadeur porte-parole presidente ministro secretario embajador portavoz ' +
  'prasident botschafter kanzler bundeskanzler sprecher президент премьер министр министерство секретарь генеральный ' +
  'генсек посол глава председатель заместитель представитель міністр міністерство посол голова заступник речник ' +
  SOURCES;
let titleKeys: Map<string, string[]> | null = null;

// Counts written out, capitalised at a sentence's start before a capitalised word ("Three Chadian peacekeepers"):
// never a name.
const NUMBER_WORDS: ReadonlySet<string> = new Set(
  (
    'two three four five six seven eight nine ten eleven twelve twenty hundred hundreds thousand thousands ' +
    'millions deux trois quatre cinq sept huit neuf onze douze vingt cent cents mille dos tres cuatro cinco seis siete ' +
    'ocho nueve diez cien mil due tre quattro cinque sei sette otto nove dieci cento duas dois três quatro oito ' +
    'zwei drei vier fünf sechs sieben acht neun zehn hundert tausend'
  ).split(' '),
);
// A wire item's dateline, the desk's city in capitals at the start of a line or after the source's bracket (MOSCOW,
// 5 September /TASS/; AMMAN (Petra) –; (MENAFN- KUNA) JEDDAH, Jan 4): where the item was written, not what the
// statement names.
const DATELINE_AFTER = /^(?:,|\s*\(|\s+[-–—])/u;
const AFTER_BRACKET = /[)\]]\s*$/u;
const ARABIC_WORD = /^[\u0600-\u06FF]+$/u;
const ABAD = /^[آا]باد$/u;
// The digits of the nine scripts of India, at one offset in each block (indic.ts).
const INDIC_DIGIT =
  /[\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\u0B66-\u0B6F\u0BE6-\u0BEF\u0C66-\u0C6F\u0CE6-\u0CEF\u0D66-\u0D6F]/g;

/**
 * Whether a word with this key is a title. A key is a few consonants, which a name may share with a title (Congo
 * and King, Uzbekistan and spokesperson, Gulf and глава): the word must also begin as the title does, in Latin
 * letters (Президента = president, министра = minister).
 */
function isTitle(key: string, word: string): boolean {
  if (!titleKeys) {
    titleKeys = new Map();
    for (const w of TITLES.split(' ')) {
      const f = foldText(w);
      for (const k of nameKeys(f)) titleKeys.set(k, [...(titleKeys.get(k) ?? []), titleHead(f)]);
    }
  }
  const heads = titleKeys.get(key);
  return heads !== undefined && heads.includes(titleHead(foldText(word)));
}

/** The first three letters of a word in Latin letters, c and k one letter (Secretary = Sekretär = Секретарь). */
const titleHead = (folded: string): string => transliterate(folded).replace(/c/g, 'k').slice(0, 3);

// A word, its hyphenated parts with it. A zero-width joiner inside one shapes a conjunct (Sinhala ශ්‍රී = Sri) and
// does not end the word.
const LETTERS = String.raw`[\p{L}\p{M}]+(?:\u200D[\p{L}\p{M}]+)*`;
const WORD = new RegExp(`${LETTERS}(?:[-'’]${LETTERS})*`, 'gu');

/**
 * Name keys of capitalised words, each with how it was written and its name group: the words of one name
 * written together (Sergey Lavrov, Volodymyr Zelensky) share a group, so a name counts once however many words it
 * has. A capital at a sentence start says nothing, unless the next word is capitalised too or the word is an
 * acronym (BRICS). Titles (President, Minister) are left out.
 */
function namesOf(text: string, lang: string | null): Map<string, { written: string; group: number }> {
  const out = new Map<string, { written: string; group: number }>();
  const words = [...text.matchAll(WORD)];
  let group = 0;
  let lastEnd = -1;
  let kanaEnd = -1;
  let hanEnd = -1;
  let hanGroup = 0;
  // The word each key was first read from, for the bodies named in several words (institutionsIn).
  const keyWord = new Map<string, number>();
  let at = 0;
  const put = (k: string, written: string, g: number): void => {
    if (!out.has(k)) {
      out.set(k, { written, group: g });
      keyWord.set(k, at);
    }
  };
  // The keys of a name's forms (as its language spells them, or null: Latin spellings of an uncased script).
  const addKeys = (forms: readonly string[], keyLang: string | null, written: string, g: number): void => {
    for (const f of forms) for (const k of cachedNameKeys(f, keyLang)) if (!isTitle(k, f)) put(k, written, g);
  };
  const shouted = capsRuns(words);
  // A text set in capitals throughout (a telegram, a wire flash) has no case to tell its names by: as in Arabic,
  // each longer word is a candidate.
  const allCaps = mostlyShouted(words, shouted);
  for (let i = 0; i < words.length; i++) {
    at = i;
    const m = words[i]!;
    const w = m[0];
    const first = w[0]!;
    if (shouted[i]) {
      if (allCaps && w.length >= 4 && !MONTH_WORDS.has(foldText(w))) {
        group++;
        for (const part of w.split(/[-'’]/)) if (part.length >= 3) addKeys([part], lang, part, group);
      }
      lastEnd = -1;
      continue;
    }
    // Hebrew, Georgian, Korean and the scripts of India, Sri Lanka and the Maldives have no capitals either: every
    // longer word, read each way (but a month's name: सितंबर).
    const uncased = uncasedSpellings(w);
    if (uncased !== null) {
      if (MONTH_AS_WRITTEN.has(w)) {
        lastEnd = -1;
        continue;
      }
      addKeys(uncased, null, w, ++group);
      lastEnd = -1;
      continue;
    }
    // Thai: the names it is known to write, and a person's name after its title (thai-names.ts).
    if (THAI.test(w)) {
      const prev = words[i - 1];
      const titled = prev !== undefined && isThaiTitle(prev[0]) && text[prev.index! + prev[0].length] === '.';
      const next = words[i + 1];
      const spaced = next !== undefined && /^ +$/u.test(text.slice(m.index! + w.length, next.index!));
      const { names, tookNext } = thaiNames(w, spaced ? next[0] : undefined, titled);
      for (const [written, spellings] of names) addKeys(spellings, null, written, ++group);
      if (tookNext) i++;
      lastEnd = -1;
      continue;
    }
    // Japanese writes foreign names in katakana, inside words that run on without spaces.
    const kana = katakanaNames(w);
    for (const run of kana) {
      const start = m.index! + run.index;
      // The words of one name are joined by a middle dot (テリーザ・メイ): one group.
      if (kanaEnd < 0 || !/^[・=＝]$/u.test(text.slice(kanaEnd, start))) group++;
      addKeys(run.spellings, null, run.written, group);
      kanaEnd = m.index! + run.end;
    }
    // Arabic script has no capitals: every longer word of it is a candidate (its article off). The other side's
    // names are few, so a common word rarely meets one, and a translation needs several that do.
    if (ARABIC_WORD.test(w)) {
      let bare = w.replace(ARABIC_ARTICLE, '');
      if (MONTH_AS_WRITTEN.has(w)) bare = '';
      // Persian and Urdu place names in two words: إسلام آباد = Islamabad, جلال آباد = Jalalabad.
      if (ABAD.test(words[i + 1]?.[0] ?? '')) {
        bare += 'اباد';
        i++;
      }
      if (bare.length >= 3) {
        group++;
        // A preposition or "and" written onto a name without the article (لروسيا, وبوتين): both readings are keys.
        addKeys(/^[وبلفك]/u.test(bare) && bare.length >= 5 ? [bare, bare.slice(1)] : [bare], lang, w, group);
      }
      lastEnd = -1;
      continue;
    }
    // Chinese marks no name: the names it is known to write are looked up (han-names.ts), others read by sound.
    if (HAN.test(w)) {
      let masked = w;
      for (const [written, latin] of hanNames(w)) {
        group++;
        for (const part of latin.split(' '))
          for (const k of cachedNameKeys(part, null)) put(k, written, group);
        // A name the list knows is not read again by its sounds.
        masked = masked.replace(written, '\u3007'.repeat(written.length));
      }
      // Other foreign names by their sounds (han-sound.ts); the parts of one name stand either side of a middle
      // dot (菲利波·格兰迪) and are one group.
      for (const run of hanSoundRuns(masked)) {
        const start = m.index! + run.index;
        // After a dot, the group of the part before it: a listed name read since (肯尼亚 of 格兰迪在肯尼亚) took
        // a group of its own.
        if (hanEnd < 0 || !/^[·・•]$/u.test(text.slice(hanEnd, start))) hanGroup = ++group;
        for (const s of run.spellings) for (const k of cachedNameKeys(s, null)) put(k, run.written, hanGroup);
        hanEnd = start + run.written.length;
      }
      lastEnd = -1;
      continue;
    }
    if (first === first.toLowerCase() || w.length < 3 || MONTH_WORDS.has(foldText(w))) continue;
    if (NUMBER_WORDS.has(w.toLowerCase())) {
      lastEnd = -1;
      continue;
    }
    const before = text
      .slice(Math.max(0, m.index! - 4), m.index!)
      .replace(/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F/gu, '');
    // An initial's full stop ends no sentence (Gilbert F. Houngbo, С.В. Лавров).
    const atStart = (SENTENCE_END.test(before) && !INITIAL.test(before)) || m.index === 0;
    const acronym = w.length >= 3 && w === w.toUpperCase();
    const next = words[i + 1]?.[0];
    const nextCap = next !== undefined && next[0] !== next[0]!.toLowerCase();
    // After an elided article the capital is the name's own (L’Algérie a condamné), not the sentence's.
    if (atStart && !acronym && !nextCap && !ELIDED_NAME.test(w)) continue;
    if (
      acronym &&
      (atStart || AFTER_BRACKET.test(before)) &&
      DATELINE_AFTER.test(text.slice(m.index! + w.length, m.index! + w.length + 3))
    ) {
      lastEnd = -1;
      continue;
    }
    // Words of one name stand next to each other with only spaces between.
    if (lastEnd < 0 || !NAME_GAP.test(text.slice(lastEnd, m.index!))) group++;
    // A hyphen joins parts that are names of their own (Russie-Conseil); after a capitalised elided article the
    // rest is the name whatever its case (L’express). A word whose article is not capitalised (l’Ukraine, d’Ankara)
    // was skipped above: read as names, they merged more same-day statements than they joined (BENCHMARKS.md).
    const elided = /^\p{L}{1,2}['’]/u.test(w);
    let named = false;
    for (const part of w.split(/[-'’]/)) {
      if (part.length < 3 || (!elided && part[0] === part[0]!.toLowerCase())) continue;
      for (const k of cachedNameKeys(part, lang)) {
        if (isTitle(k, part)) continue;
        named = true;
        put(k, part, group);
      }
    }
    // A title between two names separates them (President Putin and Prime Minister Modi).
    lastEnd = named ? m.index! + w.length : -1;
  }
  // A body named in words takes the group of the words (United Nations: one name), or one of its own (UN, 联合国: a
  // word of Chinese holds other names too); its words' group first, so that a text with both keeps it there.
  const bodies = institutionsIn(
    words.map((m) => m[0]),
    lang,
  ).map((b) => {
    let g: number | undefined;
    if (!b.inside)
      for (const [k, i] of keyWord)
        if (i >= b.first && i <= b.last && out.has(k)) {
          g = out.get(k)!.group;
          break;
        }
    return { ...b, g };
  });
  bodies.sort((x, y) => (x.g === undefined ? 1 : 0) - (y.g === undefined ? 1 : 0));
  for (const b of bodies) {
    if (!out.has(`=${b.key}`)) out.set(`=${b.key}`, { written: b.written, group: b.g ?? ++group });
    if (b.keep) continue;
    for (const [k, i] of keyWord) if (i >= b.first && i <= b.last && k !== `=${b.key}`) out.delete(k);
  }
  return out;
}

/** Whether most of a text's cased words are in runs of capitals (capsRuns). */
function mostlyShouted(words: readonly RegExpMatchArray[], shouted: readonly boolean[]): boolean {
  let cased = 0;
  let loud = 0;
  words.forEach((m, i) => {
    if (!CASED.test(m[0])) return;
    cased++;
    if (shouted[i]) loud++;
  });
  return cased >= 10 && loud >= 0.6 * cased;
}
const CASED = /[\p{Lu}\p{Ll}]/u;

/**
 * Words inside a run of three or more words in capitals: a headline or a dateline set in capitals
 * ("SECRETARY-GENERAL HORRIFIED BY ATTACKS"), whose words are not acronyms.
 */
function capsRuns(words: readonly RegExpMatchArray[]): boolean[] {
  const caps = words.map((m) => m[0].length >= 2 && /\p{Lu}/u.test(m[0]) && m[0] === m[0].toUpperCase());
  const out = caps.map(() => false);
  for (let i = 0; i < caps.length;) {
    let j = i;
    while (j < caps.length && caps[j]) j++;
    if (j - i >= 3) for (let k = i; k < j; k++) out[k] = true;
    i = j === i ? i + 1 : j;
  }
  return out;
}

/**
 * Word beginnings that survive translation between related languages (election/élection/elección, dialogue/
 * diálogo, президент/president): long words, transliterated, cut to five letters with spelling variants made one.
 * A second key, the first letter and the next consonants, meets words whose vowels moved (condamne/condemn,
 * gouvernement/government); capitalised words do without it, as they are names and already count as names.
 * Weak evidence, never specific on its own: it tells that two texts speak of the same things.
 */
function cognates(folded: string, capitalised: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of folded.matchAll(/\p{L}{7,}/gu)) {
    const keys = cognateKeys(m[0]);
    if (keys === null) continue;
    if (!out.has(keys[0])) out.set(keys[0], m[0]);
    if (!capitalised.has(m[0]) && !out.has(keys[1])) out.set(keys[1], m[0]);
  }
  return out;
}

// Long words repeat across posts, and each key takes a transliteration and seven replacements: remember them.
const cognateCache = new Memo<readonly [string, string] | null>(100_000, (word) => cognateKeysOf(word));

/** A folded word's two cognate keys (cognates), or null when it does not transliterate to Latin letters. */
function cognateKeys(word: string): readonly [string, string] | null {
  return cognateCache.get(word);
}

function cognateKeysOf(word: string): readonly [string, string] | null {
  const w = transliterate(word);
  if (!/^[a-z]+$/.test(w)) return null;
  const k0 = w
    .replace(/ph/g, 'f')
    .replace(/[ckq]+/g, 'k')
    .replace(/z/g, 's')
    .replace(/[yj]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1');
  const k2 =
    '~' +
    (
      k0[0]! +
      k0
        .slice(1)
        .replace(/[aeiou]/g, '')
        .replace(/(.)\1+/g, '$1')
    ).slice(0, 5);
  return [k0.slice(0, 5), k2];
}
