// The exporter's sources: the pod list from a kubelet or an API server (served here by a local
// HTTP server), the profile store's bounds, and cgroup paths seen from a cgroup namespace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectCgroupNamespace, processCgroup } from '../../src/sources/cgroup-namespace.js';
import { hostFs } from '../../src/sources/hostfs.js';
import { podSource } from '../../src/sources/kubelet.js';
import { ProfileStore } from '../../src/sources/profile-store.js';
import { createTargetReader } from '../../src/sources/target.js';

async function serve(handler: http.RequestListener): Promise<{ url: string; close(): void }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => (server.close(), server.closeAllConnections()) };
}

test('pod source: the kubelet /pods, or the API server with this node only; no token over HTTP', async () => {
  const seen: { url?: string; auth?: string }[] = [];
  const pods = readFileSync('testdata/k8s-pods/podlist.json', 'utf8');
  const s = await serve((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    res.end(pods);
  });
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-sa-'));
  try {
    writeFileSync(join(dir, 'token'), 'secret-token\n');
    const kubelet = await podSource({ url: s.url, tokenFile: join(dir, 'token') }).list();
    assert.ok(kubelet.ok && kubelet.pods.length === 4);
    const api = await podSource({
      url: s.url,
      nodeName: 'node-1',
      tokenFile: join(dir, 'token'),
    }).list();
    assert.ok(api.ok);
    assert.deepEqual(
      seen.map((x) => x.url),
      ['/pods', '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1'],
    );
    assert.deepEqual(
      seen.map((x) => x.auth),
      [undefined, undefined],
      'the token is sent over TLS only',
    );
  } finally {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pod source: refused, junk, an error status and a hang are problems, never exceptions', async () => {
  const junk = await serve((req, res) =>
    req.url === '/pods' ? res.end('<html>hi</html>') : res.writeHead(403).end('forbidden'),
  );
  const hang = await serve(() => undefined);
  try {
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1:1', /connection refused/],
      [junk.url, /not JSON/],
      [`${junk.url}/x`, /HTTP 403/],
      [hang.url, /no complete answer within 300 ms/],
    ];
    for (const [url, why] of cases) {
      const r = await podSource({ url, timeoutMs: 300 }).list();
      assert.ok(!r.ok && why.test(r.problem), `${url}: ${JSON.stringify(r)}`);
    }
  } finally {
    junk.close();
    hang.close();
  }
});

test('profile store: keeps the last N of each kind per container and at most maxBytes in all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-profiles-'));
  try {
    const store = await ProfileStore.open(dir, { keep: 2, maxBytes: 5000 });
    for (let t = 1; t <= 4; t++)
      await store.save('shop_cart-1', 'heap', t * 1000, new Uint8Array(1000));
    await store.save('shop_cart-1', 'goroutine', 5000, new Uint8Array(100));
    assert.deepEqual(readdirSync(join(dir, 'shop_cart-1')).sort(), [
      '3000-heap.pb.gz',
      '4000-heap.pb.gz',
      '5000-goroutine.txt',
    ]);
    for (let t = 6; t <= 9; t++)
      await store.save(`ns_pod-${t}`, 'heap', t * 1000, new Uint8Array(1000));
    assert.ok(store.totalBytes <= 5000, `${store.totalBytes} bytes kept`);
    assert.ok(!store.list().some((f) => f.t === 3000), 'the oldest went first');
    const again = await ProfileStore.open(dir, { keep: 2, maxBytes: 5000 });
    assert.deepEqual(
      again
        .list()
        .map((f) => f.path)
        .sort(),
      store
        .list()
        .map((f) => f.path)
        .sort(),
    );
    assert.equal((await again.read('ns_pod-9/9000-heap.pb.gz'))?.length, 1000);
    for (const bad of [
      '../etc/passwd',
      'shop_cart-1/../../x',
      '/etc/passwd',
      'shop_cart-1/1-heap.pb.gz',
    ])
      assert.equal(await again.read(bad), undefined, bad);
    await assert.rejects(store.save('../x', 'heap', 1, new Uint8Array(1)), /bad profile key/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const NS_HOST = 'testdata/hosts/v2-daemonset-cgroupns';

test('cgroup namespace: another pod\'s "/../.." path is found in the mounted host tree', async () => {
  const fs = hostFs(NS_HOST);
  const ns = await detectCgroupNamespace(fs, 7);
  assert.deepEqual(ns, {
    mountPoint: '/host/sys/fs/cgroup',
    rootParts: [
      'kubepods.slice',
      'kubepods-besteffort.slice',
      'kubepods-besteffort-pod5f0c1c2e_1a2b_4c3d_8e9f_0a1b2c3d4e5f.slice',
      'cri-containerd-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.scope',
    ],
  });
  const cg = await processCgroup(fs, 4242, ns);
  const path =
    '/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0b1a6e3c_5d4f_4e8a_9c2b_7f1e2d3c4b5a.slice/cri-containerd-4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b.scope';
  assert.deepEqual(cg, { path, dir: `/host/sys/fs/cgroup${path}` });
  const read = await createTargetReader(fs, { pid: 4242, cgroupDir: cg!.dir }).tick();
  const mem = read.snapshot.cgroup?.status === 'ok' ? read.snapshot.cgroup.value : undefined;
  assert.equal(
    mem?.effectiveLimit.status === 'ok' && mem.effectiveLimit.value.limit,
    256 << 20,
    'the container limit',
  );
  assert.equal(mem?.usage.status === 'ok' && mem.usage.value, 100 << 20);
  assert.equal(
    await detectCgroupNamespace(hostFs('testdata/hosts/v2-kubepods'), 7),
    undefined,
    'not in a namespace',
  );
});
