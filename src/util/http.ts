// The HTTP client of the collectors: paced per host, a timeout per attempt, one retry policy, FetchError on failure.
import { FetchError } from './errors.js';
import { noPacer, type Pacer } from './pace.js';
import { parseRetryAfter, withRetry, type RetryPolicy } from './retry.js';

export const DEFAULT_USER_AGENT =
  'tgwire/0.1 (+https://github.com/tgwire/tgwire; archive of public channels)';

export interface HttpClientOptions {
  /** @default DEFAULT_USER_AGENT */
  userAgent?: string;
  /** Per attempt, headers and body included. @default 20000 */
  timeoutMs?: number;
  /** Waited on before every request, redirect hops and retries included (released once the body is read). @default noPacer */
  pacer?: Pacer;
  /** @default the defaults of RetryPolicy */
  retry?: RetryPolicy;
  /** Redirect hops followed before giving up. @default 5 */
  maxRedirects?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Wait between retries; tests pass a fake. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told about each retry (for logs). */
  onRetry?: (info: { url: string; error: unknown; attempt: number; delayMs: number }) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Read the body as bytes (HttpResponse.bytes) instead of text, e.g. media files. */
  binary?: boolean;
  /** Refuse a body larger than this (checked on Content-Length and while reading): a FetchError, not retried. */
  maxBytes?: number;
  /**
   * Checked on every redirect's target before it is followed; a refused hop is a FetchError carrying the redirect's
   * status (not retried). Callers that fetch on behalf of a page (media) keep redirects on hosts they trust.
   * @default every target allowed
   */
  allowRedirect?: (to: URL) => boolean;
  /**
   * Attempts for this request, the first included, instead of the client's retry policy's (the rest of that policy
   * stays): a request whose failure is recorded and tried again later need not hold up the caller. @default the policy's
   */
  maxAttempts?: number;
}

/** A body larger than RequestOptions.maxBytes. */
export class TooLargeError extends FetchError {
  override name = 'TooLargeError';
  constructor(
    message: string,
    url: string,
    status: number | null,
    /** The size the server declared (Content-Length); null when it gave none and reading stopped at the cap. */
    readonly size: number | null,
    /** The cap that was passed. */
    readonly maxBytes: number,
  ) {
    super(message, url, status);
  }
}

export interface Redirect {
  status: number;
  from: string;
  to: string;
}

export interface HttpResponse {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects (t.me/s/NAME -> t.me/NAME when the web preview is disabled). */
  finalUrl: string;
  /** Every redirect followed, in order; empty when none. */
  redirects: Redirect[];
  status: number;
  headers: Headers;
  body: string;
  /** The body, when RequestOptions.binary was set. */
  bytes?: Uint8Array;
  /** Attempts it took (1 when the first one succeeded). */
  attempts: number;
}

export interface HttpClient {
  /** GET; resolves for 2xx (after redirects), throws FetchError for anything else once retries are spent. */
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const pacer = options.pacer ?? noPacer;
  const maxRedirects = options.maxRedirects ?? 5;
  const doFetch = options.fetch ?? globalThis.fetch;

  async function once(url: string, req: RequestOptions): Promise<Omit<HttpResponse, 'attempts'>> {
    const redirects: Redirect[] = [];
    let current = url;
    for (;;) {
      const release = await pacer.wait(new URL(current).host, req.signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let res: Response;
      let body = '';
      let bytes: Uint8Array | undefined;
      try {
        // Redirects are followed here, not by fetch, so each hop is paced and the collector sees them.
        res = await doFetch(current, {
          redirect: 'manual',
          signal,
          headers: { 'user-agent': userAgent, accept: 'text/html,*/*;q=0.8', ...req.headers },
        });
        if (req.binary || req.maxBytes !== undefined) {
          bytes = await readCapped(res, current, req.maxBytes ?? Infinity);
          if (!req.binary) body = new TextDecoder().decode(bytes);
        } else body = await res.text();
      } catch (e) {
        if (e instanceof TooLargeError) throw e;
        if (req.signal?.aborted) throw req.signal.reason;
        if (timeout.aborted)
          throw new FetchError(`no answer from ${current} within ${timeoutMs} ms`, current, null, null, {
            cause: e,
          });
        throw new FetchError(`could not reach ${current}: ${describe(e)}`, current, null, null, { cause: e });
      } finally {
        release();
      }
      if (REDIRECT.has(res.status)) {
        const location = res.headers.get('location');
        if (!location) throw new FetchError(`${res.status} redirect without a Location`, current, res.status);
        if (redirects.length >= maxRedirects)
          throw new FetchError(`more than ${maxRedirects} redirects`, url, res.status);
        const to = new URL(location, current).href;
        if (req.allowRedirect && !req.allowRedirect(new URL(to)))
          throw new FetchError(
            `${res.status} redirect to ${to}, a host not allowed here`,
            current,
            res.status,
          );
        redirects.push({ status: res.status, from: current, to });
        current = to;
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        const retryAfter = parseRetryAfter(
          res.headers.get('retry-after'),
          (options.retry?.now ?? Date.now)(),
        );
        // The pause asked for holds for every request to the host, not only this one's retry.
        if (retryAfter !== null && (res.status === 429 || res.status === 503))
          pacer.holdOff?.(new URL(current).host, retryAfter);
        throw new FetchError(statusMessage(res.status, current, retryAfter), current, res.status, retryAfter);
      }
      return {
        url,
        finalUrl: current,
        redirects,
        status: res.status,
        headers: res.headers,
        body,
        ...(req.binary ? { bytes } : {}),
      };
    }
  }

  return {
    async get(url, req = {}) {
      let attempts = 0;
      const result = await withRetry(
        (attempt) => {
          attempts = attempt;
          return once(url, req);
        },
        req.maxAttempts ? { ...options.retry, maxAttempts: req.maxAttempts } : options.retry,
        {
          ...(req.signal ? { signal: req.signal } : {}),
          ...(options.sleep ? { sleep: options.sleep } : {}),
          onRetry: (info) => options.onRetry?.({ url, ...info }),
        },
      );
      return { ...result, attempts };
    },
  };
}

/** Reads a body, stopping as soon as it passes `max` bytes (a CDN file can be far larger than wanted). */
async function readCapped(res: Response, url: string, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel();
    throw new TooLargeError(
      `${url} is ${declared} bytes, over the ${max}-byte cap`,
      url,
      res.status,
      declared,
      max,
    );
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > max) {
      await res.body.cancel().catch(() => {});
      throw new TooLargeError(`${url} is over the ${max}-byte cap`, url, res.status, null, max);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function statusMessage(status: number, url: string, retryAfterMs: number | null): string {
  if (status === 429)
    return `429 Too Many Requests from ${url}${retryAfterMs !== null ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : ''}: slow down (raise the request interval)`;
  if (status >= 500) return `${status} server error from ${url}: the site is having trouble, try again later`;
  return `${status} from ${url}`;
}

function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}
