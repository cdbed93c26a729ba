// Benchmarks of topic tagging and story grouping over generated multilingual archives (no network, no disk).
import { emptyPost } from '../src/model/post.js';
import type { Post } from '../src/model/post.js';
import type { QueryNode } from '../src/search/query.js';
import { compileTopic, tagPost } from '../src/rules/topic.js';
import { StoryIndex } from '../src/dedup/stories.js';
import type { StoryInput } from '../src/dedup/stories.js';
import { mulberry32 as rng } from '../src/util/random.js';

const SYL_LAT = [
  'ka',
  'ra',
  'lo',
  'mi',
  'to',
  'vi',
  'na',
  'se',
  'du',
  'po',
  'ze',
  'li',
  'ro',
  'va',
  'ga',
  'bo',
  'de',
  'su',
];
const SYL_CYR = [
  'ка',
  'ра',
  'ло',
  'ми',
  'то',
  'ви',
  'на',
  'се',
  'ду',
  'по',
  'зе',
  'ли',
  'ро',
  'ва',
  'га',
  'бо',
  'де',
  'су',
];
const END_LAT = ['v', 'n', 'k', 'r'];
const END_CYR = ['в', 'н', 'к', 'р'];

interface Name {
  lat: string;
  cyr: string;
}

function makeNames(count: number, rand: () => number): Name[] {
  const out: Name[] = [];
  for (let i = 0; i < count; i++) {
    let lat = '';
    let cyr = '';
    const n = 2 + Math.floor(rand() * 2);
    for (let j = 0; j < n; j++) {
      const s = Math.floor(rand() * SYL_LAT.length);
      lat += SYL_LAT[s];
      cyr += SYL_CYR[s];
    }
    const e = Math.floor(rand() * END_LAT.length);
    lat += END_LAT[e];
    cyr += END_CYR[e];
    out.push({ lat: lat[0]!.toUpperCase() + lat.slice(1), cyr: cyr[0]!.toUpperCase() + cyr.slice(1) });
  }
  return out;
}

const MONTHS = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  ru: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
};

type Lang = 'en' | 'fr' | 'ru';
const LANGS: Lang[] = ['en', 'fr', 'ru'];

interface Event {
  kind: number;
  a: Name;
  b: Name;
  place: Name;
  date: Date;
  n1: number;
  n2: number;
  tag: string;
}

function render(e: Event, lang: Lang): string {
  const d = e.date.getUTCDate();
  const m = e.date.getUTCMonth();
  const y = e.date.getUTCFullYear();
  if (lang === 'en') {
    const when = `${MONTHS.en[m]} ${d}, ${y}`;
    switch (e.kind) {
      case 0:
        return `🇷🇺 On ${when}, Foreign Minister ${e.a.lat} held talks with ${e.b.lat} in ${e.place.lat}. The sides discussed trade, which reached ${e.n1} million dollars, and ${e.n2} joint projects in energy and transport. #${e.tag}`;
      case 1:
        return `📞 On ${when}, ${e.a.lat} had a telephone conversation with ${e.b.lat}. They reviewed the sanctions pressure and agreed on ${e.n2} steps; ${e.n1} tonnes of grain will be shipped via ${e.place.lat}.`;
      default:
        return `🎙 Remarks by ${e.a.lat} at the BRICS forum in ${e.place.lat} (${when})\n\n💬 Our partners from ${e.n2} countries confirmed their participation. Mutual settlements in national currencies have reached ${e.n1} billion. #${e.tag} #BRICS`;
    }
  }
  if (lang === 'fr') {
    const when = `${d} ${MONTHS.fr[m]} ${y}`;
    switch (e.kind) {
      case 0:
        return `🇷🇺 Le ${when}, le ministre des Affaires étrangères ${e.a.lat} a eu des entretiens avec ${e.b.lat} à ${e.place.lat}. Les parties ont évoqué le commerce, qui a atteint ${e.n1} millions de dollars, et ${e.n2} projets communs dans l'énergie et les transports. #${e.tag}`;
      case 1:
        return `📞 Le ${when}, ${e.a.lat} s'est entretenu au téléphone avec ${e.b.lat}. Ils ont examiné la pression des sanctions et convenu de ${e.n2} mesures ; ${e.n1} tonnes de céréales seront expédiées via ${e.place.lat}.`;
      default:
        return `🎙 Intervention de ${e.a.lat} au forum des BRICS à ${e.place.lat} (${when})\n\n💬 Nos partenaires de ${e.n2} pays ont confirmé leur participation. Les règlements en monnaies nationales ont atteint ${e.n1} milliards. #${e.tag} #BRICS`;
    }
  }
  const when = `${d} ${MONTHS.ru[m]} ${y} года`;
  switch (e.kind) {
    case 0:
      return `🇷🇺 ${when} Министр иностранных дел ${e.a.cyr} провёл переговоры с ${e.b.cyr} в городе ${e.place.cyr}. Стороны обсудили торговлю, достигшую ${e.n1} млн долларов, и ${e.n2} совместных проектов в энергетике и на транспорте. #${e.tag}`;
    case 1:
      return `📞 ${when} состоялся телефонный разговор ${e.a.cyr} с ${e.b.cyr}. Обсуждалось санкционное давление, согласованы ${e.n2} шагов; через ${e.place.cyr} будет отгружено ${e.n1} тонн зерна.`;
    default:
      return `🎙 Выступление ${e.a.cyr} на форуме БРИКС в городе ${e.place.cyr} (${when})\n\n💬 Участие подтвердили партнёры из ${e.n2} стран. Взаимные расчёты в национальных валютах достигли ${e.n1} млрд. #${e.tag} #БРИКС`;
  }
}

