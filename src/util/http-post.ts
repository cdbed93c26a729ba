// A single POST with a hard timeout that connects only to the addresses it checked: the webhook deliverer's client.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { FetchError } from './errors.js';
import { publicAddresses, type Resolver } from './addresses.js';
import { parseRetryAfter } from './retry.js';

export interface PostOptions {
  headers: Record<string, string>;
  /** For the whole exchange: connection, answer and its body. */
  timeoutMs: number;
  /**
   * Private, loopback and link-local targets allowed. Otherwise the host is resolved once, every address checked,
   * and the connection made to a checked address (a name cannot resolve to another one in between).
   */
  allowPrivate: boolean;
  signal?: AbortSignal;
  /** @default the system resolver */
  resolve?: Resolver;
}

export interface PostResult {
  status: number;
  /** From a Retry-After header (seconds or a date), in ms. */
  retryAfterMs: number | null;
  /** The start of the answer's body (at most 500 characters), for the delivery log. */
  body: string;
}

const KEEP = 500;

/**
 * POSTs `body`; resolves with any HTTP answer (redirects are answers: a webhook is not followed elsewhere).
 * FetchError when there is none (refused, reset, timed out); PrivateAddressError for a refused target.
 */
export async function postOnce(url: string, body: string, options: PostOptions): Promise<PostResult> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new FetchError(`${u.protocol} is not http(s)`, url, null);
  const checked = options.allowPrivate ? null : await publicAddresses(u.hostname, options.resolve);
  const lookup: LookupFunction | undefined = checked
    ? (_host, opts, cb) => {
        const all = (opts as { all?: boolean }).all;
        if (all) (cb as unknown as (e: null, a: typeof checked) => void)(null, checked);
        else cb(null, checked[0]!.address, checked[0]!.family);
      }
    : undefined;
  const where = `${u.protocol}//${u.host}`;
  return new Promise<PostResult>((resolve, reject) => {
    const lib = u.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = lib.request(
      u,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(lookup ? { lookup } : {}),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < KEEP) text += chunk;
        });
        res.on('error', (e) => finish(() => reject(new FetchError(`${where}: ${e.message}`, url, null))));
        res.on('end', () =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfterMs: parseRetryAfter(res.headers['retry-after'] ?? null),
              body: text.slice(0, KEEP),
            }),
          ),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(() =>
        reject(new FetchError(`no answer from ${where} within ${options.timeoutMs} ms`, url, null)),
      );
    }, options.timeoutMs);
    const onAbort = () => {
      req.destroy();
      finish(() => reject(options.signal!.reason));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          new FetchError(`could not reach ${where}: ${e.code ?? e.message}`, url, null, null, { cause: e }),
        ),
      ),
    );
    req.end(body);
  });
}
