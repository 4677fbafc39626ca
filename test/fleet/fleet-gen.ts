/**
 * Writes a fleet's series as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`:
 * cAdvisor, kube-state-metrics, client_golang and gomemlens exporter series for every pod of
 * every workload, with the memory each pod really has at each instant (live heap, heap at its
 * GC phase, runtime overhead, non-Go memory) and its OOM kills and restarts. It records the
 * truths the report must find (kills, peaks) while it writes. Families are written one after
 * another (OpenMetrics forbids interleaving them); time stamps are in seconds.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { MiB } from '../../src/model/units.js';
import { CONTAINER_METRICS as G } from '../../src/model/exporter-metrics.js';
import { podsOf, type PodPlan, type WorkloadSpec } from './fleet-scenarios.js';

export interface GenWindow {
  readonly start: number;
  readonly end: number;
  /** Seconds between samples of series that change (working set, heap, counters). */
  readonly interval: number;
  /** Seconds between samples of series that do not (limits, owners, info). */
  readonly constInterval: number;
}

export interface PodState {
  readonly plan: PodPlan;
  readonly t: number[];
  readonly live: number[];
  readonly inuse: number[];
  readonly ws: number[];
  readonly restarts: number[];
  /** The last termination reason at each sample ('' before any). */
  readonly reason: string[];
  readonly oomKills: number[];
  readonly segStart: number[];
  /** GC cycles since the container started (runtime.MemStats.NumGC). */
  readonly gcs: number[];
}

export interface Truth {
  oomKills: number;
  maxWs: number;
  maxLive: number;
  pods: number;
}

const OVERHEAD_DEFAULT = 12 * MiB;
const IDLE = 4 * MiB;
const RELEASED = 8 * MiB;

