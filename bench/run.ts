// `npm run bench`: every benchmark, each beside its baseline in the same run, printed as one report.
// Options: --quick (smaller sizes, for a smoke run), --only NAME[,NAME] (tme, import, sync, mtproto, memory, tagging, stories,
// stories-incremental, stories-backlog, stories-desk, render, big-post, web, stores, stores-10m (only when named), lang, evidence, soak). SOAK_SECONDS sets
// the soak's length (default 180).
// PostgreSQL is included in `stores` when TGWIRE_BENCH_PG names a server. stores-10m: BENCH_PG_POSTS sets its size,
// BENCH_PG_SCHEMA keeps its archive in that schema (or measures the one already there), BENCH_FLOOR_LIMIT_S stops
// each bare query (default 10 s).
import { cpus, totalmem } from 'node:os';
import type { LatencyRow } from './search-order-bench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
// stores-10m runs only when named: its archive takes most of an hour to build.
const want = (name: string) => (only ? only.has(name) : name !== 'stores-10m');

const lines: string[] = [];
function out(s = ''): void {
  lines.push(s);
  console.log(s);
}
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

out(`# tgwire benchmarks — ${new Date().toISOString()}`);
out(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB${quick ? ', --quick' : ''}`,
);

if (want('tme')) {
  const { benchTmeParse } = await import('./tme-parse.js');
  const r = await benchTmeParse(quick ? 800 : 2500);
  out('');
  out('## t.me page parsing (real pages of ../shared/fixtures/tme_s_html)');
  out(`tgwire parser (htmlparser2 stream):  ${fmt(r.ours.mbPerSec, 1)} MB/s`);
  out(`baseline cheerio load + select:      ${fmt(r.cheerio.mbPerSec, 1)} MB/s`);
  out(`ratio: ${fmt(r.ours.mbPerSec / r.cheerio.mbPerSec, 2)}x (target >= 2x)`);
}

if (want('import')) {
  const { benchImport } = await import('./import-bench.js');
  const n = quick ? 10_000 : 100_000;
  const r = await benchImport(n);
  out('');
  out(`## Import into SQLite (${fmt(n)} generated posts, one transaction)`);
  out(`Store.savePosts (serialise, merge check, FTS):   ${fmt(r.storePostsPerSec)} posts/s`);
  out(
    `raw prepared INSERT, same schema (indexes, FTS): ${fmt(r.rawSameSchemaPostsPerSec)} posts/s  -> store is ${r.ratioSameSchema}x slower (target <= 2x)`,
  );
  out(
    `raw prepared INSERT, bare table (primary key):   ${fmt(r.rawBareTablePostsPerSec)} posts/s  -> store is ${r.ratioBareTable}x slower`,
  );
}

if (want('sync')) {
  const { benchSync } = await import('./sync-bench.js');
  const r = await benchSync(quick ? 1000 : 5000);
  out('');
  out(`## Backfill from a local fake t.me, pacing off (${fmt(r.posts)} posts, ${r.pages} pages)`);
  out(
    `fetch + parse + store (one transaction per page, cursor included): ${fmt(r.backfillPagesPerSec)} pages/s`,
  );
  out(
    `parse + adapt only, same pages in memory:                         ${fmt(r.parseOnlyPagesPerSec)} pages/s`,
  );
}

if (want('mtproto')) {
  const { benchMtproto } = await import('./mtproto-bench.js');
  const { benchSync } = await import('./sync-bench.js');
  const n = quick ? 5000 : 20_000;
  const m = await benchMtproto(n);
  const t = await benchSync(quick ? 1000 : 5000);
  out('');
  out(`## MTProto backfill (${fmt(n)} generated messages in Telegram's TL shapes, client in memory)`);
  out(
    `getHistory + adapt + store (one transaction per page, cursor included): ${fmt(m.storedPerSec)} messages/s`,
  );
  out(
    `adapt only, same messages:                                             ${fmt(m.adaptedPerSec)} messages/s`,
  );
  out(
    `t.me/s backfill from a local fake t.me, same store:                    ${fmt(t.backfillPostsPerSec)} posts/s`,
  );
}

