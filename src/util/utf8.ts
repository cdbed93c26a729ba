// UTF-8 validation of raw bytes: where a file stops being UTF-8, for messages that name the byte.

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

/**
 * A notice for HTML whose bytes are not all UTF-8 (decoded with U+FFFD in their place), or null when they are:
 * the byte offset of the first bad sequence and what the import does about it.
 */
export function invalidUtf8Notice(bytes: Uint8Array): string | null {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return null;
  return `invalid UTF-8 at byte ${at} (read as U+FFFD); posts already in the archive keep their stored text where the file's is garbled`;
}
