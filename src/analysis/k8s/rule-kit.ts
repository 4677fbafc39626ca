/**
 * What every k8s rule receives: the facts of one Go container and, when its image was read
 * (--inspect-images), its Go binary; rules that need the Go version name `binary` and are
 * skipped without it.
 */
import { defineRule } from '../engine.js';
import type { ContainerFacts, GoBinaryFacts } from './facts.js';

export interface K8sRuleInputs {
  readonly facts: ContainerFacts;
  readonly binary: GoBinaryFacts;
}

export const defineK8sRule = defineRule<K8sRuleInputs>();
