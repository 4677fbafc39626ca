// The live server's edges: the CSP header, Host checks against DNS rebinding, the profile
// button's custom header, SSE framing with the history first, and --listen parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startLiveServer } from '../../src/sources/live-server.js';
import { parseListen } from '../../src/cli/serve-listen.js';
import { LIVE_CSP } from '../../src/report/html/live-page.js';

function get(
  url: string,
  o: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((res, rej) => {
    const req = request(url, { method: o.method ?? 'GET', headers: o.headers }, (r) => {
      let body = '';
      r.on('data', (d) => (body += d));
      r.on('end', () => res({ status: r.statusCode!, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

test('page, Host check, profile header, SSE history then records', async (t) => {
  const asked: string[] = [];
  const server = await startLiveServer({
    host: '127.0.0.1',
    port: 0,
    page: () => ({ html: '<p>page</p>', csp: LIVE_CSP }),
    initial: () => [{ event: 'history', data: '{"n":1}' }],
    profile: (id) => (asked.push(id), id === 't1'),
  });
  t.after(() => server.close());
  const page = await get(server.url + '/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-security-policy'], LIVE_CSP);
  assert.match(LIVE_CSP, /default-src 'none'.*connect-src 'self'/);
  const rebound = await get(server.url + '/', { headers: { host: 'evil.example:80' } });
  assert.equal(rebound.status, 403);
  const bare = await get(server.url + '/profile?target=t1', { method: 'POST' });
  assert.equal(bare.status, 403);
  const headers = { 'x-gomemlens-action': 'profile' };
  assert.equal(
    (await get(server.url + '/profile?target=t1', { method: 'POST', headers })).status,
    202,
  );
  assert.equal(
    (await get(server.url + '/profile?target=t9', { method: 'POST', headers })).status,
    404,
  );
  assert.deepEqual(asked, ['t1', 't9']);
  const text = await new Promise<string>((res, rej) => {
    const req = request(server.url + '/events', (r) => {
      let body = '';
      r.on('data', (d) => {
        body += d;
        if (body.includes('"n":2')) {
          req.destroy();
          res(body);
        }
      });
      setTimeout(() => server.broadcast({ event: 'record', data: '{"n":2}' }), 100);
    });
    req.on('error', rej);
    req.end();
  });
  assert.equal(text, 'event: history\ndata: {"n":1}\n\nevent: record\ndata: {"n":2}\n\n');
});

test('--listen: loopback by default and quietly; any other address warns', () => {
  assert.deepEqual(parseListen(undefined), { host: '127.0.0.1', port: 7070, warning: undefined });
  assert.deepEqual(parseListen(':0'), { host: '127.0.0.1', port: 0, warning: undefined });
  assert.equal(parseListen('[::1]:8080').host, '::1');
  assert.match(parseListen('0.0.0.0:7070').warning ?? '', /anyone who can reach it/);
  assert.throws(() => parseListen('7070'), /HOST:PORT/);
  assert.throws(() => parseListen('127.0.0.1:70000'), /HOST:PORT/);
});

test('a page that stops reading is dropped; one that reads keeps up', async (t) => {
  const server = await startLiveServer({
    host: '127.0.0.1',
    port: 0,
    page: () => ({ html: '', csp: LIVE_CSP }),
    initial: () => [{ event: 'history', data: 'x'.repeat(4 << 20) }],
    profile: () => false,
  });
  t.after(() => server.close());
  const stuck = request(server.url + '/events', (r) => r.pause());
  stuck.on('error', () => undefined);
  stuck.end();
  t.after(() => stuck.destroy());
  let read = 0;
  const reader = request(server.url + '/events', (r) => r.on('data', (d) => (read += d.length)));
  reader.on('error', () => undefined);
  reader.end();
  t.after(() => reader.destroy());
  while (server.clients < 2) await new Promise((r) => setTimeout(r, 20));
  const chunk = 'y'.repeat(64 << 10);
  // 64 MiB in all: far past what the kernel's socket buffers and the allowance hold.
  for (let i = 0; i < 1024 && server.clients > 1; i++) {
    server.broadcast({ event: 'record', data: chunk });
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(server.clients, 1, 'the stuck page was dropped, the reading one kept');
  assert.ok(read > 4 << 20, `the reading page got ${read} bytes`);
});
