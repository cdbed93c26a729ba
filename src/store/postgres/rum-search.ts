// Search pages of a RUM archive (migration 15), each from an ordered index scan with LIMIT: newest first from the
// date index (sort_key), by relevance from the rank index (`tsv_all <=> query`, RUM's own rank). An index scan orders
// by its one key only, so the posts tied with the last one of a page are read apart, in the full order (the rank,
// then sort_date DESC, channel DESC, id DESC).
import type { PostRow } from './rows.js';

/** What these pages need of the store: a query, in the current transaction. */
export type Rows = <T>(what: string, text: string, values?: unknown[]) => Promise<T[]>;

/** Above every sort_key (YYYYMMDDhhmmss): `sort_key <=| KEY_TOP` is smaller for a later date, exact in a float8. */
const KEY_TOP = '100000000000000';
const BY_DATE = 'p.sort_date DESC, p.channel DESC, p.id DESC';

type Keyed = PostRow & { k: number | string; d?: number };

/** sort_date DESC, channel DESC, id DESC, as PostgreSQL sorts them (COLLATE "C": bytes). */
export function byDate(a: PostRow, b: PostRow): number {
  return (
    Buffer.compare(Buffer.from(b.sort_date), Buffer.from(a.sort_date)) ||
    Buffer.compare(Buffer.from(b.channel), Buffer.from(a.channel)) ||
    Number(b.id) - Number(a.id)
  );
}

export class RumPages {
  constructor(
    private readonly rows: Rows,
    /** The schema of the rum extension, which qualifies its operators (the archive's search_path may not hold it). */
    private readonly ns: string,
  ) {}

  private op(o: string): string {
    return `OPERATOR("${this.ns.replace(/"/g, '""')}".${o})`;
  }

  /** The RUM distance of tsv_all from a tsquery given as the parameter `q` (Infinity: no positive word found). */
  distance(q: string): string {
    return `(p.tsv_all ${this.op('<=>')} ${q}::tsquery)`;
  }

  /**
   * The first n posts newest first of those meeting `where` (on posts p, with `values`). sort_key orders as
   * sort_date does (the same date digits), so those after the n-th post's key are exact; the posts sharing its key
   * are read apart, in full order.
   */
  async newest<T extends PostRow>(
    select: string,
    where: string[],
    values: unknown[],
    n: number,
  ): Promise<T[]> {
    if (n <= 0) return [];
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const at = values.length;
    const rows = await this.rows<T & Keyed>(
      'search',
      `${select}, p.sort_key AS k FROM posts p ${w}
       ORDER BY p.sort_key ${this.op('<=|')} ${KEY_TOP}::bigint LIMIT $${at + 1}`,
      [...values, n + 1],
    );
    if (rows.length <= n || String(rows[n]!.k) !== String(rows[n - 1]!.k))
      return rows.slice(0, n).sort(byDate);
    const key = String(rows[n - 1]!.k);
    const before = rows.filter((r) => String(r.k) !== key);
    const tied = await this.rows<T>(
      'search',
      `${select} FROM posts p WHERE ${[...where, `p.sort_key = $${at + 1}::bigint`].join(' AND ')}
       ORDER BY ${BY_DATE} LIMIT $${at + 2}`,
      [...values, key, n - before.length],
    );
    return [...before.sort(byDate), ...tied];
  }

  /**
   * The first n posts by relevance: the RUM distance from `rankQuery` (its rank's inverse) ascending, then newest
   * first. Those nearer than the n-th post are exact; the posts at its very distance come newest first, through
   * newest().
   */
  async relevant<T extends PostRow>(
    select: string,
    where: string[],
    values: unknown[],
    rankQuery: string,
    n: number,
  ): Promise<T[]> {
    if (n <= 0) return [];
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const at = values.length;
    const d = this.distance(`$${at + 1}`);
    const rows = await this.rows<T & Keyed>(
      'search',
      `${select}, ${d} AS d FROM posts p ${w} ORDER BY ${d} LIMIT $${at + 2}`,
      [...values, rankQuery, n + 1],
    );
    const byRank = (a: T & Keyed, b: T & Keyed): number => a.d! - b.d! || byDate(a, b);
    if (rows.length <= n || rows[n]!.d !== rows[n - 1]!.d) return rows.slice(0, n).sort(byRank);
    const last = rows[n - 1]!.d!;
    const before = rows.filter((r) => r.d! < last).sort(byRank);
    const tied = await this.newest<T>(
      select,
      [...where, `${d} = $${at + 2}::real`],
      [...values, rankQuery, String(last)],
      n - before.length,
    );
    return [...before, ...tied];
  }
}
