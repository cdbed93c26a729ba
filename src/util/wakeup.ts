// A wake-up call for a loop that sleeps between rounds: wake() ends its current (or its next) sleep at once.

export interface Wakeup {
  /** Ends the sleep in progress; when none is, the next sleep returns at once (a call is never lost). */
  wake(): void;
  /** Waits `ms`, or until wake() or the signal, whichever comes first. Never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function createWakeup(): Wakeup {
  let pending = false;
  let waiting: (() => void) | null = null;
  return {
    wake() {
      if (waiting) waiting();
      else pending = true;
    },
    sleep(ms, signal) {
      if (pending || signal?.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          waiting = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        waiting = done;
      });
    },
  };
}
