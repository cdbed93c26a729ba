// Bringing a Desktop export's own files (photos/, video_files/, voice_messages/, files/ …) into the media store.
import { KEPT_KINDS, type MediaSkip, type MediaSkipReason } from '../../model/media.js';
import type { Media, MediaType, Post } from '../../model/post.js';
import { readExportFile } from './export-path.js';
import type { KeepResult, MediaKeeper, MediaRole } from './keep.js';

const KEPT = new Set<MediaType>(KEPT_KINDS);

/** What an import did with the files its export names (`tgwire import` prints it). */
export interface ExportMediaTally {
  /** Distinct files (and thumbnails) kept: stored now or already in the store. */
  kept: number;
  /** Their bytes. */
  bytes: number;
  /** Items given a kept copy: more than `kept` when posts carry the same file (stored once). */
  refs: number;
  /** Items without a copy of their file, by reason. */
  skipped: Partial<Record<MediaSkipReason, number>>;
}

export const emptyTally = (): ExportMediaTally => ({ kept: 0, bytes: 0, refs: 0, skipped: {} });

// The files a tally counted, so a file several posts carry counts once, as `stats` counts it.
const counted = new WeakMap<ExportMediaTally, Set<string>>();

function countKept(tally: ExportMediaTally, copy: { sha256: string; size: number }): void {
  tally.refs++;
  let seen = counted.get(tally);
  if (!seen) counted.set(tally, (seen = new Set()));
  if (seen.has(copy.sha256)) return;
  seen.add(copy.sha256);
  tally.kept++;
  tally.bytes += copy.size;
}

export interface ExportMediaOptions {
  keeper: MediaKeeper;
  /** The export's folder (exportFolder): every path is read relative to it and must stay inside it. */
  root: string;
  tally: ExportMediaTally;
  /** Told about each path that tried to leave the folder (a crafted or broken export). */
  onUnsafe?: (post: Post, detail: string) => void;
}

function skip(m: Media, skipped: MediaSkip, tally: ExportMediaTally): void {
  m.skipped = skipped;
  tally.skipped[skipped.reason] = (tally.skipped[skipped.reason] ?? 0) + 1;
}

async function keepOne(
  post: Post,
  m: Media,
  path: string,
  role: MediaRole,
  o: ExportMediaOptions,
): Promise<KeepResult> {
  if (!o.keeper.wants(m.type, role)) return { skipped: { reason: 'kind' } };
  const read = await readExportFile(o.root, path, o.keeper.policy.maxFileBytes);
  if ('skipped' in read) {
    if (read.skipped.reason === 'unsafe_path') o.onUnsafe?.(post, read.skipped.detail ?? path);
    return read;
  }
  return o.keeper.keep({ channel: post.channel, kind: m.type, role, bytes: read.bytes });
}

/**
 * Keeps the files the posts' media name (and their thumbnails), recording on each item its copy or why it has
 * none: `not_included` when the export was made without it, `missing`, `unsafe_path`, or what the keeper says (caps,
 * kinds, type). A thumbnail that cannot be kept is only left without a copy: `skipped` speaks of the file itself.
 * Items of other kinds (polls, locations) and t.me links are left alone.
 */
export async function keepExportMedia(posts: readonly Post[], o: ExportMediaOptions): Promise<void> {
  for (const post of posts) {
    for (const m of post.media) {
      if (!KEPT.has(m.type)) continue;
      if (m.url !== undefined) {
        const file = await keepOne(post, m, m.url, 'file', o);
        if ('copy' in file) {
          m.copy = file.copy;
          countKept(o.tally, file.copy);
        } else skip(m, file.skipped, o.tally);
      } else if (!m.supported) {
        skip(
          m,
          m.label && m.label !== 'File not included'
            ? { reason: 'not_included', detail: m.label }
            : { reason: 'not_included' },
          o.tally,
        );
      }
      // A thumbnail may be there without its file (a video over the export's size limit keeps its poster).
      if (m.thumbUrl === undefined) continue;
      const thumb = await keepOne(post, m, m.thumbUrl, 'thumb', o);
      if ('copy' in thumb) {
        m.thumbCopy = thumb.copy;
        countKept(o.tally, thumb.copy);
      }
    }
  }
}

const REASONS: [MediaSkipReason, string][] = [
  ['not_included', 'not included in the export'],
  ['missing', 'missing from its folder'],
  ['unsafe_path', 'outside its folder (not read)'],
  ['too_large', 'over the file cap'],
  ['channel_cap', "over the channel's cap"],
  ['total_cap', "over the archive's cap"],
  ['kind', 'of kinds not kept'],
  ['type_mismatch', 'not what the post says they are'],
];

/** One line for the import's notices, or null when the export named no file. */
export function describeTally(t: ExportMediaTally): string | null {
  const parts = REASONS.filter(([r]) => t.skipped[r]).map(([r, what]) => `${t.skipped[r]} ${what}`);
  if (t.kept === 0 && parts.length === 0) return null;
  const shared = t.refs > t.kept ? `, carried by ${t.refs} items` : '';
  const kept = `media: ${t.kept} file${t.kept === 1 ? '' : 's'} kept (${t.bytes} bytes${shared})`;
  return parts.length ? `${kept}; without a copy: ${parts.join(', ')}` : kept;
}
