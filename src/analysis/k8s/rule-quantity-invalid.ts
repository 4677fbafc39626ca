/** A resources quantity the API server would refuse (resource.ParseQuantity fails). */
import { reports } from '../engine.js';
import { k8sFinding, type K8sArgs } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const quantityInvalid = defineK8sRule({
  reports: { 'k8s-quantity-invalid': reports<QuantityInvalidArgs>('error') },
  applies: { scope: 'any-process', needs: ['facts'] },
  evaluate: ({ facts }) =>
    facts.badQuantities.map((b) =>
      k8sFinding(
        facts,
        'k8s-quantity-invalid',
        b.path,
        { field: b.field, text: b.text, reason: b.reason },
        [],
      ),
    ),
});

export type QuantityInvalidArgs = K8sArgs<{
  readonly field: string;
  readonly text: string;
  readonly reason: string;
}>;
