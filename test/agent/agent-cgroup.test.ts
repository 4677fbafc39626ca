// The agent in a real Go process inside a real child memory cgroup (cgroup v1 here): the
// limit it sets, how fast it follows a resize, and what adaptive GOGC does to the GC's CPU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { cgroupSkipReason, createTestCgroup, type TestCgroup } from '../support/cgroup.js';
import { goSkipReason, startScenario, type RunningScenario } from '../support/go-scenario.js';
import { parseAgentStatus } from '../../src/formats/agent-status.js';
import { probeRuntime } from '../../src/sources/runtime.js';
import { agentGcCpuShare, type AgentStatus } from '../../src/model/agent.js';

const MiB = 1024 * 1024;
const skip = cgroupSkipReason() ?? goSkipReason('agent-demo');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readStatus(url: string): Promise<AgentStatus | undefined> {
  const res = await fetch(`${url}/debug/gomemlens`, { signal: AbortSignal.timeout(2000) });
  if (res.status === 404) return undefined; // the agent has not started yet
  assert.equal(res.status, 200);
  return parseAgentStatus(await res.text());
}

/** Polls until check(status) holds; returns the status and how long it took. */
async function waitFor(url: string, check: (s: AgentStatus) => boolean, timeoutMs: number) {
  const start = performance.now();
  for (;;) {
    const s = await readStatus(url);
    if (s && check(s)) return { status: s, ms: performance.now() - start };
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms; last: ${JSON.stringify(s?.limit)}`);
    await sleep(10);
  }
}

/** Starts agent-demo in a fresh cgroup limited to limitBytes; the agent starts once it is inside. */
async function startInCgroup(label: string, limitBytes: number, args: string[], env: Record<string, string> = {}) {
  const cg = createTestCgroup(label);
  let sc: RunningScenario | undefined;
  try {
    cg.setLimit(limitBytes);
    sc = await startScenario('agent-demo', { args: ['-await-cgroup', basename(cg.path), ...args], env });
    cg.addProcess(sc.pid);
    await waitFor(sc.url!, () => true, 10_000);
    return { cg, sc };
  } catch (err) {
    await sc?.stop();
    await cg.remove();
    throw err;
  }
}

async function cleanup(run: { cg: TestCgroup; sc: RunningScenario } | undefined) {
  await run?.sc.stop();
  await run?.cg.remove();
}

test('GOMEMLIMIT = 0.9 x the cgroup limit, and a resize is followed within the refresh interval', { skip }, async () => {
  const refreshMs = 250;
  const run = await startInCgroup('agent-limit', 200 * MiB, ['-refresh', `${refreshMs}ms`]);
  try {
    const first = await waitFor(run.sc.url!, (s) => s.limit?.source === 'cgroup', 5000);
    assert.equal(first.status.metrics['/gc/gomemlimit:bytes'], Math.floor(0.9 * 200 * MiB));
    assert.equal(first.status.limit?.cgroupFile, `${run.cg.dir}/memory.limit_in_bytes`);
    assert.equal(first.status.limit?.stale, false);

    const latencies: number[] = [];
    for (const limit of [300 * MiB, 120 * MiB, 256 * MiB]) {
      run.cg.setLimit(limit);
      const want = Math.floor(0.9 * limit);
      const seen = await waitFor(run.sc.url!, (s) => s.goMemLimit === want, 5000);
      assert.equal(seen.status.limit?.cgroupLimitBytes, limit);
      latencies.push(seen.ms);
    }
    console.log(`agent: resize followed in ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms (refresh ${refreshMs} ms)`);
    for (const ms of latencies) assert.ok(ms < refreshMs + 500, `resize took ${ms.toFixed(0)} ms`);

    // The reader other commands use finds the same document.
    const info = await probeRuntime(run.sc.url!);
    assert.ok(info.agentJson, 'probeRuntime kept no agent JSON');
    assert.equal(parseAgentStatus(info.agentJson).goMemLimit, Math.floor(0.9 * 256 * MiB));
  } finally {
    await cleanup(run);
  }
});

test('an explicit GOMEMLIMIT wins and is reported stale when it leaves no headroom', { skip }, async () => {
  const run = await startInCgroup('agent-env', 200 * MiB, ['-refresh', '250ms'], { GOMEMLIMIT: '300MiB' });
  try {
    const { status } = await waitFor(run.sc.url!, (s) => s.limit?.checkedAt !== null, 5000);
    assert.equal(status.limit?.source, 'env');
    assert.equal(status.goMemLimit, 300 * MiB);
    assert.equal(status.limit?.cgroupLimitBytes, 200 * MiB);
    assert.equal(status.limit?.stale, true);
    assert.match(status.limit?.staleReason ?? '', /above the cgroup limit/);
  } finally {
    await cleanup(run);
  }
});

test('a cgroup limit that would put GOMEMLIMIT under the live heap is refused and reported', { skip }, async () => {
  // 160 MiB live heap; ratio 0.5 of 1 GiB = 512 MiB is fine, of 250 MiB = 125 MiB is not.
  const run = await startInCgroup('agent-guard', 1024 * MiB, ['-refresh', '100ms', '-ratio', '0.5', '-ballast', String(160 * MiB)]);
  try {
    await waitFor(run.sc.url!, (s) => s.goMemLimit === 512 * MiB, 5000);
    run.cg.setLimit(250 * MiB);
    const { status } = await waitFor(run.sc.url!, (s) => s.limit?.cgroupLimitBytes === 250 * MiB, 5000);
    assert.equal(status.goMemLimit, 512 * MiB, 'the limit in force must stay');
    assert.equal(status.limit?.targetBytes, 125 * MiB);
    assert.match(status.limit?.refused ?? '', /below the live heap/);
    assert.equal(status.limit?.stale, true);
    assert.ok((status.limit?.liveHeapBytes ?? 0) >= 160 * MiB);
  } finally {
    await cleanup(run);
  }
});

const MEASURE_MS = 5000;

/**
 * Waits until the adaptive controller has stopped changing GOGC for a second (at least 3 s,
 * at most 12 s): on a busy machine its 500 ms windows see noisy shares and it takes longer to
 * settle, and a measurement taken while it still climbs mixes in its lower, earlier GOGC.
 * Without the controller, that is the first 3 s.
 */
async function settled(url: string): Promise<AgentStatus> {
  await sleep(3000);
  let last = (await readStatus(url))!;
  for (let waited = 3000; waited < 12_000; waited += 1000) {
    await sleep(1000);
    const now = (await readStatus(url))!;
    if ((now.gogc?.changes ?? 0) === (last.gogc?.changes ?? 0)) return now;
    last = now;
  }
  return last;
}

async function measureChurn(label: string, adaptive: string[]) {
  const run = await startInCgroup(label, 200 * MiB, ['-churn', '-live', String(8 * MiB), ...adaptive], { GOMAXPROCS: '1' });
  try {
    const a = await settled(run.sc.url!);
    await sleep(MEASURE_MS);
    const b = (await readStatus(run.sc.url!))!;
    return { share: agentGcCpuShare(a, b)!, gogc: b.gogc!, cycles: (b.metrics['/gc/cycles/total:gc-cycles'] as number) - (a.metrics['/gc/cycles/total:gc-cycles'] as number) };
  } finally {
    await cleanup(run);
  }
}

test('adaptive GOGC keeps the GC CPU share of a churn workload under its budget', { skip }, async () => {
  const budget = 0.1; // the default
  const base = await measureChurn('agent-churn-base', []);
  const adaptive = await measureChurn('agent-churn-adaptive', ['-adaptive-gogc', '-gc-budget', String(budget), '-gc-window', '500ms']);
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(
    `agent: churn GC CPU share ${pct(base.share)} at GOGC=${base.gogc.gogc} (${base.cycles} GCs in ${MEASURE_MS / 1000} s), ` +
      `${pct(adaptive.share)} with adaptive GOGC=${adaptive.gogc.gogc} (${adaptive.cycles} GCs; budget ${pct(budget)}, ` +
      `${adaptive.gogc.changes} changes, cap ${adaptive.gogc.cap})`,
  );
  assert.ok(base.share > budget, `the workload must exceed the budget without the controller (${pct(base.share)})`);
  assert.ok(adaptive.share < budget, `GC CPU share ${pct(adaptive.share)} over budget ${pct(budget)}`);
  assert.ok(adaptive.gogc.gogc > 100 && adaptive.gogc.gogc <= adaptive.gogc.max);
});
