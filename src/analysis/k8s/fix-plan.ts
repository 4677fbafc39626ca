/**
 * k8s fix and the mutating webhook: for each Go container with a memory limit, the one change
 * that gives it a GOMEMLIMIT in Go's syntax at `ratio` of the limit. Values already inside the
 * band are left alone; sources this input cannot change (ConfigMaps not in it, Secrets) and
 * workloads whose memory a VPA moves (a literal would freeze) are skipped with a reason.
 */
import { formatGoMemLimit } from '../../model/gomemlimit.js';
import type { Container, ManifestObject, ObjectPath, Workload } from '../../model/k8s.js';
import { bytesOf, containerFacts, type ContainerFacts, type LintOptions } from './facts.js';
import { DEFAULT_DETECT, type GoDetectOptions } from './go-detect.js';
import { collectInventory, getPath } from './inventory.js';
import { unquotedSettings } from './rule-env-value-type.js';

export type FixOp =
  | { readonly op: 'set-value'; readonly envPath: ObjectPath; readonly value: string }
  | { readonly op: 'quote-value'; readonly envPath: ObjectPath; readonly value: string }
  | { readonly op: 'replace-value-from'; readonly envPath: ObjectPath; readonly value: string }
  | { readonly op: 'append-env'; readonly envListPath: ObjectPath; readonly value: string }
  | { readonly op: 'create-env'; readonly containerPath: ObjectPath; readonly value: string };

export interface PlannedFix {
  readonly object: ManifestObject;
  readonly workload: string;
  readonly container: string;
  /** The variable changed: GOMEMLIMIT, or a Go setting that gets quoted. */
  readonly variable: string;
  readonly op: FixOp;
  /** What was there: "512Mi", "resourceFieldRef limits.memory", "absent". */
  readonly before: string;
}

export interface SkippedFix {
  readonly workload: string;
  readonly container: string;
  readonly reason: string;
}

export interface FixPlan {
  readonly fixes: PlannedFix[];
  readonly skipped: SkippedFix[];
}

export function planFixes(
  objects: readonly ManifestObject[],
  options: LintOptions,
  detect: GoDetectOptions = DEFAULT_DETECT,
): FixPlan {
  const inventory = collectInventory(objects, detect);
  const plan: FixPlan = { fixes: [], skipped: [] };
  for (const workload of inventory.workloads) {
    for (const container of workload.containers) {
      if (!container.go.isGo) continue;
      const facts = containerFacts(workload, container, inventory.vpas, options);
      const decided = decide(facts);
      const names = { workload: `${workload.kind} ${workload.name}`, container: container.name };
      const object = workload.object;
      if (decided && 'reason' in decided) plan.skipped.push({ ...names, reason: decided.reason });
      else if (decided) plan.fixes.push({ ...names, object, variable: 'GOMEMLIMIT', ...decided });
      const taken = decided && 'op' in decided && 'envPath' in decided.op ? decided.op.envPath : [];
      for (const u of unquotedSettings(facts)) {
        if (samePath(u.envPath, taken)) continue; // the GOMEMLIMIT fix rewrites it anyway
        const op: FixOp = { op: 'quote-value', envPath: u.envPath, value: u.text };
        plan.fixes.push({ ...names, object, variable: u.variable, op, before: u.text });
      }
    }
  }
  return plan;
}

type Decision = { op: FixOp; before: string } | { reason: string } | undefined;

function decide(facts: ContainerFacts): Decision {
  const limit = bytesOf(facts.memoryLimit);
  if (limit === undefined) return { reason: 'no memory limit to size GOMEMLIMIT from' };
  const value = formatGoMemLimit(limit * facts.options.ratio);
  const g = facts.gomemlimit;
  const { workload, container } = facts;
  const malformed = g.kind === 'literal' && g.parsed.kind === 'malformed';
  if (facts.vpa && !malformed)
    return {
      reason: `VerticalPodAutoscaler ${facts.vpa.name} moves the limit; a literal GOMEMLIMIT would freeze`,
    };
  switch (g.kind) {
    case 'absent':
      if (container.unresolvedEnvFrom.length > 0)
        return { reason: `envFrom ${container.unresolvedEnvFrom[0].what} is not in the input` };
      return { op: addEnv(workload, container, value), before: 'absent' };
    case 'literal':
      if (!literalNeedsFix(facts, limit)) return undefined;
      // From a ConfigMap through envFrom: an env entry on the container overrides it.
      if (g.env.path.includes('envFrom'))
        return { op: addEnv(workload, container, value), before: g.text };
      if (g.env.resolvedFrom)
        return { op: { op: 'replace-value-from', envPath: g.env.path, value }, before: g.text };
      return { op: { op: 'set-value', envPath: g.env.path, value }, before: g.text };
    case 'downward':
      if (g.resource === 'requests.memory' && g.divisor === 1n && !literalNeedsFix(facts, limit))
        return undefined;
      return {
        op: { op: 'replace-value-from', envPath: g.env.path, value },
        before: `resourceFieldRef ${g.resource}`,
      };
    case 'unresolved':
      return { reason: `GOMEMLIMIT comes from ${g.what}, which is not in the input` };
    default:
      return { reason: 'GOMEMLIMIT comes from a source fix does not change' };
  }
}

function samePath(a: ObjectPath, b: ObjectPath): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

function literalNeedsFix(facts: ContainerFacts, limit: number): boolean {
  const g = facts.gomemlimit;
  const bytes =
    g.kind === 'literal'
      ? g.parsed.kind === 'bytes'
        ? g.parsed.bytes
        : g.parsed.kind === 'off'
          ? undefined
          : NaN
      : Number(g.kind === 'downward' ? g.goSees : NaN);
  if (bytes === undefined || Number.isNaN(bytes)) return true; // off or malformed
  const ratio = bytes / limit;
  return ratio >= 1 || ratio < facts.options.minRatio || ratio > facts.options.maxRatio;
}

function addEnv(workload: Workload, container: Container, value: string): FixOp {
  const envList = getPath(workload.object.value, [...container.path, 'env']);
  if (Array.isArray(envList))
    return { op: 'append-env', envListPath: [...container.path, 'env'], value };
  return { op: 'create-env', containerPath: container.path, value };
}
