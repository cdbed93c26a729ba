// Test helper: splits the shared sample feed into posts (a stand-in until the text importer exists).
import { readFileSync } from 'node:fs';
import { emptyPost } from '../model/post.js';
import type { Post } from '../model/post.js';
import { NOT_SUPPORTED_LABEL } from '../model/labels.js';

/** Starts of the channel's own posts in the sample (they carry no "Forwarded from" line). */
export const OWN_POST_STARTS = [
  '🇷🇺💬 Déclarations',
  'Strengthening ties with developing countries',
  'L’entretien de l’Ambassadrice',
  'Интервью Чрезвычайного',
];

const FORWARD = 'Forwarded from\u00A0';

/** Posts of the sample in file order, ids 1.. as the order; undated, like any text dump. */
export function splitSample(path: string): Post[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const posts: Post[] = [];
  let cur: { from: string | null; lines: string[] } | null = null;
  const flush = (): void => {
    if (!cur) return;
    const p = emptyPost('sample', posts.length + 1, 'text');
    const body = cur.lines.filter((l) => l.trim() !== NOT_SUPPORTED_LABEL);
    if (body.length !== cur.lines.length)
      p.media.push({ type: 'video', supported: false, label: NOT_SUPPORTED_LABEL });
    p.text = body.join('\n').trim();
    if (cur.from !== null) p.forwardedFrom = { name: cur.from, username: null, postId: null, author: null };
    posts.push(p);
  };
  for (const line of lines) {
    if (line.startsWith(FORWARD)) {
      flush();
      cur = { from: line.slice(FORWARD.length).trim(), lines: [] };
    } else if (OWN_POST_STARTS.some((s) => line.startsWith(s))) {
      flush();
      cur = { from: null, lines: [line] };
    } else if (cur) {
      cur.lines.push(line);
    }
  }
  flush();
  return posts;
}
