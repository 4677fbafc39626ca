/**
 * The HTTP server of `gomemlens serve` (node:http): the page at /, Server-Sent Events at
 * /events (the WHATWG HTML "server-sent events" format: `event:` and `data:` lines, a blank
 * line per event), and POST /profile?target=ID for the profile button.
 *
 * Safety, for a server that shows a process's memory and can take its profiles:
 *  - A request whose Host header names another host is refused (DNS rebinding: a web page
 *    whose name resolves to 127.0.0.1 would otherwise read the stream).
 *  - POST needs the header `X-Gomemlens-Action: profile`: a cross-origin page cannot send a
 *    custom header without a CORS preflight, which this server never grants.
 *  - A page that stops reading is dropped once 8 MiB of events wait for it (beyond the history
 *    it got on connecting), so memory stays bounded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LiveEvent {
  readonly event: string;
  /** One line of JSON (JSON.stringify never emits a newline). */
  readonly data: string;
}

export interface LiveServerOptions {
  readonly host: string;
  readonly port: number;
  /** The page's HTML and its Content-Security-Policy. */
  readonly page: () => { html: string; csp: string };
  /** Events a page gets first when it connects (the history). */
  readonly initial: () => LiveEvent[];
  /** The profile button; false when there is no such running target. */
  readonly profile: (target: string) => boolean;
}

export interface LiveServer {
  /** "http://127.0.0.1:7070" */
  readonly url: string;
  broadcast(e: LiveEvent): void;
  readonly clients: number;
  close(): Promise<void>;
}

const MAX_PENDING_BYTES = 8 << 20;
const HEARTBEAT_MS = 15_000;

export async function startLiveServer(o: LiveServerOptions): Promise<LiveServer> {
  const clients = new Set<ServerResponse>();
  const allowance = new WeakMap<ServerResponse, number>();
  const server = createServer((req, res) => handle(req, res));
  let allowedHosts: Set<string> = new Set();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase()))
      return answer(res, 403, 'unknown Host header');
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/') {
      const { html, csp } = o.page();
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        'cache-control': 'no-store',
      });
      return void res.end(html);
    }
    if (req.method === 'GET' && url.pathname === '/events') return openStream(res);
    if (req.method === 'POST' && url.pathname === '/profile') {
      if (req.headers['x-gomemlens-action'] !== 'profile')
        return answer(res, 403, 'missing X-Gomemlens-Action: profile');
      const ok = o.profile(url.searchParams.get('target') ?? '');
      return answer(res, ok ? 202 : 404, ok ? 'profile requested' : 'no such running target');
    }
    answer(res, 404, 'not found');
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    clients.add(res);
    res.on('close', () => clients.delete(res));
    // The history is bounded by the history's own limits; it may all wait at first.
    let initial = 0;
    for (const e of o.initial()) initial += write(res, e);
    allowance.set(res, initial + MAX_PENDING_BYTES);
  }

  function send(res: ServerResponse, e: LiveEvent): void {
    if (res.writableLength > (allowance.get(res) ?? MAX_PENDING_BYTES)) {
      clients.delete(res);
      return void res.destroy();
    }
    write(res, e);
  }

  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(o.port, o.host, () => res());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = hostNames(o.host, port);
  const shown = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${shown}:${port}`,
    broadcast: (e) => clients.forEach((c) => send(c, e)),
    get clients() {
      return clients.size;
    },
    close: () => closeServer(server, clients, heartbeat),
  };
}

/** Host headers this server answers: its own address, and localhost on loopback. */
function hostNames(host: string, port: number): Set<string> {
  const names = [host.includes(':') ? `[${host}]` : host];
  if (/^(127\.|::1$|localhost$)/.test(host)) names.push('localhost', '127.0.0.1', '[::1]');
  // Bound to every address: any name this host is reached by (the user chose to expose it).
  const any = host === '0.0.0.0' || host === '::';
  return any ? new AnyHost() : new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
}

class AnyHost extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** Writes one event; returns its size in bytes. */
function write(res: ServerResponse, e: LiveEvent): number {
  const text = `event: ${e.event}\ndata: ${e.data}\n\n`;
  res.write(text);
  return Buffer.byteLength(text);
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

function closeServer(
  server: Server,
  clients: Set<ServerResponse>,
  heartbeat: NodeJS.Timeout,
): Promise<void> {
  clearInterval(heartbeat);
  for (const c of clients) c.end();
  clients.clear();
  return new Promise((res) => {
    server.close(() => res());
    server.closeAllConnections();
  });
}
