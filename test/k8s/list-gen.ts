/**
 * Whole-cluster exports as `kubectl get deploy -A -o yaml` prints them: one `kind: List`
 * document with `items` before `kind`, each item a Deployment under `- `. The same items as a
 * multi-document stream are the reference a List must read like. Deterministic; item i has
 * one of four GOMEMLIMIT settings (none, `512Mi`, fine, the downward API), so most items
 * have a finding.
 */
const ENV = [
  ['- {name: GOGC, value: "100"}'],
  ['- name: GOMEMLIMIT', '  value: 512Mi'],
  ['- name: GOMEMLIMIT', '  value: 460MiB'],
  ['- name: GOMEMLIMIT', '  valueFrom:', '    resourceFieldRef: {resource: limits.memory}'],
];

/** Item i at column 0. */
export function deployment(i: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: api-${i}`,
    `  namespace: team-${i % 50}`,
    `  labels: {app: api-${i}, tier: backend}`,
    '  annotations:',
    '    deployment.kubernetes.io/revision: "3"',
    'spec:',
    '  replicas: 3',
    '  selector:',
    `    matchLabels: {app: api-${i}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: api-${i}}`,
    '    spec:',
    '      containers:',
    '      - name: api',
    `        image: registry.example.com/team/api:v1.2.${i % 10}`,
    '        args: ["--port=8080", "--log-level=info"]',
    '        env:',
    ...ENV[i % ENV.length].map((l) => '        ' + l),
    '        resources:',
    '          requests: {cpu: 100m, memory: 256Mi}',
    '          limits: {memory: 512Mi}',
    '        ports:',
    '        - {containerPort: 8080, name: http}',
    '        readinessProbe:',
    '          httpGet: {path: /healthz, port: 8080}',
    '',
  ].join('\n');
}

export const deployments = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => deployment(i));

/** Items (each at column 0, ending in a newline) as kubectl prints them in a List. */
export function asList(items: readonly string[]): string {
  const body = items.map((item) => '- ' + item.replace(/\n(?=.)/g, '\n  ')).join('');
  return `apiVersion: v1\nitems:\n${body}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

export const asDocuments = (items: readonly string[]): string => items.join('---\n');

/** The items back from a multi-document stream made by asDocuments. */
export const documentsOf = (text: string): string[] => text.split('---\n');

/** A List of n generated Deployments. */
export const kubectlList = (n: number): string => asList(deployments(n));
