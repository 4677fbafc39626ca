/**
 * The exporter at node scale (issue goals): 200 small Go services (testdata/go/tiny, each with
 * /debug/vars, /metrics and pprof) in their own kubelet-shaped memory cgroups, a /pods
 * stand-in naming them, `gomemlens exporter --interval 15s`: its CPU averaged over whole
 * cycles <= 1% of a core, RSS <= 150 MB, a scrape answered in < 100 ms. Then 1,000 services:
 * the cost per service must stay about the same (linear). A Prometheus-like scrape (gzip)
 * runs every 15 s during the measurement, which lasts 5 minutes. The exporter runs with the
 * flags and environment of deploy/exporter/daemonset.yaml (NODE_OPTIONS,
 * MALLOC_MMAP_THRESHOLD_; the default --full-every 10m, spread evenly, so the window holds
 * its average share of full reads); EXPORTER_BENCH_PLAIN=1 leaves the environment out,
 * EXPORTER_BENCH_FULL_EVERY=5m reads every service in full once within the window.
 * Usage: node dist/bench/exporter.bench.js [services...]   (default 200 1000)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg } from 'node:os';
import { parse } from 'yaml';
import { cgroupSkipReason } from '../test/support/cgroup.js';
import { goSkipReason, startScenario, type RunningScenario } from '../test/support/go-scenario.js';
import { startKubeletStandin, type StandinPod } from '../test/support/kubelet-standin.js';
import { createKubepodsTree } from '../test/support/kubepods.js';
import { freePort } from '../test/support/prometheus.js';

const INTERVAL_S = 15;
/** Five minutes: one full read per service (--full-every 5m) falls in the window. */
const WINDOW_S = Number(process.env.EXPORTER_BENCH_WINDOW_S ?? 300);
const FULL_EVERY = process.env.EXPORTER_BENCH_FULL_EVERY;
const TICKS_PER_S = 100; // USER_HZ: /proc/PID/stat times are in clock ticks (man 5 proc)
const MiB = 1 << 20;

interface Result {
  readonly n: number;
  readonly cpuShare: number;
  /** The kernel's part (system time): file reads, loopback TCP. */
  readonly systemShare: number;
  readonly rssMiB: number;
  readonly hwmMiB: number;
  readonly scrapeMs: number[];
  readonly scrapeBytes: number;
  readonly cycleMs: number;
}

async function startServices(n: number) {
  const tree = cgroupSkipReason() ? undefined : createKubepodsTree('bench-exporter');
  const services: RunningScenario[] = [];
  const pods: StandinPod[] = [];
  for (let i = 0; i < n; i++) {
    const c = tree?.container(64 * MiB);
    services.push(await startScenario('tiny', { args: ['-every', '1s'], cgroupDir: c?.dir }));
    if (c)
      pods.push({
        namespace: `ns-${i % 20}`,
        name: `tiny-${i}`,
        uid: c.podUid,
        podIP: '127.0.0.1',
        qosClass: 'Burstable',
        containers: [{ name: 'tiny', id: c.containerId }],
      });
  }
  return { tree, services, pods };
}

/** The plain environment variables the DaemonSet gives the exporter. */
function daemonSetEnv(): Record<string, string> {
  const ds = parse(readFileSync('deploy/exporter/daemonset.yaml', 'utf8'));
  const env: { name: string; value?: string }[] = ds.spec.template.spec.containers[0].env;
  return Object.fromEntries(
    env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
  );
}

function cpuTicks(pid: number, which: 'user' | 'system' | 'both' = 'both'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [user, system] = [Number(f[11]), Number(f[12])]; // utime, stime (fields 14 and 15)
  return which === 'user' ? user : which === 'system' ? system : user + system;
}

function statusKiB(pid: number, key: string): number {
  return Number(
    new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1],
  );
}

