/** k8s lint: every Go container of every workload through every rule. */
import type { ManifestObject, Workload } from '../../model/k8s.js';
import { runRules } from '../engine.js';
import { containerFacts, DEFAULT_LINT_OPTIONS, type LintOptions } from './facts.js';
import type { K8sFinding } from './finding.js';
import { collectInventory, type Inventory } from './inventory.js';
import type { K8sRuleInputs } from './rule-kit.js';
import { K8S_RULES, type K8sRuleArgs } from './rules.js';

export interface LintResult {
  readonly findings: readonly K8sFinding[];
  readonly workloads: number;
  readonly goContainers: number;
  readonly objects: number;
}

export function lintObjects(
  objects: readonly ManifestObject[],
  options: LintOptions = DEFAULT_LINT_OPTIONS,
): LintResult {
  const inventory = collectInventory(objects);
  const findings: K8sFinding[] = [];
  let goContainers = 0;
  for (const workload of inventory.workloads) {
    for (const found of lintWorkload(workload, inventory, options)) findings.push(found);
    goContainers += workload.containers.filter((c) => c.go.isGo).length;
  }
  return { findings, workloads: inventory.workloads.length, goContainers, objects: objects.length };
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
    const facts = containerFacts(workload, container, inventory.vpas, options);
    const inputs = { facts: { value: facts } };
    out.push(...runRules<K8sRuleInputs, K8sRuleArgs>(K8S_RULES, inputs).findings);
  }
  return out;
}
