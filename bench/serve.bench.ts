/**
 * serve's cost (issue goal: under 1% of a core per target at 1 s): `gomemlens serve` on N
 * real Go services (leaky, slow leak) with one page connected to its event stream, for D
 * seconds after a warm-up; its CPU (user + system from /proc/PID/stat) per target per second
 * of wall time. Reference measured in the same run and window: `gomemlens watch` on each of
 * the same services (one process per target, as watch runs), which reads the same path;
 * the ratio is what the server, the history and the stream add.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScenario, type RunningScenario } from '../test/support/go-scenario.js';
import { startServe } from '../test/support/serve.js';

const N = Number(process.env.SERVE_BENCH_TARGETS ?? 5);
const WARMUP_S = 10;
const MEASURE_S = Number(process.env.SERVE_BENCH_SECONDS ?? 60);
const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux

/** utime + stime of a process, in seconds (proc(5): fields 14 and 15 of /proc/PID/stat). */
function cpuSec(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function connectPage(url: string): { bytes: () => number; close: () => void } {
  let bytes = 0;
  const req = request(`${url}/events`, (res) => res.on('data', (d: Buffer) => (bytes += d.length)));
  req.on('error', () => undefined);
  req.end();
  return { bytes: () => bytes, close: () => req.destroy() };
}

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-serve-bench-'));
  const services: RunningScenario[] = [];
  const watchers: ChildProcess[] = [];
  try {
    for (let i = 0; i < N; i++)
      services.push(await startScenario('leaky', { args: ['-rate', '8KiB', '-every', '100ms'] }));
    const args = services.flatMap((s) => ['--pid', String(s.pid), '--url', s.url!]);
    const serve = await startServe([...args, '--listen', '127.0.0.1:0']);
    const page = connectPage(serve.url);
    for (const [i, s] of services.entries()) {
      const out = join(dir, `w${i}.ndjson`);
      const w = spawn(
        process.execPath,
        ['dist/src/cli/main.js', 'watch', '--pid', String(s.pid), '--url', s.url!, '--out', out],
        { stdio: 'ignore' },
      );
      watchers.push(w);
    }
    await sleep(WARMUP_S);
    const serve0 = cpuSec(serve.pid);
    const watch0 = watchers.map((w) => cpuSec(w.pid!));
    const bytes0 = page.bytes();
    const t0 = Date.now();
    await sleep(MEASURE_S);
    const wall = (Date.now() - t0) / 1000;
    const serveCpu = cpuSec(serve.pid) - serve0;
    const watchCpu = watchers.reduce((a, w, i) => a + cpuSec(w.pid!) - watch0[i], 0);
    const streamed = page.bytes() - bytes0;
    page.close();
    await serve.stop();
    const pct = (cpu: number) => (100 * cpu) / wall / N;
    console.log(
      `serve, ${N} targets at 1 s, one page connected, ${wall.toFixed(0)} s: ${pct(serveCpu).toFixed(2)}% of a core per target (goal < 1%)`,
    );
    console.log(
      `  event stream to the page: ${(streamed / wall / N / 1024).toFixed(1)} KiB/s per target`,
    );
    console.log(
      `reference: gomemlens watch, one process per target, same window: ${pct(watchCpu).toFixed(2)}% of a core per target (serve / watch = ${(serveCpu / watchCpu).toFixed(2)}x)`,
    );
  } finally {
    for (const w of watchers) w.kill('SIGKILL');
    for (const s of services) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
