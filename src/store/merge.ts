// How a newly seen post combines with the stored one; shared by every Store backend so they agree exactly.
import { Layout, exactFileSizes, sameFormatting, sameText } from '../model/edits.js';
import { isLiveSource } from '../model/post.js';
import type { Entity, ForwardedFrom, Media, Post, ServiceAction } from '../model/post.js';

/**
 * - `unchanged`: nothing differs (after merging missing fields);
 * - `edited`: the text or its formatting really changed (model/edits.ts): the stored version goes to the history;
 * - `updated`: other fields changed (views, reactions, media, date, edit date, …): updated in place, no new version;
 * - `older`: the incoming text is an earlier version than the stored one (an old export seen after a newer
 *   scrape) and not yet in the history: it joins the history as an earlier version, the current text stays.
 * An incoming text that is already one of the kept versions is `unchanged`: an old export and a newer page read in
 * turn must not add a version each time; unless the post went back to it (mergePost), which is `edited`.
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

/** Entities whose target is the text they cover (a JSON export gives them no url, a page an href). */
const SELF_LINKED: ReadonlySet<Entity['type']> = new Set(['link', 'mention', 'email', 'phone']);

/**
 * A source that carries less (an HTML export has no link urls, no quote collapse; a t.me page no custom emoji
 * before 2025) must not make the row flip between sources: while the version is the same, the stored entities
 * stay, gain the attributes they lack from the incoming ones at the same place, and gain the incoming entities the
 * stored ones do not already cover with the same kind. Incoming entities are carried onto the stored text by the
 * characters they cover (the two texts may differ in whitespace). Re-reading either source then changes nothing.
 */
function unionEntities(
  storedText: string,
  stored: Entity[],
  incomingText: string,
  incoming: Entity[],
): Entity[] {
  if (incoming.length === 0) return stored;
  const ls = new Layout(storedText);
  const li = incomingText === storedText ? ls : new Layout(incomingText);
  const out = stored.map((e) => ({ ...e }));
  let added = false;
  const at = new Map(out.map((e) => [`${e.type}:${e.offset}:${e.length}`, e]));
  const covered = (e: Entity, span: [number, number]) =>
    out.some((o) => {
      if (o.type !== e.type) return false;
      const s = ls.span(o);
      return s !== null && s[0] <= span[0] && s[1] >= span[1];
    });
  for (const e of incoming) {
    const span = li.span(e);
    if (!span) continue;
    const placed = li === ls ? e : ls.place(e, span);
    const old = at.get(`${placed.type}:${placed.offset}:${placed.length}`);
    if (old) {
      for (const [k, v] of Object.entries(placed)) {
        const key = k as keyof Entity;
        // The href a page gives a bare link, mention, e-mail or phone number is its own text again: not news.
        if (key === 'url' && SELF_LINKED.has(old.type)) continue;
        if (v !== undefined && old[key] === undefined) (old as unknown as Record<string, unknown>)[key] = v;
      }
    } else if (!covered(placed, span)) {
      const copy = { ...placed };
      out.push(copy);
      at.set(`${copy.type}:${copy.offset}:${copy.length}`, copy);
      added = true;
    }
  }
  // Sorted only when something joined: the stored order stays as it was otherwise (no change to report).
  return added ? out.sort((a, b) => a.offset - b.offset || b.length - a.length) : out;
}

/**
 * A media item keeps the stored details the incoming one lacks, and an approximate size ("159.8 KB" in an HTML
 * export) never replaces a known one: alternating a JSON and an HTML export would otherwise rewrite every size.
 * The archive's copies stay too: a later visit of a page brings the same item with fresh CDN links and no copy.
 * An item with a copy has no reason left for lacking one (`skipped` goes).
 */
function fillMedia(incoming: Media[], stored: Media[], exactSizes: boolean): Media[] {
  if (incoming.length !== stored.length) return incoming;
  return incoming.map((m, i) => {
    const old = stored[i]!;
    if (old.type !== m.type) return m;
    const merged = { ...old, ...withoutUndefined(m) };
    if (!exactSizes && old.fileSize !== undefined) merged.fileSize = old.fileSize;
    // A kept copy stays (a later export without the file, a cap reached since, must not take it away), and an item
    // with a copy has no reason to lack one.
    if (merged.copy) delete merged.skipped;
    return merged;
  });
}

