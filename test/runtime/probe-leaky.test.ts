// probeRuntime against the real leaky demo service: every endpoint answers, the numbers hold
// together, /metrics and expvar agree in the same second, go_info matches the binary, and
// promtool accepts the /metrics page we parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { probeRuntime } from '../../src/sources/runtime.js';
import { fetchLimited } from '../../src/sources/http.js';
import { readBinaryInfo } from '../../src/sources/binary.js';
import { hostFs } from '../../src/sources/hostfs.js';
import { parsePromText } from '../../src/formats/prom-text.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';

const skip = goSkipReason('leaky');

test('probeRuntime on the leaky service', { skip, timeout: 30_000 }, async (t) => {
  const s = await startScenario('leaky', { args: ['-rate', '64KiB', '-initial', '8MiB'] });
  t.after(() => s.stop());
  const r = await probeRuntime(s.url!);
  assert.deepEqual(
    r.endpoints.map((e) => [e.path, e.outcome, e.httpStatus]),
    [
      ['/debug/vars', 'ok', 200],
      ['/debug/pprof/heap?debug=1', 'ok', 200],
      ['/metrics', 'ok', 200],
      ['/debug/gomemlens', 'not-found', 404],
    ],
  );
  for (const e of r.endpoints)
    assert.ok(e.ms >= 0 && e.ms < 5000 && e.bytes! >= 0, JSON.stringify(e));
  assert.match(r.cmdline![0], /leaky$/);

  assert.equal(r.memstats.status, 'ok');
  assert.equal(r.memstats.source, s.url + '/debug/vars');
  const m = r.memstats.status === 'ok' ? r.memstats.value : assert.fail();
  assert.ok(m.HeapInuse <= m.HeapSys && m.HeapReleased <= m.HeapIdle);
  assert.ok(m.Sys >= m.HeapSys + m.StackSys);
  assert.ok(m.HeapAlloc >= 8 << 20, `the 8 MiB initial block is live: HeapAlloc ${m.HeapAlloc}`);
  assert.ok(m.NextGC > 0 && m.NumGC >= 0 && m.PauseNs!.length === 256);

  const p =
    r.prometheus.status === 'ok' ? r.prometheus.value : assert.fail(JSON.stringify(r.prometheus));
  // Both pages were served within a few ms of each other; the leak adds 64 KiB per 100 ms.
  const inuse = p.memstats.heap_inuse_bytes!;
  assert.ok(Math.abs(inuse - m.HeapInuse) <= 2 << 20, `metrics ${inuse} vs expvar ${m.HeapInuse}`);
  assert.ok(
    Math.abs(p.memstats.sys_bytes! - m.Sys) <= 4 << 20,
    `metrics Sys ${p.memstats.sys_bytes} vs expvar ${m.Sys}`,
  );
  assert.equal(p.gogcPercent, 100);
  assert.equal(p.gomemlimitBytes, 2 ** 63); // math.MaxInt64 as a float64: no limit set
  assert.ok(p.gomaxprocs! >= 1 && p.goroutines! >= 1);
  assert.ok(
    Math.abs(p.gcDuration!.count - m.NumGC) <= 2,
    `go_gc_duration_seconds_count ${p.gcDuration!.count} vs NumGC ${m.NumGC}`,
  );

  const bin = await readBinaryInfo(hostFs(), `/proc/${s.pid}/exe`);
  assert.ok(bin.status === 'ok' && bin.value.isGo);
  assert.equal(p.goVersion, bin.value.buildInfo.goVersion);
});

test(
  'gomemlimit and GOGC from the environment show in /metrics',
  { skip, timeout: 30_000 },
  async (t) => {
    const s = await startScenario('leaky', {
      args: ['-rate', '1KiB'],
      env: { GOMEMLIMIT: '300MiB', GOGC: '50' },
    });
    t.after(() => s.stop());
    const r = await probeRuntime(s.url!);
    const p = r.prometheus.status === 'ok' ? r.prometheus.value : assert.fail();
    assert.equal(p.gomemlimitBytes, 300 * 2 ** 20);
    assert.equal(p.gogcPercent, 50);
  },
);

test(
  'promtool accepts the /metrics page that parsePromText read',
  {
    skip:
      skip ??
      (spawnSync('promtool', ['--version']).status !== 0 &&
        'promtool not installed (apt-get install prometheus)'),
  },
  async (t) => {
    const s = await startScenario('leaky', { args: ['-rate', '1KiB'] });
    t.after(() => s.stop());
    const res = await fetchLimited(s.url + '/metrics');
    const text = new TextDecoder().decode(res.body);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const fams = parsePromText(text);
    const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
    assert.equal(
      fams.reduce((n, f) => n + f.samples.length, 0),
      lines,
      'every sample line is read',
    );
    assert.equal(fams.find((f) => f.name === 'go_gc_duration_seconds')?.type, 'summary');
  },
);
