// Names in Thai text. Thai has no capitals and writes no spaces between the words of a phrase, so nothing marks a
// name, and its spellings of foreign names are not read back by rule alone (สหรัฐฯ is the USA, จีน China). Two
// sources, both precise: the states, cities, bodies and leaders Thai news names most, looked up; and a person's name
// after the title Thai always writes before it (นาย, นาง, นางสาว, ดร.), read by its consonants: Thai spells a foreign
// name consonant for consonant (มาริษ เสงี่ยมพงษ์ = Maris Sangiampongsa, อิสราเอล = Israel), and name keys are
// consonants (translit.ts). Every Thai word is not read as a candidate, as Korean ones are: Thai words are short, and
// the keys of their few consonants would meet the other language's names by chance.
import { NameTable } from './name-table.js';

// ไทย alone is left out: a Thai channel names Thailand in nearly every post, where it tells one statement from another
// no more than a title does.
const THAI_WORLD = `
Thai Thailand: ประเทศไทย
Israel: อิสราเอล
Gaza: ฉนวนกาซา กาซา
Palestine: ปาเลสไตน์
Lebanon: เลบานอน
Hamas: ฮามาส
Iran: อิหร่าน
Iraq: อิรัก
Syria: ซีเรีย
Egypt: อียิปต์
Jordan: จอร์แดน
Saudi Arabia: ซาอุดีอาระเบีย ซาอุดิอาระเบีย
Qatar: กาตาร์
Emirates: สหรัฐอาหรับเอมิเรตส์
Turkey: ตุรกี ทูร์เคีย
Russia: รัสเซีย
Ukraine: ยูเครน
USA America: สหรัฐอเมริกา สหรัฐฯ สหรัฐ
China: จีน
Japan: ญี่ปุ่น
DPRK Korea: เกาหลีเหนือ
Korea: เกาหลีใต้ เกาหลี
India: อินเดีย
Pakistan: ปากีสถาน
Bangladesh: บังกลาเทศ
Myanmar: เมียนมาร์ เมียนมา พม่า
Cambodia: กัมพูชา
Laos: ลาว
Vietnam: เวียดนาม
Malaysia: มาเลเซีย
Singapore: สิงคโปร์
Indonesia: อินโดนีเซีย
Philippines: ฟิลิปปินส์
Brunei: บรูไน
Timor: ติมอร์
Australia: ออสเตรเลีย
New Zealand: นิวซีแลนด์
France: ฝรั่งเศส
Germany: เยอรมนี เยอรมัน
Britain: สหราชอาณาจักร อังกฤษ
Italy: อิตาลี
Spain: สเปน
Netherlands: เนเธอร์แลนด์
Canada: แคนาดา
Brazil: บราซิล
Mexico: เม็กซิโก
Africa: แอฟริกา
Europe: ยุโรป
Bangkok: กรุงเทพมหานคร กรุงเทพฯ กรุงเทพ
Tel Aviv: เทลอาวีฟ
Jerusalem: เยรูซาเล็ม
Beijing: ปักกิ่ง
Tokyo: โตเกียว
Washington: วอชิงตัน
Moscow: มอสโก
Kyiv: เคียฟ
Geneva: เจนีวา
New York: นิวยอร์ก
Phnom Penh: พนมเปญ
Hanoi: ฮานอย
Jakarta: จาการ์ตา
Kuala Lumpur: กัวลาลัมเปอร์
Manila: มะนิลา
Yangon: ย่างกุ้ง
Naypyidaw: เนปิดอ
Vientiane: เวียงจันทน์
United Nations: สหประชาชาติ
ASEAN: อาเซียน
European Union: สหภาพยุโรป
WHO: องค์การอนามัยโลก
NATO: นาโต้ นาโต
Security Council: คณะมนตรีความมั่นคง
Red Cross: กาชาด
Putin: ปูติน
Biden: ไบเดน
Trump: ทรัมป์
Jinping: จิ้นผิง
Guterres: กูเตอร์เรส
Netanyahu: เนทันยาฮู
Zelensky: เซเลนสกี
`;

const TABLE = new NameTable({}, THAI_WORLD);

export const THAI = /[\u0E01-\u0E5B]/u;

