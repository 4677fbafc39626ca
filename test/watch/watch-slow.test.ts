// watch against endpoints that hang, drip or bomb, in front of a real Go service (steady):
// a node proxy on 127.0.0.1 passes /debug/vars and /metrics through and misbehaves on the
// rest. Sampling must go on at the interval, --duration must hold, bombs must not be stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type net from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { goSkipReason, startScenario, type RunningScenario } from '../support/go-scenario.js';
import { runHostile } from '../hostile/support.js';
import { parseCapture, type Capture } from '../../src/formats/capture.js';

const skip = goSkipReason('steady');
type Mode = 'hang-pprof' | 'drip' | 'bomb';

/** A proxy to `upstream` that misbehaves as `mode` says; closed when the test ends. */
async function proxy(t: { after(fn: () => unknown): void }, upstream: string, mode: Mode) {
  const bomb = mode === 'bomb' ? gzipSync(Buffer.alloc(1 << 30)) : undefined; // 1 GiB -> 1 MiB
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (mode === 'drip') {
      res.writeHead(200); // a byte every 100 ms, forever
      const timer = setInterval(() => res.write('x'), 100);
      return res.on('close', () => clearInterval(timer));
    }
    if (path.startsWith('/debug/pprof/') && mode === 'hang-pprof') return;
    if (path.startsWith('/debug/pprof/heap') && bomb) return res.end(bomb);
    http
      .get(upstream + path, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      })
      .on('error', () => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

async function watchThrough(
  t: { after(fn: () => unknown): void },
  svc: RunningScenario,
  mode: Mode,
  flags: string[],
) {
  const url = await proxy(t, svc.url!, mode);
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-watch-slow-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const args = ['watch', '--url', url, '--out', '{dir}/c.ndjson', ...flags];
  const run = await runHostile({ name: mode, args, expectCode: 0, timeoutMs: 40_000 }, dir);
  const parsed = parseCapture(readFileSync(join(dir, 'c.ndjson')));
  assert.equal(parsed.kind, 'capture', run.stderr);
  return { run, capture: (parsed as { capture: Capture }).capture };
}

function largestGapMs(c: Capture): number {
  const ts = c.samples.map((s) => s.t);
  return Math.max(...ts.slice(1).map((t, i) => t - ts[i]));
}

test('watch: slow endpoints never stop sampling, --duration is a deadline', { skip }, async (t) => {
  const svc = await startScenario('steady', { args: ['-retain', '8MiB'] });
  t.after(() => svc.stop());

  await t.test('hanging /debug/pprof: a sample every 500 ms for 8 s', async (t) => {
    const { run, capture: c } = await watchThrough(t, svc, 'hang-pprof', [
      ...['--interval', '500ms', '--duration', '8s'],
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.ms < 8000 + 500 + 1500, `ran ${run.ms} ms`);
    assert.ok(c.samples.length >= 14, `${c.samples.length} samples`);
    assert.ok(largestGapMs(c) < 1000, `gap of ${largestGapMs(c)} ms`);
    assert.ok(
      c.samples.every((s) => s.go?.heapInuse !== undefined),
      'every tick read the runtime',
    );
    assert.equal(c.end?.why, 'duration');
    assert.match(c.end?.inFlight?.join() ?? '', /\/debug\/pprof\/heap/);
    assert.match(run.stderr, /still in flight/);
  });

  await t.test('a slow-drip server: 6 s asked, at most ~1 interval more', async (t) => {
    const { run, capture: c } = await watchThrough(t, svc, 'drip', [
      ...['--pid', String(svc.pid), '--duration', '6s'],
    ]);
    assert.ok(run.ms < 6000 + 1000 + 1500, `ran ${run.ms} ms`);
    assert.ok(c.samples.length >= 5, `${c.samples.length} samples`);
    assert.ok(
      c.samples.every((s) => s.proc?.rss !== undefined),
      'the process was read each tick',
    );
    assert.equal(c.end?.why, 'duration');
  });

  await t.test('a gzip bomb heap profile is refused, not stored', async (t) => {
    const { run, capture: c } = await watchThrough(t, svc, 'bomb', ['--duration', '3s']);
    assert.match(run.stdout, /profile heap failed: .*refused, inflates to more than 32 MiB/);
    assert.equal(c.profiles.filter((p) => p.kind === 'heap').length, 0);
    assert.ok(
      c.profiles.some((p) => p.kind === 'goroutine'),
      'the goroutine profile is kept',
    );
    assert.ok(run.peakRssBytes! < 200 << 20, `peak RSS ${run.peakRssBytes! >> 20} MiB`);
  });
});