interface Generated {
  post: StoryInput;
  /** Ground truth: the event the post tells. */
  event: number;
}

/**
 * A generated archive in time order, `perDay` posts a day: originals, forwards with origin links, copies with
 * emoji headers, cut near-copies and translations of recent originals, across 40 channels and 3 languages.
 */
export function* generateArchive(n: number, seed = 42, perDay = 1000): Generator<Generated> {
  const rand = rng(seed);
  const names = makeNames(2000, rand);
  const places = makeNames(300, rand);
  const tags = ['BRICS', 'SCO', 'RussiaIndia', 'RussiaChina', 'UNGA79', 'EAEU', 'Diplomacy', 'Kazan2024'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  const recent: { post: StoryInput; event: number; ev: Event; lang: Lang }[] = [];
  let events = 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < n; i++) {
    const date = new Date(start + Math.floor((i * 86_400_000) / perDay));
    const channel = `ch${Math.floor(rand() * 40)}`;
    const base: Post = { ...emptyPost(channel, i + 1, 'tme-html'), date: date.toISOString() };
    const r = rand();
    const src =
      recent.length > 0
        ? recent[recent.length - 1 - Math.floor(rand() * Math.min(recent.length, 500))]!
        : null;
    if (!src || r < 0.55) {
      const ev: Event = {
        kind: Math.floor(rand() * 3),
        a: pick(names),
        b: pick(names),
        place: pick(places),
        date: new Date(date.getTime() - Math.floor(rand() * 2) * 86_400_000),
        n1: 100 + Math.floor(rand() * 99_900),
        n2: 10 + Math.floor(rand() * 89),
        tag: pick(tags),
      };
      const lang = pick(LANGS);
      const post: StoryInput = { ...base, text: render(ev, lang), lang };
      const g = { post, event: events++, ev, lang };
      recent.push(g);
      if (recent.length > 2000) recent.splice(0, 1000);
      yield g;
    } else if (r < 0.7) {
      yield {
        post: {
          ...base,
          text: src.post.text,
          lang: src.lang,
          forwardedFrom: {
            name: src.post.channel,
            username: src.post.channel,
            postId: src.post.id,
            author: null,
          },
        },
        event: src.event,
      };
    } else if (r < 0.78) {
      yield {
        post: { ...base, text: `⚡️⚡️ ${src.post.text} 👉 https://t.me/${channel}`, lang: src.lang },
        event: src.event,
      };
    } else if (r < 0.85) {
      const cut = src.post.text.slice(0, Math.floor(src.post.text.length * 0.7));
      yield { post: { ...base, text: `❗️ ${cut}…`, lang: src.lang }, event: src.event };
    } else {
      const lang = pick(LANGS.filter((l) => l !== src.lang));
      yield { post: { ...base, text: render(src.ev, lang), lang }, event: src.event };
    }
  }
}

