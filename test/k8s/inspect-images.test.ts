// k8s lint --inspect-images against a real registry (crane registry serve on 127.0.0.1)
// holding images this test builds: the Go 1.26 scenario binary, the Go 1.17 binary of
// testdata/binaries behind a symlink and tini, a non-Go ELF, a script, a whiteout, an index.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scenarioPath } from '../support/go-scenario.js';
import {
  layerTar,
  pushImage,
  pushIndex,
  registrySkipReason,
  startRegistry,
  type Registry,
} from '../support/registry.js';
import { cli } from './helpers.js';

const skip =
  registrySkipReason() ??
  (existsSync(scenarioPath('steady')) ? undefined : 'dist/go/steady not built');
const OLD_GO = resolve('testdata/binaries/go1.17.13-linux-amd64');
const GOLDEN = resolve('testdata/k8s/golden/lint-inspect-images.txt');

let registry: Registry;
let dir: string;
const refs: Record<string, string> = {};

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'gomemlens-registry-'));
  registry = await startRegistry();
  const h = registry.host;
  const go126 = layerTar(dir, 'go126', [
    { path: 'usr/local/bin/steady', from: scenarioPath('steady') },
  ]);
  refs.go126 = pushImage(h, 'shop/api:1.0', { layers: [go126], entrypoint: ['steady'] });
  const oldBin = layerTar(dir, 'old', [{ path: 'opt/legacy/bin/server', from: OLD_GO }]);
  const link = layerTar(dir, 'link', [{ path: 'app/server', symlink: '../opt/legacy/bin/server' }]);
  refs.legacy = pushImage(h, 'shop/legacy:7', {
    layers: [oldBin, link],
    entrypoint: ['/sbin/tini', '--'],
    cmd: ['/app/server', '--listen=:8080'],
    env: { PATH: '/usr/bin' },
    oci: true,
  });
  const nongo = layerTar(dir, 'nongo', [{ path: 'usr/bin/true', from: '/usr/bin/true' }]);
  refs.nongo = pushImage(h, 'tools/true:1', { layers: [nongo], entrypoint: ['/usr/bin/true'] });
  const script = layerTar(dir, 'script', [
    { path: 'entrypoint.sh', text: '#!/bin/sh\nexec /app "$@"\n' },
  ]);
  refs.script = pushImage(h, 'tools/script:1', {
    layers: [script],
    entrypoint: ['/entrypoint.sh'],
  });
  const gone = layerTar(dir, 'gone', [{ path: 'usr/local/bin/.wh.steady', text: '' }]);
  refs.deleted = pushImage(h, 'shop/deleted:1', { layers: [go126, gone], entrypoint: ['steady'] });
  const amd = pushImage(h, 'shop/multi-amd64', {
    layers: [go126],
    entrypoint: ['steady'],
    platform: 'linux/amd64',
  });
  const arm = pushImage(h, 'shop/multi-arm64', {
    layers: [oldBin],
    entrypoint: ['/opt/legacy/bin/server'],
    platform: 'linux/arm64',
  });
  refs.multi = pushIndex(h, 'shop/multi:1', [amd, arm]);
});

