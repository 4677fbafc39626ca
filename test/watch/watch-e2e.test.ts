// End to end on real things: leaky in a real 256 MiB v1 memory cgroup watched until the kernel
// OOM-kills it; steady watched for 65 s in the same kind of group; a watcher killed with SIGKILL.
// The three run at the same time to keep the wall time near one minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { cgroupSkipReason, createTestCgroup, type TestCgroup } from '../support/cgroup.js';
import { goSkipReason, startScenario, type RunningScenario } from '../support/go-scenario.js';
import { parseCapture, type Capture } from '../../src/formats/capture.js';
import { postMortem } from '../../src/analysis/postmortem.js';
import { summarizeGcTrace } from '../../src/analysis/go-trace-summary.js';

const MAIN = 'dist/src/cli/main.js';
const LIMIT = 256 << 20;
const skip = cgroupSkipReason() ?? goSkipReason('leaky') ?? goSkipReason('steady');

interface Watcher {
  readonly lines: { t: number; text: string }[];
  readonly exited: Promise<number | null>;
  kill(): void;
}

/** Watchers still running; the test kills any left when it ends, even after a failure. */
const running = new Set<ChildProcess>();

function watch(args: string[]): Watcher {
  const child = spawn(process.execPath, [MAIN, 'watch', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { t: number; text: string }[] = [];
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const text of parts) lines.push({ t: Date.now(), text });
  });
  child.stderr.on('data', (d) => lines.push({ t: Date.now(), text: `stderr: ${d}` }));
  running.add(child);
  const exited = new Promise<number | null>((res) =>
    child.on('exit', (code) => {
      running.delete(child);
      res(code);
    }),
  );
  return { lines, exited, kill: () => child.kill('SIGKILL') };
}

/** `gomemlens watch` on a running scenario (its PID and URL) into `out`, with more flags. */
function watchService(svc: RunningScenario, out: string, flags: string[]): Watcher {
  return watch(['--pid', String(svc.pid), '--url', svc.url!, '--out', out, ...flags]);
}

async function inCgroup(
  label: string,
  name: string,
  args: string[],
): Promise<{ cg: TestCgroup; svc: RunningScenario }> {
  const cg = createTestCgroup(label);
  cg.setLimit(LIMIT);
  // Inside the group from its first instruction, so all its memory is charged there.
  const svc = await startScenario(name, { args, cgroupDir: cg.dir });
  return { cg, svc };
}

function readCapture(path: string): Capture {
  // Keep a copy for people to look at (test-artifacts/ is not committed).
  mkdirSync('test-artifacts', { recursive: true });
  copyFileSync(path, join('test-artifacts', basename(path)));
  const parsed = parseCapture(readFileSync(path));
  assert.equal(parsed.kind, 'capture');
  return (parsed as { capture: Capture }).capture;
}

test(
  'watch: OOM forecast and pre-kill heap profile; steady has no leak; SIGKILL-safe capture',
  { skip, timeout: 150_000, concurrency: true },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-watch-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    t.after(() => running.forEach((c) => c.kill('SIGKILL')));
    await Promise.all([
      t.test('leaky is OOM-killed; forecast, profile and post-mortem are right', () =>
        leakyCase(dir),
      ),
      t.test('steady for 65 s: no leak finding, no OOM forecast', () => steadyCase(dir)),
      t.test('a watcher killed with SIGKILL leaves a capture that reads', () => crashCase(dir)),
      t.test('a leak under GOMEMLIMIT: the GC thrash point is forecast', () => gomemlimitCase(dir)),
    ]);
  },
);

async function leakyCase(dir: string) {
  // 512 KiB every 100 ms = 5 MiB/s: the 256 MiB group fills in about 50 s.
  const { cg, svc } = await inCgroup('oom', 'leaky', ['-rate', '512KiB', '-every', '100ms']);
  const out = join(dir, 'leaky.ndjson');
  try {
    const w = watchService(svc, out, ['--interval', '1s']);
    const startedAt = Date.now();
    const died = await Promise.race([
      svc.exited.then(() => Date.now()),
      sleep(110_000, true).then(() => undefined),
    ]);
    assert.ok(died, 'leaky was not OOM-killed within 110 s');
    const code = await w.exited;
    const c = readCapture(out);
    assert.equal(
      cg.read('memory.oom_control').match(/oom_kill (\d+)/)?.[1],
      '1',
      'kernel counted one OOM kill',
    );
    assert.equal(code, 1, 'watch exits 1 after an OOM kill');
    assert.ok(
      w.lines.some((l) => /post-mortem: OOM-KILLED/.test(l.text)),
      'post-mortem names the OOM kill',
    );
    assert.equal(postMortem(c).oomKilled, true);
    checkForecast(w, startedAt, died);
    checkProfiles(c, died, dir);
  } finally {
    await svc.stop();
    await cg.remove();
  }
}

