/**
 * One batch of namespaces, from the answers to its queries to a FleetWorkload per Go workload:
 * rows per pod container, owners, folding replicas, measurements, verdict, findings, the joint
 * recommendation beside KRR and the VPA, and why they differ. Pure: the app layer asks
 * Prometheus and hands the answers here.
 */
import type { PromSeries } from '../../formats/prom-api.js';
import type { FleetSource, FleetWorkload, WorkloadId } from '../../model/fleet.js';
import { differences } from './differences.js';
import { fleetFindings } from './findings.js';
import { krrRecommendation } from './krr.js';
import { measure } from './measures.js';
import { oomKillsFromRestarts } from './oom-count.js';
import { Owners, type Owner } from './owners.js';
import { STAT_LABEL, type Family } from './queries.js';
import { recommend, type RecommendOptions } from './recommend.js';
import { isGo, podKey, RowTable, type PodRow, type RowContext } from './rows.js';
import { settingsFor, type SettingsIndex } from './manifest-settings.js';
import { verdictOf } from './verdict.js';
import { vpaInputOf } from './vpa-input.js';
import { vpaRecommendation } from './vpa.js';

export interface AnalyzeOptions extends RowContext {
  readonly windowMs: number;
  readonly stepMs: number;
  readonly recommend: RecommendOptions;
  /** GOMEMLIMIT and GOGC from manifests (--manifests), by workload. */
  readonly manifests?: SettingsIndex;
}

export interface Batch {
  readonly table: RowTable;
  readonly owners: Owners;
}

/** Rows and owners from the instant queries' answers (a failed family is simply absent). */
export function readInstant(
  answers: Partial<Record<Family, PromSeries[]>>,
  ctx: RowContext,
): Batch {
  const table = new RowTable(ctx);
  const owners = new Owners(ctx);
  for (const f of ['cadvisor', 'ksm', 'go', 'gomemlens'] as const) {
    const series = answers[f];
    if (!series) continue;
    table.add(f, series);
    if (f === 'ksm') owners.add(series);
  }
  table.attachPodLevel();
  return { table, owners };
}

/** Go pods that restarted while last terminated OOMKilled: their restarts are read in detail. */
export function restartTargets(b: Batch): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of b.table.rows.values()) {
    if (
      !isGo(r) ||
      !((r.stats.get('ksm.restarts') ?? 0) > 0) ||
      !((r.stats.get('ksm.oom_reason') ?? 0) >= 1)
    )
      continue;
    const pods = out.get(r.namespace) ?? [];
    if (!pods.includes(r.pod)) pods.push(r.pod);
    out.set(r.namespace, pods);
  }
  return out;
}

/** Reads the restart timelines (a union tagged restarts / oom_reason) into ksm.oom_kills. */
export function readRestarts(b: Batch, series: readonly PromSeries[]): void {
  const byStat = (stat: string) => series.filter((s) => s.labels[STAT_LABEL] === stat);
  b.table.addRange('restarts', byStat('restarts'));
  b.table.addRange('oomReason', byStat('oom_reason'));
  for (const r of b.table.rows.values()) {
    if (!r.series.restarts) continue;
    const kills = oomKillsFromRestarts(r.series.restarts, r.series.oomReason);
    r.stats.set('ksm.oom_kills', kills.count);
    r.oomTimes = kills.times;
  }
}

export interface BatchResult {
  readonly workloads: FleetWorkload[];
  readonly nonGoContainers: number;
  readonly notes: string[];
}

export function analyzeBatch(b: Batch, o: AnalyzeOptions): BatchResult {
  const perPod = new Map<string, number>();
  for (const r of b.table.rows.values()) {
    const k = podKey(r.cluster, r.namespace, r.pod);
    perPod.set(k, (perPod.get(k) ?? 0) + 1);
  }
  const groups = new Map<string, { id: WorkloadId; owner: Owner; rows: PodRow[] }>();
  let nonGo = 0;
  for (const r of b.table.rows.values()) {
    if (!isGo(r)) {
      nonGo++;
      continue;
    }
    const owner = b.owners.ownerOf(r.cluster, r.namespace, r.pod);
    const id: WorkloadId = {
      ...(r.cluster ? { cluster: r.cluster } : {}),
      namespace: r.namespace,
      kind: owner.kind,
      name: owner.name,
      container: r.container,
    };
    const key = [id.cluster, id.namespace, id.kind, id.name, id.container].join('\u0000');
    const g = groups.get(key) ?? { id, owner, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const workloads = [...groups.values()].map((g) => workload(g, b, perPod, o));
  return { workloads, nonGoContainers: nonGo, notes: [...b.table.unattributed] };
}

function workload(
  g: { id: WorkloadId; owner: Owner; rows: PodRow[] },
  b: Batch,
  perPod: Map<string, number>,
  o: AnalyzeOptions,
): FleetWorkload {
  const { id, rows } = g;
  const containersPerPod = Math.max(
    ...rows.map((r) => perPod.get(podKey(r.cluster, r.namespace, r.pod)) ?? 1),
  );
  const hpa = b.owners.hpaOf(id.cluster, id.namespace, id.kind, id.name);
  const manifest = settingsFor(o.manifests, id.namespace, id.kind, id.name, id.container);
  const m = measure({ rows, containersPerPod, hpa, manifest });
  const verdict = verdictOf(rows, m.limit?.value, o.windowMs, o.stepMs);
  const rec = recommend(m, verdict, o.recommend);
  const krr = krrRecommendation(m.workingSet.max, !!hpa);
  const vpa = vpaRecommendation(vpaInputOf(rows, m, o.windowMs));
  const sources = new Set<FleetSource>();
  for (const r of rows) for (const s of r.sources) sources.add(s);
  return {
    id,
    ownerSource: g.owner.source,
    sources: [...sources].sort(),
    measures: m,
    verdict,
    findings: fleetFindings(id, m),
    recommendation: rec,
    krr,
    vpa,
    differences: differences(m, rec, krr, vpa, verdict),
  };
}
