// COPY's binary format: rows of text, bigint, boolean and tsvector values encoded in JS, so the server reads each
// tsvector as its lexemes and positions instead of parsing (and sorting) its text, which was most of its cost per post.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { VectorEntries } from './text.js';

/** The column types a binary row can carry. */
export type BinaryType = 'text' | 'bigint' | 'boolean' | 'tsvector';

/** A tsvector's lexemes: with positions, or without (positions empty). */
export type BinaryVector = VectorEntries | Map<string, readonly number[]> | readonly string[];

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const NO_POSITIONS: readonly number[] = [];
// PostgreSQL's limits on positions (tsvector.c's uniquePos): at most 256 per lexeme, none past 16383.
const MAX_POSITIONS = 256;
const MAX_POS = 16383;

/** Rows encoded into one growing buffer, taken chunk by chunk for the COPY stream. */
export class BinaryRows {
  private buf = Buffer.allocUnsafe(1 << 20);
  private len = 0;

  constructor(private readonly types: readonly BinaryType[]) {
    this.reserve(19);
    SIGNATURE.copy(this.buf, 0);
    this.buf.writeInt32BE(0, 11); // flags
    this.buf.writeInt32BE(0, 15); // header extension length
    this.len = 19;
  }

  get size(): number {
    return this.len;
  }

  /** Appends a row: values in the order of the types given. */
  row(values: readonly unknown[]): void {
    const types = this.types;
    this.reserve(2);
    this.buf.writeInt16BE(types.length, this.len);
    this.len += 2;
    for (let i = 0; i < types.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        this.reserve(4);
        this.buf.writeInt32BE(-1, this.len);
        this.len += 4;
        continue;
      }
      switch (types[i]) {
        case 'text':
          this.text(typeof v === 'string' ? v : String(v));
          break;
        case 'bigint':
          this.bigint(v);
          break;
        case 'boolean':
          this.reserve(5);
          this.buf.writeInt32BE(1, this.len);
          this.buf[this.len + 4] = v ? 1 : 0;
          this.len += 5;
          break;
        case 'tsvector':
          this.tsvector(v as BinaryVector);
          break;
      }
    }
  }

  /** The bytes written since the last take (the end marker after the last row when `last`). */
  take(last = false): Buffer {
    if (last) {
      this.reserve(2);
      this.buf.writeInt16BE(-1, this.len);
      this.len += 2;
    }
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.len = 0;
    return out;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  private text(s: string): void {
    this.reserve(4 + s.length * 3);
    const n = this.buf.write(s, this.len + 4, 'utf8');
    this.buf.writeInt32BE(n, this.len);
    this.len += 4 + n;
  }

  private bigint(v: unknown): void {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`not an integer for a bigint column: ${String(v)}`);
    this.reserve(12);
    this.buf.writeInt32BE(8, this.len);
    // Two's complement across the two words: n = hi * 2^32 + lo with lo in [0, 2^32).
    const hi = Math.floor(n / 2 ** 32);
    this.buf.writeInt32BE(hi, this.len + 4);
    this.buf.writeUInt32BE(n - hi * 2 ** 32, this.len + 8);
    this.len += 12;
  }

  /**
   * tsvector's binary input (tsvectorrecv): the count, then each lexeme NUL-terminated with its positions. Repeated
   * lexemes merged and positions sorted, made unique and cut as the text input does; the server sorts the lexemes (in
   * C, cheaper than in JS, where that sort was a third of the time per post). The value is the one the text gives.
   */
  private tsvector(v: BinaryVector): void {
    let map: Map<string, readonly number[]>;
    if (v instanceof Map) map = v;
    else {
      map = new Map();
      for (const e of v as readonly (string | VectorEntries[number])[]) {
        const [key, list] = typeof e === 'string' ? [e, NO_POSITIONS] : e;
        const had = map.get(key);
        map.set(key, had ? [...had, ...list] : list);
      }
    }
    const start = this.len;
    this.reserve(8);
    this.len += 8; // field length and count, written at the end
    for (const [key, list] of map) {
      const pos = positionsOf(list);
      this.reserve(key.length * 3 + 3 + pos.length * 2);
      this.lexeme(key);
      const b = this.buf;
      let o = this.len;
      b[o++] = pos.length >> 8;
      b[o++] = pos.length & 255;
      for (let j = 0; j < pos.length; j++) {
        const p = pos[j]!;
        b[o++] = p >> 8;
        b[o++] = p & 255;
      }
      this.len = o;
    }
    this.buf.writeInt32BE(this.len - start - 4, start);
    this.buf.writeInt32BE(map.size, start + 4);
  }

  /** A lexeme as UTF-8 (as Buffer writes it: a lone surrogate as U+FFFD), NUL-terminated. */
  private lexeme(s: string): void {
    const b = this.buf;
    let o = this.len;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) b[o++] = c;
      else if (c < 0x800) {
        b[o++] = 0xc0 | (c >> 6);
        b[o++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c < 0xe000) {
          const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
          if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            b[o++] = 0xf0 | (cp >> 18);
            b[o++] = 0x80 | ((cp >> 12) & 63);
            b[o++] = 0x80 | ((cp >> 6) & 63);
            b[o++] = 0x80 | (cp & 63);
            i++;
            continue;
          }
          c = 0xfffd;
        }
        b[o++] = 0xe0 | (c >> 12);
        b[o++] = 0x80 | ((c >> 6) & 63);
        b[o++] = 0x80 | (c & 63);
      }
    }
    b[o++] = 0;
    this.len = o;
  }
}

/** Positions as the text input keeps them: ascending, each once, at most 256, none after 16383. */
function positionsOf(list: readonly number[]): readonly number[] {
  let ordered = true;
  for (let j = 1; j < list.length && ordered; j++) ordered = list[j]! > list[j - 1]!;
  if (ordered && list.length <= MAX_POSITIONS && (list.length === 0 || list[list.length - 1]! <= MAX_POS))
    return list;
  const sorted = [...list].map((p) => Math.min(p, MAX_POS)).sort((a, b) => a - b);
  const out: number[] = [];
  for (const p of sorted) {
    if (out.length && out[out.length - 1] === p) continue;
    out.push(p);
    if (out.length >= MAX_POSITIONS || p === MAX_POS) break;
  }
  return out;
}

// Bytes per chunk of the stream: large enough to keep the socket busy, small enough to bound the memory held.
const CHUNK_BYTES = 256 * 1024;

function* chunks(rows: Iterable<readonly unknown[]>, types: readonly BinaryType[]): Generator<Buffer> {
  const out = new BinaryRows(types);
  for (const row of rows) {
    out.row(row);
    if (out.size >= CHUNK_BYTES) yield out.take();
  }
  yield out.take(true);
}

/**
 * Streams `rows` (values in `columns` order, of the types given) into `table` with binary COPY, on the client of the
 * caller's transaction; a failure rejects, and the transaction (or its savepoint) is then to be rolled back.
 */
export async function copyBinary(
  db: pg.PoolClient,
  table: string,
  columns: readonly (readonly [string, BinaryType])[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const sink = db.query(
    copyStreams.from(`COPY ${table} (${columns.map(([n]) => n).join(', ')}) FROM STDIN (FORMAT binary)`),
  );
  await pipeline(
    Readable.from(
      chunks(
        rows,
        columns.map(([, t]) => t),
      ),
    ),
    sink,
  );
}
