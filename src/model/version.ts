// One version of a post's text: what an edit replaced, kept with when it was seen.
import type { Entity } from './post.js';

export interface PostVersion {
  text: string;
  entities: Entity[];
  editDate: string | null;
  /** When tgwire first saw this version. */
  seenAt: string;
}
