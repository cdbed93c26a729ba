// Entity rendering: time per post for 1,000 entities (the baseline, already far above a real post) and for 200,000,
// in the three shapes that cost most: many short marks out of order, a staircase of overlaps, deep nesting.
import { performance } from 'node:perf_hooks';
import type { Entity } from '../src/model/post.js';
import { renderEntitiesHtml } from '../src/feeds/post-html.js';

export interface RenderCase {
  shape: string;
  entities: number;
  ms: number;
  outputKb: number;
}

const opts = { tagHref: (t: string) => `/search?q=${encodeURIComponent(t)}` };

function post(shape: string, n: number): { text: string; entities: Entity[] } {
  const text = 'ab'.repeat(n);
  const entities: Entity[] = [];
  for (let i = 0; i < n; i++) {
    if (shape === 'marks')
      entities.push({ type: i % 2 ? 'bold' : 'italic', offset: 2 * (n - 1 - i), length: 1 });
    else if (shape === 'overlaps')
      entities.push({ type: (['bold', 'italic', 'underline'] as const)[i % 3]!, offset: i, length: 1000 });
    else entities.push({ type: 'bold', offset: i, length: 2 * n - 2 * i });
  }
  return { text, entities };
}

/** The median of `runs` renders (after one warm-up). */
function time(text: string, entities: Entity[], runs: number): { ms: number; out: number } {
  let out = renderEntitiesHtml(text, entities, opts).length;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    out = renderEntitiesHtml(text, entities, opts).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, out };
}

export function benchRender(sizes: number[] = [1_000, 200_000]): RenderCase[] {
  const cases: RenderCase[] = [];
  for (const shape of ['marks', 'overlaps', 'nested'])
    for (const n of sizes) {
      const { text, entities } = post(shape, n);
      const r = time(text, entities, n > 10_000 ? 5 : 50);
      cases.push({ shape, entities: n, ms: r.ms, outputKb: r.out / 1024 });
    }
  return cases;
}
