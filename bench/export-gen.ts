// Generates a large realistic result.json and measures readExportJson's time and peak memory over it (child process).
// Run: node --import tsx bench/export-gen.ts 1000   (size in MB; the file goes under .tmp/ and is deleted afterwards)
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { once } from 'node:events';

const here = fileURLToPath(import.meta.url);
const root = resolve(dirname(here), '..');

const SENTENCES = [
  'The committee published its **annual report** on infrastructure spending today.',
  'Правительство объявило о новых мерах поддержки малого бизнеса.',
  'أعلنت الوزارة عن خطة جديدة لتطوير التعليم في المناطق الريفية.',
  '东京证券交易所今日收盘上涨，科技股领涨。',
  'Breaking: talks resumed in Geneva 🇨🇭 after a two-day pause 🔥',
  'Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ενέργεια.',
  'הממשלה אישרה את התקציב לשנה הבאה.',
  'नई दिल्ली में आज मौसम साफ रहेगा।',
];

type Part = string | { type: string; text: string; href?: string; language?: string; document_id?: string };

function textParts(i: number): Part[] {
  const a = SENTENCES[i % SENTENCES.length]!;
  const b = SENTENCES[(i * 7 + 3) % SENTENCES.length]!;
  const parts: Part[] = [
    { type: 'bold', text: a.slice(0, 24) },
    a.slice(24) + '\n\n',
    b + ' ',
    { type: 'text_link', text: 'source', href: `https://example.org/news/${i}` },
    ' ',
    { type: 'hashtag', text: `#topic${i % 50}` },
    '\n',
  ];
  if (i % 5 === 0) parts.push({ type: 'italic', text: 'تحديث: ' + b }, '\n');
  if (i % 11 === 0) parts.push({ type: 'pre', text: `const x = ${i};`, language: 'js' });
  if (i % 13 === 0) parts.push({ type: 'custom_emoji', text: '🔥', document_id: 'stickers/sticker.webp' });
  return parts;
}

function message(id: number, unix: number): Record<string, unknown> {
  const date = new Date(unix * 1000).toISOString().slice(0, 19);
  const m: Record<string, unknown> = {
    id,
    type: 'message',
    date,
    date_unixtime: String(unix),
    from: 'Bench Channel 📚',
    from_id: 'channel1234567890',
  };
  if (id % 7 === 0) {
    m.forwarded_from = 'Другой канал | قناة أخرى';
    m.forwarded_from_id = 'channel987654321';
  }
  if (id % 17 === 0) m.reply_to_message_id = id - 3;
  if (id % 4 === 0) {
    m.photo = '(File not included. Change data exporting settings to download.)';
    m.photo_file_size = 100000 + id;
    m.width = 1280;
    m.height = 720;
  } else if (id % 9 === 0) {
    m.file = `video_files/video_${id}.mp4`;
    m.file_name = `clip_${id}.mp4`;
    m.file_size = 5_000_000 + id;
    m.media_type = 'video_file';
    m.mime_type = 'video/mp4';
    m.duration_seconds = 60 + (id % 300);
    m.width = 1920;
    m.height = 1080;
  }
  const parts = textParts(id);
  m.text = parts;
  m.text_entities = parts.map((p) => (typeof p === 'string' ? { type: 'plain', text: p } : p));
  if (id % 3 === 0) m.reactions = [{ type: 'emoji', count: id % 40, emoji: '👍' }];
  return m;
}

/** Writes a result.json of about targetBytes, streaming (backpressure respected), in Telegram's 1-space style. */
export async function generateExportJson(path: string, targetBytes: number): Promise<{ posts: number }> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let written = 0;
  const write = async (s: string) => {
    written += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    '{\n "name": "Bench Channel 📚",\n "type": "public_channel",\n "id": 1234567890,\n "messages": [\n',
  );
  let posts = 0;
  let unix = 1_700_000_000;
  while (written < targetBytes) {
    posts++;
    unix += 37;
    const body = JSON.stringify(message(posts, unix), null, 1).replace(/\n/g, '\n  ');
    await write((posts > 1 ? ',\n  ' : '  ') + body);
  }
  await write('\n ]\n}\n');
  out.end();
  await once(out, 'finish');
  return { posts };
}

/** Runs readExportJson over the file in a child process and reports posts, peak RSS (MB) and seconds. */
export async function measureExportImportMemory(
  path: string,
): Promise<{ posts: number; peakRssMb: number; seconds: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', here, '--measure', path], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  const line = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{'))
    throw new Error(`measurement child failed (exit ${code}): ${stdout}`);
  return JSON.parse(line) as { posts: number; peakRssMb: number; seconds: number };
}

async function measureHere(path: string): Promise<void> {
  const { readExportJson } = await import('../src/collectors/export/index.js');
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  let posts = 0;
  for await (const ev of readExportJson(path)) if (ev.type === 'post') posts++;
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  // VmHWM is the kernel's own high-water mark, so a spike between two samples is not missed (Linux only).
  try {
    const { readFile } = await import('node:fs/promises');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8'));
    if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
  } catch {
    // not Linux: the sampled figure stands
  }
  console.log(
    JSON.stringify({ posts, peakRssMb: Math.round(peak / 1024 / 1024), seconds: +seconds.toFixed(1) }),
  );
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--measure' && argv[1]) return measureHere(argv[1]);
  const mb = Number(argv[0] ?? '100');
  if (!Number.isFinite(mb) || mb <= 0)
    throw new Error('usage: node --import tsx bench/export-gen.ts <size in MB> [--keep]');
  const file = join(root, '.tmp', `export-bench-${mb}mb.json`);
  const t0 = performance.now();
  const { posts } = await generateExportJson(file, mb * 1024 * 1024);
  const size = (await stat(file)).size;
  console.log(
    `generated ${file}: ${(size / 1024 / 1024).toFixed(0)} MB, ${posts} posts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  try {
    const r = await measureExportImportMemory(file);
    const rate = size / 1024 / 1024 / r.seconds;
    console.log(
      `imported ${r.posts} posts in ${r.seconds} s (${rate.toFixed(1)} MB/s), peak RSS ${r.peakRssMb} MB`,
    );
  } finally {
    if (!argv.includes('--keep')) await rm(file, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
