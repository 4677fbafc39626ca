/**
 * The admission webhook's HTTPS server (node:https). Routes: POST /validate (warn, or deny with
 * --mode deny), POST /mutate (JSON Patch), POST / (follows --mode), GET /healthz.
 * Bodies are capped, slow clients time out, malformed requests get HTTP 400 with a message, and
 * no request can take the server down (every handler error becomes a 500 answer).
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { review, type AdmissionSettings, type WebhookMode } from '../analysis/k8s/admission.js';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface WebhookServerOptions {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  readonly settings: AdmissionSettings;
  readonly onError?: (message: string) => void;
}

export function createWebhookServer(opts: WebhookServerOptions): Server {
  warmUp(opts.settings);
  const server = createServer({ key: opts.key, cert: opts.cert }, (req, res) => {
    handle(req, res, opts).catch((err) => {
      // A client that went away mid-body is not an internal error; either way, answer if
      // the socket is still there and never let the rejection escape.
      if (!req.destroyed) opts.onError?.(`internal error: ${(err as Error).message}`);
      try {
        answer(res, 500, { message: 'internal error' });
      } catch {
        res.destroy();
      }
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: WebhookServerOptions) {
  const url = new URL(req.url ?? '/', 'https://webhook');
  if (url.pathname === '/healthz') return answer(res, 200, { status: 'ok' });
  const mode = modeFor(url.pathname, opts.settings.mode);
  if (!mode)
    return answer(res, 404, {
      message: `no route ${url.pathname} (POST /validate, /mutate or /; GET /healthz)`,
    });
  if (req.method !== 'POST')
    return answer(res, 405, { message: 'use POST with an AdmissionReview' });
  const body = await readBody(req);
  if (body === 'too-large')
    return answer(res, 413, { message: `body over ${MAX_BODY_BYTES} bytes` });
  const started = performance.now();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    return answer(res, 400, { message: `malformed JSON: ${(err as Error).message}` });
  }
  const result = review(parsed, { ...opts.settings, mode });
  if (!result.ok)
    return answer(res, 400, { message: `malformed AdmissionReview: ${result.message}` });
  const { patch, ...rest } = result.response;
  const response = patch
    ? {
        ...rest,
        patchType: 'JSONPatch',
        patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
      }
    : rest;
  const reviewed = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
  // Server-Timing: the time spent on the review itself, apart from TLS and queueing.
  answer(res, 200, reviewed, {
    'server-timing': `review;dur=${(performance.now() - started).toFixed(3)}`,
  });
}

/** /mutate mutates; /validate warns, or denies when the server runs with --mode deny. */
function modeFor(path: string, mode: WebhookMode): WebhookMode | undefined {
  if (path === '/') return mode;
  if (path === '/mutate') return 'mutate';
  if (path === '/validate') return mode === 'deny' ? 'deny' : 'warn';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client went away before the body was complete'));
    });
  });
}

function answer(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) return res.end();
  const text = JSON.stringify(body);
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
