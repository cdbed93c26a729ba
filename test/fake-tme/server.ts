// A fake t.me on 127.0.0.1 for tests: real fixture pages, generated multi-page channels, injected failures, a request log.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  channelPageHtml,
  mainPageHtml,
  namePageHtml,
  type FakeChannelInfo,
  type FakePost,
} from './render.js';
import { mulberry32 as prng } from '../../src/util/random.js';
import { projectRoot } from '../shared.js';

/**
 * How the channel answers. What real t.me does, and how the collector recognises it:
 * - ok: /s/NAME is the web preview.
 * - preview_disabled: /s/NAME -> 302 /NAME; /NAME shows the title and "N subscribers" (a channel).
 * - private: /s/NAME -> 302 /NAME; /NAME shows a title that is not a channel ("N members": a group, a user, a
 *   private chat) — nothing to read without an account.
 * - unknown_empty: /s/NAME answers 200 with a preview page that has neither channel info nor messages.
 * - unknown_redirect: /s/NAME -> 302 / (the main page).
 * Names never added answer like `unknownNames` says ('redirect' by default).
 */
export type ChannelMode = 'ok' | 'preview_disabled' | 'private' | 'unknown_empty' | 'unknown_redirect';

export interface FakeChannelOptions {
  username: string;
  title?: string;
  description?: string;
  subscribers?: number;
  /** Generated posts. @default 0 */
  posts?: number;
  /** @default 1 */
  firstId?: number;
  /** Every Nth id is skipped, as deleted posts leave holes in real channels; 0 = contiguous. @default 7 */
  idGapEvery?: number;
  /** Date of the first post; each next one `hoursApart` later. @default 2020-01-01T00:00:00Z */
  startDate?: string;
  /** Hours between two posts (a quiet channel posts days apart). @default 1 */
  hoursApart?: number;
  mode?: ChannelMode;
}

export type Fault =
  | { kind: '429'; retryAfter?: string }
  | { kind: '502' }
  | { kind: 'slow'; ms: number }
  | { kind: 'hang' }
  /** A 200 whose body stops after `bytes` (a connection cut in transit, the answer otherwise well formed). */
  | { kind: 'cut'; bytes: number }
  /** The newest page, whatever ?before or ?after asked (t.me ignoring the cursor). */
  | { kind: 'newest' }
  /** A whole page of the channel with no posts and no links to others, whatever was asked. */
  | { kind: 'empty' };

export interface FakeRequest {
  method: string;
  /** Path and query as asked ("/s/name?before=120"). */
  path: string;
  /** performance.now() when the request arrived. */
  at: number;
  status: number;
  fault?: Fault['kind'];
}

export interface FakeTmeOptions {
  channels?: FakeChannelOptions[];
  /** Folder of real saved t.me/s pages served as /s/NAME (NAME read from the page). */
  fixturesDir?: string | null;
  /** @default 'redirect' */
  unknownNames?: 'empty' | 'redirect';
  /** Share (0..1) of /s/ requests answered with a random fault of `faultKinds`. @default 0 */
  faultRate?: number;
  /** @default [{kind:'429', retryAfter:'0'}, {kind:'502'}] */
  faultKinds?: Fault[];
  /** Seed of the fault dice, so a failing run can be replayed. @default 1 */
  seed?: number;
  /** @default 20 */
  pageSize?: number;
  /**
   * Media URLs point at this server, with a token new at each visit (`/file/TOKEN/NAME`, as CDN links change): photos
   * and posters are real JPEGs, videos real MP4s (test/fixtures/media), each made distinct by its name.
   */
  serveMedia?: boolean;
}

/** What a media file answers (see FakeTme.media.set). */
export interface FakeFile {
  body: Buffer;
  /** Send a Content-Length header. @default true */
  contentLength?: boolean;
  /** @default from the name: image/jpeg or video/mp4 */
  type?: string;
}

/** The media files of a fake serving them, and the faults they answer with. */
export interface FakeMedia {
  /** Replaces what NAME answers (a large file, one sent without Content-Length). */
  set(name: string, file: FakeFile): void;
  /** The next `times` requests of files whose name matches answer `status` (an expired link, a CDN refusing). */
  fail(match: RegExp, times?: number, status?: number): void;
  /** NAME answers with a 302 to `to`. */
  redirect(name: string, to: string): void;
  /** Names of the files asked for, in order (whatever the answer). */
  requested(): string[];
}

const MEDIA_FIXTURES = join(projectRoot, 'test', 'fixtures', 'media');

/**
 * Real bytes for a generated file: the fixture JPEG with the name in a comment segment, or the fixture MP4 with the
 * name in a `free` box. Both stay valid files; the name makes each one distinct (its own SHA-256).
 */
