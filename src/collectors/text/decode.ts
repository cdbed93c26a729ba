// Turns a text dump's bytes into a string, refusing binary files and invalid UTF-8 with the byte and line.
import { ImportFormatError, ParseError } from '../../util/errors.js';

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The file's text, BOM kept (the feed reader records it so rendering reproduces it).
 * @throws ImportFormatError for an empty, UTF-16 or binary file; ParseError (`file:line`) for invalid UTF-8.
 */
export function decodeTextDump(bytes: Uint8Array, where: string): string {
  if (bytes.length === 0) throw new ImportFormatError(`${where}: the file is empty`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ImportFormatError(`${where}: UTF-16 text; save it as UTF-8 and import it again`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ImportFormatError(`${where}: a binary file (NUL byte at ${nul}), not a text dump`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    throw new ParseError(
      `invalid UTF-8 at byte ${at}; save the file as UTF-8 and import it again`,
      `${where}:${lineOf(bytes, at)}`,
      { cause },
    );
  }
}
