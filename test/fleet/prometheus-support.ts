/**
 * A real Prometheus for the fleet tests: OpenMetrics text backfilled into a TSDB with
 * `promtool tsdb create-blocks-from openmetrics` (one block: --max-block-duration above the
 * window, so promtool reads the input once per block, not once per 2 h), then Debian's
 * `prometheus` started on 127.0.0.1 on that directory with no scrape targets. Retention is 100
 * years because the data is in the past; queries are made at the data's fixed "now" (--at).
 * Tests skip with the reason when promtool or prometheus is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const PROMTOOL = '/usr/bin/promtool';
export const PROMETHEUS = '/usr/bin/prometheus';

export function prometheusSkipReason(): string | undefined {
  for (const bin of [PROMTOOL, PROMETHEUS])
    if (!existsSync(bin)) return `${bin} is not installed (Debian package "prometheus")`;
  return undefined;
}

/** Backfills `openMetrics` into `dataDir`; returns the milliseconds promtool took. */
export function backfill(openMetrics: string, dataDir: string): number {
  const t0 = Date.now();
  const r = spawnSync(
    PROMTOOL,
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      '--max-block-duration=8760h',
      openMetrics,
      dataDir,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`promtool failed: ${r.stderr || r.stdout}`);
  return Date.now() - t0;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

export interface RunningPrometheus {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startPrometheus(dir: string, dataDir: string): Promise<RunningPrometheus> {
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
    });
  return { url, process: child, stop };
}
