/**
 * What is in force for a workload, from its pods' rows: the limit (kube-state-metrics, cAdvisor
 * or the exporter; a resize shows as another limit on older pods), and GOMEMLIMIT from the
 * runtime's own series, or from the manifest's environment when no series says it.
 */
import { CONTAINER_METRICS as G } from '../../model/exporter-metrics.js';
import type { Sourced, WorkloadMeasures } from '../../model/fleet.js';
import { GOMEMLIMIT_OFF } from '../../model/series.js';
import type { ManifestSettings } from './manifest-settings.js';
import { sourced, stat } from './measure-kit.js';
import type { PodRow } from './rows.js';

const firstSeen = (r: PodRow) => r.series.ws?.t[0] ?? Infinity;

/** A cgroup limit at or above 2^62 (or cAdvisor's 0) is no limit. */
const realLimit = (v: number | undefined) =>
  v !== undefined && v > 0 && v < GOMEMLIMIT_OFF ? v : undefined;

export function limitOf(r: PodRow): Sourced | undefined {
  return (
    sourced(realLimit(stat(r, 'ksm.limit_last')), 'kube_pod_container_resource_limits') ??
    sourced(realLimit(stat(r, 'cadvisor.climit_last')), 'container_spec_memory_limit_bytes') ??
    sourced(realLimit(stat(r, 'gomemlens.limit_last')), G.limit.name)
  );
}

/** A limit other than the current one, from the oldest pod that had one (a resize). */
export function previousLimit(
  rows: readonly PodRow[],
  current: number | undefined,
): number | undefined {
  if (current === undefined) return undefined;
  const byAge = [...rows].sort((a, b) => firstSeen(a) - firstSeen(b));
  for (const r of byAge) {
    for (const key of [
      'ksm.limit_min',
      'ksm.limit_max',
      'ksm.limit_last',
      'cadvisor.climit_last',
    ]) {
      const v = realLimit(stat(r, key));
      if (v !== undefined && v !== current) return v;
    }
  }
  return undefined;
}

export function gomemlimitOf(r: PodRow): WorkloadMeasures['gomemlimit'] {
  const fromGo = stat(r, 'go.gomemlimit_last');
  if (fromGo !== undefined)
    return fromGo >= GOMEMLIMIT_OFF
      ? { value: 'off', source: 'go_gc_gomemlimit_bytes' }
      : { value: fromGo, source: 'go_gc_gomemlimit_bytes' };
  const fromUs = stat(r, 'gomemlens.gomemlimit_last');
  if (fromUs !== undefined)
    return fromUs >= GOMEMLIMIT_OFF
      ? { value: 'off', source: G.gomemlimit.name }
      : { value: fromUs, source: G.gomemlimit.name };
  // The exporter leaves the series out when GOMEMLIMIT is off (model/exporter-metrics.ts).
  if (stat(r, 'gomemlens.info') !== undefined && stat(r, 'gomemlens.live_max') !== undefined)
    return { value: 'off', source: `${G.gomemlimit.name} absent (off)` };
  return undefined;
}

/** What the manifest's environment sets (the program could still call debug.SetMemoryLimit). */
export function fromManifest(m: ManifestSettings | undefined): WorkloadMeasures['gomemlimit'] {
  const g = m?.gomemlimit;
  const source = `manifest ${m?.where} env GOMEMLIMIT`;
  if (g?.kind === 'off') return { value: 'off', source };
  return g?.kind === 'bytes' ? { value: g.bytes, source } : undefined;
}

export function malformedOf(
  m: ManifestSettings | undefined,
): WorkloadMeasures['gomemlimitMalformed'] {
  if (m?.gomemlimit?.kind !== 'malformed') return undefined;
  return {
    text: m.gomemlimitText ?? m.gomemlimit.text,
    source: `manifest ${m.where} env GOMEMLIMIT`,
  };
}

/** One GOMEMLIMIT over the window: in every pod (old and new after a rollout), first to last. */
export function gomemlimitSteady(rows: readonly PodRow[]): boolean {
  const seen = new Set<number>();
  for (const r of rows)
    for (const key of [
      'go.gomemlimit_last',
      'go.gomemlimit_min',
      'gomemlens.gomemlimit_last',
      'gomemlens.gomemlimit_min',
    ]) {
      const v = stat(r, key);
      if (v !== undefined) seen.add(v);
    }
  return seen.size <= 1;
}
