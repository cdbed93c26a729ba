// A search kept under a name: an alert source for webhooks and bot routes, with feeds of its own.
export interface SavedSearch {
  /** Lower-case letters, digits, '-' and '_'; used in URLs and on the command line. */
  name: string;
  /** The query in the user query language of search/ (words, "phrases", #tags, OR/NOT, channel:, topic:, lang:). */
  query: string;
  /** ISO. */
  createdAt: string;
}
