// Imports killed part-way while serve runs: taken back by serve itself, not left for the next command to notice.
import type { Store } from '../store/store.js';
import { superviseEvery, type Supervised } from '../util/supervise.js';
import { recoverCutOffImports } from './import.js';

export interface CutOffImportsOptions {
  signal: AbortSignal;
  /**
   * Between looks. A look reads the import records not finished (none, mostly: one small query); the web app,
   * feeds and API show a killed import's posts until the next look. @default 10000
   */
  everyMs?: number;
  /** One line per import taken back. @default console.error */
  log?: (line: string) => void;
}

/** Takes back, every `everyMs`, the imports whose process is gone (recoverCutOffImports), until the signal. */
export function keepCutOffImportsTakenBack(store: Store, options: CutOffImportsOptions): Supervised {
  const log = options.log ?? ((line: string) => console.error(line));
  const everyMs = options.everyMs ?? 10_000;
  return superviseEvery(
    async () => {
      for (const n of await recoverCutOffImports(store)) log(`import taken back: ${n}`);
    },
    { name: 'cut-off imports', signal: options.signal, log, firstDelayMs: everyMs, everyMs },
  );
}
