// Environment + config file -> one validated, frozen Config; the only module that reads process.env.
import { readFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { notAChannel, parseChannelRef } from '../model/channel-ref.js';
import { KEPT_KINDS, type KeptKind } from '../model/media.js';
import { TOPIC_NAME, TOPIC_NAME_RULE } from '../model/topic.js';
import { UserError } from '../util/errors.js';
import { isDateArg } from '../util/time.js';
import { DEFAULT_WRITE_WAIT_MS } from '../util/busy.js';
import { nearestNames } from '../util/nearest.js';

/** Each worker holds a connection and its page cache: more than a machine's cores only queue inside SQLite. */
const MAX_SEARCH_WORKERS = 16;

// Every object below is strict: a misspelt key (`dpeth`, `intervalMS`) is refused, never silently left at its default.

/** A channel as written in the config file, checked when the file is read so the error names the file and entry. */
const channelRef = z
  .string()
  .min(1)
  .refine((s) => parseChannelRef(s) !== null, { error: (i) => notAChannel(String(i.input)) });

const channelEntry = z.union([
  channelRef,
  z
    .object({
      channel: channelRef,
      /** Backfill depth: an ISO date (go back to that day) or a post id (go back to that post). */
      depth: z
        .union([z.string().refine(isDateArg, 'a date like 2024-01-31'), z.number().int().positive()])
        .optional(),
    })
    .strict(),
]);

const topicEntry = z
  .object({
    name: z.string().regex(TOPIC_NAME, `not a topic name: ${TOPIC_NAME_RULE}`),
    query: z.string().min(1),
    /** Each entry: words that mean the same, separated by "=" ("BRICS = БРИКС = #brics"). */
    aliases: z.array(z.string()).default([]),
  })
  .strict();

/** A Telegram chat a route sends to: @username or a numeric id; checked when the config is read, since a typo would otherwise fail only at send time. */
const chatId = z.union([
  z.number().int(),
  z.string().regex(/^(?:@\w{1,32}|-?\d+)$/, {
    error: (i) =>
      `${JSON.stringify(String(i.input).slice(0, 40))} is not a chat: expected "@channel_name" or a numeric chat id (-1001234567890)`,
  }),
]);

const routeEntry = z
  .object({
    /** The route's name in the outbox, when two routes on one source send to one chat (bot/routes.ts). */
    id: z.string().optional(),
    topic: z.string().optional(),
    channel: z.string().optional(),
    /** The name of a saved search (tgwire searches add). */
    search: z.string().optional(),
    /** A query written here, in the search language. */
    query: z.string().optional(),
    to: z.union([chatId, z.array(chatId).min(1)], {
      error: (i) =>
        i.input === undefined
          ? 'missing: the chats to send to, "@channel_name" or a numeric chat id (-1001234567890), or a list of them'
          : 'expected "@channel_name" or a numeric chat id (-1001234567890), or a list of them',
    }),
    forwards: z.enum(['include', 'exclude', 'only']).default('include'),
    languages: z.array(z.string()).optional(),
    /** With `languages`: what happens to posts whose language could not be told (und). */
    undetermined: z.enum(['include', 'exclude']).default('include'),
    header: z.string().optional(),
    footer: z.string().optional(),
    silent: z.boolean().default(false),
    deleteOnSourceDelete: z.boolean().default(false),
  })
  .strict();

export const fileSchema = z
  .object({
    db: z.string().optional(),
    host: z.string().optional(),
    port: z.number().int().min(0).max(65535).optional(),
    /** Checked with TGWIRE_ADMIN_TOKEN by one rule (adminTokenOf), so the two sources cannot drift. */
    adminToken: z.string().optional(),
    tmeBase: z.string().url().optional(),
    /** The address readers use when a reverse proxy stands in front ("https://archive.example.org"). */
    publicUrl: z.string().url().optional(),
    /** The reverse proxy in front is trusted to say the public address (X-Forwarded-Proto and -Host). */
    trustProxy: z.boolean().optional(),
    /** How long a write waits while another tgwire process writes the archive (default 60000). */
    writeWaitMs: z.number().int().min(0).optional(),
    /** Worker threads that run the web app's searches (default 2, or 1 on one core); 0 runs them on the main thread. */
    searchWorkers: z.number().int().min(0).max(MAX_SEARCH_WORKERS).optional(),
    /** The full-text index of a new PostgreSQL archive: auto (GIN), gin or rum. */
    pgSearchIndex: z.enum(['auto', 'gin', 'rum']).optional(),
    channels: z.array(channelEntry).default([]),
    topics: z.array(topicEntry).default([]),
    politeness: z
      .object({
        /** Minimum milliseconds between two requests to one host (default 1000). */
        intervalMs: z.number().int().min(0).optional(),
        jitterMs: z.number().int().min(0).optional(),
        timeoutMs: z.number().int().positive().optional(),
        userAgent: z.string().optional(),
      })
      .strict()
      .default({}),
    /** Live collection's periodic deeper re-read of each channel's newest pages (edits, deletions, views). */
    recheck: z
      .object({
        /** Newest pages re-read (20 posts each; default 5); 1 turns the deeper re-read off. */
        pages: z.number().int().min(1).optional(),
        /** How often, per channel (default 60). */
        everyMinutes: z.number().int().positive().optional(),
      })
      .strict()
      .default({}),
    media: z
      .object({
        /** False: no media is downloaded or imported (posts still say what media they carried). */
        enabled: z.boolean().optional(),
        dir: z.string().optional(),
        /** Kinds whose files are kept; photos and thumbnails always are. */
        kinds: z.array(z.enum(KEPT_KINDS)).optional(),
        maxFileBytes: z.number().int().positive().optional(),
        maxChannelBytes: z.number().int().positive().optional(),
        maxTotalBytes: z.number().int().positive().optional(),
        /** Hosts media may be downloaded from (and redirected to); Telegram's own when absent. */
        allowHosts: z.array(z.string().min(1)).optional(),
        /** S3-compatible object storage instead of the folder (keys from TGWIRE_S3_ACCESS_KEY_ID/SECRET_ACCESS_KEY). */
        s3: z
          .object({
            bucket: z.string().min(1),
            endpoint: z.string().url().optional(),
            region: z.string().min(1).optional(),
            prefix: z.string().optional(),
            forcePathStyle: z.boolean().optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
    routes: z.array(routeEntry).default([]),
    /** A Telegram account for MTProto collection (tgwire login): the API id and hash from my.telegram.org. */
    telegram: z
      .object({
        apiId: z.number().int().positive().optional(),
        apiHash: z
          .string()
          .regex(/^[0-9a-f]{32}$/i, 'the 32 hex characters my.telegram.org shows')
          .optional(),
        sessionFile: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    webhooks: z
      .object({
        /** Per delivery attempt (default 15000). */
        timeoutMs: z.number().int().positive().optional(),
        /** Waits after each failed attempt (default the Standard Webhooks schedule: 5 s … 10 h). */
        retryDelaysMs: z.array(z.number().int().min(0)).min(1).optional(),
        /** Between looks for new events and due deliveries (default 2000). */
        pollMs: z.number().int().positive().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type ConfigFile = z.infer<typeof fileSchema>;
const PG_SEARCH_INDEXES = ['auto', 'gin', 'rum'] as const;
export type PgSearchIndex = (typeof PG_SEARCH_INDEXES)[number];
export type ChannelEntry = z.infer<typeof channelEntry>;
export type TopicEntry = z.infer<typeof topicEntry>;
export type RouteEntry = z.infer<typeof routeEntry>;

export interface Config {
  /** SQLite file path or postgres:// URL. @default ./data/tgwire.db */
  readonly db: string;
  /**
   * The full-text index a new PostgreSQL archive gets (kept once chosen), from TGWIRE_PG_SEARCH_INDEX or
   * `pgSearchIndex`: 'auto' and 'gin' GIN, 'rum' the RUM extension's. @default 'auto'
   */
  readonly pgSearchIndex: PgSearchIndex;
  /** @default 127.0.0.1 */
  readonly host: string;
  /** @default 8080 */
  readonly port: number;
  readonly adminToken: string | null;
  /** @default https://t.me */
  readonly tmeBase: string;
  /**
   * The address readers use when a reverse proxy stands in front ("https://archive.example.org", no trailing
   * slash), from TGWIRE_PUBLIC_URL or `publicUrl`. @default null (the address the server listens on)
   */
  readonly publicUrl: string | null;
  /** Trust X-Forwarded-Proto/-Host from the proxy (TGWIRE_TRUST_PROXY=1 or `trustProxy`). @default false */
  readonly trustProxy: boolean;
  /**
   * How long a write waits while another tgwire process writes the archive, then "the archive is busy"
   * (TGWIRE_WRITE_WAIT_MS or `writeWaitMs`). @default 60000
   */
  readonly writeWaitMs: number;
  /**
   * Worker threads that run `serve`'s searches on read-only connections to a SQLite archive, 0 for the main thread
   * (TGWIRE_SEARCH_WORKERS or `searchWorkers`). @default 2, or 1 on a one-core machine
   */
  readonly searchWorkers: number;
  readonly configPath: string | null;
  readonly channels: readonly ChannelEntry[];
  readonly topics: readonly TopicEntry[];
  readonly politeness: { intervalMs: number; jitterMs: number; timeoutMs: number; userAgent: string };
  /** Each channel's newest `pages` pages are re-read every `everyMs` (`recheck`). @default 5 pages, 1 hour */
  readonly recheck: { pages: number; everyMs: number };
  readonly media: {
    /** False (`media.enabled: false`, TGWIRE_MEDIA=0): nothing is downloaded or imported. @default true */
    enabled: boolean;
    /**
     * The local media folder. @default `media` beside the SQLite file; ./data/media with PostgreSQL; null (no media)
     * for an in-memory archive.
     */
    dir: string | null;
    /** @default every kind that has a file (photo, video, gif, round_video, voice, audio, document, sticker) */
    kinds: readonly KeptKind[];
    /** @default 50 MiB */
    maxFileBytes: number;
    /** @default 2 GiB */
    maxChannelBytes: number;
    /** @default 10 GiB */
    maxTotalBytes: number;
    /** S3-compatible storage (TGWIRE_S3_BUCKET or `media.s3`) instead of the folder. @default null */
    s3: S3Settings | null;
    /**
     * `media.allowHosts` (TGWIRE_MEDIA_ALLOW_HOSTS, comma-separated): hosts (or host:port) media may come from, the
     * configured t.me address always included. @default null (Telegram's own hosts)
     */
    allowHosts: readonly string[] | null;
  };
  readonly routes: readonly RouteEntry[];
  readonly webhooks: {
    /** Per delivery attempt. @default 15000 */
    timeoutMs: number;
    /** Waits after each failed attempt. @default null (the Standard Webhooks schedule, model/webhook.ts) */
    retryDelaysMs: readonly number[] | null;
    /** Between looks for new events and due deliveries. @default 2000 */
    pollMs: number;
  };
  /**
   * The Telegram account for MTProto collection: API id and hash (TGWIRE_API_ID, TGWIRE_API_HASH or `telegram`),
   * and the session file (TGWIRE_SESSION_FILE or `telegram.sessionFile`). The hash and session are never shown.
   * @default no API id; the session beside the SQLite file (./data/telegram.session with PostgreSQL)
   */
  readonly telegram: { apiId: number | null; apiHash: string | null; sessionFile: string };
  /** Never logged or shown. */
  readonly botToken: string | null;
  readonly botApiRoot: string | null;
  readonly ci: boolean;
}

export interface ConfigOverrides {
  db?: string;
  config?: string;
  host?: string;
  port?: number;
}

export const DEFAULT_DB = './data/tgwire.db';

export interface S3Settings {
  bucket: string;
  /** An S3-compatible server's address (MinIO, R2, a local test server); AWS itself when null. */
  endpoint: string | null;
  region: string;
  /** Keys start with this (e.g. "tgwire/"). */
  prefix: string;
  forcePathStyle: boolean;
  /** Never logged or shown; the SDK's own chain (AWS_* variables, instance roles) when null. */
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

/** The account's session: beside the SQLite file; under ./data for a server or in-memory database. */
function defaultSessionFile(db: string): string {
  if (db === ':memory:' || /^postgres(ql)?:\/\//i.test(db)) return './data/telegram.session';
  return join(dirname(db), 'telegram.session');
}

function telegramSettings(
  env: NodeJS.ProcessEnv,
  file: ConfigFile['telegram'],
  db: string,
): Config['telegram'] {
  const rawId = env.TGWIRE_API_ID;
  const apiId = rawId !== undefined && rawId !== '' ? Number(rawId) : (file.apiId ?? null);
  if (apiId !== null && !(Number.isSafeInteger(apiId) && apiId > 0))
    throw new UserError(`invalid TGWIRE_API_ID: ${rawId} (the number my.telegram.org shows as api_id)`);
  const apiHash = env.TGWIRE_API_HASH || file.apiHash || null;
  // The hash itself is never echoed: it is a secret.
  if (apiHash !== null && !/^[0-9a-f]{32}$/i.test(apiHash))
    throw new UserError(
      'invalid TGWIRE_API_HASH: expected the 32 hex characters my.telegram.org shows as api_hash',
    );
  return Object.freeze({
    apiId,
    apiHash,
    sessionFile: env.TGWIRE_SESSION_FILE || file.sessionFile || defaultSessionFile(db),
  });
}

/** Where media go by default: beside the SQLite file; a folder under ./data for a server database. */
function defaultMediaDir(db: string): string | null {
  if (db === ':memory:') return null;
  if (/^postgres(ql)?:\/\//i.test(db)) return './data/media';
  return join(dirname(db), 'media');
}

function s3Settings(
  env: NodeJS.ProcessEnv,
  file: z.infer<typeof fileSchema>['media']['s3'],
  filePath: string | null,
): S3Settings | null {
  const bucket = env.TGWIRE_S3_BUCKET ?? file?.bucket;
  if (!bucket) return null;
  const prefix = env.TGWIRE_S3_PREFIX ?? file?.prefix ?? '';
  // Keys are PREFIX + ab/abcd…, taken literally: "tg/arch" on one machine and "tg/arch/" on another would be two
  // sets of files for one archive, each the other's strays to `media gc`. Only one spelling is accepted.
  if (prefix !== '' && (!prefix.endsWith('/') || prefix.startsWith('/')))
    throw new UserError(
      `${env.TGWIRE_S3_PREFIX !== undefined ? 'TGWIRE_S3_PREFIX' : `${filePath ?? 'config'}: media.s3.prefix`} "${prefix}": write it as a folder ending in "/" and not starting with one ("${prefix.replace(/^\/+|\/+$/g, '')}/"): files are stored at PREFIX + ab/abcd…`,
    );
  return Object.freeze({
    bucket,
    endpoint: env.TGWIRE_S3_ENDPOINT ?? file?.endpoint ?? null,
    region: env.TGWIRE_S3_REGION ?? file?.region ?? 'us-east-1',
    prefix,
    forcePathStyle: file?.forcePathStyle ?? !!(env.TGWIRE_S3_ENDPOINT ?? file?.endpoint),
    accessKeyId: env.TGWIRE_S3_ACCESS_KEY_ID ?? null,
    secretAccessKey: env.TGWIRE_S3_SECRET_ACCESS_KEY ?? null,
  });
}
export const DEFAULT_USER_AGENT = 'tgwire/0.1 (self-hosted archive of public Telegram channels)';

/** Keys whose values are secrets: never echoed in an error message, whatever the parser quotes. */
const SECRET_KEY = /^\s*["']?([\w-]*(?:token|secret|password|hash)[\w-]*)["']?\s*:\s*(.*?)\s*,?\s*$/i;

/** The secret values a config text holds (the value of each token-like key, quoted or not). */
function secretsIn(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = SECRET_KEY.exec(line);
    const value = m?.[2]?.replace(/^["']|["']$/g, '').trim();
    if (value) out.push(value);
  }
  return out;
}

/**
 * Removes secret values from a message, also cut-off parts of them (a parser's context line may end early):
 * any run of 4+ characters of a secret that the message carries becomes "***".
 */
export function redactSecrets(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) {
    out = out.split(secret).join('***');
    for (let len = Math.min(secret.length - 1, 64); len >= 4; len--)
      for (let i = 0; i + len <= secret.length; i++) {
        const part = secret.slice(i, i + len);
        if (out.includes(part)) out = out.split(part).join('***');
      }
  }
  return out;
}

/** A syntax error as `line:column: what`, never with the parser's quoted context (it may be a secret's line). */
function syntaxMessage(e: unknown, text: string): string {
  const linePos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  if (linePos) return `${linePos.line}:${linePos.col}: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
  const pos = /at position (\d+)/.exec(first);
  if (pos) {
    const before = text.slice(0, Number(pos[1]));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    return `${line}:${col}: ${first.replace(/ in JSON at position \d+.*$/, '')} (invalid JSON)`;
  }
  // Node's JSON.parse often gives no position ("Unexpected token '}'"): JSON is YAML, whose parser says where.
  try {
    parseYaml(text);
  } catch (y) {
    const at = (y as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    // Node quotes the text around the error: it may be a secret's line, so it is left out.
    if (at) return `${at.line}:${at.col}: ${first.replace(/, ".*" is not valid JSON$/s, '')} (invalid JSON)`;
  }
  return ' invalid JSON or YAML';
}

/** The keys the config file allows at `path` (an object inside arrays, unions and defaults), none when unknown. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional)
    return keysAt(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((o) => keysAt(o, path));
  if (schema instanceof z.ZodArray)
    return typeof path[0] === 'number' ? keysAt(schema.element as z.ZodType, path.slice(1)) : [];
  if (!(schema instanceof z.ZodObject)) return [];
  if (path.length === 0) return Object.keys(schema.shape);
  const inner = schema.shape[String(path[0])] as z.ZodType | undefined;
  return inner ? keysAt(inner, path.slice(1)) : [];
}

/** `; did you mean "intervalMs"?` after unknown keys close to ones allowed there; empty when none is. */
function keyHint(keys: readonly string[], path: readonly PropertyKey[]): string {
  const allowed = keysAt(fileSchema, path);
  const near = keys.flatMap((key) => nearestNames(key, allowed, 1).map((to) => ({ key, to })));
  if (near.length === 0) return '';
  if (keys.length === 1) return `; did you mean "${near[0]!.to}"?`;
  return `; did you mean ${near.map(({ key, to }) => `"${to}" for "${key}"`).join(', ')}?`;
}

function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`${path}: cannot read config: ${e instanceof Error ? e.message : String(e)}`);
  }
  const secrets = secretsIn(text);
  const fail = (message: string) => new UserError(redactSecrets(`${path}:${message}`, secrets));
  let raw: unknown;
  try {
    raw = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw fail(`${syntaxMessage(e, text)} (config file syntax)`);
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? issue.path.join('.') : '(top level)';
    throw fail(
      ` ${at}: ${issue.message}${issue.code === 'unrecognized_keys' ? keyHint(issue.keys, issue.path) : ''}`,
    );
  }
  return parsed.data;
}

/** Shorter admin tokens fall to guessing; one rule for every source (environment and config file). */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** The admin token, checked; unset (or empty) is null. The message never echoes the value. */
export function adminTokenOf(value: string | undefined, source: string): string | null {
  if (value === undefined || value === '') return null;
  if (value.trim().length < MIN_ADMIN_TOKEN_LENGTH)
    throw new UserError(
      `${source}: the admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (spaces at the ends do not count); make one with: openssl rand -base64 24`,
    );
  return value;
}

/** TGWIRE_BOT_API_ROOT, checked up front: a typo would otherwise show only as "network request failed" at send time. */
function botApiRootOf(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const u = URL.canParse(value.trim()) ? new URL(value.trim()) : null;
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UserError(
      `TGWIRE_BOT_API_ROOT: not an http(s) address: ${JSON.stringify(value.slice(0, 80))} (the Bot API server's root, like http://127.0.0.1:8081; unset it for https://api.telegram.org)`,
    );
  return value.trim();
}

/** "https://archive.example.org/" -> "https://archive.example.org"; anything but an http(s) URL is refused. */
function publicAddress(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const u = URL.canParse(value.trim()) ? new URL(value.trim()) : null;
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UserError(
      `TGWIRE_PUBLIC_URL (publicUrl): not an http(s) address: ${value} (use the address readers open, like https://archive.example.org)`,
    );
  return u.href.replace(/\/+$/, '');
}

/** `media.allowHosts`, or TGWIRE_MEDIA_ALLOW_HOSTS as a comma-separated list (tests keep downloads on 127.0.0.1). */
function allowHostsOf(value: string | readonly string[] | undefined): readonly string[] | null {
  if (value === undefined) return null;
  const hosts = (typeof value === 'string' ? value.split(',') : value).map((h) => h.trim()).filter(Boolean);
  return hosts.length ? Object.freeze(hosts) : null;
}

function flag(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new UserError(`${name}: expected 1 or 0 (true or false), got "${value}"`);
}

/**
 * A path written in the config file is relative to the file's folder, not to the working directory: the same
 * config gives the same archive from wherever tgwire runs. URLs (postgres://) and `:memory:` are left as they are.
 */
function fromConfigFolder(path: string | undefined, configPath: string): string | undefined {
  if (path === undefined || path === '' || path === ':memory:' || isAbsolute(path)) return path;
  const sqlite = /^sqlite:\/\//i.exec(path);
  if (sqlite) return sqlite[0] + fromConfigFolder(path.slice(sqlite[0].length), configPath);
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  return join(dirname(configPath), path);
}

/** The config file with its paths (db, media.dir, telegram.sessionFile) resolved against the file's folder. */
function relativeToConfig(file: ConfigFile, configPath: string | null): ConfigFile {
  if (configPath === null) return file;
  return {
    ...file,
    db: fromConfigFolder(file.db, configPath),
    media: { ...file.media, dir: fromConfigFolder(file.media.dir, configPath) },
    telegram: { ...file.telegram, sessionFile: fromConfigFolder(file.telegram.sessionFile, configPath) },
  };
}

/** Builds the Config from (in order of precedence) command-line overrides, environment, config file, defaults. */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  let configPath = overrides.config ?? env.TGWIRE_CONFIG ?? null;
  if (!configPath) {
    for (const candidate of ['tgwire.config.yaml', 'tgwire.config.yml', 'tgwire.config.json']) {
      if (existsSync(candidate)) {
        configPath = candidate;
        break;
      }
    }
  } else if (!existsSync(configPath)) {
    throw new UserError(`${configPath}: config file not found`);
  }
  // Errors name the file by its absolute path, so a relative --config is not read against the wrong folder.
  const filePath = configPath ? resolve(configPath) : null;
  const file = relativeToConfig(filePath ? readConfigFile(filePath) : fileSchema.parse({}), configPath);
  const port = overrides.port ?? (env.TGWIRE_PORT ? Number(env.TGWIRE_PORT) : undefined) ?? file.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    const [from, raw] =
      overrides.port !== undefined
        ? ['--port', String(overrides.port)]
        : env.TGWIRE_PORT
          ? ['TGWIRE_PORT', env.TGWIRE_PORT]
          : ['port', String(file.port)];
    throw new UserError(
      `${from}: ${JSON.stringify(raw.slice(0, 40))} is not a port (a whole number from 0 to 65535)`,
    );
  }
  const publicUrl = publicAddress(env.TGWIRE_PUBLIC_URL ?? file.publicUrl ?? null);
  const trustProxy =
    env.TGWIRE_TRUST_PROXY !== undefined
      ? flag(env.TGWIRE_TRUST_PROXY, 'TGWIRE_TRUST_PROXY')
      : (file.trustProxy ?? false);
  const writeWaitMs = env.TGWIRE_WRITE_WAIT_MS ? Number(env.TGWIRE_WRITE_WAIT_MS) : file.writeWaitMs;
  if (writeWaitMs !== undefined && !(Number.isInteger(writeWaitMs) && writeWaitMs >= 0))
    throw new UserError(
      `invalid TGWIRE_WRITE_WAIT_MS: ${env.TGWIRE_WRITE_WAIT_MS} (milliseconds, e.g. 60000)`,
    );
  const searchWorkers = env.TGWIRE_SEARCH_WORKERS
    ? Number(env.TGWIRE_SEARCH_WORKERS)
    : (file.searchWorkers ?? Math.min(2, availableParallelism()));
  if (!(Number.isInteger(searchWorkers) && searchWorkers >= 0 && searchWorkers <= MAX_SEARCH_WORKERS))
    throw new UserError(
      `invalid TGWIRE_SEARCH_WORKERS: ${env.TGWIRE_SEARCH_WORKERS} (0 to ${MAX_SEARCH_WORKERS}; 0 searches on the main thread)`,
    );
  // An empty TGWIRE_DB is unset (an anonymous temporary database would silently hold nothing).
  const db = overrides.db ?? (env.TGWIRE_DB || undefined) ?? file.db ?? DEFAULT_DB;
  const pgSearchIndex = env.TGWIRE_PG_SEARCH_INDEX ?? file.pgSearchIndex ?? 'auto';
  if (!PG_SEARCH_INDEXES.includes(pgSearchIndex as PgSearchIndex))
    throw new UserError(`invalid TGWIRE_PG_SEARCH_INDEX: ${pgSearchIndex} (auto, gin or rum)`);
  return Object.freeze({
    db,
    pgSearchIndex: pgSearchIndex as PgSearchIndex,
    host: overrides.host ?? env.TGWIRE_HOST ?? file.host ?? '127.0.0.1',
    port,
    adminToken:
      env.TGWIRE_ADMIN_TOKEN !== undefined
        ? adminTokenOf(env.TGWIRE_ADMIN_TOKEN, 'TGWIRE_ADMIN_TOKEN')
        : adminTokenOf(file.adminToken, `${filePath}: adminToken`),
    tmeBase: (env.TGWIRE_TME_BASE ?? file.tmeBase ?? 'https://t.me').replace(/\/+$/, ''),
    publicUrl,
    trustProxy,
    writeWaitMs: writeWaitMs ?? DEFAULT_WRITE_WAIT_MS,
    searchWorkers,
    configPath,
    channels: Object.freeze([...file.channels]),
    topics: Object.freeze([...file.topics]),
    politeness: Object.freeze({
      intervalMs: file.politeness.intervalMs ?? 1000,
      jitterMs: file.politeness.jitterMs ?? 250,
      timeoutMs: file.politeness.timeoutMs ?? 20_000,
      userAgent: file.politeness.userAgent ?? DEFAULT_USER_AGENT,
    }),
    recheck: Object.freeze({
      pages: file.recheck.pages ?? 5,
      everyMs: (file.recheck.everyMinutes ?? 60) * 60_000,
    }),
    media: Object.freeze({
      enabled:
        env.TGWIRE_MEDIA !== undefined
          ? flag(env.TGWIRE_MEDIA, 'TGWIRE_MEDIA')
          : (file.media.enabled ?? true),
      dir: env.TGWIRE_MEDIA_DIR ?? file.media.dir ?? defaultMediaDir(db),
      kinds: Object.freeze([...(file.media.kinds ?? KEPT_KINDS)]),
      maxFileBytes: file.media.maxFileBytes ?? 50 * 1024 * 1024,
      maxChannelBytes: file.media.maxChannelBytes ?? 2 * 1024 * 1024 * 1024,
      maxTotalBytes: file.media.maxTotalBytes ?? 10 * 1024 * 1024 * 1024,
      s3: s3Settings(env, file.media.s3, filePath),
      allowHosts: allowHostsOf(env.TGWIRE_MEDIA_ALLOW_HOSTS) ?? allowHostsOf(file.media.allowHosts),
    }),
    routes: Object.freeze([...file.routes]),
    webhooks: Object.freeze({
      timeoutMs: file.webhooks.timeoutMs ?? 15_000,
      retryDelaysMs: file.webhooks.retryDelaysMs ? Object.freeze([...file.webhooks.retryDelaysMs]) : null,
      pollMs: file.webhooks.pollMs ?? 2000,
    }),
    telegram: telegramSettings(env, file.telegram, db),
    botToken: env.TGWIRE_BOT_TOKEN ?? null,
    botApiRoot: botApiRootOf(env.TGWIRE_BOT_API_ROOT),
    ci: env.CI === 'true',
  });
}
