// Generated, realistic-looking multilingual posts for benchmarks (deterministic: same seed, same posts).
import type { Post } from '../src/model/post.js';
import { emptyPost } from '../src/model/post.js';

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

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePosts(n: number, options: { channels?: number; seed?: number } = {}): Post[] {
  const rand = rng(options.seed ?? 42);
  const channels = options.channels ?? 10;
  const start = Date.parse('2024-01-01T00:00:00Z');
  const posts: Post[] = [];
  for (let i = 0; i < n; i++) {
    const lang = LANGS[i % LANGS.length]!;
    const words = WORDS[lang]!;
    const len = 20 + Math.floor(rand() * 80);
    const parts: string[] = [];
    for (let w = 0; w < len; w++) parts.push(words[Math.floor(rand() * words.length)]!);
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
