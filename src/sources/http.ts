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
import { redactUrl } from '../model/url.js';
import { urlCredentials } from './url-credentials.js';

export { redactUrl } from '../model/url.js';
export { takeUrlCredentials } from './url-credentials.js';

export type FetchOutcome = 'ok' | 'not-found' | 'error' | 'timeout' | 'too-large' | 'garbled';

export interface FetchOptions {
  /** Deadline for the whole exchange (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Largest body accepted (after gzip inflation); bigger answers are abandoned (default 16 MiB). */
  readonly maxBytes?: number;
  /** Keep only the last `tailBytes` of the body (e.g. a trailer at the end of a long text). */
  readonly tailBytes?: number;
  readonly acceptGzip?: boolean;
  /**
   * A keep-alive agent for callers that poll the same service (watch, every tick): reusing the
   * connection saves a TCP handshake per request. Default: a new connection, closed after.
   */
  readonly agent?: http.Agent;
  /** Ends the exchange early (outcome "error", detail "stopped"): a watch that is ending. */
  readonly signal?: AbortSignal;
  /** POST `body` instead of a GET (the Prometheus API takes long queries as a form). */
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  /** Extra request headers (a bearer token, a content type); never part of any result. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM certificates to trust for https (a private CA in front of Prometheus). */
  readonly ca?: string;
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
export function fetchLimited(rawUrl: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  const url = redactUrl(rawUrl);
  const target = parseTarget(rawUrl);
  if (typeof target === 'string') {
    return Promise.resolve({ url, outcome: 'error', bytes: 0, ms: 0, detail: target });
  }
  const auth =
    target.username || target.password
      ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`
      : urlCredentials(target.origin);
  target.username = '';
  target.password = '';
  return new Promise((resolve) => {
    const counter = { bytes: 0 };
    let settled = false;
    const done = (r: Partial) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stop);
      // A completed answer leaves its connection to the keep-alive agent; anything else is cut.
      if (!(opts.agent && r.outcome === 'ok')) req.destroy();
      const ms = Math.round(performance.now() - started);
      resolve({ url, bytes: counter.bytes, ms, ...r });
    };
    const timer = setTimeout(
      () => done({ outcome: 'timeout', detail: `no complete answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    const stop = () => done({ outcome: 'error', detail: 'stopped' });
    opts.signal?.addEventListener('abort', stop, { once: true });
    const headers: Record<string, string> = {
      'user-agent': 'gomemlens',
      ...(opts.acceptGzip ? { 'accept-encoding': 'gzip' } : {}),
      ...opts.headers,
    };
    const client = target.protocol === 'https:' ? https : http;
    const method = opts.method ?? 'GET';
    const tls = opts.ca === undefined ? {} : { ca: opts.ca };
    const req = client.request(
      target,
      { method, headers, agent: opts.agent ?? false, auth, ...tls },
      (res) => readResponse(res, opts, counter, done),
    );
    req.on('error', (err) => done(networkError(err)));
    req.end(opts.body);
    if (opts.signal?.aborted) stop();
  });
}

function parseTarget(url: string): URL | string {
  try {
    const target = new URL(url);
    if (target.protocol === 'http:' || target.protocol === 'https:') return target;
    return `bad URL ${redactUrl(url)}: unsupported protocol ${target.protocol}`;
  } catch {
    return `bad URL ${redactUrl(url)}`;
  }
}

/** Streams the body through the size cap (and gunzip when the server gzipped it). */
function readResponse(
  res: http.IncomingMessage,
  opts: FetchOptions,
  counter: { bytes: number },
  done: (r: Partial) => void,
): void {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const httpStatus = res.statusCode ?? 0;
  const contentType = res.headers['content-type'];
  const meta = { httpStatus, contentType };
  if (httpStatus === 404) return done({ outcome: 'not-found', ...meta, detail: 'HTTP 404' });
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    return done({
      outcome: 'too-large',
      ...meta,
      detail: `Content-Length ${declared} > limit ${maxBytes}`,
    });
  }
  const gzip = /\bgzip\b/i.test(String(res.headers['content-encoding'] ?? ''));
  const stream: Readable = gzip ? res.pipe(createGunzip()) : res;
  const body = new BodyCollector(opts.tailBytes);
  stream.on('data', (chunk: Buffer) => {
    counter.bytes += chunk.length;
    if (counter.bytes <= maxBytes) body.add(chunk);
    else done({ outcome: 'too-large', ...meta, detail: `body larger than ${maxBytes} bytes` });
  });
  stream.on('end', () => {
    const ok = httpStatus >= 200 && httpStatus < 300;
    if (ok) done({ outcome: 'ok', ...meta, body: body.bytes() });
    else done({ outcome: 'error', ...meta, body: body.bytes(), detail: `HTTP ${httpStatus}` });
  });
  // A body cut off (the service died while streaming it) comes back with the error: a
  // reader that takes partial input (an execution trace) can still use it.
  stream.on('error', (err) =>
    done(
      gzip
        ? { outcome: 'garbled', ...meta, detail: describe(err, gzip) }
        : { outcome: 'error', ...meta, body: body.bytes(), detail: describe(err, gzip) },
    ),
  );
  res.on('aborted', () =>
    done({ outcome: 'error', ...meta, body: body.bytes(), detail: 'connection closed mid-body' }),
  );
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
    while (this.chunks.length > 1 && this.held - this.chunks[0].length >= this.tail)
      this.held -= this.chunks.shift()!.length;
  }
  bytes(): Uint8Array {
    const all = Buffer.concat(this.chunks);
    return this.tail === undefined || all.length <= this.tail
      ? all
      : all.subarray(all.length - this.tail);
  }
}

function networkError(err: Error): Partial {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('HPE_'))
    return { outcome: 'garbled', detail: `not an HTTP response (${code})` };
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
