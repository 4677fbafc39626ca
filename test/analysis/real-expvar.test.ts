// The breakdown's Go lines on REAL runtime numbers: the leaky demo service's /debug/vars, read
// with plain fetch. Checks our lines against expvar's own fields, and that the runtime's
// MemStats partition (Sys = HeapInuse + HeapIdle + StackSys + ...) holds as the model says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import {
  findLine,
  unflaggedExcess,
  type BreakdownLine,
} from '../../src/analysis/breakdown-line.js';
import { absent, ok } from '../../src/model/observation.js';
import type { MemStats, Snapshot } from '../../src/model/snapshot.js';
import { MiB } from '../../src/model/units.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';

async function realSnapshot(url: string, pid: number): Promise<{ snap: Snapshot; ms: MemStats }> {
  const vars = (await (await fetch(`${url}/debug/vars`)).json()) as { memstats: MemStats };
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
  const snap: Snapshot = {
    takenAt: new Date().toISOString(),
    target: { pid, url },
    runtime: {
      baseUrl: url,
      endpoints: [{ path: '/debug/vars', outcome: 'ok', ms: 1 }],
      memstats: ok(vars.memstats, `${url}/debug/vars`),
      prometheus: ok(
        {
          memstats: {},
          gomemlimitBytes: gauge('go_gc_gomemlimit_bytes'),
          gogcPercent: gauge('go_gc_gogc_percent'),
        },
        `${url}/metrics`,
      ),
    },
    binary: absent(`/proc/${pid}/exe`),
    notes: [],
  };
  return { snap, ms: vars.memstats };
}

const bytes = (root: BreakdownLine, id: string) => findLine(root, id)?.bytes;

test(
  "Go lines of the breakdown equal the leaky service's expvar numbers",
  { skip: goSkipReason('leaky') },
  async (t) => {
    const svc = await startScenario('leaky', {
      args: ['-rate', '256KiB', '-every', '20ms'],
      env: { GOMEMLIMIT: '300MiB', GOGC: '50' },
    });
    t.after(() => svc.stop());
    await new Promise((r) => setTimeout(r, 400)); // let it leak and collect a few times
    const { snap, ms } = await realSnapshot(svc.url!, svc.pid);
    const report = analyzeSnapshot(snap);
    const root = report.breakdown.root;
    assert.ok(ms.HeapInuse > 0 && ms.NumGC > 0, `the service ran its GC (NumGC ${ms.NumGC})`);
    assert.equal(bytes(root, 'go.heap-inuse'), ms.HeapInuse);
    assert.equal(bytes(root, 'go.heap-idle-unreleased'), ms.HeapIdle - ms.HeapReleased);
    assert.equal(bytes(root, 'go.released'), ms.HeapReleased);
    assert.equal(bytes(root, 'go.stacks'), ms.StackSys);
    assert.equal(bytes(root, 'go.gc-metadata'), ms.GCSys + ms.MSpanSys + ms.MCacheSys);
    assert.equal(bytes(root, 'go.other'), ms.OtherSys + ms.BuckHashSys);
    assert.equal(bytes(root, 'go.heap-goal'), ms.NextGC);
    assert.equal(bytes(root, 'go.live-heap'), ms.HeapAlloc);
    assert.equal(bytes(root, 'go.sys'), ms.Sys);
    assert.equal(bytes(root, 'go'), ms.Sys - ms.HeapReleased);
    // The real runtime's numbers partition exactly the way the model assumes.
    const go = findLine(root, 'go')!;
    const parts = go.children
      .filter((c) => c.relation === 'part')
      .reduce((s, c) => s + c.bytes!, 0);
    assert.equal(parts, ms.Sys - ms.HeapReleased);
    assert.deepEqual(unflaggedExcess(root), []);
    // The GOMEMLIMIT in force is the runtime's own value (go_gc_gomemlimit_bytes), from the env.
    assert.equal(report.settings.gomemlimit.bytes, 300 * MiB);
    assert.equal(report.settings.gomemlimit.source, 'go_gc_gomemlimit_bytes');
    assert.equal(report.settings.gogc.percent, 50);
    // The pause rule reads the real ring without error (it fires or not; it must not be skipped).
    assert.equal(
      report.skipped.some((s) => s.rule === 'gc-pause-outlier'),
      false,
    );
  },
);

test(
  'gc-thrashing on a real death spiral: live heap above GOMEMLIMIT',
  { skip: goSkipReason('leaky') },
  async (t) => {
    // A 64 MiB live heap under GOMEMLIMIT=48MiB: the GC cycles constantly and memory passes the limit.
    const svc = await startScenario('leaky', {
      args: ['-initial', '64MiB', '-rate', '64KiB', '-every', '5ms'],
      env: { GOMEMLIMIT: '48MiB' },
    });
    t.after(() => svc.stop());
    await new Promise((r) => setTimeout(r, 1500));
    const { snap, ms } = await realSnapshot(svc.url!, svc.pid);
    const f = analyzeSnapshot(snap).findings.find((x) => x.code === 'gc-thrashing');
    assert.ok(f, `gc-thrashing expected (NumGC ${ms.NumGC}, GCCPUFraction ${ms.GCCPUFraction})`);
    assert.equal(f.severity, 'error');
    assert.equal(f.args.gomemlimit, 48 * MiB);
    assert.equal(f.args.liveHeap, ms.HeapAlloc);
    assert.ok((f.args.gcPerSecond as number) >= 10, `GC rate ${f.args.gcPerSecond}/s`);
  },
);
