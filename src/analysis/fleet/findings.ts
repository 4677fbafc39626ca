/**
 * A workload's findings, with the codes `diagnose` and `k8s lint` use for the same mistakes,
 * judged on measurements over the window instead of one moment or one manifest: GOMEMLIMIT
 * missing, at or above the limit, too close to it given the measured non-Go memory, left
 * behind by a resize, GOGC=off without it, OOM kills; and an HPA that scales a Go workload on
 * memory. The recommendation in the args is the one diagnose gives (gomemlimit-advice.ts).
 */
import type { ArgValue, Evidence, Finding, Severity } from '../../model/finding.js';
import type { FindingCode } from '../../model/codes/index.js';
import type { WorkloadId, WorkloadMeasures } from '../../model/fleet.js';
import { formatGoMemLimit, parseGoMemLimit } from '../../model/gomemlimit.js';
import { adviceArgs, cappedSuggestion, CEILING_SHARE } from '../gomemlimit-advice.js';
import { hasFeature, parseGoVersion } from '../go-versions.js';

type Args = Record<string, ArgValue | undefined>;

export function workloadName(id: WorkloadId): string {
  return `${id.kind} ${id.namespace}/${id.name}`;
}

export function fleetFindings(id: WorkloadId, m: WorkloadMeasures): Finding[] {
  const out: (Finding | undefined)[] = [
    gomemlimitRules(id, m),
    malformed(id, m),
    stale(id, m),
    gogcOff(id, m),
    oomKilled(id, m),
    hpa(id, m),
  ];
  return out.filter((f): f is Finding => f !== undefined);
}

function make(
  id: WorkloadId,
  code: FindingCode,
  severity: Severity,
  args: Args,
  ev: (Evidence | undefined)[],
): Finding {
  const all: Args = {
    workload: workloadName(id),
    container: id.container,
    cluster: id.cluster,
    ...args,
  };
  return {
    code,
    severity,
    args: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<
      string,
      ArgValue
    >,
    evidence: ev.filter((e): e is Evidence => e !== undefined),
  };
}

const bytesEv = (what: string, value: number, source: string): Evidence => ({
  what,
  value,
  unit: 'bytes',
  source,
});

/** The measurements the GOMEMLIMIT advice uses. */
function advice(m: WorkloadMeasures, limit: number) {
  return adviceArgs(limit, {
    nonGo: m.nonGo ? { bytes: m.nonGo.value } : undefined,
    liveHeap: m.peakLiveHeap ? { bytes: m.peakLiveHeap.value } : undefined,
  });
}

function gomemlimitRules(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  const g = m.gomemlimit;
  const limit = m.limit;
  if (!g || !limit) return undefined;
  const limitEv = bytesEv('memory limit', limit.value, limit.source);
  const nonGoEv = m.nonGo
    ? bytesEv('memory GOMEMLIMIT does not cover', m.nonGo.value, m.nonGo.source)
    : undefined;
  if (g.value === 'off') {
    const v = m.goVersion ? parseGoVersion(m.goVersion) : undefined;
    return make(
      id,
      'gomemlimit-unset',
      'warning',
      {
        limit: limit.value,
        ...advice(m, limit.value),
        explicitOff: false,
        confirmedByRuntime: true,
        goVersion: v?.text,
        goSupportsLimit: v ? hasFeature(v, 'gomemlimit') : undefined,
      },
      [
        limitEv,
        { what: 'GOMEMLIMIT in force', value: 'none (math.MaxInt64)', source: g.source },
        nonGoEv,
      ],
    );
  }
  const gEv = bytesEv('GOMEMLIMIT in force', g.value, g.source);
  if (g.value >= limit.value)
    return make(
      id,
      'gomemlimit-above-limit',
      'error',
      { gomemlimit: g.value, limit: limit.value, ...advice(m, limit.value) },
      [gEv, limitEv],
    );
  const nonGo = m.nonGo?.value ?? 0;
  const ceiling = Math.floor(limit.value * CEILING_SHARE);
  if (g.value + nonGo <= ceiling) return undefined;
  return make(
    id,
    'gomemlimit-too-close',
    'warning',
    {
      gomemlimit: g.value,
      limit: limit.value,
      headroomBytes: limit.value - g.value - nonGo,
      ceilingBytes: ceiling,
      ...advice(m, limit.value),
    },
    [gEv, limitEv, nonGoEv],
  );
}

/** A GOMEMLIMIT Go refuses at start-up, from a manifest (runtime/string.go parseByteCount). */
function malformed(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
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
function stale(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  const g = m.gomemlimit;
  if (!g || g.value === 'off' || !m.limit || m.previousLimit === undefined || !m.gomemlimitConstant)
    return undefined;
  return make(
    id,
    'k8s-gomemlimit-vpa-frozen',
    'warning',
    {
      value: formatGoMemLimit(g.value),
      gomemlimitBytes: g.value,
      limitBefore: m.previousLimit,
      limitBytes: m.limit.value,
      ratioBefore: round3(g.value / m.previousLimit),
      ratioNow: round3(g.value / m.limit.value),
    },
    [
      bytesEv('GOMEMLIMIT in force, unchanged over the window', g.value, g.source),
      bytesEv('memory limit earlier in the window', m.previousLimit, m.limit.source),
      bytesEv('memory limit now', m.limit.value, m.limit.source),
    ],
  );
}

function gogcOff(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  if (!m.gogc || m.gogc.value >= 0 || m.gomemlimit?.value !== 'off') return undefined;
  return make(id, 'gogc-off-without-limit', 'error', { gogc: 'off' }, [
    { what: 'GOGC in force', value: 'off', source: m.gogc.source },
    { what: 'GOMEMLIMIT in force', value: 'none (math.MaxInt64)', source: m.gomemlimit.source },
  ]);
}

function oomKilled(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
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

function hpa(id: WorkloadId, m: WorkloadMeasures): Finding | undefined {
  if (!m.hpa) return undefined;
  return make(
    id,
    'hpa-scales-on-memory',
    'warning',
    { hpa: m.hpa.name, targetType: m.hpa.targetType, target: m.hpa.target },
    [
      {
        what: 'HPA memory target',
        value: m.hpa.target,
        source: 'kube_horizontalpodautoscaler_spec_target_metric{metric_name="memory"}',
      },
    ],
  );
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
