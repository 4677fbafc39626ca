/**
 * What a scrape of the exporter returns, built from its state at that moment: one set of
 * series per container (analysis/exporter-series.ts), the OOM kill counters of containers
 * whose process is gone, and the exporter's own state and cost. Also the plain-text status
 * page that says what is followed and what is missing.
 */
import { containerRows, type ContainerState } from '../analysis/exporter-series.js';
import { EXPORTER_METRICS as X, type MetricRow } from '../model/exporter-metrics.js';
import type { Exporter } from './exporter.js';
import type { ResolvedIdentity } from './exporter-identity.js';
import type { ExporterTarget } from './exporter-target.js';

interface Member {
  readonly target: ExporterTarget;
  readonly id: ResolvedIdentity;
}

/** One process per container: the one whose endpoints are read, else the lowest PID. */
export function containerMembers(e: Exporter): Member[] {
  const byKey = new Map<string, Member>();
  for (const target of e.targets.values()) {
    const id = e.identities.get(target.pid);
    if (!id || !target.latest) continue;
    const cur = byKey.get(id.key);
    const better =
      !cur ||
      (target.url !== undefined && cur.target.url === undefined) ||
      ((target.url === undefined) === (cur.target.url === undefined) &&
        target.pid < cur.target.pid);
    if (better) byKey.set(id.key, { target, id });
  }
  return [...byKey.values()];
}

export function exporterRows(e: Exporter, renderMs: number): MetricRow[] {
  const members = containerMembers(e);
  const rows = members.flatMap((m) => containerRows(stateOf(e, m)));
  const live = new Set(members.map((m) => m.id.key));
  for (const d of e.book.departed(e.lastCycleAt))
    if (!live.has(d.key))
      rows.push(
        ...containerRows({ labels: d.labels, findings: [], oomKills: e.book.kills(d.key) }),
      );
  return [...rows, ...selfRows(e, members, renderMs)];
}

function stateOf(e: Exporter, { target: t, id }: Member): ContainerState {
  return {
    labels: id.labels,
    sample: t.latest,
    forecast: t.forecast,
    findings: t.findings,
    settings: t.settings ?? {
      goVersion: t.goVersion,
      gomemlimitSource: 'unknown',
      gogcSource: 'unknown',
    },
    oomKills: e.book.kills(id.key),
    ...(t.profile ? { profile: t.profile } : {}),
    ...(id.pod?.owner ? { workload: id.pod.owner } : {}),
    ...(id.pod?.qosClass ? { qosClass: id.pod.qosClass } : {}),
  };
}

function selfRows(e: Exporter, members: readonly Member[], renderMs: number): MetricRow[] {
  const self = e.deps.self();
  const targets = [...e.targets.values()];
  const row = (spec: MetricRow['spec'], value: number, labels: Record<string, string> = {}) => ({
    spec,
    labels,
    value,
  });
  const rows = [
    row(X.targets, targets.length, { state: 'sampled' }),
    row(X.targets, members.filter((m) => m.target.url !== undefined).length, { state: 'runtime' }),
    row(X.targets, members.filter((m) => m.id.unnamed).length, { state: 'unnamed' }),
    row(X.targets, e.denied, { state: 'denied' }),
    row(X.cycles, e.counters.cycles),
    row(X.lateCycles, e.counters.late),
    row(X.cycleSeconds, e.counters.lastCycleMs / 1000),
    row(X.cpuSeconds, self.cpuSeconds),
    row(X.rssBytes, self.rssBytes),
    row(X.renderSeconds, renderMs / 1000),
  ];
  if (e.pods) rows.push(row(X.sourceUp, e.pods.problem ? 0 : 1, { source: 'kubelet' }));
  for (const source of ['kubelet', 'endpoint', 'cgroup', 'profile'])
    rows.push(row(X.readErrors, e.counters.readErrors.get(source) ?? 0, { source }));
  if (e.profiles) {
    rows.push(row(X.profiles, e.profiles.taken));
    rows.push(row(X.profileBytes, e.deps.profiles!.store.totalBytes));
  }
  return rows;
}

/** The status page: what is followed, how each is read, and what is missing. */
export function statusText(e: Exporter): string {
  const lines = [`gomemlens exporter: ${e.targets.size} Go processes, ${e.counters.cycles} cycles`];
  if (e.pods?.problem)
    lines.push(`missing: pod list (${e.pods.problem}); series carry cgroup labels`);
  if (e.denied)
    lines.push(
      `missing: ${e.denied} ${e.denied === 1 ? 'process' : 'processes'} whose binary cannot be read (needs CAP_SYS_PTRACE or root)`,
    );
  for (const t of [...e.targets.values()].sort((a, b) => a.pid - b.pid)) {
    const id = e.identities.get(t.pid);
    const who = id?.labels.pod
      ? `${id.labels.namespace}/${id.labels.pod}/${id.labels.container}`
      : `cgroup ${id?.labels.cgroup ?? '?'}`;
    const go = t.url
      ? `endpoints ${t.url}`
      : `no Go endpoints (${t.endpointNote ?? 'not searched yet'})`;
    const f = t.forecast;
    const eta = f?.etaSec !== undefined ? `, OOM in ${Math.round(f.etaSec)} s` : '';
    const notes = [...new Set([...(t.samples.latest()?.notes ?? []), ...t.runtimeNotes])];
    lines.push(
      `pid ${t.pid} ${who}: Go ${t.goVersion}, ${go}; forecast ${f?.kind ?? 'none'}${eta}${notes.length ? `; missing: ${notes.join('; ')}` : ''}`,
    );
  }
  for (const d of e.book.departed(e.lastCycleAt))
    lines.push(`gone: ${JSON.stringify(d.labels)} (OOM kills ${e.book.kills(d.key)})`);
  return lines.join('\n') + '\n';
}
