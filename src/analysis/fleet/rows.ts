/**
 * From the answers of the instant queries to one row per pod container: the stats of every
 * family under "family.stat" keys. cAdvisor and kube-state-metrics label each series with
 * namespace, pod and container; client_golang series carry namespace and pod from the scrape
 * config, and `container` only where the scrape adds it (PodMonitor, ServiceMonitor). Go
 * series without it belong to the pod's only container; in a pod of several they stay
 * unattributed and the report says so.
 */
import type { Labels, PromSeries } from '../../formats/prom-api.js';
import type { FleetSource } from '../../model/fleet.js';
import { STAT_LABEL, type Family, type RangeQuery } from './queries.js';

export interface PodRow {
  readonly cluster?: string;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly stats: Map<string, number>;
  goVersion?: string;
  readonly sources: Set<FleetSource>;
  /** Range series (working set, heap in use, Go mapped, daily peaks, restarts). */
  readonly series: Partial<Record<RangeName, PromSeries>>;
  /** When restarts that were OOM kills happened (seconds), from the restart timeline. */
  oomTimes?: readonly number[];
}

export type RangeName = RangeQuery['name'] | 'oomReason';

const GO_RANGES: ReadonlySet<RangeName> = new Set([
  'heap',
  'live',
  'goMapped',
  'gcs',
  'nextGC',
  'stacks',
]);

export interface RowContext {
  /** The source's name (NAME=URL), if any. */
  readonly sourceName?: string;
  /** The label that names a cluster in federated series (default "cluster"). */
  readonly clusterLabel: string;
}

const SOURCE_OF: Record<Family, FleetSource> = {
  cadvisor: 'cadvisor',
  ksm: 'kube-state-metrics',
  go: 'client_golang',
  gomemlens: 'gomemlens',
};

export function clusterOf(labels: Labels, ctx: RowContext): string | undefined {
  const parts = [ctx.sourceName, labels[ctx.clusterLabel]].filter((p): p is string => !!p);
  return parts.length ? parts.join('/') : undefined;
}

export const podKey = (cluster: string | undefined, ns: string, pod: string) =>
  `${cluster ?? ''}\u0000${ns}\u0000${pod}`;
export const rowKey = (cluster: string | undefined, ns: string, pod: string, c: string) =>
  `${podKey(cluster, ns, pod)}\u0000${c}`;

export class RowTable {
  readonly rows = new Map<string, PodRow>();
  /** Go series of pods without a container label, attached once every row is known. */
  private readonly podLevel = new Map<
    string,
    { stats: Map<string, number>; version?: string; labels: Labels; family: Family }[]
  >();
  readonly unattributed: string[] = [];

  constructor(private readonly ctx: RowContext) {}

  row(labels: Labels, container = labels.container): PodRow | undefined {
    const { namespace, pod } = labels;
    if (!namespace || !pod || !container) return undefined;
    const cluster = clusterOf(labels, this.ctx);
    const key = rowKey(cluster, namespace, pod, container);
    let r = this.rows.get(key);
    if (!r) {
      r = { cluster, namespace, pod, container, stats: new Map(), sources: new Set(), series: {} };
      this.rows.set(key, r);
    }
    return r;
  }

  /** Adds one family's answer (series tagged with gomemlens_stat). */
  add(familyName: Family, series: readonly PromSeries[]): void {
    for (const s of series) {
      const stat = s.labels[STAT_LABEL];
      const value = s.v[s.v.length - 1];
      if (!stat || !Number.isFinite(value)) continue;
      if (familyName === 'go' || familyName === 'gomemlens')
        this.addGo(familyName, stat, s.labels, value);
      else if (stat !== 'owner' && stat !== 'rs_owner' && !stat.startsWith('hpa_')) {
        const r = this.row(s.labels);
        if (r) put(r, familyName, stat, value);
      }
    }
  }

  private addGo(familyName: Family, stat: string, labels: Labels, value: number): void {
    const version = labels.version ?? labels.go_version;
    if (labels.container) {
      const r = this.row(labels);
      if (!r) return;
      put(r, familyName, stat, value);
      if (stat === 'info' && version) r.goVersion = version;
      return;
    }
    if (!labels.namespace || !labels.pod) return;
    const key = podKey(clusterOf(labels, this.ctx), labels.namespace, labels.pod);
    const list = this.podLevel.get(key) ?? [];
    list.push({
      stats: new Map([[`${familyName}.${stat}`, value]]),
      version: stat === 'info' ? version : undefined,
      labels,
      family: familyName,
    });
    this.podLevel.set(key, list);
  }

  /** Gives pod-level Go series to the pod's only container (cAdvisor or kube-state-metrics rows). */
  attachPodLevel(): void {
    const byPod = new Map<string, PodRow[]>();
    for (const r of this.rows.values()) {
      const key = podKey(r.cluster, r.namespace, r.pod);
      byPod.set(key, [...(byPod.get(key) ?? []), r]);
    }
    for (const [key, entries] of this.podLevel) {
      const rows = byPod.get(key) ?? [];
      if (rows.length !== 1) {
        const l = entries[0].labels;
        if (rows.length > 1)
          this.unattributed.push(
            `${l.namespace}/${l.pod}: go_* series without a container label in a pod of ${rows.length} containers`,
          );
        continue;
      }
      for (const e of entries) {
        for (const [k, v] of e.stats) rows[0].stats.set(k, v);
        rows[0].sources.add(SOURCE_OF[e.family]);
        if (e.version) rows[0].goVersion = e.version;
      }
    }
    this.podLevel.clear();
  }

  /**
   * Adds a range query's series to the rows they belong to; Go series without a container label
   * go to the pod's only row. Only rows that exist are filled (the instant queries made them).
   */
  addRange(name: RangeName, series: readonly PromSeries[]): void {
    const single = GO_RANGES.has(name) ? this.singleRows() : undefined;
    for (const s of series) {
      const l = s.labels;
      if (!l.namespace || !l.pod) continue;
      const cluster = clusterOf(l, this.ctx);
      const r = l.container
        ? this.rows.get(rowKey(cluster, l.namespace, l.pod, l.container))
        : single?.get(podKey(cluster, l.namespace, l.pod));
      if (r && !r.series[name]) r.series[name] = s;
    }
  }

  /** Rows by pod, for pods with exactly one container row. */
  private singleRows(): Map<string, PodRow> {
    const count = new Map<string, number>();
    const out = new Map<string, PodRow>();
    for (const r of this.rows.values()) {
      const key = podKey(r.cluster, r.namespace, r.pod);
      count.set(key, (count.get(key) ?? 0) + 1);
      out.set(key, r);
    }
    for (const [key, n] of count) if (n !== 1) out.delete(key);
    return out;
  }
}

function put(r: PodRow, familyName: Family, stat: string, value: number): void {
  const key = `${familyName}.${stat}`;
  const old = r.stats.get(key);
  // Two scrapes of one target (two jobs, two ports) give two series: keep the larger.
  r.stats.set(key, old === undefined ? value : Math.max(old, value));
  r.sources.add(SOURCE_OF[familyName]);
}

/** A container is Go when client_golang's go_info or the gomemlens exporter's info is there. */
export function isGo(r: PodRow): boolean {
  return r.stats.has('go.info') || r.stats.has('gomemlens.info');
}
