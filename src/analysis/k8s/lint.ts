/** k8s lint: every Go container of every workload through every rule. */
import type { ManifestObject, Workload } from '../../model/k8s.js';
import { runRules, type Rule } from '../engine.js';
import { containerFacts, DEFAULT_LINT_OPTIONS, type LintOptions } from './facts.js';
import type { K8sFinding } from './finding.js';
import { collectInventory, type Inventory } from './inventory.js';
import type { K8sRuleInputs } from './rule-kit.js';
import { K8S_RULES } from './rules.js';

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

export function lintWorkload(
  workload: Workload,
  inventory: Inventory,
  options: LintOptions,
): K8sFinding[] {
  const out: K8sFinding[] = [];
  const rules = K8S_RULES as unknown as readonly Rule<
    K8sRuleInputs,
    keyof K8sRuleInputs,
    K8sFinding['code']
  >[];
  for (const container of workload.containers) {
    if (!container.go.isGo) continue;
    const facts = containerFacts(workload, container, inventory.vpas, options);
    out.push(...runRules(rules, { facts: { value: facts } }).findings);
  }
  return out;
}
