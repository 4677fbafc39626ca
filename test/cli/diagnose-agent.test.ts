// diagnose prefers the in-process agent's runtime/metrics (no stop-the-world) to expvar, and
// its numbers agree with expvar's MemStats read in the same moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import type { BreakdownLine } from '../../src/analysis/breakdown.js';
import { MiB } from '../../src/model/units.js';
import { cgroupSkipReason, createTestCgroup } from '../support/cgroup.js';
import { runCli } from '../support/cli.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';

function find(line: BreakdownLine, id: string): BreakdownLine | undefined {
  if (line.id === id) return line;
  for (const c of line.children) {
    const hit = find(c, id);
    if (hit) return hit;
  }
  return undefined;
}

test(
  'diagnose reads Go memory from /debug/gomemlens when the agent is there',
  { skip: goSkipReason('agent-demo') ?? cgroupSkipReason() },
  async (t) => {
    const cg = createTestCgroup('diag-agent');
    t.after(() => cg.remove());
    cg.setLimit(200 * MiB);
    const svc = await startScenario('agent-demo', {
      args: ['-ballast', '16777216'],
      cgroupDir: cg.dir,
    });
    t.after(() => svc.stop());
    await new Promise((r) => setTimeout(r, 300));
    const r = await runCli(['diagnose', '--pid', String(svc.pid), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as DiagnoseReport;
    const heap = find(report.breakdown.root, 'go.heap-inuse');
    assert.ok(heap, 'heap in use line');
    assert.match(heap.source, /\/debug\/gomemlens \/memory\/classes\/heap\/objects:bytes/);
    const ms = report.snapshot.runtime?.memstats;
    assert.ok(ms?.status === 'ok');
    // Same process, a few ms apart, idle apart from its HTTP handlers: within 1 MiB.
    assert.ok(
      Math.abs((heap.bytes ?? 0) - ms.value.HeapInuse) < MiB,
      `${heap.bytes} vs ${ms.value.HeapInuse}`,
    );
    // The agent set GOMEMLIMIT to 0.9 x 200 MiB from the cgroup; diagnose sees it in force.
    assert.equal(report.settings.gomemlimit.bytes, Math.floor(0.9 * 200 * MiB));
    assert.ok(!report.findings.some((f) => f.code === 'gomemlimit-unset'));
  },
);
