// Bulk loading on PostgreSQL: rows streamed with COPY … FROM STDIN (text format) into a table of the current
// transaction, for the writes too large for one statement's parameters to carry them fast.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null; the characters that separate fields and rows escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : String(v);
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]!) : s;
}

// Rows sent per chunk of the stream: large enough to keep the socket busy, small enough to bound the memory held.
const ROWS_PER_CHUNK = 256;

function* chunks(rows: Iterable<readonly unknown[]>): Generator<string> {
  let out = '';
  let n = 0;
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + copyField(row[i]);
    out += line + '\n';
    if (++n === ROWS_PER_CHUNK) {
      yield out;
      out = '';
      n = 0;
    }
  }
  if (out) yield out;
}

/**
 * Streams `rows` (values in `columns` order) into `table` with COPY, on the client of the caller's transaction; a
 * failure rejects, and the transaction (or its savepoint) is then to be rolled back as after any failed statement.
 */
export async function copyRows(
  db: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const sink = db.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), sink);
}
