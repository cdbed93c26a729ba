// Checks the splits of bench/eval-data (SPLITS in ../eval.ts, one SPLIT.jsonl each) and prints counts by kind and
// language pair. Run: node --import tsx bench/eval-data/validate.ts [--holdout8 FILE]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPLITS, type EvalRow, type Split } from '../eval.js';

const dir = dirname(fileURLToPath(import.meta.url));
const splits = SPLITS;
const errors: string[] = [];
const warnings: string[] = [];
const rows = Object.fromEntries(splits.map((s) => [s, [] as EvalRow[]])) as Record<Split, EvalRow[]>;

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function check(split: Split, n: number, v: unknown): EvalRow | null {
  const where = `${split}.jsonl:${n}`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errors.push(`${where}: not an object`);
    return null;
  }
  const r = v as Record<string, unknown>;
  const str = (k: string) => typeof r[k] === 'string' && (r[k] as string).length > 0;
  for (const k of ['story', 'channel', 'lang', 'text', 'source'])
    if (!str(k)) errors.push(`${where}: ${k} missing or empty`);
  if (!Number.isInteger(r.id)) errors.push(`${where}: id must be an integer`);
  if (!(
    r.date === null ||
    (typeof r.date === 'string' && isoDate.test(r.date) && !Number.isNaN(Date.parse(r.date)))
  ))
    errors.push(`${where}: date must be an ISO date-time or null`);
  if (typeof r.lang === 'string' && !/^[a-z]{2}$/.test(r.lang))
    errors.push(`${where}: lang must be ISO 639-1`);
  if (typeof r.channel === 'string' && !/^[a-z0-9_]+$/.test(r.channel))
    errors.push(`${where}: channel must be lower-case`);
  if (typeof r.source === 'string' && !/^https?:\/\//.test(r.source))
    errors.push(`${where}: source must be a URL`);
  if (!('forwardedFrom' in r)) errors.push(`${where}: forwardedFrom missing`);
  else if (r.forwardedFrom !== null) {
    const f = r.forwardedFrom as Record<string, unknown>;
    if (typeof f !== 'object' || typeof f.name !== 'string' || !f.name)
      errors.push(`${where}: forwardedFrom.name missing`);
    else {
      if (!(f.username === null || typeof f.username === 'string'))
        errors.push(`${where}: forwardedFrom.username`);
      if (!(f.postId === null || Number.isInteger(f.postId))) errors.push(`${where}: forwardedFrom.postId`);
    }
  }
  if ('neg' in r && !str('neg')) errors.push(`${where}: neg must be a non-empty string when present`);
  return r as unknown as EvalRow;
}

// --SPLIT FILE checks FILE in that split's place (a part of a split being written).
const args = process.argv.slice(2);
const fileOf = (split: Split): string =>
  args.includes(`--${split}`) ? args[args.indexOf(`--${split}`) + 1]! : join(dir, `${split}.jsonl`);

for (const split of splits) {
  // The newest split may not be written yet.
  if (!existsSync(fileOf(split))) continue;
  const lines = readFileSync(fileOf(split), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      errors.push(`${split}.jsonl:${i + 1}: does not parse (${(e as Error).message})`);
      return;
    }
    const row = check(split, i + 1, v);
    if (row) rows[split].push(row);
  });
}

// unique channel/id within each split, and over all splits together
for (const split of splits) {
  const inSplit = new Set<string>();
  for (const r of rows[split]) {
    const key = `${r.channel}/${r.id}`;
    if (inSplit.has(key)) errors.push(`duplicate channel/id ${key} in ${split}`);
    inSplit.add(key);
  }
}
const seen = new Map<string, string>();
for (const split of splits)
  for (const r of rows[split]) {
    const key = `${r.channel}/${r.id}`;
    const other = seen.get(key);
    if (other && other !== split) errors.push(`channel/id ${key} in both ${other} and ${split}`);
    seen.set(key, split);
  }

// ids ascend with date inside a channel
{
  const byChannel = new Map<string, EvalRow[]>();
  for (const r of splits.flatMap((sp) => rows[sp]))
    byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
  for (const [ch, rs] of byChannel) {
    const dated = rs.filter((r) => r.date).sort((a, b) => a.id - b.id);
    dated.slice(1).forEach((r, i) => {
      const prev = dated[i] as EvalRow;
      if ((r.date ?? '') < (prev.date ?? ''))
        errors.push(`channel ${ch}: id ${r.id} is older than id ${prev.id}`);
    });
  }
}

