// Turns the export's styled text runs (JSON text_entities, HTML inline elements) into Post text + UTF-16 entities.
import type { Entity, EntityType } from '../../model/post.js';

/** One run of text as both export formats describe it: a type ("plain" = no entity) and its extras. */
export interface TextRun {
  type: string;
  text: string;
  href?: string;
  language?: string;
  collapsed?: boolean;
  documentId?: string;
  userId?: string | number;
}

const ENTITY_TYPES: ReadonlySet<string> = new Set<EntityType>([
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
  'code',
  'pre',
  'blockquote',
  'link',
  'text_link',
  'mention',
  'mention_name',
  'hashtag',
  'cashtag',
  'bot_command',
  'email',
  'phone',
  'bank_card',
  'custom_emoji',
]);

/** Aliases seen in older exports ("block_quote") or other writers; unknown types become plain text. */
const ALIASES: Record<string, EntityType> = {
  block_quote: 'blockquote',
  strike: 'strikethrough',
  url: 'link',
};

function entityType(t: string): EntityType | null {
  if (ENTITY_TYPES.has(t)) return t as EntityType;
  return ALIASES[t] ?? null;
}

/**
 * Concatenates runs; each non-plain run becomes one entity over exactly its text. Adjacent runs of the same type
 * stay separate entities, as the export wrote them. Offsets are JS string indices, i.e. UTF-16 code units.
 */
export function runsToText(runs: readonly TextRun[]): { text: string; entities: Entity[] } {
  let text = '';
  const entities: Entity[] = [];
  for (const run of runs) {
    const type = entityType(run.type);
    if (type && run.text.length > 0) {
      const e: Entity = { type, offset: text.length, length: run.text.length };
      if (type === 'text_link' && run.href !== undefined) e.url = run.href;
      if ((type === 'link' || type === 'mention' || type === 'email' || type === 'phone') && run.href)
        e.url = run.href;
      if (type === 'pre') e.language = run.language ?? '';
      if (type === 'blockquote' && run.collapsed) e.collapsed = true;
      if (type === 'custom_emoji' && run.documentId !== undefined) e.customEmojiId = String(run.documentId);
      // The Entity model has no user id; Telegram's own deep link keeps it without a new field.
      if (type === 'mention_name' && run.userId !== undefined) e.url = `tg://user?id=${run.userId}`;
      entities.push(e);
    }
    text += run.text;
  }
  return { text, entities };
}
