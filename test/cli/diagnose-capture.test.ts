// diagnose --capture: the last snapshot a watch recorded, diagnosed after the fact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import { MiB } from '../../src/model/units.js';
import { runCli } from '../support/cli.js';

test('diagnoses the last snapshot of a real watch capture', async () => {
  const r = await runCli(['diagnose', '--capture', 'testdata/watch/leaky-oom.ndjson', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as DiagnoseReport;
  const cg = report.snapshot.cgroup;
  assert.ok(cg?.status === 'ok' && cg.value.effectiveLimit.status === 'ok');
  assert.equal(cg.value.effectiveLimit.value.limit, 256 * MiB);
  const unset = report.findings.find((f) => f.code === 'gomemlimit-unset');
  assert.ok(unset, report.findings.map((f) => f.code).join(','));
  assert.equal(unset.args.limit, 256 * MiB);
});

test('a file that is not a capture is a one-line input error', async () => {
  const r = await runCli(['diagnose', '--capture', 'README.md']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a gomemlens capture/);
});
