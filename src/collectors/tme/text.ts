// Builds text (and entities with UTF-16 offsets) from a stream of text nodes and inline tags.
import type { EntityType } from '../../model/post.js';
import type { WireEntity } from './wire.js';

/**
 * t.me writes every newline of a message as <br/>, so a literal newline inside a text element can only come from
 * re-indentation (IDE-formatted captures). Such a whitespace run is layout, not content: it becomes one space, and
 * is dropped at the start of the text, after a line break and at the end. Whitespace without a newline is kept
 * exactly, as the server sent it.
 */
const LAYOUT_WS = /[ \t\r\f]*\n[ \t\r\n\f]*/g;

export interface OpenEntity {
  type: EntityType;
  start: number;
  url?: string;
  language?: string;
  customEmojiId?: string;
  collapsed?: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

export class TextBuilder {
  out = '';
  private pendingSpace = false;
  /** Entities opened but not yet given a start (they start at the first character written inside them). */
  private unstarted: OpenEntity[] = [];
  readonly entities: WireEntity[] = [];

  text(s: string): void {
    if (s.indexOf('\n') < 0) {
      this.emit(s);
      return;
    }
    LAYOUT_WS.lastIndex = 0;
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = LAYOUT_WS.exec(s)) !== null) {
      this.emit(s.slice(from, m.index));
      this.pendingSpace = true;
      from = m.index + m[0].length;
    }
    this.emit(s.slice(from));
  }

  br(): void {
    this.pendingSpace = false;
    this.emit('\n');
  }

  private emit(seg: string): void {
    if (seg.length === 0) return;
    if (this.pendingSpace) {
      this.pendingSpace = false;
      // Like a browser: the layout space collapses into whitespace already written or about to be written.
      if (
        this.out.length > 0 &&
        !isSpace(this.out.charCodeAt(this.out.length - 1)) &&
        !isSpace(seg.charCodeAt(0))
      )
        this.out += ' ';
    }
    if (this.unstarted.length > 0) {
      for (const e of this.unstarted) e.start = this.out.length;
      this.unstarted.length = 0;
    }
    this.out += seg;
  }

  open(type: EntityType, extra?: Partial<OpenEntity>): OpenEntity {
    const e: OpenEntity = { type, start: -1, ...extra };
    this.unstarted.push(e);
    return e;
  }

  /** Closes an entity; returns its visible text (for deciding link kinds), or null when it holds nothing. */
  close(e: OpenEntity): string | null {
    if (e.start < 0) {
      const i = this.unstarted.indexOf(e);
      if (i >= 0) this.unstarted.splice(i, 1);
      return null;
    }
    const length = this.out.length - e.start;
    if (length <= 0) return null;
    const ent: WireEntity = { type: e.type, offset: e.start, length };
    if (e.url !== undefined) ent.url = e.url;
    if (e.language !== undefined) ent.language = e.language;
    if (e.customEmojiId !== undefined) ent.customEmojiId = e.customEmojiId;
    if (e.collapsed) ent.collapsed = true;
    this.entities.push(ent);
    return this.out.slice(e.start);
  }

  /** Changes the type of the most recently closed entity (links are classified once their text is known). */
  retypeLast(type: EntityType, keepUrl: boolean): void {
    const last = this.entities[this.entities.length - 1];
    if (!last) return;
    last.type = type;
    if (!keepUrl) delete last.url;
  }

  finish(): { text: string; entities: WireEntity[] } {
    this.pendingSpace = false;
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.out, entities: this.entities };
  }
}

/** A builder that drops everything: for parts of the page whose text is chrome ("VIEW IN TELEGRAM", times). */
export class Sink extends TextBuilder {
  override text(): void {}
  override br(): void {}
}

/** Collapses all whitespace (labels, names, counters): pretty-printed pages wrap these over lines. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
