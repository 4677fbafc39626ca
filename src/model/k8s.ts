/**
 * The Kubernetes side of gomemlens: manifests as parsed objects with a way back to their
 * source position, and the workloads and containers the k8s rules look at.
 */

/** A path into an object: map keys and list indexes, as in a JSONPath or JSON Pointer. */
export type ObjectPath = readonly (string | number)[];

/** 1-based line and column of a node in its file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One Kubernetes object of an input (a document, or an item of a `kind: List`). */
export interface ManifestObject {
  /** File name as given ("-" for stdin, "request" for an AdmissionReview). */
  readonly file: string;
  /** 0-based document index in the file. */
  readonly doc: number;
  /** Where the object sits in its document: [] or ["items", 3] for a List item. */
  readonly base: ObjectPath;
  readonly value: Record<string, unknown>;
  /**
   * Position of the node at `path` (relative to the object), or of its nearest existing
   * ancestor; undefined when the input has no positions (JSON from an API request).
   */
  readonly locate: (path: ObjectPath) => SourcePosition | undefined;
  /** The source text of the node at `path` when it is a plain (unquoted) YAML scalar. */
  readonly plainScalar?: (path: ObjectPath) => string | undefined;
}

export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Where an environment variable's value comes from. */
export type EnvSource =
  | { readonly kind: 'literal'; readonly value: string }
  | {
      readonly kind: 'resourceFieldRef';
      readonly resource: string;
      readonly divisor?: string;
      readonly containerName?: string;
    }
  | {
      readonly kind: 'configMapKeyRef';
      readonly name: string;
      readonly key: string;
      readonly optional: boolean;
    }
  | { readonly kind: 'secretKeyRef'; readonly name: string; readonly key: string }
  | { readonly kind: 'fieldRef'; readonly fieldPath: string }
  | { readonly kind: 'other' };

export interface EnvVar {
  readonly name: string;
  readonly source: EnvSource;
  /** Path (relative to the object) of the env entry, e.g. [..., "env", 2]. */
  readonly path: ObjectPath;
  /** Path of the node to point at: the value, the valueFrom, or the envFrom entry. */
  readonly valuePath: ObjectPath;
  /** Set when the value was read from a ConfigMap in the same input. */
  readonly resolvedFrom?: string;
}

export interface ContainerResources {
  readonly memoryLimit?: string;
  readonly memoryRequest?: string;
  readonly cpuLimit?: string;
  readonly cpuRequest?: string;
}

export interface Container {
  readonly name: string;
  readonly init: boolean;
  /** Path of the container (relative to the object). */
  readonly path: ObjectPath;
  readonly resources: ContainerResources;
  /** Environment after envFrom and env are merged (the last definition wins, as in kubelet). */
  readonly env: ReadonlyMap<string, EnvVar>;
  /** envFrom sources that could not be read (ConfigMap or Secret not in the input). */
  readonly unresolvedEnvFrom: readonly { readonly what: string; readonly path: ObjectPath }[];
  /** Whether the container is treated as Go, and why. */
  readonly go: GoClassification;
  /** The image as written, and command/args, which replace the image's Entrypoint/Cmd. */
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}

/**
 * go: checked by the Go rules; other: known not to be Go; unknown: nothing says which
 * language (counted in the summary, with the ways to classify it).
 */
export type Language = 'go' | 'other' | 'unknown';

export interface GoClassification {
  readonly isGo: boolean;
  readonly reason: string;
  readonly language?: Language;
  /** The Go binary read from the image (k8s lint --inspect-images). */
  readonly binary?: {
    readonly goVersion: string;
    readonly goexperiment?: string;
    /** "image@digest:/path", the source of the version. */
    readonly source: string;
  };
}

export interface Workload {
  readonly object: ManifestObject;
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  /** Path of the pod spec (relative to the object). */
  readonly podSpecPath: ObjectPath;
  readonly containers: readonly Container[];
}

/** A VerticalPodAutoscaler found in the same input. */
export interface VpaTarget {
  readonly name: string;
  readonly namespace: string;
  readonly targetKind: string;
  readonly targetName: string;
  /** False when updateMode is "Off" (recommendations only). */
  readonly updates: boolean;
  /** spec.updatePolicy.updateMode as written (undefined: the VPA's default, Auto). */
  readonly updateMode?: string;
  /** Per container policy ("*" for the default): does the VPA move this container's memory? */
  readonly memoryPolicy: ReadonlyMap<string, boolean>;
}

/** A memory metric of a HorizontalPodAutoscaler (autoscaling/v2, v2beta2 or v2beta1). */
export interface HpaMemoryMetric {
  /** Set for a ContainerResource metric: the one container it reads. */
  readonly container?: string;
  /** Utilization: percent of requests.memory; AverageValue: a quantity per pod. */
  readonly type: 'Utilization' | 'AverageValue';
  readonly utilization?: number;
  readonly averageValue?: string;
  /** Path of the target value node (relative to the HPA object). */
  readonly path: ObjectPath;
}

/** A HorizontalPodAutoscaler found in the same input. */
export interface HpaTarget {
  readonly object: ManifestObject;
  readonly name: string;
  readonly namespace: string;
  readonly targetKind: string;
  readonly targetName: string;
  readonly maxReplicas?: number;
  readonly memory: readonly HpaMemoryMetric[];
}

/** ConfigMaps in the input, by "namespace/name". */
export type ConfigMapIndex = ReadonlyMap<string, Readonly<Record<string, string>>>;

export const GO_ANNOTATION = 'gomemlens.dev/go';
export const GO_RUNTIME_ENV = [
  'GOMEMLIMIT',
  'GOGC',
  'GODEBUG',
  'GOMAXPROCS',
  'GOTRACEBACK',
] as const;

/** "spec.template.spec.containers[0].env[2].value": a path for people and JSON output. */
export function formatPath(path: ObjectPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/** RFC 6901 JSON Pointer for a path. */
export function jsonPointer(path: ObjectPath): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
