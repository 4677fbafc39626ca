/**
 * fleet at scale (issue goal): 10,000 containers over 7 days, backfilled with promtool into a
 * local Prometheus, reported in under 60 s with under 500 MB of RSS. Prints the query plan:
 * how many queries of each kind, the bytes they return, and what Prometheus spent on them
 * (its own stats=all: samples loaded and evaluation time, measured in the same run as the
 * reference for our end-to-end time). Samples are hourly here (a real scrape every 30 s holds
 * 120 times more; docs/fleet.md scales the cost).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { instantQueries, rangeQueries, stepFor } from '../src/analysis/fleet/queries.js';
import { writeFleet } from '../test/fleet/fleet-gen.js';
import { FAMILIES } from '../test/fleet/fleet-families.js';
import { fleetScenarios, type WorkloadSpec } from '../test/fleet/fleet-scenarios.js';
import {
  backfill,
  prometheusSkipReason,
  startPrometheus,
} from '../test/fleet/prometheus-support.js';

const CONTAINERS = 10_000;
const END = 1736294400;
const WINDOW_MS = 7 * 86_400_000;
const MiB = 1 << 20;

/** Copies of one cluster's scenarios into namespaces n0, n1, ... until 10,000 containers. */
function scaleScenarios(): WorkloadSpec[] {
  const template = fleetScenarios().filter((s) => s.cluster === 'east');
  const perNs = template.reduce(
    (n, s) => n + (s.resize ? 2 : 1) * s.replicas * (s.sidecar ? 2 : 1),
    0,
  );
  const namespaces = Math.ceil(CONTAINERS / perNs);
  return Array.from({ length: namespaces }, (_, i) =>
    template.map((s) => ({ ...s, namespace: `n${i}` })),
  ).flat();
}

function run(
  args: string[],
): Promise<{ code: number | null; ms: number; rss: number; stdout: string; stderr: string }> {
  const rssFile = join(tmpdir(), `gomemlens-fleet-rss-${process.pid}`);
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      resolve('dist/test/hostile/peak-rss-preload.js'),
      resolve('bin/gomemlens.js'),
      ...args,
    ],
    {
      env: { ...process.env, GOMEMLENS_PEAK_RSS_FILE: rssFile },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((res) =>
    child.on('close', (code) => {
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      rmSync(rssFile, { force: true });
      res({ code, ms: performance.now() - t0, rss, stdout, stderr });
    }),
  );
}

interface Stats {
  samples: number;
  evalMs: number;
  bytes: number;
}

/** What Prometheus spends on one batch's queries (its stats=all), by kind. */
async function planCost(url: string, namespaces: string[]): Promise<Map<string, Stats>> {
  const scope = { namespaces };
  const step = stepFor(WINDOW_MS) / 1000;
  const start = END - WINDOW_MS / 1000;
  const calls: [string, string, Record<string, string>][] = [
    ...instantQueries(scope, WINDOW_MS, step * 1000).map(
      (q): [string, string, Record<string, string>] => [
        `instant ${q.family}`,
        'query',
        { query: q.expr, time: String(END) },
      ],
    ),
    ...rangeQueries(scope).map((q): [string, string, Record<string, string>] => [
      `range ${q.name}`,
      'query_range',
      {
        query: q.expr,
        start: String(q.daily ? start + 86400 : start),
        end: String(END),
        step: String(q.daily ? 86400 : step),
      },
    ]),
  ];
  const out = new Map<string, Stats>();
  for (const [kind, endpoint, params] of calls) {
    const r = await fetch(`${url}/api/v1/${endpoint}`, {
      method: 'POST',
      body: new URLSearchParams({ ...params, stats: 'all' }),
    });
    const text = await r.text();
    const stats = JSON.parse(text).data?.stats;
    out.set(kind, {
      samples: stats?.samples?.totalQueryableSamples ?? NaN,
      evalMs: (stats?.timings?.evalTotalTime ?? NaN) * 1000,
      bytes: text.length,
    });
  }
  return out;
}

async function main(): Promise<void> {
  const skip = prometheusSkipReason();
  if (skip) return console.log(`fleet bench skipped: ${skip}`);
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-fleet-bench-'));
  try {
    const specs = scaleScenarios();
    let t0 = performance.now();
    const truths = writeFleet(join(dir, 'fleet.om'), specs, FAMILIES, {
      start: END - WINDOW_MS / 1000,
      end: END,
      interval: 3600,
      constInterval: 3600,
    });
    const genMs = performance.now() - t0;
    const omBytes = statSync(join(dir, 'fleet.om')).size;
    const pods = [...truths.values()].reduce((n, t) => n + t.pods, 0);
    const promtoolMs = backfill(join(dir, 'fleet.om'), join(dir, 'data'));
    rmSync(join(dir, 'fleet.om'));
    t0 = performance.now();
    const prom = await startPrometheus(dir, join(dir, 'data'));
    const readyMs = performance.now() - t0;
    try {
      const r = await run([
        'fleet',
        '--prometheus',
        prom.url,
        '--at',
        String(END),
        '--json',
        '--quiet',
      ]);
      if (r.code !== 0) throw new Error(`fleet exited ${r.code}: ${r.stderr}`);
      const report = JSON.parse(r.stdout);
      const src = report.sources[0];
      console.log(
        `fleet: ${specs.length} workloads, ${pods} pods (about ${CONTAINERS} containers with sidecars), 7 days hourly: ` +
          `${(omBytes / 2 ** 30).toFixed(2)} GiB OpenMetrics written in ${(genMs / 1000).toFixed(1)} s, promtool ${(promtoolMs / 1000).toFixed(1)} s, Prometheus ready in ${(readyMs / 1000).toFixed(1)} s`,
      );
      console.log(
        `  gomemlens fleet: ${(r.ms / 1000).toFixed(1)} s end to end (goal < 60 s), peak RSS ${(r.rss / MiB).toFixed(0)} MiB (goal < 500 MB); ` +
          `${report.workloads.length} Go workloads, ${report.nonGoContainers} non-Go containers; ${src.calls} queries, ${(src.bytes / MiB).toFixed(1)} MiB received, ${(src.ms / 1000).toFixed(1)} s in flight; missing: ${report.missing.length}`,
      );
      const batch = Array.from({ length: 25 }, (_, i) => `n${i}`);
      const cost = await planCost(prom.url, batch);
      let samples = 0;
      let evalMs = 0;
      console.log('  query plan, one batch of 25 namespaces (Prometheus stats=all):');
      for (const [kind, s] of cost) {
        samples += s.samples;
        evalMs += s.evalMs;
        console.log(
          `    ${kind.padEnd(18)} ${String(s.samples).padStart(10)} samples  ${s.evalMs.toFixed(0).padStart(5)} ms eval  ${(s.bytes / 1024).toFixed(0).padStart(6)} KiB`,
        );
      }
      const batches = Math.ceil(specs.length / 24 / 25);
      console.log(
        `  reference: Prometheus' own evaluation, ${batches} batches x ${evalMs.toFixed(0)} ms = ${((batches * evalMs) / 1000).toFixed(1)} s of ${samples} samples each; ` +
          `fleet end to end / Prometheus eval = ${(r.ms / (batches * evalMs)).toFixed(2)}x`,
      );
    } finally {
      await prom.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
