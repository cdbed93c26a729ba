// The two bodies statements name most, whose names share no letters across languages: the United Nations (ООН,
// الأمم المتحدة, 联合国, Birleşmiş Milletler) and the European Union (ЕС, Евросоюз, 欧盟, Avrupa Birliği). Name keys
// (translit.ts) meet a name spelled in other letters; these are translated, word for word or into an acronym of other
// letters, so each is one key, `=un` or `=eu`, like the gazetteer's ONU and ООН.

/**
 * Each body's names, lower case: words of a phrase are stems (a word that begins with one matches: наций, Націями,
 * milletler'in); a phrase of one word in a script written without spaces is found inside a run of text.
 */
const NAMES: Readonly<Record<string, string>> = {
  un:
    'united nations|nations unies|naciones unidas|nazioni unite|nações unidas|nacoes unidas|vereinte nationen|' +
    'vereinten nationen|verenigde naties|narodów zjednoczonych|narodow zjednoczonych|объединённых наци|' +
    "объединенных наци|объединённые наци|объединенные наци|об’єднаних наці|об'єднаних наці|обєднаних наці|" +
    "аб’яднаных нацы|аб'яднаных нацы|ηνωμένα έθνη|ηνωμενα εθνη|ηνωμένων εθνών|ηνωμενων εθνων|birleşmiş milletler|" +
    'birlesmis milletler|perserikatan bangsa|bangsa-bangsa bersatu|liên hợp quốc|lien hop quoc|الأمم المتحدة|' +
    'الامم المتحدة|للأمم المتحدة|للامم المتحدة|والأمم المتحدة|بالأمم المتحدة|سازمان ملل|اقوام متحدہ|' +
    'האומות המאוחדות|संयुक्त राष्ट्र|জাতিসংঘ|联合国|聯合國|国連|유엔|สหประชาชาติ',
  eu:
    'european union|union européenne|union europeenne|unión europea|union europea|unione europea|união europeia|' +
    'uniao europeia|europäische union|europäischen union|europaische union|europaischen union|europese unie|' +
    'unia europejsk|unii europejskiej|unię europejską|европейский союз|европейского союз|европейском союз|' +
    'европейскому союз|европейским союз|евросоюз|європейський союз|європейського союз|європейському союз|' +
    'європейським союз|євросоюз|еўрапейскі саюз|еўрапейскага саюз|еўрасаюз|ευρωπαϊκή ένωση|ευρωπαϊκής ένωσης|' +
    'ευρωπαικη ενωση|ευρωπαικης ενωσης|avrupa birliği|avrupa birligi|uni eropa|kesatuan eropah|' +
    'liên minh châu âu|lien minh chau au|الاتحاد الأوروبي|الاتحاد الاوروبي|للاتحاد الأوروبي|والاتحاد الأوروبي|' +
    'اتحادیه اروپا|یورپی یونین|האיחוד האירופי|यूरोपीय संघ|欧盟|歐盟|欧州連合|유럽연합|สหภาพยุโรป',
};

/** Their acronyms as written, capitals only: "UN" and "EU" are common words in no language in capitals. */
const ACRONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    UN: 'un',
    ONU: 'un',
    ООН: 'un',
    PBB: 'un',
    EU: 'eu',
    UE: 'eu',
    ЕС: 'eu',
    ЄС: 'eu',
    ΕΕ: 'eu',
  }),
);
// Turkish abbreviates Birleşmiş Milletler and Avrupa Birliği in two letters other languages use otherwise (a Swedish
// company is an AB).
const TURKISH_ACRONYMS: ReadonlyMap<string, string> = new Map([
  ['BM', 'un'],
  ['AB', 'eu'],
]);

const UNSPACED = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\u0980-\u09FF]+$/u;

interface Phrase {
  key: string;
  stems: string[];
}
const byFirstWord = new Map<string, Phrase[]>();
const inside: { key: string; text: string }[] = [];
for (const [key, names] of Object.entries(NAMES))
  for (const name of names.split('|')) {
    const stems = name.split(' ');
    if (stems.length === 1 && UNSPACED.test(name)) inside.push({ key, text: name });
    else
      byFirstWord.set(stems[0]!.slice(0, 3), [
        ...(byFirstWord.get(stems[0]!.slice(0, 3)) ?? []),
        { key, stems },
      ]);
  }

/** One body named in a text: its key, and the words (indices into the text's words) that name it. */
export interface Institution {
  key: string;
  first: number;
  last: number;
  written: string;
  /** Found inside a run of text written without spaces, which may hold other names too. */
  inside: boolean;
}

// The letters a body's name can begin with, in either case: most words are told by their first letter alone.
const FIRST = new Set<number>();
for (const head of [...byFirstWord.keys(), ...ACRONYMS.keys(), ...TURKISH_ACRONYMS.keys()])
  for (const c of [head, head.toUpperCase(), head.toLowerCase()]) FIRST.add(c.charCodeAt(0));

/** An acronym's key, an elided article written onto it or not (l’UE, d’ONU). */
function acronymOf(w: string, lang: string | null): string | undefined {
  const apostrophe = Math.max(w.indexOf("'"), w.indexOf('’'));
  // After an apostrophe, Turkish writes the case ending (AB'nin, BM'de); French and Italian have an article before.
  if (lang === 'tr' || lang === 'az')
    return TURKISH_ACRONYMS.get(apostrophe > 0 ? w.slice(0, apostrophe) : w);
  return ACRONYMS.get(apostrophe > 0 && apostrophe <= 2 ? w.slice(apostrophe + 1) : w);
}

/** The bodies a text's words name; `lang`, the text's language, tells how it abbreviates them. */
export function institutionsIn(words: readonly string[], lang: string | null): Institution[] {
  const out: Institution[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const c = w.charCodeAt(0);
    if (c >= 0x980) {
      if (UNSPACED.test(w))
        for (const p of inside)
          if (w.includes(p.text)) out.push({ key: p.key, first: i, last: i, written: p.text, inside: true });
      continue;
    }
    // An elided article's letters are no body's first (l’UE).
    if (!FIRST.has(c) && !(w.length <= 6 && /^\p{L}{1,2}['’]/u.test(w))) continue;
    const phrases = byFirstWord.get(w.slice(0, 3).toLowerCase());
    if (phrases !== undefined) {
      const at = phrases.find((p) => {
        const last = i + p.stems.length - 1;
        return last < words.length && p.stems.every((s, k) => words[i + k]!.toLowerCase().startsWith(s));
      });
      if (at !== undefined) {
        const last = i + at.stems.length - 1;
        out.push({ key: at.key, first: i, last, written: words.slice(i, last + 1).join(' '), inside: false });
        i = last;
        continue;
      }
    }
    const acronym = w.length <= 9 ? acronymOf(w, lang) : undefined;
    if (acronym !== undefined) out.push({ key: acronym, first: i, last: i, written: w, inside: false });
  }
  return out;
}
