// diagnose analysis on snapshots collected by the real sources from the fixture host trees in
// testdata/hosts (see its README): the rules read what the parsers really produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSnapshot, type DiagnoseReport } from '../../src/analysis/diagnose.js';
import { findLine, unflaggedExcess } from '../../src/analysis/breakdown-line.js';
import { MiB } from '../../src/model/units.js';
import { renderDiagnoseMarkdown } from '../../src/report/diagnose-markdown.js';
import { renderDiagnoseText } from '../../src/report/diagnose-text.js';
import { hostFs } from '../../src/sources/hostfs.js';
import { collectSnapshot } from '../../src/sources/target.js';

const HOSTS = 'testdata/hosts';
/** The process is PID 4242, or PID 1 in the trees that show a container's own view. */
const PID_ONE = new Set(['v1-container-view', 'v2-cgroupns']);

async function diagnoseHost(name: string): Promise<DiagnoseReport> {
  const pid = PID_ONE.has(name) ? 1 : 4242;
  const snap = await collectSnapshot(
    { pid },
    { fs: hostFs(join(HOSTS, name)), timeoutMs: 1000, discover: false },
  );
  return analyzeSnapshot(snap);
}

const code = (r: DiagnoseReport, c: string) => r.findings.find((f) => f.code === c);

test('every fixture host: a report, sound breakdown, JSON round trip, reasons for skipped rules', async () => {
  const names = readdirSync(HOSTS).filter(
    (n) => statSync(join(HOSTS, n)).isDirectory() && n !== 'golden',
  );
  assert.ok(names.length >= 5);
  for (const name of names) {
    const r = await diagnoseHost(name);
    assert.deepEqual(unflaggedExcess(r.breakdown.root), [], name);
    const json = JSON.stringify(r);
    assert.equal(JSON.stringify(JSON.parse(json)), json, name);
    for (const s of r.skipped) assert.ok(s.reason.length > 0, `${name}: ${s.rule}`);
  }
});

test("v2-kubepods: the pod limit (smaller than the container's) is the one GOMEMLIMIT is judged by", async () => {
  const r = await diagnoseHost('v2-kubepods');
  const f = code(r, 'gomemlimit-above-limit');
  assert.ok(f);
  assert.equal(f.args.limit, 384 * MiB);
  assert.equal(f.args.gomemlimit, 450 * MiB);
  assert.match(
    f.evidence.find((e) => e.what === 'effective memory limit')!.source,
    /pod5678\.slice\/memory\.max$/,
  );
  assert.equal(code(r, 'oom-killed')?.args.oomKills, 1);
  assert.equal(code(r, 'gotraceback-oom')?.severity, 'warning');
});

test('v2-kubepods: the 16 MiB emptyDir (medium: Memory) is the shmem line in text, markdown and JSON', async () => {
  const r = await diagnoseHost('v2-kubepods');
  const line = findLine(r.breakdown.root, 'shmem')!;
  assert.equal(line.bytes, 16 * MiB);
  assert.match(line.source, /cri-containerd-def\.scope\/memory\.stat shmem$/);
  assert.match(renderDiagnoseText(r, { color: false }), /shmem: tmpfs and shared memory.*16 MiB/);
  assert.match(
    renderDiagnoseMarkdown(r),
    /shmem: tmpfs and shared memory.*\| \(16 MiB\) \| \(4\.2%\) \| `memory\.stat shmem` \|/,
  );
  assert.equal(findLine(JSON.parse(JSON.stringify(r)).breakdown.root, 'shmem')?.bytes, 16 * MiB);
});

test('v1-kubepods-nested: 450MiB under the 512 MiB pod limit is fine; the OOM kill is counted', async () => {
  const r = await diagnoseHost('v1-kubepods-nested');
  assert.equal(code(r, 'gomemlimit-above-limit'), undefined);
  assert.equal(code(r, 'gomemlimit-too-close'), undefined);
  assert.equal(code(r, 'oom-killed')?.args.oomKills, 1);
  assert.equal(r.breakdown.root.bytes, 512 * MiB);
});

test('v2-no-limit and v1-missing-files: no limit, and missing files become skip reasons', async () => {
  const none = await diagnoseHost('v2-no-limit');
  assert.ok(code(none, 'no-memory-limit'));
  assert.equal(
    none.skipped.find((s) => s.rule === 'gomemlimit-unset')?.reason,
    'no memory limit (unlimited)',
  );
  const missing = await diagnoseHost('v1-missing-files');
  assert.match(
    missing.skipped.find((s) => s.rule === 'oom-killed')?.reason ?? '',
    /memory\.oom_control not found/,
  );
  assert.ok(missing.missing.length > 5);
});
