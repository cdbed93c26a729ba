// What the merge worker does to an archive's full-text index, apart from the worker (index-merge.ts starts it): the
// segments' sizes, whether a pass is worth it, and one step of a pass.
import type Database from 'better-sqlite3';

export interface MergeReport {
  segmentsBefore: number;
  segmentsAfter: number;
  /** Steps run (0: not worth a pass, see MergeOptions). */
  steps: number;
  /** The pass was stopped before it ended. */
  stopped: boolean;
  seconds: number;
}

/** What the worker is given. */
export interface MergeJob {
  path: string;
  pages: number;
  pauseMs: number;
  minSegments: number;
  minOutside: number;
  minPages: number;
}

/**
 * The leaf pages of each segment of the full-text index (the b-trees a word's list is spread over), largest first:
 * FTS5's term index holds each term's first leaf page, so the highest is about the segment's size.
 */
export function segmentPages(db: Database.Database): number[] {
  return (db.prepare('SELECT max(pgno) FROM posts_fts_idx GROUP BY segid').pluck().all() as number[]).sort(
    (a, b) => b - a,
  );
}

/** Whether a pass over segments of these sizes (segmentPages) is worth rewriting the whole index. */
export function worthMerging(
  pages: readonly number[],
  job: Pick<MergeJob, 'minSegments' | 'minOutside' | 'minPages'>,
): boolean {
  const total = pages.reduce((a, b) => a + b, 0);
  return (
    pages.length >= job.minSegments &&
    total > 0 &&
    total >= job.minPages &&
    (total - pages[0]!) / total >= job.minOutside
  );
}

/**
 * One step of an FTS5 incremental optimize: `start` begins a pass that merges every segment into one, the next
 * steps go on with it. True when it merged something (FTS5 says so through the changes it counts, two or more).
 */
export function mergeStep(db: Database.Database, pages: number, start: boolean): boolean {
  const before = db.prepare('SELECT total_changes()').pluck().get() as number;
  db.prepare("INSERT INTO posts_fts(posts_fts, rank) VALUES ('merge', ?)").run(start ? -pages : pages);
  return (db.prepare('SELECT total_changes()').pluck().get() as number) - before >= 2;
}
