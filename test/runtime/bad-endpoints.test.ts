// fetchLimited and probeRuntime against misbehaving servers on 127.0.0.1: silent, stalling,
// junk, HTML, endless bodies, gzip bombs, refused connections, partial 404s, and a server
// process that dies mid-answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import { fetchLimited } from '../../src/sources/http.js';
import { probeRuntime } from '../../src/sources/runtime.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A server on 127.0.0.1 for one test; closed (with its sockets) when the test ends. */
async function serve(t: { after(fn: () => unknown): void }, handler: Handler): Promise<string> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

test('a server that never answers times out within the deadline', async (t) => {
  const url = await serve(t, () => undefined);
  const r = await fetchLimited(url + '/debug/vars', { timeoutMs: 300 });
  assert.equal(r.outcome, 'timeout');
  assert.ok(r.ms >= 290 && r.ms < 1000, `${r.ms} ms`);
});

test('headers then a stall mid-body times out too', async (t) => {
  const partial = '{"memstats": {"Alloc": 1';
  const url = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(partial);
  });
  const r = await fetchLimited(url, { timeoutMs: 300 });
  assert.equal(r.outcome, 'timeout');
  assert.equal(r.bytes, partial.length);
  assert.ok(r.ms < 1000);
});

test('an endless 2 GB body is abandoned at the cap, quickly and without buffering it', async (t) => {
  const chunk = Buffer.alloc(64 << 10, 0x61);
  let sent = 0;
  const url = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const pump = () => {
      while (sent < 2 ** 31 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  global.gc?.();
  const before = process.memoryUsage().rss;
  const r = await fetchLimited(url + '/metrics', { maxBytes: 16 << 20 });
  const grew = process.memoryUsage().rss - before;
  assert.equal(r.outcome, 'too-large');
  assert.ok(r.bytes > 16 << 20 && r.bytes < 32 << 20, `${r.bytes} bytes`);
  assert.ok(r.ms < 3000, `${r.ms} ms`);
  assert.ok(grew < 200 << 20, `RSS grew ${grew >> 20} MiB`);
  assert.ok(sent < 2 ** 30, `server sent ${sent >> 20} MiB before the client hung up`);
});

test('a declared Content-Length over the cap is refused before reading', async (t) => {
  const url = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-length': String(2 ** 31) });
    res.write('x');
  });
  const r = await fetchLimited(url, { maxBytes: 1 << 20 });
  assert.deepEqual([r.outcome, r.bytes], ['too-large', 0]);
});

test('gzip is inflated only up to the cap (a gzip bomb is too large, not an OOM)', async (t) => {
  const bomb = gzipSync(Buffer.alloc(64 << 20));
  const url = await serve(t, (req, res) => {
    assert.equal(req.headers['accept-encoding'], 'gzip');
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.end(bomb);
  });
  const r = await fetchLimited(url, { maxBytes: 8 << 20, acceptGzip: true });
  assert.equal(r.outcome, 'too-large');
  const small = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.end(gzipSync('hello'));
  });
  const ok = await fetchLimited(small, { acceptGzip: true });
  assert.equal(new TextDecoder().decode(ok.body), 'hello');
});

