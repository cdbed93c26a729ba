// How a newly seen post combines with the stored one; shared by every Store backend so they agree exactly.
import type { Entity, Media, Post } from '../model/post.js';

/**
 * - `unchanged`: nothing differs (after merging missing fields);
 * - `edited`: text, entities, edit date or edited flag changed: the stored version goes to the history;
 * - `updated`: other fields changed (views, reactions, media, date, …): updated in place, no new version;
 * - `older`: the incoming text is an earlier version than the stored one (an old export seen after a newer
 *   scrape): it joins the history as an earlier version, the current text stays.
 */
export type MergeKind = 'unchanged' | 'edited' | 'updated' | 'older';

export interface MergeOutcome {
  kind: MergeKind;
  post: Post;
}

const emptyToNull = <T>(a: T[]): T[] | null => (a.length === 0 ? null : a);

function pick<T>(incoming: T | null | undefined, stored: T, mergeMissing: boolean): T {
  if (incoming === undefined) return stored;
  if (incoming === null && mergeMissing) return stored;
  return incoming as T;
}

/**
 * A source that carries less (an HTML export has no link urls, no quote collapse) must not turn the same
 * formatting into a "new version": attributes an incoming entity lacks are taken from the stored one at the
 * same place. Likewise a media item keeps the stored details the incoming one lacks.
 */
function fillEntities(incoming: Entity[], stored: Entity[]): Entity[] {
  if (stored.length === 0) return incoming;
  const at = new Map(stored.map((e) => [`${e.type}:${e.offset}:${e.length}`, e]));
  return incoming.map((e) => {
    const old = at.get(`${e.type}:${e.offset}:${e.length}`);
    return old ? { ...old, ...withoutUndefined(e) } : e;
  });
}

function fillMedia(incoming: Media[], stored: Media[]): Media[] {
  if (incoming.length !== stored.length) return incoming;
  return incoming.map((m, i) => (stored[i]!.type === m.type ? { ...stored[i]!, ...withoutUndefined(m) } : m));
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What makes formatting a different version: where it is, and the targets a reader sees (not derived urls). */
function entityShape(es: Entity[]): string {
  return JSON.stringify(
    es.map((e) => [
      e.type,
      e.offset,
      e.length,
      e.type === 'text_link' ? (e.url ?? null) : null,
      e.type === 'pre' ? (e.language ?? '') : null,
    ]),
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when `incoming` is known to be an earlier text than `stored` (dates or the edited flag say so). */
function isOlder(stored: Post, incoming: Post): boolean {
  if (stored.editDate && incoming.editDate) return incoming.editDate < stored.editDate;
  if (stored.edited && !incoming.edited && stored.editDate) return true;
  return false;
}

/**
 * Merges `incoming` into `stored`. With mergeMissing (the default) an incoming null or empty field (date,
 * editDate, author, text '', entities [], forwardedFrom, replyTo, groupId, media [], views, reactions [],
 * service, lang) keeps the stored value, and `edited` never goes back from true to false; a stored language stays
 * while the text is the same. Entities follow the
 * text: they are kept only while the text is unchanged. `source` is the incoming one whenever the row changes.
 */
export function mergePost(stored: Post, incoming: Post, mergeMissing = true): MergeOutcome {
  const mm = mergeMissing;
  const text = mm && incoming.text === '' ? stored.text : incoming.text;
  const textSame = text === stored.text;
  let entities = incoming.entities;
  if (mm && entities.length === 0 && textSame) entities = stored.entities;
  else if (mm && textSame) entities = fillEntities(entities, stored.entities);
  const merged: Post = {
    ...stored,
    date: pick(incoming.date, stored.date, mm),
    edited: mm ? stored.edited || incoming.edited : incoming.edited,
    editDate: pick(incoming.editDate, stored.editDate, mm),
    author: pick(incoming.author, stored.author, mm),
    text,
    entities,
    forwardedFrom: pick(incoming.forwardedFrom, stored.forwardedFrom, mm),
    replyTo: pick(incoming.replyTo, stored.replyTo, mm),
    groupId: pick(incoming.groupId, stored.groupId, mm),
    media:
      pick(emptyToNull(mm ? fillMedia(incoming.media, stored.media) : incoming.media), stored.media, mm) ??
      [],
    views: pick(incoming.views, stored.views, mm),
    reactions: pick(emptyToNull(incoming.reactions), stored.reactions, mm) ?? [],
    service: pick(incoming.service, stored.service, mm),
    // A language is decided once per text: a re-import, whose channel context has grown, does not relabel it.
    lang: mm && textSame && stored.lang ? stored.lang : pick(incoming.lang, stored.lang ?? null, mm),
    source: stored.source,
  };
  const versionChanged =
    !textSame ||
    entityShape(entities) !== entityShape(stored.entities) ||
    merged.editDate !== stored.editDate;
  if (versionChanged && isOlder(stored, incoming) && !textSame) {
    return { kind: 'older', post: { ...stored } };
  }
  const otherChanged =
    !same(entities, stored.entities) ||
    merged.date !== stored.date ||
    merged.edited !== stored.edited ||
    merged.author !== stored.author ||
    !same(merged.forwardedFrom, stored.forwardedFrom) ||
    merged.replyTo !== stored.replyTo ||
    merged.groupId !== stored.groupId ||
    !same(merged.media, stored.media) ||
    merged.views !== stored.views ||
    !same(merged.reactions, stored.reactions) ||
    !same(merged.service, stored.service) ||
    (merged.lang ?? null) !== (stored.lang ?? null);
  if (!versionChanged && !otherChanged) return { kind: 'unchanged', post: stored };
  merged.source = incoming.source;
  return { kind: versionChanged ? 'edited' : 'updated', post: merged };
}