function checkForecast(w: Watcher, startedAt: number, died: number) {
  const printed = w.lines.filter((l) => l.t < died && /OOM in ([\d.]+)(ms|s)/.test(l.text));
  assert.ok(printed.length > 0, 'an OOM forecast was printed before the kill');
  const half = startedAt + (died - startedAt) / 2;
  const atHalf = printed.reduce((a, b) => (Math.abs(b.t - half) < Math.abs(a.t - half) ? b : a));
  const m = /OOM in (?:(\d+)m)?([\d.]+)(ms|s)/.exec(atHalf.text)!;
  const etaSec = Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === 'ms' ? 1000 : 1);
  const actualSec = (died - atHalf.t) / 1000;
  console.log(
    `# ETA at halfway ${etaSec.toFixed(1)} s, actual ${actualSec.toFixed(1)} s (${((100 * (etaSec - actualSec)) / actualSec).toFixed(1)}%)`,
  );
  assert.ok(
    Math.abs(etaSec - actualSec) <= 0.3 * actualSec,
    `ETA ${etaSec} s vs actual ${actualSec} s`,
  );
}

function checkProfiles(c: Capture, died: number, dir: string) {
  const heaps = c.profiles.filter((p) => p.kind === 'heap' && p.t < died);
  assert.ok(heaps.length >= 2, 'heap profiles taken before the kill');
  assert.ok(
    died - heaps[heaps.length - 1].t < 15_000,
    'the last heap profile is from the last 15 s',
  );
  // Oracle: go tool pprof -diff_base between the first and the last heap profile.
  const first = join(dir, 'first.pb.gz');
  const last = join(dir, 'last.pb.gz');
  writeFileSync(first, Buffer.from(heaps[0].data, 'base64'));
  writeFileSync(last, Buffer.from(heaps[heaps.length - 1].data, 'base64'));
  const r = spawnSync(
    'go',
    ['tool', 'pprof', '-top', '-sample_index=inuse_space', `-diff_base=${first}`, last],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => /^\s*-?[\d.]+\w*B\s/.test(l));
  assert.match(
    rows[0],
    /main\.handleRequest( \(inline\))?$/,
    `top growing site by go tool pprof: ${rows[0]}`,
  );
  const grown = c.findings.find((f) => f.finding.code === 'top-site-growing');
  assert.equal(grown?.finding.args.func, 'main.handleRequest');
  checkTraces(c, died);
}

/** The execution traces taken on triggers: read, they show the GC at work before the kill. */
function checkTraces(c: Capture, died: number) {
  const traces = c.profiles.filter((p) => p.kind === 'trace' && p.t < died);
  assert.ok(traces.length >= 1, 'an execution trace taken on a trigger before the kill');
  // One may have been cut off by the kill (kept, read up to the cut); the others are whole.
  const read = traces.map((p) => {
    try {
      return summarizeGcTrace(Buffer.from(p.data, 'base64'));
    } catch {
      return undefined;
    }
  });
  const whole = read.filter((s) => s !== undefined && s.incomplete === undefined);
  assert.ok(whole.length >= 1 || read.some((s) => s?.incomplete), 'a trace that reads');
  const last = whole[whole.length - 1] ?? read.find((s) => s !== undefined)!;
  // leaky may not finish a GC cycle in 2 s; the trace still has the heap it grew and its goal.
  assert.ok(last.heap.length > 0 && last.heapGoal.length > 0, 'heap and goal in the trace');
  if (!last.incomplete) assert.ok(last.durationNs > 1e9, `a ~2 s trace, got ${last.durationNs} ns`);
}

