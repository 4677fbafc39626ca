// End to end: real Go services in real memory cgroups, diagnosed through the CLI as a user
// runs it. One cgroup scenario is shared by the assertions to keep the suite fast.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import { MiB } from '../../src/model/units.js';
import { cgroupSkipReason, createTestCgroup, type TestCgroup } from '../support/cgroup.js';
import { runCli } from '../support/cli.js';
import {
  goSkipReason,
  scenarioPath,
  startScenario,
  type RunningScenario,
} from '../support/go-scenario.js';

const skip = goSkipReason() ?? cgroupSkipReason();
const LIMIT = 256 * MiB;

function vmRss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

async function diagnoseJson(args: string[]): Promise<DiagnoseReport> {
  const r = await runCli(['diagnose', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as DiagnoseReport;
}

/** Starts a scenario inside a cgroup from its first instruction (sh joins, then execs). */
function startIn(
  cg: TestCgroup,
  env: Record<string, string>,
  args: string[],
): Promise<RunningScenario> {
  return startScenario('leaky', { env, args, cgroupDir: cg.dir });
}

describe('diagnose on live Go services in a 256 MiB cgroup', { skip }, () => {
  let cg: TestCgroup;
  let above: RunningScenario; // GOMEMLIMIT=300MiB: above the limit
  let below: RunningScenario; // GOMEMLIMIT=200MiB: fine
  const slow = ['-rate', '64KiB', '-every', '100ms', '-initial', '16MiB'];

  before(async () => {
    cg = createTestCgroup('diagnose');
    cg.setLimit(LIMIT);
    above = await startIn(cg, { GOMEMLIMIT: '300MiB' }, slow);
    below = await startIn(cg, { GOMEMLIMIT: '200MiB' }, slow);
    await new Promise((r) => setTimeout(r, 500));
  });
  after(async () => {
    await above?.stop();
    await below?.stop();
    await cg?.remove();
  });

  test('reports the limit that was set, RSS within 5% of /proc, the Go version of the binary', async () => {
    const before = vmRss(above.pid);
    const report = await diagnoseJson(['--pid', String(above.pid)]);
    const after = vmRss(above.pid);
    const cgroup = report.snapshot.cgroup;
    assert.equal(cgroup?.status, 'ok');
    if (cgroup?.status !== 'ok') return;
    assert.equal(cgroup.value.dir, cg.dir);
    const eff = cgroup.value.effectiveLimit;
    assert.equal(eff.status === 'ok' && eff.value.limit, LIMIT);
    const status = report.snapshot.process?.status;
    assert.ok(status?.status === 'ok' && status.value.vmRss !== undefined);
    const rss = status.value.vmRss!;
    const mid = (before + after) / 2;
    assert.ok(Math.abs(rss - mid) <= 0.05 * mid, `RSS ${rss} vs /proc ${before}..${after}`);
    const goVersion = execFileSync('go', ['version', scenarioPath('leaky')], { encoding: 'utf8' });
    assert.equal(report.settings.goVersion?.value, /: (go\S+)/.exec(goVersion)![1]);
    // The runtime's endpoints were found on the process's listening port.
    assert.equal(report.snapshot.runtime?.baseUrl, above.url);
    assert.equal(report.snapshot.runtime?.memstats.status, 'ok');
  });

  test('flags GOMEMLIMIT above the limit exactly when it is', async () => {
    const [a, b] = await Promise.all([
      diagnoseJson(['--pid', String(above.pid)]),
      diagnoseJson(['--pid', String(below.pid), '--url', below.url!]),
    ]);
    const codes = (r: DiagnoseReport) => r.findings.map((f) => f.code);
    assert.ok(codes(a).includes('gomemlimit-above-limit'), codes(a).join(','));
    const finding = a.findings.find((f) => f.code === 'gomemlimit-above-limit')!;
    assert.equal(finding.severity, 'error');
    assert.equal(finding.args.gomemlimit, 300 * MiB);
    assert.equal(finding.args.limit, LIMIT);
    assert.ok(!codes(b).includes('gomemlimit-above-limit'), codes(b).join(','));
    assert.ok(!codes(b).includes('gomemlimit-unset'));
  });

  test('--fail-on error exits 1 on the misconfigured service and 0 on the other', async () => {
    const bad = await runCli(['diagnose', '--pid', String(above.pid), '--fail-on', 'error']);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, /gomemlimit-above-limit/);
    const good = await runCli(['diagnose', '--pid', String(below.pid), '--fail-on', 'error']);
    assert.equal(good.code, 0, good.stdout);
  });

  test('ps lists both services with version, limit and GOMEMLIMIT', async () => {
    const r = await runCli(['ps', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as {
      pid: number;
      goVersion: string;
      limit: number;
      gomemlimit: { bytes?: number };
    }[];
    const mine = rows.filter((row) => row.pid === above.pid || row.pid === below.pid);
    assert.equal(mine.length, 2);
    for (const row of mine) {
      assert.match(row.goVersion, /^go1\.\d+/);
      assert.equal(row.limit, LIMIT);
    }
    assert.equal(mine.find((row) => row.pid === above.pid)!.gomemlimit.bytes, 300 * MiB);
  });

  test('an OOM kill in the cgroup is reported after it happens', async () => {
    const hog = await startIn(cg, {}, ['-rate', '8MiB', '-every', '20ms']);
    let timer: NodeJS.Timeout | undefined;
    const end = await Promise.race([
      hog.exited,
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error('no OOM kill within 30 s')), 30_000);
      }),
    ]).finally(() => clearTimeout(timer));
    assert.equal(end.signal, 'SIGKILL');
    const counted = /oom_kill (\d+)/.exec(cg.read('memory.oom_control'))![1];
    const report = await diagnoseJson(['--pid', String(below.pid)]);
    const oom = report.findings.find((f) => f.code === 'oom-killed');
    assert.ok(oom, report.findings.map((f) => f.code).join(','));
    assert.equal(oom.severity, 'error');
    assert.equal(oom.args.oomKills, Number(counted));
    assert.ok(Number(counted) >= 1);
    // The cgroup alone, as a target: same limit, same OOM count, no process side.
    const byGroup = await diagnoseJson(['--cgroup', cg.dir]);
    const group = byGroup.snapshot.cgroup;
    assert.ok(group?.status === 'ok' && group.value.effectiveLimit.status === 'ok');
    assert.equal(group.value.effectiveLimit.value.limit, LIMIT);
    assert.equal(
      byGroup.findings.find((f) => f.code === 'oom-killed')?.args.oomKills,
      Number(counted),
    );
    assert.equal(byGroup.snapshot.process, undefined);
  });
});
