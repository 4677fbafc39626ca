// Kubernetes identity from each documented cgroup path shape (testdata/k8s-cgroup-paths).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bareContainerId, parseK8sCgroupPath } from '../../src/formats/k8s-cgroup-path.js';

interface Case {
  readonly shape: string;
  readonly path: string;
  readonly expect: Record<string, string> | null;
}

const cases = JSON.parse(
  readFileSync('testdata/k8s-cgroup-paths/cases.json', 'utf8'),
) as readonly Case[];

for (const c of cases) {
  test(`k8s cgroup path: ${c.shape}`, () => {
    assert.deepEqual(parseK8sCgroupPath(c.path) ?? null, c.expect);
  });
}

test('k8s cgroup path: every shape of the issue is covered', () => {
  const shapes = cases.map((c) => c.shape).join('\n');
  for (const word of ['cgroupfs', 'systemd', 'containerd', 'CRI-O', 'Docker', 'namespace'])
    assert.match(shapes, new RegExp(word));
});

test('k8s cgroup path: any string gives an identity or undefined, never a throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const id = parseK8sCgroupPath(s);
      if (id) assert.match(id.podUid, /^[0-9a-fA-F-]{32,36}$/);
    }),
  );
});

test('containerID as the pod status writes it', () => {
  assert.equal(bareContainerId('containerd://abc'), 'abc');
  assert.equal(bareContainerId('cri-o://abc'), 'abc');
  assert.equal(bareContainerId('abc'), 'abc');
});