export function fakeMediaBytes(name: string): Buffer {
  const tag = Buffer.from(name);
  if (name.endsWith('.mp4')) {
    const clip = readFileSync(join(MEDIA_FIXTURES, 'clip.mp4'));
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + tag.length);
    head.write('free', 4, 'latin1');
    return Buffer.concat([clip, head, tag]);
  }
  const photo = readFileSync(join(MEDIA_FIXTURES, 'photo.jpg'));
  const com = Buffer.alloc(4);
  com.writeUInt8(0xff, 0);
  com.writeUInt8(0xfe, 1);
  com.writeUInt16BE(2 + tag.length, 2);
  return Buffer.concat([photo.subarray(0, 2), com, tag, photo.subarray(2)]);
}

/** One generated channel; tests change it between syncs. */
export class FakeChannel {
  info: FakeChannelInfo;
  /** Oldest first. */
  posts: FakePost[] = [];
  mode: ChannelMode;
  private nextId: number;
  private nextDate: number;
  private readonly gapEvery: number;
  private readonly stepMs: number;

  constructor(o: FakeChannelOptions, numericId: number) {
    this.info = {
      username: o.username,
      title: o.title ?? `Channel ${o.username}`,
      description: o.description ?? `Generated channel @${o.username}.\nFor tests.`,
      subscribers: o.subscribers ?? 12_345,
      numericId,
      avatarUrl: `https://cdn1.telegram-cdn.org/file/avatar-${o.username}.jpg`,
    };
    this.mode = o.mode ?? 'ok';
    this.nextId = o.firstId ?? 1;
    this.nextDate = Date.parse(o.startDate ?? '2020-01-01T00:00:00Z');
    this.gapEvery = o.idGapEvery ?? 7;
    this.stepMs = 3_600_000 * (o.hoursApart ?? 1);
    if (o.posts) this.addPosts(o.posts);
  }

  /** Publishes n new posts (text with a hashtag and a link; some bold, photos, forwards). */
  addPosts(n: number): FakePost[] {
    const added: FakePost[] = [];
    for (let i = 0; i < n; i++) {
      if (this.gapEvery > 0 && this.nextId % this.gapEvery === 0) this.nextId++;
      const id = this.nextId++;
      const p: FakePost = {
        id,
        date: new Date(this.nextDate).toISOString(),
        text: `Post ${id} of @${this.info.username} about #topic${id % 5}, more at https://example.org/${this.info.username}/${id}`,
        views: 1000 + ((id * 37) % 5000),
      };
      if (id % 3 === 0) p.bold = `Important ${id}`;
      if (id % 4 === 0) p.photo = true;
      if (id % 10 === 0)
        p.forwardedFrom = { name: 'Other Channel', username: 'otherchannel', postId: id * 2 };
      this.nextDate += this.stepMs;
      this.posts.push(p);
      added.push(p);
    }
    return added;
  }

  post(id: number): FakePost | undefined {
    return this.posts.find((p) => p.id === id);
  }

  /** Changes a post's text and marks it edited, as an edit in Telegram does. */
  edit(id: number, text: string): void {
    const p = this.post(id);
    if (!p) throw new Error(`fake t.me: no post ${id} in ${this.info.username}`);
    p.text = text;
    delete p.bold;
    p.edited = true;
  }

  remove(...ids: number[]): void {
    const gone = new Set(ids);
    this.posts = this.posts.filter((p) => !gone.has(p.id));
  }

  ids(): number[] {
    return this.posts.map((p) => p.id);
  }
}

export interface FakeTme {
  baseUrl: string;
  /** The generated channel by username (case-insensitive); throws when there is none. */
  channel(username: string): FakeChannel;
  addChannel(options: FakeChannelOptions): FakeChannel;
  /** Usernames served from fixture files. */
  fixtureNames: string[];
  /** Every request, in arrival order. */
  requests: FakeRequest[];
  /** The media files it serves (with `serveMedia`). */
  media: FakeMedia;
  /** The next /s/ requests get these faults, in order, before any random ones. */
  failNext(...faults: Fault[]): void;
  setFaultRate(rate: number, kinds?: Fault[]): void;
  close(): Promise<void>;
}

function loadFixtures(dir: string | null | undefined): Map<string, string> {
  const pages = new Map<string, string>();
  if (!dir || !existsSync(dir)) return pages;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.html')) continue;
    const html = readFileSync(join(dir, f), 'utf8');
    const m = /tg:\/\/resolve\?domain=([A-Za-z0-9_]+)/.exec(html);
    // Its older pages were not saved: served as the whole channel, without the link to them (which an empty answer
    // to would be t.me misbehaving, not the channel's start).
    if (m)
      pages.set(m[1]!.toLowerCase(), html.replace(/(tme_messages_more[^>]*?)\s+data-before="\d+"/g, '$1'));
  }
  return pages;
}

