// Test helpers for the export collectors: drain a reader, write throwaway files, count fixture messages independently.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, ImportEvent, Post } from '../../model/post.js';

export interface Drained {
  channels: Channel[];
  posts: Post[];
  notices: string[];
}

export async function drain(events: AsyncIterable<ImportEvent>): Promise<Drained> {
  const out: Drained = { channels: [], posts: [], notices: [] };
  for await (const ev of events) {
    if (ev.type === 'channel') out.channels.push(ev.channel);
    else if (ev.type === 'post') out.posts.push(ev.post);
    else out.notices.push(ev.message);
  }
  return out;
}

let dir: string | null = null;
let n = 0;

/** Writes content to a fresh file in a per-process temp folder and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'tgwire-export-'));
  const sub = join(dir, String(n++));
  mkdirSync(sub);
  const path = join(sub, name);
  writeFileSync(path, content);
  return path;
}

/** Messages a JSON export holds, counted with JSON.parse (independent of the streaming reader). */
export function countJsonMessages(json: string): number {
  const root = JSON.parse(json) as {
    messages?: unknown[];
    chats?: { list?: { messages?: unknown[] }[] };
    left_chats?: { list?: { messages?: unknown[] }[] };
  };
  let count = root.messages?.length ?? 0;
  for (const list of [root.chats?.list, root.left_chats?.list]) {
    for (const chat of list ?? []) count += chat.messages?.length ?? 0;
  }
  return count;
}

/** Messages an HTML page holds: positive `id="messageN"` (negative ids are date separator rows). */
export function countHtmlMessages(html: string): number {
  return [...html.matchAll(/id="message(-?\d+)"/g)].filter((m) => Number(m[1]) > 0).length;
}