if (want('memory')) {
  const { benchImportMemory } = await import('./import-memory.js');
  const mb = quick ? 50 : 1024;
  const r = await benchImportMemory(mb);
  out('');
  out(
    `## Peak memory importing a generated ${fmt(r.fileMb)} MB result.json (full pipeline into SQLite, child process)`,
  );
  out(
    `${fmt(r.posts)} posts in ${r.seconds} s (${fmt(r.postsPerSec)} posts/s), peak RSS ${fmt(r.peakRssMb)} MB (target < 300 MB)`,
  );
}

if (want('tagging')) {
  const { benchTagging } = await import('./rules-bench.js');
  const r = await benchTagging(quick ? 20_000 : 100_000);
  out('');
  out(`## Topic tagging (${r.topics} topics, ${fmt(r.posts)} generated multilingual posts)`);
  out(`${fmt(r.postsPerSec)} posts/s (${fmt(r.tagged)} tags)`);
}

if (want('stories')) {
  const { benchStories } = await import('./rules-bench.js');
  const small = quick ? 20_000 : 100_000;
  const big = quick ? 200_000 : 1_000_000;
  const a = await benchStories(small);
  const b = await benchStories(big);
  out('');
  out('## Story grouping (generated archives with forwards, copies and translations)');
  // Pairs against the events the generator told: a template filled in twice merged shows here first.
  for (const [n, r] of [
    [small, a],
    [big, b],
  ] as const)
    out(
      `${fmt(n)} posts: ${r.seconds} s, peak RSS ${fmt(r.peakRssMb)} MB, ${fmt(r.stories)} stories, pairs precision ${r.precision} / recall ${r.recall}`,
    );
  out(
    `time ratio ${fmt(b.seconds / a.seconds, 1)}x for ${big / small}x the posts (target <= ${(big / small) * 1.2}x)`,
  );
}

if (want('stories-incremental')) {
  const { benchIncremental } = await import('./stories-incremental.js');
  const n = quick ? 100_000 : 1_000_000;
  const r = await benchIncremental(n, 10_000);
  out('');
  out(`## Stories: ${fmt(r.added)} new posts into a ${fmt(n)}-post SQLite archive`);
  out(`archive built in ${r.buildSeconds} s (not part of the comparison)`);
  out(`full rebuild (stories --rebuild):  ${r.rebuildSeconds} s`);
  out(`incremental assignment:            ${r.assignSeconds} s (${fmt(r.postsRead)} posts read for context)`);
  out(
    `ratio: ${fmt(r.rebuildSeconds / r.assignSeconds, 1)}x; a rebuild puts ${fmt(r.agreement * 100, 2)}% of the new posts in the same story`,
  );
}

if (want('stories-backlog')) {
  const { benchBacklog } = await import('./stories-incremental.js');
  const n = quick ? 50_000 : 200_000;
  const r = await benchBacklog(n);
  out('');
  out(`## Stories: a backlog of ${fmt(n)} posts without a story (${fmt(r.perDay)} a day), SQLite file`);
  out(
    `assignStories (passes of <= 100,000): ${r.assignSeconds} s (${fmt(r.postsRead)} posts read), RSS up to ${fmt(r.assignPeakRssMb)} MB sampled`,
  );
  out(`stories --rebuild, same archive:     ${r.rebuildSeconds} s`);
  out(`the rebuild puts ${fmt(r.agreement * 100, 2)}% of the posts in the same story`);
}

