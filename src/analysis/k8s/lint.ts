/** k8s lint: every Go container of every workload through every rule. */
import type { ManifestObject, Workload } from '../../model/k8s.js';
import { runRules } from '../engine.js';
import { containerFacts, DEFAULT_LINT_OPTIONS, type LintOptions } from './facts.js';
import { workloadName, type K8sFinding } from './finding.js';
import { DEFAULT_DETECT, type GoDetectOptions } from './go-detect.js';
import { collectInventory, type Inventory } from './inventory.js';
import type { K8sRuleInputs } from './rule-kit.js';
import { K8S_RULES, type K8sRuleArgs } from './rules.js';

/** A container nothing classified: not checked, listed so the user can say what it is. */
export interface UnknownContainer {
  readonly workload: string;
  readonly container: string;
  readonly image?: string;
}

export interface LintResult {
  readonly findings: readonly K8sFinding[];
  readonly workloads: number;
  readonly goContainers: number;
  readonly objects: number;
  readonly unknown: readonly UnknownContainer[];
}

export function lintObjects(
  objects: readonly ManifestObject[],
  options: LintOptions = DEFAULT_LINT_OPTIONS,
  detect: GoDetectOptions = DEFAULT_DETECT,
): LintResult {
  const inventory = collectInventory(objects, detect);
  const findings: K8sFinding[] = [];
  const unknown: UnknownContainer[] = [];
  let goContainers = 0;
  for (const workload of inventory.workloads) {
    for (const found of lintWorkload(workload, inventory, options)) findings.push(found);
    goContainers += workload.containers.filter((c) => c.go.isGo).length;
    for (const c of workload.containers) {
      if (c.go.language !== 'unknown') continue;
      unknown.push({ workload: workloadName(workload), container: c.name, image: c.image });
    }
  }
  return {
    findings,
    workloads: inventory.workloads.length,
    goContainers,
    objects: objects.length,
    unknown,
  };
}

function lintWorkload(
  workload: Workload,
  inventory: Inventory,
  options: LintOptions,
): K8sFinding[] {
  const out: K8sFinding[] = [];
  // Only Go containers are linted: a rule's scope says whether it is about Go at all.
  for (const container of workload.containers) {
    if (!container.go.isGo) continue;
    const facts = containerFacts(workload, container, inventory.vpas, options, inventory.hpas);
    const binary = facts.binary
      ? { value: facts.binary }
      : { missing: 'Go version unknown: the image was not read (k8s lint --inspect-images)' };
    const inputs = { facts: { value: facts }, binary };
    out.push(...runRules<K8sRuleInputs, K8sRuleArgs>(K8S_RULES, inputs).findings);
  }
  return out;
}
