// Turns a text dump's bytes into a string, refusing binary files and invalid UTF-8 with the byte and line.
import { ImportFormatError, ParseError } from '../../util/errors.js';
import { firstInvalidUtf8 } from '../../util/utf8.js';

export { firstInvalidUtf8 };

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
