// k8s gen vpa: a VPA per workload that parses as YAML and keeps limits above GOMEMLIMIT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseQuantity, quantityValue } from '../../src/model/k8s-quantity.js';
import { cli, CORPUS } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON/YAML, checked field by field
type Json = any;

test('gen vpa: a floor that keeps the VPA-set limit above GOMEMLIMIT / 0.95', () => {
  const r = cli([
    'k8s',
    'gen',
    'vpa',
    '--workload',
    'Deployment/checkout',
    join(CORPUS, 'findings', 'vpa.yaml'),
  ]);
  assert.equal(r.status, 0, r.stderr);
  const docs = parseAllDocuments(r.stdout) as ReturnType<typeof parseAllDocuments> & unknown[];
  assert.equal(docs.length, 1);
  const vpa = (docs as unknown as { toJS(): Json }[])[0].toJS();
  assert.equal(vpa.kind, 'VerticalPodAutoscaler');
  assert.deepEqual(vpa.spec.targetRef, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'checkout',
  });
  const min = parseQuantity(vpa.spec.resourcePolicy.containerPolicies[0].minAllowed.memory);
  assert.ok(min.ok);
  const floor = Number(quantityValue(min.quantity));
  assert.ok(floor * 0.95 >= 460 * 2 ** 20, `floor ${floor} leaves GOMEMLIMIT under 95%`);
  assert.ok(floor < 512 * 2 ** 20, 'and is not above what the workload asks today');
  assert.match(r.stdout, /# GOMEMLIMIT must follow the memory limit/);
});

test('gen vpa: every workload of a file, and errors for a missing one', () => {
  const r = cli(['k8s', 'gen', 'vpa', join(CORPUS, 'findings', 'list.yaml')]);
  assert.equal(r.status, 0);
  assert.equal(parseAllDocuments(r.stdout).length, 3);
  assert.equal(
    cli([
      'k8s',
      'gen',
      'vpa',
      '--workload',
      'Deployment/none',
      join(CORPUS, 'findings', 'list.yaml'),
    ]).status,
    2,
  );
  assert.equal(cli(['k8s', 'gen', 'hpa', '-'], '').status, 2);
});
