import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCapture, type Capture } from '../../src/formats/capture.js';
import { calibrateCapture } from '../../src/analysis/gc-calibrate.js';

function read(path: string): Capture {
  const r = parseCapture(readFileSync(path));
  assert.equal(r.kind, 'capture');
  return (r as { capture: Capture }).capture;
}

test('a capture keeps the GC model inputs of its samples and its gctrace records', () => {
  const c = read('testdata/advise/gcload-gogc100.ndjson');
  assert.equal(c.gctrace.length, 15);
  assert.match(c.gctrace[0].lines[0], /^gc \d+ @[\d.]+s /);
  const go = c.samples[5].go!;
  for (const k of [
    'totalAlloc',
    'gcCpuSeconds',
    'cpuSeconds',
    'userCpuSeconds',
    'gomaxprocs',
    'stackScan',
    'globalsScan',
  ] as const)
    assert.equal(typeof go[k], 'number', k);
  assert.deepEqual(c.notes, []);
});

test('a capture written before them still reads, without gctrace records', () => {
  const c = read('testdata/watch/leaky-oom.ndjson');
  assert.deepEqual(c.gctrace, []);
  assert.ok(c.samples.length > 40);
  assert.equal(c.samples[3].go?.totalAlloc, undefined);
});

test('calibration of the real capture: rates, live heap without floating garbage, cost, sources', () => {
  const c = read('testdata/advise/gcload-gogc100.ndjson');
  const cal = calibrateCapture(c);
  assert.ok(!('error' in cal), 'error' in cal ? cal.error : '');
  if ('error' in cal) return;
  const w = cal.workload;
  const MiB = 2 ** 20;
  // gcload -rate 128MiB: /gc/heap/allocs counts the size classes and the churn (about 136 MiB/s).
  assert.ok(w.allocRate > 120 * MiB && w.allocRate < 150 * MiB, String(w.allocRate / MiB));
  // -live 64MiB plus the leaves and the rings: 64-72 MiB once marking's allocation is taken out.
  assert.ok(w.live > 60 * MiB && w.live < 76 * MiB, String(w.live / MiB));
  assert.equal(w.gomaxprocs, 2);
  assert.ok(w.cost.perByte > 0 && w.cost.fixed > 0 && w.cost.fixed < 0.01);
  assert.equal(w.markJitter.length, 15);
  assert.equal(
    cal.sources.gcCpu,
    '/cpu/classes/gc/total (go_cpu_classes_gc_total_cpu_seconds_total) per NumGC',
  );
  assert.equal(cal.observed.gogc, 100);
  assert.equal(cal.observed.gomemlimit, undefined);
  // gcload's 1 KiB objects: most of what a GC sweeps stays as free slots in spans still in use
  // (0.65-0.77 in the captures of testdata/advise/grid*, and by sampling runtime/metrics).
  assert.ok(w.sweptInSpans! > 0.5 && w.sweptInSpans! < 0.9, String(w.sweptInSpans));
});

test('a capture without samples between a sweep and the refill: swept garbage as free pages, noted', () => {
  const c = read('testdata/advise/gcload-gogc100.ndjson');
  const none = calibrateCapture({ ...c, samples: c.samples.map(noUnused) });
  if ('error' in none) return assert.fail(none.error);
  assert.equal(none.workload.sweptInSpans, 0);
  assert.ok(
    none.notes.some((n) => /swept garbage taken as returned pages/.test(n)),
    none.notes.join('; '),
  );
});

/** A sample whose spans hold no free slots (HeapInuse = HeapAlloc). */
function noUnused(s: Capture['samples'][number]): Capture['samples'][number] {
  return s.go ? { ...s, go: { ...s.go, heapInuse: s.go.heapAlloc } } : s;
}

test('a target that shares its cgroup with other processes gets a note: their memory counts', () => {
  const c = read('testdata/advise/gcload-gogc100.ndjson');
  const alone = calibrateCapture(c);
  assert.ok(!('error' in alone) && !alone.notes.some((n) => n.includes('processes')));
  const last = c.snapshots[c.snapshots.length - 1];
  const cg = last.snapshot.cgroup;
  assert.ok(cg?.status === 'ok' && cg.value.procs.status === 'ok');
  assert.equal(cg.value.procs.value.length, 1);
  const procs = { ...cg.value.procs, value: [...cg.value.procs.value, 4242, 4343] };
  const snapshot = { ...last.snapshot, cgroup: { ...cg, value: { ...cg.value, procs } } };
  const shared = calibrateCapture({ ...c, snapshots: [...c.snapshots, { ...last, snapshot }] });
  assert.ok(!('error' in shared));
  assert.match(shared.notes.join('\n'), /cgroup holds 3 processes .*cgroup\.procs\)/);
});
