// PostFilter -> SQL conditions on `posts p`, with numbered parameters ($1, $2, …) collected as they are used.
import type { PostFilter } from '../store.js';
// Same date rule and message as SQLite: a bare day is its midnight UTC, `until` includes the whole day.
import { boundary } from '../shared.js';
import { languageCodesIn } from '../../model/languages.js';

/** Parameter values in order; add() returns the placeholder for the value it appended. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function filterConditions(f: PostFilter, params: Params, where: string[] = []): string[] {
  if (f.channel !== undefined) {
    const list = Array.isArray(f.channel) ? f.channel : [f.channel];
    where.push(list.length === 0 ? 'false' : `p.channel = ANY(${params.add(list)}::text[])`);
  }
  if (f.since !== undefined) where.push(`p.date >= ${params.add(boundary(f.since, false))}`);
  if (f.until !== undefined) where.push(`p.date < ${params.add(boundary(f.until, true))}`);
  if (f.topic !== undefined)
    where.push(
      `EXISTS (SELECT 1 FROM post_topics t WHERE t.channel = p.channel AND t.id = p.id AND t.topic = ${params.add(f.topic)})`,
    );
  if (f.story !== undefined)
    where.push(
      `EXISTS (SELECT 1 FROM stories s WHERE s.channel = p.channel AND s.id = p.id AND s.story_id = ${params.add(f.story)})`,
    );
  if (f.storyless)
    where.push('NOT EXISTS (SELECT 1 FROM stories s WHERE s.channel = p.channel AND s.id = p.id)');
  if (f.lang !== undefined) where.push(langIn(f.lang, params));
  if (f.forwarded !== undefined)
    where.push(f.forwarded ? 'p.forwarded_from IS NOT NULL' : 'p.forwarded_from IS NULL');
  if (f.hasMedia !== undefined) where.push(f.hasMedia ? 'p.has_media' : 'NOT p.has_media');
  if (f.includeDeleted === false) where.push('p.deleted_at IS NULL');
  return where;
}

export function whereClause(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** SQL keeping the posts in language `lang` as languageCodesIn reads it. */
export function langIn(lang: string, params: Params): string {
  const codes = languageCodesIn(lang);
  return codes.length === 1
    ? `p.lang = ${params.add(codes[0])}`
    : `p.lang = ANY(${params.add(codes)}::text[])`;
}
