/**
 * Containers of a pod spec with their resources and their environment as the kubelet builds it:
 * envFrom first, then env, the last definition of a name winning. Values taken from a
 * ConfigMap that is in the same input are resolved; others are marked unresolved.
 */
import { isRecord } from '../../formats/k8s-manifest.js';
import type {
  Container,
  ContainerResources,
  EnvSource,
  EnvVar,
  ObjectPath,
} from '../../model/k8s.js';
import { imageRequestKey } from '../../model/image-inspection.js';
import { DEFAULT_DETECT, detectGo, type GoDetectOptions } from './go-detect.js';

type ConfigMapLookup = (name: string) => Readonly<Record<string, string>> | undefined;

export function readContainers(
  podSpec: Record<string, unknown>,
  podSpecPath: ObjectPath,
  annotation: string | undefined,
  lookup: ConfigMapLookup,
  detect: GoDetectOptions = DEFAULT_DETECT,
): Container[] {
  const out: Container[] = [];
  for (const [field, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    const list = podSpec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isRecord(c))
        out.push(readContainer(c, [...podSpecPath, field, i], init, annotation, lookup, detect));
    });
  }
  return out;
}

function readContainer(
  c: Record<string, unknown>,
  path: ObjectPath,
  init: boolean,
  annotation: string | undefined,
  lookup: ConfigMapLookup,
  detect: GoDetectOptions,
): Container {
  const env = new Map<string, EnvVar>();
  const unresolvedEnvFrom: { what: string; path: ObjectPath }[] = [];
  readEnvFrom(c.envFrom, path, lookup, env, unresolvedEnvFrom);
  readEnv(c.env, path, lookup, env);
  const run = runOf(c);
  const request = run.image ? { ...run, image: run.image, pathEnv: pathEnv(env) } : undefined;
  const go = detectGo(
    {
      init,
      annotation,
      envNames: [...env.keys()],
      unresolvedEnvFrom: unresolvedEnvFrom.length,
      image: run.image,
      inspection: request ? detect.inspections?.get(imageRequestKey(request)) : undefined,
    },
    detect.patterns,
  );
  const name = typeof c.name === 'string' ? c.name : '';
  const resources = readResources(c.resources);
  return { name, init, path, resources, env, unresolvedEnvFrom, go, ...run };
}

/** What the container runs: image, command and args as written. */
function runOf(c: Record<string, unknown>) {
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : undefined;
  return {
    image: typeof c.image === 'string' ? c.image : undefined,
    command: strings(c.command),
    args: strings(c.args),
  };
}

/** A literal PATH in the container's env: the runtime looks a bare command name up in it. */
export function pathEnv(env: ReadonlyMap<string, EnvVar>): string | undefined {
  const source = env.get('PATH')?.source;
  return source?.kind === 'literal' ? source.value : undefined;
}

function readResources(resources: unknown): ContainerResources {
  if (!isRecord(resources)) return {};
  const pick = (group: string, res: string) => {
    const g = resources[group];
    const v = isRecord(g) ? g[res] : undefined;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  return {
    memoryLimit: pick('limits', 'memory'),
    memoryRequest: pick('requests', 'memory'),
    cpuLimit: pick('limits', 'cpu'),
    cpuRequest: pick('requests', 'cpu'),
  };
}

function readEnvFrom(
  list: unknown,
  path: ObjectPath,
  lookup: ConfigMapLookup,
  env: Map<string, EnvVar>,
  unresolved: { what: string; path: ObjectPath }[],
) {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const entryPath = [...path, 'envFrom', i];
    const prefix = typeof entry.prefix === 'string' ? entry.prefix : '';
    const cmName = refName(entry.configMapRef);
    const data = cmName === undefined ? undefined : lookup(cmName);
    if (cmName !== undefined && data) {
      for (const [k, value] of Object.entries(data)) {
        const name = prefix + k;
        env.set(name, {
          name,
          source: { kind: 'literal', value },
          path: entryPath,
          valuePath: entryPath,
          resolvedFrom: `ConfigMap ${cmName}`,
        });
      }
    } else if (cmName !== undefined)
      unresolved.push({ what: `ConfigMap ${cmName}`, path: entryPath });
    else if (refName(entry.secretRef) !== undefined)
      unresolved.push({ what: `Secret ${refName(entry.secretRef)}`, path: entryPath });
  });
}

function readEnv(
  list: unknown,
  path: ObjectPath,
  lookup: ConfigMapLookup,
  env: Map<string, EnvVar>,
) {
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (!isRecord(entry) || typeof entry.name !== 'string') return;
    const entryPath = [...path, 'env', i];
    const { source, valuePath } = envSource(entry, entryPath);
    const resolved = resolveConfigMap(source, lookup);
    env.set(entry.name, {
      name: entry.name,
      source: resolved?.source ?? source,
      path: entryPath,
      valuePath,
      resolvedFrom: resolved?.from,
    });
  });
}

function envSource(
  entry: Record<string, unknown>,
  entryPath: ObjectPath,
): { source: EnvSource; valuePath: ObjectPath } {
  const from = entry.valueFrom;
  if (!isRecord(from)) {
    const v = entry.value;
    // An absent value is the empty string (core/v1 EnvVar).
    const value = v === undefined || v === null ? '' : String(v);
    return {
      source: { kind: 'literal', value },
      valuePath: [...entryPath, v === undefined ? 'name' : 'value'],
    };
  }
  const valuePath = [...entryPath, 'valueFrom'];
  const rf = from.resourceFieldRef;
  if (isRecord(rf) && typeof rf.resource === 'string') {
    const divisor =
      rf.divisor === undefined || rf.divisor === null ? undefined : String(rf.divisor);
    const containerName = typeof rf.containerName === 'string' ? rf.containerName : undefined;
    return {
      source: { kind: 'resourceFieldRef', resource: rf.resource, divisor, containerName },
      valuePath: [...valuePath, 'resourceFieldRef'],
    };
  }
  const cm = from.configMapKeyRef;
  if (isRecord(cm)) {
    const source = {
      kind: 'configMapKeyRef' as const,
      name: String(cm.name ?? ''),
      key: String(cm.key ?? ''),
      optional: cm.optional === true,
    };
    return { source, valuePath: [...valuePath, 'configMapKeyRef'] };
  }
  const secret = from.secretKeyRef;
  if (isRecord(secret)) {
    return {
      source: {
        kind: 'secretKeyRef',
        name: String(secret.name ?? ''),
        key: String(secret.key ?? ''),
      },
      valuePath: [...valuePath, 'secretKeyRef'],
    };
  }
  const field = from.fieldRef;
  if (isRecord(field))
    return { source: { kind: 'fieldRef', fieldPath: String(field.fieldPath ?? '') }, valuePath };
  return { source: { kind: 'other' }, valuePath };
}

function resolveConfigMap(
  source: EnvSource,
  lookup: ConfigMapLookup,
): { source: EnvSource; from: string } | undefined {
  if (source.kind !== 'configMapKeyRef') return undefined;
  const data = lookup(source.name);
  if (!data || !(source.key in data)) return undefined;
  return {
    source: { kind: 'literal', value: data[source.key] },
    from: `ConfigMap ${source.name} key ${source.key}`,
  };
}

function refName(ref: unknown): string | undefined {
  return isRecord(ref) && typeof ref.name === 'string' ? ref.name : undefined;
}
