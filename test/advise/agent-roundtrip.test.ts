// The round trip of docs/advise.md and docs/agent.md: a capture -> `advise --json` -> the
// values a Kubernetes manifest (`k8s fix --ratio`) and the in-process agent take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseGoMemLimit } from '../../src/model/gomemlimit.js';
import type { AdviseDoc, AdviceView } from '../../src/report/advise-doc.js';
import { runCliSync } from '../support/cli.js';

const CAPTURE = 'testdata/advise/gcload-gogc100.ndjson';

function advice(): AdviceView {
  const r = runCliSync(['advise', CAPTURE, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as AdviseDoc;
  assert.ok(!('impossible' in doc.advice));
  return doc.advice as AdviceView;
}

test('the agent options advise prints are those the agent example compiles and runs', () => {
  const a = advice();
  const example = readFileSync('agent/advise_example_test.go', 'utf8');
  assert.ok(example.includes(`opts := ${a.agent.go}`), `${a.agent.go} not in the example`);
  assert.ok(example.includes(`debug.SetGCPercent(${a.gogc})`));
  assert.equal(a.agent.min, a.gogc);
  assert.ok(a.agent.max >= a.agent.min);
});

test('the Kubernetes values: k8s fix --ratio sets a GOMEMLIMIT within 1% of the limit below the advised one', () => {
  const a = advice();
  const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: {name: svc}
spec:
  template:
    spec:
      containers:
        - name: svc
          image: svc
          env:
            - {name: GOGC, value: "${a.gogc}"}
          resources:
            requests: {memory: ${a.k8s.requests.memory}}
            limits: {memory: ${a.k8s.limits.memory}}
`;
  const fix = runCliSync(['k8s', 'fix', '--ratio', String(a.ratio), '-'], { input: manifest });
  assert.equal(fix.code, 0, fix.stderr);
  const set = /\+\s+value: "?(\d+MiB)"?/.exec(fix.stdout)?.[1];
  assert.ok(set, fix.stdout);
  const bytes = (parseGoMemLimit(set) as { bytes: number }).bytes;
  assert.ok(bytes <= a.gomemlimitBytes && bytes >= a.gomemlimitBytes - 0.01 * a.limitBytes, set);
  const lint = runCliSync(['k8s', 'lint', '-'], {
    input: manifest.replace(
      /env:\n/,
      `env:\n            - {name: GOMEMLIMIT, value: "${a.gomemlimit}"}\n`,
    ),
  });
  assert.equal(lint.code, 0, lint.stdout + lint.stderr);
  assert.doesNotMatch(lint.stdout, /k8s-gomemlimit/);
});
