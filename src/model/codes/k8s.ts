/**
 * Finding codes of `k8s lint`, `k8s fix` and the admission webhook. Wording:
 * src/report/messages/k8s.ts; one page each in docs/rules/<code>.md.
 */
export const K8S_CODES = [
  'k8s-quantity-invalid',
  'k8s-memory-limit-missing',
  'k8s-request-above-limit',
  'k8s-gomemlimit-missing',
  'k8s-gomemlimit-malformed',
  'k8s-gomemlimit-above-limit',
  'k8s-gomemlimit-ratio',
  'k8s-gomemlimit-downward-api',
  'k8s-gomemlimit-divisor',
  'k8s-gomemlimit-vpa-frozen',
  'k8s-gogc-off-without-gomemlimit',
  'k8s-gcstoptheworld',
  'k8s-gomaxprocs-above-cpu',
  'k8s-env-value-not-string',
  'k8s-env-unresolved',
  'k8s-gotraceback-oom',
  'k8s-gomemlimit-vpa-feedback',
  'k8s-hpa-memory-go',
  'k8s-gomemlimit-go-too-old',
  'k8s-godebug-madvdontneed',
  'k8s-gomaxprocs-not-container-aware',
  'k8s-goexperiment-at-runtime',
] as const;

export type K8sCode = (typeof K8S_CODES)[number];
