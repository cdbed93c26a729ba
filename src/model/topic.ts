// A topic: a named query the archive tags posts with.

export interface Topic {
  name: string;
  query: string;
  /** Groups of words that mean the same ("BRICS = БРИКС = #brics"). */
  aliases: string[][];
}
