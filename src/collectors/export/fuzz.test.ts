// Property test: mutated exports (truncated, bytes flipped, ranges deleted) either import or fail with a typed error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ImportFormatError, ParseError } from '../../util/errors.js';
import type { ImportEvent } from '../../model/post.js';
import { readExportHtml, readExportJson } from './index.js';
import { drain, tempFile } from './export.testkit.js';

const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'delete'; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
);

function mutate(base: Buffer, ms: Mutation[]): Buffer {
  let b = base;
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'flip') {
      b = Buffer.from(b);
      b[at] = m.byte;
    } else b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
  }
  return b;
}

/** Drains the reader; a typed error is fine, anything else (TypeError, a hang) fails the property. */
async function survives(events: AsyncIterable<ImportEvent>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('reader hung for 5 s')), 5000);
  });
  try {
    await Promise.race([drain(events), hang]);
  } catch (e) {
    assert.ok(e instanceof ParseError || e instanceof ImportFormatError, `untyped failure: ${String(e)}`);
    assert.ok((e as Error).message.length > 0 && !(e as Error).message.includes('\n'), 'a one-line message');
  } finally {
    clearTimeout(timer);
  }
}

describe('mutated exports never crash or hang the readers', { timeout: 120_000 }, () => {
  it('readExportJson returns or throws ParseError/ImportFormatError', async () => {
    const base = readFileSync(`${testdata}full_account.json`);
    const file = tempFile('result.json', base);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        writeFileSync(file, mutate(base, ms));
        await survives(readExportJson(file));
      }),
      { numRuns: 2000 },
    );
  });

  it('readExportHtml returns or throws ParseError/ImportFormatError', async () => {
    const base = readFileSync(`${testdata}split/messages2.html`);
    const file = tempFile('messages.html', base);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        writeFileSync(file, mutate(base, ms));
        await survives(readExportHtml(file));
      }),
      { numRuns: 1500 },
    );
  });

  it('an untouched export imports (the property is not vacuous)', async () => {
    assert.equal((await drain(readExportJson(`${testdata}full_account.json`))).posts.length, 6);
    assert.equal(
      (
        await drain(
          readExportHtml(tempFile('messages.html', readFileSync(`${testdata}split/messages2.html`))),
        )
      ).posts.length,
      5,
    );
  });
});
