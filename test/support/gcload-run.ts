/**
 * Runs the gcload workload (testdata/go/gcload) in its own memory cgroup with one setting of
 * GOGC, GOMEMLIMIT, GOMAXPROCS and the container limit, and measures the cell from the runtime
 * itself (/debug/gcload: runtime/metrics over the window after the warm-up) and from the
 * cgroup (memory.max_usage_in_bytes reset at the window's start, oom_kill in
 * memory.oom_control). Optionally `gomemlens watch` records the window, with the gctrace lines
 * the program writes to stderr (GODEBUG=gctrace=1): the capture calibration reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGoMemLimit } from '../../src/model/gomemlimit.js';
import { createTestCgroup } from './cgroup.js';
import { runCli } from './cli.js';
import { scenarioPath } from './go-scenario.js';

export interface Cell {
  readonly gogc: number | 'off';
  readonly gomemlimit?: number;
  readonly containerLimit?: number;
  readonly gomaxprocs: number;
}

/** What /debug/gcload reports (testdata/go/gcload/stats.go). */
export interface GcloadReport {
  readonly windowSec: number;
  readonly cycles: number;
  readonly cyclesPerSec: number;
  readonly gcCpuShare: number;
  readonly allocBytesPerSec: number;
  readonly peakHeapBytes: number;
  readonly peakGoMemoryBytes: number;
  readonly limiterEngaged: boolean;
  readonly liveHeapBytes: number;
  /**
   * CPU the process got (getrusage) over its Ps' busy time by the runtime's count: 1 on an idle
   * host. The runtime's /cpu/classes count wall time on a P, so a host that runs the threads
   * less stretches the GC's phases and its CPU figures alike.
   */
  readonly cpuAvailability: number;
}

export interface CellRun {
  readonly cell: Cell;
  /** The last report before the end (or the kill); undefined if none came. */
  readonly report?: GcloadReport;
  readonly peakContainer: number;
  readonly oomKilled: boolean;
  /** Seconds from start to the kill. */
  readonly diedAtSec?: number;
  /** The watch capture's path when asked for (under keepDir). */
  readonly capture?: string;
}

export interface RunOptions {
  readonly warmupSec: number;
  readonly measureSec: number;
  /** gcload flags (-rate, -live, ...). */
  readonly args?: readonly string[];
  /** Record the window with `gomemlens watch --gctrace` into keepDir/NAME.ndjson. */
  readonly watch?: { readonly keepDir: string; readonly name: string };
}

/** Cells started in the same millisecond need different group names. */
let cellCount = 0;

/** Without a container limit the group still gets one, so a runaway cell cannot hurt the host. */
const SAFETY_LIMIT = 2 * 1024 ** 3;

export async function runCell(cell: Cell, o: RunOptions): Promise<CellRun> {
  const work = mkdtempSync(join(tmpdir(), 'gomemlens-gcload-'));
  const cg = createTestCgroup(`gcload${cellCount++}`);
  let proc: Started | undefined;
  try {
    cg.setLimit(cell.containerLimit ?? SAFETY_LIMIT);
    const stderr = join(work, 'stderr.log');
    const t0 = Date.now();
    proc = await start(cell, o, cg.dir, stderr);
    const died = proc.exited.then(() => Date.now());
    let report: GcloadReport | undefined;
    const poll = setInterval(
      () => void fetchReport(proc!.url).then((r) => (report = r ?? report)),
      500,
    );
    await sleep(o.warmupSec * 1000, died);
    writeFileSync(join(cg.dir, 'memory.max_usage_in_bytes'), '0');
    const capture = o.watch ? await watch(proc, stderr, o, work) : undefined;
    if (!o.watch) await sleep(o.measureSec * 1000, died);
    clearInterval(poll);
    report = (await fetchReport(proc.url)) ?? report;
    const oom = Number(/oom_kill (\d+)/.exec(cg.read('memory.oom_control'))?.[1] ?? 0) > 0;
    const diedAt =
      proc.child.exitCode !== null || proc.child.signalCode !== null ? await died : undefined;
    return {
      cell,
      report,
      peakContainer: Number(cg.read('memory.max_usage_in_bytes')),
      oomKilled: oom,
      ...(diedAt === undefined ? {} : { diedAtSec: (diedAt - t0) / 1000 }),
      ...(capture ? { capture } : {}),
    };
  } finally {
    proc?.child.kill('SIGKILL');
    await proc?.exited;
    await cg.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
}

/** Starts gcload inside the group from its first instruction, stderr into a file. */
function start(cell: Cell, o: RunOptions, dir: string, stderr: string): Promise<Started> {
  const env: Record<string, string> = {
    ...process.env,
    GOGC: String(cell.gogc),
    GOMEMLIMIT: cell.gomemlimit === undefined ? 'off' : formatGoMemLimit(cell.gomemlimit),
    GOMAXPROCS: String(cell.gomaxprocs),
    GODEBUG: 'gctrace=1',
  };
  const args = [...(o.args ?? []), '-warmup', `${o.warmupSec}s`];
  const script = 'echo $$ > "$0/cgroup.procs" && exec "$@" 2>"$GCLOAD_STDERR"';
  const child = spawn('sh', ['-c', script, dir, scenarioPath('gcload'), ...args], {
    env: { ...env, GCLOAD_STDERR: stderr },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((res) => child.on('exit', () => res()));
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error('gcload did not start in 10 s')), 10_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ child, url: m[1], exited });
      }
    });
    void exited.then(() => rej(new Error('gcload exited before listening')));
  });
}

async function watch(p: Started, stderr: string, o: RunOptions, work: string): Promise<string> {
  const out = join(work, 'capture.ndjson');
  const flags = ['--pid', String(p.child.pid), '--url', p.url, '--gctrace', stderr];
  const args = ['watch', ...flags, '--out', out, '--interval', '250ms'];
  await runCli([...args, '--duration', `${o.measureSec}s`], {
    timeoutMs: (o.measureSec + 30) * 1000,
  });
  const kept = join(o.watch!.keepDir, `${o.watch!.name}.ndjson`);
  copyFileSync(out, kept);
  return kept;
}

async function fetchReport(url: string): Promise<GcloadReport | undefined> {
  try {
    const r = await fetch(`${url}/debug/gcload`, { signal: AbortSignal.timeout(2000) });
    const j = (await r.json()) as GcloadReport;
    return j.windowSec > 0 ? j : undefined;
  } catch {
    return undefined; // killed, or slow for a moment: the previous report stands
  }
}

function sleep(ms: number, died: Promise<unknown>): Promise<void> {
  return Promise.race([new Promise<void>((r) => setTimeout(r, ms)), died.then(() => undefined)]);
}
