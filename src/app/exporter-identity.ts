/**
 * The labels of a process's series: namespace, pod and container from the kubelet's pod list,
 * matched by the pod UID and container ID in its cgroup path (formats/k8s-cgroup-path.ts); the
 * cgroup path itself outside Kubernetes, or while the pod is not (yet) in the list. Never a PID.
 */
import type { ContainerLabels } from '../analysis/exporter-series.js';
import { parseK8sCgroupPath } from '../formats/k8s-cgroup-path.js';
import type { PodInfo } from '../formats/k8s-pod-list.js';
import { identityKey, type ContainerIdentity } from './exporter-containers.js';

export interface ResolvedIdentity extends ContainerIdentity {
  /** The pod UID from the cgroup path, when the path is a kubelet pod's. */
  readonly podUid?: string;
  readonly pod?: PodInfo;
  /** A Kubernetes container whose names are not known (yet). */
  readonly unnamed: boolean;
  /** What it was resolved from. */
  readonly path: string | undefined;
  readonly pods: ReadonlyMap<string, PodInfo> | undefined;
}

export function resolveIdentity(
  cgroupPath: string | undefined,
  pods: ReadonlyMap<string, PodInfo> | undefined,
): ResolvedIdentity {
  const path = cgroupPath ?? 'unknown';
  const k8s = cgroupPath === undefined ? undefined : parseK8sCgroupPath(cgroupPath);
  const pod = k8s ? pods?.get(k8s.podUid) : undefined;
  const name = pod && k8s?.containerId ? pod.containers.get(k8s.containerId) : undefined;
  const labels: ContainerLabels =
    pod && name ? { namespace: pod.namespace, pod: pod.name, container: name } : { cgroup: path };
  return {
    key: identityKey(labels),
    labels,
    instance: k8s?.containerId ?? path,
    ...(k8s ? { podUid: k8s.podUid } : {}),
    ...(pod ? { pod } : {}),
    unnamed: k8s !== undefined && name === undefined,
    path: cgroupPath,
    pods,
  };
}

/** A directory name for a container's profiles: its labels, made safe, with a short hash. */
export function profileKey(labels: ContainerLabels): string {
  const parts = [labels.namespace, labels.pod, labels.container].filter((p): p is string => !!p);
  const readable = (parts.length ? parts.join('_') : 'cgroup')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 200);
  return `${readable || 'cgroup'}-${fnv1a(identityKey(labels))}`;
}

/** FNV-1a (32 bit), hex: a short stable name, not a security measure. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
