/**
 * The admission webhook's HTTPS server (node:https). Routes: POST /validate (warn, or deny with
 * --mode deny), POST /mutate (JSON Patch), POST / (follows --mode), GET /healthz.
 * Limits, as docs/k8s.md states them: a TLS handshake and the request headers must arrive
 * within 5 s, the whole request within 10 s (Node checks both every second here; its default
 * check runs every 30 s, so slow headers held a connection for ~27 s); bodies over 4 MiB get
 * 413, JSON nested deeper than 256 levels 400. Bodies over 64 KiB are reviewed on a worker
 * thread, at most two read at once (the rest wait unread, 32 at most, then 503), so small
 * reviews stay fast while large ones run. Every 5xx answer is logged; no request can take the
 * server down.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { review, type AdmissionSettings, type WebhookMode } from '../analysis/k8s/admission.js';
import { LARGE_BODY_BYTES, MAX_WAITING, ReviewPool } from './k8s-webhook-pool.js';
import { answerReview, type ReviewAnswer } from './k8s-webhook-review.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;

export interface WebhookServerOptions {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  readonly settings: AdmissionSettings;
  readonly onError?: (message: string) => void;
}

export function createWebhookServer(opts: WebhookServerOptions): Server {
  warmUp(opts.settings);
  const { describe: _describe, ...workerSettings } = opts.settings;
  const pool = new ReviewPool(workerSettings);
  const log = (m: string) => opts.onError?.(m);
  const server = createServer(
    {
      key: opts.key,
      cert: opts.cert,
      handshakeTimeout: HEADERS_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      handle(req, res, opts.settings, pool, log).catch((err) => {
        try {
          answer(res, 500, { message: 'internal error' }, log, `${(err as Error).message}`);
        } catch {
          res.destroy();
        }
      });
    },
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);
  server.on('close', () => void pool.close());
  return server;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  settings: AdmissionSettings,
  pool: ReviewPool,
  log: (m: string) => void,
) {
  const url = new URL(req.url ?? '/', 'https://webhook');
  if (url.pathname === '/healthz') return answer(res, 200, { status: 'ok' }, log);
  const mode = modeFor(url.pathname, settings.mode);
  if (!mode)
    return answer(
      res,
      404,
      { message: `no route ${url.pathname} (POST /validate, /mutate or /; GET /healthz)` },
      log,
    );
  if (req.method !== 'POST')
    return answer(res, 405, { message: 'use POST with an AdmissionReview' }, log);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) return tooLarge(req, res, log);
  // Small bodies are reviewed here; large ones (or of unknown length) on the worker.
  if (declared <= LARGE_BODY_BYTES) {
    const body = await readBody(req);
    if (body === 'aborted') return;
    if (body === 'too-large') return tooLarge(req, res, log);
    return send(res, answerReview(body, { ...settings, mode }), log);
  }
  if (!(await pool.acquire()))
    return answer(res, 503, { message: `busy: ${MAX_WAITING} large reviews waiting` }, log);
  try {
    const body = await readBody(req);
    if (body === 'aborted') return;
    if (body === 'too-large') return tooLarge(req, res, log);
    const result = await pool.review(body, mode);
    if (result.error) return answer(res, 500, { message: 'internal error' }, log, result.error);
    send(res, result, log);
  } finally {
    pool.release();
  }
}

/**
 * 413 at once; Node reads and drops the rest of the body (within the request timeout), so
 * the client can finish sending and read the answer.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse, log: (m: string) => void) {
  req.removeAllListeners('data');
  answer(res, 413, { message: `body over ${MAX_BODY_BYTES} bytes` }, log);
}

/** /mutate mutates; /validate warns, or denies when the server runs with --mode deny. */
function modeFor(path: string, mode: WebhookMode): WebhookMode | undefined {
  if (path === '/') return mode;
  if (path === '/mutate') return 'mutate';
  if (path === '/validate') return mode === 'deny' ? 'deny' : 'warn';
  return undefined;
}

/** The body, at most MAX_BODY_BYTES of it; 'aborted' when the client went away first. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    // A request that waited for a slot may have lost its client (or timed out) meanwhile.
    if (req.destroyed) return resolve('aborted');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) resolve('too-large');
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', () => resolve('aborted'));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}

function send(res: ServerResponse, a: ReviewAnswer, log: (m: string) => void) {
  // Server-Timing: the time spent on the review itself, apart from TLS and queueing.
  const timing = { 'server-timing': `review;dur=${a.ms.toFixed(3)}` };
  writeJson(res, a.status, a.text, timing, log);
}

function answer(
  res: ServerResponse,
  status: number,
  body: unknown,
  log: (m: string) => void,
  cause?: string,
) {
  const message = (body as { message?: string }).message;
  writeJson(res, status, JSON.stringify(body), {}, log, cause ?? message);
}

function writeJson(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
  log: (m: string) => void,
  cause?: string,
) {
  if (status >= 500) {
    const req = res.req;
    log(`${status} ${req?.method ?? '?'} ${req?.url ?? '?'}: ${cause ?? text}`);
  }
  if (res.headersSent) return res.end();
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * One review of each kind before listening: the first admission requests then do not pay for
 * loading and compiling the rules (measured in bench/k8s.bench.ts, "cold" round).
 */
function warmUp(settings: AdmissionSettings) {
  const container = {
    name: 'warm-up',
    env: [{ name: 'GOMEMLIMIT', value: '1Gi' }],
    resources: { limits: { memory: '1Gi' } },
  };
  const object = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'warm-up' },
    spec: { containers: [container] },
  };
  const body = {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: { uid: 'warm-up', object },
  };
  for (const mode of ['warn', 'deny', 'mutate'] as const) review(body, { ...settings, mode });
}
