// Every k8s code has its page and wording; deploy/webhook.yaml wires the routes the server has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { K8S_CODES } from '../../src/model/codes/k8s.js';
import { messageFor } from '../../src/report/messages/index.js';
import { cli } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON/YAML, checked field by field
type Json = any;

test('each k8s code has docs/rules/<code>.md and a title', () => {
  for (const code of K8S_CODES) {
    assert.ok(existsSync(`docs/rules/${code}.md`), code);
    assert.match(readFileSync(`docs/rules/${code}.md`, 'utf8'), new RegExp(`^# ${code}\\n`));
    assert.ok(messageFor(code).title.length > 0);
  }
});

test('deploy/webhook.yaml: both configurations point at routes the server serves', () => {
  const objects = parseAllDocuments(readFileSync('deploy/webhook.yaml', 'utf8')).map((d) =>
    (d as unknown as { toJS(): Json }).toJS(),
  );
  const byKind = (k: string) => objects.filter((o) => o.kind === k);
  const validating = byKind('ValidatingWebhookConfiguration')[0].webhooks[0];
  const mutating = byKind('MutatingWebhookConfiguration')[0].webhooks[0];
  assert.equal(validating.clientConfig.service.path, '/validate');
  assert.equal(mutating.clientConfig.service.path, '/mutate');
  for (const w of [validating, mutating]) {
    assert.deepEqual(w.admissionReviewVersions, ['v1']);
    assert.equal(w.sideEffects, 'None');
    // The choice docs/k8s.md explains; the API server's timeout is the server's header timeout.
    assert.equal(w.failurePolicy, 'Ignore');
    assert.equal(w.timeoutSeconds, 5);
  }
  assert.deepEqual(Object.keys(byKind('Deployment')[0].spec).sort(), [
    'replicas',
    'selector',
    'template',
  ]);
  const container = byKind('Deployment')[0].spec.template.spec.containers[0];
  assert.ok(container.args.includes('--listen=0.0.0.0:8443'));
  assert.equal(container.readinessProbe.httpGet.path, '/healthz');
  assert.equal(byKind('Service')[0].spec.ports[0].targetPort, container.ports[0].name);
  assert.equal(cli(['k8s', 'lint', '--fail-on', 'info', 'deploy/webhook.yaml']).status, 0);
});
