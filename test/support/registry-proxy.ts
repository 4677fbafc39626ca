/**
 * An authenticating front for the crane registry, for the auth tests: /v2/ answers 401 with a
 * Bearer challenge until a token from /token (which wants HTTP Basic alice:s3cret) comes back,
 * and blob GETs are redirected to a second origin (like a registry's storage host) that
 * records whether the registry's Authorization header reached it. Requests are counted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const USER = 'alice';
export const PASSWORD = 's3cret';
const TOKEN = 'tok-5f1d';

export interface AuthProxy {
  readonly host: string;
  /** Requests that reached the storage origin with an Authorization header. */
  readonly leakedAuth: string[];
  readonly tokenRequests: number;
  close(): Promise<void>;
}

export async function startAuthProxy(upstream: string): Promise<AuthProxy> {
  const leakedAuth: string[] = [];
  let tokenRequests = 0;
  const storage = await listen((req, res) => {
    if (req.headers.authorization) leakedAuth.push(`${req.url} ${req.headers.authorization}`);
    forward(upstream, req, res);
  });
  const front = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      tokenRequests++;
      const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      if (req.headers.authorization !== basic) return send(res, 401, '{"errors":[]}');
      return send(res, 200, JSON.stringify({ token: TOKEN, expires_in: 300 }));
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      const realm = `http://127.0.0.1:${port(front)}/token`;
      res.setHeader(
        'www-authenticate',
        `Bearer realm="${realm}",service="test-registry",scope="repository:shop/api:pull"`,
      );
      return send(res, 401, '{"errors":[{"code":"UNAUTHORIZED"}]}');
    }
    if (url.pathname.includes('/blobs/')) {
      res.setHeader('location', `http://localhost:${port(storage)}${url.pathname}`);
      return send(res, 307, '');
    }
    forward(upstream, req, res);
  });
  return {
    host: `127.0.0.1:${port(front)}`,
    leakedAuth,
    get tokenRequests() {
      return tokenRequests;
    },
    close: async () => {
      await Promise.all([front, storage].map((s) => new Promise((r) => s.close(r))));
    },
  };
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

function port(s: http.Server): number {
  return (s.address() as AddressInfo).port;
}

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

function forward(upstream: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const out = http.get(
    `http://${upstream}${req.url}`,
    { headers: { accept: req.headers.accept ?? '*/*' } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  out.on('error', () => res.writeHead(502).end());
}
