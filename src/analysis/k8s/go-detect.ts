/**
 * Which containers run Go. A manifest does not say which language an image is written in, so
 * the rule is explicit and documented (docs/k8s.md):
 *   1. `gomemlens.dev/go: "false"` on the pod template (or the workload) opts the whole pod out;
 *   2. a container that sets a Go runtime variable (GOMEMLIMIT, GOGC, GODEBUG, GOMAXPROCS,
 *      GOTRACEBACK) in env, or through envFrom of a ConfigMap in the input, is Go;
 *   3. `gomemlens.dev/go: "true"` marks every regular container of the pod as Go (init
 *      containers only by rule 2, since they are often shell or busybox images).
 */
import { GO_ANNOTATION, GO_RUNTIME_ENV } from '../../model/k8s.js';

export interface GoDetectInput {
  readonly init: boolean;
  readonly annotation: string | undefined;
  readonly envNames: readonly string[];
  readonly unresolvedEnvFrom: number;
}

export function detectGo(input: GoDetectInput): { isGo: boolean; reason: string } {
  if (input.annotation === 'false') return { isGo: false, reason: `${GO_ANNOTATION}: "false"` };
  const goVar = input.envNames.find((n) => (GO_RUNTIME_ENV as readonly string[]).includes(n));
  if (goVar) return { isGo: true, reason: `sets ${goVar}` };
  if (input.annotation === 'true' && !input.init)
    return { isGo: true, reason: `${GO_ANNOTATION}: "true"` };
  const unknown =
    input.unresolvedEnvFrom > 0 ? ' (envFrom sources not in the input were not read)' : '';
  return {
    isGo: false,
    reason: `no Go runtime variable and no ${GO_ANNOTATION} annotation${unknown}`,
  };
}
