// Small helpers for what commands print: tables for people, JSON for machines, progress on stderr.
import cliProgress from 'cli-progress';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A left-aligned text table; numbers right-aligned. */
export function formatTable(headers: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[], nums: boolean[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - [...c].length));
        return nums[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  return [
    line(headers, numeric),
    line(
      widths.map((w) => '-'.repeat(w)),
      numeric,
    ),
    ...cells.map((r) => line(r, numeric)),
  ].join('\n');
}

export interface Progress {
  update(value: number, total: number | null, label: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise (logs stay clean). */
export function createProgress(enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(value, total, label) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: ' {label} [{bar}] {percentage}% | {value}/{total}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total ?? value, value, { label });
      }
      bar.setTotal(total ?? Math.max(value, 1));
      bar.update(value, { label });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Bytes for people: 512 B, 1.5 KiB, 20.0 MiB, 3.2 GiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/**
 * Per-channel progress on stderr: a bar per channel on a terminal (cli-progress's `format`, filled from the payload),
 * else one log line per update (`line`), so logs of a service stay readable.
 */
export function channelProgress(tty: boolean, format: string) {
  const multi = tty
    ? new cliProgress.MultiBar(
        { stream: process.stderr, format, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(channel: string, at: { value: number; total: number }, payload: object, line: () => string) {
      if (!multi) {
        console.error(line());
        return;
      }
      const bar = bars.get(channel) ?? multi.create(at.total, 0, payload);
      bars.set(channel, bar);
      bar.update(at.value, payload);
    },
    stop() {
      multi?.stop();
    },
  };
}

/** The file an `--out` option names; undefined for standard output: none given, or `-` as most tools take it. */
export function outFile(out: string | undefined): string | undefined {
  return out === '-' ? undefined : out;
}
