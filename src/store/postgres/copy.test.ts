// COPY's text format: values written so the server reads them back unchanged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyField } from './copy.js';

describe('copyField', () => {
  it('escapes what separates fields and rows, and writes null as \\N', () => {
    const table: [unknown, string][] = [
      [null, '\\N'],
      [undefined, '\\N'],
      ['\\N', '\\\\N'],
      ['a\tb\nc\r\\d', 'a\\tb\\nc\\r\\\\d'],
      ["it's 'quoted'", "it's 'quoted'"],
      [42, '42'],
      [true, 'true'],
      ['', ''],
    ];
    for (const [value, want] of table) assert.equal(copyField(value), want, String(value));
  });
});
