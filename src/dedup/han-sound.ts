// Foreign names Chinese writes by sound. Xinhua's tables spell them with a small set of characters, each one
// syllable (拉夫罗夫 la-fu-luo-fu = Lavrov, 格罗西 ge-luo-xi = Grossi, 安东尼奥 an-dong-ni-ao = António): a run of three or
// more such characters is read as a name and spelled in Latin letters each way its syllables stand for a foreign
// sound (l also writes r, a final ng also writes n, x writes s). Nothing marks a name in Chinese, so a run of common
// characters that happen to be in the set is read too: as with Arabic (evidence.ts), the other side's names are few,
// and a common word rarely meets one.

/**
 * The characters of the transliteration tables and their pinyin (tones left out), simplified and traditional forms
 * where they differ. Characters that mostly write Chinese words (国, 人, 大) are left out, so runs stop at them.
 */
// prettier-ignore
const SYLLABLES: Readonly<Record<string, string>> = {
  阿: 'a', 埃: 'ai', 艾: 'ai', 爱: 'ai', 愛: 'ai', 安: 'an', 昂: 'ang', 奥: 'ao', 奧: 'ao',
  巴: 'ba', 拜: 'bai', 班: 'ban', 邦: 'bang', 鲍: 'bao', 鮑: 'bao', 贝: 'bei', 貝: 'bei', 本: 'ben', 比: 'bi',
  彼: 'bi', 宾: 'bin', 賓: 'bin', 波: 'bo', 伯: 'bo', 博: 'bo', 布: 'bu',
  查: 'cha', 楚: 'chu', 茨: 'ci', 采: 'cai',
  达: 'da', 達: 'da', 戴: 'dai', 丹: 'dan', 道: 'dao', 德: 'de', 登: 'deng', 迪: 'di', 蒂: 'di', 丁: 'ding',
  东: 'dong', 東: 'dong', 杜: 'du', 多: 'duo', 敦: 'dun',
  厄: 'e', 恩: 'en', 尔: 'er', 爾: 'er',
  法: 'fa', 凡: 'fan', 范: 'fan', 菲: 'fei', 费: 'fei', 費: 'fei', 芬: 'fen', 丰: 'feng', 豐: 'feng', 弗: 'fu',
  夫: 'fu', 福: 'fu', 富: 'fu',
  盖: 'gai', 蓋: 'gai', 甘: 'gan', 冈: 'gang', 岡: 'gang', 戈: 'ge', 格: 'ge', 根: 'gen', 贡: 'gong', 貢: 'gong',
  古: 'gu', 瓜: 'gua', 圭: 'gui',
  哈: 'ha', 海: 'hai', 汉: 'han', 漢: 'han', 豪: 'hao', 赫: 'he', 亨: 'heng', 洪: 'hong', 胡: 'hu', 霍: 'huo',
  基: 'ji', 吉: 'ji', 加: 'jia', 贾: 'jia', 賈: 'jia', 杰: 'jie', 傑: 'jie', 捷: 'jie', 津: 'jin', 居: 'ju',
  卡: 'ka', 凯: 'kai', 凱: 'kai', 坎: 'kan', 康: 'kang', 柯: 'ke', 科: 'ke', 克: 'ke', 肯: 'ken', 库: 'ku',
  庫: 'ku', 奎: 'kui', 昆: 'kun',
  拉: 'la', 莱: 'lai', 萊: 'lai', 兰: 'lan', 蘭: 'lan', 朗: 'lang', 劳: 'lao', 勞: 'lao', 勒: 'le', 雷: 'lei',
  蕾: 'lei', 黎: 'li', 里: 'li', 利: 'li', 莉: 'li', 丽: 'li', 麗: 'li', 列: 'lie', 林: 'lin', 琳: 'lin',
  隆: 'long', 卢: 'lu', 盧: 'lu', 鲁: 'lu', 魯: 'lu', 路: 'lu', 伦: 'lun', 倫: 'lun', 罗: 'luo', 羅: 'luo',
  洛: 'luo',
  马: 'ma', 馬: 'ma', 玛: 'ma', 瑪: 'ma', 迈: 'mai', 邁: 'mai', 麦: 'mai', 麥: 'mai', 曼: 'man', 芒: 'mang',
  梅: 'mei', 门: 'men', 門: 'men', 蒙: 'meng', 米: 'mi', 密: 'mi', 敏: 'min', 莫: 'mo', 默: 'mo', 姆: 'mu',
  穆: 'mu',
  纳: 'na', 納: 'na', 娜: 'na', 奈: 'nai', 南: 'nan', 瑙: 'nao', 内: 'nei', 內: 'nei', 尼: 'ni', 涅: 'nie',
  宁: 'ning', 寧: 'ning', 纽: 'niu', 紐: 'niu', 努: 'nu', 诺: 'nuo', 諾: 'nuo',
  欧: 'ou', 歐: 'ou',
  帕: 'pa', 潘: 'pan', 庞: 'pang', 龐: 'pang', 佩: 'pei', 彭: 'peng', 皮: 'pi', 珀: 'po', 普: 'pu',
  奇: 'qi', 齐: 'qi', 齊: 'qi', 乔: 'qiao', 喬: 'qiao', 琼: 'qiong', 瓊: 'qiong', 丘: 'qiu',
  热: 're', 熱: 're', 瑞: 'rui', 若: 'ruo',
  萨: 'sa', 薩: 'sa', 塞: 'sai', 赛: 'sai', 賽: 'sai', 桑: 'sang', 瑟: 'se', 森: 'sen', 沙: 'sha', 莎: 'sha',
  舍: 'she', 什: 'shi', 舒: 'shu', 斯: 'si', 松: 'song', 苏: 'su', 蘇: 'su', 索: 'suo',
  塔: 'ta', 泰: 'tai', 坦: 'tan', 汤: 'tang', 湯: 'tang', 特: 'te', 提: 'ti', 廷: 'ting', 图: 'tu', 圖: 'tu',
  托: 'tuo',
  瓦: 'wa', 旺: 'wang', 威: 'wei', 韦: 'wei', 韋: 'wei', 维: 'wei', 維: 'wei', 温: 'wen', 溫: 'wen', 沃: 'wo',
  乌: 'wu', 烏: 'wu',
  西: 'xi', 希: 'xi', 锡: 'xi', 錫: 'xi', 夏: 'xia', 肖: 'xiao', 谢: 'xie', 謝: 'xie', 辛: 'xin', 休: 'xiu',
  雅: 'ya', 亚: 'ya', 亞: 'ya', 扬: 'yang', 揚: 'yang', 耶: 'ye', 叶: 'ye', 葉: 'ye', 伊: 'yi', 因: 'yin',
  尤: 'you', 约: 'yue', 約: 'yue',
  扎: 'zha', 詹: 'zhan', 兹: 'zi', 茲: 'zi', 佐: 'zuo',
};