/** First index in ascending `posts` whose id is >= id. */
function lowerBound(posts: FakePost[], id: number): number {
  let lo = 0;
  let hi = posts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (posts[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The page t.me would show for ?before / ?after / neither, with its cursors. */
export function pageOf(ch: FakeChannel, query: URLSearchParams, size: number): string {
  const ps = ch.posts;
  const u = ch.info.username;
  const before = query.get('before');
  const after = query.get('after');
  let start: number;
  let end: number;
  let canonical: string;
  if (before !== null && /^\d+$/.test(before)) {
    end = lowerBound(ps, Number(before));
    start = Math.max(0, end - size);
    canonical = `/s/${u}?before=${before}`;
  } else if (after !== null && /^\d+$/.test(after)) {
    start = lowerBound(ps, Number(after) + 1);
    end = Math.min(ps.length, start + size);
    canonical = `/s/${u}?after=${after}`;
  } else {
    end = ps.length;
    start = Math.max(0, end - size);
    canonical = `/s/${u}?before=${(ps.at(-1)?.id ?? 0) + 1}`;
  }
  const slice = ps.slice(start, end);
  const isNewest = before === null && after === null;
  return channelPageHtml(ch.info, slice, {
    before: slice.length > 0 && start > 0 ? slice[0]!.id : null,
    after: !isNewest && slice.length > 0 && end < ps.length ? slice.at(-1)!.id : null,
    canonical,
  });
}

function emptyPreviewHtml(): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram</title></head>
<body class="widget_frame_base tgme_webpreview emoji_image thin_box_shadow tme_mode no_transitions">
<main class="tgme_main"><div class="tgme_container"><section class="tgme_channel_history js-message_history">
</section></div></main></body></html>
`;
}

export async function startFakeTme(options: FakeTmeOptions = {}): Promise<FakeTme> {
  const channels = new Map<string, FakeChannel>();
  const fixtures = loadFixtures(options.fixturesDir);
  const size = options.pageSize ?? 20;
  const unknownNames = options.unknownNames ?? 'redirect';
  const dice = prng(options.seed ?? 1);
  let faultRate = options.faultRate ?? 0;
  let faultKinds: Fault[] = options.faultKinds ?? [{ kind: '429', retryAfter: '0' }, { kind: '502' }];
  const queued: Fault[] = [];
  const requests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let nextNumericId = 1_000_000_001;
  let visits = 0;
  const files = new Map<string, FakeFile>();
  const redirects = new Map<string, string>();
  const fileFaults: { match: RegExp; left: number; status: number }[] = [];
  const fileLog: string[] = [];
  const media: FakeMedia = {
    set: (name, file) => void files.set(name, file),
    fail: (match, times = 1, status = 404) => void fileFaults.push({ match, left: times, status }),
    redirect: (name, to) => void redirects.set(name, to),
    requested: () => [...fileLog],
  };

  function serveFile(name: string, res: ServerResponse, log: FakeRequest): void {
    fileLog.push(name);
    const fault = fileFaults.find((f) => f.left > 0 && f.match.test(name));
    if (fault) {
      fault.left--;
      return send(res, log, fault.status, 'Not Found');
    }
    const to = redirects.get(name);
    if (to) return send(res, log, 302, '', { location: to });
    const file = files.get(name) ?? { body: fakeMediaBytes(name) };
    log.status = 200;
    res.writeHead(200, {
      'content-type': file.type ?? (name.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg'),
      ...(file.contentLength === false ? {} : { 'content-length': file.body.length }),
    });
    // Without a length the body goes out in pieces (chunked), as a CDN streaming a large file does.
    if (file.contentLength === false)
      for (let i = 0; i < file.body.length; i += 16_384) res.write(file.body.subarray(i, i + 16_384));
    else res.write(file.body);
    res.end();
  }

  const addChannel = (o: FakeChannelOptions): FakeChannel => {
    const ch = new FakeChannel(o, nextNumericId++);
    channels.set(o.username.toLowerCase(), ch);
    return ch;
  };
  for (const o of options.channels ?? []) addChannel(o);

  function pickFault(path: string): Fault | null {
    if (!path.startsWith('/s/')) return null;
    if (queued.length > 0) return queued.shift()!;
    if (faultRate > 0 && dice() < faultRate)
      return faultKinds[Math.floor(dice() * faultKinds.length)] ?? null;
    return null;
  }

  // Answers cut short by a 'cut' fault.
  const cutAt = new WeakMap<ServerResponse, number>();
  function send(
    res: ServerResponse,
    log: FakeRequest,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) {
    log.status = status;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body.slice(0, cutAt.get(res) ?? body.length));
  }

  function route(req: IncomingMessage, res: ServerResponse, log: FakeRequest): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const s = /^\/s\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (s) {
      const name = s[1]!.toLowerCase();
      const ch = channels.get(name);
      if (!ch) {
        const fixture = fixtures.get(name);
        if (fixture !== undefined) {
          if (!url.search) return send(res, log, 200, fixture);
          // Older/newer pages of a fixture channel are not known: an empty page of the same channel ends the walk.
          const title = /<meta property="og:title" content="([^"]*)"/.exec(fixture)?.[1] ?? name;
          const info: FakeChannelInfo = {
            username: name,
            title,
            description: '',
            subscribers: 0,
            numericId: 1,
            avatarUrl: '',
          };
          return send(
            res,
            log,
            200,
            channelPageHtml(info, [], { before: null, after: null, canonical: url.pathname + url.search }),
          );
        }
        return unknownNames === 'empty'
          ? send(res, log, 200, emptyPreviewHtml())
          : send(res, log, 302, '', { location: '/' });
      }
      switch (ch.mode) {
        case 'ok':
          if (options.serveMedia) ch.info.mediaToken = `t${++visits}`;
          return send(res, log, 200, pageOf(ch, url.searchParams, size));
        case 'preview_disabled':
        case 'private':
          return send(res, log, 302, '', { location: `/${ch.info.username}` });
        case 'unknown_empty':
          return send(res, log, 200, emptyPreviewHtml());
        case 'unknown_redirect':
          return send(res, log, 302, '', { location: '/' });
      }
    }
    const n = /^\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (n) {
      const name = n[1]!;
      const ch = channels.get(name.toLowerCase());
      if (!ch || ch.mode === 'unknown_empty' || ch.mode === 'unknown_redirect')
        return send(res, log, 200, namePageHtml(name, null, null));
      const extra =
        ch.mode === 'private'
          ? `${ch.info.subscribers} members`
          : `${ch.info.subscribers.toLocaleString('en-US').replace(/,/g, ' ')} subscribers`;
      return send(res, log, 200, namePageHtml(ch.info.username, ch.info.title, extra));
    }
    if (url.pathname === '/') return send(res, log, 200, mainPageHtml());
    const file = /^\/file\/(?:[\w-]+\/)?([\w.-]+)$/.exec(url.pathname);
    if (file && options.serveMedia) return serveFile(file[1]!, res, log);
    return send(res, log, 404, 'Not Found');
  }

  const server = createServer((req, res) => {
    const log: FakeRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      at: performance.now(),
      status: 0,
    };
    requests.push(log);
    const fault = pickFault(new URL(req.url ?? '/', 'http://fake').pathname);
    if (fault) log.fault = fault.kind;
    switch (fault?.kind) {
      case '429':
        return send(
          res,
          log,
          429,
          'Too Many Requests',
          fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
        );
      case '502':
        return send(res, log, 502, '<html><body>502 Bad Gateway</body></html>');
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'slow':
        setTimeout(() => route(req, res, log), fault.ms).unref();
        return;
      case 'cut':
        cutAt.set(res, fault.bytes);
        return route(req, res, log);
      case 'newest':
        req.url = new URL(req.url ?? '/', 'http://fake').pathname;
        return route(req, res, log);
      case 'empty': {
        const url = new URL(req.url ?? '/', 'http://fake');
        const name = /^\/s\/([A-Za-z0-9_]+)/.exec(url.pathname)?.[1] ?? '';
        const info = channels.get(name.toLowerCase())?.info;
        if (!info) return route(req, res, log);
        return send(
          res,
          log,
          200,
          channelPageHtml(info, [], { before: null, after: null, canonical: url.pathname + url.search }),
        );
      }
      default:
        return route(req, res, log);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  if (options.serveMedia) for (const ch of channels.values()) ch.info.mediaBase = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    channel(username) {
      const ch = channels.get(username.toLowerCase());
      if (!ch) throw new Error(`fake t.me: no channel ${username}`);
      return ch;
    },
    addChannel,
    fixtureNames: [...fixtures.keys()],
    requests,
    media,
    failNext: (...faults) => void queued.push(...faults),
    setFaultRate(rate, kinds) {
      faultRate = rate;
      if (kinds) faultKinds = kinds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
