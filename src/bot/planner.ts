// Decides what to publish: new posts (one per story), edits of changed sources, deletions; nothing is sent here.
import { createHash } from 'node:crypto';
import type { Channel, Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import type { OutboxRow, OutboxStore, PlannedMessage, QueuedOp } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { selectPosts } from '../pipeline/publish/select.js';
import { renderPost, type RenderOptions, type RenderedPart } from './render.js';
import { routeAccepts, type Route } from './routes.js';

export interface PlanOptions {
  /** Only posts from this date on (ISO). */
  since?: string;
  /**
   * Where a route that never ran for a chat starts: 'backlog' publishes every post it covers; a date (ISO)
   * publishes the posts dated from then on and records the earlier and undated ones as skipped, so no later pass
   * sends them either. @default 'backlog'
   */
  newRouteStart?: 'backlog' | string;
  render?: Pick<RenderOptions, 'tmeBase' | 'publicUrl' | 'messageLimit' | 'captionLimit'>;
}

export interface Plan {
  messages: PlannedMessage[];
  ops: (QueuedOp & { route: string; chat: string; postKey: string; part: number })[];
  /** Routes (for a chat) that start with this plan: recorded when it is committed. */
  started: { route: string; chat: string; at: string; before: number }[];
}

/** The note on a post a new route leaves out because it is older than the route's start. */
export const BEFORE_START = 'before the route started';

/**
 * The note on a post with neither text nor media (a media-only forward read from a text dump, whose media were not
 * archived): its message would be a bare "Forwarded from …" line, so it is recorded as not sent.
 */
export const NOTHING_TO_SHOW = 'nothing to publish: no text and no media archived';

/** Whether a post has anything for a message to show besides its attribution. */
export function hasContent(post: Pick<Post, 'text' | 'media'>): boolean {
  return post.text.trim() !== '' || post.media.length > 0;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}

/** What the published message shows; options that do not show (silent) are left out so they never cause edits. */
function contentOf(part: RenderedPart): string {
  const { disable_notification: _silent, ...shown } = part.params;
  return JSON.stringify({ method: part.method, ...shown });
}

/** The source's content: a new version of the post (not a config change) is what edits a published message. */
export function sourceHash(post: Post): string {
  return hash(JSON.stringify([post.text, post.entities, post.media.map((m) => m.url ?? null)]));
}

/** Plans one route for one chat against what the outbox already holds. */
async function planRouteChat(
  store: Store,
  outbox: OutboxStore,
  route: Route,
  chat: string,
  options: PlanOptions,
  channels: Map<string, Channel | null>,
  plan: Plan,
  known: boolean,
): Promise<void> {
  const existing = new Map<string, OutboxRow[]>();
  const storyOwner = new Map<string, string>();
  const rows = await outbox.rowsFor(route.id, chat);
  for (const r of rows) {
    existing.set(r.postKey, [...(existing.get(r.postKey) ?? []), r]);
    if (r.story && r.state !== 'skipped' && !storyOwner.has(r.story)) storyOwner.set(r.story, r.postKey);
  }
  // A route that never ran here starts at its start date: what the archive already holds is not news to its chat.
  const start = options.newRouteStart ?? 'backlog';
  const startAt = !known && rows.length === 0 && start !== 'backlog' ? start : null;
  const started = startAt ? { route: route.id, chat, at: startAt, before: 0 } : null;
  if (started) plan.started.push(started);
  const render: RenderOptions = {
    ...options.render,
    header: route.header,
    footer: route.footer,
    silent: route.silent,
    topic: route.selector.kind === 'topic' ? route.selector.value : undefined,
  };
  const channelOf = async (key: string) => {
    if (!channels.has(key)) channels.set(key, await store.getChannel(key));
    return channels.get(key)!;
  };
  // A starting route reads the whole selection: the posts before its start are recorded, not just left out.
  const since = startAt ? undefined : options.since;
  for await (const post of selectPosts(store, route.selector, { since })) {
    if (!routeAccepts(route, post)) continue;
    const key = postKey(post);
    const had = existing.get(key);
    if (had) {
      await planChanges(post, had, route, render, await channelOf(post.channel), plan);
      continue;
    }
    if (post.deleted) continue;
    const base = {
      route: route.id,
      chat,
      postKey: key,
      story: post.story ?? null,
      sourceHash: sourceHash(post),
    };
    // A post the route leaves out is still planned, as one skipped part saying why.
    const skippedAs = (note: string) => ({
      ...base,
      part: 0,
      method: 'sendMessage' as const,
      payload: '{}',
      payloadHash: '',
      state: 'skipped' as const,
      note,
    });
    // ISO strings compare as dates; a bare start day ("2024-09-09") sorts before every time of that day.
    if (started && (post.date === null || post.date < started.at)) {
      started.before++;
      plan.messages.push(skippedAs(`${BEFORE_START} (${started.at})`));
      continue;
    }
    if (!hasContent(post)) {
      plan.messages.push(skippedAs(NOTHING_TO_SHOW));
      continue;
    }
    if (post.story) {
      const owner = storyOwner.get(post.story);
      if (owner && owner !== key) {
        plan.messages.push({
          ...base,
          part: 0,
          method: 'sendMessage',
          payload: '{}',
          payloadHash: '',
          state: 'skipped',
          note: `story ${post.story} is published as ${owner}`,
        });
        continue;
      }
      storyOwner.set(post.story, key);
    }
    renderPost(post, await channelOf(post.channel), render).forEach((part, i) => {
      const content = contentOf(part);
      plan.messages.push({
        ...base,
        part: i,
        method: part.method,
        payload: JSON.stringify(part.params),
        payloadHash: hash(content),
        state: 'planned',
      });
    });
  }
}

/** A post already in the outbox: edit its messages when the source changed, delete them when it was deleted. */
async function planChanges(
  post: Post,
  rows: OutboxRow[],
  route: Route,
  render: RenderOptions,
  channel: Channel | null,
  plan: Plan,
): Promise<void> {
  const live = rows.filter((r) => r.state === 'sent' && r.messageId !== null && r.pendingOp === null);
  const where = (r: OutboxRow) => ({ route: r.route, chat: r.chat, postKey: r.postKey, part: r.part });
  if (post.deleted) {
    if (route.deleteOnSourceDelete)
      for (const r of live) plan.ops.push({ ...where(r), seq: r.seq, op: 'delete' });
    return;
  }
  const src = sourceHash(post);
  // A part deleted because an earlier new version was shorter keeps the hash of the version before it.
  const shown = rows.filter((r) => r.state !== 'deleted');
  if (rows.some((r) => r.state === 'skipped') || shown.every((r) => r.sourceHash === src)) return;
  const parts = renderPost(post, channel, render);
  for (const r of live) {
    if (r.sourceHash === src) continue;
    const part = parts[r.part];
    // A shorter new version: a part it no longer has would go on showing text the source dropped. The deletion is
    // queued on the row like any other, so a crash repeats it at most (Telegram then answers "not found": done).
    if (!part) {
      plan.ops.push({ ...where(r), seq: r.seq, op: 'delete' });
      continue;
    }
    // A part that would change kind (a photo caption becoming a text) cannot be edited; it keeps its old text.
    if (part.method !== r.method) continue;
    plan.ops.push({
      ...where(r),
      seq: r.seq,
      op: 'edit',
      payload: JSON.stringify(part.params),
      payloadHash: hash(contentOf(part)),
      sourceHash: src,
    });
  }
  // A longer new version: the parts that did not exist are sent after the others, and so are parts a shorter
  // version deleted (their rows are planned again), while the post's first message is still shown.
  const first = rows[0]!;
  const byPart = new Map(rows.map((r) => [r.part, r]));
  const headShown = byPart.get(0)?.state === 'sent';
  for (let i = 0; i < parts.length; i++) {
    const had = byPart.get(i);
    if (had && (had.state !== 'deleted' || !headShown)) continue;
    const part = parts[i]!;
    plan.messages.push({
      route: route.id,
      chat: first.chat,
      postKey: first.postKey,
      part: i,
      story: first.story,
      method: part.method,
      payload: JSON.stringify(part.params),
      payloadHash: hash(contentOf(part)),
      sourceHash: src,
      state: 'planned',
    });
  }
}

/** Plans every route and chat, except stopped ones. Reads only; `commitPlan` writes. */
export async function planAll(
  store: Store,
  outbox: OutboxStore,
  routes: readonly Route[],
  options: PlanOptions = {},
): Promise<Plan> {
  const statuses = await outbox.routeStatuses();
  const stopped = new Set(
    statuses.filter((s) => s.state === 'stopped').map((s) => `${s.route}\u0000${s.chat}`),
  );
  // A route with a status has run before, even if it never had a post to send.
  const known = new Set(statuses.map((s) => `${s.route}\u0000${s.chat}`));
  const plan: Plan = { messages: [], ops: [], started: [] };
  const channels = new Map<string, Channel | null>();
  for (const route of routes)
    for (const chat of route.chats) {
      const key = `${route.id}\u0000${chat}`;
      if (stopped.has(key)) continue;
      await planRouteChat(store, outbox, route, chat, options, channels, plan, known.has(key));
    }
  return plan;
}

/**
 * Writes a plan in one transaction (messages already planned are ignored, so planning twice is harmless), then
 * records the routes it started, so their next pass knows they ran. A crash in between leaves the plan's rows,
 * which say the same; only a route whose first plan was empty would start again, at the next pass's start.
 */
export async function commitPlan(outbox: OutboxStore, plan: Plan): Promise<{ planned: number; ops: number }> {
  const done = await outbox.plan(plan.messages, plan.ops);
  for (const s of plan.started)
    await outbox.setRouteStatus({ route: s.route, chat: s.chat, state: 'ok', code: null, error: null });
  return done;
}