if (want('stories-desk')) {
  const { benchDesk } = await import('./stories-incremental.js');
  const [channels, days] = quick ? [100, 3] : [1000, 26];
  const r = await benchDesk(channels, days);
  out('');
  out(
    `## Stories: grouping rounds of ${r.added} new posts on a desk of ${fmt(channels)} channels (${fmt(r.archive)} posts stored), SQLite file`,
  );
  out('| round | profiles learned afresh | profiles kept across rounds |');
  out('| --- | --- | --- |');
  r.freshSeconds.forEach((s, i) =>
    out(
      `| ${i + 1} | ${s} s (${fmt(r.freshProfileReads[i]!)} posts read for profiles) | ${r.keptSeconds[i]} s (${fmt(r.keptProfileReads[i]!)}) |`,
    ),
  );
}

if (want('web')) {
  const { benchWeb } = await import('./web-bench.js');
  const r = await benchWeb({ posts: quick ? 10_000 : 100_000, duration: quick ? 2 : 5 });
  out('');
  out(
    `## Web app on ${fmt(r.posts)} posts (autocannon, 127.0.0.1; connections per route as shown; search pool off = main thread, on = 2 worker threads)`,
  );
  out('| route | pool | conn | req/s | median ms | p99 ms | errors |');
  out('| --- | --- | --- | --- | --- | --- | --- |');
  for (const x of r.routes)
    out(
      `| ${x.route} | ${x.pool} | ${x.connections} | ${fmt(x.requestsPerSec)} | ${x.medianMs} | ${x.p99Ms} | ${x.errors + x.non2xx} |`,
    );
  out(`never-seen search p99 under 50 ms with one client (pool on): ${r.searchP99Ok ? 'yes' : 'NO'}`);
  for (const s of r.searchScaling)
    out(`search new, pool ${s.pool}: p99 with 4 clients / p99 with 1 = ${fmt(s.ratio, 2)} (target <= 2)`);
}

if (want('render')) {
  const { benchRender } = await import('./render-bench.js');
  const sizes = quick ? [1_000, 50_000] : [1_000, 200_000];
  const cases = benchRender(sizes);
  out('');
  out(`## Entity rendering (one post, ${fmt(sizes[0]!)} entities as the baseline beside ${fmt(sizes[1]!)})`);
  out('| shape | entities | ms per post | µs per entity | output KB |');
  out('| --- | --- | --- | --- | --- |');
  for (const c of cases)
    out(
      `| ${c.shape} | ${fmt(c.entities)} | ${fmt(c.ms, 1)} | ${fmt((c.ms * 1000) / c.entities, 2)} | ${fmt(c.outputKb)} |`,
    );
}

if (want('big-post')) {
  const { benchBigPost } = await import('./big-post.js');
  const sizes = quick ? [1, 10] : [1, 50];
  out('');
  out(
    `## Importing one post of ${sizes[1]} MB on one line, beside one of ${sizes[0]} MB (child process each)`,
  );
  out('| format | post MB | seconds | peak RSS MB |');
  out('| --- | --- | --- | --- |');
  for (const c of benchBigPost(sizes))
    out(`| ${c.format} | ${c.mb} | ${fmt(c.seconds, 1)} | ${fmt(c.peakRssMb)} |`);
}

function storeTable(r: {
  backend: string;
  posts: number;
  ingestPostsPerSec: number | null;
  latency: LatencyRow[];
  notes?: string[];
}): void {
  out(
    r.ingestPostsPerSec === null
      ? `${r.backend}: the archive kept from an earlier run (BENCH_PG_SCHEMA), no ingest figure`
      : `${r.backend}: ingest ${fmt(r.ingestPostsPerSec)} posts/s`,
  );
  out('| plan | queries | median ms | p99 ms |');
  out('| --- | --- | --- | --- |');
  for (const l of r.latency) {
    // A query stopped at the limit counts at the limit: the figures are then at least what they say.
    const atLeast = l.stopped ? '≥ ' : '';
    const note = l.stopped ? ` (${l.stopped} stopped at ${fmt(l.limitMs ?? 0)} ms)` : '';
    out(`| ${l.plan}${note} | ${l.queries} | ${atLeast}${l.medianMs} | ${atLeast}${l.p99Ms} |`);
  }
  for (const n of r.notes ?? []) out(n);
}

