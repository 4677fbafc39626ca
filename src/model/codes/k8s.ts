/** Finding codes of the k8s domain. Add a code here and its wording in src/report/messages/k8s.ts. */
export const K8S_CODES = [] as const;

export type K8sCode = (typeof K8S_CODES)[number];
