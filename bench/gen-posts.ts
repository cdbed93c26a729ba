// Generated, realistic-looking multilingual posts for benchmarks (deterministic: same seed, same posts).
import type { Post } from '../src/model/post.js';
import { emptyPost } from '../src/model/post.js';
import { mulberry32 } from '../src/util/random.js';

const WORDS: Record<string, string[]> = {
  en: 'the ministers discussed cooperation within BRICS and the SCO on energy security trade finance summit Kazan October sanctions economy partners developing countries meeting agenda'.split(
    ' ',
  ),
  fr: 'les ministres ont discuté de la coopération au sein des BRICS et de la sécurité énergétique commerce finances sommet Kazan octobre sanctions économie partenaires'.split(
    ' ',
  ),
  ru: 'министры обсудили сотрудничество в рамках БРИКС и ШОС энергетическая безопасность торговля финансы саммит Казань октябрь санкции экономика партнёры'.split(
    ' ',
  ),
};
const LANGS = Object.keys(WORDS);

const SYLLABLES: Record<string, string[]> = {
  en: 'ka ri to ne sa lo mi pe du ra ve ti no ba le'.split(' '),
  fr: 'ra ti lé on che mai sou bre gne ton vi pa que eu da'.split(' '),
  ru: 'ка ро ни ст ва ле ми ду по ра зе ты ко на вь'.split(' '),
};
const ZIPF_SIZE = 8000;
const zipfCache = new Map<string, { words: string[]; cdf: Float64Array }>();

/** A word of a synthetic vocabulary of ZIPF_SIZE words whose rank-r word has frequency ∝ 1/r. */
function zipfWord(lang: string, rand: () => number): string {
  let z = zipfCache.get(lang);
  if (!z) {
    const syl = SYLLABLES[lang]!;
    const words: string[] = [];
    const cdf = new Float64Array(ZIPF_SIZE);
    let sum = 0;
    for (let r = 0; r < ZIPF_SIZE; r++) {
      let w = '';
      for (let k = r + 1, n = 0; k > 0 || n < 2; k = Math.floor(k / syl.length), n++)
        w += syl[k % syl.length];
      words.push(w);
      sum += 1 / (r + 1);
      cdf[r] = sum;
    }
    for (let r = 0; r < ZIPF_SIZE; r++) cdf[r]! /= sum;
    z = { words, cdf };
    zipfCache.set(lang, z);
  }
  const x = rand();
  let lo = 0;
  let hi = ZIPF_SIZE - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (z.cdf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return z.words[lo]!;
}

export function generatePosts(n: number, options: { channels?: number; seed?: number } = {}): Post[] {
  const rand = mulberry32(options.seed ?? 42);
  const channels = options.channels ?? 10;
  const start = Date.parse('2024-01-01T00:00:00Z');
  const posts: Post[] = [];
  for (let i = 0; i < n; i++) {
    const lang = LANGS[i % LANGS.length]!;
    const words = WORDS[lang]!;
    const len = 20 + Math.floor(rand() * 80);
    const parts: string[] = [];
    // Half the words from the topic's small vocabulary (every post shares them), half from a Zipf-distributed
    // vocabulary of several thousand words, as real text is: most words are rare, a few are everywhere.
    for (let w = 0; w < len; w++)
      parts.push(w % 2 === 0 ? words[Math.floor(rand() * words.length)]! : zipfWord(lang, rand));
    let text = parts.join(' ') + '.';
    const tag = '#brics';
    text = `${text}\n\n${tag}`;
    const channel = `channel_${i % channels}`;
    const p = emptyPost(channel, Math.floor(i / channels) + 1, 'tme-html');
    p.date = new Date(start + i * 60_000).toISOString();
    p.text = text;
    p.entities = [{ type: 'hashtag', offset: text.length - tag.length, length: tag.length }];
    p.views = Math.floor(rand() * 100_000);
    if (i % 4 === 0)
      p.forwardedFrom = { name: 'Russian MFA', username: 'mfarussia', postId: 1000 + i, author: null };
    if (i % 5 === 0) p.media = [{ type: 'photo', url: `https://cdn.example/${i}.jpg`, supported: true }];
    p.lang = lang;
    posts.push(p);
  }
  return posts;
}