/** Pinyin initials as the foreign sounds they write: x and q stand for s and ch, c for ts, zh for j. */
function foreign(syllable: string): string {
  // A syllable that writes a consonant alone keeps it alone: 尔 er is an r (Vladimir = 弗拉基米尔).
  if (syllable === 'er') return 'r';
  return syllable
    .replace(/^x/, 's')
    .replace(/^q/, 'ch')
    .replace(/^c(?!h)/, 'ts')
    .replace(/^zh/, 'j');
}

const RUN = new RegExp(`[${Object.keys(SYLLABLES).join('')}]{3,}`, 'gu');

/** The runs of three or more transliteration characters in a run of Han text, each with where it starts. */
export function hanSoundRuns(run: string): { written: string; index: number; spellings: string[] }[] {
  return [...run.matchAll(RUN)].map((m) => ({
    written: m[0],
    index: m.index,
    spellings: spellingsOf([...m[0]]),
  }));
}

function spellingsOf(chars: readonly string[]): string[] {
  const latin = chars.map((c) => foreign(SYLLABLES[c]!)).join('');
  // Chinese writes r and l alike with l (拉夫罗夫 = Lavrov), and a final ng for n (安东 = Anton).
  const forms = new Set<string>();
  for (const v of [latin, latin.replace(/ng(?![aeiou])/g, 'n')]) {
    forms.add(v);
    // An l that begins a name is more often an l than a later one: la-fu-luo-fu is Lavrov, l then r. All r's
    // for the names that begin with one (罗马尼亚 luo-ma-ni-ya = Romania).
    forms.add(v[0] + v.slice(1).replace(/l/g, 'r'));
    forms.add(v.replace(/l/g, 'r'));
  }
  return [...forms];
}
