/**
 * The exporter's HTTP side: GET /metrics (the text exposition; gzipped when the scraper asks, as
 * Prometheus does), GET /profiles/<key>/<file> (a stored pre-OOM profile: `go tool pprof URL`
 * reads it), GET /profiles/ (their list), GET / (the status page: what is followed and what is
 * missing) and GET /healthz. Slow clients time out; nothing a client sends is kept.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Exporter } from '../app/exporter.js';
import { exporterRows, statusText } from '../app/exporter-view.js';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '../report/prom-exposition.js';

/** Headers and a whole request must arrive within these (slowloris). */
const HEADERS_TIMEOUT_MS = 5000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One answer per sampling cycle, however many scrape it (an HA pair of Prometheus servers),
 * built when the cycle ends: a scrape only sends bytes that are ready.
 */
function exposition(e: Exporter) {
  let lastRenderMs = 0;
  let cached: { cycle: number; text: string; gzipped: Buffer } | undefined;
  const build = () => {
    const started = performance.now();
    const text = renderExposition(exporterRows(e, lastRenderMs));
    cached = { cycle: e.counters.cycles, text, gzipped: gzipSync(text, { level: 1 }) };
    lastRenderMs = performance.now() - started;
  };
  e.onCycle = build;
  return () => {
    if (cached?.cycle !== e.counters.cycles) build();
    return cached!;
  };
}

export function createExporterServer(e: Exporter): http.Server {
  const current = exposition(e);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only\n');
    if (url.pathname === '/metrics') {
      const { text, gzipped } = current();
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (!gzip) return send(res, 200, text, EXPOSITION_CONTENT_TYPE);
      return send(res, 200, gzipped, EXPOSITION_CONTENT_TYPE, true);
    }
    if (url.pathname === '/healthz') return send(res, 200, 'ok\n');
    if (url.pathname === '/') return send(res, 200, statusText(e));
    if (url.pathname === '/profiles' || url.pathname === '/profiles/')
      return send(res, 200, profileList(e));
    if (url.pathname.startsWith('/profiles/'))
      return void serveProfile(e, url.pathname.slice(10), res);
    send(res, 404, 'not found: try /metrics, /profiles/ or /\n');
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}

function profileList(e: Exporter): string {
  const store = e.deps.profiles?.store;
  if (!store) return 'pre-OOM profiles are off (no --profile-dir)\n';
  const files = [...store.list()].sort((a, b) => b.t - a.t);
  return (
    files.map((f) => `${new Date(f.t).toISOString()} ${f.bytes} /profiles/${f.path}`).join('\n') +
    '\n'
  );
}

async function serveProfile(e: Exporter, path: string, res: http.ServerResponse): Promise<void> {
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return send(res, 400, 'bad path\n');
  }
  const bytes = await e.deps.profiles?.store.read(name);
  if (!bytes) return send(res, 404, 'no such profile\n');
  const type = path.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/octet-stream';
  send(res, 200, bytes, type);
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Uint8Array,
  type = 'text/plain; charset=utf-8',
  gzip = false,
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(body);
}
