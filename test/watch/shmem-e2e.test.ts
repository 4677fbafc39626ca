// End to end on real things: tmpfs-fill writes 4 MiB/s into a fresh tmpfs from inside a real
// 128 MiB v1 memory cgroup. Its Go heap stays flat; memory.stat total_shmem grows inside
// total_cache. The forecast must give an OOM ETA (not "page cache, the kernel reclaims it"),
// and the kernel must then OOM-kill it: tmpfs pages cannot be reclaimed without swap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import { findLine } from '../../src/analysis/breakdown-line.js';
import { parseCapture, type Capture } from '../../src/formats/capture.js';
import { MiB } from '../../src/model/units.js';
import { cgroupSkipReason, createTestCgroup } from '../support/cgroup.js';
import { runCli } from '../support/cli.js';
import { goSkipReason, startScenario, type RunningScenario } from '../support/go-scenario.js';
import { makeTmpfsDir } from '../support/tmpfs.js';

const LIMIT = 128 * MiB;
const skip = cgroupSkipReason() ?? goSkipReason('tmpfs-fill');

const stat = (text: string, key: string) =>
  Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(text)?.[1]);

test(
  'a filling tmpfs: OOM ETA from shmem, then the kernel OOM-kills',
  { skip, timeout: 90_000 },
  async (t) => {
    const tmpfs = makeTmpfsDir(4 * LIMIT);
    if ('skip' in tmpfs) return t.skip(tmpfs.skip);
    const cg = createTestCgroup('shmem');
    const out = mkdtempSync(join(tmpdir(), 'gomemlens-shmem-'));
    let svc: RunningScenario | undefined;
    try {
      cg.setLimit(LIMIT);
      // 512 KiB every 125 ms = 4 MiB/s: the group fills in about 30 s.
      svc = await startScenario('tmpfs-fill', {
        args: ['-dir', tmpfs.dir, '-rate', '512KiB', '-every', '125ms'],
        cgroupDir: cg.dir,
      });
      const died = svc.exited.then((e) => ({ ...e, at: Date.now() }));
      const capture = join(out, 'shmem.ndjson');
      const watching = runCli(
        ['watch', '--pid', String(svc.pid), '--url', svc.url!, '--out', capture],
        { timeoutMs: 75_000 },
      );
      await checkDiagnose(svc.pid, cg.read.bind(cg));
      const [w, end] = await Promise.all([watching, died]);
      assert.equal(
        end.signal,
        'SIGKILL',
        `tmpfs-fill ended by ${end.signal ?? end.code}: ${svc.stderr()}`,
      );
      assert.equal(
        stat(cg.read('memory.oom_control'), 'oom_kill'),
        1,
        'the kernel counted one OOM kill',
      );
      assert.equal(w.code, 1, `watch exits 1 after an OOM kill: ${w.stderr}`);
      assert.match(w.stdout, /post-mortem: OOM-KILLED/);
      assert.match(w.stdout, /tmpfs\/shmem \+[\d.]+ MiB\/s, OOM in/);
      checkCapture(readCapture(capture), end.at);
      // The kill did not delete the files: they stay charged to the group until unmounted.
      const left = Number(cg.read('memory.usage_in_bytes'));
      assert.ok(left > LIMIT - 16 * MiB, `still charged after the kill: ${left}`);
      tmpfs.cleanup();
      const freed = Number(cg.read('memory.usage_in_bytes'));
      console.log(
        `# charged after the kill ${(left / MiB).toFixed(1)} MiB, after umount ${(freed / MiB).toFixed(1)} MiB`,
      );
      assert.ok(freed < 8 * MiB, `unmounting uncharges the tmpfs pages: ${freed}`);
    } finally {
      // Order: the process, then the tmpfs (its pages are charged to the group), then the group.
      await svc?.stop();
      tmpfs.cleanup();
      await cg.remove();
      rmSync(out, { recursive: true, force: true });
    }
  },
);

/** diagnose while it fills: shmem has its own line, read from the group's total_shmem. */
async function checkDiagnose(pid: number, read: (file: string) => string) {
  await new Promise((r) => setTimeout(r, 5000));
  const r = await runCli(['diagnose', '--pid', String(pid), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const line = findLine((JSON.parse(r.stdout) as DiagnoseReport).breakdown.root, 'shmem');
  assert.ok(line, 'a shmem line in the breakdown');
  assert.match(line.source, /memory\.stat total_shmem$/);
  const now = stat(read('memory.stat'), 'total_shmem');
  assert.ok(
    line.bytes! > 8 * MiB && Math.abs(line.bytes! - now) < 8 * MiB,
    `${line.bytes} vs ${now}`,
  );
}

function readCapture(path: string): Capture {
  const parsed = parseCapture(readFileSync(path));
  assert.equal(parsed.kind, 'capture');
  return (parsed as { capture: Capture }).capture;
}

function checkCapture(c: Capture, diedAt: number) {
  const kinds = new Set(c.forecasts.map((f) => f.kind));
  assert.ok(!kinds.has('page-cache'), `forecast kinds: ${[...kinds]}`);
  assert.ok(!kinds.has('leak'), `the Go heap is flat: ${[...kinds]}`);
  const first = c.forecasts.find((f) => f.kind === 'shmem' && f.etaSec !== undefined);
  assert.ok(first, `an OOM ETA from shmem; kinds: ${[...kinds]}`);
  const actual = (diedAt - first.t) / 1000;
  console.log(
    `# first shmem ETA ${first.etaSec!.toFixed(1)} s, killed after ${actual.toFixed(1)} s`,
  );
  assert.ok(
    Math.abs(first.etaSec! - actual) <= Math.max(3, 0.3 * actual),
    `ETA ${first.etaSec} vs ${actual}`,
  );
  const codes = c.findings.map((f) => f.finding.code);
  assert.ok(codes.includes('shmem-growth'), `findings: ${codes}`);
  assert.ok(
    !codes.includes('page-cache-growth') && !codes.includes('heap-leak'),
    `findings: ${codes}`,
  );
  const alive = c.samples.filter((s) => s.go);
  const last = alive[alive.length - 1];
  assert.ok(last.cgroup!.shmem! > 96 * MiB, `shmem at the end ${last.cgroup!.shmem}`);
  assert.ok(
    last.cgroup!.file! >= last.cgroup!.shmem!,
    'shmem is counted inside file (total_cache)',
  );
  assert.ok(
    alive.every((s) => s.go!.heapInuse! < 16 * MiB),
    'the Go heap stays small',
  );
}