/** A deterministic GC phase in [0.2, 1] for a pod at a sample (where the heap is in its cycle). */
function phase(pod: string, k: number): number {
  let h = 2166136261;
  for (const c of `${pod}#${k}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return 0.2 + 0.8 * ((h >>> 0) / 2 ** 32);
}

export function simulate(w: WorkloadSpec, p: PodPlan, win: GenWindow): PodState {
  const s: PodState = {
    plan: p,
    t: [],
    live: [],
    inuse: [],
    ws: [],
    restarts: [],
    reason: [],
    oomKills: [],
    segStart: [],
    gcs: [],
  };
  let seg = p.start;
  let restarts = w.restartsBefore ?? 0;
  let reason = w.oomBeforeWindow ? 'OOMKilled' : '';
  let kills = 0;
  let gcs = 0;
  let gcSeg = seg;
  const errorAt = new Set((w.errorRestartsAtHour ?? []).map((h) => win.start + h * 3600));
  for (let t = Math.max(win.start, p.start); t <= Math.min(win.end, p.end); t += win.interval) {
    if (errorAt.has(t)) [seg, restarts, reason] = [t, restarts + 1, 'Error'];
    const g = w.go;
    const hours = (t - seg) / 3600;
    const live = (g?.live ?? 0) + (g?.leakPerHour ?? 0) * hours;
    const inuse = g
      ? heapInuse(w, p, live, hours, phase(p.name, (t - win.start) / win.interval))
      : 0;
    // A GC each time the allocations since the last one fill the room up to the goal.
    if (gcSeg !== seg) [gcs, gcSeg] = [0, seg];
    else if (g) gcs += gcsIn(w, p, live, win.interval);
    let ws = g ? inuse + IDLE + overhead(w) + w.nonGo : w.nonGo;
    if (p.limit && ws >= p.limit) {
      // The kernel kills at the limit; the container restarts near empty.
      ws = p.limit;
      [seg, restarts, reason, kills] = [t + win.interval, restarts + 1, 'OOMKilled', kills + 1];
    }
    s.t.push(t);
    s.live.push(live);
    s.inuse.push(inuse);
    s.ws.push(ws);
    s.restarts.push(restarts);
    s.reason.push(reason);
    s.oomKills.push(kills);
    s.segStart.push(seg);
    s.gcs.push(Math.floor(gcs));
  }
  return s;
}

export const overhead = (w: WorkloadSpec) => w.go?.overhead ?? OVERHEAD_DEFAULT;

/** The GOMEMLIMIT of a pod: its own (before a resize it followed) or the workload's. */
export const gomemlimitOf = (w: WorkloadSpec, p: PodPlan) => p.gomemlimit ?? w.go!.gomemlimit;

/** The heap in use: between the live heap and the GC's goal (GOGC goal, or GOMEMLIMIT's). */
function heapInuse(w: WorkloadSpec, p: PodPlan, live: number, hours: number, ph: number): number {
  const g = w.go!;
  if (g.gogc < 0 && gomemlimitOf(w, p) === 'off') return live + (g.offGrowthPerHour ?? 0) * hours;
  return live + (heapGoal(w, p, live) - live) * ph;
}

/** The GC's heap goal: GOGC's, or GOMEMLIMIT's when lower; Infinity with neither. */
function heapGoal(w: WorkloadSpec, p: PodPlan, live: number): number {
  const g = w.go!;
  const gml = gomemlimitOf(w, p);
  const goal = g.gogc > 0 ? live * (1 + g.gogc / 100) : Infinity;
  return typeof gml === 'number' ? Math.min(goal, Math.max(live, gml - overhead(w) - IDLE)) : goal;
}

/** GC cycles in `seconds`: the allocations over the room between the live heap and the goal. */
function gcsIn(w: WorkloadSpec, p: PodPlan, live: number, seconds: number): number {
  const room = heapGoal(w, p, live) - live;
  return Number.isFinite(room) ? (w.go!.allocRate * seconds) / Math.max(room, MiB) : 0;
}

export interface Family {
  readonly name: string;
  readonly constant?: boolean;
  /** The series of one pod: labels and a value per sample index (undefined: no sample). */
  readonly series: (
    w: WorkloadSpec,
    s: PodState,
  ) => { labels: Record<string, string>; value: (k: number) => number | undefined }[];
}

export class OpenMetricsWriter {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  lines = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  sample(name: string, labels: Record<string, string>, value: number, t: number): void {
    // Byte counts are whole numbers in every exporter; CPU seconds and ratios are not.
    const v = Math.abs(value) >= 4096 ? Math.round(value) : value;
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    const line = `${name}{${l}} ${v} ${t}\n`;
    this.buf.push(line);
    this.size += line.length;
    this.lines++;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.buf.push('# EOF\n');
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes every family for every pod; returns the truths per workload key. */
export function writeFleet(
  path: string,
  specs: readonly WorkloadSpec[],
  families: readonly Family[],
  win: GenWindow,
): Map<WorkloadSpec, Truth> {
  const pods = specs.map((w) => ({ w, states: podsOf(w, win).map((p) => simulate(w, p, win)) }));
  const out = new OpenMetricsWriter(path);
  for (const f of families) {
    for (const { w, states } of pods) {
      for (const s of states) {
        for (const series of f.series(w, s)) {
          for (let k = 0; k < s.t.length; k++) {
            if (f.constant && (s.t[k] - win.start) % win.constInterval !== 0) continue;
            const v = series.value(k);
            if (v !== undefined) out.sample(f.name, series.labels, v, s.t[k]);
          }
        }
      }
    }
  }
  out.close();
  const truths = new Map<WorkloadSpec, Truth>();
  for (const { w, states } of pods)
    truths.set(w, {
      oomKills: states.reduce((n, s) => n + (s.oomKills.at(-1) ?? 0), 0),
      maxWs: Math.max(...states.flatMap((s) => s.ws)),
      maxLive: Math.max(...states.flatMap((s) => s.live)),
      pods: states.length,
    });
  return truths;
}

export { G, IDLE, RELEASED };
