// The user query language shared by search and topics: words, "phrases", #hashtags, OR/AND/NOT, ( ), field:value.

export type QueryField = 'lang' | 'channel' | 'from' | 'topic';

export type QueryNode =
  /** A word; `prefix` when the user wrote `word*`. */
  | { kind: 'term'; value: string; prefix?: boolean }
  | { kind: 'phrase'; value: string }
  /** A hashtag without its '#'. */
  | { kind: 'hashtag'; value: string }
  | { kind: 'field'; field: QueryField; value: string }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };
