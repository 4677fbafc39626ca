/**
 * Kubernetes identity from a cgroup path (/proc/PID/cgroup): the pod UID, the container ID and
 * the QoS class, as the kubelet and the container runtimes name their groups.
 *
 * The kubelet makes the pod groups (pkg/kubelet/cm/qos_container_manager_linux.go,
 * pod_container_manager_linux.go): "kubepods" for Guaranteed pods, "kubepods/burstable" and
 * "kubepods/besteffort" for the others, then "pod<UID>". With the systemd driver
 * (cgroup_manager_linux.go ConvertCgroupNameToSystemd) every level becomes a slice named after
 * its ancestors, with "-" in the UID escaped to "_":
 *   cgroupfs: /kubepods/burstable/pod<uid>/<container>
 *   systemd:  /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid_>.slice/<scope>
 * The runtime names the container's own group: containerd "<id>" (cgroupfs) or
 * "cri-containerd-<id>.scope" (systemd); CRI-O "crio-<id>" or "crio-<id>.scope" (its monitor
 * sits beside it as "crio-conmon-<id>.scope"); Docker (cri-dockerd) "<id>" or
 * "docker-<id>.scope". A kubelet started with --cgroup-root puts the tree lower
 * ("/kubelet.slice/kubelet-kubepods.slice/..." under rootless and kind), and a reader in a
 * cgroup namespace sees the path relative to its own group ("/../../pod<uid>/<id>"): the pod
 * and container levels are looked for anywhere in the path.
 */

export type QosClass = 'guaranteed' | 'burstable' | 'besteffort';

export interface K8sCgroupIdentity {
  /** The pod's metadata.uid (dashes restored under the systemd driver). */
  readonly podUid: string;
  /** The container's ID as the runtime reports it (status.containerStatuses[].containerID). */
  readonly containerId?: string;
  /** Unknown when a cgroup namespace hides the QoS level of a cgroupfs path. */
  readonly qos?: QosClass;
  readonly driver: 'cgroupfs' | 'systemd';
  /** The runtime named by the container group's prefix, when it has one. */
  readonly runtime?: 'containerd' | 'cri-o' | 'docker';
}

/** A pod UID: a UUID, or 32 hex digits (a static pod's UID is a hash of its manifest). */
const UID =
  '[0-9a-fA-F]{8}[-_]?[0-9a-fA-F]{4}[-_]?[0-9a-fA-F]{4}[-_]?[0-9a-fA-F]{4}[-_]?[0-9a-fA-F]{12}';
const CGROUPFS_POD = new RegExp(`^pod(${UID})$`);
const SYSTEMD_POD = new RegExp(
  `^(?:[a-z0-9]+-)*kubepods(?:-(burstable|besteffort))?-pod(${UID})\\.slice$`,
);
/** A container ID: 64 hex digits for containerd, CRI-O and Docker. */
const SCOPE = /^(cri-containerd|crio|docker)-([0-9a-f]{64})\.scope$/;
const PLAIN = /^(crio-|docker-)?([0-9a-f]{64})$/;

const RUNTIME = { 'cri-containerd': 'containerd', crio: 'cri-o', docker: 'docker' } as const;

/** The identity in a cgroup path, or undefined when it is not under a kubelet pod group. */
export function parseK8sCgroupPath(path: string): K8sCgroupIdentity | undefined {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const pod = podLevel(parts[i], parts[i - 1]);
    if (pod) return { ...pod, ...containerLevel(parts[i + 1], pod.driver) };
  }
  return undefined;
}

function podLevel(
  name: string,
  parent: string | undefined,
): Omit<K8sCgroupIdentity, 'containerId' | 'runtime'> | undefined {
  const sd = SYSTEMD_POD.exec(name);
  if (sd) return { podUid: sd[2].replaceAll('_', '-'), qos: qosOf(sd[1]), driver: 'systemd' };
  const fs = CGROUPFS_POD.exec(name);
  if (!fs) return undefined;
  const qos =
    parent === 'burstable' || parent === 'besteffort'
      ? parent
      : parent === 'kubepods'
        ? 'guaranteed'
        : undefined;
  return { podUid: fs[1], ...(qos ? { qos } : {}), driver: 'cgroupfs' };
}

function qosOf(level: string | undefined): QosClass {
  return level === 'burstable' || level === 'besteffort' ? level : 'guaranteed';
}

function containerLevel(
  name: string | undefined,
  driver: K8sCgroupIdentity['driver'],
): Pick<K8sCgroupIdentity, 'containerId' | 'runtime'> {
  if (name === undefined) return {};
  const scope = driver === 'systemd' ? SCOPE.exec(name) : null;
  if (scope) return { containerId: scope[2], runtime: RUNTIME[scope[1] as keyof typeof RUNTIME] };
  const plain = driver === 'cgroupfs' ? PLAIN.exec(name) : null;
  if (!plain) return {};
  const runtime = plain[1] === 'crio-' ? 'cri-o' : plain[1] === 'docker-' ? 'docker' : undefined;
  return { containerId: plain[2], ...(runtime ? { runtime } : {}) };
}

/** "containerd://<id>" (status.containerStatuses[].containerID) -> "<id>". */
export function bareContainerId(id: string): string {
  const at = id.indexOf('://');
  return at < 0 ? id : id.slice(at + 3);
}
