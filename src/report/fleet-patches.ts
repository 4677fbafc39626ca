/**
 * `fleet --emit-patches DIR`: one strategic merge patch per workload (the shape `kubectl patch
 * --type strategic --patch-file` applies; containers and env merge by name, see
 * kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/), with the
 * recommended limit, request, GOMEMLIMIT and GOGC of each Go container. Pod templates of Jobs
 * and bare Pods cannot be changed in place, and no size cures a leak: those are skipped with
 * the reason.
 */
import { stringify } from 'yaml';
import type { FleetReport, FleetWorkload } from '../model/fleet.js';
import { MiB } from '../model/units.js';

export interface PatchFile {
  readonly name: string;
  readonly text: string;
}

export interface PatchPlan {
  readonly files: readonly PatchFile[];
  readonly skipped: readonly string[];
}

const PATCHABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** A memory quantity Kubernetes reads, rounded up to whole MiB: "512Mi", "2Gi". */
export function memoryQuantity(bytes: number): string {
  const mib = Math.ceil(bytes / MiB);
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

export function planPatches(r: FleetReport): PatchPlan {
  const groups = new Map<string, FleetWorkload[]>();
  const skipped: string[] = [];
  for (const w of r.workloads) {
    const label = `${w.id.cluster ? `${w.id.cluster} ` : ''}${w.id.kind} ${w.id.namespace}/${w.id.name} container ${w.id.container}`;
    const why = skipReason(w);
    if (why) {
      skipped.push(`${label}: ${why}`);
      continue;
    }
    const key = [w.id.cluster ?? '', w.id.namespace, w.id.kind, w.id.name].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const files = [...groups.values()].map(patchFile);
  return { files, skipped };
}

function skipReason(w: FleetWorkload): string | undefined {
  if (!PATCHABLE.has(w.id.kind)) return `a ${w.id.kind}'s pod template cannot be patched in place`;
  if (w.recommendation.basis === 'none') return 'nothing to size from';
  if (w.verdict.kind === 'leak') return 'memory grows like a leak: no size fixes that';
  if (!w.recommendation.gomemlimit) return 'non-Go memory leaves no room for GOMEMLIMIT';
  return undefined;
}

function patchFile(ws: readonly FleetWorkload[]): PatchFile {
  const id = ws[0].id;
  const name =
    [id.cluster, id.namespace, id.kind, id.name]
      .filter((p): p is string => !!p)
      .map(safe)
      .join('_') + '.yaml';
  const containers = ws.map(containerPatch);
  const body = stringify({ spec: { template: { spec: { containers } } } });
  const context = id.cluster ? ` --context ${safe(id.cluster)}` : '';
  const header = [
    `# gomemlens fleet: ${id.kind} ${id.namespace}/${id.name}${id.cluster ? ` in ${id.cluster}` : ''}`,
    `# kubectl patch${context} -n ${safe(id.namespace)} ${id.kind.toLowerCase()} ${safe(id.name)} --type strategic --patch-file ${name}`,
    ...ws.map(summary),
  ];
  return { name, text: `${header.map(oneLine).join('\n')}\n${body}` };
}

function containerPatch(w: FleetWorkload) {
  const rec = w.recommendation;
  const env: { name: string; value: string }[] = [{ name: 'GOMEMLIMIT', value: rec.gomemlimit }];
  const gogc = w.measures.gogc?.value;
  if (rec.gogc !== 100 || (gogc !== undefined && gogc !== rec.gogc))
    env.push({ name: 'GOGC', value: String(rec.gogc) });
  return {
    name: w.id.container,
    env,
    resources: {
      limits: { memory: memoryQuantity(rec.limitBytes) },
      requests: { memory: memoryQuantity(rec.requestBytes) },
    },
  };
}

function summary(w: FleetWorkload): string {
  const m = w.measures;
  const was = (v: number | undefined) => (v === undefined ? 'unset' : memoryQuantity(v));
  const g = m.gomemlimit?.value;
  const rec = w.recommendation;
  return `# ${w.id.container}: limit ${memoryQuantity(rec.limitBytes)} (was ${was(m.limit?.value)}), request ${memoryQuantity(rec.requestBytes)} (was ${was(m.request?.value)}), GOMEMLIMIT=${rec.gomemlimit} (was ${g === undefined ? 'unknown' : g === 'off' ? 'off' : `${Math.floor(g / MiB)}MiB`}), GOGC=${rec.gogc}`;
}

/** Names from Prometheus labels become file names: nothing but [a-z0-9._-], never "..". */
function safe(s: string): string {
  const t = s
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '_')
    .replace(/^\.+/, '_');
  return t.slice(0, 100) || '_';
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
