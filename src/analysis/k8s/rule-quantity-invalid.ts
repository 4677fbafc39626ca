/** A resources quantity the API server would refuse (resource.ParseQuantity fails). */
import { k8sFinding } from './finding.js';
import { defineK8sRule } from './rule-kit.js';

export const quantityInvalid = defineK8sRule({
  code: 'k8s-quantity-invalid',
  needs: ['facts'],
  evaluate: ({ facts }) =>
    facts.badQuantities.map((b) =>
      k8sFinding(facts, 'k8s-quantity-invalid', 'error', b.path, {
        field: b.field,
        text: b.text,
        reason: b.reason,
      }),
    ),
});
