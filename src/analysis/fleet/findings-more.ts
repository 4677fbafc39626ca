/**
 * The fleet findings beside the GOMEMLIMIT-against-the-limit ones (findings.ts): a GOMEMLIMIT
 * Go refuses (from --manifests), one left behind by a resize, GOGC=off without a limit, OOM
 * kills in the window, and an HPA that scales a Go workload on memory.
 */
import type { Finding } from '../../model/finding.js';
import type { WorkloadId, WorkloadMeasures } from '../../model/fleet.js';
import { formatGoMemLimit, parseGoMemLimit } from '../../model/gomemlimit.js';
import { cappedSuggestion } from '../gomemlimit-advice.js';
import { hasFeature, parseGoVersion } from '../go-versions.js';
import type { VpaFrozenArgs } from '../k8s/rule-gomemlimit-vpa.js';
import { bytesEv, make } from './findings-kit.js';

/** A GOMEMLIMIT Go refuses at start-up, from a manifest (runtime/string.go parseByteCount). */
export function malformed(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  const bad = m.gomemlimitMalformed;
  if (!bad) return undefined;
  const parsed = parseGoMemLimit(bad.text);
  if (parsed.kind !== 'malformed') return undefined;
  const v = m.goVersion ? parseGoVersion(m.goVersion) : undefined;
  const ignored = v !== undefined && !hasFeature(v, 'gomemlimit');
  const measured = {
    nonGo: m.nonGo ? { bytes: m.nonGo.value } : undefined,
    liveHeap: m.peakLiveHeap ? { bytes: m.peakLiveHeap.value } : undefined,
  };
  const suggestion = parsed.meant
    ? {
        meantBytes: parsed.meant.bytes,
        converted: parsed.meant.converted,
        ...cappedSuggestion(parsed.meant.hint, m.limit?.value, measured),
      }
    : { reason: parsed.reason };
  return make(
    id,
    'gomemlimit-malformed',
    ignored ? 'info' : 'error',
    { value: bad.text, ...suggestion, goVersion: v?.text, ignoredByGo: ignored },
    [{ what: 'GOMEMLIMIT', value: bad.text, source: bad.source }],
  );
}

/** The limit moved in the window, GOMEMLIMIT did not (traefik-helm-chart#1796). */
export function stale(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  const g = m.gomemlimit;
  if (!g || g.value === 'off' || !m.limit || m.previousLimit === undefined || !m.gomemlimitConstant)
    return undefined;
  // The k8s lint code's args without a manifest's path and VPA (rule-gomemlimit-vpa.ts).
  const args: Omit<VpaFrozenArgs, 'workload' | 'container' | 'path' | 'vpa'> = {
    value: formatGoMemLimit(g.value),
    gomemlimitBytes: g.value,
    limitBefore: m.previousLimit,
    limitBytes: m.limit.value,
    ratioBefore: round3(g.value / m.previousLimit),
    ratioNow: round3(g.value / m.limit.value),
  };
  return make(id, 'k8s-gomemlimit-vpa-frozen', 'warning', args, [
    bytesEv('GOMEMLIMIT in force, unchanged over the window', g.value, g.source),
    bytesEv('memory limit earlier in the window', m.previousLimit, m.limit.source),
    bytesEv('memory limit now', m.limit.value, m.limit.source),
  ]);
}

export function gogcOff(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  if (!m.gogc || m.gogc.value >= 0 || m.gomemlimit?.value !== 'off') return undefined;
  return make(id, 'gogc-off-without-limit', 'error', { gogc: 'off' }, [
    { what: 'GOGC in force', value: 'off', source: m.gogc.source },
    { what: 'GOMEMLIMIT in force', value: 'none (math.MaxInt64)', source: m.gomemlimit.source },
  ]);
}

export function oomKilled(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  if (m.oomKills.value <= 0) return undefined;
  return make(id, 'oom-killed', 'error', { oomKills: m.oomKills.value, underOom: false }, [
    {
      what: 'OOM kills in the window',
      value: m.oomKills.value,
      unit: 'count',
      source: m.oomKills.source,
    },
  ]);
}

/** The args of the codes only fleet raises (the messages table is typed by them). */
export type FleetArgs = {
  'hpa-scales-on-memory': FleetIdArgs & {
    /** The HorizontalPodAutoscaler's name (in the workload's namespace). */
    readonly hpa: string;
    /** kube-state-metrics' metric_target_type: "utilization" (a percent), "average" or "value" (bytes). */
    readonly targetType: string;
    readonly target: number;
  };
};

/** What every fleet finding's args hold besides its own (findings-kit.ts make). */
export type FleetIdArgs = {
  /** "Deployment shop/api" */
  readonly workload: string;
  readonly container: string;
  readonly cluster?: string;
};

export function hpa(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  if (!m.hpa) return undefined;
  const args: Omit<FleetArgs['hpa-scales-on-memory'], keyof FleetIdArgs> = {
    hpa: m.hpa.name,
    targetType: m.hpa.targetType,
    target: m.hpa.target,
  };
  return make(id, 'hpa-scales-on-memory', 'warning', args, [
    {
      what: 'HPA memory target',
      value: m.hpa.target,
      source: 'kube_horizontalpodautoscaler_spec_target_metric{metric_name="memory"}',
    },
  ]);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
