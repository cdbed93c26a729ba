// Throughput of the t.me page parser against a plain cheerio extraction of the same pages (MB/s, higher is better).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { parseTmePage } from '../src/collectors/tme/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

function pages(): string[] {
  const shared = join(here, '..', '..', 'shared', 'fixtures', 'tme_s_html');
  const dir = existsSync(shared) ? shared : join(here, '..', 'src', 'collectors', 'tme', 'testdata');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') || f.endsWith('.html.txt'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The baseline: load a DOM, select each message, read data-post, text, datetime and views. */
function cheerioExtract(html: string): number {
  const $ = cheerio.load(html);
  let n = 0;
  $('.tgme_widget_message_wrap').each((_, el) => {
    const w = $(el);
    const post = w.find('.tgme_widget_message').attr('data-post');
    const text = w.find('.js-message_text').first().text();
    const date = w.find('time[datetime]').attr('datetime');
    const views = w.find('.tgme_widget_message_views').text();
    if (post && (text.length >= 0 || date || views)) n++;
  });
  return n;
}

function ours(html: string): number {
  return parseTmePage(html, 'bench').messages.length;
}

function measure(fn: (html: string) => number, docs: string[], bytes: number, ms: number): number {
  for (const d of docs) fn(d); // warm-up
  let done = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const d of docs) fn(d);
    done += bytes;
    elapsed = performance.now() - t0;
  }
  return done / 1e6 / (elapsed / 1000);
}

export async function benchTmeParse(
  ms = 2500,
): Promise<{ ours: { mbPerSec: number }; cheerio: { mbPerSec: number }; bytes: number }> {
  const docs = pages();
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0);
  const cheerioRate = measure(cheerioExtract, docs, bytes, ms);
  const oursRate = measure(ours, docs, bytes, ms);
  return { ours: { mbPerSec: oursRate }, cheerio: { mbPerSec: cheerioRate }, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchTmeParse();
  console.log(`t.me pages: ${(r.bytes / 1024).toFixed(0)} KB per round`);
  console.log(`ours (htmlparser2 stream): ${r.ours.mbPerSec.toFixed(1)} MB/s`);
  console.log(`cheerio baseline:          ${r.cheerio.mbPerSec.toFixed(1)} MB/s`);
  console.log(`ratio: ${(r.ours.mbPerSec / r.cheerio.mbPerSec).toFixed(2)}x`);
}
