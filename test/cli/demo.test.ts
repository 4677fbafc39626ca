// `npm run demo` as a new user runs it: live where Go and cgroups exist, recorded otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import { MiB } from '../../src/model/units.js';
import { cgroupSkipReason } from '../support/cgroup.js';
import { runCli } from '../support/cli.js';

test(
  'the demo diagnoses the leaky service in a 256 MiB cgroup, then cleans up',
  { skip: cgroupSkipReason() },
  async () => {
    const r = await runCli(['demo', '--wait', '1', '--json'], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as DiagnoseReport;
    const cg = report.snapshot.cgroup;
    assert.ok(cg?.status === 'ok');
    const eff = cg.value.effectiveLimit;
    assert.ok(eff.status === 'ok' && eff.value.limit === 256 * MiB);
    assert.ok(report.findings.some((f) => f.code === 'gomemlimit-above-limit'));
    assert.equal(existsSync(cg.value.dir), false, 'the demo cgroup is removed');
    const pid = report.snapshot.target.pid!;
    assert.equal(existsSync(`/proc/${pid}`), false, 'the demo service is stopped');
    assert.match(r.stderr, /stopped the service and removed/);
  },
);

test('without Go, the demo diagnoses the recorded snapshot and says so', async () => {
  const r = await runCli(['demo'], { env: { PATH: '/nonexistent' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Go is not installed/);
  assert.match(r.stdout, /gomemlimit-above-limit/);
  assert.match(r.stdout, /256 MiB/);
});
