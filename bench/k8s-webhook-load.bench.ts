// The webhook under a burst of large reviews: 20 clients each sending 2.6 MB AdmissionReviews
// (a pod of 5,000 Go containers) back to back, while one client sends a small review every
// 20 ms. Prints the small reviews' latency (goal p99 < 50 ms while the large ones run), how
// many large reviews finished and in what time, and the server's peak RSS (VmHWM).
// BENCH_CLI=path/to/gomemlens.js measures another build (e.g. before a change).
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeCertificate, post, review, startWebhook } from '../test/k8s/webhook-support.js';
import { goWorkload } from '../test/k8s/workloads-gen.js';

const SECONDS = 8;
const LARGE_CLIENTS = 20;

function largePod(): unknown {
  const containers = Array.from({ length: 5000 }, (_, i) => ({
    name: `c${i}`,
    image: 'example.com/app:1',
    env: [
      { name: 'GOMEMLIMIT', value: '512Mi' },
      ...Array.from({ length: 8 }, (_, j) => ({ name: `VAR_${j}`, value: 'x'.repeat(24) })),
    ],
    resources: { limits: { memory: '1Gi' } },
  }));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'huge' }, spec: { containers } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function peakRssMiB(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const tls = makeCertificate();
if (typeof tls === 'string') {
  console.log(`webhook load: skipped (${tls})`);
} else {
  const cli = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : undefined;
  const hook = await startWebhook(tls, 'warn', [], cli);
  try {
    const large = review(largePod(), 'uid-large');
    const small = review(goWorkload(1), 'uid-small');
    const until = performance.now() + SECONDS * 1000;
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const largeClient = async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const r = await post(hook, '/validate', large).catch(() => ({ status: 0 }));
        count(r.status);
        if (r.status === 200) largeMs.push(performance.now() - t0);
        else await new Promise((r) => setTimeout(r, 100));
      }
    };
    const smallClient = async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const r = await post(hook, '/validate', small);
        if (r.status !== 200) throw new Error(`small review: status ${r.status}`);
        smallMs.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.all([smallClient(), ...Array.from({ length: LARGE_CLIENTS }, largeClient)]);
    smallMs.sort((a, b) => a - b);
    largeMs.sort((a, b) => a - b);
    const f = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
    console.log(
      `webhook, ${LARGE_CLIENTS} clients sending ${(large.length / 1e6).toFixed(1)} MB reviews for ${SECONDS} s: small reviews p50 ${f(smallMs, 50)} ms, p99 ${f(smallMs, 99)} ms, max ${f(smallMs, 100)} ms (${smallMs.length} sent; goal p99 < 50 ms)`,
    );
    console.log(
      `  large reviews: ${largeMs.length} done, p50 ${f(largeMs, 50)} ms, max ${f(largeMs, 100)} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}; server peak RSS ${peakRssMiB(hook.pid).toFixed(0)} MiB`,
    );
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
