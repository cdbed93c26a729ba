// PostFilter -> SQL conditions on `posts p` (parameters positional, in order).
import type { PostFilter } from '../store.js';
import { boundary } from '../shared.js';
import { languageCodesIn } from '../../model/languages.js';

export interface Sql {
  where: string[];
  params: unknown[];
}

export function filterSql(f: PostFilter, sql: Sql = { where: [], params: [] }): Sql {
  if (f.channel !== undefined) {
    const list = Array.isArray(f.channel) ? f.channel : [f.channel];
    if (list.length === 0) sql.where.push('0');
    else {
      sql.where.push(`p.channel IN (${list.map(() => '?').join(', ')})`);
      sql.params.push(...list);
    }
  }
  // sort_date (the date, '' when undated) is what the order indexes hold: a range on it is an index range.
  if (f.since !== undefined) {
    sql.where.push('p.sort_date >= ?');
    sql.params.push(boundary(f.since, false));
  }
  if (f.until !== undefined) {
    sql.where.push("p.sort_date > '' AND p.sort_date < ?");
    sql.params.push(boundary(f.until, true));
  }
  if (f.topic !== undefined) {
    sql.where.push(
      'EXISTS (SELECT 1 FROM post_topics t WHERE t.channel = p.channel AND t.id = p.id AND t.topic = ?)',
    );
    sql.params.push(f.topic);
  }
  if (f.story !== undefined) {
    sql.where.push(
      'EXISTS (SELECT 1 FROM stories s WHERE s.channel = p.channel AND s.id = p.id AND s.story_id = ?)',
    );
    sql.params.push(f.story);
  }
  if (f.storyless)
    sql.where.push('NOT EXISTS (SELECT 1 FROM stories s WHERE s.channel = p.channel AND s.id = p.id)');
  if (f.lang !== undefined) sql.where.push(langIn(f.lang, sql.params));
  if (f.forwarded !== undefined)
    sql.where.push(f.forwarded ? 'p.forwarded_from IS NOT NULL' : 'p.forwarded_from IS NULL');
  if (f.hasMedia !== undefined) sql.where.push(f.hasMedia ? 'p.has_media = 1' : 'p.has_media = 0');
  if (f.includeDeleted === false) sql.where.push('p.deleted_at IS NULL');
  return sql;
}

export function whereClause(sql: Sql): string {
  return sql.where.length ? `WHERE ${sql.where.join(' AND ')}` : '';
}

/** SQL keeping the posts in language `lang` as languageCodesIn reads it (its parameters pushed onto `params`). */
export function langIn(lang: string, params: unknown[]): string {
  const codes = languageCodesIn(lang);
  params.push(...codes);
  return `p.lang IN (${codes.map(() => '?').join(', ')})`;
}