if (want('stores')) {
  const { benchStores } = await import('./store-bench.js');
  const n = quick ? 50_000 : 1_000_000;
  const results = await benchStores(n);
  out('');
  out(
    `## Stores side by side: ingest and never-seen two-word searches, 20 results (${fmt(n)} generated posts)`,
  );
  for (const r of results) storeTable(r);
  if (results.length === 1) out('(PostgreSQL skipped: set TGWIRE_BENCH_PG=postgres://… to include it)');
}

if (want('stores-10m')) {
  // Not part of a plain `npm run bench`: building ten million posts takes most of an hour.
  const url = process.env.TGWIRE_BENCH_PG;
  // BENCH_PG_POSTS: a smaller archive when ten million would not fit the time or the disk.
  const n = quick ? 200_000 : Number(process.env.BENCH_PG_POSTS ?? 10_000_000);
  out('');
  out(`## PostgreSQL at ${fmt(n)} generated posts (bulk load), never-seen two-word searches`);
  if (!url) out('(skipped: set TGWIRE_BENCH_PG=postgres://… to a database of its own)');
  else {
    const { benchPgStore } = await import('./store-bench.js');
    // BENCH_PG_SCHEMA keeps the archive (or measures one kept before): building it again takes most of an hour.
    // The bare ranking of every match runs for minutes a query here, so the floors take the first 50 pairs.
    const keepSchema = process.env.BENCH_PG_SCHEMA || undefined;
    storeTable(await benchPgStore(url, n, { floorQueries: 50, keepSchema }));
  }
}

if (want('lang')) {
  const { benchLang } = await import('./lang-bench.js');
  out('');
  out(
    '## Language detection (test split of bench/lang-data: real texts in 19 languages, accuracy by length)',
  );
  for (const line of await benchLang('test')) out(line);
}

if (want('evidence')) {
  const { benchEvidence } = await import('./evidence-bench.js');
  out('');
  out('## Story evidence by script (real posts of bench/eval-data; µs per 1,000 characters, warm caches)');
  out('| script | posts | evidence | words alone (baseline) |');
  out('| --- | --- | --- | --- |');
  for (const r of benchEvidence(quick ? 5 : 20))
    out(`| ${r.script} | ${r.posts} | ${fmt(r.evidenceUs, 1)} | ${fmt(r.wordsUs, 1)} |`);
}

if (want('soak')) {
  const { benchSoak } = await import('./soak.js');
  const seconds = Number(process.env.SOAK_SECONDS ?? (quick ? 45 : 180));
  const r = await benchSoak(seconds);
  out('');
  out(
    `## Soak: serve collecting from a local fake t.me while imports, searches and feeds run (${seconds} s)`,
  );
  out(`${r.imports} imports of 3,000 posts (CLI processes), ${fmt(r.requests)} reads (search, feeds, pages)`);
  out(`errors: ${r.errors.length === 0 ? 'none' : r.errors.length}`);
  for (const e of r.errors.slice(0, 10)) out(`  ${e}`);
  if (r.collectorStopped) out(`collector STOPPED: ${r.collectorStopped}`);
  out('t (s)   serve RSS (MB)   posts collected');
  for (const s of r.samples)
    out(
      `${String(s.atS).padStart(5)}   ${String(s.rssMb).padStart(14)}   ${String(s.collected).padStart(15)}`,
    );
  const rss = r.samples.slice(1).map((s) => s.rssMb);
  const stalls = r.samples.slice(1).filter((s, i) => s.collected <= r.samples[i]!.collected).length;
  out(
    `RSS after start: min ${Math.min(...rss)} MB, max ${Math.max(...rss)} MB; intervals without collector progress: ${stalls} of ${r.samples.length - 1}`,
  );
}

if (process.env.BENCH_OUT) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.BENCH_OUT, lines.join('\n') + '\n');
}