// The titles before a person's name, longest first; words that begin like them but are no title (นายก "prime
// minister", นายทหาร "officer", นางงาม "beauty queen") are left out by NOT_TITLED.
const PERSON_TITLE = /^(?:นางสาว|นาย|นาง)/u;
const NOT_TITLED =
  /^(?:นายก|นายทหาร|นายจ้าง|นายหน้า|นายอำเภอ|นายพล|นายด่าน|นายทุน|นายช่าง|นายท่าน|นางพยาบาล|นางงาม|นางแบบ|นางฟ้า)/u;
// Titles written as their own word, with a full stop: ดร. (doctor), ศ. (professor), พล.อ. (general).
const TITLE_WORDS: ReadonlySet<string> = new Set(['ดร', 'ศ', 'รศ', 'ผศ', 'อ']);

/**
 * The names of a Thai word (a run between spaces) and the word after it, each as [as written, Latin spellings],
 * and whether the word after was taken as the name's second part. `titled`: the word before was a title of its own
 * (ดร.).
 */
export function thaiNames(
  word: string,
  next: string | undefined,
  titled: boolean,
): { names: [string, string[]][]; tookNext: boolean } {
  const person = titled ? word : personAfterTitle(word);
  if (person !== null && person.length >= 2) {
    const parts = [person];
    const tookNext = next !== undefined && THAI.test(next) && next.length <= 15 && lookup(next).length === 0;
    if (tookNext) parts.push(next);
    const written = tookNext ? `${person} ${next}` : person;
    return { names: [[written, parts.flatMap(consonantSpellings)]], tookNext };
  }
  return { names: lookup(word).map(([w, latin]) => [w, latin.split(' ')]), tookNext: false };
}

/** Whether a word is a title written as a word of its own (ดร. Maris): the word after it is a name. */
export function isThaiTitle(word: string): boolean {
  return TITLE_WORDS.has(word);
}

function personAfterTitle(word: string): string | null {
  const m = PERSON_TITLE.exec(word);
  if (!m || NOT_TITLED.test(word)) return null;
  return word.slice(m[0].length);
}

/** The listed names in a Thai word, longest first at each place (two letters at least). */
function lookup(word: string): [string, string][] {
  return TABLE.find(word, 2);
}

// Thai consonants as the Latin letters foreign names are spelled with (ก writes k and g: กาซา = Gaza). Each vowel is
// written a: name keys keep only the consonants, and a ch before a vowel is one sound there.
// prettier-ignore
const CONSONANT: Readonly<Record<string, string>> = {
  ก: 'k', ข: 'k', ฃ: 'k', ค: 'k', ฅ: 'k', ฆ: 'k', ง: 'ng', จ: 'j', ฉ: 'ch', ช: 'ch', ซ: 's', ฌ: 'ch', ญ: 'y',
  ฎ: 'd', ฏ: 't', ฐ: 't', ฑ: 't', ฒ: 't', ณ: 'n', ด: 'd', ต: 't', ถ: 't', ท: 't', ธ: 't', น: 'n', บ: 'b',
  ป: 'p', ผ: 'p', ฝ: 'f', พ: 'p', ฟ: 'f', ภ: 'p', ม: 'm', ย: 'y', ร: 'r', ล: 'l', ว: 'w', ศ: 's', ษ: 's',
  ส: 's', ห: 'h', ฬ: 'l', ฮ: 'h',
};

/** A Thai name's consonants in Latin letters, with ก read as k and as g. */
export function consonantSpellings(name: string): string[] {
  // ์ silences the consonant under it (พงษ์: the ษ is not said), and ห before a sonorant only marks its tone.
  const said = name.replace(/[\u0E01-\u0E2E]\u0E4C/gu, '').replace(/ห(?=[งญนมยรลว])/gu, '');
  let latin = '';
  for (const ch of said) latin += CONSONANT[ch] ?? (ch === 'อ' ? '' : /[\u0E30-\u0E4F]/u.test(ch) ? 'a' : '');
  const spelled = latin.replace(/a+/g, 'a').replace(/^a/, '');
  return spelled.includes('k') ? [spelled, spelled.replace(/k/g, 'g')] : [spelled];
}
