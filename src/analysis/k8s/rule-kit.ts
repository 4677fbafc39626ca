/** What every k8s rule receives: the facts of one Go container. */
import { defineRule } from '../engine.js';
import type { ContainerFacts } from './facts.js';

export interface K8sRuleInputs {
  readonly facts: ContainerFacts;
}

export const defineK8sRule = defineRule<K8sRuleInputs>();
