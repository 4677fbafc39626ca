// k8s: lint 10,000 manifests (goal < 5 s) and the webhook's latency under 2,000 reviews 50 at
// a time (goal p99 < 20 ms). The reference in the same run: yaml's own parse of the same text
// (the floor any YAML-based linter pays).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, stringify } from 'yaml';
import { lintObjects } from '../src/analysis/k8s/lint.js';
import { parseManifests } from '../src/formats/k8s-manifest.js';
import { makeCertificate, post, review, startWebhook } from '../test/k8s/webhook-support.js';
import { goWorkload } from '../test/k8s/workloads-gen.js';

const MANIFESTS = 10_000;

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** utime + stime of a process, in ms (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function benchLint(dir: string) {
  const text = Array.from(
    { length: MANIFESTS },
    (_, i) => `# Source: chart/templates/app-${i}.yaml\n${stringify(goWorkload(i))}`,
  ).join('---\n');
  const file = join(dir, 'manifests.yaml');
  writeFileSync(file, text);
  let c0 = process.cpuUsage();
  let t0 = performance.now();
  const docs = parseAllDocuments(text);
  for (const d of docs as unknown as { toJS(): unknown }[]) d.toJS();
  const yamlOnly = performance.now() - t0;
  const yamlCpu = cpuMs(c0);
  c0 = process.cpuUsage();
  t0 = performance.now();
  const result = lintObjects(parseManifests(text, file).objects);
  const inProcess = performance.now() - t0;
  const lintCpu = cpuMs(c0);
  t0 = performance.now();
  const cli = spawnSync(
    process.execPath,
    [resolve('bin/gomemlens.js'), 'k8s', 'lint', '--json', file],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const endToEnd = performance.now() - t0;
  const mb = (Buffer.byteLength(text) / 2 ** 20).toFixed(1);
  console.log(
    `lint ${MANIFESTS} manifests (${mb} MiB, ${result.findings.length} findings): in-process ${inProcess.toFixed(0)} ms wall / ${lintCpu.toFixed(0)} ms CPU, CLI end-to-end ${endToEnd.toFixed(0)} ms (exit ${cli.status}; goal < 5000 ms)`,
  );
  console.log(
    `  reference: yaml parseAllDocuments + toJS alone ${yamlOnly.toFixed(0)} ms wall / ${yamlCpu.toFixed(0)} ms CPU; lint / yaml-only CPU = ${(lintCpu / yamlCpu).toFixed(2)}x`,
  );
  console.log(
    `  load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
}

/** The same load on GET /healthz: what node:https itself costs here, with no review at all. */
async function floor(hook: Hook) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next++ < 2000) {
      const t0 = performance.now();
      await post(hook, '/healthz', '', 'GET');
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  const wall = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const f = (p: number) => percentile(latencies, p).toFixed(2);
  console.log(
    `  reference: GET /healthz, same load and TLS: p50 ${f(50)} ms, p99 ${f(99)} ms; ${(2000 / (wall / 1000)).toFixed(0)}/s`,
  );
}

type Hook = Awaited<ReturnType<typeof startWebhook>>;

/** 2,000 reviews (half /validate in deny mode, half /mutate), 50 in flight. */
async function loadRound(hook: Hook, label: string, bodies: string[]) {
  const latencies: number[] = [];
  const serverTimes: number[] = [];
  let next = 0;
  const cpu0 = processCpuMs(hook.pid);
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const t0 = performance.now();
      const r = await post(hook, i % 2 ? '/mutate' : '/validate', bodies[i]);
      latencies.push(performance.now() - t0);
      if (r.serverMs !== undefined) serverTimes.push(r.serverMs);
      if (r.status !== 200) throw new Error(`status ${r.status}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  const wall = performance.now() - started;
  const serverCpu = processCpuMs(hook.pid) - cpu0;
  latencies.sort((a, b) => a - b);
  serverTimes.sort((a, b) => a - b);
  const f = (xs: number[], p: number) => percentile(xs, p).toFixed(2);
  const rate = bodies.length / (wall / 1000);
  console.log(
    `webhook ${label}: ${bodies.length} reviews, 50 in flight, TLS: p50 ${f(latencies, 50)} ms, p95 ${f(latencies, 95)} ms, p99 ${f(latencies, 99)} ms, max ${f(latencies, 100)} ms; ${rate.toFixed(0)} reviews/s (goal p99 < 20 ms)`,
  );
  console.log(
    `  review time on the server (Server-Timing): p50 ${f(serverTimes, 50)} ms, p99 ${f(serverTimes, 99)} ms; server CPU ${(serverCpu / bodies.length).toFixed(2)} ms per review (/proc/${hook.pid}/stat); Little's law: 50 in flight / ${rate.toFixed(0)} per s = ${(50000 / rate).toFixed(1)} ms mean`,
  );
}

async function benchWebhook() {
  const tls = makeCertificate();
  if (typeof tls === 'string') return console.log(`webhook: skipped (${tls})`);
  const hook = await startWebhook(tls, 'deny');
  try {
    const bodies = Array.from({ length: 2000 }, (_, i) => review(goWorkload(i), `uid-${i}`));
    await loadRound(hook, 'cold (fresh process: JIT and 50 TLS handshakes inside)', bodies);
    await loadRound(hook, 'warm (same process, second round)', bodies);
    await floor(hook);
    console.log(
      `  load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
  } finally {
    await hook.stop();
    rmSync(tls.dir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'gomemlens-k8s-bench-'));
try {
  benchLint(dir);
  await benchWebhook();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
