/**
 * A small HTTP GET for a Go service's debug endpoints that cannot hang or blow up memory: one
 * deadline covers connect, headers and the whole body (a server that stalls mid-body times out
 * too), and the body is counted while it streams and abandoned at the cap, so a 2 GB answer is
 * never buffered. gzip is asked for only with `acceptGzip`; an inflated body is capped as well.
 */
import http from 'node:http';
import https from 'node:https';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export type FetchOutcome = 'ok' | 'not-found' | 'error' | 'timeout' | 'too-large' | 'garbled';

export interface FetchOptions {
  /** Deadline for the whole exchange (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Largest body accepted (after gzip inflation); bigger answers are abandoned (default 16 MiB). */
  readonly maxBytes?: number;
  /** Keep only the last `tailBytes` of the body (e.g. a trailer at the end of a long text). */
  readonly tailBytes?: number;
  readonly acceptGzip?: boolean;
}

export interface FetchResult {
  readonly url: string;
  readonly outcome: FetchOutcome;
  readonly httpStatus?: number;
  readonly ms: number;
  /** Body bytes received (inflated), also when the body was abandoned. */
  readonly bytes: number;
  /** The body (or its tail) when the exchange completed. */
  readonly body?: Uint8Array;
  readonly contentType?: string;
  readonly detail?: string;
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_BYTES = 16 << 20;

type Partial = Omit<FetchResult, 'url' | 'ms' | 'bytes'>;

/** GET `url`; never throws, never outlives `timeoutMs` by more than a tick. */
export function fetchLimited(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const started = performance.now();
  return new Promise((resolve) => {
    let bytes = 0;
    let settled = false;
    let req: http.ClientRequest | undefined;
    const done = (r: Partial) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve({ url, bytes, ms: Math.round(performance.now() - started), ...r });
    };
    const timer = setTimeout(() => done({ outcome: 'timeout', detail: `no complete answer within ${timeoutMs} ms` }), timeoutMs);
    let parsed: URL;
    try {
      parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`unsupported protocol ${parsed.protocol}`);
    } catch (err) {
      return done({ outcome: 'error', detail: `bad URL ${url}: ${(err as Error).message}` });
    }
    const headers: Record<string, string> = { 'user-agent': 'gomemlens', ...(opts.acceptGzip ? { 'accept-encoding': 'gzip' } : {}) };
    const client = parsed.protocol === 'https:' ? https : http;
    req = client.get(parsed, { headers, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const contentType = res.headers['content-type'];
      if (status === 404) return done({ outcome: 'not-found', httpStatus: status, contentType, detail: 'HTTP 404' });
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > maxBytes) {
        return done({ outcome: 'too-large', httpStatus: status, contentType, detail: `Content-Length ${declared} > limit ${maxBytes}` });
      }
      const gzip = /\bgzip\b/i.test(String(res.headers['content-encoding'] ?? ''));
      const stream: Readable = gzip ? res.pipe(createGunzip()) : res;
      const body = new BodyCollector(opts.tailBytes);
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBytes) done({ outcome: 'too-large', httpStatus: status, contentType, detail: `body larger than ${maxBytes} bytes` });
        else body.add(chunk);
      });
      stream.on('end', () => {
        const ok = status >= 200 && status < 300;
        done({ outcome: ok ? 'ok' : 'error', httpStatus: status, contentType, body: body.bytes(), detail: ok ? undefined : `HTTP ${status}` });
      });
      stream.on('error', (err) => done({ outcome: gzip ? 'garbled' : 'error', httpStatus: status, detail: describe(err, gzip) }));
      res.on('aborted', () => done({ outcome: 'error', httpStatus: status, detail: 'connection closed mid-body' }));
    });
    req.on('error', (err) => done(networkError(err)));
  });
}

/** Keeps the whole body, or only its last `tail` bytes. */
class BodyCollector {
  private chunks: Buffer[] = [];
  private held = 0;
  constructor(private readonly tail?: number) {}
  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.held += chunk.length;
    if (this.tail === undefined) return;
    while (this.chunks.length > 1 && this.held - this.chunks[0].length >= this.tail) this.held -= this.chunks.shift()!.length;
  }
  bytes(): Uint8Array {
    const all = Buffer.concat(this.chunks);
    return this.tail === undefined || all.length <= this.tail ? all : all.subarray(all.length - this.tail);
  }
}

function networkError(err: Error): Partial {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('HPE_')) return { outcome: 'garbled', detail: `not an HTTP response (${code})` };
  return { outcome: 'error', detail: describe(err, false) };
}

function describe(err: Error, gzip: boolean): string {
  const code = (err as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EHOSTUNREACH: 'host unreachable',
  };
  if (code && known[code]) return known[code];
  return gzip ? `bad gzip body: ${err.message}` : err.message;
}
