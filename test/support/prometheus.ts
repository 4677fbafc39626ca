/**
 * A real Prometheus for tests (Debian's `prometheus` package; .ci/run installs it): started on
 * 127.0.0.1 with a temporary data directory, a short scrape and evaluation interval and the
 * given rule files, queried over its HTTP API, and stopped afterwards. promtool comes from the
 * same package. Tests skip with the reason where either is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function promtoolSkipReason(): string | undefined {
  return which('promtool') ? undefined : 'promtool not installed (Debian package prometheus)';
}

export function prometheusSkipReason(): string | undefined {
  return which('prometheus') ? undefined : 'prometheus not installed (Debian package prometheus)';
}

export function promtool(args: string[], input?: string): { code: number; out: string } {
  const r = spawnSync('promtool', args, { input, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as { port: number }).port;
  await new Promise((res) => server.close(res));
  return port;
}

export interface PrometheusOptions {
  /** scrape_configs entries (YAML text, indented as list items). */
  readonly scrapeConfigs: string;
  readonly ruleFiles?: readonly string[];
  readonly intervalSec?: number;
  /** global external_labels, e.g. { cluster: 'test' }. */
  readonly externalLabels?: Record<string, string>;
}

export interface RunningPrometheus {
  readonly url: string;
  query(expr: string): Promise<PromResult[]>;
  alerts(): Promise<PromAlert[]>;
  stop(): Promise<void>;
  log(): string;
}

export interface PromResult {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

export interface PromAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing' | 'inactive';
  readonly activeAt: string;
}

export async function startPrometheus(o: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-prom-'));
  const every = `${o.intervalSec ?? 1}s`;
  const labels = Object.entries(o.externalLabels ?? {}).map(([k, v]) => `    ${k}: ${v}`);
  const config = [
    'global:',
    `  scrape_interval: ${every}`,
    `  scrape_timeout: ${every}`,
    `  evaluation_interval: ${every}`,
    ...(labels.length ? ['  external_labels:', ...labels] : []),
    'rule_files:',
    ...(o.ruleFiles ?? []).map((f) => `  - ${f}`),
    'scrape_configs:',
    o.scrapeConfigs,
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const { url, child, log } = await launchPrometheus([
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    '--web.enable-lifecycle',
  ]);
  return {
    url,
    query: (expr) =>
      api<{ result: PromResult[] }>(url, `/api/v1/query?query=${encodeURIComponent(expr)}`).then(
        (d) => d.result,
      ),
    alerts: () => api<{ alerts: PromAlert[] }>(url, '/api/v1/alerts').then((d) => d.alerts),
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((res) => child.once('exit', res));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function api<T>(url: string, path: string): Promise<T> {
  const res = await fetch(url + path);
  const body = (await res.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
  return body.data;
}

export interface LaunchedPrometheus {
  readonly url: string;
  readonly child: ChildProcess;
  /** The end of its stderr, for a failure message. */
  log(): string;
}

/** `prometheus ARGS` on a free 127.0.0.1 port, once it answers /-/ready. */
export async function launchPrometheus(args: readonly string[]): Promise<LaunchedPrometheus> {
  const port = await freePort();
  const child = spawn('prometheus', [...args, `--web.listen-address=127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d) => (log = (log + d).slice(-20000)));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => log);
  return { url, child, log: () => log };
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus not ready in 30 s: ${log()}`);
}
