/**
 * One container's state -> its exporter series (model/exporter-metrics.ts): the latest sample,
 * the forecast over the recent ones, the active findings and the settings in force. A series
 * whose input was not read is left out, never written as 0: Prometheus then says "no data"
 * instead of a wrong number.
 */
import {
  CONTAINER_METRICS as M,
  MAX_SERIES_PER_CONTAINER,
  type MetricRow,
  type MetricSpec,
} from '../model/exporter-metrics.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { Forecast } from './forecast.js';

export interface ContainerLabels {
  readonly namespace?: string;
  readonly pod?: string;
  readonly container?: string;
  /** Outside Kubernetes (or before the pod is known): the cgroup path. */
  readonly cgroup?: string;
}

/** The Go knobs in force and where each came from (analysis/settings.ts, shortened). */
export interface ExporterSettings {
  readonly goVersion?: string;
  /** Bytes; null when off. */
  readonly gomemlimitBytes?: number | null;
  readonly gomemlimitSource: string;
  /** Percent; null when the GC is off. */
  readonly gogcPercent?: number | null;
  readonly gogcSource: string;
}

export interface ContainerState {
  readonly labels: ContainerLabels;
  /** The latest sample of the container's Go process; absent once it has exited. */
  readonly sample?: Sample;
  readonly forecast?: Forecast;
  readonly findings: readonly Finding<string>[];
  readonly settings?: ExporterSettings;
  /** OOM kills over every instance of the container seen so far. */
  readonly oomKills: number;
  readonly profile?: { readonly url: string; readonly t: number };
  readonly workload?: { readonly kind: string; readonly name: string };
  readonly qosClass?: string;
}

/** Verdicts that come with a time to the limit (analysis/forecast.ts). */
const ETA_KINDS = new Set(['leak', 'shmem']);

export function containerRows(c: ContainerState): MetricRow[] {
  const rows: MetricRow[] = [];
  // One labels object for the rows without extra labels: the exposition writes its text once.
  const labels: MetricRow['labels'] = { ...c.labels };
  const add = (spec: MetricSpec, value: number | undefined, extra?: Record<string, string>) => {
    if (value !== undefined && Number.isFinite(value))
      rows.push({ spec, labels: extra ? { ...labels, ...extra } : labels, value });
  };
  add(M.oomKills, c.oomKills);
  const s = c.sample;
  if (!s) return rows;
  add(M.limit, s.cgroup?.limit);
  add(M.workingSet, s.cgroup?.workingSet);
  add(M.usage, s.cgroup?.usage);
  add(M.shmem, s.cgroup?.shmem);
  add(M.rss, s.proc?.rss);
  goRows(c, add);
  forecastRows(c.forecast, add);
  if (c.profile) add(M.profileTime, c.profile.t / 1000);
  add(M.info, 1, infoLabels(c));
  findingRows(c.findings, MAX_SERIES_PER_CONTAINER - rows.length, add);
  return rows;
}

type Add = (spec: MetricSpec, value: number | undefined, extra?: Record<string, string>) => void;

function goRows(c: ContainerState, add: Add): void {
  const g = c.sample?.go;
  const mapped = g?.sys !== undefined ? g.sys - (g.heapReleased ?? 0) : undefined;
  add(M.goMapped, mapped);
  add(M.heapInuse, g?.heapInuse);
  add(M.heapLive, g?.live);
  add(M.heapGoal, g?.nextGC);
  // RssAnon - (Sys - HeapReleased): anonymous memory the Go runtime did not map (cgo, mmap).
  // Mapped heap that was never touched is not resident, so the difference can dip below zero.
  const anon = c.sample?.proc?.rssAnon;
  add(M.nonGo, anon !== undefined && mapped !== undefined ? Math.max(0, anon - mapped) : undefined);
  const st = c.settings;
  add(M.gomemlimit, st?.gomemlimitBytes ?? undefined);
  add(M.gogc, st?.gogcPercent === null ? -1 : st?.gogcPercent);
  add(M.gcCpu, g?.gcCpuFraction);
}

function forecastRows(f: Forecast | undefined, add: Add): void {
  if (!f) return;
  if (ETA_KINDS.has(f.kind) && f.etaSec !== undefined) add(M.etaSeconds, Math.max(0, f.etaSec));
  add(M.verdict, 1, { verdict: f.kind });
}

function infoLabels(c: ContainerState): Record<string, string> {
  return {
    go_version: c.settings?.goVersion ?? '',
    gomemlimit_source: c.settings?.gomemlimitSource ?? 'unknown',
    gogc_source: c.settings?.gogcSource ?? 'unknown',
    profile_url: c.profile?.url ?? '',
    workload_kind: c.workload?.kind ?? '',
    workload: c.workload?.name ?? '',
    qos_class: c.qosClass ?? '',
  };
}

/** One series per code and severity, most severe first, within the per-container bound. */
function findingRows(findings: readonly Finding<string>[], room: number, add: Add): void {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const seen = new Set<string>();
  const sorted = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
  for (const f of sorted) {
    const key = `${f.code}\0${f.severity}`;
    if (seen.has(key) || seen.size >= room) continue;
    seen.add(key);
    add(M.finding, 1, { code: f.code, severity: f.severity });
  }
}