after(async () => {
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function manifest(h: string): string {
  const container = (name: string, image: string, extra = '') =>
    `        - name: ${name}\n          image: ${image}\n${extra}          resources: {limits: {memory: 1Gi, cpu: "1"}}\n`;
  const env = (vars: Record<string, string>) =>
    '          env:\n' +
    Object.entries(vars)
      .map(([k, v]) => `            - {name: ${k}, value: "${v}"}\n`)
      .join('');
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  template:
    spec:
      containers:
${container('api', `${h}/shop/api:1.0`)}${container('legacy', `${h}/shop/legacy:7`, env({ GOMEMLIMIT: '900MiB', GOGC: 'off', GODEBUG: 'madvdontneed=1' }))}${container('true', `${h}/tools/true:1`)}${container('script', `${h}/tools/script:1`)}${container('deleted', `${h}/shop/deleted:1`)}${container('wrapped', `${h}/tools/true:1`, '          command: ["sh", "-c", "exec /usr/bin/true --version"]\n')}`;
}

function lint(file: string, ...extra: string[]) {
  return cli([
    'k8s',
    'lint',
    '--inspect-images',
    '--cache-dir',
    join(dir, 'cache'),
    '--fail-on',
    'info',
    ...extra,
    file,
  ]);
}

test('images decide Go-ness and the Go version the rules use', { skip }, () => {
  const file = join(dir, 'shop.yaml');
  writeFileSync(file, manifest(registry.host));
  const r = lint(file, '--json');
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  const byContainer = (name: string) =>
    out.findings
      .filter((f: { args: { container: string } }) => f.args.container === name)
      .map((f: { code: string }) => f.code)
      .sort();
  assert.deepEqual(byContainer('api'), ['k8s-gomemlimit-missing']);
  assert.deepEqual(byContainer('legacy'), [
    'k8s-godebug-madvdontneed',
    'k8s-gogc-off-without-gomemlimit',
    'k8s-gomaxprocs-not-container-aware',
    'k8s-gomemlimit-go-too-old',
  ]);
  const images = Object.fromEntries(
    out.images.map((i: { image: string; argv: string[] }) => [
      `${i.image.split('/').slice(1).join('/')} ${i.argv[0]}`,
      i,
    ]),
  );
  assert.match(images['shop/api:1.0 steady'].goVersion, /^go1\.2[6-9]/);
  assert.equal(images['shop/api:1.0 steady'].binary, '/usr/local/bin/steady');
  assert.equal(images['shop/legacy:7 /sbin/tini'].goVersion, 'go1.17.13');
  assert.equal(
    images['shop/legacy:7 /sbin/tini'].binary,
    '/opt/legacy/bin/server',
    'through tini and the symlink',
  );
  assert.equal(images['tools/true:1 /usr/bin/true'].verdict, 'not-go');
  assert.equal(images['tools/true:1 sh'].verdict, 'not-go', 'sh -c "exec PROGRAM" looked through');
  assert.match(images['tools/script:1 /entrypoint.sh'].reason, /a script \(#!\/bin\/sh\)/);
  assert.match(images['shop/deleted:1 steady'].reason, /steady is in no directory of PATH/);
  assert.deepEqual(
    [out.summary.goContainers, out.summary.unknownLanguage],
    [2, 2],
    'api and legacy are Go; the script and the deleted binary stay unknown',
  );
  const old = out.findings.find((f: { code: string }) => f.code === 'k8s-gomemlimit-go-too-old');
  assert.equal(old.severity, 'error');
  assert.match(
    old.evidence[0].source,
    /shop\/legacy:7@sha256:[0-9a-f]{64}:\/opt\/legacy\/bin\/server$/,
  );
});

test(
  'text output: a golden file (registry address and Go 1.26 patch level replaced)',
  { skip },
  () => {
    const file = join(dir, 'shop.yaml');
    writeFileSync(file, manifest(registry.host));
    const r = lint(file);
    const text = `# exit ${r.status}\n${r.stdout}`
      .replaceAll(registry.host, 'REGISTRY')
      .replaceAll(file, 'shop.yaml')
      .replace(/go1\.26\.\d+/g, 'go1.26.x');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
    assert.equal(text, readFileSync(GOLDEN, 'utf8'));
  },
);

test('an index: --platform picks the manifest', { skip }, () => {
  const file = join(dir, 'multi.yaml');
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Pod\nmetadata: {name: m}\nspec:\n  containers:\n    - name: m\n      image: ${refs.multi}\n`,
  );
  const version = (platform: string) =>
    JSON.parse(lint(file, '--json', '--platform', platform).stdout).images[0].goVersion;
  assert.match(version('linux/amd64'), /^go1\.2[6-9]/);
  assert.equal(version('linux/arm64'), 'go1.17.13');
  const r = lint(file, '--platform', 'linux/s390x');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no linux\/s390x image in the index \(it has linux\/amd64, linux\/arm64/);
});

test(
  'the cache: a pinned digest is read from disk, a tag needs the registry',
  { skip },
  async () => {
    const cache = join(dir, 'pinned-cache');
    const file = join(dir, 'pinned.yaml');
    const pod = (image: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: p\n      image: ${image}\n      resources: {limits: {memory: 1Gi}}\n`;
    writeFileSync(file, pod(refs.legacy));
    const run = () =>
      cli(['k8s', 'lint', '--json', '--inspect-images', '--cache-dir', cache, file]);
    const first = run();
    assert.equal(first.status, 0, first.stderr);
    assert.equal(readdirSync(cache).length, 1);
    await registry.stop();
    const second = run();
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(JSON.parse(second.stdout).images, JSON.parse(first.stdout).images);
    writeFileSync(file, pod(`${registry.host}/shop/legacy:7`));
    const tagged = run();
    assert.equal(tagged.status, 2);
    assert.match(tagged.stderr, /shop\/legacy:7: 127\.0\.0\.1:\d+: connection refused/);
    // A damaged entry is a miss, not an error: with the registry gone, that is connection refused.
    writeFileSync(file, pod(refs.legacy));
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), '{"format": 1');
    assert.equal(run().status, 2);
  },
);