/** The same origin named again: what the incoming reading leaves out (an HTML export has no numeric id) stays. */
function fillForward(incoming: ForwardedFrom | null, stored: ForwardedFrom | null): ForwardedFrom | null {
  if (!incoming || !stored || incoming.name !== stored.name) return incoming;
  const merged = { ...stored };
  for (const [k, v] of Object.entries(incoming))
    if (v !== null && v !== undefined) Object.assign(merged, { [k]: v });
  return merged;
}

/**
 * The same service action again. A reading without wording that names its action (a JSON export's, the account's)
 * is the richer one and wins: a page's sentence for it ("X pinned this message", in the exporting app's language)
 * does not join, nor does a page that could not name the action replace it, so an HTML export read after the JSON one
 * changes nothing. The other way round, the sentence a page showed ("Channel created") stays when JSON omits it.
 */
function fillService(incoming: ServiceAction | null, stored: ServiceAction | null): ServiceAction | null {
  if (!incoming || !stored) return incoming;
  const structured = stored.text === undefined && stored.action !== 'unknown';
  if (structured && incoming.action === 'unknown') return stored;
  if (incoming.action !== stored.action) return incoming;
  const merged = { ...stored, ...withoutUndefined(incoming) };
  if (structured) delete merged.text;
  return merged;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A web-preview reading of a post the account read: it shows less, rounded ("12.3K"), so it only fills gaps. */
function previewOverAccount(stored: Post, incoming: Post): boolean {
  return stored.source === 'mtproto' && (incoming.source === 'tme-live' || incoming.source === 'tme-html');
}

/**
 * The account's reading stays (exact views, reactions, sizes, poll votes, forward origin); the preview adds only what
 * the account has no value for (CDN links, a username beside the origin's numeric id). `merged` is changed in place.
 */
function keepAccountReading(merged: Post, stored: Post): void {
  const fill = <T extends object>(incoming: T | null, kept: T | null): T | null =>
    kept && incoming ? ({ ...incoming, ...withoutUndefined(kept) } as T) : (kept ?? incoming);
  merged.date = stored.date ?? merged.date;
  merged.editDate = stored.editDate ?? merged.editDate;
  merged.author = stored.author ?? merged.author;
  merged.views = stored.views ?? merged.views;
  if (stored.forwards !== undefined) merged.forwards = stored.forwards;
  if (stored.replies !== undefined) merged.replies = stored.replies;
  if (stored.reactions.length) merged.reactions = stored.reactions;
  merged.forwardedFrom = fill(merged.forwardedFrom, stored.forwardedFrom);
  merged.replyTo = stored.replyTo ?? merged.replyTo;
  merged.groupId = stored.groupId ?? merged.groupId;
  merged.service = fill(merged.service, stored.service);
  if (stored.media.length)
    merged.media =
      merged.media.length === stored.media.length
        ? stored.media.map((m, i) => (merged.media[i]!.type === m.type ? fill(merged.media[i]!, m)! : m))
        : stored.media;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Forward and reply counts: the incoming ones when it has them; the stored ones stay when it has none (mergeMissing). */
function counts(incoming: Post, stored: Post, mm: boolean): Pick<Post, 'forwards' | 'replies'> {
  const out: Pick<Post, 'forwards' | 'replies'> = {};
  const forwards = incoming.forwards ?? (mm ? stored.forwards : undefined);
  const replies = incoming.replies ?? (mm ? stored.replies : undefined);
  if (forwards !== undefined) out.forwards = forwards;
  if (replies !== undefined) out.replies = replies;
  return out;
}

/** True when `incoming` is known to be an earlier text than `stored` (dates or the edited flag say so). */
function isOlder(stored: Post, incoming: Post): boolean {
  if (stored.editDate && incoming.editDate) return incoming.editDate < stored.editDate;
  if (stored.edited && !incoming.edited && stored.editDate) return true;
  return false;
}

/** True when the edit dates say `incoming` is a later edit than `stored` (a return to an earlier text is real then). */
function datedNewer(stored: Post, incoming: Post): boolean {
  return !!incoming.editDate && !!stored.editDate && incoming.editDate > stored.editDate;
}

/**
 * True when a text the post had before, seen again, is what the post says now (an author undoing an edit): the edit
 * dates say it is the later one, or the channel itself shows it (t.me, the account) later than the current text was
 * seen. A copy of any other kind (an export, a saved page) may be older than what was seen since: without dates saying
 * otherwise its text stays an earlier version, so an old export read after the live page changes nothing.
 */
function returnsTo(stored: Post, incoming: Post, textSame: boolean, seenAfter: boolean): boolean {
  if (datedNewer(stored, incoming)) return true;
  // The same words with another formatting: only the source that showed the current one can say it went back (the
  // account and t.me show formatting differently, and read in turn would otherwise swap versions at every visit).
  if (textSame && incoming.source !== stored.source) return false;
  return seenAfter && isLiveSource(incoming.source) && !isOlder(stored, incoming);
}

/** An earlier version as mergePost compares it (a row of the post's history). */
export interface KeptVersion {
  text: string;
  entities: Entity[];
}

/** The incoming formatting differs from the stored one on the same words. */
function otherFormatting(stored: Post, incoming: Post): boolean {
  return !sameFormatting(
    { text: stored.text, entities: stored.entities, source: stored.source },
    { text: incoming.text, entities: incoming.entities, source: incoming.source },
  );
}

/**
 * True when mergePost needs the post's earlier versions (its `history` argument) to decide: only when the incoming
 * text, or its formatting, differs from the current one. Stores read the history only then.
 */
export function needsHistory(stored: Post, incoming: Post): boolean {
  if (incoming.text === '') return false;
  return !sameText(stored.text, incoming.text) || otherFormatting(stored, incoming);
}

/**
 * True when the incoming reading is one of the kept versions: the same text, and for the same words as the current
 * text the same formatting too (two sources that show the same words with other formatting, read in turn, would
 * otherwise add a version each time). A history row does not say its source: it is read as the incoming source
 * would show it.
 */
function alreadyKept(
  history: readonly KeptVersion[],
  incoming: Post,
  text: string,
  textSame: boolean,
): boolean {
  return history.some(
    (v) =>
      sameText(v.text, text) &&
      (!textSame ||
        sameFormatting(
          { text: v.text, entities: v.entities, source: incoming.source },
          { text, entities: incoming.entities, source: incoming.source },
        )),
  );
}

/**
 * Merges `incoming` into `stored`. With mergeMissing (the default) an incoming null or empty field (date,
 * editDate, author, text '', entities [], forwardedFrom, replyTo, groupId, media [], views, reactions [],
 * service, lang) keeps the stored value, and `edited` never goes back from true to false; a stored language stays
 * while the text is the same.
 *
 * A new version needs a real edit: a different text or formatting after the normalisation every source gets
 * (model/edits.ts). Whitespace the source adds, formatting one source cannot show, or an edit date learnt later
 * (a t.me page has none, an export does) are not edits. While the version is the same, the stored text stays and
 * the entities are combined (see unionEntities). `source` is the incoming one whenever the row changes, and so is
 * the edit date of a new version (none from t.me, which shows none).
 *
 * A text the post already had (`history`) is no new version, but when the post went back to it (see returnsTo) it
 * is `edited`: current again, the replaced text joins the history, which then reads A, B, A. `seenAfter`: the
 * incoming reading was seen after the stored current text was (stores compare the save's time with the row's).
 */
export function mergePost(
  stored: Post,
  incoming: Post,
  mergeMissing = true,
  history: readonly KeptVersion[] = [],
  seenAfter = true,
): MergeOutcome {
  const mm = mergeMissing;
  const incomingText = mm && incoming.text === '' ? stored.text : incoming.text;
  const incomingEntities = mm && incoming.text === '' ? stored.entities : incoming.entities;
  const textSame = sameText(incomingText, stored.text);
  const versionSame =
    textSame &&
    sameFormatting(
      { text: stored.text, entities: stored.entities, source: stored.source },
      { text: incomingText, entities: incomingEntities, source: incoming.source },
    );
  let text = incomingText;
  let entities = incomingEntities;
  if (versionSame && mm) {
    text = stored.text;
    entities = unionEntities(stored.text, stored.entities, incomingText, incomingEntities);
  }
  const exactSizes = exactFileSizes(incoming.source);
  const merged: Post = {
    ...stored,
    date: pick(incoming.date, stored.date, mm),
    edited: mm ? stored.edited || incoming.edited : incoming.edited,
    editDate: pick(incoming.editDate, stored.editDate, mm),
    author: pick(incoming.author, stored.author, mm),
    text,
    entities,
    forwardedFrom: pick(
      mm ? fillForward(incoming.forwardedFrom, stored.forwardedFrom) : incoming.forwardedFrom,
      stored.forwardedFrom,
      mm,
    ),
    replyTo: pick(incoming.replyTo, stored.replyTo, mm),
    groupId: pick(incoming.groupId, stored.groupId, mm),
    media:
      pick(
        emptyToNull(mm ? fillMedia(incoming.media, stored.media, exactSizes) : incoming.media),
        stored.media,
        mm,
      ) ?? [],
    // A saved capture (a page, an embed) may be older than what is stored: its lower view count must not replace
    // a higher one. A live sighting (t.me or MTProto) is now, and its count stands.
    views:
      mm && !isLiveSource(incoming.source) && incoming.views !== null && stored.views !== null
        ? Math.max(incoming.views, stored.views)
        : pick(incoming.views, stored.views, mm),
    ...counts(incoming, stored, mm),
    reactions: pick(emptyToNull(incoming.reactions), stored.reactions, mm) ?? [],
    service: pick(mm ? fillService(incoming.service, stored.service) : incoming.service, stored.service, mm),
    // A language is decided once per text: a re-import, whose channel context has grown, does not relabel it.
    lang: mm && textSame && stored.lang ? stored.lang : pick(incoming.lang, stored.lang ?? null, mm),
    source: stored.source,
  };
  if (!mm) {
    // Without mergeMissing the incoming reading is the whole truth: counts it lacks go.
    if (incoming.forwards === undefined) delete merged.forwards;
    if (incoming.replies === undefined) delete merged.replies;
  }
  if (versionSame && mm && previewOverAccount(stored, incoming)) keepAccountReading(merged, stored);
  if (
    !versionSame &&
    alreadyKept(history, incoming, incomingText, textSame) &&
    !returnsTo(stored, incoming, textSame, seenAfter)
  ) {
    return { kind: 'unchanged', post: stored };
  }
  if (!versionSame && isOlder(stored, incoming) && !textSame) {
    return { kind: 'older', post: { ...stored } };
  }
  const changed =
    merged.text !== stored.text ||
    !same(entities, stored.entities) ||
    merged.date !== stored.date ||
    merged.edited !== stored.edited ||
    merged.editDate !== stored.editDate ||
    merged.author !== stored.author ||
    !same(merged.forwardedFrom, stored.forwardedFrom) ||
    merged.replyTo !== stored.replyTo ||
    merged.groupId !== stored.groupId ||
    !same(merged.media, stored.media) ||
    merged.views !== stored.views ||
    merged.forwards !== stored.forwards ||
    merged.replies !== stored.replies ||
    !same(merged.reactions, stored.reactions) ||
    !same(merged.service, stored.service) ||
    (merged.lang ?? null) !== (stored.lang ?? null);
  if (versionSame && !changed) return { kind: 'unchanged', post: stored };
  if (!(versionSame && mm && previewOverAccount(stored, incoming))) merged.source = incoming.source;
  // A text seen to change is an edited post, even from a source that writes no edit mark (an HTML export). Its edit
  // date is the incoming source's: a stored one belongs to the replaced version (t.me shows none, an export did).
  if (!versionSame && mm) {
    merged.edited = true;
    merged.editDate = incoming.editDate;
  }
  return { kind: versionSame ? 'updated' : 'edited', post: merged };
}
