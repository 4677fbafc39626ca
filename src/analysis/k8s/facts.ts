/**
 * Per-container facts the rules share: the parsed limits and requests (resource.Quantity
 * semantics), the effective GOMEMLIMIT and where it comes from, and the VPA that moves it.
 * Computed once per container so each rule stays a few lines.
 */
import { parseGoMemLimit, type GoMemLimit } from '../../model/gomemlimit.js';
import type {
  Container,
  EnvVar,
  HpaTarget,
  ObjectPath,
  VpaTarget,
  Workload,
} from '../../model/k8s.js';
import {
  parseQuantity,
  quantityBytes,
  quantityMilliValue,
  quantityValue,
  type Quantity,
} from '../../model/k8s-quantity.js';
import { hasFeature, parseGoVersion, type GoVersion } from '../go-versions.js';
import { vpaControlling } from './vpa.js';

export interface LintOptions {
  /** GOMEMLIMIT / memory limit below this is too low (default 0.5). */
  readonly minRatio: number;
  /** GOMEMLIMIT / memory limit above this leaves too little headroom (default 0.95). */
  readonly maxRatio: number;
  /** The ratio suggested by fixes (default 0.9: Go's GC guide advises 5-10% headroom). */
  readonly ratio: number;
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { minRatio: 0.5, maxRatio: 0.95, ratio: 0.9 };

export interface Amount {
  readonly quantity: Quantity;
  readonly path: ObjectPath;
}

export interface BadQuantity {
  readonly field: string;
  readonly text: string;
  readonly reason: string;
  readonly path: ObjectPath;
}

export type GoMemLimitFact =
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'literal';
      readonly env: EnvVar;
      readonly text: string;
      readonly parsed: GoMemLimit;
    }
  | {
      readonly kind: 'downward';
      readonly env: EnvVar;
      readonly resource: string;
      /** The divisor's value in bytes (1 when unset); undefined when it does not parse. */
      readonly divisor?: bigint;
      /** What the container gets: ceil(resource / divisor), which Go reads as BYTES. */
      readonly goSees?: bigint;
    }
  | { readonly kind: 'unresolved'; readonly env: EnvVar; readonly what: string }
  | { readonly kind: 'other'; readonly env: EnvVar }
  /** Set, but the binary's Go is older than 1.19 and never reads it (go.dev/doc/go1.19). */
  | { readonly kind: 'ignored'; readonly env: EnvVar; readonly goVersion: string };

/** The container's Go binary, read from its image (k8s lint --inspect-images). */
export interface GoBinaryFacts {
  readonly version: GoVersion;
  readonly goexperiment?: string;
  /** "image@digest:/path". */
  readonly source: string;
}

export interface ContainerFacts {
  readonly workload: Workload;
  readonly container: Container;
  readonly options: LintOptions;
  readonly memoryLimit?: Amount;
  readonly memoryRequest?: Amount;
  readonly cpuLimit?: Amount;
  readonly cpuRequest?: Amount;
  readonly badQuantities: readonly BadQuantity[];
  readonly gomemlimit: GoMemLimitFact;
  readonly vpa?: VpaTarget;
  /** HorizontalPodAutoscalers in the input that scale this workload. */
  readonly hpas: readonly HpaTarget[];
  /** Known only when the image was inspected. */
  readonly binary?: GoBinaryFacts;
}

export function containerFacts(
  workload: Workload,
  container: Container,
  vpas: readonly VpaTarget[],
  options: LintOptions,
  hpas: readonly HpaTarget[] = [],
): ContainerFacts {
  const bad: BadQuantity[] = [];
  const amount = (field: 'limits' | 'requests', res: 'memory' | 'cpu') => {
    const key = `${res}${field === 'limits' ? 'Limit' : 'Request'}` as const;
    const text = container.resources[key];
    const path = [...container.path, 'resources', field, res];
    if (text === undefined) return undefined;
    const parsed = parseQuantity(text);
    if (parsed.ok) return { quantity: parsed.quantity, path };
    bad.push({ field: `${field}.${res}`, text, reason: parsed.reason, path });
    return undefined;
  };
  const memoryLimit = amount('limits', 'memory');
  const memoryRequest = amount('requests', 'memory');
  const cpuLimit = amount('limits', 'cpu');
  const cpuRequest = amount('requests', 'cpu');
  const binary = binaryFacts(container);
  const declared = goMemLimitFact(workload, container);
  const gomemlimit: GoMemLimitFact =
    binary && declared.kind !== 'absent' && !hasFeature(binary.version, 'gomemlimit')
      ? { kind: 'ignored', env: declared.env, goVersion: binary.version.text }
      : declared;
  const vpa = vpaControlling(vpas, workload, container.name);
  return {
    workload,
    container,
    options,
    memoryLimit,
    memoryRequest,
    cpuLimit,
    cpuRequest,
    badQuantities: bad,
    gomemlimit,
    vpa,
    hpas,
    binary,
  };
}

