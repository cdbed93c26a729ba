// What a collection worker needs from a shared job queue ("sync channel X" jobs with leases); cli/ picks the backend.

/** One claimed job: sync `channel`. `attempt` counts claims, so a job taken over after a lease ran out shows 2+. */
export interface Job {
  channel: string;
  attempt: number;
}

export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  /** Followed channels that have no job yet (the scheduler has not seen them). */
  unscheduled: number;
}

export interface ScheduleOptions {
  /** A channel whose last job finished this long ago is queued again. */
  everyMs: number;
  /** A job whose lease ran out this many times is given up (recorded as done, with the error). */
  maxAttempts: number;
}

export interface JobQueue {
  /**
   * Queues the followed channels that are due; at most one caller at a time does it (the others get null at once).
   * Returns the channels queued.
   */
  schedule(options: ScheduleOptions): Promise<string[] | null>;
  /** Takes the next due job (or one whose lease ran out) for `leaseMs`; null when there is none. */
  claim(workerId: string, leaseMs: number): Promise<Job | null>;
  /** Extends the lease; false when the job is no longer this worker's (its lease ran out and another took it). */
  renew(job: Job, workerId: string, leaseMs: number): Promise<boolean>;
  /** The job is over (status and error recorded); false when it was no longer this worker's. */
  complete(job: Job, workerId: string, status: string, error: string | null): Promise<boolean>;
  /** Gives the job back, to run again after `retryInMs` (a failure, or a worker stopping). */
  release(job: Job, workerId: string, retryInMs: number, error: string | null): Promise<boolean>;
  counts(): Promise<QueueCounts>;
  /**
   * Runs `fn` holding a lock named `name` that every worker of the queue shares; { ran: false } at once when
   * another worker holds it.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}
