// What makes two readings of one post different versions: the same normalisation for every source.
import type { Entity, EntityType, SourceKind } from './post.js';

/*
 * Sources disagree on layout, not content: the channel page writes a space where the embed page of the same post
 * writes a line break (lexfridman/272), exports keep "bold\n\n" runs with their trailing newlines, pretty-printed
 * pages wrap lines. So texts are compared with every whitespace run collapsed to one space and the ends trimmed,
 * and entities by the non-whitespace characters they cover. A change in line breaks alone is not an edit.
 */

/** Kinds Telegram derives from the text itself (a link, a #tag): the text decides them, never an edit of its own. */
const DERIVED: ReadonlySet<EntityType> = new Set([
  'link',
  'mention',
  'hashtag',
  'cashtag',
  'bot_command',
  'email',
  'phone',
  'bank_card',
]);

const STYLES: EntityType[] = [
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
  'code',
  'pre',
  'blockquote',
  'text_link',
];

/**
 * The author-chosen formatting each source can show (FORMATS.md). t.me pages: custom emoji only since 2025 and
 * user mentions without a username not at all, so neither may count. Desktop exports show every kind, but flat
 * (see FLAT). Text dumps carry no formatting.
 */
const EXPRESSIBLE: Record<SourceKind, ReadonlySet<EntityType>> = {
  'tme-html': new Set(STYLES),
  'tme-live': new Set(STYLES),
  'export-json': new Set([...STYLES, 'mention_name', 'custom_emoji']),
  'export-html': new Set([...STYLES, 'mention_name', 'custom_emoji']),
  mtproto: new Set([...STYLES, 'mention_name', 'custom_emoji']),
  text: new Set(),
};

/**
 * Desktop exports write entities as one flat run list: where formatting nests (bold around an italic word) one of
 * the two is lost. Against such a source, formatting the other side has in addition is not an edit as long as the
 * export has some entity there.
 */
const FLAT: ReadonlySet<SourceKind> = new Set(['export-json', 'export-html']);

/** Sources whose file sizes are exact bytes; the others show "689 KB" and give an approximation. */
const EXACT_SIZES: ReadonlySet<SourceKind> = new Set(['export-json', 'mtproto']);

/** True when `source` gives exact file sizes (an approximate size must not replace a known one). */
export function exactFileSizes(source: SourceKind): boolean {
  return EXACT_SIZES.has(source);
}

/** The text as compared between versions: whitespace runs as one space, no leading or trailing whitespace. */
export function comparableText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when two texts are the same version's text (they differ at most in whitespace and line breaks). */
export function sameText(a: string, b: string): boolean {
  return a === b || comparableText(a) === comparableText(b);
}

const isSpace = (c: string) => /\s/.test(c);

/**
 * Where the non-whitespace characters of `text` are: `before[i]` counts those before UTF-16 index i, `at[k]` is
 * the index of the k-th one. Two texts with the same comparable text have the same non-whitespace characters in
 * the same order, so these positions carry an entity from one onto the other.
 */
export class Layout {
  readonly before: Int32Array;
  readonly at: number[] = [];

  constructor(readonly text: string) {
    this.before = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i++) {
      this.before[i] = this.at.length;
      if (!isSpace(text[i]!)) this.at.push(i);
    }
    this.before[text.length] = this.at.length;
  }

  /** The non-whitespace characters [from, to) an entity covers; null when it covers only whitespace. */
  span(e: Entity): [number, number] | null {
    const start = Math.max(0, Math.min(e.offset, this.text.length));
    const end = Math.max(start, Math.min(e.offset + e.length, this.text.length));
    const from = this.before[start]!;
    const to = this.before[end]!;
    return to > from ? [from, to] : null;
  }

  /** The entity over the same characters of this text (whitespace at its ends dropped). */
  place(e: Entity, span: [number, number]): Entity {
    const offset = this.at[span[0]]!;
    return { ...e, offset, length: this.at[span[1] - 1]! + 1 - offset };
  }
}

/**
 * What distinguishes formatting of one kind: text_link targets are part of it; derived urls, custom emoji ids (a
 * number on t.me, a file path in exports) and code languages (not every source gives them) are not.
 */
function styleKey(e: Entity): string {
  return e.type === 'text_link' ? `text_link ${e.url ?? ''}` : e.type;
}

/** Per style key, the non-whitespace positions covered; plus every position covered by any entity at all. */
function coverage(layout: Layout, entities: Entity[], kinds: ReadonlySet<EntityType>) {
  const byKey = new Map<string, Set<number>>();
  const any = new Set<number>();
  for (const e of entities) {
    const s = layout.span(e);
    if (!s) continue;
    const compared = kinds.has(e.type);
    let set = compared ? byKey.get(styleKey(e)) : undefined;
    if (compared && !set) byKey.set(styleKey(e), (set = new Set()));
    for (let k = s[0]; k < s[1]; k++) {
      any.add(k);
      set?.add(k);
    }
  }
  return { byKey, any };
}

export interface Reading {
  text: string;
  entities: Entity[];
  source: SourceKind;
}

/**
 * True when two readings of a post with the same comparable text also carry the same formatting, as far as both
 * sources can show it. Only author-chosen kinds that both sources express are compared, by the characters they
 * cover (so runs split or merged differently are the same); when one side is a flat export, formatting one side
 * has and the other lacks counts only where the other side has no entity at all.
 */
export function sameFormatting(a: Reading, b: Reading): boolean {
  const kinds = new Set(
    [...EXPRESSIBLE[a.source]].filter((k) => EXPRESSIBLE[b.source].has(k) && !DERIVED.has(k)),
  );
  if (kinds.size === 0) return true;
  const ca = coverage(new Layout(a.text), a.entities, kinds);
  const cb = coverage(new Layout(b.text), b.entities, kinds);
  const flat = FLAT.has(a.source) || FLAT.has(b.source);
  const extrasExcused = (mine: Set<number>, theirs: Set<number> | undefined, theirAny: Set<number>) => {
    for (const k of mine) if (!theirs?.has(k) && !(flat && theirAny.has(k))) return false;
    return true;
  };
  for (const [key, set] of ca.byKey) if (!extrasExcused(set, cb.byKey.get(key), cb.any)) return false;
  for (const [key, set] of cb.byKey) if (!extrasExcused(set, ca.byKey.get(key), ca.any)) return false;
  return true;
}

/** True when `b` is the same version as `a`: the same text after normalisation and the same formatting. */
export function sameVersion(a: Reading, b: Reading): boolean {
  return sameText(a.text, b.text) && sameFormatting(a, b);
}
