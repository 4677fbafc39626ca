/**
 * Generated Go workloads (Deployments and Pods) with one GOMEMLIMIT problem each, for the
 * webhook load test and the benchmark. Deterministic from a seed.
 */
const MI = 2 ** 20;

export function goWorkload(i: number): Record<string, unknown> {
  const limitMi = 128 * (1 + (i % 16));
  const problems: unknown[][] = [
    [],
    [{ name: 'GOMEMLIMIT', value: `${limitMi}Mi` }],
    [{ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }],
    [
      {
        name: 'GOMEMLIMIT',
        valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
      },
    ],
    [{ name: 'GOMEMLIMIT', value: `${limitMi * MI}` }],
    [{ name: 'GOMEMLIMIT', value: `${Math.floor(limitMi / 4)}MiB` }],
    [{ name: 'GOGC', value: 'off' }],
    [{ name: 'GOMEMLIMIT', value: Math.floor(limitMi * 0.9) * MI }], // a JSON number: not a string
  ];
  const env = problems[i % problems.length];
  const container = {
    name: `app-${i}`,
    image: `example.com/app:${i}`,
    ...(i % 3 === 0 && env.length === 0
      ? {}
      : { env: env.length ? env : [{ name: 'GOGC', value: '100' }] }),
    resources: {
      requests: { cpu: '100m', memory: `${limitMi}Mi` },
      limits: { memory: `${limitMi}Mi` },
    },
  };
  const template = {
    metadata: { labels: { app: `app-${i}` }, annotations: { 'gomemlens.dev/go': 'true' } },
    spec: { containers: [container] },
  };
  if (i % 2 === 0)
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { generateName: `app-${i}-`, annotations: template.metadata.annotations },
      spec: template.spec,
    };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}` },
    spec: { replicas: 2, selector: { matchLabels: template.metadata.labels }, template },
  };
}