test('connection refused and a non-HTTP answer are clear outcomes', async (t) => {
  const server = net.createServer((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const port = (server.address() as net.AddressInfo).port;
  const garbled = await fetchLimited(`http://127.0.0.1:${port}/metrics`);
  assert.equal(garbled.outcome, 'garbled', garbled.detail);
  const closed = net.createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const freePort = (closed.address() as net.AddressInfo).port;
  closed.close();
  const refused = await fetchLimited(`http://127.0.0.1:${freePort}/metrics`);
  assert.deepEqual([refused.outcome, refused.detail], ['error', 'connection refused']);
  assert.equal((await fetchLimited('ftp://127.0.0.1/x')).outcome, 'error');
});

test('probeRuntime: junk JSON, HTML and 404s give a partial result saying which answered', async (t) => {
  const url = await serve(t, (req, res) => {
    if (req.url === '/debug/vars')
      return void res.end('<html><body>Not the vars you want</body></html>');
    if (req.url === '/metrics')
      return void res.end(
        '# TYPE go_goroutines gauge\ngo_goroutines 7\ngo_info{version="go1.22.1"} 1\n',
      );
    if (req.url === '/debug/gomemlens') return void res.end('{"agent": true');
    res.writeHead(404).end('404 page not found\n');
  });
  const r = await probeRuntime(url, { timeoutMs: 2000 });
  assert.deepEqual(
    r.endpoints.map((e) => [e.path, e.outcome]),
    [
      ['/debug/vars', 'garbled'],
      ['/debug/pprof/heap?debug=1', 'not-found'],
      ['/metrics', 'ok'],
      ['/debug/gomemlens', 'garbled'],
    ],
  );
  assert.match(r.endpoints[0].detail!, /not a JSON object/);
  assert.equal(r.memstats.status, 'unreadable');
  assert.match(
    (r.memstats as { reason: string }).reason,
    /\/debug\/vars: .*not a JSON object.*heap\?debug=1 not found/,
  );
  assert.equal(r.prometheus.status, 'ok');
  assert.equal(r.prometheus.status === 'ok' && r.prometheus.value.goVersion, 'go1.22.1');
  assert.equal(r.agentJson, undefined);
});

test('probeRuntime: the heap trailer stands in for a missing /debug/vars; agent JSON is kept', async (t) => {
  const trailer = [
    '# runtime.MemStats',
    ...'Alloc TotalAlloc Sys Mallocs Frees HeapAlloc HeapSys HeapIdle HeapInuse HeapReleased HeapObjects BuckHashSys GCSys OtherSys NextGC LastGC NumGC NumForcedGC GCCPUFraction'
      .split(' ')
      .map((k, i) => `# ${k} = ${i + 1}`),
    '# Stack = 1 / 2',
    '# MSpan = 3 / 4',
    '# MCache = 5 / 6',
    '# PauseNs = [5 6]',
    '# DebugGC = false',
  ];
  const url = await serve(t, (req, res) => {
    if (req.url === '/debug/pprof/heap?debug=1')
      return void res.end(
        'heap profile: 0: 0 [0: 0] @ heap/1048576\n\n' + trailer.join('\n') + '\n',
      );
    if (req.url === '/debug/gomemlens') return void res.end('{"version": 1}');
    res.writeHead(404).end();
  });
  const r = await probeRuntime(url + '/');
  assert.equal(r.baseUrl, url);
  assert.equal(r.memstats.status, 'ok');
  assert.equal(r.memstats.source, url + '/debug/pprof/heap?debug=1');
  assert.equal(r.memstats.status === 'ok' && r.memstats.value.HeapInuse, 9);
  assert.equal(r.prometheus.status, 'absent');
  assert.equal(r.agentJson, '{"version": 1}');
});

test('probeRuntime: a hung endpoint costs its own deadline, not the others', async (t) => {
  const url = await serve(t, (req, res) => {
    if (req.url === '/metrics') return; // hangs
    res.writeHead(404).end();
  });
  const started = performance.now();
  const r = await probeRuntime(url, { timeoutMs: 400 });
  const ms = performance.now() - started;
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(r.endpoints.find((e) => e.path === '/metrics')?.outcome, 'timeout');
  assert.equal(r.prometheus.status, 'unreadable');
});

test('a server process that dies mid-answer gives an error, not a hang', async (t) => {
  const script = `
    const http = require('node:http');
    const s = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('# TYPE go_goroutines gauge\\n');
      setTimeout(() => process.exit(3), 50);
    });
    s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = /listening on (\S+)/.exec(line.toString())![1];
  const r = await probeRuntime(url, { timeoutMs: 3000 });
  const metrics = r.endpoints.find((e) => e.path === '/metrics')!;
  assert.equal(metrics.outcome, 'error', JSON.stringify(r.endpoints));
  assert.ok(metrics.ms < 2000);
  assert.equal(r.memstats.status, 'unreadable');
});

test('probeRuntime: a metrics page without go_* series and junk JSON at /debug/vars', async (t) => {
  const url = await serve(t, (req, res) => {
    if (req.url === '/metrics')
      return void res.end('# TYPE http_requests_total counter\nhttp_requests_total 9\n');
    if (req.url === '/debug/vars') return void res.end('{"memstats": {"Alloc": 1,,}');
    res.writeHead(404).end();
  });
  const r = await probeRuntime(url);
  const byPath = Object.fromEntries(r.endpoints.map((e) => [e.path, e]));
  assert.equal(byPath['/metrics'].outcome, 'ok');
  assert.equal(byPath['/metrics'].detail, 'no go_* series');
  assert.deepEqual(r.prometheus, {
    status: 'absent',
    source: url + '/metrics',
    note: 'no go_* series',
  });
  assert.equal(byPath['/debug/vars'].outcome, 'garbled');
  assert.match(byPath['/debug/vars'].detail!, /invalid JSON/);
  assert.equal(r.memstats.status, 'unreadable');
});

test('a 100 MB heap profile is streamed for its trailer without being held in memory', async (t) => {
  const line = Buffer.from(
    '1: 4096 [1: 4096] @ 0x4862d3 0x48a929 0x68f06c 0x68f04a 0x4524f5 0x48fcc1\n'.repeat(800),
  );
  const fields =
    'Alloc TotalAlloc Sys Mallocs Frees HeapAlloc HeapSys HeapIdle HeapInuse HeapReleased HeapObjects BuckHashSys GCSys OtherSys NextGC LastGC NumGC NumForcedGC GCCPUFraction';
  const trailer = [
    '# runtime.MemStats',
    ...fields.split(' ').map((k) => `# ${k} = 7`),
    '# Stack = 1 / 2',
    '# MSpan = 3 / 4',
    '# MCache = 5 / 6',
    '',
  ].join('\n');
  const url = await serve(t, (req, res) => {
    if (req.url !== '/debug/pprof/heap?debug=1') return void res.writeHead(404).end();
    let sent = 0;
    const pump = () => {
      while (sent < 100e6) {
        sent += line.length;
        if (!res.write(line)) return void res.once('drain', pump);
      }
      res.end('\n' + trailer);
    };
    pump();
  });
  const before = process.memoryUsage().rss;
  const r = await probeRuntime(url, { timeoutMs: 10_000 });
  const grew = process.memoryUsage().rss - before;
  const heap = r.endpoints.find((e) => e.path.startsWith('/debug/pprof/heap'))!;
  assert.equal(heap.outcome, 'ok', heap.detail);
  assert.ok(heap.bytes! > 100e6);
  assert.equal(r.memstats.status === 'ok' && r.memstats.value.HeapInuse, 7);
  assert.ok(grew < 60 << 20, `RSS grew ${grew >> 20} MiB for a ${heap.bytes! >> 20} MiB body`);
});
