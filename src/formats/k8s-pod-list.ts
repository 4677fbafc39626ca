/**
 * A PodList (core/v1) as the kubelet's GET /pods or the API server's GET /api/v1/pods returns
 * it, reduced to what the exporter labels series with: names, UID, pod IP, QoS class, the owning
 * workload, the container IDs and the annotations that name a runtime endpoint port. Pods that
 * do not have the fields a pod always has are refused with the path of the bad value.
 */
import { ParseError } from '../model/errors.js';
import { parseJson } from './json.js';
import { bareContainerId } from './k8s-cgroup-path.js';
import { arr, obj, optional, record, str, withDefault, type Check } from './shape.js';

export interface PodInfo {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly podIP?: string;
  /** status.qosClass: Guaranteed, Burstable or BestEffort. */
  readonly qosClass?: string;
  /** The workload that owns the pod (a ReplicaSet's Deployment, a StatefulSet, ...). */
  readonly owner?: { readonly kind: string; readonly name: string };
  /** Container name by bare container ID (init and ephemeral containers included). */
  readonly containers: ReadonlyMap<string, string>;
  /** The endpoint ports the annotations name, most specific first. */
  readonly ports: readonly number[];
  /**
   * Container instances the kubelet reports OOM-killed (state or lastState terminated with
   * reason OOMKilled), by their bare container ID: each is one kill, counted once.
   */
  readonly oomKilled: ReadonlyMap<string, string>;
}

/**
 * The annotations that name a port serving a Go runtime's endpoints, most specific first:
 * gomemlens's own, Grafana Alloy's profiling one (grafana.com/docs/alloy, "profiles.grafana.com"
 * annotations) and the common Prometheus one.
 */
export const PORT_ANNOTATIONS = [
  'gomemlens.dev/port',
  'profiles.grafana.com/memory.port',
  'prometheus.io/port',
] as const;

interface RawPod {
  metadata: {
    uid: string;
    namespace: string;
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; controller?: boolean }[];
  };
  status: { podIP?: string; qosClass?: string } & Record<string, unknown>;
}

interface RawStatus {
  name: string;
  containerID?: string;
  state?: { terminated?: Terminated };
  lastState?: { terminated?: Terminated };
}
interface Terminated {
  reason?: string;
  containerID?: string;
}

const terminated = optional(
  obj({ terminated: optional(obj({ reason: optional(str), containerID: optional(str) })) }),
);
const statusList = optional(
  arr(
    obj<RawStatus>({
      name: str,
      containerID: optional(str),
      state: terminated,
      lastState: terminated,
    }),
  ),
);

const POD: Check<RawPod> = obj({
  metadata: obj({
    uid: str,
    namespace: str,
    name: str,
    annotations: optional(record(str)),
    labels: optional(record(str)),
    ownerReferences: optional(arr(obj({ kind: str, name: str }))),
  }),
  status: withDefault(
    obj({
      podIP: optional(str),
      qosClass: optional(str),
      containerStatuses: statusList,
      initContainerStatuses: statusList,
      ephemeralContainerStatuses: statusList,
    }),
    () => ({}),
  ),
});

/** The pods of a PodList; anything else is a ParseError naming the bad value. */
export function parsePodList(text: string): PodInfo[] {
  const doc = parseJson(text, { kind: 'unrecognized' }, 'not JSON');
  const list = obj<{ kind?: unknown; items: unknown[] }>({ items: arr((v) => v) })(doc, '');
  if (list.kind !== undefined && list.kind !== 'PodList')
    throw new ParseError(`kind is ${JSON.stringify(list.kind)}, not PodList`, {
      field: 'kind',
      kind: 'unrecognized',
    });
  return list.items.map((item, i) => podInfo(POD(item, `items[${i}]`)));
}

function podInfo(p: RawPod): PodInfo {
  const { metadata: m, status: s } = p;
  const containers = new Map<string, string>();
  const oomKilled = new Map<string, string>();
  for (const key of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'])
    for (const c of (s[key] as RawStatus[] | undefined) ?? []) {
      if (c.containerID) containers.set(bareContainerId(c.containerID), c.name);
      for (const t of [c.state?.terminated, c.lastState?.terminated])
        if (t?.reason === 'OOMKilled' && t.containerID)
          oomKilled.set(bareContainerId(t.containerID), c.name);
    }
  const owner = ownerOf(m);
  return {
    uid: m.uid,
    namespace: m.namespace,
    name: m.name,
    ...(s.podIP ? { podIP: s.podIP } : {}),
    ...(s.qosClass ? { qosClass: s.qosClass } : {}),
    ...(owner ? { owner } : {}),
    containers,
    ports: annotatedPorts(m.annotations ?? {}),
    oomKilled,
  };
}

/**
 * The controller owner; a ReplicaSet made by a Deployment is named "<deployment>-<hash>" with
 * the hash in the pod's pod-template-hash label (kube-state-metrics does the same mapping).
 */
function ownerOf(m: RawPod['metadata']): PodInfo['owner'] {
  const refs = m.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  if (!ref) return undefined;
  const hash = m.labels?.['pod-template-hash'];
  if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`))
    return { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1) };
  return { kind: ref.kind, name: ref.name };
}

function annotatedPorts(annotations: Record<string, string>): number[] {
  const ports: number[] = [];
  for (const key of PORT_ANNOTATIONS) {
    const v = annotations[key];
    const port = v !== undefined && /^\d{1,5}$/.test(v) ? Number(v) : 0;
    if (port > 0 && port < 65536 && !ports.includes(port)) ports.push(port);
  }
  return ports;
}