const topicDefs: { name: string; query: QueryNode; aliases: string[][] }[] = [
  { name: 'BRICS', query: { kind: 'term', value: 'BRICS' }, aliases: [['BRICS', 'БРИКС', '#brics']] },
  {
    name: 'sanctions',
    query: {
      kind: 'or',
      children: [
        { kind: 'term', value: 'sanctions' },
        { kind: 'term', value: 'санкции' },
      ],
    },
    aliases: [],
  },
  { name: 'grain', query: { kind: 'term', value: 'grain' }, aliases: [['grain', 'céréales', 'зерно']] },
  { name: 'talks', query: { kind: 'phrase', value: 'held talks' }, aliases: [] },
  {
    name: 'phone',
    query: { kind: 'term', value: 'telephone' },
    aliases: [['telephone', 'téléphone', 'телефонный']],
  },
  { name: 'india', query: { kind: 'hashtag', value: 'RussiaIndia' }, aliases: [] },
  { name: 'china', query: { kind: 'hashtag', value: 'RussiaChina' }, aliases: [] },
  { name: 'unga', query: { kind: 'term', value: 'UNGA' }, aliases: [] },
  {
    name: 'energy',
    query: { kind: 'term', value: 'energy' },
    aliases: [['energy', 'énergie', 'энергетика']],
  },
  {
    name: 'fr only',
    query: {
      kind: 'and',
      children: [
        { kind: 'term', value: 'BRICS' },
        { kind: 'field', field: 'lang', value: 'fr' },
      ],
    },
    aliases: [],
  },
  {
    name: 'ru forum',
    query: {
      kind: 'and',
      children: [
        { kind: 'term', value: 'форум' },
        { kind: 'field', field: 'lang', value: 'ru' },
      ],
    },
    aliases: [],
  },
  {
    name: 'not brics',
    query: {
      kind: 'and',
      children: [
        { kind: 'term', value: 'projects' },
        { kind: 'not', child: { kind: 'term', value: 'BRICS' } },
      ],
    },
    aliases: [],
  },
  { name: 'currencies', query: { kind: 'phrase', value: 'national currencies' }, aliases: [] },
  { name: 'trade', query: { kind: 'term', value: 'trade' }, aliases: [['trade', 'commerce', 'торговля']] },
  { name: 'partners', query: { kind: 'term', value: 'partner', prefix: true }, aliases: [] },
  { name: 'channel', query: { kind: 'field', field: 'channel', value: 'ch7' }, aliases: [] },
  { name: 'forwarded ch3', query: { kind: 'field', field: 'from', value: 'ch3' }, aliases: [] },
  {
    name: 'transport',
    query: {
      kind: 'or',
      children: [
        { kind: 'term', value: 'transport' },
        { kind: 'term', value: 'транспорт' },
      ],
    },
    aliases: [],
  },
  { name: 'kazan', query: { kind: 'hashtag', value: 'Kazan2024' }, aliases: [] },
  {
    name: 'eaeu sco',
    query: {
      kind: 'or',
      children: [
        { kind: 'hashtag', value: 'EAEU' },
        { kind: 'hashtag', value: 'SCO' },
      ],
    },
    aliases: [],
  },
];

/** Tags 100k generated posts with 20 topics; only the tagging is timed (generation and compiling are not). */
export async function benchTagging(
  posts = 100_000,
): Promise<{ postsPerSec: number; postsPerCpuSec: number; topics: number; posts: number; tagged: number }> {
  const compiled = topicDefs.map((t) => compileTopic(t));
  const list = [...generateArchive(posts, 7)].map((g) => g.post);
  let tagged = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const p of list) tagged += tagPost(p, compiled).length;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  return {
    postsPerSec: Math.round(list.length / seconds),
    postsPerCpuSec: Math.round(list.length / ((cpu.user + cpu.system) / 1e6)),
    topics: compiled.length,
    posts: list.length,
    tagged,
  };
}

/**
 * Groups a generated archive of n posts, streamed into a StoryIndex (the archive is never held in memory),
 * and scores the grouping against the generator's ground truth (pairwise precision/recall by counting).
 */
export async function benchStories(n: number): Promise<{
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  stories: number;
  precision: number;
  recall: number;
}> {
  const index = new StoryIndex();
  const events = new Int32Array(n);
  let peak = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let i = 0;
  for (const g of generateArchive(n)) {
    index.add(g.post);
    events[g.post.id - 1] = g.event;
    if (++i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const { stories, members } = index.result();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  peak = Math.max(peak, process.memoryUsage().rss);
  const pairs = (k: number): number => (k * (k - 1)) / 2;
  const cell = new Map<string, number>();
  const byStory = new Map<string, number>();
  const byEvent = new Map<number, number>();
  for (const m of members) {
    const e = events[m.id - 1]!;
    const c = `${m.storyId}|${e}`;
    cell.set(c, (cell.get(c) ?? 0) + 1);
    byStory.set(m.storyId, (byStory.get(m.storyId) ?? 0) + 1);
    byEvent.set(e, (byEvent.get(e) ?? 0) + 1);
  }
  let tp = 0;
  for (const k of cell.values()) tp += pairs(k);
  let said = 0;
  for (const k of byStory.values()) said += pairs(k);
  let truth = 0;
  for (const k of byEvent.values()) truth += pairs(k);
  return {
    seconds: Math.round(seconds * 100) / 100,
    // Wall time suffers when other processes share the cores; CPU time (user + system, GC threads included) does less.
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    peakRssMb: Math.round(peak / 1048576),
    stories: stories.length,
    precision: said === 0 ? 1 : Math.round((tp / said) * 1000) / 1000,
    recall: truth === 0 ? 1 : Math.round((tp / truth) * 1000) / 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  console.log('tagging', await benchTagging());
  for (const n of sizes.length > 0 ? sizes : [100_000]) console.log(`stories n=${n}`, await benchStories(n));
}
