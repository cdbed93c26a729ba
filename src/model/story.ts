// Stories: which posts tell one statement, why each joined, and the corrections readers made.

/** Why a post is in its story. `merged`: a reader merged two stories. */
export type StoryReason = 'canonical' | 'forward' | 'copy' | 'near-copy' | 'translation' | 'merged';

/**
 * What a member shared with the post(s) it was compared with, so a reader can see why posts were grouped.
 * The canonical post of a story has none.
 */
export interface StoryEvidence {
  /** Keys (`channel/id`) of the members it was compared with directly: the canonical post, or those it matched. */
  matched: string[];
  /** The decision's score against its threshold (1 for forwards and exact copies). */
  score: number;
  /** The shared items, human-readable: "forward of mfa_russia/123", "date:2024-09-10", "name:lavrov", … */
  items: string[];
}

export interface StoryMember {
  channel: string;
  id: number;
  storyId: string;
  /** Why the post joined its story. */
  reason: StoryReason | string;
  /** Null for the canonical post and for rows stored before evidence was recorded. */
  evidence?: StoryEvidence | null;
}

/**
 * A reader's correction, kept across rebuilds. `split`: the post is not the same as the story it was in: it never
 * again shares a story with `from` (that story's other posts when it was split), and takes in its own copies and
 * joins other stories as any post does. A split without `from` (made before splits recorded it) keeps its old
 * meaning: the post is a story of its own and joins none.
 * `merge`: the stories of two posts (each named by a post, since story ids follow canonical posts) are one.
 */
export type StoryCorrection =
  | { kind: 'split'; post: string; from?: string[]; createdAt: string }
  | { kind: 'merge'; post: string; into: string; createdAt: string };

export type StoredStoryCorrection = StoryCorrection & { id: number };

/**
 * A shared item as a reader reads it: the words as each side wrote them, without the internal matching key
 * ("name:lfrf (Лавров = Lavrov)" -> "name: Лавров = Lavrov"), a bare value after its kind ("date: 2024-09-10").
 * Other items (sentences) are shown as stored.
 */
export function evidenceItemText(item: string): string {
  const m = /^([a-z]+):\S+ \((.+)\)$/s.exec(item) ?? /^([a-z]+):(\S+)$/.exec(item);
  return m ? `${m[1]}: ${m[2]}` : item;
}

/**
 * A member's items as a reader reads them, each fact once: two keys read alike (a word cut two ways) show once, and
 * a day of the year ("day: 09-10") goes when its full date is there too.
 */
export function evidenceItemsText(items: readonly string[]): string[] {
  const dates = items.flatMap((i) => /^date:\d{4}-(\d\d-\d\d)$/.exec(i)?.[1] ?? []);
  const shown = items
    .filter((i) => !dates.includes(/^day:(\d\d-\d\d)$/.exec(i)?.[1] ?? ''))
    .map(evidenceItemText);
  return [...new Set(shown)];
}

/** How many shared items a one-line "why" names before "+N more". */
const WHY_ITEMS = 3;

/**
 * Why a member is in its story, in one short line: "canonical", "forward of mfa/12", "translation of a/1
 * (0.71): date:2024-09-10, name:lavrov +2 more", "merged with a/1: merged by a reader".
 */
export function storyWhy(member: Pick<StoryMember, 'reason' | 'evidence'>): string {
  const e = member.evidence;
  if (!e) return String(member.reason);
  const of = e.matched.length ? ` ${member.reason === 'merged' ? 'with' : 'of'} ${e.matched.join(', ')}` : '';
  const score = e.score === 1 ? '' : ` (${e.score.toFixed(2)})`;
  const shown = e.items.slice(0, WHY_ITEMS).join(', ');
  const more = e.items.length > WHY_ITEMS ? ` +${e.items.length - WHY_ITEMS} more` : '';
  return `${member.reason}${of}${score}${shown ? `: ${shown}${more}` : ''}`;
}