// no story or neg group in two splits
for (const field of ['story', 'neg'] as const) {
  const owner = new Map<string, Split>();
  for (const split of splits)
    for (const r of rows[split]) {
      const v = r[field];
      if (!v) continue;
      const o = owner.get(v);
      if (o && o !== split) errors.push(`${field} "${v}" is in both ${o} and ${split}`);
      else owner.set(v, split);
    }
}

// forwards should point at a post of the set when they carry username and postId
for (const split of splits) {
  const ids = new Set(rows[split].map((r) => `${r.channel}/${r.id}`));
  for (const r of rows[split]) {
    const f = r.forwardedFrom;
    if (f?.username && f.postId !== null && !ids.has(`${f.username}/${f.postId}`))
      warnings.push(`${split}: ${r.channel}/${r.id} forwards ${f.username}/${f.postId}, not in the split`);
  }
}

function kindOf(posts: EvalRow[]): string {
  if (posts.length === 1) return 'single';
  if (new Set(posts.map((p) => p.lang)).size > 1) return 'translation';
  if (posts.some((p) => p.forwardedFrom)) return 'forward';
  return 'copy/near-copy';
}

function pad(s: string | number, n: number) {
  return String(s).padEnd(n);
}

for (const split of splits) {
  const stories = new Map<string, EvalRow[]>();
  for (const r of rows[split]) stories.set(r.story, [...(stories.get(r.story) ?? []), r]);
  const kinds = new Map<string, { stories: number; posts: number }>();
  const pairs = new Map<string, number>();
  const langs = new Map<string, number>();
  let forwardsInside = 0;
  let copyPairs = 0;
  let nearCopyPairs = 0;
  for (const posts of stories.values()) {
    const k = kindOf(posts);
    const e = kinds.get(k) ?? { stories: 0, posts: 0 };
    e.stories++;
    e.posts += posts.length;
    kinds.set(k, e);
    const ls = [...new Set(posts.map((p) => p.lang))].sort();
    for (let i = 0; i < ls.length; i++)
      for (let j = i + 1; j < ls.length; j++)
        pairs.set(`${ls[i]}-${ls[j]}`, (pairs.get(`${ls[i]}-${ls[j]}`) ?? 0) + 1);
    if (posts.some((p) => p.forwardedFrom)) forwardsInside++;
    const own = posts.filter((p) => !p.forwardedFrom);
    own.forEach((x, i) =>
      own.slice(i + 1).forEach((y) => {
        if (x.lang !== y.lang) return;
        const [a, b] = [x.text, y.text];
        if (a === b || a.startsWith(b + '\n\n') || b.startsWith(a + '\n\n')) copyPairs++;
        else nearCopyPairs++;
      }),
    );
  }
  for (const r of rows[split]) langs.set(r.lang, (langs.get(r.lang) ?? 0) + 1);
  const negPosts = rows[split].filter((r) => r.neg);
  const negGroups = new Set(negPosts.map((r) => r.neg));
  console.log(`\n== ${split}: ${rows[split].length} posts, ${stories.size} stories`);
  console.log('kind            stories  posts');
  for (const k of ['translation', 'forward', 'copy/near-copy', 'single'])
    console.log(`${pad(k, 16)}${pad(kinds.get(k)?.stories ?? 0, 9)}${kinds.get(k)?.posts ?? 0}`);
  console.log(`stories with a forwarded member (any kind): ${forwardsInside}`);
  console.log(
    `same-language pairs without forward header: ${copyPairs} exact copies (footer allowed), ${nearCopyPairs} near-copies`,
  );
  console.log(`hard negatives: ${negPosts.length} posts in ${negGroups.size} neg groups`);
  console.log(
    'language pairs in translation stories: ' +
      [...pairs.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([p, n]) => `${p} ${n}`)
        .join(', '),
  );
  console.log(
    'posts by language: ' +
      [...langs.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([l, n]) => `${l} ${n}`)
        .join(', '),
  );
}

for (const w of warnings) console.log(`warning: ${w}`);
if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`\n${errors.length} error(s)`);
  process.exit(1);
}
console.log(
  '\nOK: all lines parse, fields present, channel/id unique, no story or neg group in two splits (' +
    splits.map((sp) => `${sp} ${rows[sp].length}`).join(', ') +
    ' posts)',
);
