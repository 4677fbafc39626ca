/**
 * A real Prometheus for the fleet tests: OpenMetrics text backfilled into a TSDB with
 * `promtool tsdb create-blocks-from openmetrics` (one block: --max-block-duration above the
 * window, so promtool reads the input once per block, not once per 2 h), then Debian's
 * `prometheus` started on 127.0.0.1 on that directory with no scrape targets. Retention is 100
 * years because the data is in the past; queries are made at the data's fixed "now" (--at).
 * Tests skip with the reason when promtool or prometheus is missing.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchPrometheus } from '../support/prometheus.js';

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

export interface RunningPrometheus {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startPrometheus(dir: string, dataDir: string): Promise<RunningPrometheus> {
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const { url, child } = await launchPrometheus([
    `--config.file=${config}`,
    `--storage.tsdb.path=${dataDir}`,
    '--storage.tsdb.retention.time=100y',
    '--log.level=warn',
  ]);
  const stop = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
    });
  return { url, process: child, stop };
}
