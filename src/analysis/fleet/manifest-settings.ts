/**
 * GOMEMLIMIT and GOGC from the workloads' manifests (`fleet --manifests`), for Go programs
 * whose metrics do not say (client_golang older than 1.20 and no gomemlens exporter). The
 * environment is resolved as `k8s lint` resolves it (analysis/k8s/facts.ts: envFrom then env,
 * ConfigMaps in the input, the downward API as the bytes Go reads). A manifest without a
 * namespace matches the workload in any namespace.
 */
import type { GoMemLimit } from '../../model/gomemlimit.js';
import type { ManifestObject } from '../../model/k8s.js';
import { containerFacts, DEFAULT_LINT_OPTIONS, goMemLimitBytes } from '../k8s/facts.js';
import { collectInventory } from '../k8s/inventory.js';

export interface ManifestSettings {
  readonly gomemlimit?: GoMemLimit;
  /** The text as written ("512Mi"), for a malformed value. */
  readonly gomemlimitText?: string;
  readonly gogc?: number;
  /** "deploy.yaml (Deployment shop/api)". */
  readonly where: string;
}

export type SettingsIndex = ReadonlyMap<string, ManifestSettings>;

const key = (ns: string, kind: string, name: string, container: string) =>
  [ns, kind, name, container].join('\u0000');

export function manifestSettings(objects: readonly ManifestObject[]): SettingsIndex {
  const out = new Map<string, ManifestSettings>();
  for (const w of collectInventory(objects).workloads) {
    for (const c of w.containers) {
      if (c.init) continue;
      const facts = containerFacts(w, c, [], DEFAULT_LINT_OPTIONS);
      const g = facts.gomemlimit;
      const bytes = goMemLimitBytes(g);
      const gogcEnv = c.env.get('GOGC')?.source;
      const gogcText = gogcEnv?.kind === 'literal' ? gogcEnv.value : undefined;
      const settings: ManifestSettings = {
        where: `${w.object.file} (${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name})`,
        ...(g.kind === 'absent' ? { gomemlimit: { kind: 'off' } } : {}),
        ...(g.kind === 'literal' ? { gomemlimit: g.parsed, gomemlimitText: g.text } : {}),
        ...(g.kind === 'downward' && bytes !== undefined
          ? { gomemlimit: { kind: 'bytes', bytes } }
          : {}),
        ...gogcOf(gogcText),
      };
      out.set(key(w.namespace, w.kind, w.name, c.name), settings);
    }
  }
  return out;
}

/** GOGC as Go reads it (runtime/mgcpacer.go readGOGC): "off" is -1; absent is 100. */
function gogcOf(text: string | undefined): { gogc?: number } {
  if (text === undefined) return { gogc: 100 };
  const n = text === 'off' ? -1 : Number(text);
  return Number.isInteger(n) ? { gogc: n } : {};
}

/** The settings of a workload's container: by namespace, or from a manifest without one. */
export function settingsFor(
  index: SettingsIndex | undefined,
  ns: string,
  kind: string,
  name: string,
  container: string,
): ManifestSettings | undefined {
  return index?.get(key(ns, kind, name, container)) ?? index?.get(key('', kind, name, container));
}
