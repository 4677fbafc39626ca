// The kubelet's PodList reduced to what labels the series: names, owner, IPs, container IDs,
// port annotations, OOMKilled instances; junk is refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parsePodList } from '../../src/formats/k8s-pod-list.js';
import { ParseError } from '../../src/model/errors.js';

const text = readFileSync('testdata/k8s-pods/podlist.json', 'utf8');

test('pod list: names, owner workload, pod IP, QoS, containers and ports', () => {
  const [cart, ledger, etcd, pending] = parsePodList(text);
  assert.equal(cart.namespace, 'shop');
  assert.equal(cart.name, 'cart-7d9f8b6c5-x2x9z');
  assert.deepEqual(cart.owner, { kind: 'Deployment', name: 'cart' });
  assert.equal(cart.podIP, '10.244.1.17');
  assert.equal(cart.qosClass, 'Burstable');
  assert.equal(
    cart.containers.get('4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b'),
    'cart',
  );
  assert.equal(
    cart.containers.get('2222222222222222222222222222222222222222222222222222222222222222'),
    'envoy',
  );
  assert.deepEqual(cart.ports, [6060, 9090], 'the profiling port before the metrics port');
  assert.deepEqual(
    [...cart.oomKilled],
    [['1111111111111111111111111111111111111111111111111111111111111111', 'cart']],
  );
  assert.deepEqual(ledger.owner, { kind: 'StatefulSet', name: 'ledger' });
  assert.deepEqual(ledger.ports, [6060], 'a port annotation that is not a number is ignored');
  assert.equal(
    ledger.containers.get('3333333333333333333333333333333333333333333333333333333333333333'),
    'migrate',
  );
  assert.equal(ledger.oomKilled.size, 0, 'Completed is not OOMKilled');
  assert.deepEqual(etcd.owner, { kind: 'Node', name: 'node-1' });
  assert.equal(pending.podIP, undefined);
  assert.equal(pending.containers.size, 0);
});

test('pod list: junk is a ParseError naming what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['not json', /not JSON/],
    ['[]', /expected an object/],
    ['{"kind":"Status","items":[]}', /kind is "Status"/],
    ['{"items":[{"metadata":{"name":"x"}}]}', /items\[0\]\.metadata\.uid/],
    [
      '{"items":[{"metadata":{"name":"x","namespace":"n","uid":"u"},"status":{"containerStatuses":"x"}}]}',
      /containerStatuses/,
    ],
  ];
  for (const [input, why] of cases) {
    assert.throws(
      () => parsePodList(input),
      (err: Error) => err instanceof ParseError && why.test(err.message),
      input,
    );
  }
});

test('pod list: any JSON value gives pods or a ParseError, never another exception', () => {
  fc.assert(
    fc.property(fc.json(), (json) => {
      try {
        parsePodList(json);
      } catch (err) {
        assert.ok(err instanceof ParseError, String(err));
      }
    }),
  );
});
