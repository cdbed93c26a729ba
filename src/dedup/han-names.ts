// Names in Chinese text. Chinese writes foreign names with characters chosen for their sound, and no rule turns
// them back into the Latin spelling (普京 = Putin, 拉夫罗夫 = Lavrov: no r, no v, a vowel after every consonant), and
// nothing marks a name (no capitals, no spaces). So the names that official and state-media channels print most
// (states, capitals, organisations, leaders and ministers) are looked up, simplified and traditional forms alike,
// and each found stands for its Latin spelling, whose name keys then meet the other languages' (translit.ts). Other
// foreign names are read by their sounds (han-sound.ts), which these irregular spellings defeat (普京 pu-jing = Putin).
const HAN_NAMES: Readonly<Record<string, string>> = {
  俄罗斯: 'Russia',
  俄羅斯: 'Russia',
  俄: 'Russia',
  白俄罗斯: 'Belarus',
  白俄羅斯: 'Belarus',
  白俄: 'Belarus',
  中国: 'China',
  中國: 'China',
  美国: 'USA',
  美國: 'USA',
  乌克兰: 'Ukraine',
  烏克蘭: 'Ukraine',
  德国: 'Germany',
  德國: 'Germany',
  法国: 'France',
  法國: 'France',
  英国: 'Britain',
  英國: 'Britain',
  日本: 'Japan',
  印度: 'India',
  印度尼西亚: 'Indonesia',
  印度尼西亞: 'Indonesia',
  印尼: 'Indonesia',
  巴西: 'Brazil',
  南非: 'South Africa',
  伊朗: 'Iran',
  叙利亚: 'Syria',
  敘利亞: 'Syria',
  土耳其: 'Turkey',
  以色列: 'Israel',
  巴勒斯坦: 'Palestine',
  埃及: 'Egypt',
  沙特: 'Saudi',
  朝鲜: 'DPRK',
  朝鮮: 'DPRK',
  欧盟: 'EU',
  歐盟: 'EU',
  欧洲: 'Europe',
  歐洲: 'Europe',
  联合国: 'UN',
  聯合國: 'UN',
  北约: 'NATO',
  北約: 'NATO',
  金砖: 'BRICS',
  金磚: 'BRICS',
  上合组织: 'SCO',
  上合組織: 'SCO',
  上海合作组织: 'SCO',
  上海合作組織: 'SCO',
  莫斯科: 'Moscow',
  北京: 'Beijing',
  华盛顿: 'Washington',
  華盛頓: 'Washington',
  基辅: 'Kyiv',
  基輔: 'Kyiv',
  喀山: 'Kazan',
  日内瓦: 'Geneva',
  日內瓦: 'Geneva',
  纽约: 'New York',
  紐約: 'New York',
  普京: 'Putin',
  普丁: 'Putin',
  拉夫罗夫: 'Lavrov',
  拉夫羅夫: 'Lavrov',
  王毅: 'Wang',
  习近平: 'Jinping',
  習近平: 'Jinping',
  李强: 'Qiang',
  李強: 'Qiang',
  泽连斯基: 'Zelensky',
  澤連斯基: 'Zelensky',
  拜登: 'Biden',
  特朗普: 'Trump',
  川普: 'Trump',
  布林肯: 'Blinken',
  克里姆林宫: 'Kremlin',
  克里姆林宮: 'Kremlin',
  克里米亚: 'Crimea',
  克里米亞: 'Crimea',
  默克尔: 'Merkel',
  默克爾: 'Merkel',
  朔尔茨: 'Scholz',
  蕭茲: 'Scholz',
  马克龙: 'Macron',
  馬克宏: 'Macron',
  埃尔多安: 'Erdogan',
  艾爾段: 'Erdogan',
  莫迪: 'Modi',
  卢拉: 'Lula',
  盧拉: 'Lula',
  古特雷斯: 'Guterres',
  梅德韦杰夫: 'Medvedev',
  梅德韋傑夫: 'Medvedev',
  佩斯科夫: 'Peskov',
  扎哈罗娃: 'Zakharova',
  扎哈羅娃: 'Zakharova',
  卢卡申科: 'Lukashenko',
  盧卡申科: 'Lukashenko',
  阿萨德: 'Assad',
  內塔尼亞胡: 'Netanyahu',
  内塔尼亚胡: 'Netanyahu',
};

const LONGEST = Math.max(...Object.keys(HAN_NAMES).map((k) => k.length));

/**
 * The names a run of Chinese text holds, each as [as written, its Latin spelling]: read from the left, the longest
 * name at each place (白俄罗斯 is Belarus, not Russia).
 */
export function hanNames(run: string): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < run.length;) {
    let found = 0;
    for (let n = Math.min(LONGEST, run.length - i); n >= 1; n--) {
      const latin = HAN_NAMES[run.slice(i, i + n)];
      if (latin !== undefined) {
        out.push([run.slice(i, i + n), latin]);
        found = n;
        break;
      }
    }
    i += found || 1;
  }
  return out;
}

export const HAN = /\p{Script=Han}/u;
