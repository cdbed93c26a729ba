// Query-string schemas (zod) shared by the pages, the feeds and the JSON API; bad values become a UserError (400).
import { z } from 'zod';
import { checkQueryLang, resolveSlice } from '../pipeline/names.js';
import type { PostFilter, Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { checkDateOrder, parseDateArg } from '../util/time.js';

export const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(v)));

const date = (name: string) =>
  z
    .string()
    .max(40)
    .optional()
    .transform((v) => (v ? parseDateArg(v, name) : undefined));

const name = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

export const filterSchema = z.object({
  channel: name,
  topic: name,
  lang: z
    .string()
    .trim()
    .max(12)
    .regex(/^[a-zA-Z-]*$/, 'a language code like "en"')
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined)),
  since: date('since'),
  until: date('until'),
  /** "forwarded" | "own" (or forwarded=1/0). */
  kind: z.enum(['forwarded', 'own', 'all', '']).optional(),
  forwarded: flag,
  media: flag,
});

export type FilterParams = z.infer<typeof filterSchema>;

/**
 * The filter the parameters say, with channel and topic names resolved as the CLI resolves them (`@name`, a t.me
 * link, another case): an unknown one is a UserError naming the closest known names, not an empty answer. A `lang`
 * that is no language code is refused as `lang:` in a query is, with the same words.
 */
export async function toFilter(store: Store, p: FilterParams): Promise<PostFilter> {
  checkDateOrder(p, ['since', 'until']);
  if (p.lang) checkQueryLang(p.lang);
  return resolveSlice(store, plainFilter(p), 'web');
}

function plainFilter(p: FilterParams): PostFilter {
  const f: PostFilter = {};
  if (p.channel) f.channel = p.channel.includes(',') ? p.channel.split(',').filter(Boolean) : p.channel;
  if (p.topic) f.topic = p.topic;
  if (p.lang) f.lang = p.lang;
  if (p.since) f.since = p.since;
  if (p.until) f.until = p.until;
  const fwd = p.kind === 'forwarded' ? true : p.kind === 'own' ? false : p.forwarded;
  if (fwd !== undefined) f.forwarded = fwd;
  if (p.media !== undefined) f.hasMedia = p.media;
  return f;
}

export const listSchema = filterSchema.extend({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(30),
  stories: flag,
});

export const searchSchema = filterSchema.extend({
  q: z.string().max(500, 'the search is too long (500 characters at most)').default(''),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Parses a query object; the first problem becomes one readable UserError. */
export function parseParams<S extends z.ZodType>(schema: S, input: Record<string, string>): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new UserError(`${at}${issue.message}`);
}