async function scrape(url: string): Promise<{ ms: number; bytes: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/metrics`, { headers: { 'accept-encoding': 'gzip' } });
  const text = await res.text();
  return { ms: performance.now() - t0, bytes: text.length, text };
}

async function measure(n: number): Promise<Result> {
  const { tree, services, pods } = await startServices(n);
  const kubelet = await startKubeletStandin(pods);
  const url = `http://127.0.0.1:${await freePort()}`;
  const args = [
    'bin/gomemlens.js',
    'exporter',
    '--listen',
    url.slice(7),
    '--interval',
    `${INTERVAL_S}s`,
    ...(FULL_EVERY ? ['--full-every', FULL_EVERY] : []),
    ...(pods.length ? ['--kubelet-url', kubelet.url] : []),
  ];
  // EXPORTER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the exporter (written at SIGTERM).
  const nodeArgs = process.env.EXPORTER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const env = { ...process.env, ...(process.env.EXPORTER_BENCH_PLAIN ? {} : daemonSetEnv()) };
  const exporter = spawn(process.execPath, [...nodeArgs, ...args], { stdio: 'ignore', env });
  try {
    // Warm-up: every service found and read once in full (endpoint search, settings).
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await sleep(INTERVAL_S * 1000);
      const text = (await scrape(url)).text;
      if (Number(/gomemlens_exporter_targets\{state="runtime"\} (\d+)/.exec(text)?.[1]) >= n) break;
    }
    const cpu0 = cpuTicks(exporter.pid!);
    const system0 = cpuTicks(exporter.pid!, 'system');
    const t0 = performance.now();
    const scrapes: { ms: number; bytes: number; text: string }[] = [];
    const perCycle: number[] = [];
    for (let s = 0, c = cpu0; s < WINDOW_S / INTERVAL_S; s++) {
      await sleep(INTERVAL_S * 1000);
      scrapes.push(await scrape(url));
      perCycle.push((cpuTicks(exporter.pid!) - c) * (1000 / TICKS_PER_S));
      c = cpuTicks(exporter.pid!);
    }
    console.log(`  CPU ms per ${INTERVAL_S} s: ${perCycle.join(' ')}`);
    const cpuS = (cpuTicks(exporter.pid!) - cpu0) / TICKS_PER_S;
    const systemS = (cpuTicks(exporter.pid!, 'system') - system0) / TICKS_PER_S;
    const wallS = (performance.now() - t0) / 1000;
    const last = scrapes[scrapes.length - 1].text;
    return {
      n,
      cpuShare: cpuS / wallS,
      systemShare: systemS / wallS,
      rssMiB: statusKiB(exporter.pid!, 'VmRSS') / 1024,
      hwmMiB: statusKiB(exporter.pid!, 'VmHWM') / 1024,
      scrapeMs: scrapes.map((s) => s.ms),
      scrapeBytes: scrapes[scrapes.length - 1].bytes,
      cycleMs: 1000 * Number(/^gomemlens_exporter_cycle_duration_seconds (\S+)$/m.exec(last)?.[1]),
    };
  } finally {
    exporter.kill('SIGTERM');
    await new Promise((r) => exporter.once('exit', r));
    await kubelet.close();
    await Promise.all(services.map((s) => s.stop()));
    await tree?.remove();
  }
}

function report(r: Result): void {
  const max = Math.max(...r.scrapeMs);
  const setup = process.env.EXPORTER_BENCH_PLAIN ? 'plain node' : "the DaemonSet's environment";
  const full = `--full-every ${FULL_EVERY ?? '10m (default)'}`;
  console.log(
    `${r.n} Go services, --interval ${INTERVAL_S}s, ${full}, ${setup}, over ${WINDOW_S} s:`,
  );
  console.log(
    `  load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    `  exporter CPU ${(100 * r.cpuShare).toFixed(2)}% of a core (${(100 * r.systemShare).toFixed(2)}% system; goal <= 1% at 200); ${((r.cpuShare * INTERVAL_S * 1000) / r.n).toFixed(3)} ms per service per cycle`,
  );
  console.log(
    `  exporter RSS ${r.rssMiB.toFixed(0)} MiB now, ${r.hwmMiB.toFixed(0)} MiB peak (goal <= 150 MB at 200)`,
  );
  console.log(
    `  scrape (gzip) ${Math.min(...r.scrapeMs).toFixed(1)}..${max.toFixed(1)} ms for ${(r.scrapeBytes / 1024).toFixed(0)} KiB of text (goal < 100 ms); last cycle ${r.cycleMs.toFixed(0)} ms`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

const skip = goSkipReason('tiny');
if (skip) console.log(`exporter bench skipped: ${skip}`);
else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const results: Result[] = [];
  for (const n of sizes.length ? sizes : [200, 1000]) {
    // Each tiny service holds about 7 MiB; leave the machine room for everything else.
    if (n * 8 * MiB > freemem() - 2048 * MiB) {
      console.log(
        `${n} services skipped: ${(freemem() / MiB).toFixed(0)} MiB free, need about ${n * 8 + 2048} MiB`,
      );
      continue;
    }
    const r = await measure(n);
    report(r);
    results.push(r);
  }
  if (results.length >= 2) {
    const per = (r: Result) => r.cpuShare / r.n;
    const [a, b] = [results[0], results[results.length - 1]];
    console.log(
      `linearity: CPU per service at ${b.n} / at ${a.n} = ${(per(b) / per(a)).toFixed(2)} (1.00 = linear)`,
    );
  }
}
