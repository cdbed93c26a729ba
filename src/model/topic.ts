// A topic: a named query the archive tags posts with.

/** A topic's name: it is written in queries (topic:NAME), URLs and on the command line. */
export const TOPIC_NAME = /^[\p{L}\p{N}_-]{1,64}$/u;
export const TOPIC_NAME_RULE = 'use 1–64 letters, digits, "-" or "_"';

export interface Topic {
  name: string;
  query: string;
  /** Groups of words that mean the same ("BRICS = БРИКС = #brics"). */
  aliases: string[][];
}