async function steadyCase(dir: string) {
  const { cg, svc } = await inCgroup('steady', 'steady', [
    '-retain',
    '48MiB',
    '-garbage',
    '2MiB',
    '-every',
    '50ms',
  ]);
  const out = join(dir, 'steady.ndjson');
  try {
    const w = watchService(svc, out, [
      '--duration',
      '65s',
      // About 1.2 GCs a second here: a threshold lowered with --rule must fire.
      '--rule',
      'gcRatePerSec=0.5',
    ]);
    assert.equal(await w.exited, 0);
    const c = readCapture(out);
    assert.ok(c.samples.length >= 60, `samples: ${c.samples.length}`);
    assert.ok(
      c.samples.every((s) => s.go?.numGC !== undefined),
      'every tick read MemStats',
    );
    assert.ok(c.samples[c.samples.length - 1].go!.numGC! > 20, 'steady makes garbage (many GCs)');
    const codes = c.findings.map((f) => f.finding.code);
    assert.ok(!codes.includes('heap-leak'), `findings: ${codes}`);
    assert.ok(!codes.includes('oom-forecast'), `findings: ${codes}`);
    assert.ok(codes.includes('gc-rate-high'), `--rule gcRatePerSec=0.5 applies: ${codes}`);
    assert.ok(
      c.forecasts.every((f) => f.etaSec === undefined),
      'no OOM ETA',
    );
    assert.ok(!w.lines.some((l) => /OOM in/.test(l.text)));
  } finally {
    await svc.stop();
    await cg.remove();
  }
}

async function gomemlimitCase(dir: string) {
  const svc = await startScenario('leaky', {
    args: ['-rate', '512KiB', '-every', '100ms'],
    env: { GOMEMLIMIT: '128MiB' },
  });
  const out = join(dir, 'gomemlimit.ndjson');
  try {
    const w = watchService(svc, out, ['--duration', '32s']);
    assert.equal(await w.exited, 0);
    const c = readCapture(out);
    const limit = 128 << 20;
    assert.ok(
      c.samples.every((s) => s.go?.gomemlimit === limit),
      'GOMEMLIMIT read from /metrics',
    );
    const fc = c.forecasts.find((f) => f.thrashEtaSec !== undefined);
    assert.ok(fc, 'a thrash ETA was forecast');
    // The thrash point, measured: the GC runs almost continuously (3 or more GCs in a tick,
    // where the leak made one every few seconds before).
    const reached = c.samples.find(
      (s, i) => i > 0 && s.go!.numGC! - c.samples[i - 1].go!.numGC! >= 3,
    );
    assert.ok(reached, 'the GC started to thrash while watched');
    const actual = (reached.t - fc.t) / 1000;
    console.log(
      `# thrash ETA ${fc.thrashEtaSec!.toFixed(1)} s, reached after ${actual.toFixed(1)} s`,
    );
    assert.ok(Math.abs(fc.thrashEtaSec! - actual) <= Math.max(3, 0.3 * actual));
    assert.ok(c.findings.some((f) => f.finding.code === 'gomemlimit-thrash-forecast'));
  } finally {
    await svc.stop();
  }
}

async function crashCase(dir: string) {
  const svc = await startScenario('steady', { args: ['-retain', '8MiB', '-garbage', '256KiB'] });
  const out = join(dir, 'crash.ndjson');
  try {
    const w = watchService(svc, out, ['--interval', '200ms', '--profile-every', '1s']);
    await sleep(4000);
    w.kill();
    await w.exited;
    const text = readFileSync(out, 'utf8');
    const c = readCapture(out);
    assert.ok(c.samples.length >= 10, `samples after SIGKILL: ${c.samples.length}`);
    assert.ok(c.profiles.length >= 1);
    assert.equal(c.end, undefined, 'no end record: the watcher was killed');
    // A write cut short by the kill is a truncated last line: still readable, with a note.
    writeFileSync(out, text + text.split('\n')[1].slice(0, 40));
    const cut = readCapture(out);
    assert.equal(cut.samples.length, c.samples.length);
    assert.match(cut.notes.join(), /truncated last record/);
  } finally {
    await svc.stop();
  }
}

/** `unref`: a deadline that must not keep the test process alive once everything else is done. */
function sleep(ms: number, unref = false) {
  return new Promise<void>((r) => {
    const timer = setTimeout(r, ms);
    if (unref) timer.unref();
  });
}
