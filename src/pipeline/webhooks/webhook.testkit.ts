// A webhook receiver for tests: a local HTTP server on 127.0.0.1 that checks every request with the
// standardwebhooks verifier and answers as each test programs it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as Verifier } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  body: string;
  /** The verified, parsed payload. */
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  /** The status it was answered with. */
  status: number;
  /** ms since epoch, when it arrived. */
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Held back this long before answering. */
  delayMs?: number;
}

/** The answer to the n-th request (1-based) carrying webhook-id `id` (n counts that id's requests only). */
export type Responder = (id: string, n: number, payload: Received['payload']) => Answer;

export class Receiver {
  readonly received: Received[] = [];
  /** Requests whose signature did not verify (none, in a passing test). */
  readonly unverified: string[] = [];
  responder: Responder = () => ({ status: 200 });
  /** Called on arrival, before the answer (a crash test kills the sender here). */
  onRequest: ((r: Received) => Promise<void> | void) | null = null;
  private server: Server | null = null;
  private readonly perId = new Map<string, number>();
  private verifier: Verifier | null = null;

  /** Starts listening; returns the URL to give the webhook. */
  async start(): Promise<string> {
    this.server = createServer(
      (req, res) =>
        void this.handle(req).then((a) => {
          if (!res.headersSent) {
            res.writeHead(a.status, a.headers ?? {});
            res.end(a.status >= 400 ? `refused (${a.status})` : 'ok');
          }
        }),
    );
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/in`;
  }

  /** The secret the signatures are checked with (the webhook's). */
  useSecret(secret: string): void {
    this.verifier = new Verifier(secret);
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const id = headers['webhook-id'] ?? '';
    let payload: Received['payload'];
    try {
      if (!this.verifier) throw new Error('no secret set');
      payload = this.verifier.verify(body, headers) as Received['payload'];
    } catch (e) {
      this.unverified.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
      return { status: 401 };
    }
    const n = (this.perId.get(id) ?? 0) + 1;
    this.perId.set(id, n);
    const answer = this.responder(id, n, payload);
    const r: Received = {
      id,
      timestamp: headers['webhook-timestamp'] ?? '',
      body,
      payload,
      status: answer.status,
      at: Date.now(),
    };
    this.received.push(r);
    await this.onRequest?.(r);
    if (answer.delayMs) await new Promise((res) => setTimeout(res, answer.delayMs));
    return answer;
  }

  /** Payloads answered with a 2xx, by webhook-id. */
  accepted(): Map<string, Received[]> {
    const out = new Map<string, Received[]>();
    for (const r of this.received)
      if (r.status >= 200 && r.status < 300) out.set(r.id, [...(out.get(r.id) ?? []), r]);
    return out;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
