/**
 * Which workload a pod belongs to. kube-state-metrics gives kube_pod_owner{owner_kind,
 * owner_name} and, for ReplicaSets, kube_replicaset_owner (its Deployment). Without them the
 * owner is read from the pod name the controllers give: Deployment pods are
 * NAME-<pod-template-hash>-<5 chars>, StatefulSet pods NAME-<ordinal>, DaemonSet and Job pods
 * NAME-<5 chars> (k8s.io/apiserver names.SimpleNameGenerator); the report says it guessed.
 */
import type { PromSeries } from '../../formats/prom-api.js';
import { clusterOf, podKey, type RowContext } from './rows.js';
import { STAT_LABEL } from './queries.js';

export interface Owner {
  readonly kind: string;
  readonly name: string;
  readonly source: 'kube_pod_owner' | 'pod name';
}

export interface HpaOnMemory {
  readonly name: string;
  readonly targetType: string;
  readonly target: number;
}

export class Owners {
  private readonly pods = new Map<string, { kind: string; name: string }>();
  private readonly replicaSets = new Map<string, { kind: string; name: string }>();
  /** HPAs that scale on memory, by the workload they target. */
  private readonly hpas = new Map<string, HpaOnMemory>();

  constructor(private readonly ctx: RowContext) {}

  /** Reads the ksm family's owner and HPA series. */
  add(series: readonly PromSeries[]): void {
    const memoryTargets = new Map<string, { type: string; value: number }>();
    const infos: PromSeries[] = [];
    for (const s of series) {
      const l = s.labels;
      const c = clusterOf(l, this.ctx);
      const stat = l[STAT_LABEL];
      if (stat === 'owner' && l.pod && l.owner_kind && l.owner_is_controller !== 'false')
        this.pods.set(podKey(c, l.namespace, l.pod), { kind: l.owner_kind, name: l.owner_name });
      else if (stat === 'rs_owner' && l.replicaset && l.owner_kind && l.owner_kind !== '<none>')
        this.replicaSets.set(podKey(c, l.namespace, l.replicaset), {
          kind: l.owner_kind,
          name: l.owner_name,
        });
      else if (stat === 'hpa_memory' && l.horizontalpodautoscaler)
        memoryTargets.set(podKey(c, l.namespace, l.horizontalpodautoscaler), {
          type: l.metric_target_type ?? '',
          value: s.v[s.v.length - 1],
        });
      else if (stat === 'hpa_info') infos.push(s);
    }
    for (const s of infos) {
      const l = s.labels;
      const c = clusterOf(l, this.ctx);
      const t = memoryTargets.get(podKey(c, l.namespace, l.horizontalpodautoscaler));
      if (!t || !l.scaletargetref_kind) continue;
      this.hpas.set(workloadKey(c, l.namespace, l.scaletargetref_kind, l.scaletargetref_name), {
        name: l.horizontalpodautoscaler,
        targetType: t.type,
        target: t.value,
      });
    }
  }

  ownerOf(cluster: string | undefined, namespace: string, pod: string): Owner {
    const direct = this.pods.get(podKey(cluster, namespace, pod));
    if (!direct) return { ...guessFromName(pod), source: 'pod name' };
    // kube-state-metrics lists a bare pod's owner as "<none>".
    if (direct.kind === '<none>') return { kind: 'Pod', name: pod, source: 'kube_pod_owner' };
    const rs =
      direct.kind === 'ReplicaSet'
        ? this.replicaSets.get(podKey(cluster, namespace, direct.name))
        : undefined;
    return { ...(rs ?? direct), source: 'kube_pod_owner' };
  }

  hpaOf(cluster: string | undefined, namespace: string, kind: string, name: string) {
    return this.hpas.get(workloadKey(cluster, namespace, kind, name));
  }
}

const workloadKey = (c: string | undefined, ns: string, kind: string, name: string) =>
  `${podKey(c, ns, kind)}\u0000${name}`;

/** The owner the pod name implies, when kube-state-metrics is not there. */
export function guessFromName(pod: string): { kind: string; name: string } {
  let m = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod);
  if (m) return { kind: 'Deployment', name: m[1] };
  m = /^(.+)-\d+$/.exec(pod);
  if (m) return { kind: 'StatefulSet', name: m[1] };
  m = /^(.+)-[a-z0-9]{5}$/.exec(pod);
  if (m) return { kind: 'DaemonSet', name: m[1] };
  return { kind: 'Pod', name: pod };
}
