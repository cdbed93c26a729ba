// Readers' story corrections over HTTP: split a post out, merge two stories (admin), list the corrections kept.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { parsePostKey } from '../../model/post.js';
import {
  AlreadyOneStoryError,
  AloneInStoryError,
  correctStory,
  findPost,
  type Corrected,
} from '../../pipeline/story-corrections.js';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import type { WebContext, WebEnv } from '../app.js';
import { checkOrigin, formBody } from './admin.js';
import { refusalQuery, type RefusalCode } from '../correction-notices.js';

/** Why an error refused a correction, for the story page's fixed notice (the message itself is never echoed). */
const refusals = new WeakMap<Error, { code: RefusalCode; name?: string }>();
function refusal<E extends Error>(e: E, code: RefusalCode, name?: string): E {
  refusals.set(e, { code, ...(name ? { name } : {}) });
  return e;
}

/** The post a form or JSON body names; an unknown one is a 404 naming it. */
async function postField(store: Store, form: Record<string, string>, field: string): Promise<string> {
  const value = (form[field] ?? '').trim();
  if (!value) throw refusal(new UserError(`${field}: name a post as CHANNEL/ID`), 'empty');
  const r = await findPost(store, value);
  if (r.found) return r.key;
  if (r.problem === 'not-a-post') throw refusal(new UserError(`${field}: ${r.message}`), 'not-a-post');
  throw refusal(new HTTPException(404, { message: r.message }), r.problem, value);
}

/**
 * The merge target of the story page's form: a post (CHANNEL/ID), or a story by its id or page address
 * (/s/ID), which stands for its canonical post.
 */
async function targetField(store: Store, form: Record<string, string>): Promise<string> {
  const value = (form.into ?? '').trim();
  // A post key always has a slash; a story is its bare id or its page's address.
  const story = value.includes('/s/')
    ? decodeURIComponent(value.slice(value.lastIndexOf('/s/') + 3).replace(/[/?#].*$/, ''))
    : value && !value.includes('/')
      ? value
      : null;
  if (story === null) return postField(store, form, 'into');
  const members = await store.getStoryMembers(story);
  if (members.length === 0)
    throw refusal(
      new HTTPException(404, { message: `no story "${story.slice(0, 100)}"` }),
      'no-story',
      story,
    );
  const head = members.find((m) => m.reason === 'canonical') ?? members[0]!;
  return `${head.channel}/${head.id}`;
}

const wantsJson = (c: Context): boolean =>
  (c.req.header('accept') ?? '').includes('application/json') || !!c.req.header('authorization');

/**
 * A correction the story page's form asked for and that cannot be made (a typo in the post or story named) goes
 * back to the page with the reason, as a reader of the page expects; API clients get the error as JSON.
 */
async function refusedOnPage(
  c: Context,
  store: Store,
  form: Record<string, string>,
  e: unknown,
): Promise<Response> {
  const refused = e instanceof UserError || e instanceof HTTPException;
  const found = refused && !wantsJson(c) ? await findPost(store, form.post ?? '') : null;
  const ref = found?.found ? parsePostKey(found.key) : null;
  const story = ref ? (await store.getPost(ref.channel, ref.id))?.story : undefined;
  if (!story) throw e;
  const why =
    refusals.get(e as Error) ??
    (e instanceof AlreadyOneStoryError
      ? { code: 'one-story' as const }
      : e instanceof AloneInStoryError
        ? { code: 'alone' as const }
        : { code: 'other' as const });
  return c.redirect(
    `/s/${encodeURIComponent(story)}?${refusalQuery(why.code, 'name' in why ? why.name : undefined)}`,
    303,
  );
}

/** JSON for API clients (Bearer token or Accept: application/json), else back to the story page. */
function answer(c: Context, r: Corrected) {
  if (wantsJson(c))
    return c.json(
      {
        ok: true,
        correction: { id: r.id, ...r.correction },
        story: r.storyId,
        skipped: r.result.skipped.length,
      },
      201,
    );
  return c.redirect(`/s/${encodeURIComponent(r.storyId)}?corrected=${r.id}`, 303);
}

export function correctionRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store, auth } = ctx;

  app.get('/api/stories/corrections', async (c) =>
    c.json({ corrections: await store.listStoryCorrections() }),
  );

  app.post('/api/stories/split', async (c) => {
    checkOrigin(c, ctx.config);
    const form = await formBody(c);
    auth.requireAdmin(c, form);
    try {
      const post = await postField(store, form, 'post');
      return answer(
        c,
        await correctStory(store, { kind: 'split', post, createdAt: new Date().toISOString() }),
      );
    } catch (e) {
      return refusedOnPage(c, store, form, e);
    }
  });

  app.post('/api/stories/merge', async (c) => {
    checkOrigin(c, ctx.config);
    const form = await formBody(c);
    auth.requireAdmin(c, form);
    try {
      const post = await postField(store, form, 'post');
      const into = await targetField(store, form);
      if (post === into) throw refusal(new UserError(`${post} cannot be merged into itself`), 'itself');
      return answer(
        c,
        await correctStory(store, { kind: 'merge', post, into, createdAt: new Date().toISOString() }),
      );
    } catch (e) {
      return refusedOnPage(c, store, form, e);
    }
  });

  return app;
}
