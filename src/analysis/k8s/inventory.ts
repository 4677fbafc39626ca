/**
 * What the k8s rules look at, collected from every object of the input: the workloads (with
 * their containers), the Vertical- and HorizontalPodAutoscalers and the ConfigMaps. Other
 * kinds (Services, CRDs, ...) are ignored.
 */
import { isRecord } from '../../formats/k8s-manifest.js';
import {
  GO_ANNOTATION,
  WORKLOAD_KINDS,
  type ConfigMapIndex,
  type HpaTarget,
  type ManifestObject,
  type ObjectPath,
  type VpaTarget,
  type Workload,
  type WorkloadKind,
} from '../../model/k8s.js';
import { readContainers } from './containers.js';
import { DEFAULT_DETECT, type GoDetectOptions } from './go-detect.js';
import { readHpa } from './hpa.js';
import { readVpa } from './vpa.js';

export interface Inventory {
  readonly workloads: readonly Workload[];
  readonly vpas: readonly VpaTarget[];
  readonly hpas: readonly HpaTarget[];
  readonly configMaps: ConfigMapIndex;
}

/** Where the pod spec sits in each workload kind. */
const POD_SPEC_PATH: Record<WorkloadKind, ObjectPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function collectInventory(
  objects: readonly ManifestObject[],
  detect: GoDetectOptions = DEFAULT_DETECT,
): Inventory {
  const configMaps = new Map<string, Record<string, string>>();
  const vpas: VpaTarget[] = [];
  const hpas: HpaTarget[] = [];
  for (const object of objects) {
    const kind = object.value.kind;
    if (kind === 'ConfigMap')
      configMaps.set(
        key(namespaceOf(object.value), nameOf(object.value)),
        stringData(object.value),
      );
    if (kind === 'VerticalPodAutoscaler') {
      const vpa = readVpa(object.value);
      if (vpa) vpas.push(vpa);
    }
    if (kind === 'HorizontalPodAutoscaler') {
      const hpa = readHpa(object);
      if (hpa) hpas.push(hpa);
    }
  }
  const workloads = objects.flatMap((object) => {
    const workload = readWorkload(object, configMaps, detect);
    return workload ? [workload] : [];
  });
  return { workloads, vpas, hpas, configMaps };
}

function readWorkload(
  object: ManifestObject,
  configMaps: ConfigMapIndex,
  detect: GoDetectOptions = DEFAULT_DETECT,
): Workload | undefined {
  const kind = object.value.kind;
  if (typeof kind !== 'string' || !(WORKLOAD_KINDS as readonly string[]).includes(kind))
    return undefined;
  const podSpecPath = POD_SPEC_PATH[kind as WorkloadKind];
  const podSpec = getPath(object.value, podSpecPath);
  if (!isRecord(podSpec)) return undefined;
  const name = nameOf(object.value);
  const namespace = namespaceOf(object.value);
  const annotations = goAnnotation(object.value, podSpecPath);
  const lookup = (cm: string) => findConfigMap(configMaps, namespace, cm);
  const containers = readContainers(podSpec, podSpecPath, annotations, lookup, detect);
  return { object, kind: kind as WorkloadKind, name, namespace, podSpecPath, containers };
}

/** The gomemlens.dev/go annotation: on the pod template first, then on the workload itself. */
function goAnnotation(value: Record<string, unknown>, podSpecPath: ObjectPath): string | undefined {
  const template = getPath(value, [
    ...podSpecPath.slice(0, -1),
    'metadata',
    'annotations',
    GO_ANNOTATION,
  ]);
  return (
    annotationText(template) ??
    annotationText(getPath(value, ['metadata', 'annotations', GO_ANNOTATION]))
  );
}

/** Annotations are strings; an unquoted `true` (refused by the API server) still says what was meant. */
function annotationText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : undefined;
}

export function getPath(value: unknown, path: ObjectPath): unknown {
  let node = value;
  for (const part of path) {
    if (typeof part === 'number' ? !Array.isArray(node) : !isRecord(node)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** metadata.name, or generateName for Pods a controller creates ("api-7d9f-"). */
export function nameOf(value: Record<string, unknown>): string {
  const name = getPath(value, ['metadata', 'name']) ?? getPath(value, ['metadata', 'generateName']);
  return typeof name === 'string' ? name : '';
}

/** "" when the manifest leaves the namespace to `kubectl -n` or the Helm release. */
export function namespaceOf(value: Record<string, unknown>): string {
  const ns = getPath(value, ['metadata', 'namespace']);
  return typeof ns === 'string' ? ns : '';
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** ConfigMaps are matched by namespace and name; a manifest without a namespace matches any. */
function findConfigMap(index: ConfigMapIndex, namespace: string, name: string) {
  const exact = index.get(key(namespace, name)) ?? index.get(key('', name));
  if (exact || namespace !== '') return exact;
  for (const [k, data] of index) if (k.endsWith(`/${name}`)) return data;
  return undefined;
}

function stringData(value: Record<string, unknown>): Record<string, string> {
  const data = value.data;
  if (!isRecord(data)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}
