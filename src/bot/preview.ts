// `publish --dry-run`: every message in full as it would be sent (text, entities, parts), and what is left out.
import type { BotEntity } from './format.js';
import { BEFORE_START, type Plan } from './planner.js';

interface Payload {
  text?: string;
  caption?: string;
  photo?: string;
  entities?: BotEntity[];
  caption_entities?: BotEntity[];
  disable_notification?: boolean;
}

/** One entity as a reader checks it: kind, UTF-16 range, the text it covers, and where a link goes. */
function entityLine(text: string, e: BotEntity): string {
  const covered = JSON.stringify(text.slice(e.offset, e.offset + e.length));
  const extra = [e.url && `-> ${e.url}`, e.language && `language ${e.language}`].filter(Boolean).join(' ');
  return `  ${e.type} ${e.offset}+${e.length} ${covered}${extra ? ` ${extra}` : ''}`;
}

/** The request's content: the text exactly as sent, then its entities one per line. */
function payloadLines(method: string, payload: string): string[] {
  const p = JSON.parse(payload) as Payload;
  const text = p.text ?? p.caption ?? '';
  const entities = p.entities ?? p.caption_entities ?? [];
  const lines: string[] = [];
  if (method === 'sendPhoto') lines.push(`photo: ${p.photo ?? ''}`);
  lines.push(text);
  lines.push(entities.length > 0 ? 'entities:' : 'entities: none');
  for (const e of entities) lines.push(entityLine(text, e));
  return lines;
}

/**
 * The preview, in plan order: for each message a line saying where it goes, which post and part, and how; then
 * its text as sent and its entities. Posts a new route leaves out are counted per route rather than listed.
 */
export function describePlan(plan: Plan): string[] {
  const lines: string[] = [];
  const parts = new Map<string, number>();
  const keyOf = (m: { route: string; chat: string; postKey: string }) =>
    `${m.route}\u0000${m.chat}\u0000${m.postKey}`;
  for (const m of plan.messages)
    if (m.state === 'planned') parts.set(keyOf(m), (parts.get(keyOf(m)) ?? 0) + 1);
  for (const m of plan.messages) {
    const where = `${m.route} -> ${m.chat} · ${m.postKey}`;
    if (m.state === 'skipped') {
      if (!m.note?.startsWith(BEFORE_START)) lines.push(`skip ${where}: ${m.note ?? ''}`);
      continue;
    }
    const silent = (JSON.parse(m.payload) as Payload).disable_notification ? ' · silent' : '';
    const n = parts.get(keyOf(m)) ?? 1;
    const part = n > 1 ? ` · part ${m.part + 1} of ${n}` : '';
    lines.push(`── ${where}${part} · ${m.method}${silent}`, ...payloadLines(m.method, m.payload), '');
  }
  for (const o of plan.ops) {
    const where = `${o.route} -> ${o.chat} · ${o.postKey} · part ${o.part + 1}`;
    // An edit replaces the text (or caption) and entities of a message already sent; a photo stays as it is.
    if (o.op === 'edit' && o.payload) lines.push(`── edit ${where}`, ...payloadLines('edit', o.payload), '');
    else lines.push(`── ${o.op} ${where}`, '');
  }
  for (const s of plan.started)
    lines.push(
      `${s.route} -> ${s.chat}: a new route, starting ${s.at}` +
        (s.before > 0
          ? `; ${s.before} earlier or undated post(s) will not be sent (--since DATE or --all starts it earlier)`
          : ''),
    );
  return lines;
}