function binaryFacts(container: Container): GoBinaryFacts | undefined {
  const b = container.go.binary;
  const version = b ? parseGoVersion(b.goVersion) : undefined;
  return b && version ? { version, goexperiment: b.goexperiment, source: b.source } : undefined;
}

function goMemLimitFact(workload: Workload, container: Container): GoMemLimitFact {
  const env = container.env.get('GOMEMLIMIT');
  if (!env) return { kind: 'absent' };
  const s = env.source;
  switch (s.kind) {
    case 'literal':
      return { kind: 'literal', env, text: s.value, parsed: parseGoMemLimit(s.value) };
    case 'resourceFieldRef':
      return downwardFact(workload, container, env, s.resource, s.divisor, s.containerName);
    case 'configMapKeyRef':
      return { kind: 'unresolved', env, what: `ConfigMap ${s.name} key ${s.key}` };
    case 'secretKeyRef':
      return { kind: 'unresolved', env, what: `Secret ${s.name} key ${s.key}` };
    default:
      return { kind: 'other', env };
  }
}

/**
 * The downward API value: ceil(quantity / divisor) as a decimal string (kubelet
 * pkg/api/v1/resource ExtractContainerResourceValue / convertResourceMemoryToString).
 * requests.memory defaults to the limit when unset (API defaulting).
 */
function downwardFact(
  workload: Workload,
  container: Container,
  env: EnvVar,
  resource: string,
  divisorText: string | undefined,
  containerName: string | undefined,
): GoMemLimitFact {
  const target = containerName
    ? (workload.containers.find((c) => c.name === containerName) ?? container)
    : container;
  const divisorParsed = parseQuantity(divisorText ?? '1');
  const divisor = divisorParsed.ok ? quantityValue(divisorParsed.quantity) : undefined;
  const r = target.resources;
  const text =
    resource === 'limits.memory'
      ? r.memoryLimit
      : resource === 'requests.memory'
        ? (r.memoryRequest ?? r.memoryLimit)
        : undefined;
  const q = text === undefined ? undefined : parseQuantity(text);
  const bytes = q?.ok ? quantityValue(q.quantity) : undefined;
  const goSees =
    bytes !== undefined && divisor !== undefined && divisor > 0n
      ? (bytes + divisor - 1n) / divisor
      : undefined;
  return { kind: 'downward', env, resource, divisor, goSees };
}

/** A variable the container sets to a value the input holds (written, or from a ConfigMap). */
export function literalEnv(
  facts: ContainerFacts,
  name: string,
): { readonly env: EnvVar; readonly value: string } | undefined {
  const env = facts.container.env.get(name);
  return env?.source.kind === 'literal' ? { env, value: env.source.value } : undefined;
}

/** GOMEMLIMIT in bytes as Go will read it, when known. */
export function goMemLimitBytes(fact: GoMemLimitFact): number | undefined {
  if (fact.kind === 'literal' && fact.parsed.kind === 'bytes') return fact.parsed.bytes;
  if (fact.kind === 'downward' && fact.goSees !== undefined) return Number(fact.goSees);
  return undefined;
}

export function bytesOf(a: Amount | undefined): number | undefined {
  return a ? quantityBytes(a.quantity) : undefined;
}

export function milliOf(a: Amount | undefined): number | undefined {
  return a ? Number(quantityMilliValue(a.quantity)) : undefined;
}
